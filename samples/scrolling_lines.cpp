// VisPy's scrolling-plots demo on clarity::viz: 10,000 lines of 2,000 points in a 100 x 100
// grid; each frame a kernel writes 10 new samples per line (noise with rare spikes) into a ring
// buffer on the device, only those columns reach GL, and one draw call draws every line.
//   scrolling_lines [--frames N --png out.png --decimate on|off]
#include <clarity/elementwise.hpp>

#include "viz_sample.hpp"

int main(int argc, char** argv) {
    const auto o = viz_sample::parse(argc, argv);
    constexpr std::size_t rows = 100, cols = 100, lines = rows * cols, points = 2000, per_frame = 10;
    clarity::viz::figure fig({.width = 1000, .height = 800, .title = "scrolling lines", .visible = o.frames == 0});
    auto& q = fig.queue();
    auto y = clarity::zeros<float>(q, {lines, points});
    auto& ax = fig.axes();
    auto& plot = ax.plot(y, {.grid_cols = cols, .decimate = o.decimate});
    ax.set_title("10,000 lines x 2,000 points");

    // Sample k of line l in frame f: a hash of (l, f, k) as noise in [-0.25, 0.25], spikes to +-0.9.
    const clarity::ElementwiseKernel new_samples(
        q.context(), "float *y, uint points, uint head, uint frame",
        "uint line = i / 10, k = i % 10;"
        "uint h = (line * 747796405u) ^ (frame * 2891336453u) ^ (k * 277803737u);"
        "h ^= h >> 16; h *= 0x7feb352du; h ^= h >> 15; h *= 0x846ca68bu; h ^= h >> 16;"
        "float u = (h & 0xffffff) / 16777216.0f;"
        "float v = (h >> 24) < 1 ? ((h & 1) ? 0.9f : -0.9f) : (u - 0.5f) * 0.5f;"
        "y[line * points + (head + k) % points] = v;",
        "scrolling_samples");

    std::size_t head = 0;
    unsigned frame = 0;
    viz_sample::run(fig, o, [&] {
        new_samples.launch({.range = clarity::range{0, static_cast<std::int64_t>(lines * per_frame)}}, y,
                           static_cast<unsigned>(points), static_cast<unsigned>(head), frame++);
        plot.roll(y, head, per_frame);
        head = (head + per_frame) % points;
    });
}
