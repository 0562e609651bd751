// Evaluating a fused expression: broadcasting, the addressing pattern, one kernel launch.
#include <clarity/expression.hpp>

#include <mutex>
#include <stdexcept>
#include <string>
#include <unordered_map>

#include "expression_source.hpp"
#include "kernel_arguments.hpp"
#include "kernel_support.hpp"
#include "strided_kernel.hpp"

namespace clarity::detail {

namespace {

// NumPy's rule: align at the last dimension; equal lengths, or one of them 1, or missing.
shape_t broadcast(const shape_t& a, const shape_t& b) {
    shape_t out(std::max(a.size(), b.size()));
    for (std::size_t k = 0; k < out.size(); ++k) {
        const std::size_t x = k < a.size() ? a[a.size() - 1 - k] : 1, y = k < b.size() ? b[b.size() - 1 - k] : 1;
        if (x != y && x != 1 && y != 1)
            throw std::invalid_argument("expression: shapes " + to_string(a) + " and " + to_string(b) +
                                        " do not broadcast together");
        out[out.size() - 1 - k] = x == 1 ? y : x;
    }
    return out;
}

// The strides that walk `l` over `shape` (which it broadcasts to): 0 where it repeats.
strides_t broadcast_strides(const layout& l, const shape_t& shape) {
    strides_t strides(shape.size(), 0);
    const std::size_t skipped = shape.size() - l.ndim();
    for (std::size_t d = 0; d < l.ndim(); ++d)
        if (l.shape[d] != 1) strides[skipped + d] = l.strides[d];
    return strides;
}

// Whether an operand reads elements of dst's buffer that other work-items may have written.
bool overlaps_differently(const array_view& dst, const array_view& operand, const strides_t& operand_strides) {
    return operand.memory == dst.memory && dst.memory->bytes > 0 &&
           (operand.shape->offset != dst.shape->offset || operand_strides != dst.shape->strides);
}

expression_addressing addressing_for(const joint_walk& walk, std::uint64_t largest) {
    expression_addressing a{index_type_for(largest), walk.shape.size(), {}};
    bool flat = walk.shape.size() == 1 && walk.strides[0][0] == 1;
    for (const auto& strides : walk.strides) {
        flat = flat && (strides[0] == 0 || strides[0] == 1);
        a.moves.push_back(strides[0] != 0);
    }
    if (flat) a.walk_dimensions = 0;
    else a.moves.clear();
    return a;
}

// The queue is in order: the copy runs after the kernel, and the pool hands the temporary's
// memory to nothing that could run before both.
void evaluate_via_temporary(const queue& q, const array_view& dst, const flat_expression& e, const wait_list& wait_for) {
    const auto memory = allocate(q, dst.shape->size() * dst.type->size);
    const auto dense = layout::contiguous(dst.shape->shape);
    const array_view temporary{memory.get(), &dense, dst.type};
    run_expression(q, temporary, e, wait_for);
    assign_view(q, dst, temporary, {});
}

}  // namespace

shape_t broadcast_shape(const flat_expression& e) {
    if (e.arrays.empty()) throw std::invalid_argument("expression: no array operand");
    shape_t shape = e.arrays.front().view.shape->shape;
    for (const auto& a : e.arrays) shape = broadcast(shape, a.view.shape->shape);
    return shape;
}

const queue& expression_queue(const flat_expression& e) {
    if (e.arrays.empty() || !e.arrays.front().array_queue->valid())
        throw std::invalid_argument("expression: an operand is a default-constructed array with no device storage");
    return *e.arrays.front().array_queue;
}

namespace {

// The kernel of one expression shape. Repeated evaluations find it by a short binary key (no
// source text, no signature string); the first one builds it through library_kernel.
kernel_pool& expression_kernel(const queue& q, const flat_expression& e, const type_info& out,
                               const expression_addressing& a) {
    std::string key;
    const auto append = [&key](const auto& value) { key.append(reinterpret_cast<const char*>(&value), sizeof value); };
    append(q.context().get()());
    append(q.device().get()());
    append(&out);
    append(a.index_t == std::string("long"));
    append(a.walk_dimensions);
    for (bool moves : a.moves) key += moves ? '1' : '0';
    for (const auto& n : e.nodes) {
        append(n.op);
        append(n.type);
        append(n.operand_type);
    }
    static std::mutex mutex;
    static std::unordered_map<std::string, kernel_pool*> kernels;
    {
        std::lock_guard lock(mutex);
        if (const auto it = kernels.find(key); it != kernels.end()) return *it->second;
    }
    convert_expression(expression_type(e), out, "");  // refuses complex -> real before anything runs
    auto& pool = library_kernel(q, expression_signature(e, out, a), "clarity_expression",
                                [&] { return expression_source(q.device(), e, out, a); });
    std::lock_guard lock(mutex);
    kernels.emplace(std::move(key), &pool);  // library kernels live as long as the process
    return pool;
}

// Whether every operand has the target's shape and all of them are contiguous: then every
// view moves with the element index and no walk is needed.
bool all_flat(const array_view& dst, const flat_expression& e) {
    if (!dst.shape->is_contiguous()) return false;
    for (const auto& a : e.arrays)
        if (a.view.shape->shape != dst.shape->shape || !a.view.shape->is_contiguous()) return false;
    return true;
}

}  // namespace

void run_expression(const queue& q, const array_view& dst, const flat_expression& e, const wait_list& wait_for) {
    const shape_t& shape = dst.shape->shape;
    const bool flat = all_flat(dst, e);
    if (!flat && broadcast(shape, broadcast_shape(e)) != shape)
        throw std::invalid_argument("expression: a result of shape " + to_string(broadcast_shape(e)) +
                                    " cannot be assigned to an array of shape " + to_string(shape));
    std::vector<strides_t> strides;  // every view's, the target's first (general walks only)
    if (!flat) strides.push_back(dst.shape->strides);
    std::uint64_t largest = largest_index(*dst.shape);
    bool overlapping = false;
    for (const auto& a : e.arrays) {
        if (!a.array_queue->valid() || !(a.array_queue->context() == q.context()))
            throw std::invalid_argument("expression: every array must live in the target's OpenCL context");
        largest = std::max(largest, largest_index(*a.view.shape));
        if (flat) {
            overlapping = overlapping || overlaps_differently(dst, a.view, dst.shape->strides);
            continue;
        }
        strides.push_back(broadcast_strides(*a.view.shape, shape));
        overlapping = overlapping || overlaps_differently(dst, a.view, strides.back());
    }
    const auto count = dst.shape->size();
    if (count == 0) {
        convert_expression(expression_type(e), *dst.type, "");  // still refuses complex -> real
        return;
    }
    if (overlapping) return evaluate_via_temporary(q, dst, e, wait_for);

    const auto walk = flat ? joint_walk{} : merge_dimensions(shape, strides);
    const auto addressing = flat ? expression_addressing{index_type_for(largest), 0, std::vector<bool>(e.arrays.size() + 1, true)}
                                 : addressing_for(walk, largest);
    auto kernel = expression_kernel(q, e, *dst.type, addressing).acquire();
    argument_writer write(kernel, addressing.index_t == std::string("long"));
    write.view(dst);
    for (const auto& a : e.arrays) write.view(a.view);
    for (const auto& s : e.scalars) write.bytes(s.data(), s.size());
    write.index(static_cast<std::int64_t>(count));
    if (addressing.walk_dimensions > 0) write_walk(write, walk);
    kernel.enqueue(q, count, wait_for);
}

}  // namespace clarity::detail
