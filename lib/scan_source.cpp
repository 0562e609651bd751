#include "scan_source.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <utility>
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

namespace {

// CLARITY_SCAN_GEOMETRY="<work-group size>x<items per work-item>[x<chunk>]", all powers of
// two: tunes the work-group tiles on a new device without rebuilding.
struct forced_shape {
    std::size_t group = 0, items = 0, chunk = 0;  // chunk 0: the default
};

std::optional<forced_shape> forced_geometry() {
    const char* forced = std::getenv("CLARITY_SCAN_GEOMETRY");
    if (!forced || !*forced) return std::nullopt;
    const std::string text = forced;
    const auto power_of_two = [](std::size_t v) { return v > 0 && (v & (v - 1)) == 0; };
    forced_shape f;
    char x = 0, y = 0, rest = 0;
    const int fields = std::sscanf(text.c_str(), "%zu%c%zu%c%zu%c", &f.group, &x, &f.items, &y, &f.chunk, &rest);
    const bool shaped = (fields == 3 || (fields == 5 && y == 'x' && power_of_two(f.chunk) && f.chunk <= f.items)) &&
                        x == 'x' && power_of_two(f.group) && power_of_two(f.items) && f.items <= 64;
    if (!shaped)
        throw std::invalid_argument("CLARITY_SCAN_GEOMETRY=\"" + text +
                                    "\": expected <work-group size>x<items per work-item>[x<chunk>], powers of two, "
                                    "e.g. 128x32 or 128x32x4");
    return f;
}

std::string without_spaces(const std::string& text) {
    std::string out;
    for (const char c : text)
        if (!std::isspace(static_cast<unsigned char>(c))) out += c;
    return out;
}

// The global pointer argument of the scan type that `access` ("x[i]", spaces ignored) reads
// at i alone, if it is one; empty otherwise.
std::string plain_array_at_i(const scan_definition& scan, const std::string& access, bool written) {
    const auto text = without_spaces(access);
    if (text.size() < 4 || !text.ends_with("[i]")) return {};
    const auto name = text.substr(0, text.size() - 3);
    const auto arg = std::find_if(scan.arguments.begin(), scan.arguments.end(),
                                  [&](const auto& a) { return a.name == name; });
    const bool plain = arg != scan.arguments.end() && arg->is_pointer && arg->address_space == "__global" &&
                       arg->type == scan.scan_type->name && !(written && arg->is_const);
    return plain ? name : std::string();
}

// Vector loads and stores of whole chunks: the template values of cl/scan.cl. A chunk of a
// scalar type (not half) moves as one vector when input_expr is a plain "x[i]" read, and when
// output_statement is "y[i] = item" or "y[i] = prev_item".
void add_vector_access(template_values& values, const scan_definition& scan, std::size_t chunk) {
    const auto& type = *scan.scan_type;
    const bool scalar = type.kind == type_kind::signed_integer || type.kind == type_kind::unsigned_integer ||
                        type.kind == type_kind::floating;
    const bool vectors = scalar && type.name != "half" && chunk >= 2 && chunk <= 16 && !scan.compaction.item;
    values["chunk"] = std::to_string(chunk);
    values["vector_t"] = vectors ? type.name + std::to_string(chunk) : type.name;
    const auto input = vectors && scan.options.input_fetch_exprs.empty()
                           ? plain_array_at_i(scan, scan.options.input_expr, false)
                           : std::string();
    values["vector_input"] = std::to_string(int(!input.empty()));
    values["vector_input_array"] = input;
    auto statement = without_spaces(scan.options.output_statement);
    if (statement.ends_with(";")) statement.pop_back();
    const auto equals = statement.find('=');
    const auto value = equals == std::string::npos ? std::string() : statement.substr(equals + 1);
    const auto output = vectors && (value == "item" || value == "prev_item")
                            ? plain_array_at_i(scan, statement.substr(0, equals), true)
                            : std::string();
    values["vector_output"] = std::to_string(int(!output.empty()));
    values["vector_output_array"] = output;
    values["vector_output_value"] = value == "prev_item" ? "CLARITY_PREV_ITEM(clarity_c, clarity_j, clarity_k, i)"
                                                         : "clarity_value[clarity_k]";
}

}  // namespace

