// RadixSort (keys computed from the user's arguments, named arrays permuted together) and
// sort / sort_by_key / argsort, all on top of the onesweep engine (radix_sort_engine.cpp).
#include <clarity/sort.hpp>

#include <map>
#include <mutex>
#include <stdexcept>

#include <clarity/program_cache.hpp>

#include "arg_list.hpp"
#include "embedded.hpp"
#include "kernel_arguments.hpp"
#include "kernel_support.hpp"
#include "radix_sort_engine.hpp"
#include "source_template.hpp"

namespace clarity {

namespace {

const type_info& permutation_type_for(std::uint64_t n) {
    return n <= (1ull << 32) ? type_info_of<std::uint32_t>() : type_info_of<std::uint64_t>();
}

detail::buffer_slice slice_of(const detail::array_view& view) {
    return {view.memory->buffer, std::uint64_t(view.shape->offset)};
}

void require_contiguous(const detail::array_view& view, const char* what) {
    if (!view.shape->is_contiguous())
        throw std::invalid_argument(std::string(what) + ": a strided view cannot be sorted in place; pass a contiguous array");
}

}  // namespace

struct RadixSort::state {
    context ctx;
    std::vector<detail::declared_argument> arguments;
    std::vector<std::size_t> sorted;  // positions of the sort_arg_names among the arguments
    std::string key_expr, description;
    const type_info* key_type = nullptr;
    radix_sort_options options;
    detail::built_kernels<bool> key_kernels;  // per device and 64-bit indices

