/* The app's state: plain data, no behaviour.
 *
 * Everything the viewer shows follows from this struct and the loaded scene.
 * Only the commands (commands.h) write it; views read it const and ask for
 * changes with messages (msg.h); input turns events into commands. Nothing
 * here owns memory: the scene and the data derived from it live beside it in
 * ly_app (app.h). */
#ifndef LOUYU_APP_STATE_H
#define LOUYU_APP_STATE_H

#include "louyu/camera.h"
#include "louyu/colorby.h"
#include "louyu/directory.h"
#include "louyu/input.h"
#include "louyu/kiosk.h"
#include "louyu/progress.h"
#include "louyu/query.h"
#include "louyu/strings.h"

#include <stdbool.h>
#include <stddef.h>

/* The building card's tabs. */
typedef enum {
    LY_TAB_OVERVIEW,
    LY_TAB_FLOORS,
    LY_TAB_ENTERPRISES,
    LY_TAB_NEARBY, /* the nearest place of each kind on foot, routes, walking areas */
    LY_TAB_COUNT
} ly_card_tab;
/* Live camera pictures open at once (operations mode). */
enum { LY_CAMERA_VIEWS = 4 };

/* The stacking plan of the selected building: its floors as slabs. */
typedef struct {
    bool on;
    float explode;      /* 0 stacked .. 1 pulled apart */
    int floor_hover;    /* the floor under the pointer, 0 none */
    int floor_selected; /* the floor whose card is open, 0 none */
    int floor_last;     /* with floor_selected: the last floor lit (an enterprise's) */
} ly_plan_state;

/* A kiosk: unattended and touch-first. After attract_s idle seconds a tour of
 * the buildings with space runs; after reset_s everything returns to the start. */
typedef struct {
    bool on;
    double idle_s, attract_s, reset_s;
    double idle_lag;    /* wall time a slow frame's capped step left out: idle time still passes */
    bool touring;       /* the attract tour runs */
    /* the touch that ended the tour goes on: its press, moves and release are its own, not
     * the map's (a tap comes as a move, then a press: the press had stopped the flight home
     * and selected the building under the finger) */
    bool tour_touch;
    double tour_ended_t; /* app time */
    int stop;           /* the tour's next stop */
    double next_stop_s; /* seconds until it */
    double per_stop_s;  /* seconds at each stop */
    ly_lang lang;       /* what a reset returns to */
} ly_kiosk_state;

/* The kiosk's admin: a long press in the top-left corner opens a PIN pad; the
 * right PIN opens a status panel with "reload now" and "exit kiosk". Without a
 * PIN hash there is no way in. */
typedef enum { LY_ADMIN_CLOSED, LY_ADMIN_PAD, LY_ADMIN_STATUS } ly_admin_panel;
typedef enum { LY_ADMIN_REQ_NONE, LY_ADMIN_REQ_RELOAD, LY_ADMIN_REQ_EXIT } ly_admin_request;
enum { LY_ADMIN_MAX_FAILS = 5, LY_ADMIN_EXIT_ASK_S = 10 };
typedef struct {
    char pin_hash[LY_PIN_HASH_MAX];
    double hold_s;
    ly_admin_panel open;
    bool corner_down; /* a press is being held in the corner */
    float corner_x, corner_y;
    double corner_t;  /* when it started (app time) */
    char pin[LY_PIN_MAX + 1];
    bool wrong;       /* the last PIN was wrong */
    long status_second; /* the app time's second the status panel was last drawn in */
    int fails;        /* wrong PINs in a row */
    int locks;        /* locks in a row, since the last right PIN: each twice the last */
    double locked_until; /* app time; no PINs before it */
    double touched_t;    /* the last interaction with the pad or panel */
    ly_admin_request request; /* for the viewer's loop to act on */
    bool exit_asking;         /* "Exit kiosk" was tapped: the panel asks to be sure */
    double exit_asked_t;      /* when (app time); the question lapses after a while */
    long opens, unlocks;      /* counted for the soak */
} ly_admin;

