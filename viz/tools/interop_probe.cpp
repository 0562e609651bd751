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
// loaders), so the probe builds without their development packages.
//   clarity_interop_probe
#define CL_TARGET_OPENCL_VERSION 300
#include <CL/cl.h>
#include <CL/cl_ext.h>

#include <glad/gl.h>
#include <glad/vulkan.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "egl_context.hpp"

namespace {

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

std::string hex(const unsigned char* bytes, std::size_t n) {
    std::string s;
    char two[3];
    for (std::size_t i = 0; i < n; ++i) {
        std::snprintf(two, sizeof two, "%02x", bytes[i]);
        s += two;
    }
    return s;
}

// --- 1. OpenGL through EGL -----------------------------------------------------------------

struct gl_context {
    std::unique_ptr<clarity::viz::detail::egl_context> egl;
    bool memory_object_fd = false;
    unsigned char uuid[GL_UUID_SIZE_EXT] = {};
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
    if (GLAD_GL_EXT_memory_object) {
        glGetUnsignedBytei_vEXT(GL_DEVICE_UUID_EXT, 0, gl.uuid);
        std::printf("gl: device UUID %s\n", hex(gl.uuid, GL_UUID_SIZE_EXT).c_str());
    }
    return gl;
}

// --- 2. OpenCL -------------------------------------------------------------------------------

struct cl_side {
    cl_platform_id platform = nullptr;
    cl_device_id device = nullptr;
    cl_context context = nullptr;
    cl_command_queue queue = nullptr;
    bool opaque_fd_import = false;
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
        unsigned char uuid[CL_UUID_SIZE_KHR] = {};
        clGetDeviceInfo(cl.device, CL_DEVICE_UUID_KHR, sizeof uuid, uuid, nullptr);
        std::printf("cl: device UUID %s\n", hex(uuid, sizeof uuid).c_str());
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

struct vulkan_memory {
    VkDevice device = VK_NULL_HANDLE;
    VkDeviceMemory memory = VK_NULL_HANDLE;
    VkDeviceSize size = 0;
    bool dedicated = false;
};

std::optional<vulkan_memory> allocate_exportable(std::size_t bytes) {
    if (!gladLoaderLoadVulkan(nullptr, nullptr, nullptr)) {
        std::printf("vulkan: libvulkan.so.1 not found\n");
        return std::nullopt;
    }
    VkApplicationInfo app{VK_STRUCTURE_TYPE_APPLICATION_INFO};
    app.pApplicationName = "clarity_interop_probe";
    app.apiVersion = VK_API_VERSION_1_1;
    VkInstanceCreateInfo instance_info{VK_STRUCTURE_TYPE_INSTANCE_CREATE_INFO};
    instance_info.pApplicationInfo = &app;
    VkInstance instance = VK_NULL_HANDLE;
    VkResult result = vkCreateInstance(&instance_info, nullptr, &instance);
    if (result != VK_SUCCESS) {
        std::printf("vulkan: vkCreateInstance failed: %d\n", result);
        return std::nullopt;
    }
    gladLoaderLoadVulkan(instance, nullptr, nullptr);
    VkPhysicalDevice physical[8];
    uint32_t count = 8;
    vkEnumeratePhysicalDevices(instance, &count, physical);
    if (count == 0) {
        std::printf("vulkan: no physical device (no ICD found?)\n");
        return std::nullopt;
    }
    VkPhysicalDevice chosen = physical[0];
    for (uint32_t i = 0; i < count; ++i) {
        VkPhysicalDeviceIDProperties id{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_ID_PROPERTIES};
        VkPhysicalDeviceProperties2 properties{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_PROPERTIES_2, &id};
        vkGetPhysicalDeviceProperties2(physical[i], &properties);
        std::printf("vulkan: device %u %s, UUID %s\n", i, properties.properties.deviceName,
                    hex(id.deviceUUID, VK_UUID_SIZE).c_str());
        if (properties.properties.deviceType == VK_PHYSICAL_DEVICE_TYPE_DISCRETE_GPU) chosen = physical[i];
    }
    gladLoaderLoadVulkan(instance, chosen, nullptr);
    uint32_t queue_family_count = 0;
    vkGetPhysicalDeviceQueueFamilyProperties(chosen, &queue_family_count, nullptr);
    const float priority = 1.0f;
    VkDeviceQueueCreateInfo queue_info{VK_STRUCTURE_TYPE_DEVICE_QUEUE_CREATE_INFO};
    queue_info.queueFamilyIndex = 0;
    queue_info.queueCount = 1;
    queue_info.pQueuePriorities = &priority;
    const char* extensions[] = {VK_KHR_EXTERNAL_MEMORY_FD_EXTENSION_NAME};
    VkDeviceCreateInfo device_info{VK_STRUCTURE_TYPE_DEVICE_CREATE_INFO};
    device_info.queueCreateInfoCount = 1;
    device_info.pQueueCreateInfos = &queue_info;
    device_info.enabledExtensionCount = 1;
    device_info.ppEnabledExtensionNames = extensions;
    vulkan_memory out;
    result = vkCreateDevice(chosen, &device_info, nullptr, &out.device);
    if (result != VK_SUCCESS) {
        std::printf("vulkan: vkCreateDevice with VK_KHR_external_memory_fd failed: %d\n", result);
        return std::nullopt;
    }
    gladLoaderLoadVulkan(instance, chosen, out.device);

    VkExternalMemoryBufferCreateInfo external_buffer{VK_STRUCTURE_TYPE_EXTERNAL_MEMORY_BUFFER_CREATE_INFO};
    external_buffer.handleTypes = VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_FD_BIT;
    VkBufferCreateInfo buffer_info{VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO, &external_buffer};
    buffer_info.size = bytes;
    buffer_info.usage = VK_BUFFER_USAGE_STORAGE_BUFFER_BIT | VK_BUFFER_USAGE_TRANSFER_SRC_BIT |
                        VK_BUFFER_USAGE_TRANSFER_DST_BIT | VK_BUFFER_USAGE_VERTEX_BUFFER_BIT;
    VkBuffer buffer = VK_NULL_HANDLE;
    if ((result = vkCreateBuffer(out.device, &buffer_info, nullptr, &buffer)) != VK_SUCCESS) {
        std::printf("vulkan: vkCreateBuffer failed: %d\n", result);
        return std::nullopt;
    }
    VkMemoryDedicatedRequirements dedicated{VK_STRUCTURE_TYPE_MEMORY_DEDICATED_REQUIREMENTS};
    VkMemoryRequirements2 requirements{VK_STRUCTURE_TYPE_MEMORY_REQUIREMENTS_2, &dedicated};
    VkBufferMemoryRequirementsInfo2 which{VK_STRUCTURE_TYPE_BUFFER_MEMORY_REQUIREMENTS_INFO_2};
    which.buffer = buffer;
    vkGetBufferMemoryRequirements2(out.device, &which, &requirements);
    out.dedicated = dedicated.requiresDedicatedAllocation;
    VkPhysicalDeviceMemoryProperties memory_properties;
    vkGetPhysicalDeviceMemoryProperties(chosen, &memory_properties);
    uint32_t type = UINT32_MAX;
    for (uint32_t t = 0; t < memory_properties.memoryTypeCount && type == UINT32_MAX; ++t)
        if ((requirements.memoryRequirements.memoryTypeBits & (1u << t)) &&
            (memory_properties.memoryTypes[t].propertyFlags & VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT))
            type = t;
    VkMemoryDedicatedAllocateInfo dedicated_info{VK_STRUCTURE_TYPE_MEMORY_DEDICATED_ALLOCATE_INFO};
    dedicated_info.buffer = buffer;
    VkExportMemoryAllocateInfo export_info{VK_STRUCTURE_TYPE_EXPORT_MEMORY_ALLOCATE_INFO,
                                           out.dedicated ? &dedicated_info : nullptr};
    export_info.handleTypes = VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_FD_BIT;
    VkMemoryAllocateInfo allocate{VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO, &export_info};
    allocate.allocationSize = requirements.memoryRequirements.size;
    allocate.memoryTypeIndex = type;
    if (type == UINT32_MAX || (result = vkAllocateMemory(out.device, &allocate, nullptr, &out.memory)) != VK_SUCCESS) {
        std::printf("vulkan: vkAllocateMemory (exportable, device local) failed: %d\n", result);
        return std::nullopt;
    }
    vkBindBufferMemory(out.device, buffer, out.memory, 0);
    out.size = allocate.allocationSize;
    std::printf("vulkan: %llu bytes of exportable device memory (type %u%s)\n",
                static_cast<unsigned long long>(out.size), type, out.dedicated ? ", dedicated" : "");
    return out;
}

int export_fd(const vulkan_memory& memory) {
    VkMemoryGetFdInfoKHR info{VK_STRUCTURE_TYPE_MEMORY_GET_FD_INFO_KHR};
    info.memory = memory.memory;
    info.handleType = VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_FD_BIT;
    int fd = -1;
    const VkResult result = vkGetMemoryFdKHR(memory.device, &info, &fd);
    if (result != VK_SUCCESS) std::printf("vulkan: vkGetMemoryFdKHR failed: %d\n", result);
    return fd;
}

cl_mem import_into_cl(const cl_side& cl, int fd, std::size_t bytes) {
    const cl_mem_properties properties[] = {CL_EXTERNAL_MEMORY_HANDLE_OPAQUE_FD_KHR, static_cast<cl_mem_properties>(fd),
                                            CL_DEVICE_HANDLE_LIST_KHR, reinterpret_cast<cl_mem_properties>(cl.device),
                                            CL_DEVICE_HANDLE_LIST_END_KHR, 0};
    cl_int status = CL_SUCCESS;
    cl_mem mem = clCreateBufferWithProperties(cl.context, properties, CL_MEM_READ_WRITE, bytes, nullptr, &status);
    std::printf("cl: clCreateBufferWithProperties(OPAQUE_FD) -> %d\n", status);
    return status == CL_SUCCESS ? mem : nullptr;
}

GLuint import_into_gl(int fd, const vulkan_memory& memory, std::size_t bytes) {
    GLuint object = 0, buffer = 0;
    glCreateMemoryObjectsEXT(1, &object);
    if (memory.dedicated) {
        const GLint yes = GL_TRUE;
        glMemoryObjectParameterivEXT(object, GL_DEDICATED_MEMORY_OBJECT_EXT, &yes);
    }
    glImportMemoryFdEXT(object, memory.size, GL_HANDLE_TYPE_OPAQUE_FD_EXT, fd);
    GLenum error = glGetError();
    std::printf("gl: glImportMemoryFdEXT -> 0x%x\n", error);
    if (error != GL_NO_ERROR) return 0;
    glCreateBuffers(1, &buffer);
    glNamedBufferStorageMemEXT(buffer, static_cast<GLsizeiptr>(bytes), object, 0);
    error = glGetError();
    std::printf("gl: glNamedBufferStorageMemEXT -> 0x%x\n", error);
    return error == GL_NO_ERROR ? buffer : 0;
}

// OpenCL writes i * 0.5 + 1, GL reads; GL writes -i, OpenCL reads. Both must see every value.
bool round_trip(const cl_side& cl, cl_mem shared, GLuint gl_buffer) {
    using acquire_fn = clEnqueueAcquireExternalMemObjectsKHR_fn;
    auto acquire = reinterpret_cast<acquire_fn>(
        clGetExtensionFunctionAddressForPlatform(cl.platform, "clEnqueueAcquireExternalMemObjectsKHR"));
    auto release = reinterpret_cast<clEnqueueReleaseExternalMemObjectsKHR_fn>(
        clGetExtensionFunctionAddressForPlatform(cl.platform, "clEnqueueReleaseExternalMemObjectsKHR"));
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
    auto acquire = reinterpret_cast<clEnqueueAcquireExternalMemObjectsKHR_fn>(
        clGetExtensionFunctionAddressForPlatform(cl.platform, "clEnqueueAcquireExternalMemObjectsKHR"));
    auto release = reinterpret_cast<clEnqueueReleaseExternalMemObjectsKHR_fn>(
        clGetExtensionFunctionAddressForPlatform(cl.platform, "clEnqueueReleaseExternalMemObjectsKHR"));
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
    const auto memory = allocate_exportable(bytes);
    if (!memory) {
        std::printf("result: no zero-copy route: Vulkan could not provide exportable memory\n");
        return 1;
    }
    const int cl_fd = export_fd(*memory);
    const cl_mem shared = cl_fd >= 0 ? import_into_cl(*cl, cl_fd, bytes) : nullptr;
    if (!gl || !gl->memory_object_fd) {
        std::printf("result: no zero-copy route: %s\n",
                    gl ? "GL lacks GL_EXT_memory_object_fd" : "no GL context through EGL");
        return 1;
    }
    const int gl_fd = export_fd(*memory);
    const GLuint gl_buffer = gl_fd >= 0 ? import_into_gl(gl_fd, *memory, bytes) : 0;
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
