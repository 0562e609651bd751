// cl_khr_gl_sharing under GLX: finds the OpenCL device behind the current GL context.
#include "transfer.hpp"

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#define GLFW_EXPOSE_NATIVE_X11
#define GLFW_EXPOSE_NATIVE_GLX
#include <GLFW/glfw3native.h>

#include <CL/cl_gl.h>

namespace clarity::viz::detail {

std::optional<clarity::context> gl_sharing_context(GLFWwindow* window, std::string& why_not) {
    const clarity::device& candidate = default_queue().device();
    if (!candidate.has_extension("cl_khr_gl_sharing")) {
        why_not = "the OpenCL device has no cl_khr_gl_sharing";
        return std::nullopt;
    }
    GLXContext glx = window ? glfwGetGLXContext(window) : nullptr;
    Display* display = window ? glfwGetX11Display() : nullptr;
    if (!glx || !display) {
        why_not = "the GL context is not a GLX context (cl_khr_gl_sharing is wired for GLX only)";
        return std::nullopt;
    }
    cl_platform_id platform = nullptr;
    clarity::detail::check(clGetDeviceInfo(candidate.get()(), CL_DEVICE_PLATFORM, sizeof platform, &platform, nullptr),
                           "clGetDeviceInfo");
    const cl_context_properties properties[] = {CL_GL_CONTEXT_KHR, reinterpret_cast<cl_context_properties>(glx),
                                                CL_GLX_DISPLAY_KHR, reinterpret_cast<cl_context_properties>(display),
                                                CL_CONTEXT_PLATFORM, reinterpret_cast<cl_context_properties>(platform),
                                                0};
    using info_fn = cl_int(CL_API_CALL*)(const cl_context_properties*, cl_gl_context_info, size_t, void*, size_t*);
    auto get_info = reinterpret_cast<info_fn>(clGetExtensionFunctionAddressForPlatform(platform, "clGetGLContextInfoKHR"));
    cl_device_id device = nullptr;
    cl_int status = get_info ? get_info(properties, CL_CURRENT_DEVICE_FOR_GL_CONTEXT_KHR, sizeof device, &device, nullptr)
                             : CL_INVALID_OPERATION;
    if (status != CL_SUCCESS || !device) {
        why_not = std::string("clGetGLContextInfoKHR found no device for this GL context: ") + status_name(status);
        return std::nullopt;
    }
    cl_context shared = clCreateContext(properties, 1, &device, nullptr, nullptr, &status);
    if (status != CL_SUCCESS) {
        why_not = std::string("clCreateContext with the GL context failed: ") + status_name(status);
        return std::nullopt;
    }
    return clarity::context(cl::Context(shared));  // takes over the reference
}

}  // namespace clarity::viz::detail
