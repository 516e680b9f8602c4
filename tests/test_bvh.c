/* ly_bvh: ray picking against brute force on 10,000 random rays over
 * sf-buildings, frustum culling against brute force, and touch picking with a
 * tolerance on a hand-made scene. */
#include "check.h"
#include "louyu/bvh.h"

#include <cglm/cglm.h>
#include <stdint.h>

static uint64_t rng = 0x9E3779B97F4A7C15ull;
static float frand(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (float)((rng >> 40) / 16777216.0);
}

/* An independent ray/triangle test (plane hit, then barycentric signs). */
static float brute_tri(const float *o, const float *d, const float *a, const float *b,
                       const float *c)
{
    double e1[3], e2[3], n[3];
    for (int k = 0; k < 3; k++) {
        e1[k] = (double)b[k] - a[k];
        e2[k] = (double)c[k] - a[k];
    }
    n[0] = e1[1] * e2[2] - e1[2] * e2[1];
    n[1] = e1[2] * e2[0] - e1[0] * e2[2];
    n[2] = e1[0] * e2[1] - e1[1] * e2[0];
    double den = n[0] * d[0] + n[1] * d[1] + n[2] * d[2];
    if (fabs(den) < 1e-12)
        return INFINITY;
    double t = (n[0] * (a[0] - o[0]) + n[1] * (a[1] - o[1]) + n[2] * (a[2] - o[2])) / den;
    if (t < 0)
        return INFINITY;
    double p[3] = {o[0] + t * d[0], o[1] + t * d[1], o[2] + t * d[2]};
    const float *v[3] = {a, b, c};
    for (int i = 0; i < 3; i++) {
        const float *s = v[i], *e = v[(i + 1) % 3];
        double ed[3] = {e[0] - s[0], e[1] - s[1], e[2] - s[2]};
        double ps[3] = {p[0] - s[0], p[1] - s[1], p[2] - s[2]};
        double cr[3] = {ed[1] * ps[2] - ed[2] * ps[1], ed[2] * ps[0] - ed[0] * ps[2],
                        ed[0] * ps[1] - ed[1] * ps[0]};
        if (cr[0] * n[0] + cr[1] * n[1] + cr[2] * n[2] < -1e-9 * (n[0] * n[0] + n[1] * n[1] + n[2] * n[2]))
            return INFINITY;
    }
    return (float)t;
}

static float brute_ray(const ly_mesh *m, const float *o, const float *d, long *building)
{
    float best = INFINITY;
    *building = -1;
    for (size_t bi = 0; bi < m->n_buildings; bi++) {
        const ly_mesh_building *mb = &m->buildings[bi];
        /* skip boxes the ray cannot touch (slab test, double precision) */
        double t0 = 0, t1 = INFINITY;
        for (int k = 0; k < 3 && t0 <= t1; k++) {
            if (d[k] == 0) {
                if (o[k] < mb->min[k] || o[k] > mb->max[k])
                    t0 = INFINITY;
                continue;
            }
            double a = (mb->min[k] - o[k]) / d[k], b = (mb->max[k] - o[k]) / d[k];
            if (a > b) {
                double t = a;
                a = b;
                b = t;
            }
            t0 = fmax(t0, a - 1e-3);
            t1 = fmin(t1, b + 1e-3);
        }
        if (t0 > t1 || t0 > best)
            continue;
        const ly_mesh_chunk *c = &m->chunks[mb->chunk];
        for (uint32_t t = 0; t < mb->n_indices; t += 3) {
            const uint32_t *ix = c->indices + mb->first_index + t;
            float tt = brute_tri(o, d, c->vertices[ix[0]].pos, c->vertices[ix[1]].pos,
                                 c->vertices[ix[2]].pos);
            if (tt < best) {
                best = tt;
                *building = (long)bi;
            }
        }
    }
    return best;
}

