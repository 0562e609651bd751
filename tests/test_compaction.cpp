// copy_if, remove_if, partition and unique against host references. Each test keeps one
// predicate and varies data and extra arguments, so its kernel is built once.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <type_traits>
#include <vector>

#include <clarity/algorithm.hpp>

#include "support.hpp"

namespace {

// GPU tiles hold 8192 entries of up to 4 bytes (128 work-items x 64), 4096 of 8 bytes.
std::vector<std::size_t> tile_edges() {
    return {15, 16, 17, 4095, 4096, 4097, 8191, 8192, 8193, 3 * 8192 - 1, 3 * 8192 + 1};
}

std::vector<std::size_t> compaction_sizes() {
    std::vector<std::size_t> sizes = test::awkward_sizes();
    for (std::size_t n : tile_edges()) sizes.push_back(n);
    sizes.push_back((1 << 20) + 3);
    sizes.push_back((1 << 22) + 1);
    return sizes;
}

// Values 0..999, so that a limit selects none (0), about half (500) or all (1000).
std::vector<int> values_below_1000(std::size_t n) {
    auto v = test::random_vector<std::uint32_t>(n, std::uint32_t(n));
    std::vector<int> out(n);
    for (std::size_t i = 0; i < n; ++i) out[i] = int(v[i] % 1000);
    return out;
}

template <class T>
std::vector<T> first(const clarity::array<T>& a, std::uint64_t count) {
    auto all = a.get();
    all.resize(count);
    return all;
}

}  // namespace

TEST_CASE("copy_if and remove_if keep none, half or all, in order") {
    for (std::size_t n : compaction_sizes()) {
        const auto host = values_below_1000(n);
        const auto ary = clarity::to_device(test::q(), host);
        for (int lim : {0, 500, 1000}) {
            CAPTURE(n);
            CAPTURE(lim);
            std::vector<int> below, rest;
            for (int v : host) (v < lim ? below : rest).push_back(v);
            auto [out, count, ev] = clarity::copy_if(ary, "ary[i] < lim", {.extra_args = {clarity::arg("lim", lim)}});
            ev.wait();
            REQUIRE(count.item() == below.size());
            CHECK(first(out, count.item()) == below);
            auto [kept, n_kept, ev2] = clarity::remove_if(ary, "ary[i] < lim", {.extra_args = {clarity::arg("lim", lim)}});
            REQUIRE(n_kept.item() == rest.size());
            CHECK(first(kept, n_kept.item()) == rest);
        }
    }
}

TEST_CASE("copy_if on floats with the API's example predicate, and without rebuilding when repeated") {
    const auto host = test::random_vector<float>(100000, 4);
    const auto ary = clarity::to_device(test::q(), host);
    std::vector<float> want;
    for (float v : host)
        if (v > 30.0f) want.push_back(v);
    auto [out, count, ev] = clarity::copy_if(ary, "ary[i] > 30.0f");
    CHECK(first(out, count.item()) == want);
    const auto compiled = clarity::program_cache_statistics().compiled;
    const auto hits = clarity::program_cache_statistics().memory_hits;
    auto again = clarity::copy_if(ary, "ary[i] > 30.0f");
    CHECK(again.count.item() == want.size());
    CHECK(clarity::program_cache_statistics().compiled == compiled);
    CHECK(clarity::program_cache_statistics().memory_hits == hits);
}

// One type of each size and kind: the GPU tiles load chunks as char16, ushort16, uint8, long4,
// float8 and double4.
TEST_CASE_TEMPLATE("partition of numeric types at tile edges", T, std::int8_t, std::uint16_t, std::uint32_t,
                   std::int64_t, float, double) {
    if (std::is_same_v<T, double> && !test::q().device().has_fp64()) return;
    // About half below the limit: the values spread over the type's range (floats: -100..100).
    const T lim = std::is_signed_v<T> ? T(0) : T(std::numeric_limits<T>::max() / 2);
    for (std::size_t n : tile_edges()) {
        CAPTURE(n);
        const auto host = test::random_vector<T>(n, std::uint32_t(n));
        std::vector<T> below, rest;
        for (T v : host) (v < lim ? below : rest).push_back(v);
        auto [yes, no, n_yes, ev] =
            clarity::partition(clarity::to_device(test::q(), host), "ary[i] < lim", {.extra_args = {clarity::arg("lim", lim)}});
        REQUIRE(n_yes.item() == below.size());
        CHECK(first(yes, n_yes.item()) == below);
        CHECK(first(no, n - n_yes.item()) == rest);
    }
}

namespace {
struct compacted_particle {
    float x, y;
    int cell;
};
}  // namespace

