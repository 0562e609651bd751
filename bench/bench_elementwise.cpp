// saxpy, y = a * x + y on float32, the simplest memory-bound element-wise kernel:
//   saxpy/clarity/N        clarity::ElementwiseKernel
//   saxpy/boost_compute/N  boost::compute::transform with a lambda, on clarity's queue and buffers
// Bytes counted: x and y read, y written: 3 * N * 4.
#include "bench_support.hpp"
#include "boost_compute.hpp"

namespace {

constexpr float alpha = 2.0f, x_start = 1.0f, y_start = 0.5f;  // exact in float: the check is ==

// x and y on the default queue; `prepare(x, y)` returns a callable that enqueues one
// y = a * x + y, so that the peers' per-array setup stays out of the timed loop.
template <class Prepare>
void saxpy_benchmark(benchmark::State& state, Prepare prepare) {
    clarity_bench::guarded(state, [&] {
        const auto& q = clarity::default_queue();
        const auto n = clarity_bench::size_arg(state);
        if (!clarity_bench::fits_on_device(state, q.device(), 2, n * sizeof(float))) return;
        const auto x = clarity::full<float>(q, {n}, x_start);
        auto y = clarity::full<float>(q, {n}, y_start);
        clarity_bench::time_on_device(state, q, 3 * n * sizeof(float), prepare(x, y),
                                      [&] { clarity_bench::expect_ends(y, alpha * x_start + y_start, "saxpy"); });
    });
}

void saxpy_clarity(benchmark::State& state) {
    static const clarity::ElementwiseKernel saxpy(clarity::default_queue().context(), "float a, float *x, float *y",
                                                  "y[i] = a * x[i] + y[i]", "saxpy");
    saxpy_benchmark(state, [](const clarity::array<float>& x, clarity::array<float>& y) {
        return [&x, &y] { saxpy(alpha, x, y); };
    });
}

void saxpy_boost_compute(benchmark::State& state) {
    namespace bc = boost::compute;
    saxpy_benchmark(state, [](const clarity::array<float>& x, clarity::array<float>& y) {
        return [queue = bc::command_queue(x.get_queue().get()(), true), xb = bc::buffer(x.buffer()(), true),
                yb = bc::buffer(y.buffer()(), true), n = x.size()]() mutable {
            using bc::lambda::_1;
            using bc::lambda::_2;
            const auto x_begin = bc::make_buffer_iterator<float>(xb, 0);
            const auto y_begin = bc::make_buffer_iterator<float>(yb, 0);
            bc::transform(x_begin, x_begin + n, y_begin, y_begin, alpha * _1 + _2, queue);
        };
    });
}

}  // namespace

BENCHMARK(saxpy_clarity)->Name("saxpy/clarity")->Apply(clarity_bench::float_sizes);
BENCHMARK(saxpy_boost_compute)->Name("saxpy/boost_compute")->Apply(clarity_bench::float_sizes);

CLARITY_BENCHMARK_MAIN();
