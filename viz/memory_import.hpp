// Exported Vulkan memory imported into OpenCL (cl_khr_external_memory_opaque_fd) and into GL
// (GL_EXT_memory_object_fd), and the device UUIDs that say whether all three APIs drive the
// same GPU. Raw OpenCL handles, so that the interop probe shares these without the library.
#pragma once

#include <CL/cl_ext.h>

#include <glad/gl.h>

#include "vulkan_memory.hpp"

namespace clarity::viz::detail {

// A buffer of `bytes` over `memory` for `device` in `context`; throws std::runtime_error with
// the status. The descriptor handed over stays open: OpenCL does not say it takes it over.
cl_mem import_into_cl(cl_context context, cl_device_id device, const exported_memory& memory, std::size_t bytes);

// A GL buffer of `bytes` whose storage is `memory` (GL takes over the descriptor), and the
// memory object to delete after it. The context must be current. Throws std::runtime_error
// with the GL error.
struct gl_import {
    GLuint memory_object = 0;
    GLuint buffer = 0;
};
gl_import import_into_gl(const exported_memory& memory, std::size_t bytes);

// Hand-offs of imported buffers between OpenCL and the other API (cl_khr_external_memory),
// found on `platform`; null where it does not export them.
struct external_memory_calls {
    explicit external_memory_calls(cl_platform_id platform);
    clEnqueueAcquireExternalMemObjectsKHR_fn acquire = nullptr;
    clEnqueueReleaseExternalMemObjectsKHR_fn release = nullptr;
};

device_uuid cl_device_uuid(cl_device_id device);  // the device must have cl_khr_device_uuid
device_uuid gl_device_uuid();                     // the context must have GL_EXT_memory_object

}  // namespace clarity::viz::detail
