#include "louyu/draw.h"
#include "louyu/arena.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void ly_draw_init(ly_drawlist *dl, ly_font *font)
{
    memset(dl, 0, sizeof *dl);
    dl->font = font;
}

void ly_draw_deinit(ly_drawlist *dl)
{
    if (!dl)
        return;
    free(dl->vertices);
    free(dl->indices);
    free(dl->cmds);
    memset(dl, 0, sizeof *dl);
}

void ly_draw_clear(ly_drawlist *dl)
{
    dl->n_vertices = 0;
    dl->n_indices = 0;
    dl->n_cmds = 0;
    dl->clip = (ly_draw_clip){0};
    dl->image = 0;
    dl->failed = false;
}

static bool same_clip(ly_draw_clip a, ly_draw_clip b)
{
    return a.x == b.x && a.y == b.y && a.w == b.w && a.h == b.h;
}

void ly_draw_set_clip(ly_drawlist *dl, ly_draw_clip clip)
{
    dl->clip = clip;
}

/* Room for nv vertices and ni indices in the current command. Returns the
 * first new vertex index, or UINT32_MAX on failure. */
static uint32_t reserve(ly_drawlist *dl, uint32_t nv, size_t ni)
{
    if (dl->failed)
        return UINT32_MAX;
    size_t cap = dl->cap_vertices;
    if ((size_t)dl->n_vertices + nv > UINT32_MAX ||
        ly_array_reserve((void **)&dl->vertices, &cap, (size_t)dl->n_vertices + nv,
                         sizeof *dl->vertices) ||
        ly_array_reserve((void **)&dl->indices, &dl->cap_indices, dl->n_indices + ni,
                         sizeof *dl->indices)) {
        dl->failed = true;
        return UINT32_MAX;
    }
    dl->cap_vertices = (uint32_t)(cap > UINT32_MAX ? UINT32_MAX : cap);
    ly_draw_cmd *last = dl->n_cmds ? &dl->cmds[dl->n_cmds - 1] : NULL;
    if (!last || !same_clip(last->clip, dl->clip) || last->image != dl->image) {
        if (ly_array_reserve((void **)&dl->cmds, &dl->cap_cmds, dl->n_cmds + 1, sizeof *dl->cmds)) {
            dl->failed = true;
            return UINT32_MAX;
        }
        dl->cmds[dl->n_cmds++] =
            (ly_draw_cmd){.first = dl->n_indices, .clip = dl->clip, .image = dl->image};
        last = &dl->cmds[dl->n_cmds - 1];
    }
    last->count += ni;
    return dl->n_vertices;
}

static void vtx(ly_drawlist *dl, float x, float y, float u, float v, ly_color c)
{
    ly_draw_vertex *p = &dl->vertices[dl->n_vertices++];
    p->x = x;
    p->y = y;
    p->u = u;
    p->v = v;
    p->rgba[0] = c.r;
    p->rgba[1] = c.g;
    p->rgba[2] = c.b;
    p->rgba[3] = c.a;
}

static void idx3(ly_drawlist *dl, uint32_t a, uint32_t b, uint32_t c)
{
    dl->indices[dl->n_indices++] = a;
    dl->indices[dl->n_indices++] = b;
    dl->indices[dl->n_indices++] = c;
}

void ly_draw_rect(ly_drawlist *dl, float x, float y, float w, float h, ly_color c)
{
    if (w <= 0 || h <= 0 || !c.a)
        return;
    uint32_t b = reserve(dl, 4, 6);
    if (b == UINT32_MAX)
        return;
    vtx(dl, x, y, -1, 0, c);
    vtx(dl, x + w, y, -1, 0, c);
    vtx(dl, x + w, y + h, -1, 0, c);
    vtx(dl, x, y + h, -1, 0, c);
    idx3(dl, b, b + 1, b + 2);
    idx3(dl, b, b + 2, b + 3);
}

void ly_draw_set_image(ly_drawlist *dl, int slot)
{
    dl->image = slot >= 0 && slot < LY_DRAW_IMAGES ? slot : 0;
}

void ly_draw_image(ly_drawlist *dl, int slot, float x, float y, float w, float h, float u0,
                   float v0, float u1, float v1, ly_color tint)
{
    if (w <= 0 || h <= 0 || !tint.a || slot <= 0 || slot >= LY_DRAW_IMAGES)
        return;
    int was = dl->image;
    dl->image = slot;
    uint32_t b = reserve(dl, 4, 6);
    if (b != UINT32_MAX) {
        /* u0 may be 0 but never negative: a negative u means a solid colour */
        vtx(dl, x, y, fmaxf(u0, 0), v0, tint);
        vtx(dl, x + w, y, fmaxf(u1, 0), v0, tint);
        vtx(dl, x + w, y + h, fmaxf(u1, 0), v1, tint);
        vtx(dl, x, y + h, fmaxf(u0, 0), v1, tint);
        idx3(dl, b, b + 1, b + 2);
        idx3(dl, b, b + 2, b + 3);
    }
    dl->image = was;
}

