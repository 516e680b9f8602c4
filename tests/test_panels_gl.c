/* Panels with real frames (headless GL), where their heights are known:
 * - the search's results: those that fit show, the rest are a scroll away; in a window too
 *   short for three results under the toolbar they show only while typing, with the search
 *   risen into the toolbar's place;
 * - the finder meeting the card goes under it where 300 dp are left there (a portrait
 *   kiosk), and waits where they are not;
 * - at a phone's width, a match chosen in the finder shows its floor, the building's card,
 *   then the finder again, one tap each; a finger on the search field brings the on-screen
 *   keyboard up (a mouse's click does not);
 * - a click on a building's label selects that building, not the one behind the label;
 * - a portrait kiosk's selection in the largest space its card leaves, with its route;
 *   its floor card under the card, as wide;
 * - the cameras' pictures (operations) beside or under their open list, never over it;
 * - the floors tab: a floor's use where it is not offices, one line where there are no
 *   floor records;
 * - the finder's chips are the district's own: its biggest industries, limits from its
 *   rents, the kinds of place it has (San Francisco's footprints: none of Zhanshan's); a
 *   building without floor records is no match. */
#include "gl_app.h"

#include "louyu/search.h"

#include <string.h>

/* The rect of the `i`th result of `query` where the last frame drew it (false: not drawn). */
static bool hit_rect(const char *query, size_t i, ly_ui_rect *r)
{
    ly_search_hit hits[50];
    size_t n = ly_search_run(&g_app.dv.search, query, hits, 50);
    if (i >= n)
        return false;
    char title[160], label[200];
    const ly_building *b = &g_app.scene.district.buildings[hits[i].building];
    snprintf(label, sizeof label, "%s##hit%u", ly_building_title(b, g_app.st.lang, title,
                                                                 sizeof title),
             hits[i].building);
    ly_ui *ui = &g_app.ui;
    ly_ui_push_id(ui, "search");
    ly_ui_id in_panel = ly_ui_get_id(ui, label);
    ly_ui_push_id(ui, "hits");
    ly_ui_id in_list = ly_ui_get_id(ui, label);
    ly_ui_pop_id(ui);
    ly_ui_pop_id(ui);
    return ly_ui_find_rect(ui, in_list, r) || ly_ui_find_rect(ui, in_panel, r);
}

static ly_ui_rect field_rect(void)
{
    ly_ui *ui = &g_app.ui;
    ly_ui_push_id(ui, "search");
    ly_ui_id id = ly_ui_get_id(ui, "##query");
    ly_ui_pop_id(ui);
    ly_ui_rect r = {0};
    CHECK(ly_ui_find_rect(ui, id, &r));
    return r;
}

static void mouse(ly_event_type type, float x, float y)
{
    ly_event e = {.type = type, .x = x, .y = y, .button = 1, .clicks = 1};
    ly_app_event(&g_app, &e);
}

static void frames(int n)
{
    for (int i = 0; i < n; i++)
        frame(0.1);
}

static bool meets(const ly_box *a, const ly_box *b)
{
    return a->x < b->x + b->w && b->x < a->x + a->w && a->y < b->y + b->h && b->y < a->y + a->h;
}

/* Whether the rect lies inside the search panel as the layout placed it. */
static bool in_search(ly_ui_rect r)
{
    const ly_box *s = &g_app.layout.search;
    return r.y >= s->y - 0.5f && r.y + r.h <= s->y + s->h + 0.5f;
}

/* Whether the floors tab drew the chip with this label in the last frame. */
static bool floor_chip(const char *label)
{
    ly_ui_rect r;
    return widget_rect("card", "floors", label, &r);
}

/* The floors tab: a plant floor says so (it had said "Leased"); a building without floor
 * records has one line, not a "No data" chip per floor. */
