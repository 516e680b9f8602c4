/* louyu overlay: flat shapes laid on the ground of the 3D scene, made on the CPU.
 *
 * Walking areas, a walking route, a camera's view cone: each is a few coloured
 * triangles in scene metres (ly_mesh's coordinates, z up), which the renderer
 * draws over the ground and behind the buildings that stand in front of them
 * (ly_renderer_set_overlay). The list owns its array: ly_overlay_clear empties
 * it and keeps the memory up to 1 MB (more is given back: one large overlay does not
 * hold memory for the rest of the run), ly_overlay_deinit frees it. No GL. */
#ifndef LOUYU_OVERLAY_H
#define LOUYU_OVERLAY_H
#include "louyu/draw.h" /* ly_color */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct {
    float pos[3];
    uint8_t rgba[4];
} ly_overlay_vertex; /* 16 bytes */

typedef struct {
    ly_overlay_vertex *v; /* three per triangle */
    size_t n, cap;
    bool failed; /* an allocation failed: some shapes are missing */
} ly_overlay;

void ly_overlay_clear(ly_overlay *o);
void ly_overlay_deinit(ly_overlay *o);
void ly_overlay_triangle(ly_overlay *o, const float a[2], const float b[2], const float c[2],
                         float z, ly_color col);
/* A disc of radius r at x, y. */
void ly_overlay_disc(ly_overlay *o, float x, float y, float r, float z, ly_color col);
/* A polyline (n x, y pairs) `width` metres wide, with round joins and ends. */
void ly_overlay_line(ly_overlay *o, const double *xy, size_t n, float width, float z,
                     ly_color col);
/* Separate segments (n points, two a segment) `width` metres wide, each two triangles
 * with square ends half the width long: where segments meet, the ends overlap and fill
 * the corner. A thin outline of thousands of segments this way is two triangles each,
 * not the 34 of round joins. */
void ly_overlay_segments(ly_overlay *o, const float (*p)[2], size_t n, float width, float z,
                         ly_color col);
#endif
