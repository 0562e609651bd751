// Reductions: ReductionKernel (user expressions, struct accumulators, out views, ranges,
// checked arguments) and the built-ins against host references, whole-array and per axis.
#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <complex>
#include <cstdint>
#include <limits>
#include <numeric>
#include <stdexcept>
#include <type_traits>

#include <clarity/clarity.hpp>

#include "support.hpp"

using cfloat = std::complex<float>;

namespace {
const clarity::context& ctx() { return test::q().context(); }

// Built once and shared by every size (PoCL compiles slowly).
clarity::ReductionKernel<float>& user_dot() {
    static clarity::ReductionKernel<float> k(ctx(), "0", "a+b", "x[i]*y[i]",
                                             "__global const float *x, __global const float *y", {.name = "dot"});
    return k;
}

struct value_at {
    float value;
    std::int32_t index;
};

// argmax written by hand as a struct reduction; ties keep the lower index.
clarity::ReductionKernel<value_at>& user_argmax() {
    static const bool registered = (clarity::register_type<value_at>(
                                        "value_at", "typedef struct { float value; int index; } value_at;"),
                                    true);
    (void)registered;
    static clarity::ReductionKernel<value_at> k(
        ctx(), "make_value_at(-INFINITY, 0x7fffffff)", "pick_larger(a, b)", "make_value_at(x[i], i)",
        "__global const float *x",
        {.name = "struct_argmax",
         .preamble = "value_at make_value_at(float v, int i) { value_at r = {v, i}; return r; }\n"
                     "value_at pick_larger(value_at a, value_at b) {\n"
                     "    return (b.value > a.value || (b.value == a.value && b.index < a.index)) ? b : a;\n"
                     "}"});
    return k;
}

double host_dot(const std::vector<float>& x, const std::vector<float>& y) {
    double s = 0;
    for (std::size_t i = 0; i < x.size(); ++i) s += double(x[i]) * double(y[i]);
    return s;
}

double abs_dot(const std::vector<float>& x, const std::vector<float>& y) {
    double s = 0;
    for (std::size_t i = 0; i < x.size(); ++i) s += std::abs(double(x[i]) * double(y[i]));
    return s;
}

// Tree-ordered float sums of n <= 2^24 terms: |error| <= 43 * 2^-24 * sum|x_i| (reduction.hpp).
constexpr double float_depth_bound = 43.0 * 0x1p-24;
}  // namespace

TEST_CASE("ReductionKernel: dot at awkward sizes") {
    for (const auto n : test::awkward_sizes()) {
        CAPTURE(n);
        const auto hx = test::random_vector<float>(n, 1), hy = test::random_vector<float>(n, 2);
        const auto x = clarity::to_device(test::q(), hx), y = clarity::to_device(test::q(), hy);
        const auto r = user_dot()(x, y);
        CHECK(r.ndim() == 0);
        CHECK(std::abs(r.item() - host_dot(hx, hy)) <= float_depth_bound * abs_dot(hx, hy) + 1e-30);
    }
}

// Regression: the kernel's own variables (k, stride, lid, value, acc0, ...) once shared the user's
// namespace, so arguments with those names did not compile.
TEST_CASE("ReductionKernel: arguments may have the names of the kernel's internals") {
    clarity::ReductionKernel<float> k_named(ctx(), "0", "a+b", "k[i] * stride[i] * lid + value",
                                            "__global const float *k, __global const float *stride, int lid, "
                                            "float value, __global const float *acc0");
    for (const std::size_t n : {std::size_t(1), std::size_t(4099), std::size_t(1) << 20}) {
        CAPTURE(n);
        const auto hk = test::random_vector<float>(n, 5), hs = test::random_vector<float>(n, 6);
        const auto dk = clarity::to_device(test::q(), hk), ds = clarity::to_device(test::q(), hs);
        const auto r = k_named(dk, ds, 2, 0.5f, dk);
        double expected = 0, magnitude = 0;
        for (std::size_t i = 0; i < n; ++i) {
            expected += double(hk[i]) * hs[i] * 2 + 0.5;
            magnitude += std::abs(double(hk[i]) * hs[i] * 2) + 0.5;
        }
        CHECK(std::abs(r.item() - expected) <= float_depth_bound * magnitude + 1e-30);
    }
}

