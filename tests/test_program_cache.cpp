// The program cache: built once in memory, stored on disk (atomically, verified, rebuilt when
// corrupt or stale), disabled by CLARITY_NO_CACHE, safe from many threads and processes.
#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <thread>

#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <clarity/clarity.hpp>

#include "disk_cache.hpp"
#include "support.hpp"

namespace fs = std::filesystem;

namespace {

// Points the disk cache at a fresh folder for the life of the object.
struct scoped_cache_dir {
    fs::path path;
    std::string previous;
    bool had_previous;
    scoped_cache_dir() {
        path = fs::temp_directory_path() /
               ("clarity-cache-test-" + std::to_string(::getpid()) + "-" + std::to_string(std::random_device{}()));
        fs::create_directories(path);
        const char* p = std::getenv("CLARITY_CACHE_DIR");
        had_previous = p != nullptr;
        previous = p ? p : "";
        ::setenv("CLARITY_CACHE_DIR", path.c_str(), 1);
        ::unsetenv("CLARITY_NO_CACHE");
    }
    ~scoped_cache_dir() {
        if (had_previous)
            ::setenv("CLARITY_CACHE_DIR", previous.c_str(), 1);
        else
            ::unsetenv("CLARITY_CACHE_DIR");
        std::error_code ec;
        fs::remove_all(path, ec);
    }
    std::vector<fs::path> files() const {
        std::vector<fs::path> out;
        for (const auto& e : fs::directory_iterator(path)) out.push_back(e.path());
        return out;
    }
};

// A source no earlier run can have cached: it carries a fresh random constant.
std::string unique_source(const std::string& name, int* value = nullptr) {
    static std::mt19937 gen(std::random_device{}());
    const int v = static_cast<int>(gen() % 1000000);
    if (value) *value = v;
    return "__kernel void " + name + "(__global int *out) { out[get_global_id(0)] = " + std::to_string(v) + "; }";
}

// Runs a program's kernel and returns what it wrote.
int run_constant_kernel(const cl::Program& program, const std::string& name) {
    auto out = clarity::zeros<int>(test::q(), {1});
    cl::Kernel kernel(program, name.c_str());
    kernel.setArg(0, out.buffer());
    test::q().get().enqueueNDRangeKernel(kernel, cl::NullRange, cl::NDRange(1), cl::NullRange);
    return out.item();
}

const clarity::device& dev() { return test::q().device(); }

}  // namespace

TEST_CASE("a program is compiled once, then found in memory") {
    scoped_cache_dir dir;
    int value = 0;
    const auto source = unique_source("once", &value);
    const auto before = clarity::program_cache_statistics();
    const auto p1 = clarity::build_program(test::q().context(), dev(), source);
    const auto p2 = clarity::build_program(test::q().context(), dev(), source);
    const auto after = clarity::program_cache_statistics();
    CHECK(after.compiled == before.compiled + 1);
    CHECK(after.memory_hits == before.memory_hits + 1);
    CHECK(p1() == p2());
    CHECK(run_constant_kernel(p2, "once") == value);
    // Other options are another program.
    clarity::build_program(test::q().context(), dev(), source, "-DUNUSED=1");
    CHECK(clarity::program_cache_statistics().compiled == after.compiled + 1);
}

TEST_CASE("binaries are stored on disk and loaded by a later request") {
    scoped_cache_dir dir;
    int value = 0;
    const auto source = unique_source("stored", &value);
    const auto before = clarity::program_cache_statistics();
    clarity::build_program(test::q().context(), dev(), source);
    CHECK(clarity::program_cache_statistics().disk_writes == before.disk_writes + 1);
    const auto files = dir.files();
    REQUIRE(files.size() == 1);  // and no temporary file is left behind
    CHECK(files[0].extension() == ".clbin");

    clarity::clear_program_memory_cache();
    const auto program = clarity::build_program(test::q().context(), dev(), source);
    const auto after = clarity::program_cache_statistics();
    CHECK(after.disk_hits == before.disk_hits + 1);
    CHECK(after.compiled == before.compiled + 1);
    CHECK(run_constant_kernel(program, "stored") == value);
}

