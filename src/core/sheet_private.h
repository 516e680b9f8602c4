/* What the workbook readers share (xlsx.c: .xlsx and .ods; xls.c: .xls): the CSV text they
 * write a sheet as (include/louyu/xlsx.h says its form), and how a number is shown: as a
 * date where its format says so. Core: no GL, no SDL. */
#ifndef LOUYU_SHEET_PRIVATE_H
#define LOUYU_SHEET_PRIVATE_H

#include "louyu/csv.h"
#include "louyu/diag.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A growing text; fail once it would pass 64 MiB or memory ran out (nothing more is put). */
typedef struct {
    char *p;
    size_t n, cap;
    bool fail;
} ly_tbuf;

enum { LY_SHEET_MAX_TEXT = 64 * 1024 * 1024, LY_SHEET_MAX_COLS = 16384 };

/* s[0, n) at the end of t, NUL-terminated. */
void ly_tbuf_put(ly_tbuf *t, const char *s, size_t n);

/* A row's field for column `at` (from 0), quoted, after empty ones for the columns from *col
 * up to it; *col is then at + 1. */
void ly_sheet_field(ly_tbuf *row, long *col, long at, const char *s);

/* How a number format shows a number: as it is, as a date, or as a percentage. */
typedef enum { LY_SHOWN_NUMBER, LY_SHOWN_DATE, LY_SHOWN_PERCENT } ly_sheet_shown;

/* What a built-in number format (its id) or a format's code shows. */
ly_sheet_shown ly_sheet_builtin_shown(int id);
ly_sheet_shown ly_sheet_code_shown(const char *code);

/* Number x as a format of that kind shows it: a date (ly_sheet_serial_date, for a serial
 * in range), a percentage ("35%" for 0.35), else the shortest text that reads back the same
 * to 15 digits. */
void ly_sheet_show_number(ly_sheet_shown kind, double x, bool date1904, char *out, size_t n);

/* A date's serial number (days since 1899-12-30, or 1904-01-01 in a workbook of the 1904
 * system) as YYYY-MM-DD, with HH:MM when it has a time of day. */
void ly_sheet_serial_date(double serial, bool date1904, char *out, size_t n);

/* An ISO 8601 date (or date and time: "2011-05-16T00:00:00.000") as a date cell shows it,
 * YYYY-MM-DD with HH:MM when it has a time of day, into out; false when v is no such date.
 * (.xlsx's ISO date cells, .ods's date-value, SpreadsheetML's DateTime.) */
bool ly_sheet_iso_date(const char *v, char *out, size_t n);

/* One error with no position (the caller's file is its place), as printf. */
void ly_sheet_fail(ly_diag_list *diags, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The same at a cell: its row and column (from 1) as the fault's line and column. */
void ly_sheet_fail_at(ly_diag_list *diags, long row, long col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Little-endian numbers in a file's bytes. */
static inline uint32_t ly_le16(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8;
}

static inline uint32_t ly_le32(const unsigned char *p)
{
    return ly_le16(p) | ly_le16(p + 2) << 16;
}

/* The end of a reader: with ok, *text is the sheet's CSV text (out's, or "" for none), every
 * row as wide as the widest; without, out is freed. 0, or -1 when not ok or out of memory. */
int ly_sheet_finish(ly_tbuf *out, bool ok, char **text, size_t *text_len);

/* Cells merged over rows row0..row1 (from 1) and columns col0..col1 (from 0), added to m
 * (NULL: not wanted; one row: not a merge over rows). */
void ly_sheet_merge(ly_csv_merges *m, long row0, long row1, long col0, long col1);

/* Cells that span rows (an HTML rowspan, SpreadsheetML's MergeDown): per column, the row
 * (counted as `row` counts the rows ended) before which a cell above covers it; so a row's
 * end is one step, however wide the sheet. */
typedef struct {
    long *below;
    size_t cap;
    long row; /* rows ended */
    bool nomem;
} ly_sheet_spans;

/* The first column from `at` that no cell above covers. */
long ly_sheet_uncovered(const ly_sheet_spans *sp, long at);
/* A cell at column `at`, `cols` wide, covering `rows` rows from its own (up to column
 * LY_SHEET_MAX_COLS). */
void ly_sheet_cover(ly_sheet_spans *sp, long at, long cols, long rows);
/* The row has ended: every span runs one row further down. */
void ly_sheet_next_row(ly_sheet_spans *sp);

#endif
