// FFTs: every transform against a host DFT in double precision (1-d at awkward sizes: own
// kernels and Bluestein alike; 2-d and 3-d with odd sizes; batched), round trips, Parseval, real
// transforms of even and odd lengths, strided and in-place use, plans, spectra and errors.
// The own kernels' passes at every length they take are in test_fft_passes.cpp.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <complex>
#include <numbers>
#include <stdexcept>
#include <thread>
#include <vector>

#include <clarity/clarity.hpp>

#include "fft_reference.hpp"
#include "support.hpp"

using namespace test;

namespace {

bool has_fp64() { return test::q().device().has_fp64(); }

// fft and ifft of random data of `shape` over the last `axes` axes against the host.
template <class C>
void check_against_host(const clarity::shape_t& shape, std::size_t axes) {
    CAPTURE(clarity::to_string(shape));
    CAPTURE(axes);
    const auto host = test::random_vector<C>(product(shape), unsigned(product(shape)));
    const auto x = clarity::to_device(test::q(), host, shape);
    const auto expected = host_dft(widen(host), shape, axes);
    const auto F = clarity::fft(x, {.axes = axes});
    CHECK(relative_error(F.get(), expected) < tolerance<C>());
    CHECK(relative_error(clarity::ifft(F, {.axes = axes}).get(), widen(host)) < tolerance<C>());
    CHECK(x.get() == host);  // out of place leaves the input alone
}

const std::vector<std::size_t> one_d_sizes{1, 2, 3, 5, 7, 8, 17, 97, 1000, 1024, 4096};

}  // namespace

TEST_CASE("1-d complex float fft and ifft match a host DFT, own kernel and Bluestein lengths alike") {
    for (auto n : one_d_sizes) check_against_host<cfloat>({n}, 1);
}

TEST_CASE("1-d complex double fft and ifft match a host DFT") {
    if (!has_fp64()) return;
    for (auto n : one_d_sizes) check_against_host<cdouble>({n}, 1);
}

TEST_CASE("2-d and 3-d transforms with odd sizes, batched over leading axes") {
    check_against_host<cfloat>({5, 7}, 2);
    check_against_host<cfloat>({3, 17}, 2);      // Bluestein along the last axis
    check_against_host<cfloat>({17, 8}, 2);      // and along a leading one
    check_against_host<cfloat>({3, 5, 7}, 3);
    check_against_host<cfloat>({4, 5, 7}, 2);    // a batch of four 5 x 7 transforms
    check_against_host<cfloat>({6, 1000}, 1);    // a batch of six rows
    check_against_host<cfloat>({2, 3, 5, 7}, 3); // 4-d with .axes = 3
    if (has_fp64()) check_against_host<cdouble>({3, 5, 7}, 3);
}

TEST_CASE("the clFFT engine agrees with the host at power-of-two shapes too") {
    // These lengths normally run on clarity's own kernels; clFFT stays the reference.
    for (const clarity::shape_t shape : {clarity::shape_t{1024}, {8, 32}}) {
        CAPTURE(clarity::to_string(shape));
        const auto host = test::random_vector<cfloat>(product(shape), 6);
        const auto x = clarity::to_device(test::q(), host, shape);
        const auto F = clarity::fft(x, {.engine = clarity::fft_engine::clfft});
        CHECK(relative_error(F.get(), host_dft(widen(host), shape, shape.size())) < 2e-5);
        CHECK(relative_error(clarity::fft(x).get(), widen(F.get())) < 2e-5);
    }
}

TEST_CASE("fft of an array transforms every axis by default") {
    const auto host = test::random_vector<cfloat>(35, 3);
    const auto x = clarity::to_device(test::q(), host, {5, 7});
    CHECK(relative_error(clarity::fft(x).get(), host_dft(widen(host), {5, 7}, 2)) < 2e-5);
}

TEST_CASE("Parseval: sum |x|^2 == sum |X|^2 / n") {
    const auto host = test::random_vector<cfloat>(1000, 9);
    const auto X = clarity::fft(clarity::to_device(test::q(), host)).get();
    double time = 0, frequency = 0;
    for (auto v : host) time += std::norm(cdouble(v));
    for (auto v : X) frequency += std::norm(cdouble(v));
    CHECK(frequency / 1000 == doctest::Approx(time).epsilon(1e-5));
}

