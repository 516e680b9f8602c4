/* The tenant finder: the space wanted, on one floor or several, the rent, near
 * what; the matches glow on the map and are listed best first, each with the
 * first space that fits. Every chip asks for the new criteria as a message. */
#include "view.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* The criteria's chips; each returns true when the criteria changed (*q). */
static bool area_chips(const ly_view_ctx *c, ly_query_desc *q)
{
    static const double mins[4] = {0, 300, 1000, 2000}, maxes[3] = {0, 1000, 3000};
    bool changed = false;
    for (int i = 0; i < 4; i++) {
        char label[48], n[24];
        if (mins[i] == 0) {
            snprintf(label, sizeof label, "%s##area0", ly_view_str(c, LY_S_ANY_SIZE));
        } else { /* ("1,000", as the card and the dashboard write areas) */
            ly_format_grouped(mins[i], n, sizeof n);
            snprintf(label, sizeof label, "≥ %s m²##area%d", n, i);
        }
        bool on = q->min_area_m2 == mins[i];
        if (ly_ui_chip(c->ui, label, &on) && on) {
            q->min_area_m2 = mins[i], changed = true;
            /* a least size above the most: the most goes (an empty range found nothing) */
            if (q->max_area_m2 > 0 && q->max_area_m2 < mins[i])
                q->max_area_m2 = 0;
        }
    }
    for (int i = 0; i < 3; i++) {
        char label[48], n[24];
        if (maxes[i] == 0) {
            snprintf(label, sizeof label, "%s##max0", ly_view_str(c, LY_S_NO_UPPER_LIMIT));
        } else {
            ly_format_grouped(maxes[i], n, sizeof n);
            snprintf(label, sizeof label, "≤ %s m²##max%d", n, i);
        }
        bool on = q->max_area_m2 == maxes[i];
        if (ly_ui_chip(c->ui, label, &on) && on) {
            q->max_area_m2 = maxes[i], changed = true;
            if (maxes[i] > 0 && q->min_area_m2 > maxes[i]) /* and the other way round */
                q->min_area_m2 = 0;
        }
    }
    /* a size no chip names (louyu shot --find-area 500, a kiosk's config): its own chip,
     * lit, so that the panel says what it finds (none was lit) */
    bool preset_min = false, preset_max = false;
    for (int i = 0; i < 4; i++)
        preset_min |= q->min_area_m2 == mins[i];
    for (int i = 0; i < 3; i++)
        preset_max |= q->max_area_m2 == maxes[i];
    char label[48], n[24];
    bool on = true;
    if (!preset_min) {
        ly_format_grouped(q->min_area_m2, n, sizeof n);
        snprintf(label, sizeof label, "≥ %s m²##area-own", n);
        ly_ui_chip(c->ui, label, &on);
    }
    if (!preset_max) {
        ly_format_grouped(q->max_area_m2, n, sizeof n);
        snprintf(label, sizeof label, "≤ %s m²##max-own", n);
        on = true;
        ly_ui_chip(c->ui, label, &on);
    }
    changed |= ly_ui_toggle(c->ui, ly_view_str(c, LY_S_SPAN_FLOORS), &q->contiguous);
    return changed;
}

/* A rent limit as people write it: "3", "3.5", "0.6". */
static void rent_text(double rent, char *out, size_t n)
{
    snprintf(out, n, "%.2f", rent);
    char *end = out + strlen(out);
    while (end > out && end[-1] == '0')
        *--end = '\0';
    if (end > out && end[-1] == '.')
        end[-1] = '\0';
}

/* The limits of the district's own rents (ly_query_rent_steps); a limit no chip names (a
 * kiosk's config, --find-rent) has its own chip, lit; no rent chips where no building
 * gives a rent. */
