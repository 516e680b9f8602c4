/* ly_labels: names over the map, placed by priority and never overlapping;
 * kept off reserved boxes (the panels) and the window's edge (the selection's slides along
 * its stem to keep off them, is cut short to the gap they leave, or goes under its anchor),
 * hidden behind other buildings and kept off the selected building (its slabs, with its
 * stacking plan); fading in and out; a nameless building labelled only when it is
 * selected, with what ly_building_title calls it. */
#include "check.h"
#include "louyu/bvh.h"
#include "louyu/font.h"
#include "louyu/geo.h"
#include "louyu/labels.h"
#include "louyu/mesh.h"

/* A square footprint at (x, y) in 1e-4 degrees from (120, 36), `d` across. */
static void square(char *buf, size_t n, int x, int y, int d)
{
    double x0 = 120 + x * 1e-4, y0 = 36 + y * 1e-4, e = d * 1e-4;
    snprintf(buf, n, "[[[%.4f,%.4f],[%.4f,%.4f],[%.4f,%.4f],[%.4f,%.4f],[%.4f,%.4f]]]", x0, y0,
             x0 + e, y0, x0 + e, y0 + e, x0, y0 + e, x0, y0);
}

/* Buildings: id, name ("" none), x, y, height. */
typedef struct {
    const char *id, *name;
    int x, y;
    double h;
} spec;

static const spec CITY[] = {
    {"tall", "Tall", 0, 0, 120},     /* 0 */
    {"near", "Near", 3, 0, 115},     /* 1: next to tall and a little lower: labels collide */
    {"far", "Far", 40, 0, 50},       /* 2: alone, to the east */
    {"hidden", "Hidden", 0, 12, 20}, /* 3: behind tall, seen from the south */
    {"anon", "", 40, 20, 30},        /* 4: no name */
    {"back", "Back", 20, 20, 150},   /* 5: the tallest, at the back */
    {"front", "Front", 20, 8, 30},   /* 6: low, in front of back: its name lies over it */
};

typedef struct {
    ly_district d;
    ly_geo geo;
    ly_mesh mesh;
    ly_bvh bvh;
    ly_labels labels;
} scene;

static int build(scene *s)
{
    char text[8192], sq[256];
    size_t o = (size_t)snprintf(text, sizeof text, "{\"type\":\"FeatureCollection\",\"features\":[");
    for (size_t i = 0; i < sizeof CITY / sizeof *CITY; i++) {
        square(sq, sizeof sq, CITY[i].x, CITY[i].y, 2);
        o += (size_t)snprintf(text + o, sizeof text - o,
                              "%s{\"type\":\"Feature\",\"id\":\"%s\",\"properties\":{\"height\":%g,"
                              "\"building\":\"office\",\"name\":\"%s\"},\"geometry\":"
                              "{\"type\":\"Polygon\",\"coordinates\":%s}}",
                              i ? "," : "", CITY[i].id, CITY[i].h, CITY[i].name, sq);
    }
    snprintf(text + o, sizeof text - o, "]}");
    ly_diag_list diags;
    ly_diag_list_init(&diags, "city");
    int rc = ly_district_load_mem(&s->d, text, strlen(text), "city", NULL, &diags);
    for (size_t i = 0; i < diags.count; i++)
        ly_diag_print(stderr, &diags, &diags.items[i]);
    ly_diag_list_deinit(&diags);
    if (rc)
        return rc;
    return ly_geo_init(&s->geo, &s->d) || ly_mesh_init(&s->mesh, &s->d, &s->geo, NULL) ||
           ly_bvh_init(&s->bvh, &s->mesh) || ly_labels_init(&s->labels, s->d.n_buildings);
}

static ly_drawlist g_dl;
static scene g_s;
static ly_camera g_cam;
enum { W = 1280, H = 720 };

