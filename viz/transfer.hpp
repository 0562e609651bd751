// Moves device arrays into GL buffers: through cl_khr_gl_sharing when the figure's GL context
// shares with an OpenCL device, else by reading into a mapped GL buffer (staged copy).
#pragma once

#include <map>
#include <optional>
#include <vector>
#include <string>

#include <clarity/viz.hpp>

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
    // `timing` when it is on.
    transfer(GLFWwindow* window, frame_timing& timing);

    // Brackets the copies of one frame (sharing: GL finishes before, OpenCL after).
    void begin_frame();
    void end_frame();
    void copy(const data_ref& source, GLuint destination, const byte_region& region);

    const clarity::queue& queue() const { return queue_; }
    interop_path path() const { return path_; }
    const std::string& report() const { return report_; }

private:
    void copy_shared(const data_ref& source, GLuint destination, const byte_region& region);
    void copy_staged(const data_ref& source, GLuint destination, const byte_region& region);

    frame_timing& timing_;
    clarity::queue queue_;
    interop_path path_ = interop_path::staged_copy;
    std::string report_;
    bool reported_ = false;
    std::map<GLuint, cl::Buffer> shared_buffers_;  // GL buffer -> its OpenCL view
    std::vector<clarity::queue> queues_used_;      // to finish after a frame's shared copies
};

// An OpenCL context on the device that drives `window`'s GL context, sharing its objects;
// empty with `why_not` set when the platform cannot.
std::optional<clarity::context> gl_sharing_context(GLFWwindow* window, std::string& why_not);

}  // namespace clarity::viz::detail
