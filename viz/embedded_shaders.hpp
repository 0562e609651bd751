// The GLSL files of viz/shaders/, embedded at build time (viz/CMakeLists.txt).
#pragma once

#include <string_view>

namespace clarity::viz::detail {
// Throws std::logic_error for a name that was not embedded.
std::string_view embedded_shader(std::string_view file_name);
}  // namespace clarity::viz::detail
