#include "louyu/csv.h"
#include "louyu/xlsx.h"
#include "louyu/arena.h"
#include "louyu/file.h"

#include <assert.h>
#include <errno.h>
#include <iconv.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static const char BOM[] = "\xEF\xBB\xBF";

/* Line and column (from 1; the column counts UTF-8 characters) of byte `at` of
 * text[0..len). LF, CR LF and a lone CR each end one line, as a spreadsheet reads
 * them (ly_diag_resolve_lines knows only LF, and a file saved with CR line ends
 * would be all "line 1"). A leading byte-order mark is not a character. */
static void locate(const char *text, size_t len, size_t at, int *line, int *col)
{
    size_t i = len >= 3 && memcmp(text, BOM, 3) == 0 ? 3 : 0;
    int ln = 1, cl = 1;
    for (; i < at && i < len; i++) {
        unsigned char c = (unsigned char)text[i];
        bool crlf = c == '\r' && i + 1 < len && text[i + 1] == '\n';
        if (c == '\n' || (c == '\r' && !crlf)) {
            ln++;
            cl = 1;
        } else if ((c & 0xC0) != 0x80) {
            cl++;
        }
    }
    *line = ln;
    *col = cl;
}

/* Adds the one error of a failed parse. `text` (len bytes) is what the line and
 * column are counted in, `at` the position there; `offset` is what the entry
 * keeps (the same, except for an encoding error, which keeps its raw offset).
 * Only this entry is positioned: the list may already hold other files' entries.
 * A NULL text means the error has no position. */
static void fail(ly_diag_list *diags, const char *text, size_t len, size_t at, size_t offset,
                 const char *fmt, ...) __attribute__((format(printf, 6, 7)));
static void fail(ly_diag_list *diags, const char *text, size_t len, size_t at, size_t offset,
                 const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    ly_diag *d = ly_diag_add(diags, LY_DIAG_ERROR, text ? offset : SIZE_MAX, -1, "%s", msg);
    if (d && text)
        locate(text, len, at, &d->line, &d->col);
}

static void fail_nomem(ly_diag_list *diags)
{
    fail(diags, NULL, 0, 0, 0, "out of memory reading the CSV");
}

/* The offset of the first byte that is not well-formed UTF-8 (an overlong form, a
 * surrogate, above U+10FFFF, a stray or missing continuation byte), or len. */
size_t ly_utf8_invalid_at(const unsigned char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        unsigned c = s[i];
        if (c < 0x80) {
            i++;
            continue;
        }
        size_t n = 0;
        unsigned lo = 0x80, hi = 0xBF; /* the range of the second byte */
        if (c >= 0xC2 && c <= 0xDF)
            n = 1;
        else if (c >= 0xE0 && c <= 0xEF)
            n = 2;
        else if (c >= 0xF0 && c <= 0xF4)
            n = 3;
        else
            return i;
        if (c == 0xE0)
            lo = 0xA0; /* overlong */
        else if (c == 0xED)
            hi = 0x9F; /* surrogates */
        else if (c == 0xF0)
            lo = 0x90; /* overlong */
        else if (c == 0xF4)
            hi = 0x8F; /* above U+10FFFF */
        if (len - i <= n || s[i + 1] < lo || s[i + 1] > hi)
            return i;
        for (size_t k = 2; k <= n; k++)
            if ((s[i + k] & 0xC0) != 0x80)
                return i;
        i += n + 1;
    }
    return len;
}

typedef enum { CONV_OK, CONV_BAD, CONV_NOMEM, CONV_NO_CONVERTER } conv_result;

/* Runs iconv over all of in[0..len) into *out, malloc'd, NUL-terminated and grown
 * as needed, *out_len its length. On CONV_BAD, *bad is the offset of the first
 * byte iconv could not convert, and *out holds what it converted before it (the
 * caller frees it either way). On the other failures *out is NULL. */
