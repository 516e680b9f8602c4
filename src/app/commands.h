/* Commands: the only functions that change the app's state.
 *
 * Each takes the app, changes the state and keeps the derived data (styles,
 * colour classes, search index, finder results, stacking plan) in step, and
 * marks the frame for redrawing. Input calls them for events; the frame calls
 * ly_app_dispatch for the views' messages; the command line calls them to set
 * up a shot. */
#ifndef LOUYU_APP_COMMANDS_H
#define LOUYU_APP_COMMANDS_H

#include "app.h"

/* ---- the district (commands.c) ----------------------------------------------------- */

/* Puts a built scene on screen in place of the current one (it takes *next).
 * The selection survives by building id; the first district starts from the
 * home view, a later one keeps the view. */
int ly_cmd_swap_scene(ly_app *app, ly_scene *next, ly_diag_list *diags);
/* Makes the search index if the district or language changed since it was made: when a
 * query waits for it, or `now` (after the district's first frame); and the query's results
 * (dv.hits) when the query, the district or the language changed. */
void ly_cmd_index_search(ly_app *app, bool now);
/* Makes the dashboard's figures (dv.board) where the district or week changed since; frees
 * them. */
void ly_cmd_board(ly_app *app);
void ly_cmd_board_free(ly_app *app);
/* Remembers a load's result for the toast and the admin panel. */
void ly_cmd_note_load(ly_app *app, const char *path, int result, const ly_diag_list *diags);
/* Says something in the toast (red when not ok): what an export or a dropped report did. */
void ly_cmd_tell(ly_app *app, bool ok, const char *text);
void ly_cmd_resize(ly_app *app, int width, int height);
/* The window must be drawn again (it was uncovered or shown). */
void ly_cmd_redraw(ly_app *app);
void ly_cmd_set_scale(ly_app *app, float ui_scale);
/* A kiosk's scale that louyu chose: `want`, or less on a small screen, now and on each resize. */
void ly_cmd_set_auto_scale(ly_app *app, float want);

/* ---- what is shown (commands.c) ---------------------------------------------------- */

/* Selects building b (-1: none); with `fly`, the camera flies to its view. */
void ly_cmd_select(ly_app *app, long b, bool fly);
void ly_cmd_hover(ly_app *app, long b, bool from_mouse);
void ly_cmd_set_tab(ly_app *app, ly_card_tab tab);
void ly_cmd_set_sort(ly_app *app, ly_enterprise_order by);
void ly_cmd_set_industry_filter(ly_app *app, const char *keyword);
/* Shows or hides the stacking plan of the selected building. */
void ly_cmd_set_stacking(ly_app *app, bool on, float explode);
/* Opens the card of floor `floor` (0 closes it). */
void ly_cmd_select_floor(ly_app *app, int floor);
/* Lights floors first .. last (an enterprise's) and opens the first one's card. */
void ly_cmd_select_floors(ly_app *app, int first, int last);
void ly_cmd_hover_floor(ly_app *app, int floor);
/* Colours the buildings by an attribute (LY_COLOR_NONE: plain), animated or not. */
void ly_cmd_set_color_mode(ly_app *app, ly_color_mode mode, bool animate);
/* Advances the colour-by transition (0.45 s); true while it runs. */
bool ly_cmd_animate_colors(ly_app *app, double dt);
/* Switches the interface language and remembers it in the settings file. */
void ly_cmd_set_language(ly_app *app, ly_lang lang);
void ly_cmd_set_dashboard(ly_app *app, bool on);
void ly_cmd_set_help(ly_app *app, bool on);

/* Writes the export into the export folder ($LOUYU_EXPORT_DIR, else the desktop's
 * documents folder (XDG_DOCUMENTS_DIR) or ~/Documents, each with louyu/ under it),
 * named after the district and the time, atomically; says where (or why not) in a
 * toast. Not in a kiosk. Returns 0 or -1. */
int ly_cmd_export(ly_app *app, ly_export_kind kind);
/* The export menu's way: says "Exporting…" at once and runs ly_cmd_export after two
 * more frames are drawn (ly_app_update runs it), so the window does not seem to hang. */
void ly_cmd_queue_export(ly_app *app, ly_export_kind kind);
void ly_cmd_set_keyboard(ly_app *app, bool on);
/* The tenant finder: open or closed, and its criteria; the matches glow. */
void ly_cmd_set_finder(ly_app *app, bool on);
void ly_cmd_set_find(ly_app *app, const ly_query_desc *find);
void ly_cmd_set_query(ly_app *app, const char *text);

/* Applies one of the views' messages. */
void ly_app_dispatch(ly_app *app, const ly_msg *m);
/* ---- surroundings (surroundings.c): places on the map, the Nearby tab, cameras ---- */
/* The surroundings' messages (LY_MSG_SET_PLACES_PANEL ... LY_MSG_SET_OPERATIONS). */
void ly_surroundings_dispatch(ly_app *app, const ly_msg *m);
void ly_cmd_set_places_panel(ly_app *app, bool on);
/* shows or hides a kind of place (LY_POI_COUNT: every kind) */
void ly_cmd_set_place_kind(ly_app *app, int kind, bool on);
void ly_cmd_set_place_later(ly_app *app, bool on);
void ly_cmd_hover_place(ly_app *app, long feature);
/* a tap or click on a marker: its name stays; in operations mode a camera opens */
void ly_cmd_choose_place(ly_app *app, long feature);
/* draws the walking route to the selected building's nearest place of a kind (-1: none) */
void ly_cmd_set_route(ly_app *app, int kind);
void ly_cmd_set_walk_areas(ly_app *app, bool on);
/* Walking area `band` (0 to 2, the nearest first): its minutes, and in rgb the colour its
 * fills give the land (the key's swatch). */
