// clarity's own FFT kernels at every kind of pass they plan (lib/fft_passes.hpp): one-pass rows
// of every power of two to 4096 and of mixed radix, several rows per work-group with a partial
// last group, multi-pass axes (the four-step split, 2^13 to 2^22) whose scratch parity differs,
// strided column passes of 2-d and 3-d arrays, double precision, and one queue shared by threads.
// References: the host DFT in double, or a host FFT in double where the DFT would be too slow.
#include <doctest/doctest.h>

#include <cmath>
#include <complex>
#include <stdexcept>
#include <thread>
#include <vector>

#include <clarity/clarity.hpp>

#include "fft_passes.hpp"
#include "fft_reference.hpp"
#include "support.hpp"

using namespace test;

namespace {

bool has_fp64() { return test::q().device().has_fp64(); }

// fft of random rows of length n (a batch of `rows`) against the host, and ifft back.
template <class C>
void check_rows(std::size_t rows, std::size_t n, double tol) {
    CAPTURE(rows);
    CAPTURE(n);
    const auto host = test::random_vector<C>(rows * n, unsigned(n + rows));
    const auto x = clarity::to_device(test::q(), host, {rows, n});
    std::vector<cdouble> expected;
    for (std::size_t r = 0; r < rows; ++r) {
        const auto row = host_fft(widen(std::vector<C>(host.begin() + std::ptrdiff_t(r * n),
                                                       host.begin() + std::ptrdiff_t((r + 1) * n))));
        expected.insert(expected.end(), row.begin(), row.end());
    }
    const auto F = clarity::fft(x, {.axes = 1});
    CHECK(relative_error(F.get(), expected) < tol);
    CHECK(relative_error(clarity::ifft(F, {.axes = 1}).get(), widen(host)) < tol);
}

// fft and ifft over the last `axes` axes of `shape` against the host DFT.
template <class C>
void check_shape(const clarity::shape_t& shape, std::size_t axes) {
    CAPTURE(clarity::to_string(shape));
    const auto host = test::random_vector<C>(product(shape), unsigned(product(shape)));
    const auto x = clarity::to_device(test::q(), host, shape);
    const auto F = clarity::fft(x, {.axes = axes});
    CHECK(relative_error(F.get(), host_dft(widen(host), shape, axes)) < tolerance<C>());
    CHECK(relative_error(clarity::ifft(F, {.axes = axes}).get(), widen(host)) < tolerance<C>());
}

// Float error grows like log n; 2e-5 holds to a few thousand points.
double float_tolerance(std::size_t n) { return 2e-6 * std::log2(double(n)); }

}  // namespace

TEST_CASE("the pass plan: one pass up to 4096 points, more for longer or strided axes") {
    using clarity::detail::plan_fft_passes;
    const std::uint64_t local = 48 * 1024;
    CHECK(plan_fft_passes({4096}, {0}, 8, local, 1024).size() == 1);
    CHECK(plan_fft_passes({4096}, {0}, 16, local, 1024).size() == 2);  // 64 KiB of doubles
    CHECK(plan_fft_passes({1 << 13}, {0}, 8, local, 1024).size() == 2);
    CHECK(plan_fft_passes({1 << 24}, {0}, 8, local, 1024).size() == 3);
    const auto two_d = plan_fft_passes({4096, 4096}, {0, 1}, 8, local, 1024);
    REQUIRE(two_d.size() == 3);  // the rows, then the columns in two passes of 64 columns each
    CHECK(two_d[0].kernel.length == 4096);
    CHECK(two_d[1].kernel.columns * two_d[1].kernel.length <= 4096);
    CHECK(two_d[1].kernel.columns >= 8);
    for (const auto& pass : plan_fft_passes({3 * 5 * 7 * 8 * 11 * 13}, {0}, 8, local, 1024))
        CHECK(pass.kernel.length <= 4096);
    // 1 KiB of local memory (the embedded profile's least) cannot hold passes of 13 points.
    CHECK_THROWS_AS(plan_fft_passes({169}, {0}, 8, 1024, 1024), std::invalid_argument);
    CHECK(plan_fft_passes({128}, {0}, 8, 1024, 1024).size() == 3);  // 8 x 4 x 4
    CHECK(clarity::detail::fft_passes_support(3 * 5 * 7 * 8 * 11 * 13));
    CHECK_FALSE(clarity::detail::fft_passes_support(97));
}