scan_geometry scan_geometry_for(const device& dev, const type_info& scan_type, const type_info* staged,
                                std::size_t work_group_limit) {
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
    // Scans: 256 work-items x 128 bytes in 16-byte chunks; compaction: 128 work-items x 128
    // bytes. 2^28 ints on the H200, one run each (copy 0.51 ms). Scans, inclusive and without
    // output (chunk in the third field): 256 x 32 x 4 0.60 and 0.30 ms, 64 x 32 x 4 0.62 and
    // 0.41, 128 x 32 x 8 0.67 and 0.31, 128 x 32 x 2 0.72 and 0.40, 128 x 16 x 4 0.71 and 0.45,
    // 128 x 16 x 16 0.84 and 0.49; before chunks (a local-memory transposition, an earlier
    // run): 128 x 32 0.69 and 0.48. The copy_if kernel (cl/compaction.cl): 128 x 32 1.00 ms,
    // 256 x 32 1.31, 64 x 32 1.05, 128 x 16 1.13, 64 x 64 1.55. Items per work-item matter
    // most: they are the bytes each work-item has in flight.
    g.work_group_size = staged ? 128 : 256;
    g.items_per_work_item = std::clamp<std::size_t>(128 / size, 1, 32);
    // 16-byte chunks: one vector load or store each (cl/scan.cl).
    std::size_t chunk = std::max<std::size_t>(16 / size, 1);
    if (const auto forced = forced_geometry()) {
        g.work_group_size = forced->group;
        g.items_per_work_item = forced->items;
        if (forced->chunk) chunk = forced->chunk;
    }
    while (g.work_group_size > std::max<std::size_t>(work_group_limit, 1)) g.work_group_size /= 2;
    // Local memory: a scan's chunk totals (padded) and their segment starts, or a compaction's
    // places (padded) and gathered entries; the group's partials and look-back window
    // (cl/scan_group.cl); within the device's, less 1 KiB for the rest.
    const auto local_bytes = [&] {
        const auto group = g.work_group_size * (size + 1) * 2 + 64 * (size + 4);
        const auto tile = g.tile();
        if (staged) return (tile + tile / 32) * 4 + tile * staged->size + group;
        const auto chunks = tile / std::min(chunk, g.items_per_work_item);
        return (chunks + chunks / 32) * size + chunks + group;
    };
    const std::size_t local_limit = dev.local_mem_size() - 1024;
    while (g.items_per_work_item > 1 && local_bytes() > local_limit) g.items_per_work_item /= 2;
    while (g.work_group_size > 1 && local_bytes() > local_limit) g.work_group_size /= 2;
    g.chunk = std::min(chunk, g.items_per_work_item);
    return g;
}

std::string parallel_scan_source(const scan_definition& scan, const device& dev, bool wide,
                                 const scan_geometry& geometry) {
    auto values = common_values(scan, dev, wide, geometry.sequential_tiles ? "        " : "                ");
    values["work_group_size"] = std::to_string(geometry.work_group_size);
    values["items_per_work_item"] = std::to_string(geometry.items_per_work_item);
    add_vector_access(values, scan, geometry.chunk);
    if (scan.compaction.item) {
        values["item_t"] = scan.compaction.item->name;
        values["partition"] = scan.compaction.partition ? "1" : "0";
    }
    const auto storage = geometry.packed_descriptors ? "scan_lookback_packed.cl" : "scan_lookback_split.cl";
    values["lookback"] = fill_template(embedded_source("scan_lookback.cl"),
                                       {{"descriptor_storage", std::string(embedded_source(storage))},
                                        {"device_fence", std::string(embedded_source("device_fence.cl"))}});
    values["group"] = fill_template(embedded_source("scan_group.cl"), {{"work_group_size", values["work_group_size"]}});
    const auto body = geometry.sequential_tiles ? "scan_sequential_tiles.cl"
                      : scan.compaction.item   ? "compaction.cl"
                                               : "scan.cl";
    return fill_template(embedded_source(body), values);
}

std::string sequential_scan_source(const scan_definition& scan, const device& dev, bool wide) {
    return fill_template(embedded_source("scan_debug.cl"), common_values(scan, dev, wide, "            "));
}

}  // namespace clarity::detail
