// One queue's pool of device buffers (include/clarity/memory_pool.hpp states the rules).
#pragma once

#include <cstddef>
#include <map>
#include <memory>
#include <mutex>

#include <clarity/detail/opencl.hpp>
#include <clarity/device.hpp>
#include <clarity/memory_pool.hpp>

namespace clarity::detail {

struct storage;

class memory_pool : public std::enable_shared_from_this<memory_pool> {
public:
    // A new pool for buffers of `context`, known to the process-wide functions of memory_pool.hpp.
    static std::shared_ptr<memory_pool> create(const cl::Context& context);

    explicit memory_pool(const cl::Context& context) : context_(context) {}

    // Storage of `bytes` (> 0, at most dev.max_alloc_size()): a held buffer when one fits, else a
    // new one of the request's bin size, but no larger than the device allows in one buffer.
    std::shared_ptr<storage> allocate(std::size_t bytes, const device& dev);

    // From storage's destructor: the buffer is held for reuse, or released when pooling is off.
    void give_back(cl::Buffer buffer, std::size_t capacity);

    void free_held();
    memory_pool_stats stats() const;

private:
    cl::Buffer take_held(std::size_t bytes, std::size_t& capacity);
    cl::Buffer create_buffer(std::size_t capacity, const device& dev) const;

    cl::Context context_;
    mutable std::mutex mutex_;
    std::multimap<std::size_t, cl::Buffer> held_;  // by buffer size
    memory_pool_stats stats_;
};

// A request rounded up to its bin: 4 mantissa bits per power of two (at most 1/16 larger).
std::size_t pool_bin_size(std::size_t bytes);

}  // namespace clarity::detail
