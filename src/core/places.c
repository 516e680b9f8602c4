#include "louyu/places.h"
#include "louyu/icons.h"
#include "louyu/strings.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    float x0, y0, x1, y1;
} box;

typedef struct {
    float key;
    uint32_t feature;
} ranked;

enum { MAX_RESERVED = 64 };

struct ly_places_scratch {
    ranked *cand;
    box *placed;       /* room for every place and MAX_RESERVED boxes */
    float (*xy)[2];    /* each feature's spot in scene metres */
    const ly_geo *geo; /* the projection xy was worked out with (NULL: not yet) */
    const ly_district *district;
};

int ly_places_init(ly_places *p, size_t n)
{
    memset(p, 0, sizeof *p);
    size_t m = n ? n : 1;
    p->alpha = calloc(m, sizeof *p->alpha);
    p->shown = calloc(m, sizeof *p->shown);
    p->scratch = calloc(1, sizeof *p->scratch);
    if (p->scratch) {
        p->scratch->cand = malloc(m * sizeof *p->scratch->cand);
        p->scratch->placed = malloc((m + MAX_RESERVED) * sizeof *p->scratch->placed);
        p->scratch->xy = malloc(m * sizeof *p->scratch->xy);
    }
    if (!p->alpha || !p->shown || !p->scratch || !p->scratch->cand || !p->scratch->placed ||
        !p->scratch->xy) {
        ly_places_deinit(p);
        return -1;
    }
    p->n = n;
    return 0;
}

void ly_places_deinit(ly_places *p)
{
    if (!p)
        return;
    free(p->alpha);
    free(p->shown);
    if (p->scratch) {
        free(p->scratch->cand);
        free(p->scratch->placed);
        free(p->scratch->xy);
        free(p->scratch);
    }
    memset(p, 0, sizeof *p);
}

bool ly_places_wanted(const ly_district *d, size_t i, const ly_places_options *o)
{
    const ly_feature *f = &d->features[i];
    if (f->kind == LY_KIND_CAMERA)
        return o->cameras;
    if (f->kind != LY_KIND_POI || f->subtype < 0 || f->subtype >= LY_POI_COUNT ||
        !(o->categories & (1u << f->subtype)))
        return false;
    int year = ly_district_data_year(d);
    return o->later || (o->later_kinds & (1u << f->subtype)) || !year || !f->since ||
           f->since <= year;
}

/* The categories' order of precedence where markers would overlap. */
static float category_rank(const ly_feature *f)
{
    static const int order[LY_POI_COUNT] = {
        [LY_POI_METRO] = 0,    [LY_POI_RED_CLUBHOUSE] = 1, [LY_POI_GOVERNMENT] = 2,
        [LY_POI_HOSPITAL] = 3, [LY_POI_BUS] = 4,           [LY_POI_PARKING] = 5,
        [LY_POI_SCHOOL] = 6,   [LY_POI_BANK] = 7,          [LY_POI_HOTEL] = 8,
        [LY_POI_RESTAURANT] = 9, [LY_POI_PARK] = 10,       [LY_POI_LANDMARK] = 11};
    if (f->kind == LY_KIND_CAMERA)
        return 1.5f; /* an operator's cameras come just after the Red Clubhouses */
    return f->subtype >= 0 && f->subtype < LY_POI_COUNT ? (float)order[f->subtype] : 12.0f;
}

static int by_key(const void *a, const void *b)
{
    const ranked *x = a, *y = b;
    return x->key < y->key ? -1 : x->key > y->key ? 1 : (x->feature > y->feature) - (x->feature < y->feature);
}

static void project_spots(ly_places_scratch *sc, const ly_district *d, const ly_geo *geo)
{
    for (size_t i = 0; i < d->n_features; i++) {
        double x = 0, y = 0;
        ly_proj_forward(&geo->proj, d->features[i].lon, d->features[i].lat, &x, &y);
        sc->xy[i][0] = (float)x;
        sc->xy[i][1] = (float)y;
    }
    sc->geo = geo;
    sc->district = d;
}

/* The candidates, best first: the chosen and the hovered place, then by category,
 * then the nearer to the eye. Returns how many. */
static size_t candidates(ly_places *p, const ly_district *d, const ly_camera_matrices *m,
                         const ly_places_options *o)
{
    ly_places_scratch *sc = p->scratch;
    size_t nc = 0;
    for (size_t i = 0; i < d->n_features; i++) {
        /* the chosen place shows even when its kind or date is not (a route's end) */
        bool chosen_poi = (long)i == o->chosen && d->features[i].kind == LY_KIND_POI;
        if (!chosen_poi && !ly_places_wanted(d, i, o))
            continue;
        float dx = sc->xy[i][0] - m->eye[0], dy = sc->xy[i][1] - m->eye[1];
        float dist = sqrtf(dx * dx + dy * dy + m->eye[2] * m->eye[2]);
        float key = (long)i == o->chosen    ? -2.0f
                    : (long)i == o->hovered ? -1.0f
                                            : category_rank(&d->features[i]) * 1e6f + dist;
        sc->cand[nc++] = (ranked){key, (uint32_t)i};
    }
    qsort(sc->cand, nc, sizeof *sc->cand, by_key);
    return nc;
}

