/* The planner's dashboard: district totals and three charts, all derived
 * from the data: occupancy per building (sorted; a bar selects its
 * building), the industry mix, and vacancy by floor band. */
#include "app.h"
#include "louyu/stats.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    long building;
    double occ; /* < 0: no data */
} occ_row;

static int by_occupancy(const void *a, const void *b)
{
    const occ_row *x = a, *y = b;
    /* buildings with data first, highest occupancy first; no data last */
    if ((x->occ < 0) != (y->occ < 0))
        return x->occ < 0 ? 1 : -1;
    if (x->occ != y->occ)
        return x->occ < y->occ ? 1 : -1;
    return (x->building > y->building) - (x->building < y->building);
}

static bool released_in(const ly_ui *ui, float x, float y, float w, float h)
{
    return ui->released && !ui->moved && ui->release_x >= x && ui->release_x < x + w &&
           ui->release_y >= y && ui->release_y < y + h;
}

/* The pointer is over (x, y, w, h) of this panel: a mouse in the window, or a
 * finger held down (a read-out while pressed; the release may select). */
static bool pointed(const ly_app *app, float x, float y, float w, float h)
{
    const ly_ui *ui = &app->ui_ctx;
    if (ui->hover_panel != ui->panel || (ui->touch ? !ui->down : !app->mouse_inside))
        return false;
    return ui->px >= x && ui->px < x + w && ui->py >= y && ui->py < y + h;
}

/* The read-out for what the pointer is over, drawn over every panel after them. */
static void tip(ly_app *app, const char *title, const char *line)
{
    const ly_ui *ui = &app->ui_ctx;
    float s = app->ui_scale;
    app->tip = true;
    app->tip_x = ui->px + 16 * s;
    /* below a cursor; above a finger, which would hide it */
    app->tip_y = ui->touch ? ui->py - 90 * s : ui->py + 20 * s;
    snprintf(app->tip_title, sizeof app->tip_title, "%s", title);
    snprintf(app->tip_line, sizeof app->tip_line, "%s", line);
}

static ly_color lighter(ly_color c)
{
    return (ly_color){(uint8_t)(c.r + (255 - c.r) * 35 / 100), (uint8_t)(c.g + (255 - c.g) * 35 / 100),
                      (uint8_t)(c.b + (255 - c.b) * 35 / 100), c.a};
}

static void heading(ly_drawlist *dl, float x, float y, float s, const char *text)
{
    ly_draw_text(dl, floorf(x), floorf(y), 13 * s, ly_rgba(30, 36, 48, 255), text);
}

