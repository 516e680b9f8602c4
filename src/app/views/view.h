/* Views: one file each, one job each.
 *
 * A view reads the app const (state, scene, derived data), draws in the
 * rectangle the layout gave it (widgets through ly_ui, shapes and text into the
 * draw list), asks for changes by pushing messages, and returns what it drew.
 * A view never writes the state, never calls another view, and includes only
 * this header and the core's. The frame (frame.c) calls them in order.
 *
 * The building card is three views in one panel: the card (title, badges,
 * tabs and the overview) begins the "card" panel; the floors and enterprises
 * views continue it with their tab's content (ly_ui continues a panel begun
 * again in the same frame). */
#ifndef LOUYU_APP_VIEW_H
#define LOUYU_APP_VIEW_H

#include "../app.h"

typedef struct {
    const ly_app *app;  /* read only */
    const ly_layout *L; /* where everything goes this frame */
    ly_ui *ui;          /* the widgets */
    ly_drawlist *dl;    /* shapes and text */
    ly_msgq *out;       /* what the view asks for */
} ly_view_ctx;

/* A read-out to draw over every panel (a chart's bar under the pointer). */
typedef struct {
    bool shown, muted;
    float x, y;
    char title[160], line[200];
} ly_tip;

typedef struct {
    bool drew; /* the view put something on screen */
    ly_tip tip;
} ly_view_out;

/* The chrome: the title panel, the compass with its "?", the scale bar. */
ly_view_out ly_view_hud(const ly_view_ctx *c);
/* A reload's toast; a kiosk out of service; a district without buildings. */
ly_view_out ly_view_notice(const ly_view_ctx *c);
/* The colour-by and stacking-plan legends. */
ly_view_out ly_view_legends(const ly_view_ctx *c);
/* The language switch, colour-by, dashboard and finder toggles. */
ly_view_out ly_view_toolbar(const ly_view_ctx *c);
/* The search field, its results, and the on-screen keyboard. */
ly_view_out ly_view_search(const ly_view_ctx *c);
ly_view_out ly_view_finder(const ly_view_ctx *c);
/* What the mouse, touch and keys do. */
ly_view_out ly_view_help(const ly_view_ctx *c);
ly_view_out ly_view_dashboard(const ly_view_ctx *c);
/* The building card: title, badges, tabs and the overview tab. */
ly_view_out ly_view_card(const ly_view_ctx *c);
/* The card's Nearby tab: the nearest place of each kind on foot, routes, walking areas. */
ly_view_out ly_view_nearby(const ly_view_ctx *c);
/* Which kinds of place the map shows. */
ly_view_out ly_view_places(const ly_view_ctx *c);
/* Operations mode: the cameras' list, and the live pictures of those opened. */
ly_view_out ly_view_cameras(const ly_view_ctx *c);
ly_view_out ly_view_camera_views(const ly_view_ctx *c);
/* The card's floors tab. */
ly_view_out ly_view_floors(const ly_view_ctx *c);
/* The card of the floor picked on the stacking plan. */
ly_view_out ly_view_floor_card(const ly_view_ctx *c);
/* The card's enterprise directory. */
ly_view_out ly_view_enterprises(const ly_view_ctx *c);
/* The kiosk's PIN pad and status panel, over a veil. */
ly_view_out ly_view_admin(const ly_view_ctx *c);
/* The ring that fills while the admin corner is held, over everything. */
ly_view_out ly_view_admin_hold(const ly_view_ctx *c);
/* The attract tour's banner. */
ly_view_out ly_view_tour(const ly_view_ctx *c);
/* The week slider along the bottom: the week, its dates, the district's vacancy
 * over the weeks behind a track to drag, and buttons a week back and on. */
ly_view_out ly_view_weeks(const ly_view_ctx *c);
/* A read-out over every panel: `tip` when a view gave one, else the hovered
 * building's tooltip. */
ly_view_out ly_view_tooltip(const ly_view_ctx *c, const ly_tip *tip);

/* ---- small helpers every view may use (view.c) ---------------------------------------- */

/* The text of `id` in the UI's language. */
const char *ly_view_str(const ly_view_ctx *c, ly_string_id id);
/* The name in the UI's language, else the other one (either may be NULL). */
const char *ly_view_pick(const ly_view_ctx *c, const char *zh, const char *en);
/* How tall (dp) a card's list (its floors, its enterprises) asks to be: more of a tall
 * landscape window than the 250 dp it had kept to (seven rows of a 1080 p screen's card, the
 * rest of the screen empty below it); a portrait screen's card, over the map, keeps 250. */
float ly_view_card_list_want(const ly_view_ctx *c);
/* A floor's use in the UI's language ("Plant", "设备层"). */
const char *ly_view_use_name(const ly_view_ctx *c, ly_floor_use u);
/* Begins a ly_ui panel at a layout box (pixels to dp); `open` gives it a close
 * button. Call ly_ui_panel_end either way. */
bool ly_view_panel(const ly_view_ctx *c, const char *label, const ly_box *b, bool *open);
/* A place's pictogram on its coloured disc (icons.h), centred at cx, cy, radius r px. */
void ly_view_icon(const ly_view_ctx *c, int icon, float cx, float cy, float r);
/* The same over the start of the last list row's label (which leaves room for it with
 * six spaces). */
void ly_view_row_icon(const ly_view_ctx *c, int icon);
/* A list's height (dp): `want`, or what is left down to the bottom margin (less `after`,
 * what follows the list in its panel), but not under 200 dp (nor `want`). */
float ly_view_list_height(const ly_view_ctx *c, float want, float after);
/* A line of n values over the box (x, y, w, h), the largest at its top and a little
 * under the smallest at its bottom, the area under it filled; value `mark` (or
 * none: -1) gets a dot. */
void ly_view_sparkline(const ly_view_ctx *c, const double *v, size_t n, float x, float y,
                       float w, float h, long mark, ly_color line, ly_color fill);
/* A dark read-out box (a title, a line in amber or muted) near pixel (x, y), on screen. */
void ly_view_draw_tip(const ly_view_ctx *c, float x, float y, const char *title,
                      const char *line, bool muted);

#endif
