/* Where every panel goes this frame. */
#include "layout.h"
#include "app.h"
#include "louyu/directory.h"
#include "louyu/ui.h"
#include "louyu/week.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

float ly_layout_measure(const ly_app *app, const char *text, float px)
{
    if (app->font)
        return ly_font_measure(app->font, text, px);
    size_t chars = 0;
    for (const unsigned char *p = (const unsigned char *)text; *p; p++)
        chars += (*p & 0xC0) != 0x80;
    return 0.55f * px * (float)chars;
}

bool ly_layout_meets(const ly_box *a, const ly_box *b)
{
    return a->x < b->x + b->w && b->x < a->x + a->w && a->y < b->y + b->h && b->y < a->y + a->h;
}

static ly_box box(float x, float y, float w, float h)
{
    return (ly_box){.x = x, .y = y, .w = w, .h = h, .shown = true};
}

/* A panel that sizes itself to its content, at (x, y, w) in dp: its height is what
 * its content took last frame; before its first frame, all the room below it (so
 * labels keep off where it is about to open). */
static ly_box fit_panel(const ly_app *app, const char *label, float x, float y, float w)
{
    float s = app->layout.s, h = ly_ui_panel_height(&app->ui, label) * s;
    if (h <= 0)
        h = fmaxf(0, (float)app->st.height - y * s);
    /* no lower than the window's bottom (less ui.c's edge): what is more scrolls */
    h = ly_ui_fit_height(h, (float)app->st.height - (y + LY_LAYOUT_EDGE) * s,
                         LY_UI_PANEL_LEAST * s);
    ly_box b = box(x * s, y * s, w * s, h);
    b.fit = true;
    return b;
}

/* ---- the rules that do not need the state -------------------------------------------- */

float ly_layout_fit_scale(float want, int width, int height)
{
    float fit = (float)(width < height ? width : height) * LY_KIOSK_SCALE / 1080; /* why: .h */
    return want <= 1 ? want : fmaxf(fmaxf(1, want / LY_KIOSK_SCALE), fminf(want, fit));
}

ly_card_room ly_layout_card_room(int width, int height, float scale)
{
    float s = scale > 0 ? scale : 1, space = (LY_LAYOUT_CARD_W + LY_LAYOUT_MARGIN) * s;
    ly_card_room r = {.card_x = (float)width - space, .card_bottom = LY_LAYOUT_CARD_CLEAR * s};
    r.beside = width > 2 * space;
    r.below = !r.beside && height > width;
    return r;
}

bool ly_layout_has_weeks(const ly_app *app)
{
    return app->scene.loaded && app->scene.district.n_weeks > 1 && !app->st.kiosk.on &&
           !app->st.picture_only;
}

void ly_layout_free_map(int width, int height, float scale, bool card, bool weeks,
                        float out[4])
{
    float s = scale > 0 ? scale : 1, W = (float)width, H = (float)height;
    /* the left column (title, toolbar, search); beside it at least 400 dp of map */
    bool column_beside = W / s >= LY_LAYOUT_SIDE_X + 400;
    out[0] = column_beside ? LY_LAYOUT_SIDE_X * s : LY_LAYOUT_MARGIN * s;
    out[1] = column_beside ? LY_LAYOUT_MARGIN * s : (LY_LAYOUT_SEARCH_Y + 60) * s;
    out[2] = W - LY_LAYOUT_MARGIN * s;
    out[3] = H - (weeks ? LY_LAYOUT_WEEKS_H + 24 : 52) * s; /* the slider, or the scale bar */
    if (card) {
        ly_card_room room = ly_layout_card_room(width, height, scale);
        if (room.beside)
            out[2] = fminf(out[2], room.card_x);
        else if (room.below)
            out[1] = fmaxf(out[1], room.card_bottom);
    }
    /* never less than a fifth of the window each way */
    if (out[2] - out[0] < 0.2f * W)
        out[0] = 0, out[2] = W;
    if (out[3] - out[1] < 0.2f * H)
        out[1] = 0, out[3] = H;
}

void ly_layout_title_text(const ly_app *app, const char **name, char *sub, size_t n)
{
    const ly_district *d = &app->scene.district;
    const ly_district_meta *mt = &d->meta;
    ly_lang lang = app->st.lang;
    *name = lang == LY_LANG_EN && mt->name_en ? mt->name_en : mt->name;
    /* a store shows a week: its name instead of the snapshot's date */
    char when[64];
    const char *date = ly_format_date(mt->data_date, lang, when, sizeof when);
    int week;
    if (d->n_weeks)
        date = ly_format_week(d->weeks[d->week], false, lang, when, sizeof when);
    else if (mt->week && ly_week_parse(mt->week, &week)) /* a store's export: its week */
        date = ly_format_week(week, false, lang, when, sizeof when);
    char count[32];
    ly_format_grouped((double)d->n_buildings, count, sizeof count);
    if (*name) {
        snprintf(sub, n, "%s%s%s %s%s%s", date ? date : "", date ? "  ·  " : "", count,
                 ly_str(d->n_buildings == 1 ? LY_S_BUILDING_1 : LY_S_BUILDINGS, lang),
                 mt->n_illustrative ? "  ·  " : "",
                 mt->n_illustrative ? ly_str(LY_S_ILLUSTRATIVE_DATA, lang) : "");
    } else {
        /* plain GeoJSON: the file's name */
        const char *src = d->source ? d->source : "";
        const char *slash = strrchr(src, '/');
        *name = slash ? slash + 1 : src;
        snprintf(sub, n, "%s %s", count,
                 ly_str(d->n_buildings == 1 ? LY_S_BUILDING_1 : LY_S_BUILDINGS, lang));
    }
}

