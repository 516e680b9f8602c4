/* A workbook (.xlsx, Office Open XML, as Excel, WPS and LibreOffice save it) read as the
 * text of a CSV: its first sheet, one line per row of the sheet from row 1 and one quoted
 * field per column from A, so that a row's line is its row number and a field's index its
 * column (ly_csv_cells turns positions into cells). The workbook is a ZIP archive (zlib
 * inflates its parts) of XML parts (expat reads them): the workbook names its sheets, its
 * relationships say where the first one is, the shared strings hold the text of most cells,
 * and the styles say which numbers are dates. A cell is given as its text (shared,
 * inline, or a formula's cached result), a number as the shortest text that reads back the
 * same to 15 digits (4.5999999999999996 is 4.6), a date as YYYY-MM-DD (with HH:MM when it has
 * a time), a truth value as TRUE or FALSE, an error as its code (#N/A). */
#include "louyu/xlsx.h"
#include "louyu/arena.h"
#include "louyu/zip.h"
#include "sheet_private.h"

#include <ctype.h>
#include <expat.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

/* A number cell's text as a number: a decimal, as spreadsheets write one (1200, 4.6,
 * 1E-3); not hexadecimal, an infinity or NaN, which strtod reads too: such a cell stays
 * its text (and a report refuses it as a CSV does). */
static bool cell_number(const char *v, double *x)
{
    char *end;
    if (strpbrk(v, "xXnNiI"))
        return false;
    *x = strtod(v, &end);
    return end != v && !*end && isfinite(*x);
}

enum { MAX_PART = LY_SHEET_MAX_TEXT, MAX_COLS = 16384, MAX_ROWS = 1048576 };

/* ---- the ZIP archive ------------------------------------------------------------- */

/* The archive's member `name`, inflated (malloc'd, NUL-terminated); NULL with *len 0
 * when it is not there, NULL with *len 1 after an error said in diags. */
static char *member(const unsigned char *bytes, size_t n, const char *name, size_t *len,
                    ly_diag_list *diags)
{
    *len = 0;
    ly_zip z;
    const char *why;
    if (!ly_zip_open(&z, bytes, n, &why)) {
        ly_sheet_fail(diags, "the workbook is not a readable ZIP archive (%s): expected an "
                      ".xlsx file as Excel, WPS or LibreOffice saves it", why);
        *len = 1;
        return NULL;
    }
    long i = ly_zip_find(&z, name);
    char *out = i >= 0 ? ly_zip_read(&z, (size_t)i, MAX_PART, len, &why) : NULL;
    if (i >= 0 && !out && !strcmp(why, "larger than the limit that protects memory") &&
        !strncmp(name, "xl/worksheets/", 14)) {
        ly_sheet_fail(diags, "the workbook's sheet %s is over %d MiB as XML: expected a weekly "
                      "report (a sheet formatted down to its last row is this large: delete "
                      "the rows below the report and save again)", name, MAX_PART >> 20);
        *len = 1;
    } else if (i >= 0 && !out) {
        ly_sheet_fail(diags, "the workbook's part %s cannot be read (%s): expected the "
                      "workbook as Excel, WPS or LibreOffice saves it", name, why);
        *len = 1;
    }
    ly_zip_close(&z);
    return out;
}

/* ---- XML parts --------------------------------------------------------------------- */

/* An element's or attribute's name without its namespace prefix ("x:c" is "c"). */
static const char *local(const char *name)
{
    const char *c = strrchr(name, ':');
    return c ? c + 1 : name;
}

static const char *attr(const char **atts, const char *name)
{
    for (int i = 0; atts[i]; i += 2)
        if (!strcmp(local(atts[i]), name))
            return atts[i + 1];
    return NULL;
}

/* What the parts' handlers collect. */
typedef struct {
    /* workbook: the first visible sheet's relationship id (else the first hidden one's);
     * rels: its part; date1904 */
    char sheet_rid[64], hidden_rid[64], sheet_part[256];
    bool date1904;
    /* shared strings: their text, each NUL-terminated, one after another */
    ly_tbuf strings;
    size_t *string_at, n_strings, cap_strings;
    int depth_t, in_rph; /* inside a <t>; inside a phonetic run, whose text is not the cell's */
    /* styles: for each cell format, whether its number format is a date */
    uint8_t *shown; /* ly_sheet_shown */
    size_t n_xf, cap_xf;
    int in_cellxfs;
    struct {
        int id;
        uint8_t shown;
    } fmts[256];
    int n_fmts;
    /* the sheet */
    ly_tbuf out;                  /* the CSV */
    long row, out_row, col;    /* the current row (from 1), rows written, the next column */
    long at;                   /* the column after the last cell read (empty or not) */
    long cell_col, cell_style; /* the cell being read */
    char cell_type[16];
    ly_tbuf value;
    int in_v, in_is;
    bool cell_f, cell_v; /* the cell has a formula; a saved value */
    /* the first cell that cannot be shown: a formula never calculated, or a shared
     * string past the table (a damaged file) */
    long odd_row, odd_col;
    bool odd_string;
    bool nomem;
    ly_csv_merges *merges; /* the sheet's cells merged over rows go here */
} book;