/* One update; returns how many labels were drawn. */
static size_t update(long selected, double dt, const float (*reserved)[4], size_t n_reserved,
                     ly_lang lang)
{
    ly_camera_matrices m;
    ly_camera_get_matrices(&g_cam, W, H, &m);
    ly_draw_clear(&g_dl);
    ly_labels_update(&g_s.labels, &g_s.d, &g_s.bvh, &m,
                     &(ly_label_options){.width = W, .height = H, .scale = 1, .lang = lang,
                                         .selected = selected, .hovered = -1, .dt = dt,
                                         .reserved = reserved, .n_reserved = n_reserved},
                     &g_dl);
    return g_s.labels.n_shown;
}

static bool shown(long b)
{
    for (size_t i = 0; i < g_s.labels.n_shown; i++)
        if (g_s.labels.order[i] == (uint32_t)b && g_s.labels.alpha[b] > 0.5f)
            return true;
    return false;
}

static const float *box_of(long b)
{
    for (size_t i = 0; i < g_s.labels.n_shown; i++)
        if (g_s.labels.order[i] == (uint32_t)b)
            return g_s.labels.boxes[i];
    return NULL;
}

static bool overlap(const float *a, const float *b)
{
    return a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
}

/* Looking north from the south along the column of "tall" and "hidden", from
 * `distance` metres (the camera's limits allow 30 km). */
static void look(double distance)
{
    float lo[3] = {-30000, -30000, 0}, hi[3] = {30000, 30000, 200};
    ly_camera_init(&g_cam, lo, hi);
    const ly_mesh_building *tall = &g_s.mesh.buildings[0];
    ly_camera_pose p = {{0.5 * (tall->min[0] + tall->max[0]), 0, 0}, distance, 0, 0.35};
    ly_camera_set_pose(&g_cam, p);
}

static void test_placement(void)
{
    look(900);
    update(-1, 10, NULL, 0, LY_LANG_EN);
    /* the tall one is labelled; its neighbour's label would overlap it and gives way;
     * the one behind the tall tower is hidden; the nameless one has no label */
    CHECK(shown(0));
    CHECK(!shown(1));
    CHECK(shown(2));
    CHECK(!shown(3));
    CHECK(!shown(4));
    /* no two labels overlap */
    for (size_t i = 0; i < g_s.labels.n_shown; i++)
        for (size_t k = i + 1; k < g_s.labels.n_shown; k++)
            CHECK(!overlap(g_s.labels.boxes[i], g_s.labels.boxes[k]));
    /* the selection goes first: now the neighbour has the spot */
    update(1, 10, NULL, 0, LY_LANG_EN);
    CHECK(shown(1));
    CHECK(!shown(0));
    /* a nameless building is labelled when selected, with its kind and id */
    update(4, 10, NULL, 0, LY_LANG_EN);
    CHECK(shown(4));
}

static void test_keep_out(void)
{
    look(900);
    update(-1, 10, NULL, 0, LY_LANG_EN);
    const float *at = box_of(2);
    CHECK(at != NULL);
    if (!at)
        return;
    float b[4] = {at[0], at[1], at[2], at[3]}; /* (the next update writes over it) */
    /* a panel over where "Far" goes: the label keeps off it */
    float panel[1][4] = {{b[0] - 10, b[1] - 10, b[2] + 10, b[3] + 10}};
    update(-1, 10, (const float(*)[4])panel, 1, LY_LANG_EN);
    CHECK(!shown(2));
    CHECK(shown(0));
    /* the selection's label (the nameless one's: "Building anon", a long one) with a panel
     * over its left third slides right along its stem, clear of it, the anchor still under
     * the pill; past the window's right edge it slides left into the window */
    update(4, 10, NULL, 0, LY_LANG_EN);
    const float *a4 = box_of(4);
    CHECK(a4 != NULL);
    if (!a4)
        return;
    float was[4] = {a4[0], a4[1], a4[2], a4[3]}, mid = 0.5f * (was[0] + was[2]);
    float edge[1][4] = {{was[0] - 300, was[1] - 10, was[0] + (was[2] - was[0]) / 3, was[3] + 10}};
    update(4, 10, (const float(*)[4])edge, 1, LY_LANG_EN);
    CHECK(shown(4));
    const float *moved = box_of(4);
    CHECK(moved && !overlap(moved, edge[0]));
    CHECK(moved && moved[0] > was[0] && moved[0] + 10 < mid && moved[2] - 10 > mid);
    ly_camera_pan(&g_cam, W, H, W / 2.0, H / 2.0, W / 2.0 + (W - was[2]) + 20, H / 2.0);
    update(4, 10, NULL, 0, LY_LANG_EN);
    CHECK(shown(4));
    const float *in = box_of(4);
    CHECK(in && in[2] <= W && in[0] >= 0);
}

