#include "louyu/labels.h"
#include "louyu/ui.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    float x0, y0, x1, y1;
} box;

/* qsort has no context argument: priorities are precomputed into keys. */
typedef struct {
    float key;
    uint32_t building;
} ranked;

enum { MAX_RESERVED = 32 };

struct ly_label_scratch {
    ranked *cand;
    float (*anchor)[3];
    box *placed; /* room for every building and MAX_RESERVED panels */
    /* the buildings with a name (in either language or an alias), tallest first, with
     * their anchors: worked out once per mesh, not every frame */
    ranked *named;
    size_t n_named;
    const ly_mesh *named_mesh; /* the mesh they were worked out for (NULL: not yet) */
};

int ly_labels_init(ly_labels *l, size_t n)
{
    memset(l, 0, sizeof *l);
    size_t m = n ? n : 1;
    l->alpha = calloc(m, sizeof *l->alpha);
    l->order = calloc(m, sizeof *l->order);
    l->boxes = calloc(m, sizeof *l->boxes);
    l->scratch = calloc(1, sizeof *l->scratch);
    if (l->scratch) {
        l->scratch->cand = malloc(m * sizeof *l->scratch->cand);
        l->scratch->named = malloc(m * sizeof *l->scratch->named);
        l->scratch->anchor = malloc(m * sizeof *l->scratch->anchor);
        l->scratch->placed = malloc((m + MAX_RESERVED) * sizeof *l->scratch->placed);
    }
    if (!l->alpha || !l->order || !l->boxes || !l->scratch || !l->scratch->cand ||
        !l->scratch->anchor || !l->scratch->placed || !l->scratch->named) {
        ly_labels_deinit(l);
        return -1;
    }
    l->n = n;
    return 0;
}

void ly_labels_deinit(ly_labels *l)
{
    if (!l)
        return;
    free(l->alpha);
    free(l->order);
    free(l->boxes);
    if (l->scratch) {
        free(l->scratch->cand);
        free(l->scratch->named);
        free(l->scratch->anchor);
        free(l->scratch->placed);
        free(l->scratch);
    }
    memset(l, 0, sizeof *l);
}

static bool overlaps(const box *a, const box *b)
{
    return a->x0 < b->x1 && b->x0 < a->x1 && a->y0 < b->y1 && b->y0 < a->y1;
}

static int by_key(const void *a, const void *b)
{
    const ranked *x = a, *y = b;
    return x->key < y->key ? 1 : x->key > y->key ? -1 : (x->building > y->building) - (x->building < y->building);
}

static float smoothstep(float a, float b, float x)
{
    float t = (x - a) / (b - a);
    t = t < 0 ? 0 : t > 1 ? 1 : t;
    return t * t * (3 - 2 * t);
}

static void anchor_of(const ly_mesh_building *mb, float a[3])
{
    a[0] = 0.5f * (mb->min[0] + mb->max[0]);
    a[1] = 0.5f * (mb->min[1] + mb->max[1]);
    a[2] = mb->max[2] + 2.0f;
}

/* The named buildings, tallest first, and their anchors: once per mesh. */
static void find_named(ly_label_scratch *sc, const ly_district *d, const ly_mesh *mesh)
{
    sc->n_named = 0;
    for (size_t i = 0; i < d->n_buildings; i++) {
        if (!ly_building_name(&d->buildings[i], LY_LANG_ZH))
            continue; /* a name in either language or an alias: the same in both */
        anchor_of(&mesh->buildings[i], sc->anchor[i]);
        sc->named[sc->n_named++] = (ranked){mesh->buildings[i].max[2], (uint32_t)i};
    }
    qsort(sc->named, sc->n_named, sizeof *sc->named, by_key);
    sc->named_mesh = mesh;
}

/* Every building with something to say, ranked: the selection, the hovered one,
 * then the tallest. Returns how many. */