// Regression: a map reading one array twice ("x[i]*x[i]", dot(x, x)) declared its vector loads
// twice on devices that take the 16-byte load path (the H200), and did not compile.
TEST_CASE("dot of an array with itself, and a map reading one array twice") {
    clarity::ReductionKernel<float> squares(ctx(), "0", "a+b", "x[i]*x[i]", "__global const float *x");
    for (const std::size_t n : {std::size_t(1), std::size_t(97), std::size_t(4099), (std::size_t(1) << 20) + 3}) {
        CAPTURE(n);
        const auto hx = test::random_vector<float>(n, 7);
        const auto x = clarity::to_device(test::q(), hx);
        double expected = 0;
        for (const float v : hx) expected += double(v) * v;
        CHECK(std::abs(squares(x).item() - expected) <= float_depth_bound * expected + 1e-30);
        CHECK(std::abs(clarity::dot(x, x).item() - expected) <= float_depth_bound * expected + 1e-30);
    }
}

TEST_CASE("ReductionKernel: out view, range with a step, wait_for") {
    const std::size_t n = 10007;
    const auto hx = test::random_vector<float>(n, 3), hy = test::random_vector<float>(n, 4);
    const auto x = clarity::to_device(test::q(), hx), y = clarity::to_device(test::q(), hy);
    auto results = clarity::zeros<float>(test::q(), {4});
    auto slot = results.slice(0, 2, 3);
    const auto ready = test::q().enqueue_marker();
    user_dot().launch({.out = &slot, .range = clarity::range{5, 9000, 3}, .wait_for = {ready}}, x, y).wait();
    double expected = 0, magnitude = 0;
    for (std::size_t i = 5; i < 9000; i += 3) {
        expected += double(hx[i]) * hy[i];
        magnitude += std::abs(double(hx[i]) * hy[i]);
    }
    const auto h = results.get();
    CHECK(h[0] == 0.0f);
    CHECK(h[1] == 0.0f);
    CHECK(std::abs(h[2] - expected) <= float_depth_bound * magnitude);
    CHECK(h[3] == 0.0f);

    user_dot().launch({.out = &slot, .range = clarity::range{100, 100}}, x, y);  // empty: the neutral
    CHECK(results.get()[2] == 0.0f);
}

TEST_CASE("ReductionKernel: default map reads in[i]") {
    static clarity::ReductionKernel<std::int64_t> total(ctx(), "0", "a+b", "", "", {.name = "total"});
    const auto h = test::random_vector<std::int64_t>(4099, 5);
    std::uint64_t expected = 0;
    for (auto v : h) expected += std::uint64_t(v);  // wraps like the device
    CHECK(total(clarity::to_device(test::q(), h)).item() == std::int64_t(expected));
    CHECK(total.source(test::q().device()).find("in[i]") != std::string::npos);
}

TEST_CASE("ReductionKernel: argmax as a struct {value, index} reduction") {
    for (const std::size_t n : {std::size_t(1), std::size_t(257), std::size_t(65537), std::size_t(1) << 22}) {
        CAPTURE(n);
        auto h = test::random_vector<float>(n, 6);
        if (n > 300) h[n / 3] = h[n - 2] = 1000.0f;  // a tie: the first index wins
        const auto r = user_argmax()(clarity::to_device(test::q(), h)).item();
        const auto expected = std::max_element(h.begin(), h.end()) - h.begin();
        CHECK(r.index == expected);
        CHECK(r.value == h[std::size_t(expected)]);
    }
}

