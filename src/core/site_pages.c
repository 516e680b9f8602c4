/* The portal's HTML pages: the language chooser, the district page with every
 * space to let, and a page per building. Every text from the data is escaped
 * (ly_buf_html); every link is relative, so the site works from any folder,
 * any server and file://. */
#include "louyu/site.h"

#include "louyu/stacking.h"
#include "louyu/stats.h"
#include "louyu/week.h"
#include "site_private.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- what every page has ------------------------------------------------------------- */

const char *ly_page_str(const ly_page *p, ly_string_id id)
{
    return ly_str(id, p->lang);
}

const char *ly_page_pick(const ly_page *p, const char *zh, const char *en)
{
    if (p->lang == LY_LANG_EN)
        return en ? en : zh;
    return zh ? zh : en;
}

bool ly_page_foreign(const ly_page *p, const char *text)
{
    if (p->lang != LY_LANG_EN || !text)
        return false;
    for (const unsigned char *c = (const unsigned char *)text; *c; c++)
        if (*c >= 0xE3 && *c <= 0xE9) /* U+3000 to U+9FFF: CJK punctuation and ideographs */
            return true;
    return false;
}

void ly_page_put(const ly_page *p, const char *text)
{
    bool mark = ly_page_foreign(p, text);
    if (mark)
        ly_buf_printf(p->out, "<span lang=\"%s\">", ly_site_lang_tag(LY_LANG_ZH));
    ly_buf_html(p->out, text);
    if (mark)
        ly_buf_put(p->out, "</span>");
}

const char *ly_page_district(const ly_page *p)
{
    const char *n = ly_page_pick(p, p->s->d->meta.name, p->s->d->meta.name_en);
    return n ? n : ly_str(LY_S_APP_TITLE, p->lang);
}

/* The head, the skip link and the header with the language switch. `here` is the
 * page's path under its language folder ("index.html", "b/wtc.html"). */
void ly_page_open(const ly_page *p, const char *title, const char *here)
{
    ly_buf *o = p->out;
    ly_lang other = p->lang == LY_LANG_EN ? LY_LANG_ZH : LY_LANG_EN;
    ly_buf_printf(o, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
                     "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                     "<title>",
                  ly_site_lang_tag(p->lang));
    ly_buf_html_clipped(o, title, LY_TITLE_MAX);
    ly_buf_printf(o, "</title>\n<link rel=\"stylesheet\" href=\"%sassets/site.css\">\n", p->root);
    for (int l = 0; l < p->s->n_langs; l++) {
        ly_lang lang = p->s->langs[l];
        ly_buf_printf(o, "<link rel=\"alternate\" hreflang=\"%s\" href=\"%s%s/",
                      ly_site_lang_tag(lang), p->root, ly_site_lang_dir(lang));
        ly_buf_html(o, here);
        ly_buf_put(o, "\">\n");
    }
    ly_buf_printf(o, "<script src=\"%sassets/site.js\" defer></script>\n</head>\n<body>\n",
                  p->root);
    ly_buf_printf(o, "<a class=\"skip\" href=\"#main\">%s</a>\n<header class=\"top\">\n"
                     "<a class=\"home\" href=\"%s%s/index.html\">",
                  ly_page_str(p, LY_S_SITE_SKIP), p->root, ly_site_lang_dir(p->lang));
    ly_buf_html(o, ly_page_district(p));
    ly_buf_put(o, "</a>\n");
    bool both = p->s->n_langs > 1;
    if (both) {
        ly_buf_printf(o, "<a id=\"lang-switch\" hreflang=\"%s\" lang=\"%s\" href=\"%s%s/",
                      ly_site_lang_tag(other), ly_site_lang_tag(other), p->root,
                      ly_site_lang_dir(other));
        ly_buf_html(o, here);
        ly_buf_printf(o, "\">%s</a>\n", ly_page_str(p, LY_S_OTHER_LANGUAGE));
    }
    ly_buf_put(o, "</header>\n<main id=\"main\">\n");
}

