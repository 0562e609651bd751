// Random numbers: a host Philox4x32-10 reproduces the device's first values exactly (so the
// numbers do not depend on the device or launch geometry), seeds behave, and 10^6 draws pass
// moment and Kolmogorov-Smirnov checks.
#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <stdexcept>

#include <clarity/clarity.hpp>

#include "support.hpp"

namespace {

// Written from the published algorithm, independently of cl/philox.cl.
std::array<std::uint32_t, 4> philox(std::uint64_t block, std::uint64_t seed) {
    std::array<std::uint32_t, 4> c{std::uint32_t(block), std::uint32_t(block >> 32), 0, 0};
    std::uint32_t k0 = std::uint32_t(seed), k1 = std::uint32_t(seed >> 32);
    for (int round = 0; round < 10; ++round) {
        const std::uint64_t p0 = std::uint64_t(0xD2511F53u) * c[0], p1 = std::uint64_t(0xCD9E8D57u) * c[2];
        c = {std::uint32_t(p1 >> 32) ^ c[1] ^ k0, std::uint32_t(p1), std::uint32_t(p0 >> 32) ^ c[3] ^ k1,
             std::uint32_t(p0)};
        k0 += 0x9E3779B9u;
        k1 += 0xBB67AE85u;
    }
    return c;
}

float host_uniform_float(std::size_t e, std::uint64_t seed) {
    return float(philox(e / 4, seed)[e % 4] >> 8) * 0x1p-24f;
}

double host_uniform_double(std::size_t e, std::uint64_t seed) {
    const auto w = philox(e / 2, seed);
    const auto j = 2 * (e % 2);
    return double(((std::uint64_t(w[j]) << 32) | w[j + 1]) >> 11) * 0x1p-53;
}

bool has_fp64() { return test::q().device().has_fp64(); }

// The largest distance between the empirical CDF of `draws` and `cdf`.
template <class T, class F>
double ks_statistic(std::vector<T> draws, F cdf) {
    std::sort(draws.begin(), draws.end());
    const double n = double(draws.size());
    double d = 0;
    for (std::size_t i = 0; i < draws.size(); ++i) {
        const double f = cdf(double(draws[i]));
        d = std::max({d, f - double(i) / n, double(i + 1) / n - f});
    }
    return d;
}

double normal_cdf(double x) { return 0.5 * std::erfc(-x / std::sqrt(2.0)); }

constexpr std::size_t draws = 1000000;
const double ks_critical = 1.949 / std::sqrt(double(draws));  // alpha = 0.001, large n

template <class T>
void check_uniform_statistics(const std::vector<T>& u) {
    double sum = 0, squares = 0;
    for (auto v : u) {
        REQUIRE(v >= T(0));
        REQUIRE(v < T(1));
        sum += double(v);
        squares += double(v) * double(v);
    }
    const double n = double(u.size()), mean = sum / n, var = squares / n - mean * mean;
    CHECK(std::abs(mean - 0.5) < 5 * std::sqrt(1.0 / 12 / n));
    CHECK(std::abs(var - 1.0 / 12) < 5 * std::sqrt(1.0 / 180 / n));  // Var of (u - 1/2)^2 is 1/180
    CHECK(ks_statistic(u, [](double x) { return x; }) < ks_critical);
}

template <class T>
void check_normal_statistics(const std::vector<T>& g) {
    double sum = 0, squares = 0;
    for (auto v : g) {
        REQUIRE(std::isfinite(double(v)));
        sum += double(v);
        squares += double(v) * double(v);
    }
    const double n = double(g.size()), mean = sum / n, var = squares / n - mean * mean;
    CHECK(std::abs(mean) < 5 / std::sqrt(n));
    CHECK(std::abs(var - 1) < 5 * std::sqrt(2 / n));
    CHECK(ks_statistic(g, normal_cdf) < ks_critical);
}

}  // namespace

