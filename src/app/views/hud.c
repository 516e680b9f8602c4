/* The chrome over the map: the title panel (top left), the compass and the "?"
 * beside it (top right), the scale bar (bottom left). */
#include "view.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static void title(const ly_view_ctx *c)
{
    const char *name;
    char sub[160];
    ly_layout_title_text(c->app, &name, sub, sizeof sub);
    const ly_box *b = &c->L->title;
    float s = c->L->s, px1 = 18 * s, px2 = 11.5f * s, pad = 12 * s;
    ly_draw_shadow(c->dl, b->x, b->y + 2 * s, b->w, b->h, 10 * s, 8 * s, 2 * s + 1,
                   ly_rgba(20, 30, 50, 50));
    ly_draw_round_rect(c->dl, b->x, b->y, b->w, b->h, 10 * s, ly_rgba(255, 255, 255, 236));
    /* too long for the panel (a phone): the middle part ("33 buildings") goes first, so that
     * the week and "Illustrative data" stay whole (the disclaimer had been cut to "Illustr…") */
    char *first = strstr(sub, "  ·  "), *last = first ? strstr(first + 5, "  ·  ") : NULL;
    if (last && ly_font_measure(c->app->font, sub, px2) > b->w - 2 * pad + 1)
        memmove(first, last, strlen(last) + 1);
    char cut1[200], cut2[200]; /* (the layout may have made it narrower than its text) */
    ly_draw_text(c->dl, floorf(b->x + pad), floorf(b->y + pad + px1 * 0.92f), px1,
                 ly_rgba(30, 36, 48, 255),
                 ly_ui_fit(c->app->font, name, px1, b->w - 2 * pad + 1, cut1, sizeof cut1));
    ly_draw_text(c->dl, floorf(b->x + pad), floorf(b->y + pad + px1 + 0.5f * pad + px2 * 0.92f),
                 px2, ly_rgba(100, 108, 122, 255),
                 ly_ui_fit(c->app->font, sub, px2, b->w - 2 * pad + 1, cut2, sizeof cut2));
}

static void compass(const ly_view_ctx *c)
{
    const ly_box *b = &c->L->compass;
    float s = c->L->s, r = 0.5f * b->w, cx = b->x + r, cy = b->y + r;
    ly_drawlist *dl = c->dl;
    ly_draw_shadow(dl, cx - r, cy - r + 1.5f * s, 2 * r, 2 * r, r, 5 * s, 1.5f * s + 1,
                   ly_rgba(20, 30, 50, 60));
    ly_draw_circle(dl, cx, cy, r, ly_rgba(255, 255, 255, 240));
    ly_draw_ring(dl, cx, cy, r, 1.2f * s, ly_rgba(200, 205, 214, 255));
    /* the needle points to north on screen: world north turned by the heading */
    double h = c->app->st.cam.pose.heading;
    float nx = (float)-sin(h), ny = (float)-cos(h);
    float px = -ny, py = nx, len = r * 0.62f, wid = r * 0.2f;
    ly_draw_triangle(dl, cx + nx * len, cy + ny * len, cx + px * wid, cy + py * wid,
                     cx - px * wid, cy - py * wid, ly_rgba(222, 72, 52, 255));
    ly_draw_triangle(dl, cx - nx * len, cy - ny * len, cx - px * wid, cy - py * wid,
                     cx + px * wid, cy + py * wid, ly_rgba(150, 158, 172, 255));
    const char *n = ly_view_str(c, LY_S_NORTH);
    float px_n = 10 * s, tw = ly_font_measure(c->app->font, n, px_n);
    float tx = cx + nx * (r + 9 * s) - tw / 2, ty = cy + ny * (r + 9 * s) + px_n * 0.38f;
    ly_draw_text(dl, floorf(tx), floorf(ty), px_n, ly_rgba(60, 66, 80, 255), n);
}