TEST_CASE("ReductionKernel: mismatched arguments throw before launching") {
    const auto x = clarity::to_device(test::q(), test::random_vector<float>(8));
    const auto d = clarity::zeros<double>(test::q(), {8});
    const auto wide = clarity::zeros<float>(test::q(), {16});
    CHECK_THROWS_WITH_AS(user_dot()(x), doctest::Contains("expected 2 arguments"), std::invalid_argument);
    CHECK_THROWS_WITH_AS(user_dot()(x, 2.0f), doctest::Contains("'y'"), std::invalid_argument);
    CHECK_THROWS_WITH_AS(user_dot()(x, wide.slice(0, 0, 16, 2)), doctest::Contains("strided"), std::invalid_argument);
    CHECK_THROWS_WITH_AS(user_dot()(x, wide), doctest::Contains("'y' has 16 elements"), std::invalid_argument);
    if (test::q().device().has_fp64())
        CHECK_THROWS_WITH_AS(user_dot()(x, d), doctest::Contains("'y'"), std::invalid_argument);
    auto two = clarity::zeros<float>(test::q(), {2});
    CHECK_THROWS_AS(user_dot().launch({.out = &two}, x, x), std::invalid_argument);
    CHECK_THROWS_AS(user_dot().launch({}, x, x), std::invalid_argument);
    CHECK_THROWS_AS(clarity::ReductionKernel<float>(ctx(), "0", "a+b", "", "", {.name = "not a name"}),
                    std::invalid_argument);
    CHECK_THROWS_AS(clarity::ReductionKernel<float>(ctx(), "0", "a+b", "", "__global const mystery *in"),
                    std::invalid_argument);
}

TEST_CASE("ReductionKernel: a compile error is a build_error with the source") {
    clarity::ReductionKernel<float> broken(ctx(), "0", "a +* b", "", "", {.name = "broken"});
    const auto x = clarity::to_device(test::q(), std::vector<float>{1, 2});
    try {
        broken(x);
        FAIL("expected a build_error");
    } catch (const clarity::build_error& e) {
        CHECK(e.source().find("a +* b") != std::string::npos);
    }
}

// ---- built-ins ----

namespace {

// Host references with the device's wrap-around for integers.
template <class T>
T host_sum(const std::vector<T>& h) {
    if constexpr (std::is_integral_v<T>) {
        std::make_unsigned_t<T> s = 0;
        for (auto v : h) s += std::make_unsigned_t<T>(v);
        return T(s);
    } else {
        std::complex<double> s = 0;
        for (auto v : h) s += std::complex<double>(v);
        if constexpr (std::is_floating_point_v<T>) return T(s.real());
        else return T(typename T::value_type(s.real()), typename T::value_type(s.imag()));
    }
}

template <class T>
double magnitude(const std::vector<T>& h) {
    double s = 0;
    for (auto v : h) s += std::abs(std::complex<double>(v));
    return s;
}

template <class T>
double tolerance(const std::vector<T>& h) {
    if constexpr (std::is_integral_v<T>) return 0;
    else if constexpr (std::is_floating_point_v<T>) return 64 * std::numeric_limits<T>::epsilon() * magnitude(h) + 1e-30;
    else return 64 * std::numeric_limits<typename T::value_type>::epsilon() * magnitude(h) + 1e-30;
}

template <class T>
bool near(T got, T expected, double tol) {
    if constexpr (std::is_integral_v<T>) return got == expected;
    else return std::abs(std::complex<double>(got) - std::complex<double>(expected)) <= tol;
}

// A view of every second element of a fresh array holding h in those places.
template <class T>
clarity::array<T> strided_copy_of(const std::vector<T>& h) {
    std::vector<T> spread(2 * h.size());
    for (std::size_t i = 0; i < h.size(); ++i) spread[2 * i] = h[i];
    return clarity::to_device(test::q(), spread).slice(0, 0, std::ptrdiff_t(spread.size()), 2);
}

template <class T>
void check_builtins(const std::vector<T>& h, const clarity::array<T>& a) {
    const auto n = h.size();
    CHECK(near(clarity::sum(a).item(), host_sum(h), tolerance(h)));
    std::vector<T> squares(n);
    for (std::size_t i = 0; i < n; ++i) {
        if constexpr (std::is_integral_v<T>)  // wraps like the device
            squares[i] = T(std::make_unsigned_t<T>(h[i]) * std::make_unsigned_t<T>(h[i]));
        else
            squares[i] = h[i] * h[i];
    }
    CHECK(near(clarity::dot(a, a).item(), host_sum(squares), tolerance(squares)));
    if (n == 0) return;
    if constexpr (!std::is_same_v<T, cfloat>) {
        const auto [lo, hi] = std::minmax_element(h.begin(), h.end());
        CHECK(clarity::min(a).item() == *lo);
        CHECK(clarity::max(a).item() == *hi);
        CHECK(clarity::argmin(a).item() == lo - h.begin());
        CHECK(clarity::argmax(a).item() == hi - h.begin());
        double mean = 0;
        for (auto v : h) mean += double(v);
        mean /= double(n);
        const auto m = clarity::mean(a).item();
        static_assert(std::is_same_v<decltype(m), const std::conditional_t<std::is_integral_v<T>, double, T>>);
        CHECK(std::abs(double(m) - mean) <= 1e-5 * (std::abs(mean) + magnitude(h) / double(n)));
    } else {
        const auto m = clarity::mean(a).item();
        const auto s = std::complex<double>(host_sum(h)) / double(n);
        CHECK(std::abs(std::complex<double>(m) - s) <= 1e-5 * magnitude(h) / double(n));
    }
}

template <class T>
void check_builtins_at_awkward_sizes() {
    for (const auto n : test::awkward_sizes()) {
        CAPTURE(n);
        const auto h = test::random_vector<T>(n, std::uint32_t(n + 11));
        check_builtins(h, clarity::to_device(test::q(), h));
        check_builtins(h, strided_copy_of(h));
    }
}

bool has_fp64() { return test::q().device().has_fp64(); }
}  // namespace

