// Scans: GenericScanKernel against host references and against GenericDebugScanKernel.
// Kernels are built once per type (PoCL compiles slowly) and reused across all sizes.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <random>
#include <string>
#include <type_traits>
#include <vector>

#include <clarity/scan.hpp>

#include "support.hpp"

namespace {

// Every size of awkward_sizes plus tile edges (tiles hold 1024 to 4096 elements, CPU tiles 16 KiB),
// edges of the 16 lanes in which CPUs scan whole vectors, at a tile's start and end, and two large ones.
std::vector<std::size_t> scan_sizes(bool large) {
    std::vector<std::size_t> sizes = test::awkward_sizes();
    for (std::size_t edge : {1024, 2048, 4096, 8192, 3 * 4096, 16384})
        for (std::size_t n : {edge - 1, edge, edge + 1}) sizes.push_back(n);
    for (std::size_t n : {15, 16, 17, 33, 4096 + 15, 4096 + 17, 8192 + 17}) sizes.push_back(n);
    sizes.push_back(97 * 4096 + 13);
    if (large) {
        sizes.push_back((1u << 20) + 3);
        sizes.push_back((1u << 24) + 1);
    }
    return sizes;
}

// Small values so that float sums stay exact; integer sums may wrap, as they do on the device.
template <class T>
std::vector<T> small_values(std::size_t n, std::uint32_t seed) {
    std::mt19937 gen(seed);
    std::uniform_int_distribution<int> d(std::is_signed_v<T> ? -9 : 0, 9);
    std::vector<T> out(n);
    for (auto& v : out) v = static_cast<T>(d(gen));
    return out;
}

template <class T>
T wrapping_add(T a, T b) {
    if constexpr (std::is_integral_v<T>)
        return static_cast<T>(static_cast<std::uint64_t>(a) + static_cast<std::uint64_t>(b));
    else
        return a + b;
}

// Inclusive and exclusive sums from one kernel: item and prev_item.
template <class T>
void check_sums(bool large) {
    const auto t = clarity::type_name<T>();
    clarity::GenericScanKernel<T> knl(test::q().context(),
                                      {.arguments = "__global const " + t + " *x, __global " + t + " *incl, __global " +
                                                    t + " *excl",
                                       .input_expr = "x[i]",
                                       .scan_expr = "a + b",
                                       .neutral = "0",
                                       .output_statement = "incl[i] = item; excl[i] = prev_item"});
    for (std::size_t n : scan_sizes(large)) {
        CAPTURE(n);
        const auto host = small_values<T>(n, std::uint32_t(n));
        auto x = clarity::to_device(test::q(), host);
        auto incl = clarity::empty<T>(test::q(), {n}), excl = clarity::empty<T>(test::q(), {n});
        knl(x, incl, excl);
        const auto got_incl = incl.get(), got_excl = excl.get();
        T sum = 0;
        std::size_t wrong = 0;
        for (std::size_t i = 0; i < n; ++i) {
            wrong += got_excl[i] != sum;
            sum = wrapping_add(sum, host[i]);
            wrong += got_incl[i] != sum;
        }
        CHECK(wrong == 0);
    }
}

}  // namespace

TEST_CASE_TEMPLATE("inclusive and exclusive sums of every numeric type at awkward sizes", T, std::int8_t,
                   std::uint8_t, std::int16_t, std::uint16_t, std::uint32_t, std::int64_t, std::uint64_t, float,
                   double) {
    if (std::is_same_v<T, double> && !test::q().device().has_fp64()) return;
    check_sums<T>(false);
}

TEST_CASE("int32 sums at awkward and large sizes") { check_sums<std::int32_t>(true); }

