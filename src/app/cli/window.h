/* What the commands that draw share (view, shot, pick, bench, soak): a window
 * (hidden for headless work) with a renderer and the app, a data file loaded
 * with its errors printed, and the options that set up what is shown. */
#ifndef LOUYU_CLI_WINDOW_H
#define LOUYU_CLI_WINDOW_H

#include "../app.h"
#include "cli.h"
#include "louyu/platform.h"

typedef struct {
    int width, height; /* the window (a hidden one is 64 x 64: shots draw offscreen) */
    float scale;       /* the UI scale (times the display's pixel scale when visible) */
    bool dense;        /* and times the display's density (ly_platform_density): no scale given */
    int msaa;          /* 0: louyu chooses (4, off on software GL); <= 1 off */
    bool hidden, fullscreen;
    int display;
} ly_window_opts;

/* Opens the window and the app with a renderer. Returns 0 or an exit status. */
int ly_cli_open(ly_app *app, ly_platform **plat, const ly_window_opts *o);
/* --lod into the app before it loads: a CityJSON LoD is the one to read; with
 * far_switch, "off" draws every chunk in full ("on", the default, the far blocks).
 * Returns 0 or LY_EXIT_USAGE after saying why. */
int ly_cli_app_lod(const ly_args *a, ly_app *app, bool far_switch);
/* The CityJSON level of detail a --lod value names ("" for none, on or off). */
const char *ly_cli_model_lod(const char *lod);
/* Closes both. */
void ly_cli_close(ly_app *app, ly_platform *plat);
/* Loads `path` into the app, printing its first errors to stderr (or, with
 * `to_log`, to the log: the kiosk's file). Returns 0 or an exit status. */
int ly_cli_load(ly_app *app, const char *path, bool to_log);
/* What a load came to (r, with its diagnostics, which this deinits): its first errors
 * printed (or logged, with to_log), and the exit status. */
int ly_cli_loaded(ly_app *app, const char *path, int r, ly_diag_list *diags, bool to_log);
/* A load's progress on the terminal (stderr, when it is one): one line rewritten
 * in place from half a second on, ended with `done`; nothing for a quick open. */
void ly_cli_progress_line(const char *file, const ly_progress *p, double seconds, bool done);
/* Lets `dt` seconds pass (camera flights and colour transitions end), then draws
 * frames with no more time passing until the picture has settled (panels know
 * their heights, glyphs are in the atlas): what shot and publish draw. */
void ly_cli_settle(ly_app *app, double dt);
/* The data file: the first positional, else the bundled district. */
const char *ly_cli_file(const ly_args *a);
/* Applies the options of what is shown (--lang, --color-by, --search, --keyboard,
 * --dashboard, --controls, --find..., --select, --hover, --view, --tab,
 * --stacking, --floor, --explode) that the command took. Returns 0 or 2. */
int ly_cli_apply_scene(ly_app *app, const ly_args *a);

#endif
