#version 330 core
uniform samplerBuffer u_values;  // H * W values, row after row
uniform sampler2D u_colormap;    // 256 x 1
uniform ivec2 u_shape;           // W, H
uniform vec2 u_clim;
in vec2 v_cell;
out vec4 color;

void main() {
    ivec2 cell = clamp(ivec2(floor(v_cell)), ivec2(0), u_shape - 1);
    float value = texelFetch(u_values, cell.y * u_shape.x + cell.x).r;
    float t = clamp((value - u_clim.x) / (u_clim.y - u_clim.x), 0.0, 1.0);
    color = texture(u_colormap, vec2(t * (255.0 / 256.0) + 0.5 / 256.0, 0.5));
}
