// What every benchmark shares, so that all tables use the same sizes, timing and units:
//
//   static void copy_buffer(benchmark::State& state) {
//       clarity_bench::guarded(state, [&] {
//           auto& q = clarity::default_queue();
//           const auto n = clarity_bench::size_arg(state);
//           if (!clarity_bench::fits_on_device(state, q.device(), 2, n * sizeof(float))) return;
//           ...
//           clarity_bench::time_on_device(state, q, bytes_per_iteration, [&] { /* enqueue */ },
//                                         [&] { /* check the result of the first run */ });
//       });
//   }
//   BENCHMARK(copy_buffer)->Name("copy/clEnqueueCopyBuffer")->Apply(clarity_bench::float_sizes);
//   CLARITY_BENCHMARK_MAIN();
#pragma once

#include <benchmark/benchmark.h>

#include <cstddef>
#include <cstdlib>
#include <cstdint>
#include <exception>
#include <iostream>
#include <stdexcept>
#include <string>

#include <clarity/clarity.hpp>

namespace clarity_bench {

// Device time, as time_on_device measures it (every benchmark that uses it must say so).
inline void device_timed(benchmark::internal::Benchmark* b) { b->UseManualTime(); }

// Element counts 2^20 .. 2^28, step x4 (4 MiB .. 1 GiB of float32), in device time.
inline void float_sizes(benchmark::internal::Benchmark* b) {
    b->RangeMultiplier(4)->Range(std::int64_t(1) << 20, std::int64_t(1) << 28);
    device_timed(b);
    b->Unit(benchmark::kMicrosecond);
}

inline std::size_t size_arg(const benchmark::State& state) { return static_cast<std::size_t>(state.range(0)); }

// Runs a benchmark body; an exception (an OpenCL error, a failed check) marks this size as
// failed instead of ending the whole executable.
template <class Body>
void guarded(benchmark::State& state, Body body) {
    try {
        body();
    } catch (const std::exception& e) {
        state.SkipWithError(e.what());
    }
}

// Whether `arrays` buffers of `bytes_each` fit on the device; if not, skips this size.
inline bool fits_on_device(benchmark::State& state, const clarity::device& dev, std::size_t arrays,
                           std::size_t bytes_each) {
    if (bytes_each <= dev.max_alloc_size() && arrays * bytes_each <= dev.global_mem_size()) return true;
    state.SkipWithError(("needs " + std::to_string(arrays) + " buffers of " + std::to_string(bytes_each) +
                         " bytes; the device allows " + std::to_string(dev.max_alloc_size()) + " per buffer, " +
                         std::to_string(dev.global_mem_size()) + " in all")
                            .c_str());
    return false;
}

// Throws unless a's first and last elements equal `expected` (a cheap check that the measured
// operation really ran over the whole range).
template <class T>
void expect_ends(const clarity::array<T>& a, T expected, const std::string& what) {
    const T first = a[0].item(), last = a[static_cast<std::ptrdiff_t>(a.size()) - 1].item();
    if (first != expected || last != expected)
        throw std::runtime_error(what + ": got " + std::to_string(first) + " and " + std::to_string(last) +
                                 " at the ends, expected " + std::to_string(expected));
}

// When a command finished on the device, in nanoseconds of the device's clock.
inline std::uint64_t end_ns(const clarity::event& e) {
    cl_int status = CL_SUCCESS;
    const auto end = e.get().getProfilingInfo<CL_PROFILING_COMMAND_END>(&status);
    clarity::detail::check(status, "clGetEventProfilingInfo");
    return end;
}

// Times `enqueue` (which only enqueues work on q). It runs once first, outside the timed loop,
// so that kernel builds and first-touch allocation are not measured, and `verify` then checks
// that run's result (throwing if wrong). Each timed iteration is measured on the device: from
// the end of a marker enqueued before `runs_per_iteration` back-to-back runs to the end of one
// enqueued after them, divided by the runs. The queue records profiling times
// (CLARITY_BENCHMARK_MAIN sets CLARITY_PROFILE=1), so no host round trip is counted, as the
// CUDA-event timings of the peers count none; several runs per bracket spread the markers' own
// cost (about 8 us on an H200) the way back-to-back launches do.
template <class Enqueue, class Verify>
void time_on_device(benchmark::State& state, const clarity::queue& q, std::size_t bytes_per_iteration,
                    Enqueue enqueue, Verify verify) {
    constexpr int runs_per_iteration = 10;
    enqueue();
    q.finish();
    verify();
    for (auto _ : state) {
        const auto before = q.enqueue_marker();
        for (int run = 0; run < runs_per_iteration; ++run) enqueue();
        const auto after = q.enqueue_marker();
        after.wait();
        state.SetIterationTime(double(end_ns(after) - end_ns(before)) * 1e-9 / runs_per_iteration);
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) *
                            static_cast<std::int64_t>(bytes_per_iteration));
    state.counters["GB/s"] = benchmark::Counter(static_cast<double>(bytes_per_iteration) * 1e-9,
                                                benchmark::Counter::kIsIterationInvariantRate);
}

// main(): names the OpenCL device in the benchmark context (console header and JSON "context").
inline int run_main(int argc, char** argv) {
    ::setenv("CLARITY_PROFILE", "1", 1);  // before the default queue exists: time_on_device reads its events
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
    try {
        const auto& dev = clarity::default_queue().device();
        benchmark::AddCustomContext("opencl_device", dev.name());
        benchmark::AddCustomContext("opencl_platform", dev.platform_name());
        benchmark::AddCustomContext("opencl_driver", dev.driver_version());
    } catch (const std::exception& e) {
        std::cerr << "no OpenCL device: " << e.what() << '\n';
        return 1;
    }
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}

}  // namespace clarity_bench

#define CLARITY_BENCHMARK_MAIN() \
    int main(int argc, char** argv) { return clarity_bench::run_main(argc, argv); }
