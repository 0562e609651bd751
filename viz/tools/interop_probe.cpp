// What zero-copy route between OpenCL and OpenGL a headless machine offers (viz/INTEROP.md).
//
// 1. OpenGL through EGL on an EGL device (no X server): vendor, renderer, version and the
//    memory-object extensions.
// 2. The OpenCL device: its sharing and external-memory extensions and the handle types it can
//    import. Neither OpenCL nor GL can export memory, so the route tried is:
// 3. Vulkan allocates exportable memory; one opaque fd of it is imported into OpenCL
//    (cl_khr_external_memory_opaque_fd), another into GL (GL_EXT_memory_object_fd). An OpenCL
//    kernel writes the buffer and GL reads it back; then GL writes and OpenCL reads.
//
// Every step prints its result or the exact failing status. Exit status 0: both directions
// moved the right values without a copy. EGL, GL and Vulkan are loaded at run time (glad
// loaders), so the probe builds without their development packages. The Vulkan allocation and
// both imports are the library's own (vulkan_memory, memory_import), which its
// external_memory interop path uses.
//   clarity_interop_probe
#define CL_TARGET_OPENCL_VERSION 300
#include <CL/cl.h>
#include <CL/cl_ext.h>

#include <glad/gl.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "egl_context.hpp"
#include "memory_import.hpp"
#include "vulkan_memory.hpp"

