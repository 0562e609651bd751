// Filling the ${placeholders} of the OpenCL C templates in cl/.
#pragma once

#include <map>
#include <string>
#include <string_view>

namespace clarity::detail {

using template_values = std::map<std::string, std::string, std::less<>>;

// Replaces every ${name} in `text`. A placeholder without a value is a bug in clarity and
// throws std::logic_error rather than producing a kernel that fails to compile.
std::string fill_template(std::string_view text, const template_values& values);

}  // namespace clarity::detail
