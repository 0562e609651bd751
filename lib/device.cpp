#include <clarity/device.hpp>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <stdexcept>

#include "memory_pool.hpp"
#include "queue_resources.hpp"

namespace clarity {

namespace {

std::string lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
    return out;
}

template <cl_int Name, class Object>
auto query(const Object& object, const char* call) {
    cl_int status = CL_SUCCESS;
    auto value = object.template getInfo<Name>(&status);
    detail::check(status, call);
    return value;
}

// Strings from clGetDeviceInfo may carry a trailing NUL through the C++ bindings.
std::string trimmed(std::string s) {
    while (!s.empty() && (s.back() == '\0' || s.back() == ' ')) s.pop_back();
    return s;
}

std::vector<cl::Platform> all_platforms() {
    std::vector<cl::Platform> platforms;
    cl_int status = cl::Platform::get(&platforms);
    if (status == CL_PLATFORM_NOT_FOUND_KHR || (status == CL_SUCCESS && platforms.empty()))
        throw error(CL_PLATFORM_NOT_FOUND_KHR,
                    "no OpenCL platform found: install an OpenCL driver (on Debian: `apt-get install "
                    "pocl-opencl-icd` for the CPU, or your GPU vendor's OpenCL ICD) and the ICD loader "
                    "(`apt-get install ocl-icd-libopencl1`)");
    detail::check(status, "clGetPlatformIDs");
    return platforms;
}

std::vector<cl::Device> platform_devices(const cl::Platform& platform, cl_device_type type) {
    std::vector<cl::Device> devices;
    cl_int status = platform.getDevices(type, &devices);
    if (status == CL_DEVICE_NOT_FOUND) return {};
    detail::check(status, "clGetDeviceIDs");
    return devices;
}

std::string platform_list(const std::vector<cl::Platform>& platforms) {
    std::string out;
    for (const auto& p : platforms) {
        out += "\n  " + trimmed(query<CL_PLATFORM_NAME>(p, "clGetPlatformInfo"));
        int index = 0;
        for (const auto& d : platform_devices(p, CL_DEVICE_TYPE_ALL))
            out += "\n    :" + std::to_string(index++) + " " + trimmed(query<CL_DEVICE_NAME>(d, "clGetDeviceInfo"));
    }
    return out;
}

cl::Device choose_device(const detail::device_request& request) {
    const auto platforms = all_platforms();
    for (const auto& platform : platforms) {
        const auto name = lower(trimmed(query<CL_PLATFORM_NAME>(platform, "clGetPlatformInfo")));
        if (name.find(request.platform_substring) == std::string::npos) continue;
        const auto devices = platform_devices(platform, CL_DEVICE_TYPE_ALL);
        if (request.device_index >= 0) {
            if (static_cast<std::size_t>(request.device_index) < devices.size()) return devices[request.device_index];
            continue;
        }
        if (!request.platform_substring.empty() && !devices.empty()) {
            const auto gpus = platform_devices(platform, CL_DEVICE_TYPE_GPU);
            return gpus.empty() ? devices.front() : gpus.front();
        }
    }
    if (!request.platform_substring.empty() || request.device_index >= 0)
        throw error(CL_DEVICE_NOT_FOUND, "CLARITY_DEVICE names no device; available platforms and devices:" +
                                             platform_list(platforms));
    for (const auto& platform : platforms)
        if (auto gpus = platform_devices(platform, CL_DEVICE_TYPE_GPU); !gpus.empty()) return gpus.front();
    for (const auto& platform : platforms)
        if (auto any = platform_devices(platform, CL_DEVICE_TYPE_ALL); !any.empty()) return any.front();
    throw error(CL_DEVICE_NOT_FOUND, "OpenCL platforms were found but none has a device:" + platform_list(platforms));
}

}  // namespace

device::device(const cl::Device& dev) : device_(dev) {
    auto p = std::make_shared<properties>();
    p->name = trimmed(query<CL_DEVICE_NAME>(dev, "clGetDeviceInfo"));
    p->vendor = trimmed(query<CL_DEVICE_VENDOR>(dev, "clGetDeviceInfo"));
    p->driver_version = trimmed(query<CL_DRIVER_VERSION>(dev, "clGetDeviceInfo"));
    p->version = trimmed(query<CL_DEVICE_VERSION>(dev, "clGetDeviceInfo"));
    p->extensions = trimmed(query<CL_DEVICE_EXTENSIONS>(dev, "clGetDeviceInfo"));
    const cl::Platform platform(query<CL_DEVICE_PLATFORM>(dev, "clGetDeviceInfo"), true);
    p->platform_name = trimmed(query<CL_PLATFORM_NAME>(platform, "clGetPlatformInfo"));
    const auto type = query<CL_DEVICE_TYPE>(dev, "clGetDeviceInfo");
    p->is_cpu = (type & CL_DEVICE_TYPE_CPU) != 0;
    p->is_gpu = (type & CL_DEVICE_TYPE_GPU) != 0;
    p->has_fp64 = query<CL_DEVICE_DOUBLE_FP_CONFIG>(dev, "clGetDeviceInfo") != 0;
    p->compute_units = query<CL_DEVICE_MAX_COMPUTE_UNITS>(dev, "clGetDeviceInfo");
    p->max_work_group_size = query<CL_DEVICE_MAX_WORK_GROUP_SIZE>(dev, "clGetDeviceInfo");
    p->local_mem_size = query<CL_DEVICE_LOCAL_MEM_SIZE>(dev, "clGetDeviceInfo");
    p->global_mem_size = query<CL_DEVICE_GLOBAL_MEM_SIZE>(dev, "clGetDeviceInfo");
    p->max_alloc_size = query<CL_DEVICE_MAX_MEM_ALLOC_SIZE>(dev, "clGetDeviceInfo");
    info_ = std::move(p);
}

