#include "window.hpp"

#include <glad/gl.h>
#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

#include <cstdlib>
#include <stdexcept>

namespace clarity::viz::detail {
namespace {
std::string last_glfw_error;

void on_glfw_error(int, const char* description) { last_glfw_error = description; }

// GLFW starts with the first window and stays up until exit: closing the X connection between
// figures would let the X server reset, and a figure made during the reset would find no display.
void start_glfw() {
    static const bool started = [] {
        glfwSetErrorCallback(on_glfw_error);
        if (!glfwInit()) return false;
        std::atexit(glfwTerminate);
        return true;
    }();
    if (!started)
        throw std::runtime_error("viz: GLFW cannot start (" + last_glfw_error +
                                 "); is there an X display? Offscreen runs need Xvfb (xvfb-run -a)");
}
}  // namespace

window::window(int width, int height, const std::string& title, bool visible) {
    start_glfw();
    glfwDefaultWindowHints();
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
    glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
    glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
    glfwWindowHint(GLFW_VISIBLE, visible ? GLFW_TRUE : GLFW_FALSE);
    glfwWindowHint(GLFW_SCALE_TO_MONITOR, GLFW_TRUE);  // high-DPI: window sized in logical units
    handle_ = glfwCreateWindow(width, height, title.c_str(), nullptr, nullptr);
    if (!handle_) {
        throw std::runtime_error("viz: no OpenGL 3.3 core window (" + last_glfw_error + ")");
    }
    make_current();
    if (!gladLoadGL(glfwGetProcAddress)) {
        glfwDestroyWindow(handle_);
        throw std::runtime_error("viz: glad cannot load OpenGL 3.3 core functions");
    }
    glfwSwapInterval(0);  // frame rates are measured, not capped by vsync
    glfwSetWindowUserPointer(handle_, this);
    glfwSetCursorPosCallback(handle_, on_cursor);
    glfwSetScrollCallback(handle_, on_scroll);
    glfwSetKeyCallback(handle_, on_key);
}

window::~window() { glfwDestroyWindow(handle_); }

void window::make_current() const { glfwMakeContextCurrent(handle_); }
void window::resize(int width, int height) { glfwSetWindowSize(handle_, width, height); }
void window::framebuffer_size(int& width, int& height) const { glfwGetFramebufferSize(handle_, &width, &height); }
void window::content_scale(float& x, float& y) const { glfwGetWindowContentScale(handle_, &x, &y); }
void window::swap_buffers() const { glfwSwapBuffers(handle_); }
bool window::should_close() const { return glfwWindowShouldClose(handle_); }

void window::to_pixels(double& x, double& y) const {
    int ww = 0, wh = 0, fw = 0, fh = 0;
    glfwGetWindowSize(handle_, &ww, &wh);
    glfwGetFramebufferSize(handle_, &fw, &fh);
    x *= ww ? static_cast<double>(fw) / ww : 1.0;
    y = fh - y * (wh ? static_cast<double>(fh) / wh : 1.0);
}

void window::on_cursor(GLFWwindow* w, double x, double y) {
    auto* self = static_cast<window*>(glfwGetWindowUserPointer(w));
    self->to_pixels(x, y);
    const double dx = x - self->last_x_, dy = y - self->last_y_;
    self->last_x_ = x;
    self->last_y_ = y;
    if (self->input_ && glfwGetMouseButton(w, GLFW_MOUSE_BUTTON_LEFT) == GLFW_PRESS)
        self->input_->drag(dx, dy, x - dx, y - dy);
}

void window::on_scroll(GLFWwindow* w, double, double dy) {
    auto* self = static_cast<window*>(glfwGetWindowUserPointer(w));
    if (self->input_) self->input_->scroll(dy, self->last_x_, self->last_y_);
}

void window::on_key(GLFWwindow* w, int key, int, int action, int) {
    auto* self = static_cast<window*>(glfwGetWindowUserPointer(w));
    if (self->input_ && action == GLFW_PRESS) self->input_->key(key);
}

void poll_events() { glfwPollEvents(); }

}  // namespace clarity::viz::detail