TEST_CASE("one-pass rows of every power of two up to 4096, and of mixed radix") {
    for (std::size_t n = 1; n <= 4096; n *= 2) check_rows<cfloat>(1, n, tolerance<cfloat>());
    for (std::size_t n : {6, 840 /* 3 5 7 8 */, 1000, 143 /* 11 13 */, 2187 /* 3^7 */, 97 /* Bluestein */})
        check_rows<cfloat>(1, n, tolerance<cfloat>());
}

TEST_CASE("many rows per work-group, the last group partly empty") {
    check_rows<cfloat>(100, 64, tolerance<cfloat>());
    check_rows<cfloat>(5, 840, tolerance<cfloat>());
    check_rows<cfloat>(3, 4096, tolerance<cfloat>());
    check_rows<cfloat>(33, 2, tolerance<cfloat>());
}

TEST_CASE("multi-pass lengths: the four-step split, 2^13 to 2^22") {
    for (std::size_t bits : {13, 16, 20}) check_rows<cfloat>(1, std::size_t(1) << bits, float_tolerance(1 << bits));
    check_rows<cfloat>(2, 3 * 5 * 7 * 11 * 13, float_tolerance(15015));  // mixed radix in two passes
    check_rows<cfloat>(1, std::size_t(1) << 22, float_tolerance(1 << 22));
}

TEST_CASE("2-d and 3-d: strided column passes, one and several per axis") {
    check_shape<cfloat>({1024, 8}, 2);     // columns of 1024 in two passes of 8 columns side by side
    check_shape<cfloat>({64, 48}, 2);
    check_shape<cfloat>({6, 40, 27}, 3);  // inner strides of 27 and 1080
    check_shape<cfloat>({3, 600, 5}, 2);  // batched over the first axis
    check_shape<cfloat>({2, 2, 2}, 3);
}

TEST_CASE("double precision: one-pass, multi-pass and column passes") {
    if (!has_fp64()) return;
    for (std::size_t n : {2, 1024, 840}) check_rows<cdouble>(1, n, tolerance<cdouble>());
    check_rows<cdouble>(1, 4096, tolerance<cdouble>());  // 64 KiB of points: two passes
    check_shape<cdouble>({600, 4}, 2);
}

TEST_CASE("strided views through the multi-pass kernels, in place and round trips") {
    auto& q = test::q();
    const std::size_t n = 1 << 13;
    const auto host = test::random_vector<cfloat>(2 * n, 31);
    const auto a = clarity::to_device(q, host, {n, 2});
    const auto column = a.transpose()[1];  // every other element: a strided view
    const auto expected = host_fft(widen(column.copy().get()));
    CHECK(relative_error(clarity::fft(column).get(), expected) < float_tolerance(n));
    auto b = column.copy();
    clarity::fft(b, b);
    clarity::ifft(b, b);
    CHECK(relative_error(b.get(), widen(column.copy().get())) < float_tolerance(n));
}

TEST_CASE("threads sharing one queue do not share a transform's scratch buffer") {
    const std::size_t n = 1 << 13;
    std::vector<std::vector<cfloat>> inputs;
    for (unsigned t = 0; t < 4; ++t) inputs.push_back(test::random_vector<cfloat>(n, 40 + t));
    std::vector<double> errors(inputs.size());
    std::vector<std::thread> threads;
    for (std::size_t t = 0; t < inputs.size(); ++t)
        threads.emplace_back([&, t] {
            const auto x = clarity::to_device(test::q(), inputs[t]);
            errors[t] = relative_error(clarity::fft(x).get(), host_fft(widen(inputs[t])));
        });
    for (auto& t : threads) t.join();
    for (double e : errors) CHECK(e < float_tolerance(n));
}
