/* The application: its state, the scene it shows, what is derived from both,
 * and the resources it draws with.
 *
 * Shaped like a small Elm program:
 *  - state (state.h): plain data; only the commands (commands.h) change it;
 *  - input (input.c): events in, commands out;
 *  - layout (layout.h): every panel's rectangle, once per frame;
 *  - views (views/): one file each; read the app const, draw in their
 *    rectangle, ask for changes with messages (msg.h);
 *  - frame (frame.c): layout, labels, the views in order, the render, then
 *    the messages; it says when the picture needs another frame to settle.
 * Data flows one way: file -> scene -> mesh -> GPU; input -> state -> render.
 *
 * The renderer is optional: `louyu pick` and the tests run the same app without
 * GL (no font, no renderer; frames are not drawn). ly_app_init/deinit own
 * everything below. */
#ifndef LOUYU_APP_APP_H
#define LOUYU_APP_APP_H

#include "layout.h"
#include "msg.h"
#include "scene.h"
#include "state.h"

#include "louyu/camstream.h"
#include "louyu/colorby.h"
#include "louyu/draw.h"
#include "louyu/font.h"
#include "louyu/query.h"
#include "louyu/render.h"
#include "louyu/search.h"
#include "louyu/stacking.h"
#include "louyu/stats.h"
#include "louyu/ui.h"
#include "louyu/overlay.h"
#include "louyu/places.h"
#include "louyu/walk.h"

#include <time.h>

/* The most results a search lists (those that fit show, the rest scroll into view). */
#define LY_SEARCH_LISTED 50

/* The dashboard's figures (ly_cmd_board), made when the district or its week changed, not
 * in every frame the dashboard is drawn (a city's buildings sorted). */
typedef struct {
    uint32_t *by_occ; /* the buildings: those with data, highest occupancy first; then none */
    double *occ;      /* their occupancy, in that order (< 0: no data) */
    size_t n;
    uint32_t *changed; /* the buildings whose vacant m² changed in the week, most first */
    double *change;    /* by how much (m²; > 0 newly vacant) */
    size_t n_changed;
    ly_stats stats;
    bool made; /* false: to make again before the dashboard is drawn */
} ly_board;

/* The finder's chips, from the district (made when it is loaded, not in every frame): its
 * biggest industries, rent limits from its own asking rents, and the kinds of place it has. */
#define LY_FINDER_INDUSTRIES 5
typedef struct {
    char industries[LY_FINDER_INDUSTRIES][64]; /* keywords, most enterprises first */
    size_t n_industries;
    double rents[3]; /* CNY/m²/day, lowest first */
    size_t n_rents;
    bool has_place[LY_POI_COUNT]; /* by ly_poi_category: the district has such a place */
} ly_finder_chips;

/* Caches the commands keep in step with the state and the scene. */
typedef struct {
    ly_building_style *styles; /* one per building: colour, storeys, flags, glow */
    bool styles_dirty;         /* to upload */
    ly_colorby colorby;        /* the colour-by mode's classes */
    float *color_from;         /* 3 per building: where the colour transition starts */
    ly_search search;          /* the search index, in the UI's language */
    bool search_stale;         /* to make again when a frame needs it (ly_cmd_index_search) */
    ly_search_hit hits[LY_SEARCH_LISTED]; /* the query's results, best first: not run in */
    size_t n_hits;                        /* every frame (a city's names take milliseconds) */
    char hits_query[128];                 /* the query they answer */
    bool hits_stale;                      /* to run again: another district or language */
    bool drawn;                /* a frame of the district on screen has been drawn */
    ly_query_result found;     /* the finder's matches */
    ly_finder_chips chips;     /* the finder's criteria to offer */
    ly_board board;            /* the dashboard's figures */
    ly_stacking stack;         /* the stacking plan's slabs */
    bool stack_dirty;          /* to rebuild and upload */
    double *week_vacant;       /* the district's vacant m² in each week of its history */
    double recorded_m2;        /* the floor area with records (what vacancy is a share of) */
    /* the surroundings (surroundings.c): the walking graph (made when first asked for),
     * the walk from the selected building and its nearest places, the shapes on the
     * ground (walking areas, the route, cameras' view cones) */
    struct ly_walk *walk;
    struct ly_walk_from *walk_from;
    long walk_for; /* the building walk_from starts at (-1: none) */
    ly_walk_nearby nearby;
    ly_overlay overlay;
    bool overlay_dirty;
    bool areas_shown; /* the overlay has walking areas in it: their key shows */
    /* the live pictures of st.camera_views (same order): their streams and status */
    struct ly_camstream *streams[LY_CAMERA_VIEWS];
    uint64_t stream_serial[LY_CAMERA_VIEWS];
    ly_camstream_status stream_status[LY_CAMERA_VIEWS];
    int picture_w[LY_CAMERA_VIEWS], picture_h[LY_CAMERA_VIEWS]; /* 0: none yet */
    double status_t; /* st.time the statuses were last looked at */
    double trim_t;   /* st.time the allocator last gave its free pages back */
    double trim_ms;  /* how long that took (ms) */
} ly_derived;

