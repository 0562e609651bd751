#include "sort_scratch.hpp"

#include <algorithm>

namespace clarity::detail {

cl::Buffer scratch_lease::buffer(scratch_slot slot, std::size_t bytes) {
    auto& memory = memory_[std::size_t(slot)];
    bytes = std::max<std::size_t>(bytes, 1);
    if (!memory || memory->bytes < bytes) memory = allocate(*queue_, bytes);
    return memory->buffer;
}

}  // namespace clarity::detail
