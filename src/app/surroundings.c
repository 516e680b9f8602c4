/* Surroundings: the points of interest on the map, the Nearby tab's walks, the walking
 * areas and route on the ground, and (operations mode only) the cameras with their
 * live pictures. Commands that change the state, and the per-frame work that keeps
 * the derived data (walk search, shapes on the ground, streams) in step with it. */
#include "commands.h"
#include "louyu/clock.h"
#include "louyu/icons.h"
#include "louyu/log.h"
#include "louyu/palette.h"

#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* A camera's view cone on the ground: how far it reaches, and at what height the rays
 * that clip it against buildings run. */
#define CONE_M 120.0f
#define CONE_RAY_Z 1.5f

static const double AREA_MIN[3] = {5, 10, 15};
/* Heights of the shapes over the ground (metres): a little above it, so that the depth
 * test never mixes them with the roads, and in the order they stack. */
#define Z_AREAS 0.15f
#define Z_CONES 0.25f
#define Z_ROUTE 0.35f

/* ---- places on the map ----------------------------------------------------------- */

void ly_cmd_set_places_panel(ly_app *app, bool on)
{
    app->st.places_panel = on;
    if (on) /* they open in the same place */
        app->st.finder = app->st.cameras_panel = false;
    app->st.redraw = true;
}

void ly_cmd_set_place_kind(ly_app *app, int kind, bool on)
{
    uint32_t all = (1u << LY_POI_COUNT) - 1;
    uint32_t bits = kind == LY_POI_COUNT ? all : kind >= 0 && kind < LY_POI_COUNT ? 1u << kind : 0;
    app->st.place_kinds = on ? app->st.place_kinds | bits : app->st.place_kinds & ~bits;
    app->st.redraw = true;
}

void ly_cmd_set_place_later(ly_app *app, bool on)
{
    app->st.place_later = on;
    app->st.redraw = true;
}

void ly_cmd_hover_place(ly_app *app, long feature)
{
    if (feature != app->st.place_hovered)
        app->st.redraw = true;
    app->st.place_hovered = feature;
}

void ly_cmd_choose_place(ly_app *app, long feature)
{
    const ly_district *d = &app->scene.district;
    if (feature < 0 || (size_t)feature >= d->n_features) {
        app->st.place_chosen = -1;
        app->st.redraw = true;
        return;
    }
    app->st.place_chosen = app->st.place_chosen == feature ? -1 : feature;
    app->st.place_hovered = app->st.place_chosen;
    if (d->features[feature].kind == LY_KIND_CAMERA && app->st.operations)
        ly_cmd_open_camera(app, feature);
    app->st.redraw = true;
}

/* ---- the Nearby tab: walks from the selected building ----------------------------- */

void ly_cmd_set_route(ly_app *app, int kind)
{
    app->st.route_kind = kind >= 0 && kind < LY_POI_COUNT && kind != app->st.route_kind ? kind : -1;
    if (app->st.selected >= 0) /* where the route ends framed with the building */
        app->st.clear_card = 2;
    app->dv.overlay_dirty = true;
    app->st.redraw = true;
}

void ly_cmd_set_walk_areas(ly_app *app, bool on)
{
    app->st.walk_areas = on;
    app->dv.overlay_dirty = true;
    app->st.redraw = true;
}

/* The walk from the selected building, worked out when something shows it (the Nearby
 * tab, a route, the walking areas) and kept until the selection changes. */
static void walk_search(ly_app *app)
{
    ly_derived *dv = &app->dv;
    const ly_state *st = &app->st;
    bool wanted = st->selected >= 0 &&
                  (st->tab == LY_TAB_NEARBY || st->walk_areas || st->route_kind >= 0);
    if (!wanted || dv->walk_for == st->selected)
        return;
    const ly_scene *sc = &app->scene;
    if (!dv->walk && !(dv->walk = ly_walk_create(&sc->district, &sc->geo)))
        return;
    ly_walk_from_destroy(dv->walk_from);
    dv->walk_from = ly_walk_search_building(dv->walk, &sc->district, &sc->geo,
                                            (size_t)st->selected, LY_WALK_NEARBY_M);
    dv->walk_for = dv->walk_from ? st->selected : -1;
    for (int k = 0; k < LY_POI_COUNT; k++)
        dv->nearby.feature[k] = -1, dv->nearby.metres[k] = -1;
    if (dv->walk_from)
        ly_walk_nearby_pois(dv->walk, dv->walk_from, &sc->district, &sc->geo, &dv->nearby);
    dv->overlay_dirty = true;
}

/* A walking area's fill: the farther band lighter. The bands are nested, so the nearest
 * is under all three fills, the deepest. */
static ly_color area_fill(int band)
{
    return ly_rgba(38, 140, 160, (uint8_t)(band == 0 ? 70 : band == 1 ? 52 : 40));
}

