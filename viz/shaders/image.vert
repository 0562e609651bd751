#version 330 core
// A quad over [0, W] x [0, H] in data coordinates, from gl_VertexID (triangle strip of 4).
uniform vec2 u_size;  // W, H
uniform vec4 u_view;
out vec2 v_cell;      // data coordinates: element (r, c) covers [c, c+1] x [r, r+1]

void main() {
    vec2 corner = vec2(gl_VertexID & 1, gl_VertexID >> 1);
    v_cell = corner * u_size;
    gl_Position = vec4((v_cell - u_view.xy) / (u_view.zw - u_view.xy) * 2.0 - 1.0, 0.0, 1.0);
}
