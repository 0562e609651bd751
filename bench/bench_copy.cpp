// Device-to-device copy bandwidth of float32 buffers, the ceiling for every memory-bound kernel:
//   copy/clEnqueueCopyBuffer/N  the OpenCL call itself, on the arrays' buffers
//   copy/clarity/N              dst.assign_from(src): clarity's copy path (clEnqueueCopyBuffer for
//                               contiguous arrays of one type), its bookkeeping included
// Bytes counted: N * 4 read + N * 4 written.
#include "bench_support.hpp"

namespace {

constexpr float source_value = 1.5f;

template <class Copy>
void copy_benchmark(benchmark::State& state, Copy copy) {
    clarity_bench::guarded(state, [&] {
        const auto& q = clarity::default_queue();
        const auto n = clarity_bench::size_arg(state);
        if (!clarity_bench::fits_on_device(state, q.device(), 2, n * sizeof(float))) return;
        const auto src = clarity::full<float>(q, {n}, source_value);
        auto dst = clarity::zeros<float>(q, {n});
        clarity_bench::time_on_device(
            state, q, 2 * n * sizeof(float), [&] { copy(q, src, dst); },
            [&] { clarity_bench::expect_ends(dst, source_value, "copy"); });
    });
}

void copy_opencl(benchmark::State& state) {
    copy_benchmark(state, [](const clarity::queue& q, const clarity::array<float>& src, clarity::array<float>& dst) {
        const cl_int status = q.get().enqueueCopyBuffer(src.buffer(), dst.buffer(), 0, 0, src.nbytes());
        if (status != CL_SUCCESS) throw clarity::error("clEnqueueCopyBuffer", status);
    });
}

void copy_clarity(benchmark::State& state) {
    copy_benchmark(state, [](const clarity::queue&, const clarity::array<float>& src, clarity::array<float>& dst) {
        dst.assign_from(src);
    });
}

}  // namespace

BENCHMARK(copy_opencl)->Name("copy/clEnqueueCopyBuffer")->Apply(clarity_bench::float_sizes);
BENCHMARK(copy_clarity)->Name("copy/clarity")->Apply(clarity_bench::float_sizes);

CLARITY_BENCHMARK_MAIN();
