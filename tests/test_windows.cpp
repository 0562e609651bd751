// Sliding windows are views with numpy's shapes and elements; batches are views (or one
// gathered copy) holding exactly the windows xbatcher would yield.
#include <doctest/doctest.h>

#include <cstdint>
#include <numeric>

#include <clarity/clarity.hpp>

#include "support.hpp"

namespace {
std::vector<int> iota(int from, int to) {
    std::vector<int> v(std::size_t(to - from));
    std::iota(v.begin(), v.end(), from);
    return v;
}
}  // namespace

TEST_CASE("sliding_window_view: numpy's shapes and elements, a view sharing the buffer") {
    const auto a = clarity::arange<int>(test::q(), 0, 10);
    const auto w = clarity::sliding_window_view(a, {3});
    CHECK(w.shape() == clarity::shape_t{8, 3});
    CHECK(w.buffer()() == a.buffer()());
    CHECK(w[4].get() == std::vector<int>{4, 5, 6});
    const auto stepped = clarity::sliding_window_view(a, {4}, {3});
    CHECK(stepped.shape() == clarity::shape_t{3, 4});
    CHECK(stepped.get() == std::vector<int>{0, 1, 2, 3, 3, 4, 5, 6, 6, 7, 8, 9});

    const auto m = clarity::arange<int>(test::q(), 0, 12).reshape({3, 4});
    const auto tiles = clarity::sliding_window_view(m, {2, 2});
    CHECK(tiles.shape() == clarity::shape_t{2, 3, 2, 2});
    CHECK(tiles[1][2].get() == std::vector<int>{6, 7, 10, 11});
    const auto rows = clarity::sliding_window_view(m, {2});  // the last dimension only
    CHECK(rows.shape() == clarity::shape_t{3, 3, 2});
    CHECK(rows[2][1].get() == std::vector<int>{9, 10});

    w[2].fill(-1);  // elements 2, 3, 4 of a
    CHECK(a.get() == std::vector<int>{0, 1, -1, -1, -1, 5, 6, 7, 8, 9});
}

TEST_CASE("sliding_window_view: windows that do not fit throw std::invalid_argument") {
    const auto a = clarity::arange<int>(test::q(), 0, 10);
    CHECK_THROWS_AS(clarity::sliding_window_view(a, {11}), std::invalid_argument);
    CHECK_THROWS_AS(clarity::sliding_window_view(a, {0}), std::invalid_argument);
    CHECK_THROWS_AS(clarity::sliding_window_view(a, {2}, {0}), std::invalid_argument);
    CHECK_THROWS_AS(clarity::sliding_window_view(a, {2, 2}), std::invalid_argument);
}

TEST_CASE("batches of time windows are views: windows of 10 steps, overlap 9, 20 per batch") {
    const std::size_t time = 30, lat = 4, lon = 5;
    const auto field = clarity::to_device(test::q(), iota(0, int(time * lat * lon)), {time, lat, lon});
    const auto generator = clarity::batches(field, {.input_sizes = {10, 0, 0}, .overlaps = {9, 0, 0}, .batch_sizes = {20, 1, 1}});
    REQUIRE(generator.size() == 2);  // 21 windows: 20, then 1
    std::size_t window = 0;
    for (const auto& batch : generator) {
        CHECK(batch.buffer()() == field.buffer()());
        CHECK(batch.shape() == clarity::shape_t{window == 0 ? 20u : 1u, 10, lat, lon});
        for (std::size_t k = 0; k < batch.shape()[0]; k += 7, window += 7)
            CHECK(batch[std::ptrdiff_t(k)].get() == field.slice(0, std::ptrdiff_t(window), std::ptrdiff_t(window + 10)).get());
        window = 20;
    }
}

TEST_CASE("batches spanning several dimensions are gathered; bad options throw") {
    const auto m = clarity::to_device(test::q(), iota(0, 6 * 8), {6, 8});
    // windows of (3, 4) stepping (3, 2): a 2 x 3 grid; batches of 2 x 2 windows
    const auto generator = clarity::batches(m, {.input_sizes = {3, 4}, .overlaps = {0, 2}, .batch_sizes = {2, 2}});
    REQUIRE(generator.size() == 2);
    const auto windows = clarity::sliding_window_view(m, {3, 4}, {3, 2});
    const auto first = generator[0];
    CHECK(first.shape() == clarity::shape_t{4, 3, 4});
    CHECK(first[1].get() == windows[0][1].get());
    CHECK(first[2].get() == windows[1][0].get());
    const auto last = generator[1];  // the third column of windows only: a view
    CHECK(last.shape() == clarity::shape_t{2, 3, 4});
    CHECK(last[1].get() == windows[1][2].get());
    CHECK(last.buffer()() == m.buffer()());
    CHECK_THROWS_AS(generator[2], std::invalid_argument);
    CHECK_THROWS_AS(clarity::batches(m, {.input_sizes = {3, 4}, .overlaps = {3, 0}}), std::invalid_argument);
    CHECK_THROWS_AS(clarity::batches(m, {.input_sizes = {3}}), std::invalid_argument);
}