static float smoothstep(float a, float b, float x)
{
    float t = (x - a) / (b - a);
    t = t < 0 ? 0 : t > 1 ? 1 : t;
    return t * t * (3 - 2 * t);
}

/* Where the marker goes (its centre and the stem's foot) and how visible it should be
 * (0: hidden). A placed marker claims its box. */
static float place(const float spot[3], bool first, const ly_bvh *bvh, const ly_camera_matrices *m,
                   const ly_places_options *o, box *placed, size_t *np, ly_place_shown *out)
{
    float s = o->scale > 0 ? o->scale : 1, r = 11 * s, stem = 9 * s;
    float a[3] = {spot[0], spot[1], spot[2]}, clip[4];
    const float *vp = m->view_proj;
    for (int k = 0; k < 4; k++)
        clip[k] = vp[k] * a[0] + vp[4 + k] * a[1] + vp[8 + k] * a[2] + vp[12 + k];
    if (clip[3] <= 0.1f)
        return 0;
    float sx = (clip[0] / clip[3] * 0.5f + 0.5f) * (float)o->width;
    float sy = (0.5f - clip[1] / clip[3] * 0.5f) * (float)o->height;
    out->x = sx;
    out->y = sy - stem - r;
    out->r = r;
    box bx = {sx - r - 2 * s, out->y - r - 2 * s, sx + r + 2 * s, sy + 1};
    if (bx.x0 < 0 || bx.x1 > (float)o->width || bx.y0 < 0 || bx.y1 > (float)o->height)
        return 0;
    float dir[3] = {a[0] - m->eye[0], a[1] - m->eye[1], a[2] - m->eye[2]};
    ly_hit h;
    if (!first && ly_bvh_ray(bvh, NULL, m->eye, dir, 0.995f, &h))
        return 0; /* behind a building (the chosen place stands out anyway: a route's end) */
    /* the hovered or chosen place shows whatever it overlaps (the panels, drawn later,
     * still cover it); the others keep clear */
    for (size_t q = 0; q < *np && !first; q++)
        if (bx.x0 < placed[q].x1 && placed[q].x0 < bx.x1 && bx.y0 < placed[q].y1 &&
            placed[q].y0 < bx.y1)
            return 0;
    float far = fmaxf(700.0f, 4.5f * m->eye[2]);
    float dist = sqrtf(dir[0] * dir[0] + dir[1] * dir[1] + dir[2] * dir[2]);
    float fade = first ? 1.0f : 1.0f - smoothstep(far * 0.7f, far * 1.3f, dist);
    if (fade <= 0.02f)
        return 0;
    placed[(*np)++] = bx;
    return fade;
}

static void draw_marker(const ly_feature *f, const ly_place_shown *ps, float al, bool lit,
                        float s, ly_drawlist *dl)
{
    int icon = f->kind == LY_KIND_CAMERA ? LY_ICON_CAMERA : f->subtype;
    ly_color c = ly_icon_color(icon);
    float r = ps->r * (lit ? 1.15f : 1.0f), foot = ps->y + ps->r + 9 * s;
    ly_draw_shadow(dl, ps->x - r, ps->y - r + 1.5f * s, 2 * r, 2 * r, r, 3 * s, 0,
                   ly_color_alpha(ly_rgba(20, 30, 50, 70), al));
    ly_draw_line(dl, ps->x, ps->y + r, ps->x, foot, 2 * s, ly_color_alpha(c, al));
    ly_draw_circle(dl, ps->x, foot, 2.2f * s, ly_color_alpha(c, al));
    ly_draw_circle(dl, ps->x, ps->y, r + 1.5f * s, ly_color_alpha(ly_rgba(255, 255, 255, 255), al));
    ly_draw_circle(dl, ps->x, ps->y, r, ly_color_alpha(c, al));
    float uv[4], k = 1.55f * r;
    ly_icon_uv(icon, uv);
    ly_draw_image(dl, LY_DRAW_IMAGE_ICONS, ps->x - k / 2, ps->y - k / 2, k, k, uv[0], uv[1], uv[2],
                  uv[3], ly_color_alpha(ly_rgba(255, 255, 255, 255), al));
}

