// Bitonic sorting along one axis of an n-d array (API.md, "Sorting"; PyOpenCL's BitonicSort):
// every row along the axis is sorted on its own, in place, optionally carrying an index array.
//
//   clarity::BitonicSort bitonic(ctx);
//   bitonic(arr);                                      // each row along the last axis, ascending
//   bitonic.launch({.axis = 0}, arr, &idx);            // down the columns; idx moves with arr
//   bitonic.launch({.descending = true}, arr);
//
// Any row length (not only powers of two), every integer type and float/double, in the order
// of clarity::sort: -inf < negatives < -0.0 < +0.0 < positives < +inf < NaN, with NaN last
// when descending too. The sort is not stable; with an index array, equal keys are ordered by
// their index values (ascending in both directions), so an index array 0, 1, 2, ... makes it
// stable and the result independent of the network. idx (int32, uint32, int64 or uint64) has
// the shape of arr; both may be strided views, as long as the dimensions other than the axis
// collapse to at most two (true of every contiguous array).
//
// Rows that fit a work-group's local memory (up to 1024..4096 elements by type) are sorted in
// one launch, short rows several per work-group; longer rows take further passes over global
// memory for the merges that span blocks, about log2(n / block)^2 / 2 launches.
#pragma once

#include <cstddef>
#include <cstdint>
#include <type_traits>

#include <clarity/array.hpp>
#include <clarity/device.hpp>
#include <clarity/sort.hpp>

namespace clarity {

struct bitonic_sort_launch_options {
    std::ptrdiff_t axis = -1;  // the axis along which rows run; negative counts from the end
    bool descending = false;   // NaN stays last
    wait_list wait_for;
};

namespace detail {
template <class T>
concept bitonic_index = std::is_same_v<T, std::int32_t> || std::is_same_v<T, std::uint32_t> ||
                        std::is_same_v<T, std::int64_t> || std::is_same_v<T, std::uint64_t>;
}  // namespace detail

class BitonicSort {
public:
    explicit BitonicSort(const context& ctx) : ctx_(ctx) {}

    template <element T>
        requires detail::sortable_key<T>
    event operator()(const array<T>& arr) const {
        return launch({}, arr);
    }

    template <element T>
        requires detail::sortable_key<T>
    event launch(const bitonic_sort_launch_options& options, const array<T>& arr) const {
        return launch_erased(options, arr.get_queue(), arr.core(), nullptr);
    }

    // idx (same shape as arr) is permuted with arr; throws std::invalid_argument on a mismatch.
    template <element T, element I>
        requires detail::sortable_key<T> && detail::bitonic_index<I>
    event launch(const bitonic_sort_launch_options& options, const array<T>& arr, const array<I>* idx) const {
        if (!idx) return launch(options, arr);
        const auto index = idx->core();
        return launch_erased(options, arr.get_queue(), arr.core(), &index);
    }

private:
    event launch_erased(const bitonic_sort_launch_options& options, const queue& q, const detail::array_view& keys,
                        const detail::array_view* idx) const;
    context ctx_;
};

}  // namespace clarity
