// Scans and compaction against Boost.Compute on the same device and queue:
//   scan/inclusive/clarity/N     InclusiveScanKernel<int>, out of place
//   scan/exclusive/clarity/N     ExclusiveScanKernel<int>, out of place
//   scan/no_output/clarity/N     an int sum scan that writes nothing: loads, tile scans, look-back
//   scan/segmented/clarity/N     segmented int sum, a segment start (int flag) every 1000 elements
//   scan/inclusive/boost/N       boost::compute::inclusive_scan
//   copy_if/clarity/N            float x > 0.5f, half of the entries kept (the output array is
//                                allocated by each call, as the API does)
//   copy_if/clarity_preallocated/N  the same compaction into arrays allocated once: the kernel alone
//   copy_if/boost/N              boost::compute::copy_if, same data
//   unique/clarity/N             int, every value twice in a row
// Bytes counted: what a single pass must move (elements read plus elements written).
#include "bench_support.hpp"
#include "boost_compute.hpp"

#include <boost/compute/algorithm/copy_if.hpp>
#include <boost/compute/algorithm/inclusive_scan.hpp>

namespace {

namespace bc = boost::compute;

void check(bool ok, const std::string& what) {
    if (!ok) throw std::runtime_error(what + ": wrong result");
}

template <class Scan>
void scan_benchmark(benchmark::State& state, bool inclusive, Scan make_scan) {
    clarity_bench::guarded(state, [&] {
        const auto& q = clarity::default_queue();
        const auto n = clarity_bench::size_arg(state);
        if (!clarity_bench::fits_on_device(state, q.device(), 2, n * sizeof(int))) return;
        const auto in = clarity::ones<int>(q, {n});
        auto out = clarity::zeros<int>(q, {n});
        auto scan = make_scan(q);
        clarity_bench::time_on_device(
            state, q, 2 * n * sizeof(int), [&] { scan(in, out); },
            [&] { check(out[std::ptrdiff_t(n) - 1].item() == int(inclusive ? n : n - 1), "scan"); });
    });
}

void inclusive_clarity(benchmark::State& state) {
    scan_benchmark(state, true, [](const clarity::queue& q) {
        return clarity::InclusiveScanKernel<int>(q.context(), "a + b", "0");
    });
}

void exclusive_clarity(benchmark::State& state) {
    scan_benchmark(state, false, [](const clarity::queue& q) {
        return clarity::ExclusiveScanKernel<int>(q.context(), "a + b", "0");
    });
}

void inclusive_boost(benchmark::State& state) {
    scan_benchmark(state, true, [](const clarity::queue& q) {
        return [bq = bc::command_queue(q.get()(), true)](const clarity::array<int>& in, clarity::array<int>& out) mutable {
            const bc::buffer bin(in.buffer()(), true), bout(out.buffer()(), true);
            bc::inclusive_scan(bc::make_buffer_iterator<int>(bin, 0), bc::make_buffer_iterator<int>(bin, in.size()),
                               bc::make_buffer_iterator<int>(bout, 0), bq);
        };
    });
}

// Loads, scans and chains the tiles but writes nothing: what the scan costs before its stores.
void no_output_clarity(benchmark::State& state) {
    clarity_bench::guarded(state, [&] {
        const auto& q = clarity::default_queue();
        const auto n = clarity_bench::size_arg(state);
        if (!clarity_bench::fits_on_device(state, q.device(), 1, n * sizeof(int))) return;
        const auto in = clarity::ones<int>(q, {n});
        const clarity::GenericScanKernel<int> scan(
            q.context(), {.arguments = "__global const int *x", .input_expr = "x[i]", .scan_expr = "a + b",
                          .output_statement = "", .name = "no_output"});
        clarity_bench::time_on_device(state, q, n * sizeof(int), [&] { scan(in); }, [] {});
    });
}

void segmented_clarity(benchmark::State& state) {
    clarity_bench::guarded(state, [&] {
        const auto& q = clarity::default_queue();
        const auto n = clarity_bench::size_arg(state);
        if (!clarity_bench::fits_on_device(state, q.device(), 3, n * sizeof(int))) return;
        const auto in = clarity::ones<int>(q, {n});
        auto starts = clarity::zeros<int>(q, {n});
        clarity::ElementwiseKernel(q.context(), "__global int *s", "s[i] = i % 1000 == 0", "mark_starts")(starts);
        auto out = clarity::zeros<int>(q, {n});
        clarity::scan_options options;
        options.arguments = "__global const int *x, __global const int *starts, __global int *out";
        options.input_expr = "x[i]";
        options.scan_expr = "across_seg_boundary ? b : a + b";
        options.output_statement = "out[i] = item";
        options.is_segment_start_expr = "starts[i]";
        const clarity::GenericScanKernel<int> scan(q.context(), options);
        clarity_bench::time_on_device(
            state, q, 3 * n * sizeof(int), [&] { scan(in, starts, out); },
            [&] { check(out[std::ptrdiff_t(n) - 1].item() == int((n - 1) % 1000 + 1), "segmented scan"); });
    });
}

// Half of the entries above 0.5: 0.25, 0.75, 0.25, ...
clarity::array<float> half_above(const clarity::queue& q, std::size_t n) {
    auto x = clarity::empty<float>(q, {n});
    clarity::ElementwiseKernel(q.context(), "__global float *x", "x[i] = (i % 2) ? 0.75f : 0.25f", "half_above")(x);
    return x;
}

// Runs body(q, n, x, out) with x from half_above and an output array of the same size.
template <class Body>
void copy_if_benchmark(benchmark::State& state, Body body) {
    clarity_bench::guarded(state, [&] {
        const auto& q = clarity::default_queue();
        const auto n = clarity_bench::size_arg(state);
        if (!clarity_bench::fits_on_device(state, q.device(), 2, n * sizeof(float))) return;
        const auto x = half_above(q, n);
        auto out = clarity::empty<float>(q, {n});
        body(q, n, x, out);
    });
}

constexpr std::size_t copy_if_bytes(std::size_t n) { return n * sizeof(float) + n / 2 * sizeof(float); }

void copy_if_clarity(benchmark::State& state) {
    copy_if_benchmark(state, [&](const clarity::queue& q, std::size_t n, const clarity::array<float>& x, auto&) {
        clarity::array<std::uint64_t> count;
        clarity_bench::time_on_device(
            state, q, copy_if_bytes(n), [&] { count = clarity::copy_if(x, "ary[i] > 0.5f").count; },
            [&] { check(count.item() == n / 2, "copy_if"); });
    });
}

// The compaction kernel alone: output and count allocated once, outside the timing.
void copy_if_preallocated_clarity(benchmark::State& state) {
    copy_if_benchmark(state, [&](const clarity::queue& q, std::size_t n, const clarity::array<float>& x,
                                 clarity::array<float>& out) {
        clarity::array<std::uint64_t> count(q, {});
        clarity_bench::time_on_device(
            state, q, copy_if_bytes(n),
            [&] {
                clarity::detail::run_compaction(clarity::detail::compaction::copy_if, q, x.core(), "ary[i] > 0.5f", {},
                                                out.core(), nullptr, count.core());
            },
            [&] { check(count.item() == n / 2, "copy_if"); });
    });
}

void copy_if_boost(benchmark::State& state) {
    copy_if_benchmark(state, [&](const clarity::queue& q, std::size_t n, const clarity::array<float>& x,
                                 clarity::array<float>& out) {
        bc::command_queue bq(q.get()(), true);
        const bc::buffer bx(x.buffer()(), true), bout(out.buffer()(), true);
        std::size_t count = 0;
        clarity_bench::time_on_device(
            state, q, copy_if_bytes(n),
            [&] {
                using bc::lambda::_1;
                const auto end = bc::copy_if(bc::make_buffer_iterator<float>(bx, 0), bc::make_buffer_iterator<float>(bx, n),
                                             bc::make_buffer_iterator<float>(bout, 0), _1 > 0.5f, bq);
                count = std::size_t(end.get_index());
            },
            [&] { check(count == n / 2, "boost copy_if"); });
    });
}

void unique_clarity(benchmark::State& state) {
    clarity_bench::guarded(state, [&] {
        const auto& q = clarity::default_queue();
        const auto n = clarity_bench::size_arg(state);
        if (!clarity_bench::fits_on_device(state, q.device(), 2, n * sizeof(int))) return;
        auto x = clarity::empty<int>(q, {n});
        clarity::ElementwiseKernel(q.context(), "__global int *x", "x[i] = i / 2", "pairs")(x);
        clarity::array<std::uint64_t> count;
        clarity_bench::time_on_device(
            state, q, n * sizeof(int) + n / 2 * sizeof(int), [&] { count = clarity::unique(x).count; },
            [&] { check(count.item() == (n + 1) / 2, "unique"); });
    });
}

}  // namespace

BENCHMARK(inclusive_clarity)->Name("scan/inclusive/clarity")->Apply(clarity_bench::float_sizes);
BENCHMARK(inclusive_boost)->Name("scan/inclusive/boost")->Apply(clarity_bench::float_sizes);
BENCHMARK(no_output_clarity)->Name("scan/no_output/clarity")->Apply(clarity_bench::float_sizes);
BENCHMARK(exclusive_clarity)->Name("scan/exclusive/clarity")->Apply(clarity_bench::float_sizes);
BENCHMARK(segmented_clarity)->Name("scan/segmented/clarity")->Apply(clarity_bench::float_sizes);
BENCHMARK(copy_if_clarity)->Name("copy_if/clarity")->Apply(clarity_bench::float_sizes);
BENCHMARK(copy_if_preallocated_clarity)->Name("copy_if/clarity_preallocated")->Apply(clarity_bench::float_sizes);
BENCHMARK(copy_if_boost)->Name("copy_if/boost")->Apply(clarity_bench::float_sizes);
BENCHMARK(unique_clarity)->Name("unique/clarity")->Apply(clarity_bench::float_sizes);

CLARITY_BENCHMARK_MAIN();
