// A 10^6-sample logarithmic chirp (1 Hz to 500 Hz sampled at 1 kHz) made on the device: its
// spectrogram (clarity::stft_db) as an image above, the signal as a line below. Both axes share
// one x axis in STFT frames; headless runs pan and zoom them together every frame.
//   spectrogram [--frames N --png out.png --decimate on|off]
#include <cmath>

#include <clarity/elementwise.hpp>
#include <clarity/expression.hpp>
#include <clarity/fft.hpp>
#include <clarity/reduction.hpp>

#include "viz_sample.hpp"

namespace {

constexpr std::size_t samples = 1'000'000, window_length = 1024, hop = 256;
constexpr double rate = 1000, f0 = 1, f1 = 500;

// x[i] = sin(2 pi cycles(t)), t = i / rate, with the instantaneous frequency f0 (f1 / f0)^(t / T).
// In double (cl_khr_fp64), reduced to a fraction of a cycle before sinpi: the chirp runs through
// ~80,000 cycles, and float's phase error there shows as spurious lines 60 dB down.
clarity::array<float> log_chirp(const clarity::queue& q) {
    const double duration = samples / rate, growth = std::log(f1 / f0) / duration;
    const clarity::ElementwiseKernel chirp(q.context(), "float *x, double growth, double cycles_scale, double rate",
                                           "double t = i / rate;"
                                           "double cycles = cycles_scale * (exp(growth * t) - 1.0);"
                                           "x[i] = (float)sinpi(2.0 * (cycles - floor(cycles)));",
                                           "log_chirp");
    auto x = clarity::empty<float>(q, {samples});
    chirp(x, growth, f0 / growth, rate);
    return x;
}

// A slow pan across the data while zooming between the whole width and a twentieth of it.
clarity::viz::view_box camera(int frame, double width, double y0, double y1) {
    const double phase = frame * 0.02;
    const double shown = width * (0.05 + 0.95 * (0.5 + 0.5 * std::cos(phase)));
    const double centre = width / 2 + (width - shown) / 2 * std::sin(phase * 0.37);
    return {centre - shown / 2, centre + shown / 2, y0, y1};
}

}  // namespace

int main(int argc, char** argv) {
    const auto o = viz_sample::parse(argc, argv);
    clarity::viz::figure fig({.width = 1000, .height = 800, .title = "spectrogram", .visible = o.frames == 0});
    auto& q = fig.queue();
    const auto signal = log_chirp(q);

    // stft_db gives (frames, bins); the image wants frequency up the y axis, so (bins, frames).
    const auto spectrum = clarity::stft_db(signal, clarity::hann_window<float>(q, window_length), hop);
    const auto image = spectrum.transpose().copy();
    const float peak = clarity::max(image).item();
    auto& top = fig.axes(0, 0);
    top.image(image, {.colormap = "viridis", .clim = {peak - 80, peak}});
    top.set_title("log chirp 1-500 Hz: STFT (1024-point Hann, hop 256), dB");

    // Sample i at the centre of its frame's column: column c (covering [c, c + 1]) is the window
    // starting at c * hop, centred on sample c * hop + window_length / 2.
    const float shift = window_length / 2.0f - hop / 2.0f;
    clarity::array<float> x = (clarity::arange<float>(q, 0, samples) - shift) / static_cast<float>(hop);
    auto& bottom = fig.axes(1, 0);
    bottom.plot(x, signal, {.decimate = o.decimate});
    bottom.set_title("signal (10^6 samples; x in STFT frames of 0.256 s)");

    const double frames_wide = static_cast<double>(image.shape()[1]), bins = static_cast<double>(image.shape()[0]);
    int frame = 0;
    viz_sample::run(fig, o, [&] {
        if (o.frames == 0) return;  // interactive: the mouse pans and zooms
        top.set_view(camera(frame, frames_wide, 0, bins));
        bottom.set_view(camera(frame, frames_wide, -1.2, 1.2));
        ++frame;
    });
}
