// Fused expressions: every operator and function against the host, on contiguous arrays,
// strided views and broadcast shapes; promotion, scalars as kernel arguments, assignment rules.
//
// Each check applies one generic lambda both to host numbers (std:: functions) and to device
// arrays (clarity:: functions), so the host reference is the same expression. Expressions are
// grouped so that PoCL compiles few kernels.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <complex>
#include <cstdint>
#include <type_traits>

#include <clarity/clarity.hpp>

#include "support.hpp"

namespace {

using cfloat = std::complex<float>;

// The host spelling of clarity::where.
template <class A, class B>
auto where(bool c, A a, B b) -> std::common_type_t<A, B> {
    return c ? a : b;
}

template <class T>
double magnitude(T v) {
    return double(std::abs(v));
}

// |got - want| small relative to the size of the numbers (exact for integers).
template <class T>
bool close(T got, T want, double tolerance) {
    if constexpr (std::is_integral_v<T>) {
        return got == want;
    } else {
        if (std::isnan(magnitude(want))) return std::isnan(magnitude(got));
        return magnitude(got - want) <= tolerance * std::max(1.0, magnitude(want));
    }
}

template <class T>
double tolerance_for() {
    using R = clarity::detail::real_of<T>;
    return std::is_same_v<R, float> ? 2e-5 : 1e-12;
}

// Host values at flat output index k of an operand of `shape` broadcast to `out` (NumPy's rule).
template <class T>
T broadcast_at(const std::vector<T>& values, const clarity::shape_t& shape, const clarity::shape_t& out, std::size_t k) {
    std::size_t index = 0, stride = 1;
    for (std::size_t d = 0; d < shape.size(); ++d) {
        const std::size_t out_d = out.size() - 1 - d, in_d = shape.size() - 1 - d;
        const std::size_t coordinate = (k / stride) % out[out_d];
        stride *= out[out_d];
        std::size_t in_stride = 1;
        for (std::size_t e = in_d + 1; e < shape.size(); ++e) in_stride *= shape[e];
        if (shape[in_d] != 1) index += coordinate * in_stride;
    }
    return values[index];
}

// Evaluates f on the device arrays and on the host elements (broadcast), then compares.
template <class F, class... T>
void check_expression(const std::string& what, F f, const clarity::array<T>&... operands) {
    CAPTURE(what);
    const auto result = clarity::eval(f(operands...));
    using R = typename decltype(result)::value_type;
    const auto got = result.get();
    const auto out = result.shape();
    const auto hosts = std::make_tuple(operands.get()...);
    std::size_t mismatches = 0;
    for (std::size_t k = 0; k < got.size(); ++k) {
        const R want = std::apply(
            [&](const auto&... host) {
                return static_cast<R>(f(broadcast_at(host, operands.shape(), out, k)...));
            },
            hosts);
        if (!close(got[k], want, tolerance_for<R>()) && mismatches++ < 3) {
            CAPTURE(k);
            CHECK(got[k] == want);
        }
    }
    CHECK(mismatches == 0);
}

template <class T>
clarity::array<T> device_values(const clarity::shape_t& shape, std::uint32_t seed) {
    auto host = test::random_vector<T>(clarity::layout::contiguous(shape).size(), seed);
    if constexpr (std::is_integral_v<T>)
        for (auto& v : host) v = T(v % 1000);  // small enough for products and shifts
    return clarity::to_device(test::q(), host, shape);
}

// Nonzero values for divisors.
template <class T>
clarity::array<T> nonzero_values(std::size_t n, std::uint32_t seed) {
    auto host = device_values<T>({n}, seed).get();
    for (auto& v : host)
        if (v == T(0)) v = T(7);
    return clarity::to_device(test::q(), host);
}

// The operators and functions of one element type, each group one kernel.
template <class T>
void check_all_operations(std::size_t n) {
    const auto a = device_values<T>({n}, 1), b = device_values<T>({n}, 2), c = nonzero_values<T>(n, 3);
    check_expression("+ - * / and unary -", [](auto x, auto y, auto z) { return x + y * x - y / z + -z; }, a, b, c);
    check_expression(
        "comparisons and logic",
        [](auto x, auto y, auto z) {
            return (x < y) + (x <= z) * 2 + (x > y) * 4 + (x >= z) * 8 + (x == y) * 16 + (x != z) * 32 +
                   (x && y) * 64 + (x || y) * 128 + (!x) * 256;
        },
        a, b, c);
    check_expression(
        "min, max, clamp, where",
        [](auto x, auto y, auto z) {
            using std::clamp, std::fmax, std::fmin, clarity::clamp, clarity::fmax, clarity::fmin;
            return fmin(x, y) + fmax(x, z) * 3 + clamp(y, T(-20), T(30)) + where(x > y, x, z);
        },
        a, b, c);
    if constexpr (std::is_integral_v<T>) {
        check_expression(
            "% & | ^ ~ << >> abs",
            [](auto x, auto y, auto z) {
                using std::abs, clarity::abs;
                return x % z + (x & y) + (x | z) * 2 + (x ^ y) * 3 + ~z + (abs(x) << 3) + (y >> 2) + abs(y);
            },
            a, b, c);
    } else {
        check_expression(
            "abs floor ceil round %",
            [](auto x, auto y, auto z) {
                using std::abs, std::ceil, std::floor, std::fmod, std::round, clarity::abs, clarity::ceil,
                    clarity::floor, clarity::round;
                if constexpr (std::is_floating_point_v<decltype(x)>)
                    return abs(x) + floor(y) * 2 + ceil(z) * 3 + round(x / 7) + fmod(y, z);
                else
                    return abs(x) + floor(y) * 2 + ceil(z) * 3 + round(x / 7) + y % z;
            },
            a, b, c);
    }
    check_expression(
        "sin cos tan exp tanh",
        [](auto x, auto y, auto z) {
            using std::cos, std::exp, std::sin, std::tan, std::tanh, clarity::cos, clarity::exp, clarity::sin,
                clarity::tan, clarity::tanh;
            return sin(x) + cos(y) + tan(z / 200) + exp(y / 50) + tanh(z / 30);
        },
        a, b, c);
    check_expression(
        "log log2 log10 sqrt pow",
        [](auto x, auto y, auto z) {
            using std::abs, std::log, std::log10, std::log2, std::pow, std::sqrt, clarity::abs, clarity::log,
                clarity::log10, clarity::log2, clarity::pow, clarity::sqrt;
            return log(abs(x) + 1) + log2(abs(y) + 1) + log10(abs(z) + 2) + sqrt(abs(y)) + pow(abs(x) + 1, 0.5) +
                   pow(abs(z) + 1, abs(y) / 100 + 1);
        },
        a, b, c);
}

}  // namespace

