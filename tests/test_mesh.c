/* ly_geo and ly_mesh: extrusion counts, outward normals, closed lifted parts
 * (signed volume = area x height), floor numbers per vertex, and the bundled
 * district and sf-buildings within the size budget. */
#include "check.h"
#include "louyu/geo.h"
#include "louyu/mesh.h"
#include "louyu/progress.h"

static int load(ly_district *d, const char *text)
{
    ly_diag_list diags;
    ly_diag_list_init(&diags, "t");
    int r = ly_district_load_mem(d, text, strlen(text), "t", NULL, &diags);
    for (size_t i = 0; i < diags.count; i++)
        ly_diag_print(stderr, &diags, &diags.items[i]);
    ly_diag_list_deinit(&diags);
    return r;
}

/* Signed volume of the triangles of building bi (divergence theorem). */
static double volume(const ly_mesh *m, uint32_t bi, int surface_mask)
{
    const ly_mesh_building *mb = &m->buildings[bi];
    const ly_mesh_chunk *c = &m->chunks[mb->chunk];
    double v = 0;
    for (uint32_t t = 0; t < mb->n_indices; t += 3) {
        const float *a = c->vertices[c->indices[mb->first_index + t]].pos;
        const float *b = c->vertices[c->indices[mb->first_index + t + 1]].pos;
        const float *p = c->vertices[c->indices[mb->first_index + t + 2]].pos;
        if (!(surface_mask & (1 << c->vertices[c->indices[mb->first_index + t]].surface)))
            continue;
        v += (a[0] * ((double)b[1] * p[2] - (double)b[2] * p[1]) -
              a[1] * ((double)b[0] * p[2] - (double)b[2] * p[0]) +
              a[2] * ((double)b[0] * p[1] - (double)b[1] * p[0])) / 6.0;
    }
    return v;
}

