/* The camera's commands: the views the app frames (home, top, a building beside
 * its card) and what input does to the camera. The framing reads the layout's
 * rules, so a view never puts a building behind a panel. */
#include "commands.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- home: the towers in the space the panels leave ---------------------------------- */

/* The home view's heading and pitch: from the south-south-west, looking down 38 degrees. */
#define HOME_HEADING (20.0 * M_PI / 180)
#define HOME_PITCH (38.0 * M_PI / 180)
/* How far inside the free space the towers keep (a share of its width and height),
 * and room above them for the labels on their roofs (dp). */
#define HOME_INSET 0.05f
#define LABEL_ROOM 40.0f
/* The headings tried around the home heading, each way, and the step. */
#define HOME_TURN (60.0 * M_PI / 180)
#define HOME_STEP (10.0 * M_PI / 180)

/* A box's eight corners appended to pts. */
static void corners(float (*pts)[3], size_t *n, const float mn[3], const float mx[3])
{
    for (int k = 0; k < 8; k++) {
        pts[*n][0] = k & 1 ? mx[0] : mn[0];
        pts[*n][1] = k & 2 ? mx[1] : mn[1];
        pts[*n][2] = k & 4 ? mx[2] : mn[2];
        ++*n;
    }
}

/* Above this many buildings the home view fits the chunks' tiles (250 m boxes that
 * hold their buildings) instead of every building: a city's framing then costs
 * milliseconds, not a third of a second, and is at most a tile looser. */
#define FIT_TILES_ABOVE 20000

/* The least span that the home view shows (m): a lone building, or a campus of two or
 * three, stands on ground about it instead of filling the window edge to edge, with the
 * eye a few metres from its walls. */
#define HOME_SPAN_MIN 200.0f

/* Where the towers' corners span less than HOME_SPAN_MIN across the ground, the corners of
 * a box of that span about their middle, appended to pts (which has room for them): as
 * deep as it is wide, so that the towers stay in the middle of the view. */
static void least_span(float (*pts)[3], size_t *n)
{
    float lo[3] = {INFINITY, INFINITY, INFINITY}, hi[3] = {-INFINITY, -INFINITY, -INFINITY};
    for (size_t i = 0; i < *n; i++)
        for (int k = 0; k < 3; k++) {
            lo[k] = fminf(lo[k], pts[i][k]);
            hi[k] = fmaxf(hi[k], pts[i][k]);
        }
    if (!*n || (hi[0] - lo[0] >= HOME_SPAN_MIN && hi[1] - lo[1] >= HOME_SPAN_MIN))
        return;
    float half = 0.5f * fmaxf(HOME_SPAN_MIN, fmaxf(hi[0] - lo[0], hi[1] - lo[1]));
    float a[3], b[3];
    for (int k = 0; k < 3; k++) {
        float mid = 0.5f * (lo[k] + hi[k]);
        a[k] = mid - half;
        b[k] = mid + half;
    }
    corners(pts, n, a, b);
}

/* What the home view shows whole: every building's box corners (or, for a city,
 * every tile's), and the ground of the least span about them. NULL when there are
 * none. */
static float (*tower_corners(const ly_app *app, size_t *n))[3]
{
    const ly_mesh *m = &app->scene.mesh;
    *n = 0;
    bool tiles = m->n_buildings > FIT_TILES_ABOVE;
    size_t boxes = tiles ? m->n_chunks * LY_MESH_TILES * LY_MESH_TILES : m->n_buildings;
    float(*pts)[3] = boxes ? malloc(8 * (boxes + 1) * sizeof *pts) : NULL;
    for (size_t c = 0; pts && tiles && c < m->n_chunks; c++)
        for (int t = 0; t < LY_MESH_TILES * LY_MESH_TILES; t++) {
            const ly_mesh_tile *tl = &m->chunks[c].tiles[t];
            if (tl->count && tl->max[0] >= tl->min[0])
                corners(pts, n, tl->min, tl->max);
        }
    for (size_t b = 0; pts && !tiles && b < m->n_buildings; b++) {
        const ly_mesh_building *mb = &m->buildings[b];
        if (mb->n_indices && mb->max[0] >= mb->min[0])
            corners(pts, n, mb->min, mb->max);
    }
    if (pts)
        least_span(pts, n);
    return pts;
}