TEST_CASE("2a + 3b runs as one kernel at every awkward size") {
    for (std::size_t n : test::awkward_sizes()) {
        CAPTURE(n);
        const auto host_a = test::random_vector<float>(n, 1), host_b = test::random_vector<float>(n, 2);
        const auto a = clarity::to_device(test::q(), host_a), b = clarity::to_device(test::q(), host_b);
        clarity::array<float> res = 2.0f * a + 3.0f * b;
        const auto got = res.get();
        REQUIRE(got.size() == n);
        for (std::size_t k = 0; k < n; ++k) REQUIRE(close(got[k], 2.0f * host_a[k] + 3.0f * host_b[k], 1e-6));
    }
}

TEST_CASE("every operator and function matches the host: int32, int64, float, double") {
    check_all_operations<std::int32_t>(1021);
    check_all_operations<std::int64_t>(257);
    check_all_operations<float>(1021);
    if (test::q().device().has_fp64()) check_all_operations<double>(257);
}

TEST_CASE("complex<float>: + - * / unary -, abs, exp, log, sqrt, pow, mixed with real operands") {
    const std::size_t n = 1000;
    const auto a = device_values<cfloat>({n}, 1), b = device_values<cfloat>({n}, 2);
    const auto r = device_values<float>({n}, 3);
    check_expression("+ - * / -", [](auto x, auto y) { return x * y + x / y - (-y) - x; }, a, b);
    check_expression("with a real array and real scalars",
                     [](auto x, auto y) { return x * y + y * 2.0f - 1.5f; }, a, r);
    check_expression(
        "functions",
        [](auto x, auto y) {
            using std::exp, std::log, std::pow, std::sqrt, clarity::exp, clarity::log, clarity::pow, clarity::sqrt;
            return exp(x / 100.0f) + log(x) + sqrt(y) + pow(x / 100.0f, y / 200.0f);
        },
        a, b);
    check_expression("abs is real", [](auto x) {
        using std::abs, clarity::abs;
        return abs(x) * 2.0f;
    }, a);
    static_assert(std::is_same_v<decltype(clarity::abs(a))::value_type, float>);
}

namespace {
template <class A, class B>
concept comparable = requires(const A& a, const B& b) { a < b; };
template <class A, class B>
concept bitwise = requires(const A& a, const B& b) { a & b; };
template <class A>
concept has_sin = requires(const A& a) { clarity::sin(a); };
}  // namespace

