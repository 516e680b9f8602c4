#include "louyu/report.h"

#include "louyu/arena.h"
#include "louyu/file.h"
#include "louyu/html.h"
#include "louyu/week.h"
#include "vocab.h"

#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The words of the format (column names, units, "now"), in English and Chinese,
 * live in the vocabulary (vocab.c). */
#define NAMES ly_vocab_report_names
#define HEADER ly_vocab_report_header
#define AREA_UNITS ly_vocab_area_units
#define RENT_UNITS ly_vocab_rent_units
#define NOW_WORDS ly_vocab_now_words

enum { MAX_TEXT = 500, MAX_PARTS = 64 };

const char *ly_report_column_name(ly_report_column c)
{
    return c < LY_RC_COUNT ? HEADER[c] : "";
}

/* s cut to at most `max` bytes at a character's start, "…" after it when cut, into out
 * (max + 4 bytes): a value quoted in a message stays valid UTF-8. */
static const char *cut_text(const char *s, char *out, size_t max)
{
    size_t n = strlen(s);
    if (n <= max)
        return s;
    while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80)
        max--;
    snprintf(out, max + 4, "%.*s\xE2\x80\xA6", (int)max, s);
    return out;
}
#define CUT40(s) cut_text((s), (char[48]){0}, 40)
#define CUT60(s) cut_text((s), (char[68]){0}, 60)

/* ---- reading one value ------------------------------------------------------------- */

typedef struct {
    ly_report *r;
    const ly_district *d;
    ly_diag_list *diags;
    int column[LY_RC_COUNT]; /* the field index of each column, -1 when absent */
    int errors;
    int header;     /* the header's line (its cells merged down name no row below) */
    size_t width;   /* the header's cells up to its last that is not blank */
    /* a CSV's rows by their raw number of cells, trailing empty ones included: how many have
     * at least k (at_least[k], k up to widest), the header's, the most rows have; and the
     * rows after the header that are not blank */
    size_t *at_least, widest, header_cells, usual_cells, data_rows;
    /* the row's floors: one range, or the parts of a list ("3, 5-7") */
    int from[MAX_PARTS], to[MAX_PARTS], n_parts;
    char ascii[LY_RC_COUNT][256]; /* a figure's cell with its full-width forms made ASCII */
    long building; /* the row's building once known, else -1: messages name it */
} reader;

