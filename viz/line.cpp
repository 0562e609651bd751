// Lines: 1-d y (one line) or 2-d {N, M} (N lines in one instanced draw), optional shared x.
#include <optional>
#include <stdexcept>

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
        if (x) {
            require_drawable(*x, "line x", {1});
            if (x->shape[0] != points_)
                throw std::invalid_argument("viz: line x has " + std::to_string(x->shape[0]) + " points, y " +
                                            std::to_string(points_));
            x_ = *x;
        }
        bounds_ = initial_bounds();
    }

    void update(const data_ref& y) {
        require_same_shape(y_, y, "line");
        y_ = y;
        pending_ = whole();
        pending_roll_.reset();
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
    }

    void sync(transfer& transfer) override {
        if (!y_gl_.buffer.get()) {
            y_gl_ = make_gl_data(y_, GL_R32F);
            if (x_) {
                x_gl_ = make_gl_data(*x_, GL_R32F);
                transfer.copy(*x_, x_gl_.buffer.get(), {0, x_->size() * sizeof(float), 1, 0});
            }
            program_ = make_program("line.vert", "color.frag");
            pending_ = whole();
        }
        if (pending_) {
            transfer.copy(y_, y_gl_.buffer.get(), *pending_);
        } else if (pending_roll_) {
            // The changed columns of every line; a range that wraps past column M is two copies.
            const auto [first, count] = *pending_roll_;
            const std::size_t head = std::min(count, points_ - first), pitch = points_ * sizeof(float);
            transfer.copy(y_, y_gl_.buffer.get(), {first * sizeof(float), head * sizeof(float), lines_, pitch});
            if (count > head) transfer.copy(y_, y_gl_.buffer.get(), {0, (count - head) * sizeof(float), lines_, pitch});
        }
        pending_.reset();
        pending_roll_.reset();
    }

    void draw(const draw_context& context) override {
        glUseProgram(program_.get());
        bind_data(y_gl_, 0);
        glUniform1i(uniform(program_, "u_y"), 0);
        if (x_) {
            bind_data(x_gl_, 1);
            glUniform1i(uniform(program_, "u_x"), 1);
        }
        glUniform1i(uniform(program_, "u_has_x"), x_ ? 1 : 0);
        glUniform1i(uniform(program_, "u_points"), static_cast<GLint>(points_));
        glUniform1i(uniform(program_, "u_first"), static_cast<GLint>(first_column_));
        glUniform1i(uniform(program_, "u_grid_cols"), static_cast<GLint>(options_.grid_cols));
        set_view(uniform(program_, "u_view"), context.view);
        const auto& c = options_.color;
        glUniform4f(uniform(program_, "u_color"), c.r, c.g, c.b, c.a);
        glDrawArraysInstanced(GL_LINE_STRIP, 0, static_cast<GLsizei>(points_), static_cast<GLsizei>(lines_));
    }

    view_box bounds() const override { return bounds_; }

private:
    byte_region whole() const { return {0, y_.size() * sizeof(float), 1, 0}; }

    view_box initial_bounds() const {
        if (options_.grid_cols > 0) {
            const auto rows = (lines_ + options_.grid_cols - 1) / options_.grid_cols;
            return {0, static_cast<double>(options_.grid_cols), 0, static_cast<double>(rows)};
        }
        float x0 = 0, x1 = static_cast<float>(points_ - 1), y0 = 0, y1 = 0;
        if (x_) value_range(*x_, x0, x1);
        value_range(y_, y0, y1);
        return padded(x0, x1, y0, y1);  // extremes off the frame
    }

    data_ref y_;
    std::optional<data_ref> x_;
    line_options options_;
    std::size_t lines_ = 1, points_ = 0, first_column_ = 0;
    view_box bounds_;
    gl_data y_gl_, x_gl_;
    gl_program program_;
    std::optional<byte_region> pending_;
    std::optional<std::pair<std::size_t, std::size_t>> pending_roll_;  // first column, count
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
}  // namespace clarity::viz
