#include <clarity/program_cache.hpp>

#include <atomic>
#include <cstdlib>
#include <future>
#include <iostream>
#include <mutex>
#include <unordered_map>

#include "disk_cache.hpp"
#include "hash.hpp"

namespace clarity {

namespace {

struct counters {
    std::atomic<std::uint64_t> memory_hits{0}, disk_hits{0}, compiled{0}, disk_rejected{0}, disk_writes{0};
};

counters& stats() {
    static counters c;
    return c;
}

bool env_flag(const char* name) {
    const char* value = std::getenv(name);
    return value && *value && std::string(value) != "0";
}

std::string build_log(const cl::Program& program, const device& dev) {
    std::string log;
    program.getBuildInfo(dev.get(), CL_PROGRAM_BUILD_LOG, &log);
    while (!log.empty() && (log.back() == '\0' || log.back() == '\n')) log.pop_back();
    return log;
}

// Builds `program` for `dev`; returns the status and leaves the log to the caller.
cl_int build_for(cl::Program& program, const device& dev, const std::string& options) {
    return program.build(std::vector<cl::Device>{dev.get()}, options.c_str());
}

cl::Program compile_from_source(const context& ctx, const device& dev, const std::string& source,
                                const std::string& options, const std::string& description) {
    if (env_flag("CLARITY_SHOW_KERNELS"))
        std::cerr << "clarity: building " << description << " with options \"" << options << "\"\n" << source << "\n";
    cl_int status = CL_SUCCESS;
    cl::Program program(ctx.get(), source, false, &status);
    detail::check(status, "clCreateProgramWithSource");
    status = build_for(program, dev, options);
    if (status == CL_BUILD_PROGRAM_FAILURE || status == CL_INVALID_BUILD_OPTIONS || status == CL_COMPILE_PROGRAM_FAILURE)
        throw build_error(description + " on " + dev.name(), status == CL_INVALID_BUILD_OPTIONS
                                                                 ? "invalid build options: \"" + options + "\"\n" + build_log(program, dev)
                                                                 : build_log(program, dev),
                          source);
    detail::check(status, "clBuildProgram");
    ++stats().compiled;
    return program;
}

std::vector<unsigned char> program_binary(const cl::Program& program) {
    std::vector<std::vector<unsigned char>> binaries;
    if (program.getInfo(CL_PROGRAM_BINARIES, &binaries) != CL_SUCCESS || binaries.size() != 1) return {};
    return std::move(binaries.front());
}

// A program from a stored binary, or an empty program if the driver refuses it.
cl::Program program_from_binary(const context& ctx, const device& dev, const std::vector<unsigned char>& binary,
                                const std::string& options) {
    cl_int status = CL_SUCCESS;
    std::vector<cl_int> binary_status;
    cl::Program program(ctx.get(), {dev.get()}, cl::Program::Binaries{binary}, &binary_status, &status);
    if (status != CL_SUCCESS) return {};
    if (build_for(program, dev, options) != CL_SUCCESS) return {};
    return program;
}

cl::Program build_with_disk_cache(const context& ctx, const device& dev, const std::string& source,
                                  const std::string& options, const std::string& description) {
    const auto directory = program_cache_directory();
    if (directory.empty()) return compile_from_source(ctx, dev, source, options, description);
    const auto key = detail::disk_cache_key(dev.name(), dev.platform_name(), dev.version(), dev.driver_version(),
                                            options, source);
    const auto file = detail::disk_cache_file(directory, key);
    std::vector<unsigned char> binary;
    switch (detail::read_cached_binary(file, key, binary)) {
        case detail::disk_lookup::found:
            if (auto program = program_from_binary(ctx, dev, binary, options); program() != nullptr) {
                ++stats().disk_hits;
                return program;
            }
            ++stats().disk_rejected;  // the driver refused the binary: rebuild and replace it
            break;
        case detail::disk_lookup::rejected: ++stats().disk_rejected; break;
        case detail::disk_lookup::missing: break;
    }
    auto program = compile_from_source(ctx, dev, source, options, description);
    if (const auto fresh = program_binary(program); !fresh.empty() && detail::write_cached_binary(file, key, fresh))
        ++stats().disk_writes;
    return program;
}

// In-memory cache: one shared_future per program, so concurrent requests build it once.
struct memory_cache {
    std::mutex mutex;
    std::unordered_map<std::string, std::shared_future<cl::Program>> programs;
};

memory_cache& memory() {
    static memory_cache cache;
    return cache;
}

std::string memory_key(const context& ctx, const device& dev, const std::string& source, const std::string& options) {
    std::string key = detail::hex64(reinterpret_cast<std::uintptr_t>(ctx.get()())) +
                      detail::hex64(reinterpret_cast<std::uintptr_t>(dev.get()())) + options;
    key.push_back('\0');
    return key + source;
}

}  // namespace

std::filesystem::path program_cache_directory() {
    if (env_flag("CLARITY_NO_CACHE")) return {};
    if (const char* dir = std::getenv("CLARITY_CACHE_DIR"); dir && *dir) return dir;
    if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg) return std::filesystem::path(xdg) / "clarity";
    if (const char* home = std::getenv("HOME"); home && *home) return std::filesystem::path(home) / ".cache" / "clarity";
    return {};
}

cl::Program build_program(const context& ctx, const device& dev, const std::string& source, const std::string& options,
                          const std::string& description) {
    auto& cache = memory();
    const auto key = memory_key(ctx, dev, source, options);
    std::promise<cl::Program> promise;
    std::shared_future<cl::Program> future;
    bool this_thread_builds = false;
    {
        std::lock_guard lock(cache.mutex);
        if (auto it = cache.programs.find(key); it != cache.programs.end()) {
            future = it->second;
            ++stats().memory_hits;
        } else {
            future = promise.get_future().share();
            cache.programs.emplace(key, future);
            this_thread_builds = true;
        }
    }
    if (this_thread_builds) {
        try {
            promise.set_value(build_with_disk_cache(ctx, dev, source, options, description));
        } catch (...) {
            {
                std::lock_guard lock(cache.mutex);
                cache.programs.erase(key);  // failures are not cached: the next request reports them again
            }
            promise.set_exception(std::current_exception());
        }
    }
    return future.get();  // other threads asking for the same program wait here for its build
}

program_cache_stats program_cache_statistics() {
    const auto& c = stats();
    return {c.memory_hits.load(), c.disk_hits.load(), c.compiled.load(), c.disk_rejected.load(), c.disk_writes.load()};
}

void clear_program_memory_cache() {
    auto& cache = memory();
    std::lock_guard lock(cache.mutex);
    cache.programs.clear();
}

}  // namespace clarity
