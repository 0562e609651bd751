// Scatter: round markers at (x[i], y[i]), one colour or an {N, 4} RGBA array.
#include <optional>
#include <stdexcept>

#include "view_math.hpp"
#include "visual_impl.hpp"

namespace clarity::viz::detail {
namespace {

class scatter_impl : public visual::impl {
public:
    scatter_impl(const data_ref& x, const data_ref& y, const scatter_options& options) : options_(options) {
        set_points(x, y);
        float x0, x1, y0, y1;
        value_range(x, x0, x1);
        value_range(y, y0, y1);
        bounds_ = padded(x0, x1, y0, y1);  // markers off the frame
    }

    void set_points(const data_ref& x, const data_ref& y) {
        require_drawable(x, "scatter x", {1});
        require_drawable(y, "scatter y", {1});
        if (x.shape != y.shape)
            throw std::invalid_argument("viz: scatter x and y differ in shape: " + clarity::to_string(x.shape) + " and " +
                                        clarity::to_string(y.shape));
        if (x_ && x.shape != x_->shape) require_same_shape(*x_, x, "scatter");
        x_ = x;
        y_ = y;
        points_dirty_ = true;
    }

    void set_colors(const data_ref& colors) {
        require_drawable(colors, "scatter colors", {2});
        if (colors.shape != shape_t{x_->shape[0], 4})
            throw std::invalid_argument("viz: scatter colors must have shape " + clarity::to_string(shape_t{x_->shape[0], 4}) +
                                        ", not " + clarity::to_string(colors.shape));
        colors_ = colors;
        colors_dirty_ = true;
    }

    void sync(transfer& transfer, const draw_context&) override {
        if (!program_.get()) {
            program_ = make_program("scatter.vert", "scatter.frag");
            x_gl_ = make_gl_data(transfer, *x_, GL_R32F);
            y_gl_ = make_gl_data(transfer, *y_, GL_R32F);
        }
        const std::size_t bytes = x_->size() * sizeof(float);
        if (points_dirty_) {
            transfer.copy(*x_, x_gl_, {0, bytes, 1, 0});
            transfer.copy(*y_, y_gl_, {0, bytes, 1, 0});
        }
        if (colors_dirty_) {
            if (!colors_gl_.buffer.get()) colors_gl_ = make_gl_data(transfer, *colors_, GL_RGBA32F);
            transfer.copy(*colors_, colors_gl_, {0, 4 * bytes, 1, 0});
        }
        points_dirty_ = colors_dirty_ = false;
    }

    void draw(const draw_context& context) override {
        glUseProgram(program_.get());
        bind_data(x_gl_, 0);
        bind_data(y_gl_, 1);
        glUniform1i(uniform(program_, "u_x"), 0);
        glUniform1i(uniform(program_, "u_y"), 1);
        if (colors_) {
            bind_data(colors_gl_, 2);
            glUniform1i(uniform(program_, "u_colors"), 2);
        }
        glUniform1i(uniform(program_, "u_has_colors"), colors_ ? 1 : 0);
        const auto& c = options_.color;
        glUniform4f(uniform(program_, "u_color"), c.r, c.g, c.b, c.a);
        glUniform1f(uniform(program_, "u_size"), static_cast<float>(options_.size * context.pixel_ratio));
        set_view(uniform(program_, "u_view"), context.view);
        glEnable(GL_PROGRAM_POINT_SIZE);
        glDrawArrays(GL_POINTS, 0, static_cast<GLsizei>(x_->size()));
    }

    view_box bounds() const override { return bounds_; }

private:
    std::optional<data_ref> x_, y_, colors_;
    scatter_options options_;
    view_box bounds_;
    gl_data x_gl_, y_gl_, colors_gl_;
    gl_program program_;
    bool points_dirty_ = false, colors_dirty_ = false;
};

}  // namespace

std::unique_ptr<visual::impl> make_scatter(const data_ref& x, const data_ref& y, const scatter_options& options) {
    return std::make_unique<scatter_impl>(x, y, options);
}

}  // namespace clarity::viz::detail

namespace clarity::viz {
void scatter_plot::update_data(const data_ref& x, const data_ref& y) {
    static_cast<detail::scatter_impl&>(get_impl()).set_points(x, y);
}
void scatter_plot::set_colors_data(const data_ref& colors) {
    static_cast<detail::scatter_impl&>(get_impl()).set_colors(colors);
}
}  // namespace clarity::viz