namespace {

using namespace clarity::viz::detail;

constexpr std::size_t values = 1 << 20;  // floats in the shared buffer

bool has_word(const std::string& list, const std::string& word) {
    std::size_t at = 0;
    while ((at = list.find(word, at)) != std::string::npos) {
        const bool starts = at == 0 || list[at - 1] == ' ';
        const bool ends = at + word.size() == list.size() || list[at + word.size()] == ' ';
        if (starts && ends) return true;
        at += word.size();
    }
    return false;
}

// --- 1. OpenGL through EGL -----------------------------------------------------------------

struct gl_context {
    std::unique_ptr<clarity::viz::detail::egl_context> egl;
    bool memory_object_fd = false;
};

std::optional<gl_context> open_gl() {
    gl_context gl;
    try {
        gl.egl = std::make_unique<clarity::viz::detail::egl_context>(4, 5);
    } catch (const std::exception& e) {
        std::printf("egl: %s\n", e.what());
        return std::nullopt;
    }
    if (!gladLoadGL(reinterpret_cast<GLADloadfunc>(clarity::viz::detail::egl_context::proc_address))) {
        std::printf("gl: glad could not load GL 4.5 core\n");
        return std::nullopt;
    }
    std::printf("gl: %s; GL_VENDOR %s; GL_RENDERER %s; GL_VERSION %s\n", gl.egl->description().c_str(),
                glGetString(GL_VENDOR), glGetString(GL_RENDERER), glGetString(GL_VERSION));
    gl.memory_object_fd = GLAD_GL_EXT_memory_object && GLAD_GL_EXT_memory_object_fd;
    std::printf("gl: GL_EXT_memory_object %s, GL_EXT_memory_object_fd %s, GL_EXT_semaphore_fd %s\n",
                GLAD_GL_EXT_memory_object ? "yes" : "no", GLAD_GL_EXT_memory_object_fd ? "yes" : "no",
                GLAD_GL_EXT_semaphore_fd ? "yes" : "no");
    if (GLAD_GL_EXT_memory_object) std::printf("gl: device UUID %s\n", to_hex(gl_device_uuid()).c_str());
    return gl;
}

// --- 2. OpenCL -------------------------------------------------------------------------------

struct cl_side {
    cl_platform_id platform = nullptr;
    cl_device_id device = nullptr;
    cl_context context = nullptr;
    cl_command_queue queue = nullptr;
    bool opaque_fd_import = false;
    std::optional<device_uuid> uuid;
};

std::string device_string(cl_device_id device, cl_device_info what) {
    std::size_t n = 0;
    clGetDeviceInfo(device, what, 0, nullptr, &n);
    std::string s(n, '\0');
    clGetDeviceInfo(device, what, n, s.data(), nullptr);
    if (!s.empty() && s.back() == '\0') s.pop_back();
    return s;
}

std::optional<cl_side> open_cl() {
    cl_platform_id platforms[8];
    cl_uint platform_count = 0;
    if (clGetPlatformIDs(8, platforms, &platform_count) != CL_SUCCESS || platform_count == 0) {
        std::printf("cl: no OpenCL platform\n");
        return std::nullopt;
    }
    cl_side cl;
    for (cl_uint p = 0; p < platform_count && !cl.device; ++p)  // a GPU first
        if (clGetDeviceIDs(platforms[p], CL_DEVICE_TYPE_GPU, 1, &cl.device, nullptr) == CL_SUCCESS) cl.platform = platforms[p];
    for (cl_uint p = 0; p < platform_count && !cl.device; ++p)
        if (clGetDeviceIDs(platforms[p], CL_DEVICE_TYPE_ALL, 1, &cl.device, nullptr) == CL_SUCCESS) cl.platform = platforms[p];
    if (!cl.device) {
        std::printf("cl: no OpenCL device\n");
        return std::nullopt;
    }
    const std::string extensions = device_string(cl.device, CL_DEVICE_EXTENSIONS);
    std::printf("cl: %s (%s)\n", device_string(cl.device, CL_DEVICE_NAME).c_str(),
                device_string(cl.device, CL_DEVICE_VERSION).c_str());
    for (const char* e : {"cl_khr_gl_sharing", "cl_khr_gl_event", "cl_khr_external_memory",
                          "cl_khr_external_memory_opaque_fd", "cl_khr_external_memory_dma_buf",
                          "cl_khr_external_semaphore", "cl_khr_external_semaphore_opaque_fd", "cl_khr_device_uuid"})
        std::printf("cl: %-36s %s\n", e, has_word(extensions, e) ? "yes" : "no");
    if (has_word(extensions, "cl_khr_device_uuid")) {
        cl.uuid = cl_device_uuid(cl.device);
        std::printf("cl: device UUID %s\n", to_hex(*cl.uuid).c_str());
    }
    if (has_word(extensions, "cl_khr_external_memory")) {
        std::size_t bytes = 0;
        const cl_int status = clGetDeviceInfo(cl.device, CL_DEVICE_EXTERNAL_MEMORY_IMPORT_HANDLE_TYPES_KHR, 0, nullptr, &bytes);
        std::vector<cl_external_memory_handle_type_khr> types(bytes / sizeof(cl_external_memory_handle_type_khr));
        clGetDeviceInfo(cl.device, CL_DEVICE_EXTERNAL_MEMORY_IMPORT_HANDLE_TYPES_KHR, bytes, types.data(), nullptr);
        std::printf("cl: CL_DEVICE_EXTERNAL_MEMORY_IMPORT_HANDLE_TYPES_KHR (status %d):", status);
        for (auto t : types) {
            std::printf(" 0x%x", t);
            cl.opaque_fd_import |= t == CL_EXTERNAL_MEMORY_HANDLE_OPAQUE_FD_KHR;
        }
        std::printf("%s\n", types.empty() ? " none" : "  (0x2060 = OPAQUE_FD, 0x2067 = DMA_BUF)");
    }
    cl_int status = CL_SUCCESS;
    cl.context = clCreateContext(nullptr, 1, &cl.device, nullptr, nullptr, &status);
    if (status == CL_SUCCESS) cl.queue = clCreateCommandQueueWithProperties(cl.context, cl.device, nullptr, &status);
    if (status != CL_SUCCESS) {
        std::printf("cl: context or queue failed: %d\n", status);
        return std::nullopt;
    }
    return cl;
}

// --- 3. Vulkan memory, imported into both ----------------------------------------------------

// The Vulkan device of the OpenCL device's UUID where it has one, and memory exported from it.
std::unique_ptr<exported_memory> allocate_exportable(const cl_side& cl, std::size_t bytes) {
    try {
        auto device = std::make_shared<const vulkan_device>(cl.uuid ? &*cl.uuid : nullptr);
        std::printf("vulkan: device %s, UUID %s\n", device->name().c_str(), to_hex(device->uuid()).c_str());
        auto memory = std::make_unique<exported_memory>(device, bytes);
        std::printf("vulkan: %zu bytes of exportable device memory%s\n", memory->size(),
                    memory->dedicated() ? " (dedicated)" : "");
        return memory;
    } catch (const std::exception& e) {
        std::printf("vulkan: %s\n", e.what());
        return nullptr;
    }
}

cl_mem import_cl(const cl_side& cl, const exported_memory& memory, std::size_t bytes) {
    try {
        cl_mem mem = import_into_cl(cl.context, cl.device, memory, bytes);
        std::printf("cl: clCreateBufferWithProperties(OPAQUE_FD) succeeded\n");
        return mem;
    } catch (const std::exception& e) {
        std::printf("cl: %s\n", e.what());
        return nullptr;
    }
}

GLuint import_gl(const exported_memory& memory, std::size_t bytes) {
    try {
        const GLuint buffer = import_into_gl(memory, bytes).buffer;
        std::printf("gl: glImportMemoryFdEXT and glBufferStorageMemEXT succeeded\n");
        return buffer;
    } catch (const std::exception& e) {
        std::printf("gl: %s\n", e.what());
        return 0;
    }
}

// OpenCL writes i * 0.5 + 1, GL reads; GL writes -i, OpenCL reads. Both must see every value.
bool round_trip(const cl_side& cl, cl_mem shared, GLuint gl_buffer) {
    const auto [acquire, release] = external_memory_calls(cl.platform);
    const char* source = "__kernel void fill(__global float *x) { size_t i = get_global_id(0); x[i] = i * 0.5f + 1; }";
    cl_int status = CL_SUCCESS;
    cl_program program = clCreateProgramWithSource(cl.context, 1, &source, nullptr, &status);
    status = clBuildProgram(program, 1, &cl.device, "", nullptr, nullptr);
    cl_kernel kernel = clCreateKernel(program, "fill", &status);
    clSetKernelArg(kernel, 0, sizeof shared, &shared);
    if (acquire) status = acquire(cl.queue, 1, &shared, 0, nullptr, nullptr);
    std::printf("cl: acquire -> %d (%s)\n", status, acquire ? "clEnqueueAcquireExternalMemObjectsKHR" : "not exported");
    const std::size_t global = values;
    status = clEnqueueNDRangeKernel(cl.queue, kernel, 1, nullptr, &global, nullptr, 0, nullptr, nullptr);
    if (release) release(cl.queue, 1, &shared, 0, nullptr, nullptr);
    clFinish(cl.queue);
    std::printf("cl: kernel wrote the shared buffer -> %d\n", status);

    std::vector<float> seen(values);
    glGetNamedBufferSubData(gl_buffer, 0, values * sizeof(float), seen.data());
    std::size_t wrong = 0;
    for (std::size_t i = 0; i < values; ++i) wrong += seen[i] != i * 0.5f + 1;
    std::printf("gl: read back what OpenCL wrote: %zu of %zu values wrong (glGetError 0x%x)\n", wrong, values,
                glGetError());

    std::vector<float> negative(values);
    for (std::size_t i = 0; i < values; ++i) negative[i] = -static_cast<float>(i);
    glNamedBufferSubData(gl_buffer, 0, values * sizeof(float), negative.data());
    glFinish();
    std::vector<float> read(values);
    if (acquire) acquire(cl.queue, 1, &shared, 0, nullptr, nullptr);
    status = clEnqueueReadBuffer(cl.queue, shared, CL_TRUE, 0, values * sizeof(float), read.data(), 0, nullptr, nullptr);
    if (release) release(cl.queue, 1, &shared, 0, nullptr, nullptr);
    clFinish(cl.queue);
    std::size_t wrong_back = 0;
    for (std::size_t i = 0; i < values; ++i) wrong_back += read[i] != negative[i];
    std::printf("cl: read back what GL wrote: %zu of %zu values wrong (status %d)\n", wrong_back, values, status);
    clReleaseKernel(kernel);
    clReleaseProgram(program);
    return wrong == 0 && wrong_back == 0 && status == CL_SUCCESS;
}

// What a frame's copy of the buffer costs each way: OpenCL copying device to device into the
// shared memory, against viz's staged copy (OpenCL reads into a mapped GL buffer).
void time_copies(const cl_side& cl, cl_mem shared) {
    using clock = std::chrono::steady_clock;
    constexpr int repeats = 20;
    const std::size_t bytes = values * sizeof(float);
    cl_int status = CL_SUCCESS;
    cl_mem source = clCreateBuffer(cl.context, CL_MEM_READ_WRITE, bytes, nullptr, &status);
    const float zero = 0;
    clEnqueueFillBuffer(cl.queue, source, &zero, sizeof zero, 0, bytes, 0, nullptr, nullptr);
    const auto [acquire, release] = external_memory_calls(cl.platform);
    clFinish(cl.queue);
    auto start = clock::now();
    for (int r = 0; r < repeats; ++r) {
        if (acquire) acquire(cl.queue, 1, &shared, 0, nullptr, nullptr);
        clEnqueueCopyBuffer(cl.queue, source, shared, 0, 0, bytes, 0, nullptr, nullptr);
        if (release) release(cl.queue, 1, &shared, 0, nullptr, nullptr);
        clFinish(cl.queue);
    }
    const double shared_ms = std::chrono::duration<double, std::milli>(clock::now() - start).count() / repeats;

    GLuint staged = 0;
    glCreateBuffers(1, &staged);
    glNamedBufferData(staged, static_cast<GLsizeiptr>(bytes), nullptr, GL_DYNAMIC_DRAW);
    start = clock::now();
    for (int r = 0; r < repeats; ++r) {
        void* mapped = glMapNamedBufferRange(staged, 0, static_cast<GLsizeiptr>(bytes),
                                             GL_MAP_WRITE_BIT | GL_MAP_INVALIDATE_RANGE_BIT);
        status = clEnqueueReadBuffer(cl.queue, source, CL_TRUE, 0, bytes, mapped, 0, nullptr, nullptr);
        glUnmapNamedBuffer(staged);
    }
    glFinish();
    const double staged_ms = std::chrono::duration<double, std::milli>(clock::now() - start).count() / repeats;
    std::printf("timing: %.1f MB per copy: device copy into the shared memory %.3f ms, staged copy through a "
                "mapped GL buffer %.3f ms (status %d)\n",
                bytes / 1e6, shared_ms, staged_ms, status);
    glDeleteBuffers(1, &staged);
    clReleaseMemObject(source);
}

}  // namespace

