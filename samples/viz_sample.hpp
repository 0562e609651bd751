// What the plotting samples share: "--frames N --png FILE" (headless run, last frame saved)
// or, without --frames, an interactive window; frames per second on stderr. "--decimate off"
// draws every point of dense lines (line_options::decimate), for comparison.
#pragma once

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <string>

#include <clarity/viz.hpp>

namespace viz_sample {

struct options {
    int frames = 0;  // 0: interactive until the window closes
    std::string png;
    bool decimate = true;
};

inline options parse(int argc, char** argv) {
    options o;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!std::strcmp(argv[i], "--frames")) o.frames = std::atoi(argv[i + 1]);
        else if (!std::strcmp(argv[i], "--png")) o.png = argv[i + 1];
        else if (!std::strcmp(argv[i], "--decimate")) o.decimate = std::strcmp(argv[i + 1], "off") != 0;
    }
    return o;
}

// Runs `step` before every frame; prints the frame rate of the frames after the first.
// Headless frames are rendered and read back (fig.capture()), the work of VisPy's
// canvas.render() in bench/peers/vispy_peer.py: a frame counts once its pixels exist.
inline void run(clarity::viz::figure& fig, const options& o, const std::function<void()>& step) {
    std::fprintf(stderr, "interop: %s\n", fig.interop_report().c_str());
    int frames = 0;
    auto start = std::chrono::steady_clock::now();
    auto each_frame = [&] {
        step();
        if (++frames == 1) start = std::chrono::steady_clock::now();  // the first frame sets up GL objects
    };
    if (o.frames > 0) {
        for (int i = 0; i < o.frames; ++i) {
            each_frame();
            fig.capture();
        }
    } else {
        fig.show(each_frame);
    }
    fig.queue().finish();
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (frames > 1) std::printf("%.2f frames per second (%d frames)\n", (frames - 1) / seconds, frames - 1);
    if (!o.png.empty()) fig.save_png(o.png);
}

}  // namespace viz_sample
