#include "memory_pool.hpp"

#include <algorithm>
#include <atomic>
#include <bit>
#include <cstdlib>
#include <string_view>
#include <vector>

#include <clarity/detail/array_core.hpp>
#include <clarity/device.hpp>
#include <clarity/error.hpp>

namespace clarity {
namespace detail {
namespace {

std::atomic<bool>& pooling_switch() {
    static std::atomic<bool> on = [] {
        const char* value = std::getenv("CLARITY_NO_POOL");
        return value == nullptr || *value == '\0' || std::string_view(value) == "0";
    }();
    return on;
}

bool pooling_on() { return pooling_switch().load(); }

// Every pool still in use, for the process-wide functions. Pools never touch this list when they
// die, so it may be destroyed at exit before the last of them.
struct pool_registry {
    std::mutex mutex;
    std::vector<std::weak_ptr<memory_pool>> pools;
};

pool_registry& registry() {
    static pool_registry r;
    return r;
}

std::vector<std::shared_ptr<memory_pool>> live_pools() {
    auto& r = registry();
    std::lock_guard lock(r.mutex);
    std::vector<std::shared_ptr<memory_pool>> out;
    for (const auto& weak : r.pools)
        if (auto pool = weak.lock()) out.push_back(std::move(pool));
    return out;
}

}  // namespace

std::size_t pool_bin_size(std::size_t bytes) {
    constexpr int mantissa_bits = 4;
    const int exponent = std::bit_width(bytes) - 1;
    if (exponent <= mantissa_bits) return bytes;
    const std::size_t step = std::size_t(1) << (exponent - mantissa_bits);
    return (bytes + step - 1) / step * step;
}

std::shared_ptr<memory_pool> memory_pool::create(const cl::Context& context) {
    auto pool = std::make_shared<memory_pool>(context);
    auto& r = registry();
    std::lock_guard lock(r.mutex);
    std::erase_if(r.pools, [](const auto& weak) { return weak.expired(); });
    r.pools.push_back(pool);
    return pool;
}

std::shared_ptr<storage> memory_pool::allocate(std::size_t bytes, const device& dev) {
    auto s = std::make_shared<storage>();
    s->bytes = bytes;
    if (pooling_on()) s->buffer = take_held(bytes, s->capacity);
    if (s->buffer() == nullptr) {
        s->capacity = pooling_on() ? std::min<std::size_t>(pool_bin_size(bytes), dev.max_alloc_size()) : bytes;
        s->buffer = create_buffer(s->capacity, dev);
        std::lock_guard lock(mutex_);
        ++stats_.active_blocks;
        stats_.active_bytes += s->capacity;
    }
    s->pool = shared_from_this();  // only now: a storage that failed to get a buffer gives nothing back
    return s;
}

// The smallest held buffer of at least `bytes`, if it wastes at most an eighth of the request.
cl::Buffer memory_pool::take_held(std::size_t bytes, std::size_t& capacity) {
    std::lock_guard lock(mutex_);
    const auto fit = held_.lower_bound(bytes);
    if (fit == held_.end() || fit->first > bytes + bytes / 8) return {};
    capacity = fit->first;
    cl::Buffer buffer = std::move(fit->second);
    held_.erase(fit);
    --stats_.held_blocks;
    stats_.held_bytes -= capacity;
    ++stats_.active_blocks;
    stats_.active_bytes += capacity;
    return buffer;
}

cl::Buffer memory_pool::create_buffer(std::size_t capacity, const device& dev) const {
    // Drivers may back a buffer only at its first use, where running out of memory is an error
    // of that command: so held buffers go before the total could pass the device's memory.
    const auto in_use = memory_pool_usage();
    if (in_use.held_blocks > 0 && in_use.held_bytes + in_use.active_bytes + capacity > dev.global_mem_size())
        free_held_memory();
    cl_int status = CL_SUCCESS;
    cl::Buffer buffer(context_, CL_MEM_READ_WRITE, capacity, nullptr, &status);
    if (status == CL_MEM_OBJECT_ALLOCATION_FAILURE || status == CL_OUT_OF_RESOURCES) {
        // Idle buffers of any queue may be what fills the device: release them and try once more.
        free_held_memory();
        buffer = cl::Buffer(context_, CL_MEM_READ_WRITE, capacity, nullptr, &status);
    }
    check(status, "clCreateBuffer");
    return buffer;
}

void memory_pool::give_back(cl::Buffer buffer, std::size_t capacity) {
    std::lock_guard lock(mutex_);
    --stats_.active_blocks;
    stats_.active_bytes -= capacity;
    // Checked under the lock: set_memory_pool_enabled(false) switches off, then frees what is held.
    if (!pooling_on()) return;
    held_.emplace(capacity, std::move(buffer));
    ++stats_.held_blocks;
    stats_.held_bytes += capacity;
}

void memory_pool::free_held() {
    std::multimap<std::size_t, cl::Buffer> released;
    {
        std::lock_guard lock(mutex_);
        released.swap(held_);
        stats_.held_blocks = 0;
        stats_.held_bytes = 0;
    }
}  // the buffers are released here, outside the lock

memory_pool_stats memory_pool::stats() const {
    std::lock_guard lock(mutex_);
    return stats_;
}

storage::~storage() {
    if (pool) pool->give_back(std::move(buffer), capacity);
}

}  // namespace detail

memory_pool_stats memory_pool_usage() {
    memory_pool_stats total;
    for (const auto& pool : detail::live_pools()) {
        const auto s = pool->stats();
        total.held_blocks += s.held_blocks;
        total.held_bytes += s.held_bytes;
        total.active_blocks += s.active_blocks;
        total.active_bytes += s.active_bytes;
    }
    return total;
}

memory_pool_stats memory_pool_usage(const queue& q) { return q.pool() ? q.pool()->stats() : memory_pool_stats{}; }

void free_held_memory() {
    for (const auto& pool : detail::live_pools()) pool->free_held();
}

bool memory_pool_enabled() { return detail::pooling_on(); }

void set_memory_pool_enabled(bool enabled) {
    detail::pooling_switch().store(enabled);
    if (!enabled) free_held_memory();
}

}  // namespace clarity