static void test_edges_and_fades(void)
{
    look(900);
    update(-1, 10, NULL, 0, LY_LANG_EN);
    const float *b = box_of(2);
    float right = b ? b[2] : 0;
    /* pan so that "Far" would be cut by the window's right edge: not shown at all */
    ly_camera_pan(&g_cam, W, H, W / 2.0, H / 2.0, W / 2.0 + (W - right) + 40, H / 2.0);
    update(-1, 10, NULL, 0, LY_LANG_EN);
    const float *cut = box_of(2);
    if (cut)
        fprintf(stderr, "  Far's label at %.0f..%.0f\n", cut[0], cut[2]);
    CHECK(!shown(2));
    /* labels fade: back in view, a short step is part of the way */
    look(900);
    update(-1, 10, NULL, 0, LY_LANG_EN);
    ly_camera_pan(&g_cam, W, H, W / 2.0, H / 2.0, W / 2.0 + (W - right) + 40, H / 2.0);
    update(-1, 10, NULL, 0, LY_LANG_EN);
    look(900);
    update(-1, 1.0 / 60, NULL, 0, LY_LANG_EN);
    float a1 = g_s.labels.alpha[2];
    CHECK(a1 > 0.05f && a1 < 0.5f);
    update(-1, 1.0 / 60, NULL, 0, LY_LANG_EN);
    CHECK(g_s.labels.alpha[2] > a1);
    update(-1, 10, NULL, 0, LY_LANG_EN);
    CHECK_NEAR(g_s.labels.alpha[2], 1, 1e-6);
    /* far away, labels fade with distance and give way */
    look(20000);
    update(-1, 10, NULL, 0, LY_LANG_EN);
    CHECK(!shown(2));
}

/* A name wider than the window: the selection's label ends in "…" and shows (it had been
 * dropped, as it was wider than the room between the panels). */
static void test_long_name(void)
{
    ly_building *b = &g_s.d.buildings[2];
    const char *was = b->name_en;
    b->name_en = "China Railway Qingdao Center (Qingdao International Trade Center) North Tower "
                 "Phase One Office Complex, Super High-Rise, with Its Podium and Plaza, the "
                 "Shopping Arcade on Its Lower Floors and the Underground Car Park Below Them";
    look(900);
    update(2, 10, NULL, 0, LY_LANG_EN);
    const float *bx = box_of(2);
    CHECK(shown(2));
    CHECK(bx && bx[2] - bx[0] <= 0.45f * W + 20);
    b->name_en = was;
    update(-1, 10, NULL, 0, LY_LANG_EN);
}

/* The height of the selected building b's label in lang. */
static float label_height(long b, ly_lang lang)
{
    update(b, 10, NULL, 0, lang);
    const float *bx = box_of(b);
    CHECK(bx != NULL);
    return bx ? bx[3] - bx[1] : 0;
}

/* A name given as both `name` and `name_en` (a district outside China) is one line: the
 * label had shown it twice when its two strings were apart (a scene built from the file)
 * and once when they were one (from the scene cache, which keeps equal strings once). */
