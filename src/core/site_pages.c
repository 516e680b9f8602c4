/* The portal's HTML pages: the language chooser, the district page with every
 * space to let, and a page per building. Every text from the data is escaped
 * (ly_buf_html); every link is relative, so the site works from any folder,
 * any server and file://. */
#include "louyu/site.h"

#include "louyu/stacking.h"
#include "louyu/stats.h"
#include "louyu/week.h"
#include "site_private.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <sodium.h>
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
    return p->lang == LY_LANG_EN && ly_text_has_chinese(text);
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
    ly_buf_printf(o, "</title>\n<link rel=\"stylesheet\" href=\"%sassets/site.css\">\n"
                     "<link rel=\"icon\" href=\"%sassets/icon.svg\" type=\"image/svg+xml\">\n",
                  p->root, p->root);
    /* the other languages' pages and the feed: absolute under the site's address when it
     * has one (search engines ignore an hreflang alternate that is not a full URL) */
    const char *base = p->s->base_url;
    for (int l = 0; l < p->s->n_langs; l++) {
        ly_lang lang = p->s->langs[l];
        ly_buf_printf(o, "<link rel=\"alternate\" hreflang=\"%s\" href=\"",
                      ly_site_lang_tag(lang));
        ly_buf_html(o, base ? base : p->root);
        ly_buf_printf(o, "%s/", ly_site_lang_dir(lang));
        ly_buf_html(o, here);
        ly_buf_put(o, "\">\n");
    }
    char feed[200];
    if (p->s->feed) {
        ly_buf_put(o, "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"");
        ly_buf_html(o, ly_site_feed_link_text(p->s, p->lang, feed, sizeof feed));
        ly_buf_put(o, "\" href=\"");
        ly_buf_html(o, base ? base : p->root);
        ly_buf_printf(o, "%s/feed.atom\">\n", ly_site_lang_dir(p->lang));
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
    char feed[200];
    if (p->s->feed)
        ly_buf_printf(o, "<li><a href=\"%s%s/feed.atom\" type=\"application/atom+xml\">%s</a></li>\n",
                      p->root, ly_site_lang_dir(p->lang),
                      ly_site_feed_link_text(p->s, p->lang, feed, sizeof feed));
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
    ly_buf_put(out, "</title>\n<link rel=\"stylesheet\" href=\"assets/site.css\">\n"
                    "<link rel=\"icon\" href=\"assets/icon.svg\" type=\"image/svg+xml\">\n");
    for (int l = 0; l < s->n_langs; l++) {
        ly_buf_printf(out, "<link rel=\"alternate\" hreflang=\"%s\" href=\"",
                      ly_site_lang_tag(s->langs[l]));
        if (s->base_url) /* (a full URL, as on every page) */
            ly_buf_html(out, s->base_url);
        ly_buf_printf(out, "%s/index.html\">\n", ly_site_lang_dir(s->langs[l]));
    }
    ly_buf_put(out, "</head>\n<body>\n<main id=\"main\" class=\"choose\">\n<h1>");
    ly_page_put(&p, zh ? zh : en ? en : "louyu");
    if (zh && ly_name_second(zh, en)) {
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
    char a[32], c[32], line[300], when[96];
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
    ly_page_when(p, when, sizeof when);
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
                  ly_page_str(p, ly_site_space_pages(p->s) > 1 ? LY_S_SITE_F_NOJS_PAGES
                                                               : LY_S_SITE_F_NOJS));
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
                     "<p><button type=\"submit\">%s</button> <button type=\"reset\">%s</button>"
                     "</p>\n</form>\n",
                  ly_page_str(p, LY_S_SITE_F_CONTIGUOUS), ly_page_str(p, LY_S_SITE_FILTER),
                  ly_page_str(p, LY_S_SITE_CLEAR));
}

/* ---- pages of a long list ------------------------------------------------------------ */

/* The parts' rows as the script reads them: a new form, a new key. */
enum { LY_SITE_PARTS_FORMAT = 2 }; /* (2: areas rounded to add up) */

