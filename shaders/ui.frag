#version 330 core
in vec2 v_uv;
in vec4 v_color;

uniform sampler2D u_atlas; // single channel glyph coverage, or an RGBA picture (u_rgba)
uniform bool u_rgba;

out vec4 o_color;

void main()
{
    if (v_uv.x < 0.0) {
        o_color = v_color;
    } else if (u_rgba) {
        o_color = texture(u_atlas, v_uv) * v_color;
    } else {
        o_color = vec4(v_color.rgb, v_color.a * texture(u_atlas, v_uv).r);
    }
}
