#include "view_math.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace clarity::viz::detail {

view_box pan(const view_box& box, double dx, double dy, const pixel_rect& rect) {
    const double sx = (box.x1 - box.x0) / rect.width, sy = (box.y1 - box.y0) / rect.height;
    return {box.x0 - dx * sx, box.x1 - dx * sx, box.y0 - dy * sy, box.y1 - dy * sy};
}

view_box zoom(const view_box& box, double factor, double px, double py, const pixel_rect& rect) {
    const double fx = (px - rect.x) / rect.width, fy = (py - rect.y) / rect.height;
    const double cx = box.x0 + fx * (box.x1 - box.x0), cy = box.y0 + fy * (box.y1 - box.y0);
    const double w = (box.x1 - box.x0) / factor, h = (box.y1 - box.y0) / factor;
    return {cx - fx * w, cx + (1 - fx) * w, cy - fy * h, cy + (1 - fy) * h};
}

namespace {
void pad_range(double& lo, double& hi, double margin) {
    if (!(hi > lo)) {  // also NaN
        lo = std::isfinite(lo) ? lo - 0.5 : -0.5;
        hi = lo + 1;
        return;
    }
    const double m = (hi - lo) * margin;
    lo -= m;
    hi += m;
}

// Enough decimals to tell ticks `step` apart; exponent notation for very large or small values.
std::string format_tick(double value, double step) {
    char text[32];
    const double magnitude = std::max(std::abs(value), step);
    if (magnitude >= 1e6 || magnitude < 1e-4) {
        std::snprintf(text, sizeof text, "%.3g", value);
    } else {
        const int decimals = std::max(0, -static_cast<int>(std::floor(std::log10(step) + 1e-9)));
        std::snprintf(text, sizeof text, "%.*f", decimals, value == 0 ? 0.0 : value);  // no "-0"
    }
    return text;
}
}  // namespace

view_box padded(double x0, double x1, double y0, double y1, double margin) {
    pad_range(x0, x1, margin);
    pad_range(y0, y1, margin);
    return {x0, x1, y0, y1};
}

std::vector<tick> nice_ticks(double lo, double hi, int max_count) {
    std::vector<tick> ticks;
    if (!(hi > lo) || max_count < 1 || !std::isfinite(hi - lo)) return ticks;
    const double raw = (hi - lo) / max_count;
    const double power = std::pow(10.0, std::floor(std::log10(raw)));
    double step = 10 * power;
    for (double m : {1.0, 2.0, 5.0})
        if (m * power >= raw) {
            step = m * power;
            break;
        }
    for (double k = std::ceil(lo / step); k * step <= hi; ++k) {
        const double v = std::abs(k) < 0.5 ? 0.0 : k * step;
        ticks.push_back({v, format_tick(v, step)});
    }
    return ticks;
}

pixel_rect grid_cell(std::size_t row, std::size_t col, std::size_t rows, std::size_t cols, int width, int height) {
    const int x0 = static_cast<int>(width * col / cols), x1 = static_cast<int>(width * (col + 1) / cols);
    const int top = static_cast<int>(height * row / rows), bottom = static_cast<int>(height * (row + 1) / rows);
    return {x0, height - bottom, x1 - x0, bottom - top};
}

pixel_rect plot_area(const pixel_rect& cell, double pixel_ratio, bool has_title) {
    const int left = static_cast<int>(std::lround(62 * pixel_ratio)), right = static_cast<int>(std::lround(14 * pixel_ratio));
    const int bottom = static_cast<int>(std::lround(30 * pixel_ratio));
    const int top = static_cast<int>(std::lround((has_title ? 26 : 12) * pixel_ratio));
    return {cell.x + left, cell.y + bottom, std::max(1, cell.width - left - right), std::max(1, cell.height - bottom - top)};
}

}  // namespace clarity::viz::detail