TEST_CASE("built-ins: int32") { check_builtins_at_awkward_sizes<std::int32_t>(); }
TEST_CASE("built-ins: int64") { check_builtins_at_awkward_sizes<std::int64_t>(); }
TEST_CASE("built-ins: float") { check_builtins_at_awkward_sizes<float>(); }
TEST_CASE("built-ins: double") {
    if (has_fp64()) check_builtins_at_awkward_sizes<double>();
}
TEST_CASE("built-ins: complex<float>") { check_builtins_at_awkward_sizes<cfloat>(); }

TEST_CASE("built-ins: empty arrays") {
    const auto e = clarity::empty<float>(test::q(), {0});
    CHECK(clarity::sum(e).item() == 0.0f);
    CHECK(clarity::dot(e, e).item() == 0.0f);
    CHECK_THROWS_AS(clarity::min(e), std::invalid_argument);
    CHECK_THROWS_AS(clarity::max(e), std::invalid_argument);
    CHECK_THROWS_AS(clarity::argmin(e), std::invalid_argument);
    CHECK_THROWS_AS(clarity::argmax(e), std::invalid_argument);
    CHECK_THROWS_AS(clarity::mean(e), std::invalid_argument);
}

TEST_CASE("built-ins: errors") {
    const auto a = clarity::zeros<float>(test::q(), {5});
    const auto b = clarity::zeros<float>(test::q(), {6});
    CHECK_THROWS_WITH_AS(clarity::dot(a, b), doctest::Contains("5 and 6"), std::invalid_argument);
    const auto z = clarity::zeros<cfloat>(test::q(), {5});
    CHECK_THROWS_AS(clarity::min(z), std::invalid_argument);
    CHECK_THROWS_AS(clarity::argmax(z), std::invalid_argument);
    CHECK_THROWS_AS(clarity::sum(a, 1), std::invalid_argument);
    CHECK_THROWS_AS(clarity::sum(a, -2), std::invalid_argument);
}

TEST_CASE("built-ins: argmin and argmax return the first extreme index") {
    const auto a = clarity::to_device(test::q(), std::vector<int>{3, 1, 7, 1, 7, 0, 0});
    CHECK(clarity::argmax(a).item() == 2);
    CHECK(clarity::argmin(a).item() == 5);
}

TEST_CASE("built-ins: var and std, two passes over the device-resident mean") {
    const auto h = test::random_vector<float>(65537, 9);
    double mean = 0, var = 0;
    for (auto v : h) mean += v;
    mean /= double(h.size());
    for (auto v : h) var += (v - mean) * (v - mean);
    var /= double(h.size());
    const auto a = clarity::to_device(test::q(), h);
    CHECK(clarity::var(a).item() == doctest::Approx(var).epsilon(1e-5));
    CHECK(clarity::std(a).item() == doctest::Approx(std::sqrt(var)).epsilon(1e-5));
    const auto ints = clarity::to_device(test::q(), std::vector<int>{1, 2, 3, 4});
    if (has_fp64()) CHECK(clarity::var(ints).item() == doctest::Approx(1.25));
    CHECK(clarity::std<float>(ints).item() == doctest::Approx(std::sqrt(1.25)));
}

