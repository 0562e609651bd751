// Fast Fourier transforms (API.md, "Random numbers and FFT").
//
//   auto F = clarity::fft(x);                        // every axis of a 1-3 dimensional array
//   auto G = clarity::fft(x, {.axes = 1});           // the last axis only, batched over the others
//   auto y = clarity::ifft(F);                       // ifft(fft(x)) == x
//   clarity::fft(x, out);  clarity::fft(a, a);       // into an existing view; in place
//   auto R = clarity::rfft(signal);                  // last axis n -> n / 2 + 1 (Hermitian half)
//   auto back = clarity::irfft(R, n);                // the real signal of length n again
//   clarity::fft_plan<std::complex<float>> plan(q, {4096, 4096});
//   plan.forward(a);  plan.inverse(a);               // in place, a of shape (..., 4096, 4096)
//
// Scaling follows NumPy: forward unscaled, inverse by 1 / (points per transform). Transforms run
// over the last 1, 2 or 3 axes (`axes`; 0 means every axis, for arrays of 1 to 3 dimensions),
// batched over the leading ones. Any length works: lengths whose prime factors are all among 2,
// 3, 5, 7, 11, 13 run on clarity's own Stockham kernels (local-memory passes; up to 4096 points
// in one pass, longer axes in several), others through Bluestein's algorithm (a power-of-two
// convolution on those kernels). Strided views are accepted as inputs and outputs; they pass
// through a contiguous scratch copy.
//
// Real transforms are computed as complex ones (the real input widened to complex), so they cost
// about what a complex transform of the same shape does. irfft needs the last axis to hold
// exactly n / 2 + 1 values; the imaginary parts of self-conjugate bins are ignored (NumPy's rule).
//
// Kernels are compiled on a shape's first transform (fft_plan does that up front) and cached;
// twiddle tables are made once per length, and the scratch buffer of transforms longer than one
// pass comes from the queue's memory pool (memory_pool.hpp). clFFT's plans are cached per (shape, batch, precision,
// context, device); clFFT is set up on first use and torn down at exit, safely from any thread.
//
// Errors: std::invalid_argument for a bad shape (no axes, an empty transform axis, too many
// axes, mismatched out) or for std::complex<double> on a device without fp64; clarity::error
// for a failed clFFT call, whose what() names the call and the clFFT status.
#pragma once

#include <cmath>
#include <complex>
#include <concepts>
#include <cstddef>
#include <numbers>
#include <vector>

#include <clarity/array.hpp>

namespace clarity {

template <class C>
concept fft_complex = std::same_as<C, std::complex<float>> || std::same_as<C, std::complex<double>>;
template <class R>
concept fft_real = std::same_as<R, float> || std::same_as<R, double>;

// Who computes a transform: clarity's own Stockham kernels (with Bluestein's algorithm for
// lengths they do not cover), or clFFT wherever it can (for comparisons).
enum class fft_engine { automatic, clfft };

struct fft_options {
    std::size_t axes = 0;  // the trailing axes transformed (1 to 3); 0: all of them
    fft_engine engine = fft_engine::automatic;
};

namespace detail {
// out = the DFT (or scaled inverse) of in over the last `axes` axes; the views may be the same.
event complex_fft(const array_view& in, const array_view& out, const queue& q, const fft_options& options,
                  bool inverse);
// out (complex, last axis n / 2 + 1) = the DFT of the real in (last axis n).
event real_fft(const array_view& in, const array_view& out, const queue& q, const fft_options& options);
// out (real, last axis n) = the inverse DFT of the Hermitian half in (last axis n / 2 + 1).
event real_ifft(const array_view& in, const array_view& out, const queue& q, const fft_options& options);
// The shape rfft gives for `real_shape`, or irfft for `half_shape` and n; validated.
shape_t rfft_shape(shape_t real_shape);
shape_t irfft_shape(shape_t half_shape, std::size_t n);
// Compiles the plan for transforms of `lengths` on q ahead of time.
void prepare_fft(const queue& q, const shape_t& lengths, const type_info& complex_type, fft_engine engine);
// Throws std::invalid_argument unless `a`'s trailing axes are `lengths`.
void require_trailing_shape(const shape_t& shape, const shape_t& lengths);
}  // namespace detail

// ---- complex transforms ----

template <fft_complex C>
event fft(const array<C>& x, array<C> out, fft_options options = {}) {
    return detail::complex_fft(x.core(), out.core(), x.get_queue(), options, false);
}
template <fft_complex C>
array<C> fft(const array<C>& x, fft_options options = {}) {
    array<C> out(x.get_queue(), x.shape());
    fft(x, out, options);
    return out;
}

template <fft_complex C>
event ifft(const array<C>& x, array<C> out, fft_options options = {}) {
    return detail::complex_fft(x.core(), out.core(), x.get_queue(), options, true);
}
template <fft_complex C>
array<C> ifft(const array<C>& x, fft_options options = {}) {
    array<C> out(x.get_queue(), x.shape());
    ifft(x, out, options);
    return out;
}

// ---- real transforms ----

template <fft_real R>
event rfft(const array<R>& x, array<std::complex<R>> out, fft_options options = {}) {
    return detail::real_fft(x.core(), out.core(), x.get_queue(), options);
}
template <fft_real R>
array<std::complex<R>> rfft(const array<R>& x, fft_options options = {}) {
    array<std::complex<R>> out(x.get_queue(), detail::rfft_shape(x.shape()));
    rfft(x, out, options);
    return out;
}

// The length n of the output's last axis comes from `out`.
template <fft_real R>
event irfft(const array<std::complex<R>>& x, array<R> out, fft_options options = {}) {
    return detail::real_ifft(x.core(), out.core(), x.get_queue(), options);
}
template <fft_real R>
array<R> irfft(const array<std::complex<R>>& x, std::size_t n, fft_options options = {}) {
    array<R> out(x.get_queue(), detail::irfft_shape(x.shape(), n));
    irfft(x, out, options);
    return out;
}

// ---- plans ----

// Transforms of one shape (1 to 3 trailing axes), compiled when the plan is made. Arrays given
// to it may carry leading batch axes; their trailing axes must be `lengths`.
template <fft_complex C>
class fft_plan {
public:
    fft_plan(const queue& q, shape_t lengths, fft_engine engine = fft_engine::automatic)
        : queue_(q), lengths_(std::move(lengths)), engine_(engine) {
        detail::prepare_fft(queue_, lengths_, type_info_of<C>(), engine_);
    }

