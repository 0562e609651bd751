// ElementwiseKernel: a kernel generated from a C argument list and a statement run for every
// index i (API.md, "ElementwiseKernel"; PyOpenCL's pyopencl.elementwise).
//
//   clarity::ElementwiseKernel lin_comb(ctx, "float k1, float *a, float k2, float *b, float *res",
//                                       "res[i] = k1 * a[i] + k2 * b[i]", "lin_comb");
//   lin_comb(2.0f, a, 3.0f, b, res);
//
// Pointer arguments take arrays (__global is implied; views with an offset work, strided views
// do not), other arguments take host values converted to the declared C type. The statement
// sees the index `i` and may skip the rest of an iteration with CLARITY_ELWISE_CONTINUE.
// Without a range, i runs over the size of the first array argument and every array argument
// must have that size; with launch({.range = ...}) i runs over the range and sizes are the
// caller's business (use it for look-up tables and stencils).
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include <clarity/array.hpp>
#include <clarity/detail/call_argument.hpp>
#include <clarity/device.hpp>

namespace clarity {

// Indices start, start + step, ... up to but excluding stop (step may be negative).
struct range {
    std::int64_t start = 0;
    std::int64_t stop = 0;
    std::int64_t step = 1;

    // How many indices; throws std::invalid_argument for a zero step.
    std::uint64_t size() const;
};

struct elementwise_options {
    std::string preamble;  // OpenCL C placed before the kernel (helper functions, #defines)
    std::string options;   // compiler options, e.g. "-cl-fast-relaxed-math"
};

struct launch_options {
    std::optional<clarity::range> range;   // default: 0 .. size of the first array argument
    wait_list wait_for;                    // events to wait for before running
    const clarity::queue* queue = nullptr; // default: the first array argument's queue
};

class ElementwiseKernel {
public:
    ElementwiseKernel(const context& ctx, const std::string& arguments, const std::string& operation,
                      const std::string& name = "elwise_kernel", const elementwise_options& options = {});

    template <class... Args>
    event operator()(const Args&... args) const {
        return launch({}, args...);
    }

    template <class... Args>
    event launch(const launch_options& options, const Args&... args) const {
        const std::array<detail::call_argument, sizeof...(Args)> erased{detail::make_call_argument(args)...};
        return launch_erased(options, erased);
    }

    const std::string& name() const;
    // The OpenCL C source built for `dev`, with 32-bit or 64-bit indices, for array arguments
    // in distinct buffers (restrict pointers) or not (the same buffer passed twice).
    std::string source(const device& dev, bool wide_indices = false, bool distinct_arrays = true) const;

    struct state;

private:
    event launch_erased(const launch_options& options, std::span<const detail::call_argument> args) const;

    std::shared_ptr<state> state_;
};

}  // namespace clarity
