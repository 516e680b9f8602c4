/* What the viewer's commands share: their options, opening the hidden or
 * visible window with the app, and loading a file with its errors printed. */
#ifndef LOUYU_APP_VIEWER_H
#define LOUYU_APP_VIEWER_H

#include "app.h"
#include "louyu/platform.h"

typedef struct {
    const char *file, *out, *view, *select, *hover, *lang;
    int width, height;
    float scale, tolerance;
    bool fullscreen, have_at;
    float at_x, at_y;
    int frames;
    bool render;
    int msaa; /* 0: 4x; -1: off */
    bool stacking;
    int floor;
    float explode;
    const char *tab;
    const char *color_by;
    const char *search, *reload;
    bool keyboard, dashboard, find, controls;
    double find_area, find_rent;
    const char *find_near, *find_industry; /* a POI category; an industry keyword */
    bool kiosk, attract;
    double attract_s, reset_s, idle;
    const char *config, *admin; /* --config FILE; --admin pad|status (shot) */
    double hold;                /* --hold S (shot): a finger held in the admin corner */
    float wheel[3];             /* --wheel X,Y,N (shot): N notches of the wheel at X,Y */
    float pointer[2];           /* --pointer X,Y (shot): the mouse there; */
    bool has_pointer;           /* (what hovers does: tooltips, read-outs) */
    bool file_given, scale_given;
    ly_kiosk_config kc; /* from --config, else the defaults */
} options;

/* A window (hidden for headless work) with a renderer and the app; 0 or an exit code. */
int ly_viewer_open(ly_app *app, ly_platform **plat, const options *o, bool hidden);
/* Loads `path` into the app, printing its first errors to stderr (or, with
 * `to_log`, to the log: the kiosk's file); 0 or an exit code. */
int ly_viewer_load(ly_app *app, const char *path, bool to_log);

#endif
