// A GLFW window with an OpenGL 3.3 core context (hidden for offscreen figures), and the
// input it forwards in framebuffer pixels with y up. An offscreen figure where GLFW cannot
// start (no X server) gets an EGL device context instead, with no window at all.
#pragma once

#include <memory>
#include <string>

#include "egl_context.hpp"

struct GLFWwindow;

namespace clarity::viz::detail {

struct input_handler {
    virtual ~input_handler() = default;
    virtual void drag(double dx, double dy, double x, double y) = 0;  // left button held
    virtual void scroll(double steps, double x, double y) = 0;
    virtual void key(int glfw_key) = 0;
};

class window {
public:
    window(int width, int height, const std::string& title, bool visible);
    ~window();
    window(const window&) = delete;
    window& operator=(const window&) = delete;

    void make_current() const;
    void set_input(input_handler* handler) { input_ = handler; }
    void resize(int width, int height);
    void framebuffer_size(int& width, int& height) const;
    void content_scale(float& x, float& y) const;
    void swap_buffers() const;
    bool should_close() const;
    GLFWwindow* get() const { return handle_; }  // null with an EGL context
    // "GLFW" or the EGL context's description.
    const std::string& context_kind() const { return context_kind_; }

private:
    static void on_cursor(GLFWwindow* w, double x, double y);
    static void on_scroll(GLFWwindow* w, double dx, double dy);
    static void on_key(GLFWwindow* w, int key, int scancode, int action, int mods);
    void to_pixels(double& x, double& y) const;  // window coordinates to framebuffer pixels, y up

    GLFWwindow* handle_ = nullptr;
    std::unique_ptr<egl_context> egl_;
    int egl_width_ = 0, egl_height_ = 0;  // the size asked for, with an EGL context
    std::string context_kind_ = "GLFW";
    input_handler* input_ = nullptr;
    double last_x_ = 0, last_y_ = 0;
};

// Polls window events of all figures.
void poll_events();

}  // namespace clarity::viz::detail
