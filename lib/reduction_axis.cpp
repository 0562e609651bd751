// Built-in reductions along one axis (cl/reduction_axis.cl): the input, made contiguous, is
// seen as [outer, count, inner]; each output element reduces `count` elements `inner` apart.
#include <algorithm>
#include <stdexcept>

#include "embedded.hpp"
#include "kernel_arguments.hpp"
#include "reduction_builtins.hpp"
#include "source_template.hpp"

namespace clarity::detail {

std::size_t normalized_axis(std::size_t ndim, int axis) {
    const auto n = static_cast<std::ptrdiff_t>(ndim);
    const std::ptrdiff_t dim = axis < 0 ? axis + n : axis;
    if (dim < 0 || dim >= n)
        throw std::invalid_argument("axis " + std::to_string(axis) + " is out of range for an array of " +
                                    std::to_string(ndim) + " dimensions");
    return std::size_t(dim);
}

namespace {

bool uses_means(builtin_reduction op) {
    return op == builtin_reduction::variance || op == builtin_reduction::standard_deviation;
}

// var and std read their segment's mean, computed by a first pass, as `*mean` (as the
// whole-array kernel does); argmin and argmax report k, the place along the axis.
std::string axis_source(const device& dev, builtin_reduction op, const reduction_spec& spec, const type_info& in,
                        const std::string& index_t) {
    const bool means = uses_means(op);
    const std::string& result_t = spec.result->name;
    return fill_template(embedded_source("reduction_axis.cl"),
                         {{"prelude", kernel_prelude(dev, {&in, spec.result}, spec.preamble + spec.map)},
                          {"preamble", spec.preamble.empty() ? "" : spec.preamble + "\n"},
                          {"description", spec.name},
                          {"common", reduction_common(dev, spec)},
                          {"name", spec.name},
                          {"in_t", in.name},
                          {"result_t", result_t},
                          {"index_t", index_t},
                          {"segment_arguments",
                           means ? ",\n    __global const " + result_t + " *means, " + index_t + " means_offset" : ""},
                          {"segment_setup", means ? "        __global const " + result_t +
                                                        " *mean = means + means_offset + segment;\n"
                                                  : ""},
                          {"neutral", spec.neutral},
                          {"map", spec.map}});
}

// One launch of `op` over `source` (contiguous) seen as [segments / inner, count, inner];
// `means` (var and std only) holds each segment's mean.
void launch_axis(builtin_reduction op, const queue& q, const array_view& source, std::uint64_t count,
                 std::uint64_t inner, const array_view& out, const array_view* means) {
    const std::uint64_t segments = out.shape->size();
    const std::uint64_t largest = std::max<std::uint64_t>(source.shape->end_element(), out.shape->end_element());
    const std::string index_t = index_type_for(largest);
    const bool wide = index_t == "long";

    auto spec = builtin_spec(op, *source.type, *out.type, "k");
    spec.name = "clarity_" + std::string(builtin_name(op)) + "_along_axis";
    const auto key = "reduce_axis:" + std::string(builtin_name(op)) + ":" + source.type->name + ":" + out.type->name + ":" + index_t;
    auto& pool = library_kernel(q, key, spec.name,
                                [&] { return axis_source(q.device(), op, spec, *source.type, index_t); });

    auto kernel = pool.acquire();
    argument_writer write(kernel, wide);
    write.view(source);
    write.index(std::int64_t(segments));
    write.index(std::int64_t(count));
    write.index(std::int64_t(inner));
    write.view(out);
    if (means) write.view(*means);
    const std::size_t group = reduction_group_size(q.device());
    const std::uint64_t groups = std::min<std::uint64_t>(segments, std::uint64_t(q.device().compute_units()) * 64);
    kernel.enqueue(q, launch_geometry{std::size_t(groups * group), group}, {});
}

}  // namespace

void reduce_axis(builtin_reduction op, const queue& q, const array_view& in, std::size_t axis, const array_view& out) {
    if (op == builtin_reduction::dot) throw std::invalid_argument("dot: not available along an axis");
    builtin_spec(op, *in.type, *out.type);  // throws, before any launch, for types `op` does not take
    const auto& shape = in.shape->shape;
    const std::uint64_t count = shape[axis];
    // argmin and argmax of an empty axis throw even when there is nothing to return (as NumPy).
    if (op == builtin_reduction::argmin || op == builtin_reduction::argmax) require_elements(op, count);
    if (out.shape->size() == 0) return;
    require_elements(op, count);
    std::uint64_t inner = 1;
    for (std::size_t d = axis + 1; d < shape.size(); ++d) inner *= shape[d];

    contiguous_view source;
    make_contiguous(q, in, source);
    if (!uses_means(op)) return launch_axis(op, q, source.view, count, inner, out, nullptr);

    // Two passes, as the whole-array var and std: the means stay on the device.
    const std::shared_ptr<storage> mean_memory = allocate(q, out.shape->size() * out.type->size);
    const layout mean_shape = layout::contiguous(out.shape->shape);
    const array_view means{mean_memory.get(), &mean_shape, out.type};
    launch_axis(builtin_reduction::mean, q, source.view, count, inner, means, nullptr);
    launch_axis(op, q, source.view, count, inner, out, &means);
}

}  // namespace clarity::detail