/* The home view (top false) or the view from straight above, north up (top true): the
 * towers whole in the space the panels leave. */
static ly_camera_pose fit_pose(const ly_app *app, bool top)
{
    const ly_state *st = &app->st;
    size_t n;
    float(*pts)[3] = tower_corners(app, &n);
    if (!n) {
        free(pts);
        return top ? ly_camera_top_pose(&st->cam) : ly_camera_home_pose(&st->cam);
    }
    float r[4];
    ly_layout_free_map(st->width, st->height, st->ui_scale, false, ly_layout_has_weeks(app), r);
    if (st->picture_only) /* no panels: the whole picture */
        r[0] = 0, r[1] = 0, r[2] = (float)st->width, r[3] = (float)st->height;
    float ix = HOME_INSET * (r[2] - r[0]), iy = HOME_INSET * (r[3] - r[1]);
    float rect[4] = {r[0] + ix, r[1] + iy + LABEL_ROOM * st->ui_scale, r[2] - ix, r[3] - iy};
    if (top) {
        ly_camera_pose p = ly_camera_fit_points(&st->cam, (const float(*)[3])pts, n, 0,
                                                M_PI / 2, st->width, st->height, rect);
        free(pts);
        return p;
    }
    /* from the south-south-west, turned as far as a quarter each way where that shows
     * the towers larger (a district longer one way than the other lies across the
     * window); the closest view wins, the home heading on a tie */
    ly_camera_pose best = {0};
    for (int k = 0; k <= 2 * (int)(HOME_TURN / HOME_STEP + 0.5); k++) {
        int step = (k + 1) / 2 * (k % 2 ? 1 : -1); /* 0, +1, -1, +2, -2 ... */
        ly_camera_pose p = ly_camera_fit_points(&st->cam, (const float(*)[3])pts, n,
                                                HOME_HEADING + step * HOME_STEP, HOME_PITCH,
                                                st->width, st->height, rect);
        if (k == 0 || p.distance < 0.97 * best.distance)
            best = p;
    }
    free(pts);
    return best;
}

/* ---- a building beside its card ----------------------------------------------------- */

/* A point on the building's highest roof: the centre of its highest roof
 * triangle, so the view's centre lands on the building itself (a box centre
 * can fall between two towers or into a courtyard). */
static void roof_point(const ly_app *app, long b, double out[3])
{
    const ly_mesh_building *mb = &app->scene.mesh.buildings[b];
    const ly_mesh_chunk *c = &app->scene.mesh.chunks[mb->chunk];
    double best_z = -1, best_area = 0;
    out[0] = 0.5 * (mb->min[0] + mb->max[0]);
    out[1] = 0.5 * (mb->min[1] + mb->max[1]);
    out[2] = mb->max[2];
    for (uint32_t t = 0; t < mb->n_indices; t += 3) {
        const ly_vertex *v0 = &c->vertices[c->indices[mb->first_index + t]];
        const ly_vertex *v1 = &c->vertices[c->indices[mb->first_index + t + 1]];
        const ly_vertex *v2 = &c->vertices[c->indices[mb->first_index + t + 2]];
        if (v0->surface != LY_SURF_ROOF)
            continue;
        double area = 0.5 * fabs((double)(v1->pos[0] - v0->pos[0]) * (v2->pos[1] - v0->pos[1]) -
                                 (double)(v2->pos[0] - v0->pos[0]) * (v1->pos[1] - v0->pos[1]));
        /* the highest roof; on it, the biggest triangle (the most central) */
        if (v0->pos[2] > best_z + 0.01 || (fabs(v0->pos[2] - best_z) <= 0.01 && area > best_area)) {
            best_z = v0->pos[2];
            best_area = area;
            for (int k = 0; k < 3; k++)
                out[k] = (v0->pos[k] + v1->pos[k] + v2->pos[k]) / 3.0;
        }
    }
}

