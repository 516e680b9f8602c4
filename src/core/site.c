/* The portal's model (the spaces to let) and its machine-readable files: the
 * listings as JSON and CSV, the Atom feed, the sitemap. The pages are in
 * site_pages.c, the stylesheet and script in site_assets.c. */
#include "louyu/site.h"

#include "louyu/export.h"
#include "louyu/stats.h"
#include "louyu/week.h"
#include "site_private.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *ly_site_lang_dir(ly_lang lang)
{
    return lang == LY_LANG_EN ? "en" : "zh";
}

const char *ly_site_lang_tag(ly_lang lang)
{
    return lang == LY_LANG_EN ? "en" : "zh-Hans";
}

void ly_site_building_path(const ly_building *b, ly_lang lang, ly_buf *out)
{
    ly_buf_printf(out, "%s/b/", ly_site_lang_dir(lang));
    ly_buf_file_name(out, b->id);
    ly_buf_put(out, ".html");
}

/* ---- the spaces to let -------------------------------------------------------------- */

/* The later of two "available" texts: "" (not said) < "now" < a date. */
static const char *later(const char *a, const char *b)
{
    if (!a[0] || (!strcmp(a, "now") && b[0]))
        return b;
    if (!b[0] || !strcmp(b, "now"))
        return a;
    return strcmp(a, b) >= 0 ? a : b;
}

/* A floor's "available from" as the portal says it: a date on or before the data's own
 * date is "now" (a date a manager wrote once, copied forward week after week, had stood in
 * the listing as "2020-01-01" for space free now, sorted after "now"; and one the same day
 * as the data had been a date, where the page says the data is of that day). */
static const char *as_of(long today, const char *av)
{
    long day;
    if (av[0] && strcmp(av, "now") && today && ly_date_parse(av, &day) && day <= today)
        return "now";
    return av;
}

/* The data's date (days since 1970) as the app says it (ly_district_date: a store's week on
 * screen, else the file's date); 0 when it has none. */
static long data_day(const ly_district *d)
{
    char date[16];
    long day;
    return ly_date_parse(ly_district_date(d, date, sizeof date), &day) ? day : 0;
}

static bool push(ly_site *s, size_t *cap, ly_site_space sp)
{
    if (s->n_spaces == *cap) {
        size_t n = *cap ? 2 * *cap : 256;
        ly_site_space *p = realloc(s->spaces, n * sizeof *p);
        if (!p)
            return false;
        s->spaces = p;
        *cap = n;
    }
    s->spaces[s->n_spaces++] = sp;
    return true;
}


/* A building's floors with space, and the stretches of two or more adjacent ones (a
 * stretch asks the highest of its floors' rents: "rent at most X" holds for each of its
 * floors, as the finder's --contiguous has it; none when a floor has none, to be agreed
 * when one is). */
static bool building_spaces(ly_site *s, size_t *cap, uint32_t bi, const char (*avail)[16],
                            bool runs)
{
    const ly_district *d = s->d;
    const ly_building *b = &d->buildings[bi];
    ly_site_space run = {.building = bi, .run = true};
    long today = avail ? data_day(d) : 0;
    for (uint32_t k = 0; k <= b->n_records; k++) {
        const ly_floor_record *r = k < b->n_records ? &d->records[b->first_record + k] : NULL;
        bool free_floor = r && ly_floor_has_space(r);
        const char *av = r && avail ? as_of(today, avail[b->first_record + k]) : "";
        ly_site_space one = {.building = bi};
        if (r)
            one.rent = ly_floor_rent(b, r, &one.to_be_agreed);
        if (free_floor && !runs) {
            one.floor_from = one.floor_to = r->floor;
            one.area_m2 = r->vacant_m2;
            snprintf(one.available, sizeof one.available, "%s", av);
            if (!push(s, cap, one))
                return false;
        }
        if (!runs)
            continue;
        bool joins = free_floor && run.floor_to && r->floor == run.floor_to + 1;
        if (joins) {
            run.floor_to = r->floor;
            run.area_m2 += r->vacant_m2;
            snprintf(run.available, sizeof run.available, "%s", later(run.available, av));
            run.rent = run.rent > 0 && one.rent > 0 ? fmax(run.rent, one.rent) : -1;
            run.to_be_agreed = run.to_be_agreed || one.to_be_agreed;
            continue;
        }
        if (run.floor_to > run.floor_from && !push(s, cap, run))
            return false;
        run = (ly_site_space){.building = bi, .run = true, .rent = -1};
        if (free_floor) {
            run.floor_from = run.floor_to = r->floor;
            run.area_m2 = r->vacant_m2;
            run.rent = one.rent;
            run.to_be_agreed = one.to_be_agreed;
            snprintf(run.available, sizeof run.available, "%s", av);
        }
    }
    return true;
}

