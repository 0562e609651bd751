// The external_memory interop path: figure GL buffers whose storage is Vulkan memory that the
// OpenCL device imports too, so that an update is a device-to-device copy (viz/INTEROP.md).
// For OpenCL devices without cl_khr_gl_sharing but with cl_khr_external_memory_opaque_fd
// (NVIDIA's), next to a GL context with GL_EXT_memory_object_fd on the same GPU.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>

#include <clarity/viz.hpp>

#include "gl_objects.hpp"
#include "memory_import.hpp"

namespace clarity::viz::detail {

// What the path needs once chosen: the Vulkan device that allocates, and OpenCL's hand-offs.
struct external_memory_route {
    std::shared_ptr<const vulkan_device> vulkan;
    external_memory_calls calls;
};

// The route to `queue`'s device, after a trial buffer was imported into GL and OpenCL; empty
// with `why_not` set where a piece is missing. The figure's GL context must be current.
std::optional<external_memory_route> find_external_memory_route(const clarity::queue& queue, std::string& why_not);

// The storage of one GL buffer and its OpenCL views, one per context that copies into it.
// Destroy it after the GL buffer (the GL context current).
class external_buffer {
public:
    external_buffer(std::unique_ptr<exported_memory> memory, GLuint memory_object, std::size_t bytes);
    ~external_buffer();
    external_buffer(const external_buffer&) = delete;
    external_buffer& operator=(const external_buffer&) = delete;

    // The buffer as `queue`'s context sees it, imported there on first use.
    const cl::Buffer& in(const clarity::queue& queue);

private:
    std::unique_ptr<exported_memory> memory_;
    GLuint memory_object_;
    std::size_t bytes_;
    std::map<cl_context, cl::Buffer> views_;
};

// A GL buffer that transfer::copy fills. On the external_memory path its storage is Vulkan
// memory held by `backing`, declared first so that it outlives the buffer; a move assignment
// swaps, so that the old pair, too, goes buffer first.
struct copy_target {
    copy_target() = default;
    copy_target(std::shared_ptr<external_buffer> b, gl_buffer g) : backing(std::move(b)), buffer(std::move(g)) {}
    copy_target(copy_target&&) = default;
    copy_target& operator=(copy_target&& other) noexcept {
        std::swap(backing, other.backing);
        buffer = std::move(other.buffer);  // gl_name's move assignment swaps
        return *this;
    }

    std::shared_ptr<external_buffer> backing;
    gl_buffer buffer;
};

// A GL buffer of `bytes` over new Vulkan memory from `device`.
copy_target make_external_buffer(const std::shared_ptr<const vulkan_device>& device, std::size_t bytes);

}  // namespace clarity::viz::detail
