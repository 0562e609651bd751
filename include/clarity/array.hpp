// clarity::array<T>: an n-dimensional, strided view of a reference-counted device buffer
// (API.md, "Arrays"). Views (reshape, transpose, slice, operator[]) share the buffer.
//
// Handle semantics, as libtorch's Tensor: copying an array or assigning one array variable to
// another shares the buffer. Assigning to a temporary view writes through:
//     a.slice(0, 0, 10) = b;      // copies b's elements into a's first ten
// Expressions (clarity/expression.hpp) are different: `a = expr` writes into the elements a
// already has (every handle sharing them sees it), as `a += expr` and `view = expr` do; only a
// default-constructed array gets new storage. `array<float> r = expr;` allocates and evaluates.
#pragma once

#include <cmath>
#include <concepts>
#include <cstddef>
#include <memory>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

#include <clarity/detail/array_core.hpp>
#include <clarity/device.hpp>
#include <clarity/layout.hpp>
#include <clarity/types.hpp>

namespace clarity {

// The base of every fused-expression node (clarity/expression.hpp).
struct expression_tag {};

template <element T>
class array;

namespace detail {
// Defined in clarity/expression.hpp.
template <element T, class E>
array<T> evaluate_as(const E& e);
template <element T, class E>
void assign_expression(const array<T>& target, const E& e);
}  // namespace detail

template <element T>
class array {
public:
    using value_type = T;

    array() = default;
    // Uninitialised storage for `shape` on `q` (what clarity::empty returns).
    array(const queue& q, shape_t shape) : queue_(q), layout_(layout::contiguous(std::move(shape))) {
        detail::require_supported(q, type_info_of<T>());
        storage_ = detail::allocate(q, layout_.size() * sizeof(T));
    }

    // ---- description ----
    std::size_t size() const { return layout_.size(); }
    std::size_t ndim() const { return layout_.ndim(); }
    const shape_t& shape() const { return layout_.shape; }
    const strides_t& strides() const { return layout_.strides; }  // in elements
    std::ptrdiff_t offset() const { return layout_.offset; }      // in elements
    std::size_t nbytes() const { return size() * sizeof(T); }
    bool is_contiguous() const { return layout_.is_contiguous(); }
    const queue& get_queue() const { return queue_; }
    const cl::Buffer& buffer() const {  // the whole shared buffer; offset() says where this view starts
        static const cl::Buffer none;
        return storage_ ? storage_->buffer : none;
    }
    const clarity::layout& get_layout() const { return layout_; }
    bool empty() const { return size() == 0; }

    // ---- transfers ----
    std::vector<T> get() const {
        std::vector<T> out(size());
        get(std::span<T>(out));
        return out;
    }
    void get(std::span<T> out) const { read(out, true, {}); }
    // Returns at once; `out` must stay alive until the event completes.
    event get_async(std::span<T> out, const wait_list& wait_for = {}) const { return read(out, false, wait_for); }
    void set(std::span<const T> values) { write(values, true, {}); }
    void set(const std::vector<T>& values) { set(std::span<const T>(values)); }
    // Returns at once; `values` must stay alive until the event completes.
    event set_async(std::span<const T> values, const wait_list& wait_for = {}) { return write(values, false, wait_for); }

    T item() const {
        if (size() != 1)
            throw std::invalid_argument("item(): the array has " + std::to_string(size()) + " elements, not 1");
        T value;
        get(std::span<T>(&value, 1));
        return value;
    }

    // ---- views: no copy, share the buffer ----
    array reshape(const shape_t& new_shape) const { return view(layout_.reshaped(new_shape)); }
    array transpose() const { return view(layout_.transposed()); }
    array transpose(std::size_t dim0, std::size_t dim1) const { return view(layout_.transposed(dim0, dim1)); }
    array slice(std::size_t dim, std::ptrdiff_t start, std::ptrdiff_t stop, std::ptrdiff_t step = 1) const {
        return view(layout_.sliced(dim, start, stop, step));
    }
    array operator[](std::ptrdiff_t index) const { return view(layout_.indexed(index)); }
    // A view with any layout inside this array's buffer (windows, as numpy's as_strided);
    // throws std::invalid_argument if it reaches outside the buffer.
    array as_strided(clarity::layout l) const {
        const auto elements = static_cast<std::ptrdiff_t>(storage_ ? storage_->bytes / sizeof(T) : 0);
        if (l.strides.size() != l.shape.size() || (l.size() > 0 && (l.first_element() < 0 || l.end_element() > elements)))
            throw std::invalid_argument("as_strided: the view of shape " + to_string(l.shape) +
                                        " reaches outside the buffer of " + std::to_string(elements) + " elements");
        return view(std::move(l));
    }

    // ---- copies ----
    // A contiguous deep copy holding exactly the elements this view shows.
    array copy() const {
        array out(queue_, layout_.shape);
        out.assign_from(*this);
        return out;
    }
    // A contiguous copy converted element by element (C conversions; complex to real throws).
    template <element U>
    array<U> astype() const {
        array<U> out(queue_, layout_.shape);
        out.assign_from(*this);
        return out;
    }
    event fill(const T& value, const wait_list& wait_for = {}) {
        return detail::fill_view(queue_, core(), &value, wait_for);
    }

