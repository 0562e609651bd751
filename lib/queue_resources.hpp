// What library components keep for one queue from one call to the next (the reductions' partial
// results and groups-done counter, the scans' tile descriptors). It lives exactly as long as the
// queue: a static map keyed by the queue handle would have to retain every queue until exit.
#pragma once

#include <memory>
#include <mutex>
#include <typeindex>
#include <unordered_map>

namespace clarity::detail {

class queue_resources {
public:
    // The queue's T, default-constructed on first use; T locks its own contents.
    template <class T>
    T& get() {
        std::lock_guard lock(mutex_);
        auto& slot = slots_[std::type_index(typeid(T))];
        if (!slot) slot = std::make_shared<T>();
        return *static_cast<T*>(slot.get());
    }

private:
    std::mutex mutex_;
    std::unordered_map<std::type_index, std::shared_ptr<void>> slots_;
};

}  // namespace clarity::detail
