#version 330 core
// Buildings: every chunk of the extruded district in one draw call each.
layout(location = 0) in vec3 a_pos;
layout(location = 1) in vec3 a_normal;    // snorm8, normalised by GL
layout(location = 2) in uint a_surface;   // 0 wall, 1 roof, 2 bottom
layout(location = 3) in uint a_building;
layout(location = 4) in uvec2 a_floor_part;

uniform mat4 u_view_proj;
uniform samplerBuffer u_buildings; // 3 texels per building (see render.h)

out vec3 v_pos;
out vec3 v_normal;
flat out uint v_surface;
flat out vec4 v_color;
flat out vec4 v_info;
flat out vec4 v_glow;
flat out uint v_floor;

void main()
{
    int b = int(a_building);
    v_color = texelFetch(u_buildings, 3 * b);
    v_info = texelFetch(u_buildings, 3 * b + 1);
    v_glow = texelFetch(u_buildings, 3 * b + 2);
    v_pos = a_pos;
    v_normal = a_normal;
    v_surface = a_surface;
    v_floor = a_floor_part.x;
    gl_Position = u_view_proj * vec4(a_pos, 1.0);
    // a building shown as its stacking plan is hidden: move it out of the clip volume
    if ((int(v_info.z + 0.5) & 16) != 0)
        gl_Position = vec4(2.0, 2.0, 2.0, 1.0);
}
