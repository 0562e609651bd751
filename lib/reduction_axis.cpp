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

std::string axis_source(const device& dev, const reduction_spec& spec, const type_info& in, const std::string& index_t) {
    return fill_template(embedded_source("reduction_axis.cl"),
                         {{"prelude", kernel_prelude(dev, {&in, spec.result}, spec.preamble + spec.map)},
                          {"preamble", spec.preamble.empty() ? "" : spec.preamble + "\n"},
                          {"description", spec.name},
                          {"common", reduction_common(dev, spec)},
                          {"name", spec.name},
                          {"in_t", in.name},
                          {"result_t", spec.result->name},
                          {"index_t", index_t},
                          {"neutral", spec.neutral},
                          {"map", spec.map}});
}

}  // namespace

void reduce_axis(builtin_reduction op, const queue& q, const array_view& in, std::size_t axis, const array_view& out) {
    if (op != builtin_reduction::sum && op != builtin_reduction::min && op != builtin_reduction::max &&
        op != builtin_reduction::mean)
        throw std::invalid_argument(std::string(builtin_name(op)) + ": not available along an axis");
    const auto& shape = in.shape->shape;
    const std::uint64_t count = shape[axis];
    if (out.shape->size() == 0) return;
    require_elements(op, count);
    std::uint64_t inner = 1;
    for (std::size_t d = axis + 1; d < shape.size(); ++d) inner *= shape[d];
    const std::uint64_t segments = out.shape->size();

    contiguous_view source;
    make_contiguous(q, in, source);
    const std::uint64_t largest = std::max<std::uint64_t>(source.view.shape->end_element(), out.shape->end_element());
    const std::string index_t = index_type_for(largest);
    const bool wide = index_t == "long";

    auto spec = builtin_spec(op, *in.type, *out.type);
    spec.name = "clarity_" + std::string(builtin_name(op)) + "_along_axis";
    const auto key = "reduce_axis:" + std::string(builtin_name(op)) + ":" + in.type->name + ":" + out.type->name + ":" + index_t;
    auto& pool = library_kernel(q, key, spec.name, [&] { return axis_source(q.device(), spec, *in.type, index_t); });

    auto kernel = pool.acquire();
    argument_writer write(kernel, wide);
    write.view(source.view);
    write.index(std::int64_t(segments));
    write.index(std::int64_t(count));
    write.index(std::int64_t(inner));
    write.view(out);
    const std::size_t group = reduction_group_size(q.device());
    const std::uint64_t groups = std::min<std::uint64_t>(segments, std::uint64_t(q.device().compute_units()) * 64);
    kernel.run(q, launch_geometry{std::size_t(groups * group), group}, {});
}

}  // namespace clarity::detail
