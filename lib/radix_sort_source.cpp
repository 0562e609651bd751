// The OpenCL C of the radix sort (cl/radix_sort.cl) for one key size, value type and index
// width: the constants of the key transform, the count atomics and the tile size.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>

#include "embedded.hpp"
#include "kernel_support.hpp"
#include "radix_sort_engine.hpp"
#include "source_template.hpp"

namespace clarity::detail {

namespace {

// Keys staged per work-item: tiles of up to 4096 keys (on an H200, 12, 20 and 24 keys per
// work-item and work-groups of 384 measured slower), fewer when keys and values would not fit
// in local memory (48 KiB, less the digit sums and offsets besides the tile).
constexpr unsigned max_items_per_work_item = 16;
constexpr std::size_t work_group = 256;
constexpr std::size_t local_budget = 48 * 1024;
constexpr std::size_t local_reserved = 7 * 1024;  // 6 KiB of 64-bit sums and offsets, the ticket

// By device type, unless CLARITY_SORT_RANKING names the ranking (the tests run both).
radix_ranking ranking_for(const device& dev) {
    const char* forced = std::getenv("CLARITY_SORT_RANKING");
    const std::string choice = forced ? forced : "";
    if (choice.empty()) return dev.is_cpu() ? radix_ranking::serial : radix_ranking::lane_groups;
    if (choice == "serial") return radix_ranking::serial;
    if (choice == "lane_groups") return radix_ranking::lane_groups;
    throw std::invalid_argument("CLARITY_SORT_RANKING=\"" + choice + "\": expected \"serial\" or \"lane_groups\"");
}

std::string hex_constant(std::uint64_t value, bool wide) {
    char text[24];
    std::snprintf(text, sizeof text, "0x%llx%s", static_cast<unsigned long long>(value), wide ? "ul" : "u");
    return text;
}

// The unsigned integer type of a key's size: keys are loaded as their bits.
const type_info& bits_type(std::size_t size) {
    switch (size) {
        case 1: return type_info_of<std::uint8_t>();
        case 2: return type_info_of<std::uint16_t>();
        case 4: return type_info_of<std::uint32_t>();
        case 8: return type_info_of<std::uint64_t>();
        default: throw std::invalid_argument("radix sort: no keys of " + std::to_string(size) + " bytes");
    }
}

std::string count_atomics(bool wide) {
    if (wide)
        return "#pragma OPENCL EXTENSION cl_khr_int64_base_atomics : enable\n"
               "inline void clarity_count_add(__global count_t *c, uint v) { atom_add((volatile __global ulong *)c, (ulong)v); }\n"
               "inline void clarity_count_exchange(__global count_t *c, count_t v) { atom_xchg((volatile __global ulong *)c, v); }";
    return "inline void clarity_count_add(__global count_t *c, uint v) { atomic_add((volatile __global uint *)c, v); }\n"
           "inline void clarity_count_exchange(__global count_t *c, count_t v) { atomic_xchg((volatile __global uint *)c, v); }";
}

}  // namespace

radix_sort_variant radix_sort_variant_for(const device& dev, const radix_sort_job& job) {
    const std::size_t value_size = job.value_type ? job.value_type->size : 0;
    const std::size_t budget = std::min<std::size_t>(dev.local_mem_size(), local_budget) - local_reserved;
    const auto items = std::min<std::size_t>(max_items_per_work_item,
                                             budget / (work_group * (job.key_type->size + value_size)));
    if (items == 0) throw std::logic_error("radix sort: values too large to stage in local memory");
    if (!job.key_type->is_integer() && job.key_type->kind != type_kind::floating)
        throw std::invalid_argument("radix sort: keys of type " + job.key_type->name + " cannot be sorted");
    return {&bits_type(job.key_type->size), job.value_type, job.n >= (1ull << 30), unsigned(work_group),
            unsigned(items), ranking_for(dev)};
}

std::string radix_sort_source(const device& dev, const radix_sort_variant& v) {
    const auto& key = *v.key_type;
    const bool wide_key = key.size == 8;
    std::vector<const type_info*> types;
    if (v.value_type) types.push_back(v.value_type);
    const bool integer_values = v.value_type && v.value_type->is_integer();
    const std::string stored_value = "values_in[tile_begin + p]";  // p: the key's tile position
    return fill_template(
        embedded_source("radix_sort.cl"),
        {{"prelude", kernel_prelude(dev, types)},
         {"description", key.name + " keys" + (v.value_type ? ", " + v.value_type->name + " values" : "")},
         {"key_t", key.name},
         {"radix_t", wide_key ? "ulong" : "uint"},
         {"index_t", v.wide ? "long" : "int"},
         {"count_t", v.wide ? "ulong" : "uint"},
         {"has_values", v.value_type ? "1" : "0"},
         {"value_t", v.value_type ? v.value_type->name : "void"},
         {"value_size", std::to_string(v.value_type ? v.value_type->size : 0)},
         {"load_value", integer_values ? "values_from_index ? (value_t)(tile_begin + p) : " + stored_value : stored_value},
         {"work_group", std::to_string(v.work_group)},
         {"items_per_work_item", std::to_string(v.items_per_work_item)},
         {"serial", v.ranking == radix_ranking::serial ? "1" : "0"},
         {"max_passes", std::to_string(key.size)},
         {"count_atomics", count_atomics(v.wide)},
         {"sort_order", sort_order_source(key.size, key.name, wide_key ? "ulong" : "uint")}});
}

std::string sort_order_source(std::size_t key_size, const std::string& bits_t, const std::string& rank_t) {
    const bool wide = key_size == 8;
    const unsigned bits = unsigned(key_size * 8);
    const std::uint64_t all_bits = wide ? ~0ull : (1ull << bits) - 1;
    // Above these bits (sign cleared) a float is NaN: float, double; other sizes have no NaN.
    const std::uint64_t infinity_bits = bits == 32 ? 0x7f800000ull : bits == 64 ? 0x7ff0000000000000ull : all_bits;
    return fill_template(embedded_source("sort_order.cl"), {{"bits_t", bits_t},
                                                            {"rank_t", rank_t},
                                                            {"top_bit", hex_constant(1ull << (bits - 1), wide)},
                                                            {"all_bits", hex_constant(all_bits, wide)},
                                                            {"infinity_bits", hex_constant(infinity_bits, wide)}});
}

int radix_sort_order(const type_info& key_type, bool descending) {
    return (descending ? 1 : 0) | (key_type.kind == type_kind::signed_integer ? 2 : 0) |
           (key_type.kind == type_kind::floating ? 4 : 0);
}

}  // namespace clarity::detail
