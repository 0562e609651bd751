// Sorting: onesweep radix sort of floats and key-value pairs, a generic RadixSort, and
// BitonicSort of every row of a 2-d array.
#include "tour.hpp"

#include <algorithm>
#include <numeric>

void tour::sorting(clarity::queue& q) {
    section("Sorting");
    const std::size_t n = std::size_t(1) << 22;
    const auto host = random_floats(n, 5);
    step("sort of 2^22 floats equals std::sort", [&] {
        auto keys = clarity::to_device(q, host);
        clarity::sort(keys);
        auto expected = host;
        std::sort(expected.begin(), expected.end());
        return keys.get() == expected;
    });
    step("sort_by_key (descending) carries the values; argsort is stable", [&] {
        auto keys = clarity::to_device(q, host);
        auto values = clarity::arange<int>(q, 0, int(n));
        clarity::sort_by_key(keys, values, {.descending = true});
        const auto k = keys.get();
        const auto v = values.get();
        for (std::size_t i = 0; i < n; i += 997)
            if (host[v[i]] != k[i] || (i > 0 && k[i - 1] < k[i])) return false;
        std::vector<int> few(10000);
        for (std::size_t i = 0; i < few.size(); ++i) few[i] = int(i * 7919 % 13);
        const auto order = clarity::argsort(clarity::to_device(q, few)).get();
        std::vector<std::uint32_t> expected(few.size());
        std::iota(expected.begin(), expected.end(), 0u);
        std::stable_sort(expected.begin(), expected.end(), [&](auto a, auto b) { return few[a] < few[b]; });
        return order == expected;
    });
    step("RadixSort: particles ordered by a cell index computed from x", [&] {
        clarity::RadixSort by_cell(q.context(), "__global float *xs, __global int *id",
                                   "(uint)((xs[i] + 1.0f) * 8.0f)", {"xs", "id"});
        auto xs = clarity::to_device(q, host);
        auto id = clarity::arange<int>(q, 0, int(n));
        by_cell.launch({.key_bits = 4}, xs, id);  // cells 0..15: four key bits
        const auto sorted = xs.get();
        const auto ids = id.get();
        for (std::size_t i = 1; i < n; ++i) {
            const auto cell = [](float x) { return unsigned((x + 1.0f) * 8.0f); };
            if (cell(sorted[i - 1]) > cell(sorted[i]) || host[ids[i]] != sorted[i]) return false;
        }
        return true;
    });
    step("BitonicSort: 4096 rows of 1000 floats, indices carried", [&] {
        const std::size_t rows = 4096, cols = 1000;
        auto table = clarity::to_device(q, std::span<const float>(host.data(), rows * cols), {rows, cols});
        std::vector<int> column(rows * cols);
        for (std::size_t i = 0; i < column.size(); ++i) column[i] = int(i % cols);
        auto idx = clarity::to_device(q, std::span<const int>(column), {rows, cols});
        clarity::BitonicSort(q.context()).launch({.axis = 1}, table, &idx);
        const auto sorted = table.get();
        const auto from = idx.get();
        for (std::size_t r = 0; r < rows; ++r) {
            const auto row = sorted.begin() + std::ptrdiff_t(r * cols);
            if (!std::is_sorted(row, row + std::ptrdiff_t(cols))) return false;
            for (std::size_t c = 0; c < cols; ++c)
                if (host[r * cols + std::size_t(from[r * cols + c])] != row[std::ptrdiff_t(c)]) return false;
        }
        return true;
    });
}
