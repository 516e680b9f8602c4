/* What the workbook readers share (xlsx.c: .xlsx and .ods; xls.c: .xls): the CSV text they
 * write a sheet as (include/louyu/xlsx.h says its form), and how a number is shown: as a
 * date where its format says so. Core: no GL, no SDL. */
#ifndef LOUYU_SHEET_PRIVATE_H
#define LOUYU_SHEET_PRIVATE_H

#include <stdbool.h>
#include <stddef.h>

/* A growing text; fail once it would pass 64 MiB or memory ran out (nothing more is put). */
typedef struct {
    char *p;
    size_t n, cap;
    bool fail;
} ly_tbuf;

enum { LY_SHEET_MAX_TEXT = 64 * 1024 * 1024 };

/* s[0, n) at the end of t, NUL-terminated. */
void ly_tbuf_put(ly_tbuf *t, const char *s, size_t n);

/* A row's field for column `at` (from 0), quoted, after empty ones for the columns from *col
 * up to it; *col is then at + 1. */
void ly_sheet_field(ly_tbuf *row, long *col, long at, const char *s);

/* Whether a built-in number format (its id) or a format's code shows a date. */
bool ly_sheet_builtin_date(int id);
bool ly_sheet_code_is_date(const char *code);

/* A date's serial number (days since 1899-12-30, or 1904-01-01 in a workbook of the 1904
 * system) as YYYY-MM-DD, with HH:MM when it has a time of day. */
void ly_sheet_serial_date(double serial, bool date1904, char *out, size_t n);

#endif
