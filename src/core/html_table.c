/* A sheet saved as a web page: the first table of an HTML file, read as CSV text in the
 * form ly_xlsx_text gives (include/louyu/xlsx.h). Office systems export their reports as
 * HTML tables named .xls, and Excel keeps a workbook it opened from one as a web page when
 * it is saved again, so a building manager's "report.xls" is often one. The page's
 * characters come from the charset its <meta> names (GBK, GB2312 and GB18030 as GB18030),
 * else UTF-8 where it is, else GB18030. Each <tr> of the table (not of one nested in it) is
 * a row and each <td> or <th> a cell: its text with the tags inside it left out, entities
 * decoded (&nbsp; &amp; &#20316; ...), white space run together as HTML shows it, a
 * <br> as a space; Excel's x:num="1200.5" (LibreOffice's sdval) gives the number a cell
 * stands for when its text shows it formatted (1,200.50; a date's text stays). A cell spanning columns or rows (colspan, rowspan) holds
 * its text in its first row and column and leaves the others empty, as a merged cell of a
 * workbook does; the cells after it move along. Comments, <script> and <style> are not
 * text. */
#include "louyu/xlsx.h"
#include "louyu/csv.h"
#include "louyu/arena.h"
#include "sheet_private.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum { MAX_COLS = 16384, MAX_ROWS = 1048576, MAX_SPAN = 1000 };

bool ly_html_table_is(const char *bytes, size_t len)
{
    size_t i = 0, n = len < 4096 ? len : 4096;
    if (n >= 3 && !memcmp(bytes, "\xEF\xBB\xBF", 3))
        i = 3;
    while (i < n && isspace((unsigned char)bytes[i]))
        i++;
    if (i >= n || bytes[i] != '<')
        return false;
    for (; i + 6 <= n; i++)
        if (!strncasecmp(bytes + i, "<table", 6) || !strncasecmp(bytes + i, "<html", 5))
            return true;
    return false;
}

/* The charset a <meta> names in the page's first 4 KB ("" when none). */
static void meta_charset(const char *b, size_t len, char *out, size_t n)
{
    out[0] = '\0';
    size_t lim = len < 4096 ? len : 4096;
    for (size_t i = 0; i + 8 <= lim; i++) {
        if (strncasecmp(b + i, "charset=", 8))
            continue;
        size_t j = i + 8, k = 0;
        if (j < lim && (b[j] == '"' || b[j] == '\''))
            j++;
        while (j < lim && k + 1 < n && (isalnum((unsigned char)b[j]) || strchr("-_.:", b[j])))
            out[k++] = b[j++];
        out[k] = '\0';
        return;
    }
}

/* The page's text as UTF-8 (malloc'd), or NULL after saying why. */
static char *page_text(const char *b, size_t len, size_t *out_len, ly_diag_list *diags)
{
    char cs[40];
    meta_charset(b, len, cs, sizeof cs);
    size_t skip = len >= 3 && !memcmp(b, "\xEF\xBB\xBF", 3) ? 3 : 0;
    size_t bad = skip + ly_utf8_invalid_at((const unsigned char *)b + skip, len - skip);
    bool utf8 = bad == len;
    char *out = NULL;
    if ((!cs[0] && utf8) || !strcasecmp(cs, "utf-8") || !strcasecmp(cs, "utf8")) {
        if (!utf8) { /* where: its line and column (in bytes, from 1) */
            long line = 1, col = 1;
            for (size_t i = 0; i < bad; i++, col++)
                if (b[i] == '\n')
                    line++, col = 0;
            ly_sheet_fail_at(diags, line, col, "the web page says it is UTF-8 but byte 0x%02X is "
                             "not: expected the sheet saved as .xlsx or CSV",
                             (unsigned char)b[bad]);
            return NULL;
        }
        out = malloc(len - skip + 1);
        if (out) {
            memcpy(out, b + skip, len - skip);
            out[len - skip] = '\0';
            *out_len = len - skip;
        }
    } else {
        const char *from = !cs[0] || !strcasecmp(cs, "gbk") || !strcasecmp(cs, "gb2312") ||
                                   !strcasecmp(cs, "gb18030") || !strcasecmp(cs, "x-gbk")
                               ? "GB18030"
                               : cs;
        if (ly_iconv_to_utf8(from, b, len, &out, out_len)) {
            ly_sheet_fail(diags, "the web page's text is not %s as it says (or this system cannot read "
                 "that): expected the sheet saved as .xlsx or CSV", from);
            return NULL;
        }
    }
    if (!out)
        ly_sheet_fail(diags, "out of memory reading the web page");
    return out;
}

