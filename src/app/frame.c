/* The frame: the labels, the views in order, the render, then what the views
 * asked for. It says when the picture needs another frame to settle, so that a
 * viewer that sleeps between frames never stops on an unfinished one. */
#include "commands.h"
#include "views/view.h"
#include "louyu/icons.h"
#include "louyu/log.h"

#include <cglm/cglm.h>
#include <math.h>
#include <string.h>

/* The sun: south-east, 48 degrees up (a spring afternoon light, from the sea side). */
static const float SUN[3] = {0.47f, -0.47f, 0.745f};

/* Every shown rectangle, as x0, y0, x1, y1 grown by `pad` pixels: what the map's labels
 * keep off. Returns how many (at most cap). */
static size_t keep_out(const ly_layout *L, float pad, float (*out)[4], size_t cap)
{
    const ly_box *all[] = {&L->title,     &L->toolbar,      &L->search,      &L->compass,
                           &L->help_button, &L->scale_bar,  &L->keyboard,    &L->finder,
                           &L->help,      &L->help_keys,    &L->card,        &L->floor_card,
                           &L->dashboard, &L->color_legend, &L->plan_legend, &L->tour,
                           &L->toast,     &L->notice,       &L->admin,       &L->weeks,
                           &L->places,    &L->cameras,      &L->camera_view[0],
                           &L->operations,  &L->walk_legend,
                           &L->camera_view[1], &L->camera_view[2], &L->camera_view[3]};
    size_t n = 0;
    for (size_t i = 0; i < sizeof all / sizeof *all && n < cap; i++) {
        const ly_box *b = all[i];
        if (!b->shown)
            continue;
        /* the compass's "N" turns around it */
        float g = pad + (b == &L->compass ? 16 * L->s : 0);
        out[n][0] = b->x - g;
        out[n][1] = b->y - g;
        out[n][2] = b->x + b->w + g;
        out[n][3] = b->y + b->h + g;
        n++;
    }
    return n;
}

/* The map's labels, kept off every panel the layout shows. Returns true while
 * some still fade in or out. */
static bool labels(ly_app *app, const ly_camera_matrices *m, double dt)
{
    const ly_state *st = &app->st;
    float keep[32][4];
    size_t n = keep_out(&app->layout, 4 * app->layout.s, keep, 32);
    ly_labels *lb = &app->scene.labels;
    ly_labels_update(lb, &app->scene.district, &app->scene.bvh, m,
                     &(ly_label_options){.width = st->width,
                                         .height = st->height,
                                         .scale = st->ui_scale,
                                         .lang = st->lang,
                                         .one_name = app->font_lacks_cjk,
                                         .selected = st->selected,
                                         .hovered = st->hovered,
                                         .dt = dt,
                                         .reserved = (const float(*)[4])keep,
                                         .n_reserved = n,
                                         .stacking = st->plan.on ? &app->dv.stack : NULL},
                     &app->dl);
    return lb->fading;
}

/* The places (and in operations mode the cameras) on the map, after the labels: they
 * keep off the panels and off the buildings' names. Returns true while some fade. */
static bool places(ly_app *app, const ly_camera_matrices *m, double dt)
{
    const ly_state *st = &app->st;
    float keep[64][4];
    size_t n = keep_out(&app->layout, 4 * app->layout.s, keep, 32);
    const ly_labels *lb = &app->scene.labels;
    for (size_t i = 0; i < lb->n_shown && n < 64; i++)
        memcpy(keep[n++], lb->boxes[i], sizeof keep[0]);
    ly_places *pl = &app->scene.places;
    /* a route's end is shown as chosen, whatever it overlaps */
    long chosen = st->place_chosen;
    if (chosen < 0 && st->route_kind >= 0 && st->route_kind < LY_POI_COUNT &&
        app->dv.walk_for == st->selected && st->selected >= 0)
        chosen = app->dv.nearby.feature[st->route_kind];
    ly_places_update(pl, &app->scene.district, &app->scene.geo, &app->scene.bvh, m,
                     &(ly_places_options){.width = st->width,
                                          .height = st->height,
                                          .scale = st->ui_scale,
                                          .lang = st->lang,
                                          .categories = st->place_kinds,
                                          .later = st->place_later,
                                          .later_kinds = ly_app_later_kinds(app),
                                          /* never in a map image (an export) */
                                          .cameras = st->operations && !st->map_image,
                                          .hovered = st->place_hovered,
                                          .chosen = chosen,
                                          .dt = dt,
                                          .reserved = (const float(*)[4])keep,
                                          .n_reserved = n},
                     &app->dl);
    return pl->fading;
}

