/* Ear clipping over a doubly linked ring, after bridging the holes into the outer ring.
 *
 * Conventions: the outer ring is linked counter-clockwise (y up), holes clockwise, so
 * after bridging every convex corner of the merged ring has cross(prev, p, next) > 0 and an
 * ear (prev, p, next) is emitted counter-clockwise as it is. When the plain clipping pass
 * runs out of ears, the ring goes through harder passes: (1) drop duplicate and collinear
 * points, (2) cut off local self-intersections, (3) split the ring along a valid diagonal
 * and start over on both halves. The passes are jobs on an explicit stack, so depth does
 * not grow with the input, and every loop spends from one work budget, so no input can
 * make the triangulator run for long: when the budget is gone, it stops and says PARTIAL. */
#include "louyu/triangulate.h"

#include <assert.h>
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

typedef struct node node;
struct node {
    double x, y;
    node *prev, *next;   /* the ring */
    node *zprev, *znext; /* the same nodes in z-order, only while hashing */
    uint32_t i;          /* index of the point in the caller's array */
    uint32_t z;
    bool steiner; /* a one-point hole: never filtered away */
};

typedef struct {
    node *ring;
    bool cured;
} job;

typedef struct {
    node *nodes;
    size_t cap;
} chunk;

enum {
    HASH_ABOVE = 80,  /* points; below this a full ring scan beats the z-order index */
    MIN_CHUNK = 1024, /* nodes */
    MAX_CHUNKS = 48,  /* each new chunk at least doubles the total: plenty */
    Z_BITS = 15,      /* per axis */
    RADIX_BITS = 10,  /* z keys are 30 bits: three counting passes */
};

#define MAX_POINTS (1u << 30)
/* Work units (nodes visited) per call, not counting hole bridging: enough for any sane
 * polygon by a wide margin (the fixtures use under 350 per point, a 20,000-point random
 * star about 730), small enough that a hostile tangle gives up in well under a second. */
#define WORK_BASE 10000000LL
#define WORK_PER_POINT 2000LL

struct ly_triangulator {
    chunk chunks[MAX_CHUNKS]; /* the node pool: chunks never move, nodes are pointers */
    int n_chunks, cur_chunk;
    node *pool_next, *pool_end;

    uint32_t *out; /* 3 indices per triangle */
    size_t out_len, out_cap;

    job *jobs;
    size_t n_jobs, jobs_cap;

    node **sort_a, **sort_b; /* z-order sort scratch; sort_a also lists the holes */
    size_t sort_a_cap, sort_b_cap;

    /* per call */
    bool hashing, nomem;
    bool out_of_work; /* the budget is spent: stop everything */
    bool left_over;   /* a ring was given up on: the result is partial */
    bool filtered;    /* filter_points removed a node */
    double min_x, min_y, inv_size;
    long long budget;
};

/* ---- geometry -------------------------------------------------------------------------- */

/* Twice the signed area of (a, b, c): positive when counter-clockwise in a y-up plane.
 * Both edges are taken from b, so the result is exactly antisymmetric in a and c:
 * near-degenerate corners get the same verdict walked either way. */
static inline double cross(const node *a, const node *b, const node *c)
{
    return (b->x - a->x) * (c->y - b->y) - (b->y - a->y) * (c->x - b->x);
}

static inline bool same_xy(const node *a, const node *b)
{
    return a->x == b->x && a->y == b->y;
}

/* p inside or on the counter-clockwise triangle (a, b, c). Every product is taken
 * relative to p, so the three edge tests round alike. */
static inline bool in_triangle(double ax, double ay, double bx, double by, double cx, double cy,
                               double px, double py)
{
    const double dax = ax - px, day = ay - py, dbx = bx - px, dby = by - py;
    const double dcx = cx - px, dcy = cy - py;
    return dax * dby >= dbx * day && dbx * dcy >= dcx * dby && dcx * day >= dax * dcy;
}

static inline int sign(double v)
{
    return (v > 0) - (v < 0);
}

