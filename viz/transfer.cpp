#include "transfer.hpp"

#include <CL/cl_gl.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>

namespace clarity::viz::detail {
namespace {

constexpr const char* interop_variable = "CLARITY_VIZ_INTEROP";

// The one path CLARITY_VIZ_INTEROP names; none when it is unset or empty.
std::optional<interop_path> requested_path() {
    const char* value = std::getenv(interop_variable);
    if (!value || !*value) return std::nullopt;
    for (auto path : {interop_path::gl_sharing, interop_path::external_memory, interop_path::staged_copy})
        if (to_string(path) == value) return path;
    throw std::invalid_argument(std::string("viz: ") + interop_variable + "=" + value +
                                " names none of gl_sharing, external_memory, staged_copy");
}

std::string device_line(const clarity::queue& queue) {
    return queue.device().name() + " (" + queue.device().platform_name() + ")";
}

}  // namespace

transfer::transfer(GLFWwindow* window, frame_timing& timing) : timing_(timing) {
    const auto requested = requested_path();
    const std::string skipped = requested ? std::string("skipped: ") + interop_variable + "=" + std::string(to_string(*requested)) : "";
    std::string why_not_sharing = skipped, why_not_external = skipped;
    const auto tried = [&](interop_path path) { return !requested || *requested == path; };
    if (tried(interop_path::gl_sharing))
        if (auto shared = gl_sharing_context(window, why_not_sharing)) {
            queue_ = clarity::queue(*shared);
            path_ = interop_path::gl_sharing;
            report_ = "gl_sharing on " + device_line(queue_);
            return;
        }
    queue_ = default_queue();
    if (tried(interop_path::external_memory))
        if ((external_ = find_external_memory_route(queue_, why_not_external))) {
            path_ = interop_path::external_memory;
            report_ = "external_memory on " + device_line(queue_) + ": GL buffers over memory of Vulkan device " +
                      external_->vulkan->name() + ", imported into OpenCL (no gl_sharing: " + why_not_sharing + ")";
            return;
        }
    report_ = "staged_copy on " + device_line(queue_) + ": no gl_sharing: " + why_not_sharing +
              "; no external_memory: " + why_not_external;
}

copy_target transfer::make_buffer(std::size_t bytes) const {
    if (path_ == interop_path::external_memory) return make_external_buffer(external_->vulkan, bytes);
    return {nullptr, detail::make_buffer(static_cast<GLsizeiptr>(bytes))};
}

void transfer::begin_frame() {
    if (path_ != interop_path::staged_copy) glFinish();  // GL must be done with the buffers before OpenCL writes
}

void transfer::end_frame() {
    for (const auto& q : queues_used_) q.finish();  // OpenCL writes land before GL draws
    queues_used_.clear();
}

void transfer::copy(const data_ref& source, const copy_target& destination, const byte_region& region) {
    const bool shareable = path_ == interop_path::gl_sharing && source.q.context() == queue_.context();
    if (path_ == interop_path::gl_sharing && !shareable) {
        path_ = interop_path::staged_copy;
        report_ = "staged_copy: an array was not allocated on figure::queue(), so it cannot be shared";
        reported_ = false;
    }
    if (!reported_) {
        std::fprintf(stderr, "clarity::viz: interop %s\n", report_.c_str());
        reported_ = true;
    }
    if (timing_.on()) source.q.finish();  // the kernels before count as OpenCL work, not copying
    const auto start = timing_.now();
    if (destination.backing)
        copy_external(source, *destination.backing, region);
    else if (shareable)
        copy_shared(source, destination.buffer.get(), region);
    else
        copy_staged(source, destination.buffer.get(), region);
    if (timing_.on()) source.q.finish();  // a device copy counts when done, as the blocking staged one does
    timing_.add(frame_timing::copy, start);
}

void transfer::copy_shared(const data_ref& source, GLuint destination, const byte_region& region) {
    auto it = shared_buffers_.find(destination);
    if (it == shared_buffers_.end()) {
        cl_int status = CL_SUCCESS;
        cl_mem mem = clCreateFromGLBuffer(queue_.context().get()(), CL_MEM_WRITE_ONLY, destination, &status);
        clarity::detail::check(status, "clCreateFromGLBuffer");
        it = shared_buffers_.emplace(destination, cl::Buffer(mem)).first;  // takes over the reference
    }
    const auto& q = source.q.get();
    const std::vector<cl::Memory> objects{it->second};
    clarity::detail::check(q.enqueueAcquireGLObjects(&objects), "clEnqueueAcquireGLObjects");
    copy_on_device(source, it->second, region);
    clarity::detail::check(q.enqueueReleaseGLObjects(&objects), "clEnqueueReleaseGLObjects");
}

void transfer::copy_external(const data_ref& source, external_buffer& destination, const byte_region& region) {
    const cl::Buffer& view = destination.in(source.q);
    const cl_command_queue q = source.q.get()();
    const cl_mem mem = view();
    clarity::detail::check(external_->calls.acquire(q, 1, &mem, 0, nullptr, nullptr),
                           "clEnqueueAcquireExternalMemObjectsKHR");
    copy_on_device(source, view, region);
    clarity::detail::check(external_->calls.release(q, 1, &mem, 0, nullptr, nullptr),
                           "clEnqueueReleaseExternalMemObjectsKHR");
}

void transfer::copy_on_device(const data_ref& source, const cl::Buffer& destination, const byte_region& region) {
    const auto& q = source.q.get();
    if (region.rows == 1)
        clarity::detail::check(q.enqueueCopyBuffer(source.buffer, destination, source.offset_bytes + region.offset,
                                                   region.offset, region.width),
                               "clEnqueueCopyBuffer");
    else
        clarity::detail::check(
            q.enqueueCopyBufferRect(source.buffer, destination, {source.offset_bytes + region.offset, 0, 0},
                                    {region.offset, 0, 0}, {region.width, region.rows, 1}, region.pitch, 0,
                                    region.pitch, 0),
            "clEnqueueCopyBufferRect");
    if (std::find(queues_used_.begin(), queues_used_.end(), source.q) == queues_used_.end())
        queues_used_.push_back(source.q);
}

void transfer::copy_staged(const data_ref& source, GLuint destination, const byte_region& region) {
    const std::size_t span = (region.rows - 1) * region.pitch + region.width;
    glBindBuffer(GL_COPY_WRITE_BUFFER, destination);
    const GLbitfield access = GL_MAP_WRITE_BIT | (region.rows == 1 ? GL_MAP_INVALIDATE_RANGE_BIT : 0);
    void* mapped = glMapBufferRange(GL_COPY_WRITE_BUFFER, static_cast<GLintptr>(region.offset),
                                    static_cast<GLsizeiptr>(span), access);
    if (!mapped) throw std::runtime_error("viz: glMapBufferRange failed");
    const auto& q = source.q.get();
    const cl_int status =
        region.rows == 1
            ? q.enqueueReadBuffer(source.buffer, CL_TRUE, source.offset_bytes + region.offset, region.width, mapped)
            : q.enqueueReadBufferRect(source.buffer, CL_TRUE, {source.offset_bytes + region.offset, 0, 0}, {0, 0, 0},
                                      {region.width, region.rows, 1}, region.pitch, 0, region.pitch, 0, mapped);
    glUnmapBuffer(GL_COPY_WRITE_BUFFER);
    clarity::detail::check(status, "reading an array into a GL buffer");
}

}  // namespace clarity::viz::detail
