// Which interop path a figure takes, and what it reports: the fastest available by default,
// or the one CLARITY_VIZ_INTEROP names, falling back to staged_copy with the reason.
#include <doctest/doctest.h>

#include <clarity/viz.hpp>

#include <stdexcept>
#include <string>

#include "scoped_env.hpp"

namespace viz = clarity::viz;

namespace {

viz::figure small_figure() { return viz::figure({.width = 64, .height = 48, .visible = false}); }

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// The extension without which a path cannot be taken on this OpenCL device.
const char* required_extension(viz::interop_path path) {
    return path == viz::interop_path::gl_sharing ? "cl_khr_gl_sharing" : "cl_khr_external_memory_opaque_fd";
}

}  // namespace

TEST_CASE("interop paths have their names") {
    CHECK(viz::to_string(viz::interop_path::gl_sharing) == "gl_sharing");
    CHECK(viz::to_string(viz::interop_path::external_memory) == "external_memory");
    CHECK(viz::to_string(viz::interop_path::staged_copy) == "staged_copy");
}

TEST_CASE("without CLARITY_VIZ_INTEROP a device lacking both extensions takes the staged copy, saying why") {
    scoped_env unset("CLARITY_VIZ_INTEROP", "");
    auto fig = small_figure();
    const auto& device = fig.queue().device();
    const std::string report = fig.interop_report();
    INFO(report);
    if (device.has_extension("cl_khr_gl_sharing") || device.has_extension("cl_khr_external_memory_opaque_fd")) return;
    CHECK(fig.interop() == viz::interop_path::staged_copy);
    CHECK(contains(report, "no gl_sharing: the OpenCL device has no cl_khr_gl_sharing"));
    CHECK(contains(report, "no external_memory: the OpenCL device has no cl_khr_external_memory_opaque_fd"));
}

TEST_CASE("CLARITY_VIZ_INTEROP=staged_copy skips the other paths") {
    scoped_env forced("CLARITY_VIZ_INTEROP", "staged_copy");
    auto fig = small_figure();
    const std::string report = fig.interop_report();
    INFO(report);
    CHECK(fig.interop() == viz::interop_path::staged_copy);
    CHECK(contains(report, "no gl_sharing: skipped: CLARITY_VIZ_INTEROP=staged_copy"));
    CHECK(contains(report, "no external_memory: skipped: CLARITY_VIZ_INTEROP=staged_copy"));
}

TEST_CASE("a path forced where the device cannot take it falls back to the staged copy with the reason") {
    for (auto path : {viz::interop_path::gl_sharing, viz::interop_path::external_memory}) {
        const std::string name(viz::to_string(path));
        CAPTURE(name);
        scoped_env forced("CLARITY_VIZ_INTEROP", name.c_str());
        auto fig = small_figure();
        const std::string report = fig.interop_report();
        INFO(report);
        const char* extension = required_extension(path);
        if (fig.queue().device().has_extension(extension)) {
            // gl_sharing can still miss without a GLX context, external_memory with GL on
            // another GPU (Mesa under Xvfb); otherwise they must be taken.
            if (path == viz::interop_path::external_memory && !contains(report, "GL runs on another device"))
                CHECK(fig.interop() == path);
            continue;
        }
        CHECK(fig.interop() == viz::interop_path::staged_copy);
        CHECK(contains(report, "no " + name + ": the OpenCL device has no " + extension));
        const std::string other = path == viz::interop_path::gl_sharing ? "external_memory" : "gl_sharing";
        CHECK(contains(report, "no " + other + ": skipped: CLARITY_VIZ_INTEROP=" + name));
    }
}

TEST_CASE("an unknown CLARITY_VIZ_INTEROP throws std::invalid_argument naming the choices") {
    scoped_env forced("CLARITY_VIZ_INTEROP", "zero_copy");
    try {
        small_figure();
        FAIL("no exception");
    } catch (const std::invalid_argument& e) {
        CHECK(contains(e.what(), "CLARITY_VIZ_INTEROP=zero_copy"));
        CHECK(contains(e.what(), "gl_sharing, external_memory, staged_copy"));
    }
}