/* q within the bounding box of the segment p-r (q already known collinear). */
static bool on_segment(const node *p, const node *q, const node *r)
{
    return q->x <= (p->x > r->x ? p->x : r->x) && q->x >= (p->x < r->x ? p->x : r->x) &&
           q->y <= (p->y > r->y ? p->y : r->y) && q->y >= (p->y < r->y ? p->y : r->y);
}

/* Segments p1-q1 and p2-q2 cross; with `touching`, also when one ends on the other. */
static bool segments_meet(const node *p1, const node *q1, const node *p2, const node *q2,
                          bool touching)
{
    int o1 = sign(cross(p1, q1, p2)), o2 = sign(cross(p1, q1, q2));
    int o3 = sign(cross(p2, q2, p1)), o4 = sign(cross(p2, q2, q1));
    if (o1 * o2 < 0 && o3 * o4 < 0) return true;
    if (!touching) return false;
    return (o1 == 0 && on_segment(p1, p2, q1)) || (o2 == 0 && on_segment(p1, q2, q1)) ||
           (o3 == 0 && on_segment(p2, p1, q2)) || (o4 == 0 && on_segment(p2, q1, q2));
}

/* The segment a-b leaves a into the polygon's interior (the sector between a's edges). */
static bool locally_inside(const node *a, const node *b)
{
    if (cross(a->prev, a, a->next) > 0)
        return cross(a, b, a->next) <= 0 && cross(a, a->prev, b) <= 0;
    return cross(a, b, a->prev) > 0 || cross(a, a->next, b) > 0;
}

/* Reflex sector at p lies inside the sector at m (both meet a hole's leftmost point). */
static bool sector_in_sector(const node *m, const node *p)
{
    return cross(m->prev, m, p->prev) > 0 && cross(p->next, m, m->next) > 0;
}

/* ---- memory ---------------------------------------------------------------------------- */

static bool add_chunk(ly_triangulator *t, size_t want)
{
    if (t->n_chunks == MAX_CHUNKS) return false;
    size_t total = 0;
    for (int k = 0; k < t->n_chunks; k++)
        total += t->chunks[k].cap;
    size_t cap = want > total ? want : total;
    if (cap < MIN_CHUNK) cap = MIN_CHUNK;
    if (cap > SIZE_MAX / sizeof(node)) return false;
    node *nodes = malloc(cap * sizeof *nodes);
    if (!nodes) return false;
    t->chunks[t->n_chunks++] = (chunk){nodes, cap};
    return true;
}

/* Makes sure the chunks from the first on hold `need` nodes, and rewinds the pool. */
static bool pool_reset(ly_triangulator *t, size_t need)
{
    size_t total = 0;
    for (int k = 0; k < t->n_chunks; k++)
        total += t->chunks[k].cap;
    if (total < need && !add_chunk(t, need - total)) return false;
    t->cur_chunk = 0;
    t->pool_next = t->chunks[0].nodes;
    t->pool_end = t->chunks[0].nodes + t->chunks[0].cap;
    return true;
}

static node *pool_slow(ly_triangulator *t)
{
    if (t->cur_chunk + 1 >= t->n_chunks && !add_chunk(t, MIN_CHUNK)) {
        t->nomem = true;
        return NULL;
    }
    chunk *c = &t->chunks[++t->cur_chunk];
    t->pool_next = c->nodes;
    t->pool_end = c->nodes + c->cap;
    return t->pool_next++;
}

static inline node *new_node(ly_triangulator *t, uint32_t i, double x, double y)
{
    node *p = t->pool_next < t->pool_end ? t->pool_next++ : pool_slow(t);
    if (!p) return NULL;
    *p = (node){.x = x, .y = y, .i = i};
    return p;
}

static bool grow(void **items, size_t *cap, size_t need, size_t item)
{
    if (need <= *cap) return true;
    size_t n = *cap ? *cap : 64;
    while (n < need) {
        if (n > SIZE_MAX / 2 / item) return false;
        n *= 2;
    }
    void *p = realloc(*items, n * item);
    if (!p) return false;
    *items = p;
    *cap = n;
    return true;
}