static size_t candidates(ly_labels *l, const ly_district *d, const ly_mesh *mesh,
                         const ly_label_options *o)
{
    ly_label_scratch *sc = l->scratch;
    if (sc->named_mesh != mesh)
        find_named(sc, d, mesh);
    size_t nc = 0;
    long first[2] = {o->selected, o->hovered};
    for (int k = 0; k < 2; k++) {
        long b = first[k];
        if (b < 0 || (size_t)b >= d->n_buildings || (k && b == o->selected) ||
            (k && !ly_building_name(&d->buildings[b], o->lang)))
            continue;
        anchor_of(&mesh->buildings[b], sc->anchor[b]);
        sc->cand[nc++] = (ranked){0, (uint32_t)b};
    }
    for (size_t i = 0; i < sc->n_named; i++) {
        long b = (long)sc->named[i].building;
        if (b != o->selected && b != o->hovered)
            sc->cand[nc++] = sc->named[i];
    }
    return nc;
}

/* One label's text and where it goes. */
typedef struct {
    char title[160], top_cut[256], bottom_cut[256]; /* (a long name ends in "…") */
    const char *name, *other; /* whole: the name in the UI's language; the other (or NULL) */
    const char *top, *bottom; /* as drawn, cut to the pill's room */
    float sx, sy;             /* the anchor on screen */
    box bx;                   /* the pill */
    bool visible;             /* the anchor is in front of the eye */
} label;

enum { FOCUS_ROWS = 48 };

/* The selected building on screen: the box around it, cut into rows each as wide as the
 * building is there (a tower over a podium is narrower than its box at the top). */
typedef struct {
    box all;
    box row[FOCUS_ROWS];
    int n; /* rows; 0: nothing to see */
} focus;

/* What every label of one update shares. */
typedef struct {
    const ly_bvh *bvh;
    const ly_camera_matrices *m;
    const ly_label_options *o;
    ly_font *font;
    float s;        /* the UI scale */
    box *placed;    /* the panels and the labels placed so far */
    size_t np;
    focus focus;    /* the selected building on screen: other labels keep off it */
} frame_ctx;

static void to_clip(const ly_camera_matrices *m, const float a[3], float clip[4])
{
    const float *vp = m->view_proj;
    for (int r = 0; r < 4; r++)
        clip[r] = vp[r] * a[0] + vp[4 + r] * a[1] + vp[8 + r] * a[2] + vp[12 + r];
}

/* The names cut to `most` pixels (a long one ends in "…"), and the pill above the anchor. */
static void size_pill(label *lb, ly_font *font, float s, float most)
{
    float px1 = 15 * s, px2 = 11 * s, pad = 6 * s, stem = 10 * s;
    lb->top = ly_ui_fit(font, lb->name, px1, most, lb->top_cut, sizeof lb->top_cut);
    lb->bottom = lb->other ? ly_ui_fit(font, lb->other, px2, most, lb->bottom_cut,
                                       sizeof lb->bottom_cut)
                           : NULL;
    float w1 = ly_font_measure(font, lb->top, px1);
    float w2 = lb->bottom ? ly_font_measure(font, lb->bottom, px2) : 0;
    float w = fmaxf(w1, w2) + 2 * pad, h = px1 * 1.25f + (lb->bottom ? px2 * 1.3f : 0) + pad;
    lb->bx = (box){lb->sx - 0.5f * w, lb->sy - stem - h, lb->sx + 0.5f * w, lb->sy - stem};
}

/* The name in the UI's language on top, the other under it; a selected building
 * without a name says what it is. The pill above the anchor. */
static void lay_out(label *lb, const ly_building *b, const float a[3], const frame_ctx *fc)
{
    const ly_label_options *o = fc->o;
    lb->name = ly_building_title(b, o->lang, lb->title, sizeof lb->title);
    lb->other = o->one_name ? NULL : ly_building_other_name(b, o->lang);
    float clip[4];
    to_clip(fc->m, a, clip);
    lb->visible = clip[3] > 0.1f;
    if (!lb->visible)
        return;
    lb->sx = (clip[0] / clip[3] * 0.5f + 0.5f) * (float)o->width;
    lb->sy = (0.5f - clip[1] / clip[3] * 0.5f) * (float)o->height;
    size_pill(lb, fc->font, fc->s, fminf(420 * fc->s, 0.45f * (float)o->width));
}

