// Known scenes rendered offscreen and checked pixel by pixel (run under Xvfb).
#include <doctest/doctest.h>

#include <clarity/random.hpp>
#include <clarity/viz.hpp>

#include <cstdio>
#include <fstream>
#include <functional>
#include <vector>

#include "scoped_env.hpp"
#include "view_math.hpp"

namespace viz = clarity::viz;
using viz::detail::pixel_rect;

namespace {
constexpr int width = 400, height = 300;

viz::figure hidden_figure(int w = width, int h = height) { return viz::figure({.width = w, .height = h, .visible = false}); }

// The single axes' plot area in picture coordinates (rows from the top).
pixel_rect plot_area_of(const viz::picture& p, bool titled = false) {
    const auto area = viz::detail::plot_area(viz::detail::grid_cell(0, 0, 1, 1, p.width, p.height), 1.0, titled);
    return {area.x, p.height - area.y - area.height, area.width, area.height};
}

bool near(const std::uint8_t* px, int r, int g, int b, int tolerance = 3) {
    return std::abs(px[0] - r) <= tolerance && std::abs(px[1] - g) <= tolerance && std::abs(px[2] - b) <= tolerance;
}

// Blue of line_options' default colour (0.12, 0.47, 0.71).
bool is_line_blue(const std::uint8_t* px) { return near(px, 31, 120, 181); }

// 4-connected regions of pixels matching `match`.
int count_blobs(const viz::picture& p, const std::function<bool(const std::uint8_t*)>& match) {
    std::vector<char> seen(static_cast<std::size_t>(p.width) * p.height, 0);
    int blobs = 0;
    std::vector<std::pair<int, int>> stack;
    for (int y = 0; y < p.height; ++y)
        for (int x = 0; x < p.width; ++x) {
            if (seen[y * p.width + x] || !match(p.at(x, y))) continue;
            ++blobs;
            stack.push_back({x, y});
            seen[y * p.width + x] = 1;
            while (!stack.empty()) {
                auto [cx, cy] = stack.back();
                stack.pop_back();
                for (auto [nx, ny] : {std::pair{cx + 1, cy}, {cx - 1, cy}, {cx, cy + 1}, {cx, cy - 1}}) {
                    if (nx < 0 || ny < 0 || nx >= p.width || ny >= p.height || seen[ny * p.width + nx]) continue;
                    if (!match(p.at(nx, ny))) continue;
                    seen[ny * p.width + nx] = 1;
                    stack.push_back({nx, ny});
                }
            }
        }
    return blobs;
}

// Checks that the line lies on the middle rows of the plot area, across `coverage` of its
// width, and nowhere else.
void check_horizontal_line_in_middle(const viz::picture& p, double coverage) {
    const pixel_rect area = plot_area_of(p);
    const int middle = area.y + area.height / 2;
    int columns_hit = 0;
    for (int x = 0; x < p.width; ++x) {
        bool hit = false;
        for (int y = 0; y < p.height; ++y)
            if (is_line_blue(p.at(x, y))) {
                CHECK(std::abs(y - middle) <= 1);
                CHECK(area.contains(x, y));
                hit = true;
            }
        columns_hit += hit;
    }
    CHECK(columns_hit >= static_cast<int>(area.width * coverage) - 2);
}

// Two lines updated to zeros, then rolled: checks what update and roll copy into GL.
void check_update_and_roll(viz::figure& fig) {
    auto& q = fig.queue();
    auto& ax = fig.axes();
    auto& line = ax.plot(clarity::full<float>(q, {2, 100}, 5.0f));  // two lines of 100 points
    ax.set_view({0, 99, -1, 1});
    fig.render();
    line.update(clarity::zeros<float>(q, {2, 100}));
    check_horizontal_line_in_middle(fig.capture(), 1.0);

    // A ring buffer whose columns 0..49 are newest: they are drawn on the right.
    std::vector<float> host(200, 0.0f);
    for (int line_index = 0; line_index < 2; ++line_index)
        for (int c = 0; c < 50; ++c) host[line_index * 100 + c] = 0.9f;
    const auto ring = clarity::to_device(q, host, {2, 100});
    line.roll(ring, 0, 50);
    const auto p = fig.capture();
    const pixel_rect area = plot_area_of(p);
    auto blue_rows = [&](int x) {
        std::vector<int> rows;
        for (int y = area.y; y < area.y + area.height; ++y)
            if (is_line_blue(p.at(x, y))) rows.push_back(y);
        return rows;
    };
    const auto left = blue_rows(area.x + area.width / 4), right = blue_rows(area.x + 3 * area.width / 4);
    REQUIRE(!left.empty());
    REQUIRE(!right.empty());
    CHECK(std::abs(left.front() - (area.y + area.height / 2)) <= 1);  // old zeros on the left
    CHECK(right.front() < area.y + area.height / 10);                  // new 0.9s on the right
}
}  // namespace