/* Where world point p is on screen now; false when behind the eye. */
static bool screen_of(const ly_app *app, const double p[3], float *sx, float *sy)
{
    ly_camera_matrices m;
    ly_camera_get_matrices(&app->st.cam, app->st.width, app->st.height, &m);
    const float *v = m.view_proj;
    double c[4];
    for (int r = 0; r < 4; r++)
        c[r] = v[r] * p[0] + v[4 + r] * p[1] + v[8 + r] * p[2] + v[12 + r];
    if (c[3] <= 1e-6)
        return false;
    *sx = (float)((c[0] / c[3] * 0.5 + 0.5) * app->st.width);
    *sy = (float)((0.5 - c[1] / c[3] * 0.5) * app->st.height);
    return true;
}

/* The view of building b from `heading`, aimed at its roof, kept clear of its card:
 * on a wide window the building sits in the middle of the space left of the card;
 * on a narrow one in the space below it. Leaves the camera there; *sx, *sy is where
 * the roof should then be on screen. */
static void place_beside_card(ly_app *app, long b, double heading, const double roof[3],
                              float *sx, float *sy)
{
    ly_state *st = &app->st;
    const ly_mesh_building *mb = &app->scene.mesh.buildings[b];
    double aspect = (double)st->width / st->height;
    ly_camera_pose p = ly_camera_frame_pose(&st->cam, mb->min, mb->max, heading, aspect);
    /* aim at the roof point; back off a little so the box still fits */
    double shift = hypot(roof[0] - p.target[0], roof[1] - p.target[1]) +
                   fabs(roof[2] - p.target[2]);
    p.distance += 1.2 * shift;
    memcpy(p.target, roof, sizeof p.target);
    ly_card_room room = ly_layout_card_room(st->width, st->height, st->ui_scale);
    bool card = st->selected == b && !st->kiosk.touring && !st->picture_only;
    bool below = card && room.below;
    float top = fminf(room.card_bottom, 0.6f * st->height);
    *sx = st->width / 2.0f;
    *sy = st->height / 2.0f;
    if (below) /* about half the screen: stand back to keep it whole */
        p.distance *= 1.0 + 0.8 * top / st->height;
    if (card && !below) {
        /* the middle of the map the panels leave: between the left column and the card
         * (the middle of all left of the card had put a small window's building under
         * the column), also where the window is too narrow to count the card as beside
         * but it is drawn there (640-780 px); left of the card where no gap is left;
         * stood back so that it fits that width */
        float free[4];
        ly_layout_free_map(st->width, st->height, st->ui_scale, true, ly_layout_has_weeks(app),
                           free);
        free[2] = fminf(free[2], room.card_x);
        if (free[2] - free[0] < 60 * st->ui_scale)
            free[0] = 0, free[2] = room.card_x;
        float mid = 0.5f * (free[0] + free[2]), free_w = free[2] - free[0];
        p.distance *= fmin(3.0, fmax(1.0, 0.45 * st->width / fmax(free_w, 1.0)));
        double f[2] = {sin(heading), cos(heading)}, right[2] = {f[1], -f[0]};
        double t = tan(0.5 * st->cam.fov_y) * fmax(1.0, aspect);
        double off = p.distance * t * ((st->width - 2.0 * mid) / st->width);
        p.target[0] += right[0] * off;
        p.target[1] += right[1] * off;
        *sx = mid;
    }
    ly_camera_set_pose(&st->cam, p);
    if (!card) {
        /* no card: the roof in the window's middle, or where the panels cover that (a
         * phone's column of panels: the building had stood behind them), in the middle of
         * the map they leave */
        float fr[4], rx, ry;
        ly_layout_free_map(st->width, st->height, st->ui_scale, false, ly_layout_has_weeks(app),
                           fr);
        if (!st->picture_only && !(*sx > fr[0] && *sx < fr[2] && *sy > fr[1] && *sy < fr[3])) {
            *sx = 0.5f * (fr[0] + fr[2]);
            *sy = 0.5f * (fr[1] + fr[3]);
        }
        for (int round = 0; round < 4 && screen_of(app, roof, &rx, &ry) &&
                            (fabsf(rx - *sx) > 1 || fabsf(ry - *sy) > 1);
             round++)
            ly_camera_pan(&st->cam, st->width, st->height, rx, ry, *sx, *sy);
    }
    if (below) {
        /* the roof a little above the middle of the free space: the pan slides
         * the ground, the roof is higher up, so a few rounds */
        float want = top + 0.4f * (st->height - top), rx, ry;
        for (int round = 0; round < 4 && screen_of(app, roof, &rx, &ry); round++)
            ly_camera_pan(&st->cam, st->width, st->height, *sx, ry, *sx, want);
        *sy = screen_of(app, roof, &rx, &ry) ? ry : want;
    }
}