static inline void emit(ly_triangulator *t, uint32_t a, uint32_t b, uint32_t c)
{
    if (t->out_len + 3 > t->out_cap &&
        !grow((void **)&t->out, &t->out_cap, t->out_len + 3, sizeof *t->out)) {
        t->nomem = true;
        return;
    }
    uint32_t *o = t->out + t->out_len;
    o[0] = a;
    o[1] = b;
    o[2] = c;
    t->out_len += 3;
}

static void push_job(ly_triangulator *t, node *ring, bool cured)
{
    if (!ring) return;
    if (!grow((void **)&t->jobs, &t->jobs_cap, t->n_jobs + 1, sizeof *t->jobs)) {
        t->nomem = true;
        return;
    }
    t->jobs[t->n_jobs++] = (job){ring, cured};
}

/* ---- rings ----------------------------------------------------------------------------- */

static inline void unlink_node(node *p)
{
    p->next->prev = p->prev;
    p->prev->next = p->next;
    if (p->zprev) p->zprev->znext = p->znext;
    if (p->znext) p->znext->zprev = p->zprev;
}

static inline bool finite_xy(double x, double y)
{
    /* x - x is NaN for NaN and for infinities */
    return x - x == 0 && y - y == 0;
}

/* Links points [begin, end) into a ring of the wanted winding, leaving out non-finite
 * points and consecutive repeats (the closing point among them). NULL when nothing is
 * left or on allocation failure (t->nomem). */
static node *build_ring(ly_triangulator *t, const double *xy, uint32_t begin, uint32_t end,
                        bool ccw)
{
    double area = 0, px = 0, py = 0, fx = 0, fy = 0;
    bool any = false;
    for (uint32_t k = begin; k < end; k++) {
        double x = xy[2 * k], y = xy[2 * k + 1];
        if (!finite_xy(x, y)) continue;
        if (any)
            area += px * y - x * py;
        else
            fx = x, fy = y, any = true;
        px = x, py = y;
    }
    if (!any) return NULL;
    area += px * fy - fx * py;
    bool forward = (area > 0) == ccw;
    node *last = NULL;
    for (uint32_t n = 0; n < end - begin; n++) {
        uint32_t k = forward ? begin + n : end - 1 - n;
        double x = xy[2 * k], y = xy[2 * k + 1];
        if (!finite_xy(x, y)) continue;
        node *p = new_node(t, k, x, y);
        if (!p) return NULL;
        if (last) {
            p->prev = last;
            p->next = last->next;
            last->next->prev = p;
            last->next = p;
        } else {
            p->prev = p->next = p;
        }
        last = p;
    }
    if (last != last->next && same_xy(last, last->next)) {
        node *first = last->next;
        unlink_node(last);
        last = first;
    }
    return last;
}

/* Drops repeated points and collinear corners. With end NULL (or start), sweeps the whole
 * ring, lapping on after every removal; otherwise heals only the window start..end, as
 * needed around a fresh cut. Returns a node still in the ring. */
static node *filter_points(ly_triangulator *t, node *start, node *end)
{
    if (!start) return start;
    const bool full = !end || end == start;
    if (!end) end = start;
    node *p = start;
    /* an interrupted filter leaves a valid ring, only a less tidy one */
    while (--t->budget >= 0) {
        if (p != p->next && !p->steiner &&
            (same_xy(p, p->next) || cross(p->prev, p, p->next) == 0)) {
            if (full || p == end) end = p->prev;
            unlink_node(p);
            t->filtered = true;
            /* the corner before may have become flat: look at it again */
            p = p->prev;
            continue;
        }
        if (!full && p == end) break;
        p = p->next;
        if (full && p == end) break;
    }
    return end;
}

/* Cuts the ring along a-b into two rings that share copies of a and b. Returns the copy
 * of b, which lies on the ring that does not contain a. */
static node *split_ring(ly_triangulator *t, node *a, node *b)
{
    node *a2 = new_node(t, a->i, a->x, a->y);
    node *b2 = new_node(t, b->i, b->x, b->y);
    if (!a2 || !b2) return NULL;
    node *an = a->next, *bp = b->prev;
    a->next = b;
    b->prev = a;
    a2->next = an;
    an->prev = a2;
    b2->next = a2;
    a2->prev = b2;
    bp->next = b2;
    b2->prev = bp;
    return b2;
}

/* ---- z-order hashing ------------------------------------------------------------------- */

