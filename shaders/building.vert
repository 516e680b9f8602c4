#version 330 core
// Buildings: each chunk's tiles in one multi-draw per level. What a vertex hands on is
// kept small: software GL sets up every output of every triangle on one core, so the
// normal is left to the fragments (the faces are flat) and the finder's glow is
// passed only by the GLOW variant, used while something glows.
layout(location = 0) in vec3 a_pos;
layout(location = 2) in uint a_surface;   // 0 wall, 1 roof, 2 bottom, 3 window, 4 door
layout(location = 3) in uint a_building;

uniform mat4 u_view_proj;
uniform sampler2D u_buildings; // 3 texels per building (see render.h), 2048 a row

vec4 style(int texel)
{
    return texelFetch(u_buildings, ivec2(texel % 2048, texel / 2048), 0);
}

out vec3 v_pos;
flat out vec4 v_style;   // rgb the colour; a the state flags + 32 * the surface
flat out vec2 v_storeys; // the storey height and the ground storey's (m)
#ifdef GLOW
flat out vec4 v_glow;
#endif

void main()
{
    int b = int(a_building);
    vec4 color = style(3 * b);
    vec4 info = style(3 * b + 1);
    v_style = vec4(color.rgb, info.z + 32.0 * float(a_surface));
    v_storeys = info.xy;
#ifdef GLOW
    v_glow = style(3 * b + 2);
#endif
    v_pos = a_pos;
    gl_Position = u_view_proj * vec4(a_pos, 1.0);
    // a building shown as its stacking plan is hidden: move it out of the clip volume
    if ((int(info.z + 0.5) & 16) != 0)
        gl_Position = vec4(2.0, 2.0, 2.0, 1.0);
}
