// 10^6 particles moved by an ElementwiseKernel every frame (a swirl around the centre with a
// little drift back inwards), drawn as one scatter of device data.
//   particles [--frames N --png out.png]
#include <clarity/elementwise.hpp>
#include <clarity/random.hpp>

#include "viz_sample.hpp"

int main(int argc, char** argv) {
    const auto o = viz_sample::parse(argc, argv);
    constexpr std::size_t n = 1'000'000;
    clarity::viz::figure fig({.width = 800, .height = 800, .title = "particles", .visible = o.frames == 0});
    auto& q = fig.queue();
    auto x = clarity::randn<float>(q, {n}, 1);
    auto y = clarity::randn<float>(q, {n}, 2);
    auto& ax = fig.axes();
    auto& points = ax.scatter(x, y, {.size = 1.5f, .color = {0.1f, 0.3f, 0.8f, 0.35f}});
    ax.set_view({-4, 4, -4, 4});
    ax.set_title("1,000,000 particles");

    const clarity::ElementwiseKernel step(q.context(), "float *x, float *y, float dt",
                                          "float r2 = x[i] * x[i] + y[i] * y[i];"
                                          "float w = 1.5f / (0.3f + r2);"  // faster near the centre
                                          "float nx = x[i] - dt * (w * y[i] + 0.05f * x[i]);"
                                          "float ny = y[i] + dt * (w * x[i] - 0.05f * y[i]);"
                                          "x[i] = nx; y[i] = ny;",
                                          "swirl");
    viz_sample::run(fig, o, [&] {
        step(x, y, 0.01f);
        points.update(x, y);
    });
}
