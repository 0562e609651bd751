// BitonicSort: checks the arrays, describes their rows for cl/bitonic_sort.cl, and plans the
// launches: one local sort of blocks, then for every stage longer than a block its global
// steps and a local merge.
#include <clarity/bitonic_sort.hpp>

#include <algorithm>
#include <bit>
#include <cstdio>
#include <stdexcept>

#include "embedded.hpp"
#include "kernel_arguments.hpp"
#include "kernel_support.hpp"
#include "radix_sort_engine.hpp"
#include "source_template.hpp"
#include "strided_kernel.hpp"

namespace clarity {

namespace {

// Blocks of up to 4096 elements; fewer where keys and indices would not fit in local memory.
constexpr std::size_t max_block = 4096;
constexpr std::size_t local_budget = 47 * 1024;
constexpr std::size_t work_group = 256;

// Where one array's rows are: the first element, the step along the axis, and the steps
// between rows (row r starts at offset + (r / rows_inner) * outer + (r % rows_inner) * inner).
struct row_strides {
    std::int64_t offset = 0, axis = 0, outer = 0, inner = 0;
};

struct row_set {
    std::uint64_t n = 0, rows = 0, rows_inner = 1;
    row_strides keys, idx;
};

std::size_t axis_of(std::ptrdiff_t axis, std::size_t ndim) {
    const auto d = std::ptrdiff_t(ndim);
    if (axis < -d || axis >= d)
        throw std::invalid_argument("BitonicSort: axis " + std::to_string(axis) + " is out of range for " +
                                    std::to_string(ndim) + " dimensions");
    return std::size_t(axis < 0 ? axis + d : axis);
}

// The rows of keys (and idx) along `axis`: the other dimensions must collapse to at most two.
row_set rows_of(const detail::array_view& keys, const detail::array_view* idx, std::size_t axis) {
    const layout& k = *keys.shape;
    const layout& i = idx ? *idx->shape : k;
    shape_t others;
    strides_t key_strides, idx_strides;
    for (std::size_t d = 0; d < k.ndim(); ++d) {
        if (k.size() > 0 && k.shape[d] > 1 && (k.strides[d] == 0 || i.strides[d] == 0))
            throw std::invalid_argument("BitonicSort: a broadcast view (stride 0) cannot be sorted in place");
        if (d == axis) continue;
        others.push_back(k.shape[d]);
        key_strides.push_back(k.strides[d]);
        idx_strides.push_back(i.strides[d]);
    }
    const auto walk = detail::merge_dimensions(others, {key_strides, idx_strides});
    if (walk.shape.size() > 2)
        throw std::invalid_argument("BitonicSort: the dimensions other than the axis of this strided view do not "
                                    "collapse to two; sort a contiguous copy");
    row_set r;
    r.n = k.shape[axis];
    r.rows = r.n == 0 ? 0 : k.size() / r.n;
    r.rows_inner = walk.shape.back();
    const auto place = [&](const layout& l, const strides_t& s) {
        return row_strides{l.offset, l.strides[axis], walk.shape.size() == 2 ? s.front() : 0, s.back()};
    };
    r.keys = place(k, walk.strides[0]);
    r.idx = place(i, walk.strides[1]);
    return r;
}

void check_index_array(const detail::array_view& keys, const detail::array_view& idx) {
    if (idx.shape->shape != keys.shape->shape)
        throw std::invalid_argument("BitonicSort: idx has shape " + to_string(idx.shape->shape) + ", the keys " +
                                    to_string(keys.shape->shape));
    const auto& t = *idx.type;
    if (!t.is_integer() || (t.size != 4 && t.size != 8))
        throw std::invalid_argument("BitonicSort: idx must hold int, uint, long or ulong, not " + t.name);
    if (idx.memory->buffer() && keys.memory->buffer() && idx.memory->buffer() == keys.memory->buffer())
        throw std::invalid_argument("BitonicSort: idx and the keys share one buffer");
}

const char* bits_type(std::size_t size) {
    switch (size) {
        case 1: return "uchar";
        case 2: return "ushort";
        case 4: return "uint";
        default: return "ulong";
    }
}

std::string source(const type_info& key, const type_info* idx, const std::string& index_t) {
    const bool wide = key.size == 8;
    return detail::fill_template(
        detail::embedded_source("bitonic_sort.cl"),
        {{"description", std::to_string(key.size) + "-byte keys" + (idx ? ", " + idx->name + " indices" : "")},
         {"bits_t", bits_type(key.size)},
         {"rank_t", wide ? "ulong" : "uint"},
         {"index_t", index_t},
         {"idx_t", idx ? idx->name : "int"},
         {"has_index", idx ? "1" : "0"},
         {"sort_order", detail::sort_order_source(key.size, bits_type(key.size), wide ? "ulong" : "uint")}});
}

// The kernels for keys of one size carried with one index type (or none), at one index width.
struct bitonic_kernels {
    detail::kernel_pool &local, &global;
};

bitonic_kernels kernels_for(const queue& q, const type_info& key, const type_info* idx, const std::string& index_t) {
    // One program holds both kernels; library_kernel keys each kernel separately.
    const auto variant = std::to_string(key.size) + "/" + (idx ? idx->name : "none") + "/" + index_t;
    const auto make = [&] { return source(key, idx, index_t); };
    return {detail::library_kernel(q, "bitonic_local/" + variant, "clarity_bitonic_local", make),
            detail::library_kernel(q, "bitonic_global/" + variant, "clarity_bitonic_global", make)};
}

// How the rows are cut into local-memory blocks.
struct block_plan {
    std::uint64_t padded = 0;  // the row length rounded up to a power of two
    std::uint64_t block = 0;   // elements sorted in local memory per row and block (a power of two)
    std::uint64_t span = 0;    // elements per work-group: block, or several whole rows of `block`
    std::size_t local = 0;     // work-items per group
};

block_plan plan_blocks(const device& dev, const row_set& r, std::size_t element_bytes, std::size_t kernel_limit) {
    const std::size_t budget = std::min<std::size_t>(dev.local_mem_size(), local_budget);
    const auto capacity = std::bit_floor(std::min(max_block, budget / element_bytes));
    block_plan p;
    p.padded = std::bit_ceil(r.n);
    p.block = std::min<std::uint64_t>(p.padded, capacity);
    p.local = std::min(work_group, kernel_limit);
    // Short rows share a work-group so that every work-item has a comparator in each step.
    p.span = std::max<std::uint64_t>(p.block, std::min<std::uint64_t>(capacity, std::bit_ceil(2 * p.local)));
    return p;
}

// Everything one sort's launches share.
struct bitonic_job {
    const queue& q;
    bitonic_kernels kernels;
    row_set rows;
    const detail::storage* keys;
    const detail::storage* idx;  // the index array's storage, or an empty one
    std::size_t key_size = 0, idx_size = 0;
    bool wide = false;
    int order = 0;
    block_plan plan;
};

// The arguments every kernel starts with (CLARITY_ROW_PARAMETERS).
detail::argument_writer row_arguments(const bitonic_job& job, detail::kernel_pool::lease& kernel) {
    detail::argument_writer write(kernel, job.wide);
    const auto place = [&](const detail::storage& memory, const row_strides& s) {
        write.buffer(memory);
        for (const auto v : {s.offset, s.axis, s.outer, s.inner}) write.index(v);
    };
    place(*job.keys, job.rows.keys);
    place(*job.idx, job.rows.idx);
    for (const auto v : {job.rows.rows, job.rows.rows_inner, job.rows.n}) write.index(std::int64_t(v));
    write.value(cl_int(job.order));
    return write;
}

// Sorts every block in local memory, or with `merging` finishes the stage whose longer steps ran globally.
event local_pass(const bitonic_job& job, bool merging, const wait_list& after) {
    const auto& p = job.plan;
    auto kernel = job.kernels.local.acquire();
    auto write = row_arguments(job, kernel);
    const std::uint64_t blocks_per_row = p.padded / p.block, units_per_group = p.span / p.block;
    write.index(std::int64_t(blocks_per_row));
    write.value(cl_uint(p.block));
    write.value(cl_uint(p.span));
    write.value(cl_int(merging));
    kernel.set_arg(write.next(), p.span * job.key_size, nullptr);  // __local keys and indices
    kernel.set_arg(write.next() + 1, p.span * std::max<std::size_t>(job.idx_size, 1), nullptr);
    const std::uint64_t groups = (job.rows.rows * blocks_per_row + units_per_group - 1) / units_per_group;
    return kernel.run(job.q, detail::launch_geometry{std::size_t(groups * p.local), p.local}, after);
}

// One step of distance `half` (at least a block) over every row in global memory.
event global_step(const bitonic_job& job, std::uint64_t half, bool flip, const event& after) {
    auto kernel = job.kernels.global.acquire();
    auto write = row_arguments(job, kernel);
    write.index(std::int64_t(job.plan.padded / 2));
    write.index(std::int64_t(half));
    write.value(cl_int(flip));
    return kernel.run(job.q, job.rows.rows * (job.plan.padded / 2), {after});
}

}  // namespace

event BitonicSort::launch_erased(const bitonic_sort_launch_options& options, const queue& q,
                                 const detail::array_view& keys, const detail::array_view* idx) const {
    if (!(q.context() == ctx_)) throw std::invalid_argument("BitonicSort: the array lives in another OpenCL context");
    if (idx) check_index_array(keys, *idx);
    const auto axis = axis_of(options.axis, keys.shape->ndim());
    const row_set rows = rows_of(keys, idx, axis);
    if (rows.n <= 1 || rows.rows == 0) return detail::nothing_to_do(q, options.wait_for);

    static const detail::storage no_storage;
    const type_info* idx_type = idx ? idx->type : nullptr;
    std::uint64_t largest = std::max(detail::largest_index(*keys.shape), rows.rows * std::bit_ceil(rows.n));
    if (idx) largest = std::max(largest, detail::largest_index(*idx->shape));
    const std::string index_t = detail::index_type_for(largest);
    bitonic_job job{q,
                    kernels_for(q, *keys.type, idx_type, index_t),
                    rows,
                    keys.memory,
                    idx ? idx->memory : &no_storage,
                    keys.type->size,
                    idx ? idx->type->size : 0,
                    index_t == "long",
                    detail::radix_sort_order(*keys.type, options.descending),
                    {}};
    job.plan = plan_blocks(q.device(), rows, job.key_size + job.idx_size, job.kernels.local.work_group_limit(q.device()));

    event done = local_pass(job, false, options.wait_for);
    for (std::uint64_t size = 2 * job.plan.block; size <= job.plan.padded; size *= 2) {
        for (std::uint64_t half = size / 2; half >= job.plan.block; half /= 2)
            done = global_step(job, half, half == size / 2, done);
        done = local_pass(job, true, {done});
    }
    return done;
}

}  // namespace clarity