static void fault(reader *rd, ly_diag_severity sev, size_t offset, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void fault(reader *rd, ly_diag_severity sev, size_t offset, const char *fmt, ...)
{
    char what[600];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    const char *id = rd->building >= 0 ? rd->d->buildings[rd->building].id : NULL;
    if (id && !strstr(what, id)) /* the row's building, where the message does not say it */
        ly_diag_add(rd->diags, sev, offset, -1, "%s: %s", id, what);
    else
        ly_diag_add(rd->diags, sev, offset, -1, "%s", what);
    if (sev == LY_DIAG_ERROR)
        rd->errors++;
}

/* What a row's number counts: a CSV's lines, a workbook's rows. */
#define LINE_WORD(rd) ((rd)->r->csv.encoding == LY_CSV_XLSX ? "row" : "line")

static const char *skip_blank(const char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    return s;
}

static bool blank(const char *s)
{
    return *skip_blank(s) == '\0';
}

/* Whether s is digits alone, and (with point) digits with a decimal part after them. */
static bool digits(const char *s, bool point)
{
    size_t n = strspn(s, "0123456789");
    if (n && point && s[n] == '.' && s[n + 1])
        n += 1 + strspn(s + n + 1, "0123456789");
    return n && !s[n];
}

/* Whether s (after spaces) is one of the words, ignoring ASCII case and spaces after. */
static bool one_of(const char *s, const char *const *words)
{
    s = skip_blank(s);
    for (; *words; words++) {
        size_t n = strlen(*words);
        if (strncasecmp(s, *words, n) == 0 && blank(s + n))
            return true;
    }
    return false;
}

/* Whether s (after a number) is a rent's unit as sheets write it: a currency (元, CNY,
 * yuan, RMB) alone or per an area unit and per day in either order ("元/㎡/天",
 * "元/㎡·天", "元/平米/天", "元/m²/天", "元/天/㎡"), between any of / ／ · ・ . * 每 and
 * spaces. */
static bool rent_unit(const char *s)
{
    const char *const *seps = ly_vocab_rent_seps, *const *money = ly_vocab_rent_money,
                      *const *days = ly_vocab_rent_days;
    const char *const *kinds[3] = {money, ly_vocab_area_units, days};
    int seen[3] = {0, 0, 0}, order[3], n = 0;
    while (*s && n < 3) {
        bool sep = false;
        for (int k = 0; seps[k] && !sep; k++)
            if (!strncmp(s, seps[k], strlen(seps[k]))) {
                s += strlen(seps[k]);
                sep = true;
            }
        if (sep)
            continue;
        size_t best = 0;
        int kind = -1;
        for (int k = 0; k < 3; k++)
            for (const char *const *w = kinds[k]; *w; w++)
                if (strlen(*w) > best && !strncasecmp(s, *w, strlen(*w))) {
                    best = strlen(*w);
                    kind = k;
                }
        if (kind < 0 || seen[kind]++)
            return false;
        order[n++] = kind;
        s += best;
    }
    while (*s == ' ' || *s == '\t')
        s++;
    /* the currency first: alone, or with both an area and a day */
    return !*s && n >= 1 && order[0] == 0 && (n == 1 || n == 3);
}

/* Whether s says the rent is to be agreed (面议). */
static bool negotiable(const char *s)
{
    for (const char *const *w = ly_vocab_negotiable; *w; w++)
        if (strstr(s, *w))
            return true;
    return false;
}

/* A number as spreadsheets write it: "1200", "1,200.5", "1200 m²". False when it
 * is anything else, a comma that does not part thousands among them ("1200,5", a
 * decimal comma, is not 12005). */
static bool parse_number(const char *s, const char *const *units, double *v)
{
    char buf[64];
    size_t n = 0;
    bool digit = false, point = false;
    int lead = 0, group = -1; /* digits before the first comma; since the last (-1: none) */
    const char *p = skip_blank(s);
    for (; *p && n + 1 < sizeof buf; p++) {
        if (isdigit((unsigned char)*p)) {
            digit = true;
            if (!point && group >= 0)
                group++;
            else if (!point)
                lead++;
        } else if ((*p == ',' || *p == ' ') && !point && lead >= 1 && lead <= 3 &&
                   (group < 0 || group == 3) && isdigit((unsigned char)p[1])) {
            group = 0;
            continue; /* a thousands separator (1,200; 1 200 as some locales write it) */
        } else if (*p == '.') {
            if (group >= 0 && group != 3)
                return false;
            point = true;
        } else if (!(n == 0 && (*p == '-' || *p == '+'))) {
            break;
        }
        buf[n++] = *p;
    }
    buf[n] = '\0';
    if (!digit || (group >= 0 && !point && group != 3) ||
        (!blank(p) && !one_of(p, units) && !(units == RENT_UNITS && rent_unit(skip_blank(p)))))
        return false;
    char *end;
    *v = strtod(buf, &end);
    return *end == '\0' && isfinite(*v);
}

/* What to add to a number's error when its text has a comma: the decimal point. */
static const char *comma_hint(const char *s)
{
    return strchr(s, ',') ? " (a decimal point, not a comma: 1200.5; commas only between "
                            "thousands, 1,200)"
                          : "";
}

/* One floor number: "12", "F12", "12F", "12层", "12楼". */
static const char *parse_floor(const char *p, int *floor)
{
    p = skip_blank(p);
    if (*p == 'F' || *p == 'f')
        p++;
    if (!isdigit((unsigned char)*p))
        return NULL;
    long v = 0;
    while (isdigit((unsigned char)*p) && v < 100000)
        v = v * 10 + (*p++ - '0');
    *floor = (int)v;
    for (const char *const *x = ly_vocab_floor_suffixes; *x; x++)
        if (!strncmp(p, *x, strlen(*x))) {
            p += strlen(*x);
            break;
        }
    return skip_blank(p);
}

/* "12", "12-14", "12–14", "12~14", "12至14", "12 to 14". */
static bool parse_floors(const char *s, int *from, int *to)
{
    if (strlen(s) > 200)
        return false;
    const char *p = parse_floor(s, from);
    if (!p)
        return false;
    *to = *from;
    if (!*p)
        return true;
    for (const char *const *sep = ly_vocab_floor_ranges; *sep; sep++) {
        size_t n = strlen(*sep);
        if (!strncmp(p, *sep, n)) {
            p = parse_floor(p + n, to);
            return p && !*p;
        }
    }
    return false;
}

/* Floors as one range or a list of them, "3, 5-7", "3、5", "3；5" (the parts in any order):
 * into rd->from, rd->to, rd->n_parts. False when it is none of these. */
static bool parse_floor_list(reader *rd, const char *s)
{
    char buf[256];
    if (strlen(s) >= sizeof buf)
        return false;
    snprintf(buf, sizeof buf, "%s", s);
    rd->n_parts = 0;
    for (char *p = buf;;) {
        /* the next separator: the part ends there */
        char *end = NULL;
        size_t skip = 0;
        for (const char *const *sep = ly_vocab_floor_lists; *sep; sep++) {
            char *at = strstr(p, *sep);
            if (at && (!end || at < end)) {
                end = at;
                skip = strlen(*sep);
            }
        }
        if (end)
            *end = '\0';
        if (rd->n_parts == MAX_PARTS || blank(p) ||
            !parse_floors(p, &rd->from[rd->n_parts], &rd->to[rd->n_parts]))
            return false;
        rd->n_parts++;
        if (!end)
            return true;
        p = end + skip;
    }
}

/* The record of floor f of building b, or -1. */
static long record_of(const ly_district *d, const ly_building *b, int f)
{
    for (uint32_t r = b->first_record; r < b->first_record + b->n_records; r++)
        if (d->records[r].floor == f)
            return (long)r;
    return -1;
}

/* ---- the header ------------------------------------------------------------------- */

/* Which column a header cell names, or -1. */
static int column_of(const char *cell)
{
    char norm[128];
    size_t n = 0;
    for (const char *p = skip_blank(cell); *p && n + 1 < sizeof norm; p++) {
        /* a unit in brackets is not part of the name: "空置面积(平方米)" */
        if (*p == '(' || !strncmp(p, ly_vocab_open_bracket, strlen(ly_vocab_open_bracket)))
            break;
        norm[n++] = (char)tolower((unsigned char)*p);
    }
    norm[n] = '\0';
    for (char *part = strtok(norm, "/"); part; part = strtok(NULL, "/")) {
        char *e = part + strlen(part);
        while (e > part && (e[-1] == ' ' || e[-1] == '\t'))
            *--e = '\0';
        part = (char *)skip_blank(part);
        for (int c = 0; c < LY_RC_COUNT; c++)
            for (int k = 0; NAMES[c][k]; k++)
                if (!strcmp(part, NAMES[c][k]))
                    return c;
    }
    return -1;
}

static bool read_header(reader *rd, const ly_csv_row *row)
{
    for (int c = 0; c < LY_RC_COUNT; c++)
        rd->column[c] = -1;
    bool any = false;
    for (size_t i = 0; i < row->n_fields; i++)
        any |= column_of(row->fields[i].value) >= 0;
    if (!any) { /* not a header at all: say so once */
        fault(rd, LY_DIAG_ERROR, row->offset,
              "the first row is not a header (\"%s\" names no column): expected a first row "
              "naming the columns week, building, floors and vacant_m2 (and rent_cny_m2_day, "
              "available_from, contact, note if you give them), on a workbook's first sheet that is not hidden; "
              "louyu report template writes one", CUT40(row->n_fields ? row->fields[0].value : ""));
        return false;
    }
    for (size_t i = 0; i < row->n_fields; i++) {
        const ly_csv_field *f = &row->fields[i];
        if (blank(f->value))
            continue; /* a spreadsheet's trailing empty columns */
        rd->width = i + 1;
        int c = column_of(f->value);
        if (c < 0)
            fault(rd, LY_DIAG_WARNING, f->offset,
                  "column \"%s\" is not one louyu reads: ignored (the columns are week, "
                  "building, floors, vacant_m2, rent_cny_m2_day, available_from, contact, note)",
                  CUT60(f->value));
        else if (rd->column[c] >= 0)
            fault(rd, LY_DIAG_ERROR, f->offset,
                  "column \"%s\" is there twice: expected each column once", CUT60(f->value));
        else
            rd->column[c] = (int)i;
    }
    static const ly_report_column REQUIRED[] = {LY_RC_WEEK, LY_RC_BUILDING, LY_RC_FLOORS,
                                                LY_RC_VACANT};
    bool ok = true;
    for (size_t k = 0; k < sizeof REQUIRED / sizeof *REQUIRED; k++)
        if (rd->column[REQUIRED[k]] < 0) {
            fault(rd, LY_DIAG_ERROR, row->offset,
                  "the header has no \"%s\" column: expected a first row naming the columns "
                  "week, building, floors and vacant_m2 (and rent_cny_m2_day, available_from, "
                  "contact, note if you give them)",
                  NAMES[REQUIRED[k]][0]);
            ok = false;
        }
    return ok;
}

/* The workbook's cells merged over rows that cover field i of a row below their first
 * (NULL: none); not the header's, which name columns, not rows. */
static const ly_csv_merge *merge_of(const reader *rd, const ly_csv_row *row, int i)
{
    const ly_csv *csv = &rd->r->csv;
    uint32_t r = (uint32_t)row->line; /* the sheet's row, from 1 */
    for (size_t k = 0; k < csv->merges.n && i >= 0; k++) {
        const ly_csv_merge *m = &csv->merges.at[k];
        if (m->row0 < r && r <= m->row1 && m->col0 <= (uint32_t)i && (uint32_t)i <= m->col1 &&
            m->row0 > (uint32_t)rd->header)
            return m;
    }
    return NULL;
}

/* The workbook's row at the sheet's row `line` (blank rows have no record): NULL when blank. */
static const ly_csv_row *sheet_row(const ly_csv *c, uint32_t line)
{
    size_t lo = 0, hi = c->n_rows;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if ((uint32_t)c->rows[mid].line < line)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < c->n_rows && (uint32_t)c->rows[lo].line == line ? &c->rows[lo] : NULL;
}

/* The field of column c in a row ("" past its end), and where it is (the row's
 * start when the row is too short to have it). An empty cell under a merged cell of a
 * workbook (a building's name merged down over its floors) reads as the merged cell's
 * text in the columns that name or describe the row: the week, the building, the rent,
 * the date and the contact and note; not the floors nor the area (one figure merged
 * over three floors is not three figures: the area is refused there, saying so). */
static const char *field(reader *rd, const ly_csv_row *row, ly_report_column c, size_t *offset)
{
    int i = rd->column[c];
    const char *v = "";
    if (i < 0 || (size_t)i >= row->n_fields)
        *offset = row->offset;
    else
        *offset = row->fields[i].offset, v = row->fields[i].value;
    /* a cell made text as the template writes it (a contact "'=..." kept from running
     * as a formula): its text */
    if (v[0] == '\'' && v[1] && strchr("=+-@\t\r", v[1])) {
        v++;
        ++*offset;
    }
    const ly_csv_merge *m = *v || c == LY_RC_FLOORS || c == LY_RC_VACANT ? NULL
                                                                         : merge_of(rd, row, i);
    const ly_csv_row *top = m ? sheet_row(&rd->r->csv, m->row0) : NULL;
    if (top && m->col0 < top->n_fields)
        v = top->fields[m->col0].value;
    if (c == LY_RC_WEEK || c == LY_RC_FLOORS || c == LY_RC_VACANT || c == LY_RC_RENT ||
        c == LY_RC_AVAILABLE)
        v = ly_ascii_forms(v, rd->ascii[c], sizeof rd->ascii[c]);
    return v;
}

/* ---- one row ---------------------------------------------------------------------- */

/* Per building while reading: the line of its row without floors (fully let), the
 * first line with floors, and per floor record the line that gave it (0 none). */
typedef struct {
    int let_line, floors_line;
    bool zeros_said; /* its id's leading zeros a spreadsheet dropped, said */
} seen_building;

/* What a "week" cell that is not a week is closest to, as the rest of its error: a date
 * with the year last (a spreadsheet's day or month first, which louyu does not guess), a
 * day or month that does not exist. */
static void week_expected(const char *s, char *out, size_t n)
{
    static const char *const months[] = {"January", "February", "March",     "April",
                                         "May",     "June",     "July",      "August",
                                         "September", "October", "November", "December"};
    int a, b, y, len;
    char sep, sep2;
    long days;
    if (sscanf(s, " %2d%c%2d%c%4d%n", &a, &sep, &b, &sep2, &y, &len) == 5 && sep == sep2 &&
        strchr("/.-", sep) && !s[len] && y >= 1900 && a >= 1 && b >= 1) {
        bool ab = ly_date_days(y, b, a, &days), ba = ly_date_days(y, a, b, &days);
        if (ab && ba && a != b) /* 4/5/2011: 4 May or 5 April */
            snprintf(out, n, "the year first, %d-%02d-%02d or %d-%02d-%02d (louyu does not "
                     "guess whether the day or the month comes first)", y, a, b, y, b, a);
        else if (ab || ba)
            snprintf(out, n, "the year first, as %d-%02d-%02d (an ISO date; louyu does not "
                     "read dates with the year last)", y, ab ? b : a, ab ? a : b);
        else if ((a > 12) != (b > 12) && (a > 12 ? b : a) <= 12) /* 31/2/2011: no such day */
            snprintf(out, n, "a day that exists, the year first (%s %d has no day %d)",
                     months[(a > 12 ? b : a) - 1], y, a > 12 ? a : b);
        else
            snprintf(out, n, "an ISO week such as 2011-W17, or a date in it such as 2011-04-29");
        return;
    }
    int m, d;
    if (sscanf(s, " %4d%c%d%c%d%n", &y, &sep, &m, &sep2, &d, &len) == 5 && sep == sep2 &&
        strchr("/.-", sep) && !s[len] && y >= 1900 && y <= 2200 && d >= 1 &&
        !ly_date_days(y, m, d, &days)) {
        int last = 31;
        while (m >= 1 && m <= 12 && last > 28 && !ly_date_days(y, m, last, &days))
            last--;
        if (m < 1 || m > 12)
            snprintf(out, n, "a date such as 2011-04-29, year-month-day (there is no month "
                     "%d)", m);
        else
            snprintf(out, n, "a day that exists (%s %d has %d days)", months[m - 1], y, last);
        return;
    }
    /* a date cell formatted as a number (General) shows the spreadsheet's serial number of
     * the day: 40669, days since 1899-12-30, is 2011-05-06 */
    double serial = digits(s, true) ? atof(s) : 0;
    if (serial >= 10000 && serial < 100000) {
        days = (long)serial - 25569; /* (1970-01-01's serial) */
        ly_date_from_days(days, &y, &m, &d);
        char w[16];
        snprintf(out, n, "an ISO week such as %s or a date in it such as %d-%02d-%02d (%s looks "
                 "like a spreadsheet's number for the date %d-%02d-%02d: format the cell as a "
                 "date, or type the week)", ly_week_format(ly_week_of_day(days), w, sizeof w),
                 y, m, d, s, y, m, d);
        return;
    }
    snprintf(out, n, "an ISO week such as 2011-W17, or a date in it such as 2011-04-29");
}

/* The week a row gives as its errors say it: the cell as it is written, and the week it is
 * when that is not how the cell writes it ("2026-12-28" (2026-W53)). */
static const char *week_said(const char *cell, int week, char *buf, size_t n)
{
    char w[16];
    ly_week_format(week, w, sizeof w);
    const char *c = cell;
    while (*c == ' ')
        c++;
    size_t len = strlen(c);
    while (len && c[len - 1] == ' ')
        len--;
    if (len == strlen(w) && !strncmp(c, w, len))
        snprintf(buf, n, "%s", w);
    else
        snprintf(buf, n, "\"%.*s\" (%s)", (int)(len > 40 ? 40 : len), c, w);
    return buf;
}

static bool read_week(reader *rd, const ly_csv_row *row)
{
    size_t at;
    const char *s = field(rd, row, LY_RC_WEEK, &at);
    int week, y, w;
    long monday;
    char tail;
    if (sscanf(s, " %4d-W%2d%c", &y, &w, &tail) == 2 && !ly_week_parse(s, &week)) {
        if (y < 1900 || y > 2200)
            fault(rd, LY_DIAG_ERROR, at, "\"week\" is %s, in the year %d: expected a week of "
                  "a year from 1900 to 2200, such as 2011-W17", CUT40(s), y);
        else
            fault(rd, LY_DIAG_ERROR, at, "\"week\" is %s, which does not exist (%d has %d "
                  "weeks): expected an ISO week such as 2011-W17", CUT40(s), y,
                  ly_week_monday(y * 100 + 53, &monday) ? 53 : 52);
        return false;
    }
    if (!ly_week_parse(s, &week)) {
        char expected[320];
        week_expected(s, expected, sizeof expected);
        fault(rd, LY_DIAG_ERROR, at, "\"week\" is \"%s\": expected %s", CUT40(s), expected);
        return false;
    }
    /* figures are for a week that has begun: next week is let through (a report filled in
     * on a Sunday, a clock a day off), a later one is a typo (most often in the year) */
    int this_week;
    if (!ly_week_reportable(week, &this_week)) {
        char a[80], b[16];
        fault(rd, LY_DIAG_ERROR, at,
              "\"week\" is %s, which has not begun (this week is %s by this computer's "
              "clock): expected the week the figures are for (a typo in the year?)",
              week_said(s, week, a, sizeof a), ly_week_format(this_week, b, sizeof b));
        return false;
    }
    if (!rd->r->week) {
        rd->r->week = week;
        rd->r->week_at = at;
    } else if (week != rd->r->week) {
        char a[80], b[16];
        fault(rd, LY_DIAG_ERROR, at,
              "\"week\" is %s: expected %s, the week of this file's first row (one file "
              "reports one week)",
              week_said(s, week, a, sizeof a), ly_week_format(rd->r->week, b, sizeof b));
        return false;
    }
    return true;
}

/* Floors: a number or a range inside the building, each with a record, none given twice. */
/* Floor f of b has a record and was not reported before (seen: each record's line). */
static bool floor_once(reader *rd, const ly_building *b, int f, size_t at, int line, int *seen)
{
    long rec = record_of(rd->d, b, f);
    if (rec < 0) {
        fault(rd, LY_DIAG_ERROR, at,
              "\"floors\": floor %d of %s has no floor record in the district (its area is "
              "unknown): expected a floor that has one (louyu info %s --floors lists them)",
              f, b->id, b->id);
        return false;
    }
    if (seen[rec]) {
        fault(rd, LY_DIAG_ERROR, at,
              "\"floors\": floor %d of %s is already reported on %s %d: expected each "
              "floor once", f, b->id, LINE_WORD(rd), seen[rec]);
        return false;
    }
    seen[rec] = line;
    return true;
}

static bool read_floors(reader *rd, const ly_csv_row *row, ly_report_row *out, int *seen,
                        seen_building *sb)
{
    const ly_building *b = &rd->d->buildings[out->building];
    size_t at;
    const char *s = field(rd, row, LY_RC_FLOORS, &at);
    rd->n_parts = 0;
    if (blank(s)) { /* the building fully let: only with 0 vacant */
        if (sb->floors_line) {
            fault(rd, LY_DIAG_ERROR, at,
                  "\"floors\" is empty, which says %s is fully let, but %s %d reports space "
                  "in it: expected either rows with floors or one row without",
                  b->id, LINE_WORD(rd), sb->floors_line);
            return false;
        }
        sb->let_line = out->line;
        return true;
    }
    bool ok = parse_floor_list(rd, s);
    for (int k = 0; ok && k < rd->n_parts; k++)
        ok = rd->from[k] <= rd->to[k];
    if (!ok) {
        long day;
        fault(rd, LY_DIAG_ERROR, at,
              "\"floors\" is \"%s\": expected a floor such as 12, a range of floors such "
              "as 12-14, or a list of them such as 3, 5-7 (floors count from 1; basements are "
              "not reported)%s", CUT40(s),
              ly_date_parse(s, &day) ? "; the spreadsheet made a date of a range such as 3-4: "
                                       "format the column as text, or type it as '3-4"
                                     : "");
        rd->n_parts = 0;
        return false;
    }
    out->floor_from = rd->from[0];
    out->floor_to = rd->to[0];
    for (int k = 0; k < rd->n_parts; k++)
        if (rd->from[k] < 1 || rd->to[k] > b->floors) {
            fault(rd, LY_DIAG_ERROR, at,
                  "\"floors\" is %s: expected floors of %s, which has floors 1 to %d", CUT40(s),
                  b->id, b->floors);
            return false;
        }
    if (sb->let_line) {
        fault(rd, LY_DIAG_ERROR, at,
              "\"floors\" is %s, but %s %d says %s is fully let: expected either rows "
              "with floors or one row without", CUT40(s), LINE_WORD(rd), sb->let_line, b->id);
        return false;
    }
    sb->floors_line = sb->floors_line ? sb->floors_line : out->line;
    for (int k = 0; k < rd->n_parts; k++)
        for (int f = rd->from[k]; f <= rd->to[k]; f++)
            if (!floor_once(rd, b, f, at, out->line, seen))
                return false;
    return true;
}

/* The area of the row's floors (0 for a row without floors). */
static double row_area(const ly_district *d, const ly_report_row *row)
{
    const ly_building *b = &d->buildings[row->building];
    double area = 0;
    for (int f = row->floor_from; f > 0 && f <= row->floor_to && f <= b->floors; f++) {
        long rec = record_of(d, b, f);
        if (rec >= 0)
            area += d->records[rec].area_m2;
    }
    return area;
}

/* The area of the row's floors, every part of a list. */
static double parts_area(const reader *rd, uint32_t building)
{
    double area = 0;
    for (int k = 0; k < rd->n_parts; k++)
        area += row_area(rd->d, &(ly_report_row){.building = building,
                                                 .floor_from = rd->from[k],
                                                 .floor_to = rd->to[k]});
    return area;
}

static bool read_vacant(reader *rd, const ly_csv_row *row, ly_report_row *out)
{
    size_t at;
    const char *s = field(rd, row, LY_RC_VACANT, &at);
    const ly_building *b = &rd->d->buildings[out->building];
    out->vacant_at = at;
    if (!parse_number(s, AREA_UNITS, &out->vacant_m2)) {
        const ly_csv_merge *m = *s ? NULL : merge_of(rd, row, rd->column[LY_RC_VACANT]);
        if (m)
            fault(rd, LY_DIAG_ERROR, at,
                  "\"vacant_m2\" is under a cell merged over rows %u-%u: expected the vacant "
                  "area of each row in its own cell (unmerge them and give each floor's area)",
                  m->row0, m->row1);
        else
            fault(rd, LY_DIAG_ERROR, at,
                  "\"vacant_m2\" is \"%s\": expected the vacant area in square metres, such "
                  "as 1200%s", CUT40(s), comma_hint(s));
        return false;
    }
    if (out->vacant_m2 < 0) {
        fault(rd, LY_DIAG_ERROR, at, "\"vacant_m2\" is %.15g: expected 0 or more", out->vacant_m2);
        return false;
    }
    if (!out->floor_from) {
        if (out->vacant_m2 > 0) {
            fault(rd, LY_DIAG_ERROR, at,
                  "\"vacant_m2\" is %.15g but \"floors\" is empty: expected the floor or floors "
                  "with that space (an empty \"floors\" with 0 says %s is fully let)",
                  out->vacant_m2, b->id);
            return false;
        }
        return true;
    }
    double area = parts_area(rd, out->building);
    if (out->vacant_m2 > area + 0.5) {
        char floors[64];
        size_t f_at;
        if (rd->n_parts > 1)
            snprintf(floors, sizeof floors, "floors %s", CUT40(field(rd, row, LY_RC_FLOORS, &f_at)));
        else
            snprintf(floors, sizeof floors,
                     out->floor_from == out->floor_to ? "floor %d" : "floors %d-%d",
                     out->floor_from, out->floor_to);
        fault(rd, LY_DIAG_ERROR, at,
              "\"vacant_m2\" is %.15g: expected at most %.15g, the area of %s of %s", out->vacant_m2,
              area, floors, b->id);
        return false;
    }
    return true;
}

static bool read_extras(reader *rd, const ly_csv_row *row, ly_report_row *out)
{
    size_t at;
    const char *s = field(rd, row, LY_RC_RENT, &at);
    out->rent = -1;
    bool ok = true;
    if (!blank(s) && (!parse_number(s, RENT_UNITS, &out->rent) || out->rent < LY_RENT_MIN ||
                      out->rent > LY_RENT_MAX)) {
        fault(rd, LY_DIAG_ERROR, at,
              "\"rent_cny_m2_day\" is \"%s\": expected the asking rent in CNY per m² per day, "
              "from 0.1 to 50 (a monthly rent per m² is about 30 times the daily one)%s", CUT40(s),
              negotiable(s) ? " (a rent to be agreed: leave the cell empty, the rent is optional)"
                            : comma_hint(s));
        out->rent = -1;
        ok = false;
    }
    s = field(rd, row, LY_RC_AVAILABLE, &at);
    long days;
    if (!blank(s) && !ly_date_parse(s, &days) && !one_of(s, NOW_WORDS)) {
        fault(rd, LY_DIAG_ERROR, at,
              "\"available_from\" is \"%s\": expected a date such as 2011-05-01, or \"now\"",
              CUT40(s));
        ok = false;
    }
    out->available_from = skip_blank(s);
    ly_report_column text[] = {LY_RC_CONTACT, LY_RC_NOTE};
    for (int k = 0; k < 2; k++) {
        s = field(rd, row, text[k], &at);
        if (strlen(s) > MAX_TEXT) {
            fault(rd, LY_DIAG_ERROR, at, "\"%s\" is %zu bytes long: expected at most %d",
                  NAMES[text[k]][0], strlen(s), MAX_TEXT);
            ok = false;
        }
        *(k ? &out->note : &out->contact) = skip_blank(s);
    }
    return ok;
}

/* A row whose floors are a list as one report row per part, each with the share of the
 * space its floors' area gives it (as a range's floors share theirs). out has room for
 * MAX_PARTS rows; returns how many. */
static size_t split_parts(const reader *rd, ly_report_row *out)
{
    if (rd->n_parts <= 1)
        return 1;
    double total = parts_area(rd, out->building), vacant = out->vacant_m2;
    for (int k = rd->n_parts - 1; k >= 0; k--) {
        out[k] = out[0];
        out[k].floor_from = rd->from[k];
        out[k].floor_to = rd->to[k];
        out[k].vacant_m2 = total > 0 ? vacant * row_area(rd->d, &out[k]) / total : 0;
    }
    return (size_t)rd->n_parts;
}

/* A row of a CSV of commas with more cells than the file's rows have, its last ones empty: a
 * figure written with a comma (1,200 or 4,60) cut in two there, the cells after it moved one
 * column on into the one a spreadsheet leaves empty at the row's end, so that nothing is past
 * the header. Rows that all end with an empty cell have one more than the header and are
 * fine; a row with more than most rows have is not, unless many rows have as many (a file
 * where some rows end with a comma and some do not: a tenth or more of its rows; the bundled
 * 2010-W44 has a third). In a file of one row the header's count is the one compared with.
 * False after saying so. */
static bool cells_fit(reader *rd, const ly_csv_row *row)
{
    size_t n = row->n_fields, usual = rd->data_rows > 1 ? rd->usual_cells : rd->header_cells;
    if (!rd->at_least || n <= rd->width || n <= usual || n > rd->widest ||
        (rd->at_least[n] > 1 && rd->at_least[n] * 10 >= rd->data_rows))
        return true;
    char where[160] = "";
    size_t at = row->offset;
    for (int k = 0; k < 2 && !where[0]; k++) { /* the area's or the rent's cell, cut */
        int i = rd->column[k ? LY_RC_RENT : LY_RC_VACANT];
        if (i < 0 || (size_t)i + 1 >= n || !digits(row->fields[i].value, false) ||
            !digits(row->fields[i + 1].value, true))
            continue;
        snprintf(where, sizeof where, ": \"%s\" is \"%s\" and the cell after it \"%s\"",
                 NAMES[k ? LY_RC_RENT : LY_RC_VACANT][0], CUT40(row->fields[i].value),
                 CUT40(row->fields[i + 1].value));
        at = row->fields[i + 1].offset;
    }
    fault(rd, LY_DIAG_ERROR, at,
          "the row has %zu cells where %s %zu%s (a figure written with a comma, 1,200 or 4,60, "
          "is cut in two there, and the cells after it moved one column on): expected a comma "
          "only between columns (1200, 4.60, or the figure in quotes: \"1,200\")", n,
          rd->data_rows > 1 ? "the other rows have" : "the header has", usual, where);
    return false;
}

/* A row's cells past the header's last column. In a CSV file that is a figure written with
 * a comma (1,200 or 4,60) and cut in two there, its rest dropped: an error (or, for a row
 * with nothing under the header, a value past it). In a workbook, where a cell is a cell, a
 * note beside the table: said and ignored. */
static bool beyond_header(reader *rd, const ly_csv_row *row)
{
    size_t i = rd->width;
    while (i < row->n_fields && blank(row->fields[i].value))
        i++;
    if (i >= row->n_fields)
        return rd->r->csv.encoding == LY_CSV_XLSX || rd->r->csv.delimiter != ',' ||
               cells_fit(rd, row);
    const ly_csv_field *f = &row->fields[i];
    const ly_csv_field *last = rd->width ? &row->fields[rd->width - 1] : NULL;
    size_t n = row->n_fields;
    while (n > i && blank(row->fields[n - 1].value))
        n--; /* (not its trailing empty cells) */
    if (rd->r->csv.encoding == LY_CSV_XLSX) {
        fault(rd, LY_DIAG_WARNING, f->offset,
              "\"%s\" is past the header's last column: ignored (expected each value under a "
              "column the header names)", CUT40(f->value));
        return true;
    }
    if (rd->r->csv.delimiter != ',' || !last || blank(last->value)) {
        /* (no figure is cut at a tab or a semicolon, nor where no figure is) */
        fault(rd, LY_DIAG_ERROR, f->offset,
              "the row has %zu cells and the header names %zu: \"%s\" is past its last "
              "column: expected each value under a column the header names", n, rd->width,
              CUT40(f->value));
        return false;
    }
    fault(rd, LY_DIAG_ERROR, f->offset,
          "the row has %zu cells and the header names %zu: \"%s\" is past its last column, "
          "after \"%s\" (a figure written with a comma, 1,200 or 4,60, is cut in two there): "
          "expected a comma only between columns (1200, 4.60, or the figure in quotes: "
          "\"1,200\")", n, rd->width, CUT40(f->value), CUT40(last->value));
    return false;
}

/* Whether a row has nothing under the header's columns: only past them, if anything (a
 * note beside or far below a workbook's table). */
static bool outside_header(const reader *rd, const ly_csv_row *row)
{
    for (size_t i = 0; i < row->n_fields && i < rd->width; i++)
        if (!blank(row->fields[i].value))
            return false;
    return true;
}

/* A CSV's rows by their raw number of cells (a file of commas: a figure cut at its comma
 * shows as a row with one more): rd->at_least, widest, header_cells, usual_cells,
 * data_rows. Out of memory: at_least stays NULL, and no row is measured. */
static void count_cells(reader *rd, size_t header)
{
    const ly_csv *c = &rd->r->csv;
    rd->header_cells = c->rows[header].n_fields;
    if (c->encoding == LY_CSV_XLSX || c->delimiter != ',')
        return;
    for (size_t i = header + 1; i < c->n_rows; i++)
        rd->widest = c->rows[i].n_fields > rd->widest ? c->rows[i].n_fields : rd->widest;
    rd->at_least = calloc(rd->widest + 2, sizeof *rd->at_least);
    if (!rd->at_least)
        return;
    for (size_t i = header + 1; i < c->n_rows; i++)
        if (!ly_csv_row_blank(&c->rows[i])) {
            rd->at_least[c->rows[i].n_fields]++;
            rd->data_rows++;
        }
    for (size_t k = 1; k <= rd->widest; k++) /* (the fewest cells on a tie) */
        rd->usual_cells = rd->at_least[k] > rd->at_least[rd->usual_cells] ? k : rd->usual_cells;
    for (size_t k = rd->widest; k > 0; k--) /* (each count's rows, then those with more too) */
        rd->at_least[k - 1] += rd->at_least[k];
}

/* ---- a building id a spreadsheet made a number of ----------------------------------- */

static bool all_digits(const char *s)
{
    if (!*s)
        return false;
    for (; *s; s++)
        if (*s < '0' || *s > '9')
            return false;
    return true;
}

static const char *without_zeros(const char *s)
{
    while (s[0] == '0' && s[1])
        s++;
    return s;
}

/* Whether id of digits is cell with leading zeros a spreadsheet dropped: cell shorter, at
 * id's end, zeros before it (not cell with zeros added: "00" is not building "0"). */
static bool zeros_dropped(const char *id, const char *cell)
{
    size_t li = strlen(id), lc = strlen(cell);
    if (lc >= li || strcmp(id + li - lc, cell))
        return false;
    for (size_t k = 0; k < li - lc; k++)
        if (id[k] != '0')
            return false;
    return true;
}

/* Whether id of digits is what a spreadsheet showed as cell, a whole number of more than
 * the 15 significant digits it keeps (12345678901234567 saved as 12345678901234600): the
 * same length without leading zeros, the cell's digits after the 15th zeros, the id within
 * one unit of the 15th digit (rounded to it). */
static bool digits_cut(const char *id, const char *cell)
{
    const char *i = without_zeros(id), *c = without_zeros(cell);
    size_t n = strlen(c);
    if (n <= 15 || strlen(i) != n)
        return false;
    for (size_t k = 15; k < n; k++)
        if (c[k] != '0')
            return false;
    return fabs(strtod(i, NULL) - strtod(c, NULL)) <= pow(10, (double)n - 15);
}

/* Whether s is a number as Excel shows one too long for its 11 characters: 1.23457E+16 (the
 * digits of its mantissa in *digits). */
static bool exponent_form(const char *s, int *digits)
{
    int n = 0;
    if (*s < '1' || *s > '9')
        return false;
    n++, s++;
    if (*s == '.')
        for (s++; *s >= '0' && *s <= '9'; s++)
            n++;
    if ((*s != 'E' && *s != 'e') || s[1] != '+' || !all_digits(s + 2))
        return false;
    *digits = n;
    return true;
}

/* The district's ids a number-like cell may have been, into ids (", " between), at most `max`
 * counted in *n; the last one met returned (-1: none). */
static long ids_it_may_be(const reader *rd, const char *cell, bool exp, bool cut, int digits,
                          char *ids, size_t len, size_t *n)
{
    long found = -1;
    size_t used = 0;
    *n = 0;
    ids[0] = '\0';
    /* (an exponent's number: within one unit of its last digit shown, which Excel rounds
     * in a CSV and cuts to 15 digits in a workbook) */
    double shown = exp ? strtod(cell, NULL) : 0;
    double unit = exp ? pow(10, atoi(strpbrk(cell, "Ee") + 2) - (digits - 1)) : 0;
    for (size_t i = 0; i < rd->d->n_buildings; i++) {
        const char *id = rd->d->buildings[i].id;
        if (!id || !all_digits(id) || !strcmp(id, cell))
            continue;
        bool may = exp   ? isfinite(shown) && fabs(strtod(id, NULL) - shown) <= unit
                   : cut ? digits_cut(id, cell)
                         : zeros_dropped(id, cell);
        if (!may)
            continue;
        if (++*n <= 4 && used < len) {
            int w = snprintf(ids + used, len - used, "%s%s", *n > 1 ? ", " : "", id);
            used += w > 0 ? (size_t)w : 0;
        }
        found = (long)i;
    }
    return found;
}

/* A "building" cell that is no building's id or name but one a spreadsheet made of an id of
 * digits (Excel and WPS read 00123 as the number 123, and show 0012345678901234567 as
 * 1.23457E+16): the building where exactly one id lost its leading zeros, said as a warning
 * once for the building; else -1, the error said (the ids it may have been among them); -2
 * where the cell is no such number. */
static long spreadsheet_number(reader *rd, const char *cell, size_t at, seen_building *sbs)
{
    int digits = 0;
    bool exp = exponent_form(cell, &digits);
    if (!exp && !all_digits(cell))
        return -2;
    char whole[40];
    if (exp && atoi(strpbrk(cell, "Ee") + 2) < digits) { /* (1.23E+2: 123, all its digits) */
        snprintf(whole, sizeof whole, "%.0f", strtod(cell, NULL));
        cell = whole;
        exp = false;
        long same = ly_district_find(rd->d, whole);
        if (same >= 0)
            return same;
    }
    bool cut = !exp && digits_cut(cell, cell); /* (more digits than a spreadsheet keeps) */
    char ids[160];
    size_t n;
    long b = ids_it_may_be(rd, cell, exp, cut, digits, ids, sizeof ids, &n);
    if (cut && !n)
        return -2;
    if (exp || cut) {
        fault(rd, LY_DIAG_ERROR, at,
              "\"building\" is \"%s\": a spreadsheet turned a building's id into a number and "
              "cut its digits, which cannot be read back%s%s%s: expected the id as text (the "
              "column formatted as text before the file was opened, or a new template)",
              CUT40(cell), n ? " (it may be " : "", ids, n > 4 ? ", ...)" : n ? ")" : "");
        return -1;
    }
    if (n > 1) {
        fault(rd, LY_DIAG_ERROR, at,
              "\"building\" is \"%s\": a spreadsheet dropped the leading zeros of a building's "
              "id, and %zu buildings' ids are %s without them (%s%s): expected the id as it "
              "is, the column formatted as text", CUT40(cell), n, without_zeros(cell), ids,
              n > 4 ? ", ..." : "");
        return -1;
    }
    if (n == 1 && !sbs[b].zeros_said) {
        fault(rd, LY_DIAG_WARNING, at,
              "\"%s\" read as building %s: a spreadsheet dropped its leading zeros", CUT40(cell),
              rd->d->buildings[b].id);
        sbs[b].zeros_said = true;
    }
    return n == 1 ? b : -2;
}

/* A cell of digits that is building b's id (or name), and also another building's id with
 * its leading zeros dropped (123 beside 00123): read as b, with a warning once for b that
 * a spreadsheet may have meant the other. */
static void also_without_zeros(reader *rd, long b, const char *cell, size_t at,
                               seen_building *sbs)
{
    if (!cell || !all_digits(cell) || sbs[b].zeros_said)
        return;
    for (size_t i = 0; i < rd->d->n_buildings; i++) {
        const char *id = rd->d->buildings[i].id;
        if ((long)i != b && id && all_digits(id) && zeros_dropped(id, cell)) {
            fault(rd, LY_DIAG_WARNING, at,
                  "\"building\" is \"%s\", read as building %s; building %s's id is the "
                  "same without its leading zeros, which a spreadsheet drops: if the rows are "
                  "%s's, expected its id as it is (the column formatted as text)", CUT40(cell),
                  rd->d->buildings[b].id, id, id);
            sbs[b].zeros_said = true;
            return;
        }
    }
}

/* One data row into out[0, n) (a list of floors gives several): n, or 0 when it has an
 * error (already reported). */
static size_t read_row(reader *rd, const ly_csv_row *row, ly_report_row *out, int *seen,
                       seen_building *sbs)
{
    *out = (ly_report_row){.line = 0};
    out->line = row->line; /* (a workbook's: its sheet's row) */
    rd->building = -1;
    bool week_ok = read_week(rd, row);
    size_t at;
    const char *s = field(rd, row, LY_RC_BUILDING, &at);
    long b = ly_district_find_named(rd->d, s);
    if (b == -2) { /* (the ids it could mean, to choose from) */
        long all[4];
        size_t n = ly_district_all_named(rd->d, s, all, 4);
        char ids[160] = "";
        for (size_t i = 0, used = 0; i < n && i < 4 && used < sizeof ids; i++) {
            int w = snprintf(ids + used, sizeof ids - used, "%s%s", i ? ", " : "",
                             rd->d->buildings[all[i]].id);
            used += w > 0 ? (size_t)w : 0;
        }
        fault(rd, LY_DIAG_ERROR, at,
              "\"building\" is \"%s\", which names %zu buildings: expected the id of the one "
              "meant (%s%s)", CUT60(s), n, ids, n > 4 ? ", ..." : "");
        return 0;
    }
    if (b >= 0)
        also_without_zeros(rd, b, s, at, sbs);
    if (b < 0 && s && (b = spreadsheet_number(rd, s, at, sbs)) == -1)
        return 0;
    if (b < 0) {
        fault(rd, LY_DIAG_ERROR, at,
              "\"building\" is \"%s\": expected the id of one of the district's %zu buildings "
              "(louyu info lists them) or its exact name", CUT60(s), rd->d->n_buildings);
        return 0;
    }
    out->building = (uint32_t)b;
    rd->building = b;
    bool ok = beyond_header(rd, row);
    ok = read_floors(rd, row, out, seen, &sbs[b]) && ok;
    ok = ok && read_vacant(rd, row, out);
    ok = read_extras(rd, row, out) && ok;
    return ok && week_ok ? split_parts(rd, out) : 0;
}

/* ---- the whole report ------------------------------------------------------------- */

bool ly_report_row_fits(const ly_district *d, const ly_report_row *r, char *why, size_t n)
{
    const ly_building *b = &d->buildings[r->building];
    bool none = !r->floor_from && !r->floor_to;
    if (!none && (r->floor_from < 1 || r->floor_to < r->floor_from || r->floor_to > b->floors)) {
        snprintf(why, n, "floors %d-%d are not within %s's floors 1-%d", r->floor_from,
                 r->floor_to, b->id, b->floors);
        return false;
    }
    double area = none ? 0 : row_area(d, r);
    if (!isfinite(r->vacant_m2) || r->vacant_m2 < 0 || r->vacant_m2 > area + 0.5) {
        snprintf(why, n, "vacant_m2 is %.15g, not within 0 to %.15g, the area of %s",
                 r->vacant_m2, area, none ? "no floor" : "its floors");
        return false;
    }
    if (r->rent >= 0 && !(r->rent >= LY_RENT_MIN && r->rent <= LY_RENT_MAX)) {
        snprintf(why, n, "rent_cny_m2_day is %.15g, not within 0.1 to 50", r->rent);
        return false;
    }
    return true;
}

void ly_report_floor_vacancy(const ly_district *d, uint32_t b, const ly_report_row *rows,
                             size_t n, double *out)
{
    const ly_building *bl = &d->buildings[b];
    memset(out, 0, bl->n_records * sizeof *out);
    for (size_t i = 0; i < n; i++) {
        const ly_report_row *r = &rows[i];
        if (r->building != b || !r->floor_from)
            continue;
        double area = row_area(d, r);
        for (int f = r->floor_from; f <= r->floor_to && f <= bl->floors; f++) {
            long rec = record_of(d, bl, f);
            if (rec >= 0 && area > 0)
                out[rec - bl->first_record] =
                    r->vacant_m2 * d->records[rec].area_m2 / area;
        }
    }
}

void ly_report_floor_rents(const ly_district *d, uint32_t b, const ly_report_row *rows, size_t n,
                           double *out)
{
    const ly_building *bl = &d->buildings[b];
    memset(out, 0, bl->n_records * sizeof *out);
    for (size_t i = 0; i < n; i++)
        for (uint32_t r = 0; rows[i].building == b && rows[i].floor_from && r < bl->n_records; r++) {
            int f = d->records[bl->first_record + r].floor;
            if (f >= rows[i].floor_from && f <= rows[i].floor_to)
                out[r] = rows[i].rent > 0 ? rows[i].rent : -1;
        }
}

/* The index of the last week of d's history before `week`, or -1. */
static long week_before(const ly_district *d, int week)
{
    long k = -1;
    for (size_t i = 0; i < d->n_weeks && d->weeks[i] < week; i++)
        k = (long)i;
    return k;
}

/* Floors that went from fully let to empty since the week before: a warning each. */
static void warn_jumps(reader *rd)
{
    const ly_district *d = rd->d;
    long prev = week_before(d, rd->r->week);
    if (prev < 0)
        return;
    double *after = malloc((d->n_records ? d->n_records : 1) * sizeof *after);
    if (!after)
        return;
    char pw[16];
    ly_week_format(d->weeks[prev], pw, sizeof pw);
    for (size_t i = 0; i < rd->r->n_rows; i++) {
        const ly_report_row *r = &rd->r->rows[i];
        const ly_building *b = &d->buildings[r->building];
        if (!r->floor_from)
            continue;
        rd->building = r->building; /* (not the last row's, which fault() would name) */
        ly_report_floor_vacancy(d, r->building, rd->r->rows, rd->r->n_rows, after);
        for (int f = r->floor_from; f <= r->floor_to; f++) {
            long rec = record_of(d, b, f);
            double was = d->week_vacant[(size_t)prev * d->n_records + (size_t)rec];
            double area = d->records[rec].area_m2;
            if (was <= 0.5 && area > 0 && after[rec - b->first_record] >= area - 0.5)
                fault(rd, LY_DIAG_WARNING, r->vacant_at,
                      "\"vacant_m2\": floor %d of %s was fully let in %s and is empty now: a "
                      "whole floor in one week; check it is right", f, b->id, pw);
        }
    }
    free(after);
}

/* The header: the first row that is not blank, or, where the sheet has a title above it
 * (up to five rows of one or two cells each, such as "湛山街道 楼宇空置周报" and a date), the
 * first row after them that names a column. n_rows when every row is blank. */
static size_t header_row(const ly_csv *c)
{
    size_t first = 0;
    while (first < c->n_rows && ly_csv_row_blank(&c->rows[first]))
        first++;
    for (size_t k = first, titles = 0; k < c->n_rows && titles <= 5; k++) {
        const ly_csv_row *row = &c->rows[k];
        size_t cells = 0;
        bool names = false;
        for (size_t i = 0; i < row->n_fields; i++) {
            cells += !blank(row->fields[i].value);
            names |= column_of(row->fields[i].value) >= 0;
        }
        if (names)
            return k;
        if (cells > 2)
            break; /* not a title: the first row is the header, and wrong */
        titles += cells > 0;
    }
    return first;
}

int ly_report_parse(ly_report *r, const char *bytes, size_t len, const ly_district *d,
                    ly_diag_list *diags)
{
    memset(r, 0, sizeof *r);
    size_t diags_before = diags->count;
    if (ly_csv_parse(&r->csv, bytes, len, diags))
        return -1;
    ly_csv_trim(&r->csv);
    reader rd = {.r = r, .d = d, .diags = diags, .building = -1};
    size_t first = header_row(&r->csv);
    if (first == r->csv.n_rows) {
        fault(&rd, LY_DIAG_ERROR, SIZE_MAX,
              "the file is empty: expected a header row (week, building, floors, vacant_m2, ...) "
              "and one row per floor with space");
        return -1;
    }
    int *seen = calloc(d->n_records + 1, sizeof *seen);
    seen_building *sbs = calloc(d->n_buildings + 1, sizeof *sbs);
    size_t cap = 0;
    if (!seen || !sbs) {
        fault(&rd, LY_DIAG_ERROR, SIZE_MAX, "out of memory reading the report");
    } else if (read_header(&rd, &r->csv.rows[first])) {
        rd.header = r->csv.rows[first].line;
        count_cells(&rd, first);
        for (size_t i = first + 1; i < r->csv.n_rows; i++) {
            if (ly_csv_row_blank(&r->csv.rows[i]))
                continue;
            if (outside_header(&rd, &r->csv.rows[i])) { /* (a note beside the table) */
                rd.building = -1;
                beyond_header(&rd, &r->csv.rows[i]);
                continue;
            }
            if (ly_array_reserve((void **)&r->rows, &cap, r->n_rows + MAX_PARTS,
                                 sizeof *r->rows)) {
                fault(&rd, LY_DIAG_ERROR, SIZE_MAX, "out of memory reading the report");
                break;
            }
            r->n_rows += read_row(&rd, &r->csv.rows[i], &r->rows[r->n_rows], seen, sbs);
        }
        if (!r->n_rows && !rd.errors)
            fault(&rd, LY_DIAG_ERROR, r->csv.len,
                  "the report has a header but no rows: expected one row per floor with space "
                  "(or, for a building fully let, a row with no floors and vacant_m2 0)");
        if (!rd.errors)
            warn_jumps(&rd);
    }
    free(seen);
    free(sbs);
    free(rd.at_least);
    ly_diag_resolve_lines(diags, r->csv.text, r->csv.len);
    ly_csv_cells(&r->csv, diags, diags_before);
    return rd.errors ? -1 : 0;
}

int ly_report_read(ly_report *r, const char *path, const ly_district *d, ly_diag_list *diags)
{
    memset(r, 0, sizeof *r);
    char *bytes;
    size_t len;
    if (ly_file_read(path, 64u << 20, false, &bytes, &len, diags) != LY_FILE_OK)
        return -1;
    int rc = ly_report_parse(r, bytes, len, d, diags);
    free(bytes);
    return rc;
}

void ly_report_free(ly_report *r)
{
    if (!r)
        return;
    ly_csv_free(&r->csv);
    free(r->rows);
    memset(r, 0, sizeof *r);
}

/* ---- a template ------------------------------------------------------------------- */

/* A row of fields: each as a CSV cell (quoted where it must be; a cell a spreadsheet would
 * run as a formula, such as a contact "=HYPERLINK(...)" from the district file, made text
 * with a leading apostrophe, which the reader takes off again). */
static void put_row(ly_buf *b, const char *const *cells, int n)
{
    for (int c = 0; c < n; c++) {
        if (c)
            ly_buf_put(b, ",");
        ly_buf_csv(b, cells[c]);
    }
    ly_buf_put(b, "\n");
}

char *ly_report_template(const ly_district *d, uint32_t b, int week, const ly_report_carry *carry,
                         size_t *len)
{
    *len = 0;
    if (b >= d->n_buildings)
        return NULL;
    ly_buf out = {0};
    put_row(&out, HEADER, LY_RC_COUNT);
    const ly_building *bl = &d->buildings[b];
    char wk[16], contact[1100] = "", rent[32] = ""; /* (a report's contact: 500 bytes) */
    ly_week_format(week, wk, sizeof wk);
    snprintf(contact, sizeof contact, "%s%s%s", bl->contact.name ? bl->contact.name : "",
             bl->contact.name && bl->contact.phone ? " " : "",
             bl->contact.phone ? bl->contact.phone : "");
    for (uint32_t r = bl->first_record; r < bl->first_record + bl->n_records; r++) {
        char floor[16], vacant[32];
        /* the floor's own asking rent last week; a vacant floor whose row gave none is to be
         * agreed (empty); else the building's (a building that never reported too) */
        double own = d->records[r].rent_cny_m2_day;
        rent[0] = '\0';
        if (own > 0)
            snprintf(rent, sizeof rent, "%.2f", own);
        else if (!(own < 0 && d->records[r].vacant_m2 > 0) && bl->rent_cny_m2_day > 0)
            snprintf(rent, sizeof rent, "%.2f", bl->rent_cny_m2_day);
        snprintf(floor, sizeof floor, "%d", d->records[r].floor);
        /* to the hundredth, as figures are kept (1200.5, 12.5: not rounded to 1200, 12) */
        int k = snprintf(vacant, sizeof vacant, "%.2f", d->records[r].vacant_m2);
        while (k > 0 && k < (int)sizeof vacant && strchr(vacant, '.') &&
               (vacant[k - 1] == '0' || vacant[k - 1] == '.'))
            vacant[--k] = '\0';
        const char *av = carry && carry->available ? carry->available[r] : "";
        const char *who = carry && carry->contact && carry->contact[r] ? carry->contact[r] : contact;
        const char *note = carry && carry->note && carry->note[r] ? carry->note[r] : "";
        const char *row[LY_RC_COUNT] = {wk, bl->id, floor, vacant, rent, av, who, note};
        put_row(&out, row, LY_RC_COUNT);
    }
    if (out.failed || !out.p) {
        ly_buf_free(&out);
        return NULL;
    }
    *len = out.len;
    return out.p;
}
