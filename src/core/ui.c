#include "louyu/ui.h"
#include "louyu/arena.h"

#include <assert.h>
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Far away: where the pointer goes when a finger lifts, so nothing stays hot. */
#define AWAY (-1e9f)

ly_ui_theme ly_ui_theme_default(void)
{
    return (ly_ui_theme){
        .panel = {255, 255, 255, 240},
        .shadow = {20, 28, 40, 60},
        .text = {30, 36, 48, 255},
        .text_secondary = {100, 108, 122, 255},
        .accent = {236, 125, 46, 255},
        .on_accent = {255, 255, 255, 255},
        .button = {240, 242, 245, 255},
        .button_hot = {228, 232, 237, 255},
        .button_down = {212, 217, 224, 255},
        .border = {210, 215, 222, 255},
        .track = {222, 226, 232, 255},
        .field = {255, 255, 255, 255},
        .key = {246, 247, 249, 255},
        .caret = {236, 125, 46, 255},
        .danger = {190, 50, 40, 255},
        .panel_radius = 12,
        .radius = 8,
        .shadow_blur = 12,
        .padding = 16,
        .spacing = 8,
        .font_px = 15,
        .small_px = 12,
        .title_px = 20,
        .row_h = 36,
        .chip_h = 30,
        .badge_h = 20,
        .bar_h = 8,
        .key_h = 44,
        .slop = 8,
        .wheel_step = 48,
        .edge = 12,
    };
}

/* ---- small helpers ----------------------------------------------------------- */

static float dp(const ly_ui *ui, float v)
{
    return v * ui->scale;
}

static ly_ui_id hash_bytes(const void *p, size_t n, ly_ui_id seed)
{
    /* FNV-1a: short labels, few collisions, no tables */
    const unsigned char *b = p;
    uint32_t h = seed ? seed : 2166136261u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ b[i]) * 16777619u;
    return h ? h : 1; /* 0 means "no widget" */
}

static ly_ui_id seed_of(const ly_ui *ui)
{
    return ui->n_ids ? ui->ids[ui->n_ids - 1] : 0;
}

ly_ui_id ly_ui_get_id(const ly_ui *ui, const char *label)
{
    return hash_bytes(label, strlen(label), seed_of(ui));
}

/* The shown part of a label (before "##"), NUL-terminated in buf if cut. */
static const char *shown(const char *label, char *buf, size_t n)
{
    const char *cut = strstr(label, "##");
    if (!cut) return label;
    size_t len = (size_t)(cut - label);
    if (len >= n) len = n - 1;
    memcpy(buf, label, len);
    buf[len] = '\0';
    return buf;
}

static bool in_rect(ly_ui_rect r, float x, float y)
{
    return x >= r.x && y >= r.y && x < r.x + r.w && y < r.y + r.h;
}

