/* The app without a window: the first start's language (the desktop's locale,
 * then the remembered choice), the layout (every panel inside the window, the
 * fixed ones apart, the free map left over), the home view (the towers fill
 * the free map instead of a corner of it), a district with no buildings
 * (a notice instead of bare ground), and a store's weeks (the slider, the week
 * on screen and everything that follows it). */
#include "check.h"
#include "commands.h"
#include "louyu/store.h"

#include <math.h>
#include <stdlib.h>
#include <unistd.h>

static void locale_cases(void)
{
    /* LANGUAGE, LC_ALL, LC_MESSAGES, LANG: gettext's order */
    CHECK_INT(ly_lang_from_locale(NULL, NULL, NULL, "zh_CN.UTF-8"), LY_LANG_ZH);
    CHECK_INT(ly_lang_from_locale(NULL, NULL, NULL, "zh_TW.UTF-8"), LY_LANG_ZH);
    CHECK_INT(ly_lang_from_locale(NULL, NULL, NULL, "en_US.UTF-8"), LY_LANG_EN);
    CHECK_INT(ly_lang_from_locale(NULL, NULL, NULL, "de_DE.UTF-8"), LY_LANG_EN);
    CHECK_INT(ly_lang_from_locale(NULL, NULL, NULL, NULL), LY_LANG_EN);
    CHECK_INT(ly_lang_from_locale(NULL, NULL, NULL, "C.UTF-8"), LY_LANG_EN);
    CHECK_INT(ly_lang_from_locale("", "", "", ""), LY_LANG_EN);
    CHECK_INT(ly_lang_from_locale(NULL, "en_GB.UTF-8", NULL, "zh_CN.UTF-8"), LY_LANG_EN);
    CHECK_INT(ly_lang_from_locale(NULL, "", "zh_CN.UTF-8", "en_US.UTF-8"), LY_LANG_ZH);
    CHECK_INT(ly_lang_from_locale("zh_CN:en", NULL, NULL, "en_US.UTF-8"), LY_LANG_ZH);
    CHECK_INT(ly_lang_from_locale("en_US:zh_CN", NULL, NULL, "zh_CN.UTF-8"), LY_LANG_EN);
    /* a C locale ignores LANGUAGE, as gettext does */
    CHECK_INT(ly_lang_from_locale("zh_CN", "C", NULL, NULL), LY_LANG_EN);
}

static ly_lang first_start(const char *lang_env)
{
    setenv("LANG", lang_env, 1);
    ly_app app;
    char err[256];
    if (ly_app_init(&app, 1280, 720, 1, false, err, sizeof err))
        return (ly_lang)-1;
    ly_app_use_settings(&app);
    ly_lang got = app.st.lang;
    ly_app_deinit(&app);
    return got;
}

static void settings_cases(void)
{
    char dir[] = "/tmp/louyu-app-XXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    setenv("XDG_CONFIG_HOME", dir, 1);
    unsetenv("LANGUAGE");
    unsetenv("LC_ALL");
    unsetenv("LC_MESSAGES");
    /* no settings yet: the locale speaks */
    CHECK_INT(first_start("en_US.UTF-8"), LY_LANG_EN);
    CHECK_INT(first_start("zh_CN.UTF-8"), LY_LANG_ZH);
    /* a choice made in the window is remembered over the locale */
    setenv("LANG", "zh_CN.UTF-8", 1);
    ly_app app;
    char err[256];
    CHECK_INT(ly_app_init(&app, 1280, 720, 1, false, err, sizeof err), 0);
    ly_app_use_settings(&app);
    ly_cmd_set_language(&app, LY_LANG_EN);
    ly_app_deinit(&app);
    CHECK_INT(first_start("zh_CN.UTF-8"), LY_LANG_EN);
    char path[512];
    snprintf(path, sizeof path, "%s/louyu/settings.json", dir);
    CHECK(access(path, R_OK) == 0);
    unlink(path);
    snprintf(path, sizeof path, "%s/louyu", dir);
    rmdir(path);
    rmdir(dir);
    unsetenv("XDG_CONFIG_HOME");
}

static bool inside(const ly_box *b, int w, int h)
{
    return b->x >= 0 && b->y >= 0 && b->x + b->w <= w + 0.5f && b->y + b->h <= h + 0.5f;
}

static bool apart(const ly_box *a, const ly_box *b)
{
    return a->x + a->w <= b->x || b->x + b->w <= a->x || a->y + a->h <= b->y ||
           b->y + b->h <= a->y;
}

/* The walking areas' key on a window of w x h: in the layout only while the areas are on
 * the map (there had been none: three tints, nothing said which was 5, 10 or 15 minutes);
 * then inside the window, clear of the column, the card and the other two legends, and
 * shown where it is the only legend. */
