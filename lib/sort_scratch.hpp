// Device buffers that the sorts on one queue reuse from call to call, so that a sort of a
// size seen before allocates nothing. A lease holds the queue's buffers while one sort
// enqueues its commands; the queue runs commands in order, so the next sort's commands (which
// reuse the buffers) run after this one's. The four queues used most recently keep their
// buffers, and are kept alive by them, until other queues take their place.
#pragma once

#include <cstddef>
#include <memory>
#include <mutex>

#include <clarity/device.hpp>

namespace clarity::detail {

// What each buffer holds during a sort.
enum class scratch_slot { keys_a, keys_b, values_a, values_b, counts, computed_keys, permutation, gathered, count };

struct scratch_set;

class scratch_lease {
public:
    // Waits while another thread's sort on q holds q's buffers.
    explicit scratch_lease(const queue& q);

    // A buffer of at least `bytes` bytes (at least one) for `slot`, reused while large enough.
    cl::Buffer buffer(scratch_slot slot, std::size_t bytes);

private:
    const queue* queue_;
    std::shared_ptr<scratch_set> set_;
    std::unique_lock<std::mutex> lock_;
};

}  // namespace clarity::detail
