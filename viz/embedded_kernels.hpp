// The OpenCL C files of viz/kernels/, compiled into the library at build time.
#pragma once

#include <string_view>

namespace clarity::viz::detail {
// The text of kernels/<name>; throws std::logic_error for an unknown name.
std::string_view embedded_kernel(std::string_view name);
}  // namespace clarity::viz::detail
