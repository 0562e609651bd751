// BitonicSort against a stable sort of every row on the host. With an index array 0, 1, 2, ...
// along the axis, ties go by index, so the sort must equal the host's stable one exactly;
// without it, equal keys are interchangeable (NaNs of any payload count as equal).
// Kernels are shared by key size and index type, so every case below reuses a few programs.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <numeric>
#include <vector>

#include <clarity/bitonic_sort.hpp>

#include "support.hpp"

namespace {

const std::vector<std::size_t> lengths{0, 1, 2, 3, 5, 17, 1000, 1024, 1025, 4099};

// numpy's order: NaN last in both directions, -0.0 before +0.0 (after it when descending).
template <class T>
bool goes_first(T a, T b, bool descending) {
    if constexpr (std::is_floating_point_v<T>) {
        if (std::isnan(a) || std::isnan(b)) return !std::isnan(a) && std::isnan(b);
        if (a == b) return std::signbit(a) != descending && std::signbit(b) == descending;
    }
    return descending ? b < a : a < b;
}

template <class T>
bool same_key(T a, T b) {
    if constexpr (std::is_floating_point_v<T>)
        if (std::isnan(a) && std::isnan(b)) return true;
    return std::memcmp(&a, &b, sizeof(T)) == 0;
}

// Random keys with many ties, and for floats every special value.
template <class T>
std::vector<T> make_keys(std::size_t n, std::uint32_t seed) {
    auto v = test::random_vector<T>(n, seed);
    for (std::size_t k = 0; k < n; k += 4) v[k] = T(k % 5);
    if constexpr (std::is_floating_point_v<T>) {
        const T specials[] = {std::numeric_limits<T>::quiet_NaN(), -std::numeric_limits<T>::quiet_NaN(), T(-0.0),
                              T(0.0), std::numeric_limits<T>::infinity(), -std::numeric_limits<T>::infinity()};
        for (std::size_t k = 1; k < n; k += 7) v[k] = specials[k / 7 % 6];
    }
    return v;
}

// The row-major positions of each row along `axis` of an array of `shape`.
std::vector<std::vector<std::size_t>> rows_along(const clarity::shape_t& shape, std::size_t axis) {
    std::size_t inner = 1, total = 1;
    for (std::size_t d = axis + 1; d < shape.size(); ++d) inner *= shape[d];
    for (const auto e : shape) total *= e;
    const std::size_t n = shape[axis];
    std::vector<std::vector<std::size_t>> rows;
    if (n == 0) return rows;
    for (std::size_t start = 0; start < total; ++start) {
        if (start / inner % n != 0) continue;  // not the first element of its row
        std::vector<std::size_t> row(n);
        for (std::size_t k = 0; k < n; ++k) row[k] = start + k * inner;
        rows.push_back(row);
    }
    return rows;
}

struct case_options {
    std::size_t axis = 0;
    bool descending = false;
};

// Sorts `keys` (any view, its values already on the device) along the axis, with an index
// array when I is not void, and checks every row against the host.
template <class I, class T>
void check_sort(const clarity::array<T>& keys, const case_options& o) {
    const auto before = keys.get();
    const auto rows = rows_along(keys.shape(), o.axis);
    const clarity::bitonic_sort_launch_options options{.axis = std::ptrdiff_t(o.axis), .descending = o.descending};
    clarity::BitonicSort bitonic(test::q().context());
    std::vector<std::size_t> idx_after;  // the index array after the sort, when there is one
    if constexpr (std::is_void_v<I>) {
        bitonic.launch(options, keys);
    } else {
        std::vector<I> idx_host(keys.size());
        for (const auto& row : rows)
            for (std::size_t k = 0; k < row.size(); ++k) idx_host[row[k]] = I(k);
        clarity::array<I> idx(test::q(), keys.shape());
        idx.set(idx_host);
        bitonic.launch(options, keys, &idx);
        for (const auto v : idx.get()) idx_after.push_back(std::size_t(v));
    }
    const auto after = keys.get();
    std::size_t wrong_keys = 0, wrong_indices = 0;
    for (const auto& row : rows) {
        std::vector<std::size_t> expected(row.size());
        std::iota(expected.begin(), expected.end(), std::size_t(0));
        std::stable_sort(expected.begin(), expected.end(), [&](std::size_t a, std::size_t b) {
            return goes_first(before[row[a]], before[row[b]], o.descending);
        });
        for (std::size_t k = 0; k < row.size(); ++k) {
            wrong_keys += !same_key(after[row[k]], before[row[expected[k]]]);
            wrong_indices += !idx_after.empty() && idx_after[row[k]] != expected[k];
        }
    }
    CHECK(wrong_keys == 0);
    CHECK(wrong_indices == 0);
}

template <class I = void, class T>
void check_rows(std::vector<T> host, const clarity::shape_t& shape, const case_options& o) {
    auto keys = clarity::empty<T>(test::q(), shape);
    keys.set(host);
    check_sort<I>(keys, o);
}

template <class T>
void check_type(const case_options& o) {
    if (std::is_same_v<T, double> && !test::q().device().has_fp64()) return;
    for (const auto n : lengths) {
        CAPTURE(n);
        check_rows(make_keys<T>(3 * n, std::uint32_t(n)), {3, n}, {.axis = 1, .descending = o.descending});
    }
}

}  // namespace