TEST_CASE("strided inputs and outputs, in place, and into existing views") {
    auto& q = test::q();
    const clarity::shape_t shape{8, 5};
    const auto host = test::random_vector<cfloat>(40, 5);
    const auto a = clarity::to_device(q, host, shape);
    SUBCASE("a transposed input") {
        const auto t = a.transpose();  // 5 x 8, strided
        const auto expected = host_dft(widen(t.copy().get()), {5, 8}, 2);
        CHECK(relative_error(clarity::fft(t).get(), expected) < 2e-5);
    }
    SUBCASE("every other row, one axis") {
        const auto rows = a.slice(0, 0, 8, 2);  // 4 x 5
        CHECK(relative_error(clarity::fft(rows, {.axes = 1}).get(), host_dft(widen(rows.copy().get()), {4, 5}, 1)) <
              2e-5);
    }
    SUBCASE("in place") {
        auto b = a.copy();
        clarity::fft(b, b);
        CHECK(relative_error(b.get(), host_dft(widen(host), shape, 2)) < 2e-5);
    }
    SUBCASE("into a strided view of a larger array") {
        auto big = clarity::zeros<cfloat>(q, {8, 10});
        clarity::fft(a, big.slice(1, 0, 10, 2));
        const auto got = big.slice(1, 0, 10, 2).copy().get();
        CHECK(relative_error(got, host_dft(widen(host), shape, 2)) < 2e-5);
        CHECK(big.slice(1, 1, 10, 2).copy().get() == std::vector<cfloat>(40));  // the gaps untouched
    }
    SUBCASE("a view that starts inside its buffer") {
        const auto row = a[3];  // offset 15
        CHECK(relative_error(clarity::fft(row).get(), host_dft(widen(row.get()), {5}, 1)) < 2e-5);
    }
}

TEST_CASE("fft_plan: forward and inverse in place, batched, reused") {
    clarity::fft_plan<cfloat> plan(test::q(), {5, 7});
    const auto host = test::random_vector<cfloat>(3 * 35, 4);
    auto a = clarity::to_device(test::q(), host, {3, 5, 7});
    plan.forward(a);
    CHECK(relative_error(a.get(), host_dft(widen(host), {3, 5, 7}, 2)) < 2e-5);
    plan.inverse(a);
    CHECK(relative_error(a.get(), widen(host)) < 2e-5);
    CHECK_THROWS_AS(plan.forward(clarity::zeros<cfloat>(test::q(), {7, 5})), std::invalid_argument);
}

TEST_CASE("rfft and irfft of even and odd lengths, 1-d and 2-d") {
    auto& q = test::q();
    for (const clarity::shape_t shape : {clarity::shape_t{8}, {7}, {17}, {1000}, {3, 8}, {5, 7}}) {
        CAPTURE(clarity::to_string(shape));
        const auto n = shape.back();
        const auto host = test::random_vector<float>(product(shape), 11);
        const auto x = clarity::to_device(q, host, shape);
        const auto R = clarity::rfft(x);
        CHECK(R.shape().back() == n / 2 + 1);
        // The host reference: the full complex DFT, cut to the first n / 2 + 1 bins of each row.
        const auto full = host_dft(std::vector<cdouble>(host.begin(), host.end()), shape, shape.size());
        std::vector<cdouble> half;
        for (std::size_t i = 0; i < full.size(); ++i)
            if (i % n <= n / 2) half.push_back(full[i]);
        CHECK(relative_error(R.get(), half) < 2e-5);
        const auto back = clarity::irfft(R, n).get();
        CHECK(relative_error(std::vector<cfloat>(back.begin(), back.end()),
                             std::vector<cdouble>(host.begin(), host.end())) < 2e-5);
    }
}

TEST_CASE("rfft and irfft in double, and one axis of a batch") {
    if (!has_fp64()) return;
    const auto host = test::random_vector<double>(4 * 17, 12);
    const auto x = clarity::to_device(test::q(), host, {4, 17});
    const auto R = clarity::rfft(x, {.axes = 1});
    const auto back = clarity::irfft(R, 17, {.axes = 1}).get();
    for (std::size_t i = 0; i < host.size(); ++i) CHECK(back[i] == doctest::Approx(host[i]).epsilon(1e-12));
}