static void floors_tab(void)
{
    ly_cmd_set_operations(&g_app, false);
    ly_cmd_set_language(&g_app, LY_LANG_EN);
    ly_cmd_resize(&g_app, 1280, 720);
    CHECK_INT(ly_renderer_target_begin(g_app.renderer, 1280, 720), 0);
    const ly_district *d = &g_app.scene.district;
    long ever = -1, crcc = -1;
    for (size_t i = 0; i < d->n_buildings; i++) {
        ever = strcmp(d->buildings[i].id, "everbright-ifc") ? ever : (long)i;
        crcc = strcmp(d->buildings[i].id, "crcc-center") ? crcc : (long)i;
    }
    CHECK(ever >= 0 && crcc >= 0);
    ly_cmd_select(&g_app, ever, false);
    ly_cmd_set_tab(&g_app, LY_TAB_FLOORS);
    frames(2);
    CHECK(floor_chip("25F  Plant##f25"));
    CHECK(floor_chip("24F  Leased##f24"));
    ly_cmd_select(&g_app, crcc, false);
    ly_cmd_set_tab(&g_app, LY_TAB_FLOORS);
    frames(2);
    CHECK(g_app.st.tab == LY_TAB_FLOORS && !floor_chip("56F  No data##f56"));
    CHECK(!floor_chip("1F  No data##f1"));
}

/* Whether the finder drew the chip with this label in the last frame. */
static bool finder_chip(const char *label)
{
    ly_ui_rect r;
    return widget_rect("finder", NULL, label, &r);
}

/* The finder offers what the district has: San Francisco's footprints (no enterprises, no
 * rents, no places) had been offered Zhanshan's industries, its rents and "Near metro". */
static void finder_chips(void)
{
    ly_cmd_set_operations(&g_app, false);
    ly_cmd_set_help(&g_app, false);
    g_app.st.keyboard = false;
    g_app.st.ui_scale = 1;
    ly_cmd_set_language(&g_app, LY_LANG_EN);
    ly_cmd_resize(&g_app, 1366, 768);
    CHECK_INT(ly_renderer_target_begin(g_app.renderer, 1366, 768), 0);
    ly_cmd_select(&g_app, -1, false);
    ly_cmd_set_find(&g_app, &(ly_query_desc){0});
    ly_cmd_set_finder(&g_app, true);
    frames(2);
    CHECK(g_app.layout.finder.shown);
    /* Zhanshan: its five biggest industries by enterprises, trade first; its rents' limits */
    CHECK(finder_chip("Trade##ind0"));
    CHECK(finder_chip("Consulting##ind4"));
    CHECK(finder_chip("≤ 3 CNY/m²/day##rent1"));
    CHECK(finder_chip("≤ 3.5 CNY/m²/day##rent2"));
    CHECK(finder_chip("Near metro") && finder_chip("Near parking"));
    /* an industry not among the five, asked for: its own chip, lit */
    ly_cmd_set_find(&g_app, &(ly_query_desc){.industry = "law"});
    frames(2);
    char own[96];
    snprintf(own, sizeof own, "%s##ind-own", ly_industry_name("law", LY_LANG_EN));
    CHECK(finder_chip(own));
    CHECK(g_app.st.find.industry == g_app.st.find_industry);

    CHECK_INT(ly_cli_load(&g_app, LY_SOURCE_DIR "/tests/data/sf-buildings/sf-buildings.geojson",
                          false), 0);
    ly_cmd_set_find(&g_app, &(ly_query_desc){0});
    frames(2);
    CHECK(g_app.st.finder && g_app.layout.finder.shown);
    CHECK(!finder_chip("Finance##ind0") && !finder_chip("Trade##ind0"));
    CHECK(!finder_chip("Any rent##rent0") && !finder_chip("≤ 3 CNY/m²/day##rent1"));
    CHECK(!finder_chip("Near metro") && !finder_chip("Near parking"));
    CHECK(finder_chip("Any size##area0")); /* (the panel was drawn) */
    /* none of its buildings has floor records: none matches (all 13,894 had), each counted
     * apart as having no data */
    CHECK_INT(g_app.dv.found.n_matches, 0);
    ly_cmd_set_finder(&g_app, false);
    CHECK_INT(ly_cli_load(&g_app, LY_SOURCE_DIR "/data/zhanshan.geojson", false), 0);
}