/* The footer: the data's date and nature, the machine-readable files. */
void ly_page_close(const ly_page *p)
{
    ly_buf *o = p->out;
    const ly_district *d = p->s->d;
    ly_buf_put(o, "</main>\n<footer>\n<h2>");
    ly_buf_put(o, ly_page_str(p, LY_S_SITE_DATA));
    char json[300], csv[300]; /* (the language's colon and list comma about them) */
    snprintf(json, sizeof json, "<a href=\"%sdata/listings.json\">JSON</a>", p->root);
    snprintf(csv, sizeof csv, "<a href=\"%sdata/listings.csv\">CSV</a>", p->root);
    ly_buf_put(o, "</h2>\n<ul>\n<li>");
    ly_buf_printf(o, ly_page_str(p, LY_S_SITE_DATA_LISTINGS), json, csv);
    ly_buf_put(o, "</li>\n");
    ly_buf_printf(o, "<li><a href=\"%sdata/district.geojson\">%s</a></li>\n", p->root,
                  ly_page_str(p, LY_S_SITE_DATA_DISTRICT));
    if (p->s->feed)
        ly_buf_printf(o, "<li><a href=\"%s%s/feed.atom\" type=\"application/atom+xml\">%s</a></li>\n",
                      p->root, ly_site_lang_dir(p->lang), ly_page_str(p, LY_S_SITE_FEED));
    ly_buf_put(o, "</ul>\n");
    if (d->meta.n_illustrative)
        ly_buf_printf(o, "<p>%s</p>\n", ly_page_str(p, LY_S_ILLUSTRATIVE_DATA));
    ly_buf_printf(o, "<p>%s</p>\n</footer>\n</body>\n</html>\n", ly_page_str(p, LY_S_SITE_MAKER));
}

void ly_page_image(const ly_page *p, const ly_site_image *im, const char *alt, const char *cls,
                   bool lazy)
{
    ly_buf *o = p->out;
    ly_buf_printf(o, "<img%s%s%s src=\"%simg/", cls ? " class=\"" : "", cls ? cls : "",
                  cls ? "\"" : "", p->root);
    ly_buf_html(o, im->file);
    ly_buf_put(o, "\" alt=\"");
    ly_buf_html(o, alt);
    ly_buf_printf(o, "\" width=\"%d\" height=\"%d\"%s>", im->w, im->h,
                  lazy ? " loading=\"lazy\"" : "");
}

/* "12,345" */
const char *ly_page_grouped(double v, char *buf, size_t n)
{
    ly_format_grouped(v, buf, n);
    return buf;
}

/* ---- the language chooser ------------------------------------------------------------ */

