// A minimal PNG writer: 8-bit RGBA, no filtering, zlib "stored" (uncompressed) blocks.
#pragma once

#include <string>

#include <clarity/viz.hpp>

namespace clarity::viz::detail {

// Throws std::runtime_error when the file cannot be written.
void write_png(const std::string& path, const picture& image);

}  // namespace clarity::viz::detail
