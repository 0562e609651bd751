// The built-in reductions (sum, min, max, dot, mean, var, std, argmin, argmax) as specs for the
// reduction engine, shared by the whole-array path and the per-axis path.
#pragma once

#include <memory>
#include <string>

#include <clarity/reduction.hpp>

#include "reduction_kernel.hpp"

namespace clarity::detail {

const char* builtin_name(builtin_reduction op);

// The spec reducing elements of `in` into `result`; the kernel's array argument is "in" (then
// "second" for dot and "mean" for var and std). `position` is the OpenCL C expression that
// argmin and argmax report for element i (the flat index i itself, or its place along an
// axis). Throws std::invalid_argument for element types the operation has no meaning for.
reduction_spec builtin_spec(builtin_reduction op, const type_info& in, const type_info& result,
                            const std::string& position = "i");

// Throws std::invalid_argument when `op` has no value for zero elements.
void require_elements(builtin_reduction op, std::size_t count);

// `view` itself when it is contiguous, else a contiguous copy held by `copy`.
struct contiguous_view {
    std::shared_ptr<storage> memory;
    layout shape;
    array_view view{};
};
void make_contiguous(const queue& q, const array_view& view, contiguous_view& copy);


// The engine of a built-in reduction, built once per (context, operation, types).
reduction_engine& builtin_engine(const queue& q, builtin_reduction op, const type_info& in, const type_info& result);

}  // namespace clarity::detail