static void walk_key_at(ly_app *app, int w, int h, float scale)
{
    ly_cmd_resize(app, w, h);
    app->st.ui_scale = scale;
    ly_cmd_select(app, ly_district_find(&app->scene.district, "wtc"), false);
    ly_cmd_set_walk_areas(app, false);
    ly_app_update(app, 0.016);
    const ly_layout *L = &app->layout;
    CHECK(!L->walk_legend.shown);
    for (int all = 0; all < 2; all++) {
        ly_cmd_set_color_mode(app, all ? LY_COLOR_OCCUPANCY : LY_COLOR_NONE, false);
        ly_cmd_set_stacking(app, all, 0);
        ly_cmd_set_walk_areas(app, true);
        ly_app_update(app, 0.016);
        CHECK(app->dv.areas_shown);
        /* (headless, the search panel is never drawn and reaches down to the bottom: on a
         * portrait kiosk that puts the key beside the column, where the card is) */
        /* with the colours' and the stacking plan's legends too, on a phone (its card had
         * hidden the key above them; headless, an 800 x 600 window has no room for three) */
        CHECK(L->walk_legend.shown || (w < h && scale > 1 && L->card.shown) || (all && w > h));
        if (!L->walk_legend.shown)
            continue;
        CHECK(inside(&L->walk_legend, w, h));
        const ly_box *other[] = {&L->toolbar,      &L->search,     &L->card,
                                 &L->color_legend, &L->plan_legend};
        for (size_t k = 0; k < sizeof other / sizeof *other; k++)
            CHECK(!other[k]->shown || apart(&L->walk_legend, other[k]));
    }
    ly_cmd_set_walk_areas(app, false);
    ly_cmd_set_stacking(app, false, 0);
    ly_cmd_set_color_mode(app, LY_COLOR_NONE, false);
    ly_app_update(app, 0.016);
    CHECK(!L->walk_legend.shown);
}

/* The layout on a window of w x h at a UI scale: every shown box inside it; the
 * title, toolbar, search and compass apart from each other and from the card. */
static void layout_at(ly_app *app, int w, int h, float scale)
{
    ly_cmd_resize(app, w, h);
    app->st.ui_scale = scale; /* as ly_app_init sets it for a window of this scale */
    ly_cmd_select(app, ly_district_find(&app->scene.district, "wtc"), false);
    ly_cmd_set_dashboard(app, false);
    ly_cmd_set_finder(app, false);
    ly_app_update(app, 0.016);
    const ly_layout *L = &app->layout;
    CHECK_INT(L->width, w);
    CHECK_INT(L->height, h);
    const ly_box *fixed[] = {&L->title, &L->toolbar, &L->search, &L->compass, &L->card};
    for (size_t i = 0; i < 5; i++) {
        CHECK(fixed[i]->shown);
        CHECK(inside(fixed[i], w, h));
        for (size_t k = i + 1; k < 5; k++) {
            /* a self-sizing panel that was never drawn (no font here) reaches down to
             * the bottom: of two such, only their tops are known */
            if (fixed[i]->fit && fixed[k]->fit && fixed[i]->x == fixed[k]->x) {
                CHECK(fixed[i]->y != fixed[k]->y);
                continue;
            }
            CHECK(apart(fixed[i], fixed[k]));
            if (!apart(fixed[i], fixed[k]))
                fprintf(stderr, "%dx%d: box %zu (%g,%g %gx%g) meets box %zu (%g,%g %gx%g)\n", w, h,
                        i, fixed[i]->x, fixed[i]->y, fixed[i]->w, fixed[i]->h, k, fixed[k]->x,
                        fixed[k]->y, fixed[k]->w, fixed[k]->h);
        }
    }
    CHECK(L->free[2] - L->free[0] > 100 && L->free[3] - L->free[1] > 100);
    /* the scale bar is not under the search panel */
    CHECK(apart(&L->scale_bar, &L->search));
    /* the legends (colour-by and the stacking plan) keep off the left column and each other */
    ly_cmd_set_color_mode(app, LY_COLOR_OCCUPANCY, false);
    ly_cmd_set_stacking(app, true, 0);
    ly_app_update(app, 0.016);
    /* (shown, or hidden where they would be under the card: a portrait kiosk's card is
     * most of the screen) */
    CHECK((L->color_legend.shown || L->card.shown) && (L->plan_legend.shown || L->card.shown));
    CHECK(w < h || (L->color_legend.shown && L->plan_legend.shown));
    const ly_box *legs[] = {&L->color_legend, &L->plan_legend}, *cols[] = {&L->toolbar, &L->search};
    for (int i = 0; i < 2; i++) {
        for (int k = 0; k < 2; k++)
            CHECK(apart(legs[i], cols[k]));
        CHECK(inside(legs[i], w, h));
        /* never half under the card (720 x 480 cut "Stacking plan" off) */
        CHECK(!legs[i]->shown || !L->card.shown || apart(legs[i], &L->card));
    }
    CHECK(apart(legs[0], legs[1]));
    ly_cmd_set_stacking(app, false, 0);
    ly_cmd_set_color_mode(app, LY_COLOR_NONE, false);
    /* the dashboard opens beside the finder and the card, not over them (it covered the
     * finder's column in windows narrower than 1920 px) */
    for (int sel = 0; sel < 2 && w > h; sel++) {
        ly_cmd_select(app, sel ? ly_district_find(&app->scene.district, "wtc") : -1, false);
        ly_cmd_set_dashboard(app, true);
        ly_cmd_set_finder(app, true);
        ly_app_update(app, 0.016);
        const ly_box *dash = &L->dashboard, *side[] = {&L->finder, &L->card};
        for (int i = 0; i < 2 && dash->shown; i++)
            if (side[i]->shown)
                CHECK(dash->x + dash->w <= side[i]->x || side[i]->x + side[i]->w <= dash->x);
        /* (beside the finder alone there is room for it on a window 1000 dp wide) */
        CHECK(dash->shown || sel || (float)w / scale < 1000);
    }
    /* the finder beside the card, not under it, wherever 260 dp are left for it */
    ly_cmd_select(app, ly_district_find(&app->scene.district, "wtc"), false);
    ly_cmd_set_dashboard(app, false);
    ly_cmd_set_finder(app, true);
    ly_app_update(app, 0.016);
    if ((float)w / scale >= 270 + 260 + 12 + 340 + 16)
        CHECK(apart(&L->finder, &L->card));
    ly_cmd_set_dashboard(app, false);
    ly_cmd_set_finder(app, false);
}

