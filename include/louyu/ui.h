/* louyu ui: a small immediate-mode UI for the panels over the map (building
 * and floor cards, the enterprise directory, the language toggle, the kiosk's
 * on-screen keyboard). No GL, no SDL: widgets become shapes and text in a
 * ly_drawlist, and input arrives as ly_event.
 *
 * Each frame: feed the frame's events with ly_ui_input (its result says
 * whether the UI took the event, so the map must not also pan or pick), then
 * ly_ui_begin_frame, the widget calls, ly_ui_end_frame. The caller owns the
 * ly_ui struct, the font and the draw list (the UI appends to it; clear it
 * yourself each frame). ly_ui_deinit frees the few arrays the UI grows
 * (per-widget state, wrapped lines, hit rects); nothing is allocated per frame
 * once they have grown.
 *
 * Units: every size and position the caller passes (panel rects, list
 * heights) is in density-independent units (dp), multiplied by the frame's
 * `scale` into window pixels; rects the UI reports are in pixels.
 *
 * Ids: a widget's id hashes its label with the id stack (panels and lists
 * push their own ids; ly_ui_push_id adds more), so one label may appear in
 * two panels. Text after "##" in a label is hashed but not shown.
 *
 * Hit-testing: events are routed with the previous frame's panel rects (the
 * topmost panel under the pointer owns it); within that panel, widgets are
 * tested against their rects as they are laid out in the current frame,
 * limited to the current clip (a list's visible region). So a panel is
 * interactive from its second frame on. Widgets outside a panel are not
 * interactive. One pointer: the mouse's left button or the first finger
 * down, handled alike. A click is a press and a release on the same widget
 * with the pointer never moving beyond the slop in between; at most one
 * press and one release count per frame.
 *
 * Not thread-safe; one ly_ui per draw list. */
#ifndef LOUYU_UI_H
#define LOUYU_UI_H

#include "louyu/draw.h"
#include "louyu/font.h"
#include "louyu/input.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef uint32_t ly_ui_id;

typedef struct {
    float x, y, w, h;
} ly_ui_rect;

/* Colours, and sizes in dp. ly_ui_theme_default fills louyu's palette. */
typedef struct {
    ly_color panel, shadow, text, text_secondary, accent, on_accent;
    ly_color button, button_hot, button_down, border, track, field, key, caret;
    ly_color danger; /* what cannot be undone (a kiosk ended), errors */
    float panel_radius, radius, shadow_blur, padding, spacing;
    float font_px, small_px, title_px; /* text sizes */
    float row_h;                       /* buttons, fields, tabs, toggles */
    float chip_h, badge_h, bar_h, key_h;
    float slop;       /* movement that still counts as a click */
    float wheel_step; /* scroll per wheel notch */
    float edge;       /* room a self-sizing panel keeps below it; more content scrolls */
    float touch;      /* a finger's target where input is touch (a kiosk), else 0: a panel's
                       * "×" takes a square this big in its corner, its glyph a little bigger */
} ly_ui_theme;

ly_ui_theme ly_ui_theme_default(void);

enum { LY_UI_MAX_DEPTH = 8, LY_UI_MAX_PANELS = 32, LY_UI_EDIT_CAP = 256 };

/* A line of wrapped text: bytes [start, start + len) of the source. */
typedef struct {
    size_t start, len;
    float width; /* pixels */
} ly_ui_line;

/* The layout cursor of a panel or list: a column of rows. */
typedef struct {
    ly_ui_id id;
    float x0, x1;       /* content column, pixels */
    float row_y, row_h; /* the current row */
    float last_x1;      /* right edge of the last item on the row */
    bool flow;          /* the last item was a chip (chips flow and wrap) */
    float top;          /* where content started */
    ly_ui_rect rect;    /* the panel or list */
    ly_ui_rect clip;    /* clip to restore at the end (w <= 0: none) */
    size_t state;       /* index into ly_ui.states + 1; 0: none */
    ly_ui_id prev_panel;
    bool closed;
    bool autosize; /* a panel as tall as its content */
    bool scrolls;  /* ... but taller than the window leaves it: its content scrolls */
    bool closable; /* it has a close button (its top-right corner is taken) */
    float start_h; /* its content's height (dp) when the frame began */
} ly_ui_layout;

