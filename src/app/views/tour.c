/* The attract tour's banner: the building shown, its space to let (or, where the
 * data has none, its height), and a gently pulsing invitation. The kiosk's
 * visitors read both languages, so it speaks both. */
#include "view.h"
#include "louyu/stats.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* The banner's second line, in both languages. */
static void facts(const ly_view_ctx *c, const ly_building *b, char *line, size_t n)
{
    const ly_district *d = &c->app->scene.district;
    double area, vacant;
    char v[32];
    bool space = ly_building_occupancy(d, b, &area, &vacant) >= 0 && vacant > 0;
    ly_format_grouped(vacant, v, sizeof v);
    char zh[160], en[160];
    /* a store's weeks: space that came free this week is the news */
    double fresh = d->week > 0 ? ly_building_vacant_in_week(d, b, d->week) -
                                     ly_building_vacant_in_week(d, b, d->week - 1)
                               : 0;
    if (space && fresh >= 1) {
        char f[32];
        ly_format_grouped(fresh, f, sizeof f);
        snprintf(zh, sizeof zh, ly_str(LY_S_TOUR_NEW, LY_LANG_ZH), f);
        snprintf(en, sizeof en, ly_str(LY_S_TOUR_NEW, LY_LANG_EN), f);
    } else if (space) {
        snprintf(zh, sizeof zh, ly_str(LY_S_TOUR_VACANT, LY_LANG_ZH), v);
        snprintf(en, sizeof en, ly_str(LY_S_TOUR_VACANT, LY_LANG_EN), v);
    } else if (b->floors > 0) {
        ly_string_id hf = b->floors == 1 ? LY_S_TOUR_HEIGHT_FLOOR_1 : LY_S_TOUR_HEIGHT_FLOORS;
        snprintf(zh, sizeof zh, ly_str(hf, LY_LANG_ZH), round(b->height_m), b->floors);
        snprintf(en, sizeof en, ly_str(hf, LY_LANG_EN), round(b->height_m), b->floors);
    } else {
        snprintf(zh, sizeof zh, ly_str(LY_S_TOUR_HEIGHT, LY_LANG_ZH), round(b->height_m));
        snprintf(en, sizeof en, ly_str(LY_S_TOUR_HEIGHT, LY_LANG_EN), round(b->height_m));
    }
    snprintf(line, n, "%s  ·  %s", zh, en);
}

/* A "中文  ·  English" line in w pixels: both where they fit, else the Chinese alone, cut
 * to fit (on a narrow kiosk the facts had run off the caption's box). */
static const char *bilingual_fit(const ly_view_ctx *c, char *line, float px, float w, char *cut,
                                 size_t n)
{
    char *dot = strstr(line, "  ·  ");
    if (dot && ly_font_measure(c->app->font, line, px) > w)
        *dot = '\0';
    return ly_ui_fit(c->app->font, line, px, w, cut, n);
}

ly_view_out ly_view_tour(const ly_view_ctx *c)
{
    const ly_box *box = &c->L->tour;
    if (!box->shown)
        return (ly_view_out){0};
    const ly_state *st = &c->app->st;
    float s = c->L->s, x = box->x, y = box->y, w = box->w, h = box->h;
    ly_drawlist *dl = c->dl;
    ly_draw_shadow(dl, x, y + 3 * s, w, h, 18 * s, 14 * s, 3 * s + 1, ly_rgba(20, 30, 50, 80));
    ly_draw_round_rect(dl, x, y, w, h, 18 * s, ly_rgba(32, 38, 50, 236));
    if (st->selected >= 0) {
        const ly_building *b = &c->app->scene.district.buildings[st->selected];
        char line[400], cut[400], title[160];
        const char *zh = ly_building_title(b, LY_LANG_ZH, title, sizeof title);
        const char *en = ly_name_second(zh, b->name_en);
        snprintf(line, sizeof line, "%s%s%s", zh, en ? "  " : "", en ? en : "");
        ly_draw_text(dl, floorf(x + 28 * s), floorf(y + 40 * s), 24 * s,
                     ly_rgba(255, 255, 255, 255),
                     ly_ui_fit(c->app->font, line, 24 * s, w - 56 * s, cut, sizeof cut));
        facts(c, b, line, sizeof line);
        ly_draw_text(dl, floorf(x + 28 * s), floorf(y + 70 * s), 16 * s,
                     ly_rgba(250, 196, 120, 255),
                     bilingual_fit(c, line, 16 * s, w - 56 * s, cut, sizeof cut));
    }
    /* the phase in double, wrapped: a float of the time (months of uptime) would step
     * a whole second at a time and the pulse would stand still */
    float pulse = 0.75f + 0.25f * (float)sin(fmod(st->time * 3.0, 2 * M_PI));
    char invite[200];
    snprintf(invite, sizeof invite, "%s  ·  %s", ly_str(LY_S_TOUCH_TO_EXPLORE, LY_LANG_ZH),
             ly_str(LY_S_TOUCH_TO_EXPLORE, LY_LANG_EN));
    char icut[200];
    const char *in = bilingual_fit(c, invite, 16 * s, w - 56 * s, icut, sizeof icut);
    float iw = ly_font_measure(c->app->font, in, 16 * s);
    ly_draw_text(dl, floorf(x + w - iw - 28 * s), floorf(y + h - 22 * s), 16 * s,
                 ly_color_alpha(ly_rgba(255, 255, 255, 255), pulse), in);
    return (ly_view_out){.drew = true};
}
