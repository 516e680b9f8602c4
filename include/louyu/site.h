/* louyu site: the investment portal's pages and data, from a district.
 *
 * A static site in both languages: a root page that chooses the language; per
 * language a district page (a hero image, the totals, and every space to let in
 * a table that sorts and filters with JavaScript and is a plain table without
 * it) and one page per building (renders from several sides, its stacking plan,
 * vacancy by floor, facts, service windows, industries, what is nearby on foot); the
 * listings as JSON and CSV, an Atom feed of space that came free this week (a
 * store's weeks), a sitemap (with a base URL). Every text from the data goes
 * through the escaping of where it lands (louyu/html.h). The images are made by
 * the caller (the renderer) and named here by file name. No GL, no SDL.
 *
 * Files, relative to the site's root: index.html; zh/index.html, en/index.html;
 * zh/b/FILE.html, en/b/FILE.html (FILE: the building id, ly_buf_file_name);
 * assets/site.css, assets/site.js; img/FILE; data/listings.json, data/listings.csv,
 * data/district.geojson; zh/feed.atom, en/feed.atom; sitemap.xml (and sitemap-K.xml past
 * 50,000 pages).
 *
 * A city's lists are cut into pages of at most per_page spaces and per_page buildings:
 * the district page holds the first of each, LANG/spaces-K.html and
 * LANG/buildings-K.html (K from 2) the rest, each with links to the others. The
 * script's filters and sorting then cover every page: it loads all the spaces, in
 * parts of LY_SITE_PART_PAGES pages' worth, from data/spaces-LANG-KEY-K.js (K from 1;
 * scripts, not JSON, so that they load from file:// too; KEY a hash of what they hold,
 * so that a page open while the site is published again never mixes two listings, nor
 * a browser's cached part with a new one). A search by name finds a building on any of
 * the buildings' pages, from data/buildings-LANG-KEY-K.js. */
#ifndef LOUYU_SITE_H
#define LOUYU_SITE_H

#include "louyu/district.h"
#include "louyu/html.h"
#include "louyu/strings.h"

#include <stdint.h>

/* One space to let: a floor, or (run) a stretch of adjacent floors with space. */
typedef struct {
    uint32_t building;
    int floor_from, floor_to;
    double area_m2;    /* vacant */
    /* the vacant area as the portal writes it, in tenths of a m² (the files, the listing's
     * sort) and whole m² (the pages' text): rounded so that a building's floors add up to
     * its stretches and the building's own, as `louyu export --floors` rounds */
    long area_tenths, area_whole;
    double rent;       /* CNY/m²/day asked, < 0 when unknown or to be agreed */
    bool to_be_agreed; /* its report gave no rent: to be agreed (面议) */
    char available[16]; /* "2011-05-09", "now", or "" when not said */
    bool run;
} ly_site_space;

/* The compass direction a view looks from: 0 north, 1 north-east ... 7 north-west. */
typedef struct {
    char file[48]; /* under img/ ("" when there is none) */
    int w, h;
    int from;      /* views: the direction */
} ly_site_image;

enum { LY_SITE_VIEWS = 3 };

typedef struct {
    ly_site_image views[LY_SITE_VIEWS], plan;
} ly_site_images;

/* The walking graph over the district's roads, for the building pages' Nearby sections. */
typedef struct ly_site_near ly_site_near;

typedef struct {
    const ly_district *d;
    ly_lang langs[LY_LANG_COUNT];
    int n_langs;
    const char *base_url;  /* "https://example.org/portal/" or NULL: no absolute links */
    ly_site_space *spaces; /* single floors first, by building and floor; then the runs */
    size_t n_spaces, n_singles;
    ly_site_image hero;
    ly_site_images *images; /* per building */
    bool feed;              /* the district has weeks: a feed of this week's new space */
    /* the 3D map for the browser is in map/ (louyu publish --web): the district page
     * shows it over its hero render, which stays where WebGL2 is missing, and each
     * building page links to it */
    bool map;
    size_t per_page;    /* spaces and buildings on a page (ly_site_paginate) */
    char parts_key[17]; /* the hash in the parts' names (ly_site_paginate) */
    size_t sitemap_max; /* addresses in a sitemap file; 0: the protocol's 50,000 */
    ly_site_near *near;  /* (made by ly_site_init) */
} ly_site;