/* ---- the panels ---------------------------------------------------------------------- */

static void title_box(ly_layout *L, const ly_app *app)
{
    const char *name;
    char sub[160];
    ly_layout_title_text(app, &name, sub, sizeof sub);
    float s = L->s, pad = 12 * s;
    float w = fmaxf(ly_layout_measure(app, name, 18 * s), ly_layout_measure(app, sub, 11.5f * s));
    w += 2 * pad;
    L->title = box(LY_LAYOUT_MARGIN * s, LY_LAYOUT_MARGIN * s, w, 18 * s + 11.5f * s + 2.4f * pad);
}

/* The always-there chrome: the compass, the "?" beside it, the scale bar's corner. */
static void chrome(ly_layout *L, const ly_app *app)
{
    float s = L->s, W = (float)L->width, H = (float)L->height, r = 22 * s;
    float cx = W - LY_LAYOUT_MARGIN * s - r, cy = LY_LAYOUT_MARGIN * s + r;
    L->compass = box(cx - r, cy - r, 2 * r, 2 * r);
    float hr = 0.72f * r, hx = cx - r - 12 * s - hr;
    L->help_button = box(hx - hr, cy - hr, 2 * hr, 2 * hr);
    L->help_button.shown = !app->st.kiosk.on && !app->st.map_image;
    L->scale_bar = box(0, H - 52 * s, 200 * s, 52 * s); /* (110 dp of bar, its length, a margin) */
    float ow = ly_layout_measure(app, ly_str(LY_S_OPERATIONS_BADGE, app->st.lang), 13 * s) + 20 * s;
    L->operations = box(0.5f * (W - ow), 12 * s, ow, 13 * s * 1.9f);
    L->operations.shown = app->st.operations && !app->st.map_image;
    /* the title stops short of the "?" and the compass (a phone's width): its text ends in … */
    float right = (L->help_button.shown ? L->help_button.x : L->compass.x) - 8 * s;
    L->title.w = fmaxf(fminf(L->title.w, right - L->title.x), 80 * s);
    /* a window too narrow for the badge between the title and the "?" (a phone) has it on
     * the title's top edge, a tab above its name (under the title it hid under panels) */
    if (L->operations.x < L->title.x + L->title.w + 8 * s ||
        L->operations.x + ow > right + 8 * s) {
        L->operations.x = L->title.x + 10 * s;
        L->operations.y = fmaxf(2 * s, L->title.y - 0.5f * L->operations.h);
    }
}

/* The left column's right edge (dp), and whether a keyboard of 350 dp or more fits right
 * of it in a window W dp wide (else the keyboard is in the middle, over the column). */
static float column_right(void)
{
    return LY_LAYOUT_MARGIN + LY_LAYOUT_COLUMN_W + LY_LAYOUT_GAP;
}

static bool keyboard_beside(float W)
{
    return W - LY_LAYOUT_MARGIN - column_right() >= 350;
}

/* The search's field, and its keyboard switch where it has one (dp). */
static float search_field_h(const ly_app *app)
{
    const ly_state *st = &app->st;
    return 68 + (st->kiosk.on || app->ui.touch || st->keyboard ? 44 : 0);
}

/* The search panel's top (dp): under the toolbar, which grows by a row on a desktop
 * (the export menu) and more while that menu is open; `fit`: no lower than leaves its
 * field in the window (the toolbar, 100 dp at least, stops above it and scrolls). */
static float search_y(const ly_app *app, bool fit)
{
    float th = ly_ui_panel_height(&app->ui, "lang");
    float y = th > 0 ? fmaxf(LY_LAYOUT_SEARCH_Y, LY_LAYOUT_TOOLBAR_Y + th + LY_LAYOUT_GAP)
                     : LY_LAYOUT_SEARCH_Y;
    float s = app->st.ui_scale > 0 ? app->st.ui_scale : 1, H = (float)app->st.height / s;
    if (fit)
        y = fminf(y, fmaxf(LY_LAYOUT_TOOLBAR_Y + 100 + LY_LAYOUT_GAP,
                           H - LY_LAYOUT_EDGE - search_field_h(app)));
    return y;
}

/* A window too short for the search's field and three results under the toolbar (with
 * the keyboard in the middle at the bottom, no room for it beside the column, that
 * keyboard's top is the bottom the results have). */
