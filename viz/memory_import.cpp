#define CL_TARGET_OPENCL_VERSION 300  // clCreateBufferWithProperties
#include "memory_import.hpp"

#include <cstdio>
#include <stdexcept>
#include <string>

namespace clarity::viz::detail {
namespace {

void check_gl(const char* call) {
    if (const GLenum error = glGetError(); error != GL_NO_ERROR) {
        char code[16];
        std::snprintf(code, sizeof code, "0x%x", error);
        throw std::runtime_error(std::string("GL: ") + call + " failed (error " + code + ")");
    }
}

}  // namespace

cl_mem import_into_cl(cl_context context, cl_device_id device, const exported_memory& memory, std::size_t bytes) {
    const cl_mem_properties properties[] = {
        CL_EXTERNAL_MEMORY_HANDLE_OPAQUE_FD_KHR, static_cast<cl_mem_properties>(memory.export_fd()),
        CL_DEVICE_HANDLE_LIST_KHR, reinterpret_cast<cl_mem_properties>(device), CL_DEVICE_HANDLE_LIST_END_KHR, 0};
    cl_int status = CL_SUCCESS;
    cl_mem mem = clCreateBufferWithProperties(context, properties, CL_MEM_READ_WRITE, bytes, nullptr, &status);
    if (status != CL_SUCCESS)
        throw std::runtime_error("OpenCL: clCreateBufferWithProperties(OPAQUE_FD) failed: " + std::to_string(status));
    return mem;
}

gl_import import_into_gl(const exported_memory& memory, std::size_t bytes) {
    glGetError();  // clear what came before
    gl_import out;
    glCreateMemoryObjectsEXT(1, &out.memory_object);
    if (memory.dedicated()) {
        const GLint yes = GL_TRUE;
        glMemoryObjectParameterivEXT(out.memory_object, GL_DEDICATED_MEMORY_OBJECT_EXT, &yes);
    }
    glImportMemoryFdEXT(out.memory_object, memory.size(), GL_HANDLE_TYPE_OPAQUE_FD_EXT, memory.export_fd());
    try {
        check_gl("glImportMemoryFdEXT");
        glGenBuffers(1, &out.buffer);
        glBindBuffer(GL_COPY_WRITE_BUFFER, out.buffer);
        glBufferStorageMemEXT(GL_COPY_WRITE_BUFFER, static_cast<GLsizeiptr>(bytes), out.memory_object, 0);
        check_gl("glBufferStorageMemEXT");
    } catch (...) {
        glDeleteBuffers(1, &out.buffer);
        glDeleteMemoryObjectsEXT(1, &out.memory_object);
        throw;
    }
    return out;
}

external_memory_calls::external_memory_calls(cl_platform_id platform)
    : acquire(reinterpret_cast<clEnqueueAcquireExternalMemObjectsKHR_fn>(
          clGetExtensionFunctionAddressForPlatform(platform, "clEnqueueAcquireExternalMemObjectsKHR"))),
      release(reinterpret_cast<clEnqueueReleaseExternalMemObjectsKHR_fn>(
          clGetExtensionFunctionAddressForPlatform(platform, "clEnqueueReleaseExternalMemObjectsKHR"))) {}

device_uuid cl_device_uuid(cl_device_id device) {
    device_uuid uuid{};
    clGetDeviceInfo(device, CL_DEVICE_UUID_KHR, uuid.size(), uuid.data(), nullptr);
    return uuid;
}

device_uuid gl_device_uuid() {
    device_uuid uuid{};
    glGetUnsignedBytei_vEXT(GL_DEVICE_UUID_EXT, 0, uuid.data());
    return uuid;
}

}  // namespace clarity::viz::detail
