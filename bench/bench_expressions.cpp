// A fused five-operand expression, r = a*b + c*d - e on float32, against the same written by hand:
//   expression/fused/N          r = a * b + c * d - e, one generated kernel (clarity/expression.hpp)
//   expression/elementwise/N    clarity::ElementwiseKernel "r[i] = a[i]*b[i] + c[i]*d[i] - e[i]"
// Bytes counted: five arrays read, one written: 6 * N * 4. The target is within 5% of the hand-written kernel.
#include "bench_support.hpp"

namespace {

constexpr float a0 = 1.5f, b0 = 2.0f, c0 = 0.5f, d0 = 4.0f, e0 = 1.0f;  // exact in float: the check is ==
constexpr float expected = a0 * b0 + c0 * d0 - e0;

// The operands and the result on the default queue; `enqueue(operands, r)` runs one evaluation.
template <class Enqueue>
void five_operand_benchmark(benchmark::State& state, Enqueue enqueue) {
    clarity_bench::guarded(state, [&] {
        const auto& q = clarity::default_queue();
        const auto n = clarity_bench::size_arg(state);
        if (!clarity_bench::fits_on_device(state, q.device(), 6, n * sizeof(float))) return;
        const std::array operands{clarity::full<float>(q, {n}, a0), clarity::full<float>(q, {n}, b0),
                                  clarity::full<float>(q, {n}, c0), clarity::full<float>(q, {n}, d0),
                                  clarity::full<float>(q, {n}, e0)};
        auto r = clarity::empty<float>(q, {n});
        clarity_bench::time_on_device(state, q, 6 * n * sizeof(float), [&] { enqueue(operands, r); },
                                      [&] { clarity_bench::expect_ends(r, expected, "r = a*b + c*d - e"); });
    });
}

using operands_t = std::array<clarity::array<float>, 5>;

void fused(benchmark::State& state) {
    five_operand_benchmark(state, [](const operands_t& x, clarity::array<float>& r) {
        r = x[0] * x[1] + x[2] * x[3] - x[4];
    });
}

void elementwise(benchmark::State& state) {
    static const clarity::ElementwiseKernel kernel(clarity::default_queue().context(),
                                                   "float *a, float *b, float *c, float *d, float *e, float *r",
                                                   "r[i] = a[i] * b[i] + c[i] * d[i] - e[i]", "five_operands");
    five_operand_benchmark(state, [](const operands_t& x, clarity::array<float>& r) {
        kernel(x[0], x[1], x[2], x[3], x[4], r);
    });
}

}  // namespace

BENCHMARK(fused)->Name("expression/fused")->Apply(clarity_bench::float_sizes);
BENCHMARK(elementwise)->Name("expression/elementwise")->Apply(clarity_bench::float_sizes);

CLARITY_BENCHMARK_MAIN();