static conv_result convert(const char *to, const char *from, const char *in, size_t len,
                           char **out, size_t *out_len, size_t *bad)
{
    *out = NULL;
    *out_len = 0;
    iconv_t cd = iconv_open(to, from);
    if (cd == (iconv_t)-1)
        return errno == ENOMEM ? CONV_NOMEM : CONV_NO_CONVERTER;
    /* one UTF-8 or GB18030 character at most doubles in the other encoding */
    size_t cap = len * 2 + 16;
    char *buf = malloc(cap);
    char *ip = (char *)in, *op = buf;
    size_t il = len, ol = cap - 1;
    conv_result r = buf ? CONV_OK : CONV_NOMEM;
    while (r == CONV_OK && il > 0 && iconv(cd, &ip, &il, &op, &ol) == (size_t)-1) {
        if (errno != E2BIG) {
            *bad = (size_t)(ip - in);
            r = CONV_BAD;
            break;
        }
        size_t used = (size_t)(op - buf);
        char *grown = cap < SIZE_MAX / 2 ? realloc(buf, cap * 2) : NULL;
        if (!grown) {
            r = CONV_NOMEM;
            break;
        }
        buf = grown;
        cap *= 2;
        op = buf + used;
        ol = cap - 1 - used;
    }
    iconv_close(cd);
    if (r == CONV_NOMEM) {
        free(buf);
        return r;
    }
    *op = '\0';
    *out = buf;
    *out_len = (size_t)(op - buf);
    return r;
}

int ly_iconv_to_utf8(const char *from, const char *in, size_t len, char **out, size_t *out_len)
{
    size_t bad;
    if (convert("UTF-8", from, in, len, out, out_len, &bad) == CONV_OK)
        return 0;
    free(*out);
    *out = NULL;
    return -1;
}

int ly_gb18030_to_utf8(const char *in, size_t len, char **out, size_t *out_len)
{
    size_t bad;
    if (convert("UTF-8", "GB18030", in, len, out, out_len, &bad) == CONV_OK)
        return 0;
    free(*out);
    *out = NULL;
    return -1;
}

/* Decodes bytes that are not UTF-8 as GB18030 (GBK and GB2312 are subsets: what
 * Excel on Chinese Windows saves). A byte that is not GB18030 either is reported at
 * its raw offset, with the line and column of the text decoded before it, which is
 * where an editor reading the file as GB18030 shows it. */
static int decode_gb18030(ly_csv *c, const char *bytes, size_t len, ly_diag_list *diags)
{
    size_t bad = 0;
    conv_result r = convert("UTF-8", "GB18030", bytes, len, &c->text, &c->len, &bad);
    if (r == CONV_OK) {
        c->encoding = LY_CSV_GB18030;
        return 0;
    }
    if (r == CONV_BAD) {
        fail(diags, c->text, c->len, c->len, bad,
             "byte 0x%02X is neither UTF-8 nor GB18030: expected a CSV saved as UTF-8 or as "
             "GB18030/GBK (what Excel on Chinese Windows saves)",
             (unsigned char)bytes[bad]);
    } else if (r == CONV_NO_CONVERTER) {
        size_t at = ly_utf8_invalid_at((const unsigned char *)bytes, len);
        fail(diags, bytes, len, at, at,
             "byte 0x%02X is not UTF-8, and this system's iconv cannot decode GB18030: "
             "expected a CSV saved as UTF-8",
             (unsigned char)bytes[at]);
    } else {
        fail_nomem(diags);
    }
    return -1;
}

/* Decodes UTF-16 after its byte-order mark (iconv's "UTF-16" reads the mark). A unit that
 * is not UTF-16 (a lone surrogate) or a last odd byte is reported at its raw offset, with
 * the line and column of the text decoded before it. */
static int decode_utf16(ly_csv *c, const char *bytes, size_t len, ly_diag_list *diags)
{
    size_t bad = 0;
    conv_result r = convert("UTF-8", "UTF-16", bytes, len, &c->text, &c->len, &bad);
    if (r == CONV_OK) {
        c->encoding = LY_CSV_UTF16;
        return 0;
    }
    if (r == CONV_BAD && len - bad < 2)
        fail(diags, c->text, c->len, c->len, bad,
             "the file ends in the middle of a UTF-16 character (an odd number of bytes): "
             "expected the whole file as the spreadsheet saved it");
    else if (r == CONV_BAD)
        fail(diags, c->text, c->len, c->len, bad,
             "bytes 0x%02X 0x%02X are not UTF-16 (half of a character pair): expected the "
             "file as the spreadsheet saved it, or the sheet saved as CSV UTF-8",
             (unsigned char)bytes[bad], (unsigned char)bytes[bad + 1]);
    else if (r == CONV_NO_CONVERTER)
        fail(diags, bytes, 0, 0, 0,
             "the file is UTF-16 (it starts with its byte-order mark), which this system's "
             "iconv cannot decode: expected a CSV saved as UTF-8");
    else
        fail_nomem(diags);
    return -1;
}