/* Corner c (0-7) of a building's box on a w x h screen; false behind the eye. */
static bool corner_on_screen(const ly_camera_matrices *m, const ly_mesh_building *mb, int c,
                             int w, int h, float *sx, float *sy)
{
    float p[3] = {c & 1 ? mb->max[0] : mb->min[0], c & 2 ? mb->max[1] : mb->min[1],
                  c & 4 ? mb->max[2] : mb->min[2]};
    const float *v = m->view_proj;
    float q[4];
    for (int r = 0; r < 4; r++)
        q[r] = v[r] * p[0] + v[4 + r] * p[1] + v[8 + r] * p[2] + v[12 + r];
    *sx = (q[0] / q[3] * 0.5f + 0.5f) * w;
    *sy = (0.5f - q[1] / q[3] * 0.5f) * h;
    return q[3] > 0;
}

/* The home view, and the view from above: every building's box on screen, and the
 * towers spread across the free map (not crowded into its middle third), none under the
 * left column's panels. */
/* In a w x h window at `view`, nothing selected: where the buildings' boxes are on screen
 * (lo, hi); how many of their corners are off it. */
static int towers_at(ly_app *app, int w, int h, const char *view, float lo[2], float hi[2])
{
    ly_cmd_resize(app, w, h);
    ly_cmd_select(app, -1, false);
    ly_cmd_set_view(app, view, false);
    ly_app_update(app, 0.016);
    ly_camera_matrices m;
    ly_camera_get_matrices(&app->st.cam, w, h, &m);
    lo[0] = lo[1] = 1e9f, hi[0] = hi[1] = -1e9f;
    const ly_mesh *mesh = &app->scene.mesh;
    int off = 0;
    for (size_t b = 0; b < mesh->n_buildings; b++) {
        const ly_mesh_building *mb = &mesh->buildings[b];
        for (int c = 0; c < 8; c++) {
            float sx, sy;
            off += !corner_on_screen(&m, mb, c, w, h, &sx, &sy) || sx < 0 || sx > w || sy < 0 ||
                   sy > h;
            lo[0] = fminf(lo[0], sx), lo[1] = fminf(lo[1], sy);
            hi[0] = fmaxf(hi[0], sx), hi[1] = fmaxf(hi[1], sy);
        }
    }
    return off;
}

static void home_view(ly_app *app, int w, int h, const char *view)
{
    float lo[2], hi[2];
    CHECK_INT(towers_at(app, w, h, view, lo, hi), 0);
    const float *f = app->layout.free;
    float fw = f[2] - f[0], fh = f[3] - f[1];
    /* the towers take most of the free map in one direction at least */
    float fill = fmaxf((hi[0] - lo[0]) / fw, (hi[1] - lo[1]) / fh);
    CHECK(fill > 0.7f);
    if (!(fill > 0.7f) || getenv("VERBOSE"))
        fprintf(stderr, "%s view %dx%d: the towers fill %.2f of the free map\n", view, w, h,
                fill);
    /* and they stay out of the left column's panels */
    CHECK(lo[0] >= app->layout.toolbar.x + app->layout.toolbar.w - 2);
}

/* A building selected from the home view where its card opens over it (World Trade
 * Center on a 1366 x 768 laptop): once the card is laid out, the view slides the whole
 * building into the map left of the card. */
/* The on-screen keyboard never covers the search field (its top 68 dp): right of the
 * column where it fits there, else the search rises to the toolbar's place; a window
 * with room under the toolbar keeps the toolbar. */
static void keyboard_clear(ly_app *app, int w, int h, float scale, bool lifts)
{
    ly_cmd_resize(app, w, h);
    app->st.ui_scale = scale;
    ly_cmd_select(app, -1, false);
    ly_cmd_set_keyboard(app, true);
    ly_app_update(app, 0.016);
    const ly_layout *L = &app->layout;
    CHECK(L->keyboard.shown && L->search.shown);
    CHECK(inside(&L->keyboard, w, h));
    ly_box field = L->search;
    field.h = 68 * L->s;
    CHECK(apart(&L->keyboard, &field));
    if (!apart(&L->keyboard, &field))
        fprintf(stderr, "%dx%d: the keyboard (%g,%g %gx%g) covers the search field (%g,%g)\n", w,
                h, L->keyboard.x, L->keyboard.y, L->keyboard.w, L->keyboard.h, field.x, field.y);
    CHECK(L->toolbar.shown == !lifts);
    if (lifts)
        CHECK_NEAR(L->search.y, LY_LAYOUT_TOOLBAR_Y * L->s, 1e-3);
    CHECK(L->search_room > 120); /* a few results fit */
    ly_cmd_set_keyboard(app, false);
    ly_app_update(app, 0.016);
    CHECK(L->toolbar.shown);
}

/* Panels that open never lie over each other, nor over the column: on a phone's width
 * they take the window's width one at a time, the last opened on top, the one under it
 * back when it closes; a floor's card over the building's; a kiosk's own scale lowered
 * on a small screen. */