TEST_CASE("a horizontal line at y = 0 colours the middle rows and nothing else") {
    auto fig = hidden_figure();
    auto& q = fig.queue();
    const auto y = clarity::zeros<float>(q, {256});
    fig.axes(0, 0).plot(y);
    const auto p = fig.capture();
    REQUIRE(p.width == width);
    REQUIRE(p.height == height);
    check_horizontal_line_in_middle(p, 1 / 1.1);  // x from 0 to 255 with a 5% margin each side
    fig.save_png("line.png");
}

TEST_CASE("a resize keeps the view") {
    auto fig = hidden_figure();
    auto& ax = fig.axes();
    ax.plot(clarity::zeros<float>(fig.queue(), {64}));
    fig.render();
    const viz::view_box before = ax.view();
    fig.resize(520, 240);
    const auto p = fig.capture();
    CHECK(p.width == 520);
    CHECK(p.height == 240);
    CHECK(ax.view().x0 == before.x0);
    CHECK(ax.view().y1 == before.y1);
    check_horizontal_line_in_middle(p, 1 / 1.1);
}

TEST_CASE("line.update redraws from new device data; roll copies only the new columns") {
    auto fig = hidden_figure();
    check_update_and_roll(fig);
}

TEST_CASE("every interop path the machine offers draws the same updates and rolls") {
    for (auto path : {viz::interop_path::staged_copy, viz::interop_path::external_memory, viz::interop_path::gl_sharing}) {
        const std::string name(viz::to_string(path));
        scoped_env forced("CLARITY_VIZ_INTEROP", name.c_str());
        auto fig = hidden_figure();
        if (fig.interop() != path) continue;  // not available here (test_interop_selection.cpp)
        CAPTURE(name);
        check_update_and_roll(fig);
    }
}

TEST_CASE("an image's colormap extremes land at the right corners") {
    auto fig = hidden_figure();
    std::vector<float> ramp(8 * 12);
    for (int r = 0; r < 8; ++r)
        for (int c = 0; c < 12; ++c) ramp[r * 12 + c] = static_cast<float>(r * 12 + c);
    fig.axes().image(clarity::to_device(fig.queue(), ramp, {8, 12}), {.colormap = "gray"});
    const auto p = fig.capture();
    const pixel_rect area = plot_area_of(p);
    const auto* bottom_left = p.at(area.x + 2, area.y + area.height - 3);   // element (0, 0): the minimum
    const auto* top_right = p.at(area.x + area.width - 3, area.y + 2);      // element (7, 11): the maximum
    CHECK(near(bottom_left, 0, 0, 0));
    CHECK(near(top_right, 255, 255, 255));
    const auto* top_left = p.at(area.x + 2, area.y + 2);  // element (7, 0) = 84 of 95
    CHECK(near(top_left, 84 * 255 / 95, 84 * 255 / 95, 84 * 255 / 95, 4));
    fig.save_png("image_gray.png");
}

TEST_CASE("clim clamps and viridis/magma have their known ends") {
    for (const auto& [name, low, high] : {std::tuple{"viridis", std::array{68, 1, 84}, std::array{253, 231, 37}},
                                          std::tuple{"magma", std::array{0, 0, 4}, std::array{252, 253, 191}}}) {
        auto fig = hidden_figure();
        std::vector<float> values = {-5, 0, 1, 6};  // clim [0, 1]: -5 clamps low, 6 clamps high
        fig.axes().image(clarity::to_device(fig.queue(), values, {2, 2}), {.colormap = name, .clim = {0, 1}});
        const auto p = fig.capture();
        const pixel_rect area = plot_area_of(p);
        CHECK(near(p.at(area.x + 2, area.y + area.height - 3), low[0], low[1], low[2]));
        CHECK(near(p.at(area.x + area.width - 3, area.y + 2), high[0], high[1], high[2]));
    }
}

