// Sliding windows and batches of them (API.md, "Arrays"), without copying data:
//
//   auto w = clarity::sliding_window_view(a, {10});          // a (n,) -> (n - 9, 10), a view of a
//   auto s = clarity::sliding_window_view(a, {10}, {5});     // every 5th window: ((n - 10) / 5 + 1, 10)
//
// As numpy.lib.stride_tricks.sliding_window_view, the windows cover the last
// window_shape.size() dimensions; the result has the window counts in place of those
// dimensions followed by the window shape. Elements are shared, so writing through one window
// changes every window that overlaps it.
//
// batches() cuts an n-d array into windows and groups them, as xbatcher does for xarray:
//
//   // windows of 10 time steps overlapping by 9, 20 windows per batch, whole lat and lon
//   for (clarity::array<float> batch : clarity::batches(field, {.input_sizes = {10, 0, 0},
//                                                              .overlaps = {9, 0, 0},
//                                                              .batch_sizes = {20, 1, 1}}))
//       train(batch);   // shape (20, 10, lat, lon); the last batch may hold fewer windows
//
// A batch whose windows lie along one dimension is a view of the input (no kernel runs); when
// a batch spans windows along several dimensions it is gathered by one copy kernel.
#pragma once

#include <cstddef>
#include <iterator>
#include <utility>

#include <clarity/array.hpp>

namespace clarity {

struct batch_options {
    shape_t input_sizes;  // per dimension: the window length, 0 for the whole dimension
    shape_t overlaps;     // per dimension: how many elements neighbouring windows share (empty: none)
    shape_t batch_sizes;  // per dimension: windows per batch (empty: 1 everywhere)
};

namespace detail {
// The layout of the windows of `l` (throws std::invalid_argument for windows that do not fit).
layout window_layout(const layout& l, const shape_t& window_shape, const shape_t& step);

struct batch_plan {
    layout windows;          // (window counts..., window shape...)
    shape_t batch_sizes;     // per dimension
    shape_t batches_per_dim;
    std::size_t batches = 0;
};
batch_plan plan_batches(const layout& l, const batch_options& options);

// Batch `index`: a layout of shape `shape` = (windows, window shape...) when `gather` is false;
// else a layout of (windows per dimension..., window shape...) to copy, then reshape to `shape`.
struct batch_layout {
    layout view;
    shape_t shape;
    bool gather = false;
};
batch_layout batch_at(const batch_plan& plan, std::size_t index);
}  // namespace detail

template <element T>
array<T> sliding_window_view(const array<T>& a, const shape_t& window_shape, const shape_t& step = {}) {
    return a.as_strided(detail::window_layout(a.get_layout(), window_shape, step));
}

// The batches of an array (see the top of this file); indexable and iterable.
template <element T>
class batch_generator {
public:
    batch_generator(array<T> a, const batch_options& options)
        : array_(std::move(a)), plan_(detail::plan_batches(array_.get_layout(), options)) {}

    std::size_t size() const { return plan_.batches; }
    array<T> operator[](std::size_t index) const {
        if (index >= size())
            throw std::invalid_argument("batches: batch " + std::to_string(index) + " of " + std::to_string(size()));
        const auto batch = detail::batch_at(plan_, index);
        auto view = array_.as_strided(batch.view);
        return batch.gather ? view.copy().reshape(batch.shape) : view;
    }

    class iterator {
    public:
        using iterator_category = std::input_iterator_tag;
        using value_type = array<T>;
        using difference_type = std::ptrdiff_t;
        iterator(const batch_generator* owner, std::size_t index) : owner_(owner), index_(index) {}
        array<T> operator*() const { return (*owner_)[index_]; }
        iterator& operator++() {
            ++index_;
            return *this;
        }
        bool operator==(const iterator& other) const { return index_ == other.index_; }

    private:
        const batch_generator* owner_;
        std::size_t index_;
    };
    iterator begin() const { return {this, 0}; }
    iterator end() const { return {this, size()}; }

private:
    array<T> array_;
    detail::batch_plan plan_;
};

template <element T>
batch_generator<T> batches(const array<T>& a, const batch_options& options) {
    return batch_generator<T>(a, options);
}

}  // namespace clarity
