// A GLFW window with an OpenGL 3.3 core context (hidden for offscreen figures), and the
// input it forwards in framebuffer pixels with y up.
#pragma once

#include <string>

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
    GLFWwindow* get() const { return handle_; }

private:
    static void on_cursor(GLFWwindow* w, double x, double y);
    static void on_scroll(GLFWwindow* w, double dx, double dy);
    static void on_key(GLFWwindow* w, int key, int scancode, int action, int mods);
    void to_pixels(double& x, double& y) const;  // window coordinates to framebuffer pixels, y up

    GLFWwindow* handle_ = nullptr;
    input_handler* input_ = nullptr;
    double last_x_ = 0, last_y_ = 0;
};

// Polls window events of all figures.
void poll_events();

}  // namespace clarity::viz::detail
