// Lines: 1-d y (one line) or 2-d {N, M} (N lines in one instanced draw), optional shared x.
// Where the lines have many points per pixel column, a frame draws their M4 decimation
// (line_decimation.hpp) instead of every point: the same pixels from far fewer vertices.
#include <algorithm>
#include <cmath>
#include <optional>
#include <stdexcept>

#include "line_decimation.hpp"
#include "view_math.hpp"
#include "visual_impl.hpp"

namespace clarity::viz::detail {
namespace {

class line_impl : public visual::impl {
public:
    line_impl(const data_ref* x, const data_ref& y, const line_options& options) : y_(y), options_(options) {
        require_drawable(y, "line y", {1, 2});
        lines_ = y.shape.size() == 2 ? y.shape[0] : 1;
        points_ = y.shape.back();
        bool x_increasing = true;
        float x0 = 0, x1 = static_cast<float>(points_ - 1), y0 = 0, y1 = 0;
        if (x) {
            require_drawable(*x, "line x", {1});
            if (x->shape[0] != points_)
                throw std::invalid_argument("viz: line x has " + std::to_string(x->shape[0]) + " points, y " +
                                            std::to_string(points_));
            x_ = *x;
            const auto xs = read_to_host(*x);
            value_range(xs, x0, x1);
            x_increasing = std::none_of(xs.begin(), xs.end(), [](float v) { return std::isnan(v); }) &&
                           std::is_sorted(xs.begin(), xs.end());
            x_first_ = xs.front();
            x_last_ = xs.back();
        }
        decimable_ = options.decimate && options.color.a >= 1 && x_increasing;
        if (options_.grid_cols > 0) {
            const auto rows = (lines_ + options_.grid_cols - 1) / options_.grid_cols;
            bounds_ = {0, static_cast<double>(options_.grid_cols), 0, static_cast<double>(rows)};
        } else {
            value_range(y_, y0, y1);
            bounds_ = padded(x0, x1, y0, y1);  // extremes off the frame
        }
    }

    void update(const data_ref& y) {
        require_same_shape(y_, y, "line");
        y_ = y;
        pending_ = whole();
        pending_roll_.reset();
        vertices_stale_ = true;
    }

    void roll(const data_ref& y, std::size_t first, std::size_t count) {
        require_same_shape(y_, y, "line");
        if (count > points_ || first >= points_)
            throw std::invalid_argument("viz: roll of " + std::to_string(count) + " columns from " +
                                        std::to_string(first) + " does not fit " + std::to_string(points_) + " points");
        y_ = y;
        if (pending_roll_) {  // several rolls between frames: one copy if they are adjacent
            auto& [before_first, before_count] = *pending_roll_;
            if ((before_first + before_count) % points_ == first && before_count + count <= points_)
                before_count += count;
            else
                pending_ = whole();
        } else if (!pending_) {
            pending_roll_ = {first, count};
        }
        first_column_ = (first + count) % points_;
        vertices_stale_ = true;
    }

    void sync(transfer& transfer, const draw_context& context) override {
        // With x and a ring offset, x does not increase in drawing order; M4 needs it to.
        const bool may_decimate = decimable_ && !(x_ && first_column_ != 0);
        bins_ = may_decimate ? line_decimation::bins_for(layout(), context.view, context.plot_width) : 0;
        if (bins_ > 0)
            sync_decimated(transfer, context);
        else
            sync_points(transfer);
    }

    void draw(const draw_context& context) override {
        if (bins_ > 0) {
            use_program(vertices_program_, context);
            bind_data(vertices_gl_, 0);
            glUniform1i(uniform(vertices_program_, "u_xy"), 0);
            glUniform1i(uniform(vertices_program_, "u_vertices"), static_cast<GLint>(4 * bins_));
            glDrawArraysInstanced(GL_LINE_STRIP, 0, static_cast<GLsizei>(4 * bins_), static_cast<GLsizei>(lines_));
            return;
        }
        use_program(points_program_, context);
        bind_data(y_gl_, 0);
        glUniform1i(uniform(points_program_, "u_y"), 0);
        if (x_) {
            bind_data(x_gl_, 1);
            glUniform1i(uniform(points_program_, "u_x"), 1);
        }
        glUniform1i(uniform(points_program_, "u_has_x"), x_ ? 1 : 0);
        glUniform1i(uniform(points_program_, "u_points"), static_cast<GLint>(points_));
        glUniform1i(uniform(points_program_, "u_first"), static_cast<GLint>(first_column_));
        glUniform1i(uniform(points_program_, "u_grid_cols"), static_cast<GLint>(options_.grid_cols));
        glDrawArraysInstanced(GL_LINE_STRIP, 0, static_cast<GLsizei>(points_), static_cast<GLsizei>(lines_));
    }

