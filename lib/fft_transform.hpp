// The complex n-d transform every public FFT reduces to.
#pragma once

#include <cstddef>

#include <clarity/detail/array_core.hpp>
#include <clarity/fft.hpp>

namespace clarity::detail {

// Transforms the contiguous complex array `data` (starting at its buffer's first byte) in place
// over its last `axes` axes, batched over the rest: on the own kernels when they do every length
// (unless the engine says clFFT), else in one clFFT plan when the engine is clFFT and it does
// every length, else axis by axis, Bluestein's algorithm taking the lengths neither can do.
event transform_in_place(const queue& q, const array_view& data, std::size_t axes, bool inverse, fft_engine engine);

}  // namespace clarity::detail