void ly_draw_triangle(ly_drawlist *dl, float x0, float y0, float x1, float y1, float x2, float y2,
                      ly_color c)
{
    uint32_t b = reserve(dl, 3, 3);
    if (b == UINT32_MAX)
        return;
    vtx(dl, x0, y0, -1, 0, c);
    vtx(dl, x1, y1, -1, 0, c);
    vtx(dl, x2, y2, -1, 0, c);
    idx3(dl, b, b + 1, b + 2);
}

/* Corner segments for a radius in pixels: smooth without waste. */
static int corner_segments(float r)
{
    int n = (int)ceilf(r * 0.6f);
    return n < 2 ? 2 : n > 16 ? 16 : n;
}

/* The outline of a rounded rectangle, clockwise from the top-left corner's
 * left end; returns the number of points written (4 * (segs + 1)). */
static int round_rect_points(float x, float y, float w, float h, float r, int segs, float *pts)
{
    float cx[4] = {x + r, x + w - r, x + w - r, x + r};
    float cy[4] = {y + r, y + r, y + h - r, y + h - r};
    int n = 0;
    for (int k = 0; k < 4; k++) {
        float a0 = (float)M_PI * (1.0f + 0.5f * (float)k);
        for (int s = 0; s <= segs; s++) {
            float a = a0 + 0.5f * (float)M_PI * (float)s / (float)segs;
            pts[2 * n] = cx[k] + r * cosf(a);
            pts[2 * n + 1] = cy[k] + r * sinf(a);
            n++;
        }
    }
    return n;
}

void ly_draw_round_rect(ly_drawlist *dl, float x, float y, float w, float h, float radius,
                        ly_color c)
{
    if (w <= 0 || h <= 0 || !c.a)
        return;
    float r = fminf(radius, 0.5f * fminf(w, h));
    if (r < 0.5f) {
        ly_draw_rect(dl, x, y, w, h, c);
        return;
    }
    int segs = corner_segments(r);
    float pts[2 * 4 * 17];
    int n = round_rect_points(x, y, w, h, r, segs, pts);
    uint32_t b = reserve(dl, (uint32_t)n + 1, 3 * (size_t)n);
    if (b == UINT32_MAX)
        return;
    vtx(dl, x + 0.5f * w, y + 0.5f * h, -1, 0, c);
    for (int i = 0; i < n; i++)
        vtx(dl, pts[2 * i], pts[2 * i + 1], -1, 0, c);
    for (int i = 0; i < n; i++)
        idx3(dl, b, b + 1 + (uint32_t)i, b + 1 + (uint32_t)((i + 1) % n));
}

void ly_draw_shadow(ly_drawlist *dl, float x, float y, float w, float h, float radius, float blur,
                    float hollow, ly_color c)
{
    /* a solid core and a ring that fades to transparent over `blur` pixels; with a
     * hollow, the core is itself a ring `hollow` pixels wide, in from its edge */
    if (blur <= 0) {
        ly_draw_round_rect(dl, x, y, w, h, radius, c);
        return;
    }
    float r = fminf(radius, 0.5f * fminf(w, h));
    bool ring = hollow > 0 && w > 2 * hollow && h > 2 * hollow;
    int segs = corner_segments(r + blur);
    float in[2 * 4 * 17], out[2 * 4 * 17], hole[2 * 4 * 17];
    int n = round_rect_points(x, y, w, h, fmaxf(r, 0.01f), segs, in);
    round_rect_points(x - blur, y - blur, w + 2 * blur, h + 2 * blur, fmaxf(r, 0.01f) + blur, segs,
                      out);
    /* the inner edge at `hollow` from the core's: the rounded rectangle inset by it (its
     * corners' radius less by as much; square once nothing is left of them) */
    if (ring)
        round_rect_points(x + hollow, y + hollow, w - 2 * hollow, h - 2 * hollow,
                          fmaxf(r - hollow, 0.01f), segs, hole);
    uint32_t nv = (ring ? 3 : 2) * (uint32_t)n + (ring ? 0 : 1);
    uint32_t b = reserve(dl, nv, 3 * (size_t)n * (ring ? 4 : 3));
    if (b == UINT32_MAX)
        return;
    ly_color clear = ly_color_alpha(c, 0);
    /* the centre (no hollow) or the inner edge's points come first */
    uint32_t a = b + (ring ? (uint32_t)n : 1);
    if (ring)
        for (int i = 0; i < n; i++)
            vtx(dl, hole[2 * i], hole[2 * i + 1], -1, 0, c);
    else
        vtx(dl, x + 0.5f * w, y + 0.5f * h, -1, 0, c);
    for (int i = 0; i < n; i++)
        vtx(dl, in[2 * i], in[2 * i + 1], -1, 0, c);
    for (int i = 0; i < n; i++)
        vtx(dl, out[2 * i], out[2 * i + 1], -1, 0, clear);
    for (int i = 0; i < n; i++) {
        uint32_t j = (uint32_t)((i + 1) % n);
        uint32_t a0 = a + (uint32_t)i, a1 = a + j;
        uint32_t o0 = a0 + (uint32_t)n, o1 = a1 + (uint32_t)n;
        if (ring) {
            idx3(dl, b + (uint32_t)i, a0, a1);
            idx3(dl, b + (uint32_t)i, a1, b + j);
        } else {
            idx3(dl, b, a0, a1);
        }
        idx3(dl, a0, o0, o1);
        idx3(dl, a0, o1, a1);
    }
}