    // ---- assignment ----
    array(const array&) = default;
    array(array&&) noexcept = default;
    array& operator=(const array&) & = default;      // rebinds this handle
    array& operator=(array&&) & noexcept = default;  // rebinds this handle
    // Writes `source`'s elements into this (temporary) view; shapes must be equal.
    array& operator=(const array& source) && {
        assign_from(source);
        return *this;
    }
    // Evaluates a fused expression into new storage of its broadcast shape (one kernel).
    template <class E>
        requires std::derived_from<E, expression_tag>
    array(const E& expression) : array(detail::evaluate_as<T>(expression)) {}
    // Evaluates into this array's elements (new storage only for a default-constructed array).
    template <class E>
        requires std::derived_from<E, expression_tag>
    array& operator=(const E& expression) & {
        if (!queue_.valid()) return *this = detail::evaluate_as<T>(expression);
        detail::assign_expression(*this, expression);
        return *this;
    }
    // Writes through this (temporary) view.
    template <class E>
        requires std::derived_from<E, expression_tag>
    array& operator=(const E& expression) && {
        detail::assign_expression(*this, expression);
        return *this;
    }
    // Element-wise copy from an array of any element type, converting; shapes must be equal.
    template <element U>
    event assign_from(const array<U>& source, const wait_list& wait_for = {}) {
        if (source.shape() != shape())
            throw std::invalid_argument("assignment: shape " + to_string(source.shape()) + " does not match " +
                                        to_string(shape()));
        return detail::assign_view(queue_, core(), source.core(), wait_for);
    }

    // The library's view of this array (element type, buffer, layout).
    detail::array_view core() const { return {storage_.get(), &layout_, &type_info_of<T>()}; }

private:
    template <element U>
    friend class array;

    array view(clarity::layout l) const {
        array out;
        out.queue_ = queue_;
        out.storage_ = storage_;
        out.layout_ = std::move(l);
        return out;
    }

    event read(std::span<T> out, bool blocking, const wait_list& wait_for) const {
        if (out.size() != size())
            throw std::invalid_argument("get: the host span holds " + std::to_string(out.size()) +
                                        " elements, the array " + std::to_string(size()));
        return detail::read_view(queue_, core(), out.data(), blocking, wait_for);
    }
    event write(std::span<const T> values, bool blocking, const wait_list& wait_for) {
        if (values.size() != size())
            throw std::invalid_argument("set: the host span holds " + std::to_string(values.size()) +
                                        " elements, the array " + std::to_string(size()));
        return detail::write_view(queue_, core(), values.data(), blocking, wait_for);
    }

    queue queue_;
    std::shared_ptr<detail::storage> storage_;  // null only for a default-constructed array
    clarity::layout layout_ = clarity::layout::contiguous({0});
};

// ---- creation (API.md) ----

template <element T>
array<T> empty(const queue& q, shape_t shape) {
    return array<T>(q, std::move(shape));
}

template <element T>
array<T> full(const queue& q, shape_t shape, const T& value) {
    array<T> out(q, std::move(shape));
    out.fill(value);
    return out;
}

template <element T>
array<T> zeros(const queue& q, shape_t shape) {
    return full<T>(q, std::move(shape), T{});
}

template <element T>
array<T> ones(const queue& q, shape_t shape) {
    return full<T>(q, std::move(shape), T(1));
}

// Copies host data into a new array of the given shape (1-d when no shape is given). Blocking.
template <element T>
array<T> to_device(const queue& q, std::span<const T> host, shape_t shape) {
    array<T> out(q, std::move(shape));
    if (out.size() != host.size())
        throw std::invalid_argument("to_device: " + std::to_string(host.size()) + " host elements do not fill shape " +
                                    to_string(out.shape()));
    out.set(host);
    return out;
}
template <element T>
array<T> to_device(const queue& q, std::span<const T> host) {
    return to_device(q, host, {host.size()});
}
template <element T>
array<T> to_device(const queue& q, const std::vector<T>& host) {
    return to_device(q, std::span<const T>(host));
}
template <element T>
array<T> to_device(const queue& q, const std::vector<T>& host, shape_t shape) {
    return to_device(q, std::span<const T>(host), std::move(shape));
}
template <element T>
array<T> to_device(const queue& q, std::span<T> host, shape_t shape) {
    return to_device(q, std::span<const T>(host), std::move(shape));
}

// Values start, start + step, ... below stop (above it for a negative step), as numpy.arange.
// Element k is computed on the device as start + (T)k * step.
template <element T>
array<T> arange(const queue& q, T start, T stop, T step = T(1)) {
    if (step == T(0)) throw std::invalid_argument("arange: step must not be zero");
    const double span = (static_cast<double>(stop) - static_cast<double>(start)) / static_cast<double>(step);
    const auto count = span > 0 ? static_cast<std::size_t>(std::ceil(span)) : std::size_t(0);
    array<T> out(q, {count});
    detail::arange_view(q, out.core(), &start, &step);
    return out;
}

}  // namespace clarity
