#include "louyu/bvh.h"

#include <cglm/cglm.h>
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

enum { LEAF_SIZE = 2, MAX_DEPTH = 64 };

typedef struct {
    float c[3]; /* box centre */
} centre;

static void swap_items(uint32_t *a, uint32_t *b)
{
    uint32_t t = *a;
    *a = *b;
    *b = t;
}

/* Reorders items[lo..hi] so that items[k] has the k-th smallest centre along
 * `axis`, smaller ones before it and larger ones after (quickselect with a
 * three-way partition, so equal keys cannot stall it). */
static void select_kth(uint32_t *items, const centre *cs, int axis, uint32_t lo, uint32_t hi,
                       uint32_t k)
{
    while (hi > lo) {
        float pivot = cs[items[lo + (hi - lo) / 2]].c[axis];
        uint32_t lt = lo, i = lo, gt = hi;
        while (i <= gt) {
            float v = cs[items[i]].c[axis];
            if (v < pivot) {
                swap_items(&items[lt++], &items[i++]);
            } else if (v > pivot) {
                swap_items(&items[i], &items[gt]);
                if (gt == 0)
                    break;
                gt--;
            } else {
                i++;
            }
        }
        if (k < lt)
            hi = lt - 1;
        else if (k > gt)
            lo = gt + 1;
        else
            return;
    }
}

/* Recursive median split on the longest axis of the centres' extent:
 * fast to build (n log n), and good enough for building-sized boxes.
 * Depth is bounded by log2(n) because each split halves the range. */
static void build(ly_bvh *b, const ly_mesh_building *mb, const centre *cs, uint32_t node,
                  uint32_t first, uint32_t count)
{
    ly_bvh_node *nd = &b->nodes[node];
    float cmin[3] = {FLT_MAX, FLT_MAX, FLT_MAX}, cmax[3] = {-FLT_MAX, -FLT_MAX, -FLT_MAX};
    for (int k = 0; k < 3; k++) {
        nd->min[k] = FLT_MAX;
        nd->max[k] = -FLT_MAX;
    }
    for (uint32_t i = first; i < first + count; i++) {
        uint32_t it = b->items[i];
        for (int k = 0; k < 3; k++) {
            nd->min[k] = fminf(nd->min[k], mb[it].min[k]);
            nd->max[k] = fmaxf(nd->max[k], mb[it].max[k]);
            cmin[k] = fminf(cmin[k], cs[it].c[k]);
            cmax[k] = fmaxf(cmax[k], cs[it].c[k]);
        }
    }
    if (count <= LEAF_SIZE) {
        nd->first = first;
        nd->count = count;
        return;
    }
    int axis = 0;
    for (int k = 1; k < 3; k++)
        if (cmax[k] - cmin[k] > cmax[axis] - cmin[axis])
            axis = k;
    uint32_t mid = first + count / 2;
    select_kth(b->items, cs, axis, first, first + count - 1, mid);
    uint32_t left = (uint32_t)b->n_nodes;
    b->n_nodes += 2;
    nd->first = left;
    nd->count = 0;
    build(b, mb, cs, left, first, mid - first);
    build(b, mb, cs, left + 1, mid, first + count - mid);
}

int ly_bvh_init(ly_bvh *b, const ly_mesh *mesh)
{
    memset(b, 0, sizeof *b);
    b->mesh = mesh;
    size_t n = 0;
    for (size_t i = 0; i < mesh->n_buildings; i++)
        n += mesh->buildings[i].n_indices > 0;
    if (!n)
        return 0;
    b->items = malloc(n * sizeof *b->items);
    b->nodes = malloc(2 * n * sizeof *b->nodes);
    centre *cs = malloc(mesh->n_buildings * sizeof *cs);
    if (!b->items || !b->nodes || !cs) {
        free(cs);
        ly_bvh_deinit(b);
        return -1;
    }
    for (size_t i = 0; i < mesh->n_buildings; i++) {
        const ly_mesh_building *mb = &mesh->buildings[i];
        for (int k = 0; k < 3; k++)
            cs[i].c[k] = 0.5f * (mb->min[k] + mb->max[k]);
        if (mb->n_indices)
            b->items[b->n_items++] = (uint32_t)i;
    }
    b->n_nodes = 1;
    build(b, mesh->buildings, cs, 0, 0, (uint32_t)n);
    free(cs);
    return 0;
}

void ly_bvh_deinit(ly_bvh *b)
{
    if (!b)
        return;
    free(b->nodes);
    free(b->items);
    memset(b, 0, sizeof *b);
}

/* Slab test; returns the entry distance or INFINITY. */
static float ray_box(const float *o, const float *inv, const float *mn, const float *mx,
                     float tmax)
{
    float t0 = 0, t1 = tmax;
    for (int k = 0; k < 3; k++) {
        float a = (mn[k] - o[k]) * inv[k], c = (mx[k] - o[k]) * inv[k];
        if (a > c) {
            float t = a;
            a = c;
            c = t;
        }
        /* NaN (0 * inf) leaves the interval unchanged */
        t0 = a > t0 ? a : t0;
        t1 = c < t1 ? c : t1;
        if (t0 > t1)
            return INFINITY;
    }
    return t0;
}

