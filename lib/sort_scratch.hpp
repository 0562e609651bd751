// The temporary device buffers of one sort. They come from the queue's memory pool and go back
// to it when the lease ends, once the sort's commands are enqueued: the queue runs commands in
// order, so whoever reuses them next runs after this sort. A sort of a size seen before on the
// same queue therefore allocates nothing.
#pragma once

#include <array>
#include <cstddef>
#include <memory>

#include <clarity/detail/array_core.hpp>
#include <clarity/device.hpp>

namespace clarity::detail {

// What each buffer holds during a sort.
enum class scratch_slot { keys_a, keys_b, values_a, values_b, counts, computed_keys, permutation, gathered, count };

class scratch_lease {
public:
    explicit scratch_lease(const queue& q) : queue_(&q) {}

    // A buffer of at least `bytes` bytes (at least one) for `slot`, the same for the whole lease
    // while large enough.
    cl::Buffer buffer(scratch_slot slot, std::size_t bytes);

private:
    const queue* queue_;
    std::array<std::shared_ptr<storage>, std::size_t(scratch_slot::count)> memory_;
};

}  // namespace clarity::detail
