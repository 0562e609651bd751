// Reductions (API.md, "ReductionKernel" and the reductions part of "Arrays").
//
//   clarity::ReductionKernel<float> dot(ctx, "0", "a+b", "x[i]*y[i]",
//                                       "__global const float *x, __global const float *y", {.name = "dot"});
//   clarity::array<float> r = dot(x, y);   // 0-d result, stays on the device until r.item()
//
// reduce_expr combines two partial results named a and b; it must be associative and
// commutative (elements are combined in tree order, not left to right). map_expr reads
// element i; empty means "in[i]" over one array argument "in" (declared for you when the
// argument list is empty too). Arguments follow ElementwiseKernel: __global is implied for
// pointers, arrays must be contiguous, mismatches throw std::invalid_argument naming the argument.
//
// Built-in reductions return a 0-d device array (argmin/argmax: of int64_t, the first flat
// index of the extreme value). sum and dot of nothing are 0; min, max, argmin, argmax and
// mean of nothing throw std::invalid_argument. Strided views are copied to a contiguous
// temporary first (one extra pass). sum, min, max, dot keep the element type (as PyOpenCL);
// mean, var, std of integers are double (as NumPy; on a device without fp64 ask for
// mean<float>(a)); the result type can always be chosen that way.
//
// NaN, as NumPy: min and max of floats are NaN when any element is NaN, and argmin and argmax
// return the index of the first NaN (whole array or along an axis). The element-wise fmin and
// fmax of expressions (expression.hpp) skip NaNs instead, as C's fmin and fmax.
//
// Accuracy: float sums are tree-ordered. Every element passes through at most 19 sequential
// additions in one accumulator of a work-item, 4 tree levels combining the work-item's
// accumulators, 8 in its group of 256 and ceil(groups / 256) + 8 in the final combine (groups
// <= max(4 * compute units, n / 16384)), so on devices with up to 256 compute units
// |error| <= 43 * 2^-24 * sum|x_i| for n <= 2^24 (tested) and <= 103 * 2^-24 * sum|x_i| up to 2^28.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <type_traits>

#include <clarity/array.hpp>
#include <clarity/detail/call_argument.hpp>
#include <clarity/elementwise.hpp>

namespace clarity {

struct reduction_options {
    std::string name = "reduce_kernel";  // the kernel is <name>_reduce (so "dot" does not clash with dot())
    std::string preamble;                 // OpenCL C placed before the kernel (helpers for the expressions)
    std::string options;                  // compiler options
};

template <element T>
struct reduction_launch_options {
    array<T>* out = nullptr;              // a 1-element view that receives the result (required)
    std::optional<clarity::range> range;  // default: 0 .. size of the first array argument
    wait_list wait_for;
    const clarity::queue* queue = nullptr;  // default: the first array argument's queue
};

namespace detail {
class reduction_engine;

// Where one launch writes and what it reduces (out.type must be the kernel's result type).
struct reduction_call {
    array_view out{};
    const clarity::queue* out_queue = nullptr;
    std::optional<clarity::range> range;
    const wait_list* wait_for = nullptr;
    const clarity::queue* queue = nullptr;
};

std::shared_ptr<reduction_engine> make_reduction_engine(const context& ctx, const type_info& result,
                                                        const std::string& neutral, const std::string& reduce_expr,
                                                        const std::string& map_expr, const std::string& arguments,
                                                        const reduction_options& options);
// Checks the arguments and returns the queue the launch runs on.
const queue& reduction_queue(const reduction_engine& engine, const reduction_call& call,
                             std::span<const call_argument> args);
event run_reduction(reduction_engine& engine, const reduction_call& call, std::span<const call_argument> args);
std::string reduction_source(const reduction_engine& engine, const device& dev, bool wide_indices);
}  // namespace detail

template <element T>
class ReductionKernel {
public:
    ReductionKernel(const context& ctx, const std::string& neutral, const std::string& reduce_expr,
                    const std::string& map_expr, const std::string& arguments, const reduction_options& options = {})
        : engine_(detail::make_reduction_engine(ctx, type_info_of<T>(), neutral, reduce_expr, map_expr, arguments,
                                                options)) {}

    // Reduces over the size of the first array argument into a new 0-d array.
    template <class... Args>
    array<T> operator()(const Args&... args) const {
        const std::array<detail::call_argument, sizeof...(Args)> erased{detail::make_call_argument(args)...};
        detail::reduction_call call;
        array<T> out(detail::reduction_queue(*engine_, call, erased), {});
        call.out = out.core();
        call.out_queue = &out.get_queue();
        detail::run_reduction(*engine_, call, erased);
        return out;
    }

    template <class... Args>
    event launch(const reduction_launch_options<T>& options, const Args&... args) const {
        if (!options.out) throw std::invalid_argument("ReductionKernel::launch: .out is required");
        const std::array<detail::call_argument, sizeof...(Args)> erased{detail::make_call_argument(args)...};
        const detail::reduction_call call{options.out->core(), &options.out->get_queue(), options.range,
                                          &options.wait_for, options.queue};
        return detail::run_reduction(*engine_, call, erased);
    }

