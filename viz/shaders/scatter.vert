#version 330 core
uniform samplerBuffer u_x;
uniform samplerBuffer u_y;
uniform samplerBuffer u_colors;  // RGBA per point, used when u_has_colors
uniform bool u_has_colors;
uniform vec4 u_color;
uniform float u_size;            // marker diameter in framebuffer pixels
uniform vec4 u_view;
out vec4 v_color;

void main() {
    vec2 p = vec2(texelFetch(u_x, gl_VertexID).r, texelFetch(u_y, gl_VertexID).r);
    v_color = u_has_colors ? texelFetch(u_colors, gl_VertexID) : u_color;
    gl_PointSize = u_size;
    gl_Position = vec4((p - u_view.xy) / (u_view.zw - u_view.xy) * 2.0 - 1.0, 0.0, 1.0);
}
