/* The planner's dashboard: district totals and three charts, all derived from
 * the data: occupancy per building (sorted; a bar selects its building), the
 * industry mix, and vacancy by floor band. The bar under the pointer (or a
 * finger held on it) gives a read-out, which the frame draws over every panel. */
#include "view.h"
#include "louyu/stats.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool released_in(const ly_ui *ui, float x, float y, float w, float h)
{
    return ui->released && !ui->moved && ui->release_x >= x && ui->release_x < x + w &&
           ui->release_y >= y && ui->release_y < y + h;
}

/* The pointer is over (x, y, w, h) of this panel: a mouse in the window, or a
 * finger held down (a read-out while pressed; the release may select). */
static bool pointed(const ly_view_ctx *c, float x, float y, float w, float h)
{
    const ly_ui *ui = c->ui;
    if (ui->hover_panel != ui->panel || (ui->touch ? !ui->down : !c->app->input.inside))
        return false;
    return ui->px >= x && ui->px < x + w && ui->py >= y && ui->py < y + h;
}

/* The read-out: below a cursor; above a finger, which would hide it. */
static void tip(const ly_view_ctx *c, ly_tip *t, const char *title, const char *line)
{
    const ly_ui *ui = c->ui;
    float s = c->L->s;
    t->shown = true;
    t->x = ui->px + 16 * s;
    t->y = ui->touch ? ui->py - 90 * s : ui->py + 20 * s;
    snprintf(t->title, sizeof t->title, "%s", title);
    snprintf(t->line, sizeof t->line, "%s", line);
}

static ly_color lighter(ly_color c)
{
    return (ly_color){(uint8_t)(c.r + (255 - c.r) * 35 / 100), (uint8_t)(c.g + (255 - c.g) * 35 / 100),
                      (uint8_t)(c.b + (255 - c.b) * 35 / 100), c.a};
}

/* A chart's heading, cut to its chart's width (on a phone, "District vacancy, week by week"
 * had run into "This week" beside it): where it does not fit, its gloss goes first (what
 * follows a comma or a bracket: "Industry mix (enterprises)" is "Industry mix"), then "…". */
static void heading_text(const ly_view_ctx *c, float x, float y, float w, const char *text)
{
    char cut[160], head[160];
    float px = 13 * c->L->s;
    if (ly_font_measure(c->app->font, text, px) > w) {
        size_t at = strcspn(text, ",(");
        const char *wide = strstr(text, "\xEF\xBC\x88"); /* （ */
        if (wide && (size_t)(wide - text) < at)
            at = (size_t)(wide - text);
        while (at > 0 && text[at - 1] == ' ')
            at--;
        if (at > 0 && text[at] && at < sizeof head) {
            memcpy(head, text, at);
            head[at] = '\0';
            text = head;
        }
    }
    ly_draw_text(c->dl, floorf(x), floorf(y + px), px, ly_rgba(30, 36, 48, 255),
                 ly_ui_fit(c->app->font, text, px, w, cut, sizeof cut));
}

static void heading(const ly_view_ctx *c, float x, float y, float w, ly_string_id id)
{
    heading_text(c, x, y, w, ly_view_str(c, id));
}

/* Under a chart's heading: that the district has nothing for it. */
static void no_data(const ly_view_ctx *c, float x, float y)
{
    float s = c->L->s;
    ly_draw_text(c->dl, floorf(x), floorf(y + 12 * s), 11 * s, ly_rgba(100, 108, 122, 255),
                 ly_view_str(c, LY_S_NO_OCCUPANCY_DATA));
}

/* The read-out of one building's bar. */
static void building_tip(const ly_view_ctx *c, ly_tip *t, long bi, double occ)
{
    const ly_district *d = &c->app->scene.district;
    const ly_building *b = &d->buildings[bi];
    char title[160], line[160], v[40];
    double area, vacant;
    ly_building_occupancy(d, b, &area, &vacant);
    ly_format_grouped(vacant, v, sizeof v);
    if (b->status == LY_STATUS_UNDER_CONSTRUCTION)
        snprintf(line, sizeof line, "%s", ly_view_str(c, LY_S_UNDER_CONSTRUCTION));
    else if (occ < 0)
        snprintf(line, sizeof line, "%s", ly_view_str(c, LY_S_NO_OCCUPANCY_DATA));
    else
        snprintf(line, sizeof line, "%s %.0f%%  ·  %s %s m²", ly_view_str(c, LY_S_OCCUPANCY),
                 100 * occ, ly_view_str(c, LY_S_VACANT), v);
    tip(c, t, ly_building_title(b, c->app->st.lang, title, sizeof title), line);
}