TEST_CASE("built-ins: float sum of 2^24 elements is tree-ordered") {
    // All positive, so a left-to-right float sum would stall once the total reaches 2^24.
    const std::size_t n = std::size_t(1) << 24;
    std::vector<float> h(n);
    std::mt19937 gen(7);
    std::uniform_real_distribution<float> d(0.0f, 1.0f);
    for (auto& v : h) v = d(gen);
    const double reference = std::accumulate(h.begin(), h.end(), 0.0);  // every term positive: = sum|x|
    const auto a = clarity::to_device(test::q(), h);
    const double got = clarity::sum(a).item();
    CHECK(std::abs(got - reference) <= float_depth_bound * reference);
    CHECK(std::abs(clarity::dot(a, clarity::ones<float>(test::q(), {n})).item() - reference) <=
          float_depth_bound * reference);
}

namespace {

// sum and dot of contiguous views starting `offset` elements into their buffers: whole 16-byte
// vectors in the middle, single elements at either end, or element by element when the two
// operands of dot sit differently against 16-byte boundaries.
template <class T>
void check_views_at_offsets() {
    for (const std::size_t n : {std::size_t(0), std::size_t(1), std::size_t(3), std::size_t(4), std::size_t(6),
                                std::size_t(1021), std::size_t(65537)}) {
        const auto hx = test::random_vector<T>(n + 4, std::uint32_t(n + 1)), hy = test::random_vector<T>(n + 4, 2);
        const auto x = clarity::to_device(test::q(), hx), y = clarity::to_device(test::q(), hy);
        for (std::size_t offset = 0; offset < 4; ++offset) {
            CAPTURE(n);
            CAPTURE(offset);
            const std::vector<T> part(hx.begin() + std::ptrdiff_t(offset), hx.begin() + std::ptrdiff_t(offset + n));
            const auto view = x.slice(0, std::ptrdiff_t(offset), std::ptrdiff_t(offset + n));
            CHECK(near(clarity::sum(view).item(), host_sum(part), tolerance(part)));
            for (std::size_t other = 0; other < 4; ++other) {
                CAPTURE(other);
                std::vector<T> products(n);
                for (std::size_t i = 0; i < n; ++i) {
                    if constexpr (std::is_integral_v<T>)  // wraps like the device
                        products[i] = T(std::make_unsigned_t<T>(hx[offset + i]) * std::make_unsigned_t<T>(hy[other + i]));
                    else
                        products[i] = hx[offset + i] * hy[other + i];
                }
                const auto second = y.slice(0, std::ptrdiff_t(other), std::ptrdiff_t(other + n));
                CHECK(near(clarity::dot(view, second).item(), host_sum(products), tolerance(products)));
            }
        }
    }
}

}  // namespace

TEST_CASE("built-ins: views at every offset against 16-byte boundaries") {
    check_views_at_offsets<std::int32_t>();
    check_views_at_offsets<std::int64_t>();
    check_views_at_offsets<float>();
}

TEST_CASE("ReductionKernel: a map reading elements and a range starting off a 16-byte boundary") {
    const auto h = test::random_vector<std::int32_t>(4099, 5);
    const auto a = clarity::to_device(test::q(), h);
    static clarity::ReductionKernel<std::int32_t> total(ctx(), "0", "a + b", " ( in [ i ] ) ", "__global const int *in",
                                                        {.name = "spaced_sum"});
    auto out = clarity::empty<std::int32_t>(test::q(), {});
    for (const std::int64_t start : {0, 1, 2, 3, 5}) {
        CAPTURE(start);
        total.launch({.out = &out, .range = clarity::range{start, 4099, 1}}, a);
        CHECK(out.item() == host_sum(std::vector<std::int32_t>(h.begin() + start, h.end())));
    }
    CHECK(total.source(test::q().device()).find("int4") != std::string::npos);
}

