// One generated kernel for every "write each element of a strided view" job: copies between
// views (with type conversion), fills, and arithmetic sequences. Both views are walked in
// row-major order; dimensions that are contiguous in both are merged first.
#pragma once

#include <string>
#include <vector>

#include <clarity/detail/array_core.hpp>

namespace clarity::detail {

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