/* The "?" that shows the controls (not in a kiosk, whose visitors have no keyboard). */
static void help_button(const ly_view_ctx *c)
{
    const ly_box *b = &c->L->help_button;
    if (!b->shown)
        return;
    bool on = c->app->st.help;
    float s = c->L->s, r = 0.5f * b->w, cx = b->x + r, cy = b->y + r;
    ly_draw_shadow(c->dl, cx - r, cy - r + 1.5f * s, 2 * r, 2 * r, r, 5 * s, 1.5f * s + 1,
                   ly_rgba(20, 30, 50, 60));
    ly_draw_circle(c->dl, cx, cy, r, on ? ly_rgba(236, 125, 46, 255) : ly_rgba(255, 255, 255, 240));
    float px = 15 * s, tw = ly_font_measure(c->app->font, "?", px);
    ly_draw_text(c->dl, floorf(cx - 0.5f * tw), floorf(cy + 0.36f * px), px,
                 on ? ly_rgba(255, 255, 255, 255) : ly_rgba(60, 66, 80, 255), "?");
}

/* Where the ray through a pixel meets the ground, or false. */
static bool ground_at(const ly_camera_matrices *m, int w, int h, float x, float y, double out[2])
{
    float o[3], d[3];
    if (!ly_screen_ray(m->view_proj, w, h, x, y, o, d) || d[2] >= -1e-6f)
        return false;
    double t = -o[2] / d[2];
    out[0] = o[0] + t * d[0];
    out[1] = o[1] + t * d[1];
    return true;
}

/* A round length (5 m ... 10 km) no wider than 110 dp at the middle of the view. */
static void scale_bar(const ly_view_ctx *c)
{
    const ly_state *st = &c->app->st;
    if (!c->L->scale_bar.shown)
        return;
    ly_camera_matrices m;
    ly_camera_get_matrices(&st->cam, st->width, st->height, &m);
    float s = c->L->s, y = (float)st->height - 24 * s, x = c->L->scale_bar.x + 20 * s;
    float cx = st->width / 2.0f, cy = st->height / 2.0f;
    double a[2], b[2];
    if (!ground_at(&m, st->width, st->height, cx - 50 * s, cy, a) ||
        !ground_at(&m, st->width, st->height, cx + 50 * s, cy, b))
        return;
    double m_per_px = hypot(b[0] - a[0], b[1] - a[1]) / (100 * s);
    static const double nice[] = {5, 10, 20, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000};
    double len = nice[0];
    for (size_t i = 0; i < sizeof nice / sizeof *nice; i++)
        if (nice[i] / m_per_px <= 110 * s)
            len = nice[i];
    float px = (float)(len / m_per_px);
    char text[32];
    if (len >= 1000)
        snprintf(text, sizeof text, ly_view_str(c, LY_S_SCALE_KM), len / 1000);
    else
        snprintf(text, sizeof text, ly_view_str(c, LY_S_SCALE_M), len);
    float tw = ly_font_measure(c->app->font, text, 11 * s);
    ly_draw_round_rect(c->dl, x - 8 * s, y - 20 * s, px + tw + 26 * s, 28 * s, 6 * s,
                       ly_rgba(255, 255, 255, 210));
    ly_color ink = ly_rgba(60, 66, 80, 255);
    ly_draw_rect(c->dl, x, y - 2 * s, px, 2 * s, ink);
    ly_draw_rect(c->dl, x, y - 8 * s, 1.5f * s, 8 * s, ink);
    ly_draw_rect(c->dl, x + px - 1.5f * s, y - 8 * s, 1.5f * s, 8 * s, ink);
    ly_draw_text(c->dl, floorf(x + px + 8 * s), floorf(y), 11 * s, ink, text);
}

/* Operations mode says so at the top of the screen, in red, while it lasts: nobody
 * should mistake a screen with cameras for the public's. Not on a map image. */
static void operations_badge(const ly_view_ctx *c)
{
    const ly_box *b = &c->L->operations;
    if (!b->shown)
        return;
    float s = c->L->s, px = 13 * s, pad = 10 * s, x = b->x, y = b->y, w = b->w, h = b->h;
    const char *t = ly_view_str(c, LY_S_OPERATIONS_BADGE);
    ly_draw_round_rect(c->dl, x, y, w, h, h / 2, ly_rgba(198, 40, 40, 235));
    ly_draw_text(c->dl, x + pad, y + h * 0.5f + px * 0.36f, px, ly_rgba(255, 255, 255, 255), t);
}

ly_view_out ly_view_hud(const ly_view_ctx *c)
{
    if (!c->app->scene.loaded || ly_app_out_of_service(c->app))
        return (ly_view_out){0};
    title(c);
    scale_bar(c);
    compass(c);
    help_button(c);
    operations_badge(c);
    return (ly_view_out){.drew = true};
}
