#include "louyu/search.h"
#include "vocab.h"

#include <ctype.h>
#include <iconv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

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

/* A Chinese character's pinyin readings without tones, its usual one first (at most cap
 * of them into out; 0: not a character of the table), from the table the build generates
 * from Unihan (tools/pinyin-table.py). */
size_t ly_pinyin_readings(uint32_t cp, const char **out, size_t cap);

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
        const char *r;
        if (ly_pinyin_readings(decode((const unsigned char *)p, len), &r, 1))
            out[o++] = r[0];
        p += len;
    }
    out[o] = '\0';
}

/* What a text's pinyin is searched in: its words, each a Chinese character's readings
 * ("hang|xing") or a run of ASCII letters and digits (lower-cased), separated by spaces:
 * "中国银行 A座" is "zhong guo yin xing|hang|heng a zuo". NULL: no Chinese character with a
 * reading (the text itself is searched), or no memory. */
static char *pinyin_form(const char *utf8)
{
    size_t cap = strlen(utf8) * 10 + 1, o = 0;
    char *out = malloc(cap);
    bool han = false, in_run = false;
    for (const char *p = utf8; out && *p;) {
        size_t len = utf8_char_len((unsigned char)*p);
        if (strnlen(p, len) < len)
            break;
        const char *r[4];
        size_t nr = len > 1 ? ly_pinyin_readings(decode((const unsigned char *)p, len), r, 4) : 0;
        bool alnum = len == 1 && isalnum((unsigned char)*p);
        if ((nr || (alnum && !in_run)) && o)
            out[o++] = ' ';
        for (size_t i = 0; i < nr; i++) {
            size_t rl = strlen(r[i]); /* (4 readings of up to 6 letters: 28 bytes for 3) */
            if (i)
                out[o++] = '|';
            memcpy(out + o, r[i], rl);
            o += rl;
        }
        if (alnum)
            out[o++] = (char)tolower((unsigned char)*p);
        han |= nr > 0;
        in_run = alnum;
        p += len;
    }
    if (out)
        out[o] = '\0';
    if (!han) {
        free(out);
        return NULL;
    }
    char *fit = realloc(out, o + 1); /* (a city has a million of them: no room to spare) */
    return fit ? fit : out;
}

/* How a typed query (q, ql letters and digits, ql < 64) matches a pinyin form: word by
 * word, each of the query's syllables is a whole reading of its word, or (loose) only the
 * reading's initial (its first letter; zh, ch or sh), and the query may end anywhere in a
 * word, as it does while it is being typed: "guangda", "guangd", "gd" and "gdguoji" find
 * "guang da guo ji" (the first two strictly). A u typed also matches a v (ü): "lu" finds
 * 绿 as "lv" does. Returns PINYIN_ANY for a match beginning at any word, with PINYIN_PREFIX
 * where it can begin at the first, and PINYIN_WHOLE where such a match also ends in the
 * last word. The places reachable in the query after each word are kept as bits, so a
 * query is matched in one pass over the form. */
enum { PINYIN_ANY = 1, PINYIN_PREFIX = 2, PINYIN_WHOLE = 4 };

/* Where the query can be after one reading (a, al letters) from the places `from`: bits. */
static uint64_t pinyin_step(uint64_t from, const char *a, size_t al, const char *q, size_t ql,
                            uint64_t breaks, bool loose)
{
    uint64_t to = 0;
    for (from &= ((uint64_t)1 << ql) - 1; from; from &= from - 1) {
        size_t p = (size_t)__builtin_ctzll(from), m = 0; /* letters in common */
        /* a syllable never runs over a break the query has ("xi'an": xi, then an) */
        uint64_t after = breaks & ~(((uint64_t)2 << p) - 1);
        size_t end = after ? (size_t)__builtin_ctzll(after) : ql;
        while (m < al && p + m < end && (q[p + m] == a[m] || (q[p + m] == 'u' && a[m] == 'v')))
            m++;
        if (m == al || (m && p + m == ql)) /* the whole reading, or the query ends in it */
            to |= (uint64_t)1 << (p + m);
        if (loose && m)
            to |= (uint64_t)1 << (p + 1);
        if (loose && m >= 2 && a[1] == 'h' && (a[0] == 'z' || a[0] == 'c' || a[0] == 's'))
            to |= (uint64_t)1 << (p + 2);
    }
    return to;
}

