/* The application: all of the viewer's state in one struct, its input
 * handling, its per-frame update and the frame it draws.
 *
 * Data flows one way: a file becomes a district, then projected points, a
 * mesh, a BVH and a ground mesh (ly_app_load swaps the whole set at once, or
 * keeps the old one when the new file is bad); input events change the app
 * state; the renderer draws the state. The renderer is optional: `louyu pick`
 * runs the same app without any GL. */
#ifndef LOUYU_APP_APP_H
#define LOUYU_APP_APP_H

#include "louyu/bvh.h"
#include "louyu/camera.h"
#include "louyu/colorby.h"
#include "louyu/directory.h"
#include "louyu/district.h"
#include "louyu/draw.h"
#include "louyu/font.h"
#include "louyu/geo.h"
#include "louyu/ground.h"
#include "louyu/input.h"
#include "louyu/labels.h"
#include "louyu/mesh.h"
#include "louyu/query.h"
#include "louyu/render.h"
#include "louyu/search.h"
#include "louyu/stacking.h"
#include "louyu/ui.h"
#include "louyu/strings.h"
#include "louyu/kiosk.h"

typedef struct {
    ly_district district;
    ly_geo geo;
    ly_mesh mesh;
    ly_bvh bvh;
    ly_ground ground;
    ly_labels labels;
    bool loaded;
    bool has_sites; /* buildings under construction: the translucent pass is needed */
} ly_scene;

typedef struct ly_reload ly_reload;

/* The kiosk's admin: a long press in the top-left corner opens a PIN pad;
 * the right PIN opens a status panel (last reload, uptime, memory, log) with
 * "reload now" and "exit kiosk". Without a PIN hash there is no way in. */
enum { LY_ADMIN_CLOSED, LY_ADMIN_PAD, LY_ADMIN_STATUS };
enum { LY_ADMIN_REQ_NONE, LY_ADMIN_REQ_RELOAD, LY_ADMIN_REQ_EXIT };
enum { LY_ADMIN_MAX_FAILS = 5 };
typedef struct {
    char pin_hash[LY_PIN_HASH_MAX];
    double hold_s;
    int open;                /* LY_ADMIN_* */
    bool corner_down;        /* a press is being held in the corner */
    float corner_x, corner_y;
    double corner_t;         /* when it started (app time) */
    char pin[LY_PIN_MAX + 1];
    bool wrong;              /* the last PIN was wrong */
    int fails;               /* wrong PINs in a row */
    double locked_until;     /* app time; no PINs before it */
    double touched_t;        /* the last interaction with the pad or panel */
    int request;             /* LY_ADMIN_REQ_*: for the viewer to act on */
    long opens, unlocks;     /* counted for the soak */
    /* what the status panel shows, kept by the viewer */
    char data_path[1024], log_path[1024];
    double started_ms;
    long frames;
    double frame_ms, frame_ms_worst;
} ly_admin;

typedef struct {
    ly_scene scene;
    ly_camera cam;
    int width, height; /* drawable pixels */
    float ui_scale;    /* 1 on a desktop at 1x; 2 on HiDPI */
    ly_lang lang;
    long selected, hovered;
    bool hover_from_mouse; /* the tooltip follows the cursor (else it sits on the roof) */

    /* the stacking plan of the selected building */
    bool stacking;
    float explode;      /* 0 stacked .. 1 pulled apart */
    int floor_hover;    /* the floor under the pointer, 0 none */
    int floor_selected; /* the floor whose card is open, 0 none */
    int floor_last;     /* with floor_selected: the last floor highlighted (an enterprise's) */
    ly_stacking stack;
    bool stack_dirty;

    /* colour-by: the mode, its classes, and the transition between modes */
    ly_color_mode color_mode;
    ly_colorby colorby;
    float *color_from; /* 3 per building: the colours the transition starts from */
    float color_t;     /* 0 .. 1 through the transition */

    /* the selection's card */
    ly_ui ui_ctx;
    int card_tab;            /* 0 overview, 1 floors, 2 enterprises */
    ly_enterprise_order enterprise_sort; /* the directory's order (name first) */
    char industry_filter[64];
    char settings_path[512]; /* where the language is remembered ("" when nowhere) */

    bool dashboard; /* the planner's dashboard is open */
    bool help;      /* the controls (mouse, touch, keys) are shown: H or F1 */

    /* kiosk: unattended, touch-first; after attract_s idle seconds a tour of
     * buildings with space runs, after reset_s everything returns to the start */
    bool kiosk;
    double idle_s, attract_s, reset_s;
    double idle_lag; /* wall time a slow frame's capped dt left out: idle time still passes */
    bool attract;
    int attract_index;  /* the tour's current stop */
    double attract_next; /* seconds until the next stop */
    double attract_per_s; /* seconds at each stop (9 unless the config says) */
    ly_lang default_lang;

    /* hot reload: a district being loaded on a thread, and the last result */
    ly_reload *reload;
    char reload_status[1200]; /* for the log: the whole path */
    char reload_name[1024];   /* for the screen: the file's name */
    size_t reload_count;      /* buildings loaded, or errors found */
    bool reload_ok;
    double reload_status_t;
    char reload_when[16];          /* local time of the last reload, HH:MM:SS */
    char reload_errors[4][240];    /* its first errors, LINE:COL: message */
    int n_reload_errors;

    ly_admin admin;

    /* the tenant finder */
    bool finder;
    ly_query_desc find;
    ly_query_result found;
    bool find_dirty;

    /* search */
    ly_search search;
    char query[128];
    bool keyboard; /* the on-screen keyboard is open (kiosk) */

    /* pointer */
    float mouse_x, mouse_y;
    bool mouse_inside;
    float floor_card[4]; /* where the floor card was drawn: x0, y0, x1, y1 (pixels) */
    /* a chart's read-out under the pointer this frame, drawn over every panel */
    bool tip;
    float tip_x, tip_y;
    char tip_title[160], tip_line[200];
    int drag_button; /* LY_BUTTON_* while a button is down, else 0 */
    bool drag_moved, drag_tilt;
    float press_x, press_y;
    double last_drag_t;
    float drag_vx, drag_vy;
    ly_gesture_tracker gestures;
    bool key_down[LY_KEY_COUNT];

    /* drawing (NULL renderer: headless CPU use) */
    ly_renderer *renderer;
    ly_font *font;
    ly_drawlist ui;
    ly_building_style *styles;
    bool styles_dirty;
    double time, last_label_t;
    bool redraw; /* something changed since the last frame */
} ly_app;