TEST_CASE("fftfreq, rfftfreq, fftshift and ifftshift follow NumPy") {
    auto& q = test::q();
    CHECK(clarity::fftfreq(q, 5, 0.5).get() == std::vector<double>{0, 0.4, 0.8, -0.8, -0.4});
    CHECK(clarity::fftfreq(q, 4).get() == std::vector<double>{0, 0.25, -0.5, -0.25});
    CHECK(clarity::rfftfreq(q, 5).get() == std::vector<double>{0, 0.2, 0.4});
    const auto x = clarity::arange<int>(q, 0, 5);
    CHECK(clarity::fftshift(x).get() == std::vector<int>{3, 4, 0, 1, 2});
    CHECK(clarity::ifftshift(clarity::fftshift(x)).get() == x.get());
    const auto m = clarity::arange<int>(q, 0, 6).reshape({2, 3});
    CHECK(clarity::fftshift(m).get() == std::vector<int>{5, 3, 4, 2, 0, 1});
}

TEST_CASE("stft_db finds a tone in its bin, frame after frame") {
    auto& q = test::q();
    const std::size_t n = 4096, width = 256, hop = 128, bin = 20;
    std::vector<float> tone(n);
    for (std::size_t t = 0; t < n; ++t) tone[t] = float(std::sin(2 * std::numbers::pi * double(bin * t) / width));
    const auto s = clarity::stft_db(clarity::to_device(q, tone), clarity::hann_window<float>(q, width), hop);
    REQUIRE(s.shape() == clarity::shape_t{1 + (n - width) / hop, width / 2 + 1});
    const auto h = s.get();
    for (std::size_t f = 0; f < s.shape()[0]; ++f) {
        const auto row = h.begin() + std::ptrdiff_t(f * s.shape()[1]);
        CHECK(std::max_element(row, row + std::ptrdiff_t(s.shape()[1])) - row == std::ptrdiff_t(bin));
        CHECK(row[bin] == doctest::Approx(20 * std::log10(width / 4.0)).epsilon(1e-3));  // Hann: |X| = w / 4
    }
}

TEST_CASE("fft from several threads at once") {
    const auto host = test::random_vector<cfloat>(1000, 21);
    const auto expected = host_dft(widen(host), {1000}, 1);
    std::vector<double> errors(4);
    std::vector<std::thread> threads;
    for (std::size_t t = 0; t < errors.size(); ++t)
        threads.emplace_back([&, t] {
            clarity::queue own(test::q().context());
            errors[t] = relative_error(clarity::fft(clarity::to_device(own, host)).get(), expected);
        });
    for (auto& t : threads) t.join();
    for (double e : errors) CHECK(e < 2e-5);
}

TEST_CASE("fft errors: bad shapes are std::invalid_argument, inputs untouched") {
    auto& q = test::q();
    const auto x = clarity::to_device(q, test::random_vector<cfloat>(12, 2), {3, 4});
    CHECK_THROWS_AS(clarity::fft(clarity::zeros<cfloat>(q, {})), std::invalid_argument);  // 0-d
    CHECK_THROWS_AS(clarity::fft(clarity::zeros<cfloat>(q, {0})), std::invalid_argument);
    CHECK_THROWS_AS(clarity::fft(x, {.axes = 3}), std::invalid_argument);
    CHECK_THROWS_AS(clarity::fft(clarity::zeros<cfloat>(q, {2, 2, 2, 2})), std::invalid_argument);
    CHECK_THROWS_AS(clarity::fft(x, clarity::zeros<cfloat>(q, {4, 3})), std::invalid_argument);
    CHECK_THROWS_AS(clarity::irfft(x, 4), std::invalid_argument);  // 4 values make 6 or 7, not 4
    CHECK_THROWS_AS(clarity::fft_plan<cfloat>(q, {}), std::invalid_argument);
    CHECK_THROWS_AS(clarity::stft_db(clarity::zeros<float>(q, {10}), clarity::zeros<float>(q, {11}), 1),
                    std::invalid_argument);
    CHECK(clarity::fft(clarity::zeros<cfloat>(q, {0, 4}), {.axes = 1}).size() == 0);  // an empty batch is fine
}