void ly_site_root_page(const ly_site *s, ly_buf *out)
{
    ly_page p = {s, s->langs[0], "", out};
    const char *zh = s->d->meta.name, *en = s->d->meta.name_en;
    bool one = s->n_langs == 1; /* nothing to choose: the language's page, at once */
    if (one && p.lang == LY_LANG_EN && en)
        zh = NULL;
    if (one && p.lang == LY_LANG_ZH && zh)
        en = NULL;
    ly_buf_printf(out, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
                       "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n",
                  ly_site_lang_tag(p.lang));
    if (one)
        ly_buf_printf(out, "<meta http-equiv=\"refresh\" content=\"0; url=%s/index.html\">\n",
                      ly_site_lang_dir(p.lang));
    ly_buf_put(out, "<title>");
    ly_buf_html_clipped(out, zh ? zh : en ? en : "louyu", LY_TITLE_MAX);
    ly_buf_put(out, "</title>\n<link rel=\"stylesheet\" href=\"assets/site.css\">\n");
    for (int l = 0; l < s->n_langs; l++)
        ly_buf_printf(out, "<link rel=\"alternate\" hreflang=\"%s\" href=\"%s/index.html\">\n",
                      ly_site_lang_tag(s->langs[l]), ly_site_lang_dir(s->langs[l]));
    ly_buf_put(out, "</head>\n<body>\n<main id=\"main\" class=\"choose\">\n<h1>");
    ly_page_put(&p, zh ? zh : en ? en : "louyu");
    if (zh && en) {
        ly_buf_put(out, " <span lang=\"en\">");
        ly_buf_html(out, en);
        ly_buf_put(out, "</span>");
    }
    ly_buf_put(out, "</h1>\n");
    if (!one)
        ly_buf_printf(out, "<p>%s</p>\n", ly_str(LY_S_SITE_CHOOSE, p.lang));
    ly_buf_put(out, "<ul class=\"langs\">\n");
    for (int l = 0; l < s->n_langs; l++) {
        ly_lang lang = s->langs[l];
        ly_buf_printf(out, "<li><a href=\"%s/index.html\" hreflang=\"%s\" lang=\"%s\">%s</a></li>\n",
                      ly_site_lang_dir(lang), ly_site_lang_tag(lang), ly_site_lang_tag(lang),
                      lang == LY_LANG_EN ? "English" : ly_str(LY_S_OTHER_LANGUAGE, LY_LANG_EN));
    }
    ly_buf_put(out, "</ul>\n</main>\n</body>\n</html>\n");
}

/* ---- the district page --------------------------------------------------------------- */

static void totals(const ly_page *p)
{
    ly_stats st;
    ly_stats_compute(p->s->d, &st);
    char a[32], c[32], line[300], date[16], when[96];
    /* buildings · enterprises · vacant (of the buildings with letting data, said when
     * that is not all of them; no figure when none has any) */
    ly_buf_put(p->out, "<p class=\"totals\">");
    snprintf(line, sizeof line,
             ly_page_str(p, st.buildings == 1 ? LY_S_SITE_N_BUILDINGS_1 : LY_S_SITE_N_BUILDINGS),
             ly_page_grouped((double)st.buildings, a, sizeof a));
    ly_buf_html(p->out, line);
    snprintf(line, sizeof line,
             ly_page_str(p, st.enterprises_in_buildings == 1 ? LY_S_SITE_N_ENTERPRISES_1
                                                             : LY_S_SITE_N_ENTERPRISES),
             ly_page_grouped((double)st.enterprises_in_buildings, a, sizeof a));
    ly_buf_put(p->out, " · ");
    ly_buf_html(p->out, line);
    double share = 100 * (1 - st.occupancy_rate);
    if (st.occupancy_rate < 0)
        snprintf(line, sizeof line, "%s", ly_page_str(p, LY_S_SITE_NO_LETTING_DATA));
    else if (st.with_occupancy < st.buildings)
        snprintf(line, sizeof line,
                 ly_page_str(p, st.with_occupancy == 1 ? LY_S_SITE_VACANT_OF_SOME_1
                                                       : LY_S_SITE_VACANT_OF_SOME),
                 ly_page_grouped(st.vacant_m2, c, sizeof c), share,
                 ly_page_grouped((double)st.with_occupancy, a, sizeof a));
    else
        snprintf(line, sizeof line, ly_page_str(p, LY_S_SITE_TOTALS),
                 ly_page_grouped(st.vacant_m2, c, sizeof c), share);
    ly_buf_put(p->out, " · ");
    ly_buf_html(p->out, line);
    ly_buf_put(p->out, "</p>\n");
    const ly_district *d = p->s->d;
    if (d->n_weeks)
        ly_format_week(d->weeks[d->week], true, p->lang, when, sizeof when);
    else
        ly_district_date(p->s->d, date, sizeof date), snprintf(when, sizeof when, "%s", date);
    /* the data's week or date, where it has one; whether it is illustrative */
    if (when[0] || d->meta.n_illustrative)
        ly_buf_put(p->out, "<p class=\"meta\">");
    if (when[0]) {
        snprintf(line, sizeof line, ly_page_str(p, LY_S_SITE_DATA_OF), when);
        ly_buf_html(p->out, line);
    }
    if (d->meta.n_illustrative) {
        ly_buf_put(p->out, when[0] ? " · " : "");
        ly_buf_put(p->out, ly_page_str(p, LY_S_ILLUSTRATIVE_DATA));
    }
    if (when[0] || d->meta.n_illustrative)
        ly_buf_put(p->out, "</p>\n");
}

