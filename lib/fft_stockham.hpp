// clarity's own FFT kernels: Stockham autosort transforms in local-memory passes (fft_passes.hpp),
// for lengths whose prime factors are 2, 3, 5, 7, 11 and 13, along any axes of an array.
#pragma once

#include <cstddef>
#include <vector>

#include <clarity/detail/array_core.hpp>

namespace clarity::detail {

// Whether the own kernels transform this length.
bool stockham_supports(std::size_t length);

// Transforms the contiguous complex array `data` (starting at its buffer's first byte) in place
// along the axes `dims` (each of a supported length, or 1); the inverse is scaled by
// 1 / (points per transform). Axes longer than one pass use a scratch buffer from the queue's
// memory pool, so transforms on one queue reuse it from call to call.
event stockham_in_place(const queue& q, const array_view& data, const std::vector<std::size_t>& dims, bool inverse,
                        const wait_list& wait_for);

}  // namespace clarity::detail