/* ---- the table -------------------------------------------------------------------- */

typedef struct {
    ly_tbuf out, row, cell; /* the CSV; the row being read; the cell's text */
    long col, at;           /* fields written in the row; the next cell's column */
    ly_sheet_spans spans;   /* what rowspans above cover */
    ly_csv_merges *merges;  /* the cells spanning rows go here */
    long rows;
    bool in_cell, space;
    char num[64]; /* x:num's value, the number the cell stands for */
    long colspan, rowspan;
} table;

/* The value of attribute `name` in a tag's attributes [a, end) into out ("" when not
 * there); true when the attribute is there (with or without a value). */
static bool attribute(const char *a, const char *end, const char *name, char *out, size_t n)
{
    size_t nl = strlen(name);
    out[0] = '\0';
    for (const char *p = a; p + nl <= end; p++) {
        if (strncasecmp(p, name, nl) || (p > a && !isspace((unsigned char)p[-1])))
            continue;
        const char *q = p + nl;
        while (q < end && isspace((unsigned char)*q))
            q++;
        if (q >= end || *q != '=')
            return q >= end || isspace((unsigned char)q[-1]) || *q == '>' || *q == '/';
        q++;
        while (q < end && isspace((unsigned char)*q))
            q++;
        char quote = q < end && (*q == '"' || *q == '\'') ? *q++ : 0;
        size_t k = 0;
        while (q < end && k + 1 < n && (quote ? *q != quote : !isspace((unsigned char)*q) && *q != '>'))
            out[k++] = *q++;
        out[k] = '\0';
        return true;
    }
    return false;
}

/* One character (a code point) of a cell's text as UTF-8, white space run together. */
static void cell_char(table *t, uint32_t c)
{
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0xA0) {
        t->space = t->cell.n > 0;
        return;
    }
    if (t->space)
        ly_tbuf_put(&t->cell, " ", 1);
    t->space = false;
    char u[4];
    size_t n = 0;
    if (c < 0x80)
        u[n++] = (char)c;
    else if (c < 0x800)
        u[n++] = (char)(0xC0 | c >> 6), u[n++] = (char)(0x80 | (c & 0x3F));
    else if (c < 0x10000)
        u[n++] = (char)(0xE0 | c >> 12), u[n++] = (char)(0x80 | ((c >> 6) & 0x3F)),
        u[n++] = (char)(0x80 | (c & 0x3F));
    else
        u[n++] = (char)(0xF0 | c >> 18), u[n++] = (char)(0x80 | ((c >> 12) & 0x3F)),
        u[n++] = (char)(0x80 | ((c >> 6) & 0x3F)), u[n++] = (char)(0x80 | (c & 0x3F));
    ly_tbuf_put(&t->cell, u, n);
}

/* An entity at s (after its '&') as its character; *used: the bytes it took (0: not one,
 * the '&' is itself). */
static uint32_t entity(const char *s, const char *end, size_t *used)
{
    static const struct {
        const char *name;
        uint32_t c;
    } NAMED[] = {{"nbsp;", 0xA0}, {"amp;", '&'}, {"lt;", '<'}, {"gt;", '>'}, {"quot;", '"'},
                 {"apos;", '\''}, {"yen;", 0xA5}, {"middot;", 0xB7}, {"times;", 0xD7},
                 {"sup2;", 0xB2}, {"ensp;", ' '}, {"emsp;", ' '}, {"mdash;", 0x2014},
                 {"ndash;", 0x2013}, {"hellip;", 0x2026}, {"ldquo;", 0x201C}, {"rdquo;", 0x201D}};
    *used = 0;
    if (s < end && *s == '#') {
        bool hex = s + 1 < end && (s[1] == 'x' || s[1] == 'X');
        const char *p = s + (hex ? 2 : 1);
        uint32_t c = 0;
        int digits = 0;
        for (; p < end && digits < 8 && (hex ? isxdigit((unsigned char)*p) : isdigit((unsigned char)*p)); p++, digits++)
            c = c * (hex ? 16 : 10) + (uint32_t)(isdigit((unsigned char)*p) ? *p - '0' : (tolower((unsigned char)*p) - 'a' + 10));
        if (!digits || c > 0x10FFFF || (c >= 0xD800 && c < 0xE000) || c == 0)
            return '&';
        *used = (size_t)(p - s) + (p < end && *p == ';');
        return c;
    }
    for (size_t i = 0; i < sizeof NAMED / sizeof *NAMED; i++) {
        size_t n = strlen(NAMED[i].name);
        if ((size_t)(end - s) >= n && !strncmp(s, NAMED[i].name, n)) {
            *used = n;
            return NAMED[i].c;
        }
    }
    return '&';
}

