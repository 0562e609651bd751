// CLARITY_VIZ_TIMING=1: where a figure's frames spend their time, printed to stderr when the
// figure is destroyed. Stages: sync (OpenCL kernels and copies into GL buffers), draw (GL
// commands, waited for with glFinish, which only timing adds) and read back (capture()).
#pragma once

#include <array>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace clarity::viz::detail {

class frame_timing {
public:
    enum stage { sync, draw, read_back };

    bool on() const { return on_; }
    void start() { started_ = std::chrono::steady_clock::now(); }
    void stop(stage s) {
        seconds_[s] += std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
        frames_ += s == sync;
    }
    ~frame_timing() {
        if (!on_ || frames_ == 0) return;
        std::fprintf(stderr,
                     "clarity::viz timing over %d frames (the first, which sets up, too), ms per frame: sync %.2f, "
                     "draw %.2f, read back %.2f\n",
                     frames_, 1e3 * seconds_[sync] / frames_, 1e3 * seconds_[draw] / frames_,
                     1e3 * seconds_[read_back] / frames_);
    }

private:
    bool on_ = [] {
        const char* v = std::getenv("CLARITY_VIZ_TIMING");
        return v && std::strcmp(v, "0") != 0;
    }();
    std::chrono::steady_clock::time_point started_;
    std::array<double, 3> seconds_{};
    int frames_ = 0;
};

}  // namespace clarity::viz::detail