typedef struct {
    ly_ui_id id;
    ly_ui_rect rect;
} ly_ui_hit;

/* What a panel or list keeps between frames. */
typedef struct {
    ly_ui_id id;
    float content_h;                /* panels: dp; lists: pixels */
    float scroll, vel, prev_scroll; /* pixels, pixels/s */
    float drag_y0, drag_scroll0;
    bool drag_cand, dragging;
    uint64_t seen; /* the frame it was last drawn in */
} ly_ui_state;

/* The UI's state, public so the caller can own the storage: read or change
 * `theme`; treat the rest as private. Panels and lists keep a small state
 * each (scroll, height) until ly_ui_deinit. */
typedef struct {
    ly_font *font; /* may be NULL: text is measured by an estimate and not drawn */
    ly_drawlist *dl;
    ly_ui_theme theme;
    float width, height, scale; /* this frame: pixels, and pixels per dp */
    double dt, time;
    uint64_t frame;

    /* the pointer */
    float px, py;
    bool down, captured, touch;
    int64_t finger;
    bool pressed, released, moved; /* this frame; moved: beyond the slop since the press */
    float press_x, press_y, release_x, release_y;
    ly_ui_id press_panel, hover_panel;
    float wheel, wheel_x, wheel_y;
    ly_ui_id wheel_panel;
    bool release_first, release_moved; /* the release came before this frame's press */
    bool press_listed; /* a list took this frame's press: the panel around it stays put */

    /* widgets */
    ly_ui_id hot, active, focus;
    bool focus_claimed; /* a press this frame landed on a focusable widget */
    bool focus_seen;    /* the focused field was drawn this frame */
    ly_ui_id focus_panel; /* the panel it was drawn in */
    char *focus_buf;    /* the focused field's buffer, while it is being drawn */
    size_t focus_cap;
    char edits[LY_UI_EDIT_CAP]; /* typed text; 0x08 = backspace, '\r' = enter */
    size_t n_edits;

    ly_ui_id ids[16];
    int n_ids;
    ly_ui_layout stack[LY_UI_MAX_DEPTH];
    int depth;
    ly_ui_id panel;  /* the panel being built (0 outside) */
    ly_ui_rect clip; /* current clip, pixels (w <= 0: none) */
    ly_ui_rect last; /* the last widget's rect */
    bool same_line;

    bool unsettled; /* this frame left something that needs another frame (see below) */
    ly_ui_layout ended[LY_UI_MAX_DEPTH]; /* panels ended this frame, to continue */
    int n_ended;

    ly_ui_rect panels[2][LY_UI_MAX_PANELS]; /* [cur] this frame, [!cur] the last */
    ly_ui_id panel_ids[2][LY_UI_MAX_PANELS];
    int n_panels[2], cur;

    ly_ui_hit *hits[2]; /* interactive widgets' rects, this frame and the last */
    size_t n_hits[2], cap_hits[2];
    ly_ui_state *states;
    size_t n_states, cap_states;
    ly_ui_state spare; /* used when the state array cannot grow */
    ly_ui_line *lines;
    size_t cap_lines;
    char *scratch;
    size_t cap_scratch;
} ly_ui;

void ly_ui_init(ly_ui *ui, ly_font *font, ly_drawlist *dl);
void ly_ui_deinit(ly_ui *ui);

/* Returns true when the UI takes the event: a press, move or wheel over a
 * panel, anything while the UI holds the pointer, keys and text while a text
 * field has focus. */
bool ly_ui_input(ly_ui *ui, const ly_event *e);
/* Whether a point (pixels) is over a panel of the last frame, or the UI holds
 * the pointer (a drag that started on a panel). */
bool ly_ui_wants_pointer(const ly_ui *ui, float x, float y);
/* Whether a text field has keyboard focus. */
bool ly_ui_wants_keyboard(const ly_ui *ui);

