// Moves device arrays into GL buffers, by the first path that works (CLARITY_VIZ_INTEROP can
// name the one to try): through cl_khr_gl_sharing when the figure's GL context shares with an
// OpenCL device; else through GL buffers over Vulkan memory that OpenCL imports too
// (external_memory.hpp); else by reading into a mapped GL buffer (staged copy).
#pragma once

#include <map>
#include <optional>
#include <vector>
#include <string>

#include <clarity/viz.hpp>

#include "external_memory.hpp"
#include "frame_timing.hpp"
#include "gl_objects.hpp"

struct GLFWwindow;

namespace clarity::viz::detail {

// Bytes [offset, offset + width) of each of `rows` rows, `pitch` bytes apart, in both the
// source array (after its own offset) and the destination GL buffer.
struct byte_region {
    std::size_t offset = 0, width = 0, rows = 1, pitch = 0;
};

class transfer {
public:
    // The window's context must be current; null for an EGL context. Copies are timed into
    // `timing` when it is on. Throws std::invalid_argument for an unknown CLARITY_VIZ_INTEROP.
    transfer(GLFWwindow* window, frame_timing& timing);

    // A GL buffer of `bytes` for copy() to fill.
    copy_target make_buffer(std::size_t bytes) const;
    // Brackets the copies of one frame (device copies: GL finishes before, OpenCL after).
    void begin_frame();
    void end_frame();
    void copy(const data_ref& source, const copy_target& destination, const byte_region& region);

    const clarity::queue& queue() const { return queue_; }
    interop_path path() const { return path_; }
    const std::string& report() const { return report_; }

private:
    void copy_shared(const data_ref& source, GLuint destination, const byte_region& region);
    void copy_external(const data_ref& source, external_buffer& destination, const byte_region& region);
    // The device-to-device copy of both paths above, between their hand-offs.
    void copy_on_device(const data_ref& source, const cl::Buffer& destination, const byte_region& region);
    void copy_staged(const data_ref& source, GLuint destination, const byte_region& region);

    frame_timing& timing_;
    clarity::queue queue_;
    interop_path path_ = interop_path::staged_copy;
    std::string report_;
    bool reported_ = false;
    std::optional<external_memory_route> external_;
    std::map<GLuint, cl::Buffer> shared_buffers_;  // GL buffer -> its OpenCL view
    std::vector<clarity::queue> queues_used_;      // to finish after a frame's device copies
};

// An OpenCL context on the device that drives `window`'s GL context, sharing its objects;
// empty with `why_not` set when the platform cannot.
std::optional<clarity::context> gl_sharing_context(GLFWwindow* window, std::string& why_not);

}  // namespace clarity::viz::detail