int ly_surroundings_area(int band, uint8_t rgb[3]);
/* operations mode: cameras on the map, their list and live pictures (off closes them) */
void ly_cmd_set_operations(ly_app *app, bool on);
void ly_cmd_set_cameras_panel(ly_app *app, bool on);
void ly_cmd_open_camera(ly_app *app, long feature);
void ly_cmd_close_camera(ly_app *app, long feature);
/* Each frame: the walking search, the shapes on the ground and the cameras' pictures in
 * step with the state; true when a new picture or a stream's new state wants a frame. */
bool ly_surroundings_update(ly_app *app);
/* How long the viewer may sleep without input: shorter while cameras stream. */
double ly_app_idle_wait(const ly_app *app);
/* Frees what the surroundings hold (walk graph, searches, streams): on a new scene and
 * at exit. */
void ly_surroundings_reset(ly_app *app, bool streams);

/* ---- the camera (framing.c) -------------------------------------------------------- */

/* The week on screen: an ISO week (year * 100 + week), or 0 for the latest the
 * data has (a kiosk's public view, and the viewer until someone moves the slider).
 * Colour-by, occupancy, the stacking plan, the finder and the dashboard follow;
 * colours blend into the new week's. Does nothing without a weekly history. */
void ly_cmd_set_week(ly_app *app, int week);
/* A number of weeks later (> 0) or earlier, within the history. */
void ly_cmd_step_week(ly_app *app, int delta);
void ly_cmd_set_week_focus(ly_app *app, bool on);

/* "home", "top" or a building id; jumps when `animate` is false. False for an
 * unknown id. */
bool ly_cmd_set_view(ly_app *app, const char *view, bool animate);
/* The view of building b, whatever its id (one named "home" or "top" too). */
void ly_cmd_view_building(ly_app *app, long b, bool animate);
/* A selected building that its card would cover slides beside (or below) it. */
void ly_cmd_keep_clear_of_card(ly_app *app, long b);
/* Jumps to a view of building b from about `heading` (radians; the first heading from
 * it at which no other building hides it), `closer` times as far as the usual view. */
void ly_cmd_view_building_from(ly_app *app, long b, double heading, double closer);
/* The scene alone: no panels, labels or chrome (the portal's pictures). */
void ly_cmd_set_picture_only(ly_app *app, bool on);
/* The view of building b beside (or below) its card: the pose the selection flies to. */
ly_camera_pose ly_app_building_pose(ly_app *app, long b);
/* Where building b's view point (the roof point its pose frames beside the card) is
 * on screen now, in pixels; false when it is behind the camera. */
bool ly_app_building_point(const ly_app *app, long b, float *sx, float *sy);
/* Where building b is on screen: the box (x0, y0, x1, y1) of its corners in front of the
 * eye; false when none is, or there is no such building. */
bool ly_app_building_box(const ly_app *app, long b, float out[4]);
void ly_cmd_orbit(ly_app *app, float dx, float dy);
void ly_cmd_pan(ly_app *app, float x0, float y0, float x1, float y1);
/* Zooms at a pixel: toward the point of a tower under it, else about the ground. */
void ly_cmd_zoom_at(ly_app *app, float x, float y, double factor);
void ly_cmd_tilt(ly_app *app, double radians);
void ly_cmd_twist(ly_app *app, double radians);
/* A drag holds the map (no inertia) until it ends, maybe with a fling. */
void ly_cmd_hold_map(ly_app *app, bool held);
void ly_cmd_fling(ly_app *app, float vx, float vy, bool orbit);
void ly_cmd_stop_camera(ly_app *app);
void ly_cmd_north_up(ly_app *app);

/* ---- the kiosk (kiosk.c) ----------------------------------------------------------- */

/* Kiosk mode: idle attract tour and reset (seconds; 0 for 60 and 120), a tour
 * stop every per_stop_s (0: 9). */
void ly_cmd_set_kiosk(ly_app *app, bool on, double attract_s, double reset_s,
                      double per_stop_s);
/* Wall time that a slow frame's capped step left out: the kiosk's idle timers
 * still count it. */
void ly_cmd_lost_time(ly_app *app, double seconds);
/* Someone touched the kiosk: the idle timers start again. */
void ly_cmd_touched(ly_app *app);
void ly_cmd_start_tour(ly_app *app);
/* The tour ends and the whole district shows (any touch does this). */
void ly_cmd_end_tour(ly_app *app);
/* Back to the start: what the next visitor should see. */
void ly_cmd_kiosk_reset(ly_app *app);
/* The kiosk's clock: the reset, the tour, the admin's timers. */
void ly_cmd_kiosk_tick(ly_app *app, double dt);

/* The admin: its PIN hash and corner hold; open a panel (the pad, or for
 * screenshots the status straight away); close; a key of the pad. */
void ly_cmd_admin_setup(ly_app *app, const char *pin_hash, double hold_s);
void ly_cmd_admin_open(ly_app *app, ly_admin_panel which);
void ly_cmd_admin_close(ly_app *app);
void ly_cmd_admin_key(ly_app *app, char key);
/* LY_ADMIN_REQ_EXIT is taken only while the panel asks to be sure (ly_cmd_admin_ask_exit,
 * up to LY_ADMIN_EXIT_ASK_S seconds ago): the unit does not restart a kiosk ended so. */
void ly_cmd_admin_request(ly_app *app, ly_admin_request req);
void ly_cmd_admin_ask_exit(ly_app *app, bool on);
/* The corner gesture and the pad's keyboard: true when the admin took the event. */
bool ly_cmd_admin_event(ly_app *app, const ly_event *e);
/* Counts a frame the viewer drew and how long it took (for the status panel). */
void ly_cmd_note_frame(ly_app *app, double ms);

#endif
