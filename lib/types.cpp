#include <clarity/types.hpp>

#include <map>
#include <mutex>
#include <stdexcept>

namespace clarity::detail {

namespace {
struct registry {
    std::mutex mutex;
    std::map<std::type_index, type_info> structs;
};

registry& the_registry() {
    static registry r;
    return r;
}
}  // namespace

void register_struct(std::type_index type, std::size_t size, std::string name, std::string declaration) {
    if (name.empty() || declaration.find(name) == std::string::npos)
        throw std::invalid_argument("register_type: the declaration must define the type name \"" + name + "\"");
    auto& r = the_registry();
    std::lock_guard lock(r.mutex);
    for (const auto& [other_type, info] : r.structs)
        if (info.name == name && other_type != type)
            throw std::invalid_argument("register_type: \"" + name + "\" is already registered for another type");
    type_info info{name, size, type_kind::user_struct, declaration, declaration.find("double") != std::string::npos,
                   name, 1};
    auto [it, inserted] = r.structs.emplace(type, info);
    if (!inserted && (it->second.name != name || it->second.declaration != declaration))
        throw std::invalid_argument("register_type: this type is already registered as \"" + it->second.name +
                                    "\" with another declaration");
}

const type_info& registered_struct(std::type_index type, const char* host_name) {
    auto& r = the_registry();
    std::lock_guard lock(r.mutex);
    auto it = r.structs.find(type);
    if (it == r.structs.end())
        throw std::invalid_argument(std::string("type ") + host_name +
                                    " is not known to clarity: register it with clarity::register_type<T>(name, "
                                    "declaration)");
    return it->second;
}

const type_info* find_type(const std::string& name) {
    static const std::map<std::string, const type_info*> builtins = [] {
        std::map<std::string, const type_info*> by_name;
#define CLARITY_ADD_BUILTIN(T, NAME, KIND, FP64, SCALAR, N) by_name.emplace(NAME, &builtin_type<T>::info());
        CLARITY_BUILTIN_TYPES(CLARITY_ADD_BUILTIN)
#undef CLARITY_ADD_BUILTIN
        return by_name;
    }();
    if (auto it = builtins.find(name); it != builtins.end()) return it->second;
    auto& r = the_registry();
    std::lock_guard lock(r.mutex);
    for (const auto& [type, info] : r.structs)
        if (info.name == name) return &info;
    return nullptr;
}

}  // namespace clarity::detail