void ly_draw_line(ly_drawlist *dl, float x0, float y0, float x1, float y1, float width,
                  ly_color c)
{
    float dx = x1 - x0, dy = y1 - y0, len = sqrtf(dx * dx + dy * dy);
    if (len < 1e-6f || width <= 0)
        return;
    float nx = -dy / len * 0.5f * width, ny = dx / len * 0.5f * width;
    uint32_t b = reserve(dl, 4, 6);
    if (b == UINT32_MAX)
        return;
    vtx(dl, x0 + nx, y0 + ny, -1, 0, c);
    vtx(dl, x1 + nx, y1 + ny, -1, 0, c);
    vtx(dl, x1 - nx, y1 - ny, -1, 0, c);
    vtx(dl, x0 - nx, y0 - ny, -1, 0, c);
    idx3(dl, b, b + 1, b + 2);
    idx3(dl, b, b + 2, b + 3);
}

static int circle_segments(float r)
{
    int n = (int)ceilf(r * 1.2f);
    return n < 12 ? 12 : n > 96 ? 96 : n;
}

void ly_draw_circle(ly_drawlist *dl, float cx, float cy, float r, ly_color c)
{
    if (r <= 0)
        return;
    int n = circle_segments(r);
    uint32_t b = reserve(dl, (uint32_t)n + 1, 3 * (size_t)n);
    if (b == UINT32_MAX)
        return;
    vtx(dl, cx, cy, -1, 0, c);
    for (int i = 0; i < n; i++) {
        float a = 2 * (float)M_PI * (float)i / (float)n;
        vtx(dl, cx + r * cosf(a), cy + r * sinf(a), -1, 0, c);
    }
    for (int i = 0; i < n; i++)
        idx3(dl, b, b + 1 + (uint32_t)i, b + 1 + (uint32_t)((i + 1) % n));
}

void ly_draw_ring(ly_drawlist *dl, float cx, float cy, float r, float width, ly_color c)
{
    if (r <= 0 || width <= 0)
        return;
    int n = circle_segments(r);
    uint32_t b = reserve(dl, 2 * (uint32_t)n, 6 * (size_t)n);
    if (b == UINT32_MAX)
        return;
    float ri = fmaxf(0, r - width);
    for (int i = 0; i < n; i++) {
        float a = 2 * (float)M_PI * (float)i / (float)n, ca = cosf(a), sa = sinf(a);
        vtx(dl, cx + r * ca, cy + r * sa, -1, 0, c);
        vtx(dl, cx + ri * ca, cy + ri * sa, -1, 0, c);
    }
    for (int i = 0; i < n; i++) {
        uint32_t o0 = b + 2 * (uint32_t)i, i0 = o0 + 1;
        uint32_t o1 = b + 2 * (uint32_t)((i + 1) % n), i1 = o1 + 1;
        idx3(dl, o0, o1, i1);
        idx3(dl, o0, i1, i0);
    }
}

float ly_draw_text(ly_drawlist *dl, float x, float y, float px, ly_color c, const char *utf8)
{
    if (!dl->font || !utf8 || !*utf8)
        return 0;
    ly_glyph_quad quads[256];
    float advance = 0;
    size_t n = ly_font_layout(dl->font, utf8, px, x, y, quads, 256, &advance);
    if (n > 256)
        n = 256; /* a label longer than 256 glyphs is cut */
    if (!c.a)
        return advance;
    uint32_t b = reserve(dl, 4 * (uint32_t)n, 6 * n);
    if (b == UINT32_MAX)
        return advance;
    for (size_t i = 0; i < n; i++) {
        const ly_glyph_quad *q = &quads[i];
        uint32_t v = b + 4 * (uint32_t)i;
        vtx(dl, q->x0, q->y0, q->u0, q->v0, c);
        vtx(dl, q->x1, q->y0, q->u1, q->v0, c);
        vtx(dl, q->x1, q->y1, q->u1, q->v1, c);
        vtx(dl, q->x0, q->y1, q->u0, q->v1, c);
        idx3(dl, v, v + 1, v + 2);
        idx3(dl, v, v + 2, v + 3);
    }
    return advance;
}