static void XMLCALL wb_start(void *ud, const char *el, const char **atts)
{
    book *b = ud;
    const char *n = local(el), *v;
    if (!strcmp(n, "sheet") && !b->sheet_rid[0] && (v = attr(atts, "id"))) {
        /* a hidden sheet first is a template's lists (drop-downs' buildings, floors) */
        const char *state = attr(atts, "state");
        bool hidden = state && (!strcmp(state, "hidden") || !strcmp(state, "veryHidden"));
        if (!hidden)
            snprintf(b->sheet_rid, sizeof b->sheet_rid, "%s", v);
        else if (!b->hidden_rid[0])
            snprintf(b->hidden_rid, sizeof b->hidden_rid, "%s", v);
    }
    else if (!strcmp(n, "workbookPr") && (v = attr(atts, "date1904")))
        b->date1904 = !strcmp(v, "1") || !strcmp(v, "true");
}

static void XMLCALL rels_start(void *ud, const char *el, const char **atts)
{
    book *b = ud;
    const char *id = attr(atts, "Id"), *target = attr(atts, "Target");
    if (strcmp(local(el), "Relationship") || !id || !target || strcmp(id, b->sheet_rid))
        return;
    if (target[0] == '/')
        snprintf(b->sheet_part, sizeof b->sheet_part, "%s", target + 1);
    else
        snprintf(b->sheet_part, sizeof b->sheet_part, "xl/%s", target);
}

/* Excel's escapes in a cell's text (ECMA-376 ST_Xstring): _xHHHH_ is the character
 * U+HHHH, which Excel writes for a character XML cannot carry, a tab or a carriage return
 * (_x000D_ before a line feed: one line break); _x005F_ is the underscore that makes the
 * next one literal. Decoded in place; returns the new length. A control character other
 * than a tab or a line break stays as written. */
