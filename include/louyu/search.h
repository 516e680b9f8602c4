/* louyu search: find buildings by what people type: a building's Chinese or
 * English name, its address, the name of an enterprise inside, or an industry; the
 * Chinese ones also by their pinyin as typed without an input method, whole syllables,
 * initials or both ("shimao", "sm" and "qdshimao" find 青岛世贸中心).
 *
 * ly_search_init builds an index of lower-cased texts for a district (it
 * allocates; ly_search_deinit frees); ly_search_run answers a query in one
 * pass over the index, ranked: name prefixes first, then name substrings,
 * then addresses, enterprises and industries; one result per building. Cheap
 * enough to run on every keystroke. No GL. */
#ifndef LOUYU_SEARCH_H
#define LOUYU_SEARCH_H

#include "louyu/district.h"
#include "louyu/strings.h"

typedef enum {
    LY_MATCH_NAME,       /* the building's names, their pinyin initials, or its id */
    LY_MATCH_ADDRESS,
    LY_MATCH_ENTERPRISE, /* an enterprise in the building */
    LY_MATCH_INDUSTRY    /* enterprises of that industry in the building */
} ly_match_kind;

typedef struct {
    uint32_t building;
    ly_match_kind kind;
    const char *text; /* what matched, as written in the data (owned by the district) */
    int score;        /* higher first */
} ly_search_hit;

typedef struct {
    char *text;        /* lower-cased, or its pinyin (search.c) */
    const char *shown; /* the original text (owned by the district) */
    uint32_t building;
    uint32_t letters;  /* of a pinyin text: the letters a to z in it, as bits */
    uint32_t initials; /* and those its readings begin with */
    uint8_t kind;      /* ly_match_kind, and whether the text is pinyin */
} ly_search_text;

typedef struct {
    ly_search_text *texts;
    size_t n, cap;
    size_t n_buildings;
} ly_search;

/* The pinyin initials of the Chinese characters in utf8 ("湛山街道" -> "zsjd"), from
 * each one's usual reading; ASCII letters and digits are kept (lower-cased); other
 * characters are skipped. */
void ly_pinyin_initials(const char *utf8, char *out, size_t n);

/* Sort keys for names (key_len bytes each, NUL-terminated, into keys): under
 * strcmp, Chinese names sort by pinyin (GB18030 order, which follows pinyin
 * for the 3,755 common characters), Latin letters without case, Latin before
 * Chinese. */
void ly_collate_keys(const char *const *texts, size_t n, char *keys, size_t key_len);

int ly_search_init(ly_search *s, const ly_district *d, ly_lang lang);
void ly_search_deinit(ly_search *s);
/* Writes up to cap hits for query (UTF-8, case-insensitive for ASCII); returns
 * how many. An empty query finds nothing. */
size_t ly_search_run(const ly_search *s, const char *query, ly_search_hit *out, size_t cap);

#endif