bool device::has_extension(std::string_view extension) const {
    if (extension.empty()) return false;
    const std::string& all = info_->extensions;
    for (std::size_t pos = all.find(extension); pos != std::string::npos; pos = all.find(extension, pos + 1)) {
        const bool starts = pos == 0 || all[pos - 1] == ' ';
        const std::size_t end = pos + extension.size();
        if (starts && (end == all.size() || all[end] == ' ')) return true;
    }
    return false;
}

context::context(const cl::Context& ctx) {
    auto s = std::make_shared<state>();
    s->ctx = ctx;
    for (const auto& d : query<CL_CONTEXT_DEVICES>(ctx, "clGetContextInfo")) s->devices.emplace_back(d);
    state_ = std::move(s);
}

context::context(const device& dev) {
    cl_int status = CL_SUCCESS;
    cl::Context ctx(dev.get(), nullptr, nullptr, nullptr, &status);
    detail::check(status, "clCreateContext");
    auto s = std::make_shared<state>();
    s->ctx = ctx;
    s->devices = {dev};
    state_ = std::move(s);
}

namespace detail {
device_request parse_device_request(std::string_view spec) {
    device_request request;
    const auto colon = spec.rfind(':');
    std::string_view platform = spec;
    if (colon != std::string_view::npos) {
        const std::string index(spec.substr(colon + 1));
        if (index.empty() || !std::all_of(index.begin(), index.end(), [](unsigned char c) { return std::isdigit(c); }))
            throw std::invalid_argument("CLARITY_DEVICE=\"" + std::string(spec) +
                                        "\": expected \"<platform name substring>[:<device index>]\"");
        request.device_index = std::stoi(index);
        platform = spec.substr(0, colon);
    }
    request.platform_substring = lower(platform);
    return request;
}
}  // namespace detail

context create_some_context() {
    const char* spec = std::getenv("CLARITY_DEVICE");
    const auto request = detail::parse_device_request(spec ? spec : "");
    return context(device(choose_device(request)));
}

void event::wait() const {
    if (empty()) return;
    detail::check(event_.wait(), "clWaitForEvents");
}

std::uint64_t event::duration_ns() const {
    if (empty()) return 0;
    wait();
    cl_int status = CL_SUCCESS;
    const auto start = event_.getProfilingInfo<CL_PROFILING_COMMAND_START>(&status);
    detail::check(status, "clGetEventProfilingInfo");
    const auto end = event_.getProfilingInfo<CL_PROFILING_COMMAND_END>(&status);
    detail::check(status, "clGetEventProfilingInfo");
    return end - start;
}

queue::queue(const clarity::context& ctx, queue_options options) : queue(ctx, ctx.devices().front(), options) {}

queue::queue(const clarity::context& ctx, const clarity::device& dev, queue_options options) {
    cl_int status = CL_SUCCESS;
    const cl_command_queue_properties props = options.profiling ? CL_QUEUE_PROFILING_ENABLE : 0;
    cl::CommandQueue created(ctx.get(), dev.get(), props, &status);
    detail::check(status, "clCreateCommandQueue");
    state_ = std::make_shared<const state>(state{ctx, dev, std::move(created), std::make_shared<detail::queue_resources>(),
                                                detail::memory_pool::create(ctx.get())});
}

const queue::state& queue::shared() const {
    static const state none;  // what a default-constructed queue reports
    return state_ ? *state_ : none;
}

detail::queue_resources& queue::resources() const {
    if (!state_) throw std::invalid_argument("queue: a default-constructed queue has no device");
    return *state_->resources;
}

void queue::finish() const { detail::check(get().finish(), "clFinish"); }

void queue::flush() const { detail::check(get().flush(), "clFlush"); }

event queue::enqueue_marker(const wait_list& events) const {
    const auto cl_list = detail::cl_events(events);
    cl::Event ev;
    detail::check(get().enqueueMarkerWithWaitList(cl_list.empty() ? nullptr : &cl_list, &ev),
                  "clEnqueueMarkerWithWaitList");
    return event(ev);
}

queue& default_queue() {
    // Thread-safe initialisation (C++11 statics). CLARITY_PROFILE=1 turns on event profiling.
    static queue q(create_some_context(), {.profiling = std::getenv("CLARITY_PROFILE") != nullptr &&
                                                        std::string(std::getenv("CLARITY_PROFILE")) != "0"});
    return q;
}

namespace detail {
std::vector<cl::Event> cl_events(const wait_list& events) {
    std::vector<cl::Event> out;
    out.reserve(events.size());
    for (const auto& e : events)
        if (!e.empty()) out.push_back(e.get());
    return out;
}
}  // namespace detail

}  // namespace clarity
