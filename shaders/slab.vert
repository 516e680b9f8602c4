#version 330 core
// The stacking plan: one building's floors as coloured slabs.
layout(location = 0) in vec3 a_pos;
layout(location = 1) in vec3 a_normal;
layout(location = 2) in uint a_highlight;
layout(location = 3) in vec4 a_color;

uniform mat4 u_view_proj;

out vec3 v_pos;
out vec3 v_normal;
flat out uint v_highlight;
flat out vec4 v_color;

void main()
{
    v_pos = a_pos;
    v_normal = a_normal;
    v_highlight = a_highlight;
    v_color = a_color;
    gl_Position = u_view_proj * vec4(a_pos, 1.0);
}