static void filters(const ly_page *p)
{
    ly_buf *o = p->out;
    const ly_district *d = p->s->d;
    ly_buf_printf(o, "<noscript><p>%s</p></noscript>\n<form id=\"filters\" hidden>\n",
                  ly_page_str(p, LY_S_SITE_F_NOJS));
    ly_buf_printf(o, "<p><label for=\"f-area\">%s</label> <input id=\"f-area\" type=\"number\" "
                     "min=\"0\" step=\"any\"></p>\n",
                  ly_page_str(p, LY_S_SITE_F_AREA));
    ly_buf_printf(o, "<p><label for=\"f-rent\">%s</label> <input id=\"f-rent\" type=\"number\" "
                     "min=\"0\" step=\"any\"></p>\n",
                  ly_page_str(p, LY_S_SITE_F_RENT));
    ly_buf_printf(o, "<p><label for=\"f-building\">%s</label> <select id=\"f-building\">\n"
                     "<option value=\"\">%s</option>\n",
                  ly_page_str(p, LY_S_SITE_F_BUILDING), ly_page_str(p, LY_S_SITE_F_ALL));
    char name[160];
    for (uint32_t b = 0; b < d->n_buildings; b++) {
        size_t from, to;
        ly_site_singles(p->s, b, &from, &to);
        if (from == to) /* (a run is of a building's singles) */
            continue;
        const char *title = ly_building_title(&d->buildings[b], p->lang, name, sizeof name);
        ly_buf_put(o, "<option value=\"");
        ly_buf_html(o, d->buildings[b].id);
        ly_buf_printf(o, "\"%s%s%s>", ly_page_foreign(p, title) ? " lang=\"" : "",
                      ly_page_foreign(p, title) ? ly_site_lang_tag(LY_LANG_ZH) : "",
                      ly_page_foreign(p, title) ? "\"" : "");
        ly_buf_html(o, title);
        ly_buf_put(o, "</option>\n");
    }
    ly_buf_printf(o, "</select></p>\n<p><input id=\"f-contiguous\" type=\"checkbox\"> "
                     "<label for=\"f-contiguous\">%s</label></p>\n"
                     "<p><button type=\"submit\">%s</button></p>\n</form>\n",
                  ly_page_str(p, LY_S_SITE_F_CONTIGUOUS), ly_page_str(p, LY_S_SITE_FILTER));
}

static void listing_row(const ly_page *p, const ly_site_space *sp)
{
    ly_buf *o = p->out;
    const ly_building *b = &p->s->d->buildings[sp->building];
    char floors[32], area[32], name[160];
    ly_site_floors_text(sp, floors, sizeof floors);
    ly_buf_put(o, "<tr data-building=\"");
    ly_buf_html(o, b->id);
    ly_buf_printf(o, "\" data-floors=\"%s\" data-area=\"%.1f\" data-rent=\"", floors, sp->area_m2);
    if (sp->rent > 0)
        ly_buf_printf(o, "%.2f", sp->rent);
    ly_buf_put(o, "\" data-available=\"");
    ly_buf_html(o, sp->available);
    ly_buf_printf(o, "\" data-run=\"%d\"%s><td><a href=\"b/", sp->run ? 1 : 0,
                  sp->run ? " hidden" : "");
    ly_buf_file_name(o, b->id);
    ly_buf_put(o, ".html\">");
    ly_page_put(p, ly_building_title(b, p->lang, name, sizeof name));
    ly_buf_printf(o, "</a></td><td>%s</td><td class=\"num\">%s</td><td class=\"num\">", floors,
                  ly_page_grouped(sp->area_m2, area, sizeof area));
    if (sp->rent > 0)
        ly_buf_printf(o, "%.2f", sp->rent);
    else
        ly_buf_put(o, sp->to_be_agreed ? ly_page_str(p, LY_S_SITE_TO_BE_AGREED) : "–");
    ly_buf_put(o, "</td><td>");
    if (!strcmp(sp->available, "now"))
        ly_buf_put(o, ly_page_str(p, LY_S_SITE_NOW));
    else
        ly_buf_html(o, sp->available[0] ? sp->available : "–");
    ly_buf_put(o, "</td></tr>\n");
}

