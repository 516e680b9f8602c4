#version 330 core
in vec3 v_pos;
in vec3 v_normal;
flat in uint v_highlight;
flat in vec4 v_color;

uniform vec3 u_sun;
uniform vec3 u_sky_color;
uniform vec3 u_ground_color;
uniform int u_focus; // a floor is highlighted: it keeps its colour, lit; the others wash out

out vec4 o_color;

void main()
{
    vec3 n = normalize(v_normal);
    float sun = max(dot(n, u_sun), 0.0);
    vec3 hemi = mix(u_ground_color, u_sky_color, 0.5 + 0.5 * n.z);
    vec3 base = v_color.rgb;
    if (v_highlight != 0u)
        base = mix(base, vec3(1.0), 0.12); // the floor being looked at
    else if (u_focus != 0) {
        float grey = dot(base, vec3(0.299, 0.587, 0.114));
        base = mix(mix(base, vec3(grey), 0.55), vec3(0.93, 0.93, 0.94), 0.45);
    }
    vec3 color = base * (0.72 * hemi + 0.5 * sun);
    if (v_highlight != 0u)
        color = max(color, base * 0.98); // lit from within: no dark side
    o_color = vec4(color, 1.0);
}