TEST_CASE("N scatter points give N marker blobs, in per-point colours") {
    auto fig = hidden_figure();
    auto& q = fig.queue();
    const std::vector<float> xs = {0, 1, 2, 3, 4, 0.5f, 3.5f}, ys = {0, 1, 0, 1, 0, 0.8f, 0.2f};
    auto& pts = fig.axes().scatter(clarity::to_device(q, xs), clarity::to_device(q, ys), {.size = 9});
    const auto red = [](const std::uint8_t* px) { return near(px, 214, 38, 41); };  // the default colour
    auto p = fig.capture();
    CHECK(count_blobs(p, red) == 7);
    fig.save_png("scatter.png");

    std::vector<float> colors(7 * 4, 1.0f);
    for (int i = 0; i < 7; ++i) colors[i * 4 + 0] = colors[i * 4 + 2] = 0.0f;  // green
    pts.set_colors(clarity::to_device(q, colors, {7, 4}));
    p = fig.capture();
    CHECK(count_blobs(p, red) == 0);
    CHECK(count_blobs(p, [](const std::uint8_t* px) { return near(px, 0, 255, 0); }) == 7);
}

TEST_CASE("a grid of axes, ticks, labels and a title draw outside the plot areas") {
    auto fig = viz::figure({.width = 640, .height = 480, .visible = false});
    auto& q = fig.queue();
    fig.axes(0, 0).plot(clarity::zeros<float>(q, {50}));
    fig.axes(0, 1).scatter(clarity::rand<float>(q, {20}, 1), clarity::rand<float>(q, {20}, 2));
    auto& lower = fig.axes(1, 0);
    lower.image(clarity::rand<float>(q, {16, 16}, 3));
    lower.set_title("random image");
    fig.axes(1, 1).plot(clarity::arange<float>(q, 0, 10), clarity::randn<float>(q, {10}, 4));
    const auto p = fig.capture();
    // Black text/tick pixels exist left of and below each plot area, none above the top-left one's frame.
    int dark = 0;
    for (int y = 0; y < p.height; ++y)
        for (int x = 0; x < p.width; ++x) dark += near(p.at(x, y), 0, 0, 0, 10);
    CHECK(dark > 500);
    fig.save_png("grid.png");
}

TEST_CASE("bad input throws before drawing") {
    auto fig = hidden_figure();
    auto& q = fig.queue();
    auto& ax = fig.axes();
    CHECK_THROWS_AS(ax.plot(clarity::zeros<int>(q, {10})), std::invalid_argument);
    CHECK_THROWS_AS(ax.plot(clarity::zeros<float>(q, {2, 3, 4})), std::invalid_argument);
    CHECK_THROWS_AS(ax.image(clarity::zeros<float>(q, {10})), std::invalid_argument);
    CHECK_THROWS_AS(ax.image(clarity::zeros<float>(q, {4, 4}), {.colormap = "rainbow"}), std::invalid_argument);
    CHECK_THROWS_AS(ax.scatter(clarity::zeros<float>(q, {3}), clarity::zeros<float>(q, {4})), std::invalid_argument);
    CHECK_THROWS_AS(ax.plot(clarity::zeros<float>(q, {8, 8}).transpose()), std::invalid_argument);
    auto& line = ax.plot(clarity::zeros<float>(q, {10}));
    CHECK_THROWS_AS(line.update(clarity::zeros<float>(q, {11})), std::invalid_argument);
    CHECK_THROWS_AS(line.update(clarity::zeros<double>(q, {10})), std::invalid_argument);
}

TEST_CASE("save_png writes a PNG of the frame; the interop path is reported") {
    auto fig = hidden_figure(64, 48);
    fig.axes().plot(clarity::zeros<float>(fig.queue(), {8}));
    fig.save_png("small.png");
    std::ifstream file("small.png", std::ios::binary);
    std::vector<unsigned char> bytes((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
    REQUIRE(bytes.size() > 64 * 48 * 4);
    CHECK(bytes[1] == 'P');
    CHECK(bytes[16 + 3] == 64);  // IHDR width
    CHECK(bytes[20 + 3] == 48);  // IHDR height
    CHECK(!fig.interop_report().empty());
    const auto& device = fig.queue().device();
    if (!device.has_extension("cl_khr_gl_sharing") && !device.has_extension("cl_khr_external_memory_opaque_fd"))
        CHECK(fig.interop() == viz::interop_path::staged_copy);
}
