#include "louyu/html.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void ly_buf_free(ly_buf *b)
{
    free(b->p);
    *b = (ly_buf){0};
}

static bool reserve(ly_buf *b, size_t more)
{
    if (b->failed)
        return false;
    if (b->len + more + 1 <= b->cap)
        return true;
    size_t cap = b->cap ? b->cap : 4096;
    while (cap < b->len + more + 1)
        cap *= 2;
    char *p = realloc(b->p, cap);
    if (!p) {
        b->failed = true;
        return false;
    }
    b->p = p;
    b->cap = cap;
    return true;
}

void ly_buf_putn(ly_buf *b, const char *s, size_t n)
{
    if (!s || !reserve(b, n))
        return;
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
}

void ly_buf_put(ly_buf *b, const char *s)
{
    if (s)
        ly_buf_putn(b, s, strlen(s));
}

void ly_buf_printf(ly_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || !reserve(b, (size_t)n))
        return;
    va_start(ap, fmt);
    vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

/* The entity a character is written as in HTML text and attributes, or NULL. */
static const char *html_entity(char c)
{
    switch (c) {
    case '&': return "&amp;";
    case '<': return "&lt;";
    case '>': return "&gt;";
    case '"': return "&quot;";
    case '\'': return "&#39;";
    default: return NULL;
    }
}

/* The bytes of the whole UTF-8 character at s, or 0 for a part of one (a text cut short
 * at a byte, as a fixed buffer cuts it). */
static size_t whole_char(const char *s)
{
    unsigned char c = (unsigned char)*s;
    size_t want = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 0;
    for (size_t i = 1; i < want; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            return 0;
    return want;
}

void ly_buf_html(ly_buf *b, const char *text)
{
    for (const char *s = text; s && *s;) {
        const char *e = html_entity(*s);
        size_t len = whole_char(s);
        if (e)
            ly_buf_put(b, e);
        else if (len) /* (half a character is left out: a page stays UTF-8) */
            ly_buf_putn(b, s, len);
        s += len ? len : 1;
    }
}

/* Element text needs only &, < and > escaped (quotes are for attributes). */
static const char *text_entity(char c)
{
    return c == '&' || c == '<' || c == '>' ? html_entity(c) : NULL;
}

/* What the UTF-8 sequence at s (len bytes) takes once written, as a checker counts it:
 * an entity its length, a character outside the BMP (an emoji) two UTF-16 units. */
static size_t text_width(const char *s, size_t len)
{
    const char *e = text_entity(*s);
    return e ? strlen(e) : len == 4 ? 2 : 1;
}

void ly_buf_html_clipped(ly_buf *b, const char *text, size_t max)
{
    size_t width = 0, len;
    for (const char *s = text; s && *s; s += len ? len : 1)
        width += (len = whole_char(s)) ? text_width(s, len) : 0;
    size_t used = 0;
    for (const char *s = text; s && *s; s += len ? len : 1) {
        if (!(len = whole_char(s))) /* (half a character is left out, as ly_buf_html does) */
            continue;
        size_t w = text_width(s, len);
        if (width > max && used + w + 1 > max) /* keep room for the ellipsis */
            break;
        const char *e = text_entity(*s);
        if (e)
            ly_buf_put(b, e);
        else
            ly_buf_putn(b, s, len);
        used += w;
    }
    if (width > max)
        ly_buf_put(b, "\xe2\x80\xa6");
}

void ly_buf_csv(ly_buf *b, const char *cell)
{
    if (!cell)
        return;
    /* a spreadsheet runs a cell that starts like a formula: make it text */
    bool formula = strchr("=+-@\t\r", cell[0]) && cell[0];
    bool quote = formula || strpbrk(cell, ",\"\r\n") != NULL;
    if (quote)
        ly_buf_put(b, "\"");
    if (formula)
        ly_buf_put(b, "'");
    for (const char *s = cell; *s;) {
        size_t len = whole_char(s);
        if (*s == '"')
            ly_buf_put(b, "\"\""); /* a quote inside a quoted cell is doubled */
        else if (len)
            ly_buf_putn(b, s, len);
        s += len ? len : 1;
    }
    if (quote)
        ly_buf_put(b, "\"");
}

void ly_buf_csv_start(ly_buf *b)
{
    ly_buf_put(b, "\xEF\xBB\xBF");
}

void ly_buf_url(ly_buf *b, const char *segment)
{
    static const char *const HEX = "0123456789ABCDEF";
    for (const unsigned char *s = (const unsigned char *)segment; s && *s; s++) {
        if ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
            strchr("-._~", *s)) {
            ly_buf_putn(b, (const char *)s, 1);
        } else {
            char e[3] = {'%', HEX[*s >> 4], HEX[*s & 15]};
            ly_buf_putn(b, e, 3);
        }
    }
}

void ly_buf_file_name(ly_buf *b, const char *id)
{
    static const char *const HEX = "0123456789abcdef";
    size_t start = b->len;
    for (const unsigned char *s = (const unsigned char *)id; s && *s; s++) {
        /* (a dot only inside: no hidden files, no "..") */
        /* (capitals written _xx too: Tower-A and tower-a are one file where the case of
         * names does not count, as on macOS and Windows) */
        if ((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '-' ||
            (*s == '.' && s != (const unsigned char *)id)) {
            ly_buf_putn(b, (const char *)s, 1);
        } else {
            char e[3] = {'_', HEX[*s >> 4], HEX[*s & 15]};
            ly_buf_putn(b, e, 3);
        }
    }
    /* a long id (a Chinese one of 28 characters is 252 bytes here) cut, and told apart by
     * its whole text's hash: file names stop at 255 bytes, and .html and .png follow */
    if (!b->failed && b->len - start > 200) {
        uint64_t h = 14695981039346656037ull; /* FNV-1a */
        for (const unsigned char *s = (const unsigned char *)id; *s; s++)
            h = (h ^ *s) * 1099511628211ull;
        size_t cut = start; /* (at an escape's start, not inside an _xx) */
        while (cut + (b->p[cut] == '_' ? 3 : 1) <= start + 180)
            cut += b->p[cut] == '_' ? 3 : 1;
        b->len = cut;
        ly_buf_printf(b, "~%016llx", (unsigned long long)h);
    }
}
