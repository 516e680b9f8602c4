#version 330 core
// The flat layers. Without BANDS: the opaque ones (land, water, parks, roads), each
// one colour; with BANDS: the blended coast band and boundary dashes.
layout(location = 0) in vec3 a_pos;
layout(location = 1) in vec2 a_uv;
layout(location = 2) in uint a_layer;

uniform mat4 u_view_proj;
uniform vec3 u_eye;
uniform vec3 u_layer_colors[10];
uniform float u_fog_distance;

// From the eye, in fog distances: linear over a triangle, so the fragment shader's
// dot(v_fog, v_fog) is the squared distance exactly, with no square root or divide
// per pixel (software GL shades every pixel of the ground).
out vec3 v_fog;
flat out vec3 v_color;
#ifdef BANDS
out vec2 v_uv;
flat out uint v_layer;
#endif

void main()
{
    v_fog = (a_pos - u_eye) / u_fog_distance;
    v_color = u_layer_colors[min(a_layer, 9u)];
#ifdef BANDS
    v_uv = a_uv;
    v_layer = a_layer;
#endif
    gl_Position = u_view_proj * vec4(a_pos, 1.0);
}
