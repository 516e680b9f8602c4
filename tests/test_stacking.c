/* ly_stacking: floor states from records, one slab per floor and part,
 * exploding lifts floors, colours follow the legend, picking finds floors. */
#include "check.h"
#include "louyu/stacking.h"

int main(void)
{
    const char *text =
        "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"id\":\"t\","
        "\"properties\":{\"height_m\":40,\"floors\":10,"
        "\"floor_records\":[{\"floor\":1,\"area_m2\":100,\"vacant_m2\":0},"
        "{\"floor\":2,\"area_m2\":100,\"vacant_m2\":30},{\"floor\":3,\"area_m2\":100,"
        "\"vacant_m2\":100},{\"floor\":5,\"use\":\"plant\",\"area_m2\":100,\"vacant_m2\":0}]},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":"
        "[[[120.0,36.0],[120.0002,36.0],[120.0002,36.00018],[120.0,36.00018],[120.0,36.0]]]}}]}";
    ly_district d;
    ly_diag_list diags;
    ly_diag_list_init(&diags, "t");
    CHECK_INT(ly_district_load_mem(&d, text, strlen(text), "t", NULL, &diags), LY_LOAD_OK);
    ly_diag_list_deinit(&diags);
    ly_geo geo;
    CHECK_INT(ly_geo_init(&geo, &d), 0);
    const ly_building *b = &d.buildings[0];
    const ly_floor_record *r;
    CHECK_INT(ly_floor_state_of(&d, b, 1, &r), LY_FLOOR_LEASED);
    CHECK(r && r->floor == 1);
    CHECK_INT(ly_floor_state_of(&d, b, 2, NULL), LY_FLOOR_PARTLY_VACANT);
    CHECK_INT(ly_floor_state_of(&d, b, 3, NULL), LY_FLOOR_VACANT);
    CHECK_INT(ly_floor_state_of(&d, b, 4, &r), LY_FLOOR_NO_DATA);
    CHECK(r == NULL);
    /* a plant floor is not let: not "leased" (it had been drawn and said so) */
    CHECK_INT(ly_floor_state_of(&d, b, 5, NULL), LY_FLOOR_SERVICE);
    CHECK_INT(ly_floor_state_name(LY_FLOOR_SERVICE), LY_S_FLOOR_SERVICE);

    ly_stacking st;
    CHECK_INT(ly_stacking_build(&st, &d, &geo, 0, 0, 3, 3), 0);
    CHECK_INT(st.building, 0);
    /* 10 floors x (4 walls x 4 + top 4 + bottom 4) vertices */
    CHECK_INT(st.n_vertices, 10 * 24);
    CHECK_INT(st.n_indices, 10 * (8 + 2 + 2) * 3);
    int per_floor[11] = {0}, highlighted = 0, wrong_colour = 0;
    for (uint32_t i = 0; i < st.n_vertices; i++) {
        const ly_slab_vertex *v = &st.vertices[i];
        per_floor[v->floor]++;
        highlighted += v->highlight;
        const uint8_t *want = ly_floor_state_color(ly_floor_state_of(&d, b, v->floor, NULL));
        wrong_colour += memcmp(v->rgba, want, 4) != 0;
        /* each slab stays within its floor (4 m storeys), with a gap on top */
        float z0 = 4.0f * (v->floor - 1), z1 = 4.0f * v->floor;
        CHECK(v->pos[2] >= z0 - 1e-3f && v->pos[2] < z1 - 0.1f);
    }
    for (int f = 1; f <= 10; f++)
        CHECK_INT(per_floor[f], 24);
    CHECK_INT(highlighted, 24);
    CHECK_INT(wrong_colour, 0);
    /* the legend's colours are distinct */
    for (int a = 0; a < LY_FLOOR_STATES; a++)
        for (int c = a + 1; c < LY_FLOOR_STATES; c++)
            CHECK(memcmp(ly_floor_state_color(a), ly_floor_state_color(c), 3) != 0);

    /* a horizontal ray at 9 m hits floor 3 (8..12 m); at 8.1 m too; above the top, nothing */
    float cx = 0.5f * (st.min[0] + st.max[0]), cy = 0.5f * (st.min[1] + st.max[1]);
    float o[3] = {st.max[0] + 10, cy, 9}, dir[3] = {-1, 0, 0}, t;
    CHECK_INT(ly_stacking_pick(&st, o, dir, &t), 3);
    CHECK_NEAR(t, 10, 1e-3);
    o[2] = 45;
    CHECK_INT(ly_stacking_pick(&st, o, dir, &t), 0);
    /* from above, the top floor */
    float o2[3] = {cx, cy, 100}, down[3] = {0, 0, -1};
    CHECK_INT(ly_stacking_pick(&st, o2, down, &t), 10);
    ly_stacking_deinit(&st);
    /* a range of floors (an enterprise on floors 4-6) */
    CHECK_INT(ly_stacking_build(&st, &d, &geo, 0, 0, 4, 6), 0);
    highlighted = 0;
    for (uint32_t i = 0; i < st.n_vertices; i++)
        highlighted += st.vertices[i].highlight && st.vertices[i].floor >= 4 &&
                       st.vertices[i].floor <= 6;
    CHECK_INT(highlighted, 3 * 24);
    ly_stacking_deinit(&st);

    /* exploded: floor 10 lifted by 9 gaps */
    CHECK_INT(ly_stacking_build(&st, &d, &geo, 0, 1, 0, 0), 0);
    CHECK(st.max[2] > 40 + 9 * 2.0f);
    ly_stacking_deinit(&st);
    /* no building: empty */
    CHECK_INT(ly_stacking_build(&st, &d, &geo, -1, 0, 0, 0), 0);
    CHECK_INT(st.n_vertices, 0);
    CHECK_INT(st.building, -1);
    ly_stacking_deinit(&st);
    ly_geo_deinit(&geo);
    ly_district_unload(&d);
    return check_report();
}