int ly_surroundings_area(int band, uint8_t rgb[3])
{
    /* the fills stacked as drawn (the farthest first) over the land's colour */
    float c[3];
    for (int k = 0; k < 3; k++)
        c[k] = ly_palette_ground[LY_GROUND_LAND][k] * 255;
    for (int b = 2; b >= band; b--) {
        ly_color f = area_fill(b);
        float a = (float)f.a / 255, src[3] = {f.r, f.g, f.b};
        for (int k = 0; k < 3; k++)
            c[k] = c[k] * (1 - a) + src[k] * a;
    }
    for (int k = 0; k < 3; k++)
        rgb[k] = (uint8_t)lroundf(c[k]);
    return (int)AREA_MIN[band];
}

/* The 5, 10 and 15 minute areas, the farthest first; whether any were drawn. */
static bool overlay_areas(ly_app *app)
{
    ly_derived *dv = &app->dv;
    double lim[3];
    for (int i = 0; i < 3; i++)
        lim[i] = AREA_MIN[i] * LY_WALK_M_PER_MIN;
    ly_walk_areas a;
    if (ly_walk_isochrones(dv->walk, dv->walk_from, lim, 3, &a))
        return false;
    bool any = false;
    for (int b = 2; b >= 0; b--) {
        any |= a.count_tri[b] >= 3;
        for (size_t v = a.first_tri[b]; v + 2 < a.first_tri[b] + a.count_tri[b]; v += 3)
            ly_overlay_triangle(&dv->overlay, a.tri[v], a.tri[v + 1], a.tri[v + 2], Z_AREAS,
                                area_fill(b));
        ly_overlay_segments(&dv->overlay, a.seg + a.first_seg[b], a.count_seg[b], 2.0f, Z_AREAS,
                            ly_rgba(24, 110, 130, 200));
    }
    ly_walk_areas_deinit(&a);
    return any;
}

/* The route to the nearest place of the chosen kind: a white casing under the line. */
static void overlay_route(ly_app *app)
{
    ly_derived *dv = &app->dv;
    int k = app->st.route_kind;
    if (k < 0 || k >= LY_POI_COUNT || dv->nearby.feature[k] < 0)
        return;
    const ly_feature *f = &app->scene.district.features[dv->nearby.feature[k]];
    double x, y;
    ly_proj_forward(&app->scene.geo.proj, f->lon, f->lat, &x, &y);
    size_t n = ly_walk_path(dv->walk, dv->walk_from, x, y, NULL, 0);
    double *xy = n ? malloc(n * 2 * sizeof *xy) : NULL;
    if (!xy)
        return;
    n = ly_walk_path(dv->walk, dv->walk_from, x, y, xy, n);
    ly_overlay_line(&dv->overlay, xy, n, 12.0f, Z_ROUTE, ly_rgba(255, 255, 255, 255));
    ly_overlay_line(&dv->overlay, xy, n, 7.0f, Z_ROUTE + 0.1f, ly_icon_color(k));
    free(xy);
}

/* A camera's view on the ground: a fan of rays, each stopped by the first building. */
static void overlay_cone(ly_app *app, const ly_feature *f)
{
    enum { RAYS = 48 };
    double cx, cy;
    ly_proj_forward(&app->scene.geo.proj, f->lon, f->lat, &cx, &cy);
    float o[3] = {(float)cx, (float)cy, CONE_RAY_Z}, prev[2] = {0}, c[2] = {o[0], o[1]};
    double h0 = (f->heading_deg - f->fov_deg / 2) * M_PI / 180;
    for (int i = 0; i <= RAYS; i++) {
        double h = h0 + f->fov_deg * M_PI / 180 * i / RAYS;
        float dir[3] = {(float)sin(h) * CONE_M, (float)cos(h) * CONE_M, 0};
        ly_hit hit;
        float t = ly_bvh_ray(&app->scene.bvh, NULL, o, dir, 1.0f, &hit) ? hit.distance : 1.0f;
        float p[2] = {o[0] + dir[0] * t, o[1] + dir[1] * t};
        if (i)
            ly_overlay_triangle(&app->dv.overlay, c, prev, p, Z_CONES, ly_rgba(255, 183, 77, 90));
        prev[0] = p[0];
        prev[1] = p[1];
    }
    ly_overlay_disc(&app->dv.overlay, o[0], o[1], 2.5f, Z_CONES, ly_icon_color(LY_ICON_CAMERA));
}