static bool search_short(const ly_layout *L, const ly_app *app)
{
    float H = (float)L->height / L->s, W = (float)L->width / L->s;
    float want = 230; /* the field and three results (ui.c's padding, rows and spacing) */
    float bottom = H - LY_LAYOUT_MARGIN;
    if (app->st.keyboard && !keyboard_beside(W))
        bottom = H - 300 - LY_LAYOUT_GAP;
    return bottom - search_y(app, true) < want;
}

/* While typing (the keyboard up, or a query in the focused field) in a short window, the
 * search takes the toolbar's place (the toolbar is back once a result is chosen or the
 * field left). */
static bool search_lifted(const ly_layout *L, const ly_app *app, bool was)
{
    /* a press on a result takes the focus from the field: the panel stays where it is
     * until that press is released (a click, or a drag through the results) */
    const ly_ui *ui = &app->ui;
    bool typing = ly_ui_wants_keyboard(ui) || (was && (ui->down || ui->released));
    return (app->st.keyboard || (app->st.query[0] && typing)) && search_short(L, app);
}

static void side_panels(ly_layout *L, const ly_app *app)
{
    const ly_state *st = &app->st;
    float s = L->s, W = (float)L->width / s, H = (float)L->height / s;
    bool open = !st->kiosk.touring, lifted = search_lifted(L, app, L->search_lifted);
    L->search_lifted = lifted;
    L->search_short = search_short(L, app);
    /* the column (title, toolbar, the search's field and switch) taller than the window: the
     * toolbar's first two buttons share a row (judged as if they did not, so that it holds) */
    L->compact_toolbar = (L->compact_toolbar ? 44 : 0) + search_y(app, false) +
                             search_field_h(app) >
                         H - LY_LAYOUT_EDGE;
    L->toolbar = fit_panel(app, "lang", LY_LAYOUT_MARGIN, LY_LAYOUT_TOOLBAR_Y, LY_LAYOUT_COLUMN_W);
    L->toolbar.shown = open && !lifted;
    float sy = lifted ? LY_LAYOUT_TOOLBAR_Y : search_y(app, true);
    /* a toolbar that would push the search's field out of the window stops above it */
    float tmax = (sy - LY_LAYOUT_GAP - LY_LAYOUT_TOOLBAR_Y) * s;
    if (!lifted && L->toolbar.h > tmax + 0.5f) {
        L->toolbar.h = tmax;
        L->toolbar.max_h = tmax;
    }
    L->search = fit_panel(app, "search", LY_LAYOUT_MARGIN, sy, LY_LAYOUT_COLUMN_W);
    L->search.shown = open;
    /* the keyboard: at the bottom in the middle; right of the column where it would cover
     * the field and a keyboard of 350 dp or more fits there */
    float kw = fminf(620, W - 2 * LY_LAYOUT_MARGIN), kx = 0.5f * (W - kw);
    float col = column_right();
    if (kx < col && keyboard_beside(W)) {
        kw = fminf(620, W - LY_LAYOUT_MARGIN - col);
        kx = col + 0.5f * (W - LY_LAYOUT_MARGIN - col - kw);
    }
    L->keyboard = fit_panel(app, "keyboard", kx, H - 300, kw);
    L->keyboard.shown = open && st->keyboard;
    /* the results stop above the scale bar, or above the keyboard where it is under them */
    L->search_room = H - 44 - sy;
    if (L->keyboard.shown && kx < col)
        L->search_room = fminf(L->search_room, H - 300 - LY_LAYOUT_GAP - sy);
    /* the finder: right of the column; on a narrow screen, as wide as fits */
    float fx = st->selected >= 0 ? LY_LAYOUT_SIDE_X : fmaxf(LY_LAYOUT_SIDE_X, W - 380);
    float fw = fminf(360, W - fx - LY_LAYOUT_GAP);
    if (st->selected >= 0) /* beside the card where that leaves it 260 dp or more */
        fw = fminf(fw, fmaxf(260, W - LY_LAYOUT_CARD_W - LY_LAYOUT_MARGIN - LY_LAYOUT_GAP - fx));
    if (L->phone) /* the window's width, over the column */
        fx = LY_LAYOUT_MARGIN, fw = W - 2 * LY_LAYOUT_MARGIN;
    L->finder = fit_panel(app, "finder", fx, LY_LAYOUT_TOP, fw);
    L->finder.shown = open && st->finder;
    /* the controls: two columns side by side (pointer and touch; keys), one under the
     * other only where even narrow ones do not fit */
    float hx = L->phone ? LY_LAYOUT_MARGIN : LY_LAYOUT_SIDE_X;
    float hw = fminf(380, 0.5f * (W - hx - LY_LAYOUT_MARGIN - LY_LAYOUT_GAP));
    bool side = hw >= 260; /* (narrower columns cut the keys' names) */
    if (!side)
        hw = W - hx - LY_LAYOUT_MARGIN;
    L->help = fit_panel(app, "help", hx, LY_LAYOUT_TOP, hw);
    float ky = LY_LAYOUT_TOP;
    if (!side)
        ky += ly_ui_panel_height(&app->ui, "help") - app->ui.theme.padding + 24;
    L->help_keys = fit_panel(app, "help-keys", side ? hx + hw + LY_LAYOUT_GAP : hx, ky, hw);
    L->help.shown = L->help_keys.shown = open && st->help && !st->kiosk.on;
    /* the kinds of place and the cameras' list: where the finder opens (one at a time) */
    float pw = L->phone ? fw : fminf(300, W - fx - LY_LAYOUT_GAP);
    L->places = fit_panel(app, "places", fx, LY_LAYOUT_TOP, pw);
    L->places.shown = open && st->places_panel;
    /* (the finder's width: a camera is named by its street and the way it looks, and
     * 320 dp cut "Xianggang Middle Road looking east") */
    L->cameras = fit_panel(app, "cameras", fx, LY_LAYOUT_TOP, fw);
    L->cameras.shown = open && st->operations && st->cameras_panel;
}