/* Input's own memory from one event to the next: where the pointer is, a drag
 * under way, held keys, the touch gesture tracker. Only input.c writes it (the
 * admin's pad takes over a press that opened it); views may read where the pointer is. */
typedef struct {
    float x, y;
    bool inside;
    int drag_button;       /* LY_BUTTON_* while a button is down, else 0 */
    bool drag_moved, drag_tilt;
    float press_x, press_y;
    double last_drag_t;
    float drag_vx, drag_vy;
    ly_gesture_tracker gestures;
    bool key_down[LY_KEY_COUNT];
} ly_pointer;

/* A URL source's health, for the log (said when it changes, not at every poll:
 * "unreachable since 12:00", then "back") and the kiosk's admin panel. Only app.c writes it. */
typedef struct {
    bool failing;
    ly_fetch_error error; /* the failure being reported */
    long http_code;       /* its answer, when it was one */
    char body[160];       /* a bad body's reason: another bad body is news too */
    time_t since;         /* when it began failing (the log says it in UTC, the panel local) */
    char reason[240];     /* what happened, for the admin panel */
} ly_source_health;

typedef struct ly_app {
    ly_state st;
    ly_pointer input;
    ly_scene scene;
    ly_derived dv;
    ly_layout layout; /* this frame's */
    ly_msgq msgs;     /* what this frame's views asked for */

    ly_renderer *renderer; /* NULL: headless, no GL */
    bool lod_off; /* every chunk in full (louyu --lod off; the tests compare both) */
    char model_lod[8]; /* a CityJSON file's level of detail to read (--lod 2.2); "": the best */
    bool skip_bad;     /* features with errors are left out (--skip-bad) */
    ly_font *font;
    bool font_lacks_cjk; /* no font with Chinese characters: another, Chinese not shown */
    bool in_page; /* a web page's map (src/web): no file is dropped on it, the page's keys
                   * (Ctrl+R, F11) are the browser's, and it is never quit */
    ly_ui ui;
    ly_drawlist dl; /* the overlay: labels, panels, text */
    ly_reload *reload;
    ly_source_health source; /* the data's, when it is a URL */
    /* the data file's last reload found it cut short and young: still being written, so
     * waited for quietly (the watch tries it again) rather than refused */
    bool data_writing;
    double data_writing_since; /* ly_clock_ms when it was first seen cut short, or grew */
    long long data_writing_size; /* its size then */
    char origin[1024]; /* where the district on screen was read from: its path or URL */
    char settings_path[512]; /* where the language is remembered ("" nowhere) */
    double last_label_t;
    bool icons_loaded; /* the map's pictograms are on the GPU */
} ly_app;

/* A kiosk without a district to show (none loaded, or one without buildings): the
 * public sees "out of service" and nothing of the map's furniture. */
static inline bool ly_app_out_of_service(const ly_app *app)
{
    return app->st.kiosk.on && (!app->scene.loaded || !app->scene.district.n_buildings);
}

/* The kinds of place whose later openings (after the data's date) the map shows although
 * its switch for them is off: the kind the finder is near, whose later places it counts
 * and says so ("Counting 2 metro stations that opened after 2011"): they are on the map
 * the finder's answer points at. A bit per ly_poi_category. */
static inline uint32_t ly_app_later_kinds(const ly_app *app)
{
    const ly_state *st = &app->st;
    return st->finder && st->find.near_poi && st->find.include_later_pois &&
                   (unsigned)st->find.near < 32
               ? 1u << st->find.near
               : 0;
}

/* What a frame of the viewer, the kiosk or the browser may spend sending chunks' full
 * meshes to the GPU (ly_renderer_set_upload_budget): a city shows at once and its near
 * chunks come in over the next frames. Pictures (louyu shot, the portal's renders) set
 * none and are drawn whole. */
#define LY_UPLOAD_BUDGET_MS 10.0

/* Sets up the app; with `gl` a renderer is created (a GL context must be current)
 * and a font found. Returns 0 or -1 with a message. */
int ly_app_init(ly_app *app, int width, int height, float ui_scale, bool gl, char *err,
                size_t err_len);
