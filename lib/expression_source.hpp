// The OpenCL C of a fused expression (cl/expression.cl) and the short signature that names it
// in the kernel cache. Both depend only on the expression's structure and the addressing
// pattern, never on scalar values, shapes or strides (those are kernel arguments).
#pragma once

#include <string>
#include <vector>

#include <clarity/expression.hpp>

namespace clarity::detail {

// How the kernel finds each view's element: either every view is 1-d and moves with the
// element index (stride 1) or stays put (stride 0, a broadcast), or a general n-d walk.
struct expression_addressing {
    std::string index_t;             // "int" or "long"
    std::size_t walk_dimensions = 0; // 0: the flat pattern below
    std::vector<bool> moves;         // flat: per view, output first, whether it moves with k
};

std::string expression_signature(const flat_expression& e, const type_info& out, const expression_addressing& a);
std::string expression_source(const device& dev, const flat_expression& e, const type_info& out,
                              const expression_addressing& a);

// The expression's value type (its last node's).
const type_info& expression_type(const flat_expression& e);

}  // namespace clarity::detail