static inline uint32_t spread_bits(uint32_t v)
{
    v = (v | (v << 8)) & 0x00FF00FFu;
    v = (v | (v << 4)) & 0x0F0F0F0Fu;
    v = (v | (v << 2)) & 0x33333333u;
    v = (v | (v << 1)) & 0x55555555u;
    return v;
}

static inline uint32_t quantize(double v)
{
    const double top = (double)((1u << Z_BITS) - 1);
    return v > 0 ? (v < top ? (uint32_t)v : (uint32_t)top) : 0;
}

static inline uint32_t z_key(const ly_triangulator *t, double x, double y)
{
    return spread_bits(quantize((x - t->min_x) * t->inv_size)) |
           spread_bits(quantize((y - t->min_y) * t->inv_size)) << 1;
}

/* Links the ring's nodes into a list sorted by z key (a counting sort: rings are big). */
static bool index_ring(ly_triangulator *t, node *start)
{
    size_t m = 0;
    node *p = start;
    do {
        m++;
        p = p->next;
    } while (p != start);
    if (!grow((void **)&t->sort_a, &t->sort_a_cap, m, sizeof *t->sort_a) ||
        !grow((void **)&t->sort_b, &t->sort_b_cap, m, sizeof *t->sort_b)) {
        t->nomem = true;
        return false;
    }
    node **a = t->sort_a, **b = t->sort_b;
    enum { R = 1 << RADIX_BITS };
    static_assert(3 * RADIX_BITS >= 2 * Z_BITS, "three passes cover the key");
    uint32_t count[3][R];
    memset(count, 0, sizeof count);
    m = 0;
    p = start;
    do {
        p->z = z_key(t, p->x, p->y);
        for (int d = 0; d < 3; d++)
            count[d][(p->z >> (d * RADIX_BITS)) & (R - 1)]++;
        a[m++] = p;
        p = p->next;
    } while (p != start);
    for (int d = 0; d < 3; d++) {
        uint32_t sum = 0;
        for (int k = 0; k < R; k++) {
            uint32_t c = count[d][k];
            count[d][k] = sum;
            sum += c;
        }
        for (size_t k = 0; k < m; k++)
            b[count[d][(a[k]->z >> (d * RADIX_BITS)) & (R - 1)]++] = a[k];
        node **s = a;
        a = b;
        b = s;
    }
    for (size_t k = 0; k < m; k++) {
        a[k]->zprev = k ? a[k - 1] : NULL;
        a[k]->znext = k + 1 < m ? a[k + 1] : NULL;
    }
    t->budget -= (long long)m;
    return true;
}

/* ---- ears ------------------------------------------------------------------------------ */

/* A point blocks an ear when it lies in the ear's triangle and is a reflex corner (a
 * convex corner inside would imply a reflex one too). A point at a's place does not: it
 * is the other end of a bridge, and blocking on it would leave bridges unclipped. */
#define BLOCKS(p)                                                                                  \
    ((p)->x >= x0 && (p)->x <= x1 && (p)->y >= y0 && (p)->y <= y1 &&                               \
     !((p)->x == ax && (p)->y == ay) && in_triangle(ax, ay, bx, by, cx, cy, (p)->x, (p)->y) &&     \
     cross((p)->prev, (p), (p)->next) <= 0)

#define EAR_SETUP                                                                                  \
    const node *a = ear->prev, *b = ear, *c = ear->next;                                           \
    if (cross(a, b, c) <= 0) return false;                                                         \
    const double ax = a->x, ay = a->y, bx = b->x, by = b->y, cx = c->x, cy = c->y;                 \
    const double x0 = ax < bx ? (ax < cx ? ax : cx) : (bx < cx ? bx : cx);                         \
    const double y0 = ay < by ? (ay < cy ? ay : cy) : (by < cy ? by : cy);                         \
    const double x1 = ax > bx ? (ax > cx ? ax : cx) : (bx > cx ? bx : cx);                         \
    const double y1 = ay > by ? (ay > cy ? ay : cy) : (by > cy ? by : cy)

