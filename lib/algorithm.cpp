// copy_if, remove_if, partition and unique as one scan each: a sum scan of 0/1 flags whose
// output statement scatters the selected entries (PyOpenCL's construction). GPU tiles replace
// the output statement with cl/compaction.cl, which writes each tile's entries contiguously.
#include <clarity/algorithm.hpp>

#include <mutex>
#include <set>
#include <stdexcept>
#include <unordered_map>

#include <clarity/scan.hpp>

#include "arg_list.hpp"
#include "hash.hpp"

namespace clarity::detail {

namespace {

const char* name_of(compaction what) {
    switch (what) {
        case compaction::copy_if: return "copy_if";
        case compaction::remove_if: return "remove_if";
        case compaction::partition: return "partition";
        case compaction::unique: return "unique";
    }
    return "compaction";
}

std::string declaration_of(const extra_arg& extra) {
    const auto& type = extra.value.type->name;
    return extra.value.what == call_argument::kind::array ? "__global " + type + " *" + extra.name
                                                          : type + " " + extra.name;
}

void check_extra_names(compaction what, const std::vector<extra_arg>& extras) {
    std::set<std::string> seen{"ary", "N", "i"};
    for (const auto& extra : extras) {
        if (!is_identifier(extra.name) || extra.name.rfind("clarity_", 0) == 0 || !seen.insert(extra.name).second)
            throw std::invalid_argument(std::string(name_of(what)) + ": \"" + extra.name +
                                        "\" cannot name an extra argument (not an identifier, reserved, or repeated)");
    }
}

scan_options compaction_scan(compaction what, const type_info& item, const std::string& predicate,
                             const algorithm_options& options) {
    scan_options scan;
    scan.name = name_of(what);
    // The outputs are arrays made for this call, so no pointer aliases another: restrict lets
    // the compiler batch the output statement's reads of ary across elements.
    scan.arguments = "__global const " + item.name + " *restrict ary, __global " + item.name + " *restrict clarity_out, ";
    if (what == compaction::partition) scan.arguments += "__global " + item.name + " *restrict clarity_rejected, ";
    scan.arguments += "__global ulong *restrict clarity_count";
    for (const auto& extra : options.extra_args) scan.arguments += ", " + declaration_of(extra);
    scan.scan_expr = "a + b";
    scan.neutral = "0";
    scan.preamble = options.preamble;
    switch (what) {
        case compaction::copy_if:
        case compaction::partition: scan.input_expr = "(" + predicate + ") ? 1 : 0"; break;
        case compaction::remove_if: scan.input_expr = "(" + predicate + ") ? 0 : 1"; break;
        case compaction::unique:
            scan.preamble += "\n#define CLARITY_IS_EQUAL(a, b) (" + predicate + ")\n";
            scan.input_fetch_exprs = {{"clarity_previous", "ary", -1}, {"clarity_current", "ary", 0}};
            scan.input_expr = "(i == 0 || !CLARITY_IS_EQUAL(clarity_previous, clarity_current)) ? 1 : 0";
            break;
    }
    scan.output_statement = "if (prev_item != item) clarity_out[item - 1] = ary[i];";
    if (what == compaction::partition) scan.output_statement += "\n        else clarity_rejected[i - item] = ary[i];";
    scan.output_statement += "\n        if (i + 1 == N) *clarity_count = item";
    return scan;
}

// The scan engine for a compaction, built once per context and key: a repeated call costs one
// lookup of a short key and never regenerates source.
const scan_engine& compaction_engine(compaction what, const context& ctx, const type_info& item,
                                     const type_info& scan_type, const std::string& predicate,
                                     const algorithm_options& options) {
    static std::mutex mutex;
    static std::unordered_map<std::string, std::unique_ptr<scan_engine>> engines;
    std::string key = hex64(reinterpret_cast<std::uintptr_t>(ctx.get()())) + name_of(what) + '\n' + item.name + '\n' +
                      scan_type.name + '\n' + predicate + '\n' + options.preamble;
    for (const auto& extra : options.extra_args) key += '\n' + declaration_of(extra);
    std::lock_guard lock(mutex);
    auto& slot = engines[key];
    if (!slot)
        slot = std::make_unique<scan_engine>(ctx, scan_type, compaction_scan(what, item, predicate, options), false,
                                             compaction_body{&item, what == compaction::partition});
    return *slot;
}

}  // namespace

event run_compaction(compaction what, const queue& q, const array_view& input, const std::string& predicate,
                     const algorithm_options& options, const array_view& out, const array_view* rejected,
                     const array_view& count) {
    if (!input.shape->is_contiguous())
        throw std::invalid_argument(std::string(name_of(what)) + ": the input is a strided view; pass view.copy()");
    if (predicate.empty()) throw std::invalid_argument(std::string(name_of(what)) + ": the predicate is empty");
    check_extra_names(what, options.extra_args);
    const std::uint64_t n = input.shape->size();
    if (n == 0) {
        const std::uint64_t zero = 0;
        return fill_view(q, count, &zero, options.wait_for);
    }
    // 32-bit counts while they fit: the scan then packs its tile descriptors into one word.
    const type_info& scan_type = n < (1ull << 32) ? type_info_of<cl_uint>() : type_info_of<cl_ulong>();
    const auto& engine = compaction_engine(what, q.context(), *input.type, scan_type, predicate, options);

    std::vector<call_argument> args{view_argument(input, q), view_argument(out, q)};
    if (rejected) args.push_back(view_argument(*rejected, q));
    args.push_back(view_argument(count, q));
    for (const auto& extra : options.extra_args) args.push_back(extra.value);
    return engine.launch({.size = n, .wait_for = options.wait_for, .queue = &q}, args);
}

}  // namespace clarity::detail
