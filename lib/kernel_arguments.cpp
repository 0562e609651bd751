#include "kernel_arguments.hpp"

#include <algorithm>
#include <cstring>
#include <stdexcept>

namespace clarity::detail {

namespace {

std::string describe(const std::string& kernel, const declared_argument& arg, std::size_t index) {
    return kernel + ": argument " + std::to_string(index + 1) + " '" + arg.name + "'";
}

const char* kind_name(const call_argument& given) {
    switch (given.what) {
        case call_argument::kind::array: return "an array";
        case call_argument::kind::complex: return "a complex number";
        case call_argument::kind::raw: return "a value";
        default: return "a number";
    }
}

template <class T>
std::vector<unsigned char> bytes_of(T value) {
    std::vector<unsigned char> out(sizeof(T));
    std::memcpy(out.data(), &value, sizeof(T));
    return out;
}

// A number converted to the named scalar C type, as a C cast would.
template <class From>
std::vector<unsigned char> number_as(const std::string& type, From v) {
    if (type == "char") return bytes_of(static_cast<cl_char>(v));
    if (type == "uchar") return bytes_of(static_cast<cl_uchar>(v));
    if (type == "short") return bytes_of(static_cast<cl_short>(v));
    if (type == "ushort") return bytes_of(static_cast<cl_ushort>(v));
    if (type == "int") return bytes_of(static_cast<cl_int>(v));
    if (type == "uint") return bytes_of(static_cast<cl_uint>(v));
    if (type == "long") return bytes_of(static_cast<cl_long>(v));
    if (type == "ulong") return bytes_of(static_cast<cl_ulong>(v));
    if (type == "float") return bytes_of(static_cast<cl_float>(v));
    return bytes_of(static_cast<cl_double>(v));
}

}  // namespace

const type_info& declared_type(const std::string& kernel, const declared_argument& arg) {
    const type_info* type = find_type(arg.type);
    if (!type)
        throw std::invalid_argument(kernel + ": argument '" + arg.name + "' has unknown type '" + arg.type +
                                    "' (register user structs with clarity::register_type)");
    return *type;
}

void check_arguments(const std::string& kernel, const std::vector<declared_argument>& declared,
                     std::span<const call_argument> given, const context& ctx) {
    if (given.size() != declared.size())
        throw std::invalid_argument(kernel + ": expected " + std::to_string(declared.size()) + " arguments, got " +
                                    std::to_string(given.size()));
    for (std::size_t k = 0; k < declared.size(); ++k) {
        const auto& d = declared[k];
        const auto& g = given[k];
        const auto where = describe(kernel, d, k);
        const bool is_array = g.what == call_argument::kind::array;
        if (d.is_pointer != is_array)
            throw std::invalid_argument(where + " is declared as " + (d.is_pointer ? "a pointer" : "a scalar") +
                                        " (" + d.type + (d.is_pointer ? " *" : "") + ") but " + kind_name(g) +
                                        " was passed");
        if (is_array) {
            if (g.type->name != d.type)
                throw std::invalid_argument(where + " expects an array of " + d.type + ", got an array of " +
                                            g.type->name);
            if (!g.array_queue->valid())
                throw std::invalid_argument(where + " is a default-constructed array with no device storage");
            if (!g.view.shape->is_contiguous())
                throw std::invalid_argument(where + " is a strided view; pass a contiguous array (e.g. view.copy())");
            if (!(g.array_queue->context() == ctx))
                throw std::invalid_argument(where + " lives in another OpenCL context than the kernel");
        } else {
            scalar_bytes(kernel, d, g);  // throws if the value cannot become the declared type
        }
    }
}

std::vector<unsigned char> scalar_bytes(const std::string& kernel, const declared_argument& declared,
                                        const call_argument& given) {
    const type_info& target = declared_type(kernel, declared);
    const auto refuse = [&] {
        return std::invalid_argument(kernel + ": argument '" + declared.name + "' is declared " + declared.type +
                                     ", which " + kind_name(given) + " of type " + given.type->name +
                                     " cannot be converted to");
    };
    using k = call_argument::kind;
    const bool numeric = given.what == k::signed_integer || given.what == k::unsigned_integer || given.what == k::floating;
    switch (target.kind) {
        case type_kind::signed_integer:
        case type_kind::unsigned_integer:
        case type_kind::floating:
            if (given.what == k::signed_integer) return number_as(target.name, given.integer);
            if (given.what == k::unsigned_integer) return number_as(target.name, given.unsigned_integer);
            if (given.what == k::floating) return number_as(target.name, given.real);
            throw refuse();
        case type_kind::complex:
            if (!numeric && given.what != k::complex) throw refuse();
            {
                const double re = given.what == k::signed_integer     ? double(given.integer)
                                  : given.what == k::unsigned_integer ? double(given.unsigned_integer)
                                                                      : given.real;
                const double im = given.what == k::complex ? given.imag : 0.0;
                if (target.scalar_name == "float") return bytes_of(cl_float2{{float(re), float(im)}});
                return bytes_of(cl_double2{{re, im}});
            }
        case type_kind::vector:
        case type_kind::user_struct:
            if (given.what != k::raw || given.type->name != target.name || given.bytes.size() != target.size)
                throw refuse();
            return given.bytes;
    }
    throw refuse();
}

const queue& launch_queue(const std::string& kernel, const queue* given, std::span<const call_argument> args) {
    if (given) return *given;
    for (const auto& a : args)
        if (a.what == call_argument::kind::array) return *a.array_queue;
    throw std::invalid_argument(kernel + ": no array argument to take a queue from; pass launch_options::queue");
}

user_parameters declare_user_arguments(const std::string& kernel, const device& dev,
                                       const std::vector<declared_argument>& declared, const std::string& index_t,
                                       bool restrict_pointers) {
    user_parameters out;
    for (auto arg : declared) {
        arg.is_restrict |= restrict_pointers && arg.is_pointer;
        const auto& type = declared_type(kernel, arg);
        require_type_support(dev, type, kernel + " argument '" + arg.name + "'");
        out.types.push_back(&type);
        if (arg.is_pointer) {
            const auto base = "clarity_base_" + arg.name, offset = "clarity_offset_" + arg.name;
            out.parameters += "\n    " + declaration_of(arg, base) + ", " + index_t + " " + offset + ",";
            out.pointer_setup += "    " + declaration_of(arg, arg.name) + " = " + base + " + " + offset + ";\n";
        } else {
            out.parameters += "\n    " + declaration_of(arg, arg.name) + ",";
        }
    }
    return out;
}

bool distinct_buffers(std::span<const call_argument> args) {
    std::vector<cl_mem> seen;
    for (const auto& a : args) {
        if (a.what != call_argument::kind::array || a.view.memory->bytes == 0) continue;
        const cl_mem mem = a.view.memory->buffer();
        if (std::find(seen.begin(), seen.end(), mem) != seen.end()) return false;
        seen.push_back(mem);
    }
    return true;
}

std::uint64_t largest_array_element(std::span<const call_argument> args) {
    std::uint64_t largest = 0;
    for (const auto& a : args)
        if (a.what == call_argument::kind::array)
            largest = std::max<std::uint64_t>(largest, std::uint64_t(a.view.shape->end_element()));
    return largest;
}

range whole_arrays(const std::string& kernel, const std::vector<declared_argument>& declared,
                   std::span<const call_argument> given) {
    const call_argument* first = nullptr;
    for (std::size_t k = 0; k < given.size(); ++k) {
        if (given[k].what != call_argument::kind::array) continue;
        const auto size = given[k].view.shape->size();
        if (!first) first = &given[k];
        if (size != first->view.shape->size())
            throw std::invalid_argument(kernel + ": argument " + std::to_string(k + 1) + " '" + declared[k].name +
                                        "' has " + std::to_string(size) + " elements, the first array argument " +
                                        std::to_string(first->view.shape->size()) +
                                        " (pass a range to index arrays of other sizes)");
    }
    if (!first) throw std::invalid_argument(kernel + ": no array argument to take the size from; pass a range");
    return {0, std::int64_t(first->view.shape->size()), 1};
}

void argument_writer::index(std::int64_t value) {
    if (wide_)
        kernel_.set<cl_long>(next_++, value);
    else
        kernel_.set<cl_int>(next_++, static_cast<cl_int>(value));
}

void argument_writer::buffer(const storage& memory) {
    if (memory.bytes == 0)
        kernel_.set_arg(next_++, sizeof(cl_mem), nullptr);
    else
        kernel_.set_buffer(next_++, memory.buffer);
}

void argument_writer::buffer(const cl::Buffer& memory) { kernel_.set_buffer(next_++, memory); }

void argument_writer::view(const array_view& view) {
    buffer(*view.memory);
    index(view.shape->offset);
}

void argument_writer::bytes(const void* data, std::size_t size) { kernel_.set_arg(next_++, size, data); }

void argument_writer::user_arguments(const std::string& kernel, const std::vector<declared_argument>& declared,
                                     std::span<const call_argument> given) {
    for (std::size_t k = 0; k < given.size(); ++k) {
        if (given[k].what == call_argument::kind::array) {
            view(given[k].view);
        } else {
            const auto converted = scalar_bytes(kernel, declared[k], given[k]);
            bytes(converted.data(), converted.size());
        }
    }
}

}  // namespace clarity::detail

namespace clarity {
std::uint64_t range::size() const {
    if (step == 0) throw std::invalid_argument("range: step must not be zero");
    const auto distance = step > 0 ? stop - start : start - stop;
    const auto stride = step > 0 ? step : -step;
    return distance > 0 ? std::uint64_t((distance + stride - 1) / stride) : 0;
}
}  // namespace clarity
