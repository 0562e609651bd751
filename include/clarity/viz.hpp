// Plotting layer (API.md, "Plotting"): figures of axes drawing clarity arrays with OpenGL.
//
//   clarity::viz::figure fig({.width = 800, .height = 600, .title = "demo", .visible = false});
//   auto& ax = fig.axes(0, 0);
//   auto& line = ax.plot(y);                       // 1-d: y against index; 2-d {N, M}: N lines
//   auto& pts = ax.scatter(x, y, {.size = 3.0f});
//   auto& img = ax.image(m2d, {.colormap = "viridis", .clim = {lo, hi}});
//   line.update(y2);
//   fig.save_png("out.png");
//
// Data stays on the device where OpenCL shares buffers with the figure's GL context
// (cl_khr_gl_sharing: allocate on fig.queue()), or where GL and OpenCL both import memory that
// Vulkan exports (cl_khr_external_memory_opaque_fd, GL_EXT_memory_object_fd, one GPU);
// otherwise each update is one staged copy from the OpenCL buffer into a mapped GL buffer.
// fig.interop() says which path was taken and fig.interop_report() why; CLARITY_VIZ_INTEROP
// names the only path to try (gl_sharing, external_memory or staged_copy; an unavailable one
// gives staged_copy with the reason, any other value throws std::invalid_argument).
// Arrays must be contiguous float32 of the documented rank, else std::invalid_argument.
// CLARITY_VIZ_TIMING=1 prints, when a figure is destroyed, the milliseconds per frame spent in
// OpenCL work and copies into GL, in GL drawing, and in reading frames back.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <clarity/array.hpp>

namespace clarity::viz {

struct rgba {
    float r = 0, g = 0, b = 0, a = 1;
};

// How device arrays reach OpenGL.
enum class interop_path {
    gl_sharing,       // cl_khr_gl_sharing: device-to-device copy into shared GL buffers
    external_memory,  // device-to-device copy into GL buffers over Vulkan memory OpenCL imports too
    staged_copy,      // OpenCL reads into a mapped GL buffer (through host memory)
};
std::string_view to_string(interop_path path);

// The erased form of an array handed to the plotting layer; made by the templates below.
struct data_ref {
    queue q;
    cl::Buffer buffer;
    std::size_t offset_bytes = 0;
    shape_t shape;
    bool contiguous = false;
    std::string type_name;  // OpenCL C spelling; only "float" is drawn

    template <element T>
    static data_ref of(const array<T>& a) {
        return {a.get_queue(), a.buffer(), static_cast<std::size_t>(a.offset()) * sizeof(T), a.shape(),
                a.is_contiguous(), clarity::type_name<T>()};
    }
    std::size_t size() const;
};

struct line_options {
    rgba color{0.12f, 0.47f, 0.71f, 1.0f};
    // For 2-d data {N, M}: with grid_cols > 0 line k is drawn in cell (k / grid_cols, k % grid_cols)
    // of a grid of unit cells (x across the cell, y in [-1, 1] filling it), as VisPy's
    // ScrollingLinesVisual; with 0 all N lines share the axes' coordinates.
    std::size_t grid_cols = 0;
    // Level of detail: where a line has at least eight points per pixel column it crosses,
    // each frame draws, per column, only its first, lowest, highest and last point (M4
    // decimation, computed by an OpenCL kernel before the copy to GL), which lights the same
    // pixels. Applied only where it cannot change the picture: an opaque colour (overdraw of a
    // translucent one would differ) and x increasing along the line (no x, or an increasing x
    // with no roll offset, no NaN). NaN in y: GL leaves NaN vertices undefined; decimation keeps
    // a NaN only as a column's first or last point. false: always draw every point.
    bool decimate = true;
};

struct scatter_options {
    float size = 5.0f;  // marker diameter in (logical) pixels
    rgba color{0.84f, 0.15f, 0.16f, 1.0f};
};

struct limits {
    float lo = 0, hi = 0;  // lo == hi: taken from the data
};

struct image_options {
    std::string colormap = "viridis";  // "viridis", "magma" or "gray"
    limits clim;
};

// The data rectangle an axes shows.
struct view_box {
    double x0 = 0, x1 = 1, y0 = 0, y1 = 1;
    bool operator==(const view_box&) const = default;
};

class visual {
public:
    struct impl;
    explicit visual(std::unique_ptr<impl> i);  // made by axes
    virtual ~visual();
    impl& get_impl() { return *impl_; }
    const impl& get_impl() const { return *impl_; }

private:
    std::unique_ptr<impl> impl_;
};

class line_plot : public visual {
public:
    using visual::visual;
    // Same shape as before; redrawn from the device on the next frame.
    template <element T>
    void update(const array<T>& y) { update_data(data_ref::of(y)); }
    // Ring buffer of M columns: columns [first, first + count) (mod M) of each line were just
    // written and are the newest; only they are copied and column (first + count) % M is drawn first.
    template <element T>
    void roll(const array<T>& y, std::size_t first, std::size_t count) { roll_data(data_ref::of(y), first, count); }
    // Whether the last frame drew the line decimated (line_options::decimate).
    bool decimated() const;

private:
    void update_data(const data_ref& y);
    void roll_data(const data_ref& y, std::size_t first, std::size_t count);
};

class scatter_plot : public visual {
public:
    using visual::visual;
    template <element T>
    void update(const array<T>& x, const array<T>& y) { update_data(data_ref::of(x), data_ref::of(y)); }
    // Per-point colours: {N, 4} RGBA in [0, 1].
    template <element T>
    void set_colors(const array<T>& rgba_n4) { set_colors_data(data_ref::of(rgba_n4)); }

private:
    void update_data(const data_ref& x, const data_ref& y);
    void set_colors_data(const data_ref& colors);
};

class image_plot : public visual {
public:
    using visual::visual;
    template <element T>
    void update(const array<T>& m2d) { update_data(data_ref::of(m2d)); }
    void set_clim(limits clim);

private:
    void update_data(const data_ref& m2d);
};

class figure;

// One cell of a figure's grid: a data rectangle with ticks, labels and an optional title.
// Images put element (r, c) of an {H, W} array on [c, c+1] x [r, r+1] (row 0 at the bottom).
class axes {
public:
    template <element T>
    line_plot& plot(const array<T>& y, const line_options& options = {}) {
        return add_line(nullptr, data_ref::of(y), options);
    }
    template <element T>
    line_plot& plot(const array<T>& x, const array<T>& y, const line_options& options = {}) {
        const auto xr = data_ref::of(x);
        return add_line(&xr, data_ref::of(y), options);
    }
    template <element T>
    scatter_plot& scatter(const array<T>& x, const array<T>& y, const scatter_options& options = {}) {
        return add_scatter(data_ref::of(x), data_ref::of(y), options);
    }
    template <element T>
    image_plot& image(const array<T>& m2d, const image_options& options = {}) {
        return add_image(data_ref::of(m2d), options);
    }

