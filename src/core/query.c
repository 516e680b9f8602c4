/* The tenant finder: filters, spaces, reasons and ranking (see query.h). */
#include "louyu/query.h"
#include "louyu/walk.h"
#include "louyu/strings.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- growable arrays ---------------------------------------------------------- */

typedef struct {
    ly_query_result *r;
    size_t cap_matches, cap_spaces, cap_reasons, cap_notes;
    bool oom;
} builder;

static bool grow(void **p, size_t *cap, size_t n, size_t size)
{
    if (n < *cap)
        return true;
    size_t c = *cap ? *cap * 2 : 16;
    if (c > SIZE_MAX / size)
        return false;
    void *q = realloc(*p, c * size);
    if (!q)
        return false;
    *p = q;
    *cap = c;
    return true;
}

static void add_space(builder *B, int first, int last, double vacant)
{
    ly_query_result *r = B->r;
    if (B->oom || !grow((void **)&r->spaces, &B->cap_spaces, r->n_spaces, sizeof *r->spaces)) {
        B->oom = true;
        return;
    }
    r->spaces[r->n_spaces++] = (ly_query_space){first, last, vacant};
}

/* printf into a buffer of the two that say() takes; a sentence longer than it (a
 * 200-character industry typed) is cut at a whole character, with an ellipsis. */
static const char *fmt(char *buf, size_t n, const char *f, ...)
{
    va_list ap;
    va_start(ap, f);
    int len = vsnprintf(buf, n, f, ap);
    va_end(ap);
    if (len >= 0 && (size_t)len >= n && n > 4) {
        size_t k = n - 4; /* room for "…" (3 bytes) and the NUL */
        while (k > 0 && ((unsigned char)buf[k] & 0xC0) == 0x80)
            k--;
        memcpy(buf + k, "\u2026", 4);
    }
    return buf;
}

/* One sentence in both languages, appended to the reasons or the notes: the
 * two lists grow together, so index i is the same sentence in each. */
static void say(builder *B, bool note, const char *en, const char *zh)
{
    ly_query_result *r = B->r;
    char ***le = note ? &r->notes : &r->reasons, ***lz = note ? &r->notes_zh : &r->reasons_zh;
    size_t *n = note ? &r->n_notes : &r->n_reasons, *cap = note ? &B->cap_notes : &B->cap_reasons;
    size_t c = *cap;
    if (B->oom || !grow((void **)le, &c, *n, sizeof **le) ||
        !grow((void **)lz, cap, *n, sizeof **lz)) {
        B->oom = true;
        return;
    }
    char *a = strdup(en), *b = strdup(zh);
    if (!a || !b) {
        free(a);
        free(b);
        B->oom = true;
        return;
    }
    (*le)[*n] = a;
    (*lz)[(*n)++] = b;
}

/* ---- text --------------------------------------------------------------------- */

