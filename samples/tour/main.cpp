// The main demo: prints the device, runs each capability of clarity on real data, checks it
// against the host, and prints how long each step took. Run it with `bash scripts/demo.sh`.
// Each section lives in its own file (tour.hpp lists them).
#include "tour.hpp"

#include <chrono>
#include <cstdio>

namespace tour {

namespace {
int failures = 0;
}

void section(const std::string& title) { std::printf("%s\n", title.c_str()); }

void step(const std::string& title, const std::function<bool()>& check) {
    const auto start = std::chrono::steady_clock::now();
    bool ok = false;
    std::string error;
    try {
        ok = check();
    } catch (const std::exception& e) {
        error = e.what();
    }
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    std::printf("  %-66s %-4s %9.2f ms\n", title.c_str(), ok ? "ok" : "FAIL", ms);
    if (!error.empty()) std::printf("    %s\n", error.c_str());
    failures += !ok;
}

}  // namespace tour

int main() {
    auto& q = clarity::default_queue();
    const auto& dev = q.device();
    std::printf("clarity tour on \"%s\" (%s, %s, %u compute units, %s)\n", dev.name().c_str(),
                dev.platform_name().c_str(), dev.driver_version().c_str(), dev.compute_units(),
                dev.has_fp64() ? "fp64" : "no fp64");
    const auto cache = clarity::program_cache_directory();
    std::printf("program cache: %s (timings of first steps include kernel builds)\n\n",
                cache.empty() ? "off" : cache.c_str());

    tour::arrays(q);
    tour::elementwise(q);
    tour::reductions(q);
    tour::expressions(q);
    tour::random_numbers(q);
    tour::scans(q);
    tour::sorting(q);
    tour::fft(q);

    const auto stats = clarity::program_cache_statistics();
    std::printf("\nprogram cache: %llu compiled, %llu loaded from disk, %llu found in memory\n",
                static_cast<unsigned long long>(stats.compiled), static_cast<unsigned long long>(stats.disk_hits),
                static_cast<unsigned long long>(stats.memory_hits));
    std::printf("%s\n", tour::failures == 0 ? "all steps passed" : "SOME STEPS FAILED");
    return tour::failures == 0 ? 0 : 1;
}