static void one_at_a_time(ly_app *app)
{
    ly_cmd_resize(app, 390, 844);
    app->st.ui_scale = 1;
    const ly_layout *L = &app->layout;
    ly_cmd_select(app, -1, false);
    ly_cmd_set_finder(app, true);
    ly_app_update(app, 0.016);
    CHECK(L->phone && L->finder.shown && !L->toolbar.shown && !L->search.shown);
    CHECK_NEAR(L->finder.x, LY_LAYOUT_MARGIN, 1e-3);
    CHECK_NEAR(L->finder.w, 390 - 2 * LY_LAYOUT_MARGIN, 1e-3);
    long wtc = ly_district_find(&app->scene.district, "wtc");
    ly_cmd_select(app, wtc, false);
    ly_app_update(app, 0.016);
    CHECK(L->card.shown && !L->finder.shown); /* the card over the finder */
    ly_cmd_set_stacking(app, true, 0);
    ly_cmd_select_floor(app, 20);
    ly_app_update(app, 0.016);
    CHECK(L->floor_card.shown && !L->card.shown);
    /* a tap on the floor's card closes it: the building's card is back, nothing picked */
    ly_event tap[2] = {{.type = LY_EV_MOUSE_DOWN, .button = LY_BUTTON_LEFT,
                        .x = L->floor_card.x + 40, .y = L->floor_card.y + 40},
                       {.type = LY_EV_MOUSE_UP, .button = LY_BUTTON_LEFT,
                        .x = L->floor_card.x + 40, .y = L->floor_card.y + 40}};
    for (int i = 0; i < 2; i++)
        ly_app_event(app, &tap[i]);
    ly_app_update(app, 0.016);
    CHECK_INT(app->st.plan.floor_selected, 0);
    CHECK_INT(app->st.selected, wtc);
    CHECK(L->card.shown && !L->floor_card.shown);
    ly_cmd_set_stacking(app, false, 0);
    ly_cmd_select(app, -1, false);
    ly_app_update(app, 0.016);
    CHECK(L->finder.shown); /* back when the card closes */
    ly_cmd_set_finder(app, false);
    ly_app_update(app, 0.016);
    CHECK(L->toolbar.shown && L->search.shown);
    /* a wide window: the finder and the card side by side, the column beside them */
    ly_cmd_resize(app, 1600, 900);
    ly_cmd_set_finder(app, true);
    ly_cmd_select(app, wtc, false);
    ly_app_update(app, 0.016);
    CHECK(!L->phone && L->finder.shown && L->card.shown && L->toolbar.shown && L->search.shown);
    ly_cmd_set_finder(app, false);
    ly_cmd_select(app, -1, false);
    /* the kiosk's own scale: 1.75 on a 1920 x 1080 screen (either way up), less on a smaller
     * one by its shorter side (1.6 had left a 1366 x 768 screen 390 px of map beside the
     * card), never below the desktop's at the same density, and not at all when a scale was
     * given */
    CHECK_NEAR(ly_layout_fit_scale(1.75f, 1920, 1080), 1.75, 1e-6);
    CHECK_NEAR(ly_layout_fit_scale(1.75f, 1080, 1920), 1.75, 1e-6);
    CHECK_NEAR(ly_layout_fit_scale(1.75f, 3840, 2160), 1.75, 1e-6);
    CHECK_NEAR(ly_layout_fit_scale(1.75f, 1366, 768), 1.75 * 768 / 1080, 1e-5);
    CHECK_NEAR(ly_layout_fit_scale(1.75f, 768, 1024), 1.75 * 768 / 1080, 1e-5);
    CHECK_NEAR(ly_layout_fit_scale(1.75f, 720, 1280), 1.75 * 720 / 1080, 1e-5);
    CHECK_NEAR(ly_layout_fit_scale(1.75f, 1024, 600), 1.0, 1e-6);
    CHECK_NEAR(ly_layout_fit_scale(1.75f, 800, 600), 1.0, 1e-6);
    CHECK_NEAR(ly_layout_fit_scale(1.75f, 640, 360), 1.0, 1e-6);
    CHECK_NEAR(ly_layout_fit_scale(3.5f, 3840, 2160), 3.5, 1e-6); /* density 2 */
    CHECK_NEAR(ly_layout_fit_scale(3.5f, 2732, 1536), 1.75 * 1536 / 1080, 1e-5);
    CHECK_NEAR(ly_layout_fit_scale(3.5f, 1366, 768), 2.0, 1e-6);
    ly_cmd_resize(app, 1366, 768);
    ly_cmd_set_auto_scale(app, 1.75f);
    CHECK_NEAR(app->st.ui_scale, 1.75 * 768 / 1080, 1e-5);
    /* and leaves the map at least a third of the screen's width beside the card */
    {
        ly_card_room room = ly_layout_card_room(1366, 768, app->st.ui_scale);
        float fm[4];
        ly_layout_free_map(1366, 768, app->st.ui_scale, true, false, fm);
        CHECK(room.beside && fm[2] - fm[0] >= 1366 / 3.0f);
    }
    ly_cmd_resize(app, 1920, 1080); /* a screen plugged in: its own scale again */
    CHECK_NEAR(app->st.ui_scale, 1.75, 1e-6);
    ly_cmd_set_auto_scale(app, 0);
    ly_cmd_resize(app, 1024, 600);
    CHECK_NEAR(app->st.ui_scale, 1.75, 1e-6);
    ly_cmd_set_scale(app, 1);
}

/* In a w x h window at the home view, wtc selected (flown to or not) and the camera
 * settled; returns wtc. */
static long wtc_settled(ly_app *app, int w, int h, bool fly)
{
    ly_cmd_resize(app, w, h);
    ly_cmd_select(app, -1, false);
    ly_cmd_set_view(app, "home", false);
    ly_app_update(app, 0.016);
    long b = ly_district_find(&app->scene.district, "wtc");
    ly_cmd_select(app, b, fly);
    for (int i = 0; i < 40; i++)
        ly_app_update(app, 0.1);
    return b;
}