float ly_ray_triangle(const float o[3], const float dir[3], const float a[3], const float b[3],
                      const float c[3], float nrm[3])
{
    float e1[3] = {b[0] - a[0], b[1] - a[1], b[2] - a[2]};
    float e2[3] = {c[0] - a[0], c[1] - a[1], c[2] - a[2]};
    float p[3] = {dir[1] * e2[2] - dir[2] * e2[1], dir[2] * e2[0] - dir[0] * e2[2],
                  dir[0] * e2[1] - dir[1] * e2[0]};
    float det = e1[0] * p[0] + e1[1] * p[1] + e1[2] * p[2];
    if (fabsf(det) < 1e-12f)
        return INFINITY;
    float inv = 1.0f / det;
    float s[3] = {o[0] - a[0], o[1] - a[1], o[2] - a[2]};
    float u = (s[0] * p[0] + s[1] * p[1] + s[2] * p[2]) * inv;
    if (u < 0 || u > 1)
        return INFINITY;
    float q[3] = {s[1] * e1[2] - s[2] * e1[1], s[2] * e1[0] - s[0] * e1[2],
                  s[0] * e1[1] - s[1] * e1[0]};
    float v = (dir[0] * q[0] + dir[1] * q[1] + dir[2] * q[2]) * inv;
    if (v < 0 || u + v > 1)
        return INFINITY;
    float t = (e2[0] * q[0] + e2[1] * q[1] + e2[2] * q[2]) * inv;
    if (t < 0)
        return INFINITY;
    nrm[0] = e1[1] * e2[2] - e1[2] * e2[1];
    nrm[1] = e1[2] * e2[0] - e1[0] * e2[2];
    nrm[2] = e1[0] * e2[1] - e1[1] * e2[0];
    return t;
}

bool ly_bvh_ray(const ly_bvh *b, const ly_district *d, const float o[3], const float dir[3],
                float max_t, ly_hit *hit)
{
    hit->building = -1;
    hit->floor = 0;
    hit->distance = INFINITY;
    if (!b->n_nodes)
        return false;
    float inv[3];
    for (int k = 0; k < 3; k++)
        inv[k] = 1.0f / dir[k];
    float best = max_t, best_n[3] = {0, 0, 0};
    long best_b = -1;
    uint32_t stack[MAX_DEPTH * 2];
    int sp = 0;
    stack[sp++] = 0;
    while (sp) {
        const ly_bvh_node *nd = &b->nodes[stack[--sp]];
        if (ray_box(o, inv, nd->min, nd->max, best) == INFINITY)
            continue;
        if (!nd->count) {
            /* visit the nearer child first */
            const ly_bvh_node *l = &b->nodes[nd->first], *r = &b->nodes[nd->first + 1];
            float tl = ray_box(o, inv, l->min, l->max, best);
            float tr = ray_box(o, inv, r->min, r->max, best);
            if (tl <= tr) {
                if (tr != INFINITY)
                    stack[sp++] = nd->first + 1;
                if (tl != INFINITY)
                    stack[sp++] = nd->first;
            } else {
                if (tl != INFINITY)
                    stack[sp++] = nd->first;
                stack[sp++] = nd->first + 1;
            }
            continue;
        }
        for (uint32_t i = 0; i < nd->count; i++) {
            uint32_t bi = b->items[nd->first + i];
            const ly_mesh_building *mb = &b->mesh->buildings[bi];
            /* the building's own box first: its triangles are far away in memory */
            if (nd->count > 1 && ray_box(o, inv, mb->min, mb->max, best) == INFINITY)
                continue;
            const ly_mesh_chunk *ch = &b->mesh->chunks[mb->chunk];
            const uint32_t *idx = ch->indices + mb->first_index;
            for (uint32_t t = 0; t < mb->n_indices; t += 3) {
                float nrm[3];
                float tt = ly_ray_triangle(o, dir, ch->vertices[idx[t]].pos, ch->vertices[idx[t + 1]].pos,
                                   ch->vertices[idx[t + 2]].pos, nrm);
                if (tt < best) {
                    best = tt;
                    best_b = bi;
                    memcpy(best_n, nrm, sizeof best_n);
                }
            }
        }
    }
    if (best_b < 0)
        return false;
    hit->building = best_b;
    hit->distance = best;
    for (int k = 0; k < 3; k++)
        hit->point[k] = o[k] + best * dir[k];
    float len = sqrtf(best_n[0] * best_n[0] + best_n[1] * best_n[1] + best_n[2] * best_n[2]);
    for (int k = 0; k < 3; k++)
        hit->normal[k] = len > 0 ? best_n[k] / len : 0;
    /* face the normal towards the ray's origin */
    if (hit->normal[0] * dir[0] + hit->normal[1] * dir[1] + hit->normal[2] * dir[2] > 0)
        for (int k = 0; k < 3; k++)
            hit->normal[k] = -hit->normal[k];
    if (d && (size_t)best_b < d->n_buildings) {
        /* a point on the roof belongs to the top floor, not the one above it */
        const ly_building *bd = &d->buildings[best_b];
        hit->floor = ly_building_floor_at(d, bd, hit->point[2] - 1e-3f);
    }
    return true;
}