/* Occupancy per building, as sorted vertical bars; more buildings than pixels: each
 * column of pixels a run of buildings, drawn at its middle one's occupancy (the one its
 * read-out and a tap give), the selection's column in its colour. */
static void occupancy_chart(const ly_view_ctx *c, ly_tip *t, float x, float y, float w, float h)
{
    const ly_board *bd = &c->app->dv.board;
    float s = c->L->s;
    heading(c, x, y, w, LY_S_CHART_OCCUPANCY);
    y += 24 * s;
    h -= 24 * s;
    /* the buildings with data come first (ly_board): where they are fewer than those
     * without, only they are drawn, and a line under them says how many are not (5 bars
     * had been a sliver beside 937 grey stubs) */
    size_t with = 0;
    while (with < bd->n && bd->occ[with] >= 0)
        with++;
    if (!with) { /* a note, not a row of grey stubs under empty grid lines */
        no_data(c, x, y);
        return;
    }
    size_t n = bd->n;
    if (bd->n - with > with) {
        char num[32], line[160];
        n = with;
        h -= 16 * s;
        ly_format_grouped((double)(bd->n - with), num, sizeof num);
        snprintf(line, sizeof line, ly_view_str(c, LY_S_N_WITHOUT_OCCUPANCY), num);
        ly_draw_text(c->dl, floorf(x), floorf(y + h + 13 * s), 11 * s,
                     ly_rgba(100, 108, 122, 255), line);
    }
    size_t cols = n;
    if ((float)cols > w)
        cols = w > 1 ? (size_t)w : 1;
    float gap = cols > 60 ? 0 : 2 * s, bw = cols ? (w - gap * (float)(cols - 1)) / (float)cols : 0;
    /* grid lines at 50 % and 100 % */
    for (int g = 1; g <= 2; g++) {
        float gy = y + h - h * 0.5f * g;
        ly_draw_rect(c->dl, x, gy, w, 1 * s, ly_rgba(220, 222, 228, 255));
        char label[8];
        snprintf(label, sizeof label, "%d%%", 50 * g);
        ly_draw_text(c->dl, floorf(x + w + 4 * s), floorf(gy + 4 * s), 10 * s,
                     ly_rgba(120, 126, 138, 255), label);
    }
    long sel = c->app->st.selected;
    for (size_t i = 0; i < cols; i++) {
        size_t first = i * n / cols, end = (i + 1) * n / cols, mid = (first + end - 1) / 2;
        bool has_sel = false;
        for (size_t k = first; sel >= 0 && k < end && !has_sel; k++)
            has_sel = (long)bd->by_occ[k] == sel;
        float bx = x + (float)i * (bw + gap);
        double occ = bd->occ[mid];
        float bh = occ >= 0 ? (float)occ * h : 0.12f * h;
        ly_color col = occ >= 0 ? ly_rgba(146, 160, 184, 255) : ly_rgba(214, 212, 206, 255);
        if (has_sel)
            col = ly_rgba(236, 125, 46, 255);
        if (pointed(c, bx, y, bw + gap, h)) {
            building_tip(c, t, (long)bd->by_occ[mid], occ);
            col = lighter(col);
        }
        ly_draw_rect(c->dl, bx, y + h - bh, fmaxf(bw, 1), bh, col);
        /* a bar selects its building */
        if (released_in(c->ui, bx, y, bw + gap, h))
            ly_msg_push(c->out,
                        (ly_msg){.type = LY_MSG_SELECT, .id = (long)bd->by_occ[mid], .on = true});
    }
}

