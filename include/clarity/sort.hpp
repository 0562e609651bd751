// Radix sorting (API.md, "Sorting"; PyOpenCL's RadixSort): a generic RadixSort whose key is
// computed from any of its arguments, and sort / sort_by_key / argsort for arrays.
//
//   clarity::RadixSort sorter(ctx, "__global int *ary, __global int *idx", "ary[i]", {"ary", "idx"},
//                             {.key_type = "uint"});
//   sorter.launch({.key_bits = 32}, ary, idx);     // stable; ary and idx end up sorted by ary[i]
//
//   clarity::sort(keys);                           // any integer or floating type, in place
//   clarity::sort(keys, {.descending = true});
//   clarity::sort_by_key(keys, values);            // values (any element type) follow their keys
//   auto p = clarity::argsort(keys);               // array<uint32_t>; argsort<std::uint64_t> beyond 2^32
//
// All sorts are stable. Floats sort as -inf < negatives < -0.0 < +0.0 < positives < +inf < NaN,
// and NaN stays last when descending. Arrays must be contiguous; an n-d array is sorted as its
// flat sequence of elements. The sort is an LSD radix sort with 8-bit digits in onesweep style:
// one read of the keys for all digit counts, then one kernel per digit. The sort's scratch
// buffers (up to twice the size of the keys and values) come from the queue's memory pool
// (memory_pool.hpp), so repeated sorts on a queue reuse them.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <type_traits>
#include <vector>

#include <clarity/array.hpp>
#include <clarity/detail/call_argument.hpp>
#include <clarity/device.hpp>

namespace clarity {

struct radix_sort_options {
    std::string key_type = "uint";  // "uint" or "ulong": the type key_expr is converted to
    std::string preamble;           // OpenCL C placed before the key kernel (helper functions)
    std::string options;            // compiler options for the key kernel
};

struct radix_sort_launch_options {
    unsigned key_bits = 0;  // sort by the low key_bits bits of the key; 0: all bits of key_type
    wait_list wait_for;
};

// Sorts the arrays named in sort_arg_names by the key key_expr computes for each index i (an
// unsigned integer of key_type; any argument may appear in it). Every array argument has the
// size of the first; the named ones end up permuted together, in place.
class RadixSort {
public:
    RadixSort(const context& ctx, const std::string& arguments, const std::string& key_expr,
              const std::vector<std::string>& sort_arg_names, const radix_sort_options& options = {});

    template <class... Args>
    event operator()(const Args&... args) const {
        return launch({}, args...);
    }

    template <class... Args>
    event launch(const radix_sort_launch_options& options, const Args&... args) const {
        const std::array<detail::call_argument, sizeof...(Args)> erased{detail::make_call_argument(args)...};
        return launch_erased(options, erased);
    }

    // The OpenCL C of the kernel that computes the keys, for reading and debugging.
    std::string key_source(const device& dev, bool wide_indices = false) const;

    struct state;

private:
    event launch_erased(const radix_sort_launch_options& options, std::span<const detail::call_argument> args) const;
    std::shared_ptr<state> state_;
};

struct sort_options {
    bool descending = false;
    wait_list wait_for;
};

namespace detail {
// keys (and values, when not null) sorted in place; both contiguous and of one size.
event sort_arrays(const array_view& keys, const array_view* values, const queue& q, const sort_options& options);
// The stable permutation that sorts keys, written to `permutation` (uint or ulong elements).
event argsort_into(const array_view& keys, const array_view& permutation, const queue& q, const sort_options& options);

template <class T>
concept sortable_key = std::is_arithmetic_v<T> && !std::is_same_v<T, bool>;
}  // namespace detail

// Sorts keys in place (stable; see the top of this file for the order of floats).
template <element T>
    requires detail::sortable_key<T>
event sort(const array<T>& keys, const sort_options& options = {}) {
    return detail::sort_arrays(keys.core(), nullptr, keys.get_queue(), options);
}

// Sorts keys in place and moves each value with its key (stable).
template <element K, element V>
    requires detail::sortable_key<K>
event sort_by_key(const array<K>& keys, const array<V>& values, const sort_options& options = {}) {
    const auto v = values.core();
    return detail::sort_arrays(keys.core(), &v, keys.get_queue(), options);
}

// The stable permutation p such that keys[p[0]], keys[p[1]], ... is sorted; keys is unchanged.
// Index is std::uint32_t (up to 2^32 elements) or std::uint64_t.
template <class Index = std::uint32_t, element T>
    requires detail::sortable_key<T> && (std::is_same_v<Index, std::uint32_t> || std::is_same_v<Index, std::uint64_t>)
array<Index> argsort(const array<T>& keys, const sort_options& options = {}) {
    array<Index> permutation(keys.get_queue(), {keys.size()});
    detail::argsort_into(keys.core(), permutation.core(), keys.get_queue(), options);
    return permutation;
}

}  // namespace clarity
