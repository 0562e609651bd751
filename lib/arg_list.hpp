// Parsing the C argument lists that users give generated kernels:
//   "float k1, __global const float *a, cfloat_t *z, unsigned int n, float4 v"
// and the small helpers every reader of users' C snippets needs.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace clarity::detail {

struct declared_argument {
    std::string name;
    std::string type;               // normalised OpenCL C type: "uint" for "unsigned int"
    bool is_pointer = false;
    bool is_const = false;          // const data behind a pointer, or a const scalar
    bool is_restrict = false;
    std::string address_space;      // "__global" (implied) or "__constant", pointers only
};

// Throws std::invalid_argument naming the offending declaration.
std::vector<declared_argument> parse_argument_list(std::string_view text);

// "float *a" as a kernel parameter would declare it (address space written out).
std::string declaration_of(const declared_argument& arg, const std::string& name);

bool is_identifier(std::string_view text);
bool is_identifier_char(char c);  // a letter, digit or underscore
std::string without_spaces(std::string_view text);

}  // namespace clarity::detail
