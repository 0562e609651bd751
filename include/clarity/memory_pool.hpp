// The pool of device buffers behind every array (as PyOpenCL's tools.MemoryPool and the caching
// allocators of CuPy and PyTorch).
//
// Each queue owns a pool. When the last array handle to a buffer dies, the buffer is held by its
// queue's pool instead of being released, and a later allocation on the same queue reuses it.
// Requests are rounded up to bins of 4 mantissa bits per power of two (at most 1/16 larger); a
// held buffer serves a request when it is at least as large and at most 1/8 larger than asked.
// An array keeps its own byte count, whatever the buffer's size.
//
// Why reuse is safe: a buffer is handed out again only on the queue it was made for, and
// clarity's queues are in order, so the old owner's commands run before the new owner's.
// Synchronisation rule (as in PyOpenCL): if you use an array on another queue than its own
// (array::get_queue()), you must make sure those commands are finished (event::wait,
// queue::finish) before the array's last handle is gone. Likewise a cl::Buffer taken from
// array::buffer() must not be used once every handle to that array is gone.
//
// Held buffers are released by free_held_memory(), when pooling is turned off, when the queue
// (every copy of it) and all its arrays are gone, before a new buffer would bring held plus
// active bytes (over all pools) past the device's global memory, and before an allocation is
// retried once when creating a buffer fails for lack of device memory. CLARITY_NO_POOL=1 in the
// environment (read once) turns pooling off from the start. All of this is safe from any thread.
#pragma once

#include <cstddef>

namespace clarity {

class queue;

struct memory_pool_stats {
    std::size_t held_blocks = 0;    // idle buffers kept for reuse
    std::size_t held_bytes = 0;
    std::size_t active_blocks = 0;  // buffers owned by live arrays
    std::size_t active_bytes = 0;   // their real sizes (rounded up to a bin while pooling)
};

// Over every live queue, or for one queue.
memory_pool_stats memory_pool_usage();
memory_pool_stats memory_pool_usage(const queue& q);

// Releases the idle buffers of every queue's pool (active ones are untouched).
void free_held_memory();

// Pooling is on unless CLARITY_NO_POOL=1. Turning it off releases every held buffer, and buffers
// freed afterwards are released at once; new buffers then have exactly the requested size.
bool memory_pool_enabled();
void set_memory_pool_enabled(bool enabled);

}  // namespace clarity