void ly_ui_begin_frame(ly_ui *ui, int width, int height, float scale, double dt);
void ly_ui_end_frame(ly_ui *ui);
/* After ly_ui_end_frame: whether that frame needs another one to look right: a
 * panel that sizes itself to its content was drawn at a height its content no
 * longer has (its first frame, or a new tab), or a list is still moving (a fling,
 * a bounce back from an end), or text typed on the keyboard waits for its field.
 * An app that idles between frames must draw again. */
bool ly_ui_needs_frame(const ly_ui *ui);
/* The height in dp that a self-sizing panel's content took the last time it was
 * built (0 before its first frame): where it will end, for a layout to plan with. */
float ly_ui_panel_height(const ly_ui *ui, const char *label);

void ly_ui_push_id(ly_ui *ui, const char *label);
void ly_ui_pop_id(ly_ui *ui);
/* The id a widget with this label would get here. */
ly_ui_id ly_ui_get_id(const ly_ui *ui, const char *label);
/* The rect (pixels) of the last widget, and of any interactive widget in the
 * last finished frame (false if it was not there). */
ly_ui_rect ly_ui_last_rect(const ly_ui *ui);
bool ly_ui_find_rect(const ly_ui *ui, ly_ui_id id, ly_ui_rect *out);

/* ---- layout ------------------------------------------------------------------ */

/* A rounded card with a soft shadow at (x, y, w, h) dp; h = 0 fits the
 * content (of the last frame). With `open`, a close button sets *open to
 * false. Returns whether the panel is open; call ly_ui_panel_end either way.
 * A panel begun again in the same frame continues below what it holds (the
 * position and size are the first begin's): several parts of a program can
 * fill one card. A self-sizing panel shows nothing on its very first frame,
 * when its height is not known yet (ly_ui_needs_frame asks for the next). */
bool ly_ui_panel_begin(ly_ui *ui, const char *label, float x, float y, float w, float h,
                       bool *open);
void ly_ui_panel_end(ly_ui *ui);
/* The next widget goes on the same row as the last one. */
void ly_ui_same_line(ly_ui *ui);
/* Empty vertical space, dp. */
void ly_ui_space(ly_ui *ui, float dp);
/* A thin horizontal rule. */
void ly_ui_separator(ly_ui *ui);

/* A scrolling region `height` dp tall: the wheel scrolls it, a drag of the
 * mouse or a finger scrolls it with momentum after release, and it bounces
 * back when pulled past either end. Widgets inside are clipped to it, and
 * only their visible parts are hit; a drag beyond the slop cancels the click
 * of the item it started on. */
void ly_ui_list_begin(ly_ui *ui, const char *label, float height);
void ly_ui_list_end(ly_ui *ui);
/* The list `label` (here) back at its top, where what it lists has changed. */
void ly_ui_list_top(ly_ui *ui, const char *label);
/* A list's scroll offset in pixels (0 at the top), by id. */
float ly_ui_list_scroll(const ly_ui *ui, ly_ui_id id);

/* ---- widgets ----------------------------------------------------------------- */

/* One line, cut with "…" when too long. */
void ly_ui_label(ly_ui *ui, const char *text);
void ly_ui_label_colored(ly_ui *ui, const char *text, ly_color c);
void ly_ui_title(ly_ui *ui, const char *text);
/* A key (secondary, left) and a value (right-aligned). */
void ly_ui_key_value(ly_ui *ui, const char *key, const char *value);
/* A paragraph wrapped to the content width (see ly_ui_wrap). */
void ly_ui_text_wrapped(ly_ui *ui, const char *text);
bool ly_ui_button(ly_ui *ui, const char *label);
/* The width (dp) ly_ui_button gives the label where there is room. */
float ly_ui_button_width(const ly_ui *ui, const char *label);
/* A button w_dp x h_dp (w_dp <= 0: the rest of the row; h_dp <= 0: a row),
 * its label centred (title-sized when it is at least two rows tall); with
 * `accent`, filled in the accent colour. Keypads and dialog buttons. */
