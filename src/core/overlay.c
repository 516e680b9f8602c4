#include "louyu/overlay.h"
#include "louyu/arena.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void ly_overlay_clear(ly_overlay *o)
{
    o->n = 0;
    o->failed = false;
    if (o->cap * sizeof *o->v > (1u << 20)) {
        free(o->v);
        o->v = NULL;
        o->cap = 0;
    }
}

void ly_overlay_deinit(ly_overlay *o)
{
    if (!o)
        return;
    free(o->v);
    memset(o, 0, sizeof *o);
}

static void put(ly_overlay_vertex *v, const float p[2], float z, ly_color c)
{
    v->pos[0] = p[0];
    v->pos[1] = p[1];
    v->pos[2] = z;
    v->rgba[0] = c.r;
    v->rgba[1] = c.g;
    v->rgba[2] = c.b;
    v->rgba[3] = c.a;
}

void ly_overlay_triangle(ly_overlay *o, const float a[2], const float b[2], const float c[2],
                         float z, ly_color col)
{
    if (o->failed || ly_array_reserve((void **)&o->v, &o->cap, o->n + 3, sizeof *o->v)) {
        o->failed = true;
        return;
    }
    put(&o->v[o->n++], a, z, col);
    put(&o->v[o->n++], b, z, col);
    put(&o->v[o->n++], c, z, col);
}

void ly_overlay_disc(ly_overlay *o, float x, float y, float r, float z, ly_color col)
{
    enum { SIDES = 16 };
    float c[2] = {x, y};
    for (int i = 0; i < SIDES; i++) {
        float a0 = 6.2831853f * (float)i / SIDES, a1 = 6.2831853f * (float)(i + 1) / SIDES;
        float p0[2] = {x + r * cosf(a0), y + r * sinf(a0)};
        float p1[2] = {x + r * cosf(a1), y + r * sinf(a1)};
        ly_overlay_triangle(o, c, p0, p1, z, col);
    }
}

/* Round joins and ends are discs at the points: shapes of one colour overlap
 * there, which an opaque colour hides; a translucent one shows the overlap as
 * a slightly darker dot, which reads as a joint. */
void ly_overlay_line(ly_overlay *o, const double *xy, size_t n, float width, float z,
                     ly_color col)
{
    float h = width / 2;
    for (size_t i = 0; i + 1 < n; i++) {
        float ax = (float)xy[2 * i], ay = (float)xy[2 * i + 1];
        float bx = (float)xy[2 * i + 2], by = (float)xy[2 * i + 3];
        float dx = bx - ax, dy = by - ay, len = sqrtf(dx * dx + dy * dy);
        if (len < 1e-4f)
            continue;
        float nx = -dy / len * h, ny = dx / len * h;
        float p0[2] = {ax + nx, ay + ny}, p1[2] = {bx + nx, by + ny};
        float p2[2] = {bx - nx, by - ny}, p3[2] = {ax - nx, ay - ny};
        ly_overlay_triangle(o, p0, p1, p2, z, col);
        ly_overlay_triangle(o, p0, p2, p3, z, col);
    }
    for (size_t i = 0; i < n; i++)
        ly_overlay_disc(o, (float)xy[2 * i], (float)xy[2 * i + 1], h, z, col);
}

void ly_overlay_segments(ly_overlay *o, const float (*p)[2], size_t n, float width, float z,
                         ly_color col)
{
    float h = width / 2;
    for (size_t i = 0; i + 1 < n; i += 2) {
        float dx = p[i + 1][0] - p[i][0], dy = p[i + 1][1] - p[i][1];
        float len = sqrtf(dx * dx + dy * dy);
        if (len < 1e-4f)
            continue;
        float ux = dx / len * h, uy = dy / len * h; /* along, and (-uy, ux) across */
        float ax = p[i][0] - ux, ay = p[i][1] - uy, bx = p[i + 1][0] + ux, by = p[i + 1][1] + uy;
        float q0[2] = {ax - uy, ay + ux}, q1[2] = {bx - uy, by + ux};
        float q2[2] = {bx + uy, by - ux}, q3[2] = {ax + uy, ay - ux};
        ly_overlay_triangle(o, q0, q1, q2, z, col);
        ly_overlay_triangle(o, q0, q2, q3, z, col);
    }
}