static bool is_ear(ly_triangulator *t, const node *ear)
{
    EAR_SETUP;
    long long work = 0;
    for (const node *p = c->next; p != a; p = p->next) {
        work++;
        if (BLOCKS(p)) {
            t->budget -= work;
            return false;
        }
    }
    t->budget -= work;
    return true;
}

/* The same test, visiting only nodes whose z key lies within the triangle's box. */
static bool is_ear_hashed(ly_triangulator *t, const node *ear)
{
    EAR_SETUP;
    const uint32_t zlo = z_key(t, x0, y0), zhi = z_key(t, x1, y1);
    const node *p = ear->zprev, *n = ear->znext;
    long long work = 0;
    bool blocked = false;
    while (p && p->z >= zlo && n && n->z <= zhi) {
        work += 2;
        if ((p != a && p != c && BLOCKS(p)) || (n != a && n != c && BLOCKS(n))) {
            blocked = true;
            goto done;
        }
        p = p->zprev;
        n = n->znext;
    }
    for (; p && p->z >= zlo; p = p->zprev) {
        work++;
        if (p != a && p != c && BLOCKS(p)) {
            blocked = true;
            goto done;
        }
    }
    for (; n && n->z <= zhi; n = n->znext) {
        work++;
        if (n != a && n != c && BLOCKS(n)) {
            blocked = true;
            goto done;
        }
    }
done:
    t->budget -= work;
    return !blocked;
}

/* ---- the harder passes ----------------------------------------------------------------- */

/* Where a-b, p-q are two edges two apart that cross, the triangle (a, p, q's successor)
 * cuts the crossing off; it may be clockwise, so it is emitted the right way round. */
static node *cure_local_intersections(ly_triangulator *t, node *start)
{
    node *p = start;
    bool cured = false;
    do {
        node *a = p->prev, *q = p->next, *b = q->next;
        /* a proper crossing only: edges that merely touch are left to the split */
        if (segments_meet(a, p, q, b, false) && locally_inside(a, b) && locally_inside(b, a)) {
            /* flat ones cover nothing and are dropped */
            double area = cross(a, p, b);
            if (area > 0)
                emit(t, a->i, p->i, b->i);
            else if (area < 0)
                emit(t, a->i, b->i, p->i);
            unlink_node(p);
            unlink_node(q);
            p = start = b;
            cured = true;
        }
        p = p->next;
        t->budget--;
    } while (p != start && t->budget >= 0);
    return cured ? filter_points(t, p, NULL) : p;
}

static bool crosses_ring(ly_triangulator *t, const node *a, const node *b)
{
    const node *p = a;
    long long work = 0;
    bool hit = false;
    do {
        work++;
        if (p->i != a->i && p->next->i != a->i && p->i != b->i && p->next->i != b->i &&
            segments_meet(p, p->next, a, b, true)) {
            hit = true;
            break;
        }
        p = p->next;
    } while (p != a);
    t->budget -= work;
    return hit;
}

/* The midpoint of a-b is inside the ring (even-odd rule). */
static bool middle_inside(ly_triangulator *t, const node *a, const node *b)
{
    const node *p = a;
    const double mx = (a->x + b->x) / 2, my = (a->y + b->y) / 2;
    bool inside = false;
    long long work = 0;
    do {
        const node *q = p->next;
        work++;
        if ((p->y > my) != (q->y > my) && mx < (q->x - p->x) * (my - p->y) / (q->y - p->y) + p->x)
            inside = !inside;
        p = q;
    } while (p != a);
    t->budget -= work;
    return inside;
}

static bool valid_diagonal(ly_triangulator *t, const node *a, const node *b)
{
    if (a->next->i == b->i) return false;
    /* a zero-length diagonal between two reflex corners at the same place */
    if (same_xy(a, b) && cross(a->prev, a, a->next) < 0 && cross(b->prev, b, b->next) < 0)
        return !crosses_ring(t, a, b);
    /* inside at both ends, not turning back on itself, crossing nothing */
    return locally_inside(a, b) && locally_inside(b, a) &&
           (cross(a->prev, a, b->prev) != 0 || cross(a, b->prev, b) != 0) &&
           !crosses_ring(t, a, b) && middle_inside(t, a, b);
}

