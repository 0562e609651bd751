// The engine behind ReductionKernel and the built-in reductions: a kernel generated from
// (neutral, reduce, map) that reduces a range of indices in one launch (cl/reduction.cl).
#pragma once

#include <cstddef>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include <clarity/reduction.hpp>

#include "arg_list.hpp"
#include "kernel_support.hpp"
#include "reduction_stage.hpp"

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
    // As run, making no event (see kernel_pool::lease::enqueue).
    void enqueue(const reduction_call& call, std::span<const call_argument> args);
    // The kernel for whole arrays (with vector loads where the map allows them).
    std::string source(const device& dev, bool wide_indices) const;
    const std::string& description() const { return description_; }

private:
    std::string source(const device& dev, bool wide_indices, bool vector_loads) const;
    kernel_pool& kernel(const device& dev, bool wide, bool vector);
    void launch(const reduction_call& call, std::span<const call_argument> args, cl::Event* done);

    context ctx_;
    reduction_spec spec_;
    std::string description_;
    std::optional<vector_map> vectors_;             // set when the map allows vector loads
    built_kernels<std::pair<bool, bool>> kernels_;  // per device, 64-bit indices and vector loads
};

// The work-group size every reduction kernel on `dev` is compiled for (a power of two).
std::size_t reduction_group_size(const device& dev);

// The macros, accumulator type and group tree shared by cl/reduction.cl and cl/reduction_axis.cl.
std::string reduction_common(const device& dev, const reduction_spec& spec);

}  // namespace clarity::detail
