// Launching scans: the built kernels per (device, index width), argument checks, scratch for
// the tile descriptors, and the one or two passes of a launch.
#include <algorithm>
#include <climits>
#include <map>
#include <mutex>
#include <stdexcept>

#include <clarity/program_cache.hpp>
#include <clarity/scan.hpp>

#include "kernel_arguments.hpp"
#include "kernel_support.hpp"
#include "scan_source.hpp"

namespace clarity::detail {

namespace {
struct built_scan {
    std::shared_ptr<kernel_pool> kernel;
    scan_geometry geometry;  // parallel scans only
};
}  // namespace

struct scan_engine::state {
    context ctx;
    scan_definition scan;
    bool sequential = false;
    // A launch looks its kernel up here and never touches source text.
    std::mutex mutex;
    std::map<std::pair<cl_device_id, bool>, built_scan> built;

    const built_scan& kernel(const device& dev, bool wide);
    built_scan build(const device& dev, bool wide) const;
};

built_scan scan_engine::state::build(const device& dev, bool wide) const {
    const auto& name = scan.options.name;
    if (sequential) {
        auto program = build_program(ctx, dev, sequential_scan_source(scan, dev, wide), scan.options.options,
                                     scan.description);
        return {std::make_shared<kernel_pool>(std::move(program), name), {}};
    }
    // The work-group size is compiled in; should the compiler allow fewer work-items for this
    // kernel (register pressure), build again with a tile that fits.
    std::size_t limit = dev.max_work_group_size();
    for (;;) {
        const auto geometry = scan_geometry_for(dev, *scan.scan_type, limit);
        auto program = build_program(ctx, dev, parallel_scan_source(scan, dev, wide, geometry), scan.options.options,
                                     scan.description);
        auto pool = std::make_shared<kernel_pool>(std::move(program), name);
        limit = pool->work_group_limit(dev);
        if (geometry.work_group_size <= limit) return {std::move(pool), geometry};
    }
}

const built_scan& scan_engine::state::kernel(const device& dev, bool wide) {
    const auto key = std::make_pair(dev.get()(), wide);
    {
        std::lock_guard lock(mutex);
        if (auto it = built.find(key); it != built.end()) return it->second;
    }
    auto made = build(dev, wide);
    std::lock_guard lock(mutex);
    return built.try_emplace(key, std::move(made)).first->second;
}

scan_engine::scan_engine(const context& ctx, const type_info& scan_type, const scan_options& options, bool sequential)
    : state_(std::make_shared<state>()) {
    state_->ctx = ctx;
    state_->scan = define_scan(scan_type, options, sequential);
    state_->sequential = sequential;
}

std::string scan_engine::source(const device& dev, bool wide_indices) const {
    auto& s = *state_;  // shared state: its kernel map is guarded by its mutex
    if (s.sequential) return sequential_scan_source(s.scan, dev, wide_indices);
    return parallel_scan_source(s.scan, dev, wide_indices, s.kernel(dev, wide_indices).geometry);
}

event scan_engine::launch(const scan_launch_options& options, std::span<const call_argument> args) const {
    auto& s = *state_;
    const auto& scan = s.scan;
    check_arguments(scan.description, scan.arguments, args, s.ctx);
    const queue& q = launch_queue(scan.description, options.queue, args);
    if (!(q.context() == s.ctx)) throw std::invalid_argument(scan.description + ": the queue belongs to another context");

    std::uint64_t n = 0;
    bool have_size = false;
    for (const auto& a : args) {
        if (a.what != call_argument::kind::array || have_size) continue;
        n = a.view.shape->size();
        have_size = true;
    }
    if (options.size) n = *options.size;
    else if (!have_size) throw std::invalid_argument(scan.description + ": no array argument to take the size from; pass a size");
    const auto largest = std::max(largest_array_element(args), n);
    const auto& index_type = scan.options.index_type;
    const bool wide = index_type.empty() ? std::string(index_type_for(largest)) == "long" : index_type == "long";
    if (!wide && largest >= (1ull << 31))
        throw std::invalid_argument(scan.description + ": index_type \"int\" cannot index " + std::to_string(largest) +
                                    " elements");
    if (n == 0) return q.enqueue_marker(options.wait_for);

    const auto& built = s.kernel(q.device(), wide);
    auto kernel = built.kernel->acquire();
    argument_writer write(kernel, wide);
    write.user_arguments(scan.description, scan.arguments, args);
    write.index(static_cast<std::int64_t>(n));
    if (s.sequential) return kernel.run(q, launch_geometry{1, 1}, options.wait_for);

    const auto& geometry = built.geometry;
    const std::uint64_t tiles = (n + geometry.tile() - 1) / geometry.tile();
    if (tiles > UINT_MAX) throw std::invalid_argument(scan.description + ": too many elements");
    cl_int status = CL_SUCCESS;
    cl::Buffer scratch(s.ctx.get(), CL_MEM_READ_WRITE, geometry.scratch_bytes(tiles), nullptr, &status);
    check(status, "clCreateBuffer");
    write.buffer(scratch);
    const unsigned total_only_index = write.next();

    // With last_item, a first pass computes the total into the scratch header.
    event done;
    wait_list wait_for = options.wait_for;
    for (cl_int total_only : scan.uses_last_item ? std::vector<cl_int>{1, 0} : std::vector<cl_int>{0}) {
        const auto events = cl_events(wait_for);
        cl::Event cleared;
        check(q.get().enqueueFillBuffer(scratch, cl_uint(0), geometry.cleared_offset(), geometry.cleared_bytes(tiles),
                                        events.empty() ? nullptr : &events, &cleared),
              "clEnqueueFillBuffer");
        kernel.set<cl_int>(total_only_index, total_only);
        done = kernel.run(q, launch_geometry{std::size_t(tiles * geometry.work_group_size), geometry.work_group_size},
                          {event(cleared)});
        wait_for = {done};
    }
    return done;
}

}  // namespace clarity::detail