/* The cameras' live pictures: a row along the bottom, right of the left column (from the
 * window's edge on a phone, which has none) and left of the card, each a 4:3 picture
 * under its title line; as many to a row as are 150 dp wide, the rest in rows above. The
 * open list of cameras is not covered: the rows go left of it, or lower under it,
 * whichever leaves bigger pictures; where neither leaves them 150 dp wide the list waits
 * until they close. */
static void camera_views(ly_layout *L, const ly_app *app)
{
    const ly_state *st = &app->st;
    float s = L->s, W = (float)L->width / s, H = (float)L->height / s, G = LY_LAYOUT_GAP;
    int n = st->operations ? st->n_camera_views : 0;
    float x0 = L->phone ? LY_LAYOUT_MARGIN : LY_LAYOUT_SIDE_X;
    float x1 = W - LY_LAYOUT_MARGIN - (L->card.shown && !L->narrow ? LY_LAYOUT_CARD_W + 14 : 0);
    float bottom = H - LY_LAYOUT_MARGIN - (L->weeks.shown ? LY_LAYOUT_WEEKS_H + G : 44);
    int per_row = n > 0 ? n : 1;
    while (per_row > 1 && (x1 - x0 - (float)(per_row - 1) * G) / (float)per_row < 150)
        per_row--;
    int rows = (n + per_row - 1) / per_row;
    float gaps = (float)(per_row - 1) * G, rows_f = (float)(rows > 0 ? rows : 1);
    /* the pictures' width in a row from x0 to x1, as much as 300; each is w * 0.75 + 84
     * tall (the title, the picture, two lines of state) */
    float w = n ? fminf(300, (x1 - x0 - gaps) / (float)per_row) : 0;
    float top_w = w;
    const ly_box *list = &L->cameras;
    float tall = rows_f * (w * 0.75f + 84) + (rows_f - 1) * G;
    if (n && list->shown && (bottom - tall) * s < list->y + list->h &&
        x0 * s < list->x + list->w) {
        float left = fminf(300, (fminf(x1, list->x / s - G) - x0 - gaps) / (float)per_row);
        float room = bottom - (list->y + list->h) / s - G - (rows_f - 1) * G;
        float under = fminf(w, (room / rows_f - 84) / 0.75f);
        top_w = fmaxf(left, under);
        if (top_w < 150) {
            L->cameras.shown = false; /* (no room for both: the pictures, opened over it) */
            top_w = w;
        }
    }
    w = fmaxf(top_w, fminf(150, x1 - x0));
    float h = w * 0.75f + 84;
    for (int i = 0; i < 4; i++) {
        int col = i % per_row, row = i / per_row; /* (row 0 the top one) */
        float y = bottom - (rows_f - (float)row) * (h + G) + G;
        L->camera_view[i] = box((x0 + (float)col * (w + G)) * s, y * s, w * s, h * s);
        L->camera_view[i].shown = i < n && !st->kiosk.touring;
    }
}

/* A portrait screen's floor card (h dp tall): under the building's card and as wide, the
 * card kept above it (what no longer fits scrolls). Beside the card it had only the
 * column's 230 dp, every English name cut, the lower half of the screen empty. False where
 * the card would keep less than 260 dp, or its height is not known yet. */
static bool floor_card_under(ly_layout *L, float h)
{
    float s = L->s, H = (float)L->height / s;
    float most = H - LY_LAYOUT_EDGE - h - LY_LAYOUT_GAP - L->card.y / s; /* the card's */
    if (L->height <= L->width || L->card.h <= 0 || most < 260)
        return false;
    if (L->card.h > most * s) {
        L->card.h = most * s;
        L->card.max_h = most * s;
    }
    L->floor_card = box(L->card.x, L->card.y + L->card.h + LY_LAYOUT_GAP * s, L->card.w, h * s);
    return true;
}

/* The floor card: left of the building card; where that leaves no room, under the card on a
 * portrait screen (a portrait kiosk), else in the left column under the search panel. */
