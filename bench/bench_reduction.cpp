// float32 sum and dot against Boost.Compute on the same device and queue:
//   reduce/sum/clarity/N    clarity::sum(x), a 0-d result on the device
//   reduce/dot/clarity/N    clarity::dot(x, y)
//   reduce/sum/boost/N      boost::compute::reduce into a device buffer
//   reduce/dot/boost/N      boost::compute::transform_reduce (multiplies, then plus) into a device
//                           buffer (its inner_product accumulates floats in one work-item: 0.64 s
//                           at 2^24 on an H200)
// Bytes counted: the elements read (4 n for sum, 8 n for dot). Results are read only to check.
#include "bench_support.hpp"
#include "boost_compute.hpp"

#include <boost/compute/algorithm/reduce.hpp>
#include <boost/compute/algorithm/transform_reduce.hpp>
#include <boost/compute/functional/operator.hpp>

namespace {

namespace bc = boost::compute;

// Every element is 1/2: sums are exact in float up to 2^25 elements, checked there.
void check_total(double got, std::size_t n, const std::string& what) {
    const double expected = 0.5 * double(n);
    if (std::abs(got - expected) > 1e-6 * expected) throw std::runtime_error(what + ": wrong result");
}

template <class Run>
void reduction_benchmark(benchmark::State& state, std::size_t inputs, Run run) {
    clarity_bench::guarded(state, [&] {
        const auto& q = clarity::default_queue();
        const auto n = clarity_bench::size_arg(state);
        if (!clarity_bench::fits_on_device(state, q.device(), inputs, n * sizeof(float))) return;
        const auto x = clarity::full<float>(q, {n}, 0.5f);
        const auto y = clarity::ones<float>(q, {n});
        clarity::array<float> total;  // each run enqueues a reduction into a new 0-d array
        clarity_bench::time_on_device(
            state, q, inputs * n * sizeof(float), [&] { total = run(q, x, y); },
            [&] { check_total(total.item(), n, "reduction"); });
    });
}

void sum_clarity(benchmark::State& state) {
    reduction_benchmark(state, 1, [](const clarity::queue&, const auto& x, const auto&) { return clarity::sum(x); });
}

void dot_clarity(benchmark::State& state) {
    reduction_benchmark(state, 2, [](const clarity::queue&, const auto& x, const auto& y) { return clarity::dot(x, y); });
}

void sum_boost(benchmark::State& state) {
    reduction_benchmark(state, 1, [](const clarity::queue& q, const auto& x, const auto&) {
        bc::command_queue bq(q.get()(), true);
        const bc::buffer bx(x.buffer()(), true);
        auto total = clarity::empty<float>(q, {});
        const bc::buffer out(total.buffer()(), true);
        bc::reduce(bc::make_buffer_iterator<float>(bx, 0), bc::make_buffer_iterator<float>(bx, x.size()),
                   bc::make_buffer_iterator<float>(out, 0), bq);
        return total;
    });
}

void dot_boost(benchmark::State& state) {
    reduction_benchmark(state, 2, [](const clarity::queue& q, const auto& x, const auto& y) {
        bc::command_queue bq(q.get()(), true);
        const bc::buffer bx(x.buffer()(), true), by(y.buffer()(), true);
        auto total = clarity::empty<float>(q, {});
        const bc::buffer out(total.buffer()(), true);
        bc::transform_reduce(bc::make_buffer_iterator<float>(bx, 0), bc::make_buffer_iterator<float>(bx, x.size()),
                             bc::make_buffer_iterator<float>(by, 0), bc::make_buffer_iterator<float>(out, 0),
                             bc::multiplies<float>(), bc::plus<float>(), bq);
        return total;
    });
}

}  // namespace

BENCHMARK(sum_clarity)->Name("reduce/sum/clarity")->Apply(clarity_bench::float_sizes);
BENCHMARK(dot_clarity)->Name("reduce/dot/clarity")->Apply(clarity_bench::float_sizes);
BENCHMARK(sum_boost)->Name("reduce/sum/boost")->Apply(clarity_bench::float_sizes);
BENCHMARK(dot_boost)->Name("reduce/dot/boost")->Apply(clarity_bench::float_sizes);
CLARITY_BENCHMARK_MAIN();
