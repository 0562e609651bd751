// M4 decimation of line visuals on the device (viz/kernels/line_decimation.cl): for every line,
// the first, lowest, highest and last point of each pixel column it crosses, so that a line of
// many points per pixel is drawn with four vertices per column and the same pixels.
#pragma once

#include <cstddef>

#include <clarity/array.hpp>
#include <clarity/viz.hpp>

namespace clarity::viz::detail {

// Where a line visual's points are drawn; mirrors line.vert.
struct line_layout {
    std::size_t lines = 1, points = 0;
    std::size_t first = 0;      // ring buffer: drawing index k reads column (k + first) % points
    std::size_t grid_cols = 0;  // as line_options::grid_cols
    bool has_x = false;
    float x_first = 0, x_last = 0;  // x of the first and last point when has_x
};

class line_decimation {
public:
    // Bins (pixel columns, four vertices each) per line for this view and plot width, or 0 when
    // decimating would not at least halve the vertices.
    static std::size_t bins_for(const line_layout& layout, const view_box& view, int plot_width);

    // Runs the kernel on y's queue; the result holds lines x bins x 4 (x, y) pairs in data
    // coordinates and stays valid until the next run.
    const array<float>& run(const data_ref& y, const data_ref* x, const line_layout& layout, const view_box& view,
                            int plot_width, std::size_t bins);

private:
    cl_context context_ = nullptr;  // of the kernel and the vertices (which keep it alive)
    cl::Kernel kernel_;
    array<float> vertices_;
};

}  // namespace clarity::viz::detail
