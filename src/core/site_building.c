/* A building's page on the portal: its views and stacking plan (the viewer's
 * own renders), facts, vacancy floor by floor, the government service windows,
 * the industries in it and what is near it on foot. */
#include "louyu/site.h"

#include "louyu/geo.h"
#include "louyu/stacking.h"
#include "louyu/stats.h"
#include "louyu/walk.h"
#include "louyu/week.h"
#include "site_private.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void heading(const ly_page *p, ly_string_id id)
{
    ly_buf_printf(p->out, "<h2>%s</h2>\n", ly_page_str(p, id));
}

static void badges(const ly_page *p, const ly_building *b)
{
    ly_buf *o = p->out;
    bool big = b->tax_2010_cny >= LY_TAX_BIG_CNY;
    if (!big && !b->has_services && b->status != LY_STATUS_UNDER_CONSTRUCTION)
        return;
    ly_buf_put(o, "<p class=\"badges\">");
    if (big)
        ly_buf_printf(o, "<span class=\"badge big\">%s</span> ", ly_page_str(p, LY_S_BIG_TAX));
    if (b->has_services) {
        ly_buf_put(o, "<span class=\"badge service\">");
        ly_page_put(p, ly_page_pick(p, b->services.name, b->services.name_en));
        ly_buf_put(o, "</span> ");
    }
    if (b->status == LY_STATUS_UNDER_CONSTRUCTION)
        ly_buf_printf(o, "<span class=\"badge site\">%s</span>",
                      ly_page_str(p, LY_S_UNDER_CONSTRUCTION));
    ly_buf_put(o, "</p>\n");
}

static void fact(const ly_page *p, ly_string_id key, const char *value)
{
    if (!value || !value[0])
        return;
    ly_buf_printf(p->out, "<dt>%s</dt><dd>", ly_page_str(p, key));
    ly_page_put(p, value);
    ly_buf_put(p->out, "</dd>\n");
}

static void facts(const ly_page *p, const ly_building *b)
{
    char v[300], a[32];
    heading(p, LY_S_SITE_FACTS);
    ly_buf_put(p->out, "<dl class=\"facts\">\n");
    fact(p, LY_S_ADDRESS, ly_page_pick(p, b->address, b->address_en));
    /* (its year: when it was completed, or when it is due, as the card has it: "2000 年建成") */
    if (b->status != LY_STATUS_UNDER_CONSTRUCTION && b->year)
        snprintf(v, sizeof v, ly_page_str(p, LY_S_COMPLETED_IN), b->year);
    else if (b->year) /* (when it is due: "· 2014" had read as the year work began) */
        snprintf(v, sizeof v, ly_page_str(p, LY_S_UNDER_CONSTRUCTION_DUE), b->year);
    else
        snprintf(v, sizeof v, "%s",
                 ly_page_str(p, b->status == LY_STATUS_UNDER_CONSTRUCTION ? LY_S_UNDER_CONSTRUCTION
                                                                           : LY_S_COMPLETED));
    fact(p, LY_S_STATUS, v);
    /* (to a tenth as the card says it: 238.3 m and 237.7 m towers had both read "238 m") */
    snprintf(v, sizeof v, ly_page_str(p, LY_S_HEIGHT_FLOORS_TEXT),
             ly_height_text(b->height_m, a, sizeof a), b->floors,
             ly_page_str(p, b->floors == 1 ? LY_S_FLOOR_1 : LY_S_FLOORS));
    fact(p, LY_S_HEIGHT, v);
    if (b->gfa_m2 > 0) {
        snprintf(v, sizeof v, "%s m²", ly_page_grouped(b->gfa_m2, a, sizeof a));
        fact(p, LY_S_FLOOR_AREA, v);
    }
    /* the rents its spaces ask (a range where they differ, and whether some are to be
     * agreed); the building's own where it has no space to let */
    if (ly_building_rent_text(p->s->d, b, ly_page_str(p, LY_S_RENT_UNIT),
                              ly_page_str(p, LY_S_SITE_TO_BE_AGREED), v, sizeof v))
        fact(p, LY_S_RENT, v);
    const char *who = ly_page_pick(p, b->contact.name, b->contact.name_en);
    snprintf(v, sizeof v, "%s%s%s", who ? who : "", who && b->contact.phone ? " " : "",
             b->contact.phone ? b->contact.phone : "");
    fact(p, LY_S_CONTACT, v);
    ly_buf_put(p->out, "</dl>\n");
}

