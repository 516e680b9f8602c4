/* The week slider along the bottom: which week the map shows, its dates, and the
 * district's vacant space over every week behind a track. Dragging or tapping the
 * track picks a week; the buttons step a week back and on; after the slider was
 * used the left and right keys step too (input.c). The pointer over the track
 * reads out that week's vacancy. */
#include "view.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* Geometry of the slider's parts, in pixels. */
typedef struct {
    float x, y, w, h;       /* the box */
    float tx, tw, ty, th;   /* the track */
    float back_x, next_x, btn_y, btn_r; /* the two round buttons' centres */
} parts;

static parts measure(const ly_view_ctx *c)
{
    const ly_box *b = &c->L->weeks;
    float s = c->L->s, pad = 12 * s, text_w = 176 * s, r = 14 * s;
    parts p = {.x = b->x, .y = b->y, .w = b->w, .h = b->h, .btn_r = r};
    p.back_x = b->x + pad + text_w + r;
    p.next_x = b->x + b->w - pad - r;
    p.btn_y = b->y + 0.5f * b->h;
    p.tx = p.back_x + r + 10 * s;
    p.tw = p.next_x - r - 10 * s - p.tx;
    p.ty = b->y + 10 * s;
    p.th = b->h - 24 * s;
    return p;
}

/* The week nearest to pixel x on the track. */
static size_t week_at(const parts *p, size_t n, float x)
{
    float t = (x - p->tx) / p->tw;
    long i = lroundf(t * (float)(n - 1));
    return (size_t)(i < 0 ? 0 : i >= (long)n ? (long)n - 1 : i);
}

static bool over(const ly_ui *ui, float x, float y, float w, float h)
{
    return ui->px >= x && ui->px < x + w && ui->py >= y && ui->py < y + h;
}

/* The week's name and dates, and "latest" on the last one. */
static void label(const ly_view_ctx *c, const parts *p, const ly_district *d)
{
    float s = c->L->s, x = p->x + 12 * s;
    char buf[96];
    int week = d->weeks[d->week];
    ly_format_week(week, false, c->app->st.lang, buf, sizeof buf);
    ly_draw_text(c->dl, floorf(x), floorf(p->y + 26 * s), 16 * s, ly_rgba(30, 36, 48, 255), buf);
    if (d->week + 1 == d->n_weeks) {
        float w = ly_font_measure(c->app->font, buf, 16 * s) + 8 * s;
        const char *latest = ly_view_str(c, LY_S_WEEK_LATEST);
        float lw = ly_font_measure(c->app->font, latest, 11 * s) + 10 * s;
        ly_draw_round_rect(c->dl, x + w, p->y + 12 * s, lw, 18 * s, 9 * s,
                           ly_rgba(252, 232, 214, 255));
        ly_draw_text(c->dl, floorf(x + w + 5 * s), floorf(p->y + 25 * s), 11 * s,
                     ly_rgba(190, 90, 20, 255), latest);
    }
    char full[128];
    ly_format_week(week, true, c->app->st.lang, full, sizeof full);
    const char *dates = strstr(full, " · ");
    ly_draw_text(c->dl, floorf(x), floorf(p->y + 46 * s), 11.5f * s, ly_rgba(96, 104, 118, 255),
                 dates ? dates + 4 : "");
}

static void button(const ly_view_ctx *c, float cx, float cy, float r, bool left, bool enabled)
{
    const ly_ui *ui = c->ui;
    bool hot = enabled && over(ui, cx - r, cy - r, 2 * r, 2 * r) && ui->hover_panel == ui->panel;
    ly_draw_circle(c->dl, cx, cy, r, hot ? ly_rgba(226, 230, 238, 255) : ly_rgba(240, 242, 246, 255));
    ly_color ink = enabled ? ly_rgba(60, 68, 84, 255) : ly_rgba(190, 194, 204, 255);
    float a = 0.38f * r, dir = left ? -1 : 1;
    ly_draw_triangle(c->dl, cx + dir * a, cy, cx - dir * 0.6f * a, cy - a, cx - dir * 0.6f * a,
                     cy + a, ink);
}

