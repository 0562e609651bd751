#include "transfer.hpp"

#include <CL/cl_gl.h>

#include <algorithm>
#include <cstdio>
#include <stdexcept>

namespace clarity::viz::detail {

transfer::transfer(GLFWwindow* window, frame_timing& timing) : timing_(timing) {
    std::string why_not;
    if (auto shared = gl_sharing_context(window, why_not)) {
        queue_ = clarity::queue(*shared);
        path_ = interop_path::gl_sharing;
        report_ = "gl_sharing on " + queue_.device().name() + " (" + queue_.device().platform_name() + ")";
    } else {
        queue_ = default_queue();
        report_ = "staged_copy on " + queue_.device().name() + " (" + queue_.device().platform_name() + "): " + why_not;
    }
}

void transfer::begin_frame() {
    if (path_ == interop_path::gl_sharing) glFinish();  // GL must be done with the buffers before OpenCL writes
}

void transfer::end_frame() {
    for (const auto& q : queues_used_) q.finish();  // OpenCL writes land before GL draws
    queues_used_.clear();
}

void transfer::copy(const data_ref& source, GLuint destination, const byte_region& region) {
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
    if (shareable)
        copy_shared(source, destination, region);
    else
        copy_staged(source, destination, region);
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
    if (region.rows == 1)
        clarity::detail::check(q.enqueueCopyBuffer(source.buffer, it->second, source.offset_bytes + region.offset,
                                                   region.offset, region.width),
                               "clEnqueueCopyBuffer");
    else
        clarity::detail::check(
            q.enqueueCopyBufferRect(source.buffer, it->second, {source.offset_bytes + region.offset, 0, 0},
                                    {region.offset, 0, 0}, {region.width, region.rows, 1}, region.pitch, 0,
                                    region.pitch, 0),
            "clEnqueueCopyBufferRect");
    clarity::detail::check(q.enqueueReleaseGLObjects(&objects), "clEnqueueReleaseGLObjects");
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