static size_t per_page(const ly_site *s)
{
    return s->per_page ? s->per_page : LY_SITE_PER_PAGE;
}

static size_t pages_of(const ly_site *s, size_t n)
{
    size_t k = per_page(s);
    return n > k ? (n + k - 1) / k : 1;
}

void ly_site_paginate(ly_site *s, size_t per_page)
{
    s->per_page = per_page ? per_page : LY_SITE_PER_PAGE;
    /* the parts' key: everything their rows are made of, and how they are cut */
    crypto_generichash_state h;
    crypto_generichash_init(&h, NULL, 0, 8);
    uint64_t head[3] = {LY_SITE_PARTS_FORMAT, s->per_page, s->n_spaces};
    crypto_generichash_update(&h, (const unsigned char *)head, sizeof head);
    for (size_t i = 0; i < s->n_spaces; i++) {
        const ly_site_space *sp = &s->spaces[i];
        const ly_building *b = &s->d->buildings[sp->building];
        const char *texts[4] = {b->id, b->name ? b->name : "", b->name_en ? b->name_en : "",
                                sp->available};
        for (int k = 0; k < 4; k++)
            crypto_generichash_update(&h, (const unsigned char *)texts[k], strlen(texts[k]) + 1);
        double v[8] = {sp->floor_from, sp->floor_to, sp->area_m2, sp->rent, sp->to_be_agreed,
                       sp->run, (double)sp->area_tenths, (double)sp->area_whole};
        crypto_generichash_update(&h, (const unsigned char *)v, sizeof v);
    }
    for (uint32_t i = 0; i < s->d->n_buildings; i++) { /* what the buildings' parts say */
        const ly_building *b = &s->d->buildings[i];
        char zh[160], en[160];
        const char *texts[5] = {b->id ? b->id : "", ly_building_title(b, LY_LANG_ZH, zh, sizeof zh),
                                ly_building_title(b, LY_LANG_EN, en, sizeof en),
                                b->address ? b->address : "", b->address_en ? b->address_en : ""};
        for (int k = 0; k < 5; k++)
            crypto_generichash_update(&h, (const unsigned char *)texts[k], strlen(texts[k]) + 1);
        crypto_generichash_update(&h, (const unsigned char *)&b->n_records, sizeof b->n_records);
    }
    unsigned char out[8];
    crypto_generichash_final(&h, out, sizeof out);
    for (int k = 0; k < 8; k++)
        snprintf(s->parts_key + 2 * k, 3, "%02x", out[k]);
}

size_t ly_site_space_pages(const ly_site *s)
{
    return pages_of(s, s->n_singles);
}

size_t ly_site_building_pages(const ly_site *s)
{
    return pages_of(s, s->d->n_buildings);
}

size_t ly_site_building_parts(const ly_site *s)
{
    size_t rows = per_page(s) * LY_SITE_PART_PAGES;
    return ly_site_building_pages(s) > 1 ? (s->d->n_buildings + rows - 1) / rows : 0;
}

size_t ly_site_space_parts(const ly_site *s)
{
    size_t rows = per_page(s) * LY_SITE_PART_PAGES;
    return ly_site_space_pages(s) > 1 ? (s->n_spaces + rows - 1) / rows : 0;
}

static void page_link(ly_buf *o, const char *name, size_t to, const char *text, const char *rel)
{
    if (to == 1)
        ly_buf_printf(o, "<li><a href=\"index.html#%s-h\"", name);
    else
        ly_buf_printf(o, "<li><a href=\"%s-%zu.html\"", name, to);
    ly_buf_printf(o, "%s%s%s>%s</a></li>\n", rel ? " rel=\"" : "", rel ? rel : "", rel ? "\"" : "",
                  text);
}

/* The links to a list's pages: "Spaces 501-1,000 of 12,345", the previous page, the
 * first, the last and those near this one, the next. `name` names the pages' files
 * ("spaces-2.html"); the first is the district page's, at the list's heading. */
