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

struct ElementwiseKernel::state {
    context ctx;
    std::vector<detail::declared_argument> arguments;
    std::string operation, name, description;
    elementwise_options options;
    // Built kernels per (device, 64-bit indices); a call looks one up and never touches source text.
    std::mutex mutex;
    std::map<std::pair<cl_device_id, bool>, std::shared_ptr<detail::kernel_pool>> kernels;

    std::string source(const device& dev, bool wide) const;
    detail::kernel_pool& kernel(const device& dev, bool wide);
};

std::string ElementwiseKernel::state::source(const device& dev, bool wide) const {
    const std::string index_t = wide ? "long" : "int";
    std::vector<const type_info*> types;
    std::string parameters, pointer_setup;
    for (const auto& arg : arguments) {
        const auto& type = detail::declared_type(description, arg);
        detail::require_type_support(dev, type, description + " argument '" + arg.name + "'");
        types.push_back(&type);
        if (arg.is_pointer) {
            const auto base = "clarity_base_" + arg.name, offset = "clarity_offset_" + arg.name;
            parameters += "\n    " + detail::declaration_of(arg, base) + ", " + index_t + " " + offset + ",";
            pointer_setup += "    " + detail::declaration_of(arg, arg.name) + " = " + base + " + " + offset + ";\n";
        } else {
            parameters += "\n    " + detail::declaration_of(arg, arg.name) + ",";
        }
    }
    if (!pointer_setup.empty()) pointer_setup.pop_back();
    const auto prelude = detail::kernel_prelude(dev, types, options.preamble + operation);
    return detail::fill_template(detail::embedded_source("elementwise.cl"),
                                 {{"prelude", prelude + options.preamble},
                                  {"name", name},
                                  {"parameters", parameters},
                                  {"index_t", index_t},
                                  {"pointer_setup", pointer_setup},
                                  {"operation", operation}});
}

detail::kernel_pool& ElementwiseKernel::state::kernel(const device& dev, bool wide) {
    const auto key = std::make_pair(dev.get()(), wide);
    {
        std::lock_guard lock(mutex);
        if (auto it = kernels.find(key); it != kernels.end()) return *it->second;
    }
    auto program = build_program(ctx, dev, source(dev, wide), options.options, description);
    std::lock_guard lock(mutex);
    auto& slot = kernels[key];
    if (!slot) slot = std::make_shared<detail::kernel_pool>(std::move(program), name);
    return *slot;
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

std::string ElementwiseKernel::source(const device& dev, bool wide_indices) const {
    return state_->source(dev, wide_indices);
}

namespace {
std::uint64_t range_count(const range& r) {
    if (r.step == 0) throw std::invalid_argument("range: step must not be zero");
    const auto distance = r.step > 0 ? r.stop - r.start : r.start - r.stop;
    const auto step = r.step > 0 ? r.step : -r.step;
    return distance > 0 ? std::uint64_t((distance + step - 1) / step) : 0;
}
}  // namespace

event ElementwiseKernel::launch_erased(const launch_options& options, std::span<const detail::call_argument> args) const {
    auto& s = *state_;  // shared state: its kernel map is guarded by its mutex
    detail::check_arguments(s.description, s.arguments, args, s.ctx);
    const queue& q = detail::launch_queue(s.description, options.queue, args);
    if (!(q.context() == s.ctx)) throw std::invalid_argument(s.description + ": the queue belongs to another context");

    range r;
    std::uint64_t largest = 0;  // the largest index or element offset the kernel computes
    if (options.range) {
        r = *options.range;
        largest = std::uint64_t(std::max(std::abs(r.start), std::abs(r.stop)));
    } else {
        const detail::call_argument* first = nullptr;
        for (std::size_t k = 0; k < args.size(); ++k) {
            if (args[k].what != detail::call_argument::kind::array) continue;
            const auto size = args[k].view.shape->size();
            if (!first) first = &args[k];
            if (size != first->view.shape->size())
                throw std::invalid_argument(s.description + ": argument " + std::to_string(k + 1) + " '" +
                                            s.arguments[k].name + "' has " + std::to_string(size) +
                                            " elements, the first array argument " +
                                            std::to_string(first->view.shape->size()) +
                                            " (pass launch_options::range to index arrays of other sizes)");
        }
        if (!first) throw std::invalid_argument(s.description + ": no array argument to take the size from; pass a range");
        r = {0, std::int64_t(first->view.shape->size()), 1};
    }
    const auto count = range_count(r);
    for (const auto& a : args)
        if (a.what == detail::call_argument::kind::array)
            largest = std::max<std::uint64_t>(largest, a.view.shape->end_element());
    const bool wide = std::string(detail::index_type_for(largest)) == "long";

    auto kernel = s.kernel(q.device(), wide).acquire();
    unsigned index = 0;
    const auto set_index = [&](std::int64_t value) {
        if (wide)
            kernel.set<cl_long>(index++, value);
        else
            kernel.set<cl_int>(index++, static_cast<cl_int>(value));
    };
    for (std::size_t k = 0; k < args.size(); ++k) {
        if (args[k].what == detail::call_argument::kind::array) {
            const auto& memory = *args[k].view.memory;
            if (memory.bytes == 0) {
                kernel.set_arg(index++, sizeof(cl_mem), nullptr);  // an empty array is a null pointer
            } else {
                kernel.set_buffer(index++, memory.buffer);
            }
            set_index(args[k].view.shape->offset);
        } else {
            const auto bytes = detail::scalar_bytes(s.description, s.arguments[k], args[k]);
            kernel.set_arg(index++, bytes.size(), bytes.data());
        }
    }
    set_index(r.start);
    set_index(r.step);
    set_index(static_cast<std::int64_t>(count));
    return kernel.run(q, count, options.wait_for);
}

}  // namespace clarity
