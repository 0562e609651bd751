// The OpenCL C of one FFT pass kernel (cl/fft_pass.cl with its stages and in-register DFTs).
#pragma once

#include <string>

#include <clarity/device.hpp>
#include <clarity/types.hpp>

#include "fft_passes.hpp"

namespace clarity::detail {

// The kernel is named clarity_fft_pass; `index_t` is "int" or "long".
std::string fft_pass_source(const device& dev, const type_info& complex_type, const char* index_t,
                            const fft_pass_kernel& pass);

// A short key naming that source among the library's kernels.
std::string fft_pass_key(const type_info& complex_type, const char* index_t, const fft_pass_kernel& pass);

}  // namespace clarity::detail