/* Fills c->text, c->len and c->encoding from the raw bytes. */
static int decode(ly_csv *c, const char *bytes, size_t len, ly_diag_list *diags)
{
    const unsigned char *u = (const unsigned char *)bytes;
    /* a workbook itself rather than its CSV: say what to do rather than "byte 0x84" */
    if (len >= 4 && !memcmp(bytes, "PK\x03\x04", 4)) {
#ifndef LY_WEB /* (the browser reads no reports) */
        /* an OpenDocument file names its kind first, uncompressed (or, zipped again by a
         * tool that compressed it, has the parts of one); else a workbook */
        bool ods = false;
        for (size_t i = 0; i + 12 <= len && i < 100 && !ods; i++)
            ods = !memcmp(bytes + i, "opendocument", 12);
        ods = ods || ly_ods_is(bytes, len);
        c->encoding = LY_CSV_XLSX; /* its first sheet as CSV text */
        return ods ? ly_ods_text(bytes, len, &c->text, &c->len, diags, &c->merges)
                   : ly_xlsx_text(bytes, len, &c->text, &c->len, diags, &c->merges);
#else
        fail(diags, bytes, 0, 0, 0, "the file is a workbook, not a CSV");
        return -1;
#endif
    }
    if (len >= 8 && !memcmp(bytes, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8)) {
#ifndef LY_WEB
        /* a compound file: an Excel 97-2003 workbook (or one with a password) */
        c->encoding = LY_CSV_XLSX;
        return ly_xls_text(bytes, len, &c->text, &c->len, diags, &c->merges);
#else
        fail(diags, bytes, 0, 0, 0, "the file is a workbook, not a CSV");
        return -1;
#endif
    }
#ifndef LY_WEB
    if (ly_xml2003_is(bytes, len)) { /* Excel's and WPS's "XML Spreadsheet 2003" */
        c->encoding = LY_CSV_XLSX;
        return ly_xml2003_text(bytes, len, &c->text, &c->len, diags, &c->merges);
    }
    if (ly_html_table_is(bytes, len)) { /* a sheet saved as a web page, often named .xls */
        c->encoding = LY_CSV_XLSX;
        return ly_html_table_text(bytes, len, &c->text, &c->len, diags, &c->merges);
    }
#endif
    /* Excel's "Unicode Text": UTF-16, its byte-order mark telling which end first */
    if (len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF)))
        return decode_utf16(c, bytes, len, diags);
    size_t skip = len >= 3 && memcmp(bytes, BOM, 3) == 0 ? 3 : 0;
    size_t bad = ly_utf8_invalid_at(u + skip, len - skip);
    if (bad < len - skip && skip) {
        /* a BOM promises UTF-8: no guessing at another encoding after one */
        fail(diags, bytes, len, skip + bad, skip + bad,
             "byte 0x%02X is not UTF-8: expected UTF-8 after the file's UTF-8 byte-order mark",
             u[skip + bad]);
        return -1;
    }
    if (bad < len - skip)
        return decode_gb18030(c, bytes, len, diags);
    c->encoding = skip ? LY_CSV_UTF8_BOM : LY_CSV_UTF8;
    c->len = len - skip;
    c->text = malloc(c->len + 1);
    if (!c->text) {
        fail_nomem(diags);
        return -1;
    }
    memcpy(c->text, bytes + skip, c->len);
    c->text[c->len] = '\0';
    return 0;
}

/* The parser's cursor over the decoded text. */
typedef struct {
    ly_csv *c;
    const char *t;
    char delim; /* between fields */
    size_t n, pos;
    char *w; /* where the next value byte goes, in c->store */
    int line; /* the line at pos (from 1) */
    ly_diag_list *diags;
} parser;

static void parse_fail(parser *p, size_t at, const char *msg)
{
    fail(p->diags, p->t, p->n, at, at, "%s", msg);
}

