#version 330 core
// Sun plus hemispheric light, floor lines on façades, distinct roofs, states
// (selected, hovered, dimmed, under construction), distance fog.
in vec3 v_pos;
flat in vec4 v_style;   // rgb the colour; a the state flags + 32 * the surface (LY_SURF_*)
// xy the storey height and the ground storey's; the face's light (building.vert): z the
// sky's share of the sky and ground's, w the sun's
flat in vec4 v_face;
#ifdef GLOW
// the tenant finder's matches: xy the heights (m) from the lowest matching floor's base to the
// highest's top; zw which floors of that band match, bit k = the band's floor k (24 in each,
// whole numbers in floats; the last bit stands for floor 47 and above)
flat in vec4 v_glow;
#endif

uniform vec3 u_eye;
uniform vec3 u_sky_color;
uniform vec3 u_ground_color;
uniform vec3 u_fog_color;
uniform float u_fog_distance;
uniform vec3 u_accent;      // selection
uniform int u_pass;         // 0 opaque, 1 translucent (under construction): drawn apart
#ifdef DITHER
// a chunk fading between two levels of detail: 1 keeps the pixels whose noise is under
// u_dither_cut, 2 the others, so the two levels share the pixels without overlap (a
// variant of its own: a shader that may discard writes depth only after it has run)
uniform int u_dither;
uniform float u_dither_cut;
#endif

out vec4 o_color;

const int F_SELECTED = 1, F_HOVERED = 2, F_DIMMED = 4, F_BUILDING_SITE = 8;

// The storey (0 = the ground storey) at height z, from the storey heights.
int storey(float z, vec2 info)
{
    if (info.x <= 0.0)
        return 0;
    float g = max(info.y, 0.1);
    return z < g ? 0 : 1 + int(floor((z - g) / info.x));
}

void main()
{
#ifdef DITHER
    {
        // interleaved gradient noise (Jimenez 2014): even, and stable per pixel
        float noise = fract(52.9829189 * fract(dot(gl_FragCoord.xy, vec2(0.06711056, 0.00583715))));
        if ((noise < u_dither_cut) != (u_dither == 1))
            discard;
    }
#endif
    int state = int(v_style.a + 0.5);
    int flags = state & 31;
    uint surface = uint(state >> 5);
#ifdef SITES
    bool site = (flags & F_BUILDING_SITE) != 0;
#endif
    vec3 base = v_style.rgb; // tinted by its surface (building.vert)
    float alpha = 1.0;

    // Façade floor lines: thin, anti-aliased, fading with distance.
    if (surface == 0u && v_face.x > 0.0) {
        float g = max(v_face.y, 0.1);
        float f = v_pos.z < g ? v_pos.z / g : 1.0 + (v_pos.z - g) / v_face.x;
        float w = fwidth(f);
        float line = 1.0 - smoothstep(0.0, 0.9 * w, abs(fract(f + 0.5) - 0.5));
        // lines closer than ~5 px apart fade out instead of turning into stripes
        float fade = clamp(1.0 - w * 5.0, 0.0, 1.0);
        base *= 1.0 - 0.10 * line * fade;
        // faint glazing bands between the lines
        float band = smoothstep(0.2, 0.3, fract(f)) * (1.0 - smoothstep(0.8, 0.9, fract(f)));
        base = mix(base, base * vec3(0.93, 0.96, 1.02), 0.6 * band * fade);
    }

#ifdef SITES
    // (only in the sites' pass: software GL would run this for every pixel)
    if (site) {
        // A building site: pale translucent volume with a scaffold grid.
        // the face's normal, from its flat face's derivatives
        vec3 n = normalize(cross(dFdx(v_pos), dFdy(v_pos)));
        vec2 t = vec2(-n.y, n.x);
        float u = surface == 0u ? dot(v_pos.xy, t) : v_pos.x + v_pos.y;
        vec2 q = vec2(u / 3.0, v_pos.z / 2.0);
        vec2 fw = max(fwidth(q), vec2(1e-4));
        vec2 d = abs(fract(q + 0.5) - 0.5) / fw;
        float grid = 1.0 - clamp(min(d.x, d.y) - 0.5, 0.0, 1.0);
        // far away the grid is finer than a pixel: show its average instead of aliasing
        float detail = 1.0 - smoothstep(0.12, 0.4, max(fw.x, fw.y));
        float cover = mix(0.28, grid, detail);
        base = mix(vec3(0.95, 0.92, 0.86), vec3(0.88, 0.56, 0.22), cover);
        alpha = mix(0.42, 0.95, cover);
    }
#endif

    // floors the tenant finder matched glow warm across the district
    bool glow = false;
#ifdef GLOW
    if (v_glow.y > v_glow.x && v_pos.z >= v_glow.x - 0.05 && v_pos.z <= v_glow.y + 0.05) {
        // the floor within the band, counted as the floor lines are drawn
        int k = clamp(storey(v_pos.z, v_face.xy) - storey(v_glow.x + 0.05, v_face.xy), 0, 47);
        uint bits = k < 24 ? uint(v_glow.z) >> uint(k) : uint(v_glow.w) >> uint(k - 24);
        glow = (bits & 1u) != 0u;
    }
#endif
    if (glow)
        base = mix(base, vec3(1.0, 0.78, 0.25), 0.75);
    if ((flags & F_SELECTED) != 0)
        base = mix(base, u_accent, 0.55);
    else if ((flags & F_HOVERED) != 0)
        base = mix(base, vec3(1.0, 0.97, 0.88), 0.45);

    // light: the face's (building.vert), darker near the ground as if the street
    // occluded the sky
    float ao = surface == 0u ? mix(0.72, 1.0, smoothstep(0.0, 12.0, v_pos.z)) : 1.0;
    vec3 hemi = mix(u_ground_color, u_sky_color, v_face.z);
    vec3 color = base * (0.70 * hemi * ao + v_face.w * vec3(1.0, 0.97, 0.92));

    if (glow)
        color = max(color, base * 0.95); // lit from within: no dark side
    if ((flags & F_DIMMED) != 0 && !glow) {
        // others step back: less contrast, towards the haze
        float grey = dot(color, vec3(0.299, 0.587, 0.114));
        color = mix(vec3(grey), u_fog_color, 0.5);
        alpha *= u_pass == 1 ? 0.6 : 1.0;
    }
    // the squared distance in fog distances: no square root per pixel
    vec3 fd = (v_pos - u_eye) / u_fog_distance;
    float fog = 1.0 - exp(-dot(fd, fd));
    color = mix(color, u_fog_color, clamp(fog, 0.0, 1.0));
    o_color = vec4(color, alpha);
}