/* Splits the ring along the first valid diagonal found and queues both halves. */
static void split_and_queue(ly_triangulator *t, node *start)
{
    node *a = start;
    do {
        for (node *b = a->next->next; b != a->prev; b = b->next) {
            if (t->budget < 0) {
                t->out_of_work = true;
                return;
            }
            if (a->i == b->i || !valid_diagonal(t, a, b)) continue;
            node *c = split_ring(t, a, b);
            if (!c) return;
            /* filter both halves before either is re-indexed: the z links are shared */
            a = filter_points(t, a, a->next);
            c = filter_points(t, c, c->next);
            push_job(t, c, false);
            push_job(t, a, false);
            return;
        }
        a = a->next;
    } while (a != start);
    t->left_over = true;
}

/* Clips ears from the ring. When a full lap finds none: filter the ring and go on while
 * filtering removes something (each removal can open new ears), then cure local
 * self-intersections once, then split the ring in two and queue the halves. */
static void clip_ring(ly_triangulator *t, node *ear, bool cured)
{
    if (t->hashing && !index_ring(t, ear)) return;
    node *stop = ear;
    while (ear->prev != ear->next) {
        node *prev = ear->prev, *next = ear->next;
        if (t->hashing ? is_ear_hashed(t, ear) : is_ear(t, ear)) {
            emit(t, prev->i, ear->i, next->i);
            unlink_node(ear);
            /* on past the next corner: each lap around the ring then takes every other
             * corner, so triangles stay small (a fan from one corner would make each ear's
             * box the ring's, and a round lake of 100,000 points quadratic) */
            ear = stop = next->next;
            continue;
        }
        ear = next;
        if (t->budget < 0) {
            t->out_of_work = true;
            return;
        }
        if (ear != stop) continue;
        t->filtered = false;
        ear = stop = filter_points(t, ear, NULL);
        if (t->filtered) continue;
        if (!cured) {
            ear = stop = cure_local_intersections(t, ear);
            cured = true;
            continue;
        }
        split_and_queue(t, ear);
        return;
    }
}

/* ---- holes ----------------------------------------------------------------------------- */

/* The outer-ring node that the hole's leftmost point can be joined to without crossing
 * anything: cast a ray to the left, take the nearest edge it meets, then the reflex corner
 * inside the triangle it spans that makes the smallest angle with the ray. */
static node *find_bridge(ly_triangulator *t, node *hole, node *outer)
{
    const double hx = hole->x, hy = hole->y;
    double qx = -HUGE_VAL;
    node *m = NULL, *p = outer;
    long long work = 0;
    if (same_xy(hole, p)) return p;
    do {
        node *q = p->next;
        work++;
        if (same_xy(hole, q)) {
            t->budget -= work;
            return q;
        }
        /* edges going down face left on a counter-clockwise ring */
        if (hy <= p->y && hy >= q->y && q->y != p->y) {
            double x = p->x + (hy - p->y) * (q->x - p->x) / (q->y - p->y);
            if (x <= hx && x > qx) {
                qx = x;
                m = p->x < q->x ? p : q;
                if (x == hx) {
                    t->budget -= work;
                    return m;
                }
            }
        }
        p = q;
    } while (p != outer);
    if (!m) {
        t->budget -= work;
        return NULL;
    }
    const node *stop = m;
    const double mx = m->x, my = m->y;
    /* the triangle (hole, ray hit, m), counter-clockwise */
    const double tax = hy < my ? hx : qx, tcx = hy < my ? qx : hx;
    double tan_min = HUGE_VAL;
    p = m;
    do {
        work++;
        if (hx >= p->x && p->x >= mx && hx != p->x &&
            in_triangle(tax, hy, mx, my, tcx, hy, p->x, p->y)) {
            double tan = fabs(hy - p->y) / (hx - p->x);
            /* a corner on a horizontal edge running right past the hole also sees it */
            bool sees =
                locally_inside(p, hole) || (p->y == hy && p->next->y == hy && p->next->x > hx);
            if (sees &&
                (tan < tan_min ||
                 (tan == tan_min && (p->x > m->x || (p->x == m->x && sector_in_sector(m, p)))))) {
                m = p;
                tan_min = tan;
            }
        }
        p = p->next;
    } while (p != stop);
    t->budget -= work;
    return m;
}