static void views(const ly_page *p, uint32_t bi)
{
    const ly_site_images *im = &p->s->images[bi];
    if (!im->views[0].file[0])
        return;
    heading(p, LY_S_SITE_VIEWS);
    if (p->s->map) { /* the district page's map, turned to this building (#b=ID) */
        ly_buf_put(p->out, "<p><a class=\"map-link\" href=\"../index.html#b=");
        ly_buf_url(p->out, p->s->d->buildings[bi].id);
        ly_buf_printf(p->out, "\">%s</a></p>\n", ly_page_str(p, LY_S_SITE_MAP_OPEN));
    }
    ly_buf_put(p->out, "<div class=\"views\">\n");
    for (int k = 0; k < LY_SITE_VIEWS; k++) {
        if (!im->views[k].file[0])
            continue;
        char alt[300];
        ly_page_view_alt(p, bi, im->views[k].from, alt, sizeof alt);
        ly_buf_put(p->out, "<figure>");
        ly_page_image(p, &im->views[k], alt, NULL, k > 0);
        char cap[120];
        snprintf(cap, sizeof cap, ly_page_str(p, LY_S_SITE_FROM),
                 ly_page_str(p, (ly_string_id)(LY_S_DIR_N + (im->views[k].from & 7))));
        ly_buf_put(p->out, "<figcaption>");
        ly_buf_html(p->out, cap);
        ly_buf_put(p->out, "</figcaption></figure>\n");
    }
    ly_buf_put(p->out, "</div>\n");
}

/* The stacking plan and the vacancy floor by floor, top floor first. */
static void floors(const ly_page *p, uint32_t bi)
{
    const ly_district *d = p->s->d;
    const ly_building *b = &d->buildings[bi];
    const ly_site_image *plan = &p->s->images[bi].plan;
    ly_buf *o = p->out;
    if (!plan->file[0] && !b->n_records)
        return; /* (no plan is drawn without floor records: nothing to say) */
    heading(p, LY_S_SITE_PLAN);
    if (plan->file[0]) {
        char alt[300], name[160];
        snprintf(alt, sizeof alt, ly_page_str(p, LY_S_SITE_PLAN_ALT),
                 ly_building_title(b, p->lang, name, sizeof name));
        ly_buf_put(o, "<figure>");
        ly_page_image(p, plan, alt, NULL, true);
        ly_buf_put(o, "<figcaption><ul class=\"legend\">");
        for (int s = 0; s < LY_FLOOR_STATES; s++)
            ly_buf_printf(o, "<li><span class=\"sw sw%d\" aria-hidden=\"true\"></span>%s</li>", s,
                          ly_page_str(p, ly_floor_state_name((ly_floor_state)s)));
        ly_buf_put(o, "</ul></figcaption></figure>\n");
    }
    if (!b->n_records)
        return;
    ly_buf_printf(o, "<h3>%s</h3>\n<div class=\"scroll\">\n<table class=\"floors\">\n<thead><tr>",
                  ly_page_str(p, LY_S_SITE_FLOOR_TABLE));
    static const ly_string_id COLS[6] = {LY_S_SITE_COL_FLOOR,  LY_S_SITE_COL_USE,
                                         LY_S_SITE_COL_AREA,   LY_S_SITE_COL_VACANT,
                                         LY_S_SITE_COL_RENT,   LY_S_STATUS};
    for (int k = 0; k < 6; k++)
        ly_buf_printf(o, "<th scope=\"col\">%s</th>", ly_page_str(p, COLS[k]));
    ly_buf_put(o, "</tr></thead>\n<tbody>\n");
    size_t from, to; /* (the floors with space: vacant as the listing rounds it) */
    ly_site_singles(p->s, bi, &from, &to);
    for (uint32_t k = b->n_records; k-- > 0;) {
        const ly_floor_record *r = &d->records[b->first_record + k];
        double vacant = r->vacant_m2;
        for (size_t i = from; i < to; i++)
            if (p->s->spaces[i].floor_from == r->floor)
                vacant = (double)p->s->spaces[i].area_whole;
        ly_floor_state st = ly_floor_state_of(d, b, r->floor, NULL);
        char a[32], v[32], rent[48] = "";
        bool agreed; /* the rent its space asks, as the listing gives it */
        double x = ly_floor_card_rent(b, r, &agreed);
        if (agreed)
            snprintf(rent, sizeof rent, "%s", ly_page_str(p, LY_S_SITE_TO_BE_AGREED));
        else if (x > 0)
            snprintf(rent, sizeof rent, "%.2f", x);
        ly_buf_printf(o, "<tr class=\"s%d\"><th scope=\"row\">%d</th><td>%s</td><td class=\"num\">%s</td>"
                         "<td class=\"num\">%s</td><td class=\"num\">%s</td><td>%s</td></tr>\n",
                      (int)st, r->floor,
                      ly_page_str(p, (ly_string_id)(LY_S_USE_OFFICE + r->use)),
                      ly_page_grouped(r->area_m2, a, sizeof a),
                      ly_page_grouped(vacant, v, sizeof v), rent,
                      ly_page_str(p, ly_floor_state_name(st)));
    }
    ly_buf_put(o, "</tbody>\n</table>\n</div>\n");
}

