/* The layout: every panel's rectangle, computed once per frame in one place.
 *
 * ly_layout_compute reads the window, the UI scale, the state and the heights
 * that self-sizing panels took last frame, and writes where each panel goes.
 * The views draw there; the labels keep off every shown rectangle; the camera
 * frames a selected building beside its card and the home view in the space
 * the panels leave free; the tests read it too. No panel size is written
 * anywhere else. Rectangles are in window pixels. */
#ifndef LOUYU_APP_LAYOUT_H
#define LOUYU_APP_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>

struct ly_app;

typedef struct {
    float x, y, w, h;
    bool shown;
    /* the panel is as tall as its content: h is what it took last frame (or, before
     * its first frame, all the room down to the bottom, which labels keep off) */
    bool fit;
    float max_h; /* a fit panel's most (pixels; 0: down to the window's bottom): more scrolls */
} ly_box;

/* The sizes, in dp (multiplied by the UI scale), that the layout is made of. */
enum {
    LY_LAYOUT_MARGIN = 20,   /* from the window's edges */
    LY_LAYOUT_EDGE = 12,     /* what a self-sizing panel leaves below it (ui.c's theme.edge) */
    LY_LAYOUT_PHONE_W = 610, /* narrower: no room for the card beside the column */
    LY_LAYOUT_GAP = 12,      /* between panels */
    LY_LAYOUT_COLUMN_W = 230, /* the left column: the toolbar and search */
    LY_LAYOUT_SIDE_X = 270,  /* panels that open right of the column */
    LY_LAYOUT_TOP = 84,      /* the top of those panels and of the card */
    LY_LAYOUT_TOOLBAR_Y = 88,
    LY_LAYOUT_SEARCH_Y = 292,
    LY_LAYOUT_CARD_W = 340,
    LY_LAYOUT_CARD_CLEAR = 540, /* a narrow screen's building view keeps below this */
    LY_LAYOUT_FLOOR_CARD_W = 300,
    LY_LAYOUT_WEEKS_H = 66,   /* the week slider */
    LY_LAYOUT_WEEKS_W = 820
};

typedef struct {
    int width, height;
    float s; /* pixels per dp */
    bool narrow; /* too narrow for a building beside its card: it goes below (portrait) */

    /* always there while a district is loaded */
    ly_box title, toolbar, search, compass, help_button, scale_bar;
    /* while they are open */
    ly_box keyboard, finder, help, help_keys, card, floor_card, dashboard;
    ly_box color_legend, plan_legend, walk_legend, tour, toast, notice, admin;
    float toast_room; /* the toast's text wraps at this width (ly_layout_toast_lines) */
    float search_room; /* dp the search's results may take: to the scale bar or the keyboard */
    bool compact_toolbar; /* a short window: the language and colour buttons share a row */
    bool search_lifted;   /* a short window: the search in the toolbar's place while typing */
    bool search_short;    /* too short for three results under the toolbar: they show only
                           * while typing (lifted) */
    bool phone; /* too narrow for the card beside the column (a phone's browser): the panels
                 * that open take the window's width, one at a time (ly_layout_compute) */
    /* the week slider along the bottom (a district with a weekly history, not a kiosk) */
    ly_box weeks;
    /* the kinds of place to show; operations mode: the cameras' list and their pictures
     * (a row along the bottom, as many as are open) */
    ly_box places, cameras, camera_view[4];
    ly_box operations; /* the red "operations mode" badge at the top */

    /* the map that the panels leave free: what the home view frames */
    float free[4]; /* x0, y0, x1, y1 */
} ly_layout;

void ly_layout_compute(ly_layout *L, const struct ly_app *app);

/* The parts of the layout in files of their own (legends.c), and what they share with
 * layout.c: a text's width in pixels at size px (without a font, headless, an estimate),
 * and whether two boxes overlap (touching edges do not). */
void ly_layout_legends(ly_layout *L, const struct ly_app *app);
/* The shown legends as one box (x0, y0, x1, y1) into out; false when none is shown. */
bool ly_layout_legends_bounds(const ly_layout *L, float out[4]);
float ly_layout_measure(const struct ly_app *app, const char *text, float px);
bool ly_layout_meets(const ly_box *a, const ly_box *b);


/* Where a selected building's view must keep clear of its card, from the window
 * alone (the card is not laid out before the building is selected): on a wide
 * window (`beside`) the card's column on the right, from x = card_x; on a narrow,
 * tall one (`below`) the band above y = card_bottom; on a small landscape window
 * neither (the building stays in the middle). */
typedef struct {
    bool beside, below;
    float card_x, card_bottom;
} ly_card_room;
ly_card_room ly_layout_card_room(int width, int height, float scale);

/* A kiosk's scale where none was given: 1.75 times the desktop's (fingers, and eyes a step
 * back) on a 1080 px screen. */
#define LY_KIOSK_SCALE 1.75f
/* A kiosk's own scale on a screen of width x height pixels: `want` (LY_KIOSK_SCALE times the
 * screen's density) where the screen's shorter side has 1080 pixels to the density or more;
 * on a smaller screen what keeps that side as many dp (617, 1080 px at 1.75) as there. The
 * panels then take the same share of any screen, and its map is as usable as a 1920 x 1080
 * kiosk's: at 1.75 a 1366 x 768 touch screen had 390 px of map beside the card, cut off
 * mid-row, and an 800 x 600 one almost none. Never below the desktop's scale at the same
 * density (want / 1.75; at least 1): its rows are 32 dp or more, some 8 mm on the 100 dpi of
 * a small touch screen, which a fingertip hits with the kiosk's finger tolerance. */
float ly_layout_fit_scale(float want, int width, int height);

/* The part of the window the panels leave for the map (x0, y0, x1, y1), with or
 * without a building's card open, and with or without the week slider. */
void ly_layout_free_map(int width, int height, float scale, bool card, bool weeks,
                        float out[4]);
/* Whether the week slider shows: the district has weeks to move through, and this
 * is not a kiosk (whose public view is always the latest week). */
bool ly_layout_has_weeks(const struct ly_app *app);

/* What the panels whose size follows their text say (the views draw the same):
 * the title's two lines; the colour-by legend's rows (returns how many); the
 * toast after a reload; the notice of a kiosk out of service or of a district
 * without buildings (false when there is none); the PIN pad's key height (dp). */
void ly_layout_title_text(const struct ly_app *app, const char **name, char *sub, size_t n);
int ly_layout_color_legend(const struct ly_app *app, char (*text)[120], unsigned char (*rgb)[3]);
/* The walking areas' key: its three rows (0 while the map shows no areas). */
int ly_layout_walk_legend(const struct ly_app *app, char (*text)[120], unsigned char (*rgb)[3]);
void ly_layout_toast_text(const struct ly_app *app, char *buf, size_t n);
/* Whether the toast tells of a success (a reload that took, an export written). */
bool ly_layout_toast_ok(const struct ly_app *app);
/* The toast's text in lines at most `room` pixels wide at size px, into lines[k] as
 * NUL-terminated text (up to LY_TOAST_LINES, the last ending in "…" when more would
 * follow); returns how many, and the widest's width in *width. */
enum { LY_TOAST_LINES = 4 };
int ly_layout_toast_lines(const struct ly_app *app, const char *text, float px, float room,
                          char (*lines)[400], float *width);
bool ly_layout_notice_text(const struct ly_app *app, const char **big, const char **small);
float ly_layout_pad_key_h(const ly_layout *L);

#endif