static void listing(const ly_page *p)
{
    ly_buf *o = p->out;
    size_t singles = p->s->n_singles;
    ly_buf_printf(o, "<section aria-labelledby=\"spaces-h\">\n<h2 id=\"spaces-h\">%s</h2>\n",
                  ly_page_str(p, LY_S_SITE_SPACES));
    if (!singles) { /* a sentence, not a form that filters nothing and an empty table */
        ly_buf_printf(o, "<p>%s</p>\n</section>\n", ly_page_str(p, LY_S_SITE_NO_SPACE));
        return;
    }
    filters(p);
    char count[64];
    snprintf(count, sizeof count, ly_page_str(p, singles == 1 ? LY_S_SITE_COUNT_1 : LY_S_SITE_COUNT),
             (int)singles);
    ly_buf_put(o, "<p id=\"listing-count\" aria-live=\"polite\" data-format=\"");
    ly_buf_html(o, ly_page_str(p, LY_S_SITE_COUNT));
    ly_buf_put(o, "\" data-format-1=\"");
    ly_buf_html(o, ly_page_str(p, LY_S_SITE_COUNT_1));
    ly_buf_put(o, "\">");
    ly_buf_html(o, count);
    ly_buf_put(o, "</p>\n<div class=\"scroll\">\n<table id=\"listing\">\n<thead>\n<tr>");
    static const char *const KEYS[5] = {"building", "floors", "area", "rent", "available"};
    static const ly_string_id COLS[5] = {LY_S_SITE_COL_BUILDING, LY_S_SITE_COL_FLOORS,
                                         LY_S_SITE_COL_AREA, LY_S_SITE_COL_RENT,
                                         LY_S_SITE_COL_AVAILABLE};
    for (int k = 0; k < 5; k++)
        ly_buf_printf(o, "<th scope=\"col\"><button type=\"button\" data-sort=\"%s\">%s</button></th>",
                      KEYS[k], ly_page_str(p, COLS[k]));
    ly_buf_put(o, "</tr>\n</thead>\n<tbody>\n");
    for (size_t i = 0; i < p->s->n_spaces; i++)
        listing_row(p, &p->s->spaces[i]);
    ly_buf_put(o, "</tbody>\n</table>\n</div>\n</section>\n");
}

/* A building's spaces: how many floors and how much. */
static void building_summary(const ly_page *p, uint32_t b, char *buf, size_t n)
{
    const ly_district *d = p->s->d;
    int count = 0;
    double area = 0;
    size_t from, to;
    ly_site_singles(p->s, b, &from, &to);
    for (size_t i = from; i < to; i++)
        count++, area += p->s->spaces[i].area_m2;
    char a[32];
    if (count)
        snprintf(buf, n,
                 ly_page_str(p, count == 1 ? LY_S_SITE_BUILDING_SPACES_1 : LY_S_SITE_BUILDING_SPACES),
                 count, ly_page_grouped(area, a, sizeof a));
    else if (d->buildings[b].n_records)
        snprintf(buf, n, "%s", ly_page_str(p, LY_S_SITE_FULLY_LET));
    else
        snprintf(buf, n, "%s", ly_page_str(p, LY_S_SITE_NO_LETTING_DATA));
}

