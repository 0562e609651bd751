// RadixSort, sort, sort_by_key and argsort against std::stable_sort on the host. argsort's
// permutation is compared index for index with the host's stable one, which checks stability.
// Keys of one size share their kernels (keys only; keys with 32-bit values) across types.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <numeric>
#include <vector>

#include <clarity/sort.hpp>

#include "support.hpp"

namespace {

// numpy's order: NaN last in both directions, -0.0 before +0.0 (after it when descending).
template <class T>
bool goes_before(T a, T b, bool descending) {
    if constexpr (std::is_floating_point_v<T>) {
        if (std::isnan(a)) return false;
        if (std::isnan(b)) return true;
        if (a == b) return descending ? (!std::signbit(a) && std::signbit(b)) : (std::signbit(a) && !std::signbit(b));
    }
    return descending ? b < a : a < b;
}

template <class T>
std::vector<std::uint32_t> stable_order(const std::vector<T>& keys, bool descending) {
    std::vector<std::uint32_t> order(keys.size());
    std::iota(order.begin(), order.end(), 0u);
    std::stable_sort(order.begin(), order.end(),
                     [&](std::uint32_t a, std::uint32_t b) { return goes_before(keys[a], keys[b], descending); });
    return order;
}

// Bitwise comparison, so that NaN equals NaN and -0.0 differs from +0.0.
template <class T>
bool same_bits(const std::vector<T>& a, const std::vector<T>& b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](const T& x, const T& y) {
               return std::memcmp(&x, &y, sizeof(T)) == 0;
           });
}

enum class pattern { random, sorted, reversed, all_equal, few_distinct, high_bits, specials };

template <class T>
std::vector<T> make_keys(pattern p, std::size_t n) {
    auto v = test::random_vector<T>(n, std::uint32_t(n) + 7);
    switch (p) {
        case pattern::random: break;
        case pattern::sorted: std::sort(v.begin(), v.end()); break;
        case pattern::reversed: std::sort(v.rbegin(), v.rend()); break;
        case pattern::all_equal: std::fill(v.begin(), v.end(), T(3)); break;
        case pattern::few_distinct:
            for (std::size_t k = 0; k < n; ++k) v[k] = T(int(k * 7919 % 5) - 2);
            break;
        case pattern::high_bits:  // only the top bits vary: every pass but the last sees one digit
            for (std::size_t k = 0; k < n; ++k) {
                if constexpr (std::is_integral_v<T>) v[k] = T(T(k * 2654435761u % 16) << (sizeof(T) * 8 - 4));
                else v[k] = T(std::ldexp(1.0, int(k % 7) * 9)) * (k % 2 ? 1 : -1);
            }
            break;
        case pattern::specials:
            if constexpr (std::is_floating_point_v<T>) {
                const T specials[] = {std::numeric_limits<T>::quiet_NaN(), -std::numeric_limits<T>::quiet_NaN(),
                                      T(-0.0), T(0.0), std::numeric_limits<T>::infinity(),
                                      -std::numeric_limits<T>::infinity(), std::numeric_limits<T>::denorm_min()};
                for (std::size_t k = 0; k < n; k += 3) v[k] = specials[k / 3 % 7];
            } else {
                for (std::size_t k = 0; k < n; k += 3)
                    v[k] = k % 2 ? std::numeric_limits<T>::max() : std::numeric_limits<T>::min();
            }
            break;
    }
    return v;
}

template <class T>
void check_type() {
    const bool fp64_missing = std::is_same_v<T, double> && !test::q().device().has_fp64();
    if (fp64_missing) return;
    // Random keys at every awkward size (tiles hold up to 4096 keys); the other patterns at two.
    const std::vector<std::size_t> all_sizes = {0, 1, 2, 3, 7, 255, 257, 1021, 4095, 4097, 65537};
    const std::vector<std::size_t> two_sizes = {1021, 20011};
    for (pattern p : {pattern::random, pattern::sorted, pattern::reversed, pattern::all_equal, pattern::few_distinct,
                      pattern::high_bits, pattern::specials}) {
        for (std::size_t n : p == pattern::random ? all_sizes : two_sizes) {
            for (bool descending : {false, true}) {
                CAPTURE(clarity::type_name<T>());
                CAPTURE(int(p));
                CAPTURE(n);
                CAPTURE(descending);
                const auto host = make_keys<T>(p, n);
                const auto order = stable_order(host, descending);
                std::vector<T> expected(n);
                for (std::size_t k = 0; k < n; ++k) expected[k] = host[order[k]];

                const auto keys = clarity::to_device(test::q(), host);
                const auto permutation = clarity::argsort(keys, {.descending = descending});
                REQUIRE(permutation.get() == order);
                REQUIRE(same_bits(keys.get(), host));  // argsort leaves the keys alone
                clarity::sort(keys, {.descending = descending});
                CHECK(same_bits(keys.get(), expected));
            }
        }
    }
}

}  // namespace