static void rebuild_overlay(ly_app *app)
{
    ly_derived *dv = &app->dv;
    const ly_state *st = &app->st;
    ly_overlay_clear(&dv->overlay);
    bool walk = st->selected >= 0 && dv->walk_from && dv->walk_for == st->selected;
    dv->areas_shown = walk && st->walk_areas && overlay_areas(app);
    size_t n_areas = dv->overlay.n; /* kept off the water by the renderer: nobody walks there */
    if (walk)
        overlay_route(app);
    const ly_district *d = &app->scene.district;
    /* cameras only in operations mode, and never in a map image (an export) or a picture
     * (a camera's snapshot had its own cone over most of it) */
    for (size_t i = 0; st->operations && !st->map_image && !st->picture_only && i < d->n_features;
         i++)
        if (d->features[i].kind == LY_KIND_CAMERA)
            overlay_cone(app, &d->features[i]);
    if (app->renderer)
        ly_renderer_set_overlay(app->renderer, dv->overlay.v, dv->overlay.n, n_areas);
    dv->overlay_dirty = false;
}

/* ---- cameras (operations mode) ----------------------------------------------------- */

void ly_cmd_set_operations(ly_app *app, bool on)
{
    ly_state *st = &app->st;
    if (st->operations == on)
        return;
    st->operations = on;
    if (!on) {
        while (st->n_camera_views > 0)
            ly_cmd_close_camera(app, st->camera_views[0]);
        st->cameras_panel = false;
        if (st->place_chosen >= 0 &&
            app->scene.district.features[st->place_chosen].kind == LY_KIND_CAMERA)
            st->place_chosen = -1;
        st->place_hovered = -1;
    }
    LY_INFO("APP", "operations mode %s", on ? "on: cameras shown" : "off");
    app->dv.overlay_dirty = true;
    st->redraw = true;
}

void ly_cmd_set_cameras_panel(ly_app *app, bool on)
{
    app->st.cameras_panel = on && app->st.operations;
    if (app->st.cameras_panel) /* they open in the same place */
        app->st.finder = app->st.places_panel = false;
    app->st.redraw = true;
}

void ly_cmd_open_camera(ly_app *app, long feature)
{
    ly_state *st = &app->st;
    const ly_district *d = &app->scene.district;
    if (!st->operations || feature < 0 || (size_t)feature >= d->n_features ||
        d->features[feature].kind != LY_KIND_CAMERA || st->n_camera_views >= LY_CAMERA_VIEWS)
        return;
    for (int i = 0; i < st->n_camera_views; i++)
        if (st->camera_views[i] == feature)
            return;
    int k = st->n_camera_views++;
    st->camera_views[k] = feature;
    ly_derived *dv = &app->dv;
    dv->streams[k] = NULL;
    dv->stream_serial[k] = 0;
    dv->picture_w[k] = dv->picture_h[k] = 0;
    memset(&dv->stream_status[k], 0, sizeof dv->stream_status[k]);
#ifndef LY_WEB /* the browser build has no cameras */
    const ly_feature *f = &d->features[feature];
    char path[2048];
    const char *url = f->stream ? f->stream : f->snapshot;
    /* a still picture's path is relative to the data file: to its URL where it came from
     * one (d->source is then the downloaded copy, in the cache) */
    const char *from = app->origin;
    if (url && !ly_is_url(url) && ly_is_url(from)) {
        size_t end = strcspn(from, "?#"), host = (size_t)(strstr(from, "://") - from) + 3;
        size_t dir = end;
        while (dir > host && from[dir - 1] != '/')
            dir--;
        if (dir > host)
            snprintf(path, sizeof path, "%.*s%s", (int)dir, from, url);
        else /* (https://host: its root) */
            snprintf(path, sizeof path, "%.*s/%s", (int)end, from, url);
        url = path;
    } else if (url && !ly_is_url(url) && url[0] != '/' && d->source) {
        const char *slash = strrchr(d->source, '/');
        int dir = slash ? (int)(slash - d->source) : 1;
        snprintf(path, sizeof path, "%.*s/%s", dir, slash ? d->source : ".", url);
        url = path;
    }
    if (url)
        /* pictures no larger than a panel shows them (300 dp at up to 1.6x): less to decode,
         * scale and send to the GPU ten times a second */
        dv->streams[k] = ly_camstream_open(
            &(ly_camstream_desc){.url = url, .max_width = 480, .max_height = 360, .max_fps = 12});
    char shown[1024];
    LY_INFO("APP", "camera %s: %s", f->id ? f->id : "?",
            url ? ly_url_for_log(url, shown, sizeof shown) : "no picture source");
#endif
    st->redraw = true;
}