/* Everything over the 3D scene, into the draw list; the views' messages into
 * app->msgs. Returns true when the labels still fade. */
static bool overlay(ly_app *app, const ly_camera_matrices *m, double dt)
{
    ly_view_ctx c = {.app = app, .L = &app->layout, .ui = &app->ui, .dl = &app->dl,
                     .out = &app->msgs};
    ly_draw_clear(&app->dl);
    if (app->st.picture_only)
        return false;
    bool fading = app->scene.loaded && labels(app, m, dt);
    fading |= app->scene.loaded && places(app, m, dt);
    if (app->st.map_image) {
        ly_view_hud(&c);
        ly_view_legends(&c);
        return fading;
    }
    ly_view_hud(&c);
    ly_view_notice(&c);
    ly_view_legends(&c);
    ly_view_floor_card(&c);
    /* the kiosk is a touch screen: its panels' "×" a finger's size (a visitor's one way back
     * from a card besides the idle reset); the desktop's as they were */
    app->ui.theme.touch = app->st.kiosk.on ? 48 : 0;
    ly_ui_begin_frame(&app->ui, app->st.width, app->st.height, app->st.ui_scale, dt);
    ly_view_out board = ly_view_dashboard(&c);
    ly_view_toolbar(&c);
    ly_view_search(&c);
    ly_view_finder(&c);
    ly_view_help(&c);
    ly_view_card(&c);
    ly_view_floors(&c);
    ly_view_enterprises(&c);
    ly_view_nearby(&c);
    ly_view_places(&c);
    ly_view_cameras(&c);
    ly_view_camera_views(&c);
    ly_view_out weeks = ly_view_weeks(&c);
    ly_view_admin(&c);
    ly_ui_end_frame(&app->ui);
    ly_view_tooltip(&c, weeks.tip.shown ? &weeks.tip : &board.tip);
    ly_view_tour(&c);
    ly_view_admin_hold(&c);
    return fading;
}

/* Keeps what the GPU draws in step with the derived data. */
static void upload(ly_app *app)
{
    ly_derived *dv = &app->dv;
    const ly_state *st = &app->st;
    if (!app->icons_loaded) {
        /* the map's pictograms, once: decoded from the program's own copy */
        ly_icon_sheet sheet;
        char err[200];
        if (ly_icons_load(&sheet, err, sizeof err) == 0)
            ly_renderer_set_image(app->renderer, LY_DRAW_IMAGE_ICONS, sheet.rgba, sheet.width,
                                  sheet.height, true);
        else
            LY_WARN("APP", "no icons on the map: %s", err);
        ly_icons_unload(&sheet);
        app->icons_loaded = true;
    }
    if (dv->stack_dirty) {
        ly_stacking_deinit(&dv->stack);
        if (st->plan.on && st->selected >= 0) {
            int lo = st->plan.floor_selected ? st->plan.floor_selected : st->plan.floor_hover;
            int hi = st->plan.floor_selected ? st->plan.floor_last : st->plan.floor_hover;
            ly_stacking_build(&dv->stack, &app->scene.district, &app->scene.geo, st->selected,
                              st->plan.explode, lo, hi);
        }
        ly_renderer_set_stacking(app->renderer, &dv->stack);
        dv->stack_dirty = false;
    }
    if (dv->styles_dirty && dv->styles) {
        ly_renderer_set_building_styles(app->renderer, dv->styles,
                                        app->scene.district.n_buildings);
        dv->styles_dirty = false;
    }
}

/* The frame's matrices: the whole picture's, or (tile) those that draw only the part
 * x, y, w, h of it (pixels, y down) into a target of that size, the same pixels as
 * the whole picture has there. */
