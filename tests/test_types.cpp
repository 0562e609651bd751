// Element types: OpenCL C names, user structs, and the fp64 rule.
#include <doctest/doctest.h>

#include <complex>
#include <cstdint>

#include <clarity/clarity.hpp>

#include "kernel_support.hpp"

namespace {
struct particle {
    float x, y;
    int cell;
};
struct unregistered {
    int a;
};
}  // namespace

TEST_CASE("type_name gives the OpenCL C spelling of every supported type") {
    CHECK(clarity::type_name<std::int8_t>() == "char");
    CHECK(clarity::type_name<std::uint8_t>() == "uchar");
    CHECK(clarity::type_name<std::int16_t>() == "short");
    CHECK(clarity::type_name<std::uint16_t>() == "ushort");
    CHECK(clarity::type_name<std::int32_t>() == "int");
    CHECK(clarity::type_name<std::uint32_t>() == "uint");
    CHECK(clarity::type_name<std::int64_t>() == "long");
    CHECK(clarity::type_name<std::uint64_t>() == "ulong");
    CHECK(clarity::type_name<float>() == "float");
    CHECK(clarity::type_name<double>() == "double");
    CHECK(clarity::type_name<std::complex<float>>() == "cfloat_t");
    CHECK(clarity::type_name<std::complex<double>>() == "cdouble_t");
    CHECK(clarity::type_name<cl_float4>() == "float4");
    CHECK(clarity::type_name<cl_uint16>() == "uint16");
    CHECK(clarity::type_info_of<cl_double2>().needs_fp64);
    CHECK(clarity::type_info_of<std::complex<double>>().needs_fp64);
    CHECK_FALSE(clarity::type_info_of<float>().needs_fp64);
}

TEST_CASE("user structs are registered once under one name") {
    clarity::register_type<particle>("particle_t", "typedef struct { float x, y; int cell; } particle_t;");
    CHECK(clarity::type_name<particle>() == "particle_t");
    CHECK(clarity::type_info_of<particle>().size == sizeof(particle));
    // Registering again identically is harmless; anything else is refused.
    clarity::register_type<particle>("particle_t", "typedef struct { float x, y; int cell; } particle_t;");
    CHECK_THROWS_AS(clarity::register_type<particle>("particle_t", "typedef struct { int x; } particle_t;"),
                    std::invalid_argument);
    CHECK_THROWS_AS(clarity::register_type<unregistered>("particle_t", "typedef struct { int a; } particle_t;"),
                    std::invalid_argument);
    CHECK_THROWS_AS(clarity::register_type<unregistered>("u_t", "typedef struct { int a; } other_t;"),
                    std::invalid_argument);
    CHECK_THROWS_WITH_AS(clarity::type_name<unregistered>(), doctest::Contains("register_type"), std::invalid_argument);
    CHECK(clarity::detail::find_type("particle_t") == &clarity::type_info_of<particle>());
    CHECK(clarity::detail::find_type("float4") == &clarity::type_info_of<cl_float4>());
    CHECK(clarity::detail::find_type("no_such_t") == nullptr);
}

TEST_CASE("double precision on a device without fp64 is a clear error") {
    const auto& dbl = clarity::type_info_of<double>();
    CHECK_THROWS_WITH_AS(clarity::detail::require_type_support(false, "TinyGPU", dbl, "an array of double"),
                         doctest::Contains("TinyGPU\" has no double precision (cl_khr_fp64)"), std::invalid_argument);
    CHECK_NOTHROW(clarity::detail::require_type_support(true, "BigGPU", dbl, "an array of double"));
    CHECK_NOTHROW(clarity::detail::require_type_support(false, "TinyGPU", clarity::type_info_of<float>(), "x"));
}
