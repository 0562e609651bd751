#include "render_target.hpp"

#include <stdexcept>

namespace clarity::viz::detail {

void render_target::ensure_size(int width, int height) {
    if (width == width_ && height == height_ && framebuffer_.get()) return;
    width_ = width;
    height_ = height;
    color_ = make_texture();
    glBindTexture(GL_TEXTURE_2D, color_.get());
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, width, height, 0, GL_RGBA, GL_UNSIGNED_BYTE, nullptr);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
    GLuint id = 0;
    glGenFramebuffers(1, &id);
    framebuffer_ = gl_framebuffer(id);
    glBindFramebuffer(GL_FRAMEBUFFER, id);
    glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, color_.get(), 0);
    if (glCheckFramebufferStatus(GL_FRAMEBUFFER) != GL_FRAMEBUFFER_COMPLETE)
        throw std::runtime_error("viz: the offscreen framebuffer is incomplete");
}

void render_target::bind() const {
    glBindFramebuffer(GL_FRAMEBUFFER, framebuffer_.get());
    glViewport(0, 0, width_, height_);
}

void render_target::present(int window_width, int window_height) const {
    glBindFramebuffer(GL_READ_FRAMEBUFFER, framebuffer_.get());
    glBindFramebuffer(GL_DRAW_FRAMEBUFFER, 0);
    glBlitFramebuffer(0, 0, width_, height_, 0, 0, window_width, window_height, GL_COLOR_BUFFER_BIT, GL_NEAREST);
}

picture render_target::read() const {
    picture image{width_, height_, std::vector<std::uint8_t>(static_cast<std::size_t>(width_) * height_ * 4)};
    std::vector<std::uint8_t> bottom_up(image.rgba.size());
    glBindFramebuffer(GL_READ_FRAMEBUFFER, framebuffer_.get());
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadPixels(0, 0, width_, height_, GL_RGBA, GL_UNSIGNED_BYTE, bottom_up.data());
    const std::size_t row = static_cast<std::size_t>(width_) * 4;
    for (int y = 0; y < height_; ++y)
        std::copy_n(bottom_up.begin() + (height_ - 1 - y) * row, row, image.rgba.begin() + y * row);
    return image;
}

}  // namespace clarity::viz::detail
