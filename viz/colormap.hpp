// Colormaps as 256-entry RGBA8 tables, interpolated from a few control colours.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

namespace clarity::viz::detail {

using colormap_table = std::array<std::uint8_t, 256 * 4>;

// "viridis", "magma" or "gray"; anything else throws std::invalid_argument.
colormap_table make_colormap(std::string_view name);

}  // namespace clarity::viz::detail