TEST_CASE("complex comparisons, bitwise operations on floating point and sin of complex do not compile") {
    using zarray = clarity::array<cfloat>;
    static_assert(!comparable<zarray, zarray>);
    static_assert(!comparable<zarray, float>);
    static_assert(!bitwise<clarity::array<float>, clarity::array<float>>);
    static_assert(!bitwise<clarity::array<int>, float>);
    static_assert(!has_sin<zarray>);
    static_assert(comparable<clarity::array<float>, int> && bitwise<clarity::array<int>, int>);
}

TEST_CASE("type promotion: C++'s common type, weak host scalars, double for functions of integers") {
    using clarity::array;
    using std::is_same_v;
    const auto i = device_values<std::int32_t>({4}, 1);
    const auto l = device_values<std::int64_t>({4}, 2);
    const auto f = device_values<float>({4}, 3);
    const auto z = device_values<cfloat>({4}, 4);
    static_assert(is_same_v<decltype(i + f)::value_type, float>);
    static_assert(is_same_v<decltype(i + l)::value_type, std::int64_t>);
    static_assert(is_same_v<decltype(f * 2.0)::value_type, float>);    // a weak scalar
    static_assert(is_same_v<decltype(i * 2.5)::value_type, double>);   // a scalar of a higher kind
    static_assert(is_same_v<decltype(i * 2L)::value_type, std::int32_t>);
    static_assert(is_same_v<decltype(z * 2.0)::value_type, cfloat>);
    static_assert(is_same_v<decltype(f + z)::value_type, cfloat>);
    static_assert(is_same_v<decltype(i < f)::value_type, std::int32_t>);
    static_assert(is_same_v<decltype(clarity::sin(i))::value_type, double>);
    static_assert(is_same_v<decltype(clarity::abs(i))::value_type, std::int32_t>);
    // int + float computes in float, converting on the device.
    check_expression("int32 + float", [](auto x, auto y) { return x + y * 0.5f; }, i, f);
    if (test::q().device().has_fp64()) {
        const auto d = device_values<double>({4}, 5);
        static_assert(is_same_v<decltype(f + d)::value_type, double>);
        check_expression("float + double", [](auto x, auto y) { return x + y; }, f, d);
    }
}

TEST_CASE("strided views as operands and targets, with broadcasting") {
    const std::size_t rows = 37, cols = 29;
    const auto m = device_values<float>({cols, rows}, 1);  // transposed below: (rows, cols)
    const auto row = device_values<float>({cols}, 2);                       // (cols,)
    const auto column = device_values<float>({rows, 1}, 3);          // (rows, 1)
    const auto scalar = device_values<float>({}, 4);                   // 0-d
    const auto reversed = device_values<float>({2 * cols}, 5).slice(0, 2 * cols - 1, -2 * std::ptrdiff_t(cols) - 1, -2);  // (cols,), stride -2
    check_expression("a.transpose() + row * column - 0-d, reversed row",
                     [](auto t, auto r, auto c, auto s, auto v) { return t + r * c - s + v * 2.0f; },
                     m.transpose(), row, column, scalar, reversed);
    const auto i = device_values<std::int32_t>({rows, cols}, 6);
    check_expression("int32 rows with a column", [](auto x, auto c) { return x * 3 - c; }, i,
                     device_values<std::int32_t>({rows, 1}, 7));

    // A strided target: every other column of a (rows, 2 * cols) array.
    auto target = clarity::zeros<float>(test::q(), {rows, 2 * cols});
    target.slice(1, 0, 2 * cols, 2) = m.transpose() * 2.0f + row;
    const auto got = target.get(), t = m.transpose().get(), r = row.get();
    for (std::size_t y = 0; y < rows; ++y)
        for (std::size_t x = 0; x < 2 * cols; ++x) {
            const float want = x % 2 ? 0.0f : t[y * cols + x / 2] * 2.0f + r[x / 2];
            REQUIRE(got[y * 2 * cols + x] == want);
        }
}

TEST_CASE("mismatched shapes throw std::invalid_argument and write nothing") {
    const auto a = device_values<float>({3, 4}, 1);
    const auto b = device_values<float>({3}, 2);
    CHECK_THROWS_AS(clarity::eval(a + b), std::invalid_argument);
    auto target = clarity::full<float>(test::q(), {4, 3}, 1.0f);
    CHECK_THROWS_AS(target = a * 2.0f, std::invalid_argument);
    CHECK_THROWS_AS(target.slice(1, 0, 2) = b + 1.0f, std::invalid_argument);  // (3,) into (4, 2)
    CHECK(target.get() == std::vector<float>(12, 1.0f));
    // complex results do not go into real arrays; default-constructed operands have no device
    const auto z = device_values<cfloat>({4, 3}, 3);
    CHECK_THROWS_AS(target = z * 2.0f, std::invalid_argument);
    CHECK_THROWS_AS(clarity::eval(clarity::array<float>() + 1.0f), std::invalid_argument);
    CHECK(target.get() == std::vector<float>(12, 1.0f));
}

