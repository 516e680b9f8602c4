/* Where the legends at the bottom left go: the colour-by mode's classes; above them, while
 * the stacking plan is shown, what its colours mean; and above those, while the walking
 * areas are on the map, which is 5, 10 or 15 minutes (views/legends.c draws them).
 * Part of the layout (layout.h), in a file of its own. */
#include "layout.h"
#include "app.h"
#include "commands.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

int ly_layout_color_legend(const ly_app *app, char (*text)[120], unsigned char (*rgb)[3])
{
    const ly_colorby *cb = &app->dv.colorby;
    if (app->st.color_mode == LY_COLOR_NONE)
        return 0;
    int rows = cb->n_classes + (cb->no_data.count ? 1 : 0);
    for (int i = 0; i < rows; i++) {
        const ly_colorby_class *c = i < cb->n_classes ? &cb->classes[i] : &cb->no_data;
        snprintf(text[i], 120, "%s  (%zu)", c->label, c->count);
        memcpy(rgb[i], c->rgb, 3);
    }
    return rows;
}

/* A legend at the left whose bottom edge is `bottom`: a title over rows of a swatch
 * and a label. */
static ly_box legend_box(const ly_app *app, float s, float bottom, const char *title, int rows,
                         const char *const *labels)
{
    float px = 12 * s, pad = 10 * s, w = ly_layout_measure(app, title, 13 * s);
    for (int i = 0; i < rows; i++)
        w = fmaxf(w, 22 * s + ly_layout_measure(app, labels[i], px));
    float h = 2 * pad + 18 * s + (float)rows * 20 * s;
    return (ly_box){.x = LY_LAYOUT_MARGIN * s, .y = bottom - h, .w = w + 2 * pad, .h = h,
                    .shown = true};
}

int ly_layout_walk_legend(const ly_app *app, char (*text)[120], unsigned char (*rgb)[3])
{
    if (!app->dv.areas_shown)
        return 0;
    for (int i = 0; i < 3; i++)
        snprintf(text[i], 120, ly_str(LY_S_WALK_KEY_ROW, app->st.lang),
                 ly_surroundings_area(i, rgb[i]));
    return 3;
}

/* Each legend's box, one above the other up from the bottom left (the colours lowest). */
static void stacked(ly_layout *L, const ly_app *app)
{
    const ly_state *st = &app->st;
    float s = L->s, bottom = (float)L->height - 62 * s;
    char text[LY_COLORBY_MAX_CLASSES + 1][120];
    uint8_t rgb[LY_COLORBY_MAX_CLASSES + 1][3];
    int rows = ly_layout_color_legend(app, text, rgb);
    const char *labels[LY_COLORBY_MAX_CLASSES + 1] = {0};
    for (int i = 0; i < rows; i++)
        labels[i] = text[i];
    L->color_legend = legend_box(app, s, bottom, ly_color_mode_title(st->color_mode, st->lang),
                                 rows, labels);
    L->color_legend.shown = rows > 0;
    if (rows > 0)
        bottom = L->color_legend.y - 10 * s;
    const char *plan[LY_FLOOR_STATES];
    for (int i = 0; i < LY_FLOOR_STATES; i++)
        plan[i] = ly_str(ly_floor_state_name((ly_floor_state)i), st->lang);
    L->plan_legend = legend_box(app, s, bottom, ly_str(LY_S_STACKING_PLAN, st->lang),
                                LY_FLOOR_STATES, plan);
    L->plan_legend.shown = st->plan.on && st->selected >= 0;
    if (L->plan_legend.shown)
        bottom = L->plan_legend.y - 10 * s;
    rows = ly_layout_walk_legend(app, text, rgb);
    for (int i = 0; i < rows; i++)
        labels[i] = text[i];
    L->walk_legend = legend_box(app, s, bottom, ly_str(LY_S_WALK_KEY, st->lang), rows, labels);
    L->walk_legend.shown = rows > 0;
}

bool ly_layout_legends_bounds(const ly_layout *L, float out[4])
{
    const ly_box *leg[] = {&L->color_legend, &L->plan_legend, &L->walk_legend};
    out[0] = out[1] = INFINITY;
    out[2] = out[3] = -INFINITY;
    bool any = false;
    for (int i = 0; i < 3; i++)
        if (leg[i]->shown) {
            out[0] = fminf(out[0], leg[i]->x), out[1] = fminf(out[1], leg[i]->y);
            out[2] = fmaxf(out[2], leg[i]->x + leg[i]->w);
            out[3] = fmaxf(out[3], leg[i]->y + leg[i]->h);
            any = true;
        }
    return any;
}