TEST_CASE("argsort and sort match std::stable_sort for signed integers") {
    check_type<std::int8_t>();
    check_type<std::int16_t>();
    check_type<std::int32_t>();
    check_type<std::int64_t>();
}

TEST_CASE("argsort and sort match std::stable_sort for unsigned integers") {
    check_type<std::uint8_t>();
    check_type<std::uint16_t>();
    check_type<std::uint32_t>();
    check_type<std::uint64_t>();
}

TEST_CASE("argsort and sort match std::stable_sort for floats: NaN last, -0.0 before +0.0") {
    check_type<float>();
    check_type<double>();
}

TEST_CASE("sort_by_key carries values stably, also past 2^20 keys and for large values") {
    struct wide_value {
        std::uint32_t words[6];
    };
    clarity::register_type<wide_value>("wide_value_t", "typedef struct { uint words[6]; } wide_value_t;");
    for (std::size_t n : {std::size_t(0), std::size_t(1), std::size_t(4099), (std::size_t(1) << 20) + 3}) {
        CAPTURE(n);
        auto host = test::random_vector<std::uint32_t>(n, 3);
        for (auto& k : host) k %= 1000;  // many ties
        std::vector<std::uint32_t> index(n);
        std::iota(index.begin(), index.end(), 0u);
        std::vector<wide_value> payload(n);
        for (std::size_t k = 0; k < n; ++k) payload[k] = {{std::uint32_t(k), 1, 2, 3, 4, std::uint32_t(k) * 3}};
        const auto order = stable_order(host, false);

        const auto keys = clarity::to_device(test::q(), host);
        const auto values = clarity::to_device(test::q(), index);
        clarity::sort_by_key(keys, values);
        CHECK(values.get() == order);

        const auto keys2 = clarity::to_device(test::q(), host);
        const auto big = clarity::to_device(test::q(), payload);
        clarity::sort_by_key(keys2, big);
        const auto got = big.get();
        bool all = true;
        for (std::size_t k = 0; k < n; ++k) all &= got[k].words[0] == order[k] && got[k].words[5] == order[k] * 3;
        CHECK(all);
    }
}

TEST_CASE("RadixSort: the API example permutes both named arrays") {
    const std::size_t n = 10007;
    auto host = test::random_vector<std::uint32_t>(n, 5);
    std::vector<int> ary(n), idx(n);
    for (std::size_t k = 0; k < n; ++k) ary[k] = int(host[k] % 5000), idx[k] = int(k);
    const auto order = stable_order(ary, false);
    const auto d_ary = clarity::to_device(test::q(), ary);
    const auto d_idx = clarity::to_device(test::q(), idx);
    clarity::RadixSort sorter(test::q().context(), "__global int *ary, __global int *idx", "ary[i]", {"ary", "idx"},
                              {.key_type = "uint"});
    sorter.launch({.key_bits = 32}, d_ary, d_idx).wait();
    const auto got_idx = d_idx.get();
    const auto got_ary = d_ary.get();
    bool all = true;
    for (std::size_t k = 0; k < n; ++k) all &= got_idx[k] == int(order[k]) && got_ary[k] == ary[order[k]];
    CHECK(all);
}