static void clear_of_card(ly_app *app, int w, int h)
{
    long b = wtc_settled(app, w, h, false);
    CHECK(!app->st.cam.flying && app->st.clear_card == 0);
    ly_camera_matrices m;
    ly_camera_get_matrices(&app->st.cam, w, h, &m);
    const ly_mesh_building *mb = &app->scene.mesh.buildings[b];
    float right = -1e9f;
    for (int c = 0; c < 8; c++) {
        float sx, sy;
        if (corner_on_screen(&m, mb, c, w, h, &sx, &sy))
            right = fmaxf(right, sx);
    }
    CHECK(app->layout.card.shown && right < app->layout.card.x);
    if (!(right < app->layout.card.x))
        fprintf(stderr, "%dx%d: wtc reaches x %.0f, its card starts at %.0f\n", w, h, right,
                app->layout.card.x);
    ly_cmd_select(app, -1, false);
}

/* A phone's map (the portal's on a phone: 335 x 596) with a building flown to: its card
 * keeps to the upper part, the building's roof in view below it (the card had come down
 * over the building). */
static void phone_card(ly_app *app, int w, int h)
{
    long b = wtc_settled(app, w, h, true);
    const ly_box *card = &app->layout.card;
    CHECK(card->shown && card->y + card->h <= 0.6f * h);
    float sx, sy;
    bool seen = ly_app_building_point(app, b, &sx, &sy) && sy > card->y + card->h && sy < h &&
                sx > 0 && sx < w;
    CHECK(seen);
    if (!seen || getenv("VERBOSE"))
        fprintf(stderr, "%dx%d: the card ends at %.0f, wtc's roof at %.0f, %.0f\n", w, h,
                card->y + card->h, sx, sy);
    ly_cmd_select(app, -1, false);
}

/* A building's view with nothing selected, on a phone (390 x 844): its roof in the map the
 * panels leave, below the search panel (it had stood in the window's middle, behind the
 * column of panels). */
static void phone_view(ly_app *app)
{
    float scale = app->st.ui_scale;
    app->st.ui_scale = 1.5f; /* (a phone's density: the panels reach the window's middle) */
    ly_cmd_resize(app, 390, 844);
    ly_cmd_select(app, -1, false);
    ly_app_update(app, 0.016);
    long b = ly_district_find(&app->scene.district, "wtc");
    ly_cmd_view_building(app, b, false);
    ly_app_update(app, 0.016);
    float sx, sy;
    const float *f = app->layout.free;
    bool seen = ly_app_building_point(app, b, &sx, &sy) && sy > f[1] && sy < f[3] && sx > f[0] &&
                sx < f[2];
    CHECK(seen);
    if (!seen || getenv("VERBOSE"))
        fprintf(stderr, "390x844, wtc's view: its roof at %.0f, %.0f; the free map %.0f-%.0f, "
                "%.0f-%.0f\n", sx, sy, f[0], f[2], f[1], f[3]);
    app->st.ui_scale = scale;
    ly_cmd_resize(app, 390, 844);
}

/* A phone turned, a window made smaller, with a building selected and in view: it stays in
 * view (its view point in the window once the camera settles). */
static void turned(ly_app *app, int w0, int h0, int w1, int h1)
{
    long b = wtc_settled(app, w0, h0, true);
    float sx, sy;
    CHECK(ly_app_building_point(app, b, &sx, &sy) && sx >= 0 && sx <= (float)w0 && sy >= 0 &&
          sy <= (float)h0);
    ly_cmd_resize(app, w1, h1);
    for (int i = 0; i < 40; i++)
        ly_app_update(app, 0.1);
    bool in = ly_app_building_point(app, b, &sx, &sy) && sx >= 0 && sx <= (float)w1 &&
              sy >= 0 && sy <= (float)h1;
    CHECK(in);
    if (!in)
        fprintf(stderr, "%dx%d → %dx%d: wtc's point at %.0f, %.0f\n", w0, h0, w1, h1, sx, sy);
    ly_cmd_select(app, -1, false);
}