/* Occupancy per building, as sorted vertical bars. */
static void occupancy_chart(ly_app *app, float x, float y, float w, float h)
{
    const ly_district *d = &app->scene.district;
    ly_drawlist *dl = &app->ui;
    ly_ui *ui = &app->ui_ctx;
    float s = app->ui_scale;
    bool en = app->lang == LY_LANG_EN;
    heading(dl, x, y + 13 * s, s, en ? "Occupancy by building" : "各楼宇出租率");
    y += 24 * s;
    h -= 24 * s;
    size_t n = d->n_buildings;
    occ_row *rows = malloc((n ? n : 1) * sizeof *rows);
    if (!rows)
        return;
    for (size_t i = 0; i < n; i++)
        rows[i] = (occ_row){(long)i, ly_building_occupancy(d, &d->buildings[i], NULL, NULL)};
    qsort(rows, n, sizeof *rows, by_occupancy);
    float gap = n > 60 ? 0 : 2 * s, bw = n ? (w - gap * (float)(n - 1)) / (float)n : 0;
    /* grid lines at 50 % and 100 % */
    for (int g = 1; g <= 2; g++) {
        float gy = y + h - h * 0.5f * g;
        ly_draw_rect(dl, x, gy, w, 1 * s, ly_rgba(220, 222, 228, 255));
        char t[8];
        snprintf(t, sizeof t, "%d%%", 50 * g);
        ly_draw_text(dl, floorf(x + w + 4 * s), floorf(gy + 4 * s), 10 * s,
                     ly_rgba(120, 126, 138, 255), t);
    }
    for (size_t i = 0; i < n; i++) {
        float bx = x + (float)i * (bw + gap);
        double occ = rows[i].occ;
        float bh = occ >= 0 ? (float)occ * h : 0.12f * h;
        ly_color c = occ >= 0 ? ly_rgba(146, 160, 184, 255) : ly_rgba(214, 212, 206, 255);
        if (rows[i].building == app->selected)
            c = ly_rgba(236, 125, 46, 255);
        if (pointed(app, bx, y, bw + gap, h)) {
            const ly_building *b = &d->buildings[rows[i].building];
            const char *name = en && b->name_en ? b->name_en : b->name ? b->name
                               : b->name_en                ? b->name_en
                                                           : b->id;
            char line[160], v[40];
            double area, vacant;
            ly_building_occupancy(d, b, &area, &vacant);
            ly_format_grouped(vacant, v, sizeof v);
            if (b->status == LY_STATUS_UNDER_CONSTRUCTION)
                snprintf(line, sizeof line, "%s", ly_str(LY_S_UNDER_CONSTRUCTION, app->lang));
            else if (occ < 0)
                snprintf(line, sizeof line, "%s", ly_str(LY_S_NO_OCCUPANCY_DATA, app->lang));
            else
                snprintf(line, sizeof line, "%s %.0f%%  ·  %s %s m²",
                         ly_str(LY_S_OCCUPANCY, app->lang), 100 * occ,
                         ly_str(LY_S_VACANT, app->lang), v);
            tip(app, name, line);
            c = lighter(c);
        }
        ly_draw_rect(dl, bx, y + h - bh, fmaxf(bw, 1), bh, c);
        /* a bar selects its building */
        if (released_in(ui, bx, y, bw + gap, h))
            ly_app_select(app, rows[i].building, true);
    }
    free(rows);
}

/* Enterprises per industry, as horizontal bars. */
static void industry_chart(ly_app *app, float x, float y, float w, float h)
{
    const ly_district *d = &app->scene.district;
    ly_drawlist *dl = &app->ui;
    float s = app->ui_scale;
    bool en = app->lang == LY_LANG_EN;
    heading(dl, x, y + 13 * s, s, en ? "Industry mix (enterprises)" : "行业构成（企业数）");
    y += 24 * s;
    const char *names[32];
    size_t counts[32] = {0};
    int k = 0;
    for (size_t i = 0; i < d->n_enterprises; i++) {
        const char *ind = d->enterprises[i].industry;
        if (!ind)
            continue;
        int j = 0;
        while (j < k && strcmp(names[j], ind))
            j++;
        if (j == k && k < 32)
            names[k++] = ind;
        if (j < 32)
            counts[j]++;
    }
    /* largest first */
    for (int a = 1; a < k; a++)
        for (int b = a; b > 0 && counts[b] > counts[b - 1]; b--) {
            size_t tc = counts[b];
            counts[b] = counts[b - 1];
            counts[b - 1] = tc;
            const char *tn = names[b];
            names[b] = names[b - 1];
            names[b - 1] = tn;
        }
    size_t max = k ? counts[0] : 1, total = 0;
    for (int i = 0; i < k; i++)
        total += counts[i];
    float row = 18 * s, label_w = fminf(110 * s, 0.42f * w);
    int rows = (int)fminf((float)k, floorf(h / row - 1.5f));
    for (int i = 0; i < rows; i++) {
        float ry = y + (float)i * row;
        uint8_t rgb[3];
        ly_colorby_ramp(rows > 1 ? (double)i / (rows - 1) : 0.5, rgb);
        ly_draw_text(dl, floorf(x), floorf(ry + 12 * s), 11 * s, ly_rgba(60, 66, 80, 255),
                     ly_industry_name(names[i], app->lang));
        float bw = fmaxf(0, w - label_w - 40 * s) * (float)counts[i] / (float)max;
        ly_color c = ly_rgba(rgb[0], rgb[1], rgb[2], 255);
        if (pointed(app, x, ry, w, row)) {
            char line[160];
            double share = total ? (double)counts[i] / (double)total : 0;
            snprintf(line, sizeof line,
                     en ? "%zu enterprises  ·  %.1f %% of those with an industry"
                        : "%zu 家企业  ·  占已知行业企业的 %.1f%%",
                     counts[i], 100 * share);
            tip(app, ly_industry_name(names[i], app->lang), line);
            c = lighter(c);
        }
        ly_draw_rect(dl, x + label_w, ry + 3 * s, fmaxf(bw, 1), row - 6 * s, c);
        char t[16];
        snprintf(t, sizeof t, "%zu", counts[i]);
        ly_draw_text(dl, floorf(x + label_w + bw + 5 * s), floorf(ry + 12 * s), 10.5f * s,
                     ly_rgba(100, 108, 122, 255), t);
    }
}

