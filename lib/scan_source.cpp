#include "scan_source.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <set>
#include <utility>
#include <stdexcept>

#include "embedded.hpp"
#include "kernel_arguments.hpp"
#include "kernel_support.hpp"
#include "source_template.hpp"

namespace clarity::detail {

namespace {

std::size_t round_up_128(std::size_t bytes) { return (bytes + 127) / 128 * 128; }

// The input_fetch_exprs as declarations; `previous` indexes those at offset -1 ("i - 1" where
// the code knows that i > 0).
std::string input_fetches(const scan_definition& scan, const std::string& indent,
                          const std::string& previous = "i > 0 ? i - 1 : 0") {
    std::string out;
    for (const auto& fetch : scan.options.input_fetch_exprs) {
        const auto arg = std::find_if(scan.arguments.begin(), scan.arguments.end(),
                                      [&](const auto& a) { return a.name == fetch.argument; });
        const std::string index = fetch.offset == 0 ? "i" : previous;
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

// Whether chunks of `type` can move as one OpenCL vector each.
bool vectors_of(const type_info& type, std::size_t chunk) {
    const bool scalar = type.kind == type_kind::signed_integer || type.kind == type_kind::unsigned_integer ||
                        type.kind == type_kind::floating;
    return scalar && type.name != "half" && chunk >= 2 && chunk <= 16;
}

// Vector loads and stores of whole chunks: the template values of cl/scan.cl. A chunk of a
// scalar type (not half) moves as one vector when input_expr is a plain "x[i]" read, and when
// output_statement is "y[i] = item" or "y[i] = prev_item".
void add_vector_access(template_values& values, const scan_definition& scan, std::size_t chunk) {
    const auto& type = *scan.scan_type;
    const bool vectors = vectors_of(type, chunk);
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

// `expr` with each read "ary[i]" (spaces allowed) of a compaction's entry replaced by the
// entry its work-item holds, so that the keep flag needs no second load.
std::string reading_held_entries(const std::string& expr) {
    std::string out;
    std::size_t at = 0;
    const auto skip_spaces = [&](std::size_t k) {
        while (k < expr.size() && std::isspace(static_cast<unsigned char>(expr[k]))) ++k;
        return k;
    };
    while (at < expr.size()) {
        const bool name_starts = expr.compare(at, 3, "ary") == 0 && (at == 0 || !is_identifier_char(expr[at - 1]));
        if (name_starts) {
            std::size_t k = skip_spaces(at + 3);
            const bool open = k < expr.size() && expr[k] == '[';
            if (open) k = skip_spaces(k + 1);
            const bool index = open && k < expr.size() && expr[k] == 'i' &&
                               (k + 1 == expr.size() || !is_identifier_char(expr[k + 1]));
            if (index) k = skip_spaces(k + 1);
            if (index && k < expr.size() && expr[k] == ']') {
                out += "clarity_entry[clarity_k]";
                at = k + 1;
                continue;
            }
        }
        out += expr[at++];
    }
    return out;
}

// A compaction's input fetches (unique's neighbours): those of ary take the entries the
// work-item holds (cl/compaction.cl), others read their arrays.
std::string compaction_fetches(const scan_definition& scan, const std::string& indent) {
    std::string out;
    for (const auto& fetch : scan.options.input_fetch_exprs) {
        if (fetch.argument != "ary") continue;
        const auto held = fetch.offset == 0 ? "clarity_entry[clarity_k]" : "CLARITY_ENTRY_BEFORE(clarity_k)";
        out += indent + "const " + scan.compaction.item->name + " " + fetch.name + " = " + held + ";\n";
    }
    scan_definition others = scan;
    std::erase_if(others.options.input_fetch_exprs, [](const auto& fetch) { return fetch.argument == "ary"; });
    return out + input_fetches(others, indent);
}

// The template values of cl/compaction.cl: the entry type, the keep flag and fetches, and
// vector loads of ary's chunks where its entries are of a scalar type.
void add_compaction_access(template_values& values, const scan_definition& scan, std::size_t chunk,
                           const std::string& indent) {
    const auto& item = *scan.compaction.item;
    const auto& fetches = scan.options.input_fetch_exprs;
    const bool reads_entry_before = std::any_of(fetches.begin(), fetches.end(), [](const auto& fetch) {
        return fetch.argument == "ary" && fetch.offset == -1;
    });
    const bool vectors = vectors_of(item, chunk);
    values["item_t"] = item.name;
    values["partition"] = std::to_string(int(scan.compaction.partition));
    values["keep_expr"] = reading_held_entries(scan.options.input_expr);
    values["input_fetches"] = compaction_fetches(scan, indent);
    values["reads_entry_before"] = std::to_string(int(reads_entry_before));
    values["chunk"] = std::to_string(chunk);
    values["vector_t"] = vectors ? item.name + std::to_string(chunk) : item.name;
    values["vector_input"] = std::to_string(int(vectors));
}

// Scan operators that mean the same applied lane by lane to OpenCL vectors as to scalars,
// spaces removed, each also in parentheses and after "across_seg_boundary?b:".
bool works_on_lanes(std::string expr) {
    static const std::set<std::string, std::less<>> lane_wise{
        "a+b",      "b+a",      "a*b",       "b*a",       "a|b",       "a&b",       "a^b",
        "max(a,b)", "max(b,a)", "min(a,b)",  "min(b,a)",  "fmax(a,b)", "fmax(b,a)", "fmin(a,b)", "fmin(b,a)"};
    const auto unwrap = [](std::string& text) {
        if (text.size() > 2 && text.front() == '(' && text.back() == ')') text = text.substr(1, text.size() - 2);
    };
    expr = without_spaces(expr);
    unwrap(expr);
    const std::string segmented = "across_seg_boundary?b:";
    if (expr.starts_with(segmented)) expr.erase(0, segmented.size());
    unwrap(expr);
    return lane_wise.contains(expr);
}

// Whether `index` (spaces removed) is i, or i plus or minus a number.
bool near_i(const std::string& index) {
    if (index == "i") return true;
    const auto digit = [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; };
    return index.size() > 2 && index[0] == 'i' && (index[1] == '+' || index[1] == '-') &&
           std::all_of(index.begin() + 2, index.end(), digit);
}

// Whether the output loop of a sequential tile should be left to the compiler's vectoriser:
// when output_statement writes through no pointer (no '*') and every subscript is near i.
// Otherwise a vectoriser may turn its stores into scatters, which took a third of unique's
// time on PoCL (AMD EPYC), more than the scalar loop.
bool output_vectorises(const std::string& statement) {
    const auto text = without_spaces(statement);
    if (text.find('*') != std::string::npos) return false;
    for (auto open = text.find('['); open != std::string::npos; open = text.find('[', open + 1)) {
        const auto close = text.find(']', open);
        if (close == std::string::npos || !near_i(text.substr(open + 1, close - open - 1))) return false;
    }
    return true;
}

// cl/scan_lanes.cl for a sequential-tile scan of a scalar type (not half) with a lane-wise
// operator, a 64-byte vector (at most 16 lanes) at a time; else empty.
std::string lane_scan_source(const scan_definition& scan) {
    const auto& type = *scan.scan_type;
    const std::size_t lanes = std::min<std::size_t>(16, 64 / type.size);
    if (!vectors_of(type, lanes) || !works_on_lanes(scan.options.scan_expr)) return {};
    const char* const digits = "0123456789abcdef";
    std::string numbers, steps;
    for (std::size_t lane = 0; lane < lanes; ++lane) numbers += (lane ? ", " : "") + std::to_string(lane);
    for (std::size_t distance = 1; distance < lanes; distance *= 2) {
        // Lanes below `distance` keep their own value (the combination is not taken there).
        std::string shifted;
        for (std::size_t lane = 0; lane < lanes; ++lane) shifted += digits[lane < distance ? lane : lane - distance];
        steps += "    clarity_combine_lanes(&x, starts, x.s" + shifted + ", starts->s" + shifted + ", " +
                 std::to_string(distance) + ");\n";
    }
    steps.pop_back();
    const char* mask = type.size == 1 ? "char" : type.size == 2 ? "short" : type.size == 4 ? "int" : "long";
    return fill_template(embedded_source("scan_lanes.cl"), {{"lanes", std::to_string(lanes)},
                                                            {"scan_t", type.name},
                                                            {"mask_t", mask},
                                                            {"scan_expr", scan.options.scan_expr},
                                                            {"lane_numbers", numbers},
                                                            {"lane_steps", steps},
                                                            {"last_lane", std::string(1, digits[lanes - 1])}});
}

}  // namespace

scan_geometry scan_geometry_for(const device& dev, const type_info& scan_type, const type_info* staged,
                                std::size_t work_group_limit) {
    scan_geometry g;
    g.scan_type = &scan_type;
    const std::size_t size = scan_type.size;
    g.packed_descriptors = size <= 4 && dev.has_extension("cl_khr_int64_base_atomics");
    if (sequential_tiles_for(dev)) {
        // 16 KiB per tile. Inclusive scan of 2^22 ints on PoCL (AMD EPYC, shared machine, best
        // of three), 8 / 16 / 32 KiB: 1.10 / 1.40 / 1.73 ms on one thread, 1.70 / 1.14 / 0.96
        // ms on two (the 32 KiB median 2.6 ms); unique, two threads: 3.16 / 2.30 / 2.52 ms.
        g.sequential_tiles = true;
        g.items_per_work_item = std::max<std::size_t>(16384 / size, 1);
        return g;
    }
    // Scans: 256 work-items x 128 bytes of values in 16-byte chunks; compactions: 128
    // work-items x 256 bytes of entries in 32-byte chunks. 2^28 ints on the H200, one run each
    // (copy 0.51 ms). Scans, inclusive and without output (chunk in the third field): 256 x 32
    // x 4 0.60 and 0.30 ms, 64 x 32 x 4 0.62 and 0.41, 128 x 32 x 8 0.67 and 0.31, 128 x 32 x
    // 2 0.72 and 0.40, 128 x 16 x 4 0.71 and 0.45, 128 x 16 x 16 0.84 and 0.49; before chunks
    // (a local-memory transposition, an earlier run): 128 x 32 0.69 and 0.48. copy_if of 2^28
    // floats, half kept (cl/compaction.cl; copy 0.51 ms), kernel alone: 128 x 64 x 8 0.53 ms,
    // 128 x 64 x 16 0.59, 128 x 64 x 4 0.62, 64 x 64 x 4 0.65, 256 x 32 x 8 0.69, 256 x 32 x 4
    // 0.68, 128 x 32 x 4 0.71, 64 x 32 x 4 0.81, 256 x 16 x 4 0.82, 512 x 8 x 4 1.15; writing
    // kept entries straight from registers instead of through local memory: 256 x 32 x 4 0.68,
    // 256 x 32 x 1 0.83; the kernel before chunks (striped scalar loads, flags and places
    // through local memory): 128 x 32 0.97-1.00. Items per work-item matter most: they are
    // the bytes each work-item has in flight.
    // A compaction's tile is sized by its entries, which it loads; a scan's by its values.
    const std::size_t entry_size = staged ? staged->size : size;
    g.work_group_size = staged ? 128 : 256;
    g.items_per_work_item = staged ? std::clamp<std::size_t>(256 / entry_size, 1, 64)
                                   : std::clamp<std::size_t>(128 / entry_size, 1, 32);
    // A chunk is one vector load or store (cl/scan.cl, cl/compaction.cl), of at most 16
    // entries (OpenCL's widest vectors). Entries of other sizes than powers of two go one by
    // one, so that chunks divide the work-item's items.
    const bool power_of_two = (entry_size & (entry_size - 1)) == 0;
    const std::size_t chunk_bytes = staged ? 32 : 16;
    std::size_t chunk = power_of_two ? std::clamp<std::size_t>(chunk_bytes / entry_size, 1, 16) : 1;
    if (const auto forced = forced_geometry()) {
        g.work_group_size = forced->group;
        g.items_per_work_item = forced->items;
        if (forced->chunk) chunk = forced->chunk;
    }
    while (g.work_group_size > std::max<std::size_t>(work_group_limit, 1)) g.work_group_size /= 2;
    // Local memory: the chunk totals (padded), with a scan's segment starts or a compaction's
    // gathered entries; the group's partials and look-back window (cl/scan_group.cl); within
    // the device's, less 1 KiB for the rest.
    const auto local_bytes = [&] {
        const auto group = g.work_group_size * (size + 1) * 2 + 64 * (size + 4);
        const auto chunks = g.tile() / std::min(chunk, g.items_per_work_item);
        if (staged) return (chunks + chunks / 32) * 4 + g.tile() * staged->size + group;
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
    const bool compaction = scan.compaction.item && !geometry.sequential_tiles;
    const auto indent = geometry.sequential_tiles ? "        " : compaction ? "            " : "                ";
    auto values = common_values(scan, dev, wide, indent);
    values["work_group_size"] = std::to_string(geometry.work_group_size);
    values["items_per_work_item"] = std::to_string(geometry.items_per_work_item);
    if (compaction) add_compaction_access(values, scan, geometry.chunk, indent);
    else add_vector_access(values, scan, geometry.chunk);
    const auto storage = geometry.packed_descriptors ? "scan_lookback_packed.cl" : "scan_lookback_split.cl";
    values["lookback"] = fill_template(embedded_source("scan_lookback.cl"),
                                       {{"descriptor_storage", std::string(embedded_source(storage))},
                                        {"device_fence", std::string(embedded_source("device_fence.cl"))}});
    values["group"] = fill_template(embedded_source("scan_group.cl"), {{"work_group_size", values["work_group_size"]}});
    if (!geometry.sequential_tiles) {
        values["chunked_tile"] = fill_template(embedded_source("chunked_tile.cl"), values);
    } else {
        values["lane_scan"] = lane_scan_source(scan);
        values["input_fetches_after_first"] = input_fetches(scan, indent, "i - 1");
        const auto& fetches = scan.options.input_fetch_exprs;
        values["fetches_previous"] =
            std::any_of(fetches.begin(), fetches.end(), [](const auto& f) { return f.offset == -1; }) ? "1" : "0";
        values["output_loop_hint"] =
            output_vectorises(scan.options.output_statement) ? "" : "\n#pragma clang loop vectorize(disable)";
    }
    const auto body = geometry.sequential_tiles ? "scan_sequential_tiles.cl" : compaction ? "compaction.cl" : "scan.cl";
    return fill_template(embedded_source(body), values);
}

std::string sequential_scan_source(const scan_definition& scan, const device& dev, bool wide) {
    return fill_template(embedded_source("scan_debug.cl"), common_values(scan, dev, wide, "            "));
}

}  // namespace clarity::detail