static void sf_rays(void)
{
    const char *path = LY_SOURCE_DIR "/tests/data/sf-buildings/sf-buildings.geojson";
    ly_district d;
    ly_diag_list diags;
    ly_diag_list_init(&diags, path);
    CHECK_INT(ly_district_load(&d, path, NULL, &diags), LY_LOAD_OK);
    ly_diag_list_deinit(&diags);
    ly_geo geo;
    ly_mesh m;
    ly_bvh bvh;
    CHECK_INT(ly_geo_init(&geo, &d), 0);
    CHECK_INT(ly_mesh_init(&m, &d, &geo, NULL), 0);
    CHECK_INT(ly_bvh_init(&bvh, &m), 0);
    CHECK_INT(bvh.n_items, 13896);
    int hits = 0, mismatches = 0, floors_bad = 0;
    for (int i = 0; i < 10000; i++) {
        /* from a random point up to 200 m high towards a random point on the ground */
        float o[3], t[3], dir[3];
        for (int k = 0; k < 2; k++) {
            o[k] = m.min[k] + frand() * (m.max[k] - m.min[k]);
            t[k] = m.min[k] + frand() * (m.max[k] - m.min[k]);
        }
        o[2] = frand() * 200;
        t[2] = 0;
        /* some rays short and steep, some long and shallow */
        if (i % 2) {
            for (int k = 0; k < 2; k++)
                t[k] = o[k] + (frand() - 0.5f) * 300;
        }
        for (int k = 0; k < 3; k++)
            dir[k] = t[k] - o[k];
        ly_hit h;
        bool got = ly_bvh_ray(&bvh, &d, o, dir, INFINITY, &h);
        long bb;
        float bt = brute_ray(&m, o, dir, &bb);
        if (got != (bb >= 0) ||
            (got && (fabsf(h.distance - bt) > 1e-4f * fmaxf(1, bt) ||
                     (h.building != bb && fabsf(h.distance - bt) > 1e-6f)))) {
            if (mismatches < 5)
                fprintf(stderr, "ray %d: bvh %ld at %g, brute %ld at %g\n", i, h.building,
                        h.distance, bb, bt);
            mismatches++;
        }
        if (got) {
            hits++;
            const ly_building *b = &d.buildings[h.building];
            floors_bad += h.floor < 1 || h.floor > b->floors;
        }
    }
    printf("10000 rays: %d hits, %d mismatches\n", hits, mismatches);
    CHECK_INT(mismatches, 0);
    CHECK_INT(floors_bad, 0);
    CHECK(hits > 1000 && hits < 9900); /* the test really exercises both */

    /* frustum: a camera 400 m up looking north-east and down */
    mat4 proj, view, vp;
    glm_perspective(glm_rad(50), 16.0f / 9.0f, 1.0f, 10000.0f, proj);
    glm_lookat((vec3){-800, -800, 400}, (vec3){200, 300, 0}, (vec3){0, 0, 1}, view);
    glm_mat4_mul(proj, view, vp);
    uint32_t *out = malloc(m.n_buildings * sizeof *out);
    size_t n = ly_bvh_frustum(&bvh, (const float *)vp, out, m.n_buildings);
    /* brute force: a building is visible if any corner of its box projects inside */
    size_t inside_any_corner = 0, found_of_those = 0;
    char *in = calloc(m.n_buildings, 1);
    for (size_t i = 0; i < n && i < m.n_buildings; i++)
        in[out[i]] = 1;
    for (size_t bi = 0; bi < m.n_buildings; bi++) {
        const ly_mesh_building *mb = &m.buildings[bi];
        bool vis = false;
        for (int c = 0; c < 8 && !vis; c++) {
            vec4 p = {c & 1 ? mb->max[0] : mb->min[0], c & 2 ? mb->max[1] : mb->min[1],
                      c & 4 ? mb->max[2] : mb->min[2], 1}, q;
            glm_mat4_mulv(vp, p, q);
            vis = q[3] > 0 && fabsf(q[0]) <= q[3] && fabsf(q[1]) <= q[3] && fabsf(q[2]) <= q[3];
        }
        if (vis) {
            inside_any_corner++;
            found_of_those += in[bi];
        }
    }
    printf("frustum: %zu of %zu buildings, %zu with a corner inside\n", n, m.n_buildings,
           inside_any_corner);
    CHECK(n > 100 && n < m.n_buildings);
    CHECK_INT(found_of_those, inside_any_corner); /* no visible building culled */
    /* the count query works without room */
    CHECK_INT(ly_bvh_frustum(&bvh, (const float *)vp, NULL, 0), n);
    free(in);
    free(out);
    ly_bvh_deinit(&bvh);
    ly_mesh_deinit(&m);
    ly_geo_deinit(&geo);
    ly_district_unload(&d);
}

