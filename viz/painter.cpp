#include "painter.hpp"

#include <cmath>

#include "font.hpp"

namespace clarity::viz::detail {
namespace {
// Both layouts: location 0 = pixel position, location 1 = texture coordinate.
gl_vertex_array pixel_layout(const gl_buffer& buffer) {
    auto layout = make_vertex_array();
    glBindVertexArray(layout.get());
    glBindBuffer(GL_ARRAY_BUFFER, buffer.get());
    glEnableVertexAttribArray(0);
    glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, 4 * sizeof(float), nullptr);
    glEnableVertexAttribArray(1);
    glVertexAttribPointer(1, 2, GL_FLOAT, GL_FALSE, 4 * sizeof(float), reinterpret_cast<void*>(2 * sizeof(float)));
    glBindVertexArray(0);
    return layout;
}

void upload_and_draw(const gl_program& program, const gl_vertex_array& layout, const gl_buffer& buffer,
                     const std::vector<float>& vertices, GLenum mode, int target_width, int target_height,
                     const rgba& color) {
    if (vertices.empty()) return;
    glUseProgram(program.get());
    glUniform2f(uniform(program, "u_target"), static_cast<float>(target_width), static_cast<float>(target_height));
    glUniform4f(uniform(program, "u_color"), color.r, color.g, color.b, color.a);
    glBindBuffer(GL_ARRAY_BUFFER, buffer.get());
    glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(vertices.size() * sizeof(float)), vertices.data(),
                 GL_STREAM_DRAW);
    glBindVertexArray(layout.get());
    glDrawArrays(mode, 0, static_cast<GLsizei>(vertices.size() / 4));
    glBindVertexArray(0);
}
}  // namespace

painter::painter()
    : lines_program_(make_program("pixels.vert", "color.frag")),
      text_program_(make_program("pixels.vert", "text.frag")),
      lines_buffer_(make_buffer(0, GL_STREAM_DRAW)),
      text_buffer_(make_buffer(0, GL_STREAM_DRAW)),
      font_(make_texture()) {
    lines_layout_ = pixel_layout(lines_buffer_);
    text_layout_ = pixel_layout(text_buffer_);
    const font_atlas atlas = make_font_atlas();
    glBindTexture(GL_TEXTURE_2D, font_.get());
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_R8, atlas.width, atlas.height, 0, GL_RED, GL_UNSIGNED_BYTE, atlas.pixels.data());
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
}

void painter::line(float x0, float y0, float x1, float y1) {
    // Pixel centres, so one-pixel lines land on exactly one row or column.
    line_vertices_.insert(line_vertices_.end(), {x0 + 0.5f, y0 + 0.5f, 0, 0, x1 + 0.5f, y1 + 0.5f, 0, 0});
}

float painter::text_width(std::string_view s, float scale) { return s.size() * cell_width * scale; }

void painter::text(std::string_view s, float x, float y, align how, float scale) {
    float left = x;
    if (how == align::center) left -= text_width(s, scale) / 2;
    if (how == align::right) left -= text_width(s, scale);
    left = std::round(left);
    const float bottom = std::round(y - cell_height * scale / 2), top = bottom + cell_height * scale;
    const float du = 1.0f / glyph_count;
    for (char c : s) {
        const float u0 = glyph_index(c) * du, u1 = u0 + du;
        const float right = left + cell_width * scale;
        // Two triangles; the atlas has its first row at v = 0, which is the glyph's top.
        text_vertices_.insert(text_vertices_.end(), {left, bottom, u0, 1, right, bottom, u1, 1, right, top, u1, 0,
                                                     left, bottom, u0, 1, right, top, u1, 0, left, top, u0, 0});
        left = right;
    }
}

void painter::flush(int target_width, int target_height, const rgba& color) {
    upload_and_draw(lines_program_, lines_layout_, lines_buffer_, line_vertices_, GL_LINES, target_width,
                    target_height, color);
    glActiveTexture(GL_TEXTURE0);
    glBindTexture(GL_TEXTURE_2D, font_.get());
    glUseProgram(text_program_.get());
    glUniform1i(uniform(text_program_, "u_font"), 0);
    upload_and_draw(text_program_, text_layout_, text_buffer_, text_vertices_, GL_TRIANGLES, target_width,
                    target_height, color);
    line_vertices_.clear();
    text_vertices_.clear();
}

}  // namespace clarity::viz::detail
