// Image: a 2-d {H, W} array through a colormap; element (r, c) covers [c, c+1] x [r, r+1].
#include "colormap.hpp"
#include "visual_impl.hpp"

namespace clarity::viz::detail {
namespace {

class image_impl : public visual::impl {
public:
    image_impl(const data_ref& values, const image_options& options)
        : values_(values), colormap_(make_colormap(options.colormap)) {
        require_drawable(values, "image", {2});
        set_clim(options.clim);
    }

    void update(const data_ref& values) {
        require_same_shape(values_, values, "image");
        values_ = values;
        dirty_ = true;
    }

    void set_clim(limits clim) {
        if (clim.lo == clim.hi) value_range(values_, clim.lo, clim.hi);
        clim_ = clim;
    }

    void sync(transfer& transfer, const draw_context&) override {
        if (!program_.get()) {
            program_ = make_program("image.vert", "image.frag");
            values_gl_ = make_gl_data(transfer, values_, GL_R32F);
            colormap_texture_ = make_texture();
            glBindTexture(GL_TEXTURE_2D, colormap_texture_.get());
            glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, 256, 1, 0, GL_RGBA, GL_UNSIGNED_BYTE, colormap_.data());
            glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
            glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
            glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
        }
        if (dirty_) transfer.copy(values_, values_gl_, {0, values_.size() * sizeof(float), 1, 0});
        dirty_ = false;
    }

    void draw(const draw_context& context) override {
        glUseProgram(program_.get());
        bind_data(values_gl_, 0);
        glUniform1i(uniform(program_, "u_values"), 0);
        glActiveTexture(GL_TEXTURE1);
        glBindTexture(GL_TEXTURE_2D, colormap_texture_.get());
        glUniform1i(uniform(program_, "u_colormap"), 1);
        const auto h = static_cast<GLint>(values_.shape[0]), w = static_cast<GLint>(values_.shape[1]);
        glUniform2i(uniform(program_, "u_shape"), w, h);
        glUniform2f(uniform(program_, "u_size"), static_cast<float>(w), static_cast<float>(h));
        glUniform2f(uniform(program_, "u_clim"), clim_.lo, clim_.hi);
        set_view(uniform(program_, "u_view"), context.view);
        glDrawArrays(GL_TRIANGLE_STRIP, 0, 4);
    }

    view_box bounds() const override {
        return {0, static_cast<double>(values_.shape[1]), 0, static_cast<double>(values_.shape[0])};
    }

private:
    data_ref values_;
    colormap_table colormap_;
    limits clim_;
    gl_data values_gl_;
    gl_texture colormap_texture_;
    gl_program program_;
    bool dirty_ = true;
};

}  // namespace

std::unique_ptr<visual::impl> make_image(const data_ref& values, const image_options& options) {
    return std::make_unique<image_impl>(values, options);
}

}  // namespace clarity::viz::detail

namespace clarity::viz {
void image_plot::update_data(const data_ref& values) { static_cast<detail::image_impl&>(get_impl()).update(values); }
void image_plot::set_clim(limits clim) { static_cast<detail::image_impl&>(get_impl()).set_clim(clim); }
}  // namespace clarity::viz