static void test_same_names(void)
{
    ly_building *b = &g_s.d.buildings[2];
    const char *was = b->name, *was_en = b->name_en;
    char zh[] = "Fell Street Plaza", en[] = "fell street plaza ";
    look(900);
    b->name = NULL;
    b->name_en = "Fell Street Plaza";
    float one = label_height(2, LY_LANG_EN);
    b->name = zh;
    b->name_en = "Fell Street Plaza, the Other";
    float two = label_height(2, LY_LANG_EN);
    CHECK(two > one + 5);
    b->name_en = en; /* apart from name, and in another case, a blank after it */
    CHECK_NEAR(label_height(2, LY_LANG_EN), one, 0.5);
    CHECK_NEAR(label_height(2, LY_LANG_ZH), one, 0.5);
    b->name_en = zh; /* one string for both, as from the cache */
    CHECK_NEAR(label_height(2, LY_LANG_EN), one, 0.5);
    b->name = was;
    b->name_en = was_en;
    update(-1, 10, NULL, 0, LY_LANG_EN);
}

/* Where building b's label is anchored on screen: over the middle of its roof. */
static void anchor_at(long b, float *x, float *y)
{
    ly_camera_matrices m;
    ly_camera_get_matrices(&g_cam, W, H, &m);
    const ly_mesh_building *mb = &g_s.mesh.buildings[b];
    float a[4] = {0.5f * (mb->min[0] + mb->max[0]), 0.5f * (mb->min[1] + mb->max[1]),
                  mb->max[2] + 2, 1}, c[4] = {0};
    for (int r = 0; r < 4; r++)
        for (int k = 0; k < 4; k++)
            c[r] += m.view_proj[4 * k + r] * a[k];
    *x = (c[0] / c[3] * 0.5f + 0.5f) * W;
    *y = (0.5f - c[1] / c[3] * 0.5f) * H;
}

/* Other names keep off the selected building: "Front" stands before "Back", and its
 * label, shown over Back's wall while nothing is selected, goes when Back is selected (it
 * had covered the orange building the user is looking at). */
static void test_off_selection(void)
{
    look(900);
    update(-1, 10, NULL, 0, LY_LANG_EN);
    CHECK(shown(6));
    CHECK(shown(5));
    update(5, 10, NULL, 0, LY_LANG_EN);
    CHECK(shown(5));
    CHECK(!shown(6));
    /* the others stay as they were */
    CHECK(shown(0));
    CHECK(shown(2));
}

/* The selection's label is never dropped for want of room: between two panels that leave
 * less than its width, it is cut short ("…") to the gap, its stem still under it; at the
 * window's top, where the pill has no room above its anchor, it goes under it. */
static void test_selection_squeezed(void)
{
    ly_building *b = &g_s.d.buildings[5];
    const char *was = b->name_en;
    b->name_en = "Everbright International Financial Center";
    look(900);
    update(5, 10, NULL, 0, LY_LANG_EN);
    const float *bx = box_of(5);
    CHECK(bx != NULL);
    if (!bx)
        return;
    float whole[4] = {bx[0], bx[1], bx[2], bx[3]}, sx = 0.5f * (whole[0] + whole[2]);
    float gap[2] = {sx - 50, sx + 110};
    CHECK(gap[1] - gap[0] < whole[2] - whole[0] - 40);
    float panels[2][4] = {{0, whole[1] - 30, gap[0], whole[3] + 30},
                          {gap[1], whole[1] - 30, W, whole[3] + 30}};
    update(5, 10, (const float(*)[4])panels, 2, LY_LANG_EN);
    CHECK(shown(5));
    const float *cut = box_of(5);
    CHECK(cut && cut[0] >= gap[0] && cut[2] <= gap[1] && cut[0] < sx && cut[2] > sx);
    CHECK(cut && cut[2] - cut[0] > 100);
    /* its anchor some 20 px under the window's top: the pill under it, whole in the
     * window */
    float ax, ay, lo = -3000, hi = 3000;
    for (int i = 0; i < 40; i++) {
        ly_camera_pose p = g_cam.pose;
        p.pitch = 0.9;
        p.target[1] = 0.5 * (lo + hi);
        ly_camera_set_pose(&g_cam, p);
        anchor_at(5, &ax, &ay);
        *(ay < 20 ? &lo : &hi) = (float)p.target[1];
    }
    anchor_at(5, &ax, &ay);
    CHECK(ay > 10 && ay < 30);
    update(5, 10, NULL, 0, LY_LANG_EN);
    CHECK(shown(5));
    const float *low = box_of(5);
    CHECK(low && low[1] > ay && low[1] < ay + 20 && low[0] < ax && low[2] > ax);
    b->name_en = was;
    update(-1, 10, NULL, 0, LY_LANG_EN);
}