    view_box bounds() const override { return bounds_; }
    bool decimated() const { return bins_ > 0; }

private:
    byte_region whole() const { return {0, y_.size() * sizeof(float), 1, 0}; }

    line_layout layout() const { return {lines_, points_, first_column_, options_.grid_cols, x_.has_value(), x_first_, x_last_}; }

    // Every point: copies what changed since the last such frame into the GL buffers.
    void sync_points(transfer& transfer) {
        if (!y_gl_.buffer.get()) {
            y_gl_ = make_gl_data(transfer, y_, GL_R32F);
            if (x_) {
                x_gl_ = make_gl_data(transfer, *x_, GL_R32F);
                transfer.copy(*x_, x_gl_, {0, x_->size() * sizeof(float), 1, 0});
            }
            points_program_ = make_program("line.vert", "color.frag");
            pending_ = whole();
        }
        if (pending_) {
            transfer.copy(y_, y_gl_, *pending_);
        } else if (pending_roll_) {
            // The changed columns of every line; a range that wraps past column M is two copies.
            const auto [first, count] = *pending_roll_;
            const std::size_t head = std::min(count, points_ - first), pitch = points_ * sizeof(float);
            transfer.copy(y_, y_gl_, {first * sizeof(float), head * sizeof(float), lines_, pitch});
            if (count > head) transfer.copy(y_, y_gl_, {0, (count - head) * sizeof(float), lines_, pitch});
        }
        pending_.reset();
        pending_roll_.reset();
    }

    // The decimated vertices, recomputed only when the data, the view or the plot width changed.
    void sync_decimated(transfer& transfer, const draw_context& context) {
        if (pending_roll_) {  // the every-point buffers fall behind: refresh them whole if used again
            pending_ = whole();
            pending_roll_.reset();
        }
        const bool same = !vertices_stale_ && context.view == decimated_view_ && context.plot_width == decimated_width_ &&
                          bins_ == decimated_bins_;
        if (same) return;
        const auto& vertices =
            decimation_.run(y_, x_ ? &*x_ : nullptr, layout(), context.view, context.plot_width, bins_);
        const data_ref source = data_ref::of(vertices);
        if (bins_ != decimated_bins_) vertices_gl_ = make_gl_data(transfer, source, GL_RG32F);
        if (!vertices_program_.get()) vertices_program_ = make_program("line_vertices.vert", "color.frag");
        transfer.copy(source, vertices_gl_, {0, vertices.size() * sizeof(float), 1, 0});
        vertices_stale_ = false;
        decimated_view_ = context.view;
        decimated_width_ = context.plot_width;
        decimated_bins_ = bins_;
    }

    void use_program(const gl_program& program, const draw_context& context) const {
        glUseProgram(program.get());
        set_view(uniform(program, "u_view"), context.view);
        const auto& c = options_.color;
        glUniform4f(uniform(program, "u_color"), c.r, c.g, c.b, c.a);
    }

    data_ref y_;
    std::optional<data_ref> x_;
    float x_first_ = 0, x_last_ = 0;
    line_options options_;
    std::size_t lines_ = 1, points_ = 0, first_column_ = 0;
    view_box bounds_;
    bool decimable_ = false;

    // Every point: y (and x) as they are on the device.
    gl_data y_gl_, x_gl_;
    gl_program points_program_;
    std::optional<byte_region> pending_;
    std::optional<std::pair<std::size_t, std::size_t>> pending_roll_;  // first column, count

    // Decimated: bins_ > 0 when this frame draws lines x bins_ x 4 vertices.
    std::size_t bins_ = 0;
    line_decimation decimation_;
    gl_data vertices_gl_;
    gl_program vertices_program_;
    bool vertices_stale_ = true;
    view_box decimated_view_;
    int decimated_width_ = 0;
    std::size_t decimated_bins_ = 0;
};

}  // namespace

std::unique_ptr<visual::impl> make_line(const data_ref* x, const data_ref& y, const line_options& options) {
    return std::make_unique<line_impl>(x, y, options);
}

}  // namespace clarity::viz::detail

namespace clarity::viz {
void line_plot::update_data(const data_ref& y) { static_cast<detail::line_impl&>(get_impl()).update(y); }
void line_plot::roll_data(const data_ref& y, std::size_t first, std::size_t count) {
    static_cast<detail::line_impl&>(get_impl()).roll(y, first, count);
}
bool line_plot::decimated() const { return static_cast<const detail::line_impl&>(get_impl()).decimated(); }
}  // namespace clarity::viz