/* Enterprises per industry, as horizontal bars. */
static void industry_chart(const ly_view_ctx *c, ly_tip *t, float x, float y, float w, float h)
{
    ly_lang lang = c->app->st.lang;
    float s = c->L->s;
    heading(c, x, y, w, LY_S_CHART_INDUSTRIES);
    y += 24 * s;
    const char *names[32];
    size_t counts[32], total = 0;
    int k = (int)ly_stats_industries(&c->app->scene.district, names, counts, 32);
    for (int i = 0; i < k; i++)
        total += counts[i];
    size_t max = k ? counts[0] : 1;
    /* the labels' column as wide as its longest name needs, up to half the chart */
    float row = 18 * s, label_w = 40 * s;
    for (int i = 0; i < k && i < 32; i++)
        label_w = fmaxf(label_w, ly_font_measure(c->app->font, ly_industry_name(names[i], lang),
                                                 11 * s) + 8 * s);
    label_w = fminf(label_w, 0.5f * w);
    if (!k) /* (a district without enterprises, or without their industries) */
        ly_draw_text(c->dl, floorf(x), floorf(y + 12 * s), 11 * s, ly_rgba(100, 108, 122, 255),
                     ly_view_str(c, LY_S_NO_ENTERPRISES));
    int rows = (int)fminf((float)k, floorf(h / row - 1.5f));
    for (int i = 0; i < rows; i++) {
        float ry = y + (float)i * row;
        /* one colour: the bars' order says the rank, and a colour per row would read as the
         * map's industry colours, which count buildings, not enterprises */
        static const uint8_t rgb[3] = {74, 111, 165};
        char cut[160]; /* a long name ends in "…" before its bar */
        ly_draw_text(c->dl, floorf(x), floorf(ry + 12 * s), 11 * s, ly_rgba(60, 66, 80, 255),
                     ly_ui_fit(c->app->font, ly_industry_name(names[i], lang), 11 * s,
                               label_w - 4 * s, cut, sizeof cut));
        float bw = fmaxf(0, w - label_w - 40 * s) * (float)counts[i] / (float)max;
        ly_color col = ly_rgba(rgb[0], rgb[1], rgb[2], 255);
        if (pointed(c, x, ry, w, row)) {
            char line[160];
            snprintf(line, sizeof line, ly_view_str(c, LY_S_INDUSTRY_READOUT), counts[i],
                     total ? 100.0 * (double)counts[i] / (double)total : 0.0);
            tip(c, t, ly_industry_name(names[i], lang), line);
            col = lighter(col);
        }
        ly_draw_rect(c->dl, x + label_w, ry + 3 * s, fmaxf(bw, 1), row - 6 * s, col);
        char num[16];
        snprintf(num, sizeof num, "%zu", counts[i]);
        ly_draw_text(c->dl, floorf(x + label_w + bw + 5 * s), floorf(ry + 12 * s), 10.5f * s,
                     ly_rgba(100, 108, 122, 255), num);
    }
}

static const int BAND_LO[5] = {1, 6, 11, 21, 31}, BAND_HI[5] = {5, 10, 20, 30, 1000};

static void band_tip(const ly_view_ctx *c, ly_tip *t, int b, double area, double vacant)
{
    char title[64], line[160], va[40], aa[40];
    ly_format_grouped(vacant, va, sizeof va);
    ly_format_grouped(area, aa, sizeof aa);
    if (BAND_HI[b] < 1000)
        snprintf(title, sizeof title, ly_view_str(c, LY_S_FLOORS_RANGE), BAND_LO[b], BAND_HI[b]);
    else
        snprintf(title, sizeof title, ly_view_str(c, LY_S_FLOORS_AND_UP), BAND_LO[b]);
    snprintf(line, sizeof line, ly_view_str(c, LY_S_BAND_READOUT), va, aa, 100 * vacant / area);
    tip(c, t, title, line);
}