static void floor_card(ly_layout *L, const ly_app *app)
{
    const ly_state *st = &app->st;
    const ly_district *d = &app->scene.district;
    float s = L->s, W = (float)L->width / s;
    L->floor_card.shown = L->card.shown && st->plan.on && st->plan.floor_selected > 0;
    if (!L->floor_card.shown)
        return;
    float w = LY_LAYOUT_FLOOR_CARD_W, y = LY_LAYOUT_TOP;
    float x = W - LY_LAYOUT_MARGIN - LY_LAYOUT_CARD_W - 14 - w;
    bool under = !L->phone && x < LY_LAYOUT_SIDE_X;
    if (L->phone) { /* in the card's place, the card under it (ly_layout_compute) */
        x = LY_LAYOUT_MARGIN;
        w = W - 2 * LY_LAYOUT_MARGIN;
    } else if (x < LY_LAYOUT_SIDE_X) { /* over the column, which steps aside */
        x = LY_LAYOUT_MARGIN;
        w = fminf(w, L->card.x / s - LY_LAYOUT_GAP - x);
    }
    /* as tall as its lines: title, use, vacancy, the rent asked (where it has space), a
     * heading, the enterprises (six at most) */
    const ly_building *b = &d->buildings[st->selected];
    uint32_t idx[6];
    size_t total = ly_floor_enterprises(d, b, st->plan.floor_selected, idx, 6);
    size_t shown = total < 6 ? total : 6;
    const ly_floor_record *rec;
    ly_floor_state_of(d, b, st->plan.floor_selected, &rec);
    bool agreed;
    bool rent = ly_floor_card_rent(b, rec, &agreed) > 0 || agreed;
    float h = 2 * 14 + 18 + 2 * 20 + (rent ? 20 : 0) + 24 + (float)(shown ? shown : 1) * 19 +
              (total > 6 ? 19 : 0);
    if (!under || !floor_card_under(L, h))
        L->floor_card = box(x * s, y * s, w * s, h * s);
}

static void dashboard(ly_layout *L, const ly_app *app)
{
    float s = L->s, W = (float)L->width / s, H = (float)L->height / s;
    /* a store's weeks add a row: the trend and this week's changes */
    bool weeks = app->scene.district.n_weeks > 1;
    float x = LY_LAYOUT_SIDE_X, y = LY_LAYOUT_TOP, right = W - 300 + LY_LAYOUT_SIDE_X;
    /* beside the panels open with it, not over them: the card on the right, and the
     * finder's column (the finder, places, cameras), right of it or left of the card */
    if (L->card.shown && !L->narrow)
        right = fminf(right, L->card.x / s - LY_LAYOUT_GAP);
    const ly_box *beside[] = {&L->finder, &L->places, &L->cameras};
    for (int i = 0; i < 3; i++) {
        if (!beside[i]->shown)
            continue;
        if (beside[i]->x / s > x + 1)
            right = fminf(right, beside[i]->x / s - LY_LAYOUT_GAP);
        else
            x = fmaxf(x, (beside[i]->x + beside[i]->w) / s + LY_LAYOUT_GAP);
    }
    float w = fminf(760, right - x);
    float h = weeks ? fminf(600, H - LY_LAYOUT_TOP - LY_LAYOUT_WEEKS_H - 36) : fminf(470, H - 110);
    if (L->phone) { /* the window's width, over the column */
        x = LY_LAYOUT_MARGIN;
        w = W - 2 * LY_LAYOUT_MARGIN;
        h = fminf(560, H - y - 70);
    } else if (w < 520 && L->height > L->width) {
        /* a portrait screen: the screen's width, under the side panels and the card */
        x = LY_LAYOUT_MARGIN;
        y = L->card.shown ? fmaxf(420, (L->card.y + L->card.h) / s + LY_LAYOUT_GAP) : 420;
        w = fminf(760, W - 2 * LY_LAYOUT_MARGIN);
        h = fminf(560, H - y - 70);
    }
    L->dashboard = box(x * s, y * s, w * s, h * s);
    /* too small a window for charts */
    L->dashboard.shown = app->st.dashboard && !app->st.kiosk.touring && w >= 300 && h >= 260;
}

static bool toast_is_export(const ly_state *st)
{
    return st->exported.text[0] && (!st->run.status[0] || st->exported.shown_t >= st->run.shown_t);
}

int ly_layout_toast_lines(const ly_app *app, const char *text, float px, float room,
                          char (*lines)[400], float *width)
{
    ly_ui_line at[LY_TOAST_LINES];
    size_t n = ly_ui_wrap(app->font, text, px, room, at, LY_TOAST_LINES);
    int shown = n < LY_TOAST_LINES ? (int)n : LY_TOAST_LINES;
    *width = 0;
    for (int k = 0; k < shown; k++) {
        size_t len = at[k].len < sizeof lines[k] - 1 ? at[k].len : sizeof lines[k] - 1;
        memcpy(lines[k], text + at[k].start, len);
        lines[k][len] = '\0';
        float w = at[k].width;
        if (k == shown - 1 && n > (size_t)shown) { /* the rest is in the log */
            char rest[400], fit[400];
            snprintf(rest, sizeof rest, "%s", text + at[k].start);
            snprintf(lines[k], sizeof lines[k], "%s",
                     ly_ui_fit(app->font, rest, px, room, fit, sizeof fit));
            w = room;
        }
        *width = fmaxf(*width, w);
    }
    return shown;
}