/* Whether a pill lies whole in the window and clear of those placed (and the panels). */
static bool clear(const box *bx, const frame_ctx *fc)
{
    /* whole or not at all: a name cut by the window's edge reads as a fault */
    float s = fc->s;
    if (bx->x0 < 0 || bx->x1 > (float)fc->o->width || bx->y0 < 0 ||
        bx->y1 > (float)fc->o->height)
        return false;
    box grown = {bx->x0 - 2 * s, bx->y0 - 2 * s, bx->x1 + 2 * s, bx->y1 + 2 * s};
    for (size_t q = 0; q < fc->np; q++)
        if (overlaps(&grown, &fc->placed[q]))
            return false;
    return true;
}

/* The selection's pill in the row it has now: as wide as the gap between the panels (and
 * the window's edges) around its stem allows, its names cut to that, and slid along the
 * stem to lie in the gap. False when the stem is under a panel or the gap is too narrow
 * for a name. */
static bool fit_in_row(label *lb, const frame_ctx *fc)
{
    float s = fc->s, lo = 0, hi = (float)fc->o->width, y0 = lb->bx.y0, y1 = lb->bx.y1;
    if (y0 < 0 || y1 > (float)fc->o->height)
        return false;
    for (size_t q = 0; q < fc->np; q++) {
        const box *p = &fc->placed[q];
        if (p->y0 >= y1 + 2 * s || p->y1 <= y0 - 2 * s)
            continue;
        if (p->x1 + 2 * s <= lb->sx)
            lo = fmaxf(lo, p->x1 + 2 * s);
        else if (p->x0 - 2 * s >= lb->sx)
            hi = fminf(hi, p->x0 - 2 * s);
        else
            return false;
    }
    /* (a pixel short of the gap: the cut name's width is measured again) */
    float room = hi - lo - 1, pad = 6 * s;
    if (room < 64 * s)
        return false;
    if (lb->bx.x1 - lb->bx.x0 > room) {
        float y = lb->bx.y0;
        size_pill(lb, fc->font, s, room - 2 * pad);
        lb->bx.y1 += y - lb->bx.y0;
        lb->bx.y0 = y;
    }
    /* centred on the stem, slid into the gap where it would leave it */
    float w = lb->bx.x1 - lb->bx.x0, x0 = lb->sx - 0.5f * w;
    x0 = fmaxf(fminf(x0, lo + room - w), lo);
    lb->bx.x0 = x0;
    lb->bx.x1 = x0 + w;
    return clear(&lb->bx, fc);
}

/* The selection's label goes where it fits rather than go: in the gap its row leaves
 * between the panels, cut short; else under its anchor, the stem pointing up (near the
 * window's top, or where a panel comes down over the row above). */
static bool place_selection(label *lb, const frame_ctx *fc)
{
    if (fit_in_row(lb, fc))
        return true;
    float s = fc->s, stem = 10 * s;
    size_pill(lb, fc->font, s, fminf(420 * s, 0.45f * (float)fc->o->width));
    float h = lb->bx.y1 - lb->bx.y0;
    lb->bx.y0 = lb->sy + stem;
    lb->bx.y1 = lb->bx.y0 + h;
    return clear(&lb->bx, fc) || fit_in_row(lb, fc);
}

/* Whether a label (its pill, and its stem down to the anchor) lies over the selected
 * building: the thing the user looks at, which no other name may cover, nor stand for a
 * building behind it. */
static bool over_focus(const label *lb, const frame_ctx *fc)
{
    const focus *f = &fc->focus;
    float s = fc->s;
    box pill = {lb->bx.x0 - 2 * s, lb->bx.y0 - 2 * s, lb->bx.x1 + 2 * s, lb->bx.y1 + 2 * s};
    box stem = {lb->sx - 3 * s, fminf(lb->bx.y1, lb->sy - 3 * s), lb->sx + 3 * s, lb->sy + 3 * s};
    if (!f->n || (!overlaps(&pill, &f->all) && !overlaps(&stem, &f->all)))
        return false;
    for (int k = 0; k < f->n; k++)
        if (overlaps(&pill, &f->row[k]) || overlaps(&stem, &f->row[k]))
            return true;
    return false;
}

/* How visible the label should become (0 hidden): whole on screen, not behind
 * another building or over the selected one, on a free spot, not too far. A placed
 * label claims its spot. The selection's label is cut short or moved rather than go. */
