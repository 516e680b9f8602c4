/* The building card: its title (or, for a building without a name, what it is),
 * the other language's name, badges, the tabs, and the overview tab: address,
 * status, height, area, rent, occupancy and the floors with space, contact,
 * government services, and whatever other properties the file carries. The
 * floors and enterprises views continue the same panel with their tabs. */
#include "view.h"

#include <math.h>
#include "louyu/stats.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <string.h>

static void status_row(const ly_view_ctx *c, const ly_building *b)
{
    char v[200];
    if (b->status == LY_STATUS_UNDER_CONSTRUCTION && b->year)
        snprintf(v, sizeof v, ly_view_str(c, LY_S_UNDER_CONSTRUCTION_DUE), b->year);
    else if (b->status == LY_STATUS_UNDER_CONSTRUCTION)
        snprintf(v, sizeof v, "%s", ly_view_str(c, LY_S_UNDER_CONSTRUCTION));
    else if (b->year)
        snprintf(v, sizeof v, ly_view_str(c, LY_S_COMPLETED_IN), b->year);
    else
        snprintf(v, sizeof v, "%s", ly_view_str(c, LY_S_COMPLETED));
    ly_ui_key_value(c->ui, ly_view_str(c, LY_S_STATUS), v);
}

/* Occupancy, the tenant's first question, and the floors that have space. */
static void occupancy(const ly_view_ctx *c, const ly_building *b)
{
    const ly_district *d = &c->app->scene.district;
    ly_ui *ui = c->ui;
    double area, vacant;
    double occ = ly_building_occupancy(d, b, &area, &vacant);
    if (occ < 0) {
        ly_ui_label_colored(ui, ly_view_str(c, LY_S_NO_OCCUPANCY_DATA), ui->theme.text_secondary);
        return;
    }
    char v[200], num[40], floors[160] = "";
    ly_format_grouped(vacant, num, sizeof num);
    snprintf(v, sizeof v, "%s %.0f%%  ·  %s %s m²", ly_view_str(c, LY_S_OCCUPANCY), occ * 100,
             ly_view_str(c, LY_S_VACANT), num);
    ly_ui_bar(ui, (float)occ, ly_rgba(146, 160, 184, 255), ly_rgba(0, 150, 136, 255), v);
    size_t o = 0;
    int listed = 0, more = 0;
    for (uint32_t i = b->n_records; i-- > 0;) {
        const ly_floor_record *r = &d->records[b->first_record + i];
        if (!ly_floor_has_space(r))
            continue;
        if (listed < 8 && o + 16 < sizeof floors) {
            char one[24];
            snprintf(one, sizeof one, ly_view_str(c, LY_S_FLOOR_SHORT), r->floor);
            o += (size_t)snprintf(floors + o, sizeof floors - o, "%s%s",
                                  listed ? ly_view_str(c, LY_S_LIST_SEP) : "", one);
            listed++;
        } else {
            more++;
        }
    }
    if (!listed)
        return;
    if (more)
        snprintf(floors + o, sizeof floors - o, " … +%d", more);
    ly_ui_key_value(ui, ly_view_str(c, LY_S_SPACE_ON), floors);
}

static void services(const ly_view_ctx *c, const ly_building *b)
{
    const ly_district *d = &c->app->scene.district;
    ly_ui_space(c->ui, 4);
    ly_ui_label_colored(c->ui, ly_view_pick(c, b->services.name, b->services.name_en),
                        ly_rgba(200, 50, 40, 255));
    for (uint32_t i = 0; i < b->services.n_windows; i++) {
        const ly_name_pair *np = &d->names[b->services.first_window + i];
        char v[200];
        snprintf(v, sizeof v, "· %s", ly_view_pick(c, np->name, np->name_en));
        ly_ui_label(c->ui, v);
    }
}

/* What plain GeoJSON carries beyond what louyu reads (OpenStreetMap tags such as
 * building:material or roof:shape), as it is written. (A louyu file's own extra
 * members are its publisher's notes: `louyu info` shows them.) */
static void other_properties(const ly_view_ctx *c, const ly_building *b)
{
    if (c->app->scene.district.meta.is_louyu)
        return;
    cJSON *extra = b->extra ? cJSON_Parse(b->extra) : NULL;
    int shown = 0;
    for (const cJSON *m = extra ? extra->child : NULL; m && shown < 12; m = m->next) {
        char v[200];
        if (cJSON_IsString(m))
            snprintf(v, sizeof v, "%s", m->valuestring);
        else if (cJSON_IsNumber(m)) { /* as written: 322667430, not 3.22667e+08 */
            char *t = cJSON_PrintUnformatted(m);
            snprintf(v, sizeof v, "%s", t ? t : "");
            cJSON_free(t);
        }
        else if (cJSON_IsBool(m))
            snprintf(v, sizeof v, "%s", cJSON_IsTrue(m) ? "true" : "false");
        else
            continue; /* objects and arrays: `louyu info` shows them whole */
        if (!shown++)
            ly_ui_space(c->ui, 4);
        ly_ui_key_value(c->ui, m->string, v);
    }
    cJSON_Delete(extra);
}