/* Vacancy rate of the recorded floor area to let, by floor band. */
static void floor_band_chart(const ly_view_ctx *c, ly_tip *t, float x, float y, float w, float h)
{
    const ly_district *d = &c->app->scene.district;
    float s = c->L->s;
    heading(c, x, y, w, LY_S_CHART_FLOOR_BANDS);
    /* below the heading, room for the tallest bar's figure above it */
    y += 24 * s + 14 * s;
    h -= 40 * s + 14 * s;
    if (!d->n_records) {
        no_data(c, x, y - 14 * s);
        return;
    }
    /* (of the area to let: a band's plant floors had lowered its rate, 31+ from 19 % to 12 %) */
    double area[5] = {0}, vacant[5] = {0}, max = 0.05;
    for (int b = 0; b < 5; b++) {
        ly_stats_floor_band(d, BAND_LO[b], BAND_HI[b], &area[b], &vacant[b]);
        if (area[b] > 0)
            max = fmax(max, vacant[b] / area[b]);
    }
    float bw = (w - 4 * 8 * s) / 5;
    for (int b = 0; b < 5; b++) {
        float bx = x + (float)b * (bw + 8 * s);
        char label[24];
        if (area[b] > 0) {
            double rate = vacant[b] / area[b];
            float bh = (float)(rate / max) * h;
            ly_color col = ly_rgba(0, 150, 136, 255);
            if (pointed(c, bx, y - 14 * s, bw + 8 * s, h + 30 * s)) {
                band_tip(c, t, b, area[b], vacant[b]);
                col = lighter(col);
            }
            ly_draw_rect(c->dl, bx, y + h - bh, bw, bh, col);
            snprintf(label, sizeof label, "%.0f%%", 100 * rate);
            ly_draw_text(c->dl, floorf(bx + 2 * s), floorf(y + h - bh - 4 * s), 10.5f * s,
                         ly_rgba(60, 66, 80, 255), label);
        }
        if (BAND_HI[b] < 1000)
            snprintf(label, sizeof label, "%d–%d", BAND_LO[b], BAND_HI[b]);
        else
            snprintf(label, sizeof label, "%d+", BAND_LO[b]);
        /* a narrow bar: its band in smaller type, or its first floor alone ("11" for 11–20) */
        float px = 10.5f * s, room = bw + 6 * s;
        if (ly_font_measure(c->app->font, label, px) > room)
            px = 9 * s;
        if (ly_font_measure(c->app->font, label, px) > room && BAND_HI[b] < 1000)
            snprintf(label, sizeof label, "%d", BAND_LO[b]);
        ly_draw_text(c->dl, floorf(bx + 2 * s), floorf(y + h + 14 * s), px,
                     ly_rgba(100, 108, 122, 255), label);
    }
}

/* A store's weeks: the district's vacant space over them, the week on screen marked;
 * the pointer reads out a week. */
static void trend_chart(const ly_view_ctx *c, ly_tip *t, float x, float y, float w, float h)
{
    const ly_district *d = &c->app->scene.district;
    const ly_derived *dv = &c->app->dv;
    float s = c->L->s;
    heading(c, x, y, w, LY_S_VACANCY_TREND_DISTRICT);
    y += 24 * s;
    h -= 30 * s;
    ly_view_sparkline(c, dv->week_vacant, d->n_weeks, x, y, w, h, (long)d->week,
                      ly_rgba(0, 150, 136, 255), ly_rgba(200, 232, 228, 255));
    char a[96], b[96];
    ly_format_week(d->weeks[0], false, c->app->st.lang, a, sizeof a);
    ly_format_week(d->weeks[d->n_weeks - 1], false, c->app->st.lang, b, sizeof b);
    ly_color grey = ly_rgba(100, 108, 122, 255);
    ly_draw_text(c->dl, floorf(x), floorf(y + h + 14 * s), 10.5f * s, grey, a);
    ly_draw_text(c->dl, floorf(x + w - ly_font_measure(c->app->font, b, 10.5f * s)),
                 floorf(y + h + 14 * s), 10.5f * s, grey, b);
    if (pointed(c, x, y, w, h)) {
        float step = w / (float)(d->n_weeks - 1);
        size_t i = (size_t)fminf(fmaxf(roundf((c->ui->px - x) / step), 0), (float)d->n_weeks - 1);
        char title[128], line[128], g[32];
        ly_format_week(d->weeks[i], true, c->app->st.lang, title, sizeof title);
        ly_format_grouped(dv->week_vacant[i], g, sizeof g);
        snprintf(line, sizeof line, ly_view_str(c, LY_S_WEEK_READOUT), g,
                 dv->recorded_m2 > 0 ? 100 * dv->week_vacant[i] / dv->recorded_m2 : 0.0);
        tip(c, t, title, line);
    }
}