    std::string key_source(const device& dev, bool wide) const;
    detail::kernel_pool& key_kernel(const device& dev, bool wide);
};

std::string RadixSort::state::key_source(const device& dev, bool wide) const {
    const std::string index_t = wide ? "long" : "int";
    auto declared = detail::declare_user_arguments(description, dev, arguments, index_t);
    return detail::fill_template(detail::embedded_source("radix_keys.cl"),
                                 {{"prelude", detail::kernel_prelude(dev, declared.types, options.preamble + key_expr)},
                                  {"preamble", options.preamble},
                                  {"parameters", declared.parameters},
                                  {"pointer_setup", declared.pointer_setup},
                                  {"key_t", key_type->name},
                                  {"index_t", index_t},
                                  {"key_expr", key_expr}});
}

detail::kernel_pool& RadixSort::state::key_kernel(const device& dev, bool wide) {
    return key_kernels.get(dev, wide, "clarity_radix_keys",
                           [&] { return build_program(ctx, dev, key_source(dev, wide), options.options, description); });
}

RadixSort::RadixSort(const context& ctx, const std::string& arguments, const std::string& key_expr,
                     const std::vector<std::string>& sort_arg_names, const radix_sort_options& options)
    : state_(std::make_shared<state>()) {
    auto& s = *state_;
    s.ctx = ctx;
    s.description = "RadixSort '" + key_expr + "'";
    s.arguments = detail::parse_argument_list(arguments);
    for (const auto& arg : s.arguments) detail::declared_type(s.description, arg);
    if (options.key_type != "uint" && options.key_type != "ulong")
        throw std::invalid_argument(s.description + ": key_type must be \"uint\" or \"ulong\", not \"" +
                                    options.key_type + "\"");
    s.key_type = detail::find_type(options.key_type);
    if (sort_arg_names.empty()) throw std::invalid_argument(s.description + ": no sort_arg_names");
    for (const auto& name : sort_arg_names) {
        std::size_t k = 0;
        while (k < s.arguments.size() && s.arguments[k].name != name) ++k;
        if (k == s.arguments.size())
            throw std::invalid_argument(s.description + ": sort_arg_names names '" + name + "', which is not an argument");
        if (!s.arguments[k].is_pointer)
            throw std::invalid_argument(s.description + ": sort_arg_names names '" + name + "', which is not an array");
        s.sorted.push_back(k);
    }
    s.key_expr = key_expr;
    s.options = options;
}

std::string RadixSort::key_source(const device& dev, bool wide_indices) const {
    return state_->key_source(dev, wide_indices);
}

// Computes the keys, sorts (key, index) pairs, then gathers every named array by the indices.
event RadixSort::launch_erased(const radix_sort_launch_options& options,
                               std::span<const detail::call_argument> args) const {
    auto& s = *state_;
    detail::check_arguments(s.description, s.arguments, args, s.ctx);
    const queue& q = detail::launch_queue(s.description, nullptr, args);
    const auto n = std::uint64_t(detail::whole_arrays(s.description, s.arguments, args).stop);
    detail::radix_sort_job job;
    job.key_type = s.key_type;
    job.key_bits = options.key_bits ? options.key_bits : unsigned(s.key_type->size * 8);
    if (job.key_bits > s.key_type->size * 8)
        throw std::invalid_argument(s.description + ": key_bits " + std::to_string(job.key_bits) + " exceeds the " +
                                    std::to_string(s.key_type->size * 8) + " bits of " + s.key_type->name);
    if (n == 0) return detail::nothing_to_do(q, options.wait_for);

    const bool wide = std::string(detail::index_type_for(std::max(n, detail::largest_array_element(args)))) == "long";
    detail::scratch_lease scratch(q);
    const cl::Buffer keys = scratch.buffer(detail::scratch_slot::computed_keys, n * s.key_type->size);
    event done;
    {
        auto kernel = s.key_kernel(q.device(), wide).acquire();
        detail::argument_writer write(kernel, wide);
        write.user_arguments(s.description, s.arguments, args);
        write.buffer(keys);
        write.index(std::int64_t(n));
        done = kernel.run(q, n, options.wait_for);
    }
    const auto& permutation_type = permutation_type_for(n);
    const cl::Buffer permutation = scratch.buffer(detail::scratch_slot::permutation, n * permutation_type.size);
    job.value_type = &permutation_type;
    job.n = n;
    job.keys_in = {keys, 0};
    job.values_out = {permutation, 0};
    done = detail::radix_sort(q, job, {done}, scratch);
    for (const auto k : s.sorted) {
        const auto& view = args[k].view;
        done = detail::gather_in_place(q, slice_of(view), view.type->size, permutation, permutation_type, n, done, scratch);
    }
    return done;
}

namespace detail {

event sort_arrays(const array_view& keys, const array_view* values, const queue& q, const sort_options& options) {
    require_contiguous(keys, "sort");
    const std::uint64_t n = keys.shape->size();
    if (values) {
        require_contiguous(*values, "sort_by_key");
        if (values->shape->size() != n)
            throw std::invalid_argument("sort_by_key: " + std::to_string(n) + " keys but " +
                                        std::to_string(values->shape->size()) + " values");
        require_supported(q, *values->type);
    }
    radix_sort_job job;
    job.key_type = keys.type;
    job.key_bits = unsigned(keys.type->size * 8);
    job.descending = options.descending;
    job.n = n;
    job.keys_in = job.keys_out = slice_of(keys);
    scratch_lease scratch(q);
    if (!values) return radix_sort(q, job, options.wait_for, scratch);
    if (values->type->size <= radix_value_limit) {
        job.value_type = values->type;
        job.values_in = job.values_out = slice_of(*values);
        return radix_sort(q, job, options.wait_for, scratch);
    }
    // Large values: sort (key, index) pairs, then move each value once.
    if (n == 0) return nothing_to_do(q, options.wait_for);
    const auto& permutation_type = permutation_type_for(n);
    const cl::Buffer permutation = scratch.buffer(scratch_slot::permutation, n * permutation_type.size);
    job.value_type = &permutation_type;
    job.values_out = {permutation, 0};
    const event sorted = radix_sort(q, job, options.wait_for, scratch);
    return gather_in_place(q, slice_of(*values), values->type->size, permutation, permutation_type, n, sorted,
                           scratch);
}

event argsort_into(const array_view& keys, const array_view& permutation, const queue& q, const sort_options& options) {
    require_contiguous(keys, "argsort");
    const std::uint64_t n = keys.shape->size();
    if (permutation.type->size == 4 && n > (1ull << 32))
        throw std::invalid_argument("argsort: " + std::to_string(n) +
                                    " elements need 64-bit indices; use argsort<std::uint64_t>");
    radix_sort_job job;
    job.key_type = keys.type;
    job.value_type = permutation.type;
    job.key_bits = unsigned(keys.type->size * 8);
    job.descending = options.descending;
    job.n = n;
    job.keys_in = slice_of(keys);
    job.values_out = slice_of(permutation);
    scratch_lease scratch(q);
    return radix_sort(q, job, options.wait_for, scratch);
}

}  // namespace detail

}  // namespace clarity