/* Whether the eye is clear of the other buildings: not in, beside or just over one's box
 * (a view of sample-22 had its eye 2 m over the roof of a 238 m tower beside it, the roof
 * filling half the window). */
static bool eye_clear(const ly_app *app, long b)
{
    ly_camera_matrices m;
    ly_camera_get_matrices(&app->st.cam, app->st.width, app->st.height, &m);
    const ly_mesh *mesh = &app->scene.mesh;
    float margin = fmaxf(4.0f, 0.05f * (float)app->st.cam.pose.distance);
    for (size_t i = 0; i < mesh->n_buildings; i++) {
        const ly_mesh_building *o = &mesh->buildings[i];
        if ((long)i != b && m.eye[0] > o->min[0] - margin && m.eye[0] < o->max[0] + margin &&
            m.eye[1] > o->min[1] - margin && m.eye[1] < o->max[1] + margin &&
            m.eye[2] < o->max[2] + margin)
            return false;
    }
    return true;
}

ly_camera_pose ly_app_building_pose(ly_app *app, long b)
{
    double roof[3];
    roof_point(app, b, roof);
    ly_camera saved = app->st.cam;
    ly_camera_pose first = {0}, seen = {0};
    bool any_seen = false;
    /* from the first of eight headings, starting from the current one, in which no
     * other building hides it and the eye is clear of the others */
    for (int k = 0; k < 8; k++) {
        float sx, sy;
        place_beside_card(app, b, saved.pose.heading + k * M_PI / 4, roof, &sx, &sy);
        ly_camera_pose placed = app->st.cam.pose;
        long hit = ly_app_pick(app, sx, sy, 0, NULL);
        bool clear = hit == b && eye_clear(app, b);
        app->st.cam = saved;
        if (k == 0)
            first = placed;
        if (hit == b && !any_seen)
            seen = placed, any_seen = true;
        if (clear)
            return placed;
    }
    /* where no heading has both, one where it is seen (among houses a few metres tall
     * no eye is clear of them all: the first heading had hidden the building) */
    return any_seen ? seen : first;
}

bool ly_app_building_point(const ly_app *app, long b, float *sx, float *sy)
{
    double roof[3];
    roof_point(app, b, roof);
    return screen_of(app, roof, sx, sy);
}

/* Where building b is on screen: the box of its corners in front of the eye. */
static bool screen_box(const ly_app *app, long b, float out[4]);

bool ly_app_building_box(const ly_app *app, long b, float out[4])
{
    return b >= 0 && (size_t)b < app->scene.mesh.n_buildings && screen_box(app, b, out);
}

static bool screen_box(const ly_app *app, long b, float out[4])
{
    const ly_mesh_building *mb = &app->scene.mesh.buildings[b];
    out[0] = out[1] = INFINITY;
    out[2] = out[3] = -INFINITY;
    bool any = false;
    for (int k = 0; k < 8; k++) {
        double p[3] = {k & 1 ? mb->max[0] : mb->min[0], k & 2 ? mb->max[1] : mb->min[1],
                       k & 4 ? mb->max[2] : mb->min[2]};
        float x, y;
        if (!screen_of(app, p, &x, &y))
            continue;
        out[0] = fminf(out[0], x), out[1] = fminf(out[1], y);
        out[2] = fmaxf(out[2], x), out[3] = fmaxf(out[3], y);
        any = true;
    }
    return any;
}

/* Where the route drawn from building b ends (the nearest place of the chosen kind), on
 * screen; false when no route is drawn or its end is behind the eye. */
