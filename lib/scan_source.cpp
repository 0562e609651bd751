#include "scan_source.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <stdexcept>

#include "embedded.hpp"
#include "kernel_arguments.hpp"
#include "kernel_support.hpp"
#include "source_template.hpp"

namespace clarity::detail {

namespace {

std::size_t round_up_128(std::size_t bytes) { return (bytes + 127) / 128 * 128; }

bool is_identifier_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

std::string input_fetches(const scan_definition& scan, const std::string& indent) {
    std::string out;
    for (const auto& fetch : scan.options.input_fetch_exprs) {
        const auto arg = std::find_if(scan.arguments.begin(), scan.arguments.end(),
                                      [&](const auto& a) { return a.name == fetch.argument; });
        const std::string index = fetch.offset == 0 ? "i" : "i > 0 ? i - 1 : 0";
        out += indent + "const " + arg->type + " " + fetch.name + " = " + fetch.argument + "[" + index + "];\n";
    }
    return out;
}

std::string scan_header(const scan_definition& scan, const device& dev, bool wide,
                        std::vector<const type_info*> types) {
    types.push_back(scan.scan_type);
    require_type_support(dev, *scan.scan_type, scan.description + " scan type");
    const auto& o = scan.options;
    const auto user_code = o.preamble + o.input_expr + o.scan_expr + o.neutral + o.output_statement +
                           o.is_segment_start_expr;
    return fill_template(embedded_source("scan_header.cl"),
                         {{"prelude", kernel_prelude(dev, types, user_code)},
                          {"preamble", o.preamble},
                          {"scan_t", scan.scan_type->name},
                          {"index_t", wide ? "long" : "int"},
                          {"segmented", scan.segmented ? "1" : "0"},
                          {"uses_prev_item", scan.uses_prev_item ? "1" : "0"},
                          {"uses_last_item", scan.uses_last_item ? "1" : "0"},
                          {"scan_expr", o.scan_expr},
                          {"neutral", o.neutral}});
}

// The values every scan template shares.
template_values common_values(const scan_definition& scan, const device& dev, bool wide, const std::string& indent) {
    const auto params = declare_user_arguments(scan.description, dev, scan.arguments, wide ? "long" : "int");
    auto setup = params.pointer_setup;
    if (!setup.empty()) setup.pop_back();
    return {{"header", scan_header(scan, dev, wide, params.types)},
            {"name", scan.options.name},
            {"parameters", params.parameters},
            {"pointer_setup", setup},
            {"input_fetches", input_fetches(scan, indent)},
            {"input_expr", scan.options.input_expr},
            {"segment_start_expr", scan.segmented ? scan.options.is_segment_start_expr : "false"},
            {"output_statement", scan.options.output_statement}};
}

}  // namespace

bool mentions_identifier(const std::string& text, const std::string& word) {
    for (auto at = text.find(word); at != std::string::npos; at = text.find(word, at + 1)) {
        const bool starts = at == 0 || !is_identifier_char(text[at - 1]);
        const bool ends = at + word.size() == text.size() || !is_identifier_char(text[at + word.size()]);
        if (starts && ends) return true;
    }
    return false;
}

scan_definition define_scan(const type_info& scan_type, const scan_options& options, bool sequential) {
    scan_definition scan;
    scan.options = options;
    scan.scan_type = &scan_type;
    scan.description = std::string(sequential ? "GenericDebugScanKernel" : "GenericScanKernel") + " '" +
                       options.name + "'";
    const auto fail = [&](const std::string& why) { return std::invalid_argument(scan.description + ": " + why); };
    if (!is_identifier(options.name)) throw fail("\"" + options.name + "\" is not a valid kernel name");
    if (options.input_expr.empty()) throw fail("input_expr is empty");
    if (options.scan_expr.empty()) throw fail("scan_expr is empty");
    if (!options.index_type.empty() && options.index_type != "int" && options.index_type != "long")
        throw fail("index_type must be \"int\", \"long\" or empty, not \"" + options.index_type + "\"");
    scan.arguments = parse_argument_list(options.arguments);
    for (const auto& arg : scan.arguments) declared_type(scan.description, arg);
    for (const auto& fetch : options.input_fetch_exprs) {
        if (!is_identifier(fetch.name)) throw fail("input fetch name \"" + fetch.name + "\" is not an identifier");
        if (fetch.offset != 0 && fetch.offset != -1)
            throw fail("input fetch '" + fetch.name + "': the offset must be 0 or -1");
        const auto arg = std::find_if(scan.arguments.begin(), scan.arguments.end(),
                                      [&](const auto& a) { return a.name == fetch.argument; });
        if (arg == scan.arguments.end() || !arg->is_pointer)
            throw fail("input fetch '" + fetch.name + "' reads \"" + fetch.argument + "\", which is not a pointer argument");
    }
    scan.segmented = !options.is_segment_start_expr.empty();
    scan.uses_prev_item = mentions_identifier(options.output_statement, "prev_item");
    scan.uses_last_item = mentions_identifier(options.output_statement, "last_item");
    if (scan.uses_prev_item && options.neutral.empty()) throw fail("output_statement uses prev_item but no neutral is given");
    return scan;
}

// Scratch layout (cl/scan_lookback.cl): the total, the ticket counter (128 bytes), the
// descriptors: 8 bytes packed, else a {uint status; T aggregate, inclusive;} record, at most
// 4 * max(size, 4) bytes.
std::size_t scan_geometry::scratch_bytes(std::uint64_t tiles) const {
    const std::size_t descriptor = packed_descriptors ? 8 : 4 * std::max<std::size_t>(scan_type->size, 4);
    return round_up_128(scan_type->size) + 128 + descriptor * tiles;
}

std::size_t scan_geometry::scratch_layout() const { return packed_descriptors ? 0 : scan_type->size; }

bool sequential_tiles_for(const device& dev) {
    const char* forced = std::getenv("CLARITY_SCAN_TILES");
    if (!forced || !*forced) return dev.is_cpu();
    const std::string choice = forced;
    if (choice != "sequential" && choice != "work_group")
        throw std::invalid_argument("CLARITY_SCAN_TILES=\"" + choice + "\": expected \"sequential\" or \"work_group\"");
    return choice == "sequential";
}

scan_geometry scan_geometry_for(const device& dev, const type_info& scan_type, std::size_t work_group_limit) {
    scan_geometry g;
    g.scan_type = &scan_type;
    const std::size_t size = scan_type.size;
    g.packed_descriptors = size <= 4 && dev.has_extension("cl_khr_int64_base_atomics");
    if (sequential_tiles_for(dev)) {
        // 16 KiB per tile: 2.8 ms for 2^22 ints on PoCL (2 cores), 3.4 ms with 64 KiB, 3.0 ms
        // with 256 KiB (noisy, shared machine).
        g.sequential_tiles = true;
        g.items_per_work_item = std::max<std::size_t>(16384 / size, 1);
        return g;
    }
    // 64 work-items x 32 ints. Inclusive scan of 2^28 ints on the H200, one run (copy 0.52 ms):
    // 0.90 ms; 128 x 32: 1.36 ms; 256 x 16 (look-back windows of 16): 1.63 ms. Small groups keep
    // more tiles in flight per compute unit while some of them wait in the look-back.
    g.work_group_size = std::min<std::size_t>(64, work_group_limit);
    g.items_per_work_item = std::clamp<std::size_t>(128 / size, 1, 32);
    // Local memory: values (padded), segment starts, partials. Keep it within a third of the
    // device's so that several groups share a compute unit.
    const auto local_bytes = [&] {
        const auto tile = g.tile();
        return (tile + tile / 32) * size + tile + g.work_group_size * (size + 1) * 2;
    };
    while (g.items_per_work_item > 1 && local_bytes() > dev.local_mem_size() / 3) g.items_per_work_item /= 2;
    while (g.work_group_size > 1 && local_bytes() > dev.local_mem_size() / 3) g.work_group_size /= 2;
    return g;
}

std::string parallel_scan_source(const scan_definition& scan, const device& dev, bool wide,
                                 const scan_geometry& geometry) {
    auto values = common_values(scan, dev, wide, geometry.sequential_tiles ? "        " : "                ");
    values["work_group_size"] = std::to_string(geometry.work_group_size);
    values["items_per_work_item"] = std::to_string(geometry.items_per_work_item);
    const auto storage = geometry.packed_descriptors ? "scan_lookback_packed.cl" : "scan_lookback_split.cl";
    values["lookback"] = fill_template(embedded_source("scan_lookback.cl"),
                                       {{"descriptor_storage", std::string(embedded_source(storage))}});
    return fill_template(embedded_source(geometry.sequential_tiles ? "scan_sequential_tiles.cl" : "scan.cl"), values);
}

std::string sequential_scan_source(const scan_definition& scan, const device& dev, bool wide) {
    return fill_template(embedded_source("scan_debug.cl"), common_values(scan, dev, wide, "            "));
}

}  // namespace clarity::detail