// 12-byte entries: GPU tiles of 128 work-items x 21, loaded one by one.
TEST_CASE("copy_if of a struct reads its fields through ary[i]") {
    // A name of its own: test_types.cpp registers its own struct as particle_t in the same process.
    clarity::register_type<compacted_particle>("compacted_particle_t",
                                               "typedef struct { float x, y; int cell; } compacted_particle_t;");
    for (std::size_t n : {1, 2687, 2688, 2689, 65537}) {
        CAPTURE(n);
        const auto cells = values_below_1000(n);
        std::vector<compacted_particle> host(n);
        for (std::size_t i = 0; i < n; ++i) host[i] = {float(i), -float(i), cells[i]};
        std::vector<std::size_t> want;
        for (std::size_t i = 0; i < n; ++i)
            if (host[i].cell < 300 && host[i].x >= 0.0f) want.push_back(i);
        auto [out, count, ev] = clarity::copy_if(clarity::to_device(test::q(), host), "ary[i].cell < 300 && ary [ i ].x >= 0.0f");
        REQUIRE(count.item() == want.size());
        const auto got = first(out, count.item());
        std::size_t wrong = 0;
        for (std::size_t k = 0; k < want.size(); ++k) {
            const auto& p = host[want[k]];
            wrong += got[k].x != p.x || got[k].y != p.y || got[k].cell != p.cell;
        }
        CHECK(wrong == 0);
    }
}

TEST_CASE("partition with an extra array argument keeps both halves in order") {
    for (std::size_t n : compaction_sizes()) {
        CAPTURE(n);
        const auto host = values_below_1000(n);
        const auto limits = values_below_1000(n + 1);
        std::vector<int> yes, no;
        for (std::size_t i = 0; i < n; ++i) (host[i] < limits[i] ? yes : no).push_back(host[i]);
        const auto ary = clarity::to_device(test::q(), host);
        auto [y, nn, n_yes, ev] = clarity::partition(
            ary, "ary[i] < limits[i] + offset",
            {.extra_args = {clarity::arg("limits", clarity::to_device(test::q(), limits)), clarity::arg("offset", 0)}});
        REQUIRE(n_yes.item() == yes.size());
        CHECK(first(y, n_yes.item()) == yes);
        CHECK(first(nn, n - n_yes.item()) == no);
    }
}

TEST_CASE("unique on all-equal, all-distinct and sorted random input") {
    for (std::size_t n : compaction_sizes()) {
        CAPTURE(n);
        auto sorted = values_below_1000(n);
        std::sort(sorted.begin(), sorted.end());
        std::vector<int> distinct(n);
        for (std::size_t i = 0; i < n; ++i) distinct[i] = int(i);
        for (const auto& host : {std::vector<int>(n, 7), distinct, sorted}) {
            auto want = host;
            want.erase(std::unique(want.begin(), want.end()), want.end());
            auto [uniq, n_uniq, ev] = clarity::unique(clarity::to_device(test::q(), host), "a == b");
            REQUIRE(n_uniq.item() == want.size());
            CHECK(first(uniq, n_uniq.item()) == want);
        }
    }
}

TEST_CASE("unique with a custom comparison that sees extra arguments") {
    const std::vector<int> host{1, 2, 5, 6, 7, 20, 21, 40};
    auto [uniq, n_uniq, ev] =
        clarity::unique(clarity::to_device(test::q(), host), "b - a <= gap", {.extra_args = {clarity::arg("gap", 1)}});
    CHECK(first(uniq, n_uniq.item()) == std::vector<int>{1, 5, 20, 40});
}

TEST_CASE("bad compactions throw before anything runs") {
    const auto ary = clarity::to_device(test::q(), std::vector<int>{1, 2, 3, 4});
    CHECK_THROWS_AS(clarity::copy_if(ary.slice(0, 0, 4, 2), "ary[i] > 1"), std::invalid_argument);
    CHECK_THROWS_AS(clarity::copy_if(ary, ""), std::invalid_argument);
    CHECK_THROWS_AS(clarity::copy_if(ary, "ary[i] > x", {.extra_args = {clarity::arg("2x", 1)}}), std::invalid_argument);
    CHECK_THROWS_AS(clarity::copy_if(ary, "ary[i] > ary", {.extra_args = {clarity::arg("ary", 1)}}),
                    std::invalid_argument);
    CHECK_THROWS_AS(clarity::copy_if(ary, "ary[i] > x", {.extra_args = {clarity::arg("x", 1), clarity::arg("x", 2)}}),
                    std::invalid_argument);
    CHECK_THROWS_AS(clarity::copy_if(ary, "ary[i] >>> 1"), clarity::build_error);
    CHECK(ary.get() == std::vector<int>{1, 2, 3, 4});
}
