// Sorting against Boost.Compute on the same device and queue (bench/peers/torch_peer.py has
// CUB through CuPy and PyTorch at the same sizes):
//   sort/uint/clarity/N          clarity::sort of random uint32 keys
//   sort/uint/boost/N            boost::compute::sort, same keys
//   sort/float/clarity|boost/N   the same with random floats in [-0.5, 0.5)
//   sort_by_key/uint/clarity|boost/N    uint32 keys carrying uint32 values
//   sort_by_key/float/clarity|boost/N   float keys carrying uint32 values
//   sort/uint|float/restore_only/N      the reset copy below alone, no sort: a sort's own time is
//                                       its row minus this one, from the same run
//   bitonic_rows/float/clarity/N        clarity::BitonicSort of 2^14 rows of N floats, each row
//                                       sorted on its own (no peer: batched row sorts)
// Every run first copies the unsorted keys (and values) into the arrays it sorts, so each run
// sorts the same random data; that copy is part of the time. "Gkeys/s" counts sorted keys.
#include "bench_support.hpp"
#include "boost_compute.hpp"

#include <boost/compute/algorithm/sort.hpp>
#include <boost/compute/algorithm/sort_by_key.hpp>

namespace {

namespace bc = boost::compute;

// Random keys from a hash of the index (uint: all 32 bits; float: [-0.5, 0.5)).
template <class T>
clarity::array<T> random_keys(const clarity::queue& q, std::size_t n) {
    auto keys = clarity::empty<T>(q, {n});
    const std::string value = std::is_same_v<T, float> ? "(float)h * 2.3283064e-10f - 0.5f" : "h";
    clarity::ElementwiseKernel(q.context(), "__global " + clarity::type_name<T>() + " *k",
                               "uint h = (uint)i * 2654435761u; h ^= h >> 16; h *= 0x85ebca6bu; h ^= h >> 13; "
                               "h *= 0xc2b2ae35u; h ^= h >> 16; k[i] = " + value,
                               "random_keys")(keys);
    return keys;
}

template <class T>
bool is_sorted(const clarity::array<T>& keys) {
    const auto host = keys.get();
    return std::is_sorted(host.begin(), host.end());
}

void count_keys(benchmark::State& state, std::size_t n) {
    state.counters["Gkeys/s"] = benchmark::Counter(double(n) * 1e-9, benchmark::Counter::kIsIterationInvariantRate);
}

// Times `sort` (keys and values are reset from the unsorted copies first); `sorts` false: the
// reset alone, unchecked.
template <class T, class Sort>
void sort_benchmark(benchmark::State& state, bool with_values, Sort sort, bool sorts = true) {
    clarity_bench::guarded(state, [&] {
        const auto& q = clarity::default_queue();
        const auto n = clarity_bench::size_arg(state);
        if (!clarity_bench::fits_on_device(state, q.device(), with_values ? 6 : 3, n * sizeof(T))) return;
        const auto unsorted = random_keys<T>(q, n);
        auto keys = clarity::empty<T>(q, {n});
        const auto index = clarity::arange<std::uint32_t>(q, 0, std::uint32_t(n));
        auto values = clarity::empty<std::uint32_t>(q, {n});
        const std::size_t bytes = n * (sizeof(T) + (with_values ? 4 : 0));
        clarity_bench::time_on_device(
            state, q, 2 * bytes,
            [&] {
                keys.assign_from(unsorted);
                if (with_values) values.assign_from(index);
                sort(keys, values);
            },
            [&] {
                if (sorts && !is_sorted(keys)) throw std::runtime_error("keys not sorted");
            });
        count_keys(state, n);
    });
}

template <class T>
void sort_clarity(benchmark::State& state) {
    sort_benchmark<T>(state, false, [](const clarity::array<T>& keys, const auto&) { clarity::sort(keys); });
}

template <class T>
void sort_boost(benchmark::State& state) {
    sort_benchmark<T>(state, false, [](const clarity::array<T>& keys, const auto&) {
        bc::command_queue bq(keys.get_queue().get()(), true);
        const bc::buffer bk(keys.buffer()(), true);
        bc::sort(bc::make_buffer_iterator<T>(bk, 0), bc::make_buffer_iterator<T>(bk, keys.size()), bq);
    });
}

template <class T>
void restore_only(benchmark::State& state) {
    sort_benchmark<T>(state, false, [](const clarity::array<T>&, const auto&) {}, false);
}

template <class T>
void sort_by_key_clarity(benchmark::State& state) {
    sort_benchmark<T>(state, true, [](const clarity::array<T>& keys, const clarity::array<std::uint32_t>& values) {
        clarity::sort_by_key(keys, values);
    });
}

template <class T>
void sort_by_key_boost(benchmark::State& state) {
    sort_benchmark<T>(state, true, [](const clarity::array<T>& keys, const clarity::array<std::uint32_t>& values) {
        bc::command_queue bq(keys.get_queue().get()(), true);
        const bc::buffer bk(keys.buffer()(), true), bv(values.buffer()(), true);
        bc::sort_by_key(bc::make_buffer_iterator<T>(bk, 0), bc::make_buffer_iterator<T>(bk, keys.size()),
                        bc::make_buffer_iterator<std::uint32_t>(bv, 0), bq);
    });
}

// Every row of a (2^14, N) array of floats sorted independently, in local memory for N <= 4096.
void bitonic_rows_clarity(benchmark::State& state) {
    clarity_bench::guarded(state, [&] {
        const auto& q = clarity::default_queue();
        const std::size_t rows = std::size_t(1) << 14, n = clarity_bench::size_arg(state);
        const auto unsorted = random_keys<float>(q, rows * n).reshape({rows, n});
        auto keys = clarity::empty<float>(q, {rows, n});
        const clarity::BitonicSort bitonic(q.context());
        clarity_bench::time_on_device(
            state, q, 2 * rows * n * sizeof(float),
            [&] {
                keys.assign_from(unsorted);
                bitonic(keys);
            },
            [&] {
                const auto host = keys.get();
                for (std::size_t r = 0; r < rows; ++r)
                    if (!std::is_sorted(host.begin() + r * n, host.begin() + (r + 1) * n))
                        throw std::runtime_error("row " + std::to_string(r) + " not sorted");
            });
        count_keys(state, rows * n);
    });
}

}  // namespace

