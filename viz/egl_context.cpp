#include "egl_context.hpp"

#include <glad/egl.h>

#include <cstdio>
#include <stdexcept>
#include <string_view>

namespace clarity::viz::detail {
namespace {

[[noreturn]] void fail(const std::string& step) {
    char code[16];
    std::snprintf(code, sizeof code, "0x%x", static_cast<unsigned>(eglGetError()));
    throw std::runtime_error("EGL: " + step + " failed (error " + code + ")");
}

bool lists(const char* extensions, std::string_view word) {
    for (std::string_view rest = extensions ? extensions : ""; !rest.empty();) {
        const auto space = rest.find(' ');
        if (rest.substr(0, space) == word) return true;
        rest = space == std::string_view::npos ? std::string_view{} : rest.substr(space + 1);
    }
    return false;
}

EGLDeviceEXT choose_device() {
    EGLDeviceEXT devices[16];
    EGLint count = 0;
    if (!eglQueryDevicesEXT(16, devices, &count) || count == 0) fail("eglQueryDevicesEXT");
    for (EGLint i = 0; i < count; ++i)
        if (!lists(eglQueryDeviceStringEXT(devices[i], EGL_EXTENSIONS), "EGL_MESA_device_software")) return devices[i];
    return devices[0];
}

}  // namespace

egl_context::egl_context(int gl_major, int gl_minor) {
    if (!gladLoaderLoadEGL(EGL_NO_DISPLAY)) throw std::runtime_error("EGL: libEGL.so.1 cannot be loaded");
    // EGL_EXT_device_base is the older name of device_enumeration + device_query together;
    // NVIDIA's libEGL lists only it.
    const bool enumerates_devices = GLAD_EGL_EXT_device_enumeration || GLAD_EGL_EXT_device_base;
    if (!enumerates_devices || !GLAD_EGL_EXT_platform_device) {
        // Often no vendor library loaded: glvnd alone lists few client extensions.
        const char* client = eglQueryString(EGL_NO_DISPLAY, EGL_EXTENSIONS);
        throw std::runtime_error(std::string("EGL: no EGL_EXT_device_enumeration (or _device_base) or EGL_EXT_platform_device among the "
                                             "client extensions [") + (client ? client : "") + "]");
    }
    const EGLDeviceEXT device = choose_device();
    const char* device_extensions = eglQueryDeviceStringEXT(device, EGL_EXTENSIONS);
    const EGLDisplay display = eglGetPlatformDisplayEXT(EGL_PLATFORM_DEVICE_EXT, device, nullptr);
    EGLint major = 0, minor = 0;
    if (display == EGL_NO_DISPLAY || !eglInitialize(display, &major, &minor)) fail("eglInitialize on the device");
    display_ = display;
    gladLoaderLoadEGL(display);  // the display's extensions
    const EGLint config_attributes[] = {EGL_SURFACE_TYPE, EGL_PBUFFER_BIT, EGL_RENDERABLE_TYPE, EGL_OPENGL_BIT,
                                        EGL_NONE};
    EGLConfig config = nullptr;
    EGLint configs = 0;
    if (!eglBindAPI(EGL_OPENGL_API)) fail("eglBindAPI(EGL_OPENGL_API)");
    if (!eglChooseConfig(display, config_attributes, &config, 1, &configs) || configs == 0)
        fail("eglChooseConfig (desktop GL, pbuffer)");
    const EGLint context_attributes[] = {EGL_CONTEXT_MAJOR_VERSION, gl_major, EGL_CONTEXT_MINOR_VERSION, gl_minor,
                                         EGL_CONTEXT_OPENGL_PROFILE_MASK, EGL_CONTEXT_OPENGL_CORE_PROFILE_BIT,
                                         EGL_NONE};
    context_ = eglCreateContext(display, config, EGL_NO_CONTEXT, context_attributes);
    if (context_ == EGL_NO_CONTEXT) fail("eglCreateContext (GL " + std::to_string(gl_major) + "." + std::to_string(gl_minor) + " core)");
    const bool surfaceless = GLAD_EGL_KHR_surfaceless_context;
    if (!surfaceless) {
        const EGLint pbuffer_attributes[] = {EGL_WIDTH, 16, EGL_HEIGHT, 16, EGL_NONE};
        surface_ = eglCreatePbufferSurface(display, config, pbuffer_attributes);
        if (surface_ == EGL_NO_SURFACE) fail("eglCreatePbufferSurface");
    }
    make_current();
    description_ = std::string(eglQueryString(display, EGL_VENDOR)) + " EGL " + std::to_string(major) + "." +
                   std::to_string(minor) + (surfaceless ? ", surfaceless" : ", pbuffer") + ", device [" +
                   (device_extensions ? device_extensions : "") + "]";
}

egl_context::~egl_context() {
    eglMakeCurrent(display_, EGL_NO_SURFACE, EGL_NO_SURFACE, EGL_NO_CONTEXT);
    if (surface_) eglDestroySurface(display_, surface_);
    if (context_) eglDestroyContext(display_, context_);
}

void egl_context::make_current() const {
    if (!eglMakeCurrent(display_, surface_, surface_, context_)) fail("eglMakeCurrent");
}

void* egl_context::proc_address(const char* name) { return reinterpret_cast<void*>(eglGetProcAddress(name)); }

}  // namespace clarity::viz::detail
