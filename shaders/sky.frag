#version 330 core
in vec2 v_ndc;

uniform mat4 u_inv_view_proj;
uniform vec3 u_zenith;
uniform vec3 u_horizon;
uniform vec3 u_sun;

out vec4 o_color;

void main()
{
    vec4 a = u_inv_view_proj * vec4(v_ndc, -1.0, 1.0);
    vec4 b = u_inv_view_proj * vec4(v_ndc, 1.0, 1.0);
    vec3 dir = normalize(b.xyz / b.w - a.xyz / a.w);
    float up = clamp(dir.z, 0.0, 1.0);
    vec3 color = mix(u_horizon, u_zenith, pow(up, 0.55));
    // a soft glow around the sun
    float s = max(dot(dir, u_sun), 0.0);
    color += vec3(1.0, 0.93, 0.8) * 0.18 * pow(s, 24.0);
    o_color = vec4(color, 1.0);
}
