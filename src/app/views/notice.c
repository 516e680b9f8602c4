/* What the window says on its own: the toast after a reload (bottom right, red
 * when the new data was refused), and a calm card in the middle when there is
 * nothing to show: a kiosk out of service, or a district without buildings. */
#include "view.h"

#include <math.h>

static void toast(const ly_view_ctx *c)
{
    const ly_box *b = &c->L->toast;
    char text[1400], lines[LY_TOAST_LINES][400];
    ly_layout_toast_text(c->app, text, sizeof text);
    float s = c->L->s, w;
    int n = ly_layout_toast_lines(c->app, text, 11.5f * s, c->L->toast_room, lines, &w);
    ly_draw_round_rect(c->dl, b->x, b->y, b->w, b->h, 6 * s,
                       ly_layout_toast_ok(c->app) ? ly_rgba(32, 38, 50, 220)
                                                  : ly_rgba(170, 40, 30, 230));
    for (int k = 0; k < n; k++)
        ly_draw_text(c->dl, floorf(b->x + 10 * s), floorf(b->y + 16 * s + (float)k * 16 * s),
                     11.5f * s, ly_rgba(255, 255, 255, 255), lines[k]);
}

static void notice(const ly_view_ctx *c)
{
    const ly_box *b = &c->L->notice;
    const char *big, *small;
    ly_layout_notice_text(c->app, &big, &small);
    ly_font *font = c->app->font;
    bool opening = c->app->st.opening.on && !c->app->scene.loaded;
    float s = c->L->s, pb = opening ? 18 * s : 26 * s, ps = 16 * s;
    /* (smaller where the card is narrower than its lines: beside the left column) */
    float widest = fmaxf(ly_font_measure(font, big, pb), ly_font_measure(font, small, ps));
    float k = widest > b->w - 48 * s ? (b->w - 48 * s) / widest : 1;
    pb *= k;
    ps *= k;
    ly_draw_shadow(c->dl, b->x, b->y, b->w, b->h, 18 * s, 24 * s, 1, ly_rgba(0, 0, 0, 60));
    ly_draw_round_rect(c->dl, b->x, b->y, b->w, b->h, 18 * s, ly_rgba(255, 255, 255, 245));
    ly_draw_text(c->dl, floorf(b->x + 0.5f * (b->w - ly_font_measure(font, big, pb))),
                 floorf(b->y + 48 * s), pb, ly_rgba(40, 46, 60, 255), big);
    ly_draw_text(c->dl, floorf(b->x + 0.5f * (b->w - ly_font_measure(font, small, ps))),
                 floorf(b->y + 80 * s), ps, ly_rgba(100, 108, 122, 255), small);
    if (opening) { /* the bar: the share of the load done */
        float x = b->x + 32 * s, w = b->w - 64 * s, y = b->y + b->h - 28 * s, h = 8 * s;
        ly_draw_round_rect(c->dl, x, y, w, h, 4 * s, ly_rgba(220, 225, 232, 255));
        float f = c->app->st.opening.fraction;
        if (f > 0)
            ly_draw_round_rect(c->dl, x, y, fmaxf(h, w * f), h, 4 * s, ly_rgba(200, 90, 40, 255));
    }
}

ly_view_out ly_view_notice(const ly_view_ctx *c)
{
    ly_view_out out = {0};
    if (c->L->notice.shown) {
        notice(c);
        out.drew = true;
    }
    if (c->L->toast.shown) {
        toast(c);
        out.drew = true;
    }
    return out;
}