static void hand_made(void)
{
    /* A: a 0.0002° square, 20 m, floors 5 (CW ring on purpose).
     * B: podium + lifted tower (MultiPolygon with parts), floor heights given.
     * C: a courtyard block (outer ring with a hole). */
    const char *text =
        "{\"type\":\"FeatureCollection\",\"features\":["
        "{\"type\":\"Feature\",\"id\":\"A\",\"properties\":{\"height_m\":20,\"floors\":5},"
        "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[120.0,36.0],[120.0,36.0002],"
        "[120.0002,36.0002],[120.0002,36.0],[120.0,36.0]]]}},"
        "{\"type\":\"Feature\",\"id\":\"B\",\"properties\":{\"height_m\":60,\"floors\":15,"
        "\"floor_heights\":[6,5,5,4,4,4,4,4,4,4,4,3,3,3,3],"
        "\"parts\":[{\"height_m\":16},{\"min_height_m\":16,\"height_m\":60}]},"
        "\"geometry\":{\"type\":\"MultiPolygon\",\"coordinates\":["
        "[[[120.001,36.0],[120.0014,36.0],[120.0014,36.0004],[120.001,36.0004],[120.001,36.0]]],"
        "[[[120.0011,36.0001],[120.0013,36.0001],[120.0013,36.0003],[120.0011,36.0003],"
        "[120.0011,36.0001]]]]}},"
        "{\"type\":\"Feature\",\"id\":\"C\",\"properties\":{\"height_m\":12,\"min_height_m\":3},"
        "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":["
        "[[120.002,36.0],[120.0026,36.0],[120.0026,36.0006],[120.002,36.0006],[120.002,36.0]],"
        "[[120.0022,36.0002],[120.0022,36.0004],[120.0024,36.0004],[120.0024,36.0002],"
        "[120.0022,36.0002]]]}}]}";
    ly_district d;
    CHECK_INT(load(&d, text), LY_LOAD_OK);
    ly_geo geo;
    CHECK_INT(ly_geo_init(&geo, &d), 0);
    ly_mesh m;
    ly_mesh_timing tm;
    CHECK_INT(ly_mesh_init(&m, &d, &geo, &(ly_mesh_desc){.timing = &tm}), 0);
    CHECK_INT(m.n_buildings, 3);
    CHECK_INT(m.partial_polygons, 0);
    /* A: 4 walls (8 vertices, 8 triangles) + roof (4, 2) */
    CHECK_INT(m.buildings[0].n_indices, 30);
    /* B: podium walls+roof (12 v, 10 t) + tower walls+roof+bottom (16 v, 12 t) */
    CHECK_INT(m.buildings[1].n_indices, 66);
    CHECK_INT(m.n_triangles, 10 + 22 + (8 + 8 + 8 + 8));
    size_t lod_bytes = 0;
    for (size_t c = 0; c < m.n_chunks; c++)
        lod_bytes += m.chunks[c].n_lod_vertices * sizeof(ly_vertex) + m.chunks[c].n_lod_indices * 4;
    CHECK_INT(m.bytes, m.n_vertices * sizeof(ly_vertex) + m.n_triangles * 3 * 4 + lod_bytes);
    CHECK_INT(sizeof(ly_vertex), 24);

    /* the courtyard block flattened for the triangulator: both rings in one array of
     * projected points (the loader keeps no closing point), the hole after the outer
     * ring's four */
    ly_geo_flat flat = {0};
    const ly_polygon *court = &d.polygons[d.buildings[2].first_polygon];
    CHECK_INT(ly_geo_flatten(&flat, &d, &geo, court), 0);
    CHECK_INT(flat.poly.n_points, 8);
    CHECK_INT(flat.poly.n_holes, 1);
    CHECK_INT(flat.poly.hole_starts[0], 4);
    const size_t h0 = d.rings[court->first_ring + 1].first_point;
    CHECK_NEAR(flat.poly.xy[8], geo.xy[2 * h0], 0);
    CHECK_NEAR(flat.poly.xy[9], geo.xy[2 * h0 + 1], 0);
    /* reused for a polygon without holes */
    CHECK_INT(ly_geo_flatten(&flat, &d, &geo, &d.polygons[d.buildings[0].first_polygon]), 0);
    CHECK_INT(flat.poly.n_holes, 0);
    ly_geo_flat_deinit(&flat);
    CHECK(flat.xy == NULL && flat.holes == NULL);

    /* areas in m² from the projected rings */
    double areaA = 0;
    {
        const ly_ring *r = &d.rings[d.polygons[d.buildings[0].first_polygon].first_ring];
        const double *p = geo.xy + 2 * r->first_point;
        for (uint32_t i = 0, j = r->n_points - 1; i < r->n_points; j = i++)
            areaA += 0.5 * (p[2 * j] * p[2 * i + 1] - p[2 * i] * p[2 * j + 1]);
        areaA = fabs(areaA);
    }
    CHECK(areaA > 300 && areaA < 500);
    /* A on the ground: walls + roof have the volume of the prism relative to z=0 */
    CHECK_NEAR(volume(&m, 0, 7), areaA * 20, areaA * 20 * 1e-4);
    /* C is lifted (3..12 m) and has a courtyard: a closed solid of (outer - hole) x 9 m */
    double vC = volume(&m, 2, 7);
    CHECK(vC > 0);
    {
        const ly_polygon *pg = &d.polygons[d.buildings[2].first_polygon];
        double a = 0;
        for (uint32_t k = 0; k < pg->n_rings; k++) {
            const ly_ring *r = &d.rings[pg->first_ring + k];
            const double *p = geo.xy + 2 * r->first_point;
            double ar = 0;
            for (uint32_t i = 0, j = r->n_points - 1; i < r->n_points; j = i++)
                ar += 0.5 * (p[2 * j] * p[2 * i + 1] - p[2 * i] * p[2 * j + 1]);
            a += k ? -fabs(ar) : fabs(ar);
        }
        CHECK_NEAR(vC, a * 9, a * 9 * 1e-4);
    }
    /* Wall normals point away from the building's centre (outer walls) or into
     * the courtyard; roofs up, bottoms down; floors per vertex. */
    int bad_normals = 0, roofs = 0, bottoms = 0;
    for (size_t c = 0; c < m.n_chunks; c++) {
        const ly_mesh_chunk *ch = &m.chunks[c];
        for (uint32_t v = 0; v < ch->n_vertices; v++) {
            const ly_vertex *vx = &ch->vertices[v];
            const ly_mesh_building *mb = &m.buildings[vx->building];
            float cx = 0.5f * (mb->min[0] + mb->max[0]), cy = 0.5f * (mb->min[1] + mb->max[1]);
            if (vx->surface == LY_SURF_ROOF) {
                roofs++;
                bad_normals += vx->normal[2] != 127;
            } else if (vx->surface == LY_SURF_BOTTOM) {
                bottoms++;
                bad_normals += vx->normal[2] != -127;
            } else {
                float out = (vx->pos[0] - cx) * vx->normal[0] + (vx->pos[1] - cy) * vx->normal[1];
                bool courtyard = vx->building == 2 && fabsf(vx->pos[0] - cx) < 12 &&
                                 fabsf(vx->pos[1] - cy) < 12;
                bad_normals += courtyard ? out >= 0 : out <= 0;
            }
            if (vx->building == 1) {
                if (vx->pos[2] == 16.0f && vx->part == 1)
                    CHECK_INT(vx->floor, 4); /* 6+5+5 = 16 m: the tower starts on floor 4 */
                if (vx->pos[2] == 60.0f)
                    CHECK_INT(vx->floor, 15);
                if (vx->pos[2] == 0.0f)
                    CHECK_INT(vx->floor, 1);
            }
        }
    }
    CHECK_INT(bad_normals, 0);
    /* each triangle's flat values come from its last vertex (GL's provoking vertex):
     * its normal is the triangle's own, walls' included, though walls share corners */
    int bad_last = 0;
    for (size_t c = 0; c < m.n_chunks; c++) {
        const ly_mesh_chunk *ch = &m.chunks[c];
        for (uint32_t t = 0; t + 2 < ch->n_indices; t += 3) {
            const ly_vertex *a = &ch->vertices[ch->indices[t]], *b = &ch->vertices[ch->indices[t + 1]],
                            *l = &ch->vertices[ch->indices[t + 2]];
            double u[3], w[3], n[3];
            for (int k = 0; k < 3; k++) {
                u[k] = b->pos[k] - a->pos[k];
                w[k] = l->pos[k] - a->pos[k];
            }
            n[0] = u[1] * w[2] - u[2] * w[1];
            n[1] = u[2] * w[0] - u[0] * w[2];
            n[2] = u[0] * w[1] - u[1] * w[0];
            double len = sqrt(n[0] * n[0] + n[1] * n[1] + n[2] * n[2]);
            double dot = (n[0] * l->normal[0] + n[1] * l->normal[1] + n[2] * l->normal[2]) / 127;
            bad_last += !(len > 0 && dot > 0.99 * len);
            bad_last += a->surface != l->surface || b->surface != l->surface;
        }
    }
    CHECK_INT(bad_last, 0);
    CHECK_INT(m.n_vertices, (8 + 4) + (8 + 4) + (8 + 4 + 4) + (16 + 8 + 8));
    CHECK_INT(roofs, 4 + 4 + 4 + 8);
    CHECK_INT(bottoms, 4 + 8);
    CHECK_INT(ly_building_floor_at(&d, &d.buildings[1], 15.99), 3);
    CHECK_INT(ly_building_floor_at(&d, &d.buildings[1], 16), 4);
    CHECK_INT(ly_building_floor_at(&d, &d.buildings[1], 1000), 15);
    ly_mesh_deinit(&m);
    ly_geo_deinit(&geo);
    ly_district_unload(&d);
}

/* A district's text loaded, projected and meshed with the far levels, and freed. */
static void meshed(const char *text, ly_district *d, ly_geo *geo, ly_mesh *m)
{
    CHECK_INT(load(d, text), LY_LOAD_OK);
    CHECK_INT(ly_geo_init(geo, d), 0);
    CHECK_INT(ly_mesh_init(m, d, geo, NULL), 0);
}

static void unmeshed(ly_district *d, ly_geo *geo, ly_mesh *m)
{
    ly_mesh_deinit(m);
    ly_geo_deinit(geo);
    ly_district_unload(d);
}

/* Signed volume and roof area of far level k of chunk c, and its faults: indices
 * past the vertices, buildings out of range or under construction, roofs not at
 * the building's top. */
static double level_volume(const ly_mesh *m, const ly_district *d, size_t c, int k, double *roof,
                           int *faults)
{
    const ly_mesh_chunk *ch = &m->chunks[c];
    double v = 0;
    *roof = 0;
    for (uint32_t t = ch->lod_first[k]; t < ch->lod_first[k + 1]; t += 3) {
        const ly_vertex *x[3];
        for (int j = 0; j < 3; j++) {
            if (ch->lod_indices[t + j] >= ch->n_lod_vertices) {
                (*faults)++;
                return 0;
            }
            x[j] = &ch->lod_vertices[ch->lod_indices[t + j]];
            const ly_building *b = &d->buildings[x[j]->building];
            *faults += x[j]->building >= d->n_buildings || b->status != LY_STATUS_COMPLETED;
            *faults += x[j]->surface == LY_SURF_ROOF && x[j]->pos[2] != (float)b->height_m;
        }
        const float *a = x[0]->pos, *b = x[1]->pos, *p = x[2]->pos;
        v += (a[0] * ((double)b[1] * p[2] - (double)b[2] * p[1]) -
              a[1] * ((double)b[0] * p[2] - (double)b[2] * p[0]) +
              a[2] * ((double)b[0] * p[1] - (double)b[1] * p[0])) / 6.0;
        if (x[0]->surface == LY_SURF_ROOF)
            *roof += 0.5 * (((double)b[0] - a[0]) * ((double)p[1] - a[1]) -
                            ((double)b[1] - a[1]) * ((double)p[0] - a[0]));
    }
    return v;
}

/* The far levels: a 200 m square tower block (40 m), a building site beside it
 * (left out), the blocks closed and facing out, as tall as the tower, covering
 * its footprint to within a cell along its edge. */
static void levels(void)
{
    const char *text =
        "{\"type\":\"FeatureCollection\",\"features\":["
        "{\"type\":\"Feature\",\"id\":\"T\",\"properties\":{\"height_m\":40},"
        "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[120.0,36.0],[120.0022,36.0],"
        "[120.0022,36.0018],[120.0,36.0018],[120.0,36.0]]]}},"
        "{\"type\":\"Feature\",\"id\":\"S\",\"properties\":{\"height_m\":90,"
        "\"status\":\"under_construction\"},"
        "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[120.003,36.0],[120.004,36.0],"
        "[120.004,36.001],[120.003,36.001],[120.003,36.0]]]}}]}";
    ly_district d;
    ly_geo geo;
    ly_mesh m;
    meshed(text, &d, &geo, &m);
    CHECK_NEAR(m.lod_cell_m[0], 1000.0 / 64, 1e-3);
    CHECK_NEAR(m.lod_cell_m[1], 1000.0 / 32, 1e-3);
    CHECK_NEAR(m.lod_cell_m[2], 1000.0 / 16, 1e-3);
    CHECK_NEAR(m.lod_cell_m[3], 1000.0 / 8, 1e-3);
    double area = (m.buildings[0].max[0] - m.buildings[0].min[0]) *
                  (double)(m.buildings[0].max[1] - m.buildings[0].min[1]);
    double perimeter = 2 * ((m.buildings[0].max[0] - m.buildings[0].min[0]) +
                            (double)(m.buildings[0].max[1] - m.buildings[0].min[1]));
    int faults = 0;
    double roof[LY_MESH_LODS] = {0}, vol[LY_MESH_LODS] = {0};
    for (size_t c = 0; c < m.n_chunks; c++) {
        const ly_mesh_chunk *ch = &m.chunks[c];
        CHECK_INT(ch->lod_first[0], 0);
        CHECK_INT(ch->lod_first[LY_MESH_LODS], ch->n_lod_indices);
        for (int k = 0; k < LY_MESH_LODS; k++) {
            CHECK(ch->lod_first[k] <= ch->lod_first[k + 1]);
            double r;
            vol[k] += level_volume(&m, &d, c, k, &r, &faults);
            roof[k] += r;
        }
    }
    CHECK_INT(faults, 0);
    for (int k = 0; k < LY_MESH_LODS; k++) {
        /* every cell whose centre the tower covers, give or take half a cell along the edge */
        double slack = perimeter * m.lod_cell_m[k] / 2 + m.lod_cell_m[k] * m.lod_cell_m[k];
        printf("level %d: roof %.0f m² for %.0f m², volume %.0f m³\n", k, roof[k], area, vol[k]);
        CHECK_NEAR(roof[k], area, slack);
        CHECK_NEAR(vol[k], 40 * roof[k], 1e-3 * vol[k]); /* closed, facing out, 40 m tall */
    }
    unmeshed(&d, &geo, &m);
}

/* A far block is as tall as the tallest building in its cell, and coloured as the one
 * that covers most of it: a small tower beside a wide low hall keeps the skyline's height
 * (in a courtyard of the hall) on the coarsest level, but no cell takes the tower's colour (they had all taken the
 * tallest's, a far city coloured by height in its towers' colour alone). */
static void levels_majority(void)
{
    const char *text =
        "{\"type\":\"FeatureCollection\",\"features\":["
        "{\"type\":\"Feature\",\"id\":\"H\",\"properties\":{\"height_m\":10},"
        "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[120.0,36.0],[120.0044,36.0],"
        "[120.0044,36.0036],[120.0,36.0036],[120.0,36.0]],[[120.0021,36.0017],"
        "[120.0021,36.0019],[120.0023,36.0019],[120.0023,36.0017],[120.0021,36.0017]]]}},"
        "{\"type\":\"Feature\",\"id\":\"T\",\"properties\":{\"height_m\":80},"
        "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[120.0021,36.0017],"
        "[120.0023,36.0017],[120.0023,36.0019],[120.0021,36.0019],[120.0021,36.0017]]]}}]}";
    ly_district d;
    ly_geo geo;
    ly_mesh m;
    meshed(text, &d, &geo, &m);
    int k = LY_MESH_LODS - 1;
    double tower_roof = 0;
    float top = 0;
    for (size_t c = 0; c < m.n_chunks; c++) {
        const ly_mesh_chunk *ch = &m.chunks[c];
        for (uint32_t t = ch->lod_first[k]; t < ch->lod_first[k + 1]; t += 3) {
            const ly_vertex *a = &ch->lod_vertices[ch->lod_indices[t]];
            const ly_vertex *b = &ch->lod_vertices[ch->lod_indices[t + 1]];
            const ly_vertex *p = &ch->lod_vertices[ch->lod_indices[t + 2]];
            top = fmaxf(top, a->pos[2]);
            if (a->surface == LY_SURF_ROOF && a->building == 1)
                tower_roof += fabs(0.5 * (((double)b->pos[0] - a->pos[0]) *
                                              ((double)p->pos[1] - a->pos[1]) -
                                          ((double)b->pos[1] - a->pos[1]) *
                                              ((double)p->pos[0] - a->pos[0])));
        }
    }
    CHECK_NEAR(top, 80, 1e-3);
    CHECK_NEAR(tower_roof, 0, 1e-6);
    unmeshed(&d, &geo, &m);
}

/* The level a tile is drawn at: full near, blocks where half a cell covers at most two
 * pixels (fading in from 1.7), only levels that halve the triangles, and sooner in haze
 * (up to four times the error in clear air). */
static void tile_levels(void)
{
    const float cell[LY_MESH_LODS] = {15.625f, 31.25f, 62.5f, 125};
    ly_mesh_tile t = {.count = 3000, .lod_count = {900, 300, 100, 40}};
    float pa = 2 * tanf(22.5f * (float)M_PI / 180) / 720; /* a pixel at 720 rows, 45 degrees */
    float d0 = 0.5f * cell[0] / (2 * pa);                  /* where level 0 is 2 pixels off */
    CHECK_INT(ly_mesh_tile_level(cell, &t, 100, pa, 0).level, -1);
    CHECK_INT(ly_mesh_tile_level(cell, &t, 0.99f * d0, pa, 0).level, -1);
    ly_lod_choice c = ly_mesh_tile_level(cell, &t, 1.01f * d0, pa, 0);
    CHECK_INT(c.level, 0);
    CHECK(c.fade > 0 && c.fade < 1); /* 1.98 pixels: fading from the full mesh */
    c = ly_mesh_tile_level(cell, &t, 1.3f * d0, pa, 0);
    CHECK_INT(c.level, 0);
    CHECK_NEAR(c.fade, 0, 0);
    CHECK_INT(ly_mesh_tile_level(cell, &t, 2.1f * d0, pa, 0).level, 1);
    CHECK_INT(ly_mesh_tile_level(cell, &t, 1e6f, pa, 0).level, 3);
    CHECK_INT(ly_mesh_tile_level(cell, &t, 1e6f, 0, 0).level, -1); /* no pixel size: full */
    /* haze as far as the switch: 0.7 of the way keeps exp(-0.49) of the contrast, so
     * 2.86 pixels off looks like 1.75 */
    CHECK_INT(ly_mesh_tile_level(cell, &t, 0.7f * d0, pa, d0).level, 0);
    CHECK_INT(ly_mesh_tile_level(cell, &t, 0.7f * d0, pa, 1e9f).level, -1);
    /* deep haze: never more than 8 pixels off */
    CHECK_INT(ly_mesh_tile_level(cell, &t, d0 / 4.5f, pa, d0 / 100).level, -1);
    CHECK_INT(ly_mesh_tile_level(cell, &t, d0 / 3.5f, pa, d0 / 100).level, 0);
    /* a level that does not halve the finer one's triangles is passed over */
    t.lod_count[0] = 1600;
    CHECK_INT(ly_mesh_tile_level(cell, &t, 1.3f * d0, pa, 0).level, -1);
    CHECK_INT(ly_mesh_tile_level(cell, &t, 2.1f * d0, pa, 0).level, 1);
}

static void real(const char *path, size_t buildings, double max_bytes_per_building)
{
    ly_district d;
    ly_diag_list diags;
    ly_diag_list_init(&diags, path);
    CHECK_INT(ly_district_load(&d, path, NULL, &diags), LY_LOAD_OK);
    ly_diag_list_deinit(&diags);
    ly_geo geo;
    CHECK_INT(ly_geo_init(&geo, &d), 0);
    ly_mesh m;
    CHECK_INT(ly_mesh_init(&m, &d, &geo, NULL), 0);
    CHECK_INT(m.n_buildings, buildings);
    CHECK_INT(m.partial_polygons, 0);
    size_t empty = 0;
    for (size_t i = 0; i < m.n_buildings; i++)
        empty += m.buildings[i].n_indices == 0;
    CHECK_INT(empty, 0);
    size_t far = 0;
    for (size_t c = 0; c < m.n_chunks; c++)
        far += m.chunks[c].n_lod_vertices * sizeof(ly_vertex) + m.chunks[c].n_lod_indices * 4;
    /* the full mesh within its budget; the far levels a small part on top */
    double per = (double)(m.bytes - far) / (double)m.n_buildings;
    printf("%s: %zu vertices, %zu triangles, %zu bytes (%.0f per building, far levels %.0f %%), "
           "%zu chunks\n", path, m.n_vertices, m.n_triangles, m.bytes, per,
           100.0 * (double)far / (double)(m.bytes - far), m.n_chunks);
    CHECK(per <= max_bytes_per_building);
    /* (the full mesh shares its walls' corners, the far levels' blocks do not: they are
     * about half its size) */
    if (buildings > 1000)
        CHECK(far <= (m.bytes - far) * 3 / 4);
    /* the origin is the centre: everything within a few km */
    CHECK(m.min[0] > -5000 && m.max[0] < 5000 && m.min[1] > -5000 && m.max[1] < 5000);
    ly_mesh_deinit(&m);
    ly_geo_deinit(&geo);
    ly_district_unload(&d);
}

/* A load's stages as the window's bar and the terminal's line read them: in order,
 * never back, the share done growing. */
static void progress(void)
{
    ly_progress p;
    ly_progress_reset(&p);
    float f0, f1, f2, f3;
    CHECK_INT(ly_progress_get(&p, &f0), LY_STAGE_START);
    CHECK_NEAR(f0, 0, 0);
    const char *path = LY_SOURCE_DIR "/tests/data/sf-buildings/sf-buildings.geojson";
    ly_district d;
    ly_diag_list diags;
    ly_diag_list_init(&diags, path);
    CHECK_INT(ly_district_load(&d, path, &(ly_load_desc){.progress = &p}, &diags), LY_LOAD_OK);
    ly_diag_list_deinit(&diags);
    CHECK_INT(ly_progress_get(&p, &f1), LY_STAGE_VALIDATE);
    ly_geo geo;
    CHECK_INT(ly_geo_init(&geo, &d), 0);
    ly_mesh m;
    CHECK_INT(ly_mesh_init(&m, &d, &geo, &(ly_mesh_desc){.progress = &p}), 0);
    CHECK_INT(ly_progress_get(&p, &f2), LY_STAGE_LOD);
    ly_progress_stage(&p, LY_STAGE_CHECK); /* never back */
    CHECK_INT(ly_progress_get(&p, &f3), LY_STAGE_LOD);
    printf("progress: %.2f after loading, %.2f after the meshes\n", f1, f2);
    CHECK(f1 > 0.3f && f1 < 0.6f && f2 > f1 && f2 < 1.0f && f3 == f2);
    ly_progress_stage(&p, LY_STAGE_DONE);
    CHECK_INT(ly_progress_get(&p, &f3), LY_STAGE_DONE);
    CHECK_NEAR(f3, 1, 0);
    for (int s = 0; s < LY_STAGES; s++)
        CHECK(*ly_stage_name((ly_stage)s, LY_LANG_ZH) && *ly_stage_name((ly_stage)s, LY_LANG_EN));
    ly_mesh_deinit(&m);
    ly_geo_deinit(&geo);
    ly_district_unload(&d);
}

int main(void)
{
    tile_levels();
    hand_made();
    levels();
    levels_majority();
    progress();
    real(LY_SOURCE_DIR "/data/zhanshan.geojson", 33, 1e6);
    real(LY_SOURCE_DIR "/tests/data/sf-buildings/sf-buildings.geojson", 13896, 1536);
    return check_report();
}
