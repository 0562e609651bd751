#include <clarity/detail/array_core.hpp>

#include <cstring>
#include <stdexcept>

#include "embedded.hpp"
#include "kernel_support.hpp"
#include "memory_pool.hpp"
#include "source_template.hpp"
#include "strided_kernel.hpp"

namespace clarity::detail {

std::shared_ptr<storage> allocate(const queue& q, std::size_t bytes) {
    if (bytes == 0) return std::make_shared<storage>();
    if (bytes > q.device().max_alloc_size())
        throw std::invalid_argument("cannot allocate " + std::to_string(bytes) + " bytes: device \"" +
                                    q.device().name() + "\" allows at most " +
                                    std::to_string(q.device().max_alloc_size()) + " in one buffer");
    return q.pool()->allocate(bytes, q.device());
}

void require_supported(const queue& q, const type_info& type) {
    if (!q.valid()) throw std::invalid_argument("array: no queue given (default-constructed clarity::queue)");
    require_type_support(q.device(), type, "an array of " + type.name);
}

namespace {
std::size_t byte_offset(const array_view& view) { return std::size_t(view.shape->offset) * view.type->size; }

std::size_t view_bytes(const array_view& view) { return view.shape->size() * view.type->size; }

array_view contiguous_like(const array_view& view, const storage& memory, const layout& l) {
    return {&memory, &l, view.type};
}
}  // namespace

event read_view(const queue& q, const array_view& view, void* host, bool blocking, const wait_list& wait_for) {
    if (view.shape->size() == 0) return nothing_to_do(q, wait_for);
    const auto events = cl_events(wait_for);
    cl::Event done;
    if (view.shape->is_contiguous()) {
        check(q.get().enqueueReadBuffer(view.memory->buffer, blocking, byte_offset(view), view_bytes(view), host,
                                        events.empty() ? nullptr : &events, &done),
              "clEnqueueReadBuffer");
        return event(done);
    }
    const auto temporary = allocate(q, view_bytes(view));
    const auto dense = layout::contiguous(view.shape->shape);
    const auto gathered = assign_view(q, contiguous_like(view, *temporary, dense), view, wait_for);
    return read_view(q, contiguous_like(view, *temporary, dense), host, blocking, {gathered});
}

event write_view(const queue& q, const array_view& view, const void* host, bool blocking, const wait_list& wait_for) {
    if (view.shape->size() == 0) return nothing_to_do(q, wait_for);
    if (view.shape->is_contiguous()) {
        const auto events = cl_events(wait_for);
        cl::Event done;
        check(q.get().enqueueWriteBuffer(view.memory->buffer, blocking, byte_offset(view), view_bytes(view), host,
                                         events.empty() ? nullptr : &events, &done),
              "clEnqueueWriteBuffer");
        return event(done);
    }
    // The temporary is released here; OpenCL keeps it alive until the commands using it finish.
    const auto temporary = allocate(q, view_bytes(view));
    const auto dense = layout::contiguous(view.shape->shape);
    const auto uploaded = write_view(q, contiguous_like(view, *temporary, dense), host, blocking, wait_for);
    auto scattered = assign_view(q, view, contiguous_like(view, *temporary, dense), {uploaded});
    if (blocking) scattered.wait();
    return scattered;
}

event assign_view(const queue& q, const array_view& dst, const array_view& src, const wait_list& wait_for) {
    if (dst.shape->size() == 0) return nothing_to_do(q, wait_for);
    if (*dst.type == *src.type && dst.shape->is_contiguous() && src.shape->is_contiguous()) {
        const auto events = cl_events(wait_for);
        cl::Event done;
        check(q.get().enqueueCopyBuffer(src.memory->buffer, dst.memory->buffer, byte_offset(src), byte_offset(dst),
                                        view_bytes(dst), events.empty() ? nullptr : &events, &done),
              "clEnqueueCopyBuffer");
        return event(done);
    }
    return run_strided_assign(q, dst, strided_source::copy_of(src), wait_for);
}

event fill_view(const queue& q, const array_view& dst, const void* value, const wait_list& wait_for) {
    if (dst.shape->size() == 0) return nothing_to_do(q, wait_for);
    const std::size_t size = dst.type->size;
    const bool pattern_ok = size <= 128 && (size & (size - 1)) == 0;  // clEnqueueFillBuffer's rule
    if (dst.shape->is_contiguous() && pattern_ok) {
        const auto events = cl_events(wait_for);
        cl_event done = nullptr;
        check(::clEnqueueFillBuffer(q.get()(), dst.memory->buffer(), value, size, byte_offset(dst), view_bytes(dst),
                                    static_cast<cl_uint>(events.size()),
                                    events.empty() ? nullptr : reinterpret_cast<const cl_event*>(events.data()),
                                    &done),
              "clEnqueueFillBuffer");
        return event(cl::Event(done));  // takes over the reference clEnqueueFillBuffer returned
    }
    return run_strided_assign(q, dst, strided_source::constant(*dst.type, value), wait_for);
}

event arange_view(const queue& q, const array_view& dst, const void* start, const void* step) {
    return run_strided_assign(q, dst, strided_source::arithmetic_sequence(*dst.type, start, step), {});
}

}  // namespace clarity::detail
