// Pan, zoom, ticks and grid layout: the arithmetic behind interaction, without OpenGL.
#include <doctest/doctest.h>

#include "view_math.hpp"

using namespace clarity::viz;
using namespace clarity::viz::detail;

TEST_CASE("dragging moves the data with the cursor") {
    const pixel_rect rect{0, 0, 100, 50};
    const view_box moved = pan({0, 10, 0, 5}, 10, -5, rect);  // right 10 px, down 5 px
    CHECK(moved.x0 == doctest::Approx(-1));
    CHECK(moved.x1 == doctest::Approx(9));
    CHECK(moved.y0 == doctest::Approx(0.5));
    CHECK(moved.y1 == doctest::Approx(5.5));
}

TEST_CASE("zooming keeps the point under the cursor") {
    const pixel_rect rect{10, 20, 100, 100};
    const view_box box{0, 10, 0, 10};
    const view_box in = zoom(box, 2, 35, 95, rect);  // cursor over data (2.5, 7.5)
    CHECK(in.x1 - in.x0 == doctest::Approx(5));
    CHECK(in.x0 + 0.25 * (in.x1 - in.x0) == doctest::Approx(2.5));
    CHECK(in.y0 + 0.75 * (in.y1 - in.y0) == doctest::Approx(7.5));
    const view_box back = zoom(in, 0.5, 35, 95, rect);
    CHECK(back.x0 == doctest::Approx(0));
    CHECK(back.y1 == doctest::Approx(10));
}

TEST_CASE("ticks are 1, 2 or 5 times a power of ten with readable labels") {
    const auto ticks = nice_ticks(0, 10, 5);
    REQUIRE(ticks.size() == 6);
    CHECK(ticks[1].value == doctest::Approx(2));
    CHECK(ticks[1].label == "2");
    const auto fine = nice_ticks(-0.25, 0.25, 5);
    CHECK(fine.front().label == "-0.2");
    bool has_zero = false;
    for (const auto& t : fine) has_zero |= t.label == "0.0";
    CHECK(has_zero);  // never "-0.0"
    CHECK(nice_ticks(0, 2e7, 4)[1].label == "5e+06");
    CHECK(nice_ticks(1, 1, 5).empty());
}

TEST_CASE("a degenerate range gets a unit box around it") {
    const view_box box = padded(3, 3, 0, 10);
    CHECK(box.x0 == doctest::Approx(2.5));
    CHECK(box.x1 == doctest::Approx(3.5));
    CHECK(box.y0 == doctest::Approx(-0.5));
    CHECK(box.y1 == doctest::Approx(10.5));
}

TEST_CASE("grid cells tile the target, row 0 on top") {
    const pixel_rect top_left = grid_cell(0, 0, 2, 2, 800, 600);
    CHECK(top_left.x == 0);
    CHECK(top_left.y == 300);
    CHECK(top_left.width == 400);
    CHECK(top_left.height == 300);
    const pixel_rect bottom_right = grid_cell(1, 1, 2, 2, 801, 601);
    CHECK(bottom_right.x + bottom_right.width == 801);
    CHECK(bottom_right.y == 0);
    const pixel_rect area = plot_area(top_left, 2.0, true);
    CHECK(area.x > top_left.x);
    CHECK(area.y + area.height < top_left.y + top_left.height);
}
