/* The workbook readers' shared writing of a sheet as CSV text (sheet_private.h). */
#include "sheet_private.h"
#include "louyu/arena.h"

#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void ly_tbuf_put(ly_tbuf *t, const char *s, size_t n)
{
    if (t->fail || !n)
        return;
    if (t->n + n + 1 > LY_SHEET_MAX_TEXT) { /* a sheet of far-flung cells: no room is made */
        t->fail = true;
        return;
    }
    if (ly_array_reserve((void **)&t->p, &t->cap, t->n + n + 1, 1)) {
        t->fail = true;
        return;
    }
    memcpy(t->p + t->n, s, n);
    t->n += n;
    t->p[t->n] = '\0';
}

void ly_sheet_field(ly_tbuf *row, long *col, long at, const char *s)
{
    /* a cell past the columns a CSV row may have (a stray value in column XFD): left out,
     * as a column that no header names is (every row had become that wide, and the header
     * row was refused for it) */
    if (at >= LY_CSV_MAX_FIELDS)
        return;
    for (; *col < at; (*col)++)
        ly_tbuf_put(row, *col ? ",\"\"" : "\"\"", *col ? 3 : 2);
    ly_tbuf_put(row, *col ? ",\"" : "\"", *col ? 2 : 1);
    for (const char *q; (q = strchr(s, '"')); s = q + 1) {
        ly_tbuf_put(row, s, (size_t)(q - s));
        ly_tbuf_put(row, "\"\"", 2);
    }
    ly_tbuf_put(row, s, strlen(s));
    ly_tbuf_put(row, "\"", 1);
    *col = at + 1;
}

/* The built-in formats that show a date: Excel's, with the Chinese, Japanese and Korean
 * locales' 27-36 and 50-58; 9 and 10 show a percentage. A format's code shows a date when
 * it has a year, a day or an hour outside its quoted text and [brackets], a percentage when
 * it has a % there. */
ly_sheet_shown ly_sheet_builtin_shown(int id)
{
    if ((id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) ||
        (id >= 50 && id <= 58))
        return LY_SHOWN_DATE;
    return id == 9 || id == 10 ? LY_SHOWN_PERCENT : LY_SHOWN_NUMBER;
}

ly_sheet_shown ly_sheet_code_shown(const char *code)
{
    bool quoted = false, percent = false;
    int bracket = 0;
    for (const char *c = code; *c; c++) {
        if (*c == '"')
            quoted = !quoted;
        else if (quoted)
            continue;
        else if (*c == '\\' && c[1])
            c++;
        else if (*c == '[')
            bracket++;
        else if (*c == ']' && bracket)
            bracket--;
        else if (!bracket && strchr("yYdDhH", *c))
            return LY_SHOWN_DATE;
        else if (!bracket && *c == '%')
            percent = true;
    }
    return percent ? LY_SHOWN_PERCENT : LY_SHOWN_NUMBER;
}

void ly_sheet_show_number(ly_sheet_shown kind, double x, bool date1904, char *out, size_t n)
{
    if (kind == LY_SHOWN_DATE && x >= 0 && x < 2958466)
        ly_sheet_serial_date(x, date1904, out, n);
    else if (kind == LY_SHOWN_PERCENT)
        snprintf(out, n, "%.13g%%", x * 100); /* (13 digits: 0.35 * 100 is 35.000000000000007) */
    else
        snprintf(out, n, "%.15g", x);
}

void ly_sheet_serial_date(double serial, bool date1904, char *out, size_t n)
{
    double whole = floor(serial);
    long days = (long)whole + (date1904 ? 1462 : 0);
    if (!date1904 && days < 61)
        days++; /* Excel counts a 29 February 1900 that never was */
    /* days since 1899-12-30, as days since 1970-01-01, then the civil date (H. Hinnant) */
    long z = days - 25569 + 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long y = yoe + era * 400, doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153, d = doy - (153 * mp + 2) / 5 + 1;
    long m = mp < 10 ? mp + 3 : mp - 9;
    y += m <= 2;
    long minutes = lround((serial - whole) * 1440);
    int Y = (int)(y % 10000), M = (int)(m % 100), D = (int)(d % 100);
    if (minutes > 0 && minutes < 1440)
        snprintf(out, n, "%04d-%02d-%02d %02d:%02d", Y, M, D, (int)(minutes / 60) % 100,
                 (int)(minutes % 60));
    else
        snprintf(out, n, "%04d-%02d-%02d", Y, M, D);
}

bool ly_sheet_iso_date(const char *v, char *out, size_t n)
{
    int Y, M, D, h = 0, m = 0;
    int got = sscanf(v, "%d-%d-%dT%d:%d", &Y, &M, &D, &h, &m);
    if (got < 3)
        return false;
    if (h || m)
        snprintf(out, n, "%04d-%02d-%02d %02d:%02d", Y % 10000, M % 100, D % 100, h % 100,
                 m % 100);
    else
        snprintf(out, n, "%04d-%02d-%02d", Y % 10000, M % 100, D % 100);
    return true;
}

