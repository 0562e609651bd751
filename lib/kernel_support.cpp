#include "kernel_support.hpp"

#include <algorithm>
#include <stdexcept>
#include <unordered_map>

#include <clarity/program_cache.hpp>

#include "embedded.hpp"
#include "hash.hpp"
#include "source_template.hpp"

namespace clarity::detail {

void require_type_support(const device& dev, const type_info& type, const std::string& what) {
    require_type_support(dev.has_fp64(), dev.name(), type, what);
}

void require_type_support(bool device_has_fp64, const std::string& device_name, const type_info& type,
                          const std::string& what) {
    if (type.needs_fp64 && !device_has_fp64)
        throw std::invalid_argument(what + " uses " + type.name + ", but device \"" + device_name +
                                    "\" has no double precision (cl_khr_fp64)");
}

namespace {
bool mentions(const std::string& text, const char* word) { return text.find(word) != std::string::npos; }

std::string complex_header(const char* real, const char* prefix) {
    return fill_template(embedded_source("complex.cl"),
                         {{"real", real}, {"complex", std::string(prefix) + "_t"}, {"prefix", prefix}});
}
}  // namespace

std::string kernel_prelude(const device& dev, const std::vector<const type_info*>& types, const std::string& user_code) {
    bool fp64 = mentions(user_code, "double") && dev.has_fp64();
    bool cfloat = mentions(user_code, "cfloat");
    bool cdouble = mentions(user_code, "cdouble") && dev.has_fp64();
    std::string structs;
    for (const auto* type : types) {
        fp64 |= type->needs_fp64;
        cfloat |= type->name == "cfloat_t";
        cdouble |= type->name == "cdouble_t";
        if (type->kind == type_kind::user_struct && !mentions(structs, type->declaration.c_str()))
            structs += type->declaration + "\n";
    }
    std::string prelude;
    if (fp64) prelude += "#pragma OPENCL EXTENSION cl_khr_fp64 : enable\n";
    if (cfloat || cdouble) prelude += complex_header("float", "cfloat");
    if (cdouble) prelude += complex_header("double", "cdouble");
    return prelude + structs;
}

event nothing_to_do(const queue& q, const wait_list& wait_for) {
    return q.valid() && !wait_for.empty() ? q.enqueue_marker(wait_for) : event();
}

const char* index_type_for(std::uint64_t largest_index) { return largest_index < (1ull << 31) ? "int" : "long"; }

kernel_pool::kernel_pool(cl::Program program, std::string name) : program_(std::move(program)), name_(std::move(name)) {}

kernel_pool::lease kernel_pool::acquire() {
    {
        std::lock_guard lock(mutex_);
        if (!idle_.empty()) {
            cl::Kernel kernel = std::move(idle_.back());
            idle_.pop_back();
            return lease(*this, std::move(kernel));
        }
    }
    cl_int status = CL_SUCCESS;
    cl::Kernel kernel(program_, name_.c_str(), &status);
    check(status, "clCreateKernel");
    return lease(*this, std::move(kernel));
}

void kernel_pool::give_back(cl::Kernel kernel) {
    std::lock_guard lock(mutex_);
    idle_.push_back(std::move(kernel));
}

std::size_t kernel_pool::work_group_limit(const device& dev) {
    std::lock_guard lock(mutex_);
    if (work_group_limit_ == 0) {
        cl_int status = CL_SUCCESS;
        cl::Kernel kernel(program_, name_.c_str(), &status);
        check(status, "clCreateKernel");
        work_group_limit_ = kernel.getWorkGroupInfo<CL_KERNEL_WORK_GROUP_SIZE>(dev.get(), &status);
        check(status, "clGetKernelWorkGroupInfo");
        idle_.push_back(std::move(kernel));
    }
    return work_group_limit_;
}

void kernel_pool::lease::set_arg(unsigned index, std::size_t size, const void* value) {
    check(::clSetKernelArg(kernel_(), index, size, value), "clSetKernelArg");
}

void kernel_pool::lease::set_buffer(unsigned index, const cl::Buffer& buffer) {
    const cl_mem mem = buffer();
    set_arg(index, sizeof(cl_mem), &mem);
}

event kernel_pool::lease::run(const queue& q, std::uint64_t count, const wait_list& wait_for) {
    if (count == 0) return nothing_to_do(q, wait_for);
    return run(q, grid_stride_geometry(q.device(), count, pool_->work_group_limit(q.device())), wait_for);
}

event kernel_pool::lease::run(const queue& q, const launch_geometry& geometry, const wait_list& wait_for) {
    cl::Event done;
    enqueue(q, geometry, wait_for, &done);
    return event(done);
}

void kernel_pool::lease::enqueue(const queue& q, std::uint64_t count, const wait_list& wait_for) {
    if (count > 0) enqueue(q, grid_stride_geometry(q.device(), count, pool_->work_group_limit(q.device())), wait_for);
}

void kernel_pool::lease::enqueue(const queue& q, const launch_geometry& geometry, const wait_list& wait_for,
                                 cl::Event* done) {
    const auto events = cl_events(wait_for);
    check(q.get().enqueueNDRangeKernel(kernel_, cl::NullRange, cl::NDRange(geometry.global),
                                       cl::NDRange(geometry.local), events.empty() ? nullptr : &events, done),
          "clEnqueueNDRangeKernel");
}

kernel_pool& library_kernel(const queue& q, const std::string& key, const std::string& kernel_name,
                            const std::function<std::string()>& make_source, const std::string& options) {
    struct registry {
        std::mutex mutex;
        std::unordered_map<std::string, std::unique_ptr<kernel_pool>> kernels;
    };
    static registry r;
    const auto full_key = hex64(reinterpret_cast<std::uintptr_t>(q.context().get()())) +
                          hex64(reinterpret_cast<std::uintptr_t>(q.device().get()())) + options + '\n' + key;
    {
        std::lock_guard lock(r.mutex);
        if (auto it = r.kernels.find(full_key); it != r.kernels.end()) return *it->second;
    }
    // Built outside the lock; build_program makes concurrent builds of one source wait for one.
    auto program = build_program(q.context(), q.device(), make_source(), options, "clarity kernel " + kernel_name);
    std::lock_guard lock(r.mutex);
    auto [it, inserted] = r.kernels.try_emplace(full_key, nullptr);
    if (inserted) it->second = std::make_unique<kernel_pool>(std::move(program), kernel_name);
    return *it->second;
}

launch_geometry grid_stride_geometry(const device& dev, std::uint64_t count, std::size_t kernel_limit) {
    // 256 work-items per group suits NVIDIA and AMD GPUs and gives PoCL wide loops to vectorise.
    const std::size_t local = std::min<std::size_t>(256, std::max<std::size_t>(1, kernel_limit));
    std::uint64_t groups = (count + local - 1) / local;
    // GPUs: enough groups to fill every compute unit several times over, then each work-item
    // loops. CPUs (PoCL) vectorise across the work-items of a group, and a loop inside the
    // kernel defeats that, so they get one item per work-item.
    if (!dev.is_cpu()) groups = std::min<std::uint64_t>(groups, std::uint64_t(std::max(1u, dev.compute_units())) * 16);
    return {static_cast<std::size_t>(groups * local), local};
}

}  // namespace clarity::detail