static bool route_end(const ly_app *app, long b, float *x, float *y)
{
    const ly_derived *dv = &app->dv;
    int k = app->st.route_kind;
    if (k < 0 || k >= LY_POI_COUNT || !dv->walk_from || dv->walk_for != b ||
        dv->nearby.feature[k] < 0)
        return false;
    const ly_feature *f = &app->scene.district.features[dv->nearby.feature[k]];
    double p[3] = {0, 0, 0};
    ly_proj_forward(&app->scene.geo.proj, f->lon, f->lat, &p[0], &p[1]);
    return screen_of(app, p, x, y);
}

/* About how large the selection's label is over its roof (labels.c: its name at 15 dp and
 * the other name under it at 11, padded, on a 10 dp stem, at most 420 dp wide). */
static void label_size(const ly_app *app, long b, float *w, float *h)
{
    const ly_state *st = &app->st;
    const ly_building *bd = &app->scene.district.buildings[b];
    float s = st->ui_scale;
    char title[160];
    const char *top = ly_building_title(bd, st->lang, title, sizeof title);
    const char *other = ly_building_other_name(bd, st->lang);
    float w1 = app->font ? ly_font_measure(app->font, top, 15 * s) : 9 * s * (float)strlen(top);
    float w2 = app->font && other ? ly_font_measure(app->font, other, 11 * s) : 0;
    *w = fminf(fmaxf(w1, w2) + 12 * s, fminf(420 * s, 0.45f * (float)st->width));
    *h = 50 * s;
}

/* What the view of a selection must show, on screen: the building's box, with its label
 * (`label`), and, where a route is drawn from it, the place it ends with that place's pin
 * (*route: there is one). */
static bool focus_box(const ly_app *app, long b, bool label, float out[4], bool *route)
{
    float s = app->st.ui_scale, x, y, w, h;
    if (!screen_box(app, b, out))
        return false;
    if (label && ly_app_building_point(app, b, &x, &y)) {
        label_size(app, b, &w, &h);
        out[0] = fminf(out[0], x - 0.5f * w), out[1] = fminf(out[1], y - h);
        out[2] = fmaxf(out[2], x + 0.5f * w);
    }
    *route = route_end(app, b, &x, &y);
    if (*route) {
        out[0] = fminf(out[0], x - 16 * s), out[1] = fminf(out[1], y - 36 * s);
        out[2] = fmaxf(out[2], x + 16 * s), out[3] = fmaxf(out[3], y + 4 * s);
    }
    return true;
}

/* The card and what goes with it, as laid out (the floor card beside it, a panel of the
 * finder's column gone under it), else where a card goes. */
static void card_panels(const ly_app *app, float pan[4])
{
    const ly_state *st = &app->st;
    ly_card_room room = ly_layout_card_room(st->width, st->height, st->ui_scale);
    pan[0] = room.beside ? room.card_x : 0, pan[1] = 0, pan[2] = (float)st->width;
    pan[3] = room.beside ? (float)st->height : room.card_bottom;
    const ly_layout *L = &app->layout;
    if (!L->card.shown || !L->card.fit || L->width != st->width || L->height != st->height)
        return;
    pan[0] = L->card.x, pan[1] = L->card.y;
    pan[2] = L->card.x + L->card.w, pan[3] = L->card.y + L->card.h;
    const ly_box *with[] = {&L->floor_card, &L->finder, &L->places, &L->cameras};
    for (int i = 0; i < 4; i++) {
        const ly_box *w = with[i];
        if (!w->shown || (i > 0 && !(w->y >= L->card.y + L->card.h - 0.5f &&
                                     fabsf(w->x - L->card.x) < 0.5f)))
            continue;
        pan[0] = fminf(pan[0], w->x), pan[1] = fminf(pan[1], w->y);
        pan[2] = fmaxf(pan[2], w->x + w->w), pan[3] = fmaxf(pan[3], w->y + w->h);
    }
}

/* The legends at the bottom left as one box, into k (k[0] > k[2]: none), where the layout
 * is this window's. */
static void legends_box(const ly_app *app, float k[4])
{
    const ly_layout *L = &app->layout;
    bool laid = L->width == app->st.width && L->height == app->st.height;
    if (!laid || !ly_layout_legends_bounds(L, k))
        k[0] = 1, k[2] = 0;
}

