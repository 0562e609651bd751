// Stream compaction on top of GenericScanKernel (API.md, "copy_if, remove_if, partition,
// unique"; PyOpenCL's pyopencl.algorithm):
//
//   auto [out, count, ev]      = clarity::copy_if(ary, "ary[i] > 300");
//   auto [kept, n_kept, ev2]   = clarity::remove_if(ary, "ary[i] > lim", {.extra_args = {clarity::arg("lim", 300)}});
//   auto [yes, no, n_yes, ev3] = clarity::partition(ary, "ary[i] < lim", {.extra_args = {clarity::arg("lim", 7)}});
//   auto [uniq, n_uniq, ev4]   = clarity::unique(sorted, "a == b");
//
// The predicate sees the input as ary[i] and the extra arguments by name; unique's comparison
// sees two neighbours as a and b. Outputs have the input's length; the first `count` entries
// are meaningful (partition: `no` holds the other n - count, in order). `count` is a 0-d device
// array, so nothing waits for the device until count.item(). All are stable and one pass over
// the data; the generated kernels are cached by predicate and types.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <clarity/array.hpp>
#include <clarity/detail/call_argument.hpp>
#include <clarity/device.hpp>

namespace clarity {

// A named extra argument for a predicate: a scalar (passed as its own C type) or an array.
struct extra_arg {
    std::string name;
    detail::call_argument value;
    std::shared_ptr<const void> keeps_alive;  // the array an array argument refers to
};

template <element T>
extra_arg arg(std::string name, const array<T>& values) {
    auto held = std::make_shared<const array<T>>(values);
    return {std::move(name), detail::make_call_argument(*held), held};
}

template <element T>
extra_arg arg(std::string name, const T& value) {
    return {std::move(name), detail::make_call_argument(value), nullptr};
}

struct algorithm_options {
    std::vector<extra_arg> extra_args;
    std::string preamble;  // OpenCL C placed before the kernels (helper functions)
    wait_list wait_for;
};

template <element T>
struct compaction_result {
    array<T> out;
    array<std::uint64_t> count;
    event ev;
};

template <element T>
struct partition_result {
    array<T> yes;  // entries where the predicate holds, first count of them meaningful
    array<T> no;   // the others, first size - count meaningful
    array<std::uint64_t> count;
    event ev;
};

namespace detail {
enum class compaction { copy_if, remove_if, partition, unique };

// Runs one compaction of `input` into `out` (and `rejected` for partition), count into `count`.
event run_compaction(compaction what, const queue& q, const array_view& input, const std::string& predicate,
                     const algorithm_options& options, const array_view& out, const array_view* rejected,
                     const array_view& count);

template <element T>
compaction_result<T> compact(compaction what, const array<T>& ary, const std::string& predicate,
                             const algorithm_options& options) {
    const auto& q = ary.get_queue();
    compaction_result<T> r{array<T>(q, {ary.size()}), array<std::uint64_t>(q, {}), {}};
    r.ev = run_compaction(what, q, ary.core(), predicate, options, r.out.core(), nullptr, r.count.core());
    return r;
}
}  // namespace detail

// The entries of ary for which the predicate holds, in order.
template <element T>
compaction_result<T> copy_if(const array<T>& ary, const std::string& predicate, const algorithm_options& options = {}) {
    return detail::compact(detail::compaction::copy_if, ary, predicate, options);
}

// The entries of ary for which the predicate does not hold, in order.
template <element T>
compaction_result<T> remove_if(const array<T>& ary, const std::string& predicate,
                               const algorithm_options& options = {}) {
    return detail::compact(detail::compaction::remove_if, ary, predicate, options);
}

// Drops each entry equal to its predecessor (is_equal over a and b; usually on sorted input).
template <element T>
compaction_result<T> unique(const array<T>& ary, const std::string& is_equal = "a == b",
                            const algorithm_options& options = {}) {
    return detail::compact(detail::compaction::unique, ary, is_equal, options);
}

// Both halves of ary, each in its original order.
template <element T>
partition_result<T> partition(const array<T>& ary, const std::string& predicate, const algorithm_options& options = {}) {
    const auto& q = ary.get_queue();
    partition_result<T> r{array<T>(q, {ary.size()}), array<T>(q, {ary.size()}), array<std::uint64_t>(q, {}), {}};
    const auto rejected = r.no.core();
    r.ev = detail::run_compaction(detail::compaction::partition, q, ary.core(), predicate, options, r.yes.core(),
                                  &rejected, r.count.core());
    return r;
}

}  // namespace clarity
