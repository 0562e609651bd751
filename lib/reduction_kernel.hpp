// The engine behind ReductionKernel and the built-in reductions: a kernel generated from
// (neutral, reduce, map) that reduces a range of indices in one launch (cl/reduction.cl).
#pragma once

#include <cstddef>
#include <map>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <vector>

#include <clarity/reduction.hpp>

#include "arg_list.hpp"
#include "kernel_support.hpp"

namespace clarity::detail {

// Everything that defines one reduction kernel.
struct reduction_spec {
    std::string name;                      // kernel name
    const type_info* result = nullptr;     // the type written to the result
    std::string accumulator;               // OpenCL C type of partial results (empty: the result type)
    std::size_t accumulator_size = 0;      // its size on the device (0: the result type's)
    std::string neutral, reduce, map;      // reduce combines a and b; map reads element i
    std::string finish = "v";              // turns the total v into the result; may use clarity_count
    std::vector<declared_argument> arguments;
    std::string preamble, options;
};

class reduction_engine {
public:
    reduction_engine(const context& ctx, reduction_spec spec);

    // Checks the arguments (std::invalid_argument naming the first mismatch) and returns the
    // queue the launch will run on.
    const queue& check(const reduction_call& call, std::span<const call_argument> args) const;
    event run(const reduction_call& call, std::span<const call_argument> args);
    std::string source(const device& dev, bool wide_indices) const;
    const std::string& description() const { return description_; }

private:
    kernel_pool& kernel(const device& dev, bool wide);

    context ctx_;
    reduction_spec spec_;
    std::string description_;
    built_kernels<bool> kernels_;  // per device and 64-bit indices
};

// The work-group size every reduction kernel on `dev` is compiled for (a power of two).
std::size_t reduction_group_size(const device& dev);

// The macros, accumulator type and group tree shared by cl/reduction.cl and cl/reduction_axis.cl.
std::string reduction_common(const device& dev, const reduction_spec& spec);

}  // namespace clarity::detail
