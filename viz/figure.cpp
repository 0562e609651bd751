#include <chrono>
#include <cmath>
#include <cstdio>
#include <map>
#include <memory>
#include <string>

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

#include "axes_impl.hpp"
#include "frame_timing.hpp"
#include "painter.hpp"
#include "png.hpp"
#include "render_target.hpp"
#include "transfer.hpp"
#include "window.hpp"

namespace clarity::viz {

std::string_view to_string(interop_path path) {
    switch (path) {
    case interop_path::gl_sharing: return "gl_sharing";
    case interop_path::external_memory: return "external_memory";
    case interop_path::staged_copy: break;
    }
    return "staged_copy";
}

struct figure::impl : detail::input_handler {
    figure_options options;
    detail::window window;
    detail::render_target target;
    detail::frame_timing timing;  // before transfer, which times its copies
    detail::transfer transfer;
    detail::painter painter;
    detail::gl_vertex_array no_attributes;  // core profile draws need a bound vertex array
    std::map<std::pair<std::size_t, std::size_t>, std::unique_ptr<class axes>> cells;
    std::size_t rows = 1, cols = 1;
    int screenshots = 0;

    explicit impl(const figure_options& o)
        : options(o),
          window(o.width, o.height, o.title, o.visible),
          transfer(window.get(), timing),
          no_attributes(detail::make_vertex_array()) {
        window.set_input(this);
    }

    // Framebuffer size: the window's when shown, else the logical size times the content scale.
    void target_size(int& width, int& height) const {
        if (options.visible) return window.framebuffer_size(width, height);
        float sx = 1, sy = 1;
        window.content_scale(sx, sy);
        width = static_cast<int>(std::lround(options.width * sx));
        height = static_cast<int>(std::lround(options.height * sy));
    }

    double pixel_ratio() const { return static_cast<double>(target.width()) / options.width; }

    detail::pixel_rect cell_rect(std::pair<std::size_t, std::size_t> at) const {
        return detail::grid_cell(at.first, at.second, rows, cols, target.width(), target.height());
    }

    void render() {
        window.make_current();
        int width = 0, height = 0;
        target_size(width, height);
        target.ensure_size(std::max(width, 1), std::max(height, 1));
        const auto sync_start = timing.now();
        transfer.begin_frame();
        for (auto& [at, a] : cells) a->get_impl().sync(transfer, cell_rect(at), pixel_ratio());
        transfer.end_frame();
        timing.add(detail::frame_timing::sync, sync_start);

        const auto draw_start = timing.now();

        target.bind();
        glClearColor(1, 1, 1, 1);
        glClear(GL_COLOR_BUFFER_BIT);
        glEnable(GL_BLEND);
        // Colour blends over what is there; alpha accumulates towards opaque, so translucent
        // marks darken where they overlap in the saved PNG too (blending alpha like colour
        // would leave the overlaps more transparent, hence lighter, than single marks).
        glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
        glBindVertexArray(no_attributes.get());
        for (auto& [at, a] : cells) a->get_impl().draw(cell_rect(at), pixel_ratio(), painter);
        glViewport(0, 0, target.width(), target.height());
        painter.flush(target.width(), target.height(), {0, 0, 0, 1});
        if (options.visible) {
            target.present(width, height);
            window.swap_buffers();
        }
        if (timing.on()) glFinish();
        timing.add(detail::frame_timing::draw, draw_start);
    }

    void drag(double dx, double dy, double x, double y) override {
        for (auto& [at, a] : cells) {
            const auto area = a->get_impl().plot_rect(cell_rect(at), pixel_ratio());
            if (!area.contains(x, y)) continue;
            a->get_impl().view = detail::pan(a->view(), dx, dy, area);
            a->get_impl().view_touched = true;
        }
    }

    void scroll(double steps, double x, double y) override {
        for (auto& [at, a] : cells) {
            const auto area = a->get_impl().plot_rect(cell_rect(at), pixel_ratio());
            if (!area.contains(x, y)) continue;
            a->get_impl().view = detail::zoom(a->view(), std::pow(1.2, steps), x, y, area);
            a->get_impl().view_touched = true;
        }
    }

    void key(int glfw_key) override {
        if (glfw_key == GLFW_KEY_R)
            for (auto& [at, a] : cells) a->reset_view();
        if (glfw_key == GLFW_KEY_S) {
            const std::string path = "figure-" + std::to_string(++screenshots) + ".png";
            detail::write_png(path, capture());
            std::fprintf(stderr, "clarity::viz: saved %s\n", path.c_str());
        }
    }

    picture capture() {
        render();
        const auto read_start = timing.now();
        picture p = target.read();
        timing.add(detail::frame_timing::read_back, read_start);
        return p;
    }
};

figure::figure(const figure_options& options) : impl_(std::make_unique<impl>(options)) {}
figure::~figure() {
    impl_->window.make_current();  // GL objects are deleted in this figure's context
}

detail::input_handler& figure::input() { return *impl_; }

axes& figure::axes(std::size_t row, std::size_t col) {
    auto& slot = impl_->cells[{row, col}];
    if (!slot) slot = std::make_unique<viz::axes>(std::make_unique<viz::axes::impl>());
    impl_->rows = std::max(impl_->rows, row + 1);
    impl_->cols = std::max(impl_->cols, col + 1);
    return *slot;
}

void figure::show(const std::function<void()>& each_frame) {
    while (!should_close()) {
        detail::poll_events();
        if (each_frame) each_frame();
        render();
    }
}

void figure::render() { impl_->render(); }
bool figure::should_close() const { return impl_->window.should_close(); }
picture figure::capture() { return impl_->capture(); }
void figure::save_png(const std::string& path) { detail::write_png(path, capture()); }

void figure::resize(int width, int height) {
    impl_->options.width = width;
    impl_->options.height = height;
    int before_w = 0, before_h = 0, w = 0, h = 0;
    impl_->window.framebuffer_size(before_w, before_h);
    impl_->window.resize(width, height);
    if (!impl_->options.visible) return;  // the offscreen target follows options alone
    // A shown window changes size when the window system says so: wait for it, briefly.
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(1);
    do {
        detail::poll_events();
        impl_->window.framebuffer_size(w, h);
    } while (w == before_w && h == before_h && std::chrono::steady_clock::now() < until);
}

const clarity::queue& figure::queue() const { return impl_->transfer.queue(); }
interop_path figure::interop() const { return impl_->transfer.path(); }
std::string figure::interop_report() const {
    impl_->window.make_current();
    const auto renderer = reinterpret_cast<const char*>(glGetString(GL_RENDERER));
    return impl_->transfer.report() + "; GL " + (renderer ? renderer : "?") + " through " + impl_->window.context_kind();
}

}  // namespace clarity::viz
