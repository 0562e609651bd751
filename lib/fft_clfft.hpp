// clFFT behind clarity's FFTs: the library's set-up and tear-down (once per process), plans
// cached per (context, device, precision, lengths, batch), and statuses turned into errors.
#pragma once

#include <cstddef>

#include <clarity/device.hpp>
#include <clarity/layout.hpp>

namespace clarity::detail {

// Whether clFFT transforms this length directly (its only prime factors are 2, 3, 5, 7, 11, 13).
bool clfft_supports(std::size_t length);

// Transforms `batch` contiguous complex arrays of shape `lengths` (row-major, 1 to 3 axes, each
// supported) in place in `buffer`, which holds them from its first byte. Forward is unscaled,
// inverse scaled by 1 / (product of lengths).
event clfft_in_place(const queue& q, const cl::Buffer& buffer, const shape_t& lengths, std::size_t batch,
                     bool double_precision, bool inverse, const wait_list& wait_for = {});

}  // namespace clarity::detail