static void services(const ly_page *p, const ly_building *b)
{
    const ly_district *d = p->s->d;
    if (!b->has_services || !b->services.n_windows)
        return;
    heading(p, LY_S_SITE_SERVICES);
    ly_buf_put(p->out, "<ul>\n");
    for (uint32_t k = 0; k < b->services.n_windows; k++) {
        const ly_name_pair *n = &d->names[b->services.first_window + k];
        ly_buf_put(p->out, "<li>");
        ly_page_put(p, ly_page_pick(p, n->name, n->name_en));
        ly_buf_put(p->out, "</li>\n");
    }
    ly_buf_put(p->out, "</ul>\n");
}

/* The industries of the building's enterprises, most first. */
static void industries(const ly_page *p, const ly_building *b)
{
    const char *names[32];
    size_t counts[32];
    size_t n = ly_stats_industries_of(p->s->d, b->first_enterprise, b->n_enterprises, names,
                                      counts, 32);
    if (!n)
        return;
    heading(p, LY_S_SITE_INDUSTRIES);
    ly_buf_put(p->out, "<ul class=\"inline\">\n");
    for (size_t k = 0; k < n; k++) {
        char line[200];
        snprintf(line, sizeof line, ly_page_str(p, LY_S_SITE_INDUSTRY_N),
                 ly_industry_name(names[k], p->lang), (int)counts[k]);
        ly_buf_put(p->out, "<li>");
        ly_buf_html(p->out, line);
        ly_buf_put(p->out, "</li>\n");
    }
    ly_buf_put(p->out, "</ul>\n");
}

/* The walking graph the Nearby sections walk over: the one `louyu nearby` and the card's
 * Nearby tab make, so that the portal names the same places at the same minutes. */
struct ly_site_near {
    ly_geo geo;
    ly_walk *walk;
};

ly_site_near *ly_site_near_create(const ly_district *d)
{
    ly_site_near *n = calloc(1, sizeof *n);
    if (!n)
        return NULL;
    if (ly_geo_init(&n->geo, d)) {
        free(n);
        return NULL;
    }
    if (!(n->walk = ly_walk_create(d, &n->geo))) {
        ly_site_near_destroy(n);
        return NULL;
    }
    return n;
}

void ly_site_near_destroy(ly_site_near *n)
{
    if (!n)
        return;
    ly_walk_destroy(n->walk);
    ly_geo_deinit(&n->geo);
    free(n);
}

/* `s` with each space after a digit a no-break one (U+00A0): a number keeps its unit
 * ("118 m", "3 min") on its line; on a phone "m" had wrapped alone. */
static void nbsp_units(const char *s, char *out, size_t n)
{
    size_t o = 0;
    for (; *s && o + 3 < n; s++) {
        if (*s == ' ' && o && out[o - 1] >= '0' && out[o - 1] <= '9') {
            out[o++] = (char)0xC2;
            out[o++] = (char)0xA0;
        } else {
            out[o++] = *s;
        }
    }
    out[o] = '\0';
}

/* One place: its name, then how far as the card says it ("3 min walk · 161 m"; in a
 * straight line where the data has no roads; "in this building" for a place in it or
 * that is it), and the year one opened after the data's date. */
static void near_place(const ly_page *p, const ly_building *b, int cat, const ly_feature *f,
                       double metres, bool roads)
{
    char how[160], m[32], line[400], kept[800];
    ly_page_grouped(metres, m, sizeof m);
    if (metres == 0 || (f->height_m > 0 && f->id && !strcmp(f->id, b->id)))
        snprintf(how, sizeof how, "%s", ly_page_str(p, LY_S_IN_THIS_BUILDING));
    else if (roads)
        snprintf(how, sizeof how, ly_page_str(p, LY_S_WALK_MIN), ly_walk_minutes(metres), m);
    else
        snprintf(how, sizeof how, ly_page_str(p, LY_S_WALK_STRAIGHT), m);
    const char *name = ly_page_pick(p, f->name, f->name_en);
    int n = name ? snprintf(line, sizeof line, ly_page_str(p, LY_S_SITE_NEAR_ITEM), name, how)
                 : snprintf(line, sizeof line, "%s", how);
    int year = ly_district_data_year(p->s->d);
    if (year && f->since > year && n > 0 && (size_t)n < sizeof line)
        snprintf(line + n, sizeof line - (size_t)n,
                 ly_page_str(p, ly_str_opened(LY_S_SITE_NEAR_OPENED, cat)), f->since);
    ly_buf_put(p->out, "<dd>");
    nbsp_units(line, kept, sizeof kept);
    ly_page_put(p, kept);
    ly_buf_put(p->out, "</dd>\n");
}