static float place(label *lb, uint32_t bi, const float a[3], frame_ctx *fc)
{
    const ly_camera_matrices *m = fc->m;
    float s = fc->s;
    bool selected = (long)bi == fc->o->selected;
    if (!lb->visible || lb->sy > (float)fc->o->height)
        return 0;
    bool ok = clear(&lb->bx, fc);
    if (!selected && (!ok || over_focus(lb, fc)))
        return 0;
    float dir[3] = {a[0] - m->eye[0], a[1] - m->eye[1], a[2] - m->eye[2]};
    ly_hit h;
    if (ly_bvh_ray(fc->bvh, NULL, m->eye, dir, 0.995f, &h) && h.building != (long)bi)
        return 0; /* behind another building */
    if (!ok && !place_selection(lb, fc))
        return 0;
    /* labels fade out beyond a distance that grows with the eye's height, so a close
     * view shows its street and a far view only the big names */
    float far = fmaxf(600.0f, 4.0f * m->eye[2]);
    float dist = sqrtf(dir[0] * dir[0] + dir[1] * dir[1] + dir[2] * dir[2]);
    float fade = 1.0f - smoothstep(far * 0.7f, far * 1.3f, dist);
    if (!(fade > 0.02f || selected))
        return 0;
    const box *bx = &lb->bx;
    fc->placed[fc->np++] = (box){bx->x0 - 2 * s, bx->y0 - 2 * s, bx->x1 + 2 * s, bx->y1 + 2 * s};
    return selected ? 1.0f : fade;
}

/* a point whose clip w is under this is at or behind the eye (as for an anchor) */
static const float NEAR_W = 0.1f;

static void to_screen(const float c[4], const ly_label_options *o, float p[2])
{
    p[0] = (c[0] / c[3] * 0.5f + 0.5f) * (float)o->width;
    p[1] = (0.5f - c[1] / c[3] * 0.5f) * (float)o->height;
}

static void take_in(box *b, const float p[2])
{
    *b = (box){fminf(b->x0, p[0]), fminf(b->y0, p[1]), fmaxf(b->x1, p[0]), fmaxf(b->y1, p[1])};
}

/* The screen box of the box lo..hi where part of it is behind the eye: its corners in
 * front and the points where its edges pass the eye's near side (it then reaches the
 * window's edge). */
static box clipped_box(const float lo[3], const float hi[3], const frame_ctx *fc)
{
    float c[8][4], p[2];
    for (int i = 0; i < 8; i++)
        to_clip(fc->m, (float[3]){i & 1 ? hi[0] : lo[0], i & 2 ? hi[1] : lo[1],
                                  i & 4 ? hi[2] : lo[2]},
                c[i]);
    box b = {INFINITY, INFINITY, -INFINITY, -INFINITY};
    for (int i = 0; i < 8; i++) {
        if (c[i][3] >= NEAR_W) {
            to_screen(c[i], fc->o, p);
            take_in(&b, p);
        }
        /* the box's edges join corners one coordinate apart */
        for (int k = 1; k < 8; k <<= 1) {
            int j = i | k;
            if (j == i || (c[i][3] >= NEAR_W) == (c[j][3] >= NEAR_W))
                continue;
            float t = (NEAR_W - c[i][3]) / (c[j][3] - c[i][3]), q[4];
            for (int r = 0; r < 4; r++)
                q[r] = c[i][r] + t * (c[j][r] - c[i][r]);
            to_screen(q, fc->o, p);
            take_in(&b, p);
        }
    }
    return b;
}

/* Triangles: three indices each into vertices `stride` bytes apart, a position first. */
typedef struct {
    const char *base;
    size_t stride;
    const uint32_t *index;
    size_t n;
} triangles;

static const float *corner(const triangles *t, size_t i)
{
    return (const float *)(const void *)(t->base + t->stride * t->index[i]);
}