/* Where ground point (x, y) of the map is on screen (false: behind the eye). */
static bool on_screen(double x, double y, float *sx, float *sy)
{
    ly_camera_matrices m;
    ly_camera_get_matrices(&g_app.st.cam, g_app.st.width, g_app.st.height, &m);
    const float *v = m.view_proj;
    float c[4];
    for (int r = 0; r < 4; r++)
        c[r] = v[r] * (float)x + v[4 + r] * (float)y + v[12 + r];
    if (c[3] <= 1e-6f)
        return false;
    *sx = (c[0] / c[3] * 0.5f + 0.5f) * (float)g_app.st.width;
    *sy = (0.5f - c[1] / c[3] * 0.5f) * (float)g_app.st.height;
    return true;
}

/* A portrait kiosk (1080 x 1920 at 1.75): a building selected under its card goes to the
 * largest space the card leaves, the 700 px below it (it had been slid into the 400 px strip
 * beside the card, the map below left empty); with a walking route drawn, the place it
 * leads to is framed with it (the metro's had been under the left column, off the map). */
/* A query longer than the field is cut at a whole character: 48 Chinese characters are
 * 144 bytes, and the field's 127 had ended inside the 43rd. */
/* The finder near the metro counts the stations opened after the data's date, and says
 * so: the map shows them while it does (its "opened later" switch off), and not after. */
static void finder_later_places(void)
{
    const ly_district *d = &g_app.scene.district;
    long metro = -1;
    int year = ly_district_data_year(d);
    for (size_t i = 0; i < d->n_features && metro < 0; i++)
        if (d->features[i].kind == LY_KIND_POI && d->features[i].subtype == LY_POI_METRO &&
            d->features[i].since > year)
            metro = (long)i;
    CHECK(metro >= 0);
    if (metro < 0)
        return;
    ly_cmd_set_place_later(&g_app, false);
    ly_query_desc q = {.near_poi = true, .near = LY_POI_METRO, .include_later_pois = true};
    ly_cmd_set_find(&g_app, &q);
    ly_cmd_set_finder(&g_app, true);
    frames(2);
    ly_places_options o = {.categories = ~0u, .later_kinds = ly_app_later_kinds(&g_app)};
    CHECK(ly_places_wanted(d, (size_t)metro, &o));
    ly_cmd_set_finder(&g_app, false);
    frames(2);
    o.later_kinds = ly_app_later_kinds(&g_app);
    CHECK(!ly_places_wanted(d, (size_t)metro, &o));
}

static void long_query(void)
{
    char q[200] = "";
    for (int i = 0; i < 48; i++)
        strcat(q, "\u4e2d");
    ly_cmd_set_query(&g_app, q);
    size_t n = strlen(g_app.st.query);
    CHECK(n > 0 && n < sizeof g_app.st.query);
    CHECK_INT((int)(n % 3), 0);
    CHECK(!strncmp(g_app.st.query, q, n));
    ly_cmd_set_query(&g_app, "");
}

/* A window of w x h at a scale and language, the home view, then building `id` selected
 * and `n` frames drawn (the camera's flight to frame it); returns its index. */
static long select_from_home(int w, int h, float scale, ly_lang lang, const char *id, int n)
{
    ly_cmd_resize(&g_app, w, h);
    CHECK_INT(ly_renderer_target_begin(g_app.renderer, w, h), 0);
    ly_cmd_set_scale(&g_app, scale);
    ly_cmd_set_language(&g_app, lang);
    ly_cmd_select(&g_app, -1, false);
    CHECK(ly_cmd_set_view(&g_app, "home", false));
    frames(2);
    long b = ly_district_find(&g_app.scene.district, id);
    ly_cmd_select(&g_app, b, false);
    frames(n);
    return b;
}

/* A phone's selection at the window's edge is brought in with its name (Haitian Hotel's
 * roof had been 35 px from the left, its name cut in half by the edge). */