static void frame_matrices(const ly_app *app, const ly_camera_matrices *m, const int *tile,
                           ly_render_frame *f)
{
    mat4 vp;
    memcpy(vp, m->view_proj, sizeof vp);
    if (tile) {
        float W = (float)app->st.width, H = (float)app->st.height;
        float sx = W / (float)tile[2], sy = H / (float)tile[3];
        float cx = (2.0f * (float)tile[0] + (float)tile[2]) / W - 1.0f;
        float cy = 1.0f - (2.0f * (float)tile[1] + (float)tile[3]) / H;
        mat4 crop = GLM_MAT4_IDENTITY_INIT;
        crop[0][0] = sx;
        crop[1][1] = sy;
        crop[3][0] = -sx * cx;
        crop[3][1] = -sy * cy;
        glm_mat4_mul(crop, vp, vp);
        f->width = tile[2];
        f->height = tile[3];
        f->ui_x = tile[0];
        f->ui_y = tile[1];
    }
    memcpy(f->view_proj, vp, sizeof f->view_proj);
    mat4 inv;
    glm_mat4_inv(vp, inv);
    memcpy(f->inv_view_proj, inv, sizeof f->inv_view_proj);
}

static void draw(ly_app *app, const ly_camera_matrices *m, const int *tile)
{
    ly_render_frame f = {.width = app->st.width, .height = app->st.height};
    frame_matrices(app, m, tile, &f);
    memcpy(f.eye, m->eye, sizeof f.eye);
    memcpy(f.sun, SUN, sizeof f.sun);
    /* fog: clear over the district, softening the land plane's far edge */
    const ly_mesh *mesh = &app->scene.mesh;
    float ext = fmaxf(mesh->max[0] - mesh->min[0], mesh->max[1] - mesh->min[1]);
    /* a district is clear to its edges; a city (over 8 km of fog reach) seen from
     * close by fades within a few kilometres, as haze does, and its far chunks are
     * then not drawn at all */
    float reach = 2.2f * ext;
    if (reach > 8000.0f)
        reach = fminf(reach, 2000.0f + 3.0f * (float)app->st.cam.pose.distance);
    f.fog_distance = fmaxf(2500.0f, reach) + 1.5f * m->eye[2];
    /* of the whole picture: a tile is drawn at the detail the whole would have */
    f.pixel_angle =
        app->lod_off || m->proj[5] <= 0 ? 0 : 2.0f / (m->proj[5] * (float)app->st.height);
    f.draw_sites = app->scene.has_sites;
    ly_renderer_draw(app->renderer, &f, &app->dl, ly_font_get_atlas(app->font));
    ly_font_atlas_clean(app->font);
}

static bool render(ly_app *app, const int *tile);

bool ly_app_render(ly_app *app)
{
    return render(app, NULL);
}

bool ly_app_render_tile(ly_app *app, int x, int y, int w, int h)
{
    const int tile[4] = {x, y, w, h};
    return render(app, tile);
}

static bool render(ly_app *app, const int *tile)
{
    if (!app->renderer)
        return false;
    ly_camera_matrices m;
    ly_camera_get_matrices(&app->st.cam, app->st.width, app->st.height, &m);
    ly_cmd_index_search(app, app->dv.drawn); /* the frame after the first, or a query now */
    if (app->st.dashboard)
        ly_cmd_board(app);
    upload(app);
    double dt = app->st.time - app->last_label_t;
    app->last_label_t = app->st.time;
    /* New glyphs can grow or reset the atlas while the overlay is built: the quads
     * made before point at old places. Build it again (every glyph is cached by
     * then), keeping the first pass's messages. */
    const ly_font_atlas *atlas = ly_font_get_atlas(app->font);
    app->msgs.n = 0;
    app->msgs.frozen = false;
    bool fading = false, grew = false;
    for (int attempt = 0; attempt < 3; attempt++) {
        unsigned generation = atlas->generation;
        fading = overlay(app, &m, attempt ? 0 : dt);
        app->msgs.frozen = true;
        if (atlas->generation == generation)
            break;
        grew = true;
    }
    draw(app, &m, tile);
    app->dv.drawn = app->scene.loaded;
    app->st.redraw = false;
    /* what the views asked for: the next frame shows it */
    for (int i = 0; i < app->msgs.n; i++)
        ly_app_dispatch(app, &app->msgs.items[i]);
    if (!tile)
        ly_app_rehover(app); /* (a change asks for one more frame) */
    if (app->st.export_wait > 0 && !tile)
        app->st.export_wait--; /* "Exporting…" is on screen once this reaches 0 */
    ly_render_stats rs;
    ly_renderer_stats(app->renderer, &rs);
    bool again = app->msgs.n > 0 || grew || fading || ly_ui_needs_frame(&app->ui) ||
                 app->st.export_queued || rs.waiting;
    app->msgs.n = 0;
    return again || app->st.redraw;
}