/* Sets up the app; with `gl` a renderer is created (a GL context must be
 * current) and a font is looked up. Returns 0 or -1 with a message. */
int ly_app_init(ly_app *app, int width, int height, float ui_scale, bool gl, char *err,
                size_t err_len);
void ly_app_deinit(ly_app *app);

/* Loads a data file and swaps it in. On failure the current district stays
 * and diags says why. Returns the ly_load_result. */
int ly_app_load(ly_app *app, const char *path, ly_diag_list *diags);

/* Kiosk mode: idle attract tour and reset (seconds; 0 for the defaults, 60 and 120). */
void ly_app_set_kiosk(ly_app *app, bool on, double attract_s, double reset_s);
/* Starts the attract tour now (what idling does in kiosk mode). */
void ly_app_start_attract(ly_app *app);

/* The kiosk admin (admin.c): set the PIN hash and the corner hold; feed an
 * event (true when the admin took it); advance its timers; build its panels. */
void ly_admin_setup(ly_app *app, const char *pin_hash, double hold_s);
bool ly_admin_event(ly_app *app, const ly_event *e);
void ly_admin_update(ly_app *app);
void ly_admin_panels(ly_app *app);
/* The ring that fills while the corner is held, over everything else. */
void ly_admin_overlay(ly_app *app);
/* Opens the PIN pad (or, for screenshots, `status` straight away). */
void ly_admin_open(ly_app *app, int which);
/* Counts a frame the viewer drew and how long it took. */
void ly_admin_frame(ly_app *app, double ms);

/* Remembers a load's result for the admin panel: when, and the first errors. */
void ly_app_note_load(ly_app *app, const char *path, bool ok, const ly_diag_list *diags);
/* Starts loading `path` on a loader thread (false if one is running). */
bool ly_app_reload_start(ly_app *app, const char *path);
/* Between frames: if the loader finished (or, with `wait`, once it does),
 * swaps the new district in, or keeps the old one when the new data is bad.
 * Returns true when it swapped. */
bool ly_app_reload_poll(ly_app *app, bool wait);

/* "home", "top" or a building id; jumps when `animate` is false. Returns
 * false for an unknown id. */
bool ly_app_set_view(ly_app *app, const char *view, bool animate);
void ly_app_select(ly_app *app, long building, bool fly);
void ly_app_resize(ly_app *app, int width, int height);

void ly_app_event(ly_app *app, const ly_event *e);
/* Advances animations by dt seconds; returns true while anything moves. */
bool ly_app_update(ly_app *app, double dt);
/* Draws a frame into the bound target. */
void ly_app_render(ly_app *app);

/* Shows or hides the stacking plan of the selected building. */
void ly_app_set_stacking(ly_app *app, bool on, float explode);
/* Opens the card of floor `floor` of the selected building (0 closes it). */
void ly_app_select_floor(ly_app *app, int floor);
/* Highlights floors first ... last (an enterprise's) and opens the first one's card. */
void ly_app_select_floors(ly_app *app, int first, int last);

/* Reads the user's settings file (the language) and remembers later changes
 * there: the viewer window does; headless runs do not, so they stay repeatable. */
void ly_app_use_settings(ly_app *app);
/* Colours the buildings by an attribute (LY_COLOR_NONE: plain), animated. */
void ly_app_set_color_mode(ly_app *app, ly_color_mode mode, bool animate);
/* Switches the interface language and remembers it in the settings file. */
void ly_app_set_language(ly_app *app, ly_lang lang);
/* Builds this frame's panels (the building card, the language switch). */
void ly_app_panels(ly_app *app);
/* The planner's dashboard (when app->dashboard). */
void ly_app_dashboard(ly_app *app);
/* A dark read-out box (a title, a line in amber) near pixel (x, y), kept on screen. */
void ly_app_draw_tip(ly_app *app, float x, float y, const char *title, const char *line,
                     bool muted);
/* Runs the tenant finder again with app->find and lights the matching floors. */
void ly_app_run_finder(ly_app *app);

/* The building under a pixel (with a finger-sized tolerance when touch). */
long ly_app_pick(const ly_app *app, float x, float y, float tol_px, int *floor);

#endif