static void pager(const ly_page *p, const char *name, size_t page, size_t pages, size_t n,
                  ly_string_id label, ly_string_id range)
{
    ly_buf *o = p->out;
    size_t k = per_page(p->s), first = (page - 1) * k + 1, last = page * k < n ? page * k : n;
    char a[32], b[32], c[32], line[200];
    if (first == last) /* "Space 178 of 178" */
        snprintf(line, sizeof line, ly_page_str(p, (ly_string_id)(range + 1)),
                 ly_page_grouped((double)first, a, sizeof a), ly_page_grouped((double)n, c, sizeof c));
    else
        snprintf(line, sizeof line, ly_page_str(p, range), ly_page_grouped((double)first, a, sizeof a),
                 ly_page_grouped((double)last, b, sizeof b), ly_page_grouped((double)n, c, sizeof c));
    ly_buf_printf(o, "<nav class=\"pager\" id=\"%s-pager\" aria-label=\"%s\">\n<p>", name,
                  ly_page_str(p, label));
    ly_buf_html(o, line);
    ly_buf_put(o, "</p>\n<ul>\n");
    if (page > 1)
        page_link(o, name, page - 1, ly_page_str(p, LY_S_SITE_PREVIOUS), "prev");
    /* the pages near this one; a gap of one page shows that page, not "..." */
    size_t lo = page > 2 ? page - 2 : 1, hi = page + 2 < pages ? page + 2 : pages;
    lo = lo == 3 ? 2 : lo;
    hi = hi + 2 == pages ? pages - 1 : hi;
    bool gap = false;
    for (size_t q = 1; q <= pages; q++) {
        char num[24];
        snprintf(num, sizeof num, "%zu", q);
        if (q == page) {
            ly_buf_printf(o, "<li><span aria-current=\"page\">%s</span></li>\n", num);
        } else if (q == 1 || q == pages || (q >= lo && q <= hi)) {
            page_link(o, name, q, num, NULL);
        } else if (!gap) {
            ly_buf_put(o, "<li class=\"gap\" aria-hidden=\"true\">…</li>\n");
            gap = true;
            continue;
        } else {
            continue;
        }
        gap = false;
    }
    if (page < pages)
        page_link(o, name, page + 1, ly_page_str(p, LY_S_SITE_NEXT), "next");
    ly_buf_put(o, "</ul>\n</nav>\n");
}

/* ---- the listing --------------------------------------------------------------------- */

/* A row's texts and values, as the page shows them and the script's parts give them. */
typedef struct {
    char floors[32], area[24], area_text[32], rent[24], name[160], available[40];
    const char *rent_text, *available_text, *title;
} row_text;

/* A date a space is free from as the pages write dates elsewhere: "29 May 2011",
 * "2011年5月29日" (the English pages had kept the ISO date, "2011-05-29", beside "now"). */
static const char *available_text(const ly_page *p, const char *iso, char *buf, size_t n)
{
    return ly_format_date(iso, p->lang, buf, n);
}

static void row_texts(const ly_page *p, const ly_site_space *sp, row_text *t)
{
    const ly_building *b = &p->s->d->buildings[sp->building];
    ly_site_floors_text(sp, t->floors, sizeof t->floors);
    /* (rounded so that floors add up to their stretch and building: 666.8 m² three times had
     * stood beside a stretch of 2,000.5 m²) */
    snprintf(t->area, sizeof t->area, "%.1f", (double)sp->area_tenths / 10);
    ly_page_grouped((double)sp->area_whole, t->area_text, sizeof t->area_text);
    t->rent[0] = 0;
    if (sp->rent > 0)
        snprintf(t->rent, sizeof t->rent, "%.2f", sp->rent);
    t->rent_text = t->rent[0] ? t->rent
                   : sp->to_be_agreed ? ly_page_str(p, LY_S_SITE_TO_BE_AGREED)
                                      : "–";
    t->available_text = !strcmp(sp->available, "now") ? ly_page_str(p, LY_S_SITE_NOW)
                        : sp->available[0]
                            ? available_text(p, sp->available, t->available, sizeof t->available)
                            : ly_page_str(p, LY_S_SITE_NOT_SAID); /* ("–" had said nothing) */
    t->title = ly_building_title(b, p->lang, t->name, sizeof t->name);
}