TEST_CASE("InclusiveScanKernel and ExclusiveScanKernel, in place and out of place") {
    clarity::InclusiveScanKernel<int> incl(test::q().context(), "a+b", "0");
    clarity::ExclusiveScanKernel<int> excl(test::q().context(), "a+b", "0");
    for (std::size_t n : {0, 1, 5, 4097, 100000}) {
        CAPTURE(n);
        const auto host = small_values<int>(n, 7);
        std::vector<int> inclusive(n), exclusive(n);
        int sum = 0;
        for (std::size_t i = 0; i < n; ++i) {
            exclusive[i] = sum;
            inclusive[i] = sum += host[i];
        }
        auto in = clarity::to_device(test::q(), host);
        auto out = clarity::empty<int>(test::q(), {n});
        incl(in, out);
        CHECK(out.get() == inclusive);
        excl(in, out);
        CHECK(out.get() == exclusive);
        CHECK(in.get() == host);
        incl(in);
        CHECK(in.get() == inclusive);
        in.set(host);
        excl(in);
        CHECK(in.get() == exclusive);
    }
    auto a = clarity::zeros<int>(test::q(), {10}), b = clarity::zeros<int>(test::q(), {11});
    CHECK_THROWS_AS(incl(a, b), std::invalid_argument);
}

TEST_CASE("a running maximum of floats at every size") {
    clarity::InclusiveScanKernel<float> running_max(test::q().context(), "fmax(a, b)");
    for (std::size_t n : scan_sizes(false)) {
        CAPTURE(n);
        const auto host = test::random_vector<float>(n, 3);
        auto a = clarity::to_device(test::q(), host);
        running_max(a);
        const auto got = a.get();
        float best = -1e30f;
        std::size_t wrong = 0;
        for (std::size_t i = 0; i < n; ++i) wrong += got[i] != (best = std::max(best, host[i]));
        CHECK(wrong == 0);
    }
}

namespace {
// A scan operator, its host twin, and whether it scans signs only (products stay small).
struct operator_case {
    std::string scan_expr;
    int (*combine)(int, int);
    bool signs_only = false;
};
}  // namespace

TEST_CASE("every scan operator that CPUs apply lane by lane, and one they do not, against the host") {
    const auto plus = [](int a, int b) { return a + b; };
    const std::vector<operator_case> cases{
        {"b + a", plus},
        {"(a * b)", [](int a, int b) { return a * b; }, true},
        {"max(b, a)", [](int a, int b) { return std::max(a, b); }},
        {"min(a,b)", [](int a, int b) { return std::min(a, b); }},
        {"a | b", [](int a, int b) { return a | b; }},
        {"a & b", [](int a, int b) { return a & b; }},
        {"a ^ b", [](int a, int b) { return a ^ b; }},
        {"across_seg_boundary ? b : (a + b)", plus},  // the segmented form, unsegmented
        {"a + b + 0", plus},                          // no vector form: one element at a time
    };
    for (const auto& c : cases) {
        CAPTURE(c.scan_expr);
        clarity::GenericScanKernel<int> knl(test::q().context(), {.arguments = "__global const int *x, __global int *out",
                                                                 .input_expr = "x[i]",
                                                                 .scan_expr = c.scan_expr,
                                                                 .output_statement = "out[i] = item"});
        const auto source = knl.source(test::q().device());
        if (source.find("one tile per single-work-item group") != std::string::npos)  // CPU tiles
            CHECK((source.find("#define CLARITY_LANES 16") != std::string::npos) == (c.scan_expr != "a + b + 0"));
        for (std::size_t n : scan_sizes(false)) {
            CAPTURE(n);
            auto host = small_values<int>(n, std::uint32_t(n));
            if (c.signs_only)
                for (auto& v : host) v = v < 0 ? -1 : 1;
            auto x = clarity::to_device(test::q(), host);
            auto out = clarity::empty<int>(test::q(), {n});
            knl(x, out);
            const auto got = out.get();
            std::size_t wrong = 0;
            int item = 0;
            for (std::size_t i = 0; i < n; ++i) wrong += got[i] != (item = i == 0 ? host[0] : c.combine(item, host[i]));
            CHECK(wrong == 0);
        }
    }
}