static void touch(void)
{
    /* one 20 m tower; camera straight above it */
    const char *text =
        "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"id\":\"t\","
        "\"properties\":{\"height_m\":40,\"floors\":10},\"geometry\":{\"type\":\"Polygon\","
        "\"coordinates\":[[[120.0,36.0],[120.0002,36.0],[120.0002,36.00018],[120.0,36.00018],"
        "[120.0,36.0]]]}}]}";
    ly_district d;
    ly_diag_list diags;
    ly_diag_list_init(&diags, "t");
    CHECK_INT(ly_district_load_mem(&d, text, strlen(text), "t", NULL, &diags), LY_LOAD_OK);
    ly_diag_list_deinit(&diags);
    ly_geo geo;
    ly_mesh m;
    ly_bvh bvh;
    ly_geo_init(&geo, &d);
    ly_mesh_init(&m, &d, &geo, NULL);
    ly_bvh_init(&bvh, &m);
    mat4 proj, view, vp;
    glm_ortho(-100, 100, -100, 100, 1, 1000, proj); /* 200 m across 400 px: 2 px per metre */
    glm_lookat((vec3){0, 0, 500}, (vec3){0, 0, 0}, (vec3){0, 1, 0}, view);
    glm_mat4_mul(proj, view, vp);
    ly_hit h;
    CHECK(ly_bvh_pick_screen(&bvh, &d, (const float *)vp, 400, 400, 200, 200, 0, &h));
    CHECK_INT(h.building, 0);
    CHECK_INT(h.floor, 10); /* the roof is the top floor */
    CHECK_NEAR(h.point[2], 40, 1e-3);
    CHECK_NEAR(h.normal[2], 1, 1e-5);
    /* the tower is about 18 x 20 m: its edge is ~18 px from the centre */
    CHECK(!ly_bvh_pick_screen(&bvh, &d, (const float *)vp, 400, 400, 200 + 40, 200, 0, &h));
    CHECK(ly_bvh_pick_screen(&bvh, &d, (const float *)vp, 400, 400, 200 + 40, 200, 30, &h));
    CHECK_INT(h.building, 0);
    CHECK(!ly_bvh_pick_screen(&bvh, &d, (const float *)vp, 400, 400, 200 + 80, 200, 30, &h));
    CHECK_INT(h.building, -1);
    /* a ray down the side of the wall hits the right floor */
    float o[3] = {m.buildings[0].max[0] + 5, 0, 13}, dir[3] = {-1, 0, 0};
    CHECK(ly_bvh_ray(&bvh, &d, o, dir, INFINITY, &h));
    CHECK_INT(h.floor, 4); /* 4 m storeys: 13 m is on floor 4 */
    CHECK_NEAR(h.distance, 5, 1e-3);
    ly_bvh_deinit(&bvh);
    ly_mesh_deinit(&m);
    ly_geo_deinit(&geo);
    ly_district_unload(&d);
}

int main(void)
{
    touch();
    sf_rays();
    return check_report();
}
