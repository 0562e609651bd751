// The onesweep radix sort behind RadixSort, sort, sort_by_key and argsort: sorts keys of any
// integer or floating type, with or without values carried along, between device buffers.
#pragma once

#include <cstdint>
#include <string>

#include <clarity/device.hpp>
#include <clarity/types.hpp>

#include "sort_scratch.hpp"

namespace clarity::detail {

// A place in a device buffer, `offset` counted in elements.
struct buffer_slice {
    cl::Buffer buffer;
    std::uint64_t offset = 0;

    bool empty() const { return buffer() == nullptr; }
    bool operator==(const buffer_slice& other) const { return buffer() == other.buffer() && offset == other.offset; }
};

struct radix_sort_job {
    const type_info* key_type = nullptr;    // an integer or floating type
    const type_info* value_type = nullptr;  // nullptr: keys only; at most radix_value_limit bytes
    std::uint64_t n = 0;
    unsigned key_bits = 0;                  // sort by the low key_bits bits of the (transformed) key
    bool descending = false;                // NaN stays last
    buffer_slice keys_in, keys_out;         // keys_out may be keys_in; empty: the sorted keys are dropped
    buffer_slice values_in, values_out;     // values_in empty: the values are the indices 0, 1, ...
};

// Values larger than this go through a permutation instead (see RadixSort).
constexpr std::size_t radix_value_limit = 16;

// Enqueues the sort on q; stable. Its temporaries are the keys_*, values_* and counts slots
// of `scratch` (q's).
event radix_sort(const queue& q, const radix_sort_job& job, const wait_list& wait_for, scratch_lease& scratch);

// array[i] = array[permutation[i]] for i < n, through the `gathered` slot of `scratch`
// (elements of element_size bytes; permutation of uint or ulong).
event gather_in_place(const queue& q, const buffer_slice& array, std::size_t element_size,
                      const cl::Buffer& permutation, const type_info& permutation_type, std::uint64_t n,
                      const event& after, scratch_lease& scratch);

// How the onesweep kernel sorts a tile: a work-group ranks its keys by digit in lane groups of
// 32 work-items (GPUs), or one work-item sorts the whole tile in order (CPUs, where a
// work-group's work-items would run one after another anyway; the histogram kernel then also
// counts with one work-item per work-group).
enum class radix_ranking { lane_groups, serial };

// How a generated kernel sees the work: types, tile size, index widths.
struct radix_sort_variant {
    const type_info* key_type = nullptr;  // the unsigned integer type of the keys' size
    const type_info* value_type = nullptr;
    bool wide = false;  // 64-bit indices and counts (n of 2^30 or more)
    unsigned work_group = 0;           // work-items per tile: at least 256, a multiple of 32
    unsigned items_per_work_item = 0;  // keys per work-item: tiles of work_group * items keys
    radix_ranking ranking = radix_ranking::lane_groups;
};

radix_sort_variant radix_sort_variant_for(const device& dev, const radix_sort_job& job);
std::string radix_sort_source(const device& dev, const radix_sort_variant& variant);

// The kernels' `order` argument: how to read keys of `key_type` (signed, float) and the direction.
int radix_sort_order(const type_info& key_type, bool descending);

// cl/sort_order.cl for keys of `key_size` bytes: the order flags and clarity_sort_rank(), which
// maps a key's bits (bits_t) to its place in the sort order (rank_t, at least as wide).
std::string sort_order_source(std::size_t key_size, const std::string& bits_t, const std::string& rank_t);

}  // namespace clarity::detail
