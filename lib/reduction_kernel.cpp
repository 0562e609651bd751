#include "reduction_kernel.hpp"

#include <algorithm>
#include <cstdlib>
#include <mutex>
#include <stdexcept>

#include <clarity/program_cache.hpp>

#include "embedded.hpp"
#include "kernel_arguments.hpp"
#include "queue_resources.hpp"
#include "reduction_stage.hpp"
#include "source_template.hpp"

namespace clarity::detail {

std::size_t reduction_group_size(const device& dev) {
    std::size_t size = 256;  // enough loads in flight per GPU core; PoCL vectorises across it
    while (size > dev.max_work_group_size()) size /= 2;
    return size;
}

std::string reduction_common(const device& dev, const reduction_spec& spec) {
    return fill_template(embedded_source("reduction_common.cl"),
                         {{"group_size", std::to_string(reduction_group_size(dev))},
                          {"reduce", spec.reduce},
                          {"finish", spec.finish},
                          {"accumulator_t", spec.accumulator.empty() ? spec.result->name : spec.accumulator}});
}

namespace {

// The partial results and the groups-done counter of every reduction on one queue. Launches on
// an in-order queue run one after another, so they share them; the last group of each launch
// resets the counter.
struct reduction_scratch {
    std::mutex mutex;
    cl::Buffer partials, groups_done;
    std::size_t partial_bytes = 0;
};

std::pair<cl::Buffer, cl::Buffer> scratch_for(const queue& q, std::size_t partial_bytes) {
    auto& s = q.resources().get<reduction_scratch>();
    std::lock_guard lock(s.mutex);
    cl_int status = CL_SUCCESS;
    if (!s.groups_done()) {
        cl_uint zero = 0;
        s.groups_done = cl::Buffer(q.context().get(), CL_MEM_READ_WRITE | CL_MEM_COPY_HOST_PTR, sizeof zero, &zero, &status);
        check(status, "clCreateBuffer");
    }
    if (s.partial_bytes < partial_bytes) {  // a launch still using the old buffer keeps it alive
        s.partials = cl::Buffer(q.context().get(), CL_MEM_READ_WRITE, partial_bytes, nullptr, &status);
        check(status, "clCreateBuffer");
        s.partial_bytes = partial_bytes;
    }
    return {s.partials, s.groups_done};
}

}  // namespace

reduction_engine::reduction_engine(const context& ctx, reduction_spec spec)
    : ctx_(ctx), spec_(std::move(spec)), description_("ReductionKernel '" + spec_.name + "'") {
    if (!is_identifier(spec_.name))
        throw std::invalid_argument("ReductionKernel: \"" + spec_.name + "\" is not a valid kernel name");
    for (const auto& arg : spec_.arguments) declared_type(description_, arg);
    if (spec_.accumulator.empty()) {
        spec_.accumulator = spec_.result->name;
        spec_.accumulator_size = spec_.result->size;
    }
    vectors_ = find_vector_map(spec_);
}

std::string reduction_engine::source(const device& dev, bool wide) const { return source(dev, wide, vectors_.has_value()); }

std::string reduction_engine::source(const device& dev, bool wide, bool vector) const {
    const std::string index_t = wide ? "long" : "int";
    const auto stage = stage_text(spec_, vector ? vectors_ : std::nullopt, index_t);
    auto declared = declare_user_arguments(description_, dev, spec_.arguments, index_t);
    auto types = declared.types;
    types.push_back(spec_.result);
    const auto& parameters = declared.parameters;
    const auto& pointer_setup = declared.pointer_setup;
    require_type_support(dev, *spec_.result, description_ + " result");
    const auto user_code = spec_.preamble + spec_.accumulator + spec_.neutral + spec_.reduce + spec_.map + spec_.finish;
    return fill_template(embedded_source("reduction.cl"),
                         {{"prelude", kernel_prelude(dev, types, user_code)},
                          {"preamble", spec_.preamble.empty() ? "" : spec_.preamble + "\n"},
                          {"description", description_},
                          {"common", reduction_common(dev, spec_)},
                          {"device_fence", std::string(embedded_source("device_fence.cl"))},
                          {"index_t", index_t},
                          {"item", stage.item},
                          {"setup", stage.setup},
                          {"accumulators", stage.accumulators},
                          {"rounds_count", std::to_string(reduction_rounds)},
                          {"last_round", std::to_string(reduction_rounds - 1)},
                          {"rounds", stage.rounds},
                          {"edges", stage.edges},
                          {"combine", stage.combine},
                          {"total", stage.total},
                          {"neutral", spec_.neutral},
                          {"name", spec_.name},
                          {"parameters", parameters},
                          {"result_t", spec_.result->name},
                          {"pointer_setup", pointer_setup}});
}

kernel_pool& reduction_engine::kernel(const device& dev, bool wide, bool vector) {
    return kernels_.get(dev, {wide, vector}, spec_.name + "_reduce",
                        [&] { return build_program(ctx_, dev, source(dev, wide, vector), spec_.options, description_); });
}

const queue& reduction_engine::check(const reduction_call& call, std::span<const call_argument> args) const {
    check_arguments(description_, spec_.arguments, args, ctx_);
    const queue& q = launch_queue(description_, call.queue, args);
    if (!(q.context() == ctx_)) throw std::invalid_argument(description_ + ": the queue belongs to another context");
    if (call.out.type) {  // operator() allocates the result only after this check
        if (call.out.shape->size() != 1)
            throw std::invalid_argument(description_ + ": out has " + std::to_string(call.out.shape->size()) +
                                        " elements, not 1");
        if (!(*call.out.type == *spec_.result))
            throw std::invalid_argument(description_ + ": out holds " + call.out.type->name + ", the result is " +
                                        spec_.result->name);
        if (!call.out_queue->valid() || !(call.out_queue->context() == ctx_))
            throw std::invalid_argument(description_ + ": out lives in another OpenCL context than the kernel");
    }
    return q;
}

event reduction_engine::run(const reduction_call& call, std::span<const call_argument> args) {
    cl::Event done;
    launch(call, args, &done);
    return event(done);
}

void reduction_engine::enqueue(const reduction_call& call, std::span<const call_argument> args) {
    launch(call, args, nullptr);
}

void reduction_engine::launch(const reduction_call& call, std::span<const call_argument> args, cl::Event* done) {
    const queue& q = check(call, args);
    const range r = call.range ? *call.range : whole_arrays(description_, spec_.arguments, args);
    const auto count = r.size();
    const auto group_size = reduction_group_size(q.device());
    const auto plan = plan_reduction(vectors_, r, args, group_size, q.device().compute_units());

    // The largest index the kernel computes: range ends, array ends, items of the unrolled loop.
    const std::uint64_t largest = std::max<std::uint64_t>({std::uint64_t(std::abs(r.start)), std::uint64_t(std::abs(r.stop)),
                                                     plan.body + reduction_rounds * plan.groups * group_size,
                                                     std::uint64_t(call.out.shape->offset),
                                                     largest_array_element(args)});
    const bool wide = std::string(index_type_for(largest)) == "long";

    const auto [partials, groups_done] = scratch_for(q, plan.groups * spec_.accumulator_size);
    auto kernel = this->kernel(q.device(), wide, plan.vector).acquire();
    argument_writer write(kernel, wide);
    write.user_arguments(description_, spec_.arguments, args);
    write.index(r.start);
    write.index(r.step);
    write.index(std::int64_t(count));
    write.index(std::int64_t(plan.head));
    write.index(std::int64_t(plan.body));
    write.buffer(partials);
    write.buffer(groups_done);
    write.view(call.out);
    static const wait_list nothing;
    kernel.enqueue(q, launch_geometry{std::size_t(plan.groups * group_size), group_size},
                   call.wait_for ? *call.wait_for : nothing, done);
}

std::shared_ptr<reduction_engine> make_reduction_engine(const context& ctx, const type_info& result,
                                                        const std::string& neutral, const std::string& reduce_expr,
                                                        const std::string& map_expr, const std::string& arguments,
                                                        const reduction_options& options) {
    reduction_spec spec;
    spec.name = options.name;
    spec.result = &result;
    spec.neutral = neutral;
    spec.reduce = reduce_expr;
    spec.map = map_expr.empty() ? "in[i]" : map_expr;
    spec.arguments = parse_argument_list(arguments.empty() ? "__global const " + result.name + " *in" : arguments);
    spec.preamble = options.preamble;
    spec.options = options.options;
    return std::make_shared<reduction_engine>(ctx, std::move(spec));
}

const queue& reduction_queue(const reduction_engine& engine, const reduction_call& call,
                             std::span<const call_argument> args) {
    return engine.check(call, args);
}

event run_reduction(reduction_engine& engine, const reduction_call& call, std::span<const call_argument> args) {
    return engine.run(call, args);
}

std::string reduction_source(const reduction_engine& engine, const device& dev, bool wide_indices) {
    return engine.source(dev, wide_indices);
}

}  // namespace clarity::detail