/* A rent as the card's change line gives it: its figures alone, "–" for none. */
static void rent_figures(const ly_view_ctx *c, ly_rent_span r, char *buf, size_t n)
{
    if (!ly_rent_span_text(r, "", ly_view_str(c, LY_S_SITE_TO_BE_AGREED), buf, n))
        snprintf(buf, n, "–");
    size_t len = strlen(buf);
    while (len && buf[len - 1] == ' ')
        buf[--len] = '\0'; /* (the unit left out) */
}

/* A line of the card in colour, wrapped to the card's width (cut, the rent's change had lost
 * its unit and "to be agreed"). */
static void note(const ly_view_ctx *c, const char *text, ly_color col)
{
    ly_ui *ui = c->ui;
    float s = c->L->s, px = ui->theme.font_px * s;
    float width = c->L->card.w - 2 * ui->theme.padding * s;
    ly_ui_line lines[4];
    size_t n = ly_ui_wrap(c->app->font, text, px, width, lines, 4);
    if (n < 2 || n > 4) {
        ly_ui_label_colored(ui, text, col);
        return;
    }
    for (size_t i = 0; i < n; i++) {
        char piece[256];
        size_t len = i + 1 == n ? strlen(text + lines[i].start) : lines[i].len;
        snprintf(piece, sizeof piece, "%.*s", (int)len, text + lines[i].start);
        ly_ui_label_colored(ui, piece, col);
    }
}

/* What the building asks, where that changed since the week compared with (the vacancy line
 * above it had said "no change" of a week its rent went up); that week named where it is not
 * the one just before. The unit after the figures, as the Rent row has it (it had followed
 * "to be agreed"). */
static void rent_change(const ly_view_ctx *c, const ly_building *b)
{
    const ly_district *d = &c->app->scene.district;
    ly_rent_span was = ly_building_rent_span_in_week(d, b, d->week - 1),
                 now = ly_building_rent_span_in_week(d, b, d->week);
    if (ly_rent_span_same(was, now))
        return;
    char a[64], z[96], line[256];
    rent_figures(c, was, a, sizeof a);
    if (!ly_rent_span_text(now, ly_view_str(c, LY_S_RENT_UNIT),
                           ly_view_str(c, LY_S_SITE_TO_BE_AGREED), z, sizeof z))
        snprintf(z, sizeof z, "–");
    int since = ly_district_week_against(d, d->week);
    if (since)
        snprintf(line, sizeof line, ly_view_str(c, LY_S_RENT_SINCE_WEEK), since / 100,
                 since % 100, a, z);
    else
        snprintf(line, sizeof line, ly_view_str(c, LY_S_RENT_WAS_NOW), a, z);
    note(c, line, c->ui->theme.text_secondary);
}

/* The vacancy's change since the week compared with, that week named where it is not the one
 * just before (W20's change against W18 had read as this week's). */
static void vacancy_change(const ly_view_ctx *c, double change, char *line, size_t n)
{
    const ly_district *d = &c->app->scene.district;
    int since = ly_district_week_against(d, d->week), y = since / 100, w = since % 100;
    char g[32];
    ly_format_grouped(fabs(change), g, sizeof g);
    bool up = change > 0;
    if (fabs(change) < 0.5 && since)
        snprintf(line, n, ly_view_str(c, LY_S_VACANT_UNCHANGED_SINCE), y, w);
    else if (fabs(change) < 0.5)
        snprintf(line, n, "%s", ly_view_str(c, LY_S_VACANT_UNCHANGED));
    else if (since)
        snprintf(line, n, ly_view_str(c, up ? LY_S_NEWLY_VACANT_SINCE : LY_S_NEWLY_LET_SINCE), y,
                 w, g);
    else
        snprintf(line, n, ly_view_str(c, up ? LY_S_NEWLY_VACANT : LY_S_NEWLY_LET), g);
}

/* A store's weeks: the building's vacant space over them (the week on screen
 * marked), and what changed since the week before. */
static void trend(const ly_view_ctx *c, const ly_building *b)
{
    const ly_district *d = &c->app->scene.district;
    if (d->n_weeks < 2 || !b->n_records)
        return;
    ly_ui *ui = c->ui;
    double v[1024];
    size_t n = d->n_weeks < 1024 ? d->n_weeks : 1024, first = d->n_weeks - n;
    for (size_t i = 0; i < n; i++)
        v[i] = ly_building_vacant_in_week(d, b, first + i);
    ly_ui_space(ui, 4);
    ly_ui_label_colored(ui, ly_view_str(c, LY_S_VACANCY_TREND), ui->theme.text_secondary);
    ly_ui_rect r = ly_ui_last_rect(ui);
    float s = c->L->s, right = c->L->card.x + c->L->card.w - ui->theme.padding * s;
    ly_ui_space(ui, 38);
    ly_view_sparkline(c, v, n, r.x, r.y + r.h + 4 * s, right - r.x, 30 * s,
                      (long)d->week - (long)first, ly_rgba(120, 136, 166, 255),
                      ly_rgba(222, 228, 240, 255));
    if (!d->week)
        return;
    char line[160];
    double change = v[d->week - first] - v[d->week - first - 1];
    vacancy_change(c, change, line, sizeof line);
    note(c, line, change > 0.5 ? ly_rgba(200, 85, 0, 255)
                  : change < -0.5 ? ly_rgba(0, 90, 160, 255)
                                  : ui->theme.text_secondary);
    rent_change(c, b);
}