/* This week against the week before: each building's vacant space up or down (the net
 * change of its floors), the buildings that changed most first (a row selects its
 * building); the first week reported has none before it. Against an earlier week (none
 * reported between), "since" that week (W20's change against W18 had read as this week's). */
static void this_week(const ly_view_ctx *c, float x, float y, float w, float h)
{
    const ly_district *d = &c->app->scene.district;
    const ly_board *bd = &c->app->dv.board;
    float s = c->L->s, row = 18 * s;
    int since = ly_district_week_against(d, d->week);
    char head[96], none[128], shown[128];
    snprintf(head, sizeof head, ly_view_str(c, since ? LY_S_SINCE_WEEK : LY_S_THIS_WEEK),
             since / 100, since % 100);
    snprintf(none, sizeof none,
             ly_view_str(c, d->n_weeks && !d->week ? LY_S_FIRST_WEEK
                            : since                ? LY_S_NO_CHANGE_SINCE_WEEK
                                                   : LY_S_NO_CHANGE_THIS_WEEK),
             since / 100, since % 100);
    heading_text(c, x, y, w, head);
    y += 24 * s;
    size_t n = bd->n_changed;
    if (!n)
        ly_draw_text(c->dl, floorf(x), floorf(y + 12 * s), 11 * s, ly_rgba(100, 108, 122, 255),
                     ly_ui_fit(c->app->font, none, 11 * s, w, shown, sizeof shown));
    int fit = (int)fminf((float)n, floorf(h / row) - 1);
    for (int i = 0; i < fit; i++) {
        const ly_building *b = &d->buildings[bd->changed[i]];
        double change = bd->change[i];
        float ry = y + (float)i * row;
        char name[160], line[96], g[32];
        ly_format_grouped(fabs(change), g, sizeof g);
        snprintf(line, sizeof line, ly_view_str(c, change > 0 ? LY_S_NEWLY_VACANT : LY_S_NEWLY_LET),
                 g);
        const char *title = ly_building_title(b, c->app->st.lang, name, sizeof name);
        ly_color ink = change > 0 ? ly_rgba(200, 85, 0, 255) : ly_rgba(0, 90, 160, 255);
        float lw = ly_font_measure(c->app->font, line, 11 * s);
        if (w - lw - 12 * s < 0.45f * w) { /* a narrow column: the change as a signed figure,
                                              its colour saying which way, so the name shows */
            snprintf(line, sizeof line, "%s%s m²", change > 0 ? "+" : "−", g);
            lw = ly_font_measure(c->app->font, line, 11 * s);
        }
        char cut[160];
        ly_draw_text(c->dl, floorf(x), floorf(ry + 12 * s), 11 * s, ly_rgba(60, 66, 80, 255),
                     ly_ui_fit_middle(c->app->font, title, 11 * s, w - lw - 8 * s, cut,
                                      sizeof cut));
        ly_draw_text(c->dl, floorf(x + w - lw), floorf(ry + 12 * s), 11 * s, ink, line);
        if (released_in(c->ui, x, ry, w, row))
            ly_msg_push(c->out,
                        (ly_msg){.type = LY_MSG_SELECT, .id = (long)bd->changed[i], .on = true});
    }
}

