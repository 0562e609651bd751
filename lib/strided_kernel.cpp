#include "strided_kernel.hpp"

#include <algorithm>
#include <cstring>
#include <stdexcept>

#include "embedded.hpp"
#include "kernel_arguments.hpp"
#include "kernel_support.hpp"
#include "source_template.hpp"

namespace clarity::detail {

strided_source strided_source::copy_of(const array_view& source) {
    strided_source s;
    s.what = kind::elements_of;
    s.elements = source;
    return s;
}

strided_source strided_source::constant(const type_info& type, const void* value) {
    strided_source s;
    s.what = kind::constant;
    const auto* bytes = static_cast<const unsigned char*>(value);
    s.a.assign(bytes, bytes + type.size);
    return s;
}

strided_source strided_source::arithmetic_sequence(const type_info& type, const void* start, const void* step) {
    strided_source s = constant(type, start);
    s.what = kind::sequence;
    const auto* bytes = static_cast<const unsigned char*>(step);
    s.b.assign(bytes, bytes + type.size);
    return s;
}

std::string convert_expression(const type_info& from, const type_info& to, const std::string& expr) {
    if (from == to) return expr;
    const auto refuse = [&](const char* why) {
        return std::invalid_argument("cannot convert " + from.name + " to " + to.name + ": " + why);
    };
    if (from.kind == type_kind::user_struct || to.kind == type_kind::user_struct)
        throw refuse("structs convert only to themselves");
    if (from.kind == type_kind::complex && to.kind != type_kind::complex)
        throw refuse("that would drop the imaginary part; take the real part explicitly");
    if (to.kind == type_kind::complex) {
        if (from.kind == type_kind::complex) return "convert_" + to.scalar_name + "2(" + expr + ")";
        if (from.kind == type_kind::vector) throw refuse("vectors do not convert to complex numbers");
        const std::string prefix = to.name.substr(0, to.name.size() - 2);  // "cfloat_t" -> "cfloat"
        return prefix + "_fromreal((" + to.scalar_name + ")(" + expr + "))";
    }
    if ((from.kind == type_kind::vector) != (to.kind == type_kind::vector) || from.components != to.components)
        throw refuse("the number of components differs");
    if (to.kind == type_kind::vector) return "convert_" + to.name + "(" + expr + ")";
    return "(" + to.name + ")(" + expr + ")";
}

joint_walk merge_dimensions(const shape_t& shape, const std::vector<strides_t>& strides) {
    joint_walk j{{}, std::vector<strides_t>(strides.size())};
    for (std::size_t d = 0; d < shape.size(); ++d) {
        if (shape[d] == 1) continue;
        const auto extent = static_cast<std::ptrdiff_t>(shape[d]);
        bool mergeable = !j.shape.empty();
        for (std::size_t v = 0; v < strides.size() && mergeable; ++v)
            mergeable = j.strides[v].back() == strides[v][d] * extent;
        if (mergeable) {
            j.shape.back() *= shape[d];
            for (std::size_t v = 0; v < strides.size(); ++v) j.strides[v].back() = strides[v][d];
        } else {
            j.shape.push_back(shape[d]);
            for (std::size_t v = 0; v < strides.size(); ++v) j.strides[v].push_back(strides[v][d]);
        }
    }
    if (j.shape.empty()) {
        j.shape = {1};
        for (auto& s : j.strides) s = {1};
    }
    return j;
}

std::string walk_parameters(std::size_t ndim, const std::string& index_t, const std::vector<std::string>& views) {
    std::string parameters;
    for (std::size_t d = ndim; d-- > 0;) {
        const auto n = std::to_string(d);
        parameters += ",\n    " + index_t + " extent" + n;
        for (const auto& view : views) parameters += ", " + index_t + " " + view + "_stride" + n;
    }
    return parameters;
}

std::string walk_steps(std::size_t ndim, const std::string& index_t, const std::vector<std::string>& views) {
    // Dimension ndim-1 varies fastest: peel it off k first; dimension 0 takes what remains.
    std::string steps;
    for (std::size_t d = ndim; d-- > 0;) {
        const auto n = std::to_string(d);
        steps += "        { " + index_t + " at = " + (d == 0 ? "rest;" : "rest % extent" + n + "; rest /= extent" + n + ";");
        for (const auto& view : views) steps += " " + view + "_at += at * " + view + "_stride" + n + ";";
        steps += " }\n";
    }
    if (!steps.empty()) steps.pop_back();
    return steps;
}

void write_walk(argument_writer& write, const joint_walk& walk) {
    for (std::size_t d = walk.shape.size(); d-- > 0;) {
        write.index(static_cast<std::int64_t>(walk.shape[d]));
        for (const auto& strides : walk.strides) write.index(strides[d]);
    }
}

std::uint64_t largest_index(const layout& l) {
    return std::uint64_t(std::max<std::ptrdiff_t>({l.end_element(), std::ptrdiff_t(l.size()), -l.first_element()}));
}

namespace {

std::string source_text(const device& dev, const type_info& dst, const strided_source& source, std::size_t ndim,
                        const std::string& index_t, const std::string& name) {
    const bool indexed = source.what == strided_source::kind::elements_of;
    std::vector<const type_info*> types{&dst};
    std::string parameters, value;
    switch (source.what) {
        case strided_source::kind::elements_of:
            types.push_back(source.elements.type);
            parameters = "__global const " + source.elements.type->name + " *src, " + index_t + " src_offset,";
            value = convert_expression(*source.elements.type, dst, "src[src_at]");
            break;
        case strided_source::kind::constant:
            parameters = dst.name + " value,";
            value = "value";
            break;
        case strided_source::kind::sequence:
            parameters = dst.name + " start, " + dst.name + " step,";
            value = "start + (" + dst.name + ")k * step";
            break;
    }
    std::vector<std::string> views{"dst"};
    if (indexed) views.push_back("src");
    return fill_template(embedded_source("strided_assign.cl"),
                         {{"prelude", kernel_prelude(dev, types)},
                          {"name", name},
                          {"dst_t", dst.name},
                          {"index_t", index_t},
                          {"source_parameters", parameters},
                          {"source_start", indexed ? ", src_at = src_offset" : ""},
                          {"dimension_parameters", walk_parameters(ndim, index_t, views)},
                          {"dimension_steps", walk_steps(ndim, index_t, views)},
                          {"value", value}});
}

}  // namespace

event run_strided_assign(const queue& q, const array_view& dst, const strided_source& source, const wait_list& wait_for) {
    const layout* src = source.what == strided_source::kind::elements_of ? source.elements.shape : nullptr;
    std::vector<strides_t> strides{dst.shape->strides};
    if (src) strides.push_back(src->strides);
    const auto joint = merge_dimensions(dst.shape->shape, strides);
    const auto count = dst.shape->size();
    auto largest = largest_index(*dst.shape);
    if (src) largest = std::max(largest, largest_index(*src));
    const std::string index_t = index_type_for(largest);
    std::string kind, name;
    switch (source.what) {
        case strided_source::kind::elements_of:
            kind = "copy_from_" + source.elements.type->name;
            name = "clarity_strided_copy";
            break;
        case strided_source::kind::constant: kind = name = "clarity_strided_fill"; break;
        case strided_source::kind::sequence: kind = name = "clarity_strided_sequence"; break;
    }
    const auto key = "strided:" + dst.type->name + ":" + kind + ":" + std::to_string(joint.shape.size()) + ":" + index_t;
    auto& pool = library_kernel(q, key, name, [&] {
        return source_text(q.device(), *dst.type, source, joint.shape.size(), index_t, name);
    });

    auto kernel = pool.acquire();
    argument_writer write(kernel, index_t == "long");
    write.view(dst);
    if (src) {
        write.view(source.elements);
    } else {
        write.bytes(source.a.data(), source.a.size());
        if (source.what == strided_source::kind::sequence) write.bytes(source.b.data(), source.b.size());
    }
    write.index(static_cast<std::int64_t>(count));
    write_walk(write, joint);
    return kernel.run(q, count, wait_for);
}

}  // namespace clarity::detail