/* Vacancy rate of the recorded floor area, by floor band. */
static void floor_band_chart(ly_app *app, float x, float y, float w, float h)
{
    const ly_district *d = &app->scene.district;
    ly_drawlist *dl = &app->ui;
    float s = app->ui_scale;
    bool en = app->lang == LY_LANG_EN;
    heading(dl, x, y + 13 * s, s, en ? "Vacancy by floor band" : "各楼层段空置率");
    /* below the heading, room for the tallest bar's figure above it */
    y += 24 * s + 14 * s;
    h -= 40 * s + 14 * s;
    static const int lo[5] = {1, 6, 11, 21, 31}, hi[5] = {5, 10, 20, 30, 1000};
    double area[5] = {0}, vacant[5] = {0};
    for (size_t i = 0; i < d->n_records; i++) {
        const ly_floor_record *r = &d->records[i];
        for (int b = 0; b < 5; b++)
            if (r->floor >= lo[b] && r->floor <= hi[b]) {
                area[b] += r->area_m2;
                vacant[b] += r->vacant_m2;
            }
    }
    double max = 0.05;
    for (int b = 0; b < 5; b++)
        if (area[b] > 0)
            max = fmax(max, vacant[b] / area[b]);
    float bw = (w - 4 * 8 * s) / 5;
    for (int b = 0; b < 5; b++) {
        float bx = x + (float)b * (bw + 8 * s);
        char t[24];
        if (area[b] > 0) {
            double rate = vacant[b] / area[b];
            float bh = (float)(rate / max) * h;
            ly_color c = ly_rgba(0, 150, 136, 255);
            if (pointed(app, bx, y - 14 * s, bw + 8 * s, h + 30 * s)) {
                char title[64], line[160], va[40], aa[40];
                ly_format_grouped(vacant[b], va, sizeof va);
                ly_format_grouped(area[b], aa, sizeof aa);
                if (hi[b] < 1000)
                    snprintf(title, sizeof title, en ? "Floors %d–%d" : "%d–%d 层", lo[b], hi[b]);
                else
                    snprintf(title, sizeof title, en ? "Floors %d and up" : "%d 层及以上", lo[b]);
                snprintf(line, sizeof line,
                         en ? "%s of %s m² vacant (%.1f %%)" : "空置 %s / %s m²（%.1f%%）", va,
                         aa, 100 * rate);
                tip(app, title, line);
                c = lighter(c);
            }
            ly_draw_rect(dl, bx, y + h - bh, bw, bh, c);
            snprintf(t, sizeof t, "%.0f%%", 100 * rate);
            ly_draw_text(dl, floorf(bx + 2 * s), floorf(y + h - bh - 4 * s), 10.5f * s,
                         ly_rgba(60, 66, 80, 255), t);
        }
        if (hi[b] < 1000)
            snprintf(t, sizeof t, "%d–%d", lo[b], hi[b]);
        else
            snprintf(t, sizeof t, "%d+", lo[b]);
        ly_draw_text(dl, floorf(bx + 2 * s), floorf(y + h + 14 * s), 10.5f * s,
                     ly_rgba(100, 108, 122, 255), t);
    }
}