static void phone_edge_selection(void)
{
    long b = select_from_home(390, 844, 1, LY_LANG_ZH, "haitian", 40);
    float sx = -1, sy = -1;
    bool in = ly_app_building_point(&g_app, b, &sx, &sy) && sx > 60 && sx < 330 &&
              sy > g_app.layout.card.y + g_app.layout.card.h && sy < 844;
    if (!in || getenv("VERBOSE"))
        fprintf(stderr, "phone: haitian's roof at %.0f, %.0f\n", sx, sy);
    CHECK(in);
    /* with the colours' and the stacking plan's legends at the bottom left, it is framed
     * clear of them too (it had been framed under them) */
    ly_cmd_set_color_mode(&g_app, LY_COLOR_OCCUPANCY, false);
    ly_cmd_set_stacking(&g_app, true, 0);
    ly_cmd_select(&g_app, -1, false);
    frames(2);
    ly_cmd_select(&g_app, b, false);
    frames(40);
    const ly_layout *L = &g_app.layout;
    bool under = false, seen = ly_app_building_point(&g_app, b, &sx, &sy);
    const ly_box *leg[] = {&L->color_legend, &L->plan_legend};
    for (int k = 0; k < 2; k++)
        under |= leg[k]->shown && sx >= leg[k]->x && sx <= leg[k]->x + leg[k]->w &&
                 sy >= leg[k]->y && sy <= leg[k]->y + leg[k]->h;
    if (!seen || under || getenv("VERBOSE"))
        fprintf(stderr, "phone: haitian's roof at %.0f, %.0f; legends shown %d %d\n", sx, sy,
                L->color_legend.shown, L->plan_legend.shown);
    CHECK(seen && !under && L->color_legend.shown);
    ly_cmd_set_stacking(&g_app, false, 0);
    ly_cmd_set_color_mode(&g_app, LY_COLOR_NONE, false);
    ly_cmd_select(&g_app, -1, false);
    ly_cmd_set_language(&g_app, LY_LANG_EN);
}

static void portrait_selection(void)
{
    const ly_layout *L = &g_app.layout;
    g_app.st.keyboard = false;
    ly_cmd_set_query(&g_app, "");
    long wtc = select_from_home(1080, 1920, 1.75f, LY_LANG_EN, "wtc", 30);
    /* the map moved so that the tower stands under the card, then its floors asked for (a
     * card down to y 1080: 400 px of map beside it, 740 below) */
    float sx, sy;
    CHECK(ly_app_building_point(&g_app, wtc, &sx, &sy));
    ly_cmd_pan(&g_app, sx, sy, 760, 700);
    ly_cmd_set_tab(&g_app, LY_TAB_FLOORS);
    frames(30);
    CHECK(L->card.shown && L->card.y + L->card.h < 1300);
    bool below = ly_app_building_point(&g_app, wtc, &sx, &sy) && sy > L->card.y + L->card.h &&
                 sy < 1920;
    if (!below || getenv("VERBOSE"))
        fprintf(stderr, "portrait: the card ends at %.0f, wtc's roof at %.0f, %.0f\n",
                L->card.y + L->card.h, sx, sy);
    CHECK(below);
    /* its route to the metro: the station on the map the panels leave */
    ly_cmd_set_place_later(&g_app, true);
    ly_cmd_set_tab(&g_app, LY_TAB_NEARBY);
    ly_cmd_set_route(&g_app, LY_POI_METRO);
    frames(30);
    long f = g_app.dv.nearby.feature[LY_POI_METRO];
    CHECK(f >= 0);
    double x = 0, y = 0;
    if (f >= 0) {
        const ly_feature *ft = &g_app.scene.district.features[f];
        ly_proj_forward(&g_app.scene.geo.proj, ft->lon, ft->lat, &x, &y);
    }
    const float *fm = L->free;
    bool seen = f >= 0 && on_screen(x, y, &sx, &sy) && sx > fm[0] && sx < L->card.x &&
                sy > L->search.y + L->search.h && sy < fm[3];
    if (!seen || getenv("VERBOSE"))
        fprintf(stderr, "portrait: the metro at %.0f, %.0f; the map %.0f-%.0f, %.0f-%.0f\n", sx,
                sy, fm[0], L->card.x, L->search.y + L->search.h, fm[3]);
    CHECK(seen);
    ly_cmd_set_route(&g_app, -1);
    ly_cmd_set_tab(&g_app, LY_TAB_OVERVIEW);
    ly_cmd_set_place_later(&g_app, false);
    ly_cmd_select(&g_app, -1, false);
    ly_cmd_set_scale(&g_app, 1);
}