/* The track: the district's vacancy over the weeks, a tick a week, the week shown. */
static void track(const ly_view_ctx *c, const parts *p, const ly_district *d)
{
    float s = c->L->s;
    const ly_derived *dv = &c->app->dv;
    ly_draw_round_rect(c->dl, p->tx - 4 * s, p->ty - 2 * s, p->tw + 8 * s, p->th + 4 * s, 6 * s,
                       ly_rgba(246, 247, 250, 255));
    if (dv->week_vacant)
        ly_view_sparkline(c, dv->week_vacant, d->n_weeks, p->tx, p->ty + 2 * s, p->tw, p->th - 4 * s,
                          -1, ly_rgba(120, 136, 166, 255), ly_rgba(206, 214, 230, 255));
    float step = p->tw / (float)(d->n_weeks - 1);
    /* the years: at each year's first week of the store (a longer tick; not its week 1
     * alone: a year whose first weeks have no reports had gone unlabelled, its weeks under
     * the year before), and the first week's when the weeks begin within a year and its
     * label has room; no tick runs through a label, and none runs past the track's end */
    float lx[16], lw[16];
    int ly_[16], nl = 0;
    for (size_t i = 0; i < d->n_weeks && nl < 16; i++) {
        if (i && d->weeks[i] / 100 == d->weeks[i - 1] / 100)
            continue;
        char y[16];
        snprintf(y, sizeof y, "%d", d->weeks[i] / 100);
        float w = ly_font_measure(c->app->font, y, 9.5f * s);
        float x = fminf(p->tx + step * (float)i + (i ? 3 * s : 0), p->tx + p->tw - w);
        if (nl && lx[nl - 1] + lw[nl - 1] + 4 * s > x)
            nl--; /* (the first week's label gives way to its next year's) */
        lx[nl] = x, lw[nl] = w, ly_[nl++] = d->weeks[i] / 100;
    }
    /* a week's tick every `every` weeks where a week is under 3 dp (a phone's track: a
     * year of ticks had run into one grey block) */
    size_t every = step >= 3 * s ? 1 : (size_t)ceilf(3 * s / fmaxf(step, 0.01f));
    /* a year under the week's handle moves left of it (at the latest week, "2011" had been
     * half under the orange ring), where the year before leaves it room; else it goes */
    float mx = p->tx + step * (float)d->week;
    for (int k = 0; k < nl; k++)
        if (lx[k] < mx + 7 * s && lx[k] + lw[k] > mx - 7 * s) {
            lx[k] = mx - 7 * s - lw[k];
            if (lx[k] < p->tx || (k && lx[k] < lx[k - 1] + lw[k - 1] + 4 * s))
                lw[k] = 0;
        }
    for (size_t i = 0; i < d->n_weeks; i++) {
        bool year = i && d->weeks[i] / 100 != d->weeks[i - 1] / 100;
        if (!year && i % every)
            continue;
        float tx = p->tx + step * (float)i;
        bool under = false;
        for (int k = 0; k < nl && !year; k++)
            under |= tx >= lx[k] - 2 * s && tx <= lx[k] + lw[k] + 2 * s;
        if (!under)
            ly_draw_rect(c->dl, tx - 0.5f * s, p->ty + p->th + (year ? 2 : 4) * s, 1 * s,
                         (year ? 8 : 4) * s, ly_rgba(170, 176, 190, 255));
    }
    for (int k = 0; k < nl; k++) {
        if (lw[k] <= 0)
            continue;
        char y[16];
        snprintf(y, sizeof y, "%d", ly_[k]);
        ly_draw_text(c->dl, floorf(lx[k]), floorf(p->ty + p->th + 12 * s), 9.5f * s,
                     ly_rgba(120, 126, 138, 255), y);
    }
    ly_draw_rect(c->dl, mx - 1 * s, p->ty - 2 * s, 2 * s, p->th + 4 * s, ly_rgba(236, 125, 46, 255));
    ly_draw_circle(c->dl, mx, p->ty + p->th + 1 * s, 6 * s, ly_rgba(236, 125, 46, 255));
    ly_draw_circle(c->dl, mx, p->ty + p->th + 1 * s, 2.5f * s, ly_rgba(255, 255, 255, 255));
}