/* What the status panel and the toast say about the running viewer. */
typedef struct {
    char data_path[1024], log_path[1024];
    double started_ms;
    long frames;
    double frame_ms, frame_ms_worst;
    /* the last load or reload */
    char status[1200];   /* for the log: with the whole path */
    char name[1024];     /* for the screen: the file's name */
    size_t count;        /* buildings loaded, or errors found */
    size_t left_out;     /* features with errors left out (--skip-bad) */
    size_t skippable;    /* a failed load's features with errors, when only they had any */
    bool ok;
    bool unreadable;     /* it failed as a file (cannot be opened or read), not as data */
    double shown_t;      /* app time the toast appeared */
    char when[48];       /* local time and its offset (ly_clock_stamp), for the panel */
    char errors[4][240]; /* its first errors' messages */
    int error_at[4][2];  /* their lines and columns (0: the whole file's) */
    int n_errors;
} ly_run_note;

/* What the export menu writes (into the export folder, see ly_cmd_export). */
typedef enum {
    LY_EXPORT_MAP,       /* the view as a map image, 3840 x 2160 */
    LY_EXPORT_MAP_LARGE, /* the same at 8000 x 6000, drawn in tiles */
    LY_EXPORT_MODEL,     /* glTF: the selection, or the district when none */
    LY_EXPORT_CITYJSON,  /* CityJSON at LoD1: the selection, or the district when none */
    LY_EXPORT_STOCK,     /* CSV: a row per building */
    LY_EXPORT_FLOORS,    /* CSV: a row per floor */
    LY_EXPORT_KINDS
} ly_export_kind;

typedef struct {
    int width, height; /* drawable pixels */
    float ui_scale;    /* 1 on a desktop at 1x; 2 on HiDPI; 1.75 on a kiosk */
    float auto_scale;  /* a kiosk's scale that louyu chose (0: one given), which a small
                        * screen lowers (ly_layout_fit_scale) */
    double time;       /* seconds the app has run (its own clock) */
    ly_camera cam;
    ly_lang lang;

    long selected, hovered; /* building indices, -1 none */
    /* frames to wait before the selection is kept clear of its card as the card is then
     * laid out (its height is known once it has been drawn); 0: nothing pending */
    int clear_card;
    bool hover_from_mouse;  /* the tooltip follows the cursor (else it sits on the roof) */
    ly_card_tab tab;
    ly_enterprise_order sort;
    char industry_filter[64]; /* the directory's industry chip, "" none */
    ly_plan_state plan;

    ly_color_mode color_mode;
    float color_t; /* 0 .. 1 through the transition to color_mode */

    int week;        /* the week on screen (ISO, year * 100 + week); 0: the latest there is */
    bool week_focus; /* the slider was used last: the left and right keys move the week */

    bool dashboard, help, finder, keyboard;
    /* the finder's criteria: its industry is find_industry's text (a chip's industry is the
     * district's own, which a reload frees), its other strings point to static tables */
    ly_query_desc find;
    char find_industry[64];
    char query[128];    /* the search field */

    ly_kiosk_state kiosk;
    ly_admin admin;
    ly_run_note run;
    /* the export menu (not in a kiosk), and what the last export or dropped report did,
     * for the toast (ly_cmd_tell) */
    bool export_menu;
    /* an export asked for (its ly_export_kind + 1; 0: none), waiting export_wait more drawn
     * frames, so that the window shows "Exporting…" before it is busy */
    int export_queued, export_wait;
    struct {
        char text[700]; /* "Saved: PATH" or why it failed */
        bool ok;
        double shown_t; /* st.time when it ended */
    } exported;
    /* a file's first open on the loader thread: the window shows how far it is */
    struct {
        bool on;
        char name[96]; /* the file's name */
        ly_stage stage;
        float fraction;
        double started; /* st.time when it began */
    } opening;

    /* surroundings: the kinds of place shown on the map (bit per ly_poi_category), places
     * opened after the data's date too, the place under the pointer and the one tapped
     * (features, -1 none), the panel of kinds */
    uint32_t place_kinds;
    bool place_later, places_panel;
    long place_hovered, place_chosen;
    /* the Nearby tab: the kind whose nearest place has its route drawn (-1 none), and
     * the 5, 10 and 15 minute walking areas around the selected building */
    int route_kind;
    bool walk_areas;
    /* operations mode: the district's cameras, their list and their live pictures
     * (features; never in a public kiosk, the portal or an export) */
    bool operations, cameras_panel;
    long camera_views[LY_CAMERA_VIEWS];
    int n_camera_views;
    bool picture_only; /* the scene alone, without panels, labels or chrome (publish's renders) */
    /* a map to print or send: the scene with its labels, the title, the north arrow, the
     * scale bar and the legends, without the controls (louyu shot --map, the export) */
    bool map_image;
    bool redraw;       /* something changed since the last frame */
} ly_state;

#endif
