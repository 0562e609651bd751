#version 330 core
// Lines given as ready positions: instance l draws vertices [l * u_vertices, (l + 1) * u_vertices)
// of an (x, y) buffer texture in data coordinates (the decimated lines of line_decimation.cl).
uniform samplerBuffer u_xy;
uniform int u_vertices;
uniform vec4 u_view;            // x0, y0, x1, y1 of the visible data box

void main() {
    vec2 p = texelFetch(u_xy, gl_InstanceID * u_vertices + gl_VertexID).rg;
    gl_Position = vec4((p - u_view.xy) / (u_view.zw - u_view.xy) * 2.0 - 1.0, 0.0, 1.0);
}
