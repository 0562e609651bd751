// ElementwiseKernel: argument lists, every element type, ranges, options, and checked calls.
#include <doctest/doctest.h>

#include <cmath>
#include <complex>
#include <cstdint>

#include <clarity/clarity.hpp>

#include "arg_list.hpp"
#include "support.hpp"

using cfloat = std::complex<float>;

namespace {
const clarity::context& ctx() { return test::q().context(); }

// Built once, shared by every size (PoCL compiles slowly).
clarity::ElementwiseKernel& lin_comb() {
    static clarity::ElementwiseKernel k(ctx(), "float k1, float *a, float k2, float *b, float *res",
                                        "res[i] = k1 * a[i] + k2 * b[i]", "lin_comb");
    return k;
}
}  // namespace

TEST_CASE("argument lists are parsed like C declarations") {
    const auto args = clarity::detail::parse_argument_list(
        "float k, __global const float *x, unsigned int n, global double* restrict y, float4 v, __constant int *lut");
    REQUIRE(args.size() == 6);
    CHECK(args[0].name == "k");
    CHECK_FALSE(args[0].is_pointer);
    CHECK(args[1].is_pointer);
    CHECK(args[1].is_const);
    CHECK(args[1].type == "float");
    CHECK(args[2].type == "uint");
    CHECK(args[3].is_restrict);
    CHECK(args[3].type == "double");
    CHECK(args[4].type == "float4");
    CHECK(args[5].address_space == "__constant");
    CHECK(clarity::detail::declaration_of(args[1], "x") == "__global const float *x");
    CHECK(clarity::detail::parse_argument_list("  ").empty());
    CHECK_THROWS_AS(clarity::detail::parse_argument_list("float"), std::invalid_argument);
    CHECK_THROWS_AS(clarity::detail::parse_argument_list("float **p"), std::invalid_argument);
    CHECK_THROWS_AS(clarity::detail::parse_argument_list("__local float *scratch"), std::invalid_argument);
    CHECK_THROWS_AS(clarity::detail::parse_argument_list("float a, int a"), std::invalid_argument);
    CHECK_THROWS_AS(clarity::detail::parse_argument_list("float 1x"), std::invalid_argument);
}

TEST_CASE("lin_comb at awkward sizes matches the host") {
    for (auto n : test::awkward_sizes()) {
        CAPTURE(n);
        const auto ha = test::random_vector<float>(n, 1), hb = test::random_vector<float>(n, 2);
        auto a = clarity::to_device(test::q(), ha), b = clarity::to_device(test::q(), hb);
        auto res = clarity::empty<float>(test::q(), {n});
        lin_comb()(2.0f, a, 3.0, b, res).wait();  // 3.0 (a double) converts to the declared float
        const auto got = res.get();
        for (std::size_t k = 0; k < n; ++k) REQUIRE(got[k] == 2.0f * ha[k] + 3.0f * hb[k]);
    }
}

TEST_CASE_TEMPLATE("every numeric element type", T, std::int8_t, std::uint8_t, std::int16_t, std::uint16_t, std::int32_t,
                   std::uint32_t, std::int64_t, std::uint64_t, float, double) {
    const auto t = clarity::type_name<T>();
    clarity::ElementwiseKernel add(ctx(), t + " *x, " + t + " k, " + t + " *out", "out[i] = x[i] + k", "add_" + t);
    const auto hx = test::random_vector<T>(1021, 4);
    auto x = clarity::to_device(test::q(), hx);
    auto out = clarity::empty<T>(test::q(), {hx.size()});
    add(x, 5, out);
    const auto got = out.get();
    for (std::size_t k = 0; k < hx.size(); ++k) REQUIRE(got[k] == static_cast<T>(hx[k] + T(5)));
}

TEST_CASE("complex arrays use the cfloat_t helpers") {
    clarity::ElementwiseKernel mul(ctx(), "cfloat_t *a, cfloat_t *b, cfloat_t s, cfloat_t *out, float *mag",
                                   "out[i] = cfloat_mul(cfloat_mul(a[i], b[i]), s); mag[i] = cfloat_abs(a[i])",
                                   "complex_mul");
    const auto ha = test::random_vector<cfloat>(1000, 8), hb = test::random_vector<cfloat>(1000, 9);
    auto a = clarity::to_device(test::q(), ha), b = clarity::to_device(test::q(), hb);
    auto out = clarity::empty<cfloat>(test::q(), {1000});
    auto mag = clarity::empty<float>(test::q(), {1000});
    mul(a, b, cfloat(0.5f, -2.0f), out, mag);
    const auto got = out.get();
    const auto m = mag.get();
    for (std::size_t k = 0; k < ha.size(); ++k) {
        const auto expected = ha[k] * hb[k] * cfloat(0.5f, -2.0f);
        REQUIRE(std::abs(got[k] - expected) <= 1e-5f * std::abs(expected) + 1e-3f);
        REQUIRE(m[k] == doctest::Approx(std::abs(ha[k])).epsilon(1e-6));
    }
    clarity::ElementwiseKernel div(ctx(), "cdouble_t *a, cdouble_t *b", "a[i] = cdouble_div(a[i], b[i])", "cdiv");
    const std::vector<std::complex<double>> num{{1, 2}, {3, -4}, {1e300, 1e300}}, den{{3, 4}, {0, 1}, {1e300, -1e300}};
    auto dn = clarity::to_device(test::q(), num);
    div(dn, clarity::to_device(test::q(), den));
    const auto q = dn.get();
    for (std::size_t k = 0; k < num.size(); ++k) CHECK(std::abs(q[k] - num[k] / den[k]) < 1e-12 * std::abs(num[k] / den[k]));
}

