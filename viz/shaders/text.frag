#version 330 core
uniform sampler2D u_font;  // coverage in the red channel
uniform vec4 u_color;
in vec2 v_texcoord;
out vec4 color;

void main() {
    float coverage = texture(u_font, v_texcoord).r;
    if (coverage < 0.5) discard;
    color = u_color;
}