static bool line_end(char ch)
{
    return ch == '\r' || ch == '\n';
}

/* A quoted field from its opening quote: doubled quotes become one, each line
 * break inside (LF, CR LF or CR) becomes "\n". */
static int parse_quoted(parser *p)
{
    size_t open = p->pos++;
    for (;;) {
        if (p->pos >= p->n) {
            parse_fail(p, open, "this quoted field is never closed: expected a closing '\"'");
            return -1;
        }
        char ch = p->t[p->pos++];
        if (ch == '"' && p->t[p->pos] == '"') {
            *p->w++ = '"';
            p->pos++;
        } else if (ch == '"') {
            break;
        } else if (ch == '\r') {
            *p->w++ = '\n';
            if (p->t[p->pos] == '\n')
                p->pos++;
            p->line += p->c->encoding != LY_CSV_XLSX;
        } else {
            /* (a workbook's line is its sheet's row, whatever lines its cells' text has) */
            p->line += ch == '\n' && p->c->encoding != LY_CSV_XLSX;
            *p->w++ = ch;
        }
    }
    if (p->pos < p->n && p->t[p->pos] != p->delim && !line_end(p->t[p->pos])) {
        parse_fail(p, p->pos,
                   p->delim == '\t'  ? "unexpected text after a closing quote: "
                                       "expected a tab or the end of the line"
                   : p->delim == ';' ? "unexpected text after a closing quote: "
                                       "expected a semicolon or the end of the line"
                                     : "unexpected text after a closing quote: "
                                       "expected a comma or the end of the line");
        return -1;
    }
    return 0;
}

/* One field from p->pos to the delimiter or line end after it, appended to the row. */
static int parse_field(parser *p, ly_csv_row *row)
{
    ly_csv *c = p->c;
    if (row->n_fields >= LY_CSV_MAX_FIELDS) {
        fail(p->diags, p->t, p->n, row->offset, row->offset,
             "more than %d fields in this row: expected at most %d (a limit that protects memory)",
             LY_CSV_MAX_FIELDS, LY_CSV_MAX_FIELDS);
        return -1;
    }
    if (ly_array_reserve((void **)&c->all_fields, &c->cap_fields, c->n_all_fields + 1,
                         sizeof *c->all_fields)) {
        fail_nomem(p->diags);
        return -1;
    }
    size_t start = p->pos;
    char *value = p->w;
    if (p->pos < p->n && p->t[p->pos] == '"') {
        if (parse_quoted(p))
            return -1;
    } else {
        /* taken as written: spaces kept, a stray quote kept */
        while (p->pos < p->n && p->t[p->pos] != p->delim && !line_end(p->t[p->pos]))
            *p->w++ = p->t[p->pos++];
    }
    *p->w++ = '\0';
    c->all_fields[c->n_all_fields++] = (ly_csv_field){.value = value, .offset = start};
    row->n_fields++;
    return 0;
}

/* One row from p->pos through its line end. */
static int parse_row(parser *p)
{
    ly_csv *c = p->c;
    if (c->n_rows >= LY_CSV_MAX_ROWS) {
        fail(p->diags, p->t, p->n, p->pos, p->pos,
             "more than %d rows: expected at most %d (a limit that protects memory)",
             LY_CSV_MAX_ROWS, LY_CSV_MAX_ROWS);
        return -1;
    }
    if (ly_array_reserve((void **)&c->rows, &c->cap_rows, c->n_rows + 1, sizeof *c->rows)) {
        fail_nomem(p->diags);
        return -1;
    }
    /* the fields pointer is set once all fields are in (their array still grows) */
    ly_csv_row *row = &c->rows[c->n_rows++];
    *row = (ly_csv_row){.offset = p->pos, .line = p->line};
    for (;;) {
        if (parse_field(p, row))
            return -1;
        if (p->pos >= p->n || p->t[p->pos] != p->delim)
            break;
        p->pos++;
    }
    if (p->pos < p->n) {
        bool crlf = p->t[p->pos] == '\r' && p->t[p->pos + 1] == '\n';
        if (c->n_rows == 1)
            c->crlf = crlf;
        p->pos += crlf ? 2 : 1;
        p->line++;
    }
    return 0;
}

