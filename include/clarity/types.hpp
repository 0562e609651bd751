// Element types: their OpenCL C names (type_name<T>()) and user structs (register_type).
#pragma once

#include <complex>
#include <cstddef>
#include <cstdint>
#include <string>
#include <type_traits>
#include <typeindex>

#include <clarity/detail/opencl.hpp>

namespace clarity {

// What kind of value an element type holds; kernels generators use it to pick conversions.
enum class type_kind { signed_integer, unsigned_integer, floating, complex, vector, user_struct };

// Everything a kernel generator needs to know about an element type at run time.
struct type_info {
    std::string name;         // the OpenCL C spelling: "float", "uint", "cfloat_t", "float4", "particle_t"
    std::size_t size = 0;     // sizeof on host and device
    type_kind kind = type_kind::user_struct;
    std::string declaration;  // OpenCL C declaration for user structs, else empty
    bool needs_fp64 = false;  // double, cdouble_t, doubleN
    std::string scalar_name;  // element of a vector / complex type ("float" for float4), else name
    unsigned components = 1;  // 2 for complex, N for vectors

    bool is_integer() const { return kind == type_kind::signed_integer || kind == type_kind::unsigned_integer; }
    bool operator==(const type_info& other) const { return name == other.name && size == other.size; }
};

namespace detail {
template <class T>
struct builtin_type : std::false_type {};

// Every built-in element type: X(host type, OpenCL C name, kind, needs fp64, scalar name, components).
// cl_float3 and friends are the same host types as cl_float4, so they are left out.
#define CLARITY_VECTOR_TYPES(X, CL, NAME, FP64) \
    X(CL##2, NAME "2", vector, FP64, NAME, 2)     \
    X(CL##4, NAME "4", vector, FP64, NAME, 4)     \
    X(CL##8, NAME "8", vector, FP64, NAME, 8)     \
    X(CL##16, NAME "16", vector, FP64, NAME, 16)
#define CLARITY_BUILTIN_TYPES(X)                                  \
    X(char, "char", signed_integer, false, "char", 1)             \
    X(signed char, "char", signed_integer, false, "char", 1)      \
    X(unsigned char, "uchar", unsigned_integer, false, "uchar", 1) \
    X(short, "short", signed_integer, false, "short", 1)          \
    X(unsigned short, "ushort", unsigned_integer, false, "ushort", 1) \
    X(int, "int", signed_integer, false, "int", 1)                \
    X(unsigned int, "uint", unsigned_integer, false, "uint", 1)   \
    X(long, "long", signed_integer, false, "long", 1)             \
    X(unsigned long, "ulong", unsigned_integer, false, "ulong", 1) \
    X(long long, "long", signed_integer, false, "long", 1)        \
    X(unsigned long long, "ulong", unsigned_integer, false, "ulong", 1) \
    X(float, "float", floating, false, "float", 1)                \
    X(double, "double", floating, true, "double", 1)              \
    X(std::complex<float>, "cfloat_t", complex, false, "float", 2) \
    X(std::complex<double>, "cdouble_t", complex, true, "double", 2) \
    CLARITY_VECTOR_TYPES(X, cl_char, "char", false)               \
    CLARITY_VECTOR_TYPES(X, cl_uchar, "uchar", false)             \
    CLARITY_VECTOR_TYPES(X, cl_short, "short", false)             \
    CLARITY_VECTOR_TYPES(X, cl_ushort, "ushort", false)           \
    CLARITY_VECTOR_TYPES(X, cl_int, "int", false)                 \
    CLARITY_VECTOR_TYPES(X, cl_uint, "uint", false)               \
    CLARITY_VECTOR_TYPES(X, cl_long, "long", false)               \
    CLARITY_VECTOR_TYPES(X, cl_ulong, "ulong", false)             \
    CLARITY_VECTOR_TYPES(X, cl_float, "float", false)             \
    CLARITY_VECTOR_TYPES(X, cl_double, "double", true)

#define CLARITY_SPECIALIZE_BUILTIN(T, NAME, KIND, FP64, SCALAR, N)                            \
    template <>                                                                                \
    struct builtin_type<T> : std::true_type {                                                 \
        static const type_info& info() {                                                      \
            static const type_info i{NAME, sizeof(T), type_kind::KIND, "", FP64, SCALAR, N};  \
            return i;                                                                          \
        }                                                                                      \
    };
CLARITY_BUILTIN_TYPES(CLARITY_SPECIALIZE_BUILTIN)
#undef CLARITY_SPECIALIZE_BUILTIN

void register_struct(std::type_index type, std::size_t size, std::string name, std::string declaration);
const type_info& registered_struct(std::type_index type, const char* host_name);
// The built-in or registered type with this OpenCL C name, or nullptr.
const type_info* find_type(const std::string& name);
}  // namespace detail

// Types an array may hold: the built-in numeric, complex and vector types, or a registered struct.
template <class T>
concept element = std::is_trivially_copyable_v<T> && std::is_standard_layout_v<T> && !std::is_pointer_v<T> &&
                  !std::is_const_v<T> && !std::is_same_v<T, bool>;

// Stable for the life of the process (registered types are never removed).
template <element T>
const type_info& type_info_of() {
    if constexpr (detail::builtin_type<T>::value)
        return detail::builtin_type<T>::info();
    else
        return detail::registered_struct(typeid(T), typeid(T).name());
}

// The OpenCL C name of T: "float", "int", "cdouble_t", "float4", or a registered struct's name.
// Throws std::invalid_argument for a struct that was never registered.
template <element T>
std::string type_name() {
    return type_info_of<T>().name;
}

// Makes a host struct usable in arrays and kernels:
//   clarity::register_type<particle>("particle_t", "typedef struct { float x, y; int cell; } particle_t;");
// The declaration is added to every kernel that uses the type. Registering the same type again
// with the same name and declaration is harmless; anything else throws std::invalid_argument.
template <element S>
void register_type(std::string name, std::string declaration) {
    static_assert(!detail::builtin_type<S>::value, "built-in types are already known to clarity");
    detail::register_struct(typeid(S), sizeof(S), std::move(name), std::move(declaration));
}

}  // namespace clarity