namespace {
// Segment starts: every element, only the first, none, and random ones.
std::vector<int> segment_starts(std::size_t n, int pattern) {
    std::vector<int> flags(n, 0);
    std::mt19937 gen(std::uint32_t(n + pattern));
    for (std::size_t i = 0; i < n; ++i) {
        if (pattern == 0) flags[i] = 1;
        if (pattern == 1) flags[i] = i == 0;
        if (pattern == 3) flags[i] = gen() % 37 == 0;
        if (pattern == 4) flags[i] = gen() % 5000 == 0;
    }
    return flags;
}
}  // namespace

TEST_CASE_TEMPLATE("segmented sums of 1, 2, 4 and 8-byte types: segments of length 1, one segment, random starts", T,
                   std::int8_t, std::uint16_t, std::int32_t, std::int64_t, float, double) {
    if (std::is_same_v<T, double> && !test::q().device().has_fp64()) return;
    const auto t = clarity::type_name<T>();
    const clarity::scan_options options{
        .arguments = "__global const " + t + " *x, __global const int *starts, __global " + t + " *incl, __global " + t +
                     " *excl",
        .input_expr = "x[i]",
        .scan_expr = "across_seg_boundary ? b : a + b",
        .neutral = "0",
        .output_statement = "incl[i] = item; excl[i] = prev_item",
        .is_segment_start_expr = "starts[i] != 0"};
    clarity::GenericScanKernel<T> knl(test::q().context(), options);
    clarity::GenericDebugScanKernel<T> reference(test::q().context(), options);
    for (std::size_t n : scan_sizes(false)) {
        for (int pattern = 0; pattern < 5; ++pattern) {
            CAPTURE(n);
            CAPTURE(pattern);
            const auto host = small_values<T>(n, 11);
            const auto starts = segment_starts(n, pattern);
            auto x = clarity::to_device(test::q(), host), s = clarity::to_device(test::q(), starts);
            auto incl = clarity::empty<T>(test::q(), {n}), excl = clarity::empty<T>(test::q(), {n});
            knl(x, s, incl, excl);
            std::vector<T> want_incl(n), want_excl(n);
            T sum = 0;
            for (std::size_t i = 0; i < n; ++i) {
                if (starts[i]) sum = 0;
                want_excl[i] = sum;
                want_incl[i] = sum = wrapping_add(sum, host[i]);
            }
            CHECK(incl.get() == want_incl);
            CHECK(excl.get() == want_excl);
            if (n <= 4099) {  // the sequential reference agrees too
                auto ref_incl = clarity::empty<T>(test::q(), {n}), ref_excl = clarity::empty<T>(test::q(), {n});
                reference(x, s, ref_incl, ref_excl);
                CHECK(ref_incl.get() == want_incl);
                CHECK(ref_excl.get() == want_excl);
            }
        }
    }
}

namespace {
struct value_at {
    int value;
    int index;
};
}  // namespace

TEST_CASE("segmented running maximum of a struct, with its index, matches the debug kernel") {
    clarity::register_type<value_at>("value_at_t", "typedef struct { int value; int index; } value_at_t;");
    const clarity::scan_options options{
        .arguments = "__global const int *x, __global const int *starts, __global value_at_t *best, "
                     "__global value_at_t *before",
        .input_expr = "make_value_at(x[i], (int)i)",
        .scan_expr = "(across_seg_boundary || b.value > a.value) ? b : a",
        .neutral = "make_value_at(-1000, -1)",
        .output_statement = "best[i] = item; before[i] = prev_item",
        .is_segment_start_expr = "starts[i] != 0",
        .preamble = "value_at_t make_value_at(int v, int i) { value_at_t r; r.value = v; r.index = i; return r; }"};
    clarity::GenericScanKernel<value_at> knl(test::q().context(), options);
    clarity::GenericDebugScanKernel<value_at> reference(test::q().context(), options);
    for (std::size_t n : {1, 2, 257, 1021, 2049, 4097, 65537}) {
        for (int pattern : {0, 1, 3}) {
            CAPTURE(n);
            CAPTURE(pattern);
            const auto host = test::random_vector<int>(n, 5);
            const auto starts = segment_starts(n, pattern);
            auto x = clarity::to_device(test::q(), host), s = clarity::to_device(test::q(), starts);
            auto best = clarity::empty<value_at>(test::q(), {n}), before = clarity::empty<value_at>(test::q(), {n});
            auto ref_best = clarity::empty<value_at>(test::q(), {n});
            auto ref_before = clarity::empty<value_at>(test::q(), {n});
            knl(x, s, best, before);
            reference(x, s, ref_best, ref_before);
            const auto got = best.get(), want = ref_best.get(), got_before = before.get(),
                       want_before = ref_before.get();
            std::size_t wrong = 0;
            value_at host_best{0, 0};
            for (std::size_t i = 0; i < n; ++i) {
                if (starts[i] || i == 0 || host[i] > host_best.value) host_best = {host[i], int(i)};
                wrong += got[i].value != want[i].value || got[i].index != want[i].index;
                wrong += got[i].index != host_best.index;
                wrong += got_before[i].value != want_before[i].value || got_before[i].index != want_before[i].index;
            }
            CHECK(wrong == 0);
        }
    }
}