TEST_CASE("vector-typed scalars and registered structs") {
    struct cell {
        float weight;
        int id;
    };
    clarity::register_type<cell>("cell_t", "typedef struct { float weight; int id; } cell_t;");
    clarity::ElementwiseKernel k(ctx(), "cell_t *cells, float4 scale, int *ids, float *w",
                                 "ids[i] = cells[i].id * 2; w[i] = cells[i].weight * scale.w", "cells");
    std::vector<cell> host(300);
    for (std::size_t j = 0; j < host.size(); ++j) host[j] = {float(j) / 4, int(j)};
    auto cells = clarity::to_device(test::q(), host);
    auto ids = clarity::empty<int>(test::q(), {300});
    auto w = clarity::empty<float>(test::q(), {300});
    k(cells, cl_float4{{1, 1, 1, 8}}, ids, w);
    const auto gi = ids.get();
    const auto gw = w.get();
    for (std::size_t j = 0; j < host.size(); ++j) {
        REQUIRE(gi[j] == 2 * int(j));
        REQUIRE(gw[j] == float(j) * 2);
    }
    CHECK_THROWS_AS(k(cells, 1.0f, ids, w), std::invalid_argument);  // float4 wants a cl_float4
}

TEST_CASE("ranges, CLARITY_ELWISE_CONTINUE, preamble, options, views with offsets") {
    clarity::ElementwiseKernel k(ctx(), "int *out", "if (i % 3 == 0) CLARITY_ELWISE_CONTINUE; out[i] = twice(i) + BIAS",
                                 "ranged", {.preamble = "int twice(int v) { return 2 * v; }", .options = "-DBIAS=1"});
    auto out = clarity::full<int>(test::q(), {20}, -1);
    k.launch({.range = clarity::range{2, 17, 4}}, out);  // i = 2, 6, 10, 14
    std::vector<int> expected(20, -1);
    expected[2] = 5;
    expected[10] = 21;
    expected[14] = 29;
    CHECK(out.get() == expected);
    k.launch({.range = clarity::range{19, 9, -5}}, out);  // i = 19, 14
    expected[19] = 39;
    CHECK(out.get() == expected);
    // A view with an offset is addressed from its own first element.
    auto tail = out.slice(0, 10, 20);
    const auto ev = tail.fill(0);
    k.launch({.range = clarity::range{0, 10, 1}, .wait_for = {ev}, .queue = &test::q()}, tail);
    const auto got = out.get();
    for (int j = 0; j < 10; ++j) CHECK(got[10 + j] == (j % 3 == 0 ? 0 : 2 * j + 1));
    CHECK(k.launch({.range = clarity::range{5, 5}}, out).empty() == true);
}

TEST_CASE("calls are checked before anything runs, naming the argument") {
    auto a = clarity::full<float>(test::q(), {10}, 1.0f), b = clarity::full<float>(test::q(), {10}, 2.0f);
    auto res = clarity::full<float>(test::q(), {10}, 7.0f);
    auto ints = clarity::zeros<int>(test::q(), {10});
    auto short_res = clarity::zeros<float>(test::q(), {9});
    auto& k = lin_comb();
    CHECK_THROWS_WITH_AS(k(2.0f, a, 3.0f, b), doctest::Contains("expected 5 arguments, got 4"), std::invalid_argument);
    CHECK_THROWS_WITH_AS(k(2.0f, ints, 3.0f, b, res), doctest::Contains("'a' expects an array of float, got an array of int"),
                         std::invalid_argument);
    CHECK_THROWS_WITH_AS(k(a, a, 3.0f, b, res), doctest::Contains("'k1' is declared as a scalar"), std::invalid_argument);
    CHECK_THROWS_WITH_AS(k(2.0f, 1.0f, 3.0f, b, res), doctest::Contains("'a' is declared as a pointer"),
                         std::invalid_argument);
    CHECK_THROWS_WITH_AS(k(2.0f, a, 3.0f, b, short_res), doctest::Contains("'res' has 9 elements"), std::invalid_argument);
    auto every_other = clarity::zeros<float>(test::q(), {20}).slice(0, 0, 20, 2);
    CHECK_THROWS_WITH_AS(k(2.0f, a, 3.0f, b, every_other), doctest::Contains("strided view"), std::invalid_argument);
    CHECK_THROWS_WITH_AS(k(cfloat(1, 1), a, 3.0f, b, res), doctest::Contains("'k1'"), std::invalid_argument);
    CHECK_THROWS_WITH_AS(k(2.0f, clarity::array<float>(), 3.0f, b, res), doctest::Contains("default-constructed"),
                         std::invalid_argument);
    CHECK_THROWS_AS(k.launch({.range = clarity::range{0, 10, 0}}, 2.0f, a, 3.0f, b, res), std::invalid_argument);
    CHECK(res.get() == std::vector<float>(10, 7.0f));  // nothing ran
    CHECK(a.get() == std::vector<float>(10, 1.0f));
}