/* A portrait kiosk's floor card (the stacking plan, a floor picked): under the building's
 * card, at least as wide, meeting neither it nor the column (it had been squeezed beside
 * the card into the column's 230 dp, every English tenant name and the building's cut, the
 * lower half of the screen empty), the building framed clear of both; the finder, opened
 * with them, is not over them. */
static void portrait_floor_card(void)
{
    const ly_layout *L = &g_app.layout;
    g_app.st.keyboard = false;
    long b = select_from_home(1080, 1920, 1.75f, LY_LANG_EN, "wtc", 10);
    ly_cmd_set_stacking(&g_app, true, 0);
    ly_cmd_select_floor(&g_app, 20);
    frames(30);
    const ly_box *fc = &L->floor_card, *c = &L->card;
    CHECK(c->shown && fc->shown);
    if (getenv("VERBOSE") || fc->w < c->w - 0.5f || meets(fc, c))
        fprintf(stderr, "portrait: the card %.0f,%.0f %.0fx%.0f, the floor's %.0f,%.0f %.0fx%.0f\n",
                c->x, c->y, c->w, c->h, fc->x, fc->y, fc->w, fc->h);
    CHECK(fc->w >= c->w - 0.5f && !meets(fc, c));
    CHECK(fc->y >= c->y + c->h && fc->y + fc->h <= 1920);
    CHECK(L->toolbar.shown && L->search.shown);
    CHECK(!meets(fc, &L->toolbar) && !meets(fc, &L->search));
    float sx, sy;
    CHECK(ly_app_building_point(&g_app, b, &sx, &sy));
    bool under = sx > c->x && sx < c->x + c->w && sy > c->y && sy < fc->y + fc->h;
    if (under || getenv("VERBOSE"))
        fprintf(stderr, "portrait: wtc's roof at %.0f, %.0f\n", sx, sy);
    CHECK(!under && sx > 0 && sx < 1080 && sy > 0 && sy < 1920);
    ly_cmd_set_finder(&g_app, true);
    frames(3);
    CHECK(c->shown && fc->shown);
    CHECK(!L->finder.shown || (!meets(&L->finder, fc) && !meets(&L->finder, c)));
    ly_cmd_set_finder(&g_app, false);
    ly_cmd_set_stacking(&g_app, false, 0);
    ly_cmd_select(&g_app, -1, false);
    ly_cmd_set_scale(&g_app, 1);
}

/* The controls' keys say "← → the week" only where the week slider is: over the bundled
 * GeoJSON (no weeks) their panel is a row shorter than over the store with its weeks. */
static void controls_keys(void)
{
    ly_cmd_set_operations(&g_app, false);
    ly_cmd_select(&g_app, -1, false);
    ly_cmd_resize(&g_app, 1280, 720);
    CHECK_INT(ly_renderer_target_begin(g_app.renderer, 1280, 720), 0);
    ly_cmd_set_help(&g_app, true);
    frames(3);
    CHECK(g_app.layout.help_keys.shown && !ly_layout_has_weeks(&g_app));
    float plain = ly_ui_panel_height(&g_app.ui, "help-keys");
    CHECK_INT(ly_cli_load(&g_app, LY_BINARY_DIR "/data/zhanshan.gpkg", false), 0);
    frames(3);
    CHECK(g_app.layout.help_keys.shown && ly_layout_has_weeks(&g_app));
    CHECK(ly_ui_panel_height(&g_app.ui, "help-keys") > plain + 10);
}