static void listing_row(const ly_page *p, const ly_site_space *sp)
{
    ly_buf *o = p->out;
    const ly_building *b = &p->s->d->buildings[sp->building];
    row_text t;
    row_texts(p, sp, &t);
    ly_buf_put(o, "<tr data-building=\"");
    ly_buf_html(o, b->id);
    ly_buf_printf(o, "\" data-floors=\"%s\" data-area=\"%s\" data-rent=\"%s\"", t.floors, t.area,
                  t.rent);
    ly_buf_put(o, " data-available=\"");
    ly_buf_html(o, sp->available);
    ly_buf_printf(o, "\" data-run=\"%d\"%s><td><a href=\"b/", sp->run ? 1 : 0,
                  sp->run ? " hidden" : "");
    ly_buf_file_name(o, b->id);
    ly_buf_put(o, ".html\">");
    ly_page_put(p, t.title);
    ly_buf_printf(o, "</a></td><td>%s</td><td class=\"num\">%s</td><td class=\"num\">", t.floors,
                  t.area_text);
    ly_buf_html(o, t.rent_text);
    ly_buf_put(o, "</td><td>");
    ly_buf_html(o, t.available_text);
    ly_buf_put(o, "</td></tr>\n");
}

/* A part as the script loads it: FN(part, rows); (arr is taken). */
static void part_script(ly_buf *out, const char *fn, size_t part, cJSON *arr)
{
    char *text = arr ? cJSON_PrintUnformatted(arr) : NULL;
    if (text)
        ly_buf_printf(out, "%s(%zu, %s);\n", fn, part, text);
    else
        out->failed = true;
    cJSON_free(text);
    cJSON_Delete(arr);
}

void ly_site_spaces_part(const ly_site *s, ly_lang lang, size_t part, ly_buf *out)
{
    ly_page p = {s, lang, "../", out};
    size_t rows = per_page(s) * LY_SITE_PART_PAGES, from = (part - 1) * rows;
    size_t to = from + rows < s->n_spaces ? from + rows : s->n_spaces;
    /* a row: [building, its page, its title, whether foreign, floors, area, area's text,
     * rent, rent's text, available, available's text, run] */
    cJSON *arr = cJSON_CreateArray();
    for (size_t i = from; i < to && arr; i++) {
        const ly_site_space *sp = &s->spaces[i];
        const ly_building *b = &s->d->buildings[sp->building];
        row_text t;
        row_texts(&p, sp, &t);
        ly_buf href = {0};
        ly_buf_put(&href, "b/");
        ly_buf_file_name(&href, b->id);
        ly_buf_put(&href, ".html");
        const char *texts[] = {b->id, href.p ? href.p : "", t.title};
        cJSON *row = cJSON_CreateArray();
        for (int k = 0; k < 3; k++)
            cJSON_AddItemToArray(row, cJSON_CreateString(texts[k]));
        cJSON_AddItemToArray(row, cJSON_CreateNumber(ly_page_foreign(&p, t.title)));
        const char *more[] = {t.floors,  t.area,      t.area_text,       t.rent,
                              t.rent_text, sp->available, t.available_text};
        for (int k = 0; k < 7; k++)
            cJSON_AddItemToArray(row, cJSON_CreateString(more[k]));
        cJSON_AddItemToArray(row, cJSON_CreateNumber(sp->run));
        cJSON_AddItemToArray(arr, row);
        ly_buf_free(&href);
    }
    part_script(out, "louyuSpaces", part, arr);
}

