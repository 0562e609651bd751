// The per-queue scratch buffers of the sorts: the few queues used most recently keep theirs.
#include "sort_scratch.hpp"

#include <algorithm>
#include <array>
#include <list>

#include <clarity/error.hpp>

namespace clarity::detail {

struct scratch_set {
    cl::CommandQueue queue;  // held, so that no new queue takes this one's handle
    std::mutex mutex;
    std::array<cl::Buffer, std::size_t(scratch_slot::count)> buffers;
    std::array<std::size_t, std::size_t(scratch_slot::count)> sizes{};
};

namespace {

constexpr std::size_t queues_kept = 4;

// Most recently used first.
std::shared_ptr<scratch_set> scratch_for(const queue& q) {
    static std::mutex mutex;
    static std::list<std::shared_ptr<scratch_set>> sets;
    std::lock_guard lock(mutex);
    const auto found = std::find_if(sets.begin(), sets.end(), [&](const auto& s) { return s->queue() == q.get()(); });
    if (found != sets.end()) {
        sets.splice(sets.begin(), sets, found);
    } else {
        sets.push_front(std::make_shared<scratch_set>());
        sets.front()->queue = q.get();
        if (sets.size() > queues_kept) sets.pop_back();  // its buffers go once no sort holds them
    }
    return sets.front();
}

}  // namespace

scratch_lease::scratch_lease(const queue& q) : queue_(&q), set_(scratch_for(q)), lock_(set_->mutex) {}

cl::Buffer scratch_lease::buffer(scratch_slot slot, std::size_t bytes) {
    const auto k = std::size_t(slot);
    bytes = std::max<std::size_t>(bytes, 1);
    if (set_->sizes[k] < bytes) {
        // Commands already enqueued keep the old buffer alive until they finish.
        cl_int status = CL_SUCCESS;
        set_->buffers[k] = cl::Buffer(queue_->context().get(), CL_MEM_READ_WRITE, bytes, nullptr, &status);
        check(status, "clCreateBuffer");
        set_->sizes[k] = bytes;
    }
    return set_->buffers[k];
}

}  // namespace clarity::detail