void ly_frustum_init(ly_frustum *f, const float m[16])
{
    float(*pl)[4] = f->planes;
    for (int i = 0; i < 3; i++) {
        for (int k = 0; k < 4; k++) {
            float row_w = m[k * 4 + 3], row_i = m[k * 4 + i];
            pl[2 * i][k] = row_w + row_i;
            pl[2 * i + 1][k] = row_w - row_i;
        }
    }
}

bool ly_frustum_box_outside(const ly_frustum *f, const float mn[3], const float mx[3])
{
    const float(*pl)[4] = f->planes;
    for (int p = 0; p < 6; p++) {
        /* the box corner furthest along the plane normal */
        float x = pl[p][0] >= 0 ? mx[0] : mn[0];
        float y = pl[p][1] >= 0 ? mx[1] : mn[1];
        float z = pl[p][2] >= 0 ? mx[2] : mn[2];
        if (pl[p][0] * x + pl[p][1] * y + pl[p][2] * z + pl[p][3] < 0)
            return true;
    }
    return false;
}

size_t ly_bvh_frustum(const ly_bvh *b, const float view_proj[16], uint32_t *out, size_t cap)
{
    if (!b->n_nodes)
        return 0;
    ly_frustum f;
    ly_frustum_init(&f, view_proj);
    size_t n = 0;
    uint32_t stack[MAX_DEPTH * 2];
    int sp = 0;
    stack[sp++] = 0;
    while (sp) {
        const ly_bvh_node *nd = &b->nodes[stack[--sp]];
        if (ly_frustum_box_outside(&f, nd->min, nd->max))
            continue;
        if (!nd->count) {
            stack[sp++] = nd->first;
            stack[sp++] = nd->first + 1;
            continue;
        }
        for (uint32_t i = 0; i < nd->count; i++) {
            uint32_t bi = b->items[nd->first + i];
            const ly_mesh_building *mb = &b->mesh->buildings[bi];
            if (nd->count > 1 && ly_frustum_box_outside(&f, mb->min, mb->max))
                continue;
            if (n < cap)
                out[n] = bi;
            n++;
        }
    }
    return n;
}

bool ly_screen_ray(const float view_proj[16], int width, int height, float sx, float sy,
                   float origin[3], float dir[3])
{
    mat4 vp, inv;
    memcpy(vp, view_proj, sizeof vp);
    if (fabsf(glm_mat4_det(vp)) < 1e-30f || width <= 0 || height <= 0)
        return false;
    glm_mat4_inv(vp, inv);
    float nx = 2.0f * sx / (float)width - 1.0f, ny = 1.0f - 2.0f * sy / (float)height;
    vec4 near = {nx, ny, -1, 1}, far = {nx, ny, 1, 1}, a, b;
    glm_mat4_mulv(inv, near, a);
    glm_mat4_mulv(inv, far, b);
    if (fabsf(a[3]) < 1e-30f || fabsf(b[3]) < 1e-30f)
        return false;
    for (int k = 0; k < 3; k++) {
        origin[k] = a[k] / a[3];
        dir[k] = b[k] / b[3] - origin[k];
    }
    return true;
}

bool ly_bvh_pick_screen(const ly_bvh *b, const ly_district *d, const float view_proj[16],
                        int width, int height, float sx, float sy, float tol_px, ly_hit *hit)
{
    float o[3], dir[3];
    hit->building = -1;
    if (!ly_screen_ray(view_proj, width, height, sx, sy, o, dir))
        return false;
    if (ly_bvh_ray(b, d, o, dir, 1.0f, hit))
        return true;
    /* Rings of samples around the point, nearest ring first: the first ring
     * that touches a building decides, and within it the nearest surface. */
    const int rings = 4;
    for (int r = 1; r <= rings && tol_px > 0; r++) {
        float rad = tol_px * (float)r / rings;
        int samples = 8 * r;
        ly_hit best = {.building = -1, .distance = INFINITY};
        for (int s = 0; s < samples; s++) {
            float a = 2.0f * (float)M_PI * ((float)s + 0.5f * (r & 1)) / (float)samples;
            ly_hit h;
            if (ly_screen_ray(view_proj, width, height, sx + rad * cosf(a), sy + rad * sinf(a), o,
                              dir) &&
                ly_bvh_ray(b, d, o, dir, 1.0f, &h) && h.distance < best.distance)
                best = h;
        }
        if (best.building >= 0) {
            *hit = best;
            return true;
        }
    }
    return false;
}
