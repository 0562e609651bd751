#include "source_template.hpp"

#include <stdexcept>

namespace clarity::detail {

std::string fill_template(std::string_view text, const template_values& values) {
    std::string out;
    out.reserve(text.size() * 2);
    std::size_t pos = 0;
    while (true) {
        const auto open = text.find("${", pos);
        out.append(text.substr(pos, open - pos));
        if (open == std::string_view::npos) break;
        const auto close = text.find('}', open);
        if (close == std::string_view::npos) throw std::logic_error("clarity: unterminated ${ in a kernel template");
        const auto name = text.substr(open + 2, close - open - 2);
        const auto it = values.find(name);
        if (it == values.end())
            throw std::logic_error("clarity: kernel template placeholder ${" + std::string(name) + "} has no value");
        out += it->second;
        pos = close + 1;
    }
    return out;
}

}  // namespace clarity::detail
