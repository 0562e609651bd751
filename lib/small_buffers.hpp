// Small device buffers (0-d results, counts) recycled per queue: on some drivers creating and
// releasing an OpenCL buffer costs more than the small kernel that fills it.
#pragma once

#include <cstddef>
#include <memory>

#include <clarity/detail/array_core.hpp>

namespace clarity::detail {

// Buffers of at most this many bytes are recycled.
inline constexpr std::size_t small_buffer_bytes = 64;

// Storage of `bytes` (1 .. small_buffer_bytes) for arrays on `q`: a buffer of that size that an
// earlier array on the same queue released, else a new one. The queue is in order, so the
// commands of a buffer's last owner run before any command of its next one.
std::shared_ptr<storage> small_storage(const queue& q, std::size_t bytes);

}  // namespace clarity::detail
