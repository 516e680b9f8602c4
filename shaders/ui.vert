#version 330 core
// 2D overlay: positions in pixels, y down. A negative u marks a solid colour.
layout(location = 0) in vec2 a_pos;
layout(location = 1) in vec2 a_uv;
layout(location = 2) in vec4 a_color;

uniform vec2 u_screen;
uniform vec2 u_offset; // the target's top-left in the overlay's pixels (a tile of a big image)

out vec2 v_uv;
out vec4 v_color;
flat out float v_solid;

void main()
{
    v_uv = a_uv;
    v_color = a_color;
    v_solid = a_uv.x < 0.0 ? 1.0 : 0.0;
    vec2 p = a_pos - u_offset;
    gl_Position = vec4(p.x / u_screen.x * 2.0 - 1.0, 1.0 - p.y / u_screen.y * 2.0, 0.0, 1.0);
}
