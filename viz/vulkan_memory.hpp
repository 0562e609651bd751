// Device memory that Vulkan allocates and exports as opaque file descriptors
// (VK_KHR_external_memory_fd). Neither OpenCL nor GL can export memory, only import it, so a
// buffer both of them see is Vulkan memory imported twice (viz/INTEROP.md). libvulkan is
// opened at run time by the glad loader.
#pragma once

#include <array>
#include <cstddef>
#include <memory>
#include <string>

// Vulkan's handle types, declared as <vulkan.h> does on 64-bit targets: the header itself stays
// out of files that include GLFW, which then declares surface functions it cannot compile.
struct VkInstance_T;
struct VkPhysicalDevice_T;
struct VkDevice_T;
struct VkBuffer_T;
struct VkDeviceMemory_T;

namespace clarity::viz::detail {

using device_uuid = std::array<unsigned char, 16>;  // VK_UUID_SIZE = CL_UUID_SIZE_KHR = GL_UUID_SIZE_EXT
std::string to_hex(const device_uuid& uuid);

// A Vulkan logical device with VK_KHR_external_memory_fd.
class vulkan_device {
public:
    // The physical device whose UUID is `wanted`; with none, the first discrete GPU, else the
    // first device. Throws std::runtime_error naming the step that failed.
    explicit vulkan_device(const device_uuid* wanted);
    ~vulkan_device();
    vulkan_device(const vulkan_device&) = delete;
    vulkan_device& operator=(const vulkan_device&) = delete;

    VkDevice_T* get() const { return device_; }
    VkPhysicalDevice_T* physical() const { return physical_; }
    const std::string& name() const { return name_; }
    const device_uuid& uuid() const { return uuid_; }

private:
    VkInstance_T* instance_ = nullptr;
    VkPhysicalDevice_T* physical_ = nullptr;
    VkDevice_T* device_ = nullptr;
    std::string name_;
    device_uuid uuid_{};
};

// Exportable device-local memory of at least `bytes`, bound to a buffer as the export needs;
// both are freed on destruction (what was imported elsewhere stays valid there).
class exported_memory {
public:
    // Throws std::runtime_error with the failing Vulkan call and its result.
    exported_memory(std::shared_ptr<const vulkan_device> device, std::size_t bytes);
    ~exported_memory();
    exported_memory(const exported_memory&) = delete;
    exported_memory& operator=(const exported_memory&) = delete;

    // A new descriptor on each call; the caller owns it until an import takes it over.
    int export_fd() const;
    std::size_t size() const { return size_; }  // of the allocation, which importers must be told
    bool dedicated() const { return dedicated_; }

private:
    std::shared_ptr<const vulkan_device> device_;
    VkBuffer_T* buffer_ = nullptr;
    VkDeviceMemory_T* memory_ = nullptr;
    std::size_t size_ = 0;
    bool dedicated_ = false;
};

}  // namespace clarity::viz::detail