static double edge_slope(const node *p)
{
    double dx = p->next->x - p->x, dy = p->next->y - p->y;
    if (dx != 0) return dy / dx;
    return dy > 0 ? HUGE_VAL : dy < 0 ? -HUGE_VAL : 0;
}

/* Leftmost first; ties by y, then by the slope of the next edge; then by index, so the
 * order is total whatever the input. */
static int hole_order(const void *pa, const void *pb)
{
    const node *a = *(node *const *)pa, *b = *(node *const *)pb;
    if (a->x != b->x) return a->x < b->x ? -1 : 1;
    if (a->y != b->y) return a->y < b->y ? -1 : 1;
    double sa = edge_slope(a), sb = edge_slope(b);
    if (sa != sb) return sa < sb ? -1 : 1;
    return (a->i > b->i) - (a->i < b->i);
}

static node *leftmost(node *start)
{
    node *p = start, *best = start;
    do {
        if (p->x < best->x || (p->x == best->x && p->y < best->y)) best = p;
        p = p->next;
    } while (p != start);
    return best;
}

static node *eliminate_holes(ly_triangulator *t, const ly_tri_polygon *poly, node *outer)
{
    if (!grow((void **)&t->sort_a, &t->sort_a_cap, poly->n_holes, sizeof *t->sort_a)) {
        t->nomem = true;
        return outer;
    }
    node **list = t->sort_a;
    size_t n = 0;
    for (uint32_t h = 0; h < poly->n_holes; h++) {
        uint32_t begin = poly->hole_starts[h];
        uint32_t end = h + 1 < poly->n_holes ? poly->hole_starts[h + 1] : poly->n_points;
        node *ring = build_ring(t, poly->xy, begin, end, false);
        if (t->nomem) return outer;
        if (!ring) continue;
        if (ring == ring->next)
            ring->steiner = true;
        else
            ring = filter_points(t, ring, NULL);
        list[n++] = leftmost(ring);
    }
    qsort(list, n, sizeof *list, hole_order);
    for (size_t k = 0; k < n; k++) {
        node *bridge = find_bridge(t, list[k], outer);
        if (!bridge) continue;
        node *back = split_ring(t, bridge, list[k]);
        if (!back) return outer;
        filter_points(t, back, back->next);
        outer = filter_points(t, bridge, bridge->next);
    }
    /* one sweep over the merged ring for collinear and repeated points */
    return filter_points(t, outer, NULL);
}

/* ---- public ---------------------------------------------------------------------------- */

ly_triangulator *ly_triangulator_create(void)
{
    return calloc(1, sizeof(ly_triangulator));
}

void ly_triangulator_destroy(ly_triangulator *t)
{
    if (!t) return;
    for (int k = 0; k < t->n_chunks; k++)
        free(t->chunks[k].nodes);
    free(t->out);
    free(t->jobs);
    free(t->sort_a);
    free(t->sort_b);
    free(t);
}

static bool valid_polygon(const ly_tri_polygon *poly)
{
    if (poly->n_points > MAX_POINTS || (poly->n_points && !poly->xy)) return false;
    if (!poly->n_holes) return true;
    if (!poly->hole_starts || poly->n_holes >= poly->n_points) return false;
    uint32_t prev = 0;
    for (uint32_t h = 0; h < poly->n_holes; h++) {
        uint32_t s = poly->hole_starts[h];
        if (s <= prev || s >= poly->n_points) return false;
        prev = s;
    }
    return true;
}