static void cell_begin(table *t, const char *a, const char *end)
{
    char v[64];
    t->in_cell = true;
    t->space = false;
    t->cell.n = 0;
    if (t->cell.p)
        t->cell.p[0] = '\0';
    t->colspan = attribute(a, end, "colspan", v, sizeof v) ? atol(v) : 1;
    t->rowspan = attribute(a, end, "rowspan", v, sizeof v) ? atol(v) : 1;
    t->colspan = t->colspan < 1 ? 1 : t->colspan > MAX_SPAN ? MAX_SPAN : t->colspan;
    t->rowspan = t->rowspan < 1 ? 1 : t->rowspan > MAX_SPAN ? MAX_SPAN : t->rowspan;
    if (!attribute(a, end, "x:num", t->num, sizeof t->num) &&
        !attribute(a, end, "sdval", t->num, sizeof t->num))
        t->num[0] = '\0';
    t->at = ly_sheet_uncovered(&t->spans, t->at);
}

/* Whether a cell's text shows a number formatted (1,200.50, ¥4.60): its value then stands
 * for it. A date's or a time's text is kept (its value is a serial number), and so is a
 * percentage's (35% is x:num 0.35: read as the sheet shows it, it is refused as an area). */
static bool formatted_number(const char *s)
{
    int digits = 0, points = 0;
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (isdigit(c))
            digits++;
        else if ((c == '-' || c == '+') && digits)
            return false; /* 2011-06-01 */
        else if (c == '.' && ++points > 1)
            return false; /* 2011.06.01 */
        else if (!strchr(" ,.+-()$", c) && strncmp(s, "\xC2\xA5", 2) && strncmp(s, "\xEF\xBF\xA5", 3))
            return false; /* (¥ and ￥ are the ones outside ASCII) */
        else if (c >= 0x80)
            s += (c == 0xC2 ? 1 : 2);
    }
    return digits > 0;
}

static void cell_end(table *t)
{
    if (!t->in_cell)
        return;
    t->in_cell = false;
    const char *shown = t->cell.p ? t->cell.p : "";
    const char *s = t->num[0] && (!*shown || formatted_number(shown)) ? t->num : shown;
    if (*s && t->at < MAX_COLS)
        ly_sheet_field(&t->row, &t->col, t->at, s);
    ly_sheet_cover(&t->spans, t->at, t->colspan, t->rowspan); /* and the rows below */
    ly_sheet_merge(t->merges, t->rows + 1, t->rows + t->rowspan, t->at, t->at + t->colspan - 1);
    t->at += t->colspan;
}

static void row_begin(table *t)
{
    t->row.n = 0;
    t->col = t->at = 0;
}

static void row_end(table *t)
{
    cell_end(t);
    if (t->rows >= MAX_ROWS)
        return;
    ly_tbuf_put(&t->out, t->row.p ? t->row.p : "", t->row.n);
    ly_tbuf_put(&t->out, "\n", 1);
    t->row.n = 0;
    t->rows++;
    ly_sheet_next_row(&t->spans);
}

/* The tag at p ('<'): its name lower-cased into name, [*attrs, *end) its attributes; the
 * text after it from the return value. Comments and <script>/<style> bodies skipped. */
