// Shapes, strides and the view arithmetic behind array<T>'s reshape, transpose, slice and index.
// Strides and offsets count elements, not bytes (like torch).
#pragma once

#include <cstddef>
#include <initializer_list>
#include <string>
#include <vector>

namespace clarity {

using shape_t = std::vector<std::size_t>;
using strides_t = std::vector<std::ptrdiff_t>;

// Where the elements of an n-d view live in a buffer: element (i0, i1, ...) is at
// offset + i0 * strides[0] + i1 * strides[1] + ...
struct layout {
    shape_t shape;
    strides_t strides;
    std::ptrdiff_t offset = 0;

    std::size_t ndim() const { return shape.size(); }
    std::size_t size() const;
    bool is_contiguous() const;  // row-major with no gaps (any layout of 0 or 1 element is)
    // The lowest and one past the highest element index the view touches (both 0 when empty).
    std::ptrdiff_t first_element() const;
    std::ptrdiff_t end_element() const;

    static layout contiguous(shape_t shape, std::ptrdiff_t offset = 0);

    // Views: each throws std::invalid_argument when its arguments do not fit this layout.
    layout reshaped(const shape_t& new_shape) const;  // only where no copy is needed
    layout transposed() const;                         // all axes reversed
    layout transposed(std::size_t dim0, std::size_t dim1) const;
    // Python slice semantics for start/stop (negative counts from the end), with bounds checked.
    layout sliced(std::size_t dim, std::ptrdiff_t start, std::ptrdiff_t stop, std::ptrdiff_t step = 1) const;
    layout indexed(std::ptrdiff_t index) const;        // drops dimension 0

    // The same elements in the same order with neighbouring dimensions merged where the
    // strides allow (a contiguous view becomes 1-d); kernels then index fewer dimensions.
    layout collapsed() const;
};

std::string to_string(const shape_t& shape);

}  // namespace clarity