void ly_page_view_alt(const ly_page *p, uint32_t b, int from, char *buf, size_t n)
{
    char name[160];
    snprintf(buf, n, ly_page_str(p, LY_S_SITE_SEEN_FROM),
             ly_building_title(&p->s->d->buildings[b], p->lang, name, sizeof name),
             ly_page_str(p, (ly_string_id)(LY_S_DIR_N + (from & 7))));
}

static void buildings(const ly_page *p)
{
    ly_buf *o = p->out;
    const ly_district *d = p->s->d;
    ly_buf_printf(o, "<section aria-labelledby=\"buildings-h\">\n<h2 id=\"buildings-h\">%s</h2>\n"
                     "<ul class=\"buildings\">\n",
                  ly_page_str(p, LY_S_SITE_BUILDINGS));
    for (uint32_t b = 0; b < d->n_buildings; b++) {
        char name[160], sum[160], alt[300];
        const ly_site_image *im = &p->s->images[b].views[0];
        /* the link is named by the building's name alone (the picture's text, read
         * first, had named it twice) */
        ly_buf_put(o, "<li><a href=\"b/");
        ly_buf_file_name(o, d->buildings[b].id);
        ly_buf_printf(o, ".html\" aria-labelledby=\"bn%u\">", b);
        if (im->file[0]) {
            ly_page_view_alt(p, b, im->from, alt, sizeof alt);
            ly_page_image(p, im, alt, NULL, true);
        }
        ly_buf_printf(o, "<span class=\"name\" id=\"bn%u\">", b);
        ly_page_put(p, ly_building_title(&d->buildings[b], p->lang, name, sizeof name));
        building_summary(p, b, sum, sizeof sum);
        ly_buf_put(o, "</span></a><span class=\"sum\">");
        ly_buf_html(o, sum);
        ly_buf_put(o, "</span></li>\n");
    }
    ly_buf_put(o, "</ul>\n</section>\n");
}

void ly_site_district_page(const ly_site *s, ly_lang lang, ly_buf *out)
{
    ly_page p = {s, lang, "../", out};
    char title[300], alt[300];
    snprintf(title, sizeof title, ly_page_str(&p, LY_S_SITE_TITLE), ly_page_district(&p));
    ly_page_open(&p, title, "index.html");
    ly_buf_put(out, "<h1>");
    ly_buf_html(out, title);
    ly_buf_printf(out, "</h1>\n<p class=\"lead\">%s</p>\n", ly_page_str(&p, LY_S_SITE_LEAD));
    if (s->hero.file[0] && s->map) {
        /* the map takes the render's place where the browser has WebGL2 (map/embed.js) */
        snprintf(alt, sizeof alt, ly_page_str(&p, LY_S_SITE_HERO_ALT), ly_page_district(&p));
        ly_buf_put(out, "<figure id=\"map\" class=\"map\" data-data=\"../data/district.geojson\" "
                        "data-base=\"../map/\">\n");
        ly_page_image(&p, &s->hero, alt, "hero", false);
        snprintf(alt, sizeof alt, ly_page_str(&p, LY_S_SITE_MAP_LABEL), ly_page_district(&p));
        /* taller than the render: room for a building's card beside it */
        ly_buf_put(out, "\n<canvas id=\"louyu-canvas\" tabindex=\"0\" width=\"1280\" "
                        "height=\"800\" hidden aria-label=\"");
        ly_buf_html(out, alt);
        ly_buf_put(out, "\"></canvas>\n</figure>\n<script src=\"../map/louyu-map.js\"></script>\n"
                        "<script src=\"../map/embed.js\"></script>\n");
    } else if (s->hero.file[0]) {
        snprintf(alt, sizeof alt, ly_page_str(&p, LY_S_SITE_HERO_ALT), ly_page_district(&p));
        ly_page_image(&p, &s->hero, alt, "hero", false);
        ly_buf_put(out, "\n");
    }
    totals(&p);
    listing(&p);
    buildings(&p);
    ly_page_close(&p);
}