/* A building's singles (n of them from s->spaces + from) and its stretches (its runs, from
 * s->spaces + run), rounded in units of 1 / per_unit: the building's total among its stretches
 * (a floor alone is one of its own), then each stretch's among its floors, so that the
 * floors add up to their stretch and the stretches to the building. v, units, sums and
 * totals are scratch of n each. */
static void round_building(ly_site *s, size_t from, size_t n, size_t run, double per_unit,
                           double *v, long *units, double *sums, long *totals)
{
    ly_site_space *one = s->spaces + from;
    size_t groups = 0;
    for (size_t i = 0; i < n; i++) {
        v[i] = one[i].area_m2;
        if (i && one[i].floor_from == one[i - 1].floor_from + 1)
            sums[groups - 1] += v[i];
        else
            sums[groups++] = v[i];
    }
    ly_round_to_add_up(sums, groups, per_unit, -1, totals);
    for (size_t i = 0, g = 0; i < n; g++) {
        size_t k = i + 1;
        while (k < n && one[k].floor_from == one[k - 1].floor_from + 1)
            k++;
        ly_round_to_add_up(v + i, k - i, per_unit, totals[g], units + i);
        ly_site_space *r = run < s->n_spaces ? &s->spaces[run] : NULL;
        if (k - i > 1 && r && r->building == one[i].building &&
            r->floor_from == one[i].floor_from) { /* its stretch: the building's next run */
            *(per_unit == 10 ? &r->area_tenths : &r->area_whole) = totals[g];
            run++;
        }
        for (; i < k; i++)
            *(per_unit == 10 ? &one[i].area_tenths : &one[i].area_whole) = units[i];
    }
}

/* Every space's figures as the portal writes them (area_tenths, area_whole); false when
 * out of memory. */
static bool round_spaces(ly_site *s)
{
    size_t n = s->n_singles ? s->n_singles : 1;
    double *v = malloc(2 * n * sizeof *v);
    long *units = malloc(2 * n * sizeof *units);
    if (!v || !units) {
        free(v);
        free(units);
        return false;
    }
    for (size_t i = 0; i < s->n_spaces; i++) { /* (each alone, where nothing below says) */
        s->spaces[i].area_tenths = lround(s->spaces[i].area_m2 * 10);
        s->spaces[i].area_whole = lround(s->spaces[i].area_m2);
    }
    size_t from = 0, run = s->n_singles;
    while (from < s->n_singles) {
        uint32_t b = s->spaces[from].building;
        size_t to = from;
        while (to < s->n_singles && s->spaces[to].building == b)
            to++;
        while (run < s->n_spaces && s->spaces[run].building < b)
            run++;
        round_building(s, from, to - from, run, 10, v, units, v + n, units + n);
        round_building(s, from, to - from, run, 1, v, units, v + n, units + n);
        from = to;
    }
    free(v);
    free(units);
    return true;
}