static void listing(const ly_page *p, size_t page)
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
    /* "1,068 spaces": the count's "%d" grouped, as the script fills it in */
    char count[64], n[32];
    const char *f = ly_page_str(p, singles == 1 ? LY_S_SITE_COUNT_1 : LY_S_SITE_COUNT);
    const char *d = strstr(f, "%d");
    snprintf(count, sizeof count, "%.*s%s%s", (int)(d ? d - f : (long)strlen(f)), f,
             d ? ly_page_grouped((double)singles, n, sizeof n) : "", d ? d + 2 : "");
    ly_buf_put(o, "<p id=\"listing-count\" aria-live=\"polite\" data-format=\"");
    ly_buf_html(o, ly_page_str(p, LY_S_SITE_COUNT));
    ly_buf_put(o, "\" data-format-1=\"");
    ly_buf_html(o, ly_page_str(p, LY_S_SITE_COUNT_1));
    ly_buf_put(o, "\">");
    ly_buf_html(o, count);
    ly_buf_put(o, "</p>\n<div class=\"scroll\">\n<table id=\"listing\"");
    size_t pages = ly_site_space_pages(p->s), k = per_page(p->s);
    if (pages > 1) { /* the script's filters and sorting cover every page's spaces */
        ly_buf_printf(o, " data-parts=\"%zu\" data-part=\"%sdata/spaces-%s-%s-\"",
                      ly_site_space_parts(p->s), p->root, ly_site_lang_dir(p->lang),
                      p->s->parts_key);
        ly_buf_printf(o, " data-limit=\"%zu\"", k);
        static const char *const ATTRS[4] = {"loading", "first", "failed", "more"};
        static const ly_string_id SAYS[4] = {LY_S_SITE_LOADING, LY_S_SITE_FIRST_LISTED,
                                             LY_S_SITE_LOAD_FAILED, LY_S_SITE_MORE};
        for (int i = 0; i < 4; i++) {
            ly_buf_printf(o, " data-%s=\"", ATTRS[i]);
            ly_buf_html(o, ly_page_str(p, SAYS[i]));
            ly_buf_put(o, "\"");
        }
    }
    ly_buf_put(o, ">\n<thead>\n<tr>");
    static const char *const KEYS[5] = {"building", "floors", "area", "rent", "available"};
    static const ly_string_id COLS[5] = {LY_S_SITE_COL_BUILDING, LY_S_SITE_COL_FLOORS,
                                         LY_S_SITE_COL_AREA, LY_S_SITE_COL_RENT,
                                         LY_S_SITE_COL_AVAILABLE};
    for (int c = 0; c < 5; c++)
        ly_buf_printf(o, "<th scope=\"col\"><button type=\"button\" data-sort=\"%s\">%s</button></th>",
                      KEYS[c], ly_page_str(p, COLS[c]));
    ly_buf_put(o, "</tr>\n</thead>\n<tbody>\n");
    /* cut into pages: the page's single floors (the runs show only in a search) */
    size_t from = pages > 1 ? (page - 1) * k : 0;
    size_t to = pages > 1 ? (page * k < singles ? page * k : singles) : p->s->n_spaces;
    for (size_t i = from; i < to; i++)
        listing_row(p, &p->s->spaces[i]);
    ly_buf_put(o, "</tbody>\n</table>\n</div>\n");
    if (pages > 1)
        pager(p, "spaces", page, pages, singles, LY_S_SITE_SPACES_PAGES, LY_S_SITE_SPACES_RANGE);
    ly_buf_put(o, "</section>\n");
}