namespace {

// NumPy's NaN rules for min, max, argmin, argmax over `h`, whole array and as a row of a 2-d array.
template <class T>
void check_nan_rules(const std::vector<T>& h) {
    const auto n = h.size();
    const auto first_nan = std::find_if(h.begin(), h.end(), [](T v) { return std::isnan(v); });
    const bool any_nan = first_nan != h.end();
    const auto [lo, hi] = std::minmax_element(h.begin(), h.end(), [](T a, T b) {
        return !std::isnan(b) && (std::isnan(a) || a < b);  // NaNs count as neither extreme here
    });
    const auto expect = [&](T got, T expected) { return any_nan ? std::isnan(got) : got == expected; };
    const auto expected_lo = any_nan ? first_nan - h.begin() : lo - h.begin();
    const auto expected_hi = any_nan ? first_nan - h.begin() : hi - h.begin();
    const auto a = clarity::to_device(test::q(), h);
    CHECK(expect(clarity::min(a).item(), *lo));
    CHECK(expect(clarity::max(a).item(), *hi));
    CHECK(clarity::argmin(a).item() == expected_lo);
    CHECK(clarity::argmax(a).item() == expected_hi);
    // Row 1 of a 3 x n array holds h, the other rows no NaN; and its transpose, along axis 0.
    std::vector<T> rows(3 * n, T(1));
    std::copy(h.begin(), h.end(), rows.begin() + std::ptrdiff_t(n));
    const auto m = clarity::to_device(test::q(), rows, {3, n});
    for (const auto& [view, axis] : {std::pair{m, 1}, std::pair{m.transpose(), 0}}) {
        CAPTURE(axis);
        CHECK(expect(clarity::min(view, axis).get()[1], *lo));
        CHECK(expect(clarity::max(view, axis).get()[1], *hi));
        CHECK(clarity::argmin(view, axis).get()[1] == expected_lo);
        CHECK(clarity::argmax(view, axis).get()[1] == expected_hi);
        CHECK(clarity::min(view, axis).get()[0] == T(1));
    }
}

template <class T>
void check_nan_rules() {
    const T nan = std::numeric_limits<T>::quiet_NaN();
    for (const std::size_t n : {std::size_t(1), std::size_t(2), std::size_t(257), std::size_t(65537)}) {
        CAPTURE(n);
        const auto h = test::random_vector<T>(n, std::uint32_t(n));
        check_nan_rules(h);  // no NaN
        for (const std::size_t at : {std::size_t(0), n / 2, n - 1}) {
            CAPTURE(at);
            auto with_nan = h;
            with_nan[at] = nan;
            check_nan_rules(with_nan);
            with_nan[n - 1] = nan;  // a second NaN after it: the first still counts
            check_nan_rules(with_nan);
        }
        check_nan_rules(std::vector<T>(n, nan));
    }
}

}  // namespace

TEST_CASE("built-ins: min, max, argmin, argmax propagate NaN as NumPy") {
    check_nan_rules<float>();
    if (has_fp64()) check_nan_rules<double>();
}

TEST_CASE("built-ins: 2^22 + 3 integers") {
    const std::size_t n = (std::size_t(1) << 22) + 3;
    const auto h = test::random_vector<std::int32_t>(n, 8);
    const auto a = clarity::to_device(test::q(), h);
    CHECK(clarity::sum(a).item() == host_sum(h));
    CHECK(clarity::argmax(a).item() == std::max_element(h.begin(), h.end()) - h.begin());
}

