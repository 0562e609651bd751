// What every visual does inside a frame: copy changed device data into its GL buffers, draw
// itself in the current plot area, and say which data rectangle it covers.
#pragma once

#include <vector>

#include <clarity/viz.hpp>

#include "gl_objects.hpp"
#include "transfer.hpp"

namespace clarity::viz::detail {

struct draw_context {
    view_box view;
    double pixel_ratio;  // framebuffer pixels per logical pixel
    int plot_width;      // of the plot area, in framebuffer pixels
};

}  // namespace clarity::viz::detail

namespace clarity::viz {

struct visual::impl {
    virtual ~impl() = default;
    // Before the frame's draws, with the context they will get; GL context current.
    virtual void sync(detail::transfer& transfer, const detail::draw_context& context) = 0;
    virtual void draw(const detail::draw_context& context) = 0;
    virtual view_box bounds() const = 0;  // the data box the axes show at first (with any margin)
};

}  // namespace clarity::viz

namespace clarity::viz::detail {

// Throws std::invalid_argument unless `data` is a contiguous float array of one of the ranks.
void require_drawable(const data_ref& data, const char* what, std::initializer_list<std::size_t> ranks);
void require_same_shape(const data_ref& before, const data_ref& after, const char* what);
// The array's values on the host (a blocking read).
std::vector<float> read_to_host(const data_ref& data);
// Smallest and largest value (NaNs skipped), read back once to place the axes.
void value_range(const std::vector<float>& values, float& lo, float& hi);
void value_range(const data_ref& data, float& lo, float& hi);
// A GL buffer that `transfer` fills, sized for `data`, viewed as a buffer texture of `format`.
struct gl_data : copy_target {
    gl_texture texture;
};
gl_data make_gl_data(const transfer& transfer, const data_ref& data, GLenum format);
void bind_data(const gl_data& data, int unit);
void set_view(GLint location, const view_box& view);

std::unique_ptr<visual::impl> make_line(const data_ref* x, const data_ref& y, const line_options& options);
std::unique_ptr<visual::impl> make_scatter(const data_ref& x, const data_ref& y, const scatter_options& options);
std::unique_ptr<visual::impl> make_image(const data_ref& values, const image_options& options);

}  // namespace clarity::viz::detail