    // The OpenCL C source built for `dev`, with 32-bit or 64-bit indices.
    std::string source(const device& dev, bool wide_indices = false) const {
        return detail::reduction_source(*engine_, dev, wide_indices);
    }

private:
    std::shared_ptr<detail::reduction_engine> engine_;
};

// ---- built-in reductions ----

namespace detail {
enum class builtin_reduction { sum, min, max, dot, mean, variance, standard_deviation, argmin, argmax };

// out (0-d) = op over every element of `in` (and `second`, for dot).
void reduce_all(builtin_reduction op, const queue& q, const array_view& in, const array_view* second,
                const array_view& out);
// out = op along dimension `axis` of `in`; out's shape is in's without that dimension.
void reduce_axis(builtin_reduction op, const queue& q, const array_view& in, std::size_t axis,
                 const array_view& out);
std::size_t normalized_axis(std::size_t ndim, int axis);

template <element R, element T>
array<R> reduce_to_scalar(builtin_reduction op, const array<T>& a, const array<T>* b = nullptr) {
    array<R> out(a.get_queue(), {});
    const array_view second = b ? b->core() : array_view{};
    reduce_all(op, a.get_queue(), a.core(), b ? &second : nullptr, out.core());
    return out;
}

template <element R, element T>
array<R> reduce_along(builtin_reduction op, const array<T>& a, int axis) {
    const std::size_t dim = normalized_axis(a.ndim(), axis);
    shape_t shape = a.shape();
    shape.erase(shape.begin() + std::ptrdiff_t(dim));
    array<R> out(a.get_queue(), std::move(shape));
    reduce_axis(op, a.get_queue(), a.core(), dim, out.core());
    return out;
}

// The result type of mean, var and std: R if given, else NumPy's (integers become double).
template <class R, class T>
using mean_type = std::conditional_t<!std::is_void_v<R>, R, std::conditional_t<std::is_integral_v<T>, double, T>>;
}  // namespace detail

template <element T>
array<T> sum(const array<T>& a) { return detail::reduce_to_scalar<T>(detail::builtin_reduction::sum, a); }
template <element T>
array<T> min(const array<T>& a) { return detail::reduce_to_scalar<T>(detail::builtin_reduction::min, a); }
template <element T>
array<T> max(const array<T>& a) { return detail::reduce_to_scalar<T>(detail::builtin_reduction::max, a); }
// Sum of a[i] * b[i] over equally sized arrays (no complex conjugation, as numpy.dot).
template <element T>
array<T> dot(const array<T>& a, const array<T>& b) {
    return detail::reduce_to_scalar<T>(detail::builtin_reduction::dot, a, &b);
}
template <class R = void, element T>
array<detail::mean_type<R, T>> mean(const array<T>& a) {
    return detail::reduce_to_scalar<detail::mean_type<R, T>>(detail::builtin_reduction::mean, a);
}
// Population variance and standard deviation (NumPy's ddof = 0), from the mean in two passes.
template <class R = void, element T>
array<detail::mean_type<R, T>> var(const array<T>& a) {
    return detail::reduce_to_scalar<detail::mean_type<R, T>>(detail::builtin_reduction::variance, a);
}
template <class R = void, element T>
array<detail::mean_type<R, T>> std(const array<T>& a) {
    return detail::reduce_to_scalar<detail::mean_type<R, T>>(detail::builtin_reduction::standard_deviation, a);
}
template <element T>
array<std::int64_t> argmin(const array<T>& a) {
    return detail::reduce_to_scalar<std::int64_t>(detail::builtin_reduction::argmin, a);
}
template <element T>
array<std::int64_t> argmax(const array<T>& a) {
    return detail::reduce_to_scalar<std::int64_t>(detail::builtin_reduction::argmax, a);
}

// Along one axis (negative counts from the last): an array of the remaining shape. An empty
// axis behaves as an empty array above, except that an empty result (another dimension is 0)
// is returned without complaint; argmin and argmax of an empty axis always throw (as NumPy).
template <element T>
array<T> sum(const array<T>& a, int axis) { return detail::reduce_along<T>(detail::builtin_reduction::sum, a, axis); }
template <element T>
array<T> min(const array<T>& a, int axis) { return detail::reduce_along<T>(detail::builtin_reduction::min, a, axis); }
template <element T>
array<T> max(const array<T>& a, int axis) { return detail::reduce_along<T>(detail::builtin_reduction::max, a, axis); }
template <class R = void, element T>
array<detail::mean_type<R, T>> mean(const array<T>& a, int axis) {
    return detail::reduce_along<detail::mean_type<R, T>>(detail::builtin_reduction::mean, a, axis);
}
template <class R = void, element T>
array<detail::mean_type<R, T>> var(const array<T>& a, int axis) {
    return detail::reduce_along<detail::mean_type<R, T>>(detail::builtin_reduction::variance, a, axis);
}
template <class R = void, element T>
array<detail::mean_type<R, T>> std(const array<T>& a, int axis) {
    return detail::reduce_along<detail::mean_type<R, T>>(detail::builtin_reduction::standard_deviation, a, axis);
}
// The place along `axis` of the first extreme element (as numpy.argmin / numpy.argmax).
template <element T>
array<std::int64_t> argmin(const array<T>& a, int axis) {
    return detail::reduce_along<std::int64_t>(detail::builtin_reduction::argmin, a, axis);
}
template <element T>
array<std::int64_t> argmax(const array<T>& a, int axis) {
    return detail::reduce_along<std::int64_t>(detail::builtin_reduction::argmax, a, axis);
}

}  // namespace clarity