static int lower(int c)
{
    return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

static bool equal_nocase(const char *a, const char *b)
{
    while (*a && lower((unsigned char)*a) == lower((unsigned char)*b))
        a++, b++;
    return !*a && !*b;
}

/* ASCII-only folding: UTF-8 bytes of other scripts compare as they are. */
static bool contains_nocase(const char *hay, const char *needle)
{
    if (!hay)
        return false;
    size_t n = strlen(needle);
    for (; *hay; hay++) {
        size_t i = 0;
        while (i < n && hay[i] && lower((unsigned char)hay[i]) == lower((unsigned char)needle[i]))
            i++;
        if (i == n)
            return true;
    }
    return n == 0;
}

static bool industry_is(const char *industry, const char *want)
{
    return industry && (equal_nocase(industry, want) ||
                        equal_nocase(industry, ly_industry_keyword(want)));
}

/* What a category's places are called (in ly_poi_category order in the table). */
static const char *poi_noun(ly_poi_category c, ly_lang lang)
{
    if ((unsigned)c >= LY_POI_COUNT)
        return ly_str(LY_S_POI_ANY, lang);
    return ly_str((ly_string_id)(LY_S_POI_METRO + c), lang);
}

/* The format of reason `id` in English and in Chinese. */
#define EN(id) ly_str(id, LY_LANG_EN)
#define ZH(id) ly_str(id, LY_LANG_ZH)

const char *ly_query_reason(const ly_query_result *r, size_t i, ly_lang lang)
{
    if (!r || i >= r->n_reasons)
        return "";
    return lang == LY_LANG_ZH ? r->reasons_zh[i] : r->reasons[i];
}

const char *ly_query_note(const ly_query_result *r, size_t i, ly_lang lang)
{
    if (!r || i >= r->n_notes)
        return "";
    return lang == LY_LANG_ZH ? r->notes_zh[i] : r->notes[i];
}

int ly_query_poi_category(const char *name)
{
    for (int c = 0; c < LY_POI_COUNT; c++)
        if (name && equal_nocase(name, ly_poi_category_name((ly_poi_category)c)))
            return c;
    /* the finder's places (metro ... landmark: the strings table names them in order) */
    static const char station[] = "\u7ad9"; /* 站 */
    for (int c = 0; name && c <= LY_POI_LANDMARK; c++) {
        const char *zh = ly_str((ly_string_id)(LY_S_POI_METRO + c), LY_LANG_ZH);
        size_t zl = strlen(zh), sl = sizeof station - 1;
        bool bare = zl > sl && !strcmp(zh + zl - sl, station) && strlen(name) == zl - sl &&
                    !strncmp(name, zh, zl - sl);
        if (!strcmp(name, zh) || bare ||
            equal_nocase(name, ly_str((ly_string_id)(LY_S_POI_METRO + c), LY_LANG_EN)))
            return c;
    }
    return -1;
}

/* ---- geometry ----------------------------------------------------------------- */

static double seg_dist2(double px, double py, double ax, double ay, double bx, double by)
{
    double dx = bx - ax, dy = by - ay, l2 = dx * dx + dy * dy;
    double t = l2 > 0 ? ((px - ax) * dx + (py - ay) * dy) / l2 : 0;
    t = t < 0 ? 0 : t > 1 ? 1 : t;
    double ex = ax + t * dx - px, ey = ay + t * dy - py;
    return ex * ex + ey * ey;
}

/* Distance in metres from (x, y) to building b's footprint: 0 inside any part
 * (even-odd over its rings, so holes are outside), else to the nearest edge. */
static double footprint_dist(const ly_district *d, const ly_geo *geo, const ly_building *b,
                             double x, double y)
{
    double best = INFINITY;
    for (uint32_t p = 0; p < b->n_polygons; p++) {
        const ly_polygon *pg = &d->polygons[b->first_polygon + p];
        bool inside = false;
        for (uint32_t r = 0; r < pg->n_rings; r++) {
            const ly_ring *rg = &d->rings[pg->first_ring + r];
            for (uint32_t i = 0, j = rg->n_points - 1; i < rg->n_points; j = i++) {
                const double *a = &geo->xy[2 * (size_t)(rg->first_point + i)];
                const double *c = &geo->xy[2 * (size_t)(rg->first_point + j)];
                if ((a[1] > y) != (c[1] > y) &&
                    x < (c[0] - a[0]) * (y - a[1]) / (c[1] - a[1]) + a[0])
                    inside = !inside;
                double e = seg_dist2(x, y, a[0], a[1], c[0], c[1]);
                if (e < best)
                    best = e;
            }
        }
        if (inside)
            return 0;
    }
    return sqrt(best);
}

typedef struct {
    double min[2], max[2];
} box;

static box footprint_box(const ly_district *d, const ly_geo *geo, const ly_building *b)
{
    box bx = {{INFINITY, INFINITY}, {-INFINITY, -INFINITY}};
    for (uint32_t p = 0; p < b->n_polygons; p++) {
        const ly_polygon *pg = &d->polygons[b->first_polygon + p];
        const ly_ring *rg = &d->rings[pg->first_ring]; /* the outline bounds the part */
        for (uint32_t i = 0; pg->n_rings && i < rg->n_points; i++) {
            const double *a = &geo->xy[2 * (size_t)(rg->first_point + i)];
            for (int k = 0; k < 2; k++) {
                bx.min[k] = fmin(bx.min[k], a[k]);
                bx.max[k] = fmax(bx.max[k], a[k]);
            }
        }
    }
    return bx;
}

/* Footprint to footprint: the nearest vertex of either to the other. Exact for
 * disjoint footprints and 0 when a vertex lies inside the other. */
static double building_dist(const ly_district *d, const ly_geo *geo, const ly_building *a,
                            const ly_building *b)
{
    double best = INFINITY;
    const ly_building *pair[2][2] = {{a, b}, {b, a}};
    for (int k = 0; k < 2 && best > 0; k++) {
        const ly_building *from = pair[k][0], *to = pair[k][1];
        for (uint32_t p = 0; p < from->n_polygons; p++) {
            const ly_polygon *pg = &d->polygons[from->first_polygon + p];
            for (uint32_t r = 0; r < pg->n_rings; r++) {
                const ly_ring *rg = &d->rings[pg->first_ring + r];
                for (uint32_t i = 0; i < rg->n_points; i++) {
                    const double *v = &geo->xy[2 * (size_t)(rg->first_point + i)];
                    best = fmin(best, footprint_dist(d, geo, to, v[0], v[1]));
                }
            }
        }
    }
    return best;
}

static double box_gap(box a, box b)
{
    double dx = fmax(0, fmax(a.min[0] - b.max[0], b.min[0] - a.max[0]));
    double dy = fmax(0, fmax(a.min[1] - b.max[1], b.min[1] - a.max[1]));
    return sqrt(dx * dx + dy * dy);
}

/* ---- the criteria ------------------------------------------------------------- */

/* A floor's asking rent (ly_floor_rent); < 0 unknown or to be agreed. */
static double floor_rent(const ly_building *b, const ly_floor_record *r)
{
    return ly_floor_rent(b, r, NULL);
}

/* Whether a floor's space is vacant and within the rent asked (any, without a limit). */
static bool space_ok(const ly_building *b, const ly_floor_record *r, const ly_query_desc *q)
{
    double rent = floor_rent(b, r);
    return ly_floor_has_space(r) &&
           (q->max_rent_cny_m2_day <= 0 || (rent >= 0 && rent <= q->max_rent_cny_m2_day));
}

/* Appends the building's matching spaces (each floor of one within the rent asked);
 * returns the largest (0 for none), and its asking rent into *rent (the highest of its
 * floors'). */
static double find_spaces(builder *B, const ly_district *d, const ly_building *b,
                          const ly_query_desc *q, double *rent)
{
    const ly_floor_record *rec = d->records + b->first_record;
    uint32_t n = b->n_records;
    double best = 0;
    for (uint32_t i = 0; i < n; i++) {
        if (!space_ok(b, &rec[i], q))
            continue;
        if (!q->contiguous) {
            double v = rec[i].vacant_m2;
            if (v >= q->min_area_m2 && (q->max_area_m2 <= 0 || v <= q->max_area_m2)) {
                add_space(B, rec[i].floor, rec[i].floor, v);
                if (v > best)
                    best = v, *rent = floor_rent(b, &rec[i]);
            }
            continue;
        }
        /* the shortest run from floor i that reaches min */
        double sum = rec[i].vacant_m2, high = floor_rent(b, &rec[i]);
        uint32_t j = i;
        while (sum < q->min_area_m2 && j + 1 < n && rec[j + 1].floor == rec[j].floor + 1 &&
               space_ok(b, &rec[j + 1], q)) {
            sum += rec[++j].vacant_m2;
            double x = floor_rent(b, &rec[j]);
            high = high >= 0 && x >= 0 ? fmax(high, x) : -1;
        }
        /* a run whose floors above its first reach min on their own is listed from
         * there: "13–14" beside "14" had offered the same space twice */
        double upper = 0; /* (summed as the run from the next floor sums them: no rounding apart) */
        for (uint32_t k = i + 1; k <= j; k++)
            upper += rec[k].vacant_m2;
        bool shorter = j > i && upper >= q->min_area_m2;
        if (!shorter && sum >= q->min_area_m2 && (q->max_area_m2 <= 0 || sum <= q->max_area_m2)) {
            add_space(B, rec[i].floor, rec[j].floor, sum);
            if (sum > best)
                best = sum, *rent = high;
        }
    }
    return best;
}

/* A place of the near rule's kind, in metres, with its feature. */
typedef struct {
    double x, y;
    uint32_t f;
    bool later;
} poi_pt;

static int by_x(const void *a, const void *b)
{
    const poi_pt *p = a, *q = b;
    return p->x < q->x ? -1 : p->x > q->x ? 1 : (p->f > q->f) - (p->f < q->f);
}

/* The places of the near rule's kind that count, sorted west to east: a building looks
 * only at those within near_m of its footprint's box (a city's 40,000 places had been
 * gone through for each of its buildings). NULL with *n 0 when there are none; *oom on
 * a failed allocation. */
static poi_pt *near_places(const ly_district *d, const ly_geo *geo, const ly_query_desc *q,
                           int year, size_t *n, bool *oom)
{
    *n = 0;
    size_t count = 0;
    for (size_t f = 0; f < d->n_features; f++)
        count += d->features[f].kind == LY_KIND_POI && d->features[f].subtype == (int)q->near;
    poi_pt *p = count ? malloc(count * sizeof *p) : NULL;
    if (count && !p) {
        *oom = true;
        return NULL;
    }
    for (size_t f = 0; p && f < d->n_features; f++) {
        const ly_feature *ft = &d->features[f];
        if (ft->kind != LY_KIND_POI || ft->subtype != (int)q->near)
            continue;
        bool later = year && ft->since > year;
        if (later && !q->include_later_pois)
            continue;
        poi_pt *o = &p[(*n)++];
        ly_proj_forward(&geo->proj, ft->lon, ft->lat, &o->x, &o->y);
        o->f = (uint32_t)f;
        o->later = later;
    }
    if (*n > 1)
        qsort(p, *n, sizeof *p, by_x);
    return p;
}

/* The nearest counted POI of the desc's category within near_m on foot (over the
 * roads: walk.h; in a straight line where the district has none): sets m->poi. The
 * straight distance from the footprint is a lower bound of the walk, so only a building
 * with a POI that close walks at all; of two as near, the first in the file. */
static void nearest_poi(const ly_district *d, const ly_geo *geo, const ly_walk *walk,
                        const ly_building *b, const poi_pt *pois, size_t n_pois, double near_m,
                        ly_query_match *m)
{
    m->poi = -1;
    m->poi_m = -1;
    box bx = footprint_box(d, geo, b);
    if (!(bx.max[0] >= bx.min[0]))
        return; /* no footprint */
    double shown = near_m + 0.5; /* near: its metres as shown (rounded) at most near_m */
    double lo = bx.min[0] - shown, hi = bx.max[0] + shown;
    size_t a = 0, z = n_pois; /* the first place at or east of lo */
    while (a < z) {
        size_t mid = a + (z - a) / 2;
        if (pois[mid].x < lo)
            a = mid + 1;
        else
            z = mid;
    }
    ly_walk_from *from = NULL;
    bool roads = walk && ly_walk_edges(walk) > 0;
    for (size_t i = a; i < n_pois && pois[i].x <= hi; i++) {
        const poi_pt *pt = &pois[i];
        if (pt->y < bx.min[1] - shown || pt->y > bx.max[1] + shown)
            continue;
        double dist = footprint_dist(d, geo, b, pt->x, pt->y);
        if (dist >= shown)
            continue;
        if (roads && !from)
            from = ly_walk_search_building(walk, d, geo, (size_t)(b - d->buildings), shown);
        if (from)
            dist = ly_walk_distance(walk, from, pt->x, pt->y);
        if (dist >= 0 && dist < shown &&
            (m->poi < 0 || dist < m->poi_m || (dist == m->poi_m && (long)pt->f < m->poi))) {
            m->poi = (long)pt->f;
            m->poi_m = dist;
            m->poi_later = pt->later;
            m->poi_straight = !from;
        }
    }
    ly_walk_from_destroy(from);
}

static int count_industry(const ly_district *d, const ly_building *b, const char *industry)
{
    int n = 0;
    for (uint32_t i = 0; i < b->n_enterprises; i++)
        n += industry_is(d->enterprises[b->first_enterprise + i].industry, industry);
    return n;
}

static bool set(const char *s)
{
    return s && *s;
}

/* ---- ranking ------------------------------------------------------------------ */

static int by_rank(const ly_district *d, const ly_query_match *a, const ly_query_match *b)
{
    if (a->score != b->score)
        return a->score > b->score ? -1 : 1;
    const ly_building *ba = &d->buildings[a->building];
    const ly_building *bb = &d->buildings[b->building];
    int c = strcmp(ba->name ? ba->name : "", bb->name ? bb->name : "");
    if (!c)
        c = strcmp(ba->id ? ba->id : "", bb->id ? bb->id : "");
    return c ? c : (a->building < b->building ? -1 : a->building > b->building);
}

/* A bottom-up merge sort (qsort has no context argument, and a global one
 * would not be thread-safe). Returns -1 when out of memory. */
static int sort_matches(ly_query_match *m, size_t n, const ly_district *d)
{
    if (n < 2)
        return 0;
    ly_query_match *tmp = malloc(n * sizeof *tmp);
    if (!tmp)
        return -1;
    ly_query_match *src = m, *dst = tmp;
    for (size_t width = 1; width < n; width *= 2) {
        for (size_t lo = 0; lo < n; lo += 2 * width) {
            size_t mid = lo + width < n ? lo + width : n, hi = lo + 2 * width < n ? lo + 2 * width : n;
            size_t i = lo, j = mid, k = lo;
            while (i < mid && j < hi)
                dst[k++] = by_rank(d, &src[j], &src[i]) < 0 ? src[j++] : src[i++];
            while (i < mid)
                dst[k++] = src[i++];
            while (j < hi)
                dst[k++] = src[j++];
        }
        ly_query_match *t = src;
        src = dst;
        dst = t;
    }
    if (src != m)
        memcpy(m, src, n * sizeof *m);
    free(tmp);
    return 0;
}

/* ---- the query ---------------------------------------------------------------- */

/* One query under way: its criteria, the result being built, and for the
 * neighbour rule the buildings with enterprises of the industry. */
typedef struct {
    const ly_district *d;
    const ly_geo *geo;
    const ly_query_desc *q;
    builder B;
    double near_m;
    const ly_walk *walk; /* the roads, for the near rule (NULL: none asked for) */
    ly_walk *own_walk;   /* the one made for this run, when the caller gave none */
    bool area; /* the space itself is a criterion */
    int year;  /* of the data */
    const char *industry;
    uint32_t *with_ind;
    int *ind_count;
    box *boxes;
    size_t n_with;
    poi_pt *pois; /* the near rule's places, west to east */
    size_t n_pois;
} run;

/* The buildings with enterprises of the industry, and their boxes. */
static void industry_buildings(run *R)
{
    const ly_district *d = R->d;
    if (!R->industry || !d->n_buildings)
        return;
    R->with_ind = malloc(d->n_buildings * sizeof *R->with_ind);
    R->ind_count = calloc(d->n_buildings, sizeof *R->ind_count);
    R->boxes = malloc(d->n_buildings * sizeof *R->boxes);
    if (!R->with_ind || !R->ind_count || !R->boxes)
        R->B.oom = true;
    for (size_t i = 0; !R->B.oom && i < d->n_buildings; i++) {
        R->boxes[i] = footprint_box(d, R->geo, &d->buildings[i]);
        R->ind_count[i] = count_industry(d, &d->buildings[i], R->industry);
        if (R->ind_count[i])
            R->with_ind[R->n_with++] = (uint32_t)i;
    }
    char en[512], zh[512];
    if (!R->B.oom && !R->n_with)
        say(&R->B, true, fmt(en, sizeof en, EN(LY_S_Q_NO_INDUSTRY), R->industry),
            fmt(zh, sizeof zh, ZH(LY_S_Q_NO_INDUSTRY), ly_industry_name(R->industry, LY_LANG_ZH)));
}

/* The criteria a building can fail before anything is computed for it. */
static bool may_match(const run *R, const ly_building *b)
{
    const ly_query_desc *q = R->q;
    if (b->status == LY_STATUS_UNDER_CONSTRUCTION)
        return false;
    /* the rent: of a space within it (each floor's own, else the building's); of the
     * building where nothing is known of its floors */
    if (q->max_rent_cny_m2_day > 0) {
        bool within = !b->n_records && b->rent_cny_m2_day >= 0 &&
                      b->rent_cny_m2_day <= q->max_rent_cny_m2_day;
        for (uint32_t r = 0; !within && r < b->n_records; r++)
            within = space_ok(b, &R->d->records[b->first_record + r], q);
        if (!within)
            return false;
    }
    return !set(q->name) || contains_nocase(b->name, q->name) ||
           contains_nocase(b->name_en, q->name) || contains_nocase(b->address, q->name) ||
           contains_nocase(b->address_en, q->name);
}

/* Building i against the criteria; its spaces are appended to the result when it
 * matches. Returns whether it does, with m filled. */
static bool matches(run *R, size_t i, ly_query_match *m)
{
    const ly_district *d = R->d;
    const ly_query_desc *q = R->q;
    const ly_building *b = &d->buildings[i];
    *m = (ly_query_match){.building = (uint32_t)i, .rent_cny_m2_day = b->rent_cny_m2_day,
                          .poi = -1, .poi_m = -1};
    if (q->near_poi) {
        nearest_poi(d, R->geo, R->walk, b, R->pois, R->n_pois, R->near_m, m);
        if (m->poi < 0)
            return false;
    }
    if (R->industry) {
        m->industry_in = R->ind_count[i];
        for (size_t k = 0; k < R->n_with; k++) {
            uint32_t o = R->with_ind[k];
            if (o != i && box_gap(R->boxes[i], R->boxes[o]) <= R->near_m &&
                building_dist(d, R->geo, b, &d->buildings[o]) <= R->near_m)
                m->industry_near += R->ind_count[o];
        }
        if (!m->industry_in && !m->industry_near)
            return false;
    }
    /* spaces last: they are appended to the result only for a match */
    size_t spaces0 = R->B.r->n_spaces;
    double rent = b->rent_cny_m2_day;
    m->best_space_m2 = find_spaces(&R->B, d, b, q, &rent);
    /* (a building without records is judged by the rest, to be counted apart) */
    bool by_space = b->n_records && (R->area || q->max_rent_cny_m2_day > 0);
    if (by_space && R->B.r->n_spaces == spaces0)
        return false;
    if (q->max_rent_cny_m2_day > 0)
        m->rent_cny_m2_day = rent; /* the best space's */
    m->first_space = (uint32_t)spaces0;
    m->n_spaces = (uint32_t)(R->B.r->n_spaces - spaces0);
    /* the score: see query.h */
    double s = m->best_space_m2 / (m->best_space_m2 + 1000);
    if (q->max_rent_cny_m2_day > 0)
        s += 1 - m->rent_cny_m2_day / q->max_rent_cny_m2_day;
    if (q->near_poi)
        s += fmax(0, 1 - m->poi_m / R->near_m);
    if (R->industry) {
        double k = m->industry_in + 0.5 * m->industry_near;
        s += k / (k + 5);
    }
    m->score = s;
    return true;
}

/* The nearest place of the asked kind, in both languages. */
static void poi_reason(run *R, const ly_query_match *m)
{
    const ly_query_desc *q = R->q;
    const ly_feature *ft = &R->d->features[m->poi];
    const char *pn = ft->name_en ? ft->name_en : ft->name ? ft->name : ft->id;
    const char *pz = ft->name ? ft->name : ft->name_en ? ft->name_en : ft->id;
    const char *nen = poi_noun(q->near, LY_LANG_EN), *nzh = poi_noun(q->near, LY_LANG_ZH);
    char en[512], zh[512];
    /* the walk in minutes, whole ones up, as the Nearby tab says them (at least 1); no
     * minutes where there are no roads to walk: the straight line, said so */
    double min = ly_walk_minutes(m->poi_m);
    if (m->poi_m == 0 && m->poi_later) /* its point in the building's outline */
        say(&R->B, false,
            fmt(en, sizeof en, EN(LY_S_Q_POI_IN_LATER), nen, pn ? pn : EN(LY_S_Q_UNNAMED),
                ft->since, R->year),
            fmt(zh, sizeof zh, ZH(ly_str_opened(LY_S_Q_POI_IN_LATER, (int)q->near)), nzh,
                pz ? pz : ZH(LY_S_Q_UNNAMED), ft->since, R->year));
    else if (m->poi_m == 0)
        say(&R->B, false, fmt(en, sizeof en, EN(LY_S_Q_POI_IN), nen, pn ? pn : EN(LY_S_Q_UNNAMED)),
            fmt(zh, sizeof zh, ZH(LY_S_Q_POI_IN), nzh, pz ? pz : ZH(LY_S_Q_UNNAMED)));
    else if (m->poi_straight && m->poi_later)
        say(&R->B, false,
            fmt(en, sizeof en, EN(LY_S_Q_POI_LATER_STRAIGHT), nen, m->poi_m,
                pn ? pn : EN(LY_S_Q_UNNAMED), ft->since, R->year),
            fmt(zh, sizeof zh, ZH(ly_str_opened(LY_S_Q_POI_LATER_STRAIGHT, (int)q->near)), nzh,
                pz ? pz : ZH(LY_S_Q_UNNAMED), m->poi_m, ft->since, R->year));
    else if (m->poi_straight)
        say(&R->B, false,
            fmt(en, sizeof en, EN(LY_S_Q_POI_STRAIGHT), nen, m->poi_m, pn ? pn : EN(LY_S_Q_UNNAMED)),
            fmt(zh, sizeof zh, ZH(LY_S_Q_POI_STRAIGHT), nzh, pz ? pz : ZH(LY_S_Q_UNNAMED), m->poi_m));
    else if (m->poi_later)
        say(&R->B, false,
            fmt(en, sizeof en, EN(LY_S_Q_POI_LATER), nen, min, m->poi_m,
                pn ? pn : EN(LY_S_Q_UNNAMED), ft->since, R->year),
            fmt(zh, sizeof zh, ZH(ly_str_opened(LY_S_Q_POI_LATER, (int)q->near)), nzh,
                pz ? pz : ZH(LY_S_Q_UNNAMED), min, m->poi_m, ft->since, R->year));
    else
        say(&R->B, false,
            fmt(en, sizeof en, EN(LY_S_Q_POI), nen, min, m->poi_m, pn ? pn : EN(LY_S_Q_UNNAMED)),
            fmt(zh, sizeof zh, ZH(LY_S_Q_POI), nzh, pz ? pz : ZH(LY_S_Q_UNNAMED), min, m->poi_m));
}

/* Enterprises of the industry in the building and near it, in both languages. */
static void industry_reasons(run *R, const ly_query_match *m)
{
    const char *ind = R->industry, *izh = ly_industry_name(ind, LY_LANG_ZH);
    char en[512], zh[512], near[40];
    if (m->industry_in)
        say(&R->B, false,
            fmt(en, sizeof en, EN(LY_S_Q_IN_BUILDING), m->industry_in, ind,
                m->industry_in == 1 ? "" : "s"),
            fmt(zh, sizeof zh, ZH(LY_S_Q_IN_BUILDING), m->industry_in, izh));
    if (m->industry_near) {
        ly_format_grouped(R->near_m, near, sizeof near);
        say(&R->B, false,
            fmt(en, sizeof en, EN(LY_S_Q_NEAR_BUILDINGS), m->industry_near, ind,
                m->industry_near == 1 ? "" : "s", near),
            fmt(zh, sizeof zh, ZH(LY_S_Q_NEAR_BUILDINGS), near, m->industry_near, izh));
    }
}

/* Why a building matched: its spaces, then each criterion in the desc's order. */
static void reasons(run *R, ly_query_match *m)
{
    const ly_query_desc *q = R->q;
    ly_query_result *out = R->B.r;
    char num[40], en[512], zh[512];
    m->first_reason = (uint32_t)out->n_reasons;
    for (uint32_t k = 0; k < m->n_spaces; k++) {
        const ly_query_space *sp = &out->spaces[m->first_space + k];
        ly_format_grouped(sp->vacant_m2, num, sizeof num);
        if (sp->first == sp->last)
            say(&R->B, false, fmt(en, sizeof en, EN(LY_S_Q_FLOOR_VACANT), sp->first, num),
                fmt(zh, sizeof zh, ZH(LY_S_Q_FLOOR_VACANT), sp->first, num));
        else
            say(&R->B, false,
                fmt(en, sizeof en, EN(LY_S_Q_FLOORS_VACANT), sp->first, sp->last, num),
                fmt(zh, sizeof zh, ZH(LY_S_Q_FLOORS_VACANT), sp->first, sp->last, num));
    }
    if (q->max_rent_cny_m2_day > 0)
        say(&R->B, false,
            fmt(en, sizeof en, EN(LY_S_Q_RENT), m->rent_cny_m2_day, q->max_rent_cny_m2_day),
            fmt(zh, sizeof zh, ZH(LY_S_Q_RENT), m->rent_cny_m2_day, q->max_rent_cny_m2_day));
    if (q->near_poi)
        poi_reason(R, m);
    if (R->industry)
        industry_reasons(R, m);
    if (set(q->name))
        say(&R->B, false, fmt(en, sizeof en, EN(LY_S_Q_NAME), q->name),
            fmt(zh, sizeof zh, ZH(LY_S_Q_NAME), q->name));
    m->n_reasons = (uint32_t)(out->n_reasons - m->first_reason);
}

/* Places opened after the data's year: counted or not, the result says so. */
static void later_notes(run *R)
{
    const ly_query_desc *q = R->q;
    ly_query_result *out = R->B.r;
    int year = R->year;
    for (size_t f = 0; f < R->d->n_features; f++) {
        const ly_feature *ft = &R->d->features[f];
        out->later_pois += ft->kind == LY_KIND_POI && ft->subtype == (int)q->near && year &&
                           ft->since > year;
    }
    size_t n = out->later_pois;
    const char *nen = poi_noun(q->near, LY_LANG_EN), *nzh = poi_noun(q->near, LY_LANG_ZH);
    char en[512], zh[512];
    if (n && !q->include_later_pois)
        say(&R->B, true,
            fmt(en, sizeof en, EN(LY_S_Q_LATER_NOT_COUNTED), n, nen, n == 1 ? "" : "s", year,
                n == 1 ? "is" : "are"),
            fmt(zh, sizeof zh, ZH(ly_str_opened(LY_S_Q_LATER_NOT_COUNTED, (int)q->near)), n, nzh,
                year));
    else if (n)
        say(&R->B, true,
            fmt(en, sizeof en, EN(LY_S_Q_LATER_COUNTED), n, nen, n == 1 ? "" : "s", year),
            fmt(zh, sizeof zh, ZH(ly_str_opened(LY_S_Q_LATER_COUNTED, (int)q->near)), n, year,
                nzh));
}

/* ---- the finder's rent limits ---------------------------------------------------- */

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* x rounded up to a multiple of step (1.1 stays 1.1, whatever 1.1 / 0.1's
 * 11.000000000000002 says) */
static double round_up(double x, double step)
{
    double v = ceil(x / step - 1e-9) * step;
    /* the double a person typing it gives (0.6, not 0.6000000000000001): --find-rent 0.6
     * lights its chip */
    return round(v * 1e6) / 1e6;
}

size_t ly_query_rent_steps(const ly_district *d, double steps[3])
{
    double *rent = d->n_buildings ? malloc(d->n_buildings * sizeof *rent) : NULL;
    size_t n = 0;
    for (size_t i = 0; rent && i < d->n_buildings; i++) {
        const ly_building *b = &d->buildings[i];
        if (b->status != LY_STATUS_UNDER_CONSTRUCTION && b->rent_cny_m2_day > 0)
            rent[n++] = b->rent_cny_m2_day;
    }
    if (!n) {
        free(rent);
        return 0;
    }
    qsort(rent, n, sizeof *rent, by_value);
    /* the nearest rank: the least rent with at least that share of them at or under it */
    double mark[3];
    for (int k = 0; k < 3; k++) {
        size_t rank = (size_t)ceil((double)n * (k + 1) / 4.0);
        mark[k] = rent[rank > 0 ? rank - 1 : 0];
    }
    double base = pow(10, floor(log10(mark[1])));
    free(rent);
    static const double steps_of_base[4] = {1, 0.5, 0.2, 0.1};
    for (int s = 0; s < 4; s++) {
        double step = base * steps_of_base[s];
        for (int k = 0; k < 3; k++)
            steps[k] = round_up(mark[k], step);
        if (steps[0] < steps[1] && steps[1] < steps[2])
            break;
    }
    size_t out = 1;
    for (int k = 1; k < 3; k++)
        if (steps[k] > steps[out - 1])
            steps[out++] = steps[k];
    return out;
}

int ly_query_run(const ly_district *d, const ly_geo *geo, const ly_query_desc *q,
                 ly_query_result *out)
{
    memset(out, 0, sizeof *out);
    run R = {.d = d, .geo = geo, .q = q, .B = {.r = out},
             .near_m = q->near_m > 0 ? q->near_m : LY_QUERY_NEAR_M,
             .area = q->min_area_m2 > 0 || q->max_area_m2 > 0 || q->contiguous,
             .year = ly_district_data_year(d), .industry = set(q->industry) ? q->industry : NULL};
    industry_buildings(&R);
    if (q->near_poi) {
        R.walk = q->walk ? q->walk : (R.own_walk = ly_walk_create(d, geo));
        R.pois = near_places(d, geo, q, R.year, &R.n_pois, &R.B.oom);
    }
    for (size_t i = 0; !R.B.oom && i < d->n_buildings; i++) {
        ly_query_match m;
        if (!may_match(&R, &d->buildings[i]) || !matches(&R, i, &m))
            continue;
        if (!d->buildings[i].n_records) { /* nothing known of its space: no match */
            out->without_records++;
            continue;
        }
        reasons(&R, &m);
        if (R.B.oom || !grow((void **)&out->matches, &R.B.cap_matches, out->n_matches,
                             sizeof *out->matches)) {
            R.B.oom = true;
            break;
        }
        out->matches[out->n_matches++] = m;
    }
    ly_walk_destroy(R.own_walk);
    free(R.pois);
    free(R.with_ind);
    free(R.ind_count);
    free(R.boxes);
    if (q->near_poi && !R.B.oom)
        later_notes(&R);
    if (R.B.oom || sort_matches(out->matches, out->n_matches, d)) {
        ly_query_result_deinit(out);
        return -1;
    }
    return 0;
}

void ly_query_result_deinit(ly_query_result *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->n_reasons; i++) {
        free(r->reasons[i]);
        free(r->reasons_zh[i]);
    }
    for (size_t i = 0; i < r->n_notes; i++) {
        free(r->notes[i]);
        free(r->notes_zh[i]);
    }
    free(r->reasons);
    free(r->reasons_zh);
    free(r->notes);
    free(r->notes_zh);
    free(r->matches);
    free(r->spaces);
    memset(r, 0, sizeof *r);
}
