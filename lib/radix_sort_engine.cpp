// Running the onesweep radix sort: the buffers each pass reads and writes, the scratch of
// counts and look-back words, and the launches.
#include "radix_sort_engine.hpp"

#include <algorithm>
#include <stdexcept>
#include <vector>

#include "kernel_arguments.hpp"
#include "kernel_support.hpp"

namespace clarity::detail {

namespace {

constexpr std::size_t radix_work_group = 256;  // the histogram and offsets kernels: a work-item per digit

// The buffers of one array through the passes: stage 0 is the input, stage `passes` the
// output, and the stages between alternate between two temporaries and the output so that
// no pass writes what it reads. `copy_back` says that the output is a temporary whose
// contents belong in `out` (one pass, in place).
struct stage_plan {
    std::vector<buffer_slice> stages;
    bool copy_back = false;
};

stage_plan plan_stages(const buffer_slice& in, const buffer_slice& out, unsigned passes, std::size_t bytes,
                       scratch_lease& scratch, scratch_slot slot_a, scratch_slot slot_b) {
    const auto temporary = [&](int k) { return buffer_slice{scratch.buffer(k == 0 ? slot_a : slot_b, bytes), 0}; };
    const buffer_slice destination = out.empty() ? temporary(1) : out;
    const bool in_place = destination == in;
    stage_plan plan;
    plan.stages.push_back(in);
    if (passes == 1 && in_place) {
        plan.stages.push_back(temporary(0));
        plan.copy_back = true;
        return plan;
    }
    for (unsigned p = 1; p < passes; ++p)
        plan.stages.push_back((passes - p) % 2 == 1 ? temporary(0) : (p == 1 && in_place) ? temporary(1) : destination);
    plan.stages.push_back(destination);
    return plan;
}

event copy_slice(const queue& q, const buffer_slice& from, const buffer_slice& to, std::size_t bytes,
                 std::size_t element_size, const event& after) {
    const auto events = cl_events({after});
    cl::Event done;
    check(q.get().enqueueCopyBuffer(from.buffer, to.buffer, from.offset * element_size, to.offset * element_size, bytes,
                                    &events, &done),
          "clEnqueueCopyBuffer");
    return event(done);
}

std::string variant_key(const radix_sort_variant& v) {
    return "radix_sort/" + v.key_type->name + "/" + (v.value_type ? v.value_type->name : "-") + "/" +
           (v.wide ? "wide" : "narrow") + "/" + std::to_string(v.work_group) + "x" + std::to_string(v.items_per_work_item) +
           "/" + std::to_string(int(v.ranking));
}

}  // namespace

event radix_sort(const queue& q, const radix_sort_job& job, const wait_list& wait_for, scratch_lease& scratch) {
    if (job.key_bits == 0 || job.key_bits > job.key_type->size * 8)
        throw std::invalid_argument("radix sort: key_bits must be 1 .. " + std::to_string(job.key_type->size * 8) +
                                    ", not " + std::to_string(job.key_bits));
    if (job.n == 0) return nothing_to_do(q, wait_for);
    const auto& dev = q.device();
    const auto variant = radix_sort_variant_for(dev, job);
    const auto key = variant_key(variant);
    const auto source = [&] { return radix_sort_source(dev, variant); };
    // One program; the registry holds one kernel per key, so each kernel's name is in its key.
    const auto kernel = [&](const std::string& name) -> kernel_pool& { return library_kernel(q, key + "/" + name, name, source); };
    auto& histogram = kernel("clarity_radix_histogram");
    auto& digit_offsets = kernel("clarity_radix_digit_offsets");
    auto& onesweep = kernel("clarity_radix_onesweep");

    const cl_int order = radix_sort_order(*job.key_type, job.descending);
    const unsigned passes = (job.key_bits + 7) / 8;
    const std::uint64_t tile = std::uint64_t(variant.work_group) * variant.items_per_work_item;
    const std::uint64_t tiles = (job.n + tile - 1) / tile;
    const std::size_t count_size = variant.wide ? 8 : 4;
    const std::size_t cleared_bytes = count_size * passes * (256 + 1);  // the histogram kernel clears the rest
    const std::size_t scratch_bytes = cleared_bytes + count_size * passes * tiles * 256;
    const cl::Buffer counts = scratch.buffer(scratch_slot::counts, scratch_bytes);
    const auto keys = plan_stages(job.keys_in, job.keys_out, passes, job.n * job.key_type->size, scratch,
                                  scratch_slot::keys_a, scratch_slot::keys_b);
    const auto values = job.value_type ? plan_stages(job.values_in, job.values_out, passes, job.n * job.value_type->size,
                                                     scratch, scratch_slot::values_a, scratch_slot::values_b)
                                       : stage_plan{};

    const auto events = cl_events(wait_for);
    cl::Event cleared;
    check(q.get().enqueueFillBuffer(counts, cl_uint(0), 0, cleared_bytes, events.empty() ? nullptr : &events, &cleared),
          "clEnqueueFillBuffer");
    event done(cleared);
    {
        auto kernel = histogram.acquire();
        argument_writer write(kernel, variant.wide);
        write.buffer(job.keys_in.buffer);
        write.index(std::int64_t(job.keys_in.offset));
        write.index(std::int64_t(job.n));
        write.value<cl_int>(order);
        write.value<cl_int>(cl_int(job.key_bits));
        write.buffer(counts);
        const std::uint64_t per_device = std::uint64_t(std::max(1u, dev.compute_units())) * 16;
        const std::uint64_t groups = std::clamp<std::uint64_t>(job.n / (radix_work_group * 16), 1, per_device);
        done = kernel.run(q, launch_geometry{std::size_t(groups * radix_work_group), radix_work_group}, {done});
    }
    {
        auto kernel = digit_offsets.acquire();
        kernel.set_buffer(0, counts);
        done = kernel.run(q, launch_geometry{passes * radix_work_group, radix_work_group}, {done});
    }
    for (unsigned pass = 0; pass < passes; ++pass) {
        auto kernel = onesweep.acquire();
        argument_writer write(kernel, variant.wide);
        write.buffer(keys.stages[pass].buffer);
        write.index(std::int64_t(keys.stages[pass].offset));
        write.buffer(keys.stages[pass + 1].buffer);
        write.index(std::int64_t(keys.stages[pass + 1].offset));
        if (job.value_type) {
            const auto& from = values.stages[pass];
            write.buffer(from.empty() ? values.stages[pass + 1].buffer : from.buffer);  // unread when empty
            write.index(std::int64_t(from.offset));
            write.value<cl_int>(from.empty());
            write.buffer(values.stages[pass + 1].buffer);
            write.index(std::int64_t(values.stages[pass + 1].offset));
        }
        write.index(std::int64_t(job.n));
        write.value<cl_int>(order);
        write.value<cl_int>(cl_int(job.key_bits));
        write.value<cl_int>(cl_int(pass));
        write.buffer(counts);
        const std::size_t tile_work_group = variant.ranking == radix_ranking::serial ? 1 : variant.work_group;
        done = kernel.run(q, launch_geometry{std::size_t(tiles * tile_work_group), tile_work_group}, {done});
    }
    if (keys.copy_back)
        done = copy_slice(q, keys.stages.back(), job.keys_out, job.n * job.key_type->size, job.key_type->size, done);
    if (values.copy_back)
        done = copy_slice(q, values.stages.back(), job.values_out, job.n * job.value_type->size, job.value_type->size,
                          done);
    return done;
}

}  // namespace clarity::detail
