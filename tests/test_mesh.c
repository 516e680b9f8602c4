/* ly_geo and ly_mesh: extrusion counts, outward normals, closed lifted parts
 * (signed volume = area x height), floor numbers per vertex, and the bundled
 * district and sf-buildings within the size budget. */
#include "check.h"
#include "louyu/geo.h"
#include "louyu/mesh.h"

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
    /* A: 4 walls (16 vertices, 8 triangles) + roof (4, 2) */
    CHECK_INT(m.buildings[0].n_indices, 30);
    /* B: podium walls+roof (20 v, 10 t) + tower walls+roof+bottom (24 v, 12 t) */
    CHECK_INT(m.buildings[1].n_indices, 66);
    CHECK_INT(m.n_triangles, 10 + 22 + (8 + 8 + 8 + 8));
    CHECK_INT(m.bytes, m.n_vertices * sizeof(ly_vertex) + m.n_triangles * 3 * 4);
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
    CHECK_INT(roofs, 4 + 4 + 4 + 8);
    CHECK_INT(bottoms, 4 + 8);
    CHECK_INT(ly_building_floor_at(&d, &d.buildings[1], 15.99), 3);
    CHECK_INT(ly_building_floor_at(&d, &d.buildings[1], 16), 4);
    CHECK_INT(ly_building_floor_at(&d, &d.buildings[1], 1000), 15);
    ly_mesh_deinit(&m);
    ly_geo_deinit(&geo);
    ly_district_unload(&d);
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
    double per = (double)m.bytes / (double)m.n_buildings;
    printf("%s: %zu vertices, %zu triangles, %zu bytes (%.0f per building), %zu chunks\n", path,
           m.n_vertices, m.n_triangles, m.bytes, per, m.n_chunks);
    CHECK(per <= max_bytes_per_building);
    /* the origin is the centre: everything within a few km */
    CHECK(m.min[0] > -5000 && m.max[0] < 5000 && m.min[1] > -5000 && m.max[1] < 5000);
    ly_mesh_deinit(&m);
    ly_geo_deinit(&geo);
    ly_district_unload(&d);
}

int main(void)
{
    hand_made();
    real(LY_SOURCE_DIR "/data/zhanshan.geojson", 33, 1e6);
    real(LY_SOURCE_DIR "/tests/data/sf-buildings/sf-buildings.geojson", 13896, 1536);
    return check_report();
}