/* Whether boxes a and b (x0, y0, x1, y1) meet, b grown by gap. */
static bool boxes_meet(const float a[4], const float b[4], float gap)
{
    return a[2] > b[0] - gap && a[0] < b[2] + gap && a[3] > b[1] - gap && a[1] < b[3] + gap;
}

/* A space (x0, y0, x1, y1) made to keep off box k (x0 > x1: none) where they meet: above
 * it or right of it, whichever leaves the more room. */
static void keep_off(float r[4], const float k[4], float gap)
{
    if (k[0] > k[2] || !boxes_meet(r, k, 0))
        return;
    float above = (r[2] - r[0]) * fmaxf(0, k[1] - gap - r[1]);
    float right = fmaxf(0, r[2] - k[2] - gap) * (r[3] - r[1]);
    if (above >= right)
        r[3] = fminf(r[3], k[1] - gap);
    else
        r[0] = fmaxf(r[0], k[2] + gap);
}

/* The roomiest of the map's spaces about the panels pan (left of them, right, below,
 * above) for a box of size bw x bh, into room; *beside: left or right of them. Roomiest is
 * the most area at the box's size: a space the box does not fit counts as shrunk until it
 * does. (The room beside the card had always won, however thin: a portrait kiosk's building
 * was slid into the 400 px strip left of the card, the 700 px of map below it left empty.)
 * False where no space is at least 40 dp wide and 80 dp high. */
static bool roomiest(const ly_app *app, const float pan[4], float bw, float bh, float room[4],
                     bool *beside)
{
    const ly_state *st = &app->st;
    float s = st->ui_scale, gap = 8 * s, f[4];
    ly_layout_free_map(st->width, st->height, s, false, ly_layout_has_weeks(app), f);
    float r[4][4] = {{f[0], f[1], pan[0] - gap, f[3]},
                     {pan[2] + gap, f[1], f[2], f[3]},
                     {f[0], fmaxf(f[1], pan[3] + gap), f[2], f[3]},
                     {f[0], f[1], f[2], fminf(f[3], pan[1] - gap)}};
    /* the left column's panels over a space (a kiosk's search is taller than the layout's
     * rule has it) take its top */
    const ly_layout *L = &app->layout;
    const ly_box *col[] = {&L->title, &L->toolbar, &L->search};
    bool laid = L->width == st->width && L->height == st->height;
    /* (and the legends at the bottom left: a phone's building had been framed under them) */
    float lg[4];
    legends_box(app, lg);
    float best = 0;
    for (int i = 0; i < 4; i++) {
        for (int c = 0; laid && c < 3; c++)
            if (col[c]->shown && col[c]->x < r[i][2] && col[c]->x + col[c]->w > r[i][0] &&
                col[c]->y < r[i][3] && col[c]->y + col[c]->h + gap > r[i][1])
                r[i][1] = col[c]->y + col[c]->h + gap;
        keep_off(r[i], lg, gap);
        float w = r[i][2] - r[i][0], h = r[i][3] - r[i][1];
        float q = fminf(1, fminf(w / fmaxf(bw, 1), h / fmaxf(bh, 1)));
        if (w >= 40 * s && h >= 80 * s && w * h * q * q > best) {
            best = w * h * q * q;
            memcpy(room, r[i], sizeof r[i]);
            *beside = i < 2;
        }
    }
    return best > 0;
}

/* Where lo..hi goes in the space a..b: to its middle (`middle`, or where it is longer), else
 * moved as little as keeps it inside. */
static float slide_into(float lo, float hi, float a, float b, bool middle)
{
    if (middle || hi - lo >= b - a)
        return 0.5f * (a + b) - 0.5f * (lo + hi);
    return lo < a ? a - lo : hi > b ? b - hi : 0;
}

