#include <clarity/elementwise.hpp>

#include <algorithm>
#include <map>
#include <mutex>
#include <stdexcept>

#include <clarity/program_cache.hpp>

#include "arg_list.hpp"
#include "embedded.hpp"
#include "kernel_arguments.hpp"
#include "kernel_support.hpp"
#include "source_template.hpp"

namespace clarity {

// Kernels are built per device and per variant: 32- or 64-bit indices, and whether the array
// arguments are distinct buffers (then pointers are restrict and the loop is unrolled, which
// lets a GPU keep several elements' loads in flight; measured on an H200 below).
struct elementwise_variant {
    bool wide_indices = false;
    bool distinct_arrays = true;
    auto operator<=>(const elementwise_variant&) const = default;
};

struct ElementwiseKernel::state {
    context ctx;
    std::vector<detail::declared_argument> arguments;
    std::string operation, name, description;
    elementwise_options options;
    detail::built_kernels<elementwise_variant> kernels;  // a call looks one up, never touching source text

    std::string source(const device& dev, elementwise_variant variant) const;
    detail::kernel_pool& kernel(const device& dev, elementwise_variant variant);
};

std::string ElementwiseKernel::state::source(const device& dev, elementwise_variant variant) const {
    const std::string index_t = variant.wide_indices ? "long" : "int";
    auto declared = detail::declare_user_arguments(description, dev, arguments, index_t, variant.distinct_arrays);
    auto& pointer_setup = declared.pointer_setup;
    if (!pointer_setup.empty()) pointer_setup.pop_back();
    // On CPUs the grid has a work-item per element (grid_stride_geometry), so the rounds never run.
    const int unroll = variant.distinct_arrays ? 4 : 1;
    const auto unrolled = unroll == 1 ? std::string()
                                      : detail::fill_template(detail::embedded_source("elementwise_unrolled.cl"),
                                                              {{"unroll", std::to_string(unroll)},
                                                               {"last_offset", std::to_string(unroll - 1)},
                                                               {"index_t", index_t},
                                                               {"operation", operation}});
    const auto prelude = detail::kernel_prelude(dev, declared.types, options.preamble + operation);
    return detail::fill_template(
        detail::embedded_source("elementwise.cl"),
        {{"prelude", prelude + options.preamble},
         {"name", name},
         {"parameters", declared.parameters},
         {"index_t", index_t},
         {"pointer_setup", pointer_setup},
         {"unroll_note", unroll == 1 ? "" : "Full rounds of " + std::to_string(unroll) + " come first."},
         {"unrolled_loop", unrolled},
         {"operation", operation}});
}

detail::kernel_pool& ElementwiseKernel::state::kernel(const device& dev, elementwise_variant variant) {
    return kernels.get(dev, variant, name,
                       [&] { return build_program(ctx, dev, source(dev, variant), options.options, description); });
}

ElementwiseKernel::ElementwiseKernel(const context& ctx, const std::string& arguments, const std::string& operation,
                                     const std::string& name, const elementwise_options& options)
    : state_(std::make_shared<state>()) {
    if (!detail::is_identifier(name)) throw std::invalid_argument("ElementwiseKernel: \"" + name + "\" is not a valid kernel name");
    state_->ctx = ctx;
    state_->name = name;
    state_->description = "ElementwiseKernel '" + name + "'";
    state_->arguments = detail::parse_argument_list(arguments);
    for (const auto& arg : state_->arguments) detail::declared_type(state_->description, arg);
    state_->operation = operation;
    state_->options = options;
}

const std::string& ElementwiseKernel::name() const { return state_->name; }

std::string ElementwiseKernel::source(const device& dev, bool wide_indices, bool distinct_arrays) const {
    return state_->source(dev, {wide_indices, distinct_arrays});
}

event ElementwiseKernel::launch_erased(const launch_options& options, std::span<const detail::call_argument> args) const {
    auto& s = *state_;  // shared state: its kernel map is guarded by its mutex
    detail::check_arguments(s.description, s.arguments, args, s.ctx);
    const queue& q = detail::launch_queue(s.description, options.queue, args);
    if (!(q.context() == s.ctx)) throw std::invalid_argument(s.description + ": the queue belongs to another context");

    const range r = options.range ? *options.range : detail::whole_arrays(s.description, s.arguments, args);
    const auto count = r.size();
    // The largest index or element offset the kernel computes decides between int and long.
    const auto largest = std::max<std::uint64_t>({std::uint64_t(std::abs(r.start)), std::uint64_t(std::abs(r.stop)),
                                                  detail::largest_array_element(args)});
    const bool wide = std::string(detail::index_type_for(largest)) == "long";

    auto kernel = s.kernel(q.device(), {wide, detail::distinct_buffers(args)}).acquire();
    detail::argument_writer write(kernel, wide);
    write.user_arguments(s.description, s.arguments, args);
    write.index(r.start);
    write.index(r.step);
    write.index(static_cast<std::int64_t>(count));
    return kernel.run(q, count, options.wait_for);
}

}  // namespace clarity