static bool overlaps(ly_ui_rect a, ly_ui_rect b)
{
    return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

static ly_ui_rect intersect(ly_ui_rect a, ly_ui_rect b)
{
    if (a.w <= 0) return b;
    float x0 = fmaxf(a.x, b.x), y0 = fmaxf(a.y, b.y);
    float x1 = fminf(a.x + a.w, b.x + b.w), y1 = fminf(a.y + a.h, b.y + b.h);
    /* an empty clip still clips everything: keep it 1 pixel wide, off the content */
    if (x1 <= x0 || y1 <= y0) return (ly_ui_rect){-10, -10, 1, 1};
    return (ly_ui_rect){x0, y0, x1 - x0, y1 - y0};
}

static void apply_clip(ly_ui *ui)
{
    ly_ui_rect c = ui->clip;
    if (c.w <= 0) {
        ly_draw_set_clip(ui->dl, (ly_draw_clip){0});
        return;
    }
    int x0 = (int)floorf(c.x), y0 = (int)floorf(c.y);
    int x1 = (int)ceilf(c.x + c.w), y1 = (int)ceilf(c.y + c.h);
    ly_draw_set_clip(ui->dl, (ly_draw_clip){x0, y0, x1 - x0, y1 - y0});
}

/* Whether a widget's rect may be drawn (part of it is inside the clip). */
static bool visible(const ly_ui *ui, ly_ui_rect r)
{
    return ui->clip.w <= 0 || overlaps(r, ui->clip);
}

/* ---- UTF-8 and text measuring ------------------------------------------------ */

static int decode(const char *s, uint32_t *cp)
{
    const unsigned char *u = (const unsigned char *)s;
    int len = u[0] < 0x80         ? 1
              : (u[0] >> 5) == 6  ? 2
              : (u[0] >> 4) == 14 ? 3
              : (u[0] >> 3) == 30 ? 4
                                  : 0;
    if (!len) {
        *cp = 0xFFFD;
        return 1;
    }
    uint32_t c = len == 1 ? u[0] : u[0] & (0x7F >> len);
    for (int i = 1; i < len; i++) {
        if ((u[i] & 0xC0) != 0x80) {
            *cp = 0xFFFD;
            return i;
        }
        c = (c << 6) | (u[i] & 0x3F);
    }
    *cp = c;
    return len;
}

/* Characters as wide as they are tall: ideographs, kana, hangul, fullwidth forms. */
static bool is_wide(uint32_t c)
{
    return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF) ||
           (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) ||
           (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
           (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x20000 && c <= 0x3FFFD);
}

/* Kinsoku: closing punctuation never starts a line ... */
static bool no_break_before(uint32_t c)
{
    static const uint32_t set[] = {0xFF0C, 0x3002, 0x3001, 0xFF1B, 0xFF1A, 0xFF01, 0xFF1F,
                                   0xFF09, 0x300D, 0x300F, 0x3011, 0x300B, 0x3009, 0x2026,
                                   0xFF0E, 0x201D, 0x2019, 0x30FC, ',',    '.',    ';',
                                   ':',    '!',    '?',    ')',    ']',    '}',    '%',
                                   0xB7 /* a " · " between phrases ends a line, never starts one */};
    for (size_t i = 0; i < sizeof set / sizeof set[0]; i++)
        if (set[i] == c) return true;
    return false;
}

/* ... and opening punctuation never ends one. */
static bool no_break_after(uint32_t c)
{
    static const uint32_t set[] = {0xFF08, 0x300C, 0x300E, 0x3010, 0x300A, 0x3008,
                                   0x201C, 0x2018, '(',    '[',    '{'};
    for (size_t i = 0; i < sizeof set / sizeof set[0]; i++)
        if (set[i] == c) return true;
    return false;
}

/* prev: the character before c; last: the last one before the spaces before c */
static bool can_break(uint32_t prev, uint32_t last, uint32_t c)
{
    if (no_break_before(c) || no_break_after(prev) || c == ' ') return false;
    /* a number or a Latin name stays with the character after it: "7层", "B座", "5号" (a
       floor list had broken as "… 7" / "层、6层"); a number also across the space before
       its Chinese unit, "7 层", "4 分钟" */
    if (c >= 0x80 && prev < 0x80 && isalnum((int)prev)) return false;
    if (prev == ' ' && is_wide(c) && last < 0x80 && isdigit((int)last)) return false;
    return prev == ' ' || is_wide(prev) || is_wide(c);
}

/* Without a font, an estimate: ideographs are px wide, the rest a bit over half. */
static float estimate(const char *s, size_t n, float px)
{
    float w = 0;
    for (size_t i = 0; i < n;) {
        uint32_t c;
        i += (size_t)decode(s + i, &c);
        w += is_wide(c) ? px : 0.55f * px;
    }
    return w;
}

static float measure(ly_font *font, const char *s, float px)
{
    return font ? ly_font_measure(font, s, px) : estimate(s, strlen(s), px);
}

static float char_width(ly_font *font, const char *s, int len, float px)
{
    char one[8];
    memcpy(one, s, (size_t)len);
    one[len] = '\0';
    return measure(font, one, px);
}

static float span_width(ly_font *font, const char *s, size_t a, size_t b, float px)
{
    float w = 0;
    for (size_t i = a; i < b;) {
        uint32_t c;
        int len = decode(s + i, &c);
        w += char_width(font, s + i, len, px);
        i += (size_t)len;
    }
    return w;
}

static void emit(ly_font *font, const char *text, float px, size_t a, size_t b, ly_ui_line *lines,
                 size_t cap, size_t *n)
{
    while (b > a && text[b - 1] == ' ')
        b--;
    if (*n < cap) lines[*n] = (ly_ui_line){a, b - a, span_width(font, text, a, b, px)};
    (*n)++;
}

size_t ly_ui_wrap(ly_font *font, const char *text, float px, float width, ly_ui_line *lines,
                  size_t cap)
{
    if (!text || !*text) return 0;
    size_t n = 0, ls = 0, brk = 0, sep = 0, prev_at = 0, i = 0;
    bool have_brk = false;
    float w = 0, w_sep = 0;
    uint32_t prev = 0, last = 0; /* last: the last character before the spaces */
    while (text[i]) {
        uint32_t c;
        int len = decode(text + i, &c);
        if (c == '\n') {
            emit(font, text, px, ls, i, lines, cap, &n);
            ls = ++i;
            w = 0;
            prev = last = 0;
            have_brk = false;
            continue;
        }
        float cw = char_width(font, text + i, len, px);
        if (i > ls && can_break(prev, last, c)) {
            brk = i;
            have_brk = true;
            /* a line that must break breaks after a " · " that separates phrases, or before
               a bracket's phrase, where that leaves the line at least half full ("… CNY/m²/day
               ·" / "to be agreed", "中铁青岛中心" / "（青岛国际贸易中心）") */
            if ((prev == ' ' && last == 0xB7) || c == 0xFF08 || c == '(') {
                sep = i;
                w_sep = w;
            }
        }
        /* spaces may hang past the edge: they are dropped at the break */
        if (w + cw > width && i > ls && c != ' ') {
            size_t cut = i;
            if (sep > ls && w_sep >= 0.5f * width)
                cut = sep;
            else if (have_brk && brk > ls)
                cut = brk;
            else if (no_break_before(c) && prev_at > ls)
                cut = prev_at; /* forced: take the previous character along */
            emit(font, text, px, ls, cut, lines, cap, &n);
            while (text[cut] == ' ')
                cut++;
            /* measure the next line again from its start: simple, and lines are short */
            ls = i = cut;
            w = 0;
            prev = last = 0;
            have_brk = false;
            continue;
        }
        w += cw;
        prev = c;
        if (c != ' ') last = c;
        prev_at = i;
        i += (size_t)len;
    }
    if (i > ls) emit(font, text, px, ls, i, lines, cap, &n);
    return n;
}

/* ---- init, input, frames ----------------------------------------------------- */

void ly_ui_init(ly_ui *ui, ly_font *font, ly_drawlist *dl)
{
    memset(ui, 0, sizeof *ui);
    ui->font = font;
    ui->dl = dl;
    ui->theme = ly_ui_theme_default();
    ui->scale = 1;
    ui->px = ui->py = AWAY;
}

void ly_ui_deinit(ly_ui *ui)
{
    if (!ui) return;
    free(ui->hits[0]);
    free(ui->hits[1]);
    free(ui->states);
    free(ui->lines);
    free(ui->scratch);
    memset(ui, 0, sizeof *ui);
}

/* The topmost panel of the last finished frame under a point, or 0. */
static ly_ui_id panel_at(const ly_ui *ui, float x, float y)
{
    int last = ui->cur ^ 1;
    for (int i = ui->n_panels[last] - 1; i >= 0; i--)
        if (in_rect(ui->panels[last][i], x, y)) return ui->panel_ids[last][i];
    return 0;
}

bool ly_ui_wants_pointer(const ly_ui *ui, float x, float y)
{
    return ui->captured || panel_at(ui, x, y) != 0;
}

bool ly_ui_wants_keyboard(const ly_ui *ui)
{
    return ui->focus != 0;
}

static bool pointer_down(ly_ui *ui, float x, float y, bool touch, int64_t finger)
{
    ui->px = x;
    ui->py = y;
    ui->down = true;
    ui->touch = touch;
    ui->finger = finger;
    ui->release_first = ui->released;
    ui->pressed = true;
    ui->press_x = x;
    ui->press_y = y;
    ui->moved = false;
    ui->press_panel = panel_at(ui, x, y);
    ui->captured = ui->press_panel != 0;
    return ui->captured;
}

static bool pointer_move(ly_ui *ui, float x, float y)
{
    ui->px = x;
    ui->py = y;
    float dx = x - ui->press_x, dy = y - ui->press_y, slop = dp(ui, ui->theme.slop);
    if (ui->down && dx * dx + dy * dy > slop * slop) ui->moved = true;
    return ui->captured || panel_at(ui, x, y) != 0;
}

static bool pointer_up(ly_ui *ui, float x, float y)
{
    pointer_move(ui, x, y);
    ui->down = false;
    ui->released = true;
    ui->release_x = x;
    ui->release_y = y;
    ui->release_moved = ui->moved;
    bool was = ui->captured;
    ui->captured = false;
    return was;
}

static void push_edit(ly_ui *ui, const char *s, size_t n)
{
    if (ui->n_edits + n <= LY_UI_EDIT_CAP) {
        memcpy(ui->edits + ui->n_edits, s, n);
        ui->n_edits += n;
    }
}

bool ly_ui_input(ly_ui *ui, const ly_event *e)
{
    switch (e->type) {
    case LY_EV_MOUSE_DOWN:
        if (e->button != LY_BUTTON_LEFT || ui->down)
            return ui->captured || panel_at(ui, e->x, e->y) != 0;
        return pointer_down(ui, e->x, e->y, false, 0);
    case LY_EV_FINGER_DOWN:
        if (ui->down) return ui->captured || panel_at(ui, e->x, e->y) != 0;
        return pointer_down(ui, e->x, e->y, true, e->finger);
    case LY_EV_MOUSE_MOVE:
        if (ui->down && ui->touch) return ui->captured;
        return pointer_move(ui, e->x, e->y);
    case LY_EV_FINGER_MOVE:
        if (!ui->down || !ui->touch || e->finger != ui->finger) return ui->captured;
        return pointer_move(ui, e->x, e->y);
    case LY_EV_MOUSE_UP:
        if (e->button != LY_BUTTON_LEFT || !ui->down || ui->touch) return ui->captured;
        return pointer_up(ui, e->x, e->y);
    case LY_EV_FINGER_UP:
        if (!ui->down || !ui->touch || e->finger != ui->finger) return ui->captured;
        return pointer_up(ui, e->x, e->y);
    case LY_EV_WHEEL:
        if (!panel_at(ui, e->x, e->y)) return false;
        ui->wheel += e->dy;
        ui->wheel_panel = panel_at(ui, e->x, e->y);
        ui->wheel_x = e->x;
        ui->wheel_y = e->y;
        return true;
    case LY_EV_KEY_DOWN:
        if (!ui->focus) return false;
        if (e->key == LY_KEY_BACKSPACE)
            push_edit(ui, "\b", 1);
        else if (e->key == LY_KEY_ENTER)
            push_edit(ui, "\r", 1);
        else if (e->key == LY_KEY_ESCAPE)
            ui->focus = 0;
        return true; /* while typing, keys are not map shortcuts */
    case LY_EV_KEY_UP:
        return ui->focus != 0;
    case LY_EV_TEXT:
        if (!ui->focus) return false;
        push_edit(ui, e->text, strnlen(e->text, sizeof e->text));
        return true;
    case LY_EV_LEAVE:
        if (!ui->down) ui->px = ui->py = AWAY;
        return false;
    default:
        return false;
    }
}

void ly_ui_begin_frame(ly_ui *ui, int width, int height, float scale, double dt)
{
    ui->width = (float)width;
    ui->height = (float)height;
    ui->scale = scale > 0 ? scale : 1;
    ui->dt = dt > 0 ? dt : 0;
    ui->time += ui->dt;
    ui->frame++;
    ui->hot = 0;
    ui->n_panels[ui->cur] = 0;
    ui->n_hits[ui->cur] = 0;
    ui->n_ids = 0;
    ui->panel = 0;
    ui->clip = (ly_ui_rect){0};
    ui->focus_claimed = false;
    ui->focus_seen = false;
    ui->focus_buf = NULL;
    ui->same_line = false;
    ui->unsettled = false;
    ui->n_ended = 0;
    ui->press_listed = false;
    ui->hover_panel = panel_at(ui, ui->px, ui->py);
    /* the window itself: widgets there are drawn but not interactive */
    ui->depth = 1;
    ui->stack[0] = (ly_ui_layout){.x0 = 0, .x1 = ui->width, .rect = {0, 0, ui->width, ui->height}};
    apply_clip(ui);
}

static ly_ui_state *state_at(ly_ui *ui, size_t i);
static void list_physics(ly_ui *ui, ly_ui_state *st, ly_ui_rect r, float content, bool panel);

void ly_ui_end_frame(ly_ui *ui)
{
    assert(ui->depth == 1 && "a panel or list was not ended");
    assert(ui->n_ids == 0 && "ly_ui_push_id without ly_ui_pop_id");
    /* a press that landed on nothing focusable takes the focus away */
    if (ui->pressed && !ui->focus_claimed && ui->focus &&
        (!ui->press_panel || ui->press_panel != ui->focus_panel)) {
        ui->focus = 0;
        ui->unsettled = true; /* as when a field takes it */
    }
    if (ui->focus && !ui->focus_seen) ui->focus = 0; /* the field went away */
    if (!ui->focus) ui->n_edits = 0;
    if (ui->n_edits) ui->unsettled = true; /* typed text waits for the field's next frame */
    /* a self-sizing panel drawn at a height its content no longer has */
    for (int i = 0; i < ui->n_ended; i++) {
        const ly_ui_layout *l = &ui->ended[i];
        if (l->autosize && !l->closed &&
            fabsf(state_at(ui, l->state)->content_h - l->start_h) > 0.25f)
            ui->unsettled = true;
    }
    /* a panel that scrolls, once all of it has been drawn (a list inside it first) */
    for (int i = 0; i < ui->n_ended; i++) {
        const ly_ui_layout *l = &ui->ended[i];
        if (!l->scrolls || l->closed) continue;
        ly_ui_state *st = state_at(ui, l->state);
        ui->panel = l->id;
        ui->clip = l->rect;
        list_physics(ui, st, l->rect, st->content_h * ui->scale, true);
    }
    ui->panel = 0;
    ui->clip = (ly_ui_rect){0};
    ui->focus_buf = NULL;
    if (ui->released && !ui->down) {
        ui->active = 0;
        if (ui->touch) ui->px = ui->py = AWAY; /* a lifted finger hovers nothing */
    }
    ui->pressed = ui->released = ui->release_first = false;
    ui->wheel = 0;
    ui->cur ^= 1;
}

void ly_ui_push_id(ly_ui *ui, const char *label)
{
    assert(ui->n_ids < (int)(sizeof ui->ids / sizeof ui->ids[0]));
    ly_ui_id id = ly_ui_get_id(ui, label);
    ui->ids[ui->n_ids++] = id;
}

void ly_ui_pop_id(ly_ui *ui)
{
    assert(ui->n_ids > 0);
    ui->n_ids--;
}

ly_ui_rect ly_ui_last_rect(const ly_ui *ui)
{
    return ui->last;
}

bool ly_ui_find_rect(const ly_ui *ui, ly_ui_id id, ly_ui_rect *out)
{
    int last = ui->cur ^ 1;
    for (size_t i = 0; i < ui->n_hits[last]; i++)
        if (ui->hits[last][i].id == id) {
            *out = ui->hits[last][i].rect;
            return true;
        }
    return false;
}

static ly_ui_state *state_at(ly_ui *ui, size_t index1)
{
    return index1 ? &ui->states[index1 - 1] : &ui->spare;
}

/* Index + 1 of a widget's kept state (created zeroed), or 0 (the spare) when
 * the array cannot grow. */
static size_t state_find(ly_ui *ui, ly_ui_id id)
{
    for (size_t i = 0; i < ui->n_states; i++)
        if (ui->states[i].id == id) return i + 1;
    if (ly_array_reserve((void **)&ui->states, &ui->cap_states, ui->n_states + 1,
                         sizeof *ui->states)) {
        ui->spare = (ly_ui_state){.id = id};
        return 0;
    }
    ui->states[ui->n_states] = (ly_ui_state){.id = id};
    return ++ui->n_states;
}

/* ---- layout ------------------------------------------------------------------ */

static ly_ui_layout *top(ly_ui *ui)
{
    return &ui->stack[ui->depth - 1];
}

static float spacing(const ly_ui *ui)
{
    return dp(ui, ui->theme.spacing);
}

static float next_x(ly_ui *ui)
{
    ly_ui_layout *l = top(ui);
    return ui->same_line && l->row_h > 0 ? l->last_x1 + spacing(ui) : l->x0;
}

/* Width left on the row for the next widget. */
static float avail(ly_ui *ui)
{
    return fmaxf(0, top(ui)->x1 - next_x(ui));
}

/* Places the next widget: on the current row after ly_ui_same_line, else on a new row. */
static ly_ui_rect item(ly_ui *ui, float w, float h)
{
    ly_ui_layout *l = top(ui);
    ly_ui_rect r = {next_x(ui), 0, w, h};
    if (ui->same_line && l->row_h > 0) {
        r.y = l->row_y;
        l->row_h = fmaxf(l->row_h, h);
    } else {
        r.y = l->row_h > 0 ? l->row_y + l->row_h + spacing(ui) : l->row_y;
        l->row_y = r.y;
        l->row_h = h;
    }
    l->last_x1 = r.x + w;
    l->flow = false;
    ui->same_line = false;
    ui->last = r;
    return r;
}

void ly_ui_same_line(ly_ui *ui)
{
    ui->same_line = true;
}

void ly_ui_space(ly_ui *ui, float v)
{
    ly_ui_layout *l = top(ui);
    l->row_y += l->row_h + (l->row_h > 0 ? spacing(ui) : 0) + dp(ui, v);
    l->row_h = 0;
    ui->same_line = false;
}

enum { PLAIN, FOCUSABLE, KEEPS_FOCUS };

typedef struct {
    bool hover, held, clicked;
} behaviour;

/* Whether a point is on a rect of the panel being built, inside the clip. */
static bool hits(const ly_ui *ui, ly_ui_rect r, ly_ui_id panel, float x, float y)
{
    return ui->panel && panel == ui->panel && in_rect(r, x, y) &&
           (ui->clip.w <= 0 || in_rect(ui->clip, x, y));
}

static behaviour behave(ly_ui *ui, ly_ui_id id, ly_ui_rect r, int kind)
{
    behaviour b = {0};
    int c = ui->cur;
    if (!ly_array_reserve((void **)&ui->hits[c], &ui->cap_hits[c], ui->n_hits[c] + 1,
                          sizeof *ui->hits[c]))
        ui->hits[c][ui->n_hits[c]++] = (ly_ui_hit){id, r};
    bool release_now = ui->released && ui->active == id;
    if (release_now && ui->release_first) {
        b.clicked =
            !ui->release_moved && hits(ui, r, ui->press_panel, ui->release_x, ui->release_y);
        ui->active = 0;
        release_now = false;
    }
    if (ui->pressed && hits(ui, r, ui->press_panel, ui->press_x, ui->press_y)) {
        ui->active = id;
        if (kind != PLAIN) ui->focus_claimed = true;
        if (kind == FOCUSABLE && ui->focus != id) {
            ui->focus = id;
            ui->unsettled = true; /* the layout may follow the focus (a search that rises) */
        }
        release_now = ui->released && !ui->release_first;
    }
    if (release_now) {
        b.clicked =
            !ui->release_moved && hits(ui, r, ui->press_panel, ui->release_x, ui->release_y);
        ui->active = 0;
    }
    b.hover = hits(ui, r, ui->hover_panel, ui->px, ui->py) && (!ui->active || ui->active == id);
    if (b.hover) ui->hot = id;
    /* a drag (a list scrolling) takes the press away from the widget */
    b.held = ui->active == id && ui->down && !ui->moved;
    return b;
}

/* ---- text drawing -------------------------------------------------------------- */

static float line_h(const ly_ui *ui, float px_dp)
{
    return dp(ui, px_dp) * 1.35f;
}

/* Text vertically centred in [y, y + h). */
static void text_at(ly_ui *ui, float x, float y, float h, float px, ly_color c, const char *s)
{
    float asc = 0.88f * px, desc = -0.12f * px;
    if (ui->font) {
        ly_font_metrics m = ly_font_get_metrics(ui->font, px);
        asc = m.ascent;
        desc = m.descent;
    }
    float base = y + 0.5f * (h - (asc - desc)) + asc;
    ly_draw_text(ui->dl, roundf(x), roundf(base), px, c, s);
}

static char *scratch(ly_ui *ui, size_t n)
{
    if (ly_array_reserve((void **)&ui->scratch, &ui->cap_scratch, n, 1)) return NULL;
    return ui->scratch;
}

/* The text, cut to fit maxw with "…" (in buf) when it does not. */
static const char *ellipsize(ly_ui *ui, const char *s, float px, float maxw, char *buf, size_t n)
{
    return ly_ui_fit(ui->font, s, px, maxw, buf, n);
}

const char *ly_ui_fit(ly_font *font, const char *s, float px, float maxw, char *buf, size_t n)
{
    if (measure(font, s, px) <= maxw) return s;
    static const char dots[] = "\xE2\x80\xA6"; /* … */
    if (n < sizeof dots)
        return "";
    float room = maxw - measure(font, dots, px), w = 0;
    size_t len = 0;
    for (size_t i = 0; s[i];) {
        uint32_t c;
        int cl = decode(s + i, &c);
        w += char_width(font, s + i, cl, px);
        if (w > room || i + (size_t)cl + sizeof dots > n) break;
        i += (size_t)cl;
        len = i;
    }
    memcpy(buf, s, len);
    memcpy(buf + len, dots, sizeof dots);
    return buf;
}

const char *ly_ui_fit_middle(ly_font *font, const char *s, float px, float maxw, char *buf,
                             size_t n)
{
    if (measure(font, s, px) <= maxw) return s;
    static const char dots[] = "\xE2\x80\xA6"; /* … */
    size_t len = strlen(s);
    if (n < sizeof dots + 1 || len + sizeof dots > n)
        return ly_ui_fit(font, s, px, maxw, buf, n);
    float room = maxw - measure(font, dots, px);
    /* the end: whole characters from the last, up to half the room */
    size_t tail = len;
    float wt = 0;
    while (tail > 0) {
        size_t p = tail - 1;
        while (p > 0 && ((unsigned char)s[p] & 0xC0) == 0x80) p--;
        float cw = char_width(font, s + p, (int)(tail - p), px);
        if (wt + cw > 0.5f * room) break;
        wt += cw;
        tail = p;
    }
    /* the start: what is left of the room */
    size_t head = 0;
    float wh = 0;
    while (head < tail) {
        uint32_t c;
        int cl = decode(s + head, &c);
        float cw = char_width(font, s + head, cl, px);
        if (wh + wt + cw > room) break;
        wh += cw;
        head += (size_t)cl;
    }
    memcpy(buf, s, head);
    memcpy(buf + head, dots, sizeof dots - 1);
    memcpy(buf + head + sizeof dots - 1, s + tail, len - tail + 1);
    return buf;
}

/* ---- panels and lists ---------------------------------------------------------- */

static bool close_button(ly_ui *ui, ly_ui_rect pr);

/* A thin scroll indicator at r's right edge while its content (pixels) is more than fits. */
static void scroll_bar(ly_ui *ui, ly_ui_rect r, float content, float scroll)
{
    if (content <= r.h + 0.5f) return;
    float max = content - r.h, frac = fminf(fmaxf(scroll / max, 0), 1);
    float th = fmaxf(r.h * r.h / content, dp(ui, 24)), w = dp(ui, 3);
    ly_draw_round_rect(ui->dl, r.x + r.w - w - dp(ui, 2), r.y + frac * (r.h - th), w, th,
                       0.5f * w, ly_color_alpha(ui->theme.text_secondary, 0.5f));
}

/* A panel ended earlier in this frame, or NULL. */
static ly_ui_layout *ended_panel(ly_ui *ui, ly_ui_id id)
{
    for (int i = 0; i < ui->n_ended; i++)
        if (ui->ended[i].id == id) return &ui->ended[i];
    return NULL;
}

/* Continues a panel ended earlier in this frame, below its content. */
static bool panel_resume(ly_ui *ui, const char *label, const ly_ui_layout *was)
{
    ly_ui_layout *l = &ui->stack[ui->depth++];
    *l = *was;
    l->clip = ui->clip;
    l->prev_panel = ui->panel;
    ui->same_line = false;
    ly_ui_push_id(ui, label);
    if (l->closed) return false;
    ui->panel = l->id;
    /* hidden on its first frame, as when it began; clipped to itself when it scrolls */
    if (l->autosize && l->start_h <= 0) {
        ui->clip = (ly_ui_rect){-4, -4, 1, 1};
        apply_clip(ui);
    } else if (l->scrolls) {
        ui->clip = intersect(ui->clip, l->rect);
        apply_clip(ui);
    }
    return true;
}

float ly_ui_fit_height(float content, float room, float least)
{
    return fminf(content, fmaxf(room, fminf(content, least)));
}

bool ly_ui_panel_begin(ly_ui *ui, const char *label, float x, float y, float w, float h, bool *open)
{
    assert(ui->depth < LY_UI_MAX_DEPTH);
    ly_ui_id id = ly_ui_get_id(ui, label);
    const ly_ui_layout *was = ended_panel(ui, id);
    if (was) return panel_resume(ui, label, was);
    size_t st = state_find(ui, id);
    ly_ui_state *sp = state_at(ui, st);
    float s = ui->scale, pad = dp(ui, ui->theme.padding);
    float start_h = sp->content_h;
    ly_ui_rect r = {x * s, y * s, w * s, h > 0 ? h * s : start_h * s};
    /* a self-sizing panel stops short of the window's bottom; what does not fit scrolls
     * (from the top again when it opens again) */
    float room = ly_ui_fit_height(r.h, ui->height - r.y - dp(ui, ui->theme.edge),
                                  dp(ui, LY_UI_PANEL_LEAST));
    if (h < 0) /* the most the caller gives it */
        room = fminf(room, -h * s);
    bool scrolls = h <= 0 && r.h > room + 0.5f;
    if (sp->seen + 1 < ui->frame || !scrolls)
        sp->scroll = sp->vel = 0;
    if (!open || *open)
        sp->seen = ui->frame;
    if (scrolls) {
        float max = r.h - room, limit = 0.25f * room;
        r.h = room;
        sp->scroll = fminf(fmaxf(sp->scroll, sp->dragging ? -limit : 0), max + limit);
    }
    float y0 = r.y + pad - (scrolls ? sp->scroll : 0);
    ly_ui_layout *l = &ui->stack[ui->depth++];
    *l = (ly_ui_layout){.id = id,
                        .x0 = r.x + pad,
                        .x1 = r.x + r.w - pad,
                        .row_y = y0,
                        .top = y0,
                        .rect = r,
                        .clip = ui->clip,
                        .state = st,
                        .prev_panel = ui->panel,
                        .closed = open && !*open,
                        .autosize = h <= 0,
                        .scrolls = scrolls,
                        .closable = open != NULL,
                        .start_h = start_h};
    ly_ui_push_id(ui, label);
    if (l->closed) return false;
    int c = ui->cur;
    if (ui->n_panels[c] < LY_UI_MAX_PANELS) {
        ui->panels[c][ui->n_panels[c]] = r;
        ui->panel_ids[c][ui->n_panels[c]++] = id;
    }
    ui->panel = id;
    const ly_ui_theme *t = &ui->theme;
    if (r.h > 0) {
        ly_draw_shadow(ui->dl, r.x, r.y + dp(ui, 2), r.w, r.h, dp(ui, t->panel_radius),
                       dp(ui, t->shadow_blur), dp(ui, 2) + 1, t->shadow);
        ly_draw_round_rect(ui->dl, r.x, r.y, r.w, r.h, dp(ui, t->panel_radius), t->panel);
    }
    if (scrolls) { /* the content, its close button with it, moves inside the panel */
        ui->clip = intersect(ui->clip, r);
        apply_clip(ui);
        scroll_bar(ui, r, start_h * s, sp->scroll);
    }
    ly_ui_rect cr = {r.x, r.y - (scrolls ? sp->scroll : 0), r.w, r.h};
    if (open && close_button(ui, cr)) *open = false;
    /* a self-sizing panel's first frame: its height is not known, so nothing of it
     * shows (text with no card behind it); the next frame draws it whole */
    if (l->autosize && start_h <= 0) {
        ui->clip = (ly_ui_rect){-4, -4, 1, 1};
        apply_clip(ui);
    }
    return true;
}

void ly_ui_panel_end(ly_ui *ui)
{
    assert(ui->depth > 1);
    ly_ui_layout *l = &ui->stack[--ui->depth];
    ly_ui_pop_id(ui);
    ly_ui_layout *keep = ended_panel(ui, l->id);
    if (!keep && ui->n_ended < LY_UI_MAX_DEPTH) keep = &ui->ended[ui->n_ended++];
    if (keep) *keep = *l;
    if (l->closed) return;
    ly_ui_state *st = state_at(ui, l->state);
    float bottom = l->row_y + l->row_h + dp(ui, ui->theme.padding) + (l->scrolls ? st->scroll : 0);
    st->content_h = (bottom - l->rect.y) / ui->scale;
    /* a panel that sizes itself to its content was recorded with last frame's
     * height (none on its first frame): record the height its content took */
    int c = ui->cur;
    for (int i = ui->n_panels[c] - 1; l->autosize && !l->scrolls && i >= 0; i--)
        if (ui->panel_ids[c][i] == l->id) {
            ly_ui_rect *pr = &ui->panels[c][i];
            if (pr->h < bottom - pr->y)
                pr->h = bottom - pr->y;
            break;
        }
    ui->panel = l->prev_panel;
    ui->clip = l->clip;
    apply_clip(ui);
}

/* The close button's glyph (a circle `size` dp across, its centre `in` dp from the panel's
 * top and right edges) and its hit square (`hit` dp, in the corner on a touch screen). A
 * mouse's is the glyph, 28 dp; a finger's 28 dp had been half of what it needs, on a card
 * it leaves only by the "×" or by the kiosk's idle reset. */
static void close_geometry(const ly_ui *ui, float *size, float *in, float *hit)
{
    float t = ui->theme.touch;
    *size = t > 0 ? 32 : 28;
    *hit = t > *size ? t : *size;
    *in = t > *size ? 0.5f * t : 6 + 0.5f * *size;
}

/* How far (dp) the close button's glyph reaches in from the panel's right edge. */
static float close_reach(const ly_ui *ui)
{
    float size, in, hit;
    close_geometry(ui, &size, &in, &hit);
    return in + 0.5f * size;
}

/* A round "×" in the panel's top-right corner. */
static bool close_button(ly_ui *ui, ly_ui_rect pr)
{
    float size, in, hit;
    close_geometry(ui, &size, &in, &hit);
    float cx = pr.x + pr.w - dp(ui, in), cy = pr.y + dp(ui, in), h = dp(ui, 0.5f * hit);
    ly_ui_rect r = {cx - h, cy - h, 2 * h, 2 * h};
    behaviour b = behave(ui, ly_ui_get_id(ui, "##close"), r, PLAIN);
    float rad = dp(ui, 0.5f * size), k = 0.36f * rad;
    /* (a finger hovers nothing: on a touch screen the circle is always there to aim at) */
    if (b.hover || b.held || ui->theme.touch > 0)
        ly_draw_circle(ui->dl, cx, cy, rad,
                       b.held ? ui->theme.button_down
                              : b.hover ? ui->theme.button_hot : ui->theme.button);
    ly_color c = ui->theme.text_secondary;
    float line = dp(ui, ui->theme.touch > 0 ? 2 : 1.5f);
    ly_draw_line(ui->dl, cx - k, cy - k, cx + k, cy + k, line, c);
    ly_draw_line(ui->dl, cx - k, cy + k, cx + k, cy - k, line, c);
    return b.clicked;
}

void ly_ui_separator(ly_ui *ui)
{
    ly_ui_rect r = item(ui, avail(ui), dp(ui, 1));
    if (visible(ui, r)) ly_draw_rect(ui->dl, r.x, r.y, r.w, r.h, ui->theme.track);
}

/* Pulled past an end, a list moves less and less (like a phone's). */
static float rubber(float over, float limit)
{
    return limit * (1 - 1 / (over * 0.55f / limit + 1));
}

/* A list's or a scrolling panel's scroll (pixels) from the wheel, a drag and a fling; a
 * panel leaves a press that a list inside it took. */
static void list_physics(ly_ui *ui, ly_ui_state *st, ly_ui_rect r, float content, bool panel)
{
    float max = fmaxf(0, content - r.h), limit = 0.25f * r.h, dt = (float)ui->dt;
    if (ui->wheel != 0 && hits(ui, r, ui->wheel_panel, ui->wheel_x, ui->wheel_y)) {
        st->scroll = fminf(fmaxf(st->scroll - ui->wheel * dp(ui, ui->theme.wheel_step), 0), max);
        st->vel = 0;
        ui->wheel = 0;
    }
    if (ui->pressed && !(panel && ui->press_listed) &&
        hits(ui, r, ui->press_panel, ui->press_x, ui->press_y)) {
        ui->press_listed = !panel;
        st->drag_cand = true;
        st->dragging = false;
        st->vel = 0; /* a touch stops a flung list */
    }
    if (st->drag_cand && ui->down && ui->moved && !st->dragging) {
        st->dragging = true;
        st->drag_y0 = ui->py;
        st->drag_scroll0 = st->scroll;
        st->prev_scroll = st->scroll;
    }
    if (st->dragging) {
        float raw = st->drag_scroll0 - (ui->py - st->drag_y0);
        st->scroll = raw < 0     ? -rubber(-raw, limit)
                     : raw > max ? max + rubber(raw - max, limit)
                                 : raw;
        if (dt > 0) {
            /* smoothed, so one uneven frame does not decide the fling */
            float inst = (st->scroll - st->prev_scroll) / dt;
            st->vel = 0.6f * inst + 0.4f * st->vel;
        }
        st->prev_scroll = st->scroll;
    }
    if (!ui->down) {
        st->drag_cand = false;
        st->dragging = false;
    }
    if (st->dragging || dt <= 0) return;
    bool outside = st->scroll < 0 || st->scroll > max;
    if (st->vel != 0 || outside) ui->unsettled = true; /* still moving */
    if (st->vel != 0) {
        st->scroll += st->vel * dt;
        /* friction; much more of it past an end */
        st->vel *= expf(-(outside ? 20.0f : 3.0f) * dt);
        if (fabsf(st->vel) < dp(ui, 20)) st->vel = 0;
    }
    float target = fminf(fmaxf(st->scroll, 0), max);
    if (st->scroll != target) {
        st->scroll = fminf(fmaxf(st->scroll, -limit), max + limit);
        st->scroll += (target - st->scroll) * (1 - expf(-12.0f * dt));
        if (fabsf(target - st->scroll) < 0.5f) {
            st->scroll = target;
            st->vel = 0;
        }
    }
}

void ly_ui_list_begin(ly_ui *ui, const char *label, float height)
{
    assert(ui->depth < LY_UI_MAX_DEPTH);
    ly_ui_id id = ly_ui_get_id(ui, label);
    ly_ui_rect r = item(ui, avail(ui), dp(ui, height));
    size_t st = state_find(ui, id);
    ly_ui_state *sp = state_at(ui, st);
    if (sp->seen + 1 < ui->frame) /* shown again: from the top */
        sp->scroll = sp->vel = 0;
    sp->seen = ui->frame;
    list_physics(ui, sp, r, sp->content_h, false);
    float y = r.y - state_at(ui, st)->scroll;
    ly_ui_layout *l = &ui->stack[ui->depth++];
    *l = (ly_ui_layout){.id = id,
                        .x0 = r.x,
                        .x1 = r.x + r.w,
                        .row_y = y,
                        .top = y,
                        .rect = r,
                        .clip = ui->clip,
                        .state = st,
                        .prev_panel = ui->panel};
    ly_ui_push_id(ui, label);
    ui->clip = intersect(ui->clip, r);
    apply_clip(ui);
}

void ly_ui_list_end(ly_ui *ui)
{
    assert(ui->depth > 1);
    ly_ui_layout *l = &ui->stack[--ui->depth];
    ly_ui_pop_id(ui);
    ly_ui_state *st = state_at(ui, l->state);
    st->content_h = l->row_y + l->row_h - l->top;
    ui->clip = l->clip;
    apply_clip(ui);
    scroll_bar(ui, l->rect, st->content_h, st->scroll);
    ui->last = l->rect;
}

bool ly_ui_needs_frame(const ly_ui *ui)
{
    return ui->unsettled;
}

float ly_ui_panel_height(const ly_ui *ui, const char *label)
{
    ly_ui_id id = ly_ui_get_id(ui, label);
    for (size_t i = 0; i < ui->n_states; i++)
        if (ui->states[i].id == id) return ui->states[i].content_h;
    return 0;
}

void ly_ui_list_top(ly_ui *ui, const char *label)
{
    ly_ui_id id = ly_ui_get_id(ui, label);
    for (size_t i = 0; i < ui->n_states; i++)
        if (ui->states[i].id == id)
            ui->states[i].scroll = ui->states[i].vel = 0;
}

float ly_ui_list_scroll(const ly_ui *ui, ly_ui_id id)
{
    for (size_t i = 0; i < ui->n_states; i++)
        if (ui->states[i].id == id) return ui->states[i].scroll;
    return 0;
}

/* ---- widgets ------------------------------------------------------------------- */

static void label_px(ly_ui *ui, const char *text, float px_dp, ly_color c)
{
    float px = dp(ui, px_dp), w = measure(ui->font, text, px), room = avail(ui);
    ly_ui_rect r = item(ui, fminf(w, room), line_h(ui, px_dp));
    if (!visible(ui, r)) return;
    char buf[256];
    text_at(ui, r.x, r.y, r.h, px, c, ellipsize(ui, text, px, room, buf, sizeof buf));
}

void ly_ui_label(ly_ui *ui, const char *text)
{
    label_px(ui, text, ui->theme.font_px, ui->theme.text);
}

void ly_ui_label_colored(ly_ui *ui, const char *text, ly_color c)
{
    label_px(ui, text, ui->theme.font_px, c);
}

/* A wrapped line without a " · " at its end (but the last line) or at its start (but the
 * first: a word too long for its line was cut there): the line's edge parts the phrases as
 * the dot did (the dashboard's totals had ended lines on a lone dot, a phone's admin panel
 * begun one with it). Returns where the line now starts. */
static char *phrase_line(char *line, bool first, bool last)
{
    size_t len = strlen(line);
    while (len && line[len - 1] == ' ')
        line[--len] = '\0';
    if (!last && len >= 2 && (unsigned char)line[len - 2] == 0xC2 &&
        (unsigned char)line[len - 1] == 0xB7) {
        len -= 2;
        while (len && line[len - 1] == ' ')
            len--;
        if (len)
            line[len] = '\0';
    }
    if (!first && (unsigned char)line[0] == 0xC2 && (unsigned char)line[1] == 0xB7) {
        char *p = line + 2;
        while (*p == ' ')
            p++;
        if (*p)
            return p;
    }
    return line;
}

void ly_ui_title(ly_ui *ui, const char *text)
{
    /* a long title (a building's full English name) takes a second line; at the top of a
     * panel with a close button, 4 dp short of the button's glyph */
    float px = dp(ui, ui->theme.title_px), room = avail(ui);
    const ly_ui_layout *l = top(ui);
    if (l->closable && l->row_h <= 0)
        room -= dp(ui, close_reach(ui) + 4 - ui->theme.padding);
    ly_ui_line lines[4];
    size_t n = text && measure(ui->font, text, px) > room
                   ? ly_ui_wrap(ui->font, text, px, room, lines, 4)
                   : 1;
    if (n < 2) {
        label_px(ui, text, ui->theme.title_px, ui->theme.text);
        return;
    }
    /* two lines, or three for a name longer still ("China Railway Qingdao Center (Qingdao
     * International Trade Center)" had lost its end); balanced: the narrowest width that
     * still takes that many, so that no short word is left alone on the last */
    bool balance = n <= 3;
    n = n > 3 ? 3 : n;
    float lo = 0.5f * room, hi = room;
    for (int i = 0; balance && i < 12; i++) {
        float mid = 0.5f * (lo + hi);
        if (ly_ui_wrap(ui->font, text, px, mid, lines, 4) <= n)
            hi = mid;
        else
            lo = mid;
    }
    ly_ui_wrap(ui->font, text, px, hi, lines, 4);
    float lh = line_h(ui, ui->theme.title_px) * 0.92f;
    ly_ui_rect r = item(ui, room, (float)n * lh);
    if (!visible(ui, r)) return;
    char buf[256];
    for (size_t i = 0; i < n; i++) { /* (the last line takes the rest, cut to fit) */
        size_t len = i + 1 == n ? strlen(text + lines[i].start) : lines[i].len;
        char *piece = scratch(ui, len + 1);
        if (!piece) return;
        memcpy(piece, text + lines[i].start, len);
        piece[len] = '\0';
        text_at(ui, r.x, r.y + (float)i * lh, lh, px, ui->theme.text,
                ellipsize(ui, piece, px, room, buf, sizeof buf));
    }
}

void ly_ui_key_value(ly_ui *ui, const char *key, const char *value)
{
    const ly_ui_theme *t = &ui->theme;
    float px = dp(ui, t->font_px), room = avail(ui), gap = spacing(ui);
    float lh = line_h(ui, t->font_px);
    /* the key keeps at most half the row; the value gets the rest, and wraps
     * onto up to three right-aligned lines when it is longer than that */
    float kw = fminf(measure(ui->font, key, px), 0.5f * room), vw = fmaxf(0, room - kw - gap);
    enum { MAX_LINES = 3 };
    ly_ui_line lines[MAX_LINES + 1];
    size_t n = measure(ui->font, value, px) <= vw
                   ? 0
                   : ly_ui_wrap(ui->font, value, px, vw, lines, MAX_LINES + 1);
    size_t shown_lines = n == 0 ? 1 : n < MAX_LINES ? n : MAX_LINES;
    ly_ui_rect r = item(ui, room, (float)shown_lines * lh);
    if (!visible(ui, r)) return;
    char buf[256];
    text_at(ui, r.x, r.y, lh, px, t->text_secondary, ellipsize(ui, key, px, kw, buf, sizeof buf));
    if (n == 0) {
        text_at(ui, r.x + r.w - measure(ui->font, value, px), r.y, lh, px, t->text, value);
        return;
    }
    for (size_t i = 0; i < shown_lines; i++) {
        /* the last line shown takes the rest of the text, cut with "…" */
        size_t len = i + 1 == shown_lines ? strlen(value + lines[i].start) : lines[i].len;
        char *piece = scratch(ui, len + 1);
        if (!piece) return;
        memcpy(piece, value + lines[i].start, len);
        piece[len] = '\0';
        while (len && piece[len - 1] == ' ') /* no trailing space in the right alignment */
            piece[--len] = '\0';
        piece = phrase_line(piece, i == 0, i + 1 == shown_lines);
        const char *v = ellipsize(ui, piece, px, vw, buf, sizeof buf);
        text_at(ui, r.x + r.w - measure(ui->font, v, px), r.y + (float)i * lh, lh, px, t->text, v);
    }
}

void ly_ui_text_wrapped(ly_ui *ui, const char *text)
{
    float px = dp(ui, ui->theme.font_px), width = avail(ui), lh = line_h(ui, ui->theme.font_px);
    size_t n = ly_ui_wrap(ui->font, text, px, width, ui->lines, ui->cap_lines);
    if (n > ui->cap_lines) {
        if (ly_array_reserve((void **)&ui->lines, &ui->cap_lines, n, sizeof *ui->lines))
            n = ui->cap_lines;
        else
            ly_ui_wrap(ui->font, text, px, width, ui->lines, ui->cap_lines);
    }
    ly_ui_rect r = item(ui, width, (float)n * lh);
    for (size_t i = 0; i < n; i++) {
        ly_ui_rect lr = {r.x, r.y + (float)i * lh, width, lh};
        char *s = visible(ui, lr) ? scratch(ui, ui->lines[i].len + 1) : NULL;
        if (!s) continue;
        memcpy(s, text + ui->lines[i].start, ui->lines[i].len);
        s[ui->lines[i].len] = '\0';
        text_at(ui, lr.x, lr.y, lh, px, ui->theme.text, phrase_line(s, i == 0, i + 1 == n));
    }
}

static ly_color button_color(const ly_ui *ui, behaviour b)
{
    return b.held ? ui->theme.button_down : b.hover ? ui->theme.button_hot : ui->theme.button;
}

float ly_ui_button_width(const ly_ui *ui, const char *label)
{
    char buf[128];
    const char *s = shown(label, buf, sizeof buf);
    float px = dp(ui, ui->theme.font_px), pad = dp(ui, 14);
    return (measure(ui->font, s, px) + 2 * pad) / ui->scale;
}

bool ly_ui_button(ly_ui *ui, const char *label)
{
    const ly_ui_theme *t = &ui->theme;
    char buf[128];
    const char *s = shown(label, buf, sizeof buf);
    float px = dp(ui, t->font_px), pad = dp(ui, 14), text_w = measure(ui->font, s, px);
    float w = fminf(text_w + 2 * pad, avail(ui));
    /* a label a little too long for the row takes some of the pill's padding before it is cut */
    pad = fmaxf(fminf(pad, 0.5f * (w - text_w)), dp(ui, 6));
    ly_ui_rect r = item(ui, w, dp(ui, t->row_h));
    behaviour b = behave(ui, ly_ui_get_id(ui, label), r, PLAIN);
    if (visible(ui, r)) {
        ly_draw_round_rect(ui->dl, r.x, r.y, r.w, r.h, dp(ui, t->radius), button_color(ui, b));
        char cut[256];
        /* a pixel of slack: the pill was sized from the same measure, and float
         * rounding must not cut a label that fits */
        float room = r.w - 2 * pad + 1.0f;
        const char *e = ellipsize(ui, s, px, room, cut, sizeof cut);
        /* a label that ends in an arrow (what the button leads to) is cut before it */
        static const char ARROW[] = " \u2192";
        size_t n = strlen(s), k = sizeof ARROW - 1;
        char head[256], both[300];
        if (e != s && n > k && n - k < sizeof head && !strcmp(s + n - k, ARROW)) {
            memcpy(head, s, n - k);
            head[n - k] = '\0';
            const char *h = ellipsize(ui, head, px, room - measure(ui->font, ARROW, px), cut,
                                      sizeof cut);
            size_t hl = strlen(h);
            if (hl + k < sizeof both) {
                memcpy(both, h, hl);
                memcpy(both + hl, ARROW, k + 1);
                e = both;
            }
        }
        text_at(ui, r.x + 0.5f * (r.w - measure(ui->font, e, px)), r.y, r.h, px, t->text, e);
    }
    return b.clicked;
}

static bool item_row(ly_ui *ui, const char *label, const char *detail, bool *on)
{
    const ly_ui_theme *t = &ui->theme;
    char buf[128];
    const char *s = shown(label, buf, sizeof buf);
    float px = dp(ui, t->font_px), px2 = dp(ui, t->small_px), pad = dp(ui, 14);
    float line = dp(ui, 0.5f * t->row_h + 2);
    ly_ui_rect r = item(ui, avail(ui), 2 * line + dp(ui, 6));
    behaviour b = behave(ui, ly_ui_get_id(ui, label), r, PLAIN);
    if (b.clicked && on)
        *on = !*on;
    if (visible(ui, r)) {
        bool lit = on && *on;
        ly_color bg = lit ? (b.held ? t->button_down : t->accent) : button_color(ui, b);
        ly_draw_round_rect(ui->dl, r.x, r.y, r.w, r.h, dp(ui, t->radius), bg);
        char cut[256];
        float room = r.w - 2 * pad + 1.0f, top = r.y + dp(ui, 3);
        text_at(ui, r.x + pad, top, line, px, lit ? t->on_accent : t->text,
                ellipsize(ui, s, px, room, cut, sizeof cut));
        if (detail && detail[0])
            text_at(ui, r.x + pad, top + line, line, px2, lit ? t->on_accent : t->text_secondary,
                    ellipsize(ui, detail, px2, room, cut, sizeof cut));
    }
    return b.clicked;
}

bool ly_ui_item(ly_ui *ui, const char *label, const char *detail)
{
    return item_row(ui, label, detail, NULL);
}

bool ly_ui_item_toggle(ly_ui *ui, const char *label, const char *detail, bool *on)
{
    return item_row(ui, label, detail, on);
}

bool ly_ui_button_sized(ly_ui *ui, const char *label, float w_dp, float h_dp, bool accent)
{
    const ly_ui_theme *t = &ui->theme;
    char buf[128];
    const char *s = shown(label, buf, sizeof buf);
    float px = dp(ui, h_dp >= 2 * t->row_h ? t->title_px : t->font_px), pad = dp(ui, 8);
    float w = w_dp > 0 ? fminf(dp(ui, w_dp), avail(ui)) : avail(ui);
    ly_ui_rect r = item(ui, w, dp(ui, h_dp > 0 ? h_dp : t->row_h));
    behaviour b = behave(ui, ly_ui_get_id(ui, label), r, PLAIN);
    if (visible(ui, r)) {
        ly_color bg = button_color(ui, b);
        if (accent)
            bg = b.held ? t->button_down : t->accent;
        ly_draw_round_rect(ui->dl, r.x, r.y, r.w, r.h, dp(ui, t->radius), bg);
        char cut[256];
        const char *e = ellipsize(ui, s, px, r.w - 2 * pad + 1.0f, cut, sizeof cut);
        text_at(ui, r.x + 0.5f * (r.w - measure(ui->font, e, px)), r.y, r.h, px,
                accent && !b.held ? t->on_accent : t->text, e);
    }
    return b.clicked;
}

bool ly_ui_toggle(ly_ui *ui, const char *label, bool *on)
{
    const ly_ui_theme *t = &ui->theme;
    char buf[128];
    const char *s = shown(label, buf, sizeof buf);
    float px = dp(ui, t->font_px), sw = dp(ui, 44), sh = dp(ui, 24);
    ly_ui_rect r = item(ui, avail(ui), dp(ui, t->row_h));
    behaviour b = behave(ui, ly_ui_get_id(ui, label), r, PLAIN);
    if (b.clicked) *on = !*on;
    if (visible(ui, r)) {
        char cut[256];
        text_at(ui, r.x, r.y, r.h, px, t->text,
                ellipsize(ui, s, px, r.w - sw - spacing(ui), cut, sizeof cut));
        float x = r.x + r.w - sw, y = r.y + 0.5f * (r.h - sh), k = dp(ui, 3);
        ly_draw_round_rect(ui->dl, x, y, sw, sh, 0.5f * sh, *on ? t->accent : t->track);
        float kr = 0.5f * sh - k;
        ly_draw_circle(ui->dl, *on ? x + sw - k - kr : x + k + kr, y + 0.5f * sh, kr,
                       b.held ? t->button : t->on_accent);
    }
    return b.clicked;
}

int ly_ui_tabs(ly_ui *ui, const char *label, const char *const *names, int n, int selected)
{
    const ly_ui_theme *t = &ui->theme;
    if (n <= 0) return selected;
    ly_ui_rect r = item(ui, avail(ui), dp(ui, t->row_h));
    ly_ui_id base = ly_ui_get_id(ui, label);
    /* each tab as wide as its name and an even share of the room left; names that do not
     * fit at the theme's size are set a little smaller (to 80 %) before any is cut */
    enum { MAX_TABS = 16 };
    n = n > MAX_TABS ? MAX_TABS : n;
    float px = dp(ui, t->font_px), pad = dp(ui, 14), w[MAX_TABS], sum = 0;
    for (int i = 0; i < n; i++)
        sum += w[i] = measure(ui->font, names[i], px);
    if (sum + n * pad > r.w && sum > 0) {
        float k = fmaxf(0.8f, (r.w - n * pad) / sum);
        px *= k;
        for (int i = 0; i < n; i++)
            w[i] *= k;
        sum *= k;
    }
    float share = (r.w - sum) / (float)n, x = r.x;
    if (visible(ui, r)) ly_draw_rect(ui->dl, r.x, r.y + r.h - dp(ui, 1), r.w, dp(ui, 1), t->track);
    int sel = selected;
    for (int i = 0; i < n; i++, x += w[i - 1] + share) {
        float tw = fmaxf(w[i] + share, dp(ui, 8));
        ly_ui_rect tr = {x, r.y, tw, r.h};
        behaviour b = behave(ui, hash_bytes(&i, sizeof i, base), tr, PLAIN);
        if (b.clicked) sel = i;
        if (!visible(ui, tr)) continue;
        bool on = i == selected;
        if (b.hover || b.held)
            ly_draw_round_rect(ui->dl, tr.x, tr.y, tr.w, tr.h - dp(ui, 1), dp(ui, t->radius),
                               button_color(ui, b));
        char cut[256];
        const char *e = ellipsize(ui, names[i], px, tw - dp(ui, 8), cut, sizeof cut);
        text_at(ui, tr.x + 0.5f * (tw - measure(ui->font, e, px)), tr.y, tr.h, px,
                on ? t->accent : t->text_secondary, e);
        if (on)
            ly_draw_rect(ui->dl, tr.x + dp(ui, 8), tr.y + tr.h - dp(ui, 3), tw - dp(ui, 16),
                         dp(ui, 3), t->accent);
    }
    ui->last = r;
    return sel;
}

/* Chips and badges flow: after another one, on the same row while they fit. */
static ly_ui_rect flow_item(ly_ui *ui, float w, float h)
{
    ly_ui_layout *l = top(ui);
    if (l->flow && l->row_h > 0 && l->last_x1 + spacing(ui) + w <= l->x1) ui->same_line = true;
    ly_ui_rect r = item(ui, fminf(w, avail(ui)), h);
    top(ui)->flow = true;
    return r;
}

static void pill(ly_ui *ui, ly_ui_rect r, ly_color bg, ly_color border, ly_color fg, float px,
                 float pad, const char *s)
{
    float rad = 0.5f * r.h;
    if (border.a) {
        float k = dp(ui, 1);
        ly_draw_round_rect(ui->dl, r.x, r.y, r.w, r.h, rad, border);
        ly_draw_round_rect(ui->dl, r.x + k, r.y + k, r.w - 2 * k, r.h - 2 * k, rad - k, bg);
    } else {
        ly_draw_round_rect(ui->dl, r.x, r.y, r.w, r.h, rad, bg);
    }
    char cut[256];
    /* a pixel of slack: the pill was sized from the same measure, and float
     * rounding must not cut a label that fits */
    const char *e = ellipsize(ui, s, px, r.w - 2 * pad + 1.0f, cut, sizeof cut);
    text_at(ui, r.x + 0.5f * (r.w - measure(ui->font, e, px)), r.y, r.h, px, fg, e);
}

bool ly_ui_chip(ly_ui *ui, const char *label, bool *selected)
{
    const ly_ui_theme *t = &ui->theme;
    char buf[128];
    const char *s = shown(label, buf, sizeof buf);
    float px = dp(ui, t->font_px - 1), pad = dp(ui, 12);
    ly_ui_rect r = flow_item(ui, measure(ui->font, s, px) + 2 * pad, dp(ui, t->chip_h));
    behaviour b = behave(ui, ly_ui_get_id(ui, label), r, PLAIN);
    if (b.clicked) *selected = !*selected;
    if (visible(ui, r)) {
        if (*selected)
            pill(ui, r, t->accent, (ly_color){0}, t->on_accent, px, pad, s);
        else
            pill(ui, r, b.held || b.hover ? button_color(ui, b) : t->field, t->border, t->text, px,
                 pad, s);
    }
    return b.clicked;
}

void ly_ui_badge(ly_ui *ui, const char *text, ly_color bg, ly_color fg)
{
    float px = dp(ui, ui->theme.small_px), pad = dp(ui, 8);
    float h = dp(ui, ui->theme.badge_h), w = measure(ui->font, text, px) + 2 * pad;
    ly_ui_rect r = ui->same_line ? item(ui, fminf(w, avail(ui)), h) : flow_item(ui, w, h);
    top(ui)->flow = true;
    if (visible(ui, r)) pill(ui, r, bg, (ly_color){0}, fg, px, pad, text);
}

void ly_ui_bar(ly_ui *ui, float fraction, ly_color fill, ly_color rest, const char *label)
{
    if (label && *label) label_px(ui, label, ui->theme.small_px, ui->theme.text_secondary);
    float f = isfinite(fraction) ? fminf(fmaxf(fraction, 0), 1) : 0;
    ly_ui_rect r = item(ui, avail(ui), dp(ui, ui->theme.bar_h));
    if (!visible(ui, r)) return;
    float rad = 0.5f * r.h;
    ly_draw_round_rect(ui->dl, r.x, r.y, r.w, r.h, rad, rest);
    if (f > 0) ly_draw_round_rect(ui->dl, r.x, r.y, fmaxf(f * r.w, r.h), r.h, rad, fill);
}

/* Applies the queued edits to buf; returns whether it changed. */
static bool apply_edits(ly_ui *ui, char *buf, size_t cap)
{
    bool changed = false;
    size_t len = strnlen(buf, cap ? cap - 1 : 0);
    for (size_t i = 0; i < ui->n_edits;) {
        unsigned char c = (unsigned char)ui->edits[i];
        if (c == '\b') {
            /* one whole character: back over continuation bytes to its lead byte */
            if (len > 0) {
                do
                    len--;
                while (len > 0 && ((unsigned char)buf[len] & 0xC0) == 0x80);
                buf[len] = '\0';
                changed = true;
            }
            i++;
            continue;
        }
        if (c == '\r' || c < 0x20) {
            i++;
            continue;
        }
        size_t n = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
        if (i + n > ui->n_edits) break;
        /* only whole characters, and only while they fit */
        if (len + n < cap) {
            memcpy(buf + len, ui->edits + i, n);
            len += n;
            buf[len] = '\0';
            changed = true;
        }
        i += n;
    }
    ui->n_edits = 0;
    return changed;
}

void ly_ui_focus(ly_ui *ui, const char *label)
{
    ly_ui_id id = label ? ly_ui_get_id(ui, label) : 0;
    if (ui->focus != id) {
        ui->focus = id;
        ui->unsettled = true;
    }
}

bool ly_ui_text_field(ly_ui *ui, const char *label, char *buf, size_t cap, const char *hint)
{
    const ly_ui_theme *t = &ui->theme;
    assert(buf && cap > 0);
    ly_ui_id id = ly_ui_get_id(ui, label);
    ly_ui_rect r = item(ui, avail(ui), dp(ui, t->row_h));
    behave(ui, id, r, FOCUSABLE);
    bool changed = false, focused = ui->focus == id;
    if (focused) {
        ui->focus_seen = true;
        ui->focus_panel = ui->panel;
        ui->focus_buf = buf;
        ui->focus_cap = cap;
        changed = apply_edits(ui, buf, cap);
    }
    if (!visible(ui, r)) return changed;
    float k = dp(ui, focused ? 2 : 1), pad = dp(ui, 10), px = dp(ui, t->font_px);
    float rad = dp(ui, t->radius);
    ly_draw_round_rect(ui->dl, r.x, r.y, r.w, r.h, rad, focused ? t->accent : t->border);
    ly_draw_round_rect(ui->dl, r.x + k, r.y + k, r.w - 2 * k, r.h - 2 * k, rad - k, t->field);
    ly_ui_rect inner = {r.x + pad, r.y, r.w - 2 * pad, r.h};
    ly_ui_rect saved = ui->clip;
    ui->clip = intersect(ui->clip, inner);
    apply_clip(ui);
    float w = measure(ui->font, buf, px);
    /* the end of the text (where the caret is) always shows */
    float x = inner.x - fmaxf(0, w + dp(ui, 2) - inner.w);
    if (buf[0])
        text_at(ui, x, r.y, r.h, px, t->text, buf);
    else if (hint && !focused)
        text_at(ui, x, r.y, r.h, px, t->text_secondary, hint);
    if (focused && fmod(ui->time, 1.0) < 0.6) {
        float ch = 1.2f * px;
        ly_draw_rect(ui->dl, x + w, r.y + 0.5f * (r.h - ch), dp(ui, 1.5f), ch, t->caret);
    }
    ui->clip = saved;
    apply_clip(ui);
    return changed;
}

/* A keyboard key; returns whether it was tapped. */
static bool key(ly_ui *ui, const char *id, const char *cap, ly_ui_rect r)
{
    const ly_ui_theme *t = &ui->theme;
    behaviour b = behave(ui, ly_ui_get_id(ui, id), r, KEEPS_FOCUS);
    if (visible(ui, r)) {
        ly_draw_round_rect(ui->dl, r.x, r.y, r.w, r.h, dp(ui, 6),
                           b.held    ? t->button_down
                           : b.hover ? t->button_hot
                                     : t->key);
        float px = dp(ui, t->font_px + 3);
        text_at(ui, r.x + 0.5f * (r.w - measure(ui->font, cap, px)), r.y, r.h, px, t->text, cap);
    }
    return b.clicked;
}

/* Typing into the focused field: when it is drawn next (its buffer may be a copy
 * that lives only while it is drawn); the frame asks for that next frame. */
static void type(ly_ui *ui, const char *s)
{
    if (!ui->focus) return;
    push_edit(ui, s, strlen(s));
}

bool ly_ui_keyboard(ly_ui *ui, const char *label, const char *enter_caption,
                    const char *space_caption)
{
    static const char *rows[] = {"1234567890", "qwertyuiop", "asdfghjkl", "zxcvbnm"};
    float gap = dp(ui, 6), kh = dp(ui, ui->theme.key_h), W = avail(ui);
    float kw = (W - 9 * gap) / 10;
    ly_ui_rect r = item(ui, W, 5 * kh + 4 * gap);
    ly_ui_push_id(ui, label);
    bool enter = false;
    for (int row = 0; row < 4; row++) {
        float y = r.y + (float)row * (kh + gap);
        float x = r.x + (row == 2 ? 0.5f * (kw + gap) : 0);
        for (const char *c = rows[row]; *c; c++, x += kw + gap) {
            char id[8] = "key:", cap[2] = {*c, 0};
            id[4] = *c;
            id[5] = '\0';
            if (key(ui, id, cap, (ly_ui_rect){x, y, kw, kh})) type(ui, cap);
        }
        if (row == 3 && key(ui, "key:back", "\xE2\x86\x90", (ly_ui_rect){x, y, r.x + W - x, kh}))
            type(ui, "\b");
    }
    float y = r.y + 4 * (kh + gap), ew = 3 * kw + 2 * gap;
    if (key(ui, "key:space", space_caption ? space_caption : "", (ly_ui_rect){r.x, y, W - ew - gap, kh}))
        type(ui, " ");
    const char *cap = enter_caption ? enter_caption : "OK";
    if (key(ui, "key:enter", cap, (ly_ui_rect){r.x + W - ew, y, ew, kh}))
        enter = true;
    ly_ui_pop_id(ui);
    ui->last = r;
    return enter;
}