static bool rent_chips(const ly_view_ctx *c, ly_query_desc *q)
{
    const ly_finder_chips *fc = &c->app->dv.chips;
    bool preset = q->max_rent_cny_m2_day <= 0, changed = false;
    for (size_t i = 0; i < fc->n_rents; i++)
        preset |= fabs(q->max_rent_cny_m2_day - fc->rents[i]) < 1e-9;
    if (!fc->n_rents && preset)
        return false;
    char label[64], num[24];
    bool on = q->max_rent_cny_m2_day <= 0;
    snprintf(label, sizeof label, "%s##rent0", ly_view_str(c, LY_S_ANY_RENT));
    if (ly_ui_chip(c->ui, label, &on) && on)
        q->max_rent_cny_m2_day = 0, changed = true;
    for (size_t i = 0; i < fc->n_rents; i++) {
        rent_text(fc->rents[i], num, sizeof num);
        snprintf(label, sizeof label, "≤ %s %s##rent%zu", num, ly_view_str(c, LY_S_RENT_UNIT),
                 i + 1);
        on = fabs(q->max_rent_cny_m2_day - fc->rents[i]) < 1e-9;
        if (ly_ui_chip(c->ui, label, &on) && on)
            q->max_rent_cny_m2_day = fc->rents[i], changed = true;
    }
    if (!preset) {
        rent_text(q->max_rent_cny_m2_day, num, sizeof num);
        snprintf(label, sizeof label, "≤ %s %s##rent-own", num, ly_view_str(c, LY_S_RENT_UNIT));
        on = true;
        ly_ui_chip(c->ui, label, &on);
    }
    return changed;
}

/* A place chip, where the district has such places or the criteria already ask for them
 * (so that it can be turned off). */
static bool place_chip(const ly_view_ctx *c, ly_query_desc *q, ly_poi_category kind,
                       ly_string_id label)
{
    bool on = q->near_poi && q->near == kind;
    if (!on && !c->app->dv.chips.has_place[kind])
        return false;
    if (!ly_ui_chip(c->ui, ly_view_str(c, label), &on))
        return false;
    q->near_poi = on;
    q->near = kind;
    /* the stations opened after this data: counted, and the results say so */
    if (kind == LY_POI_METRO)
        q->include_later_pois = true;
    return true;
}

static bool near_chips(const ly_view_ctx *c, ly_query_desc *q)
{
    /* neighbours of an industry: the district's five biggest (ly_finder_chips), and one the
     * criteria ask for that is not among them */
    const ly_finder_chips *fc = &c->app->dv.chips;
    const char *want = q->industry && q->industry[0] ? ly_industry_keyword(q->industry) : NULL;
    bool changed = false, listed = false;
    for (size_t i = 0; i < fc->n_industries; i++) {
        const char *ind = fc->industries[i];
        char label[96];
        snprintf(label, sizeof label, "%s##ind%zu", ly_industry_name(ind, c->app->st.lang), i);
        bool on = want && !strcmp(want, ly_industry_keyword(ind));
        listed |= on;
        if (ly_ui_chip(c->ui, label, &on))
            q->industry = on ? ind : NULL, changed = true;
    }
    if (want && !listed) {
        char label[96];
        snprintf(label, sizeof label, "%s##ind-own", ly_industry_name(want, c->app->st.lang));
        bool on = true;
        if (ly_ui_chip(c->ui, label, &on) && !on)
            q->industry = NULL, changed = true;
    }
    changed |= place_chip(c, q, LY_POI_METRO, LY_S_NEAR_METRO);
    changed |= place_chip(c, q, LY_POI_PARKING, LY_S_NEAR_PARKING);
    return changed;
}

/* Under a match's name: its first space (and how many more), and the distance when
 * nearness was asked; the full reasons are in `louyu query`. */
static void match_line(const ly_view_ctx *c, const ly_query_match *q, char *why, size_t n)
{
    const ly_query_result *r = &c->app->dv.found;
    const ly_query_desc *find = &c->app->st.find;
    why[0] = '\0';
    if (q->n_spaces) {
        const ly_query_space *sp = &r->spaces[q->first_space];
        char num[32];
        ly_format_grouped(sp->vacant_m2, num, sizeof num);
        int k = sp->first == sp->last
                    ? snprintf(why, n, ly_view_str(c, LY_S_SPACE_ON_FLOOR), sp->first, num)
                    : snprintf(why, n, ly_view_str(c, LY_S_SPACE_ON_FLOORS), sp->first, sp->last,
                               num);
        if (q->n_spaces > 1 && k > 0 && (size_t)k < n)
            snprintf(why + k, n - (size_t)k, ly_view_str(c, LY_S_AND_N_MORE_SPACES),
                     q->n_spaces - 1);
    } else if (q->n_reasons) {
        snprintf(why, n, "%s", ly_query_reason(r, q->first_reason, c->app->st.lang));
    }
    if (find->near_poi && q->poi_m >= 0 && (unsigned)find->near < LY_POI_COUNT) {
        size_t k = strlen(why);
        snprintf(why + k, n - k, ly_view_str(c, LY_S_DISTANCE_TO),
                 ly_view_str(c, (ly_string_id)(LY_S_POI_METRO + find->near)), q->poi_m);
    }
}

