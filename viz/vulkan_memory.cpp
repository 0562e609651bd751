#include "vulkan_memory.hpp"

#include <glad/vulkan.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <stdexcept>

namespace clarity::viz::detail {
namespace {

void check(VkResult result, const char* call) {
    if (result != VK_SUCCESS) throw std::runtime_error(std::string("Vulkan: ") + call + " failed: " + std::to_string(result));
}

}  // namespace

std::string to_hex(const device_uuid& uuid) {
    std::string s;
    char two[3];
    for (unsigned char byte : uuid) {
        std::snprintf(two, sizeof two, "%02x", byte);
        s += two;
    }
    return s;
}

vulkan_device::vulkan_device(const device_uuid* wanted) {
    if (!gladLoaderLoadVulkan(nullptr, nullptr, nullptr)) throw std::runtime_error("Vulkan: libvulkan.so.1 cannot be loaded");
    VkApplicationInfo app{VK_STRUCTURE_TYPE_APPLICATION_INFO};
    app.pApplicationName = "clarity::viz";
    app.apiVersion = VK_API_VERSION_1_1;
    VkInstanceCreateInfo instance_info{VK_STRUCTURE_TYPE_INSTANCE_CREATE_INFO};
    instance_info.pApplicationInfo = &app;
    check(vkCreateInstance(&instance_info, nullptr, &instance_), "vkCreateInstance");
    gladLoaderLoadVulkan(instance_, nullptr, nullptr);
    VkPhysicalDevice physical[16];
    uint32_t count = 16;
    vkEnumeratePhysicalDevices(instance_, &count, physical);
    std::string seen;
    bool chosen_discrete = false;
    for (uint32_t i = 0; i < count; ++i) {
        VkPhysicalDeviceIDProperties id{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_ID_PROPERTIES};
        VkPhysicalDeviceProperties2 properties{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_PROPERTIES_2, &id};
        vkGetPhysicalDeviceProperties2(physical[i], &properties);
        device_uuid uuid;
        std::copy(id.deviceUUID, id.deviceUUID + VK_UUID_SIZE, uuid.begin());
        seen += std::string(seen.empty() ? "" : ", ") + properties.properties.deviceName + " " + to_hex(uuid);
        const bool discrete = properties.properties.deviceType == VK_PHYSICAL_DEVICE_TYPE_DISCRETE_GPU;
        const bool take = wanted ? uuid == *wanted && !physical_ : !physical_ || (discrete && !chosen_discrete);
        if (take) {
            physical_ = physical[i];
            name_ = properties.properties.deviceName;
            uuid_ = uuid;
            chosen_discrete = discrete;
        }
    }
    if (!physical_) {
        vkDestroyInstance(instance_, nullptr);
        throw std::runtime_error(wanted ? "Vulkan: no device with UUID " + to_hex(*wanted) + " among [" + seen + "]"
                                        : std::string("Vulkan: no physical device (no ICD found?)"));
    }
    gladLoaderLoadVulkan(instance_, physical_, nullptr);
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
    const VkResult result = vkCreateDevice(physical_, &device_info, nullptr, &device_);
    if (result != VK_SUCCESS) {
        vkDestroyInstance(instance_, nullptr);
        check(result, "vkCreateDevice with VK_KHR_external_memory_fd");
    }
    gladLoaderLoadVulkan(instance_, physical_, device_);
}

vulkan_device::~vulkan_device() {
    vkDestroyDevice(device_, nullptr);
    vkDestroyInstance(instance_, nullptr);
}

exported_memory::exported_memory(std::shared_ptr<const vulkan_device> device, std::size_t bytes)
    : device_(std::move(device)) {
    const VkDevice vk = device_->get();
    VkExternalMemoryBufferCreateInfo external_buffer{VK_STRUCTURE_TYPE_EXTERNAL_MEMORY_BUFFER_CREATE_INFO};
    external_buffer.handleTypes = VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_FD_BIT;
    VkBufferCreateInfo buffer_info{VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO, &external_buffer};
    buffer_info.size = bytes;
    buffer_info.usage = VK_BUFFER_USAGE_STORAGE_BUFFER_BIT | VK_BUFFER_USAGE_TRANSFER_SRC_BIT |
                        VK_BUFFER_USAGE_TRANSFER_DST_BIT | VK_BUFFER_USAGE_VERTEX_BUFFER_BIT;
    check(vkCreateBuffer(vk, &buffer_info, nullptr, &buffer_), "vkCreateBuffer (exportable)");

    VkMemoryDedicatedRequirements dedicated{VK_STRUCTURE_TYPE_MEMORY_DEDICATED_REQUIREMENTS};
    VkMemoryRequirements2 requirements{VK_STRUCTURE_TYPE_MEMORY_REQUIREMENTS_2, &dedicated};
    VkBufferMemoryRequirementsInfo2 which{VK_STRUCTURE_TYPE_BUFFER_MEMORY_REQUIREMENTS_INFO_2};
    which.buffer = buffer_;
    vkGetBufferMemoryRequirements2(vk, &which, &requirements);
    dedicated_ = dedicated.requiresDedicatedAllocation;
    VkPhysicalDeviceMemoryProperties memory_properties;
    vkGetPhysicalDeviceMemoryProperties(device_->physical(), &memory_properties);
    uint32_t type = UINT32_MAX;
    for (uint32_t t = 0; t < memory_properties.memoryTypeCount && type == UINT32_MAX; ++t)
        if ((requirements.memoryRequirements.memoryTypeBits & (1u << t)) &&
            (memory_properties.memoryTypes[t].propertyFlags & VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT))
            type = t;
    VkMemoryDedicatedAllocateInfo dedicated_info{VK_STRUCTURE_TYPE_MEMORY_DEDICATED_ALLOCATE_INFO};
    dedicated_info.buffer = buffer_;
    VkExportMemoryAllocateInfo export_info{VK_STRUCTURE_TYPE_EXPORT_MEMORY_ALLOCATE_INFO,
                                           dedicated_ ? &dedicated_info : nullptr};
    export_info.handleTypes = VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_FD_BIT;
    VkMemoryAllocateInfo allocate{VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO, &export_info};
    allocate.allocationSize = requirements.memoryRequirements.size;
    allocate.memoryTypeIndex = type;
    const VkResult result =
        type == UINT32_MAX ? VK_ERROR_FEATURE_NOT_PRESENT : vkAllocateMemory(vk, &allocate, nullptr, &memory_);
    if (result != VK_SUCCESS) {
        vkDestroyBuffer(vk, buffer_, nullptr);
        check(result, "vkAllocateMemory (exportable, device local)");
    }
    vkBindBufferMemory(vk, buffer_, memory_, 0);
    size_ = allocate.allocationSize;
}

exported_memory::~exported_memory() {
    vkDestroyBuffer(device_->get(), buffer_, nullptr);
    vkFreeMemory(device_->get(), memory_, nullptr);
}

int exported_memory::export_fd() const {
    VkMemoryGetFdInfoKHR info{VK_STRUCTURE_TYPE_MEMORY_GET_FD_INFO_KHR};
    info.memory = memory_;
    info.handleType = VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_FD_BIT;
    int fd = -1;
    check(vkGetMemoryFdKHR(device_->get(), &info, &fd), "vkGetMemoryFdKHR");
    return fd;
}

}  // namespace clarity::viz::detail
