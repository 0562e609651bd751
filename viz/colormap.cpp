#include "colormap.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>
#include <vector>

namespace clarity::viz::detail {
namespace {
struct rgb {
    float r, g, b;
};
// Control colours at evenly spaced positions, approximating the perceptually uniform maps.
const std::vector<rgb> viridis = {{0.267f, 0.005f, 0.329f}, {0.283f, 0.141f, 0.458f}, {0.254f, 0.265f, 0.530f},
                                  {0.207f, 0.372f, 0.553f}, {0.164f, 0.471f, 0.558f}, {0.128f, 0.567f, 0.551f},
                                  {0.135f, 0.659f, 0.518f}, {0.267f, 0.749f, 0.441f}, {0.478f, 0.821f, 0.318f},
                                  {0.741f, 0.873f, 0.150f}, {0.993f, 0.906f, 0.144f}};
const std::vector<rgb> magma = {{0.001f, 0.000f, 0.014f}, {0.078f, 0.054f, 0.209f}, {0.232f, 0.060f, 0.437f},
                                {0.390f, 0.100f, 0.502f}, {0.550f, 0.161f, 0.506f}, {0.716f, 0.215f, 0.475f},
                                {0.868f, 0.288f, 0.409f}, {0.967f, 0.439f, 0.360f}, {0.994f, 0.624f, 0.427f},
                                {0.995f, 0.812f, 0.573f}, {0.987f, 0.991f, 0.750f}};
const std::vector<rgb> gray = {{0, 0, 0}, {1, 1, 1}};

const std::vector<rgb>& control_colours(std::string_view name) {
    if (name == "viridis") return viridis;
    if (name == "magma") return magma;
    if (name == "gray" || name == "grey") return gray;
    throw std::invalid_argument("viz: unknown colormap \"" + std::string(name) + "\" (viridis, magma, gray)");
}

std::uint8_t to_byte(float v) { return static_cast<std::uint8_t>(std::lround(v * 255.0f)); }
}  // namespace

colormap_table make_colormap(std::string_view name) {
    const auto& points = control_colours(name);
    colormap_table table{};
    for (int i = 0; i < 256; ++i) {
        const float t = i / 255.0f * (points.size() - 1);
        const std::size_t k = std::min(static_cast<std::size_t>(t), points.size() - 2);
        const float f = t - k;
        const rgb& a = points[k];
        const rgb& b = points[k + 1];
        table[i * 4 + 0] = to_byte(a.r + f * (b.r - a.r));
        table[i * 4 + 1] = to_byte(a.g + f * (b.g - a.g));
        table[i * 4 + 2] = to_byte(a.b + f * (b.b - a.b));
        table[i * 4 + 3] = 255;
    }
    return table;
}

}  // namespace clarity::viz::detail
