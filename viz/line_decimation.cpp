#include "line_decimation.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>

#include <clarity/program_cache.hpp>

#include "embedded_kernels.hpp"

namespace clarity::viz::detail {
namespace {

// The kernel's line_layout argument, field for field.
struct kernel_layout {
    cl_uint lines, points, first, grid_cols, bins;
    cl_int has_x;
    cl_float view_x0, pixels_per_unit;
    cl_int width;
};

// Data x of the first and last point of a line, as line.vert computes them.
void x_extent(const line_layout& layout, double& first, double& last) {
    if (layout.grid_cols > 0) {
        first = 0.02;  // within its cell; every cell is one unit wide
        last = 0.98;
    } else if (layout.has_x) {
        first = layout.x_first;
        last = layout.x_last;
    } else {
        first = 0;
        last = static_cast<double>(layout.points - 1);
    }
}

}  // namespace

std::size_t line_decimation::bins_for(const line_layout& layout, const view_box& view, int plot_width) {
    if (plot_width <= 0 || view.x1 <= view.x0) return 0;
    double first = 0, last = 0;
    x_extent(layout, first, last);
    const double span_pixels = (last - first) / (view.x1 - view.x0) * plot_width;
    // The columns it crosses, one more for rounding, and the two off-screen columns at most.
    const double crossed = std::min(std::ceil(span_pixels) + 2, static_cast<double>(plot_width) + 2);
    const auto bins = static_cast<std::size_t>(crossed);
    return 4 * bins * 2 <= layout.points ? bins : 0;
}

const array<float>& line_decimation::run(const data_ref& y, const data_ref* x, const line_layout& layout,
                                         const view_box& view, int plot_width, std::size_t bins) {
    const std::size_t needed = layout.lines * bins * 4 * 2;
    if (y.q.context().get()() != context_) {  // first run, or data from another context
        context_ = y.q.context().get()();
        kernel_ = cl::Kernel();
        vertices_ = array<float>();
    }
    if (vertices_.size() != needed) vertices_ = empty<float>(y.q, {needed});
    if (!kernel_()) {
        const cl::Program program = build_program(y.q.context(), y.q.device(), std::string(embedded_kernel("line_decimation.cl")),
                                                  "", "viz line decimation");
        kernel_ = cl::Kernel(program, "clarity_line_m4");
    }
    const kernel_layout args{static_cast<cl_uint>(layout.lines),
                             static_cast<cl_uint>(layout.points),
                             static_cast<cl_uint>(layout.first),
                             static_cast<cl_uint>(layout.grid_cols),
                             static_cast<cl_uint>(bins),
                             layout.has_x ? 1 : 0,
                             static_cast<cl_float>(view.x0),
                             static_cast<cl_float>(plot_width / (view.x1 - view.x0)),
                             plot_width};
    const data_ref& xs = x ? *x : y;  // unread without x, but the kernel needs a buffer
    kernel_.setArg(0, vertices_.buffer());
    kernel_.setArg(1, y.buffer);
    kernel_.setArg(2, static_cast<cl_ulong>(y.offset_bytes / sizeof(float)));
    kernel_.setArg(3, xs.buffer);
    kernel_.setArg(4, static_cast<cl_ulong>(xs.offset_bytes / sizeof(float)));
    kernel_.setArg(5, sizeof args, &args);
    clarity::detail::check(
        y.q.get().enqueueNDRangeKernel(kernel_, cl::NullRange, cl::NDRange(layout.lines * bins), cl::NullRange),
        "enqueueing the line decimation kernel");
    return vertices_;
}

}  // namespace clarity::viz::detail