/* Widens the rows the edge a-b (on screen) passes through to take in its part there. */
static void edge_rows(focus *f, const float a[2], const float b[2])
{
    float top = f->all.y0, h = f->row[0].y1 - f->row[0].y0;
    float lo = fminf(a[1], b[1]), hi = fmaxf(a[1], b[1]), dy = b[1] - a[1];
    int k0 = h > 0 ? (int)((lo - top) / h) : 0, k1 = h > 0 ? (int)((hi - top) / h) : 0;
    k0 = k0 < 0 ? 0 : k0 >= f->n ? f->n - 1 : k0;
    k1 = k1 < 0 ? 0 : k1 >= f->n ? f->n - 1 : k1;
    for (int k = k0; k <= k1; k++) {
        box *r = &f->row[k];
        float y0 = fmaxf(lo, r->y0), y1 = fminf(hi, r->y1);
        float x0 = fabsf(dy) > 1e-6f ? a[0] + (b[0] - a[0]) * (y0 - a[1]) / dy : a[0];
        float x1 = fabsf(dy) > 1e-6f ? a[0] + (b[0] - a[0]) * (y1 - a[1]) / dy : b[0];
        r->x0 = fminf(r->x0, fminf(x0, x1));
        r->x1 = fmaxf(r->x1, fmaxf(x0, x1));
    }
}

/* The rows of the building on screen, each as wide as its triangles' edges reach there
 * (a triangle lies between its edges, in every row), some 8 dp high. */
static void focus_rows(focus *f, const triangles *t, const frame_ctx *fc)
{
    float h = f->all.y1 - f->all.y0;
    int n = (int)ceilf(h / (8 * fc->s));
    f->n = n < 1 ? 1 : n > FOCUS_ROWS ? FOCUS_ROWS : n;
    for (int k = 0; k < f->n; k++)
        f->row[k] = (box){INFINITY, f->all.y0 + h * (float)k / (float)f->n, -INFINITY,
                          f->all.y0 + h * (float)(k + 1) / (float)f->n};
    for (size_t i = 0; i + 2 < t->n; i += 3) {
        float p[3][2], c[4];
        for (int j = 0; j < 3; j++) {
            to_clip(fc->m, corner(t, i + (size_t)j), c);
            to_screen(c, fc->o, p[j]);
        }
        for (int j = 0; j < 3; j++)
            edge_rows(f, p[j], p[(j + 1) % 3]);
    }
}

/* The selected building on screen, as drawn (or, with its stacking plan shown, the
 * slabs). Part of it behind the eye: one box, from its bounding box. */
static void focus_box(frame_ctx *fc, const ly_mesh *mesh, size_t n)
{
    const ly_label_options *o = fc->o;
    focus *f = &fc->focus;
    f->n = 0;
    if (o->selected < 0 || (size_t)o->selected >= n)
        return;
    const ly_mesh_building *mb = &mesh->buildings[o->selected];
    const ly_stacking *plan = o->stacking;
    if (plan && (plan->building != o->selected || !plan->n_indices))
        plan = NULL;
    triangles t;
    if (plan)
        t = (triangles){(const char *)plan->vertices, sizeof *plan->vertices, plan->indices,
                        plan->n_indices};
    else if (mb->chunk < mesh->n_chunks)
        t = (triangles){(const char *)mesh->chunks[mb->chunk].vertices, sizeof(ly_vertex),
                        mesh->chunks[mb->chunk].indices + mb->first_index, mb->n_indices};
    else
        return;
    box b = {INFINITY, INFINITY, -INFINITY, -INFINITY};
    bool whole = true;
    for (size_t i = 0; i < t.n && whole; i++) {
        float c[4], p[2];
        to_clip(fc->m, corner(&t, i), c);
        whole = c[3] >= NEAR_W;
        if (whole) {
            to_screen(c, o, p);
            take_in(&b, p);
        }
    }
    if (!whole) {
        f->all = clipped_box(plan ? plan->min : mb->min, plan ? plan->max : mb->max, fc);
        f->row[0] = f->all;
        f->n = f->all.x0 <= f->all.x1;
        return;
    }
    if (b.x0 > b.x1)
        return;
    f->all = b;
    focus_rows(f, &t, fc);
}