int main() {
    const auto gl = open_gl();
    const auto cl = open_cl();
    if (!cl || !cl->opaque_fd_import) {
        std::printf("result: no zero-copy route: the OpenCL device imports no opaque fd\n");
        return 1;
    }
    // The OpenCL half is tried even without GL, for the record.
    const std::size_t bytes = values * sizeof(float);
    const auto memory = allocate_exportable(*cl, bytes);
    if (!memory) {
        std::printf("result: no zero-copy route: Vulkan could not provide exportable memory\n");
        return 1;
    }
    const cl_mem shared = import_cl(*cl, *memory, bytes);
    if (!gl || !gl->memory_object_fd) {
        std::printf("result: no zero-copy route: %s\n",
                    gl ? "GL lacks GL_EXT_memory_object_fd" : "no GL context through EGL");
        return 1;
    }
    const GLuint gl_buffer = import_gl(*memory, bytes);
    if (!shared || !gl_buffer) {
        std::printf("result: no zero-copy route: an import failed (above)\n");
        return 1;
    }
    const bool ok = round_trip(*cl, shared, gl_buffer);
    if (ok) time_copies(*cl, shared);
    std::printf("result: %s\n", ok ? "zero copy works: Vulkan-exported memory shared by OpenCL and GL"
                                   : "imports succeeded but the values did not match");
    return ok ? 0 : 1;
}