static size_t unescape_x(char *s, size_t len)
{
    size_t o = 0;
    for (size_t i = 0; i < len;) {
        unsigned cp = 0;
        bool esc = i + 7 <= len && s[i] == '_' && s[i + 1] == 'x' && s[i + 6] == '_';
        for (int k = 2; esc && k < 6; k++) {
            char c = s[i + k];
            esc = isxdigit((unsigned char)c);
            cp = cp * 16 + (unsigned)(isdigit((unsigned char)c) ? c - '0' : (c | 0x20) - 'a' + 10);
        }
        if (esc && cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r')
            esc = false;
        if (esc && cp >= 0xD800 && cp <= 0xDFFF)
            esc = false; /* (half of a pair: not a character) */
        if (!esc) {
            s[o++] = s[i++];
            continue;
        }
        i += 7;
        if (cp == '\r')
            cp = i < len && s[i] == '\n' ? 0 : '\n';
        if (cp < 0x80) {
            if (cp)
                s[o++] = (char)cp;
        } else if (cp < 0x800) { /* (7 bytes in, at most 3 out) */
            s[o++] = (char)(0xC0 | cp >> 6);
            s[o++] = (char)(0x80 | (cp & 0x3F));
        } else {
            s[o++] = (char)(0xE0 | cp >> 12);
            s[o++] = (char)(0x80 | ((cp >> 6) & 0x3F));
            s[o++] = (char)(0x80 | (cp & 0x3F));
        }
    }
    return o;
}

static void XMLCALL ss_start(void *ud, const char *el, const char **atts)
{
    (void)atts;
    book *b = ud;
    const char *n = local(el);
    if (!strcmp(n, "si")) {
        if (ly_array_reserve((void **)&b->string_at, &b->cap_strings, b->n_strings + 1,
                             sizeof *b->string_at))
            b->nomem = true;
        else
            b->string_at[b->n_strings++] = b->strings.n;
    } else if (!strcmp(n, "rPh")) {
        b->in_rph++;
    } else if (!strcmp(n, "t")) {
        b->depth_t++;
    }
}

static void XMLCALL ss_end(void *ud, const char *el)
{
    book *b = ud;
    const char *n = local(el);
    if (!strcmp(n, "si")) {
        if (b->n_strings && !b->strings.fail && !b->nomem && b->strings.p) {
            size_t at = b->string_at[b->n_strings - 1];
            b->strings.n = at + unescape_x(b->strings.p + at, b->strings.n - at);
        }
        ly_tbuf_put(&b->strings, "", 1); /* the string's NUL */
    }
    else if (!strcmp(n, "rPh"))
        b->in_rph--;
    else if (!strcmp(n, "t"))
        b->depth_t--;
}

static void XMLCALL ss_text(void *ud, const char *s, int len)
{
    book *b = ud;
    if (b->depth_t > 0 && !b->in_rph && b->n_strings)
        ly_tbuf_put(&b->strings, s, (size_t)len);
}

static void XMLCALL st_start(void *ud, const char *el, const char **atts)
{
    book *b = ud;
    const char *n = local(el), *v;
    if (!strcmp(n, "numFmt") && b->n_fmts < 256 && (v = attr(atts, "numFmtId"))) {
        const char *code = attr(atts, "formatCode");
        b->fmts[b->n_fmts].id = atoi(v);
        b->fmts[b->n_fmts++].shown = code ? (uint8_t)ly_sheet_code_shown(code) : LY_SHOWN_NUMBER;
    } else if (!strcmp(n, "cellXfs")) {
        b->in_cellxfs++;
    } else if (!strcmp(n, "xf") && b->in_cellxfs) {
        if (ly_array_reserve((void **)&b->shown, &b->cap_xf, b->n_xf + 1, sizeof *b->shown)) {
            b->nomem = true;
            return;
        }
        int id = (v = attr(atts, "numFmtId")) ? atoi(v) : 0;
        uint8_t shown = (uint8_t)ly_sheet_builtin_shown(id);
        for (int i = 0; i < b->n_fmts; i++)
            if (b->fmts[i].id == id)
                shown = b->fmts[i].shown;
        b->shown[b->n_xf++] = shown;
    }
}

static void XMLCALL st_end(void *ud, const char *el)
{
    book *b = ud;
    if (!strcmp(local(el), "cellXfs") && b->in_cellxfs)
        b->in_cellxfs--;
}

/* "C7": column 2 (from 0); -1 without letters. */
static long ref_col(const char *r)
{
    long c = 0;
    int k = 0;
    for (; r[k] >= 'A' && r[k] <= 'Z' && k < 4; k++)
        c = c * 26 + (r[k] - 'A' + 1);
    return k ? c - 1 : -1;
}

/* "B3:C5": rows 3 to 5, columns 1 to 2 (from 0), as cells merged over rows. */
static void merge_ref(book *b, const char *ref)
{
    long c0 = ref_col(ref);
    const char *colon = strchr(ref, ':'), *d0 = ref;
    while (*d0 >= 'A' && *d0 <= 'Z')
        d0++;
    if (c0 < 0 || !colon)
        return;
    const char *d1 = colon + 1;
    while (*d1 >= 'A' && *d1 <= 'Z')
        d1++;
    ly_sheet_merge(b->merges, atol(d0), atol(d1), c0, ref_col(colon + 1));
}

static void XMLCALL sh_start(void *ud, const char *el, const char **atts)
{
    book *b = ud;
    const char *n = local(el), *v;
    if (!strcmp(n, "mergeCell") && (v = attr(atts, "ref"))) {
        merge_ref(b, v);
        return;
    }
    if (!strcmp(n, "row")) {
        long r = (v = attr(atts, "r")) ? atol(v) : 0;
        b->row = r > b->row && r <= MAX_ROWS ? r : b->row + 1;
        b->col = b->at = 0;
    } else if (!strcmp(n, "c")) {
        /* (r may be left out: the cell is then the one after the last, empty or not) */
        long c = (v = attr(atts, "r")) ? ref_col(v) : -1;
        b->cell_col = c >= b->at && c < MAX_COLS ? c : b->at;
        b->at = b->cell_col + 1;
        b->cell_style = (v = attr(atts, "s")) ? atol(v) : -1;
        v = attr(atts, "t");
        snprintf(b->cell_type, sizeof b->cell_type, "%s", v ? v : "n");
        b->value.n = 0;
        if (b->value.p)
            b->value.p[0] = '\0';
        b->cell_f = b->cell_v = false;
    } else if (!strcmp(n, "f")) {
        b->cell_f = true;
    } else if (!strcmp(n, "v")) {
        b->in_v++;
        b->cell_v = true;
    } else if (!strcmp(n, "is")) {
        b->in_is++;
    } else if (!strcmp(n, "rPh")) {
        b->in_rph++;
    } else if (!strcmp(n, "t") && b->in_is) {
        b->depth_t++;
    }
}

/* The cell's text as the sheet shows it. */
static const char *cell_text(book *b, char *buf, size_t n)
{
    const char *v = b->value.p ? b->value.p : "", *t = b->cell_type;
    if (!strcmp(t, "s")) {
        char *end;
        unsigned long i = strtoul(v, &end, 10);
        return end != v && i < b->n_strings ? b->strings.p + b->string_at[i] : "";
    }
    if (!strcmp(t, "b"))
        return !strcmp(v, "1") ? "TRUE" : !strcmp(v, "0") ? "FALSE" : v;
    if (!strcmp(t, "n") && *v) {
        double x;
        if (!cell_number(v, &x))
            return v;
        bool styled = b->cell_style >= 0 && (size_t)b->cell_style < b->n_xf;
        ly_sheet_show_number(styled ? (ly_sheet_shown)b->shown[b->cell_style] : LY_SHOWN_NUMBER,
                             x, b->date1904, buf, n);
        return buf;
    }
    /* an ISO 8601 date cell (strict OOXML, some writers): shown as a serial's date is */
    if (!strcmp(t, "d") && ly_sheet_iso_date(v, buf, n))
        return buf;
    return v; /* text (inline, a formula's), an error's code */
}

static void XMLCALL sh_end(void *ud, const char *el)
{
    book *b = ud;
    const char *n = local(el);
    if (!strcmp(n, "row")) {
        if (b->out_row == b->row - 1 && b->col) { /* (a row of empty cells is not written) */
            ly_tbuf_put(&b->out, "\n", 1);
            b->out_row = b->row;
        }
    } else if (!strcmp(n, "c")) {
        char buf[64];
        if (strcmp(b->cell_type, "n") && b->value.p && !b->value.fail) /* (text: inline, str) */
            b->value.p[b->value.n = unescape_x(b->value.p, b->value.n)] = '\0';
        const char *s = cell_text(b, buf, sizeof buf);
        bool lost_string = !strcmp(b->cell_type, "s") && b->cell_v && !*s &&
                           (!b->value.p || strtoul(b->value.p, NULL, 10) >= b->n_strings);
        if (!b->odd_row && ((b->cell_f && !b->cell_v) || lost_string)) {
            b->odd_row = b->row;
            b->odd_col = b->cell_col;
            b->odd_string = lost_string;
        }
        if (!*s)
            return; /* an empty cell (a format alone) */
        /* the rows above it that had nothing, as empty lines: only before a row that has
         * something, so that a sheet formatted down to its last row ends at its last text */
        for (; b->out_row < b->row - 1; b->out_row++)
            ly_tbuf_put(&b->out, "\n", 1);
        ly_sheet_field(&b->out, &b->col, b->cell_col, s);
    } else if (!strcmp(n, "v")) {
        b->in_v--;
    } else if (!strcmp(n, "is")) {
        b->in_is--;
    } else if (!strcmp(n, "rPh")) {
        b->in_rph--;
    } else if (!strcmp(n, "t") && b->depth_t) {
        b->depth_t--;
    }
}

static void XMLCALL sh_text(void *ud, const char *s, int len)
{
    book *b = ud;
    if ((b->in_v || (b->in_is && b->depth_t)) && !b->in_rph)
        ly_tbuf_put(&b->value, s, (size_t)len);
}

/* Parses XML text with the handlers (ud their data): true, or false after saying that `what`
 * is not well-formed XML, where (its line and column; the fault's own position when the XML
 * is the file itself, `in_file`), and what was `expected` (or that memory ran out). */
static bool parse_xml(void *ud, const char *what, const char *expected, const char *xml,
                      size_t len, XML_StartElementHandler start, XML_EndElementHandler end,
                      XML_CharacterDataHandler chars, bool in_file, ly_diag_list *diags)
{
    XML_Parser p = XML_ParserCreate(NULL);
    if (!p) {
        ly_sheet_fail(diags, "out of memory reading %s", what);
        return false;
    }
    XML_SetUserData(p, ud);
    XML_SetElementHandler(p, start, end);
    if (chars)
        XML_SetCharacterDataHandler(p, chars);
    bool ok = len <= INT_MAX && XML_Parse(p, xml, (int)len, 1) == XML_STATUS_OK;
    unsigned long line = XML_GetCurrentLineNumber(p), col = XML_GetCurrentColumnNumber(p) + 1;
    if (!ok && in_file) /* (expat's column counts bytes, from 0) */
        ly_sheet_fail_at(diags, (long)line, (long)col, "%s is not well-formed XML (%s): expected %s",
                         what, XML_ErrorString(XML_GetErrorCode(p)), expected);
    else if (!ok)
        ly_sheet_fail(diags, "%s is not well-formed XML (line %lu, column %lu: %s): expected %s",
                      what, line, col, XML_ErrorString(XML_GetErrorCode(p)), expected);
    XML_ParserFree(p);
    return ok;
}

/* One of the workbook's parts parsed (parse_xml). */
static bool parse(book *b, const char *part, const char *xml, size_t len,
                  XML_StartElementHandler start, XML_EndElementHandler end,
                  XML_CharacterDataHandler chars, ly_diag_list *diags)
{
    char what[320];
    snprintf(what, sizeof what, "the workbook's part %s", part);
    return parse_xml(b, what, "an .xlsx file as Excel, WPS or LibreOffice saves it", xml, len,
                     start, end, chars, false, diags);
}

/* Reads a part that must be there (or, when optional, may not be) with the handlers. */
static bool read_part(book *b, const unsigned char *z, size_t n, const char *name, bool optional,
                      XML_StartElementHandler start, XML_EndElementHandler end,
                      XML_CharacterDataHandler chars, ly_diag_list *diags)
{
    size_t len;
    char *xml = member(z, n, name, &len, diags);
    if (!xml && len)
        return false;
    if (!xml && !optional) {
        ly_sheet_fail(diags, "the workbook has no part %s: expected an .xlsx file as Excel, WPS or "
             "LibreOffice saves it", name);
        return false;
    }
    bool ok = !xml || parse(b, name, xml, len, start, end, chars, diags);
    free(xml);
    return ok;
}

int ly_xlsx_text(const char *bytes, size_t len, char **text, size_t *text_len,
                 ly_diag_list *diags, ly_csv_merges *merges)
{
    const unsigned char *z = (const unsigned char *)bytes;
    book b = {.merges = merges};
    bool ok = read_part(&b, z, len, "xl/workbook.xml", false, wb_start, NULL, NULL, diags);
    if (!b.sheet_rid[0]) /* every sheet hidden */
        memcpy(b.sheet_rid, b.hidden_rid, sizeof b.sheet_rid);
    ok = ok &&
              read_part(&b, z, len, "xl/_rels/workbook.xml.rels", true, rels_start, NULL, NULL,
                        diags) &&
              read_part(&b, z, len, "xl/sharedStrings.xml", true, ss_start, ss_end, ss_text,
                        diags) &&
              read_part(&b, z, len, "xl/styles.xml", true, st_start, st_end, NULL, diags);
    if (ok && !b.sheet_part[0]) /* no relationships: the usual place of the first sheet */
        snprintf(b.sheet_part, sizeof b.sheet_part, "xl/worksheets/sheet1.xml");
    ok = ok && read_part(&b, z, len, b.sheet_part, false, sh_start, sh_end, sh_text, diags);
    if (ok && b.odd_row) {
        char col[8];
        int k = (int)sizeof col - 1;
        col[k] = '\0';
        for (long c = b.odd_col + 1; c > 0 && k > 0; c = (c - 1) / 26)
            col[--k] = (char)('A' + (c - 1) % 26);
        if (b.odd_string)
            ly_sheet_fail_at(diags, b.odd_row, b.odd_col + 1,
                             "cell %s%ld names a shared string the workbook does not have "
                          "(it has %zu: the file is damaged): expected an .xlsx file as Excel, "
                          "WPS or LibreOffice saves it", col + k, b.odd_row, b.n_strings);
        else
            ly_sheet_fail_at(diags, b.odd_row, b.odd_col + 1,
                             "cell %s%ld holds a formula with no saved result (the program "
                          "that wrote the workbook did not calculate it): expected the workbook "
                          "opened and saved in Excel, WPS or LibreOffice, which keep each "
                          "formula's result", col + k, b.odd_row);
        ok = false;
    }
    if (ok && (b.nomem || b.strings.fail || b.out.fail || b.value.fail)) {
        ly_sheet_fail(diags, "the workbook's first sheet is too large to read (over 64 MiB as text) or "
             "memory ran out: expected a weekly report");
        ok = false;
    }
    free(b.strings.p);
    free(b.string_at);
    free(b.shown);
    free(b.value.p);
    return ly_sheet_finish(&b.out, ok, text, text_len);
}

/* ---- OpenDocument spreadsheets (.ods) ------------------------------------------------
 * LibreOffice's and WPS's own format: a ZIP archive whose content.xml holds the sheets
 * (table:table), each a run of rows (table:table-row) of cells (table:table-cell, and
 * table:covered-table-cell under a merge). A cell's value is in its attributes for numbers
 * (office:value), dates (office:date-value), truth values (office:boolean-value); its text
 * in text:p paragraphs (with text:s for runs of spaces, text:tab, text:line-break; a
 * comment, office:annotation, is not its text). Rows and cells say how many times they
 * repeat (a sheet ends in a row of empty cells repeated to the millionth row). */

typedef struct {
    ly_tbuf out, row, value; /* the CSV; the row being read; the cell's text */
    int tables;           /* tables begun: only the first is read */
    bool in_table, in_cell;
    int in_p, in_note, paragraphs;
    long rows_repeat, cols_repeat, pending;
    long at, col, cell_col; /* the next cell's column; the row's fields written; this cell's */
    long rows_done;         /* rows of the table ended (repeats counted) */
    char typed[80]; /* a number's, date's or truth value's text; "" for text */
    ly_csv_merges *merges;  /* cells spanning rows go here */
    /* the tables' styles that hide a table (style:table-properties table:display="false"),
     * the style being read; a hidden table is passed over (a template's lists) unless
     * every table is hidden (read_hidden, the second reading) */
    char hidden[16][64], style[64];
    int n_hidden;
    bool read_hidden, passed_hidden;
} ods_sheet;

static long repeats(const char **atts, const char *name)
{
    const char *v = attr(atts, name);
    long n = v ? atol(v) : 1;
    return n < 1 ? 1 : n > MAX_ROWS ? MAX_ROWS : n;
}

/* A cell's value from its attributes (typed: "" when the text is its value). */
static void ods_value(ods_sheet *s, const char **atts)
{
    const char *type = attr(atts, "value-type"), *v;
    s->typed[0] = '\0';
    if (!type)
        return;
    if (!strcmp(type, "float") || !strcmp(type, "percentage") || !strcmp(type, "currency")) {
        double x;
        if ((v = attr(atts, "value")) && cell_number(v, &x)) /* a percentage as shown: 35% */
            ly_sheet_show_number(strcmp(type, "percentage") ? LY_SHOWN_NUMBER : LY_SHOWN_PERCENT,
                                 x, false, s->typed, sizeof s->typed);
    } else if (!strcmp(type, "date") && (v = attr(atts, "date-value"))) {
        ly_sheet_iso_date(v, s->typed, sizeof s->typed);
    } else if (!strcmp(type, "boolean") && (v = attr(atts, "boolean-value"))) {
        snprintf(s->typed, sizeof s->typed, "%s", !strcmp(v, "true") ? "TRUE" : "FALSE");
    }
}

static void XMLCALL ods_start(void *ud, const char *el, const char **atts)
{
    ods_sheet *s = ud;
    const char *n = local(el), *a;
    if (!strcmp(n, "style")) {
        a = attr(atts, "family");
        snprintf(s->style, sizeof s->style, "%s", a && !strcmp(a, "table") && attr(atts, "name")
                                                      ? attr(atts, "name") : "");
    } else if (!strcmp(n, "table-properties") && s->style[0] && (a = attr(atts, "display")) &&
               !strcmp(a, "false") && s->n_hidden < 16) {
        memcpy(s->hidden[s->n_hidden++], s->style, sizeof s->style);
    } else if (!strcmp(n, "table")) {
        bool hidden = false;
        for (int i = 0; i < s->n_hidden && !s->read_hidden && (a = attr(atts, "style-name")); i++)
            hidden |= !strcmp(a, s->hidden[i]);
        s->passed_hidden |= hidden;
        s->in_table = !hidden && ++s->tables == 1;
    } else if (!s->in_table) {
        return;
    } else if (!strcmp(n, "table-row")) {
        s->rows_repeat = repeats(atts, "number-rows-repeated");
        s->row.n = 0;
        s->at = s->col = 0;
    } else if (!strcmp(n, "table-cell") || !strcmp(n, "covered-table-cell")) {
        s->in_cell = true;
        s->cols_repeat = repeats(atts, "number-columns-repeated");
        s->cell_col = s->at;
        s->at += s->cols_repeat;
        const char *v = attr(atts, "number-rows-spanned"), *w = attr(atts, "number-columns-spanned");
        if (v && !strcmp(n, "table-cell"))
            ly_sheet_merge(s->merges, s->rows_done + 1, s->rows_done + atol(v), s->cell_col,
                           s->cell_col + (w && atol(w) > 0 ? atol(w) - 1 : 0));
        s->value.n = 0;
        if (s->value.p)
            s->value.p[0] = '\0';
        s->paragraphs = 0;
        ods_value(s, atts);
    } else if (!s->in_cell || s->in_note) {
        s->in_note += !strcmp(n, "annotation");
    } else if (!strcmp(n, "annotation")) {
        s->in_note++;
    } else if (!strcmp(n, "p")) {
        if (s->paragraphs++)
            ly_tbuf_put(&s->value, "\n", 1);
        s->in_p++;
    } else if (!strcmp(n, "s") && s->in_p) {
        for (long k = repeats(atts, "c"); k > 0 && k <= 1000; k--)
            ly_tbuf_put(&s->value, " ", 1);
    } else if (!strcmp(n, "tab") && s->in_p) {
        ly_tbuf_put(&s->value, "\t", 1);
    } else if (!strcmp(n, "line-break") && s->in_p) {
        ly_tbuf_put(&s->value, "\n", 1);
    }
}

/* The cell's field(s) into the row: quoted, after empty fields up to its column. */
static void ods_cell_end(ods_sheet *s)
{
    const char *text = s->typed[0] ? s->typed : s->value.p ? s->value.p : "";
    s->in_cell = false;
    if (!*text || s->cell_col >= MAX_COLS)
        return;
    long times = s->cols_repeat < MAX_COLS - s->cell_col ? s->cols_repeat : MAX_COLS - s->cell_col;
    for (long k = 0; k < times && !s->row.fail && !s->out.fail; k++)
        ly_sheet_field(&s->row, &s->col, s->cell_col + k, text);
}

static void XMLCALL ods_end(void *ud, const char *el)
{
    ods_sheet *s = ud;
    const char *n = local(el);
    if (!s->in_table) {
        return;
    } else if (!strcmp(n, "table")) {
        s->in_table = false;
    } else if (!strcmp(n, "table-row")) {
        /* (rows past a sheet's 1,048,576 are not read: repeats beyond it do not add) */
        long before = s->rows_done;
        s->rows_done += s->rows_repeat;
        if (before >= MAX_ROWS || s->out.fail)
            return;
        /* empty rows are written only when a row with something follows them */
        if (!s->row.n) {
            s->pending += s->rows_repeat;
            return;
        }
        for (; s->pending > 0 && s->pending <= MAX_ROWS && !s->out.fail; s->pending--)
            ly_tbuf_put(&s->out, "\n", 1);
        s->pending = 0;
        for (long k = 0; k < s->rows_repeat && k < MAX_ROWS - before && !s->out.fail; k++) {
            ly_tbuf_put(&s->out, s->row.p, s->row.n);
            ly_tbuf_put(&s->out, "\n", 1);
        }
    } else if (!strcmp(n, "table-cell") || !strcmp(n, "covered-table-cell")) {
        ods_cell_end(s);
    } else if (s->in_note) {
        s->in_note -= !strcmp(n, "annotation");
    } else if (!strcmp(n, "p") && s->in_p) {
        s->in_p--;
    }
}

static void XMLCALL ods_text(void *ud, const char *t, int len)
{
    ods_sheet *s = ud;
    if (s->in_table && s->in_cell && s->in_p && !s->in_note)
        ly_tbuf_put(&s->value, t, (size_t)len);
}

bool ly_ods_is(const char *bytes, size_t len)
{
    ly_zip z;
    const char *why;
    if (!ly_zip_open(&z, bytes, len, &why))
        return false;
    bool is = (ly_zip_find(&z, "mimetype") >= 0 || ly_zip_find(&z, "content.xml") >= 0) &&
              ly_zip_find(&z, "xl/workbook.xml") < 0;
    ly_zip_close(&z);
    return is;
}

int ly_ods_text(const char *bytes, size_t len, char **text, size_t *text_len,
                ly_diag_list *diags, ly_csv_merges *merges)
{
    const unsigned char *z = (const unsigned char *)bytes;
    size_t n;
    char *mime = member(z, len, "mimetype", &n, diags);
    if (!mime && n)
        return -1;
    if (!mime || strcmp(mime, "application/vnd.oasis.opendocument.spreadsheet")) {
        ly_sheet_fail(diags, "the file is an OpenDocument file but not a spreadsheet (its mimetype is "
             "%.80s): expected a weekly report's sheet (.ods, .xlsx or CSV)",
             mime ? mime : "missing");
        free(mime);
        return -1;
    }
    free(mime);
    char *xml = member(z, len, "content.xml", &n, diags);
    if (!xml) {
        if (!n)
            ly_sheet_fail(diags, "the spreadsheet has no content.xml: expected an .ods file as "
                 "LibreOffice or WPS saves it");
        return -1;
    }
    ods_sheet s = {.merges = merges};
    bool ok = parse_xml(&s, "the spreadsheet's content.xml",
                        "an .ods file as LibreOffice or WPS saves it", xml, n, ods_start, ods_end,
                        ods_text, false, diags);
    if (ok && !s.tables && s.passed_hidden) { /* every table hidden: the first, read again */
        free(s.out.p);
        free(s.row.p);
        free(s.value.p);
        s = (ods_sheet){.merges = merges, .read_hidden = true};
        ok = parse_xml(&s, "the spreadsheet's content.xml",
                       "an .ods file as LibreOffice or WPS saves it", xml, n, ods_start, ods_end,
                       ods_text, false, diags);
    }
    free(xml);
    if (ok && (s.out.fail || s.row.fail || s.value.fail)) {
        ly_sheet_fail(diags, "the spreadsheet's first sheet is too large to read (over 64 MiB as text) "
             "or memory ran out: expected a weekly report");
        ok = false;
    }
    free(s.row.p);
    free(s.value.p);
    return ly_sheet_finish(&s.out, ok, text, text_len);
}

/* ---- Excel 2003 XML spreadsheets (SpreadsheetML) ---------------------------------------
 * What Excel and WPS save as "XML Spreadsheet 2003" ("XML 电子表格 2003") and what office
 * systems export as .xls: one XML document, its first Worksheet's Table a run of Rows of
 * Cells, each cell's value in a Data element typed String, Number, DateTime or Boolean (its
 * text may be in Font and B elements inside; a cell's Comment is not its text). A Row or a Cell may say where it is
 * (ss:Index, from 1); a cell spanning columns (ss:MergeAcross) moves the next one along, one
 * spanning rows (ss:MergeDown) covers its columns in the rows below. */

typedef struct {
    ly_tbuf out, row, value;
    int sheets; /* worksheets begun: only the wanted one is read */
    int want;   /* its number (from 1); 0 on the first reading, which finds the hidden ones */
    bool hidden[64], in_visible;
    char visible[32];
    bool in_sheet, in_data, in_cell;
    int in_comment; /* a cell's Comment, whose Data is not the cell's */
    long row_no, col, at; /* the row (from 1); fields written; the next cell's column */
    long across, down;
    char type[16];
    ly_sheet_spans spans; /* what MergeDown cells above cover */
    ly_csv_merges *merges;
    /* the Styles whose NumberFormat shows a percentage or a date (a Number cell is read as
     * the sheet shows it, as an .xlsx's is); the one being read; the row's and the cell's */
    struct {
        char id[24];
        ly_sheet_shown shown;
    } styles[256];
    int n_styles;
    char style[24], row_style[24], cell_style[24];
} xml_sheet;

/* What a NumberFormat's Format shows: a named one (Percent, Short Date) or a code. */
static ly_sheet_shown xml_format_shown(const char *f)
{
    if (!strcmp(f, "Percent"))
        return LY_SHOWN_PERCENT;
    if (strstr(f, " Date") || strstr(f, " Time"))
        return LY_SHOWN_DATE;
    if (!strcmp(f, "General Number") || !strcmp(f, "Fixed") || !strcmp(f, "Standard") ||
        !strcmp(f, "Scientific") || strstr(f, "Currency"))
        return LY_SHOWN_NUMBER;
    return ly_sheet_code_shown(f);
}

static ly_sheet_shown xml_style_shown(const xml_sheet *s, const char *id)
{
    for (int i = 0; *id && i < s->n_styles; i++)
        if (!strcmp(s->styles[i].id, id))
            return s->styles[i].shown;
    return LY_SHOWN_NUMBER;
}

static void xml_row_end(xml_sheet *s)
{
    ly_tbuf_put(&s->out, s->row.p ? s->row.p : "", s->row.n);
    ly_tbuf_put(&s->out, "\n", 1);
    s->row.n = 0;
    ly_sheet_next_row(&s->spans);
}

static void XMLCALL xml_start(void *ud, const char *el, const char **atts)
{
    xml_sheet *s = ud;
    const char *n = local(el), *v;
    if (!strcmp(n, "Worksheet")) {
        s->in_sheet = ++s->sheets == s->want;
    } else if (!strcmp(n, "Style") && !s->sheets) { /* (the workbook's Styles, before its sheets) */
        snprintf(s->style, sizeof s->style, "%s", (v = attr(atts, "ID")) ? v : "");
    } else if (!strcmp(n, "NumberFormat") && !s->sheets && s->style[0] && s->n_styles < 256 &&
               (v = attr(atts, "Format"))) {
        ly_sheet_shown shown = xml_format_shown(v);
        if (shown != LY_SHOWN_NUMBER) {
            snprintf(s->styles[s->n_styles].id, sizeof s->styles[0].id, "%s", s->style);
            s->styles[s->n_styles++].shown = shown;
        }
    } else if (!strcmp(n, "Visible") && !s->want) { /* WorksheetOptions' (after the Table) */
        s->in_visible = true;
        s->visible[0] = '\0';
    } else if (!s->in_sheet) {
        return;
    } else if (!strcmp(n, "Row")) {
        long r = (v = attr(atts, "Index")) ? atol(v) : s->row_no + 1;
        r = r > s->row_no && r <= MAX_ROWS ? r : s->row_no + 1;
        for (; s->row_no < r - 1; s->row_no++) /* rows skipped: empty lines */
            xml_row_end(s);
        s->row_no = r;
        s->col = s->at = 0;
        s->row.n = 0;
        snprintf(s->row_style, sizeof s->row_style, "%s", (v = attr(atts, "StyleID")) ? v : "");
    } else if (!strcmp(n, "Cell")) {
        v = attr(atts, "StyleID");
        snprintf(s->cell_style, sizeof s->cell_style, "%s", v ? v : s->row_style);
        long c = (v = attr(atts, "Index")) ? atol(v) - 1 : ly_sheet_uncovered(&s->spans, s->at);
        s->at = c >= s->at && c < MAX_COLS ? c : ly_sheet_uncovered(&s->spans, s->at);
        s->across = (v = attr(atts, "MergeAcross")) ? atol(v) : 0;
        s->down = (v = attr(atts, "MergeDown")) ? atol(v) : 0;
        s->across = s->across < 0 ? 0 : s->across > 1000 ? 1000 : s->across;
        s->down = s->down < 0 ? 0 : s->down > 1000 ? 1000 : s->down;
        s->in_cell = true;
        s->type[0] = '\0';
        s->value.n = 0;
        if (s->value.p)
            s->value.p[0] = '\0';
    } else if (!strcmp(n, "Comment")) {
        s->in_comment++;
    } else if (!strcmp(n, "Data") && s->in_cell && !s->in_comment) {
        s->in_data = true;
        snprintf(s->type, sizeof s->type, "%s", (v = attr(atts, "Type")) ? v : "String");
    }
}

/* A cell's text from its Data's type and text. */
static const char *xml_cell_text(xml_sheet *s, char *buf, size_t n)
{
    const char *v = s->value.p ? s->value.p : "";
    if (!strcmp(s->type, "Number") && *v) {
        double x;
        if (!cell_number(v, &x))
            return v;
        ly_sheet_show_number(xml_style_shown(s, s->cell_style), x, false, buf, n);
        return buf;
    }
    if (!strcmp(s->type, "Boolean"))
        return !strcmp(v, "1") ? "TRUE" : !strcmp(v, "0") ? "FALSE" : v;
    if (!strcmp(s->type, "DateTime")) /* 2011-05-16T00:00:00.000 */
        return ly_sheet_iso_date(v, buf, n) ? buf : v;
    return v;
}

static void xml_cell_end(xml_sheet *s)
{
    char buf[64];
    const char *text = xml_cell_text(s, buf, sizeof buf);
    s->in_cell = false;
    if (*text && s->at < MAX_COLS)
        ly_sheet_field(&s->row, &s->col, s->at, text);
    ly_sheet_cover(&s->spans, s->at, 1 + s->across, 1 + s->down);
    ly_sheet_merge(s->merges, s->row_no, s->row_no + s->down, s->at, s->at + s->across);
    s->at += 1 + s->across;
}

static void XMLCALL xml_end(void *ud, const char *el)
{
    xml_sheet *s = ud;
    const char *n = local(el);
    if (!strcmp(n, "Visible") && s->in_visible) {
        s->in_visible = false;
        if (s->sheets >= 1 && s->sheets <= 64)
            s->hidden[s->sheets - 1] = !strcmp(s->visible, "SheetHidden") ||
                                       !strcmp(s->visible, "SheetVeryHidden");
    }
    if (!s->in_sheet)
        return;
    if (!strcmp(n, "Worksheet"))
        s->in_sheet = false;
    else if (!strcmp(n, "Row"))
        xml_row_end(s);
    else if (!strcmp(n, "Cell") && s->in_cell)
        xml_cell_end(s);
    else if (!strcmp(n, "Comment") && s->in_comment)
        s->in_comment--;
    else if (!strcmp(n, "Data"))
        s->in_data = false;
}

static void XMLCALL xml_text(void *ud, const char *t, int len)
{
    xml_sheet *s = ud;
    if (s->in_visible) {
        size_t at = strlen(s->visible);
        snprintf(s->visible + at, sizeof s->visible - at, "%.*s", len, t);
    }
    if (s->in_sheet && s->in_data)
        ly_tbuf_put(&s->value, t, (size_t)len);
}

bool ly_xml2003_is(const char *bytes, size_t len)
{
    size_t n = len < 4096 ? len : 4096;
    static const char NS[] = "urn:schemas-microsoft-com:office:spreadsheet";
    bool ns = false, root = false;
    for (size_t i = 0; i + sizeof NS - 1 <= n && !ns; i++)
        ns = !memcmp(bytes + i, NS, sizeof NS - 1);
    for (size_t i = 0; i + 9 <= n && !root; i++)
        root = !memcmp(bytes + i, "Workbook", 8) && (i == 0 || bytes[i - 1] == '<' || bytes[i - 1] == ':');
    return ns && root;
}

int ly_xml2003_text(const char *bytes, size_t len, char **text, size_t *text_len,
                    ly_diag_list *diags, ly_csv_merges *merges)
{
    /* the first visible worksheet (a hidden one first is a template's lists), else the
     * first: which is known only after each sheet's table, so a first reading finds out */
    static const char WHAT[] = "the XML spreadsheet";
    static const char EXPECTED[] = "it as Excel or WPS saves \"XML Spreadsheet 2003\", or the "
                                   "sheet saved as .xlsx or CSV";
    xml_sheet s = {.merges = merges};
    bool ok = parse_xml(&s, WHAT, EXPECTED, bytes, len, xml_start, xml_end, xml_text, true,
                        diags);
    int want = 1;
    for (int i = 0; ok && i < s.sheets && i < 64; i++)
        if (!s.hidden[i]) {
            want = i + 1;
            break;
        }
    if (ok) {
        int sheets = s.sheets;
        s = (xml_sheet){.merges = merges, .want = want};
        ok = parse_xml(&s, WHAT, EXPECTED, bytes, len, xml_start, xml_end, xml_text, true,
                        diags);
        s.sheets = sheets;
    }
    if (ok && !s.sheets) {
        ly_sheet_fail(diags, "the XML spreadsheet has no worksheet: expected a weekly report's sheet");
        ok = false;
    }
    if (ok && (s.spans.nomem || s.out.fail || s.row.fail || s.value.fail)) {
        ly_sheet_fail(diags, "the XML spreadsheet's first sheet is too large to read (over 64 MiB as "
             "text) or memory ran out: expected a weekly report");
        ok = false;
    }
    free(s.row.p);
    free(s.value.p);
    free(s.spans.below);
    return ly_sheet_finish(&s.out, ok, text, text_len);
}
