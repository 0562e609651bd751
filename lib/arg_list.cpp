#include "arg_list.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <sstream>
#include <stdexcept>

namespace clarity::detail {

bool is_identifier_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

bool is_identifier(std::string_view text) {
    if (text.empty() || std::isdigit(static_cast<unsigned char>(text[0]))) return false;
    return std::all_of(text.begin(), text.end(), is_identifier_char);
}

std::string without_spaces(std::string_view text) {
    std::string out;
    for (const char c : text)
        if (!std::isspace(static_cast<unsigned char>(c))) out += c;
    return out;
}

namespace {

std::vector<std::string_view> split_top_level(std::string_view text) {
    std::vector<std::string_view> parts;
    std::size_t begin = 0;
    int depth = 0;
    for (std::size_t i = 0; i <= text.size(); ++i) {
        if (i == text.size() || (text[i] == ',' && depth == 0)) {
            parts.push_back(text.substr(begin, i - begin));
            begin = i + 1;
        } else if (text[i] == '(' || text[i] == '[') {
            ++depth;
        } else if (text[i] == ')' || text[i] == ']') {
            --depth;
        }
    }
    return parts;
}

std::string normalised_type(const std::vector<std::string>& words) {
    static const std::map<std::string, std::string> spelled_out = {
        {"unsigned char", "uchar"},   {"signed char", "char"},    {"unsigned short", "ushort"},
        {"unsigned int", "uint"},     {"unsigned", "uint"},       {"signed int", "int"},
        {"signed", "int"},            {"unsigned long", "ulong"}, {"signed long", "long"},
        {"signed short", "short"},    {"short int", "short"},     {"long int", "long"},
        {"unsigned short int", "ushort"}, {"unsigned long int", "ulong"}};
    std::string joined;
    for (const auto& w : words) joined += (joined.empty() ? "" : " ") + w;
    auto it = spelled_out.find(joined);
    return it == spelled_out.end() ? joined : it->second;
}

}  // namespace

std::vector<declared_argument> parse_argument_list(std::string_view text) {
    static const std::set<std::string> ignored = {"__global", "global", "__kernel"};
    std::vector<declared_argument> out;
    if (text.find_first_not_of(" \t\n\r") == std::string_view::npos) return out;
    std::set<std::string> names;
    for (auto part : split_top_level(text)) {
        const std::string declaration(part);
        const auto fail = [&](const std::string& why) {
            return std::invalid_argument("argument list: \"" + declaration + "\": " + why);
        };
        std::string spaced;
        for (char c : declaration) spaced += c == '*' ? std::string(" * ") : std::string(1, c);
        std::istringstream words(spaced);
        std::vector<std::string> tokens;
        for (std::string w; words >> w;) tokens.push_back(w);
        if (tokens.size() < 2) throw fail("expected a type and a name");

        declared_argument arg;
        arg.name = tokens.back();
        tokens.pop_back();
        if (!is_identifier(arg.name)) throw fail("\"" + arg.name + "\" is not a valid name");
        std::vector<std::string> type_words;
        int stars = 0;
        for (const auto& t : tokens) {
            if (t == "*") {
                ++stars;
            } else if (t == "const" || t == "__const") {
                arg.is_const = true;
            } else if (t == "restrict" || t == "__restrict" || t == "__restrict__") {
                arg.is_restrict = true;
            } else if (t == "__constant" || t == "constant") {
                arg.address_space = "__constant";
            } else if (t == "__local" || t == "local" || t == "__private" || t == "private") {
                throw fail("only __global and __constant pointers can be passed");
            } else if (!ignored.count(t)) {
                if (stars > 0) throw fail("unexpected \"" + t + "\" after '*'");
                type_words.push_back(t);
            }
        }
        if (stars > 1) throw fail("pointers to pointers cannot be passed");
        if (type_words.empty()) throw fail("no type given");
        arg.type = normalised_type(type_words);
        arg.is_pointer = stars == 1;
        if (arg.is_pointer && arg.address_space.empty()) arg.address_space = "__global";
        if (!arg.is_pointer && !arg.address_space.empty()) throw fail("__constant applies to pointers only");
        if (!names.insert(arg.name).second) throw fail("the name \"" + arg.name + "\" is used twice");
        out.push_back(std::move(arg));
    }
    return out;
}

std::string declaration_of(const declared_argument& arg, const std::string& name) {
    std::string out;
    if (arg.is_pointer) out += arg.address_space + " ";
    if (arg.is_const) out += "const ";
    out += arg.type + " ";
    if (arg.is_pointer) out += arg.is_restrict ? "*restrict " : "*";
    return out + name;
}

}  // namespace clarity::detail