TEST_CASE("rand<float> matches a host Philox4x32-10 bit for bit") {
    const auto u = clarity::rand<float>(test::q(), {10, 3}, 42).get();
    REQUIRE(u.size() == 30);
    for (std::size_t e = 0; e < u.size(); ++e) CHECK(u[e] == host_uniform_float(e, 42));
    const auto big_seed = clarity::rand<float>(test::q(), {7}, 0x123456789abcdefull).get();
    for (std::size_t e = 0; e < big_seed.size(); ++e) CHECK(big_seed[e] == host_uniform_float(e, 0x123456789abcdefull));
}

TEST_CASE("rand<double>, randint and randn agree with the host generator") {
    if (has_fp64()) {
        const auto u = clarity::rand<double>(test::q(), {9}, 7).get();
        for (std::size_t e = 0; e < u.size(); ++e) CHECK(u[e] == host_uniform_double(e, 7));
    }
    const auto k = clarity::randint<std::int32_t>(test::q(), {13}, -5, 1000, 3).get();
    for (std::size_t e = 0; e < k.size(); ++e) {
        const auto w = philox(e / 4, 3)[e % 4];
        CHECK(k[e] == std::int32_t(-5 + std::int64_t((std::uint64_t(w) * 1005) >> 32)));
    }
    const auto g = clarity::randn<float>(test::q(), {4}, 11).get();
    const auto w = philox(0, 11);
    const double r = std::sqrt(-2 * std::log(1 - double(w[0] >> 8) * 0x1p-24));
    const double theta = 2 * M_PI * double(w[1] >> 8) * 0x1p-24;
    CHECK(g[0] == doctest::Approx(r * std::cos(theta)).epsilon(1e-5));
    CHECK(g[1] == doctest::Approx(r * std::sin(theta)).epsilon(1e-5));
}

TEST_CASE("the same seed gives the same numbers; other seeds and sizes do not disturb them") {
    const auto a = clarity::rand<float>(test::q(), {1001}, 5).get();
    const auto b = clarity::rand<float>(test::q(), {1001}, 5).get();
    const auto c = clarity::rand<float>(test::q(), {1001}, 6).get();
    const auto longer = clarity::rand<float>(test::q(), {4099}, 5).get();
    CHECK(a == b);
    CHECK(a != c);
    CHECK(std::equal(a.begin(), a.end(), longer.begin()));  // element e depends on seed and e only
    CHECK(clarity::rand<float>(test::q(), {0}, 1).size() == 0);
    CHECK(clarity::rand<float>(test::q(), {}, 1).item() == host_uniform_float(0, 1));
}

TEST_CASE("uniform floats: moments and Kolmogorov-Smirnov on 10^6 draws") {
    check_uniform_statistics(clarity::rand<float>(test::q(), {draws}, 2024).get());
    if (has_fp64()) check_uniform_statistics(clarity::rand<double>(test::q(), {draws}, 2025).get());
}

TEST_CASE("normal floats: moments and Kolmogorov-Smirnov on 10^6 draws") {
    check_normal_statistics(clarity::randn<float>(test::q(), {draws}, 99).get());
    if (has_fp64()) check_normal_statistics(clarity::randn<double>(test::q(), {draws}, 100).get());
}

TEST_CASE("randint: every value in [low, high), buckets evenly filled") {
    const auto k = clarity::randint<std::int64_t>(test::q(), {draws}, -10, 10, 17).get();
    std::array<std::size_t, 20> counts{};
    for (auto v : k) {
        REQUIRE(v >= -10);
        REQUIRE(v < 10);
        ++counts[std::size_t(v + 10)];
    }
    const double expected = double(draws) / 20;
    for (auto c : counts) CHECK(std::abs(double(c) - expected) < 6 * std::sqrt(expected));
    const auto u8 = clarity::randint<std::uint8_t>(test::q(), {1000}, 250, 255, 1).get();
    CHECK(*std::min_element(u8.begin(), u8.end()) == 250);
    CHECK(*std::max_element(u8.begin(), u8.end()) == 254);
    CHECK_THROWS_AS(clarity::randint<int>(test::q(), {3}, 5, 5, 1), std::invalid_argument);
}
