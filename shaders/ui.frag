#version 330 core
// 2D overlay. No branches: software GL runs every branch for every pixel, and the
// overlay's panels cover much of the screen. A solid colour (v_solid 1) takes the
// texture's value 1 through max(); a glyph or picture (v_solid 0) takes it as it is.
in vec2 v_uv;
in vec4 v_color;
flat in float v_solid;

uniform sampler2D u_atlas; // single channel glyph coverage; with RGBA, a picture

out vec4 o_color;

void main()
{
    vec4 t = texture(u_atlas, v_uv);
#ifdef RGBA
    o_color = max(t, vec4(v_solid)) * v_color;
#else
    o_color = vec4(v_color.rgb, v_color.a * max(t.r, v_solid));
#endif
}
