// Frames, tick marks and text in framebuffer pixels, collected over a frame and drawn in two
// calls (lines, then glyph quads).
#pragma once

#include <string_view>
#include <vector>

#include <clarity/viz.hpp>

#include "gl_objects.hpp"

namespace clarity::viz::detail {

enum class align { left, center, right };

class painter {
public:
    painter();  // needs a current context

    void line(float x0, float y0, float x1, float y1);
    // Text of `scale`-times-enlarged glyphs; (x, y) is the anchor at the text's vertical middle.
    void text(std::string_view s, float x, float y, align how, float scale);
    static float text_width(std::string_view s, float scale);
    // Draws and forgets what was collected, in `color`, on a target of the given size.
    void flush(int target_width, int target_height, const rgba& color);

private:
    gl_program lines_program_, text_program_;
    gl_vertex_array lines_layout_, text_layout_;
    gl_buffer lines_buffer_, text_buffer_;
    gl_texture font_;
    std::vector<float> line_vertices_;  // x, y, u, v per vertex (u, v unused for lines)
    std::vector<float> text_vertices_;
};

}  // namespace clarity::viz::detail