    void set_title(std::string title);
    void set_view(view_box box);   // also becomes the box that reset_view() returns to
    const view_box& view() const;
    void reset_view();             // back to the data's bounds (or the last set_view)

    struct impl;
    explicit axes(std::unique_ptr<impl> i);
    ~axes();
    impl& get_impl() { return *impl_; }

private:
    line_plot& add_line(const data_ref* x, const data_ref& y, const line_options& options);
    scatter_plot& add_scatter(const data_ref& x, const data_ref& y, const scatter_options& options);
    image_plot& add_image(const data_ref& m2d, const image_options& options);
    std::unique_ptr<impl> impl_;
};

struct figure_options {
    int width = 800, height = 600;  // window size in screen coordinates
    std::string title = "clarity";
    bool visible = true;            // false: render offscreen (a hidden window, or with no X
                                    // server an EGL device context)
};

// An RGBA8 picture, rows from the top.
struct picture {
    int width = 0, height = 0;
    std::vector<std::uint8_t> rgba;
    const std::uint8_t* at(int x, int y) const { return &rgba[(static_cast<std::size_t>(y) * width + x) * 4]; }
};

namespace detail {
struct input_handler;  // viz/window.hpp: drag, scroll and key, in framebuffer pixels with y up
}

class figure {
public:
    explicit figure(const figure_options& options = {});
    ~figure();
    figure(const figure&) = delete;
    figure& operator=(const figure&) = delete;

    // The axes in grid cell (row, col); the grid grows to hold it.
    class axes& axes(std::size_t row = 0, std::size_t col = 0);

    // Interactive loop until the window closes: drag pans, the wheel zooms, 'r' resets the
    // views, 's' saves figure-N.png. `each_frame` runs before every frame (animations).
    void show(const std::function<void()>& each_frame = {});
    void render();                          // draws one frame (and presents it when visible)
    bool should_close() const;
    picture capture();                      // renders and reads the frame back
    void save_png(const std::string& path); // renders and writes the frame
    void resize(int width, int height);     // window size in screen coordinates
    // Where the window's mouse and key events go; tests and applications that embed a figure
    // can drive panning, zooming and the 'r'/'s' keys through it without an input device.
    detail::input_handler& input();

    // The queue to allocate plotted arrays on: shares buffers with GL where possible.
    const clarity::queue& queue() const;
    interop_path interop() const;
    std::string interop_report() const;  // one line: path, devices, why, GL renderer and context

    struct impl;

private:
    std::unique_ptr<impl> impl_;
};

}  // namespace clarity::viz
