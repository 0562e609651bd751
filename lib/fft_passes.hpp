// How clarity's own FFT splits a transform into local-memory passes: each pass reads its
// sub-transforms once, runs several Stockham stages on them in local memory, and writes them
// once. An axis short enough is one pass; a longer one is the four-step / six-step split
// n = L1 L2 ... into passes with the twiddles fused into their loads.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include <clarity/layout.hpp>

namespace clarity::detail {

// What a pass's kernel is compiled for (one program per distinct value).
struct fft_pass_kernel {
    std::size_t length = 0;            // L: points per sub-transform
    std::vector<std::size_t> radices;  // its stages in local memory, product L
    std::size_t columns = 0;           // sub-transforms per work-group (a power of two)
    std::size_t work_items = 0;        // per work-group
    bool contiguous_in = false;        // a sub-transform's points are adjacent in `in` ...
    bool contiguous_out = false;       // ... in `out` (else adjacent sub-transforms are)
    auto operator<=>(const fft_pass_kernel&) const = default;
};

struct fft_pass {
    fft_pass_kernel kernel;
    std::size_t n = 0, inner = 0, span = 0;  // the axis's length and stride, points already merged
    std::size_t count = 0;                   // sub-transforms in all
    bool last_of_axis = false;               // may run in place; carries the inverse's 1 / n
    std::size_t groups() const { return (count + kernel.columns - 1) / kernel.columns; }
};

// Local memory slots per sub-transform of `length` points: a spare one after every 32, and an
// odd count (cl/fft_pass.cl, clarity_fft_slot).
std::size_t fft_local_row(std::size_t length);

// Whether the passes transform this length: its only prime factors are 2, 3, 5, 7, 11, 13.
bool fft_passes_support(std::size_t length);

// The passes over axes `dims` (each of a supported length > 1) of a contiguous array of `shape`,
// in order: the last of those axes first. `local_bytes` is the device's local memory.
std::vector<fft_pass> plan_fft_passes(const shape_t& shape, const std::vector<std::size_t>& dims,
                                      std::size_t element_bytes, std::uint64_t local_bytes,
                                      std::size_t device_work_group_limit);

}  // namespace clarity::detail