ly_tri_status ly_triangulate(ly_triangulator *t, const ly_tri_polygon *poly,
                             const uint32_t **indices, size_t *n_triangles)
{
    *indices = NULL;
    *n_triangles = 0;
    if (!t || !poly || !valid_polygon(poly)) return LY_TRI_INVALID;
    t->out_len = 0;
    t->n_jobs = 0;
    t->nomem = t->out_of_work = t->left_over = t->hashing = false;
    t->budget = WORK_BASE + WORK_PER_POINT * (long long)poly->n_points;
    const uint32_t n = poly->n_points;
    /* every bridge adds two nodes; splits add more later, from extra chunks */
    size_t need = (size_t)n + 2 * (size_t)poly->n_holes + 8;
    if (!pool_reset(t, need) || !grow((void **)&t->out, &t->out_cap, 3 * need, sizeof *t->out))
        return LY_TRI_NOMEM;
    *indices = t->out;

    const uint32_t outer_end = poly->n_holes ? poly->hole_starts[0] : n;
    node *outer = build_ring(t, poly->xy, 0, outer_end, true);
    if (t->nomem) return LY_TRI_NOMEM;
    if (!outer || outer->next == outer->prev) return LY_TRI_OK;
    if (poly->n_holes) {
        /* collinear points left on the rings would become bridge ends and extra vertices */
        outer = filter_points(t, outer, NULL);
        outer = eliminate_holes(t, poly, outer);
        if (t->nomem) return LY_TRI_NOMEM;
        /* bridging is O(holes x points) whatever happens; the budget is for clipping */
        t->budget = WORK_BASE + WORK_PER_POINT * (long long)poly->n_points;
    }
    if (n > HASH_ABOVE) {
        double x0 = HUGE_VAL, y0 = HUGE_VAL, x1 = -HUGE_VAL, y1 = -HUGE_VAL;
        for (uint32_t k = 0; k < outer_end; k++) {
            double x = poly->xy[2 * k], y = poly->xy[2 * k + 1];
            if (!finite_xy(x, y)) continue;
            x0 = x < x0 ? x : x0;
            y0 = y < y0 ? y : y0;
            x1 = x > x1 ? x : x1;
            y1 = y > y1 ? y : y1;
        }
        double size = x1 - x0 > y1 - y0 ? x1 - x0 : y1 - y0;
        t->hashing = true;
        t->min_x = x0;
        t->min_y = y0;
        /* all at one place: every key is 0 and the z walk degenerates to a full scan */
        t->inv_size = size > 0 ? ((1u << Z_BITS) - 1) / size : 0;
    }

    push_job(t, outer, false);
    while (t->n_jobs && !t->nomem && !t->out_of_work) {
        job j = t->jobs[--t->n_jobs];
        clip_ring(t, j.ring, j.cured);
    }
    *indices = t->out;
    *n_triangles = t->out_len / 3;
    if (t->nomem) return LY_TRI_NOMEM;
    return t->out_of_work || t->left_over ? LY_TRI_PARTIAL : LY_TRI_OK;
}

/* Twice the signed area of points [begin, end), by the shoelace formula in its trapezoid
 * form: differences of x times sums of y keep their precision far from the origin,
 * where products of raw coordinates would cancel catastrophically. */
static double ring_area2(const double *xy, uint32_t begin, uint32_t end)
{
    double sum = 0;
    for (uint32_t k = begin, j = end - 1; k < end; j = k++)
        sum += (xy[2 * j] - xy[2 * k]) * (xy[2 * k + 1] + xy[2 * j + 1]);
    return sum;
}

double ly_triangulation_deviation(const ly_tri_polygon *poly, const uint32_t *indices,
                                  size_t n_triangles)
{
    const double *xy = poly->xy;
    const uint32_t n = poly->n_points;
    double polygon = 0;
    for (uint32_t h = 0; h <= poly->n_holes; h++) {
        uint32_t begin = h ? poly->hole_starts[h - 1] : 0;
        uint32_t end = h < poly->n_holes ? poly->hole_starts[h] : n;
        if (end > n) end = n;
        if (begin >= end) continue;
        double a = fabs(ring_area2(xy, begin, end));
        polygon += h ? -a : a;
    }
    double tris = 0;
    for (size_t k = 0; k < n_triangles; k++) {
        const uint32_t *v = indices + 3 * k;
        double ax = xy[2 * v[0]], ay = xy[2 * v[0] + 1];
        tris += fabs((xy[2 * v[1]] - ax) * (xy[2 * v[2] + 1] - ay) -
                     (xy[2 * v[2]] - ax) * (xy[2 * v[1] + 1] - ay));
    }
    if (polygon == 0 && tris == 0) return 0;
    return fabs((tris - polygon) / polygon);
}
