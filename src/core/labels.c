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
    const char *top, *bottom; /* the name in the UI's language; the other under it */
    float sx, sy;             /* the anchor on screen */
    box bx;                   /* the pill */
    bool visible;             /* the anchor is in front of the eye */
} label;

/* The name in the UI's language on top, the other under it; a selected building
 * without a name says what it is. The pill above the anchor. */
static void lay_out(label *lb, const ly_building *b, const float a[3], const ly_camera_matrices *m,
                    const ly_label_options *o, ly_font *font)
{
    float s = o->scale > 0 ? o->scale : 1, px1 = 15 * s, px2 = 11 * s, pad = 6 * s;
    lb->top = ly_building_title(b, o->lang, lb->title, sizeof lb->title);
    const char *other = lb->top == b->name ? b->name_en : lb->top == b->name_en ? b->name : NULL;
    lb->bottom = other && other != lb->top && !o->one_name ? other : NULL;
    float clip[4];
    const float *vp = m->view_proj;
    for (int r = 0; r < 4; r++)
        clip[r] = vp[r] * a[0] + vp[4 + r] * a[1] + vp[8 + r] * a[2] + vp[12 + r];
    lb->visible = clip[3] > 0.1f;
    if (!lb->visible)
        return;
    lb->sx = (clip[0] / clip[3] * 0.5f + 0.5f) * (float)o->width;
    lb->sy = (0.5f - clip[1] / clip[3] * 0.5f) * (float)o->height;
    /* a name too long for a pill ends in "…": the selection's had been dropped, wider
     * than the room between the panels */
    float most = fminf(420 * s, 0.45f * (float)o->width);
    lb->top = ly_ui_fit(font, lb->top, px1, most, lb->top_cut, sizeof lb->top_cut);
    if (lb->bottom)
        lb->bottom = ly_ui_fit(font, lb->bottom, px2, most, lb->bottom_cut, sizeof lb->bottom_cut);
    float w1 = ly_font_measure(font, lb->top, px1);
    float w2 = lb->bottom ? ly_font_measure(font, lb->bottom, px2) : 0;
    float w = fmaxf(w1, w2) + 2 * pad, h = px1 * 1.25f + (lb->bottom ? px2 * 1.3f : 0) + pad;
    float stem = 10 * s;
    lb->bx = (box){lb->sx - 0.5f * w, lb->sy - stem - h, lb->sx + 0.5f * w, lb->sy - stem};
}

/* Whether a pill lies whole in the window and clear of those placed (and the panels). */
static bool clear(const box *bx, const ly_label_options *o, float s, const box *placed, size_t np)
{
    /* whole or not at all: a name cut by the window's edge reads as a fault */
    if (bx->x0 < 0 || bx->x1 > (float)o->width || bx->y0 < 0)
        return false;
    box grown = {bx->x0 - 2 * s, bx->y0 - 2 * s, bx->x1 + 2 * s, bx->y1 + 2 * s};
    for (size_t q = 0; q < np; q++)
        if (overlaps(&grown, &placed[q]))
            return false;
    return true;
}

/* How visible the label should become (0 hidden): whole on screen, not behind
 * another building, on a free spot, not too far. A placed label claims its spot.
 * The selection's label slides sideways along its stem, off a panel's or the window's
 * edge, rather than go. */
static float place(label *lb, uint32_t bi, const float a[3], const ly_bvh *bvh,
                   const ly_camera_matrices *m, const ly_label_options *o, box *placed,
                   size_t *np)
{
    float s = o->scale > 0 ? o->scale : 1;
    bool selected = (long)bi == o->selected;
    if (!lb->visible || lb->sy > (float)o->height)
        return 0;
    bool ok = clear(&lb->bx, o, s, placed, *np);
    if (!ok && !selected)
        return 0;
    float dir[3] = {a[0] - m->eye[0], a[1] - m->eye[1], a[2] - m->eye[2]};
    ly_hit h;
    if (ly_bvh_ray(bvh, NULL, m->eye, dir, 0.995f, &h) && h.building != (long)bi)
        return 0; /* behind another building */
    /* the stem stays under the pill, short of its rounded ends */
    float reach = 0.5f * (lb->bx.x1 - lb->bx.x0) - 12 * s;
    for (int i = 1; !ok && reach > 0 && i <= 8; i++)
        for (int side = -1; !ok && side <= 1; side += 2) {
            box t = lb->bx;
            float dx = (float)side * reach * (float)i / 8;
            t.x0 += dx;
            t.x1 += dx;
            if (clear(&t, o, s, placed, *np)) {
                lb->bx = t;
                ok = true;
            }
        }
    if (!ok)
        return 0;
    /* labels fade out beyond a distance that grows with the eye's height, so a close
     * view shows its street and a far view only the big names */
    float far = fmaxf(600.0f, 4.0f * m->eye[2]);
    float dist = sqrtf(dir[0] * dir[0] + dir[1] * dir[1] + dir[2] * dir[2]);
    float fade = 1.0f - smoothstep(far * 0.7f, far * 1.3f, dist);
    if (!(fade > 0.02f || selected))
        return 0;
    const box *bx = &lb->bx;
    placed[(*np)++] = (box){bx->x0 - 2 * s, bx->y0 - 2 * s, bx->x1 + 2 * s, bx->y1 + 2 * s};
    return selected ? 1.0f : fade;
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
    ly_draw_triangle(dl, lb->sx - 5 * s, bx->y1 - 0.5f, lb->sx + 5 * s, bx->y1 - 0.5f, lb->sx,
                     bx->y1 + 6 * s, ly_color_alpha(bg, al));
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
    box *placed = l->scratch->placed;
    size_t np = 0;
    for (size_t i = 0; i < o->n_reserved && i < MAX_RESERVED; i++)
        placed[np++] = (box){o->reserved[i][0], o->reserved[i][1], o->reserved[i][2],
                             o->reserved[i][3]};
    float k = o->dt >= 1.0 ? 1.0f : (float)fmin(1.0, o->dt * 8.0);
    for (size_t c = 0; c < nc; c++) {
        uint32_t bi = l->scratch->cand[c].building;
        const float *a = l->scratch->anchor[bi];
        label lb;
        lay_out(&lb, &d->buildings[bi], a, m, o, dl->font);
        float target = place(&lb, bi, a, bvh, m, o, placed, &np);
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
