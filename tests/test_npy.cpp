// .npy files: numpy's own files (tests/data, written by numpy.save) load, saved files are byte
// for byte what numpy writes, and malformed files throw before anything reaches the device.
#include <doctest/doctest.h>

#include <complex>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>

#include <clarity/clarity.hpp>

#include "support.hpp"

namespace {

const std::filesystem::path data = std::filesystem::path(__FILE__).parent_path() / "data";

std::string bytes_of(const std::filesystem::path& path) {
    std::ifstream file(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
}

std::filesystem::path scratch(const std::string& name) {
    return std::filesystem::temp_directory_path() / ("clarity_test_npy_" + name);
}

// Loads numpy's file, checks shape and values, saves it again and compares the bytes.
template <class T>
void check_fixture(const std::string& name, const clarity::shape_t& shape, const std::vector<T>& values) {
    CAPTURE(name);
    const auto a = clarity::load_npy<T>(test::q(), data / name);
    CHECK(a.shape() == shape);
    CHECK(a.get() == values);
    const auto out = scratch(name);
    clarity::save_npy(out, a);
    CHECK(bytes_of(out) == bytes_of(data / name));
    std::filesystem::remove(out);
}

}  // namespace

TEST_CASE("numpy's files load and save back byte for byte: every kind, 0-d, empty, 3-d") {
    check_fixture<float>("float32_3x4.npy", {3, 4}, {0, .25f, .5f, .75f, 1, 1.25f, 1.5f, 1.75f, 2, 2.25f, 2.5f, 2.75f});
    check_fixture<std::int64_t>("int64_5.npy", {5}, {-2, -1, 0, 1, std::int64_t(1) << 40});
    check_fixture<std::int32_t>("int32_2x3x2.npy", {2, 3, 2}, {-6, -5, -4, -3, -2, -1, 0, 1, 2, 3, 4, 5});
    check_fixture<std::uint8_t>("uint8_4.npy", {4}, {0, 1, 254, 255});
    using cf = std::complex<float>;
    check_fixture<cf>("complex64_2x2.npy", {2, 2}, {cf(1, 2), cf(0, -3), cf(0.5f, 0), cf(-1, -1)});
    check_fixture<float>("float32_empty_0x3.npy", {0, 3}, {});
    if (test::q().device().has_fp64()) check_fixture<double>("float64_scalar.npy", {}, {3.25});
}

TEST_CASE("version 2.0 headers load") {
    const auto a = clarity::load_npy<float>(test::q(), data / "float32_3x4_v2.npy");
    CHECK(a.shape() == clarity::shape_t{3, 4});
    CHECK(a[2].get() == std::vector<float>{2, 2.25f, 2.5f, 2.75f});
}

TEST_CASE("a strided view saves its elements in order") {
    const auto m = clarity::arange<std::int32_t>(test::q(), 0, 6).reshape({2, 3}).transpose();
    const auto out = scratch("transposed.npy");
    clarity::save_npy(out, m);
    const auto back = clarity::load_npy<std::int32_t>(test::q(), out);
    CHECK(back.shape() == clarity::shape_t{3, 2});
    CHECK(back.get() == std::vector<std::int32_t>{0, 3, 1, 4, 2, 5});
    std::filesystem::remove(out);
}

TEST_CASE("malformed, truncated and unsupported files throw std::invalid_argument") {
    const auto check_refused = [](const std::filesystem::path& path, const char* what) {
        CAPTURE(what);
        CHECK_THROWS_AS(clarity::load_npy<float>(test::q(), path), std::invalid_argument);
    };
    check_refused(data / "float32_fortran_2x3.npy", "Fortran order");
    check_refused(data / "float32_big_endian_3.npy", "big-endian");
    check_refused(data / "int64_5.npy", "another dtype");
    const auto good = bytes_of(data / "float32_3x4.npy");
    const auto write = [](const std::string& name, const std::string& bytes) {
        const auto path = scratch(name);
        std::ofstream(path, std::ios::binary) << bytes;
        return path;
    };
    for (const auto& [name, bytes] : std::vector<std::pair<std::string, std::string>>{
             {"truncated_data.npy", good.substr(0, good.size() - 1)},
             {"extra_data.npy", good + "x"},
             {"truncated_header.npy", good.substr(0, 40)},
             {"no_magic.npy", "PK" + good.substr(2)},
             {"bad_shape.npy", std::string(good).replace(good.find("(3, 4)"), 6, "(3, x)")},
             {"no_shape.npy", std::string(good).replace(good.find("'shape'"), 7, "'shapo'")},
             {"empty.npy", ""}}) {
        const auto path = write(name, bytes);
        check_refused(path, name.c_str());
        std::filesystem::remove(path);
    }
    CHECK_THROWS_AS(clarity::load_npy<float>(test::q(), scratch("does_not_exist.npy")), std::runtime_error);
    CHECK_THROWS_AS(clarity::save_npy(scratch("vector.npy"), clarity::zeros<cl_float4>(test::q(), {2})),
                    std::invalid_argument);
}