TEST_CASE("built-ins along an axis: every axis of a 3-d array and of a transposed view") {
    const clarity::shape_t shape{5, 257, 3};
    const auto h = test::random_vector<float>(5 * 257 * 3, 10);
    const auto a = clarity::to_device(test::q(), h, shape);
    const auto at = [&](std::size_t i, std::size_t j, std::size_t k) { return h[(i * 257 + j) * 3 + k]; };
    for (int axis = 0; axis < 3; ++axis) {
        CAPTURE(axis);
        const auto s = clarity::sum(a, axis), lo = clarity::min(a, axis), hi = clarity::max(a, axis);
        const auto m = clarity::mean(a, axis);
        clarity::shape_t rest = shape;
        rest.erase(rest.begin() + axis);
        REQUIRE(s.shape() == rest);
        const auto hs = s.get(), hlo = lo.get(), hhi = hi.get(), hm = m.get();
        for (std::size_t p = 0; p < rest[0]; ++p)
            for (std::size_t q = 0; q < rest[1]; ++q) {
                double total = 0, mag = 0;
                float mn = INFINITY, mx = -INFINITY;
                for (std::size_t r = 0; r < shape[std::size_t(axis)]; ++r) {
                    const float v = axis == 0 ? at(r, p, q) : axis == 1 ? at(p, r, q) : at(p, q, r);
                    total += v;
                    mag += std::abs(v);
                    mn = std::min(mn, v);
                    mx = std::max(mx, v);
                }
                const auto o = p * rest[1] + q;
                CHECK(std::abs(hs[o] - total) <= 1e-5 * mag);
                CHECK(hlo[o] == mn);
                CHECK(hhi[o] == mx);
                CHECK(std::abs(hm[o] - total / double(shape[std::size_t(axis)])) <= 1e-5 * mag);
            }
    }
    // A transposed (strided) view: sum over its last axis is a sum over a's first.
    const auto t = clarity::sum(a.transpose(), -1).get();
    const auto direct = clarity::sum(a, 0).transpose().copy().get();
    REQUIRE(t.size() == direct.size());
    for (std::size_t o = 0; o < t.size(); ++o) CHECK(t[o] == doctest::Approx(direct[o]).epsilon(1e-5));
    CHECK(clarity::sum(clarity::zeros<int>(test::q(), {4, 0}), 1).get() == std::vector<int>(4, 0));
    CHECK_THROWS_AS(clarity::max(clarity::zeros<int>(test::q(), {4, 0}), 1), std::invalid_argument);
}

namespace {

// A host view of a 3-d array: h[offset of (i, j, k)] with element strides.
template <class T>
struct host_view {
    const std::vector<T>* data;
    clarity::shape_t shape;
    std::array<std::size_t, 3> strides;
    T at(const std::array<std::size_t, 3>& index) const {
        return (*data)[index[0] * strides[0] + index[1] * strides[1] + index[2] * strides[2]];
    }
};

// argmin, argmax (first occurrence), var and std along every axis of `a` against `h`.
template <class T>
void check_arg_and_spread_along_axes(const clarity::array<T>& a, const host_view<T>& h) {
    using M = clarity::detail::mean_type<void, T>;
    const bool spread = !std::is_integral_v<T> || has_fp64();  // var of integers is double
    for (int axis = -3; axis < 3; ++axis) {
        CAPTURE(axis);
        const auto dim = std::size_t(axis < 0 ? axis + 3 : axis);
        clarity::shape_t rest = h.shape;
        rest.erase(rest.begin() + std::ptrdiff_t(dim));
        const auto lo = clarity::argmin(a, axis), hi = clarity::argmax(a, axis);
        static_assert(std::is_same_v<decltype(lo), const clarity::array<std::int64_t>>);
        REQUIRE(lo.shape() == rest);
        REQUIRE(hi.shape() == rest);
        const auto hlo = lo.get(), hhi = hi.get();
        std::vector<M> hv, hs;
        if (spread) {
            const auto v = clarity::var(a, axis), s = clarity::std(a, axis);
            static_assert(std::is_same_v<decltype(v), const clarity::array<M>>);
            REQUIRE(v.shape() == rest);
            hv = v.get();
            hs = s.get();
        }
        for (std::size_t p = 0; p < rest[0]; ++p)
            for (std::size_t q = 0; q < rest[1]; ++q) {
                const auto index = [&](std::size_t r) {
                    std::array<std::size_t, 3> idx{};
                    std::size_t other[2] = {p, q}, o = 0;
                    for (std::size_t d = 0; d < 3; ++d) idx[d] = d == dim ? r : other[o++];
                    return idx;
                };
                const std::size_t n = h.shape[dim];
                std::int64_t first_lo = 0, first_hi = 0;
                double mean = 0;
                for (std::size_t r = 0; r < n; ++r) {
                    const T x = h.at(index(r));
                    if (x < h.at(index(std::size_t(first_lo)))) first_lo = std::int64_t(r);
                    if (x > h.at(index(std::size_t(first_hi)))) first_hi = std::int64_t(r);
                    mean += double(x);
                }
                mean /= double(n);
                double var = 0;
                for (std::size_t r = 0; r < n; ++r) var += (double(h.at(index(r))) - mean) * (double(h.at(index(r))) - mean);
                var /= double(n);
                const auto o = p * rest[1] + q;
                CAPTURE(o);
                CHECK(hlo[o] == first_lo);
                CHECK(hhi[o] == first_hi);
                if (!spread) continue;
                const double tol = (std::is_same_v<M, float> ? 1e-5 : 1e-12) * (var + mean * mean) + 1e-30;
                CHECK(std::abs(double(hv[o]) - var) <= tol);
                CHECK(std::abs(double(hs[o]) - std::sqrt(var)) <= std::sqrt(tol) + 1e-6 * std::sqrt(var));
            }
    }
}

// 5x7x3 values from a few levels, so every axis has ties; also its transpose (a strided view)
// and a 5x1x3 array (an axis of length 1).
template <class T>
void check_arg_and_spread_along_axes() {
    const clarity::shape_t shape{5, 7, 3};
    std::vector<T> h(5 * 7 * 3);
    std::mt19937 gen(12);
    for (auto& v : h) v = T(int(gen() % 9) - 4) * T(3) / T(2 + std::is_integral_v<T>);
    const auto a = clarity::to_device(test::q(), h, shape);
    check_arg_and_spread_along_axes(a, host_view<T>{&h, shape, {21, 3, 1}});
    check_arg_and_spread_along_axes(a.transpose(), host_view<T>{&h, {3, 7, 5}, {1, 3, 21}});
    const std::vector<T> thin(h.begin(), h.begin() + 15);
    check_arg_and_spread_along_axes(clarity::to_device(test::q(), thin, {5, 1, 3}),
                                    host_view<T>{&thin, {5, 1, 3}, {3, 3, 1}});
}

}  // namespace