TEST_CASE("RadixSort: key_bits below the key's width sorts by the low bits only, stably") {
    const std::size_t n = 5003;
    const auto host = test::random_vector<std::uint32_t>(n, 9);
    std::vector<std::uint32_t> low(n);
    for (std::size_t k = 0; k < n; ++k) low[k] = host[k] & 0xfff;
    const auto order = stable_order(low, false);
    clarity::RadixSort sorter(test::q().context(), "__global uint *keys", "keys[i]", {"keys"});
    for (unsigned key_bits : {12u, 9u}) {
        CAPTURE(key_bits);
        std::vector<std::uint32_t> masked(n);
        for (std::size_t k = 0; k < n; ++k) masked[k] = host[k] & ((1u << key_bits) - 1);
        const auto expected_order = stable_order(masked, false);
        const auto keys = clarity::to_device(test::q(), host);
        sorter.launch({.key_bits = key_bits}, keys);
        const auto got = keys.get();
        bool all = true;
        for (std::size_t k = 0; k < n; ++k) all &= got[k] == host[expected_order[k]];
        CHECK(all);
    }
    (void)order;
}

namespace {
struct particle {
    float x, y;
    std::int32_t id;
};
}  // namespace

TEST_CASE("RadixSort: a ulong key computed from several arguments carries a struct array and a scalar") {
    clarity::register_type<particle>("sort_particle_t", "typedef struct { float x, y; int id; } sort_particle_t;");
    const std::size_t n = 3001;
    const auto xs = test::random_vector<float>(n, 11), ys = test::random_vector<float>(n, 12);
    std::vector<particle> ps(n);
    std::vector<std::uint64_t> cell(n);
    const int cells = 20;
    for (std::size_t k = 0; k < n; ++k) {
        ps[k] = {xs[k], ys[k], int(k)};
        const auto cx = std::uint64_t(int((xs[k] + 100.0f) / 200.0f * cells)), cy = std::uint64_t(int((ys[k] + 100.0f) / 200.0f * cells));
        cell[k] = (cy << 32) | cx;
    }
    const auto order = stable_order(cell, false);
    const auto d_ps = clarity::to_device(test::q(), ps);
    const auto d_x = clarity::to_device(test::q(), xs);
    clarity::RadixSort sorter(test::q().context(),
                              "__global const float *x, __global sort_particle_t *p, int cells",
                              "((ulong)(int)((p[i].y + 100.0f) / 200.0f * cells) << 32) | (uint)(int)((x[i] + 100.0f) / 200.0f * cells)",
                              {"p", "x"}, {.key_type = "ulong"});
    sorter(d_x, d_ps, cells);
    const auto got = d_ps.get();
    const auto got_x = d_x.get();
    bool all = true;
    for (std::size_t k = 0; k < n; ++k) all &= got[k].id == int(order[k]) && got_x[k] == xs[order[k]];
    CHECK(all);
}

TEST_CASE("sorting rejects bad input without launching") {
    const auto& ctx = test::q().context();
    CHECK_THROWS_AS(clarity::RadixSort(ctx, "__global float *a", "a[i]", {"a"}, {.key_type = "float"}), std::invalid_argument);
    CHECK_THROWS_AS(clarity::RadixSort(ctx, "__global uint *a", "a[i]", {"b"}), std::invalid_argument);
    CHECK_THROWS_AS(clarity::RadixSort(ctx, "__global uint *a, uint k", "a[i]", {"k"}), std::invalid_argument);
    clarity::RadixSort sorter(ctx, "__global uint *a, __global uint *b", "a[i]", {"a", "b"});
    const auto a = clarity::zeros<std::uint32_t>(test::q(), {10});
    const auto b = clarity::zeros<std::uint32_t>(test::q(), {11});
    const auto f = clarity::zeros<float>(test::q(), {10});
    CHECK_THROWS_AS(sorter(a, b), std::invalid_argument);                    // sizes differ
    CHECK_THROWS_AS(sorter(a, f), std::invalid_argument);                    // element type
    CHECK_THROWS_AS(sorter.launch({.key_bits = 33}, a, a), std::invalid_argument);
    const auto m = clarity::zeros<int>(test::q(), {4, 6});
    CHECK_THROWS_AS(clarity::sort(m.transpose()), std::invalid_argument);  // strided
    CHECK_THROWS_AS(clarity::sort_by_key(a, b), std::invalid_argument);    // sizes differ
}