enum { LY_SITE_PER_PAGE = 500, LY_SITE_PART_PAGES = 4 };

/* The spaces to let of d as it is now, each at its floor's asking rent (ly_floor_rent);
 * `available` (one per floor record, or NULL) says from when each floor is free.
 * Returns 0, or -1 when out of memory. */
int ly_site_init(ly_site *s, const ly_district *d, const char (*available)[16]);
void ly_site_free(ly_site *s);
/* Building b's single floors to let: spaces [*from, *to) (a search, not a walk through a
 * city's spaces for each of its buildings). */
void ly_site_singles(const ly_site *s, uint32_t b, size_t *from, size_t *to);

/* The language's folder ("zh", "en") and its HTML lang tag ("zh-Hans", "en"). */
const char *ly_site_lang_dir(ly_lang lang);
const char *ly_site_lang_tag(ly_lang lang);
/* A building page's path from the site's root: "zh/b/wtc.html". */
void ly_site_building_path(const ly_building *b, ly_lang lang, ly_buf *out);

void ly_site_root_page(const ly_site *s, ly_buf *out);
void ly_site_district_page(const ly_site *s, ly_lang lang, ly_buf *out);
void ly_site_building_page(const ly_site *s, uint32_t b, ly_lang lang, ly_buf *out);
/* Cuts the lists into pages of per_page (0: LY_SITE_PER_PAGE) and names the parts by
 * what they hold (ly_site_init cuts at LY_SITE_PER_PAGE). */
void ly_site_paginate(ly_site *s, size_t per_page);
/* How many pages the listing and the buildings take (1: the district page alone), and
 * how many parts the script loads the spaces in (0: the listing is not cut). */
size_t ly_site_space_pages(const ly_site *s);
size_t ly_site_building_pages(const ly_site *s);
size_t ly_site_space_parts(const ly_site *s);
size_t ly_site_building_parts(const ly_site *s); /* (a search for a building by name) */
/* Page `page` (from 2) of the listing, of the buildings; part `part` (from 1) of the
 * spaces for the script. */
void ly_site_spaces_page(const ly_site *s, ly_lang lang, size_t page, ly_buf *out);
void ly_site_buildings_page(const ly_site *s, ly_lang lang, size_t page, ly_buf *out);
void ly_site_spaces_part(const ly_site *s, ly_lang lang, size_t part, ly_buf *out);
void ly_site_buildings_part(const ly_site *s, ly_lang lang, size_t part, ly_buf *out);
/* The listings: the JSON every space (the floors, then the stretches, `run`); the CSV, for
 * spreadsheets, a row per floor with the stretch it is part of in columns of its own, so
 * that its areas add up to the vacant area. */
void ly_site_listings_json(const ly_site *s, ly_buf *out);
void ly_site_listings_csv(const ly_site *s, ly_buf *out);
/* The Atom feed of floors that came free in the latest week (s->feed). */
void ly_site_feed(const ly_site *s, ly_lang lang, ly_buf *out);
/* Every page's absolute address (needs s->base_url): file 0 is sitemap.xml, all of them;
 * past the protocol's 50,000 a file (sitemap_max) it is an index of sitemap-K.xml, K from
 * 1 to ly_site_sitemap_files (0 when one file holds them all). */
void ly_site_sitemap(const ly_site *s, size_t file, ly_buf *out);
size_t ly_site_sitemap_files(const ly_site *s);
/* The stylesheet every page uses (the stacking plan's legend in the renderer's own
 * colours), and the script. */
void ly_site_css(ly_buf *out);
const char *ly_site_js(void);
/* The site's icon (assets/icon.svg): three towers in the portal's accent colour, for the
 * browser's tab and bookmarks (without one every page asked for a /favicon.ico that is not
 * there). */
const char *ly_site_icon(void);

#endif
