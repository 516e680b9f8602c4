#version 330 core
in vec3 v_pos;
in vec4 v_color;

uniform vec3 u_eye;
uniform vec3 u_fog_color;
uniform float u_fog_distance;

out vec4 o_color;

void main()
{
    // the ground's fog, so that a shape far away fades as the ground under it does
    float fd = length(u_eye - v_pos) / u_fog_distance;
    float fog = clamp(1.0 - exp(-fd * fd), 0.0, 1.0);
    o_color = vec4(mix(v_color.rgb, u_fog_color, fog), v_color.a);
}