void ly_cmd_keep_clear_of_card(ly_app *app, long b)
{
    ly_state *st = &app->st;
    /* (a picture has no card: a portal's stacking plans had been slid to the left edge,
     * clear of a card that is not drawn) */
    if (b < 0 || (size_t)b >= app->scene.mesh.n_buildings || st->kiosk.touring ||
        st->cam.flying || st->picture_only)
        return;
    float s = st->ui_scale, gap = 8 * s, bx[4], pan[4], room[4], f[4];
    bool route, beside = false;
    if (!focus_box(app, b, false, bx, &route))
        return;
    card_panels(app, pan);
    /* it moves where the card (or the panels with it) covers it, or where it, its label
     * or a route's end is off the map the panels leave (the metro's had been under the
     * left column; a phone's building at the window's edge had its name cut in half) */
    ly_layout_free_map(st->width, st->height, s, false, ly_layout_has_weeks(app), f);
    float lg[4];
    legends_box(app, lg);
    bool covered = boxes_meet(bx, pan, gap) || (lg[0] <= lg[2] && boxes_meet(bx, lg, 0));
    float lb[4];
    bool labelled = focus_box(app, b, true, lb, &route);
    bool out = labelled && (lb[0] < f[0] || lb[1] < f[1] || lb[2] > f[2] || lb[3] > f[3]);
    if (!(covered || out) || !focus_box(app, b, true, bx, &route) ||
        !roomiest(app, pan, bx[2] - bx[0], bx[3] - bx[1], room, &beside))
        return; /* no room beside, below or above (a small window): the map is the user's */
    /* into that space with its label (one that does not fit is not drawn: the portrait
     * kiosk's English name had gone): the middle of it across the card (beside: its width),
     * as little as keeps it inside the other way; a route too long for it is seen from
     * further back. A few rounds: the pan slides the ground, and a roof is higher up. */
    ly_camera saved = st->cam;
    for (int round = 0; round < 5 && focus_box(app, b, true, bx, &route); round++) {
        float w = room[2] - room[0] - 2 * gap, h = room[3] - room[1] - 2 * gap;
        float q = fminf(w / fmaxf(bx[2] - bx[0], 1), h / fmaxf(bx[3] - bx[1], 1));
        float cx = 0.5f * (bx[0] + bx[2]), cy = 0.5f * (bx[1] + bx[3]);
        if (route && q < 1 && round < 2) {
            ly_camera_zoom_at(&st->cam, st->width, st->height, cx, cy, 0.95 * q);
            continue;
        }
        float dx = slide_into(bx[0], bx[2], room[0] + gap, room[2] - gap, beside);
        float dy = slide_into(bx[1], bx[3], room[1] + gap, room[3] - gap, !beside);
        if (fabsf(dx) < 1 && fabsf(dy) < 1)
            break;
        ly_camera_pan(&st->cam, st->width, st->height, cx, cy, cx + dx, cy + dy);
    }
    ly_camera_pose to = st->cam.pose;
    st->cam = saved;
    ly_camera_fly_to(&st->cam, to, 0.6);
}

/* What a camera of the data sees: the eye at its spot and height, looking along its
 * heading and down to the ground some 60 m ahead (at least the viewer's least pitch). */
static bool camera_pose(const ly_app *app, const char *id, ly_camera_pose *pose)
{
    const ly_district *d = &app->scene.district;
    for (size_t i = 0; i < d->n_features; i++) {
        const ly_feature *f = &d->features[i];
        if (f->kind != LY_KIND_CAMERA || !f->id || strcmp(f->id, id))
            continue;
        double x, y, h = f->height_m > 2 ? f->height_m : 2;
        ly_proj_forward(&app->scene.geo.proj, f->lon, f->lat, &x, &y);
        double heading = f->heading_deg * M_PI / 180, pitch = fmax(atan2(h, 60.0), 8.5 * M_PI / 180);
        double ahead = h / tan(pitch);
        *pose = (ly_camera_pose){{x + sin(heading) * ahead, y + cos(heading) * ahead, 0},
                                 h / sin(pitch), heading, pitch};
        return true;
    }
    return false;
}