/* The bundled store: its weeks move the map; a kiosk shows the latest. */
static void weeks(void)
{
    ly_app app;
    char err[256];
    CHECK_INT(ly_app_init(&app, 1280, 720, 1, false, err, sizeof err), 0);
    ly_diag_list diags;
    ly_diag_list_init(&diags, "store");
    CHECK_INT(ly_app_load(&app, LY_BINARY_DIR "/data/zhanshan.gpkg", &diags), LY_LOAD_OK);
    ly_diag_list_deinit(&diags);
    const ly_district *d = &app.scene.district;
    CHECK_INT(d->n_weeks, 52);
    CHECK_INT(d->week, 51); /* the latest */
    /* its export (what the portal gives kiosks) is titled with the same week, not the
     * Friday's date */
    {
        char path[] = "/tmp/louyu-week-XXXXXX", store_sub[256], file_sub[256];
        int fd = mkstemp(path);
        const char *name;
        ly_layout_title_text(&app, &name, store_sub, sizeof store_sub);
        CHECK(fd >= 0 && !ly_store_export(LY_BINARY_DIR "/data/zhanshan.gpkg", 0, path, NULL,
                                          NULL, err, sizeof err));
        ly_app f;
        CHECK_INT(ly_app_init(&f, 1280, 720, 1, false, err, sizeof err), 0);
        ly_diag_list_init(&diags, path);
        CHECK_INT(ly_app_load(&f, path, &diags), LY_LOAD_OK);
        ly_diag_list_deinit(&diags);
        ly_layout_title_text(&f, &name, file_sub, sizeof file_sub);
        CHECK(strstr(store_sub, "2011") && !strcmp(store_sub, file_sub));
        if (strcmp(store_sub, file_sub))
            fprintf(stderr, "the store's title: %s; its export's: %s\n", store_sub, file_sub);
        ly_app_deinit(&f);
        if (fd >= 0)
            close(fd), unlink(path);
    }
    ly_app_update(&app, 0.016);
    CHECK(app.layout.weeks.shown);
    CHECK(app.layout.free[3] <= app.layout.weeks.y); /* the home view keeps above it */
    /* never over another panel: the on-screen keyboard's keys, the finder's results */
    for (int k = 0; k < 2; k++) {
        if (k)
            ly_cmd_set_finder(&app, true);
        else
            ly_cmd_set_keyboard(&app, true);
        ly_app_update(&app, 0.016);
        const ly_box *o = k ? &app.layout.finder : &app.layout.keyboard, *w = &app.layout.weeks;
        CHECK(o->shown);
        CHECK(!w->shown || o->x >= w->x + w->w || w->x >= o->x + o->w || o->y >= w->y + w->h ||
              w->y >= o->y + o->h);
        if (k)
            ly_cmd_set_finder(&app, false);
        else
            ly_cmd_set_keyboard(&app, false);
    }
    ly_app_update(&app, 0.016);
    CHECK(app.layout.weeks.shown);
    /* 720 x 480: the search panel pushes the scale bar out beside the column, where the
     * slider lies; the slider is not drawn over it (the bar waits) */
    ly_cmd_resize(&app, 720, 480);
    ly_app_update(&app, 0.016);
    const ly_box *sb = &app.layout.scale_bar, *wk = &app.layout.weeks;
    CHECK(wk->shown);
    CHECK(!sb->shown || sb->x >= wk->x + wk->w || wk->x >= sb->x + sb->w ||
          sb->y >= wk->y + wk->h || wk->y >= sb->y + sb->h);
    ly_cmd_resize(&app, 1280, 720);
    ly_app_update(&app, 0.016);
    long wtc = ly_district_find(d, "wtc");
    ly_cmd_select(&app, wtc, false);
    ly_cmd_set_color_mode(&app, LY_COLOR_OCCUPANCY, false);
    double now = ly_building_vacant_in_week(d, &d->buildings[wtc], d->week);
    size_t found_now = app.dv.found.n_matches;
    ly_cmd_set_week(&app, 201030);
    CHECK_INT(d->weeks[d->week], 201030);
    CHECK_INT(app.st.week, 201030);
    CHECK_INT(app.st.selected, wtc); /* the selection stays */
    /* the floor records show that week: the card, plan, colour-by and finder read them */
    double then = 0;
    const ly_building *b = &d->buildings[wtc];
    for (uint32_t r = b->first_record; r < b->first_record + b->n_records; r++)
        then += d->records[r].vacant_m2;
    CHECK_NEAR(then, ly_building_vacant_in_week(d, b, d->week), 0.5);
    CHECK(then != now);
    CHECK(app.st.color_t < 1); /* the colours blend into the new week's */
    (void)found_now;
    ly_cmd_step_week(&app, -1);
    CHECK_INT(d->weeks[d->week], 201029);
    ly_cmd_step_week(&app, -1000);
    CHECK_INT(d->week, 0);
    ly_cmd_step_week(&app, 1000);
    CHECK_INT(d->week, 51);
    CHECK_INT(app.st.week, 0); /* the last week is "the latest" */
    /* the change since last week */
    ly_cmd_set_week(&app, 201106);
    ly_cmd_set_color_mode(&app, LY_COLOR_CHANGE, false);
    long s22 = ly_district_find(d, "sample-22");
    CHECK_INT(app.dv.colorby.class_of[s22], 4); /* a floor of 3,518 m² came free */
    CHECK_NEAR(app.dv.colorby.value[s22], 3518, 1);
    /* a kiosk: no slider, and a reset shows the latest week again */
    ly_cmd_set_kiosk(&app, true, 60, 120, 9);
    ly_app_update(&app, 0.016);
    CHECK(!app.layout.weeks.shown);
    ly_cmd_set_tab(&app, LY_TAB_NEARBY);
    ly_cmd_set_walk_areas(&app, true);
    ly_cmd_set_route(&app, 0);
    ly_cmd_kiosk_reset(&app);
    CHECK_INT(d->week, 51);
    /* and the next visitor's card opens plain: its overview, no route, no walking areas */
    CHECK(app.st.tab == LY_TAB_OVERVIEW && !app.st.walk_areas && app.st.route_kind < 0);
    ly_app_deinit(&app);
}

/* The search index is made when a frame first needs it: a query typed, or the frame
 * after the district's first (not before a city's first frame); made again for a new
 * language. */
static void search_index(ly_app *app)
{
    ly_search_hit hit[4];
    CHECK(app->dv.search_stale);
    CHECK_INT((long)ly_search_run(&app->dv.search, "wtc", hit, 4), 0);
    ly_cmd_index_search(app, false); /* no query yet: nothing */
    CHECK(app->dv.search_stale);
    snprintf(app->st.query, sizeof app->st.query, "wtc");
    ly_cmd_index_search(app, false);
    CHECK(!app->dv.search_stale);
    CHECK(ly_search_run(&app->dv.search, "wtc", hit, 4) >= 1);
    app->st.query[0] = '\0';
    ly_cmd_set_language(app, LY_LANG_EN);
    CHECK(app->dv.search_stale);
    ly_cmd_index_search(app, true); /* after the first frame */
    CHECK(!app->dv.search_stale);
    CHECK(ly_search_run(&app->dv.search, "wtc", hit, 4) >= 1);
    ly_cmd_set_language(app, LY_LANG_ZH);
    ly_cmd_index_search(app, true);
}

/* The toast: a short message on one line, a long one (a refused report's first error)
 * wrapped within the window above the week slider, a very long one cut after four lines. */
