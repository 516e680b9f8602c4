#include "louyu/search.h"
#include "vocab.h"

#include <ctype.h>
#include <iconv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* The first GB2312 code of each initial's block (the level-1 characters are
 * sorted by pinyin): a 0xB0A1, b 0xB0C5, ... z 0xD4D1, up to 0xD7F9. */
static const struct {
    unsigned code;
    char initial;
} BLOCKS[] = {
    {0xB0A1, 'a'}, {0xB0C5, 'b'}, {0xB2C1, 'c'}, {0xB4EE, 'd'}, {0xB6EA, 'e'}, {0xB7A2, 'f'},
    {0xB8C1, 'g'}, {0xB9FE, 'h'}, {0xBBF7, 'j'}, {0xBFA6, 'k'}, {0xC0AC, 'l'}, {0xC2E8, 'm'},
    {0xC4C3, 'n'}, {0xC5B6, 'o'}, {0xC5BE, 'p'}, {0xC6DA, 'q'}, {0xC8BB, 'r'}, {0xC8F6, 's'},
    {0xCBFA, 't'}, {0xCDDA, 'w'}, {0xCEF4, 'x'}, {0xD1B9, 'y'}, {0xD4D1, 'z'}, {0xD7FA, 0},
};

static size_t utf8_char_len(unsigned char c)
{
    return c < 0x80 ? 1 : c >> 5 == 6 ? 2 : c >> 4 == 14 ? 3 : c >> 3 == 30 ? 4 : 1;
}

/* A character's GB 2312 code (its Chinese characters only; 0: not one of them), from
 * the table the build generates (tools/gb2312-table.py). */
unsigned ly_gb2312_han(uint32_t cp);

/* The code point of the UTF-8 character at p (len bytes, complete). */
static uint32_t decode(const unsigned char *p, size_t len)
{
    static const unsigned char lead_mask[5] = {0, 0x7F, 0x1F, 0x0F, 0x07};
    uint32_t cp = p[0] & lead_mask[len];
    for (size_t k = 1; k < len; k++)
        cp = cp << 6 | (p[k] & 0x3F);
    return cp;
}

void ly_pinyin_initials(const char *utf8, char *out, size_t n)
{
    size_t o = 0;
    if (!n)
        return;
    for (const char *p = utf8; p && *p && o + 1 < n;) {
        size_t len = utf8_char_len((unsigned char)*p);
        if (strnlen(p, len) < len)
            break;
        if (len == 1) {
            if (isalnum((unsigned char)*p))
                out[o++] = (char)tolower((unsigned char)*p);
            p++;
            continue;
        }
        unsigned code = ly_gb2312_han(decode((const unsigned char *)p, len));
        for (size_t b = 0; code && b + 1 < sizeof BLOCKS / sizeof *BLOCKS; b++)
            if (code >= BLOCKS[b].code && code < BLOCKS[b + 1].code) {
                out[o++] = BLOCKS[b].initial;
                break;
            }
        p += len;
    }
    out[o] = '\0';
}

/* A sort key without a GB18030 iconv (emscripten's libc has none): GB 2312's
 * Chinese characters by their codes, as GB18030 gives them, the rest as UTF-8. */
static void key_without_iconv(const char *t, char *out, size_t key_len)
{
    size_t o = 0;
    for (const char *p = t; *p;) {
        size_t len = utf8_char_len((unsigned char)*p);
        if (strnlen(p, len) < len)
            break;
        unsigned code = len > 1 ? ly_gb2312_han(decode((const unsigned char *)p, len)) : 0;
        size_t w = code ? 2 : len;
        if (o + w > key_len - 1)
            break;
        if (code) {
            out[o] = (char)(code >> 8);
            out[o + 1] = (char)(code & 0xFF);
        } else {
            memcpy(out + o, p, len);
        }
        o += w;
        p += len;
    }
    out[o] = '\0';
}

