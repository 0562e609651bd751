// CLARITY_VIZ_TIMING=1: where a figure's frames spend their time, printed to stderr when the
// figure is destroyed. Stages: OpenCL work (kernels such as line decimation, and the caller's
// kernels still queued), copies into GL buffers, GL drawing (waited for with glFinish, which
// only timing adds) and read-back (capture()).
#pragma once

#include <array>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace clarity::viz::detail {

class frame_timing {
public:
    using clock = std::chrono::steady_clock;
    enum stage { sync, copy, draw, read_back };  // sync: OpenCL work and copies together

    bool on() const { return on_; }
    clock::time_point now() const { return on_ ? clock::now() : clock::time_point{}; }
    void add(stage s, clock::time_point since) {
        if (!on_) return;
        seconds_[s] += std::chrono::duration<double>(clock::now() - since).count();
        frames_ += s == sync;
    }
    ~frame_timing() {
        if (!on_ || frames_ == 0) return;
        const auto ms = [&](double seconds) { return 1e3 * seconds / frames_; };
        std::fprintf(stderr,
                     "clarity::viz timing over %d frames (the first, which sets up, too), ms per frame: OpenCL %.2f, "
                     "copies %.2f, draw %.2f, read back %.2f\n",
                     frames_, ms(seconds_[sync] - seconds_[copy]), ms(seconds_[copy]), ms(seconds_[draw]),
                     ms(seconds_[read_back]));
    }

private:
    bool on_ = [] {
        const char* v = std::getenv("CLARITY_VIZ_TIMING");
        return v && std::strcmp(v, "0") != 0;
    }();
    std::array<double, 4> seconds_{};
    int frames_ = 0;
};

}  // namespace clarity::viz::detail
