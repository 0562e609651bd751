// An OpenGL core context from an EGL device (EGL_EXT_platform_device), current without any
// surface, or on a small pbuffer where EGL_KHR_surfaceless_context is missing: rendering into
// framebuffer objects on machines with no X server. libEGL is opened at run time.
#pragma once

#include <string>

namespace clarity::viz::detail {

class egl_context {
public:
    // The first device that is not Mesa's software one, else the software one. Throws
    // std::runtime_error naming the EGL step that failed.
    egl_context(int gl_major, int gl_minor);
    ~egl_context();
    egl_context(const egl_context&) = delete;
    egl_context& operator=(const egl_context&) = delete;

    void make_current() const;
    // EGL vendor and version, surfaceless or pbuffer, the device's extensions.
    const std::string& description() const { return description_; }
    static void* proc_address(const char* name);                      // for gladLoadGL

private:
    void* display_ = nullptr;
    void* context_ = nullptr;
    void* surface_ = nullptr;  // none when surfaceless
    std::string description_;
};

}  // namespace clarity::viz::detail
