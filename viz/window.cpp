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
bool glfw_started() {
    static const bool started = [] {
        glfwSetErrorCallback(on_glfw_error);
        if (!glfwInit()) return false;
        std::atexit(glfwTerminate);
        return true;
    }();
    return started;
}
}  // namespace

window::window(int width, int height, const std::string& title, bool visible) {
    if (!glfw_started()) {
        if (visible)
            throw std::runtime_error("viz: GLFW cannot start (" + last_glfw_error +
                                     "); is there an X display? Offscreen figures need Xvfb or an EGL device");
        try {
            egl_ = std::make_unique<egl_context>(3, 3);
        } catch (const std::exception& e) {
            throw std::runtime_error("viz: no X display for GLFW (" + last_glfw_error + ") and no EGL context: " + e.what());
        }
        if (!gladLoadGL(reinterpret_cast<GLADloadfunc>(egl_context::proc_address)))
            throw std::runtime_error("viz: glad cannot load OpenGL 3.3 core functions through EGL");
        egl_width_ = width;
        egl_height_ = height;
        context_kind_ = egl_->description();
        return;
    }
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

window::~window() {
    if (handle_) glfwDestroyWindow(handle_);
}

void window::make_current() const {
    if (egl_)
        egl_->make_current();
    else
        glfwMakeContextCurrent(handle_);
}

void window::resize(int width, int height) {
    egl_width_ = width;
    egl_height_ = height;
    if (handle_) glfwSetWindowSize(handle_, width, height);
}

void window::framebuffer_size(int& width, int& height) const {
    width = egl_width_;
    height = egl_height_;
    if (handle_) glfwGetFramebufferSize(handle_, &width, &height);
}

void window::content_scale(float& x, float& y) const {
    x = y = 1;
    if (handle_) glfwGetWindowContentScale(handle_, &x, &y);
}

void window::swap_buffers() const {
    if (handle_) glfwSwapBuffers(handle_);
}

bool window::should_close() const { return handle_ && glfwWindowShouldClose(handle_); }

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

void poll_events() {
    if (glfw_started()) glfwPollEvents();
}

}  // namespace clarity::viz::detail