void ly_app_dashboard(ly_app *app)
{
    ly_ui *ui = &app->ui_ctx;
    if (!app->dashboard || !app->scene.loaded)
        return;
    float s = app->ui_scale > 0 ? app->ui_scale : 1;
    float w = fminf(760, app->width / s - 300), h = fminf(470, app->height / s - 110);
    float x = 270, y = 84;
    if (w < 520 && app->height > app->width) {
        /* a portrait screen: the width of the screen, under the side panels */
        x = 20;
        y = 420;
        w = fminf(760, app->width / s - 40);
        h = fminf(560, app->height / s - y - 70);
    }
    if (w < 300 || h < 260)
        return; /* too small a window for charts */
    bool open = true;
    if (ly_ui_panel_begin(ui, "dashboard", x, y, w, h, &open)) {
        const ly_district *d = &app->scene.district;
        bool en = app->lang == LY_LANG_EN;
        ly_ui_title(ui, en ? "District dashboard" : "街道数据看板");
        ly_stats st;
        ly_stats_compute(d, &st);
        char line[256], a[32], b[32], c[32];
        ly_format_grouped((double)st.enterprises_in_buildings, a, sizeof a);
        if (st.enterprise_share >= 0) {
            ly_format_grouped(st.enterprises_registered, b, sizeof b);
            snprintf(line, sizeof line,
                     en ? "%zu buildings (%zu under construction)  ·  %s of %s enterprises in "
                          "buildings (%.1f %%)"
                        : "%zu 座楼宇（在建 %zu）  ·  楼宇内企业 %s / %s 家（%.1f%%）",
                     st.buildings, st.under_construction, a, b, 100 * st.enterprise_share);
        } else {
            snprintf(line, sizeof line,
                     en ? "%zu buildings (%zu under construction)  ·  %s enterprises"
                        : "%zu 座楼宇（在建 %zu）  ·  企业 %s 家",
                     st.buildings, st.under_construction, a);
        }
        ly_ui_text_wrapped(ui, line);
        ly_format_grouped(st.tax_2010_cny / 1e6, a, sizeof a);
        ly_format_grouped(st.vacant_m2, c, sizeof c);
        if (st.occupancy_rate >= 0)
            snprintf(line, sizeof line,
                     en ? "2010 tax %s M CNY  ·  %zu buildings ≥ 100 M  ·  vacant %s m² (%.1f %%)"
                        : "2010年税收 %s 百万元  ·  亿元楼 %zu 座  ·  空置 %s m²（%.1f%%）",
                     a, st.tax_big, c, 100 * (1 - st.occupancy_rate));
        else
            snprintf(line, sizeof line, en ? "No occupancy data" : "暂无出租数据");
        ly_ui_text_wrapped(ui, line);
        ly_ui_space(ui, 6);
        /* the charts, drawn straight into the overlay below the text */
        ly_ui_rect last = ly_ui_last_rect(ui);
        float px = x * s + 16 * s, pw = w * s - 32 * s;
        float top = last.y + last.h + 10 * s, bottom = (y + h) * s - 16 * s;
        float ch = bottom - top;
        occupancy_chart(app, px, top, pw - 30 * s, ch * 0.45f);
        float half = (pw - 24 * s) / 2;
        industry_chart(app, px, top + ch * 0.5f + 8 * s, half, ch * 0.5f - 8 * s);
        floor_band_chart(app, px + half + 24 * s, top + ch * 0.5f + 8 * s, half,
                         ch * 0.5f - 8 * s);
    }
    ly_ui_panel_end(ui);
    if (!open)
        app->dashboard = false;
}