TEST_CASE("corrupt, truncated and stale entries are rebuilt, never trusted") {
    scoped_cache_dir dir;
    int value = 0;
    const auto source = unique_source("mended", &value);
    clarity::build_program(test::q().context(), dev(), source);
    REQUIRE(dir.files().size() == 1);
    const auto file = dir.files()[0];
    const auto original_size = fs::file_size(file);

    const auto rebuild_after = [&](const auto& damage) {
        damage();
        clarity::clear_program_memory_cache();
        const auto before = clarity::program_cache_statistics();
        const auto program = clarity::build_program(test::q().context(), dev(), source);
        const auto after = clarity::program_cache_statistics();
        CHECK(after.disk_rejected == before.disk_rejected + 1);
        CHECK(after.compiled == before.compiled + 1);
        CHECK(run_constant_kernel(program, "mended") == value);
        CHECK(fs::file_size(file) == original_size);  // replaced by a good entry
    };
    SUBCASE("a flipped byte in the binary") {
        rebuild_after([&] {
            std::fstream f(file, std::ios::in | std::ios::out | std::ios::binary);
            f.seekp(std::streamoff(original_size - 20));
            f.put('\x5a');
        });
    }
    SUBCASE("a truncated file") { rebuild_after([&] { fs::resize_file(file, original_size / 2); }); }
    SUBCASE("an entry stored for another driver version under the same name") {
        rebuild_after([&] {
            const auto key = clarity::detail::disk_cache_key(dev().name(), dev().platform_name(), dev().version(),
                                                             dev().driver_version(), "", source);
            const auto stale = clarity::detail::disk_cache_key(dev().name(), dev().platform_name(), dev().version(),
                                                               "an older driver", "", source);
            CHECK(clarity::detail::disk_cache_file(dir.path, key) == file);
            REQUIRE(clarity::detail::write_cached_binary(file, stale, std::vector<unsigned char>(original_size / 2, 1)));
        });
    }
}

TEST_CASE("the disk key includes device, driver, options and source") {
    using clarity::detail::disk_cache_key;
    const auto base = disk_cache_key("dev", "plat", "OpenCL 3.0", "1.0", "-O2", "src");
    CHECK(base != disk_cache_key("dev", "plat", "OpenCL 3.0", "1.1", "-O2", "src"));
    CHECK(base != disk_cache_key("dev2", "plat", "OpenCL 3.0", "1.0", "-O2", "src"));
    CHECK(base != disk_cache_key("dev", "plat", "OpenCL 3.0", "1.0", "", "src"));
    CHECK(base != disk_cache_key("dev", "plat", "OpenCL 3.0", "1.0", "-O2", "src2"));
    // Field boundaries are length-prefixed: moving text between fields changes the key.
    CHECK(disk_cache_key("ab", "c", "", "", "", "") != disk_cache_key("a", "bc", "", "", "", ""));
}

TEST_CASE("CLARITY_NO_CACHE=1 keeps the disk untouched") {
    scoped_cache_dir dir;
    ::setenv("CLARITY_NO_CACHE", "1", 1);
    CHECK(clarity::program_cache_directory().empty());
    const auto before = clarity::program_cache_statistics();
    clarity::build_program(test::q().context(), dev(), unique_source("uncached"));
    CHECK(clarity::program_cache_statistics().disk_writes == before.disk_writes);
    CHECK(dir.files().empty());
    ::unsetenv("CLARITY_NO_CACHE");
    CHECK(clarity::program_cache_directory() == dir.path);
}

TEST_CASE("build errors are not cached: each request reports them") {
    scoped_cache_dir dir;
    const std::string bad = "__kernel void bad(__global int *out) { out[0] = missing; }";
    CHECK_THROWS_AS(clarity::build_program(test::q().context(), dev(), bad), clarity::build_error);
    CHECK_THROWS_AS(clarity::build_program(test::q().context(), dev(), bad), clarity::build_error);
    CHECK(dir.files().empty());
}

TEST_CASE("repeated kernel calls touch neither source text nor the program cache") {
    clarity::ElementwiseKernel inc(test::q().context(), "int *a", "a[i] += 1", "increment");
    auto a = clarity::zeros<int>(test::q(), {100});
    inc(a);
    const auto before = clarity::program_cache_statistics();
    for (int k = 0; k < 50; ++k) inc(a);
    const auto after = clarity::program_cache_statistics();
    CHECK(after.memory_hits == before.memory_hits);
    CHECK(after.compiled == before.compiled);
    CHECK(a.get() == std::vector<int>(100, 51));
}