bool ly_cmd_set_view(ly_app *app, const char *view, bool animate)
{
    ly_camera *cam = &app->st.cam;
    ly_camera_pose pose;
    if (!view || !strcmp(view, "home")) {
        pose = fit_pose(app, false);
    } else if (!strcmp(view, "top")) {
        pose = fit_pose(app, true);
    } else if (!strncmp(view, "camera:", 7)) {
        if (!camera_pose(app, view + 7, &pose))
            return false;
    } else {
        long b = ly_district_find(&app->scene.district, view);
        if (b < 0)
            return false;
        ly_cmd_view_building(app, b, animate);
        return true;
    }
    if (animate)
        ly_camera_fly_to(cam, pose, 1.2);
    else
        ly_camera_set_pose(cam, pose);
    app->st.redraw = true;
    return true;
}

void ly_cmd_view_building(ly_app *app, long b, bool animate)
{
    ly_camera_pose pose = ly_app_building_pose(app, b);
    if (animate)
        ly_camera_fly_to(&app->st.cam, pose, 1.2);
    else
        ly_camera_set_pose(&app->st.cam, pose);
    app->st.redraw = true;
}

void ly_cmd_view_building_from(ly_app *app, long b, double heading, double closer)
{
    app->st.cam.pose.heading = heading; /* where the search for a clear view starts */
    ly_camera_pose p = ly_app_building_pose(app, b);
    p.distance *= closer > 0 ? closer : 1;
    ly_camera_set_pose(&app->st.cam, p);
    app->st.redraw = true;
}

void ly_cmd_set_picture_only(ly_app *app, bool on)
{
    app->st.picture_only = on;
    app->dv.overlay_dirty = true; /* (the cameras' cones are markers: not in a picture) */
    app->st.redraw = true;
}

/* ---- what input does to the camera -------------------------------------------------- */

void ly_cmd_orbit(ly_app *app, float dx, float dy)
{
    app->st.clear_card = 0; /* the map is the user's now */
    ly_camera_orbit(&app->st.cam, dx, dy, app->st.width, app->st.height);
    app->st.redraw = true;
}

void ly_cmd_pan(ly_app *app, float x0, float y0, float x1, float y1)
{
    app->st.clear_card = 0; /* the map is the user's now */
    ly_camera_pan(&app->st.cam, app->st.width, app->st.height, x0, y0, x1, y1);
    app->st.redraw = true;
}

void ly_cmd_zoom_at(ly_app *app, float x, float y, double factor)
{
    ly_state *st = &app->st;
    const float *anchor = NULL;
    ly_hit h;
    if (app->scene.loaded) {
        ly_camera_matrices m;
        ly_camera_get_matrices(&st->cam, st->width, st->height, &m);
        if (ly_bvh_pick_screen(&app->scene.bvh, &app->scene.district, m.view_proj, st->width,
                               st->height, x, y, 0, &h))
            anchor = h.point; /* a tower: its point under the cursor stays there */
    }
    st->clear_card = 0; /* the map is the user's now */
    ly_camera_zoom_toward(&st->cam, st->width, st->height, x, y, factor, anchor);
    st->redraw = true;
}

void ly_cmd_tilt(ly_app *app, double radians)
{
    app->st.clear_card = 0; /* the map is the user's now */
    ly_camera_tilt(&app->st.cam, radians);
    app->st.redraw = true;
}

void ly_cmd_twist(ly_app *app, double radians)
{
    app->st.clear_card = 0; /* the map is the user's now */
    ly_camera_twist(&app->st.cam, radians);
    app->st.redraw = true;
}

void ly_cmd_hold_map(ly_app *app, bool held)
{
    if (held)
        app->st.clear_card = 0; /* the map is the user's now */
    app->st.cam.dragging = held;
}

void ly_cmd_fling(ly_app *app, float vx, float vy, bool orbit)
{
    app->st.clear_card = 0; /* the map is the user's now */
    ly_camera_fling(&app->st.cam, vx, vy, orbit, app->st.width, app->st.height);
    app->st.redraw = true;
}

void ly_cmd_stop_camera(ly_app *app)
{
    ly_camera_stop(&app->st.cam);
}

void ly_cmd_north_up(ly_app *app)
{
    ly_camera_pose p = app->st.cam.pose;
    p.heading = 0;
    ly_camera_fly_to(&app->st.cam, p, 0.6);
    app->st.redraw = true;
}