int main(void)
{
    ly_platform *plat;
    int r = gl_app_open(&g_app, &plat);
    if (r)
        return r;
    const char *q = "sample"; /* 30 of the district's buildings */
    ly_search_hit all[50];
    ly_cmd_set_query(&g_app, q);
    frames(3);
    size_t n = ly_search_run(&g_app.dv.search, q, all, 50);
    CHECK(n > 10);

    /* 1280 x 720: the first results show; the last is a scroll away */
    ly_ui_rect first, last;
    CHECK(hit_rect(q, 0, &first) && in_search(first));
    CHECK(!hit_rect(q, n - 1, &last) || !in_search(last));
    ly_event w = {.type = LY_EV_WHEEL, .x = first.x + first.w / 2, .y = first.y + first.h / 2,
                  .dy = -40};
    ly_app_event(&g_app, &w);
    frames(20);
    CHECK(hit_rect(q, n - 1, &last) && in_search(last));
    /* a new query starts from its best result */
    ly_ui_rect f = field_rect();
    mouse(LY_EV_MOUSE_DOWN, f.x + 10, f.y + f.h / 2);
    mouse(LY_EV_MOUSE_UP, f.x + 10, f.y + f.h / 2);
    frames(2);
    CHECK(!g_app.st.keyboard); /* (a mouse: the keys are there) */
    ly_event t = {.type = LY_EV_TEXT};
    snprintf(t.text, sizeof t.text, " ");
    ly_app_event(&g_app, &t);
    frames(2);
    CHECK(!strcmp(g_app.st.query, "sample "));
    CHECK(hit_rect(q, 0, &first) && in_search(first));

    /* 640 x 400: too short for three results under the toolbar */
    ly_cmd_resize(&g_app, 640, 400);
    CHECK_INT(ly_renderer_target_begin(g_app.renderer, 640, 400), 0);
    ly_ui_focus(&g_app.ui, NULL);
    ly_cmd_set_query(&g_app, q);
    frames(3);
    CHECK(g_app.layout.search_short && !g_app.layout.search_lifted);
    CHECK(g_app.layout.toolbar.shown);
    CHECK(!hit_rect(q, 0, &first)); /* the query in the field, no results cut off */
    /* the field tapped: the search rises, with its results */
    f = field_rect();
    mouse(LY_EV_MOUSE_DOWN, f.x + 10, f.y + f.h / 2);
    mouse(LY_EV_MOUSE_UP, f.x + 10, f.y + f.h / 2);
    frames(3);
    CHECK(g_app.layout.search_lifted && !g_app.layout.toolbar.shown);
    CHECK(hit_rect(q, 0, &first) && in_search(first));
    CHECK(first.y + first.h <= 400);
    /* and a result chosen: its building selected, the search back in its place */
    mouse(LY_EV_MOUSE_DOWN, first.x + first.w / 2, first.y + first.h / 2);
    mouse(LY_EV_MOUSE_UP, first.x + first.w / 2, first.y + first.h / 2);
    frames(3);
    CHECK_INT(g_app.st.selected, (long)all[0].building);
    CHECK(!g_app.layout.search_lifted && g_app.layout.toolbar.shown);

    /* a portrait kiosk: the finder under the card */
    ly_cmd_resize(&g_app, 1080, 1920);
    CHECK_INT(ly_renderer_target_begin(g_app.renderer, 1080, 1920), 0);
    g_app.st.ui_scale = 1.75f;
    ly_cmd_select(&g_app, ly_district_find(&g_app.scene.district, "wtc"), true);
    ly_cmd_set_finder(&g_app, true);
    frames(3);
    const ly_layout *L = &g_app.layout;
    CHECK(L->card.shown && L->finder.shown);
    CHECK(L->finder.y >= L->card.y + L->card.h);
    CHECK_NEAR(L->finder.x, L->card.x, 0.5);
    CHECK(L->finder.y + L->finder.h <= 1920);
    /* and the selection is framed clear of the two */
    frames(30);
    float sx, sy;
    long wtc = ly_district_find(&g_app.scene.district, "wtc");
    CHECK(ly_app_building_point(&g_app, wtc, &sx, &sy));
    CHECK(sx >= 0 && sx < L->finder.x && sy >= 0 && sy <= 1920);
    /* a landscape 1366 x 768 at the same scale: no room under the card, the finder waits */
    ly_cmd_resize(&g_app, 1366, 768);
    CHECK_INT(ly_renderer_target_begin(g_app.renderer, 1366, 768), 0);
    frames(3);
    CHECK(L->card.shown && !L->finder.shown);
    ly_cmd_select(&g_app, -1, false);
    frames(2);
    CHECK(L->finder.shown);

    /* a phone's width: a match chosen in the finder shows its floor, then the building's
     * card, one tap each, then the finder again, waiting under them */
    ly_cmd_set_finder(&g_app, false);
    ly_cmd_resize(&g_app, 390, 844);
    CHECK_INT(ly_renderer_target_begin(g_app.renderer, 390, 844), 0);
    g_app.st.ui_scale = 1;
    ly_cmd_set_finder(&g_app, true);
    frames(3);
    CHECK(L->phone && L->finder.shown);
    const ly_query_result *found = &g_app.dv.found;
    CHECK(found->n_matches > 0);
    const ly_building *b0 = &g_app.scene.district.buildings[found->matches[0].building];
    char title[160], label[200];
    snprintf(label, sizeof label, "%s##match%u",
             ly_building_title(b0, g_app.st.lang, title, sizeof title),
             found->matches[0].building);
    ly_ui_rect m;
    CHECK(widget_rect("finder", "matches", label, &m));
    finger(LY_EV_FINGER_DOWN, m.x + 20, m.y + m.h / 2);
    frame(0.05);
    finger(LY_EV_FINGER_UP, m.x + 20, m.y + m.h / 2);
    frames(4);
    CHECK_INT(g_app.st.selected, (long)found->matches[0].building);
    /* its space's floor on top (a tap on it goes back to the building's card) */
    CHECK(L->floor_card.shown && !L->card.shown && !L->finder.shown);
    float fx = L->floor_card.x + L->floor_card.w / 2, fy = L->floor_card.y + L->floor_card.h / 2;
    finger(LY_EV_FINGER_DOWN, fx, fy);
    frame(0.05);
    finger(LY_EV_FINGER_UP, fx, fy);
    frames(3);
    CHECK(!L->floor_card.shown && L->card.shown && !L->finder.shown);
    ly_ui_rect x;
    CHECK(widget_rect("card", NULL, "##close", &x));
    finger(LY_EV_FINGER_DOWN, x.x + x.w / 2, x.y + x.h / 2);
    frame(0.05);
    finger(LY_EV_FINGER_UP, x.x + x.w / 2, x.y + x.h / 2);
    frames(3);
    CHECK_INT(g_app.st.selected, -1);
    CHECK(!L->card.shown && L->finder.shown);
    /* a finger on the search field brings the on-screen keyboard up */
    ly_cmd_set_finder(&g_app, false);
    frames(2);
    CHECK(L->search.shown && !g_app.st.keyboard);
    f = field_rect();
    finger(LY_EV_FINGER_DOWN, f.x + 10, f.y + f.h / 2);
    frame(0.05);
    finger(LY_EV_FINGER_UP, f.x + 10, f.y + f.h / 2);
    frames(3);
    CHECK(g_app.st.keyboard && L->keyboard.shown && ly_ui_wants_keyboard(&g_app.ui));

    /* a click on a building's label selects that building, not one behind the label */
    g_app.st.keyboard = false;
    ly_cmd_resize(&g_app, 1000, 700);
    CHECK_INT(ly_renderer_target_begin(g_app.renderer, 1000, 700), 0);
    g_app.st.ui_scale = 1;
    ly_cmd_set_language(&g_app, LY_LANG_EN);
    ly_cmd_select(&g_app, -1, false);
    CHECK(ly_cmd_set_view(&g_app, "home", false));
    frames(8);
    const ly_labels *lbs = &g_app.scene.labels;
    CHECK(lbs->n_shown > 3);
    size_t over = 0; /* a label over another building, where there is one */
    for (size_t i = 0; i < lbs->n_shown; i++) {
        const float *bx = lbs->boxes[i];
        long behind = ly_app_pick(&g_app, 0.5f * (bx[0] + bx[2]), 0.5f * (bx[1] + bx[3]), 0, NULL);
        if (behind >= 0 && behind != (long)lbs->order[i]) {
            over = i;
            break;
        }
    }
    uint32_t named = lbs->order[over];
    float lx = 0.5f * (lbs->boxes[over][0] + lbs->boxes[over][2]);
    float ly = 0.5f * (lbs->boxes[over][1] + lbs->boxes[over][3]);
    mouse(LY_EV_MOUSE_DOWN, lx, ly);
    mouse(LY_EV_MOUSE_UP, lx, ly);
    frames(2);
    CHECK_INT(g_app.st.selected, (long)named);
    ly_cmd_select(&g_app, -1, false);
    long_query();
    finder_later_places();
    phone_edge_selection();
    portrait_selection();
    portrait_floor_card();

    /* operations: the cameras' pictures never cover their open list: beside it, lower
     * under it, or (no room for both) the list waits until they close */
    g_app.st.keyboard = false;
    ly_cmd_set_operations(&g_app, true);
    ly_cmd_set_cameras_panel(&g_app, true);
    ly_cmd_resize(&g_app, 1024, 600);
    CHECK_INT(ly_renderer_target_begin(g_app.renderer, 1024, 600), 0);
    frames(2); /* (the list measured at this width) */
    const ly_district *d = &g_app.scene.district;
    for (size_t i = 0; i < d->n_features; i++)
        if (d->features[i].kind == LY_KIND_CAMERA)
            ly_cmd_open_camera(&g_app, (long)i);
    CHECK(g_app.st.n_camera_views >= 3);
    static const int sizes[][2] = {{1024, 600}, {1280, 720}, {1920, 1080},
                                   {800, 500},  {390, 844},  {360, 640}};
    for (int k = 0; k < 6; k++) {
        ly_cmd_resize(&g_app, sizes[k][0], sizes[k][1]);
        CHECK_INT(ly_renderer_target_begin(g_app.renderer, sizes[k][0], sizes[k][1]), 0);
        frames(2);
        CHECK(L->camera_view[0].shown && L->camera_view[0].w >= 150);
        if (L->cameras.shown != (k < 3))
            fprintf(stderr, "%dx%d: the list %s\n", sizes[k][0], sizes[k][1],
                    L->cameras.shown ? "shown" : "hidden");
        if (k < 4)
            CHECK(L->cameras.shown == (k < 3)); /* (800 x 500: no room for both) */
        /* every picture whole in the window and on none of the others (a phone had them
         * in a row from the desktop's left column on, off its right edge); the red badge
         * in the window and clear of the "?" and the compass */
        for (int i = 0; i < g_app.st.n_camera_views; i++) {
            const ly_box *v = &L->camera_view[i];
            bool inside = v->shown && v->x >= 0 && v->y >= 0 && v->x + v->w <= sizes[k][0] + 0.5f &&
                          v->y + v->h <= sizes[k][1] + 0.5f;
            if (!inside)
                fprintf(stderr, "%dx%d: picture %d at %.0f,%.0f %.0fx%.0f\n", sizes[k][0],
                        sizes[k][1], i, v->x, v->y, v->w, v->h);
            CHECK(inside);
            for (int j = 0; j < i; j++)
                CHECK(!meets(v, &L->camera_view[j]));
        }
        const ly_box *o = &L->operations;
        CHECK(o->shown && o->x >= 0 && o->y >= 0 && o->x + o->w <= sizes[k][0]);
        CHECK(!meets(o, &L->compass) && !meets(o, &L->help_button));
        for (int i = 0; i < g_app.st.n_camera_views; i++)
            if (L->cameras.shown && meets(&L->camera_view[i], &L->cameras))
                fprintf(stderr, "%dx%d: picture %d over the cameras' list\n", sizes[k][0],
                        sizes[k][1], i);
        for (int i = 0; i < g_app.st.n_camera_views; i++)
            CHECK(!L->cameras.shown || !meets(&L->camera_view[i], &L->cameras));
    }

    floors_tab();
    controls_keys();
    finder_chips();
    ly_renderer_target_end(g_app.renderer);
    ly_app_deinit(&g_app);
    ly_platform_destroy(plat);
    return check_report();
}