    event forward(array<C> a) const { return forward(a, a); }
    event inverse(array<C> a) const { return inverse(a, a); }
    event forward(const array<C>& in, array<C> out) const { return run(in, out, false); }
    event inverse(const array<C>& in, array<C> out) const { return run(in, out, true); }

    const shape_t& lengths() const { return lengths_; }
    const queue& get_queue() const { return queue_; }

private:
    event run(const array<C>& in, array<C>& out, bool inverse) const {
        detail::require_trailing_shape(in.shape(), lengths_);
        return detail::complex_fft(in.core(), out.core(), queue_, {.axes = lengths_.size(), .engine = engine_},
                                   inverse);
    }

    queue queue_;
    shape_t lengths_;
    fft_engine engine_;
};

// ---- helpers for spectra ----

// The sample frequencies of an n-point DFT with sample spacing d, in NumPy's order:
// 0, 1, ..., ceil(n / 2) - 1, -floor(n / 2), ..., -1, all divided by n * d.
template <fft_real R = double>
array<R> fftfreq(const queue& q, std::size_t n, double d = 1.0) {
    std::vector<R> f(n);
    for (std::size_t k = 0; k < n; ++k)
        f[k] = static_cast<R>((k < (n + 1) / 2 ? double(k) : double(k) - double(n)) / (double(n) * d));
    return to_device(q, f);
}

// The frequencies of rfft's n / 2 + 1 bins: 0, 1, ..., n / 2, divided by n * d.
template <fft_real R = double>
array<R> rfftfreq(const queue& q, std::size_t n, double d = 1.0) {
    std::vector<R> f(n / 2 + 1);
    for (std::size_t k = 0; k < f.size(); ++k) f[k] = static_cast<R>(double(k) / (double(n) * d));
    return to_device(q, f);
}

namespace detail {
// out = x rolled by `shift` along `axis` (out[i] = x[(i - shift) mod n]); two block copies.
template <element T>
void roll_axis(const array<T>& x, const array<T>& out, std::size_t axis, std::size_t shift) {
    const auto n = static_cast<std::ptrdiff_t>(x.shape()[axis]), s = static_cast<std::ptrdiff_t>(shift);
    out.slice(axis, 0, s).assign_from(x.slice(axis, n - s, n));
    out.slice(axis, s, n).assign_from(x.slice(axis, 0, n - s));
}
template <element T>
array<T> shift_every_axis(const array<T>& x, bool inverse) {
    array<T> current = x;
    for (std::size_t axis = 0; axis < x.ndim(); ++axis) {
        const auto n = x.shape()[axis];
        array<T> next(x.get_queue(), x.shape());
        roll_axis(current, next, axis, inverse ? n - n / 2 : n / 2);
        current = next;
    }
    return x.ndim() == 0 ? x.copy() : current;
}
}  // namespace detail

// Moves the zero frequency to the centre of every axis (NumPy's fftshift); ifftshift undoes it.
template <element T>
array<T> fftshift(const array<T>& x) {
    return detail::shift_every_axis(x, false);
}
template <element T>
array<T> ifftshift(const array<T>& x) {
    return detail::shift_every_axis(x, true);
}

// ---- spectrograms ----

// The periodic Hann window of n points, 0.5 - 0.5 cos(2 pi k / n) (for spectral analysis).
template <fft_real R>
array<R> hann_window(const queue& q, std::size_t n) {
    std::vector<R> w(n);
    for (std::size_t k = 0; k < n; ++k)
        w[k] = static_cast<R>(0.5 - 0.5 * std::cos(2 * std::numbers::pi * double(k) / double(n)));
    return to_device(q, w);
}

namespace detail {
event spectrogram_db(const array_view& signal, const array_view& window, std::size_t hop, const array_view& out,
                     const queue& q);
shape_t spectrogram_shape(std::size_t signal_length, std::size_t window_length, std::size_t hop);
}  // namespace detail

// Short-time Fourier transform magnitudes of a 1-d real signal in decibels: frame f holds
// signal[f * hop, f * hop + w) times the window (w points), and row f of the result the
// 20 log10 |rfft| of that frame (floored at -200 dB), so the shape is
// (1 + (n - w) / hop, w / 2 + 1).
template <fft_real R>
array<R> stft_db(const array<R>& signal, const array<R>& window, std::size_t hop) {
    array<R> out(signal.get_queue(), detail::spectrogram_shape(signal.size(), window.size(), hop));
    detail::spectrogram_db(signal.core(), window.core(), hop, out.core(), signal.get_queue());
    return out;
}

}  // namespace clarity
