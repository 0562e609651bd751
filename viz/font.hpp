// A 5x7 pixel font for printable ASCII, drawn for clarity (tick labels and titles).
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace clarity::viz::detail {

inline constexpr int glyph_width = 5, glyph_height = 7;
inline constexpr int cell_width = 6, cell_height = 9;  // with one column and two rows of spacing
inline constexpr char first_glyph = ' ', last_glyph = '~';
inline constexpr int glyph_count = last_glyph - first_glyph + 1;

// One row of glyph_count cells, 8-bit coverage, rows from the top.
struct font_atlas {
    int width = 0, height = 0;
    std::vector<std::uint8_t> pixels;
};
font_atlas make_font_atlas();

// The atlas cell of a character; characters outside printable ASCII draw as '?'.
int glyph_index(char c);

}  // namespace clarity::viz::detail
