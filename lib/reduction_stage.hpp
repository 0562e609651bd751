// Stage 1 of the one-launch reduction (cl/reduction.cl): how work-items read the range and how
// the range is split among work-groups.
//
// Items are elements (the map evaluated at each index of the range), or, where the map only
// reads elements as NAME[i] (one array, or the product of two), 16-byte vectors of elements whose
// lanes each feed their own accumulator. The vector form needs a step of 1 and arrays whose
// first elements are equally far from a 16-byte boundary; the elements before the first whole
// vector (the head) and after the last (the tail) are read one by one.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include <clarity/detail/call_argument.hpp>
#include <clarity/elementwise.hpp>

namespace clarity::detail {

struct reduction_spec;

// A map of the form NAME[i] or NAME[i] * NAME2[i] over __global arrays of one 4- or 8-byte
// scalar type.
struct vector_map {
    std::vector<std::size_t> operands;  // indices of the array arguments the map reads
    std::vector<std::string> names;
    std::string element;                // OpenCL C element type
    std::size_t width = 0;              // elements per 16-byte load
};
std::optional<vector_map> find_vector_map(const reduction_spec& spec);

// The OpenCL C that stage 1 is made of (values for cl/reduction.cl's placeholders).
struct stage_source {
    std::string item;          // #define CLARITY_ITEM(acc, k): reduce item k into accumulator(s) acc
    std::string accumulators;  // their declaration, each starting at the neutral element
    std::string setup;         // statements before the loop (vector form: the body pointers)
    std::string rounds;        // the statements of one unrolled round of items k, k + group size, ...
    std::string edges;         // the head and tail elements (vector form only)
    std::string combine;       // statements combining each round's lanes (vector form)
    std::string total;         // every round's accumulator combined, in tree order
};
stage_source stage_text(const reduction_spec& spec, const std::optional<vector_map>& vectors,
                        const std::string& index_t);

// Items each work-item keeps in flight (unrolled rounds of its loop).
inline constexpr std::uint64_t reduction_rounds = 4;

// How one launch splits the range: `head` single elements, then `body` items (elements, or
// vectors of width elements), then the tail; work-item g of the grid reduces items g, g + grid
// size, ... (neighbouring work-items read neighbouring items, the whole grid one stretch of the
// body at a time).
struct reduction_plan {
    std::uint64_t head = 0, body = 0, groups = 1;
    bool vector = false;
};
reduction_plan plan_reduction(const std::optional<vector_map>& vectors, const range& r,
                              std::span<const call_argument> args, std::uint64_t group_size,
                              unsigned compute_units);

}  // namespace clarity::detail
