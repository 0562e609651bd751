// Launching scans: the built kernels per (device, index width), argument checks, scratch for
// the tile descriptors (kept per queue), and the one or two passes of a launch.
#include <algorithm>
#include <climits>
#include <map>
#include <mutex>
#include <stdexcept>

#include <clarity/program_cache.hpp>
#include <clarity/scan.hpp>

#include "kernel_arguments.hpp"
#include "kernel_support.hpp"
#include "queue_resources.hpp"
#include "scan_source.hpp"

namespace clarity::detail {

namespace {
struct built_scan {
    std::shared_ptr<kernel_pool> kernel;
    scan_geometry geometry;  // parallel scans only
};

// Each pass stamps its descriptors with a new epoch (cl/scan_lookback.cl), so the scratch of
// a queue is cleared only when it is made and when the 29 bits of epoch wrap. Passes on one
// queue run in order and the ticket counter resets itself, so they can share it. (The engine
// that created and cleared scratch per launch took 92 us per scan of 2^20 ints on the H200,
// this one 19 us, ~12 us of host round trip included; its kernel changed too.) One buffer per
// descriptor layout; they live in the queue's resources, as long as the queue.
struct layout_scratch {
    cl::Buffer buffer;
    std::size_t bytes = 0;
    cl_uint epoch = 0;
};

struct scan_scratch {
    std::mutex mutex;
    std::map<std::size_t, layout_scratch> by_layout;
};

constexpr cl_uint epoch_limit = 1u << 29;

// The scratch of one launch: its lock is held until the launch's passes are enqueued, so that
// no other launch's pass overwrites the total between them.
struct scratch_lease {
    std::unique_lock<std::mutex> lock;
    cl::Buffer buffer;
    cl_uint first_epoch = 0;
    wait_list ready;  // what the first pass waits for
};

scratch_lease lease_scratch(const queue& q, const scan_geometry& geometry, std::uint64_t tiles, cl_uint passes,
                            const wait_list& wait_for) {
    auto& scratch = q.resources().get<scan_scratch>();
    scratch_lease lease{std::unique_lock(scratch.mutex), {}, 0, wait_for};
    auto& s = scratch.by_layout[geometry.scratch_layout()];
    const std::size_t bytes = geometry.scratch_bytes(tiles);
    if (s.bytes < bytes) {  // a launch still using the old buffer keeps it alive
        cl_int status = CL_SUCCESS;
        s.bytes = std::max(bytes, 2 * s.bytes);
        s.buffer = cl::Buffer(q.context().get(), CL_MEM_READ_WRITE, s.bytes, nullptr, &status);
        check(status, "clCreateBuffer");
        s.epoch = epoch_limit;
    }
    if (s.epoch + passes >= epoch_limit) {
        const auto events = cl_events(wait_for);
        cl::Event cleared;
        check(q.get().enqueueFillBuffer(s.buffer, cl_uchar(0), 0, s.bytes, events.empty() ? nullptr : &events,
                                        &cleared),
              "clEnqueueFillBuffer");
        lease.ready = {event(cleared)};
        s.epoch = 0;
    }
    lease.buffer = s.buffer;
    lease.first_epoch = s.epoch + 1;
    s.epoch += passes;
    return lease;
}
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
        const auto geometry = scan_geometry_for(dev, *scan.scan_type, scan.compaction.item, limit);
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

scan_engine::scan_engine(const context& ctx, const type_info& scan_type, const scan_options& options, bool sequential,
                         compaction_body compaction)
    : state_(std::make_shared<state>()) {
    state_->ctx = ctx;
    state_->scan = define_scan(scan_type, options, sequential);
    state_->scan.compaction = compaction;
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
    const std::vector<cl_int> passes = scan.uses_last_item ? std::vector<cl_int>{1, 0} : std::vector<cl_int>{0};
    const auto scratch = lease_scratch(q, geometry, tiles, cl_uint(passes.size()), options.wait_for);
    const unsigned scratch_index = write.next();
    write.buffer(scratch.buffer);

    // With last_item, a first pass computes the total into the scratch header.
    event done;
    wait_list wait_for = scratch.ready;
    for (std::size_t pass = 0; pass < passes.size(); ++pass) {
        kernel.set<cl_uint>(scratch_index + 1, cl_uint(scratch.first_epoch + pass));
        kernel.set<cl_int>(scratch_index + 2, passes[pass]);
        done = kernel.run(q, launch_geometry{std::size_t(tiles * geometry.work_group_size), geometry.work_group_size},
                          wait_for);
        wait_for = {done};
    }
    return done;
}

}  // namespace clarity::detail
