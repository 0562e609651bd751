// Pan, zoom and tick placement: pure arithmetic on view boxes, unit-tested without OpenGL.
#pragma once

#include <string>
#include <vector>

#include <clarity/viz.hpp>

namespace clarity::viz::detail {

// A rectangle in framebuffer pixels, origin at the bottom left (as glViewport).
struct pixel_rect {
    int x = 0, y = 0, width = 0, height = 0;
    bool contains(double px, double py) const { return px >= x && px < x + width && py >= y && py < y + height; }
};

// Moves the box with the cursor: a drag of (dx, dy) pixels (y up) over `rect` shifts the
// data under the cursor by the same amount.
view_box pan(const view_box& box, double dx, double dy, const pixel_rect& rect);

// Zooms by `factor` (> 1: closer) keeping the data point under pixel (px, py) in place.
view_box zoom(const view_box& box, double factor, double px, double py, const pixel_rect& rect);

// The box around [lo, hi] in both axes with a small margin; degenerate ranges get width 1.
view_box padded(double x0, double x1, double y0, double y1, double margin = 0.05);

struct tick {
    double value;
    std::string label;
};
// "Nice" ticks (1, 2 or 5 times a power of ten apart) inside [lo, hi], at most about max_count.
std::vector<tick> nice_ticks(double lo, double hi, int max_count);

// Grid cell (row, col) of a figure of `rows` x `cols` cells over a target of width x height
// pixels; row 0 is at the top.
pixel_rect grid_cell(std::size_t row, std::size_t col, std::size_t rows, std::size_t cols, int width, int height);

// The plot area inside a cell, leaving room for tick labels (left, bottom) and a title (top).
pixel_rect plot_area(const pixel_rect& cell, double pixel_ratio, bool has_title);

}  // namespace clarity::viz::detail
