// ListOfListsBuilder: a count kernel, a scan per counted list (counts -> starts), one read of
// all totals, then a write kernel. Both kernels expand the user's generate() with different
// APPEND_<name> macros from cl/list_builder.cl.
#include <clarity/list_of_lists.hpp>

#include <algorithm>
#include <map>
#include <mutex>
#include <stdexcept>

#include <clarity/program_cache.hpp>
#include <clarity/scan.hpp>

#include "arg_list.hpp"
#include "embedded.hpp"
#include "kernel_arguments.hpp"
#include "kernel_support.hpp"
#include "source_template.hpp"

namespace clarity {

const list_of_lists::entry& list_of_lists::find(const std::string& name, const type_info& type) const {
    auto it = entries_.find(name);
    if (it == entries_.end()) throw std::invalid_argument("list_of_lists: no list named '" + name + "'");
    if (!(*it->second.type == type))
        throw std::invalid_argument("list_of_lists: list '" + name + "' holds " + it->second.type->name + ", not " +
                                    type.name);
    return it->second;
}

void list_of_lists::copy_values(const entry& e, const cl::Buffer& to) const {
    if (e.count == 0) return;
    detail::check(queue_.get().enqueueCopyBuffer(e.values->buffer, to, 0, 0, e.count * e.type->size),
                  "clEnqueueCopyBuffer");
}

namespace {

enum class role { counted, shares_counts, omitted };

struct list_spec {
    std::string name;
    const type_info* type = nullptr;
    role what = role::counted;
    std::string mother;       // shares_counts: whose counts and starts it uses
    bool eliminate_empty = false;
    std::size_t slot = 0;     // counted: its place among the counted lists
};

}  // namespace

struct ListOfListsBuilder::state {
    context ctx;
    std::vector<list_spec> lists;
    std::vector<detail::declared_argument> user_arguments;
    std::string generate, description;
    list_builder_options options;
    std::size_t counted = 0;
    detail::built_kernels<bool> count_pass, write_pass;
    GenericScanKernel<std::int32_t> starts_scan;
    GenericScanKernel<cl_int2> compressed_starts_scan;

