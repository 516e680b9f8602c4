#version 330 core
layout(location = 0) in vec3 a_pos;
layout(location = 1) in vec2 a_uv;
layout(location = 2) in uint a_layer;

uniform mat4 u_view_proj;

out vec3 v_pos;
out vec2 v_uv;
flat out uint v_layer;

void main()
{
    v_pos = a_pos;
    v_uv = a_uv;
    v_layer = a_layer;
    gl_Position = u_view_proj * vec4(a_pos, 1.0);
}