TEST_CASE("argmin, argmax, var, std along an axis: int32") { check_arg_and_spread_along_axes<std::int32_t>(); }
TEST_CASE("argmin, argmax, var, std along an axis: float") { check_arg_and_spread_along_axes<float>(); }
TEST_CASE("argmin, argmax, var, std along an axis: double") {
    if (has_fp64()) check_arg_and_spread_along_axes<double>();
}

TEST_CASE("argmin, argmax, var, std along an axis: 1-d, empty axes and errors") {
    const auto v = clarity::to_device(test::q(), std::vector<float>{3, 1, 7, 1, 7, 0, 0});
    CHECK(clarity::argmax(v, 0).item() == 2);
    CHECK(clarity::argmin(v, -1).item() == 5);
    CHECK(clarity::var(v, 0).item() == doctest::Approx(clarity::var(v).item()));
    // An empty axis: argmin and argmax throw (even with an empty result, as NumPy); var and std
    // behave as mean does.
    const auto e = clarity::zeros<float>(test::q(), {4, 0});
    CHECK_THROWS_AS(clarity::argmax(e, 1), std::invalid_argument);
    CHECK_THROWS_AS(clarity::argmin(e, 1), std::invalid_argument);
    CHECK_THROWS_AS(clarity::argmin(clarity::zeros<float>(test::q(), {0, 0}), 0), std::invalid_argument);
    CHECK(clarity::argmax(e, 0).shape() == clarity::shape_t{0});
    CHECK_THROWS_AS(clarity::mean(e, 1), std::invalid_argument);
    CHECK_THROWS_AS(clarity::var(e, 1), std::invalid_argument);
    CHECK_THROWS_AS(clarity::std(e, 1), std::invalid_argument);
    CHECK(clarity::mean(e, 0).shape() == clarity::shape_t{0});
    CHECK(clarity::var(e, 0).shape() == clarity::shape_t{0});
    CHECK(clarity::std(e, 0).shape() == clarity::shape_t{0});
    // Axes out of range and element types without an order.
    const auto a = clarity::zeros<float>(test::q(), {2, 3});
    CHECK_THROWS_AS(clarity::argmax(a, 2), std::invalid_argument);
    CHECK_THROWS_AS(clarity::argmin(a, -3), std::invalid_argument);
    CHECK_THROWS_AS(clarity::var(a, 2), std::invalid_argument);
    CHECK_THROWS_AS(clarity::std(a, -3), std::invalid_argument);
    const auto z = clarity::zeros<cfloat>(test::q(), {2, 3});
    CHECK_THROWS_AS(clarity::argmax(z, 0), std::invalid_argument);
    CHECK_THROWS_AS(clarity::var(z, 1), std::invalid_argument);
}