static int pinyin_match(const char *form, const char *q, size_t ql, uint64_t breaks, bool loose)
{
    if (ql == 1) { /* (one letter, the first keystroke: some reading begins with it; one
                    * of the first word's, the only word's) */
        int found = 0;
        bool first = true, one = !strchr(form, ' ');
        for (const char *w = form; *w; w++) {
            first &= *w != ' ';
            bool starts = w == form || w[-1] == '|' || w[-1] == ' ';
            if (starts && (*w == q[0] || (q[0] == 'u' && *w == 'v')))
                found |= PINYIN_ANY | (first ? PINYIN_PREFIX | (one ? PINYIN_WHOLE : 0) : 0);
        }
        return found;
    }
    uint64_t any = 0, pre = 1, done = (uint64_t)1 << ql;
    int found = 0;
    for (const char *w = form; *w;) {
        uint64_t next_any = 0, next_pre = 0;
        for (;;) { /* each reading of this word */
            size_t al = 0; /* (a loop: strcspn's setup cost more than these few letters) */
            while (w[al] && w[al] != '|' && w[al] != ' ')
                al++;
            next_any |= pinyin_step(any | 1, w, al, q, ql, breaks, loose);
            next_pre |= pinyin_step(pre, w, al, q, ql, breaks, loose);
            w += al;
            if (*w != '|')
                break;
            w++;
        }
        if (next_any & done)
            found |= PINYIN_ANY;
        if (next_pre & done)
            found |= PINYIN_PREFIX;
        while (*w == ' ')
            w++;
        if (!*w && (next_pre & done))
            found |= PINYIN_WHOLE;
        any = next_any & ~done;
        pre = next_pre & ~done;
    }
    return found;
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

/* A text of the index marked as a pinyin form (pinyin_form) rather than a text. */
#define PINYIN_TEXT 0x80

static int add(ly_search *s, const char *text, const char *shown, uint32_t b, int k)
{
    if (!text || !*text)
        return 0;
    if (ly_array_reserve((void **)&s->texts, &s->cap, s->n + 1, sizeof *s->texts))
        return -1;
    char *t = k & PINYIN_TEXT ? pinyin_form(text) : lowered(text);
    if (!t)
        return k & PINYIN_TEXT ? 0 : -1; /* (no Chinese character: nothing to add) */
    uint32_t letters = 0, initials = 0;
    for (const char *c = t; (k & PINYIN_TEXT) && *c; c++)
        if (*c >= 'a' && *c <= 'z') {
            letters |= 1u << (*c - 'a');
            if (c == t || c[-1] == ' ' || c[-1] == '|')
                initials |= 1u << (*c - 'a');
        }
    if (letters & 1u << ('v' - 'a'))
        letters |= 1u << ('u' - 'a'); /* (a u typed matches a v: ü) */
    s->texts[s->n] = (ly_search_text){t, shown, b, letters, initials, (uint8_t)k};
    s->n++;
    return 0;
}

void ly_search_deinit(ly_search *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->n; i++)
        free(s->texts[i].text);
    free(s->texts);
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
    for (size_t i = 0; i < d->n_buildings && !rc; i++) {
        const ly_building *b = &d->buildings[i];
        uint32_t bi = (uint32_t)i;
        rc |= add(s, b->name, b->name, bi, LY_MATCH_NAME);
        rc |= add(s, b->name_en, b->name_en, bi, LY_MATCH_NAME);
        rc |= add(s, b->alias, b->alias, bi, LY_MATCH_NAME);
        rc |= add(s, b->name, b->name, bi, LY_MATCH_NAME | PINYIN_TEXT);
        rc |= add(s, b->alias, b->alias, bi, LY_MATCH_NAME | PINYIN_TEXT);
        rc |= add(s, b->id, b->name ? b->name : b->id, bi, LY_MATCH_NAME);
        /* an address or enterprise found in either language is shown in the interface's
         * (a visitor in English who pastes a Chinese name reads the English one) */
        const char *addr = shown_in(lang, b->address, b->address_en);
        rc |= add(s, b->address, addr, bi, LY_MATCH_ADDRESS);
        rc |= add(s, b->address_en, addr, bi, LY_MATCH_ADDRESS);
        rc |= add(s, b->address, addr, bi, LY_MATCH_ADDRESS | PINYIN_TEXT);
        for (uint32_t e = 0; e < b->n_enterprises && !rc; e++) {
            const ly_enterprise *en = &d->enterprises[b->first_enterprise + e];
            const char *ent = shown_in(lang, en->name, en->name_en);
            rc |= add(s, en->name, ent, bi, LY_MATCH_ENTERPRISE);
            rc |= add(s, en->name_en, ent, bi, LY_MATCH_ENTERPRISE);
            rc |= add(s, en->name, ent, bi, LY_MATCH_ENTERPRISE | PINYIN_TEXT);
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
    /* the query as pinyin is typed: letters and digits, spaces and apostrophes ("xi'an")
     * left out but kept as breaks between syllables (bit k: one before letter k); none
     * where it has anything else */
    char py[64];
    size_t pl = 0;
    uint64_t breaks = 0;
    for (const char *c = qs; *c && pl < sizeof py; c++)
        if (isalnum((unsigned char)*c) && !(*c & 0x80))
            py[pl++] = *c;
        else if (*c == ' ' || *c == '\'')
            breaks |= pl ? (uint64_t)1 << pl : 0;
        else
            pl = sizeof py;
    if (pl >= sizeof py)
        pl = 0;
    /* per building, its best text and that text's score */
    int *best = malloc((s->n_buildings ? s->n_buildings : 1) * sizeof *best);
    int *score = calloc(s->n_buildings ? s->n_buildings : 1, sizeof *score);
    for (size_t i = 0; best && i < s->n_buildings; i++)
        best[i] = -1;
    uint32_t first = pl && py[0] >= 'a' && py[0] <= 'z' ? 1u << (py[0] - 'a') : 0;
    uint32_t need = 0; /* the letters the query has */
    for (size_t i = 0; i < pl; i++)
        if (py[i] >= 'a' && py[i] <= 'z')
            need |= 1u << (py[i] - 'a');
    for (size_t t = 0; best && score && t < s->n; t++) {
        const ly_search_text *x = &s->texts[t];
        static const int base[4] = {400, 200, 100, 50};
        int sc = base[x->kind & ~PINYIN_TEXT];
        if (x->kind & PINYIN_TEXT) {
            /* (a text without every letter of the query, or with no reading that begins
             * with its first, cannot match it: passed over) */
            if (!pl || (need & ~x->letters) || (first && !(x->initials & first)))
                continue;
            /* whole syllables rank a little above initials (a loose match is looked for
             * first: most texts have none, and those are passed over in one pass) */
            int m = pinyin_match(x->text, py, pl, breaks, true);
            if (!m)
                continue;
            int strict = pinyin_match(x->text, py, pl, breaks, false);
            if (strict)
                m = strict;
            else
                sc -= 60;
            sc += (m & PINYIN_PREFIX ? 150 : 0) + (m & PINYIN_WHOLE ? 100 : 0);
        } else {
            const char *hit = strstr(x->text, qs);
            if (!hit)
                continue;
            sc += (hit == x->text ? 150 : 0) + (hit == x->text && !x->text[ql] ? 100 : 0);
        }
        uint32_t b = x->building;
        if (best[b] < 0 || sc > score[b]) {
            best[b] = (int)t;
            score[b] = sc;
        }
    }
    /* the best cap of them, in order, each put in its place as it comes (a city's "a"
     * matches most of its buildings: sorting them all had taken longer than finding them) */
    size_t n = 0;
    for (size_t b = 0; best && score && cap && b < s->n_buildings; b++) {
        if (best[b] < 0)
            continue;
        size_t t = (size_t)best[b];
        ly_search_hit h = {(uint32_t)b, (ly_match_kind)(s->texts[t].kind & ~PINYIN_TEXT),
                           s->texts[t].shown, score[b]};
        if (n == cap && by_score(&h, &out[n - 1]) >= 0)
            continue;
        size_t at = n < cap ? n++ : cap - 1;
        for (; at > 0 && by_score(&h, &out[at - 1]) < 0; at--)
            out[at] = out[at - 1];
        out[at] = h;
    }
    free(score);
    free(best);
    free(q);
    return n;
}
