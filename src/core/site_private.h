/* What the portal's files share (site.c, site_pages.c). Private to the core. */
#ifndef LOUYU_CORE_SITE_PRIVATE_H
#define LOUYU_CORE_SITE_PRIVATE_H

#include "louyu/site.h"

/* The longest title a page gets, in characters as written: a tab or a search result
 * shows no more, and html-validate's long-title rule holds pages to it. */
#define LY_TITLE_MAX 70

/* The walking graph the building pages' Nearby sections walk over (site_building.c):
 * made by ly_site_init, NULL when out of memory; destroy accepts NULL. */
ly_site_near *ly_site_near_create(const ly_district *d);
void ly_site_near_destroy(ly_site_near *n);

/* The feed's link as the pages name it: the space that came free this week, or since the
 * week reported before where a week without reports lies between. Returns buf. */
const char *ly_site_feed_link_text(const ly_site *s, ly_lang lang, char *buf, size_t n);

/* "12" or "12-14". */
void ly_site_floors_text(const ly_site_space *sp, char *buf, size_t n);

/* A page being written: its site, language, the way back to the site's root
 * ("../" or "../../") and where the text goes (site_pages.c). */
typedef struct {
    const ly_site *s;
    ly_lang lang;
    const char *root;
    ly_buf *out;
} ly_page;

const char *ly_page_str(const ly_page *p, ly_string_id id);
const char *ly_page_pick(const ly_page *p, const char *zh, const char *en);
const char *ly_page_district(const ly_page *p);
/* Whether text on this page is in the other language: Chinese on an English page (a
 * name that has no English one), which is marked lang="zh-Hans" for screen readers and
 * fonts. */
bool ly_page_foreign(const ly_page *p, const char *text);
/* Text of an element, escaped; in a <span lang> when ly_page_foreign. */
void ly_page_put(const ly_page *p, const char *text);
/* The head, the skip link and the header with the language switch; `here` is the
 * page's path under its language folder ("index.html", "b/wtc.html"). */
void ly_page_open(const ly_page *p, const char *title, const char *here);
/* The footer, then the end of the page. */
void ly_page_close(const ly_page *p);
void ly_page_image(const ly_page *p, const ly_site_image *im, const char *alt, const char *cls,
                   bool lazy);
const char *ly_page_grouped(double v, char *buf, size_t n);
/* The data's week ("Week 17, 2011": a store's, or the week a store's export says it is)
 * into when and true, else its date (or "") and false. */
bool ly_page_when(const ly_page *p, char *when, size_t n);
/* "X, seen from the south-west" */
void ly_page_view_alt(const ly_page *p, uint32_t b, int from, char *buf, size_t n);

#endif
