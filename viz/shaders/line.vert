#version 330 core
// One instance per line, one vertex per point; all values come from buffer textures so that
// N lines of M points in one buffer need one draw call and no vertex attributes.
uniform samplerBuffer u_y;      // N * M values, line after line
uniform samplerBuffer u_x;      // M values, used when u_has_x
uniform bool u_has_x;
uniform int u_points;           // M
uniform int u_first;            // ring buffer: the column drawn first (the oldest)
uniform int u_grid_cols;        // > 0: line k fills unit cell (k / cols, k % cols)
uniform vec4 u_view;            // x0, y0, x1, y1 of the visible data box

void main() {
    int k = gl_VertexID;
    int column = (k + u_first) % u_points;
    float y = texelFetch(u_y, gl_InstanceID * u_points + column).r;
    float x = u_has_x ? texelFetch(u_x, column).r : float(k);
    if (u_grid_cols > 0) {
        x = float(gl_InstanceID % u_grid_cols) + 0.02 + 0.96 * float(k) / float(max(u_points - 1, 1));
        y = float(gl_InstanceID / u_grid_cols) + 0.5 + 0.45 * y;
    }
    gl_Position = vec4((vec2(x, y) - u_view.xy) / (u_view.zw - u_view.xy) * 2.0 - 1.0, 0.0, 1.0);
}