void ly_cmd_close_camera(ly_app *app, long feature)
{
    ly_state *st = &app->st;
    ly_derived *dv = &app->dv;
    for (int i = 0; i < st->n_camera_views; i++) {
        if (st->camera_views[i] != feature)
            continue;
#ifndef LY_WEB
        ly_camstream_close(dv->streams[i]);
#endif
        /* the later views move up, their pictures with them */
        for (int j = i; j + 1 < st->n_camera_views; j++) {
            st->camera_views[j] = st->camera_views[j + 1];
            dv->streams[j] = dv->streams[j + 1];
            dv->stream_serial[j] = 0; /* re-sent to its new slot with the next picture */
            dv->stream_status[j] = dv->stream_status[j + 1];
            dv->picture_w[j] = dv->picture_h[j] = 0;
        }
        int last = --st->n_camera_views;
        dv->streams[last] = NULL;
        for (int j = i; j <= last; j++)
            if (app->renderer)
                ly_renderer_set_image(app->renderer, LY_DRAW_IMAGE_CAMERA + j, NULL, 0, 0, false);
        st->redraw = true;
        return;
    }
}

/* New pictures to the GPU, and whether a stream's state (or its age, by the second)
 * changed what its panel says. */
static bool poll_streams(ly_app *app)
{
    bool changed = false;
#ifndef LY_WEB
    ly_derived *dv = &app->dv;
    bool tick = app->st.time - dv->status_t >= 1.0;
    if (tick)
        dv->status_t = app->st.time;
    for (int k = 0; k < app->st.n_camera_views; k++) {
        if (!dv->streams[k])
            continue;
        ly_camstream_status s;
        uint8_t *px = NULL;
        int w = 0, h = 0;
        if (ly_camstream_poll(dv->streams[k], &s, &dv->stream_serial[k], &px, &w, &h)) {
            if (app->renderer)
                ly_renderer_set_image(app->renderer, LY_DRAW_IMAGE_CAMERA + k, px, w, h, false);
            dv->picture_w[k] = w;
            dv->picture_h[k] = h;
            changed = true;
        }
        changed |= s.state != dv->stream_status[k].state || tick;
        dv->stream_status[k] = s;
    }
#ifdef __GLIBC__
    /* The streams reuse their picture buffers, but stb_image's decoding allocates
     * and frees on four threads ten times a second; glibc keeps what that leaves
     * free in its arenas. Every 30 s while pictures stream, the free pages inside
     * the arenas are given back (a few milliseconds). */
    if (app->st.n_camera_views > 0 && app->st.time - dv->trim_t >= 30.0) {
        dv->trim_t = app->st.time;
        double t0 = ly_clock_ms();
        malloc_trim(0);
        dv->trim_ms = ly_clock_ms() - t0;
    }
#endif
#else
    (void)app;
#endif
    return changed;
}

/* ---- every frame ------------------------------------------------------------------- */

bool ly_surroundings_update(ly_app *app)
{
    if (!app->scene.loaded)
        return false;
    walk_search(app);
    if (app->dv.overlay_dirty)
        rebuild_overlay(app);
    bool changed = poll_streams(app);
    if (changed)
        app->st.redraw = true;
    return changed;
}

double ly_app_idle_wait(const ly_app *app)
{
    return app->st.n_camera_views ? 0.05 : 0.25;
}

void ly_surroundings_reset(ly_app *app, bool streams)
{
    ly_derived *dv = &app->dv;
    ly_walk_from_destroy(dv->walk_from);
    ly_walk_destroy(dv->walk);
    dv->walk_from = NULL;
    dv->walk = NULL;
    dv->walk_for = -1;
    dv->overlay_dirty = true;
    app->st.place_hovered = app->st.place_chosen = -1;
    if (streams) {
        while (app->st.n_camera_views > 0)
            ly_cmd_close_camera(app, app->st.camera_views[0]);
        ly_overlay_deinit(&dv->overlay);
    }
}

void ly_surroundings_dispatch(ly_app *app, const ly_msg *m)
{
    switch (m->type) {
    case LY_MSG_SET_PLACES_PANEL:
        ly_cmd_set_places_panel(app, m->on);
        break;
    case LY_MSG_SET_PLACE_KIND:
        ly_cmd_set_place_kind(app, m->i, m->on);
        break;
    case LY_MSG_SET_PLACE_LATER:
        ly_cmd_set_place_later(app, m->on);
        break;
    case LY_MSG_SET_ROUTE:
        ly_cmd_set_route(app, m->i);
        break;
    case LY_MSG_SET_WALK_AREAS:
        ly_cmd_set_walk_areas(app, m->on);
        break;
    case LY_MSG_SET_CAMERAS_PANEL:
        ly_cmd_set_cameras_panel(app, m->on);
        break;
    case LY_MSG_OPEN_CAMERA:
        ly_cmd_open_camera(app, m->id);
        break;
    case LY_MSG_CLOSE_CAMERA:
        ly_cmd_close_camera(app, m->id);
        break;
    case LY_MSG_SET_OPERATIONS:
        ly_cmd_set_operations(app, m->on);
        break;
    default:
        break;
    }
}
