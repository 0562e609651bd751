// The framebuffer every frame is drawn into, visible or not, so that offscreen figures and
// screenshots read back the same pixels.
#pragma once

#include <clarity/viz.hpp>

#include "gl_objects.hpp"

namespace clarity::viz::detail {

class render_target {
public:
    void ensure_size(int width, int height);  // (re)allocates when the size changed
    void bind() const;
    void present(int window_width, int window_height) const;  // copies to the window's framebuffer
    picture read() const;
    int width() const { return width_; }
    int height() const { return height_; }

private:
    gl_framebuffer framebuffer_;
    gl_texture color_;
    int width_ = 0, height_ = 0;
};

}  // namespace clarity::viz::detail