/* The read-out of the week under the pointer. */
static void readout(const ly_view_ctx *c, const parts *p, const ly_district *d, ly_tip *t)
{
    const ly_ui *ui = c->ui;
    float s = c->L->s;
    if (ui->hover_panel != ui->panel || !over(ui, p->tx - 4 * s, p->y, p->tw + 8 * s, p->h) ||
        !c->app->dv.week_vacant)
        return;
    size_t i = week_at(p, d->n_weeks, ui->px);
    double v = c->app->dv.week_vacant[i], area = c->app->dv.recorded_m2;
    char g[32];
    ly_format_grouped(v, g, sizeof g);
    t->shown = true;
    ly_format_week(d->weeks[i], true, c->app->st.lang, t->title, sizeof t->title);
    snprintf(t->line, sizeof t->line, ly_view_str(c, LY_S_WEEK_READOUT), g,
             area > 0 ? 100 * v / area : 0.0);
    t->x = ui->px - 90 * s;
    t->y = p->y - 70 * s;
}

/* What the pointer did: a press or drag on the track picks the week under it; a
 * release on a button steps. */
static void interact(const ly_view_ctx *c, const parts *p, const ly_district *d)
{
    const ly_ui *ui = c->ui;
    if (ui->hover_panel != ui->panel && !(ui->down && over(ui, p->x, p->y, p->w, p->h)))
        return;
    bool on_track = ui->press_x >= p->tx - 8 * c->L->s && ui->press_x <= p->tx + p->tw + 8 * c->L->s &&
                    ui->press_y >= p->y && ui->press_y < p->y + p->h;
    if ((ui->down || ui->released) && on_track) {
        size_t i = week_at(p, d->n_weeks, ui->down ? ui->px : ui->release_x);
        if (i != d->week)
            ly_msg_int(c->out, LY_MSG_SET_WEEK, d->weeks[i]);
    }
    if (ui->pressed && over(ui, p->x, p->y, p->w, p->h))
        ly_msg_on(c->out, LY_MSG_WEEK_FOCUS, true);
    if (!ui->released || ui->moved)
        return;
    float r = p->btn_r;
    bool back = fabsf(ui->release_x - p->back_x) <= r && fabsf(ui->release_y - p->btn_y) <= r;
    bool next = fabsf(ui->release_x - p->next_x) <= r && fabsf(ui->release_y - p->btn_y) <= r;
    if (back && d->week > 0)
        ly_msg_int(c->out, LY_MSG_SET_WEEK, d->weeks[d->week - 1]);
    else if (next && d->week + 1 < d->n_weeks)
        ly_msg_int(c->out, LY_MSG_SET_WEEK, d->weeks[d->week + 1]);
}

ly_view_out ly_view_weeks(const ly_view_ctx *c)
{
    ly_view_out out = {0};
    const ly_district *d = &c->app->scene.district;
    if (!c->L->weeks.shown || d->n_weeks < 2)
        return out;
    parts p = measure(c);
    ly_view_panel(c, "weeks", &c->L->weeks, NULL);
    label(c, &p, d);
    button(c, p.back_x, p.btn_y, p.btn_r, true, d->week > 0);
    button(c, p.next_x, p.btn_y, p.btn_r, false, d->week + 1 < d->n_weeks);
    track(c, &p, d);
    readout(c, &p, d, &out.tip);
    interact(c, &p, d);
    ly_ui_panel_end(c->ui);
    out.drew = true;
    return out;
}
