#include "small_buffers.hpp"

#include <algorithm>
#include <mutex>
#include <unordered_map>
#include <utility>
#include <vector>

namespace clarity::detail {

namespace {

// Idle buffers kept per queue; beyond that, released buffers are freed.
constexpr std::size_t idle_limit = 64;

struct queue_pool {
    cl::CommandQueue owner;  // retained, so that the handle is never reused for another queue
    std::mutex mutex;
    std::vector<std::pair<std::size_t, cl::Buffer>> idle;  // (bytes, buffer)
};

std::shared_ptr<queue_pool> pool_for(const queue& q) {
    static std::mutex mutex;
    static std::unordered_map<cl_command_queue, std::shared_ptr<queue_pool>> pools;
    std::lock_guard lock(mutex);
    auto& pool = pools[q.get()()];
    if (!pool) {
        pool = std::make_shared<queue_pool>();
        pool->owner = q.get();
    }
    return pool;
}

}  // namespace

std::shared_ptr<storage> small_storage(const queue& q, std::size_t bytes) {
    auto pool = pool_for(q);
    auto memory = std::make_unique<storage>();
    memory->bytes = bytes;
    {
        std::lock_guard lock(pool->mutex);
        const auto it = std::find_if(pool->idle.begin(), pool->idle.end(), [&](const auto& b) { return b.first == bytes; });
        if (it != pool->idle.end()) {
            memory->buffer = std::move(it->second);
            pool->idle.erase(it);
        }
    }
    if (!memory->buffer()) {
        cl_int status = CL_SUCCESS;
        memory->buffer = cl::Buffer(q.context().get(), CL_MEM_READ_WRITE, bytes, nullptr, &status);
        check(status, "clCreateBuffer");
    }
    return std::shared_ptr<storage>(memory.release(), [pool](storage* released) {
        {
            std::lock_guard lock(pool->mutex);
            if (pool->idle.size() < idle_limit) pool->idle.emplace_back(released->bytes, std::move(released->buffer));
        }
        delete released;
    });
}

}  // namespace clarity::detail
