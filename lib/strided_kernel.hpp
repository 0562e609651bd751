// One generated kernel for every "write each element of a strided view" job: copies between
// views (with type conversion), fills, and arithmetic sequences. Both views are walked in
// row-major order; dimensions that are contiguous in both are merged first. The walk itself
// (merging, index decomposition, its arguments) is shared with the fused expressions.
#pragma once

#include <string>
#include <vector>

#include <clarity/detail/array_core.hpp>

namespace clarity::detail {

class argument_writer;

// Several views walked together over one index space of `shape`: neighbouring dimensions merged
// where every view allows it, length-1 dimensions dropped; at least one dimension remains.
struct joint_walk {
    shape_t shape;
    std::vector<strides_t> strides;  // strides[v][d]: view v's stride along dimension d (0: broadcast)
};
joint_walk merge_dimensions(const shape_t& shape, const std::vector<strides_t>& strides);

// OpenCL C for walking views named `views` ("dst", "src", ...) over `ndim` dimensions: the
// kernel parameters (",\n    <index_t> extentD, <index_t> <view>_strideD, ...") and the
// statements that move each `<view>_at` (declared by the kernel, starting at its offset) to the
// element of row-major index `rest`. write_walk sets the matching arguments.
std::string walk_parameters(std::size_t ndim, const std::string& index_t, const std::vector<std::string>& views);
std::string walk_steps(std::size_t ndim, const std::string& index_t, const std::vector<std::string>& views);
void write_walk(argument_writer& write, const joint_walk& walk);

// The largest element index (or count) a kernel walking `l` computes, to choose int or long.
std::uint64_t largest_index(const layout& l);

// What each element of the destination receives.
struct strided_source {
    enum class kind { elements_of, constant, sequence };
    kind what = kind::constant;
    array_view elements{};           // elements_of: the source view (same shape as the destination)
    std::vector<unsigned char> a, b; // constant: a = the value; sequence: a = start, b = step

    static strided_source copy_of(const array_view& source);
    static strided_source constant(const type_info& type, const void* value);
    static strided_source arithmetic_sequence(const type_info& type, const void* start, const void* step);
};

event run_strided_assign(const queue& q, const array_view& dst, const strided_source& source, const wait_list& wait_for);

// An OpenCL C expression converting `expr` from one element type to another, as C casts do;
// throws std::invalid_argument for conversions that lose meaning (complex to real, structs).
std::string convert_expression(const type_info& from, const type_info& to, const std::string& expr);

}  // namespace clarity::detail