/* No font with Chinese characters: English, and Chinese refused with the reason told. */
static void no_cjk_font(ly_app *app)
{
    ly_cmd_set_language(app, LY_LANG_ZH);
    app->font_lacks_cjk = true;
    ly_app_font_fallback(app);
    CHECK_INT(app->st.lang, LY_LANG_EN);
    CHECK(strstr(app->st.exported.text, "fonts-noto-cjk") != NULL);
    app->st.exported.text[0] = '\0';
    ly_cmd_set_language(app, LY_LANG_ZH); /* (the L key) */
    CHECK_INT(app->st.lang, LY_LANG_EN);
    CHECK(strstr(app->st.exported.text, "No font with Chinese characters") != NULL);
    app->font_lacks_cjk = false;
    ly_cmd_set_language(app, LY_LANG_ZH);
    CHECK_INT(app->st.lang, LY_LANG_ZH);
    app->st.exported.text[0] = '\0';
}

static void toasts(ly_app *app)
{
    ly_cmd_resize(app, 1280, 720);
    ly_cmd_tell(app, true, "week.xls: imported 2011-W19, 4 rows");
    ly_app_update(app, 0.016);
    const ly_box *t = &app->layout.toast;
    CHECK(t->shown && inside(t, 1280, 720));
    float one = t->h;
    char text[1400] = "hdr.csv not imported (errors: 1): 1:1: the first row is not a header: ";
    while (strlen(text) < 300)
        strcat(text, "expected a first row naming the columns week, building, floors; ");
    ly_cmd_tell(app, false, text);
    ly_app_update(app, 0.016);
    CHECK(t->shown && inside(t, 1280, 720) && t->h > one + 20);
    CHECK(!app->layout.weeks.shown || t->y + t->h <= app->layout.weeks.y);
    float some = t->h;
    while (strlen(text) < 1300)
        strcat(text, "and more of the same, ");
    ly_cmd_tell(app, false, text);
    ly_app_update(app, 0.016);
    char lines[LY_TOAST_LINES][400];
    float w;
    CHECK_INT(ly_layout_toast_lines(app, text, 11.5f, app->layout.toast_room, lines, &w),
              LY_TOAST_LINES);
    CHECK(strstr(lines[LY_TOAST_LINES - 1], "…") != NULL);
    CHECK(inside(t, 1280, 720) && t->h >= some && t->h < one + 4 * 16 + 1);
    /* its 8 s up, with nothing else moving: a frame is asked for, to take it away (it had
     * stayed on screen until something moved) */
    for (int i = 0; i < 20; i++) /* (1 s: what moved comes to rest) */
        ly_app_update(app, 0.05);
    app->st.redraw = false;
    ly_app_update(app, 0.05);
    CHECK(t->shown && !app->st.redraw);
    ly_app_update(app, 7.0);
    CHECK(!t->shown && app->st.redraw);
}

/* One building of 100 m across at the home view and from above: in the middle of the free
 * map with ground about it (it had filled the window edge to edge, the eye beside its
 * walls, and a card opened over it slid it under the left column). */
static void lone_building(ly_app *app, const char *view)
{
    float lo[2], hi[2];
    CHECK_INT(towers_at(app, 1280, 800, view, lo, hi), 0);
    const float *f = app->layout.free;
    float fw = f[2] - f[0], fh = f[3] - f[1];
    float fill = fmaxf((hi[0] - lo[0]) / fw, (hi[1] - lo[1]) / fh);
    CHECK(fill > 0.2f && fill < 0.6f);
    float mx = 0.5f * (lo[0] + hi[0]), my = 0.5f * (lo[1] + hi[1]);
    CHECK(fabsf(mx - 0.5f * (f[0] + f[2])) < 0.15f * fw);
    CHECK(fabsf(my - 0.5f * (f[1] + f[3])) < 0.2f * fh);
    if (!(fill > 0.2f && fill < 0.6f) || getenv("VERBOSE"))
        fprintf(stderr, "lone building, %s view: fills %.2f, middle %.0f,%.0f of %.0f-%.0f, "
                "%.0f-%.0f\n", view, fill, mx, my, f[0], f[2], f[1], f[3]);
}