static const char *tag(const char *p, const char *end, char *name, size_t n, const char **attrs,
                       const char **tag_end)
{
    if (end - p >= 4 && !strncmp(p, "<!--", 4)) {
        const char *q = p + 4;
        while (q + 3 <= end && strncmp(q, "-->", 3))
            q++;
        name[0] = '\0';
        *attrs = *tag_end = q;
        return q + 3 <= end ? q + 3 : end;
    }
    const char *q = p + 1;
    size_t k = 0;
    if (q < end && *q == '/')
        name[k++] = *q++;
    while (q < end && k + 1 < n && (isalnum((unsigned char)*q) || *q == ':'))
        name[k++] = (char)tolower((unsigned char)*q++);
    name[k] = '\0';
    *attrs = q;
    char quote = 0;
    while (q < end && (quote || *q != '>')) {
        if (quote && *q == quote)
            quote = 0;
        else if (!quote && (*q == '"' || *q == '\''))
            quote = *q;
        q++;
    }
    *tag_end = q;
    q = q < end ? q + 1 : end;
    if (!strcmp(name, "script") || !strcmp(name, "style")) { /* up to its end tag */
        char close[10];
        snprintf(close, sizeof close, "</%s", name);
        while (q + strlen(close) <= end && strncasecmp(q, close, strlen(close)))
            q++;
    }
    return q;
}

/* The first table's rows into t->out. False when the page has no table. */
static bool read_table(table *t, const char *s, size_t len)
{
    const char *p = s, *end = s + len;
    int depth = 0; /* tables open: rows and cells of the first, at depth 1, are read */
    bool found = false, in_row = false;
    while (p < end && !(found && depth == 0)) {
        if (*p == '<' && p + 1 < end && (isalpha((unsigned char)p[1]) || p[1] == '/' || p[1] == '!')) {
            char name[16];
            const char *a, *e;
            p = tag(p, end, name, sizeof name, &a, &e);
            if (!strcmp(name, "table")) {
                found = true;
                depth++;
                if (t->in_cell) /* a table in a cell: its text is the cell's, apart */
                    cell_char(t, ' ');
            } else if (!strcmp(name, "/table") && depth > 0) {
                depth--;
                if (!depth && in_row)
                    row_end(t);
                if (t->in_cell)
                    cell_char(t, ' ');
            } else if (depth != 1) {
                if (depth > 1 && t->in_cell && (!strcmp(name, "br") || !strcmp(name, "td") ||
                                                !strcmp(name, "th") || !strcmp(name, "tr")))
                    cell_char(t, ' ');
            } else if (!strcmp(name, "tr")) {
                if (in_row)
                    row_end(t);
                row_begin(t);
                in_row = true;
            } else if (!strcmp(name, "/tr") && in_row) {
                row_end(t);
                in_row = false;
            } else if ((!strcmp(name, "td") || !strcmp(name, "th")) && in_row) {
                cell_end(t);
                cell_begin(t, a, e);
            } else if (!strcmp(name, "/td") || !strcmp(name, "/th")) {
                cell_end(t);
            } else if (t->in_cell && (!strcmp(name, "br") || !strcmp(name, "p") || !strcmp(name, "div"))) {
                cell_char(t, ' ');
            }
            continue;
        }
        uint32_t c = (unsigned char)*p++;
        if (c == '&') {
            size_t used;
            c = entity(p, end, &used);
            p += used;
        } else if (c >= 0x80) { /* the rest of a UTF-8 character, copied whole */
            int more = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : 1;
            c &= more == 3 ? 0x07 : more == 2 ? 0x0F : 0x1F;
            for (; more > 0 && p < end; more--)
                c = c << 6 | ((unsigned char)*p++ & 0x3F);
        }
        if (t->in_cell && depth >= 1)
            cell_char(t, c);
    }
    if (in_row && depth > 0)
        row_end(t);
    return found;
}

int ly_html_table_text(const char *bytes, size_t len, char **text, size_t *text_len,
                       ly_diag_list *diags, ly_csv_merges *merges)
{
    size_t n = 0;
    char *page = page_text(bytes, len, &n, diags);
    if (!page)
        return -1;
    table t = {.merges = merges};
    bool found = read_table(&t, page, n);
    free(page);
    free(t.row.p);
    free(t.cell.p);
    free(t.spans.below);
    if (!found || t.spans.nomem || t.out.fail) {
        if (!found)
            ly_sheet_fail(diags, "the file is a web page (HTML) with no table in it: expected a weekly "
                 "report's sheet (.xlsx, .xls, .ods or CSV)");
        else
            ly_sheet_fail(diags, "the web page's table is too large to read (over 64 MiB as text) or "
                 "memory ran out: expected a weekly report");
        return ly_sheet_finish(&t.out, false, text, text_len);
    }
    return ly_sheet_finish(&t.out, true, text, text_len);
}
