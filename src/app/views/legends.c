/* The legends at the bottom left: the colour-by mode's classes with their counts; above
 * them, while the stacking plan is shown, what its colours mean; and above those, while
 * the walking areas are on the map, which tint is 5, 10 or 15 minutes on foot. */
#include "view.h"
#include "louyu/stacking.h"

#include <math.h>

/* A legend panel: a title over rows of a colour swatch and a label. */
static void swatches(const ly_view_ctx *c, const ly_box *b, const char *title, int rows,
                     const unsigned char (*rgb)[3], const char *const *labels)
{
    float s = c->L->s, pad = 10 * s, row = 20 * s;
    ly_drawlist *dl = c->dl;
    ly_draw_shadow(dl, b->x, b->y + 2 * s, b->w, b->h, 10 * s, 8 * s, 2 * s + 1,
                   ly_rgba(20, 30, 50, 50));
    ly_draw_round_rect(dl, b->x, b->y, b->w, b->h, 10 * s, ly_rgba(255, 255, 255, 240));
    ly_draw_text(dl, floorf(b->x + pad), floorf(b->y + pad + 12 * s), 13 * s,
                 ly_rgba(30, 36, 48, 255), title);
    for (int i = 0; i < rows; i++) {
        float ry = b->y + pad + 18 * s + (float)i * row;
        ly_draw_round_rect(dl, b->x + pad, ry + 4 * s, 14 * s, 12 * s, 3 * s,
                           ly_rgba(rgb[i][0], rgb[i][1], rgb[i][2], 255));
        ly_draw_text(dl, floorf(b->x + pad + 22 * s), floorf(ry + 14.5f * s), 12 * s,
                     ly_rgba(60, 66, 80, 255), labels[i]);
    }
}

static void color_legend(const ly_view_ctx *c)
{
    char text[LY_COLORBY_MAX_CLASSES + 1][120];
    unsigned char rgb[LY_COLORBY_MAX_CLASSES + 1][3];
    int rows = ly_layout_color_legend(c->app, text, rgb);
    const char *labels[LY_COLORBY_MAX_CLASSES + 1];
    for (int i = 0; i < rows; i++)
        labels[i] = text[i];
    swatches(c, &c->L->color_legend, ly_color_mode_title(c->app->st.color_mode, c->app->st.lang),
             rows, (const unsigned char(*)[3])rgb, labels);
}

static void plan_legend(const ly_view_ctx *c)
{
    const char *labels[LY_FLOOR_STATES];
    unsigned char rgb[LY_FLOOR_STATES][3];
    for (int i = 0; i < LY_FLOOR_STATES; i++) {
        labels[i] = ly_view_str(c, ly_floor_state_name((ly_floor_state)i));
        const uint8_t *col = ly_floor_state_color((ly_floor_state)i);
        for (int k = 0; k < 3; k++)
            rgb[i][k] = col[k];
    }
    swatches(c, &c->L->plan_legend, ly_view_str(c, LY_S_STACKING_PLAN), LY_FLOOR_STATES,
             (const unsigned char(*)[3])rgb, labels);
}

static void walk_legend(const ly_view_ctx *c)
{
    char text[3][120];
    unsigned char rgb[3][3];
    int rows = ly_layout_walk_legend(c->app, text, rgb);
    const char *labels[3];
    for (int i = 0; i < rows; i++)
        labels[i] = text[i];
    swatches(c, &c->L->walk_legend, ly_view_str(c, LY_S_WALK_KEY), rows,
             (const unsigned char(*)[3])rgb, labels);
}

ly_view_out ly_view_legends(const ly_view_ctx *c)
{
    const ly_layout *L = c->L;
    if (L->color_legend.shown)
        color_legend(c);
    if (L->plan_legend.shown)
        plan_legend(c);
    if (L->walk_legend.shown)
        walk_legend(c);
    return (ly_view_out){.drew = L->color_legend.shown || L->plan_legend.shown ||
                                 L->walk_legend.shown};
}