int main(void)
{
    weeks();
    locale_cases();
    settings_cases();

    ly_app app;
    char err[256];
    CHECK_INT(ly_app_init(&app, 1280, 720, 1, false, err, sizeof err), 0);
    ly_diag_list diags;
    ly_diag_list_init(&diags, "zhanshan");
    CHECK_INT(ly_app_load(&app, LY_SOURCE_DIR "/data/zhanshan.geojson", &diags), LY_LOAD_OK);
    ly_diag_list_deinit(&diags);
    CHECK(!app.layout.notice.shown);
    search_index(&app);
    layout_at(&app, 1280, 720, 1);
    layout_at(&app, 1920, 1080, 1.75f);
    layout_at(&app, 1080, 1920, 1.75f);
    layout_at(&app, 3840, 2160, 2);
    layout_at(&app, 1600, 900, 1.75f); /* 914 x 514 dp: the finder narrowed beside the card */
    walk_key_at(&app, 1920, 1080, 1);
    walk_key_at(&app, 1366, 768, 1);
    walk_key_at(&app, 1080, 1920, 1.75f);
    walk_key_at(&app, 390, 844, 1);
    walk_key_at(&app, 800, 600, 1);
    ly_cmd_select(&app, -1, false);
    /* a phone's dashboard over the colours' legend: the legend waits (it had been left with
     * its title under the dashboard) */
    ly_cmd_resize(&app, 390, 844);
    app.st.ui_scale = 1;
    ly_cmd_select(&app, -1, false);
    ly_cmd_set_color_mode(&app, LY_COLOR_OCCUPANCY, false);
    ly_cmd_set_dashboard(&app, true);
    ly_app_update(&app, 0.016);
    CHECK(app.layout.dashboard.shown);
    CHECK(!app.layout.color_legend.shown ||
          apart(&app.layout.color_legend, &app.layout.dashboard));
    ly_cmd_set_dashboard(&app, false);
    ly_cmd_set_color_mode(&app, LY_COLOR_NONE, false);
    app.st.ui_scale = 1;
    toasts(&app);
    no_cjk_font(&app);
    home_view(&app, 1280, 720, "home");
    home_view(&app, 1920, 1080, "home");
    home_view(&app, 1000, 700, "home");
    home_view(&app, 1280, 720, "top");
    home_view(&app, 1000, 700, "top");
    home_view(&app, 700, 1000, "top");
    home_view(&app, 1600, 500, "top");
    keyboard_clear(&app, 720, 480, 1, true);
    keyboard_clear(&app, 1366, 768, 1.75f, true);
    keyboard_clear(&app, 1280, 720, 1, false);
    keyboard_clear(&app, 1920, 1080, 1.75f, false);
    keyboard_clear(&app, 1080, 1920, 1.75f, false);
    app.st.ui_scale = 1;
    one_at_a_time(&app);
    clear_of_card(&app, 1366, 768);
    clear_of_card(&app, 1280, 720);
    phone_card(&app, 335, 596);
    phone_card(&app, 390, 844);
    phone_view(&app);
    turned(&app, 390, 844, 844, 390);
    turned(&app, 1280, 720, 640, 400);

    /* from text in memory (the browser's way): bad text is told with its line and
     * column and changes nothing; good text replaces the district */
    size_t before = app.scene.district.n_buildings;
    const char *bad = "{\"type\": \"FeatureCollection\",\n \"features\": [1,]}\n";
    ly_diag_list_init(&diags, "page.geojson");
    CHECK_INT(ly_app_load_mem(&app, bad, strlen(bad), "page.geojson", &diags), LY_LOAD_DATA);
    CHECK(diags.errors >= 1 && diags.items[0].line == 2 && diags.items[0].col > 1);
    ly_diag_list_deinit(&diags);
    CHECK_INT(app.scene.district.n_buildings, before);
    const char *one = "{\"type\": \"FeatureCollection\", \"features\": [{\"type\": \"Feature\","
                      " \"properties\": {\"height\": 30}, \"geometry\": {\"type\": \"Polygon\","
                      " \"coordinates\": [[[120.0,36.0],[120.001,36.0],[120.001,36.001],[120.0,36.0]]]}}]}";
    ly_diag_list_init(&diags, "page.geojson");
    CHECK_INT(ly_app_load_mem(&app, one, strlen(one), "page.geojson", &diags), LY_LOAD_OK);
    ly_diag_list_deinit(&diags);
    CHECK_INT(app.scene.district.n_buildings, 1);
    CHECK(app.scene.mesh.n_vertices > 0);
    lone_building(&app, "home");
    lone_building(&app, "top");

    /* a district with no buildings says so */
    char path[] = "/tmp/louyu-empty-XXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    const char *empty = "{\"type\": \"FeatureCollection\", \"features\": []}\n";
    CHECK(write(fd, empty, strlen(empty)) == (ssize_t)strlen(empty));
    close(fd);
    ly_diag_list_init(&diags, path);
    CHECK_INT(ly_app_load(&app, path, &diags), LY_LOAD_OK);
    ly_diag_list_deinit(&diags);
    unlink(path);
    ly_app_update(&app, 0.016);
    CHECK_INT(app.scene.district.n_buildings, 0);
    CHECK(app.layout.notice.shown);
    CHECK(inside(&app.layout.notice, app.st.width, app.st.height));
    /* clear of the left column, and (a CityJSON file's) with CityJSON's hint */
    const ly_box *col = &app.layout.toolbar;
    CHECK(!col->shown || app.layout.notice.x >= col->x + col->w);
    char dir[] = "/tmp/louyu-empty-XXXXXX", cj[64];
    CHECK(mkdtemp(dir) != NULL);
    snprintf(cj, sizeof cj, "%s/empty.city.json", dir);
    FILE *f = fopen(cj, "w");
    CHECK(f != NULL);
    if (f) {
        fputs("{\"type\":\"CityJSON\",\"version\":\"2.0\",\"CityObjects\":{\"b\":{\"type\":"
              "\"Building\"}},\"vertices\":[]}\n", f);
        fclose(f);
    }
    ly_diag_list_init(&diags, cj);
    CHECK_INT(ly_app_load(&app, cj, &diags), LY_LOAD_OK);
    ly_diag_list_deinit(&diags);
    unlink(cj);
    rmdir(dir);
    ly_app_update(&app, 0.016);
    const char *big = NULL, *small = NULL;
    CHECK(ly_layout_notice_text(&app, &big, &small));
    CHECK(small && strstr(small, "Building") && strstr(small, "Solid"));
    /* a kiosk started on it says to the public what it says without data: out of service,
     * in both languages, not a file's hint meant for whoever made it */
    app.st.kiosk.on = true;
    CHECK(ly_layout_notice_text(&app, &big, &small));
    CHECK(big && !strcmp(big, ly_str(LY_S_OUT_OF_SERVICE, LY_LANG_ZH)));
    CHECK(small && !strcmp(small, ly_str(LY_S_OUT_OF_SERVICE, LY_LANG_EN)));
    /* and no attract tour starts over it, whoever asks (shot --attract had drawn a tour's
     * empty caption over the notice) */
    ly_cmd_start_tour(&app);
    CHECK(!app.st.kiosk.touring);
    app.st.kiosk.on = false;
    ly_app_deinit(&app);
    return check_report();
}
