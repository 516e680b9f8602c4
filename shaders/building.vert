#version 330 core
// Buildings: each chunk's tiles in one multi-draw per level. What a vertex hands on is
// kept small: software GL sets up every output of every triangle on one core, so the
// finder's glow is passed only by the GLOW variant, used while something glows. The
// faces are flat and the light comes from afar, so a face's light is worked out here
// once, not for each of its pixels.
layout(location = 0) in vec3 a_pos;
layout(location = 1) in vec3 a_normal;    // snorm8, normalised by GL
layout(location = 2) in uint a_surface;   // 0 wall, 1 roof, 2 bottom, 3 window, 4 door
layout(location = 3) in uint a_building;

uniform mat4 u_view_proj;
uniform vec3 u_sun;            // towards the sun
uniform sampler2D u_buildings; // 3 texels per building (see render.h), 2048 a row

vec4 style(int texel)
{
    return texelFetch(u_buildings, ivec2(texel % 2048, texel / 2048), 0);
}

out vec3 v_pos;
flat out vec4 v_style;   // rgb the colour; a the state flags + 32 * the surface
// the face: xy the storey height and the ground storey's (m); its light: z the sky's
// share of the sky and ground's (the rest the ground's), w the sun's
flat out vec4 v_face;
#ifdef GLOW
flat out vec4 v_glow;
#endif

void main()
{
    int b = int(a_building);
    vec4 color = style(3 * b);
    vec4 info = style(3 * b + 1);
    vec3 base = color.rgb;
    if (a_surface == 1u)
        base *= vec3(0.86, 0.88, 0.93); // roofs: cooler and a little darker than walls
    else if (a_surface == 3u)
        base = mix(base, vec3(0.42, 0.55, 0.66), 0.75); // windows of a 3D model: glass
    else if (a_surface == 4u)
        base = mix(base, vec3(0.50, 0.38, 0.28), 0.75); // doors
    v_style = vec4(base, info.z + 32.0 * float(a_surface));
    // sun (Lambert, softened) plus a sky/ground hemisphere
    float len = length(a_normal);
    vec3 n = len > 0.0 ? a_normal / len : vec3(0.0, 0.0, 1.0);
    v_face = vec4(info.xy, 0.5 + 0.5 * n.z, 0.55 * max(dot(n, u_sun), 0.0));
#ifdef GLOW
    v_glow = style(3 * b + 2);
#endif
    v_pos = a_pos;
    gl_Position = u_view_proj * vec4(a_pos, 1.0);
    // a building shown as its stacking plan is hidden: move it out of the clip volume
    if ((int(info.z + 0.5) & 16) != 0)
        gl_Position = vec4(2.0, 2.0, 2.0, 1.0);
}