    state(const context& c);
    std::string source(const device& dev, bool wide, bool writing) const;
    detail::kernel_pool& kernel(const device& dev, bool wide, bool writing);
};

namespace {

// counts -> starts (n + 1 entries); the total goes to totals[slot].
scan_options starts_scan_options() {
    scan_options o;
    o.name = "list_starts";
    o.arguments = "__global const uint *counts, __global int *starts, __global int *totals, int slot";
    o.input_expr = "counts[i]";
    o.scan_expr = "a + b";
    o.output_statement = "starts[i + 1] = item;\n"
                         "        if (i == 0) starts[0] = 0;\n"
                         "        if (i + 1 == N) totals[slot] = item";
    return o;
}

// counts -> starts of the non-empty lists only, with the objects they belong to. The scan
// carries (entries so far, non-empty lists so far); totals[slot], totals[slot + 1] get both.
scan_options compressed_starts_scan_options() {
    scan_options o;
    o.name = "list_compressed_starts";
    o.arguments = "__global const uint *counts, __global int *starts, __global int *object_starts, "
                  "__global int *nonempty, __global int *totals, int slot";
    o.input_expr = "(int2)((int)counts[i], counts[i] != 0 ? 1 : 0)";
    o.scan_expr = "a + b";
    o.neutral = "(int2)(0, 0)";
    o.output_statement =
        "object_starts[i] = prev_item.x;\n"
        "        if (counts[i] != 0) { starts[prev_item.y] = prev_item.x; nonempty[prev_item.y] = (int)i; }\n"
        "        if (i + 1 == N) { starts[item.y] = item.x; totals[slot] = item.x; totals[slot + 1] = item.y; }";
    return o;
}

bool contains(const std::vector<std::string>& names, const std::string& name) {
    return std::find(names.begin(), names.end(), name) != names.end();
}

}  // namespace

ListOfListsBuilder::state::state(const context& c)
    : ctx(c), starts_scan(c, starts_scan_options()), compressed_starts_scan(c, compressed_starts_scan_options()) {}

std::string ListOfListsBuilder::state::source(const device& dev, bool wide, bool writing) const {
    const std::string index_t = wide ? "long" : "int";
    std::vector<const type_info*> types;
    std::string list_decl, list_args, macros, parameters, setup, before, after;
    for (const auto& l : lists) {
        const std::string append = "#define APPEND_" + l.name + "(clarity_value) ";
        const std::string list = "clarity_list_" + l.name, index = "clarity_index_" + l.name;
        const std::string count = "clarity_count_" + l.name, counts = "clarity_counts_" + l.name;
        types.push_back(l.type);
        if (l.what == role::omitted || (!writing && l.what == role::shares_counts)) {
            macros += append + "{ }\n";
        } else if (!writing) {
            list_decl += "uint *" + count + ", ";
            list_args += "&" + count + ", ";
            macros += append + "{ ++*" + count + "; }\n";
            parameters += "\n    __global uint *" + counts + ",";
            before += "        uint " + count + " = 0;\n";
            after += "        " + counts + "[i] = " + count + ";\n";
        } else {
            list_decl += "__global " + l.type->name + " *" + list + ", ";
            list_args += list + ", ";
            parameters += "\n    __global " + l.type->name + " *" + list + ",";
            if (l.what == role::shares_counts) {
                macros += append + "{ " + list + "[*clarity_index_" + l.mother + " - 1] = (clarity_value); }\n";
            } else {
                list_decl += "uint *" + index + ", ";
                list_args += "&" + index + ", ";
                macros += append + "{ " + list + "[(*" + index + ")++] = (clarity_value); }\n";
                parameters += "\n    __global const int *clarity_starts_" + l.name + ",";
                before += "        uint " + index + " = clarity_starts_" + l.name + "[i];\n";
            }
        }
    }
    std::string user_decl, user_args;
    const auto declared = detail::declare_user_arguments(description, dev, user_arguments, index_t);
    types.insert(types.end(), declared.types.begin(), declared.types.end());
    parameters += declared.parameters;
    setup += declared.pointer_setup;
    for (const auto& arg : user_arguments) {
        user_decl += detail::declaration_of(arg, arg.name) + ", ";
        user_args += arg.name + ", ";
    }
    return detail::fill_template(detail::embedded_source("list_builder.cl"),
                                 {{"prelude", detail::kernel_prelude(dev, types, options.preamble + generate)},
                                  {"preamble", options.preamble},
                                  {"mode", writing ? "write" : "count"},
                                  {"index_t", index_t},
                                  {"list_arg_decl", list_decl},
                                  {"list_args", list_args},
                                  {"user_arg_decl", user_decl},
                                  {"user_args", user_args},
                                  {"append_macros", macros},
                                  {"generate", generate},
                                  {"name", options.name + (writing ? "_write" : "_count")},
                                  {"parameters", parameters},
                                  {"pointer_setup", setup},
                                  {"before", before},
                                  {"after", after}});
}

detail::kernel_pool& ListOfListsBuilder::state::kernel(const device& dev, bool wide, bool writing) {
    auto& pass = writing ? write_pass : count_pass;  // the kernels of one pass, per device and 64-bit indices
    return pass.get(dev, wide, options.name + (writing ? "_write" : "_count"), [&] {
        return build_program(ctx, dev, source(dev, wide, writing), options.options, description);
    });
}

ListOfListsBuilder::ListOfListsBuilder(const context& ctx, std::vector<std::pair<std::string, std::string>> lists,
                                       const std::string& generate, const std::string& arg_decls,
                                       const list_builder_options& options)
    : state_(std::make_shared<state>(ctx)) {
    auto& s = *state_;
    s.description = "ListOfListsBuilder '" + options.name + "'";
    const auto fail = [&](const std::string& why) { return std::invalid_argument(s.description + ": " + why); };
    if (!detail::is_identifier(options.name)) throw fail("\"" + options.name + "\" is not a valid kernel name");
    if (lists.empty()) throw fail("no lists given");
    const auto is_list = [&](const std::string& name) {
        return std::any_of(lists.begin(), lists.end(), [&](const auto& l) { return l.first == name; });
    };
    for (const auto& [child, mother] : options.count_sharing)
        if (!is_list(child) || !is_list(mother) || options.count_sharing.count(mother) || contains(options.omit_lists, mother))
            throw fail("count_sharing {" + child + ", " + mother + "} must name two lists, the mother counted");
    for (const auto& name : options.eliminate_empty_output_lists)
        if (!is_list(name) || options.count_sharing.count(name)) throw fail("cannot eliminate empty lists of '" + name + "'");
    for (const auto& name : options.omit_lists)
        if (!is_list(name)) throw fail("omit_lists names '" + name + "', which is not a list");
    for (const auto& [name, type_name] : lists) {
        if (!detail::is_identifier(name)) throw fail("\"" + name + "\" is not a valid list name");
        list_spec l;
        l.name = name;
        l.type = detail::find_type(type_name);
        if (!l.type) throw fail("list '" + name + "' has unknown type '" + type_name + "'");
        if (contains(options.omit_lists, name)) {
            l.what = role::omitted;
        } else if (auto it = options.count_sharing.find(name); it != options.count_sharing.end()) {
            l.what = role::shares_counts;
            l.mother = it->second;
        } else {
            l.slot = s.counted++;
        }
        l.eliminate_empty = contains(options.eliminate_empty_output_lists, name);
        s.lists.push_back(l);
    }
    s.user_arguments = detail::parse_argument_list(arg_decls);
    for (const auto& arg : s.user_arguments) detail::declared_type(s.description, arg);
    s.generate = generate;
    s.options = options;
}

list_build_result ListOfListsBuilder::build(const queue& q, std::size_t n_objects,
                                            std::span<const detail::call_argument> args,
                                            const wait_list& wait_for) const {
    auto& s = *state_;  // shared state: its kernel maps are guarded by their mutexes
    detail::check_arguments(s.description, s.user_arguments, args, s.ctx);
    if (!(q.context() == s.ctx)) throw std::invalid_argument(s.description + ": the queue belongs to another context");
    if (n_objects >= (1ull << 31)) throw std::invalid_argument(s.description + ": too many objects");
    const auto largest = std::max<std::uint64_t>(n_objects, detail::largest_array_element(args));
    const bool wide = std::string(detail::index_type_for(largest)) == "long";

    // After the kernel's own arguments: the user's, then the object count.
    const auto write_user_arguments = [&](detail::argument_writer& write) {
        write.user_arguments(s.description, s.user_arguments, args);
        write.index(static_cast<std::int64_t>(n_objects));
    };

    // 1. Count.
    std::vector<array<std::uint32_t>> counts;
    for (std::size_t k = 0; k < s.counted; ++k) counts.emplace_back(q, shape_t{n_objects});
    {
        auto kernel = s.kernel(q.device(), wide, false).acquire();
        detail::argument_writer write(kernel, wide);
        for (const auto& c : counts) write.buffer(c.buffer());
        write_user_arguments(write);
        kernel.enqueue(q, n_objects, wait_for);
    }

    // 2. Starts per counted list; every total lands in one small array, read once.
    auto totals = zeros<std::int32_t>(q, {2 * std::max<std::size_t>(s.counted, 1)});
    std::map<std::string, list_of_lists::entry> entries;
    std::map<std::string, array<std::int32_t>> object_starts;  // where each object writes
    for (const auto& l : s.lists) {
        if (l.what != role::counted) continue;
        auto& e = entries[l.name];
        e.starts = zeros<std::int32_t>(q, {n_objects + 1});
        const auto& c = counts[l.slot];
        const int slot = int(2 * l.slot);
        if (l.eliminate_empty) {
            e.nonempty_indices = empty<std::int32_t>(q, {n_objects});
            object_starts.emplace(l.name, empty<std::int32_t>(q, {n_objects}));
            s.compressed_starts_scan(c, e.starts, object_starts.at(l.name), e.nonempty_indices, totals, slot);
        } else {
            object_starts.emplace(l.name, e.starts);
            s.starts_scan(c, e.starts, totals, slot);
        }
    }
    const auto host_totals = totals.get();

    // 3. Allocate with the totals and write.
    for (const auto& l : s.lists) {
        if (l.what == role::omitted) continue;
        auto& e = entries[l.name];
        const auto& counted = l.what == role::counted ? l : *std::find_if(s.lists.begin(), s.lists.end(), [&](const auto& m) {
            return m.name == l.mother;
        });
        e.type = l.type;
        e.count = std::size_t(host_totals[2 * counted.slot]);
        e.values = detail::allocate(q, std::max<std::size_t>(e.count, 1) * l.type->size);
        if (counted.eliminate_empty && l.what == role::counted) {
            e.num_nonempty_lists = std::size_t(host_totals[2 * counted.slot + 1]);
            e.starts = e.starts.slice(0, 0, std::ptrdiff_t(e.num_nonempty_lists + 1));
            e.nonempty_indices = e.nonempty_indices.slice(0, 0, std::ptrdiff_t(e.num_nonempty_lists));
        }
    }
    for (auto& [name, e] : entries)  // children of eliminated mothers see the compressed starts too
        for (const auto& l : s.lists)
            if (l.name == name && l.what == role::shares_counts) {
                e.starts = entries[l.mother].starts;
                e.num_nonempty_lists = entries[l.mother].num_nonempty_lists;
                e.nonempty_indices = entries[l.mother].nonempty_indices;
            }
    auto kernel = s.kernel(q.device(), wide, true).acquire();
    detail::argument_writer write(kernel, wide);
    for (const auto& l : s.lists) {
        if (l.what == role::omitted) continue;
        write.buffer(entries[l.name].values->buffer);
        if (l.what == role::counted) write.buffer(object_starts.at(l.name).buffer());
    }
    write_user_arguments(write);
    const event done = kernel.run(q, n_objects, {});
    return {list_of_lists(q, std::move(entries)), done};
}

}  // namespace clarity