BENCHMARK(sort_clarity<std::uint32_t>)->Name("sort/uint/clarity")->Apply(clarity_bench::float_sizes);
BENCHMARK(sort_boost<std::uint32_t>)->Name("sort/uint/boost")->Apply(clarity_bench::float_sizes);
BENCHMARK(sort_clarity<float>)->Name("sort/float/clarity")->Apply(clarity_bench::float_sizes);
BENCHMARK(sort_boost<float>)->Name("sort/float/boost")->Apply(clarity_bench::float_sizes);
BENCHMARK(restore_only<std::uint32_t>)->Name("sort/uint/restore_only")->Apply(clarity_bench::float_sizes);
BENCHMARK(restore_only<float>)->Name("sort/float/restore_only")->Apply(clarity_bench::float_sizes);
BENCHMARK(sort_by_key_clarity<std::uint32_t>)->Name("sort_by_key/uint/clarity")->Apply(clarity_bench::float_sizes);
BENCHMARK(sort_by_key_boost<std::uint32_t>)->Name("sort_by_key/uint/boost")->Apply(clarity_bench::float_sizes);
BENCHMARK(sort_by_key_clarity<float>)->Name("sort_by_key/float/clarity")->Apply(clarity_bench::float_sizes);
BENCHMARK(sort_by_key_boost<float>)->Name("sort_by_key/float/boost")->Apply(clarity_bench::float_sizes);
BENCHMARK(bitonic_rows_clarity)->Name("bitonic_rows/float/clarity")->Arg(1024)->Apply(clarity_bench::device_timed)->Unit(benchmark::kMicrosecond);

CLARITY_BENCHMARK_MAIN();