/* The delimiter: of comma, tab and semicolon, the one the first line holds most of
 * outside quotes; a comma on a tie or when it holds none. A header row names columns,
 * which hold none of them unquoted. */
/* The delimiter: of comma, tab and semicolon, the one the first line that has any of them
 * (outside quotes) has most of: the header's, even under a title line that has none (a
 * one-cell title above a semicolon CSV, or above Excel's tab-separated "Unicode Text"); the
 * rows below do not vote (a semicolon CSV's decimals are "1200,5"). A tie, or none in its
 * first 20 lines: a comma. */
static char find_delimiter(const char *t, size_t n)
{
    static const char cand[3] = {',', '\t', ';'};
    size_t count[3] = {0};
    bool quoted = false;
    int lines = 0;
    for (size_t i = 0; i < n && lines < 20; i++) {
        if (t[i] == '"')
            quoted = !quoted;
        if (!quoted && line_end(t[i])) {
            if (count[0] || count[1] || count[2])
                break;
            lines++;
            i += t[i] == '\r' && i + 1 < n && t[i + 1] == '\n';
            continue;
        }
        for (int k = 0; k < 3 && !quoted; k++)
            count[k] += t[i] == cand[k];
    }
    int best = 0;
    for (int k = 1; k < 3; k++)
        if (count[k] > count[best])
            best = k;
    return cand[best];
}

/* Splits c->text into rows and fields. Every value is at most as long as its
 * source and needs one NUL; fields are at most one per delimiter or line-end byte,
 * plus one: the store is allocated once at that size, so values never move. */
static int parse_text(ly_csv *c, ly_diag_list *diags)
{
    c->delimiter = find_delimiter(c->text, c->len);
    size_t seps = 0;
    for (size_t i = 0; i < c->len; i++)
        seps += c->text[i] == c->delimiter || line_end(c->text[i]);
    size_t cap = c->len + seps + 2;
    c->store = malloc(cap);
    if (!c->store) {
        fail_nomem(diags);
        return -1;
    }
    parser p = {.c = c, .t = c->text, .delim = c->delimiter, .n = c->len, .w = c->store,
                .line = 1, .diags = diags};
    while (p.pos < p.n) {
        /* a workbook's blank row is an empty line (ly_sheet_finish): no record, however many
         * lie between its table and a cell in the sheet's last row */
        if (c->encoding == LY_CSV_XLSX && p.t[p.pos] == '\n') {
            p.pos++;
            p.line++;
            continue;
        }
        if (parse_row(&p))
            return -1;
    }
    assert((size_t)(p.w - c->store) <= cap);
    size_t next = 0;
    for (size_t r = 0; r < c->n_rows; r++) {
        c->rows[r].fields = c->all_fields + next;
        next += c->rows[r].n_fields;
    }
    return 0;
}

int ly_csv_parse(ly_csv *out, const char *bytes, size_t len, ly_diag_list *diags)
{
    memset(out, 0, sizeof *out);
    if (len > LY_CSV_MAX_BYTES) {
        fail(diags, NULL, 0, 0, 0,
             "the CSV is %zu bytes: expected at most %d (a limit that protects memory)", len,
             LY_CSV_MAX_BYTES);
        return -1;
    }
    if (!bytes)
        bytes = "";
    if (decode(out, bytes, len, diags))
        goto failed;
    /* a NUL is checked in the decoded text, so its column is right for GB18030 too */
    const char *nul = memchr(out->text, '\0', out->len);
    if (nul) {
        size_t at = (size_t)(nul - out->text);
        fail(diags, out->text, out->len, at, at,
             "a NUL byte: expected text (a CSV saved as UTF-16 has one in every other byte; "
             "save it as CSV UTF-8)");
        goto failed;
    }
    if (parse_text(out, diags))
        goto failed;
    return 0;
failed:
    ly_csv_free(out);
    return -1;
}

int ly_csv_read(ly_csv *out, const char *path, ly_diag_list *diags)
{
    memset(out, 0, sizeof *out);
    char *bytes = NULL;
    size_t len = 0;
    if (ly_file_read(path, LY_CSV_MAX_BYTES, false, &bytes, &len, diags) != LY_FILE_OK)
        return -1;
    int rc = ly_csv_parse(out, bytes, len, diags);
    free(bytes);
    return rc;
}

