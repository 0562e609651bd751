#include "fft_stockham.hpp"

#include <cmath>
#include <complex>
#include <map>
#include <memory>
#include <mutex>
#include <numbers>
#include <tuple>

#include "fft_pass_source.hpp"
#include "fft_passes.hpp"
#include "kernel_support.hpp"

namespace clarity::detail {

namespace {

bool is_double(const type_info& type) { return type.scalar_name == "double"; }

template <class Real>
std::vector<std::complex<Real>> roots_of_unity(std::size_t n) {
    std::vector<std::complex<Real>> roots(n);
    for (std::size_t m = 0; m < n; ++m) {
        const double angle = -2 * std::numbers::pi * double(m) / double(n);
        roots[m] = {Real(std::cos(angle)), Real(std::sin(angle))};
    }
    return roots;
}

// exp(-2 pi i m / n) for m < n, the stages' twiddles: made once per (context, device, type, n).
const cl::Buffer& roots_table(const queue& q, const type_info& type, std::size_t n) {
    using key = std::tuple<cl_context, cl_device_id, bool, std::size_t>;
    static std::mutex mutex;
    static std::map<key, std::shared_ptr<storage>> tables;
    std::lock_guard lock(mutex);
    auto& table = tables[key{q.context().get()(), q.device().get()(), is_double(type), n}];
    if (!table) {
        table = allocate(q, n * type.size);
        const auto write = [&](const auto& host) {
            check(q.get().enqueueWriteBuffer(table->buffer, CL_TRUE, 0, n * type.size, host.data()),
                  "clEnqueueWriteBuffer");
        };
        if (is_double(type))
            write(roots_of_unity<double>(n));
        else
            write(roots_of_unity<float>(n));
    }
    return table->buffer;
}

// The passes of one transform with what each launch needs, made once per (context, device,
// type, shape, axes): a call then costs a lookup and the launches.
struct planned_pass {
    fft_pass pass;
    kernel_pool* kernel;
    const cl::Buffer* roots;
};

struct transform_plan {
    std::vector<planned_pass> passes;
    std::vector<std::size_t> flips_after;  // passes after this one that must change buffers
    const char* index_t;
};

const transform_plan& plan_for(const queue& q, const type_info& type, const shape_t& shape,
                               const std::vector<std::size_t>& dims) {
    using key = std::tuple<cl_context, cl_device_id, bool, shape_t, std::vector<std::size_t>>;
    static std::mutex mutex;
    static std::map<key, std::unique_ptr<transform_plan>> plans;
    const key k{q.context().get()(), q.device().get()(), is_double(type), shape, dims};
    {
        std::lock_guard lock(mutex);
        if (auto it = plans.find(k); it != plans.end()) return *it->second;
    }
    auto plan = std::make_unique<transform_plan>();
    const auto& dev = q.device();
    plan->index_t = index_type_for(layout::contiguous(shape).size());
    for (const auto& pass : plan_fft_passes(shape, dims, type.size, dev.local_mem_size(), dev.max_work_group_size())) {
        auto& kernel = library_kernel(q, fft_pass_key(type, plan->index_t, pass.kernel), "clarity_fft_pass", [&] {
            return fft_pass_source(dev, type, plan->index_t, pass.kernel);
        });
        plan->passes.push_back({pass, &kernel, &roots_table(q, type, pass.kernel.length)});
    }
    // Every pass but an axis's last must write to the other buffer; the last ones may write to
    // either, and each picks the one from which the passes after it end in the data's own.
    plan->flips_after.assign(plan->passes.size() + 1, 0);
    for (std::size_t p = plan->passes.size(); p-- > 0;)
        plan->flips_after[p] = plan->flips_after[p + 1] + !plan->passes[p].pass.last_of_axis;
    std::lock_guard lock(mutex);
    return *plans.try_emplace(k, std::move(plan)).first->second;
}

event run_pass(const queue& q, const type_info& type, const char* index_t, const planned_pass& planned,
               const cl::Buffer& in, const cl::Buffer& out, bool inverse, const wait_list& wait_for) {
    const auto& pass = planned.pass;
    auto kernel = planned.kernel->acquire();
    kernel.set_buffer(0, in);
    kernel.set_buffer(1, out);
    kernel.set_buffer(2, *planned.roots);
    unsigned arg = 3;
    for (auto v : {pass.n, pass.inner, pass.span, pass.count}) {
        if (index_t[0] == 'l')
            kernel.set<cl_long>(arg++, cl_long(v));
        else
            kernel.set<cl_int>(arg++, cl_int(v));
    }
    const double scale = inverse && pass.last_of_axis ? 1.0 / double(pass.n) : 1.0;
    if (is_double(type)) {
        kernel.set<cl_double>(arg++, inverse ? 1.0 : -1.0);
        kernel.set<cl_double>(arg++, scale);
    } else {
        kernel.set<cl_float>(arg++, inverse ? 1.0f : -1.0f);
        kernel.set<cl_float>(arg++, float(scale));
    }
    const auto w = pass.kernel.work_items;
    return kernel.run(q, launch_geometry{pass.groups() * w, w}, wait_for);
}

}  // namespace

bool stockham_supports(std::size_t length) { return fft_passes_support(length); }

event stockham_in_place(const queue& q, const array_view& data, const std::vector<std::size_t>& dims, bool inverse,
                        const wait_list& wait_for) {
    const type_info& type = *data.type;
    const auto& shape = data.shape->shape;
    const auto total = data.shape->size();
    std::vector<std::size_t> transformed;
    for (auto d : dims)
        if (shape[d] > 1) transformed.push_back(d);
    if (transformed.empty() || total == 0) return nothing_to_do(q, wait_for);
    const auto& plan = plan_for(q, type, shape, transformed);
    // From the queue's memory pool: once this call has enqueued its passes the buffer may go
    // back, since the next user's commands on this in-order queue run after them.
    std::shared_ptr<storage> scratch_memory;
    const cl::Buffer* scratch = nullptr;
    if (plan.flips_after[0] > 0) {
        scratch_memory = allocate(q, total * type.size);
        scratch = &scratch_memory->buffer;
    }
    const cl::Buffer* from = &data.memory->buffer;
    event done;
    for (std::size_t p = 0; p < plan.passes.size(); ++p) {
        const cl::Buffer* other = from == scratch ? &data.memory->buffer : scratch;
        const cl::Buffer* to = !plan.passes[p].pass.last_of_axis    ? other
                               : plan.flips_after[p + 1] % 2 == 0 ? &data.memory->buffer
                                                                  : scratch;
        done = run_pass(q, type, plan.index_t, plan.passes[p], *from, *to, inverse, p == 0 ? wait_for : wait_list{done});
        from = to;
    }
    return done;
}

}  // namespace clarity::detail
