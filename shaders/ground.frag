#version 330 core
// The flat layers: land, water with its coast, parks, roads, the boundary.
in vec3 v_pos;
in vec2 v_uv;
flat in uint v_layer;

uniform vec3 u_eye;
uniform vec3 u_layer_colors[10];
uniform vec3 u_fog_color;
uniform float u_fog_distance;

out vec4 o_color;

// ly_ground_layer's numbers (render.c asserts them)
const uint L_COAST = 4u, L_BOUNDARY_LINE = 9u;

void main()
{
    vec3 color = u_layer_colors[min(v_layer, 9u)];
    float alpha = 1.0;
    if (v_layer == L_COAST) {
        // fade the coast band from the water's edge onto the land
        alpha = 1.0 - smoothstep(0.0, 6.0, abs(v_uv.y));
    } else if (v_layer == L_BOUNDARY_LINE) {
        // dashed: 24 m on, 12 m off (transparent gaps, not discard: keeps early depth tests)
        alpha = step(fract(v_uv.x / 36.0), 0.66);
    }
    float fd = length(u_eye - v_pos) / u_fog_distance;
    float fog = 1.0 - exp(-fd * fd);
    color = mix(color, u_fog_color, clamp(fog, 0.0, 1.0));
    o_color = vec4(color, alpha);
}