bool ly_layout_toast_ok(const ly_app *app)
{
    return toast_is_export(&app->st) ? app->st.exported.ok : app->st.run.ok;
}

void ly_layout_toast_text(const ly_app *app, char *buf, size_t n)
{
    if (toast_is_export(&app->st)) {
        snprintf(buf, n, "%s", app->st.exported.text);
        return;
    }
    const ly_run_note *rn = &app->st.run;
    if (rn->ok && rn->left_out) {
        snprintf(buf, n, ly_str(rn->left_out == 1 ? LY_S_LEFT_OUT_1 : LY_S_LEFT_OUT, app->st.lang),
                 rn->name, rn->count, rn->left_out);
        return;
    }
    ly_string_id id = rn->ok           ? LY_S_RELOADED
                      : rn->unreadable ? LY_S_RELOAD_UNREADABLE
                      : rn->count == 1 ? LY_S_RELOAD_FAILED_1
                                       : LY_S_RELOAD_FAILED;
    snprintf(buf, n, ly_str(id, app->st.lang), rn->name, rn->count);
}

bool ly_layout_notice_text(const ly_app *app, const char **big, const char **small)
{
    const ly_state *st = &app->st;
    if (st->opening.on && !app->scene.loaded) {
        /* the first open of a big file: the file, the stage and how far, over a bar */
        static char title[256], stage[160];
        snprintf(title, sizeof title, ly_str(LY_S_OPENING, st->lang), st->opening.name);
        snprintf(stage, sizeof stage, "%s … %d %% · %.0f s",
                 ly_stage_name(st->opening.stage, st->lang), (int)(100 * st->opening.fraction),
                 st->time - st->opening.started);
        *big = title;
        *small = stage;
        return true;
    }
    if (ly_app_out_of_service(app)) {
        /* calm, in both languages, instead of an error to the public (a file without
         * buildings included: its hint is for whoever made it) */
        *big = ly_str(LY_S_OUT_OF_SERVICE, LY_LANG_ZH);
        *small = ly_str(LY_S_OUT_OF_SERVICE, LY_LANG_EN);
        return true;
    }
    if (app->scene.loaded && !app->scene.district.n_buildings) {
        *big = ly_str(LY_S_NO_BUILDINGS, app->st.lang);
        *small = ly_str(app->scene.district.meta.cityjson ? LY_S_NO_BUILDINGS_HINT_CITYJSON
                                                          : LY_S_NO_BUILDINGS_HINT,
                        app->st.lang);
        return true;
    }
    return false;
}

/* What the window says on its own: a reload's toast; the kiosk's "out of service";
 * a district without buildings. */
static void notices(ly_layout *L, const ly_app *app)
{
    const ly_state *st = &app->st;
    float s = L->s, W = (float)L->width, H = (float)L->height;
    L->toast.shown = toast_is_export(st) ? st->time - st->exported.shown_t < 8.0
                                         : st->run.status[0] && st->time - st->run.shown_t < 8.0;
    if (L->toast.shown) {
        char toast[1400], lines[LY_TOAST_LINES][400];
        ly_layout_toast_text(app, toast, sizeof toast);
        /* a long message (a refused report's first error) wraps, up to four lines */
        L->toast_room = fminf(W - 48 * s, 640 * s);
        float w = 0;
        int n = ly_layout_toast_lines(app, toast, 11.5f * s, L->toast_room, lines, &w);
        float more = (float)(n > 1 ? n - 1 : 0) * 16 * s;
        w += 20 * s;
        L->toast = box(fmaxf(W - 20 * s - w, 8 * s), H - 44 * s - more, w, 24 * s + more);
        if (L->weeks.shown) /* above the slider */
            L->toast.y = L->weeks.y - 32 * s - more;
    }
    const char *big, *small;
    L->notice.shown = ly_layout_notice_text(app, &big, &small);
    if (L->notice.shown) {
        bool bar = st->opening.on && !app->scene.loaded;
        float big_px = bar ? 18 * s : 26 * s, h = bar ? 128 * s : 104 * s;
        float w = fmaxf(ly_layout_measure(app, big, big_px), ly_layout_measure(app, small, 16 * s));
        w += 64 * s;
        w = fminf(w, W - 16 * s);
        float x = 0.5f * (W - w), side = LY_LAYOUT_SIDE_X * s, beside = W - side - 16 * s;
        /* clear of the left column where it fits beside it (its text a little smaller where
         * need be: ly_view_notice fits it) */
        if (L->toolbar.shown && x < side && beside >= 0.7f * w) {
            w = fminf(w, beside);
            x = side + 0.5f * (W - side - w);
        }
        L->notice = box(x, 0.5f * (H - h), w, h);
    }
    float bw = fminf(760 * s, W - 40 * s), bh = 112 * s;
    L->tour = box(0.5f * (W - bw), H - bh - 28 * s, bw, bh);
    L->tour.shown = st->kiosk.touring;
    if (L->tour.shown && ly_layout_meets(&L->tour, &L->scale_bar)) /* (a portrait kiosk's banner) */
        L->scale_bar.shown = false;
    /* a reload's toast above the tour's banner (it had been drawn under it, unread) */
    if (L->tour.shown && L->toast.shown && ly_layout_meets(&L->toast, &L->tour))
        L->toast.y = fminf(L->toast.y, L->tour.y - 8 * s - L->toast.h);
}

