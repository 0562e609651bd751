// Sorting more than 2^31 keys, which takes the kernels with 64-bit indices and counts. Runs
// where the device can hold the keys (on PoCL that depends on the memory free at the start);
// elsewhere it says why it did not run.
#include <doctest/doctest.h>

#include <cstdint>

#include <clarity/sort.hpp>

#include "support.hpp"

TEST_CASE("sort beyond 2^31 keys (64-bit indices and counts), where the device can hold them") {
    // Keys 250 - i % 251: each value's count is known, so the sorted array is known from where
    // each value starts; sortedness is counted on the device.
    const std::uint64_t n = (std::uint64_t(1) << 31) + 17, values = 251;
    const auto& dev = test::q().device();
    const std::uint64_t needed = 3 * n;  // keys, one temporary, look-back words
    if (n > dev.max_alloc_size() || needed > dev.global_mem_size()) {
        MESSAGE("skipped on " << dev.name() << ": " << n << " one-byte keys need a buffer of " << n
                              << " bytes and about " << needed << " bytes in all; the device allows "
                              << dev.max_alloc_size() << " per buffer, " << dev.global_mem_size() << " in all");
        return;
    }
    auto keys = clarity::empty<std::uint8_t>(test::q(), {n});
    clarity::ElementwiseKernel(test::q().context(), "__global uchar *k", "k[i] = (uchar)(250 - i % 251)",
                               "descending_residues")(keys);
    clarity::sort(keys);
    const clarity::ReductionKernel<std::uint64_t> descents(test::q().context(), "0", "a + b",
                                                           "(ulong)(i + 1 < count && sorted[i] > sorted[i + 1])",
                                                           "__global const uchar *sorted, long count");
    CHECK(descents(keys, std::int64_t(n)).item() == 0);
    std::uint64_t start = 0;  // where value v starts: the counts of the values below it
    bool starts_right = true;
    for (std::uint64_t v = 0; v < values; ++v) {
        const std::uint64_t count = n / values + (250 - v < n % values ? 1 : 0);
        starts_right &= keys[std::int64_t(start)].item() == v;
        if (v > 0) starts_right &= keys[std::int64_t(start) - 1].item() == v - 1;
        start += count;
    }
    CHECK(start == n);
    CHECK(starts_right);
    CHECK(keys[std::int64_t(n) - 1].item() == 250);
}
