// The buffer pool (clarity/memory_pool.hpp), in HOST time per iteration (wall clock, the queue
// finished each time), with pooling on and off:
//   memory/alloc_free/{pooled,unpooled}/N  an N-float array made, one element written (so the
//                                          driver really backs the buffer), then freed
//   memory/copy_if/{pooled,unpooled}/N     clarity::copy_if through the API (its out and count
//                                          arrays are new each call), waited for
// N = 2^20 (4 MiB) and 2^28 (1 GiB) floats.
#include "bench_support.hpp"

namespace {

// Pooling as the benchmark asks, with held buffers dropped before and after so that cases do
// not feed each other.
struct pooling_for_benchmark {
    bool previous = clarity::memory_pool_enabled();
    explicit pooling_for_benchmark(bool on) {
        clarity::free_held_memory();
        clarity::set_memory_pool_enabled(on);
    }
    ~pooling_for_benchmark() {
        clarity::set_memory_pool_enabled(previous);
        clarity::free_held_memory();
    }
};

void alloc_free(benchmark::State& state, bool pooled) {
    clarity_bench::guarded(state, [&] {
        const auto& q = clarity::default_queue();
        const auto n = clarity_bench::size_arg(state);
        if (!clarity_bench::fits_on_device(state, q.device(), 1, n * sizeof(float))) return;
        pooling_for_benchmark pooling(pooled);
        for (auto _ : state) {
            auto a = clarity::empty<float>(q, {n});
            a.slice(0, 0, 1).fill(1.0f);
            q.finish();
        }
    });
}

void copy_if(benchmark::State& state, bool pooled) {
    clarity_bench::guarded(state, [&] {
        const auto& q = clarity::default_queue();
        const auto n = clarity_bench::size_arg(state);
        if (!clarity_bench::fits_on_device(state, q.device(), 3, n * sizeof(float))) return;
        const auto input = clarity::arange<float>(q, 0.0f, float(n));
        const auto keep_small = [&] {
            auto [out, count, done] = clarity::copy_if(input, "ary[i] < 1000.0f");
            done.wait();
        };
        keep_small();  // builds the kernels outside the timed loop
        pooling_for_benchmark pooling(pooled);
        for (auto _ : state) keep_small();
    });
}

void host_timed_sizes(benchmark::internal::Benchmark* b) {
    b->Arg(std::int64_t(1) << 20)->Arg(std::int64_t(1) << 28)->Unit(benchmark::kMicrosecond);
}

}  // namespace

BENCHMARK_CAPTURE(alloc_free, pooled, true)->Name("memory/alloc_free/pooled")->Apply(host_timed_sizes);
BENCHMARK_CAPTURE(alloc_free, unpooled, false)->Name("memory/alloc_free/unpooled")->Apply(host_timed_sizes);
BENCHMARK_CAPTURE(copy_if, pooled, true)->Name("memory/copy_if/pooled")->Apply(host_timed_sizes);
BENCHMARK_CAPTURE(copy_if, unpooled, false)->Name("memory/copy_if/unpooled")->Apply(host_timed_sizes);

CLARITY_BENCHMARK_MAIN();