/* With its stacking plan shown, the selection is its slabs, pulled apart and taller than
 * the building: names keep off them too. "Hidden" (behind "Tall") gets slabs up to 300 m,
 * over Tall's name. */
static void test_stacking_plan(void)
{
    look(900);
    const ly_mesh_building *mb = &g_s.mesh.buildings[3];
    ly_slab_vertex v[8] = {0};
    for (int i = 0; i < 8; i++) {
        v[i].pos[0] = i & 1 ? mb->max[0] : mb->min[0];
        v[i].pos[1] = i & 2 ? mb->max[1] : mb->min[1];
        v[i].pos[2] = i & 4 ? 300 : 0;
    }
    /* the box's six faces, two triangles each */
    uint32_t idx[36] = {0, 1, 3, 0, 3, 2, 4, 5, 7, 4, 7, 6, 0, 1, 5, 0, 5, 4,
                        2, 3, 7, 2, 7, 6, 0, 2, 6, 0, 6, 4, 1, 3, 7, 1, 7, 5};
    ly_stacking plan = {.vertices = v, .n_vertices = 8, .indices = idx, .n_indices = 36,
                        .building = 3, .min = {mb->min[0], mb->min[1], 0},
                        .max = {mb->max[0], mb->max[1], 300}};
    ly_camera_matrices m;
    ly_camera_get_matrices(&g_cam, W, H, &m);
    ly_label_options o = {.width = W, .height = H, .scale = 1, .lang = LY_LANG_EN,
                          .selected = 3, .hovered = -1, .dt = 10};
    ly_labels_update(&g_s.labels, &g_s.d, &g_s.bvh, &m, &o, &g_dl);
    CHECK(shown(0));
    o.stacking = &plan;
    ly_labels_update(&g_s.labels, &g_s.d, &g_s.bvh, &m, &o, &g_dl);
    CHECK(!shown(0));
    CHECK(shown(2));
    /* a plan of another building (a stale one) is not the selection's */
    plan.building = 2;
    ly_labels_update(&g_s.labels, &g_s.d, &g_s.bvh, &m, &o, &g_dl);
    CHECK(shown(0));
}

int main(void)
{
    char path[1024], err[256];
    int face = 0;
    if (!ly_font_find("zh-cn", path, sizeof path, &face)) {
        fprintf(stderr, "no CJK font (fonts-noto-cjk is part of the set-up)\n");
        return 1;
    }
    ly_font *font = ly_font_create(path, face, err, sizeof err);
    CHECK(font != NULL);
    if (!font)
        return check_report();
    ly_draw_init(&g_dl, font);
    CHECK_INT(build(&g_s), 0);
    if (g_s.d.n_buildings == sizeof CITY / sizeof *CITY) {
        test_placement();
        test_keep_out();
        test_edges_and_fades();
        test_long_name();
        test_same_names();
        test_off_selection();
        test_selection_squeezed();
        test_stacking_plan();
    }
    ly_labels_deinit(&g_s.labels);
    ly_bvh_deinit(&g_s.bvh);
    ly_mesh_deinit(&g_s.mesh);
    ly_geo_deinit(&g_s.geo);
    ly_district_unload(&g_s.d);
    ly_draw_deinit(&g_dl);
    ly_font_destroy(font);
    ly_font_library_shutdown();
    return check_report();
}