bool ly_ui_button_sized(ly_ui *ui, const char *label, float w_dp, float h_dp, bool accent);
/* An on/off switch with its label on the left; returns true when toggled. */
/* A full-width list row: the label, and under it a detail line in the secondary
 * colour (both cut with "…" to fit). Returns true when clicked. */
bool ly_ui_item(ly_ui *ui, const char *label, const char *detail);
/* The same row as a toggle: drawn in the accent colour while *on; a click
 * flips *on and returns true. */
bool ly_ui_item_toggle(ly_ui *ui, const char *label, const char *detail, bool *on);
bool ly_ui_toggle(ly_ui *ui, const char *label, bool *on);
/* Equal tabs across the content width; returns the selected index. */
int ly_ui_tabs(ly_ui *ui, const char *label, const char *const *names, int n, int selected);
/* A selectable pill; consecutive chips flow and wrap. Returns true when toggled. */
bool ly_ui_chip(ly_ui *ui, const char *label, bool *selected);
/* A small coloured pill (not interactive). */
void ly_ui_badge(ly_ui *ui, const char *text, ly_color bg, ly_color fg);
/* An occupancy bar: `fraction` (0..1) in `fill`, the rest in `rest`, with an
 * optional label above it. */
void ly_ui_bar(ly_ui *ui, float fraction, ly_color fill, ly_color rest, const char *label);
/* Single-line UTF-8 editing of buf (cap bytes with the NUL). A click focuses
 * it; typed text and the on-screen keyboard append at the end (the caret is
 * always at the end); backspace deletes one whole character. `hint` shows
 * while empty. Returns true when the text changed. */
bool ly_ui_text_field(ly_ui *ui, const char *label, char *buf, size_t cap, const char *hint);
/* A self-sizing panel's height (pixels): its content, but no more than `room` (down to the
 * window's bottom, less the theme's edge), what is more scrolling inside it; never less than
 * `least` (a panel low in the window still shows a row). ly_ui_panel_begin's rule, for a
 * layout that places panels by their heights. */
enum { LY_UI_PANEL_LEAST = 48 }; /* dp */
float ly_ui_fit_height(float content, float room, float least);
/* Gives the text field `label` (under the ids pushed now) the keyboard focus; NULL takes
 * it from any. A press elsewhere in the focused field's panel (its results, scrolled)
 * leaves it the focus; one anywhere else takes it away. */
void ly_ui_focus(ly_ui *ui, const char *label);
/* An on-screen keyboard across the content width: digits, a-z, backspace,
 * space and enter (their captions `space` and `enter`, in the interface's language). Taps edit the
 * focused text field (without taking its focus). Returns true when Enter is tapped. Key
 * ids are "key:a", "key:1", "key:space", "key:back", "key:enter" under the pushed id
 * `label`. */
bool ly_ui_keyboard(ly_ui *ui, const char *label, const char *enter, const char *space);

/* ---- text layout ------------------------------------------------------------- */

/* Breaks UTF-8 text into lines no wider than `width` pixels at size px:
 * Latin at spaces (a word longer than a line is cut), CJK between any two
 * characters, never before closing punctuation (，。、；：！？）」』 and ASCII
 * ,.;:!?) ) nor after opening punctuation (（「『 and ASCII ( ). '\n' always
 * breaks. Spaces at a break are dropped. Writes up to cap lines, returns how
 * many there are. font may be NULL (widths are then estimated). */
/* s when it fits in maxw pixels at px, else as much of it as fits followed by
 * "…", written to buf (n bytes). */
const char *ly_ui_fit(ly_font *font, const char *s, float px, float maxw, char *buf, size_t n);
/* As ly_ui_fit, but the "…" in the middle: its start and its end kept, the end up to half
 * the room, for names that differ at their end ("Sample T…ower 30", "Sample T…ower 21"
 * where "Sample Towe…" twice told them apart no more). */
const char *ly_ui_fit_middle(ly_font *font, const char *s, float px, float maxw, char *buf,
                             size_t n);
size_t ly_ui_wrap(ly_font *font, const char *text, float px, float width, ly_ui_line *lines,
                  size_t cap);

#endif