void ly_app_deinit(ly_app *app);
/* Draws text with the font file at `path` (face: its index in a collection): what
 * ly_app_init does with fontconfig's answer, and the browser build with the font
 * the page fetched. Returns 0 or -1 with a message. */
int ly_app_use_font(ly_app *app, const char *path, int face, char *err, size_t err_len);

/* Reads the user's settings (the language; without one, the desktop's locale)
 * and remembers later changes there: the viewer window does; headless runs do
 * not, so they stay repeatable. */
void ly_app_use_settings(ly_app *app);

/* Where ly_app_init found no font with Chinese characters (and took another): English
 * (ly_cmd_set_language refuses Chinese from then on, saying why), and a toast that says
 * why Chinese text is not shown. */
void ly_app_font_fallback(ly_app *app);

/* Loads a data file and swaps it in; on failure the current district stays and
 * diags says why. Returns the ly_load_result. */
int ly_app_load(ly_app *app, const char *path, ly_diag_list *diags);
/* The same for a load that ran on a loader thread (ly_reload_start with poll false):
 * waits for it, then as ly_app_load; diags is initialised here (caller deinits). */
int ly_app_open_finish(ly_app *app, ly_reload *rl, ly_diag_list *diags);
/* As ly_app_load, from GeoJSON text in memory named `name` in messages (the page's
 * bytes in the browser: no file in between). */
int ly_app_load_mem(ly_app *app, const char *text, size_t len, const char *name,
                    ly_diag_list *diags);
/* Starts loading `path` on a loader thread (false if one is running). For a
 * URL that is a poll: a conditional GET, and a new scene only from a new
 * download (while a district is on screen). */
bool ly_app_reload_start(ly_app *app, const char *path);
/* Between frames: if the loader finished (or, with `wait`, once it has), swaps
 * the new district in, or keeps the old one when the new data is bad. A URL
 * whose poll brought nothing new (304) or failed swaps nothing and shows no
 * toast; its failures are logged once per change (ly_source_health). Returns
 * true when it swapped. */
bool ly_app_reload_poll(ly_app *app, bool wait);

/* An input event (input.c). */
void ly_app_event(ly_app *app, const ly_event *e);
/* What a resting mouse pointer is over, again, after a frame changed what is under it (a
 * camera that flew, a card that closed): as a move there would have it, so that the loop
 * never sleeps on a tooltip of what was there before (input.c). */
void ly_app_rehover(ly_app *app);
/* A recognised touch gesture (input.c): what fingers do, also when time alone
 * completes one (a long press). */
void ly_app_gesture(ly_app *app, const ly_gesture *g);
/* Advances time by dt seconds (animations, the kiosk's timers) and lays out the
 * frame (app->layout, which the frame's views and the next events read). Returns
 * true while anything moves. */
bool ly_app_update(ly_app *app, double dt);
/* Lays out and draws a frame into the bound target, then applies what the views
 * asked for. Returns true when the picture needs another frame to settle (a
 * panel found its height, new glyphs, a message changed the state, a fade, chunks'
 * meshes still to upload). */
bool ly_app_render(ly_app *app);
/* Draws only the part x, y, w, h (pixels, y down) of the picture the window's size
 * (st.width x st.height) would show, into the bound target of size w x h: a large
 * image drawn tile by tile (ly_app_render_image) is the same as the whole. */
bool ly_app_render_tile(ly_app *app, int x, int y, int w, int h);
/* The picture at width x height (any size: drawn in tiles no larger than the driver
 * allows) into rgba (width * height * 4, rows from the top), as a map (st.map_image)
 * when map is true, with the UI scaled to the size. The window's size and state are
 * kept. Returns 0, or -1 when no offscreen target could be made. */
int ly_app_render_image(ly_app *app, int width, int height, bool map, uint8_t *rgba);
/* The same with tiles of at most `tile` pixels a side (0: the largest the driver takes). */
int ly_app_render_image_tiled(ly_app *app, int width, int height, bool map, int tile,
                              uint8_t *rgba);

/* Writes a picture (rgba, width * height * 4, rows from the top) to `path` as PNG, or
 * as JPEG at `jpeg_quality` (1-100; 0: PNG), atomically: encoded in memory, then
 * ly_file_write_atomic (the old file kept whole when the disk is full); "-" is the
 * standard output. Returns 0, or -1 with why in err. */
int ly_image_write(const char *path, int width, int height, const uint8_t *rgba,
                   int jpeg_quality, char *err, size_t n);

/* The building under a pixel (with a finger-sized tolerance for touch), and its
 * floor at that point; -1 for none. */
long ly_app_pick(const ly_app *app, float x, float y, float tol_px, int *floor);

#endif