namespace {
struct three_shorts {
    std::int16_t a, b, c;
};
}  // namespace

// A 6-byte struct: 21 values per work-item, which no chunk of several values divides.
TEST_CASE("sums of a struct whose size is not a power of two reach every element") {
    clarity::register_type<three_shorts>("three_shorts_t", "typedef struct { short a, b, c; } three_shorts_t;");
    const clarity::scan_options options{
        .arguments = "__global const three_shorts_t *x, __global three_shorts_t *out",
        .input_expr = "x[i]",
        .scan_expr = "add_three_shorts(a, b)",
        .output_statement = "out[i] = item",
        .preamble = "three_shorts_t add_three_shorts(three_shorts_t p, three_shorts_t q) "
                    "{ p.a += q.a; p.b += q.b; p.c += q.c; return p; }"};
    clarity::GenericScanKernel<three_shorts> knl(test::q().context(), options);
    for (std::size_t n : {1, 255, 5375, 5376, 5377, 65537}) {
        CAPTURE(n);
        const auto values = small_values<std::int16_t>(3 * n, 9);
        std::vector<three_shorts> host(n);
        for (std::size_t i = 0; i < n; ++i) host[i] = {values[3 * i], values[3 * i + 1], values[3 * i + 2]};
        auto out = clarity::empty<three_shorts>(test::q(), {n});
        knl(clarity::to_device(test::q(), host), out);
        const auto got = out.get();
        three_shorts sum{0, 0, 0};
        std::size_t wrong = 0;
        for (std::size_t i = 0; i < n; ++i) {
            sum = {wrapping_add(sum.a, host[i].a), wrapping_add(sum.b, host[i].b), wrapping_add(sum.c, host[i].c)};
            wrong += got[i].a != sum.a || got[i].b != sum.b || got[i].c != sum.c;
        }
        CHECK(wrong == 0);
    }
}

TEST_CASE("last_item is the total") {
    const clarity::scan_options options{.arguments = "__global const long *x, __global long *out",
                                        .input_expr = "x[i]",
                                        .scan_expr = "a + b",
                                        .output_statement = "out[i] = last_item - item"};
    clarity::GenericScanKernel<std::int64_t> knl(test::q().context(), options);
    clarity::GenericDebugScanKernel<std::int64_t> reference(test::q().context(), options);
    for (std::size_t n : {1, 2, 1023, 4097, 100003}) {
        CAPTURE(n);
        const auto host = small_values<std::int64_t>(n, 2);
        auto x = clarity::to_device(test::q(), host);
        auto out = clarity::empty<std::int64_t>(test::q(), {n}), ref = clarity::empty<std::int64_t>(test::q(), {n});
        knl(x, out);
        reference(x, ref);
        std::vector<std::int64_t> want(n);
        std::int64_t total = 0;
        for (auto v : host) total += v;
        std::int64_t sum = 0;
        for (std::size_t i = 0; i < n; ++i) want[i] = total - (sum += host[i]);
        CHECK(out.get() == want);
        CHECK(ref.get() == want);
    }
}