TEST_CASE("construction errors: bad names, unknown types, bad source") {
    CHECK_THROWS_AS(clarity::ElementwiseKernel(ctx(), "float *a", "a[i] = 0", "not a name"), std::invalid_argument);
    CHECK_THROWS_WITH_AS(clarity::ElementwiseKernel(ctx(), "mystery_t *a", "a[i] = 0", "k"),
                         doctest::Contains("unknown type 'mystery_t'"), std::invalid_argument);
    clarity::ElementwiseKernel broken(ctx(), "float *a", "a[i] = undefined_function(a[i])", "broken");
    auto a = clarity::full<float>(test::q(), {4}, 1.0f);
    try {
        broken(a);
        FAIL("the broken kernel built");
    } catch (const clarity::build_error& e) {
        CHECK(e.code() == CL_BUILD_PROGRAM_FAILURE);
        CHECK(e.source().find("undefined_function(a[i])") != std::string::npos);
        CHECK(e.log().find("undefined_function") != std::string::npos);
        CHECK(std::string(e.what()).find("ElementwiseKernel 'broken'") != std::string::npos);
    }
    CHECK(a.get() == std::vector<float>(4, 1.0f));
}

TEST_CASE("the generated source is readable and uses 64-bit indices only when asked") {
    const auto narrow = lin_comb().source(test::q().device());
    CHECK(narrow.find("__kernel void lin_comb(") != std::string::npos);
    CHECK(narrow.find("res[i] = k1 * a[i] + k2 * b[i];") != std::string::npos);
    CHECK(narrow.find("int i = clarity_start") != std::string::npos);
    CHECK(lin_comb().source(test::q().device(), true).find("long i = clarity_start") != std::string::npos);
}

// The GPU grid is smaller than the index space, so work-items loop in unrolled rounds; PoCL's
// grid covers every index. Launching the generated source with a small grid tests the rounds here.
TEST_CASE("the unrolled rounds of distinct-buffer kernels, with CLARITY_ELWISE_CONTINUE") {
    clarity::ElementwiseKernel k(ctx(), "int *a, int *res", "if (i % 5 == 0) CLARITY_ELWISE_CONTINUE; res[i] = 2 * a[i] + i",
                                 "unrolled_rounds");
    const std::size_t n = 1003;
    const auto host = test::random_vector<int>(n, 21);
    auto a = clarity::to_device(test::q(), host);
    auto res = clarity::full<int>(test::q(), {n}, -7);
    const auto source = k.source(test::q().device(), false, true);
    REQUIRE(source.find("#pragma unroll") != std::string::npos);
    REQUIRE(source.find("*restrict clarity_base_a") != std::string::npos);
    const auto program = clarity::build_program(test::q().context(), test::q().device(), source);
    cl::Kernel kernel(program, "unrolled_rounds");
    kernel.setArg(0, a.buffer());
    kernel.setArg(1, cl_int(0));
    kernel.setArg(2, res.buffer());
    kernel.setArg(3, cl_int(0));
    kernel.setArg(4, cl_int(0));               // start
    kernel.setArg(5, cl_int(1));               // step
    kernel.setArg(6, cl_int(n));               // count
    test::q().get().enqueueNDRangeKernel(kernel, cl::NullRange, cl::NDRange(64), cl::NDRange(64));  // ~16 per item
    const auto got = res.get();
    for (std::size_t i = 0; i < n; ++i) REQUIRE(got[i] == (i % 5 == 0 ? -7 : 2 * host[i] + int(i)));
    // The same buffer twice: the plain variant, without restrict.
    CHECK(k.source(test::q().device(), false, false).find("restrict") == std::string::npos);
    k(res, res);
    CHECK(res[1].item() == 2 * (2 * host[1] + 1) + 1);
}
