// Interaction through the figure's input handler (what GLFW's mouse and key callbacks call):
// drag pans, the wheel zooms about the cursor, 'r' resets the view, 's' saves a PNG. Checked on
// the pixels of a horizontal line, offscreen.
#include <doctest/doctest.h>

#include <clarity/viz.hpp>

#include <cstdio>
#include <filesystem>

#include "view_math.hpp"
#include "window.hpp"

namespace viz = clarity::viz;

namespace {
constexpr int width = 400, height = 300;

// The one row (from the top) of the picture where the default blue line is, or -1.
int line_row(const viz::picture& p) {
    const int x = p.width / 2;
    for (int y = 0; y < p.height; ++y) {
        const auto* px = p.at(x, y);
        if (std::abs(px[0] - 31) <= 3 && std::abs(px[1] - 120) <= 3 && std::abs(px[2] - 181) <= 3) return y;
    }
    return -1;
}
}  // namespace

TEST_CASE("drag pans, the wheel zooms about the cursor, 'r' resets, 's' saves, outside the plot nothing moves") {
    viz::figure fig({.width = width, .height = height, .visible = false});
    fig.axes().plot(clarity::zeros<float>(fig.queue(), {256}));
    const int start = line_row(fig.capture());
    REQUIRE(start > 0);

    // Plot area in framebuffer pixels, y up, as the input handler receives them.
    const auto area = viz::detail::plot_area(viz::detail::grid_cell(0, 0, 1, 1, width, height), 1.0, false);
    const double cx = area.x + area.width / 2.0, cy = area.y + area.height / 2.0;
    auto& input = fig.input();

    input.drag(0, 30, cx, cy);  // dragging up 30 pixels carries the line up 30 rows
    CHECK(std::abs(line_row(fig.capture()) - (start - 30)) <= 1);

    input.drag(0, 50, area.x - 5, cy);  // in the margin left of the plot: no effect
    CHECK(std::abs(line_row(fig.capture()) - (start - 30)) <= 1);

    input.key('R');
    CHECK(std::abs(line_row(fig.capture()) - start) <= 1);

    // One wheel step zooms in by 1.2 about the cursor, 60 pixels above the line: the line
    // ends 72 pixels below the cursor.
    input.scroll(1, cx, cy + 60);
    CHECK(std::abs(line_row(fig.capture()) - (start + 12)) <= 1);

    std::filesystem::remove("figure-1.png");
    input.key('S');
    REQUIRE(std::filesystem::exists("figure-1.png"));
    CHECK(std::filesystem::file_size("figure-1.png") > 100);
    std::filesystem::remove("figure-1.png");
}
