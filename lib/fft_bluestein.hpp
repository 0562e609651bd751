// Bluestein's algorithm for the lengths clFFT cannot do: one DFT of length n becomes a circular
// convolution at a power-of-two length, done with the Stockham FFT kernels and three chirp kernels.
#pragma once

#include <cstddef>

#include <clarity/detail/array_core.hpp>

namespace clarity::detail {

// Transforms each of the `rows` contiguous complex rows of length n in `data` (a view that
// starts at its buffer's first byte) in place; the inverse is scaled by 1 / n.
event bluestein_in_place(const queue& q, const array_view& data, std::size_t rows, std::size_t n, bool inverse,
                         const wait_list& wait_for);

}  // namespace clarity::detail
