// FFTs: clarity's own Stockham kernels for powers of two, clFFT and Bluestein for the rest.
#include "tour.hpp"

#include <algorithm>
#include <cmath>
#include <complex>
#include <numbers>

void tour::fft(clarity::queue& q) {
    section("FFT");
    using cfloat = std::complex<float>;
    step("fft of a 2^20-point tone peaks in its bin; ifft brings the tone back", [&] {
        const std::size_t n = 1 << 20, bin = 1234;
        std::vector<cfloat> tone(n);
        for (std::size_t t = 0; t < n; ++t)
            tone[t] = std::polar(1.0f, float(2 * std::numbers::pi * double(bin * t % n) / double(n)));
        const auto x = clarity::to_device(q, tone);
        const auto F = clarity::fft(x).get();
        const auto back = clarity::ifft(clarity::to_device(q, F)).get();
        return std::abs(F[bin] - cfloat(float(n), 0)) < 1.0f && std::abs(F[bin + 1]) < 1.0f &&
               std::abs(back[n / 3] - tone[n / 3]) < 1e-4f;
    });
    step("rfft and irfft of 1000 real samples (through clFFT) give the samples back", [&] {
        const auto x = clarity::to_device(q, random_floats(1000, 3));
        const auto back = clarity::irfft(clarity::rfft(x), 1000).get();
        const auto host = x.get();
        for (std::size_t i = 0; i < host.size(); ++i)
            if (std::abs(back[i] - host[i]) > 1e-5f) return false;
        return true;
    });
    step("spectrogram (stft_db) of a 440 Hz tone sampled at 8 kHz peaks at 440 Hz", [&] {
        const std::size_t rate = 8000, n = rate, width = 512;
        std::vector<float> signal(n);
        for (std::size_t t = 0; t < n; ++t)
            signal[t] = float(std::sin(2 * std::numbers::pi * 440.0 * double(t) / double(rate)));
        const auto s = clarity::stft_db(clarity::to_device(q, signal), clarity::hann_window<float>(q, width), 256);
        const auto row = s[0].get();
        const auto peak = std::max_element(row.begin(), row.end()) - row.begin();
        return std::abs(double(peak) * double(rate) / double(width) - 440.0) < double(rate) / double(width);
    });
}