/* The week slider: along the bottom, right of the scale bar, left of a card that
 * reaches down to it; where that is too narrow, above the scale bar. */
static void weeks(ly_layout *L, const ly_app *app)
{
    float s = L->s, W = (float)L->width, H = (float)L->height;
    float x0 = 280 * s, x1 = W - LY_LAYOUT_MARGIN * s, h = LY_LAYOUT_WEEKS_H * s;
    float y = H - h - 12 * s;
    bool card = L->card.shown && L->card.x > x0 && L->card.y + L->card.h > y - LY_LAYOUT_GAP * s;
    if (card)
        x1 = fminf(x1, L->card.x - LY_LAYOUT_GAP * s);
    if (x1 - x0 < 360 * s) { /* a narrow window: above the scale bar, left of the card */
        x0 = LY_LAYOUT_MARGIN * s;
        y -= 40 * s;
        if (x1 - x0 < 360 * s) /* no room beside the card either: the whole width */
            x1 = W - LY_LAYOUT_MARGIN * s;
    }
    float w = fminf(x1 - x0, LY_LAYOUT_WEEKS_W * s);
    L->weeks = box(x0 + 0.5f * (x1 - x0 - w), y, w, h);
    L->weeks.shown = ly_layout_has_weeks(app) && !app->st.kiosk.touring;
    /* never over another panel (the keyboard's keys, the finder's results, a card that
     * reaches the bottom of a small window): there it waits until they close */
    const ly_box *others[] = {&L->toolbar, &L->search,     &L->keyboard,   &L->finder,
                              &L->help,    &L->help_keys,  &L->card,       &L->floor_card,
                              &L->dashboard, &L->places,   &L->cameras,    &L->color_legend,
                              &L->plan_legend, &L->walk_legend};
    for (size_t i = 0; L->weeks.shown && i < sizeof others / sizeof *others; i++) {
        const ly_box *o = others[i];
        if (o->shown && o->x < L->weeks.x + L->weeks.w && L->weeks.x < o->x + o->w &&
            o->y < L->weeks.y + L->weeks.h && L->weeks.y < o->y + o->h)
            L->weeks.shown = false;
    }
}

static void admin(ly_layout *L, const ly_app *app)
{
    const ly_admin *a = &app->st.admin;
    float s = L->s, W = (float)L->width / s, H = (float)L->height / s;
    L->admin.shown = app->st.kiosk.on && a->open != LY_ADMIN_CLOSED;
    if (a->open == LY_ADMIN_PAD) {
        float key_h = ly_layout_pad_key_h(L), w = 3 * 76 + 2 * 10 + 2 * 20;
        float total = 150 + 4 * (key_h + 10); /* title, hint, keys, cancel, padding */
        L->admin = fit_panel(app, "admin-pad", fmaxf(0, 0.5f * (W - w)),
                             fmaxf(0, 0.5f * (H - total)), w);
    } else {
        float w = fminf(600, W - 2 * LY_LAYOUT_MARGIN);
        L->admin = fit_panel(app, "admin-status", fmaxf(0, 0.5f * (W - w)),
                             fmaxf(0, 0.5f * (H - 440)), w);
    }
    L->admin.shown = app->st.kiosk.on && a->open != LY_ADMIN_CLOSED;
}

float ly_layout_pad_key_h(const ly_layout *L)
{
    /* keys 60 dp tall where there is room, smaller on a short screen at kiosk scale */
    return fmaxf(36, fminf(60, ((float)L->height / L->s - 24 - 200) / 4 - 10));
}

/* Panels that open never lie over each other: of two that meet, the one opened over the
 * other shows (the controls' help, a floor's card, the building's card, the finder, the
 * places, the cameras, the dashboard, in that order) and the other waits under it until
 * it closes; the column (toolbar, search) steps aside for any of them over it. A wide
 * window has room for them side by side; a narrow one (a phone) shows one at a time. */
/* The finder's column (the finder, places, cameras) meeting the card: under the card (and
 * the floor card under it), as wide, where 300 dp or more are left below (a portrait
 * screen), else it waits (stack). */
static void under_card(ly_layout *L, const ly_app *app)
{
    if (!L->card.shown || L->phone)
        return;
    float s = L->s, H = (float)L->height / s;
    float y = (L->card.y + L->card.h) / s + LY_LAYOUT_GAP;
    const ly_box *fc = &L->floor_card; /* (a portrait screen's, under the card: below it) */
    if (fc->shown && fc->y > L->card.y + L->card.h - 0.5f && fabsf(fc->x - L->card.x) < 0.5f)
        y = (fc->y + fc->h) / s + LY_LAYOUT_GAP;
    if (H - y - LY_LAYOUT_EDGE < 300)
        return;
    ly_box *col[] = {&L->finder, &L->places, &L->cameras};
    const char *label[] = {"finder", "places", "cameras"};
    for (int i = 0; i < 3; i++) {
        if (!col[i]->shown || !ly_layout_meets(col[i], &L->card))
            continue;
        *col[i] = fit_panel(app, label[i], L->card.x / s, y, L->card.w / s);
        col[i]->shown = true;
    }
}

