// ListOfListsBuilder: many variable-length lists per object, CSR style (API.md,
// "ListOfListsBuilder"; PyOpenCL's pyopencl.algorithm.ListOfListsBuilder).
//
//   clarity::ListOfListsBuilder builder(ctx, {{"mylist", clarity::type_name<int>()}}, R"(
//       void generate(LIST_ARG_DECL USER_ARG_DECL index_type i)
//       {
//           for (int j = 0; j < i % 4; ++j)
//               APPEND_mylist(i % 4);
//       })", /*arg_decls*/ "");
//   auto [lists, ev] = builder(q, 2000);            // n_objects, then the arguments of arg_decls
//   auto ml = lists.get<int>("mylist");             // ml.count, ml.lists, ml.starts (n + 1 offsets)
//
// generate() runs twice per object: once counting the APPEND_<name>(value) calls, once writing
// the values at starts[i]. In between, a scan per list turns counts into starts, and the lists'
// totals are read to the host in one transfer (their sizes are needed to allocate them).
// Options, as PyOpenCL's:
//   count_sharing {child, mother}: the child appends exactly when the mother does (after it)
//       and shares its starts; it is not counted.
//   eliminate_empty_output_lists: starts then cover only the objects with a non-empty list
//       (num_nonempty_lists + 1 entries) and nonempty_indices names those objects.
//   omit_lists: APPEND to these does nothing and they are not built.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include <clarity/array.hpp>
#include <clarity/detail/call_argument.hpp>
#include <clarity/device.hpp>

namespace clarity {

struct list_builder_options {
    std::map<std::string, std::string> count_sharing;  // child -> mother
    std::vector<std::string> eliminate_empty_output_lists;
    std::vector<std::string> omit_lists;
    std::string preamble;
    std::string options;                // compiler options
    std::string name = "list_builder";  // prefix of the generated kernels' names
};

template <element T>
struct built_list {
    std::size_t count = 0;               // entries over all objects
    array<T> lists;                      // the entries, object after object
    array<std::int32_t> starts;          // object k's entries are lists[starts[k] .. starts[k+1])
    std::size_t num_nonempty_lists = 0;  // with eliminate_empty_output_lists
    array<std::int32_t> nonempty_indices;
};

// The lists of one build, by name.
class list_of_lists {
public:
    struct entry {
        const type_info* type = nullptr;
        std::size_t count = 0;
        std::shared_ptr<detail::storage> values;
        array<std::int32_t> starts;
        std::size_t num_nonempty_lists = 0;
        array<std::int32_t> nonempty_indices;
    };

    list_of_lists() = default;
    list_of_lists(queue q, std::map<std::string, entry> entries) : queue_(std::move(q)), entries_(std::move(entries)) {}

    // Throws std::invalid_argument for an unknown (or omitted) name or the wrong element type.
    template <element T>
    built_list<T> get(const std::string& name) const {
        const entry& e = find(name, type_info_of<T>());
        built_list<T> out{e.count, array<T>(queue_, {e.count}), e.starts, e.num_nonempty_lists, e.nonempty_indices};
        copy_values(e, out.lists.buffer());
        return out;
    }

private:
    const entry& find(const std::string& name, const type_info& type) const;
    void copy_values(const entry& e, const cl::Buffer& to) const;

    queue queue_;
    std::map<std::string, entry> entries_;
};

struct list_build_result {
    list_of_lists lists;
    event ev;
};

class ListOfListsBuilder {
public:
    // lists: {name, OpenCL C element type}; generate: the C function described above;
    // arg_decls: C argument list of the extra arguments generate() receives.
    ListOfListsBuilder(const context& ctx, std::vector<std::pair<std::string, std::string>> lists,
                       const std::string& generate, const std::string& arg_decls = "",
                       const list_builder_options& options = {});

    template <class... Args>
    list_build_result operator()(const queue& q, std::size_t n_objects, const Args&... args) const {
        const std::array<detail::call_argument, sizeof...(Args)> erased{detail::make_call_argument(args)...};
        return build(q, n_objects, erased, {});
    }

    list_build_result build(const queue& q, std::size_t n_objects, std::span<const detail::call_argument> args,
                            const wait_list& wait_for) const;

    struct state;

private:
    std::shared_ptr<state> state_;
};

}  // namespace clarity