void ly_collate_keys(const char *const *texts, size_t n, char *keys, size_t key_len)
{
    if (!key_len)
        return;
    iconv_t cd = iconv_open("GB18030", "UTF-8");
    for (size_t i = 0; i < n; i++) {
        char *out = keys + i * key_len;
        const char *t = texts[i] ? texts[i] : "";
        char *ip = (char *)t, *op = out;
        size_t il = strlen(t), ol = key_len - 1;
        if (cd == (iconv_t)-1) {
            key_without_iconv(t, out, key_len);
            op = out + strlen(out);
        } else if (iconv(cd, &ip, &il, &op, &ol) == (size_t)-1) {
            /* what could not be converted (or did not fit) keeps its UTF-8 bytes */
            iconv(cd, NULL, NULL, NULL, NULL);
            size_t done = (size_t)(op - out), room = key_len - 1 - done;
            size_t rest = il < room ? il : room;
            memcpy(op, ip, rest);
            op += rest;
        }
        *op = '\0';
        /* Latin letters without case: single bytes only; a GB18030 character's
         * trailing bytes may look like ASCII and are stepped over */
        for (unsigned char *c = (unsigned char *)out; *c;) {
            if (*c < 0x80) {
                *c = (unsigned char)tolower(*c);
                c++;
            } else {
                size_t w = c[1] >= 0x30 && c[1] <= 0x39 ? 4 : 2;
                for (size_t k = 0; k < w && *c; k++)
                    c++;
            }
        }
    }
    if (cd != (iconv_t)-1)
        iconv_close(cd);
}

/* The text as it is searched: ASCII in lower case, and what a Chinese input method types in
 * its full-width mode (ＡＢＣ１２３, the ideographic space U+3000) as the ASCII it stands for,
 * so that "　海信" and "ｈｉｓｅｎｓｅ" find what " 海信 " and "hisense" find. */
static char *lowered(const char *s)
{
    size_t n = strlen(s);
    char *t = malloc(n + 1);
    if (!t)
        return NULL;
    if (ly_ascii_forms(s, t, n + 1) != t) /* (the ASCII forms are never longer) */
        memcpy(t, s, n + 1);
    for (char *p = t; *p; p++)
        *p = (char)tolower((unsigned char)*p);
    return t;
}

static int add(ly_search *s, const char *text, const char *shown, uint32_t b, ly_match_kind k)
{
    if (!text || !*text)
        return 0;
    size_t was = s->cap;
    if (ly_array_reserve((void **)&s->texts, &s->cap, s->n + 1, sizeof *s->texts))
        return -1;
    size_t cap = s->cap;
    /* the parallel arrays grow with texts, to the same capacity (only when it grows: a
     * realloc per text made the index quadratic where realloc copies, as under ASan) */
    uint32_t *bb = cap == was ? s->building : realloc(s->building, cap * sizeof *bb);
    if (!bb) {
        s->cap = was; /* (all three grown again next time) */
        return -1;
    }
    s->building = bb;
    uint8_t *kk = cap == was ? s->kind : realloc(s->kind, cap * sizeof *kk);
    if (!kk) {
        s->cap = was; /* (all three grown again next time) */
        return -1;
    }
    s->kind = kk;
    const char **ss = cap == was ? s->shown : realloc(s->shown, cap * sizeof *ss);
    if (!ss) {
        s->cap = was; /* (all three grown again next time) */
        return -1;
    }
    s->shown = ss;
    char *t = lowered(text);
    if (!t)
        return -1;
    s->texts[s->n] = t;
    s->building[s->n] = b;
    s->kind[s->n] = (uint8_t)k;
    s->shown[s->n] = shown;
    s->n++;
    return 0;
}

void ly_search_deinit(ly_search *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->n; i++)
        free(s->texts[i]);
    free(s->texts);
    free(s->building);
    free(s->kind);
    free(s->shown);
    memset(s, 0, sizeof *s);
}

/* A text's form in the interface's language, the other where it has none. */
static const char *shown_in(ly_lang lang, const char *zh, const char *en)
{
    return lang == LY_LANG_EN && en && *en ? en : zh && *zh ? zh : en;
}

