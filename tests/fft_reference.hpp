// Host references for the FFT tests, in double: the DFT by its definition along any axis, and a
// recursive mixed-radix FFT for lengths too long for that.
#pragma once

#include <algorithm>
#include <cmath>
#include <complex>
#include <numbers>
#include <vector>

#include <doctest/doctest.h>

#include <clarity/clarity.hpp>

namespace test {

using cfloat = std::complex<float>;
using cdouble = std::complex<double>;

inline std::size_t product(const clarity::shape_t& shape) {
    std::size_t p = 1;
    for (auto n : shape) p *= n;
    return p;
}

// The DFT of every row along axis `axis` of a row-major array of `shape`, in double.
inline std::vector<cdouble> host_dft_axis(const std::vector<cdouble>& x, const clarity::shape_t& shape,
                                          std::size_t axis, bool inverse) {
    std::size_t inner = 1;
    for (std::size_t d = axis + 1; d < shape.size(); ++d) inner *= shape[d];
    const std::size_t n = shape[axis], outer = x.size() / (n * inner);
    const double sign = inverse ? 1.0 : -1.0;
    std::vector<cdouble> twiddle(n), y(x.size());
    for (std::size_t k = 0; k < n; ++k) twiddle[k] = std::polar(1.0, sign * 2 * std::numbers::pi * double(k) / double(n));
    for (std::size_t o = 0; o < outer; ++o)
        for (std::size_t i = 0; i < inner; ++i)
            for (std::size_t j = 0; j < n; ++j) {
                cdouble sum = 0;
                for (std::size_t k = 0; k < n; ++k) sum += x[(o * n + k) * inner + i] * twiddle[j * k % n];
                y[(o * n + j) * inner + i] = inverse ? sum / double(n) : sum;
            }
    return y;
}

// The DFT over the last `axes` axes.
inline std::vector<cdouble> host_dft(std::vector<cdouble> x, const clarity::shape_t& shape, std::size_t axes,
                                     bool inverse = false) {
    for (std::size_t a = shape.size() - axes; a < shape.size(); ++a) x = host_dft_axis(x, shape, a, inverse);
    return x;
}

// y = the DFT of the n points x[0], x[stride], ...; roots[m * step] = exp(-2 pi i m / n).
// Decimation in time by the smallest prime factor p of n: the p interleaved subsequences
// transformed recursively, then combined; a prime n by the definition.
inline void host_fft_into(const cdouble* x, std::size_t stride, std::size_t n, const std::vector<cdouble>& roots,
                          std::size_t step, cdouble* y) {
    std::size_t p = 2;
    while (n % p != 0 && p * p <= n) ++p;
    if (n % p != 0) p = n;
    const std::size_t m = n / p;
    std::vector<cdouble> parts(n);
    if (m > 1)
        for (std::size_t r = 0; r < p; ++r) host_fft_into(x + r * stride, stride * p, m, roots, step * p, &parts[r * m]);
    else
        for (std::size_t r = 0; r < p; ++r) parts[r] = x[r * stride];
    for (std::size_t j = 0; j < n; ++j) {
        cdouble sum = 0;
        for (std::size_t r = 0; r < p; ++r) sum += parts[r * m + j % m] * roots[(r * j % n) * step];
        y[j] = sum;
    }
}

// The forward DFT of x, fast when the prime factors of its length are small.
inline std::vector<cdouble> host_fft(const std::vector<cdouble>& x) {
    const std::size_t n = x.size();
    std::vector<cdouble> roots(n), y(n);
    for (std::size_t m = 0; m < n; ++m) roots[m] = std::polar(1.0, -2 * std::numbers::pi * double(m) / double(n));
    if (n > 0) host_fft_into(x.data(), 1, n, roots, 1, y.data());
    return y;
}

template <class C>
std::vector<cdouble> widen(const std::vector<C>& v) {
    return {v.begin(), v.end()};
}

// max |got - expected| relative to max |expected| (1 when expected is all zero).
template <class C>
double relative_error(const std::vector<C>& got, const std::vector<cdouble>& expected) {
    REQUIRE(got.size() == expected.size());
    double diff = 0, scale = 0;
    for (std::size_t i = 0; i < got.size(); ++i) {
        diff = std::max(diff, std::abs(cdouble(got[i]) - expected[i]));
        scale = std::max(scale, std::abs(expected[i]));
    }
    return diff / (scale > 0 ? scale : 1);
}

template <class C>
double tolerance() {
    return std::is_same_v<C, cfloat> ? 2e-5 : 1e-12;
}

}  // namespace test