void ly_sheet_fail(ly_diag_list *diags, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    ly_diag_add(diags, LY_DIAG_ERROR, SIZE_MAX, -1, "%s", msg);
}

void ly_sheet_fail_at(ly_diag_list *diags, long row, long col, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    ly_diag *d = ly_diag_add(diags, LY_DIAG_ERROR, SIZE_MAX, -1, "%s", msg);
    if (d && row > 0 && row <= INT_MAX && col > 0 && col <= INT_MAX) {
        d->line = (int)row;
        d->col = (int)col;
    }
}

/* The line of the sheet's text from `at`: where it ends (its '\n', or n), how many fields it
 * has, and whether each is blank: empty, or only white space (a cell holding a space, as a
 * stray key pressed in the sheet's last row leaves, shows nothing). */
static size_t scan_line(const char *p, size_t n, size_t at, size_t *fields, bool *blank)
{
    bool quoted = false;
    size_t i = at, f = 0, sp;
    *blank = true;
    for (; i < n && (quoted || p[i] != '\n'); i++) {
        if (p[i] == '"' && quoted && i + 1 < n && p[i + 1] == '"') {
            *blank = false; /* (a quote in the cell's text) */
            i++;
        } else if (p[i] == '"') {
            quoted = !quoted;
        } else if (!quoted) {
            f += p[i] == ',';
        } else if ((sp = ly_csv_space(p + i))) {
            i += sp - 1;
        } else {
            *blank = false;
        }
    }
    *fields = i > at ? f + 1 : 0;
    return i;
}

/* Every row given as many fields as the widest, as a spreadsheet saves a sheet as CSV: a
 * cell missing at a row's end (a workbook keeps no empty cells) is then still in its column,
 * and a fault there names its cell. A blank row becomes an empty line, which ly_csv_parse
 * makes no record of, and the text ends at its last row that is not blank: a sheet with a
 * cell in its last row is a million short lines, not a million rows of empty fields. The
 * fields are quoted, the rows end in line feeds. False, out unchanged, when the padded text
 * would pass 64 MiB or memory ran out. */
static bool pad_rows(ly_tbuf *out)
{
    size_t widest = 0, fields, end = 0; /* (the end of the last row not blank) */
    bool blank;
    for (size_t i = 0; i < out->n; i++) {
        i = scan_line(out->p, out->n, i, &fields, &blank);
        widest = !blank && fields > widest ? fields : widest;
        end = blank ? end : i;
    }
    ly_tbuf padded = {0};
    for (size_t i = 0, next; i < end && !padded.fail; i = next + 1) {
        next = scan_line(out->p, out->n, i, &fields, &blank);
        if (!blank) {
            ly_tbuf_put(&padded, out->p + i, next - i);
            for (size_t k = fields; k < widest; k++)
                ly_tbuf_put(&padded, k ? ",\"\"" : "\"\"", k ? 3 : 2);
        }
        ly_tbuf_put(&padded, "\n", 1);
    }
    if (padded.fail) {
        free(padded.p);
        return false;
    }
    free(out->p);
    *out = padded;
    return true;
}

int ly_sheet_finish(ly_tbuf *out, bool ok, char **text, size_t *text_len)
{
    if (ok && out->n)
        pad_rows(out); /* (past 64 MiB padded, or out of memory: the rows as they are) */
    if (!ok) {
        free(out->p);
        return -1;
    }
    *text = out->p ? out->p : calloc(1, 1);
    *text_len = out->n;
    return *text ? 0 : -1;
}

long ly_sheet_uncovered(const ly_sheet_spans *sp, long at)
{
    while (at >= 0 && (size_t)at < sp->cap && sp->below[at] > sp->row)
        at++;
    return at;
}

void ly_sheet_cover(ly_sheet_spans *sp, long at, long cols, long rows)
{
    for (long k = 0; rows > 1 && k < cols && at + k >= 0 && at + k < LY_SHEET_MAX_COLS; k++) {
        size_t c = (size_t)(at + k), old = sp->cap;
        if (ly_array_reserve((void **)&sp->below, &sp->cap, c + 1, sizeof *sp->below)) {
            sp->nomem = true;
            return;
        }
        memset(sp->below + old, 0, (sp->cap - old) * sizeof *sp->below);
        sp->below[c] = sp->below[c] > sp->row + rows ? sp->below[c] : sp->row + rows;
    }
}

void ly_sheet_next_row(ly_sheet_spans *sp)
{
    sp->row++;
}

void ly_sheet_merge(ly_csv_merges *m, long row0, long row1, long col0, long col1)
{
    if (!m || row1 <= row0 || row0 < 1 || col0 < 0 || col1 < col0 || row1 > 1048576 ||
        col0 >= LY_SHEET_MAX_COLS)
        return;
    if (ly_array_reserve((void **)&m->at, &m->cap, m->n + 1, sizeof *m->at))
        return; /* (out of memory: the cells below read as the empty cells they are) */
    m->at[m->n++] = (ly_csv_merge){(uint32_t)row0, (uint32_t)row1, (uint32_t)col0,
                                   (uint32_t)(col1 < LY_SHEET_MAX_COLS ? col1 : LY_SHEET_MAX_COLS - 1)};
}