TEST_CASE("scalars are kernel arguments: a loop over changing scalars compiles one kernel") {
    const auto a = device_values<float>({1000}, 1);
    auto res = clarity::eval(2.0f * a);
    const auto programs = [] {
        const auto s = clarity::program_cache_statistics();
        return s.compiled + s.disk_hits;  // programs not already in memory
    };
    auto before = programs();
    res = 1.0f * a + 2.0f;
    CHECK(programs() <= before + 1);
    before = programs();
    for (int k = 0; k < 20; ++k) {
        res = float(k) * a + 0.5f * float(k);
        if (k % 7 == 0) REQUIRE(res[3].item() == float(k) * a[3].item() + 0.5f * float(k));
        res = 3.0f * a;
    }
    CHECK(programs() == before);
}

TEST_CASE("compound assignment: each operator, views written through, broadcast right-hand sides") {
    auto host = test::random_vector<std::int32_t>(60, 1);
    for (auto& v : host) v = std::abs(v % 1000) + 1;
    const auto ones = clarity::full<std::int32_t>(test::q(), {60}, 3);
    auto a = clarity::to_device(test::q(), host);
    a += ones;   a -= 1;   a *= ones;   a /= 2;   a %= 1000;
    a &= 0xfff;  a |= 16;  a ^= ones;   a <<= 2;  a >>= 1;
    for (auto& v : host) v = ((((((((((v + 3) - 1) * 3) / 2) % 1000) & 0xfff) | 16) ^ 3) << 2) >> 1);
    CHECK(a.get() == host);

    auto m = clarity::zeros<float>(test::q(), {4, 5});
    const auto row = clarity::arange<float>(test::q(), 0, 5);
    m.slice(0, 1, 3) += row;     // rows 1 and 2 only
    m[3] -= 2.0f;
    const auto got = m.get();
    for (std::size_t r = 0; r < 4; ++r)
        for (std::size_t c = 0; c < 5; ++c)
            CHECK(got[r * 5 + c] == (r == 1 || r == 2 ? float(c) : r == 3 ? -2.0f : 0.0f));
}

TEST_CASE("assignment: writes into existing storage, allocates for an empty handle, converts types") {
    auto a = clarity::arange<float>(test::q(), 0, 6);
    const auto shared = a;  // a handle on the same buffer
    a = a * 2.0f + 1.0f;
    CHECK(shared.get() == std::vector<float>{1, 3, 5, 7, 9, 11});

    clarity::array<float> fresh;
    fresh = a - 1.0f;
    CHECK(fresh.get() == std::vector<float>{0, 2, 4, 6, 8, 10});
    CHECK(fresh.buffer()() != a.buffer()());

    clarity::array<std::int32_t> truncated = a / 2.0f;  // evaluated in float, stored as int
    CHECK(truncated.get() == std::vector<std::int32_t>{0, 1, 2, 3, 4, 5});

    // An operand overlapping the target with another layout reads the old values.
    auto sq = clarity::arange<float>(test::q(), 0, 9).reshape({3, 3});
    sq = sq.transpose() + 0.0f;
    CHECK(sq.get() == std::vector<float>{0, 3, 6, 1, 4, 7, 2, 5, 8});
}

TEST_CASE("0-d results chain into expressions without a host round trip") {
    const auto host = test::random_vector<float>(1000, 9);
    const auto a = clarity::to_device(test::q(), host);
    const auto centered = clarity::eval((a - clarity::mean(a)) / clarity::std(a));
    double mean = 0, var = 0;
    for (float x : host) mean += x;
    mean /= double(host.size());
    for (float x : host) var += (x - mean) * (x - mean);
    const double sd = std::sqrt(var / double(host.size()));
    const auto got = centered.get();
    for (std::size_t k = 0; k < host.size(); ++k) REQUIRE(std::abs(got[k] - (host[k] - mean) / sd) < 1e-4);
}

TEST_CASE("an expression kept in a variable owns its operands, temporaries included") {
    const auto make = [] {
        const auto a = clarity::to_device(test::q(), std::vector<float>{1, 2, 3});
        // Views are temporaries moved into the tree; `a` itself is gone when the lambda returns.
        return a.slice(0, 1, 3) * 2.0f + clarity::where(a.slice(0, 0, 2) > 1.0f, clarity::abs(-a.slice(0, 0, 2)), 0.0f);
    };
    const auto e = make();
    CHECK(clarity::eval(e).get() == std::vector<float>{4, 8});
    CHECK(clarity::eval(e).get() == std::vector<float>{4, 8});  // evaluating does not consume it
}
