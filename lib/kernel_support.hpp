// What every generated kernel needs: its prelude (extensions, complex numbers, user structs),
// a cache of built kernels that several threads can launch at once, and launch geometry.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <clarity/device.hpp>
#include <clarity/types.hpp>

namespace clarity::detail {

// Throws std::invalid_argument if `dev` cannot hold values of `type` (double without fp64).
void require_type_support(const device& dev, const type_info& type, const std::string& what);
void require_type_support(bool device_has_fp64, const std::string& device_name, const type_info& type,
                          const std::string& what);

// The lines that precede a kernel using `types`: the fp64 pragma, the complex header for
// cfloat_t/cdouble_t, and user struct declarations. `user_code` (preamble and snippets) is
// scanned for complex names so that snippets may use cfloat_t without declaring an argument of it.
std::string kernel_prelude(const device& dev, const std::vector<const type_info*>& types,
                           const std::string& user_code = "");

// What an operation on zero elements returns: nothing to run, but still ordered after
// wait_for (a marker), or an already complete event when there is nothing to wait for.
event nothing_to_do(const queue& q, const wait_list& wait_for);

// "int" when every index fits in 31 bits, else "long".
const char* index_type_for(std::uint64_t largest_index);

// Global and local work sizes of a one-dimensional launch.
struct launch_geometry {
    std::size_t global = 0, local = 0;
};

// One kernel of a built program, handed out to one launch at a time: clSetKernelArg on a
// shared cl_kernel would race between threads, so each concurrent launch leases its own.
class kernel_pool {
public:
    kernel_pool(cl::Program program, std::string name);

    class lease {
    public:
        lease(kernel_pool& pool, cl::Kernel kernel) : pool_(&pool), kernel_(std::move(kernel)) {}
        lease(const lease&) = delete;
        lease& operator=(const lease&) = delete;
        ~lease() { pool_->give_back(std::move(kernel_)); }

        void set_arg(unsigned index, std::size_t size, const void* value);
        void set_buffer(unsigned index, const cl::Buffer& buffer);
        template <class T>
        void set(unsigned index, const T& value) { set_arg(index, sizeof(T), &value); }
        // Runs the kernel over `count` grid-stride iterations (see grid_stride_geometry).
        event run(const queue& q, std::uint64_t count, const wait_list& wait_for);
        // Runs the kernel with exactly these work sizes (kernels that need a fixed local size).
        event run(const queue& q, const launch_geometry& geometry, const wait_list& wait_for);
        // As run, for callers that would discard the event: NVIDIA's driver spends 1.3 us of host
        // time per enqueue making one, 7 us on a profiling queue (H200, 2026-11-22), more than
        // the kernel of a 2^20-element expression takes to launch.
        void enqueue(const queue& q, std::uint64_t count, const wait_list& wait_for);
        // `done` receives the event, or is null for none.
        void enqueue(const queue& q, const launch_geometry& geometry, const wait_list& wait_for,
                     cl::Event* done = nullptr);

    private:
        kernel_pool* pool_;
        cl::Kernel kernel_;
    };

    lease acquire();
    std::size_t work_group_limit(const device& dev);

private:
    void give_back(cl::Kernel kernel);

    cl::Program program_;
    std::string name_;
    std::mutex mutex_;
    std::vector<cl::Kernel> idle_;
    std::size_t work_group_limit_ = 0;
};

// The kernels one generated-kernel object (ElementwiseKernel, ReductionKernel, ...) has built,
// per device and variant (Variant: any ordered key, e.g. "64-bit indices"). A call costs one
// locked lookup; `build` (returning the cl::Program) runs only on the first request.
template <class Variant>
class built_kernels {
public:
    template <class Build>
    kernel_pool& get(const device& dev, const Variant& variant, const std::string& kernel_name, Build build) {
        const auto key = std::make_pair(dev.get()(), variant);
        {
            std::lock_guard lock(mutex_);
            if (auto it = kernels_.find(key); it != kernels_.end()) return *it->second;
        }
        auto program = build();  // outside the lock: build_program lets concurrent requests share one build
        std::lock_guard lock(mutex_);
        auto& slot = kernels_[key];
        if (!slot) slot = std::make_unique<kernel_pool>(std::move(program), kernel_name);
        return *slot;
    }

private:
    std::mutex mutex_;
    std::map<std::pair<cl_device_id, Variant>, std::unique_ptr<kernel_pool>> kernels_;
};

// A library kernel, built once per (context, device, key). `make_source` runs only on the
// first request, so the per-call cost is one lookup of a short key.
kernel_pool& library_kernel(const queue& q, const std::string& key, const std::string& kernel_name,
                            const std::function<std::string()>& make_source, const std::string& options = "");

// Work sizes for a grid-stride loop over `count` items: a fixed local size per device (PoCL
// compiles a kernel once per local size) and enough groups to fill the device.
launch_geometry grid_stride_geometry(const device& dev, std::uint64_t count, std::size_t kernel_limit);

}  // namespace clarity::detail
