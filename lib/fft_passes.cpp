#include "fft_passes.hpp"

#include <algorithm>
#include <bit>
#include <stdexcept>
#include <string>

namespace clarity::detail {

namespace {

constexpr std::size_t small_primes[] = {2, 3, 5, 7, 11, 13};

// Sub-transforms per work-group of strided passes at least: their loads then touch runs of
// this many adjacent elements (64 bytes of complex floats).
constexpr std::size_t min_strided_columns = 8;
constexpr std::size_t max_columns = 512;
constexpr std::size_t max_work_items = 512;

std::size_t floor_pow2(std::size_t v) { return v ? std::bit_floor(v) : 0; }

// Bytes of local memory a pass's points may take: 32 KiB where there is room beside it.
std::size_t data_budget(std::uint64_t local_bytes) {
    return std::min<std::size_t>(32768, floor_pow2(std::size_t(local_bytes * 2 / 3)));
}

std::vector<std::size_t> prime_factors(std::size_t n) {
    std::vector<std::size_t> factors;
    for (auto p : small_primes)
        while (n % p == 0) {
            factors.push_back(p);
            n /= p;
        }
    return factors;
}

// n as a product of `passes` lengths of at most `limit` each, as even as greedy placement of the
// prime factors (largest first) makes them, largest length first; empty if that fails.
std::vector<std::size_t> split_length(std::size_t n, std::size_t passes, std::size_t limit) {
    auto factors = prime_factors(n);
    std::sort(factors.rbegin(), factors.rend());
    std::vector<std::size_t> lengths(passes, 1);
    for (auto f : factors) {
        auto smallest = std::min_element(lengths.begin(), lengths.end());
        if (*smallest * f > limit) return {};
        *smallest *= f;
    }
    std::sort(lengths.rbegin(), lengths.rend());
    return lengths;
}

// The fewest passes, each at most `limit` long; one pass per prime factor at the most.
std::vector<std::size_t> split_axis(std::size_t n, std::size_t limit) {
    for (std::size_t passes = 1; passes <= std::max<std::size_t>(1, prime_factors(n).size()); ++passes)
        if (auto lengths = split_length(n, passes, limit); !lengths.empty()) return lengths;
    throw std::invalid_argument("fft: a length of " + std::to_string(n) +
                                " needs passes longer than this device's local memory holds");
}

// The stages of one pass: its power-of-two part in steps of radix 8 or less, as even as they
// come (radix 16 measured slower on the H200), then each odd prime.
std::vector<std::size_t> stage_radices(std::size_t length) {
    const auto bits = std::size_t(std::countr_zero(length));
    const std::size_t steps = (bits + 2) / 3;
    std::vector<std::size_t> radices;
    for (std::size_t s = 0; s < steps; ++s) radices.push_back(std::size_t(1) << (bits / steps + (s < bits % steps)));
    for (auto p : prime_factors(length >> bits)) radices.push_back(p);
    return radices;
}

fft_pass_kernel pass_kernel(std::size_t length, std::size_t count, std::size_t budget_points,
                            std::size_t element_bytes, std::uint64_t local_bytes, std::size_t work_item_limit) {
    fft_pass_kernel k;
    k.length = length;
    k.radices = stage_radices(length);
    k.columns = std::min({max_columns, floor_pow2(budget_points / length), std::bit_ceil(count)});
    const auto local_use = [&](std::size_t columns) {
        return columns * (fft_local_row(length) * element_bytes + 3 * sizeof(std::int64_t));
    };
    while (k.columns > 1 && local_use(k.columns) > local_bytes) k.columns /= 2;
    if (local_use(k.columns) > local_bytes) throw std::logic_error("fft pass does not fit in local memory");
    const auto largest_radix = *std::max_element(k.radices.begin(), k.radices.end());
    k.work_items = std::clamp<std::size_t>(k.columns * length / largest_radix, 1,
                                           std::min(max_work_items, work_item_limit));
    return k;
}

}  // namespace

std::size_t fft_local_row(std::size_t length) { return (length + length / 32) | 1; }

bool fft_passes_support(std::size_t length) {
    if (length == 0) return false;
    for (auto p : small_primes)
        while (length % p == 0) length /= p;
    return length == 1;
}

std::vector<fft_pass> plan_fft_passes(const shape_t& shape, const std::vector<std::size_t>& dims,
                                      std::size_t element_bytes, std::uint64_t local_bytes,
                                      std::size_t device_work_group_limit) {
    const std::size_t total = layout::contiguous(shape).size();
    const std::size_t budget_points = data_budget(local_bytes) / element_bytes;
    std::vector<std::size_t> order(dims);
    std::sort(order.rbegin(), order.rend());
    std::vector<fft_pass> passes;
    for (auto d : order) {
        const std::size_t n = shape[d];
        std::size_t inner = 1;
        for (std::size_t e = d + 1; e < shape.size(); ++e) inner *= shape[e];
        // Rows whose points are adjacent load well at any length that fits; other passes need
        // room for several sub-transforms side by side.
        const bool whole_row = inner == 1 && n <= budget_points;
        const auto lengths = whole_row ? std::vector<std::size_t>{n}
                                       : split_axis(n, budget_points / min_strided_columns);
        std::size_t span = 1;
        for (std::size_t p = 0; p < lengths.size(); ++p) {
            fft_pass pass;
            pass.n = n;
            pass.inner = inner;
            pass.span = span;
            pass.count = total / lengths[p];
            pass.last_of_axis = p + 1 == lengths.size();
            pass.kernel = pass_kernel(lengths[p], pass.count, budget_points, element_bytes, local_bytes,
                                      device_work_group_limit);
            pass.kernel.contiguous_in = inner == 1 && lengths[p] == n;
            pass.kernel.contiguous_out = inner == 1 && span == 1;
            passes.push_back(pass);
            span *= lengths[p];
        }
    }
    return passes;
}

}  // namespace clarity::detail
