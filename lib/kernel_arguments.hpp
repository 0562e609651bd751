// Checking host values against a kernel's declared C arguments, and turning them into the
// bytes clSetKernelArg takes. Shared by every kernel built from a user argument list.
#pragma once

#include <span>
#include <string>
#include <vector>

#include <clarity/detail/call_argument.hpp>

#include "arg_list.hpp"

namespace clarity::detail {

// The element type a declaration names, or std::invalid_argument for an unknown type.
const type_info& declared_type(const std::string& kernel, const declared_argument& arg);

// Count, array-or-scalar, element type, contiguity and context of every argument; throws
// std::invalid_argument naming the first mismatch. Nothing is launched before this passes.
void check_arguments(const std::string& kernel, const std::vector<declared_argument>& declared,
                     std::span<const call_argument> given, const context& ctx);

// The value of a scalar argument converted to its declared C type.
std::vector<unsigned char> scalar_bytes(const std::string& kernel, const declared_argument& declared,
                                        const call_argument& given);

// The queue a launch runs on: the one given, else the first array argument's.
const queue& launch_queue(const std::string& kernel, const queue* given, std::span<const call_argument> args);

}  // namespace clarity::detail