/* The nearest place of each kind within LY_WALK_NEARBY_M on foot over the roads, nearest
 * first, from the building's outline: what `louyu nearby` and the kiosk's Nearby tab show
 * (the page had measured a straight line from the building's middle, to 1.5 km, and named
 * another car park at other metres). */
static void nearby(const ly_page *p, uint32_t bi)
{
    const ly_district *d = p->s->d;
    const ly_site_near *near = p->s->near;
    ly_walk_from *from =
        near ? ly_walk_search_building(near->walk, d, &near->geo, bi, LY_WALK_NEARBY_M) : NULL;
    if (!from)
        return; /* (out of memory: no section rather than a wrong one) */
    ly_walk_nearby nb;
    ly_walk_nearby_pois(near->walk, from, d, &near->geo, &nb);
    int order[LY_POI_COUNT], n = ly_walk_nearby_order(&nb, order);
    bool roads = ly_walk_edges(near->walk) > 0;
    char note[400];
    heading(p, LY_S_SITE_NEARBY);
    if (roads)
        snprintf(note, sizeof note, ly_page_str(p, LY_S_SITE_NEAR_NOTE),
                 LY_WALK_M_PER_MIN * 60 / 1000, LY_WALK_NEARBY_M / 1000);
    else
        snprintf(note, sizeof note, ly_page_str(p, LY_S_SITE_NEAR_NOTE_LINE),
                 LY_WALK_NEARBY_M / 1000);
    ly_buf_put(p->out, "<p class=\"meta\">");
    ly_buf_html(p->out, note);
    ly_buf_put(p->out, "</p>\n");
    if (!n) {
        snprintf(note, sizeof note, ly_page_str(p, LY_S_SITE_NOTHING_NEAR), LY_WALK_NEARBY_M / 1000);
        ly_buf_put(p->out, "<p>");
        ly_buf_html(p->out, note);
        ly_buf_put(p->out, "</p>\n");
    } else {
        ly_buf_put(p->out, "<dl class=\"facts\">\n");
    }
    for (int k = 0; k < n; k++) {
        ly_buf_put(p->out, "<dt>");
        ly_buf_html(p->out, ly_poi_category_title(order[k], p->lang));
        ly_buf_put(p->out, "</dt>");
        near_place(p, &d->buildings[bi], order[k], &d->features[nb.feature[order[k]]],
                   nb.metres[order[k]], roads);
    }
    if (n)
        ly_buf_put(p->out, "</dl>\n");
    ly_walk_from_destroy(from);
}

void ly_site_building_page(const ly_site *s, uint32_t bi, ly_lang lang, ly_buf *out)
{
    ly_page p = {s, lang, "../../", out};
    const ly_district *d = s->d;
    const ly_building *b = &d->buildings[bi];
    char name[160], title[400], here[300];
    const char *shown = ly_building_title(b, lang, name, sizeof name);
    snprintf(title, sizeof title, "%s · %s", shown, ly_page_district(&p));
    ly_buf file = {0};
    ly_buf_put(&file, "b/");
    ly_buf_file_name(&file, b->id);
    snprintf(here, sizeof here, "%s.html", file.p ? file.p : "");
    ly_buf_free(&file);
    ly_page_open(&p, title, here);
    ly_buf_printf(out, "<p><a href=\"../index.html\">%s</a></p>\n<h1>", ly_page_str(&p, LY_S_SITE_BACK));
    ly_page_put(&p, shown);
    ly_buf_put(out, "</h1>\n");
    const char *other = ly_building_other_name(b, lang);
    if (other) {
        ly_buf_printf(out, "<p class=\"other\" lang=\"%s\">",
                      ly_site_lang_tag(lang == LY_LANG_EN ? LY_LANG_ZH : LY_LANG_EN));
        ly_buf_html(out, other);
        ly_buf_put(out, "</p>\n");
    }
    badges(&p, b);
    /* the week of a store's data, else the date of a file's; nothing where the data has
     * none (a label with nothing after it had been shown) */
    char when[96], line[200];
    bool weekly = ly_page_when(&p, when, sizeof when);
    if (when[0]) {
        snprintf(line, sizeof line,
                 ly_page_str(&p, weekly ? LY_S_SITE_WEEK_OF_DATA : LY_S_SITE_DATA_OF), when);
        ly_buf_put(out, "<p class=\"meta\">");
        ly_buf_html(out, line);
        ly_buf_put(out, "</p>\n");
    }
    views(&p, bi);
    facts(&p, b);
    floors(&p, bi);
    services(&p, b);
    industries(&p, b);
    nearby(&p, bi);
    ly_page_close(&p);
}