/* Whether b meets any of the n shown boxes. */
static bool meets_any(const ly_box *b, const ly_box *const *boxes, size_t n)
{
    for (size_t k = 0; k < n; k++)
        if (boxes[k]->shown && ly_layout_meets(boxes[k], b))
            return true;
    return false;
}

void ly_layout_legends(ly_layout *L, const ly_app *app)
{
    float s = L->s;
    stacked(L, app);
    /* a legend that would reach up behind the left column (a short window, or legends one
     * above the other) goes beside it at the bottom instead: right of the column, or right
     * of the legends below */
    float column = 0;
    const ly_box *col[] = {&L->toolbar, &L->search};
    for (int i = 0; i < 2; i++)
        if (col[i]->shown)
            column = fmaxf(column, col[i]->y + col[i]->h);
    ly_box *leg[] = {&L->color_legend, &L->plan_legend, &L->walk_legend};
    enum { N = sizeof leg / sizeof *leg };
    float floor_y = (float)L->height - 62 * s;
    for (int i = 0; i < N; i++) {
        ly_box *b = leg[i];
        if (!b->shown || b->y >= column + LY_LAYOUT_GAP * s)
            continue;
        b->y = floor_y - b->h;
        b->x = LY_LAYOUT_MARGIN * s;
        for (int k = 0; k < i; k++)
            if (leg[k]->shown)
                b->x = fmaxf(b->x, leg[k]->x + leg[k]->w + LY_LAYOUT_GAP * s);
        if (b->y < column + LY_LAYOUT_GAP * s) /* still taller than the room: beside it */
            b->x = fmaxf(b->x, LY_LAYOUT_SIDE_X * s);
    }
    /* none under a floor's card that opened where the column was (the card says its
     * floor's state itself), nor half under the building's card, the dashboard or a panel
     * that opened right of the column, in a window too small for both (720 x 480:
     * "Stacking plan" and "Partly vacant" were cut off; a phone's dashboard covered the
     * colours' title), nor off the window's right edge */
    float bx[4];
    ly_box selected = {.shown = ly_app_building_box(app, app->st.selected, bx)};
    if (selected.shown)
        selected.x = bx[0], selected.y = bx[1], selected.w = bx[2] - bx[0],
        selected.h = bx[3] - bx[1];
    const ly_box *sel[] = {&selected};
    const ly_box *over[] = {&L->floor_card, &L->card,   &L->dashboard, &L->finder,
                            &L->places,     &L->cameras, &L->help,      &L->help_keys,
                            &L->keyboard};
    for (int i = 0; i < N; i++) {
        if (!leg[i]->shown)
            continue;
        /* one that meets a panel first tries the bottom row, right of the legends there (a
         * phone's card had hidden the walking areas' key above two others) */
        if (meets_any(leg[i], over, sizeof over / sizeof *over)) {
            ly_box low = *leg[i];
            low.y = floor_y - low.h;
            low.x = LY_LAYOUT_MARGIN * s;
            if (meets_any(&low, col, 2)) /* (the column reaches down: beside it) */
                low.x = LY_LAYOUT_SIDE_X * s;
            for (int k = 0; k < N; k++)
                if (k != i && leg[k]->shown && leg[k]->y < low.y + low.h &&
                    low.y < leg[k]->y + leg[k]->h)
                    low.x = fmaxf(low.x, leg[k]->x + leg[k]->w + LY_LAYOUT_GAP * s);
            /* (nor over the selected building: a phone's stacking plan had gone right of the
             * colours' legend, over the tower whose plan it keys) */
            if (!meets_any(&low, over, sizeof over / sizeof *over) && !meets_any(&low, col, 2) &&
                low.x + low.w <= (float)L->width && !meets_any(&low, sel, 1))
                *leg[i] = low;
        }
        leg[i]->shown &= !meets_any(leg[i], over, sizeof over / sizeof *over);
        leg[i]->shown &= leg[i]->x + leg[i]->w <= (float)L->width;
    }
}
