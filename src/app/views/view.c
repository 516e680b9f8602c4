/* What every view may use: strings in the UI's language, a panel at a layout box,
 * a list's height, the dark read-out box. */
#include "view.h"
#include "louyu/icons.h"

#include <math.h>

const char *ly_view_str(const ly_view_ctx *c, ly_string_id id)
{
    return ly_str(id, c->app->st.lang);
}

const char *ly_view_pick(const ly_view_ctx *c, const char *zh, const char *en)
{
    if (c->app->st.lang == LY_LANG_EN)
        return en ? en : zh;
    return zh ? zh : en;
}

const char *ly_view_use_name(const ly_view_ctx *c, ly_floor_use u)
{
    return ly_view_str(c, (ly_string_id)(LY_S_USE_OFFICE +
                                         ((unsigned)u < LY_USE_COUNT ? u : LY_USE_OTHER)));
}

bool ly_view_panel(const ly_view_ctx *c, const char *label, const ly_box *b, bool *open)
{
    float s = c->L->s;
    float h = !b->fit ? b->h / s : b->max_h > 0 ? -b->max_h / s : 0; /* (< 0: autosize, at most) */
    return ly_ui_panel_begin(c->ui, label, b->x / s, b->y / s, b->w / s, h, open);
}

void ly_view_icon(const ly_view_ctx *c, int icon, float cx, float cy, float r)
{
    float uv[4], k = 1.55f * r;
    ly_icon_uv(icon, uv);
    ly_draw_circle(c->dl, cx, cy, r + 1.0f, ly_rgba(255, 255, 255, 255));
    ly_draw_circle(c->dl, cx, cy, r, ly_icon_color(icon));
    ly_draw_image(c->dl, LY_DRAW_IMAGE_ICONS, cx - k / 2, cy - k / 2, k, k, uv[0], uv[1], uv[2],
                  uv[3], ly_rgba(255, 255, 255, 255));
}

void ly_view_row_icon(const ly_view_ctx *c, int icon)
{
    /* on the label's line of a list row (ui.c's item rows: 14 dp in, 3 dp down) */
    ly_ui_rect r = ly_ui_last_rect(c->ui);
    float s = c->L->s, rad = 8.5f * s, line = (0.5f * c->ui->theme.row_h + 2) * s;
    ly_view_icon(c, icon, r.x + 13 * s + rad, r.y + 3 * s + 0.5f * line, rad);
}

float ly_view_list_height(const ly_view_ctx *c, float want, float after)
{
    float s = c->L->s;
    ly_ui_rect last = ly_ui_last_rect(c->ui);
    /* the list's spacing, the panel's padding under it and the edge below the panel */
    float left = ((float)c->L->height - (last.y + last.h)) / s - 8 - 16 - 12 - after;
    /* in a short window, still a few rows (the panel around it scrolls to show them) */
    return fmaxf(fminf(want, 200), fminf(want, left));
}

float ly_view_card_list_want(const ly_view_ctx *c)
{
    float h = (float)c->L->height / c->L->s;
    return c->L->height > c->L->width ? 250 : fmaxf(250, 0.42f * h);
}

void ly_view_draw_tip(const ly_view_ctx *c, float x, float y, const char *title,
                      const char *line, bool muted)
{
    ly_font *font = c->app->font;
    float s = c->L->s, px1 = 15 * s, px2 = 12.5f * s, pad = 10 * s;
    /* at most 420 dp wide and never wider than the window: a longer text ends in "…" (a
     * name of 300 characters had run off the window, cut mid-word) */
    float most = fminf(420 * s, (float)c->L->width - 16 * s) - 2 * pad;
    char t1[512], t2[512];
    title = ly_ui_fit(font, title, px1, most, t1, sizeof t1);
    line = ly_ui_fit(font, line, px2, most, t2, sizeof t2);
    float w = fmaxf(ly_font_measure(font, title, px1), ly_font_measure(font, line, px2)) +
              2 * pad;
    float h = px1 + px2 + 2.6f * pad;
    /* kept on screen */
    x = fminf(x, (float)c->L->width - 8 * s - w);
    y = fminf(y, (float)c->L->height - 8 * s - h);
    x = fmaxf(x, 8 * s);
    y = fmaxf(y, 8 * s);
    ly_draw_shadow(c->dl, x, y + 2 * s, w, h, 8 * s, 8 * s, 2 * s + 1, ly_rgba(20, 30, 50, 70));
    ly_draw_round_rect(c->dl, x, y, w, h, 8 * s, ly_rgba(32, 38, 50, 238));
    ly_draw_text(c->dl, floorf(x + pad), floorf(y + pad + px1 * 0.95f), px1,
                 ly_rgba(255, 255, 255, 255), title);
    ly_color c2 = muted ? ly_rgba(170, 178, 190, 255) : ly_rgba(250, 196, 120, 255);
    ly_draw_text(c->dl, floorf(x + pad), floorf(y + pad + px1 + 0.6f * pad + px2 * 0.95f), px2,
                 c2, line);
}

void ly_view_sparkline(const ly_view_ctx *c, const double *v, size_t n, float x, float y,
                       float w, float h, long mark, ly_color line, ly_color fill)
{
    if (n < 2)
        return;
    float s = c->L->s;
    /* from a little under the lowest value, so that a change of a few per cent shows */
    double lo = v[0], hi = v[0];
    for (size_t i = 0; i < n; i++)
        lo = fmin(lo, v[i]), hi = fmax(hi, v[i]);
    lo = hi > lo ? fmax(0, lo - 0.35 * (hi - lo)) : 0;
    double span = hi > lo ? hi - lo : 1;
#define SPARK_Y(val) (y + h - (float)(((val) - lo) / span) * h)
    float step = w / (float)(n - 1), px = x, py = SPARK_Y(v[0]);
    for (size_t i = 1; i < n; i++) {
        float qx = x + step * (float)i, qy = SPARK_Y(v[i]);
        /* the area under the segment: two triangles down to the base */
        ly_draw_triangle(c->dl, px, py, qx, qy, px, y + h, fill);
        ly_draw_triangle(c->dl, qx, qy, qx, y + h, px, y + h, fill);
        ly_draw_line(c->dl, px, py, qx, qy, 1.6f * s, line);
        px = qx;
        py = qy;
    }
    if (mark >= 0 && (size_t)mark < n) {
        float mx = x + step * (float)mark, my = SPARK_Y(v[mark]);
        ly_draw_circle(c->dl, mx, my, 3.5f * s, ly_rgba(236, 125, 46, 255));
    }
#undef SPARK_Y
}