static void stack(ly_layout *L)
{
    ly_box *order[] = {&L->help, &L->floor_card, &L->card, &L->finder, &L->places, &L->cameras,
                       &L->dashboard};
    enum { N = sizeof order / sizeof *order };
    for (int i = 0; i < N; i++) {
        if (!order[i]->shown)
            continue;
        for (int k = 0; k < i; k++) {
            bool meet = order[k]->shown && ly_layout_meets(order[i], order[k]);
            if (order[k] == &L->help) /* (its keys' column too) */
                meet |= L->help_keys.shown && ly_layout_meets(order[i], &L->help_keys);
            if (meet) {
                order[i]->shown = false;
                break;
            }
        }
    }
    for (int i = 0; i < N; i++) {
        bool over = order[i]->shown && (ly_layout_meets(order[i], &L->toolbar) ||
                                         ly_layout_meets(order[i], &L->search));
        over |= order[i] == &L->help && L->help_keys.shown &&
                (ly_layout_meets(&L->help_keys, &L->toolbar) ||
                 ly_layout_meets(&L->help_keys, &L->search));
        if (over)
            L->toolbar.shown = L->search.shown = false;
    }
}

/* A phone's upright map: the card keeps to the upper part, the lower part left to the
 * building it is about (the rest of the card scrolls). It had come down to the bottom,
 * and the building had stayed under it: no room below to slide it to. */
static void phone_card(ly_layout *L, const ly_state *st)
{
    float H = (float)st->height, s = L->s;
    float most = H - fmaxf(0.42f * H, 220 * s) - LY_LAYOUT_TOP * s;
    if (L->phone && st->height > st->width && L->card.h > most &&
        most >= 3 * LY_UI_PANEL_LEAST * s) {
        L->card.h = most;
        L->card.max_h = most;
    }
}

void ly_layout_compute(ly_layout *L, const ly_app *app)
{
    const ly_state *st = &app->st;
    /* last frame's: what the toolbar's height shows, where the search was */
    bool compact = L->compact_toolbar, lifted = L->search_lifted;
    memset(L, 0, sizeof *L);
    L->compact_toolbar = compact;
    L->search_lifted = lifted;
    L->phone = (float)st->width / (st->ui_scale > 0 ? st->ui_scale : 1) < LY_LAYOUT_PHONE_W;
    L->width = st->width;
    L->height = st->height;
    L->s = st->ui_scale > 0 ? st->ui_scale : 1;
    ly_card_room room = ly_layout_card_room(st->width, st->height, L->s);
    L->narrow = room.below;
    ly_layout_free_map(st->width, st->height, L->s, st->selected >= 0, ly_layout_has_weeks(app),
                       L->free);
    /* (a kiosk on a district without buildings is out of service: no panels, no map's
     * furniture, as with no district at all) */
    bool loaded = app->scene.loaded && !ly_app_out_of_service(app);
    if (loaded) {
        title_box(L, app);
        chrome(L, app);
        side_panels(L, app);
        float W = (float)st->width / L->s;
        L->card = L->phone ? fit_panel(app, "card", LY_LAYOUT_MARGIN, LY_LAYOUT_TOP,
                                       W - 2 * LY_LAYOUT_MARGIN)
                           : fit_panel(app, "card", W - LY_LAYOUT_CARD_W - LY_LAYOUT_MARGIN,
                                       LY_LAYOUT_TOP, LY_LAYOUT_CARD_W);
        L->card.shown = st->selected >= 0 && !st->kiosk.touring;
        phone_card(L, st);
        floor_card(L, app);
        under_card(L, app);
        dashboard(L, app);
        stack(L);
        /* the scale bar: right of the column where the search panel comes down to it */
        bool panels = !st->map_image; /* (a map image draws none) */
        if (panels && L->search.shown && L->search.y + L->search.h > L->scale_bar.y)
            L->scale_bar.x = (column_right() - 12) * L->s;
        /* and none where a panel still covers it */
        const ly_box *over[] = {&L->toolbar, &L->search,   &L->keyboard, &L->card,
                                &L->floor_card, &L->finder, &L->places,  &L->cameras,
                                &L->dashboard, &L->help,    &L->help_keys};
        for (size_t i = 0; i < sizeof over / sizeof *over; i++)
            if (panels && over[i]->shown && ly_layout_meets(over[i], &L->scale_bar))
                L->scale_bar.shown = false;
        ly_layout_legends(L, app);
        weeks(L, app);
        /* (the week slider beside the column, where the search panel pushed the scale bar
         * out to it: the slider is the one used) */
        if (panels && L->weeks.shown && ly_layout_meets(&L->weeks, &L->scale_bar))
            L->scale_bar.shown = false;
        camera_views(L, app);
    }
    notices(L, app);
    admin(L, app);
}
