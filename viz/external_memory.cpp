#include "external_memory.hpp"

#include <stdexcept>

namespace clarity::viz::detail {
namespace {

// One Vulkan device per GPU for the whole process, never destroyed: figures come and go, and
// tearing Vulkan down at exit would race the driver's own teardown.
std::shared_ptr<const vulkan_device> vulkan_device_for(const device_uuid& uuid) {
    static auto* devices = new std::map<device_uuid, std::shared_ptr<const vulkan_device>>;
    auto& device = (*devices)[uuid];
    if (!device) device = std::make_shared<const vulkan_device>(&uuid);
    return device;
}

cl_platform_id platform_of(const clarity::device& device) {
    cl_platform_id platform = nullptr;
    clarity::detail::check(clGetDeviceInfo(device.get()(), CL_DEVICE_PLATFORM, sizeof platform, &platform, nullptr),
                           "clGetDeviceInfo");
    return platform;
}

}  // namespace

std::optional<external_memory_route> find_external_memory_route(const clarity::queue& queue, std::string& why_not) {
    const clarity::device& device = queue.device();
    for (const char* needed : {"cl_khr_external_memory_opaque_fd", "cl_khr_device_uuid"})
        if (!device.has_extension(needed)) {
            why_not = std::string("the OpenCL device has no ") + needed;
            return std::nullopt;
        }
    if (!GLAD_GL_EXT_memory_object || !GLAD_GL_EXT_memory_object_fd) {
        why_not = "the GL context has no GL_EXT_memory_object_fd";
        return std::nullopt;
    }
    const device_uuid uuid = cl_device_uuid(device.get()());
    if (gl_device_uuid() != uuid) {
        why_not = "GL runs on another device (UUID " + to_hex(gl_device_uuid()) + ", OpenCL's " + to_hex(uuid) + ")";
        return std::nullopt;
    }
    external_memory_route route{nullptr, external_memory_calls(platform_of(device))};
    if (!route.calls.acquire || !route.calls.release) {
        why_not = "the OpenCL platform does not export clEnqueueAcquire/ReleaseExternalMemObjectsKHR";
        return std::nullopt;
    }
    try {
        route.vulkan = vulkan_device_for(uuid);
        make_external_buffer(route.vulkan, 4096).backing->in(queue);  // a trial import both ways
    } catch (const std::exception& e) {
        why_not = e.what();
        return std::nullopt;
    }
    return route;
}

external_buffer::external_buffer(std::unique_ptr<exported_memory> memory, GLuint memory_object, std::size_t bytes)
    : memory_(std::move(memory)), memory_object_(memory_object), bytes_(bytes) {}

external_buffer::~external_buffer() { glDeleteMemoryObjectsEXT(1, &memory_object_); }

const cl::Buffer& external_buffer::in(const clarity::queue& queue) {
    const cl_context context = queue.context().get()();
    auto it = views_.find(context);
    if (it == views_.end()) {
        cl_mem mem = import_into_cl(context, queue.device().get()(), *memory_, bytes_);
        it = views_.emplace(context, cl::Buffer(mem)).first;  // takes over the reference
    }
    return it->second;
}

copy_target make_external_buffer(const std::shared_ptr<const vulkan_device>& device, std::size_t bytes) {
    auto memory = std::make_unique<exported_memory>(device, bytes);
    const gl_import imported = import_into_gl(*memory, bytes);
    return {std::make_shared<external_buffer>(std::move(memory), imported.memory_object, bytes), gl_buffer(imported.buffer)};
}

}  // namespace clarity::viz::detail
