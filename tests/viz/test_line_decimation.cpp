// M4 decimation of dense lines (line_options::decimate): the decimated frame lights the same
// pixels as drawing every point. Each scene is rendered twice, decimation on and off, and every
// pixel column of the plot area must be lit in both or neither, over the same rows give or
// take one pixel of rasterisation difference at the ends.
#include <doctest/doctest.h>

#include <clarity/viz.hpp>

#include <cmath>
#include <cstdint>
#include <functional>
#include <random>
#include <vector>

#include "view_math.hpp"

namespace viz = clarity::viz;

namespace {
constexpr int width = 400, height = 300;

// Noise in [-0.3, 0.3] with rare spikes to +-1: many points per pixel, extremes that matter.
std::vector<float> noisy(std::size_t n, unsigned seed) {
    std::mt19937 rng(seed);
    std::uniform_real_distribution<float> noise(-0.3f, 0.3f), chance(0.0f, 1.0f);
    std::vector<float> v(n);
    for (auto& x : v) x = chance(rng) < 0.002f ? (chance(rng) < 0.5f ? -1.0f : 1.0f) : noise(rng);
    return v;
}

struct column_extent {
    int top = -1, bottom = -1;  // picture rows of the highest and lowest lit pixel; -1: unlit
};

// For every column of the single axes' plot area, the rows that are not background white.
std::vector<column_extent> lit_extents(const viz::picture& p, bool titled) {
    const auto area = viz::detail::plot_area(viz::detail::grid_cell(0, 0, 1, 1, p.width, p.height), 1.0, titled);
    const int top_row = p.height - area.y - area.height;
    std::vector<column_extent> columns(area.width);
    for (int c = 0; c < area.width; ++c)
        for (int y = top_row; y < top_row + area.height; ++y) {
            const std::uint8_t* px = p.at(area.x + c, y);
            if (px[0] > 250 && px[1] > 250 && px[2] > 250) continue;
            if (columns[c].top < 0) columns[c].top = y;
            columns[c].bottom = y;
        }
    return columns;
}

// Renders the scene that `add` makes with decimation on and off; checks both were drawn as
// asked and that they light the same columns over the same rows (within one pixel).
void check_same_picture(const std::function<viz::line_plot&(viz::axes&, bool decimate)>& add,
                        const std::function<void(viz::axes&)>& set_up = {}) {
    std::vector<column_extent> pictures[2];
    for (bool decimate : {true, false}) {
        auto fig = viz::figure({.width = width, .height = height, .visible = false});
        auto& ax = fig.axes();
        auto& line = add(ax, decimate);
        if (set_up) set_up(ax);
        const auto p = fig.capture();
        CHECK(line.decimated() == decimate);
        pictures[decimate] = lit_extents(p, false);
        if (decimate) fig.save_png("decimated_line.png");
    }
    const auto& all = pictures[false];
    const auto& m4 = pictures[true];
    REQUIRE(all.size() == m4.size());
    int lit = 0;
    for (std::size_t c = 0; c < all.size(); ++c) {
        INFO("plot column " << c);
        CHECK((all[c].top < 0) == (m4[c].top < 0));
        if (all[c].top < 0 || m4[c].top < 0) continue;
        ++lit;
        CHECK(std::abs(all[c].top - m4[c].top) <= 1);
        CHECK(std::abs(all[c].bottom - m4[c].bottom) <= 1);
    }
    CHECK(lit > static_cast<int>(all.size()) / 2);  // the scene drew something to compare
}
}  // namespace

TEST_CASE("a dense noisy line decimated lights the same pixels as every point") {
    const auto values = noisy(100'003, 1);
    check_same_picture([&](viz::axes& ax, bool decimate) -> viz::line_plot& {
        return ax.plot(clarity::to_device(clarity::default_queue(), values), {.decimate = decimate});
    });
}

TEST_CASE("decimation with an uneven increasing x, zoomed so that points lie off both sides") {
    constexpr std::size_t n = 60'001;
    std::vector<float> xs(n);
    for (std::size_t k = 0; k < n; ++k) xs[k] = std::pow(static_cast<float>(k) / n, 1.7f) * 50;  // dense on the left
    const auto values = noisy(n, 2);
    check_same_picture(
        [&](viz::axes& ax, bool decimate) -> viz::line_plot& {
            auto& q = clarity::default_queue();
            return ax.plot(clarity::to_device(q, xs), clarity::to_device(q, values), {.decimate = decimate});
        },
        [](viz::axes& ax) { ax.set_view({3.0, 31.0, -1.2, 1.2}); });
}

TEST_CASE("decimation of many lines in a grid, rolled as a ring buffer") {
    constexpr std::size_t lines = 12, points = 4'001;
    const auto values = noisy(lines * points, 3);
    check_same_picture([&](viz::axes& ax, bool decimate) -> viz::line_plot& {
        const auto y = clarity::to_device(clarity::default_queue(), values, {lines, points});
        auto& line = ax.plot(y, {.grid_cols = 4, .decimate = decimate});
        line.roll(y, 1234, 100);  // drawing starts at column 1334, the oldest
        return line;
    });
}

TEST_CASE("decimation stays off where it could change the picture or would not pay") {
    auto fig = viz::figure({.width = width, .height = height, .visible = false});
    auto& q = fig.queue();
    auto& ax = fig.axes();
    const auto dense = clarity::to_device(q, noisy(20'000, 4));
    auto& translucent = ax.plot(dense, {.color = {0, 0, 1, 0.5f}});
    std::vector<float> backwards(20'000);
    for (std::size_t k = 0; k < backwards.size(); ++k) backwards[k] = static_cast<float>(backwards.size() - k);
    auto& decreasing_x = ax.plot(clarity::to_device(q, backwards), dense);
    std::vector<float> with_nan(20'000);
    for (std::size_t k = 0; k < with_nan.size(); ++k) with_nan[k] = static_cast<float>(k);
    with_nan[7'000] = std::nanf("");  // std::is_sorted alone would take this for increasing
    auto& nan_x = ax.plot(clarity::to_device(q, with_nan), dense);
    auto& sparse = fig.axes(0, 1).plot(clarity::to_device(q, noisy(500, 5)));  // ~3 points per pixel
    auto& opaque = ax.plot(dense);
    fig.render();
    CHECK(!translucent.decimated());
    CHECK(!decreasing_x.decimated());
    CHECK(!nan_x.decimated());
    CHECK(!sparse.decimated());
    CHECK(opaque.decimated());
}
