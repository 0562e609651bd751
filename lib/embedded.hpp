// The OpenCL C files of cl/, compiled into the library (see cmake/embed_sources.cmake).
#pragma once

#include <string_view>

namespace clarity::detail {
// The text of cl/<name>; throws std::logic_error for an unknown name.
std::string_view embedded_source(std::string_view name);
}  // namespace clarity::detail
