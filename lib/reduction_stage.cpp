#include "reduction_stage.hpp"

#include <algorithm>
#include <cctype>

#include <clarity/types.hpp>

#include "reduction_kernel.hpp"

namespace clarity::detail {

namespace {

// Groups per compute unit: enough to keep every GPU core's loads in flight (measured on an H200:
// 4 with work-items interleaved over the whole body beat 8 and 16, and chunks per group).
constexpr std::uint64_t groups_per_compute_unit = 4;
// Each accumulator lane takes at most about this many items from the unrolled loop (it bounds
// the float rounding error, reduction.hpp), unless the range needs more than max_groups groups.
constexpr std::uint64_t items_per_lane = 16;
constexpr std::uint64_t max_groups = 16384;

std::uint64_t divide_up(std::uint64_t a, std::uint64_t b) { return (a + b - 1) / b; }

// The names read by a map "A[i]" or "A[i]*B[i]" (spaces removed), else nothing.
std::vector<std::string> element_reads(std::string map) {
    if (map.size() > 2 && map.front() == '(' && map.back() == ')') map = map.substr(1, map.size() - 2);
    std::vector<std::string> names;
    std::size_t pos = 0;
    while (true) {
        const auto bracket = map.find("[i]", pos);
        if (bracket == std::string::npos) return {};
        const auto name = map.substr(pos, bracket - pos);
        if (!is_identifier(name)) return {};
        names.push_back(name);
        pos = bracket + 3;
        if (pos == map.size()) return names;
        if (map[pos] != '*' || names.size() == 2) return {};
        ++pos;
    }
}

std::string accumulator(std::uint64_t round, const std::optional<vector_map>& vectors, std::size_t lane) {
    const auto name = "clarity_acc" + std::to_string(round);
    return vectors ? name + "_" + std::to_string(lane) : name;
}

std::vector<std::string> accumulator_names(const std::optional<vector_map>& vectors) {
    std::vector<std::string> names;
    for (std::uint64_t round = 0; round < reduction_rounds; ++round)
        for (std::size_t lane = 0; lane < (vectors ? vectors->width : 1); ++lane)
            names.push_back(accumulator(round, vectors, lane));
    return names;
}

std::string tree(const std::vector<std::string>& names, std::size_t first, std::size_t count) {
    if (count == 1) return names[first];
    const auto half = count / 2;
    return "CLARITY_REDUCE(" + tree(names, first, half) + ", " + tree(names, first + half, count - half) + ")";
}

std::string element_macro(const reduction_spec& spec, const std::string& index_t) {
    return "#define CLARITY_ELEMENT(acc, index) \\\n    { const " + index_t +
           " i = (index); acc = CLARITY_REDUCE(acc, (" + spec.map + ")); }\n";
}

// The arrays a map reads, each once: "x[i]*x[i]" reads x twice but loads it once.
std::vector<std::string> distinct(const std::vector<std::string>& names) {
    std::vector<std::string> once;
    for (const auto& name : names)
        if (std::find(once.begin(), once.end(), name) == once.end()) once.push_back(name);
    return once;
}

std::string vector_item(const vector_map& v) {
    const auto vector_t = v.element + std::to_string(v.width);
    std::string text = "// Item k is the " + vector_t + " of body elements " + std::to_string(v.width) + "k .. " +
                       std::to_string(v.width) + "k + " + std::to_string(v.width - 1) +
                       "; lane L goes into accumulator acc_L.\n#define CLARITY_ITEM(acc, k) \\\n    { const " +
                       vector_t + " ";
    const auto arrays = distinct(v.names);
    for (std::size_t n = 0; n < arrays.size(); ++n)
        text += (n ? ", " : "") + arrays[n] + "_k = clarity_" + arrays[n] + "_body[(k)]";
    text += "; \\\n";
    for (std::size_t lane = 0; lane < v.width; ++lane) {
        const auto component = ".s" + std::to_string(lane);
        std::string value = v.names[0] + "_k" + component;
        if (v.names.size() == 2) value += " * " + v.names[1] + "_k" + component;
        const auto acc = "acc##_" + std::to_string(lane);
        text += "      " + acc + " = CLARITY_REDUCE(" + acc + ", " + value + ");" + (lane + 1 < v.width ? " \\\n" : " }\n");
    }
    return text;
}

}  // namespace

std::optional<vector_map> find_vector_map(const reduction_spec& spec) {
    const auto names = element_reads(without_spaces(spec.map));
    if (names.empty()) return std::nullopt;
    vector_map v;
    v.names = names;
    for (const auto& name : names) {
        const auto arg = std::find_if(spec.arguments.begin(), spec.arguments.end(),
                                      [&](const declared_argument& a) { return a.name == name; });
        if (arg == spec.arguments.end() || !arg->is_pointer || arg->address_space != "__global") return std::nullopt;
        const type_info* type = find_type(arg->type);
        const bool scalar = type && (type->kind == type_kind::floating || type->is_integer());
        if (!scalar || (type->size != 4 && type->size != 8) || (!v.element.empty() && v.element != type->name))
            return std::nullopt;
        v.element = type->name;
        v.width = 16 / type->size;
        v.operands.push_back(std::size_t(arg - spec.arguments.begin()));
    }
    return v;
}

stage_source stage_text(const reduction_spec& spec, const std::optional<vector_map>& vectors,
                        const std::string& index_t) {
    stage_source s;
    const auto names = accumulator_names(vectors);
    s.accumulators = names[0] + " = " + spec.neutral;
    for (std::size_t n = 1; n < names.size(); ++n)
        s.accumulators += (vectors && n % vectors->width == 0 ? ",\n        " : ", ") + names[n] + " = " + names[0];
    for (std::uint64_t round = 0; round < reduction_rounds; ++round)
        s.rounds += "        CLARITY_ITEM(clarity_acc" + std::to_string(round) + ", clarity_k" +
                    (round == 0 ? std::string() : " + " + std::to_string(round) + " * clarity_stride") + ");\n";
    std::vector<std::string> totals;  // one per round, after its lanes are combined
    for (std::uint64_t round = 0; round < reduction_rounds; ++round) {
        if (!vectors) {
            totals.push_back(names[round]);
            continue;
        }
        const auto lanes = std::vector<std::string>(names.begin() + std::ptrdiff_t(round * vectors->width),
                                                    names.begin() + std::ptrdiff_t((round + 1) * vectors->width));
        s.combine += "    " + lanes[0] + " = " + tree(lanes, 0, lanes.size()) + ";\n";
        totals.push_back(lanes[0]);
    }
    if (vectors) s.combine = "    // Lanes, then rounds, combined in tree order.\n" + s.combine;
    s.total = tree(totals, 0, totals.size());
    if (!vectors) {
        s.item = "// Item k is element clarity_start + k * clarity_step of the range.\n" + element_macro(spec, index_t) +
                 "#define CLARITY_ITEM(acc, k) CLARITY_ELEMENT(acc, clarity_start + (k) * clarity_step)\n";
        return s;
    }
    const auto vector_t = vectors->element + std::to_string(vectors->width);
    s.item = element_macro(spec, index_t) + vector_item(*vectors);
    s.setup = "    // The body starts on a 16-byte boundary of every array it reads.\n";
    for (const auto& name : distinct(vectors->names))
        s.setup += "    __global const " + vector_t + " *clarity_" + name + "_body = (__global const " + vector_t + " *)(" +
                   name + " + clarity_start + clarity_head);\n";
    s.edges = "    // Group 0 also takes the elements before and after the body, one per work-item.\n"
              "    if (get_group_id(0) == 0) {\n"
              "        const " + index_t + " clarity_tail = clarity_head + " + std::to_string(vectors->width) +
              " * clarity_body + clarity_lid;\n"
              "        if (clarity_lid < clarity_head) CLARITY_ELEMENT(" + names[0] + ", clarity_start + clarity_lid);\n"
              "        if (clarity_tail < clarity_count) CLARITY_ELEMENT(" + names[1] + ", clarity_start + clarity_tail);\n"
              "    }\n";
    return s;
}

reduction_plan plan_reduction(const std::optional<vector_map>& vectors, const range& r,
                              std::span<const call_argument> args, std::uint64_t group_size,
                              unsigned compute_units) {
    reduction_plan p;
    const auto count = r.size();
    std::uint64_t width = 1;
    // Group 0 takes the head and the tail, one element per work-item.
    if (vectors && r.step == 1 && group_size >= vectors->width) {
        const auto w = std::int64_t(vectors->width);
        const auto misalignment = [&](std::size_t operand) {
            return ((args[operand].view.shape->offset + r.start) % w + w) % w;
        };
        const auto first = misalignment(vectors->operands.front());
        p.vector = std::all_of(vectors->operands.begin(), vectors->operands.end(),
                               [&](std::size_t operand) { return misalignment(operand) == first; });
        if (p.vector) {
            width = vectors->width;
            p.head = std::min<std::uint64_t>(count, std::uint64_t((w - first) % w));
        }
    }
    p.body = (count - p.head) / width;
    const auto round = group_size * reduction_rounds;
    const auto enough = std::max<std::uint64_t>(std::uint64_t(std::max(1u, compute_units)) * groups_per_compute_unit,
                                                divide_up(p.body, round * items_per_lane));
    p.groups = std::clamp<std::uint64_t>(divide_up(p.body, round), 1, std::min(enough, max_groups));
    return p;
}

}  // namespace clarity::detail
