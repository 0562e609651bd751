// clarity's own FFT kernels: Stockham autosort passes of radix 2 to 32 for power-of-two lengths,
// each pass one launch over every transform of the batch (rows and columns alike).
#pragma once

#include <cstddef>

#include <clarity/detail/array_core.hpp>

namespace clarity::detail {

// Whether the Stockham kernels transform this length (a power of two).
bool stockham_supports(std::size_t length);

// Transforms the contiguous complex array `data` in place over its last `axes` axes (each of a
// supported length or 1); the inverse is scaled by 1 / (points per transform).
event stockham_in_place(const queue& q, const array_view& data, std::size_t axes, bool inverse,
                        const wait_list& wait_for);

}  // namespace clarity::detail