/* The first single of a building at or after b. */
static size_t singles_from(const ly_site *s, uint32_t b)
{
    size_t lo = 0, hi = s->n_singles;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (s->spaces[mid].building < b)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

void ly_site_singles(const ly_site *s, uint32_t b, size_t *from, size_t *to)
{
    *from = singles_from(s, b);
    *to = b < UINT32_MAX ? singles_from(s, b + 1) : s->n_singles;
}

int ly_site_init(ly_site *s, const ly_district *d, const char (*available)[16])
{
    memset(s, 0, sizeof *s);
    s->d = d;
    s->langs[0] = LY_LANG_ZH;
    s->langs[1] = LY_LANG_EN;
    s->n_langs = 2;
    s->feed = d->n_weeks > 1;
    s->images = calloc(d->n_buildings + 1, sizeof *s->images);
    s->near = ly_site_near_create(d);
    size_t cap = 0;
    bool ok = s->images && s->near;
    for (int pass = 0; pass < 2 && ok; pass++) {
        for (uint32_t b = 0; b < d->n_buildings && ok; b++)
            ok = building_spaces(s, &cap, b, available, pass == 1);
        if (pass == 0)
            s->n_singles = s->n_spaces;
    }
    if (!ok || !round_spaces(s)) {
        ly_site_free(s);
        return -1;
    }
    ly_site_paginate(s, 0);
    return 0;
}

void ly_site_free(ly_site *s)
{
    free(s->spaces);
    free(s->images);
    ly_site_near_destroy(s->near);
    memset(s, 0, sizeof *s);
}

/* ---- JSON and CSV -------------------------------------------------------------------- */

void ly_site_floors_text(const ly_site_space *sp, char *buf, size_t n)
{
    if (sp->floor_from == sp->floor_to)
        snprintf(buf, n, "%d", sp->floor_from);
    else
        snprintf(buf, n, "%d-%d", sp->floor_from, sp->floor_to);
}

void ly_site_listings_json(const ly_site *s, ly_buf *out)
{
    cJSON *arr = cJSON_CreateArray();
    for (size_t i = 0; i < s->n_spaces && arr; i++) {
        const ly_site_space *sp = &s->spaces[i];
        const ly_building *b = &s->d->buildings[sp->building];
        cJSON *o = cJSON_CreateObject();
        char floors[32];
        ly_site_floors_text(sp, floors, sizeof floors);
        cJSON_AddStringToObject(o, "building", b->id);
        if (b->name)
            cJSON_AddStringToObject(o, "building_name", b->name);
        else
            cJSON_AddNullToObject(o, "building_name");
        if (b->name_en)
            cJSON_AddStringToObject(o, "building_name_en", b->name_en);
        else
            cJSON_AddNullToObject(o, "building_name_en");
        cJSON_AddStringToObject(o, "floors", floors);
        cJSON_AddNumberToObject(o, "floor_from", sp->floor_from);
        cJSON_AddNumberToObject(o, "floor_to", sp->floor_to);
        cJSON_AddNumberToObject(o, "area_m2", (double)sp->area_tenths / 10);
        if (sp->rent > 0)
            cJSON_AddNumberToObject(o, "rent_cny_m2_day", round(sp->rent * 100) / 100);
        else
            cJSON_AddNullToObject(o, "rent_cny_m2_day");
        cJSON_AddBoolToObject(o, "rent_to_be_agreed", sp->to_be_agreed);
        if (sp->available[0])
            cJSON_AddStringToObject(o, "available_from", sp->available);
        else
            cJSON_AddNullToObject(o, "available_from");
        cJSON_AddBoolToObject(o, "run", sp->run);
        for (int l = 0; l < LY_LANG_COUNT; l++) { /* (null for a language not published) */
            bool published = false;
            for (int k = 0; k < s->n_langs; k++)
                published |= s->langs[k] == (ly_lang)l;
            ly_buf path = {0};
            ly_site_building_path(b, (ly_lang)l, &path);
            if (published)
                cJSON_AddStringToObject(o, l == LY_LANG_EN ? "url_en" : "url_zh",
                                        path.p ? path.p : "");
            else
                cJSON_AddNullToObject(o, l == LY_LANG_EN ? "url_en" : "url_zh");
            ly_buf_free(&path);
        }
        cJSON_AddItemToArray(arr, o);
    }
    char *text = arr ? cJSON_Print(arr) : NULL;
    if (text)
        ly_buf_put(out, text), ly_buf_put(out, "\n");
    else
        out->failed = true;
    cJSON_free(text);
    cJSON_Delete(arr);
}

/* The stretch of adjacent floors with space that single floor sp is part of, from the runs
 * at or after *run (both in the order of buildings and floors: *run moves on with the
 * singles); NULL when it is alone. */
static const ly_site_space *stretch_of(const ly_site *s, const ly_site_space *sp, size_t *run)
{
    while (*run < s->n_spaces && (s->spaces[*run].building < sp->building ||
                                  (s->spaces[*run].building == sp->building &&
                                   s->spaces[*run].floor_to < sp->floor_from)))
        (*run)++;
    const ly_site_space *r = *run < s->n_spaces ? &s->spaces[*run] : NULL;
    return r && r->building == sp->building && r->floor_from <= sp->floor_from ? r : NULL;
}

/* One row per floor with space, so that a sheet's sum of area_m2 is the vacant area (the
 * stretches' rows beside the floors' had counted their space twice: 352,415 m² of 227,332);
 * the stretch a floor is part of in three columns of figures (a "6-7" cell Excel makes 7 June
 * of). With a byte-order mark, as the export's CSV. */
void ly_site_listings_csv(const ly_site *s, ly_buf *out)
{
    ly_buf_csv_start(out);
    ly_buf_put(out, "building,building_name,building_name_en,floors,floor_from,floor_to,"
                    "area_m2,rent_cny_m2_day,available_from,stretch_from,stretch_to,"
                    "stretch_area_m2,url_zh,url_en\r\n");
    size_t run = s->n_singles;
    for (size_t i = 0; i < s->n_singles; i++) {
        const ly_site_space *sp = &s->spaces[i];
        const ly_building *b = &s->d->buildings[sp->building];
        const ly_site_space *st = stretch_of(s, sp, &run);
        if (!st)
            st = sp;
        const char *cells[3] = {b->id, b->name, b->name_en};
        for (int k = 0; k < 3; k++) {
            ly_buf_csv(out, cells[k]);
            ly_buf_put(out, ",");
        }
        ly_buf_printf(out, "%d,%d,%d,%.1f,", sp->floor_from, sp->floor_from, sp->floor_to,
                      (double)sp->area_tenths / 10);
        if (sp->rent > 0)
            ly_buf_printf(out, "%.2f", sp->rent);
        ly_buf_put(out, ",");
        ly_buf_csv(out, sp->available);
        ly_buf_printf(out, ",%d,%d,%.1f", st->floor_from, st->floor_to,
                      (double)st->area_tenths / 10);
        for (int l = 0; l < LY_LANG_COUNT; l++) { /* (empty for a language not published) */
            bool published = false;
            for (int k = 0; k < s->n_langs; k++)
                published |= s->langs[k] == (ly_lang)l;
            ly_buf path = {0};
            if (published)
                ly_site_building_path(b, (ly_lang)l, &path);
            ly_buf_put(out, ",");
            ly_buf_csv(out, path.p);
            ly_buf_free(&path);
        }
        ly_buf_put(out, "\r\n");
    }
}

/* ---- the feed and the sitemap -------------------------------------------------------- */

/* The week the feed's changes are against (year * 100 + week) where it is not the calendar
 * week just before the data's: a week without reports between them, whose change is not
 * "this week's" (W20's against W18 had been called that); 0 otherwise. */
static int feed_since(const ly_site *s)
{
    return s->d->n_weeks ? ly_district_week_against(s->d, s->d->week) : 0;
}

const char *ly_site_feed_link_text(const ly_site *s, ly_lang lang, char *buf, size_t n)
{
    int since = feed_since(s);
    if (since)
        snprintf(buf, n, ly_str(LY_S_SITE_FEED_SINCE, lang), since / 100, since % 100);
    else
        snprintf(buf, n, "%s", ly_str(LY_S_SITE_FEED, lang));
    return buf;
}

/* An entry's title: "X, floor 12: 500 m² came free", and since which week where that is
 * not the one before. */
static void feed_entry_title(const ly_site *s, const ly_site_space *sp, double gained,
                             ly_lang lang, char *buf, size_t n)
{
    char floors[32], area[32], name[160];
    ly_site_floors_text(sp, floors, sizeof floors);
    ly_format_grouped(gained, area, sizeof area);
    const char *title = ly_building_title(&s->d->buildings[sp->building], lang, name, sizeof name);
    bool many = sp->floor_to > sp->floor_from;
    int since = feed_since(s);
    if (since)
        snprintf(buf, n, ly_str(many ? LY_S_SITE_FEED_ENTRY_N_SINCE : LY_S_SITE_FEED_ENTRY_SINCE,
                                lang),
                 title, floors, area, since / 100, since % 100);
    else
        snprintf(buf, n, ly_str(many ? LY_S_SITE_FEED_ENTRY_N : LY_S_SITE_FEED_ENTRY, lang), title,
                 floors, area);
}

void ly_site_feed(const ly_site *s, ly_lang lang, ly_buf *out)
{
    const ly_district *d = s->d;
    char date[16], title[256];
    int since = feed_since(s);
    ly_district_date(s->d, date, sizeof date);
    const char *district = lang == LY_LANG_EN && d->meta.name_en ? d->meta.name_en : d->meta.name;
    if (since)
        snprintf(title, sizeof title, ly_str(LY_S_SITE_FEED_TITLE_SINCE, lang),
                 district ? district : "", since / 100, since % 100);
    else
        snprintf(title, sizeof title, ly_str(LY_S_SITE_FEED_TITLE, lang), district ? district : "");
    ly_buf_put(out, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
                    "<feed xmlns=\"http://www.w3.org/2005/Atom\"");
    ly_buf_printf(out, " xml:lang=\"%s\"", ly_site_lang_tag(lang));
    /* links: absolute under the site's address, else relative to the feed itself
     * (readers that ignore xml:base resolve against the feed's address) */
    const char *dir = ly_site_lang_dir(lang);
    ly_buf_put(out, ">\n  <title>");
    ly_buf_html(out, title);
    /* its id: its address, else the district's own name (not a translation of it) */
    ly_buf_printf(out, "</title>\n  <updated>%sT00:00:00Z</updated>\n  <id>", date);
    if (s->base_url) {
        ly_buf_html(out, s->base_url);
        ly_buf_printf(out, "%s/feed.atom", ly_site_lang_dir(lang));
    } else {
        ly_buf_put(out, "urn:louyu:");
        ly_buf_url(out, d->meta.name ? d->meta.name : "district");
        ly_buf_printf(out, ":%s:new-space", ly_site_lang_dir(lang));
    }
    ly_buf_put(out, "</id>\n  <link href=\"");
    if (s->base_url) {
        ly_buf_html(out, s->base_url);
        ly_buf_printf(out, "%s/", dir);
    }
    ly_buf_put(out, "index.html\"/>\n");
    ly_buf_put(out, "  <author><name>louyu</name></author>\n");
    for (size_t i = 0; d->week > 0 && i < s->n_spaces; i++) {
        const ly_site_space *sp = &s->spaces[i];
        if (sp->run)
            continue;
        const ly_building *b = &d->buildings[sp->building];
        long rec = -1;
        for (uint32_t r = b->first_record; r < b->first_record + b->n_records; r++)
            if (d->records[r].floor == sp->floor_from)
                rec = (long)r;
        double before = rec >= 0 ? d->week_vacant[(d->week - 1) * d->n_records + (size_t)rec] : 0;
        if (rec < 0 || sp->area_m2 - before < 1)
            continue;
        char floors[32], entry[400];
        ly_site_floors_text(sp, floors, sizeof floors);
        feed_entry_title(s, sp, sp->area_m2 - before, lang, entry, sizeof entry);
        ly_buf path = {0};
        ly_site_building_path(b, lang, &path);
        ly_buf_put(out, "  <entry>\n    <title>");
        ly_buf_html(out, entry);
        ly_buf_put(out, "</title>\n    <link href=\"");
        if (s->base_url)
            ly_buf_html(out, s->base_url);
        ly_buf_html(out, s->base_url ? path.p : path.p + strlen(dir) + 1); /* "b/..." */
        ly_buf_printf(out, "\"/>\n    <id>urn:louyu:%d:", d->weeks[d->week]);
        ly_buf_url(out, b->id);
        ly_buf_printf(out, ":%s</id>\n    <updated>%sT00:00:00Z</updated>\n    <summary>", floors,
                      date);
        ly_buf_html(out, entry);
        ly_buf_put(out, "</summary>\n  </entry>\n");
        ly_buf_free(&path);
    }
    ly_buf_put(out, "</feed>\n");
}

/* The site's pages, in the sitemap's order: per language the district page, the buildings'
 * pages, the listing's and the buildings' further pages. Writes those numbered [from, to)
 * as <url>s; returns how many there are. */
static size_t sitemap_urls(const ly_site *s, size_t from, size_t to, ly_buf *out)
{
    size_t k = 0;
    for (int l = 0; l < s->n_langs; l++) {
        const char *dir = ly_site_lang_dir(s->langs[l]);
        size_t spaces = ly_site_space_pages(s), buildings = ly_site_building_pages(s);
        size_t n = 1 + s->d->n_buildings + (spaces - 1) + (buildings - 1);
        for (size_t i = 0; i < n; i++, k++) {
            if (k < from || k >= to)
                continue;
            ly_buf path = {0};
            if (i == 0)
                ly_buf_printf(&path, "%s/index.html", dir);
            else if (i <= s->d->n_buildings)
                ly_site_building_path(&s->d->buildings[i - 1], s->langs[l], &path);
            else if (i < 1 + s->d->n_buildings + spaces - 1)
                ly_buf_printf(&path, "%s/spaces-%zu.html", dir, i - s->d->n_buildings + 1);
            else
                ly_buf_printf(&path, "%s/buildings-%zu.html", dir,
                              i - s->d->n_buildings - (spaces - 1) + 1);
            ly_buf_put(out, "  <url><loc>");
            ly_buf_html(out, s->base_url);
            ly_buf_html(out, path.p);
            ly_buf_put(out, "</loc></url>\n");
            ly_buf_free(&path);
        }
    }
    return k;
}

static size_t sitemap_max(const ly_site *s)
{
    return s->sitemap_max ? s->sitemap_max : 50000;
}

size_t ly_site_sitemap_files(const ly_site *s)
{
    ly_buf none = {0};
    size_t n = sitemap_urls(s, 0, 0, &none), max = sitemap_max(s);
    return n > max ? (n + max - 1) / max : 0;
}

void ly_site_sitemap(const ly_site *s, size_t file, ly_buf *out)
{
    ly_buf_put(out, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    size_t files = ly_site_sitemap_files(s), max = sitemap_max(s);
    if (file == 0 && files) { /* an index of the files of URLs */
        ly_buf_put(out, "<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
        for (size_t k = 1; k <= files; k++) {
            ly_buf_put(out, "  <sitemap><loc>");
            ly_buf_html(out, s->base_url);
            ly_buf_printf(out, "sitemap-%zu.xml</loc></sitemap>\n", k);
        }
        ly_buf_put(out, "</sitemapindex>\n");
        return;
    }
    ly_buf_put(out, "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    sitemap_urls(s, file ? (file - 1) * max : 0, file ? file * max : SIZE_MAX, out);
    ly_buf_put(out, "</urlset>\n");
}

bool ly_page_when(const ly_page *p, char *when, size_t n)
{
    const ly_district *d = p->s->d;
    int wk;
    if (d->n_weeks) {
        ly_format_week(d->weeks[d->week], true, p->lang, when, n);
        return true;
    }
    /* a store's export (a file, no weeks of its own) says in its "louyu" member which week
     * it is: its pages say that week too, as the store's do, not the Friday's date */
    if (d->meta.week && ly_week_parse(d->meta.week, &wk)) {
        ly_format_week(wk, true, p->lang, when, n);
        return true;
    }
    ly_district_date(d, when, n);
    return false;
}