static void overview(const ly_view_ctx *c, const ly_building *b)
{
    ly_ui *ui = c->ui;
    char v[200], a[40];
    const char *addr = ly_view_pick(c, b->address, b->address_en);
    if (addr)
        ly_ui_key_value(ui, ly_view_str(c, LY_S_ADDRESS), addr);
    if (b->type)
        ly_ui_key_value(ui, ly_view_str(c, LY_S_TYPE),
                        ly_building_type_name(b->type, c->app->st.lang));
    status_row(c, b);
    char hm[32];
    snprintf(v, sizeof v, ly_view_str(c, LY_S_HEIGHT_FLOORS_TEXT),
             ly_height_text(b->height_m, hm, sizeof hm), b->floors,
             ly_view_str(c, b->floors == 1 ? LY_S_FLOOR_1 : LY_S_FLOORS));
    ly_ui_key_value(ui, ly_view_str(c, LY_S_HEIGHT), v);
    if (b->gfa_m2 > 0) {
        ly_format_grouped(b->gfa_m2, a, sizeof a);
        snprintf(v, sizeof v, "%s m²", a);
        ly_ui_key_value(ui, ly_view_str(c, LY_S_FLOOR_AREA), v);
    }
    /* what it asks: its floors' own rents (a range where they differ, and whether some are
     * to be agreed), as its portal page says; its own where it has no space to let */
    if (ly_building_rent_text(&c->app->scene.district, b, ly_view_str(c, LY_S_RENT_UNIT),
                              ly_view_str(c, LY_S_SITE_TO_BE_AGREED), v, sizeof v))
        ly_ui_key_value(ui, ly_view_str(c, LY_S_RENT), v);
    ly_ui_space(ui, 4);
    occupancy(c, b);
    trend(c, b);
    if (b->contact.name || b->contact.phone) {
        const char *who = ly_view_pick(c, b->contact.name, b->contact.name_en);
        snprintf(v, sizeof v, "%s%s%s", who ? who : "", b->contact.phone ? "  " : "",
                 b->contact.phone ? b->contact.phone : "");
        ly_ui_key_value(ui, ly_view_str(c, LY_S_CONTACT), v);
    }
    if (b->has_services)
        services(c, b);
    other_properties(c, b);
}

/* The title, the name in the other language, and the badges. */
static void header(const ly_view_ctx *c, const ly_building *b)
{
    ly_ui *ui = c->ui;
    char title[160];
    ly_ui_title(ui, ly_building_title(b, c->app->st.lang, title, sizeof title));
    const char *other = ly_building_other_name(b, c->app->st.lang);
    if (other)
        ly_ui_label_colored(ui, other, ui->theme.text_secondary);
    bool big = b->tax_2010_cny >= LY_TAX_BIG_CNY;
    if (big)
        ly_ui_badge(ui, ly_view_str(c, LY_S_BIG_TAX), ly_rgba(200, 50, 40, 255),
                    ly_rgba(255, 255, 255, 255));
    if (b->has_services) {
        if (big)
            ly_ui_same_line(ui);
        ly_ui_badge(ui, ly_view_pick(c, b->services.name, b->services.name_en),
                    ly_rgba(255, 232, 228, 255), ly_rgba(180, 40, 30, 255));
    }
    if (b->status == LY_STATUS_UNDER_CONSTRUCTION)
        ly_ui_badge(ui, ly_view_str(c, LY_S_UNDER_CONSTRUCTION), ly_rgba(250, 236, 210, 255),
                    ly_rgba(150, 90, 20, 255));
}

ly_view_out ly_view_card(const ly_view_ctx *c)
{
    const ly_state *st = &c->app->st;
    if (!c->L->card.shown)
        return (ly_view_out){0};
    const ly_building *b = &c->app->scene.district.buildings[st->selected];
    bool open = true;
    if (ly_view_panel(c, "card", &c->L->card, &open)) {
        header(c, b);
        ly_ui_space(c->ui, 2);
        const char *tabs[LY_TAB_COUNT] = {
            ly_view_str(c, LY_S_OVERVIEW), ly_view_str(c, LY_S_FLOORS_TAB),
            ly_view_str(c, LY_S_ENTERPRISES), ly_view_str(c, LY_S_NEARBY_TAB)};
        int tab = ly_ui_tabs(c->ui, "tabs", tabs, LY_TAB_COUNT, st->tab);
        if (tab != (int)st->tab)
            ly_msg_int(c->out, LY_MSG_SET_TAB, tab);
        ly_ui_space(c->ui, 2);
        if (st->tab == LY_TAB_OVERVIEW)
            overview(c, b);
    }
    ly_ui_panel_end(c->ui);
    if (!open)
        ly_msg_push(c->out, (ly_msg){.type = LY_MSG_SELECT, .id = -1});
    return (ly_view_out){.drew = true};
}