/* A building's spaces: how many floors and how much. */
static void building_summary(const ly_page *p, uint32_t b, char *buf, size_t n)
{
    const ly_district *d = p->s->d;
    int count = 0;
    double area = 0;
    size_t from, to;
    ly_site_singles(p->s, b, &from, &to);
    for (size_t i = from; i < to; i++) /* (the m² its rows say, so that they add up) */
        count++, area += (double)p->s->spaces[i].area_whole;
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

void ly_site_buildings_part(const ly_site *s, ly_lang lang, size_t part, ly_buf *out)
{
    ly_page p = {s, lang, "../", out};
    size_t rows = per_page(s) * LY_SITE_PART_PAGES, from = (part - 1) * rows;
    size_t to = from + rows < s->d->n_buildings ? from + rows : s->d->n_buildings;
    /* a building: [its page, its title, whether foreign, its spaces in a line, what a
     * search finds it by: its id, title, names and address, a line each] */
    cJSON *arr = cJSON_CreateArray();
    for (size_t i = from; i < to && arr; i++) {
        const ly_building *b = &s->d->buildings[i];
        char name[160], sum[160];
        const char *title = ly_building_title(b, lang, name, sizeof name);
        building_summary(&p, (uint32_t)i, sum, sizeof sum);
        ly_buf href = {0}, keys = {0};
        ly_buf_put(&href, "b/");
        ly_buf_file_name(&href, b->id);
        ly_buf_put(&href, ".html");
        const char *names[6] = {b->id, title, b->name, b->name_en, b->address, b->address_en};
        for (int k = 0; k < 6; k++)
            if (names[k])
                ly_buf_put(&keys, names[k]), ly_buf_put(&keys, "\n");
        cJSON *row = cJSON_CreateArray();
        cJSON_AddItemToArray(row, cJSON_CreateString(href.p ? href.p : ""));
        cJSON_AddItemToArray(row, cJSON_CreateString(title));
        cJSON_AddItemToArray(row, cJSON_CreateNumber(ly_page_foreign(&p, title)));
        cJSON_AddItemToArray(row, cJSON_CreateString(sum));
        cJSON_AddItemToArray(row, cJSON_CreateString(keys.p ? keys.p : ""));
        cJSON_AddItemToArray(arr, row);
        ly_buf_free(&href);
        ly_buf_free(&keys);
    }
    part_script(out, "louyuBuildings", part, arr);
}

void ly_page_view_alt(const ly_page *p, uint32_t b, int from, char *buf, size_t n)
{
    char name[160];
    snprintf(buf, n, ly_page_str(p, LY_S_SITE_SEEN_FROM),
             ly_building_title(&p->s->d->buildings[b], p->lang, name, sizeof name),
             ly_page_str(p, (ly_string_id)(LY_S_DIR_N + (from & 7))));
}

static void buildings(const ly_page *p, size_t page)
{
    ly_buf *o = p->out;
    const ly_district *d = p->s->d;
    ly_buf_printf(o, "<section aria-labelledby=\"buildings-h\">\n<h2 id=\"buildings-h\">%s</h2>\n",
                  ly_page_str(p, LY_S_SITE_BUILDINGS));
    size_t pages = ly_site_building_pages(p->s), k = per_page(p->s);
    uint32_t to = pages > 1 && page * k < d->n_buildings ? (uint32_t)(page * k) : d->n_buildings;
    if (pages > 1) { /* a city's: found by name over every page (the script) */
        ly_buf_printf(o, "<form id=\"find-building\" role=\"search\" hidden data-parts=\"%zu\" "
                         "data-part=\"%sdata/buildings-%s-%s-\" data-limit=\"%zu\"",
                      ly_site_building_parts(p->s), p->root, ly_site_lang_dir(p->lang),
                      p->s->parts_key, k);
        static const char *const ATTRS[6] = {"found", "found-1", "first", "failed", "loading",
                                             "more"};
        static const ly_string_id SAYS[6] = {LY_S_SITE_FOUND, LY_S_SITE_FOUND_1,
                                             LY_S_SITE_FIRST_LISTED_BUILDINGS, LY_S_SITE_FIND_FAILED,
                                             LY_S_SITE_LOADING_BUILDINGS, LY_S_SITE_MORE_BUILDINGS};
        for (int i = 0; i < 6; i++) {
            ly_buf_printf(o, " data-%s=\"", ATTRS[i]);
            ly_buf_html(o, ly_page_str(p, SAYS[i]));
            ly_buf_put(o, "\"");
        }
        ly_buf_printf(o, ">\n<p><label for=\"f-find\">%s</label> <input id=\"f-find\" "
                         "type=\"search\"> <button type=\"submit\">%s</button></p>\n</form>\n"
                         "<p id=\"found-count\" aria-live=\"polite\" hidden></p>\n"
                         "<ul id=\"found\" class=\"found\" hidden></ul>\n",
                      ly_page_str(p, LY_S_SITE_FIND_BUILDING), ly_page_str(p, LY_S_SITE_FIND));
    }
    ly_buf_put(o, "<ul class=\"buildings\" id=\"building-list\">\n");
    for (uint32_t b = (uint32_t)((page - 1) * k); b < to; b++) {
        char name[160], sum[160], alt[300];
        const ly_site_image *im = &p->s->images[b].views[0];
        /* the link is named by the building's name alone (the picture's text, read
         * first, had named it twice) */
        ly_buf_put(o, "<li><a href=\"b/");
        ly_buf_file_name(o, d->buildings[b].id);
        /* (its id: where the map cannot run, embed.js links a #b=ID back to this page) */
        ly_buf_printf(o, ".html\" aria-labelledby=\"bn%u\" data-b=\"", b);
        ly_buf_html(o, d->buildings[b].id);
        ly_buf_put(o, "\">");
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
    ly_buf_put(o, "</ul>\n");
    if (pages > 1)
        pager(p, "buildings", page, pages, d->n_buildings, LY_S_SITE_BUILDINGS_PAGES,
              LY_S_SITE_BUILDINGS_RANGE);
    ly_buf_put(o, "</section>\n");
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
        /* with the words embed.js shows in the page's language: the hint on a one-finger
         * drag (which scrolls the page), the note where the map cannot run, and the link
         * back to the building a link named (%s: its name) */
        ly_buf_put(out, "<figure id=\"map\" class=\"map\" data-data=\"../data/district.geojson\" "
                        "data-base=\"../map/\" data-two-fingers=\"");
        ly_buf_html(out, ly_page_str(&p, LY_S_SITE_MAP_TWO_FINGERS));
        ly_buf_put(out, "\" data-no-webgl=\"");
        ly_buf_html(out, ly_page_str(&p, LY_S_SITE_MAP_NO_WEBGL));
        ly_buf_put(out, "\" data-back=\"");
        ly_buf_html(out, ly_page_str(&p, LY_S_SITE_MAP_BACK));
        ly_buf_put(out, "\">\n");
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
    listing(&p, 1);
    buildings(&p, 1);
    ly_page_close(&p);
}

/* Page `page` of a list: its title and heading say which; `kind` 0 the listing, 1 the
 * buildings. */
static void list_page(const ly_site *s, ly_lang lang, size_t page, int kind, ly_buf *out)
{
    ly_page p = {s, lang, "../", out};
    char title[300], full[400], here[64];
    snprintf(title, sizeof title, ly_page_str(&p, kind ? LY_S_SITE_BUILDINGS_TITLE : LY_S_SITE_TITLE),
             ly_page_district(&p));
    snprintf(full, sizeof full, ly_page_str(&p, LY_S_SITE_PAGE_OF), title, (int)page,
             (int)(kind ? ly_site_building_pages(s) : ly_site_space_pages(s)));
    snprintf(here, sizeof here, "%s-%zu.html", kind ? "buildings" : "spaces", page);
    ly_page_open(&p, full, here);
    ly_buf_put(out, "<h1>");
    ly_buf_html(out, full);
    ly_buf_put(out, "</h1>\n");
    if (kind)
        buildings(&p, page);
    else
        listing(&p, page);
    ly_page_close(&p);
}

void ly_site_spaces_page(const ly_site *s, ly_lang lang, size_t page, ly_buf *out)
{
    list_page(s, lang, page, 0, out);
}

void ly_site_buildings_page(const ly_site *s, ly_lang lang, size_t page, ly_buf *out)
{
    list_page(s, lang, page, 1, out);
}

