// An axes' state: its visuals, the data box it shows, and how it draws itself into a cell.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <clarity/viz.hpp>

#include "painter.hpp"
#include "transfer.hpp"
#include "view_math.hpp"

namespace clarity::viz {

struct axes::impl {
    std::vector<std::unique_ptr<visual>> visuals;
    std::string title;
    view_box view;
    std::optional<view_box> home;  // set_view's box; else the visuals' bounds
    bool view_touched = false;     // panned, zoomed or set: adding data no longer moves the view

    view_box home_box() const;
    void sync(detail::transfer& transfer, const detail::pixel_rect& cell, double pixel_ratio);
    // Draws visuals clipped to the plot area, then frame, ticks, labels and title.
    void draw(const detail::pixel_rect& cell, double pixel_ratio, detail::painter& painter) const;
    detail::pixel_rect plot_rect(const detail::pixel_rect& cell, double pixel_ratio) const {
        return detail::plot_area(cell, pixel_ratio, !title.empty());
    }
};

}  // namespace clarity::viz
