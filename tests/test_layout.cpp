// View arithmetic (reshape, transpose, slice, index, collapse) on layouts alone: no device.
#include <doctest/doctest.h>

#include <stdexcept>

#include <clarity/layout.hpp>

using clarity::layout;

TEST_CASE("contiguous layouts are row-major") {
    const auto l = layout::contiguous({2, 3, 4});
    CHECK(l.strides == clarity::strides_t{12, 4, 1});
    CHECK(l.size() == 24);
    CHECK(l.is_contiguous());
    CHECK(layout::contiguous({}).size() == 1);  // 0-d: one element
    CHECK(layout::contiguous({5, 0, 2}).size() == 0);
}

TEST_CASE("transpose reverses or swaps axes") {
    const auto l = layout::contiguous({2, 3, 4});
    const auto t = l.transposed();
    CHECK(t.shape == clarity::shape_t{4, 3, 2});
    CHECK(t.strides == clarity::strides_t{1, 4, 12});
    CHECK_FALSE(t.is_contiguous());
    const auto s = l.transposed(0, 2);
    CHECK(s.shape == clarity::shape_t{4, 3, 2});
    CHECK_THROWS_AS(l.transposed(0, 3), std::invalid_argument);
}

TEST_CASE("slices follow Python's start/stop/step rules and check bounds") {
    const auto l = layout::contiguous({10});
    auto s = l.sliced(0, 2, 9, 3);  // 2, 5, 8
    CHECK(s.shape == clarity::shape_t{3});
    CHECK(s.offset == 2);
    CHECK(s.strides == clarity::strides_t{3});
    s = l.sliced(0, -3, 10);  // 7, 8, 9
    CHECK(s.offset == 7);
    CHECK(s.shape[0] == 3);
    s = l.sliced(0, 9, -11, -1);  // all ten, reversed
    CHECK(s.shape[0] == 10);
    CHECK(s.offset == 9);
    CHECK(s.strides[0] == -1);
    CHECK(s.first_element() == 0);
    CHECK(s.end_element() == 10);
    CHECK(l.sliced(0, 4, 4).size() == 0);
    CHECK(l.sliced(0, 10, 10).size() == 0);
    CHECK_THROWS_AS(l.sliced(0, 0, 11), std::invalid_argument);
    CHECK_THROWS_AS(l.sliced(0, 11, 11), std::invalid_argument);
    CHECK_THROWS_AS(l.sliced(0, -12, 3), std::invalid_argument);
    CHECK_THROWS_AS(l.sliced(0, 0, 3, 0), std::invalid_argument);
    CHECK_THROWS_AS(l.sliced(1, 0, 3), std::invalid_argument);
}

TEST_CASE("index drops the first dimension") {
    const auto l = layout::contiguous({3, 4});
    const auto row = l.indexed(2);
    CHECK(row.shape == clarity::shape_t{4});
    CHECK(row.offset == 8);
    CHECK(l.indexed(-1).offset == 8);
    CHECK_THROWS_AS(l.indexed(3), std::invalid_argument);
    CHECK_THROWS_AS(l.indexed(-4), std::invalid_argument);
    CHECK_THROWS_AS(layout::contiguous({}).indexed(0), std::invalid_argument);
}

TEST_CASE("reshape views where numpy would, and refuses where a copy is needed") {
    const auto l = layout::contiguous({4, 6});
    CHECK(l.reshaped({2, 12}).strides == clarity::strides_t{12, 1});
    CHECK_THROWS_AS(l.reshaped({5, 5}), std::invalid_argument);
    // Every other row: rows stay contiguous, so splitting a row is fine...
    const auto rows = l.sliced(0, 0, 4, 2);  // shape (2, 6), strides (12, 1)
    const auto split = rows.reshaped({2, 2, 3});
    CHECK(split.strides == clarity::strides_t{12, 3, 1});
    // ...but merging the two rows into one run is not.
    CHECK_THROWS_AS(rows.reshaped({12}), std::invalid_argument);
    // A transposed matrix cannot be flattened without a copy.
    CHECK_THROWS_AS(l.transposed().reshaped({24}), std::invalid_argument);
    // Length-1 dimensions come and go freely.
    CHECK(rows.reshaped({2, 1, 6}).shape == clarity::shape_t{2, 1, 6});
}

TEST_CASE("collapse merges dimensions contiguous in memory") {
    CHECK(layout::contiguous({2, 3, 4}).collapsed().shape == clarity::shape_t{24});
    const auto every_other_row = layout::contiguous({4, 6}).sliced(0, 0, 4, 2);
    const auto c = every_other_row.collapsed();
    CHECK(c.shape == clarity::shape_t{2, 6});
    CHECK(c.strides == clarity::strides_t{12, 1});
    CHECK(layout::contiguous({0, 3}).collapsed().size() == 0);
}

TEST_CASE("shapes print like numpy's") {
    CHECK(clarity::to_string({3}) == "(3,)");
    CHECK(clarity::to_string({2, 3}) == "(2, 3)");
    CHECK(clarity::to_string({}) == "()");
}