TEST_CASE("BitonicSort sorts every row, of every numeric type and any length") {
    for (const bool descending : {false, true}) {
        CAPTURE(descending);
        const case_options o{.descending = descending};
        check_type<std::int8_t>(o);
        check_type<std::uint8_t>(o);
        check_type<std::int16_t>(o);
        check_type<std::uint16_t>(o);
        check_type<std::int32_t>(o);
        check_type<std::uint32_t>(o);
        check_type<std::int64_t>(o);
        check_type<std::uint64_t>(o);
        check_type<float>(o);
        check_type<double>(o);
    }
}

TEST_CASE("BitonicSort carries an index array; ties go by index") {
    const bool fp64 = test::q().device().has_fp64();
    for (const auto n : lengths) {
        CAPTURE(n);
        const auto seed = std::uint32_t(n) + 3;
        check_rows<std::int32_t>(make_keys<float>(2 * n, seed), {2, n}, {.axis = 1});
        check_rows<std::uint32_t>(make_keys<std::int8_t>(2 * n, seed), {2, n}, {.axis = 1, .descending = true});
        check_rows<std::uint64_t>(make_keys<std::uint16_t>(2 * n, seed), {2, n}, {.axis = 1});
        if (fp64) check_rows<std::int64_t>(make_keys<double>(2 * n, seed), {2, n}, {.axis = 1, .descending = true});
    }
}

TEST_CASE("BitonicSort along any axis and of strided views") {
    const auto keys = [](std::size_t n) { return make_keys<float>(n, std::uint32_t(n)); };
    for (const std::size_t axis : {0, 1}) {
        check_rows<std::int32_t>(keys(37 * 19), {37, 19}, {.axis = axis});
        check_rows<std::int32_t>(keys(5 * 1030), {5, 1030}, {.axis = axis});
    }
    for (const std::size_t axis : {0, 1, 2}) check_rows<std::int32_t>(keys(5 * 6 * 7), {5, 6, 7}, {.axis = axis});
    check_rows<std::int32_t>(keys(1001 * 3), {1001, 3}, {.axis = 1});  // many short rows per work-group
    check_rows<std::int32_t>(keys(4099), {4099}, {.axis = 0});

    auto big = clarity::empty<float>(test::q(), {20, 38});
    big.set(keys(20 * 38));
    check_sort<std::int32_t>(big.slice(1, 1, 38, 2).transpose(), {.axis = 1});  // rows of 20 with stride 38
    check_sort<void>(big.slice(0, 0, 20, 3), {.axis = 0});
    auto cube = clarity::empty<float>(test::q(), {4, 5, 6});
    cube.set(keys(4 * 5 * 6));
    for (const std::size_t axis : {1, 2}) check_sort<std::uint32_t>(cube.slice(2, 5, -7, -1), {.axis = axis});  // stride -1
}

TEST_CASE("BitonicSort places NaN last and -0.0 before +0.0") {
    using limits = std::numeric_limits<float>;
    const std::vector<float> specials{limits::quiet_NaN(), 1.0f, -0.0f, limits::infinity(), 0.0f,
                                      -limits::quiet_NaN(), -limits::infinity(), -0.0f, -1.0f, 0.0f};
    for (const bool descending : {false, true}) {
        check_rows(specials, {specials.size()}, {.descending = descending});
        check_rows<std::int32_t>(specials, {specials.size()}, {.descending = descending});
    }
    auto keys = clarity::to_device(test::q(), specials);
    clarity::BitonicSort(test::q().context())(keys);
    const auto sorted = keys.get();
    CHECK(std::signbit(sorted[2]));
    CHECK(std::signbit(sorted[3]));
    CHECK(!std::signbit(sorted[4]));
    CHECK(std::isnan(sorted[8]));
    CHECK(std::isnan(sorted[9]));
}

TEST_CASE("BitonicSort rejects bad arguments before launching") {
    clarity::BitonicSort bitonic(test::q().context());
    auto keys = clarity::zeros<std::int32_t>(test::q(), {4, 6});
    auto idx = clarity::zeros<std::int32_t>(test::q(), {4, 6});
    auto wrong_shape = clarity::zeros<std::int32_t>(test::q(), {6, 4});
    CHECK_THROWS_AS(bitonic.launch({.axis = 2}, keys), std::invalid_argument);
    CHECK_THROWS_AS(bitonic.launch({.axis = -3}, keys, &idx), std::invalid_argument);
    CHECK_THROWS_AS(bitonic.launch({}, keys, &wrong_shape), std::invalid_argument);
    CHECK_THROWS_AS(bitonic.launch({}, keys, &keys), std::invalid_argument);
    // Three dimensions besides the axis that do not merge: no strided walk covers them.
    auto four = clarity::zeros<float>(test::q(), {2, 3, 4, 5});
    CHECK_THROWS_AS(bitonic(four.slice(1, 0, 3, 2)), std::invalid_argument);
    CHECK_NOTHROW(bitonic.launch({.axis = 1}, four.slice(1, 0, 3, 2)));
    const clarity::BitonicSort elsewhere(clarity::context(test::q().device()));
    CHECK_THROWS_AS(elsewhere(keys), std::invalid_argument);
}