/* The pill, its stem, the anchor's dot and the text, at opacity al. */
static void draw(const label *lb, bool selected, float al, float scale, ly_drawlist *dl)
{
    float s = scale > 0 ? scale : 1, px1 = 15 * s, px2 = 11 * s, pad = 6 * s, r = 6 * s;
    const box *bx = &lb->bx;
    ly_color bg = selected ? ly_rgba(236, 125, 46, 240) : ly_rgba(255, 255, 255, 232);
    ly_color fg = selected ? ly_rgba(255, 255, 255, 255) : ly_rgba(38, 44, 56, 255);
    ly_color fg2 = selected ? ly_rgba(255, 240, 228, 255) : ly_rgba(96, 104, 118, 255);
    ly_draw_shadow(dl, bx->x0, bx->y0 + 1 * s, bx->x1 - bx->x0, bx->y1 - bx->y0, r, 4 * s,
                   al >= 1 ? s + 1 : 0, ly_color_alpha(ly_rgba(20, 30, 50, 60), al));
    ly_draw_round_rect(dl, bx->x0, bx->y0, bx->x1 - bx->x0, bx->y1 - bx->y0, r,
                       ly_color_alpha(bg, al));
    /* the stem points down to the anchor, or up to it from a pill put under it */
    float base = bx->y0 > lb->sy ? bx->y0 + 0.5f : bx->y1 - 0.5f;
    float tip = bx->y0 > lb->sy ? bx->y0 - 6 * s : bx->y1 + 6 * s;
    ly_draw_triangle(dl, lb->sx - 5 * s, base, lb->sx + 5 * s, base, lb->sx, tip,
                     ly_color_alpha(bg, al));
    ly_draw_circle(dl, lb->sx, lb->sy, 2.5f * s, ly_color_alpha(selected ? bg : fg2, al));
    float w1 = ly_font_measure(dl->font, lb->top, px1);
    float ty = bx->y0 + pad * 0.5f + px1 * 1.0f;
    ly_draw_text(dl, floorf(0.5f * (bx->x0 + bx->x1 - w1)), floorf(ty), px1,
                 ly_color_alpha(fg, al), lb->top);
    if (lb->bottom) {
        float w2 = ly_font_measure(dl->font, lb->bottom, px2);
        ly_draw_text(dl, floorf(0.5f * (bx->x0 + bx->x1 - w2)), floorf(ty + px2 * 1.35f), px2,
                     ly_color_alpha(fg2, al), lb->bottom);
    }
}

void ly_labels_update(ly_labels *l, const ly_district *d, const ly_bvh *bvh,
                      const ly_camera_matrices *m, const ly_label_options *o, ly_drawlist *dl)
{
    l->n_shown = 0;
    l->fading = false;
    if (!bvh->mesh || l->n != d->n_buildings || !d->n_buildings)
        return;
    /* the frame's work arrays were allocated with the labels: nothing here */
    size_t nc = candidates(l, d, bvh->mesh, o);
    frame_ctx fc = {.bvh = bvh, .m = m, .o = o, .font = dl->font,
                    .s = o->scale > 0 ? o->scale : 1, .placed = l->scratch->placed};
    for (size_t i = 0; i < o->n_reserved && i < MAX_RESERVED; i++)
        fc.placed[fc.np++] = (box){o->reserved[i][0], o->reserved[i][1], o->reserved[i][2],
                                   o->reserved[i][3]};
    focus_box(&fc, bvh->mesh, d->n_buildings);
    float k = o->dt >= 1.0 ? 1.0f : (float)fmin(1.0, o->dt * 8.0);
    for (size_t c = 0; c < nc; c++) {
        uint32_t bi = l->scratch->cand[c].building;
        const float *a = l->scratch->anchor[bi];
        label lb;
        lay_out(&lb, &d->buildings[bi], a, &fc);
        float target = place(&lb, bi, a, &fc);
        float al = l->alpha[bi] + (target - l->alpha[bi]) * k;
        /* within a step of the 8-bit colour it is there: a fade ends, exactly */
        if (fabsf(target - al) < 0.004f)
            al = target;
        l->alpha[bi] = al;
        l->fading |= al != target;
        if (l->alpha[bi] <= 0.01f || !lb.visible)
            continue;
        draw(&lb, (long)bi == o->selected, l->alpha[bi], o->scale, dl);
        memcpy(l->boxes[l->n_shown], &lb.bx, sizeof l->boxes[0]);
        l->order[l->n_shown++] = bi;
    }
}

long ly_labels_at(const ly_labels *l, float x, float y)
{
    for (size_t i = 0; l && i < l->n_shown; i++) {
        const float *b = l->boxes[i];
        if (x >= b[0] && x < b[2] && y >= b[1] && y < b[3] && l->alpha[l->order[i]] > 0.5f)
            return (long)l->order[i];
    }
    return -1;
}
