// The type-erased operations behind array<T>; they live in the compiled library so that the
// header template stays a thin, typed shell.
#pragma once

#include <cstddef>
#include <memory>

#include <clarity/device.hpp>
#include <clarity/layout.hpp>
#include <clarity/types.hpp>

namespace clarity::detail {

class memory_pool;

// A device buffer shared by every view of it. A buffer of zero bytes holds no cl_mem. When the
// storage dies, its buffer goes back to the pool it came from (clarity/memory_pool.hpp).
struct storage {
    storage() = default;
    storage(const storage&) = delete;
    storage& operator=(const storage&) = delete;
    ~storage();

    cl::Buffer buffer;
    std::size_t bytes = 0;               // what the array asked for
    std::size_t capacity = 0;            // the buffer's real size, at least `bytes`
    std::shared_ptr<memory_pool> pool;  // null: the buffer is simply released
};

std::shared_ptr<storage> allocate(const queue& q, std::size_t bytes);

// One array as the library sees it: where its elements are and what they are.
struct array_view {
    const storage* memory;
    const layout* shape;
    const type_info* type;
};

// Checks that `type` works on the queue's device (fp64) before anything is allocated.
void require_supported(const queue& q, const type_info& type);

// Host <-> device for a view: contiguous views transfer directly, others go through a
// contiguous temporary on the device (never element by element).
event read_view(const queue& q, const array_view& view, void* host, bool blocking, const wait_list& wait_for);
event write_view(const queue& q, const array_view& view, const void* host, bool blocking, const wait_list& wait_for);

// dst = src element by element, converting from src's type to dst's (shapes equal).
event assign_view(const queue& q, const array_view& dst, const array_view& src, const wait_list& wait_for);

// Every element of dst = *value (value points to one element of dst's type).
event fill_view(const queue& q, const array_view& dst, const void* value, const wait_list& wait_for);

// dst[k] = start + k * step over the contiguous view dst (start, step of dst's type).
event arange_view(const queue& q, const array_view& dst, const void* start, const void* step);

}  // namespace clarity::detail
