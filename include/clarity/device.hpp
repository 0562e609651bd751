// Devices, contexts, queues and events (API.md, "Devices, queues, events").
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <clarity/detail/opencl.hpp>
#include <clarity/error.hpp>

namespace clarity {

namespace detail {
class memory_pool;
class queue_resources;
}

// One OpenCL device with its properties read once, when the object is made.
class device {
public:
    device() = default;
    explicit device(const cl::Device& dev);

    const std::string& name() const { return info_->name; }
    const std::string& vendor() const { return info_->vendor; }
    const std::string& platform_name() const { return info_->platform_name; }
    const std::string& driver_version() const { return info_->driver_version; }
    const std::string& version() const { return info_->version; }  // "OpenCL 3.0 ..."
    bool is_cpu() const { return info_->is_cpu; }
    bool is_gpu() const { return info_->is_gpu; }
    bool has_fp64() const { return info_->has_fp64; }
    bool has_extension(std::string_view extension) const;
    unsigned compute_units() const { return info_->compute_units; }
    std::size_t max_work_group_size() const { return info_->max_work_group_size; }
    std::uint64_t local_mem_size() const { return info_->local_mem_size; }
    std::uint64_t global_mem_size() const { return info_->global_mem_size; }
    std::uint64_t max_alloc_size() const { return info_->max_alloc_size; }
    const cl::Device& get() const { return device_; }

private:
    struct properties {
        std::string name, vendor, platform_name, driver_version, version, extensions;
        bool is_cpu = false, is_gpu = false, has_fp64 = false;
        unsigned compute_units = 0;
        std::size_t max_work_group_size = 0;
        std::uint64_t local_mem_size = 0, global_mem_size = 0, max_alloc_size = 0;
    };
    cl::Device device_;
    std::shared_ptr<const properties> info_;
};

// An OpenCL context and its devices. Copies share the same context.
class context {
public:
    context() = default;
    explicit context(const cl::Context& ctx);
    explicit context(const device& dev);

    const cl::Context& get() const { return state_->ctx; }
    const std::vector<clarity::device>& devices() const { return state_->devices; }
    bool operator==(const context& other) const { return get()() == other.get()(); }

private:
    struct state {
        cl::Context ctx;
        std::vector<clarity::device> devices;
    };
    std::shared_ptr<const state> state_;
};

// Picks a device as CLARITY_DEVICE says ("<platform substring>[:<device index>]",
// case-insensitive), else the first GPU, else the first device of any kind.
context create_some_context();

namespace detail {
// The parsed form of CLARITY_DEVICE; exposed for tests.
struct device_request {
    std::string platform_substring;  // lower case; empty: any platform
    int device_index = -1;           // -1: the platform's first GPU, else its first device
};
device_request parse_device_request(std::string_view spec);
}  // namespace detail

// Completion of an asynchronous operation. A default-constructed event is already complete.
class event {
public:
    event() = default;
    explicit event(const cl::Event& ev) : event_(ev) {}

    void wait() const;
    bool empty() const { return event_() == nullptr; }
    // Start-to-end time of the command in nanoseconds (the queue must have profiling on).
    std::uint64_t duration_ns() const;
    const cl::Event& get() const { return event_; }

private:
    cl::Event event_;
};

using wait_list = std::vector<event>;

struct queue_options {
    bool profiling = false;  // events then report duration_ns()
};

// An in-order command queue. Copies share the same queue.
class queue {
public:
    queue() = default;
    explicit queue(const clarity::context& ctx, queue_options options = {});
    queue(const clarity::context& ctx, const clarity::device& dev, queue_options options = {});

    void finish() const;
    void flush() const;
    // An event that completes once everything in `events` (or, if empty, all earlier commands) has.
    event enqueue_marker(const wait_list& events = {}) const;

    const clarity::device& device() const { return shared().device; }
    const clarity::context& context() const { return shared().context; }
    const cl::CommandQueue& get() const { return shared().queue; }
    bool valid() const { return state_ != nullptr; }
    bool operator==(const queue& other) const { return get()() == other.get()(); }
    // The queue's pool of device buffers, shared by its copies (memory_pool.hpp).
    const std::shared_ptr<detail::memory_pool>& pool() const { return shared().pool; }
    // Library-internal: the state library components keep for this queue between calls.
    detail::queue_resources& resources() const;

private:
    // Every copy shares one OpenCL reference: clReleaseCommandQueue flushes the queue, so a
    // reference per copy would flush it whenever a temporary array or view is destroyed.
    struct state {
        clarity::context context;
        clarity::device device;
        cl::CommandQueue queue;
        std::shared_ptr<detail::queue_resources> resources;
        std::shared_ptr<detail::memory_pool> pool;  // last, so held buffers go before the queue
    };
    const state& shared() const;
    std::shared_ptr<const state> state_;
};

// Process-wide queue, created on first use from create_some_context(); safe from any thread.
// With CLARITY_PROFILE=1 in the environment it records profiling times (event::duration_ns).
queue& default_queue();

namespace detail {
std::vector<cl::Event> cl_events(const wait_list& events);
}  // namespace detail

}  // namespace clarity
