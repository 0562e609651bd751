// stft_db: frames of the windowed signal, one batched complex FFT, decibels of the first half.
#include <clarity/fft.hpp>

#include <optional>
#include <stdexcept>

#include "embedded.hpp"
#include "fft_buffer.hpp"
#include "fft_transform.hpp"
#include "kernel_support.hpp"
#include "source_template.hpp"

namespace clarity::detail {

namespace {

kernel_pool::lease spectrogram_kernel(const queue& q, const type_info& real_type, const type_info& complex_type,
                                      const std::string& name) {
    auto& pool = library_kernel(q, "fft_spectrogram:" + name + ":" + real_type.name, name, [&] {
        return fill_template(embedded_source("fft_spectrogram.cl"),
                             {{"prelude", kernel_prelude(q.device(), {&real_type, &complex_type})},
                              {"real", real_type.name},
                              {"complex", complex_type.name}});
    });
    return pool.acquire();
}

// A contiguous copy of `view` unless it already is one.
array_view dense(const queue& q, const array_view& view, std::optional<fft_buffer>& copy) {
    if (view.shape->is_contiguous()) return view;
    copy.emplace(q, view.shape->shape, *view.type);
    assign_view(q, copy->view(), view, {});
    return copy->view();
}

}  // namespace

shape_t spectrogram_shape(std::size_t signal_length, std::size_t window_length, std::size_t hop) {
    if (window_length == 0 || hop == 0 || window_length > signal_length)
        throw std::invalid_argument("stft_db: needs a window of 1 to " + std::to_string(signal_length) +
                                    " points and a hop of at least 1 (got window " + std::to_string(window_length) +
                                    ", hop " + std::to_string(hop) + ")");
    return {1 + (signal_length - window_length) / hop, window_length / 2 + 1};
}

event spectrogram_db(const array_view& signal, const array_view& window, std::size_t hop, const array_view& out,
                     const queue& q) {
    if (signal.shape->ndim() != 1 || window.shape->ndim() != 1)
        throw std::invalid_argument("stft_db: signal and window must be 1-d");
    const auto width = window.shape->size();
    const auto frames = out.shape->shape[0], bins = out.shape->shape[1];
    const type_info& real_type = *signal.type;
    const type_info& complex_type = real_type.name == "double" ? type_info_of<std::complex<double>>()
                                                               : type_info_of<std::complex<float>>();
    std::optional<fft_buffer> signal_copy, window_copy;
    const auto x = dense(q, signal, signal_copy), w = dense(q, window, window_copy);

    fft_buffer spectra(q, {frames, width}, complex_type);
    auto framing = spectrogram_kernel(q, real_type, complex_type, "clarity_stft_frames");
    framing.set_buffer(0, spectra.buffer());
    framing.set_buffer(1, x.memory->buffer);
    framing.set<cl_ulong>(2, x.shape->offset);
    framing.set_buffer(3, w.memory->buffer);
    framing.set<cl_ulong>(4, w.shape->offset);
    framing.set<cl_ulong>(5, width);
    framing.set<cl_ulong>(6, hop);
    framing.set<cl_ulong>(7, frames * width);
    framing.enqueue(q, frames * width, {});
    transform_in_place(q, spectra.view(), 1, false, fft_engine::automatic);

    auto decibels = spectrogram_kernel(q, real_type, complex_type, "clarity_stft_decibels");
    decibels.set_buffer(0, out.memory->buffer);
    decibels.set_buffer(1, spectra.buffer());
    decibels.set<cl_ulong>(2, width);
    decibels.set<cl_ulong>(3, bins);
    decibels.set<cl_ulong>(4, frames * bins);
    return decibels.run(q, frames * bins, {});
}

}  // namespace clarity::detail