/* The two lines of totals above the charts. */
static void totals(const ly_view_ctx *c)
{
    const ly_stats st = c->app->dv.board.stats;
    char line[256], a[32], b[32], nb[32], nc[32], built[96];
    ly_format_grouped((double)st.enterprises_in_buildings, a, sizeof a);
    ly_format_grouped((double)st.buildings, nb, sizeof nb); /* (100,000 as the title says) */
    ly_format_grouped((double)st.under_construction, nc, sizeof nc);
    snprintf(built, sizeof built,
             ly_view_str(c, st.buildings == 1 ? LY_S_TOTALS_BUILDINGS_1 : LY_S_TOTALS_BUILDINGS),
             nb, nc);
    if (st.enterprise_share >= 0) {
        ly_format_grouped(st.enterprises_registered, b, sizeof b);
        snprintf(line, sizeof line, ly_view_str(c, LY_S_TOTALS_SHARE), built, a, b,
                 100 * st.enterprise_share);
    } else if (st.enterprises_in_buildings) {
        snprintf(line, sizeof line,
                 ly_view_str(c, st.enterprises_in_buildings == 1 ? LY_S_TOTALS_1 : LY_S_TOTALS),
                 built, a);
    } else { /* no enterprises in the data at all: none said, not "0 enterprises" */
        snprintf(line, sizeof line, "%s", built);
    }
    ly_ui_text_wrapped(c->ui, line);
    /* the tax where some building gives it (none is not 0), then the vacancy */
    /* (in Chinese in 亿元, as the district's own reports give it: "9.45 亿元") */
    if (c->app->st.lang == LY_LANG_ZH)
        snprintf(a, sizeof a, "%.2f", st.tax_2010_cny / 1e8);
    else
        ly_format_grouped(st.tax_2010_cny / 1e6, a, sizeof a);
    int at = 0;
    if (st.tax_2010_known)
        at = snprintf(line, sizeof line,
                      ly_view_str(c, st.tax_big == 1 ? LY_S_TOTALS_TAX_1 : LY_S_TOTALS_TAX), a,
                      st.tax_big);
    at = at < 0 || (size_t)at >= sizeof line ? 0 : at;
    ly_format_grouped(st.vacant_m2, b, sizeof b);
    if (st.occupancy_rate >= 0)
        snprintf(line + at, sizeof line - (size_t)at,
                 ly_view_str(c, at ? LY_S_TOTALS_VACANT : LY_S_TOTALS_VACANT_ALONE), b,
                 100 * (1 - st.occupancy_rate));
    else
        snprintf(line + at, sizeof line - (size_t)at, "%s%s", at ? "  ·  " : "",
                 ly_view_str(c, LY_S_NO_OCCUPANCY_DATA));
    ly_ui_text_wrapped(c->ui, line);
}

ly_view_out ly_view_dashboard(const ly_view_ctx *c)
{
    ly_view_out out = {0};
    const ly_box *box = &c->L->dashboard;
    if (!box->shown)
        return out;
    bool open = true;
    if (ly_view_panel(c, "dashboard", box, &open)) {
        ly_ui_title(c->ui, ly_view_str(c, LY_S_DASHBOARD_TITLE));
        totals(c);
        ly_ui_space(c->ui, 6);
        /* the charts, drawn straight into the overlay below the text */
        float s = c->L->s;
        ly_ui_rect last = ly_ui_last_rect(c->ui);
        float px = box->x + 16 * s, pw = box->w - 32 * s;
        float top = last.y + last.h + 10 * s, ch = box->y + box->h - 16 * s - top;
        /* a store's weeks get a third row: the trend and this week's changes */
        bool weeks = c->app->scene.district.n_weeks > 1 && c->app->dv.week_vacant;
        float k = weeks ? 0.34f : 0.5f;
        occupancy_chart(c, &out.tip, px, top, pw - 30 * s, ch * (k - 0.05f));
        float half = (pw - 24 * s) / 2, y2 = top + ch * k + 8 * s, h2 = ch * k - 8 * s;
        industry_chart(c, &out.tip, px, y2, half, h2);
        floor_band_chart(c, &out.tip, px + half + 24 * s, y2, half, h2);
        if (weeks) {
            float y3 = top + 2 * ch * k + 8 * s, h3 = ch * (1 - 2 * k) - 8 * s;
            trend_chart(c, &out.tip, px, y3, half, h3);
            this_week(c, px + half + 24 * s, y3, half, h3);
        }
    }
    ly_ui_panel_end(c->ui);
    if (!open)
        ly_msg_on(c->out, LY_MSG_SET_DASHBOARD, false);
    out.drew = true;
    return out;
}
