/* The card of the floor picked on the stacking plan: its use and area, how much
 * of it is vacant, and who is there. */
#include "view.h"
#include "louyu/stacking.h"

#include <math.h>
#include <stdio.h>

/* The lines under the title: use and area; state and vacant area; the rent its space asks
 * (its own, to be agreed, or the building's: ly_floor_card_rent), or none. */
static void floor_lines(const ly_view_ctx *c, const ly_building *b, const ly_floor_record *rec,
                        ly_floor_state st, char *line1, char *line2, char *line3, size_t n)
{
    line2[0] = line3[0] = '\0';
    if (!rec) {
        snprintf(line1, n, "%s", ly_view_str(c, LY_S_NO_OCCUPANCY_DATA));
        return;
    }
    char a[32], v[32];
    ly_format_grouped(rec->area_m2, a, sizeof a);
    ly_format_grouped(rec->vacant_m2, v, sizeof v);
    snprintf(line1, n, "%s  ·  %s %s m²", ly_view_use_name(c, rec->use), ly_view_str(c, LY_S_AREA), a);
    if (st == LY_FLOOR_SERVICE) /* (its use said it: "Plant, parking · vacant 0 m²" said it twice) */
        snprintf(line2, n, "%s", ly_view_str(c, LY_S_FLOOR_NOT_LET));
    else
        snprintf(line2, n, "%s  ·  %s %s m²", ly_view_str(c, ly_floor_state_name(st)),
                 ly_view_str(c, LY_S_VACANT), v);
    bool agreed;
    double rent = ly_floor_card_rent(b, rec, &agreed);
    if (agreed)
        snprintf(line3, n, "%s  %s", ly_view_str(c, LY_S_RENT),
                 ly_view_str(c, LY_S_SITE_TO_BE_AGREED));
    else if (rent > 0)
        snprintf(line3, n, "%s  %.2f %s", ly_view_str(c, LY_S_RENT), rent,
                 ly_view_str(c, LY_S_RENT_UNIT));
}

/* Who is on the floor: six names at most, then "and N more". */
static void tenants(const ly_view_ctx *c, const ly_building *b, int floor, float x, float w,
                    float ty)
{
    const ly_district *d = &c->app->scene.district;
    float s = c->L->s, px = 13 * s;
    uint32_t idx[6];
    size_t total = ly_floor_enterprises(d, b, floor, idx, 6), shown = total < 6 ? total : 6;
    ly_draw_text(c->dl, floorf(x), floorf(ty), 12 * s, ly_rgba(100, 108, 122, 255),
                 ly_view_str(c, LY_S_ENTERPRISES));
    ty += 4 * s;
    if (!total) {
        ly_draw_text(c->dl, floorf(x), floorf(ty + 19 * s), px, ly_rgba(140, 146, 158, 255),
                     ly_view_str(c, LY_S_NO_ENTERPRISES));
        return;
    }
    char cut[256];
    for (size_t i = 0; i < shown; i++) {
        const ly_enterprise *e = &d->enterprises[idx[i]];
        ty += 19 * s;
        ly_draw_circle(c->dl, x + 3 * s, ty - 4.5f * s, 2.2f * s, ly_rgba(236, 125, 46, 255));
        ly_draw_text(c->dl, floorf(x + 11 * s), floorf(ty), px, ly_rgba(40, 46, 58, 255),
                     ly_ui_fit(c->app->font, ly_view_pick(c, e->name, e->name_en), px,
                               w - 11 * s, cut, sizeof cut));
    }
    if (total > shown) {
        char more[64];
        snprintf(more, sizeof more, ly_view_str(c, LY_S_AND_MORE), (int)(total - shown));
        ly_draw_text(c->dl, floorf(x + 11 * s), floorf(ty + 19 * s), px,
                     ly_rgba(120, 126, 138, 255), more);
    }
}

ly_view_out ly_view_floor_card(const ly_view_ctx *c)
{
    const ly_box *box = &c->L->floor_card;
    if (!box->shown)
        return (ly_view_out){0};
    const ly_state *st = &c->app->st;
    const ly_district *d = &c->app->scene.district;
    const ly_building *b = &d->buildings[st->selected];
    int fl = st->plan.floor_selected;
    const ly_floor_record *rec;
    ly_floor_state state = ly_floor_state_of(d, b, fl, &rec);
    float s = c->L->s, pad = 14 * s, px = 13 * s, x = box->x, y = box->y, w = box->w, h = box->h;
    char title[64], line1[200], line2[200], line3[200], bname[160], cut[256];
    snprintf(title, sizeof title, ly_view_str(c, LY_S_FLOOR_N), fl);
    floor_lines(c, b, rec, state, line1, line2, line3, sizeof line1);
    ly_drawlist *dl = c->dl;
    ly_draw_shadow(dl, x, y + 2 * s, w, h, 12 * s, 10 * s, 2 * s + 1, ly_rgba(20, 30, 50, 60));
    ly_draw_round_rect(dl, x, y, w, h, 12 * s, ly_rgba(255, 255, 255, 244));
    /* long names stop at the card's edge */
    ly_draw_set_clip(dl, (ly_draw_clip){(int)x, (int)y, (int)(w - pad * 0.5f), (int)h});
    const uint8_t *col = ly_floor_state_color(state);
    ly_draw_round_rect(dl, x, y, 6 * s, h, 3 * s, ly_rgba(col[0], col[1], col[2], 255));
    float ty = y + pad + 14 * s;
    float tw = ly_draw_text(dl, floorf(x + pad), floorf(ty), 17 * s, ly_rgba(30, 36, 48, 255),
                            title);
    ly_draw_text(dl, floorf(x + pad + tw + 8 * s), floorf(ty), 12 * s, ly_rgba(100, 108, 122, 255),
                 ly_ui_fit(c->app->font, ly_building_title(b, st->lang, bname, sizeof bname),
                           12 * s, w - 2 * pad - tw - 26 * s, cut, sizeof cut)); /* (the ×) */
    ty += 24 * s;
    ly_draw_text(dl, floorf(x + pad), floorf(ty), px, ly_rgba(60, 66, 80, 255), line1);
    ty += 20 * s;
    if (line2[0])
        ly_draw_text(dl, floorf(x + pad), floorf(ty), px,
                     ly_rgba(col[0] / 2, col[1] / 2, col[2] / 2, 255), line2);
    if (line3[0]) {
        ty += 20 * s;
        ly_draw_text(dl, floorf(x + pad), floorf(ty), px, ly_rgba(60, 66, 80, 255), line3);
    }
    tenants(c, b, fl, x + pad, w - 2 * pad, ty + 26 * s);
    ly_draw_set_clip(dl, (ly_draw_clip){0});
    /* an "×" in its corner: a tap on the card closes it (input.c) */
    float cx = x + w - 20 * s, cy = y + 20 * s, k = 5 * s;
    ly_color ink = ly_rgba(100, 108, 122, 255);
    ly_draw_line(dl, cx - k, cy - k, cx + k, cy + k, 1.5f * s, ink);
    ly_draw_line(dl, cx - k, cy + k, cx + k, cy - k, 1.5f * s, ink);
    return (ly_view_out){.drew = true};
}
