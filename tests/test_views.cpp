// Views share their buffer; get(), copy() and set() of strided views see exactly their elements.
#include <doctest/doctest.h>

#include <complex>
#include <cstdint>
#include <numeric>

#include <clarity/clarity.hpp>

#include "support.hpp"

namespace {
// Host reference: element (r, c) of a rows x cols row-major matrix holding 0, 1, 2, ...
std::vector<int> iota(std::size_t n) {
    std::vector<int> v(n);
    std::iota(v.begin(), v.end(), 0);
    return v;
}
}  // namespace

TEST_CASE("views share the buffer: writes through one are seen through the others") {
    auto a = clarity::arange<int>(test::q(), 0, 12);
    auto m = a.reshape({3, 4});
    auto row = m[1];
    row.fill(-1);
    CHECK(a.get() == std::vector<int>{0, 1, 2, 3, -1, -1, -1, -1, 8, 9, 10, 11});
    m.transpose().slice(0, 3, 4).fill(7);  // the last column
    CHECK(a.get() == std::vector<int>{0, 1, 2, 7, -1, -1, -1, 7, 8, 9, 10, 7});
    CHECK(m.buffer()() == a.buffer()());
    CHECK(row.offset() == 4);
}

TEST_CASE("get of a transposed view returns the transposed elements") {
    for (auto [rows, cols] : {std::pair<std::size_t, std::size_t>{1, 1}, {3, 4}, {17, 31}, {256, 3}, {7, 1021}}) {
        CAPTURE(rows);
        CAPTURE(cols);
        const auto host = iota(rows * cols);
        auto m = clarity::to_device(test::q(), host, {rows, cols});
        const auto t = m.transpose();
        CHECK(t.shape() == clarity::shape_t{cols, rows});
        CHECK_FALSE((t.is_contiguous() && rows > 1 && cols > 1));
        const auto got = t.get();
        for (std::size_t c = 0; c < cols; ++c)
            for (std::size_t r = 0; r < rows; ++r) REQUIRE(got[c * rows + r] == host[r * cols + c]);
    }
}

TEST_CASE("stepped, reversed and nested views") {
    const std::size_t n = 1000;
    const auto host = iota(n);
    auto a = clarity::to_device(test::q(), host);
    auto every_third = a.slice(0, 1, n, 3);
    auto got = every_third.get();
    REQUIRE(got.size() == 333);
    for (std::size_t k = 0; k < got.size(); ++k) CHECK(got[k] == int(1 + 3 * k));
    auto reversed = a.slice(0, n - 1, -std::ptrdiff_t(n) - 1, -1);
    got = reversed.get();
    REQUIRE(got.size() == n);
    for (std::size_t k = 0; k < n; ++k) CHECK(got[k] == int(n - 1 - k));
    // A view of a view of a view: rows 2..9 step 3 of a (10, 100) reshape, columns 99..0 step -7, transposed.
    auto nested = a.reshape({10, 100}).slice(0, 2, 10, 3).slice(1, 99, -101, -7).transpose();
    const auto shape = nested.shape();
    REQUIRE(shape == clarity::shape_t{15, 3});
    got = nested.get();
    for (std::size_t c = 0; c < 15; ++c)
        for (std::size_t r = 0; r < 3; ++r) CHECK(got[c * 3 + r] == int((2 + 3 * r) * 100 + (99 - 7 * c)));
}

TEST_CASE_TEMPLATE("copy of a strided view holds exactly its elements", T, std::int8_t, std::uint16_t, int, std::int64_t,
                   float, double, std::complex<float>, std::complex<double>) {
    const auto host = test::random_vector<T>(2 * 3 * 257, 5);
    auto a = clarity::to_device(test::q(), host, {2, 3, 257});
    const auto view = a.transpose(0, 2).slice(0, 1, 257, 2);  // shape (128, 3, 2)
    auto c = view.copy();
    CHECK(c.is_contiguous());
    CHECK(c.shape() == clarity::shape_t{128, 3, 2});
    CHECK(c.buffer()() != a.buffer()());
    const auto got = c.get();
    for (std::size_t i = 0; i < 128; ++i)
        for (std::size_t j = 0; j < 3; ++j)
            for (std::size_t k = 0; k < 2; ++k)
                REQUIRE(got[(i * 3 + j) * 2 + k] == host[(k * 3 + j) * 257 + (1 + 2 * i)]);
    CHECK(view.get() == got);
    const auto as_double = view.template astype<std::complex<double>>().get();
    CHECK(as_double.size() == got.size());
}

TEST_CASE("set and assignment write through strided views only where they point") {
    auto m = clarity::zeros<int>(test::q(), {4, 5});
    const std::vector<int> column{1, 2, 3, 4};
    m.transpose()[2].set(column);  // column 2
    m.slice(0, 0, 4, 3).slice(1, 0, 5, 4) = clarity::full<int>(test::q(), {2, 2}, 9);  // corners
    const auto got = m.get();
    const std::vector<int> expected{9, 0, 1, 0, 9,  //
                                    0, 0, 2, 0, 0,  //
                                    0, 0, 3, 0, 0,  //
                                    9, 0, 4, 0, 9};
    CHECK(got == expected);
    // Assigning to a named handle rebinds it instead (libtorch semantics).
    auto handle = m[0];
    handle = clarity::zeros<int>(test::q(), {7});
    CHECK(handle.size() == 7);
    CHECK(m.get() == expected);
    CHECK_THROWS_AS(m[0] = clarity::zeros<int>(test::q(), {4}), std::invalid_argument);
    CHECK(m.get() == expected);
}

TEST_CASE("bad views throw and leave the array usable") {
    auto a = clarity::arange<int>(test::q(), 0, 24).reshape({2, 3, 4});
    CHECK_THROWS_AS(a.slice(3, 0, 1), std::invalid_argument);
    CHECK_THROWS_AS(a.slice(2, 0, 5), std::invalid_argument);
    CHECK_THROWS_AS(a[2], std::invalid_argument);
    CHECK_THROWS_AS(a.reshape({5, 5}), std::invalid_argument);
    CHECK_THROWS_AS(a.transpose().reshape({24}), std::invalid_argument);
    CHECK_THROWS_AS(a.transpose(0, 3), std::invalid_argument);
    CHECK(a.get() == iota(24));
}

// 2^31 one-byte elements: every index and offset needs 64 bits.
TEST_CASE("arrays beyond 2^31 elements use 64-bit indices") {
    const std::size_t n = std::size_t(1) << 31;
    if (test::q().device().max_alloc_size() < n) {
        MESSAGE("device cannot allocate 2^31 bytes in one buffer; 64-bit indexing is checked on the strided path only");
        return;
    }
    auto a = clarity::empty<std::uint8_t>(test::q(), {n});
    clarity::ElementwiseKernel pattern(test::q().context(), "uchar *a", "a[i] = (uchar)(i % 251)", "byte_pattern");
    pattern(a);
    const auto tail = a.slice(0, n - 1000, n).get();
    for (std::size_t k = 0; k < tail.size(); ++k) REQUIRE(tail[k] == (n - 1000 + k) % 251);
    const auto stepped = a.slice(0, 5, n, std::ptrdiff_t(1) << 24).get();  // offsets up to ~2^31
    for (std::size_t k = 0; k < stepped.size(); ++k) REQUIRE(stepped[k] == (5 + (k << 24)) % 251);
    CHECK(pattern.source(test::q().device(), true).find("long i = ") != std::string::npos);
}
