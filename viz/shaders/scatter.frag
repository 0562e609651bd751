#version 330 core
in vec4 v_color;
out vec4 color;

void main() {
    if (length(gl_PointCoord - vec2(0.5)) > 0.5) discard;  // round markers
    color = v_color;
}