int ly_search_init(ly_search *s, const ly_district *d, ly_lang lang)
{
    memset(s, 0, sizeof *s);
    s->n_buildings = d->n_buildings;
    int rc = 0;
    char initials[128];
    for (size_t i = 0; i < d->n_buildings && !rc; i++) {
        const ly_building *b = &d->buildings[i];
        uint32_t bi = (uint32_t)i;
        rc |= add(s, b->name, b->name, bi, LY_MATCH_NAME);
        rc |= add(s, b->name_en, b->name_en, bi, LY_MATCH_NAME);
        rc |= add(s, b->alias, b->alias, bi, LY_MATCH_NAME);
        if (b->name) {
            ly_pinyin_initials(b->name, initials, sizeof initials);
            rc |= add(s, initials, b->name, bi, LY_MATCH_NAME);
        }
        rc |= add(s, b->id, b->name ? b->name : b->id, bi, LY_MATCH_NAME);
        /* an address or enterprise found in either language is shown in the interface's
         * (a visitor in English who pastes a Chinese name reads the English one) */
        const char *addr = shown_in(lang, b->address, b->address_en);
        rc |= add(s, b->address, addr, bi, LY_MATCH_ADDRESS);
        rc |= add(s, b->address_en, addr, bi, LY_MATCH_ADDRESS);
        for (uint32_t e = 0; e < b->n_enterprises && !rc; e++) {
            const ly_enterprise *en = &d->enterprises[b->first_enterprise + e];
            const char *ent = shown_in(lang, en->name, en->name_en);
            rc |= add(s, en->name, ent, bi, LY_MATCH_ENTERPRISE);
            rc |= add(s, en->name_en, ent, bi, LY_MATCH_ENTERPRISE);
            if (en->industry) {
                /* once per building and industry is enough */
                bool dup = false;
                for (uint32_t f = 0; f < e && !dup; f++) {
                    const char *o = d->enterprises[b->first_enterprise + f].industry;
                    dup = o && !strcmp(o, en->industry);
                }
                if (!dup) {
                    rc |= add(s, en->industry, en->industry, bi, LY_MATCH_INDUSTRY);
                    rc |= add(s, ly_industry_name(en->industry, LY_LANG_ZH),
                              ly_industry_name(en->industry, lang), bi, LY_MATCH_INDUSTRY);
                    rc |= add(s, ly_industry_name(en->industry, LY_LANG_EN),
                              ly_industry_name(en->industry, lang), bi, LY_MATCH_INDUSTRY);
                }
            }
        }
    }
    if (rc) {
        ly_search_deinit(s);
        return -1;
    }
    return 0;
}

static int by_score(const void *a, const void *b)
{
    const ly_search_hit *x = a, *y = b;
    if (x->score != y->score)
        return y->score - x->score;
    return (x->building > y->building) - (x->building < y->building);
}

size_t ly_search_run(const ly_search *s, const char *query, ly_search_hit *out, size_t cap)
{
    if (!query || !*query)
        return 0;
    char *q = lowered(query);
    if (!q)
        return 0;
    /* trim spaces at both ends */
    char *qs = q;
    while (*qs == ' ')
        qs++;
    size_t ql = strlen(qs);
    while (ql && qs[ql - 1] == ' ')
        qs[--ql] = '\0';
    if (!ql) {
        free(q);
        return 0;
    }
    /* per building, its best text and that text's score */
    int *best = malloc((s->n_buildings ? s->n_buildings : 1) * sizeof *best);
    int *score = calloc(s->n_buildings ? s->n_buildings : 1, sizeof *score);
    for (size_t i = 0; best && i < s->n_buildings; i++)
        best[i] = -1;
    for (size_t t = 0; best && score && t < s->n; t++) {
        const char *hit = strstr(s->texts[t], qs);
        if (!hit)
            continue;
        static const int base[4] = {400, 200, 100, 50};
        int sc = base[s->kind[t]] + (hit == s->texts[t] ? 150 : 0) +
                 (hit == s->texts[t] && !s->texts[t][ql] ? 100 : 0);
        uint32_t b = s->building[t];
        if (best[b] < 0 || sc > score[b]) {
            best[b] = (int)t;
            score[b] = sc;
        }
    }
    size_t n = 0, total = 0;
    ly_search_hit *all = best && score ? malloc((s->n_buildings ? s->n_buildings : 1) * sizeof *all)
                               : NULL;
    for (size_t b = 0; all && b < s->n_buildings; b++) {
        if (best[b] < 0)
            continue;
        size_t t = (size_t)best[b];
        all[total++] = (ly_search_hit){(uint32_t)b, (ly_match_kind)s->kind[t], s->shown[t],
                                       score[b]};
    }
    if (all) {
        qsort(all, total, sizeof *all, by_score);
        for (; n < total && n < cap; n++)
            out[n] = all[n];
    }
    free(all);
    free(score);
    free(best);
    free(q);
    return n;
}