static void matches(const ly_view_ctx *c)
{
    const ly_app *app = c->app;
    const ly_query_result *r = &app->dv.found;
    char line[256];
    char n[32];
    ly_format_grouped((double)r->n_matches, n, sizeof n);
    int k = snprintf(line, sizeof line,
                     ly_view_str(c, r->n_matches == 1 ? LY_S_N_BUILDINGS_MATCH_1
                                                      : LY_S_N_BUILDINGS_MATCH), n);
    /* the buildings nothing is known of, said apart: not matches, not nothing */
    if (r->without_records && k > 0 && (size_t)k < sizeof line) {
        ly_format_grouped((double)r->without_records, n, sizeof n);
        snprintf(line + k, sizeof line - (size_t)k, ly_view_str(c, r->without_records == 1 ? LY_S_N_WITHOUT_RECORDS_1 : LY_S_N_WITHOUT_RECORDS), n);
    }
    ly_ui_label_colored(c->ui, line, c->ui->theme.text_secondary);
    /* what the whole result should be read with (stations opened after the data) */
    for (size_t i = 0; i < r->n_notes; i++)
        ly_ui_text_wrapped(c->ui, ly_query_note(r, i, app->st.lang));
    /* a tall screen has room for more of the list */
    ly_ui_list_begin(c->ui, "matches",
                     ly_view_list_height(c, c->L->height > c->L->width ? 560 : 220, 0));
    for (size_t m = 0; m < r->n_matches; m++) {
        const ly_query_match *q = &r->matches[m];
        const ly_building *b = &app->scene.district.buildings[q->building];
        char why[200], title[160];
        match_line(c, q, why, sizeof why);
        snprintf(line, sizeof line, "%s##match%u",
                 ly_building_title(b, app->st.lang, title, sizeof title), q->building);
        if (ly_ui_item(c->ui, line, why)) {
            /* the building, with its first space shown on the stacking plan */
            ly_msg_push(c->out, (ly_msg){.type = LY_MSG_SELECT, .id = q->building, .on = true});
            if (q->n_spaces) {
                const ly_query_space *sp = &r->spaces[q->first_space];
                ly_msg_push(c->out, (ly_msg){.type = LY_MSG_SET_STACKING, .on = true,
                                             .f = app->st.plan.explode});
                ly_msg_push(c->out,
                            (ly_msg){.type = LY_MSG_SELECT_FLOORS, .i = sp->first, .j = sp->last});
            }
        }
    }
    ly_ui_list_end(c->ui);
}

ly_view_out ly_view_finder(const ly_view_ctx *c)
{
    if (!c->L->finder.shown)
        return (ly_view_out){0};
    bool open = true; /* its ×: where the column with its switch is out of sight (a phone) */
    if (ly_view_panel(c, "finder", &c->L->finder, &open)) {
        ly_ui_title(c->ui, ly_view_str(c, LY_S_FINDER_TITLE));
        ly_query_desc q = c->app->st.find;
        bool changed = area_chips(c, &q);
        changed |= rent_chips(c, &q);
        changed |= near_chips(c, &q);
        if (changed)
            ly_msg_push(c->out, (ly_msg){.type = LY_MSG_SET_FIND, .find = q});
        ly_ui_space(c->ui, 4);
        matches(c);
    }
    ly_ui_panel_end(c->ui);
    if (!open)
        ly_msg_on(c->out, LY_MSG_SET_FINDER, false);
    return (ly_view_out){.drew = true};
}