void ly_csv_free(ly_csv *c)
{
    if (!c)
        return;
    free(c->text);
    free(c->rows);
    free(c->store);
    free(c->all_fields);
    free(c->merges.at);
    memset(c, 0, sizeof *c);
}

void ly_csv_cells(const ly_csv *c, ly_diag_list *diags, size_t from)
{
    for (size_t i = from; c->encoding == LY_CSV_XLSX && i < diags->count; i++) {
        ly_diag *d = &diags->items[i];
        if (d->offset == SIZE_MAX || !c->n_rows)
            continue;
        size_t lo = 0, hi = c->n_rows; /* the last row that starts at or before it */
        while (hi - lo > 1) {
            size_t mid = lo + (hi - lo) / 2;
            if (c->rows[mid].offset <= d->offset)
                lo = mid;
            else
                hi = mid;
        }
        const ly_csv_row *r = &c->rows[lo];
        size_t f = 0;
        while (f + 1 < r->n_fields && r->fields[f + 1].offset <= d->offset)
            f++;
        d->line = r->line;
        d->col = (int)f + 1;
        char ref[16] = "", *w = ref + sizeof ref - 1;
        for (size_t k = f + 1; k > 0 && w > ref; k = (k - 1) / 26)
            *--w = (char)('A' + (k - 1) % 26);
        size_t n = strlen(w) + strlen(d->message) + 32;
        char *m = malloc(n);
        if (!m)
            continue;
        snprintf(m, n, "cell %s%d: %s", w, d->line, d->message);
        free(d->message);
        d->message = m;
    }
}

size_t ly_csv_space(const char *s)
{
    if (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
        return 1;
    if (!strncmp(s, "\xC2\xA0", 2))
        return 2;
    return strncmp(s, "\xE3\x80\x80", 3) ? 0 : 3;
}

void ly_csv_trim(ly_csv *c)
{
    for (size_t r = 0; r < c->n_rows; r++)
        for (size_t i = 0; i < c->rows[r].n_fields; i++) {
            ly_csv_field *f = &c->rows[r].fields[i];
            size_t k;
            while ((k = ly_csv_space(f->value)))
                f->value += k;
            char *v = (char *)f->value; /* (the ly_csv's own storage) */
            size_t n = strlen(v), end = 0;
            for (size_t at = 0; at < n;) { /* the end of the last character not a space */
                size_t sp = ly_csv_space(v + at);
                if (!sp) {
                    at += 1;
                    while (at < n && ((unsigned char)v[at] & 0xC0) == 0x80)
                        at++;
                    end = at;
                } else {
                    at += sp;
                }
            }
            v[end] = '\0';
        }
}

bool ly_csv_row_blank(const ly_csv_row *row)
{
    for (size_t i = 0; i < row->n_fields; i++) {
        const char *s = row->fields[i].value;
        if (s[strspn(s, " \t")] != '\0')
            return false;
    }
    return true;
}

char *ly_csv_encode(const char *utf8, size_t len, ly_csv_encoding enc, size_t *out_len)
{
    size_t n = 0, bad;
    char *out = NULL;
    if (!utf8)
        utf8 = "";
    if (enc == LY_CSV_GB18030 || enc == LY_CSV_UTF16) {
        bool u16 = enc == LY_CSV_UTF16;
        if (convert(u16 ? "UTF-16LE" : "GB18030", "UTF-8", utf8, len, &out, &n, &bad) !=
            CONV_OK) {
            free(out);
            out = NULL;
        } else if (u16) { /* the byte-order mark first: what Excel writes */
            char *with = malloc(n + 3);
            if (with) {
                memcpy(with, "\xFF\xFE", 2);
                memcpy(with + 2, out, n + 1);
                n += 2;
            }
            free(out);
            out = with;
        }
    } else if (ly_utf8_invalid_at((const unsigned char *)utf8, len) == len) {
        size_t skip = enc == LY_CSV_UTF8_BOM ? 3 : 0;
        n = len + skip;
        out = len < SIZE_MAX - 4 ? malloc(n + 1) : NULL;
        if (out) {
            memcpy(out, BOM, skip);
            memcpy(out + skip, utf8, len);
            out[n] = '\0';
        }
    }
    if (out && out_len)
        *out_len = n;
    return out;
}