TEST_CASE("8 threads building and running the same and different kernels at once") {
    scoped_cache_dir dir;
    clarity::ElementwiseKernel shared(test::q().context(), "int *a, int k", "a[i] = a[i] * 2 + k", "shared_kernel");
    std::vector<std::string> sources;
    std::vector<int> values(4);
    for (int k = 0; k < 4; ++k) sources.push_back(unique_source("threaded" + std::to_string(k), &values[k]));
    std::atomic<int> failures{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t) {
        threads.emplace_back([&, t] {
            try {
                // Two threads per source: the same program requested concurrently is built once.
                const auto program = clarity::build_program(test::q().context(), dev(), sources[t % 4]);
                if (run_constant_kernel(program, "threaded" + std::to_string(t % 4)) != values[t % 4]) ++failures;
                // One ElementwiseKernel object launched from every thread, each on its own array.
                auto a = clarity::full<int>(clarity::default_queue(), {1000}, t);
                for (int r = 0; r < 5; ++r) shared(a, t);
                int expected = t;
                for (int r = 0; r < 5; ++r) expected = expected * 2 + t;
                if (a.get() != std::vector<int>(1000, expected)) ++failures;
                // A fresh kernel per thread with its own source, compiled concurrently.
                clarity::ElementwiseKernel own(test::q().context(), "int *a", "a[i] = " + std::to_string(t) + " - i",
                                               "own" + std::to_string(t));
                own(a);
                const auto got = a.get();
                for (int i = 0; i < 1000; ++i)
                    if (got[i] != t - i) {
                        ++failures;
                        break;
                    }
            } catch (...) {
                ++failures;
            }
        });
    }
    for (auto& th : threads) th.join();
    CHECK(failures == 0);
    // Four programs plus the eight "own" kernels (the shared one may come from an earlier run's disk entry).
    CHECK(dir.files().size() >= 12);
}

// Exit status of a child that finds the device taken (a GPU in an exclusive-process compute
// mode lists no device to a second process).
constexpr int device_unavailable = 77;

// A child process of the test below: builds the program given in its environment. (Children
// are started afresh from this executable: forking a process that already uses an OpenCL
// driver is unsafe, and NVIDIA's driver fails in a forked child.)
TEST_CASE("disk cache child process: build CLARITY_TEST_SOURCE" * doctest::skip()) {
    const char* source = std::getenv("CLARITY_TEST_SOURCE");
    REQUIRE(source != nullptr);
    try {
        test::q();
    } catch (const clarity::error& e) {
        if (e.code() == CL_DEVICE_NOT_FOUND) std::_Exit(device_unavailable);
        throw;
    }
    const auto program = clarity::build_program(test::q().context(), dev(), source);
    CHECK(program() != nullptr);
}

TEST_CASE("concurrent processes share the disk cache safely") {
    scoped_cache_dir dir;
    int value = 0;
    const auto source = unique_source("multiprocess", &value);
    ::setenv("CLARITY_TEST_SOURCE", source.c_str(), 1);
    const std::string self = fs::read_symlink("/proc/self/exe");
    std::vector<std::string> words{self, "--no-skip", "--test-case=*disk cache child process*", "--no-version"};
    std::vector<char*> argv;
    for (auto& w : words) argv.push_back(w.data());
    argv.push_back(nullptr);
    std::vector<pid_t> children;
    for (int c = 0; c < 4; ++c) {
        pid_t pid = -1;
        REQUIRE(::posix_spawn(&pid, self.c_str(), nullptr, nullptr, argv.data(), environ) == 0);
        children.push_back(pid);
    }
    int unavailable = 0;
    for (auto pid : children) {
        int status = -1;
        ::waitpid(pid, &status, 0);
        REQUIRE(WIFEXITED(status));
        if (WEXITSTATUS(status) == device_unavailable) {
            ++unavailable;
            continue;
        }
        CHECK(WEXITSTATUS(status) == 0);
    }
    ::unsetenv("CLARITY_TEST_SOURCE");
    if (unavailable == int(children.size())) {
        MESSAGE("the device cannot be opened by a second process here (exclusive compute mode?): not tested");
        return;
    }
    const auto files = dir.files();
    REQUIRE(files.size() == 1);  // one complete entry, no temporaries
    clarity::clear_program_memory_cache();
    const auto before = clarity::program_cache_statistics();
    const auto program = clarity::build_program(test::q().context(), dev(), source);
    CHECK(clarity::program_cache_statistics().disk_hits == before.disk_hits + 1);
    CHECK(run_constant_kernel(program, "multiprocess") == value);
}