/* The hovered place's name: in the UI's language, the other under it, and what it is. */
static void draw_name(const ly_feature *f, const ly_place_shown *ps, const ly_places_options *o,
                      ly_drawlist *dl)
{
    float s = o->scale > 0 ? o->scale : 1, px1 = 14 * s, px2 = 11 * s, pad = 7 * s;
    const char *first = o->lang == LY_LANG_EN ? f->name_en : f->name;
    const char *second = o->lang == LY_LANG_EN ? f->name : f->name_en;
    const char *top = first ? first : second;
    const char *other = first ? ly_name_second(first, second) : NULL;
    const char *what = ly_poi_category_title(f->kind == LY_KIND_CAMERA ? LY_POI_COUNT : f->subtype,
                                             o->lang);
    if (!top)
        top = f->id ? f->id : what;
    char line3[160];
    snprintf(line3, sizeof line3, "%s", what);
    float w = fmaxf(ly_font_measure(dl->font, top, px1),
                    fmaxf(other ? ly_font_measure(dl->font, other, px2) : 0,
                          ly_font_measure(dl->font, line3, px2)));
    float h = px1 * 1.3f + (other ? px2 * 1.35f : 0) + px2 * 1.35f + pad;
    float x = ps->x + ps->r + 6 * s, y = ps->y - h / 2;
    if (x + w + 2 * pad > (float)o->width)
        x = ps->x - ps->r - 6 * s - w - 2 * pad;
    y = fmaxf(2, fminf(y, (float)o->height - h - 2));
    ly_draw_shadow(dl, x, y + s, w + 2 * pad, h, 6 * s, 4 * s, s + 1, ly_rgba(20, 30, 50, 60));
    ly_draw_round_rect(dl, x, y, w + 2 * pad, h, 6 * s, ly_rgba(255, 255, 255, 255));
    float ty = y + pad * 0.5f + px1;
    ly_draw_text(dl, floorf(x + pad), floorf(ty), px1, ly_rgba(38, 44, 56, 255), top);
    if (other) {
        ty += px2 * 1.35f;
        ly_draw_text(dl, floorf(x + pad), floorf(ty), px2, ly_rgba(96, 104, 118, 255), other);
    }
    ty += px2 * 1.35f;
    int icon = f->kind == LY_KIND_CAMERA ? LY_ICON_CAMERA : f->subtype;
    ly_draw_text(dl, floorf(x + pad), floorf(ty), px2, ly_icon_color(icon), line3);
}

void ly_places_update(ly_places *p, const ly_district *d, const ly_geo *geo, const ly_bvh *bvh,
                      const ly_camera_matrices *m, const ly_places_options *o, ly_drawlist *dl)
{
    p->n_shown = 0;
    p->fading = false;
    if (!p->scratch || p->n != d->n_features || !d->n_features || !bvh->mesh)
        return;
    ly_places_scratch *sc = p->scratch;
    if (sc->geo != geo || sc->district != d)
        project_spots(sc, d, geo);
    size_t nc = candidates(p, d, m, o), np = 0;
    for (size_t i = 0; i < o->n_reserved && i < MAX_RESERVED; i++)
        sc->placed[np++] = (box){o->reserved[i][0], o->reserved[i][1], o->reserved[i][2],
                                 o->reserved[i][3]};
    float k = o->dt >= 1.0 ? 1.0f : (float)fmin(1.0, o->dt * 8.0);
    float s = o->scale > 0 ? o->scale : 1;
    memset(p->shown, 0, 0);
    /* which places should show, and how much, before anything is drawn */
    for (size_t c = 0; c < nc; c++) {
        uint32_t fi = sc->cand[c].feature;
        ly_place_shown ps = {.feature = fi};
        bool first = (long)fi == o->chosen || (long)fi == o->hovered;
        /* on the ground; a place that is a building (a hotel), on its roof */
        const ly_feature *f = &d->features[fi];
        float spot[3] = {sc->xy[fi][0], sc->xy[fi][1],
                         1.5f + (f->kind == LY_KIND_POI ? (float)f->height_m : 0)};
        float target = place(spot, first, bvh, m, o, sc->placed, &np, &ps);
        float al = p->alpha[fi] + (target - p->alpha[fi]) * k;
        if (fabsf(target - al) < 0.004f)
            al = target;
        p->alpha[fi] = al;
        p->fading |= al != target;
        if (al > 0.01f && ps.r > 0)
            p->shown[p->n_shown++] = ps;
    }
    /* the nearest last, so that it draws on top; the markers in one run of the icons'
     * picture, then the hovered place's name in the atlas's */
    ly_draw_set_image(dl, LY_DRAW_IMAGE_ICONS);
    for (size_t i = p->n_shown; i-- > 0;) {
        const ly_place_shown *ps = &p->shown[i];
        bool lit = (long)ps->feature == o->hovered || (long)ps->feature == o->chosen;
        draw_marker(&d->features[ps->feature], ps, p->alpha[ps->feature], lit, s, dl);
    }
    ly_draw_set_image(dl, 0);
    for (size_t i = 0; i < p->n_shown; i++)
        if ((long)p->shown[i].feature == o->hovered)
            draw_name(&d->features[o->hovered], &p->shown[i], o, dl);
}

long ly_places_at(const ly_places *p, float x, float y)
{
    /* the last drawn (on top) first */
    for (size_t i = 0; i < p->n_shown; i++) {
        const ly_place_shown *ps = &p->shown[i];
        float dx = x - ps->x, dy = y - ps->y, r = ps->r + 3;
        if (dx * dx + dy * dy <= r * r)
            return ps->feature;
    }
    return -1;
}
