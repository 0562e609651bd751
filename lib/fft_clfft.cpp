#include "fft_clfft.hpp"

#include <clFFT.h>

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <tuple>

#include <clarity/error.hpp>

namespace clarity::detail {

namespace {

std::string clfft_status_name(clfftStatus status) {
    switch (status) {
        case CLFFT_BUGCHECK: return "CLFFT_BUGCHECK";
        case CLFFT_NOTIMPLEMENTED: return "CLFFT_NOTIMPLEMENTED";
        case CLFFT_TRANSPOSED_NOTIMPLEMENTED: return "CLFFT_TRANSPOSED_NOTIMPLEMENTED";
        case CLFFT_FILE_NOT_FOUND: return "CLFFT_FILE_NOT_FOUND";
        case CLFFT_FILE_CREATE_FAILURE: return "CLFFT_FILE_CREATE_FAILURE";
        case CLFFT_VERSION_MISMATCH: return "CLFFT_VERSION_MISMATCH";
        case CLFFT_INVALID_PLAN: return "CLFFT_INVALID_PLAN";
        case CLFFT_DEVICE_NO_DOUBLE: return "CLFFT_DEVICE_NO_DOUBLE";
        case CLFFT_DEVICE_MISMATCH: return "CLFFT_DEVICE_MISMATCH";
        default: return status_name(status);  // the rest are OpenCL statuses
    }
}

// clFFT statuses extend OpenCL's, so the error carries the status as its code.
void check_clfft(clfftStatus status, const char* call) {
    if (status != CLFFT_SUCCESS)
        throw error(status, std::string(call) + " failed: " + clfft_status_name(status) + " (" +
                                std::to_string(int(status)) + ")");
}

// A baked clFFT plan; destroyed before clFFT is torn down (the cache below owns them all).
struct plan {
    clfftPlanHandle handle = 0;
    std::mutex enqueue;  // clFFT plans are not documented as safe to enqueue from two threads at once
    ~plan() {
        if (handle) clfftDestroyPlan(&handle);
    }
};

using plan_key = std::tuple<cl_context, cl_device_id, bool, shape_t, std::size_t>;

// clfftSetup on first use, clfftTeardown at exit after every cached plan is gone. A function
// static, so the first use is thread-safe and exit order is the reverse of construction.
struct clfft_library {
    std::mutex mutex;
    std::map<plan_key, std::unique_ptr<plan>> plans;

    clfft_library() {
        clfftSetupData setup;
        check_clfft(clfftInitSetupData(&setup), "clfftInitSetupData");
        check_clfft(clfftSetup(&setup), "clfftSetup");
    }
    ~clfft_library() {
        plans.clear();
        clfftTeardown();
    }
};

clfft_library& library() {
    static clfft_library instance;
    return instance;
}

std::unique_ptr<plan> bake(const queue& q, const shape_t& lengths, std::size_t batch, bool double_precision) {
    auto p = std::make_unique<plan>();
    // clFFT lists lengths fastest axis first.
    std::vector<std::size_t> clfft_lengths(lengths.rbegin(), lengths.rend());
    const auto dim = static_cast<clfftDim>(lengths.size());
    check_clfft(clfftCreateDefaultPlan(&p->handle, q.context().get()(), dim, clfft_lengths.data()),
                "clfftCreateDefaultPlan");
    check_clfft(clfftSetPlanPrecision(p->handle, double_precision ? CLFFT_DOUBLE : CLFFT_SINGLE),
                "clfftSetPlanPrecision");
    check_clfft(clfftSetLayout(p->handle, CLFFT_COMPLEX_INTERLEAVED, CLFFT_COMPLEX_INTERLEAVED), "clfftSetLayout");
    check_clfft(clfftSetResultLocation(p->handle, CLFFT_INPLACE), "clfftSetResultLocation");
    check_clfft(clfftSetPlanBatchSize(p->handle, batch), "clfftSetPlanBatchSize");
    std::size_t distance = 1;
    for (auto n : lengths) distance *= n;
    check_clfft(clfftSetPlanDistance(p->handle, distance, distance), "clfftSetPlanDistance");
    cl_command_queue queue = q.get()();
    check_clfft(clfftBakePlan(p->handle, 1, &queue, nullptr, nullptr), "clfftBakePlan");
    return p;
}

plan& cached_plan(const queue& q, const shape_t& lengths, std::size_t batch, bool double_precision) {
    auto& lib = library();
    const plan_key key{q.context().get()(), q.device().get()(), double_precision, lengths, batch};
    std::lock_guard lock(lib.mutex);  // baking under the lock: one thread compiles, the others wait
    auto& slot = lib.plans[key];
    if (!slot) slot = bake(q, lengths, batch, double_precision);
    return *slot;
}

}  // namespace

bool clfft_supports(std::size_t length) {
    if (length == 0) return false;
    for (std::size_t p : {2, 3, 5, 7, 11, 13})
        while (length % p == 0) length /= p;
    return length == 1;
}

event clfft_in_place(const queue& q, const cl::Buffer& buffer, const shape_t& lengths, std::size_t batch,
                     bool double_precision, bool inverse, const wait_list& wait_for) {
    auto& p = cached_plan(q, lengths, batch, double_precision);
    std::lock_guard lock(p.enqueue);
    // A scratch buffer per call rather than the plan's own, so that transforms on two queues
    // never share one; OpenCL keeps it alive until the kernels using it finish.
    std::size_t scratch_bytes = 0;
    check_clfft(clfftGetTmpBufSize(p.handle, &scratch_bytes), "clfftGetTmpBufSize");
    cl::Buffer scratch;
    if (scratch_bytes > 0) {
        cl_int status = CL_SUCCESS;
        scratch = cl::Buffer(q.context().get(), CL_MEM_READ_WRITE, scratch_bytes, nullptr, &status);
        check(status, "clCreateBuffer");
    }
    const auto events = cl_events(wait_for);
    std::vector<cl_event> waits;
    for (const auto& e : events) waits.push_back(e());
    cl_command_queue queue = q.get()();
    cl_mem data = buffer();
    cl_event done = nullptr;
    check_clfft(clfftEnqueueTransform(p.handle, inverse ? CLFFT_BACKWARD : CLFFT_FORWARD, 1, &queue,
                                      cl_uint(waits.size()), waits.empty() ? nullptr : waits.data(), &done, &data,
                                      nullptr, scratch_bytes > 0 ? scratch() : nullptr),
                "clfftEnqueueTransform");
    return event(cl::Event(done));  // takes over clFFT's reference
}

}  // namespace clarity::detail
