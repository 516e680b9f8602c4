#version 330 core
// The flat layers (ground.vert says which with BANDS and which without).
in vec3 v_fog;
flat in vec3 v_color;
#ifdef BANDS
in vec2 v_uv;
flat in uint v_layer;

// ly_ground_layer's numbers (render.c asserts them)
const uint L_COAST = 4u;
#endif

uniform vec3 u_fog_color;

out vec4 o_color;

void main()
{
    float alpha = 1.0;
#ifdef BANDS
    if (v_layer == L_COAST) {
        // fade the coast band from the water's edge onto the land
        alpha = 1.0 - smoothstep(0.0, 6.0, abs(v_uv.y));
    } else {
        // the boundary line, dashed: 24 m on, 12 m off (transparent gaps, not
        // discard: keeps early depth tests)
        alpha = step(fract(v_uv.x / 36.0), 0.66);
    }
#endif
    float fog = 1.0 - exp(-dot(v_fog, v_fog));
    o_color = vec4(mix(v_color, u_fog_color, clamp(fog, 0.0, 1.0)), alpha);
}
