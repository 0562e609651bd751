#version 330 core
// Decorations (frames, ticks, text) placed in framebuffer pixels.
layout(location = 0) in vec2 a_pixel;
layout(location = 1) in vec2 a_texcoord;
uniform vec2 u_target;  // framebuffer size in pixels
out vec2 v_texcoord;

void main() {
    v_texcoord = a_texcoord;
    gl_Position = vec4(a_pixel / u_target * 2.0 - 1.0, 0.0, 1.0);
}