TEST_CASE("input_fetch_exprs with offset -1 see the previous element") {
    const clarity::scan_options options{.arguments = "__global const short *x, __global int *rises",
                                        .input_expr = "(i > 0 && here > before) ? 1 : 0",
                                        .scan_expr = "a + b",
                                        .output_statement = "rises[i] = item",
                                        .input_fetch_exprs = {{"before", "x", -1}, {"here", "x", 0}}};
    clarity::GenericScanKernel<int> knl(test::q().context(), options);
    for (std::size_t n : scan_sizes(false)) {
        CAPTURE(n);
        const auto host = test::random_vector<std::int16_t>(n, 9);
        auto x = clarity::to_device(test::q(), host);
        auto rises = clarity::empty<int>(test::q(), {n});
        knl(x, rises);
        std::vector<int> want(n);
        int count = 0;
        for (std::size_t i = 0; i < n; ++i) want[i] = count += (i > 0 && host[i] > host[i - 1]);
        CHECK(rises.get() == want);
    }
}

TEST_CASE("a scan over part of the arrays, with an explicit 64-bit index type and wait_for") {
    clarity::GenericScanKernel<int> knl(test::q().context(), {.arguments = "__global const int *x, __global int *out",
                                                             .input_expr = "x[i]",
                                                             .scan_expr = "a + b",
                                                             .output_statement = "out[i] = item",
                                                             .index_type = "long"});
    auto x = clarity::ones<int>(test::q(), {5000});
    auto out = clarity::zeros<int>(test::q(), {5000});
    const auto ready = x.fill(2);
    knl.launch({.size = 4100, .wait_for = {ready}}, x, out).wait();
    const auto got = out.get();
    CHECK(got[0] == 2);
    CHECK(got[4099] == 8200);
    CHECK(got[4100] == 0);
    CHECK(knl.source(test::q().device(), true).find("typedef long clarity_index_t") != std::string::npos);
}

TEST_CASE("bad scans are refused before anything runs") {
    const auto& ctx = test::q().context();
    using clarity::GenericScanKernel;
    const auto base = clarity::scan_options{.arguments = "__global const int *x, __global int *out",
                                            .input_expr = "x[i]",
                                            .scan_expr = "a + b",
                                            .neutral = "0",
                                            .output_statement = "out[i] = prev_item"};
    auto options = base;
    options.scan_expr = "";
    CHECK_THROWS_AS(GenericScanKernel<int>(ctx, options), std::invalid_argument);
    options = base;
    options.neutral = "";
    CHECK_THROWS_WITH_AS(GenericScanKernel<int>(ctx, options), doctest::Contains("neutral"), std::invalid_argument);
    options = base;
    options.input_fetch_exprs = {{"prev", "x", -2}};
    CHECK_THROWS_AS(GenericScanKernel<int>(ctx, options), std::invalid_argument);
    options.input_fetch_exprs = {{"prev", "nothing", 0}};
    CHECK_THROWS_AS(GenericScanKernel<int>(ctx, options), std::invalid_argument);
    options = base;
    options.index_type = "short";
    CHECK_THROWS_AS(GenericScanKernel<int>(ctx, options), std::invalid_argument);
    options = base;
    options.arguments = "__global const int *x, __global mystery_t *out";
    CHECK_THROWS_AS(GenericScanKernel<int>(ctx, options), std::invalid_argument);

    GenericScanKernel<int> knl(ctx, base);
    auto x = clarity::to_device(test::q(), std::vector<int>{1, 2, 3});
    auto wrong_type = clarity::zeros<float>(test::q(), {3});
    auto out = clarity::full<int>(test::q(), {3}, 7);
    CHECK_THROWS_AS(knl(x, wrong_type), std::invalid_argument);
    CHECK_THROWS_AS(knl(x), std::invalid_argument);
    CHECK_THROWS_AS(knl(x, out, 3), std::invalid_argument);
    CHECK(out.get() == std::vector<int>{7, 7, 7});

    options = base;
    options.input_expr = "x[i] +* ;";
    GenericScanKernel<int> broken(ctx, options);
    CHECK_THROWS_AS(broken(x, out), clarity::build_error);
    CHECK(out.get() == std::vector<int>{7, 7, 7});
}
