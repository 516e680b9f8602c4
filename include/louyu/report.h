/* louyu report: a building manager's weekly vacancy report, read and checked.
 *
 * A report is a CSV as a spreadsheet saves it (ly_csv: UTF-8 with or without a
 * BOM, GB18030 or UTF-16; commas, tabs or semicolons), a header row and then one row
 * per floor, range of adjacent floors or list of them ("3, 5-7": one ly_report_row per
 * part, each with its floors' share of the space), with space: week, building, floors, vacant_m2, and optionally
 * rent_cny_m2_day, available_from, contact and note (docs/reports.md). Headers
 * are matched in English or Chinese ("vacant_m2", "空置面积(平方米)").
 *
 * ly_report_read checks every row against the district it is for: a building
 * that does not exist, a floor outside it or without a floor record, more
 * vacant area than the floor has, numbers that are negative or absurd, a floor
 * given twice, a week other than the file's, a rent out of range. Every fault
 * is a diagnostic at the field's line and column (characters, whatever the
 * encoding) that names the column. A floor that goes from fully let to fully
 * vacant within a week is a warning. No GL, no SDL. */
#ifndef LOUYU_REPORT_H
#define LOUYU_REPORT_H

#include "louyu/csv.h"
#include "louyu/district.h"

#include <stdint.h>

typedef struct {
    uint32_t building;        /* index in the district */
    int floor_from, floor_to; /* 0 and 0: no floor given (the building is fully let) */
    double vacant_m2;         /* over the whole range */
    double rent;              /* CNY/m²/day; < 0 when not stated */
    const char *available_from, *contact, *note; /* as written ("" when empty), in the csv */
    int line;                 /* the row's line in the file */
    size_t vacant_at;         /* where its vacant_m2 is in the csv's text */
} ly_report_row;

typedef struct {
    ly_csv csv;
    int week; /* the file's week (year * 100 + week); 0 when no row gave one */
    size_t week_at; /* where the first row's week is in the csv's text */
    ly_report_row *rows;
    size_t n_rows;
} ly_report;

/* The report's columns, in the order a template writes them. */
typedef enum {
    LY_RC_WEEK,
    LY_RC_BUILDING,
    LY_RC_FLOORS,
    LY_RC_VACANT,
    LY_RC_RENT,
    LY_RC_AVAILABLE,
    LY_RC_CONTACT,
    LY_RC_NOTE,
    LY_RC_COUNT
} ly_report_column;

/* The column's name in the header a template writes ("vacant_m2/空置面积"). */
const char *ly_report_column_name(ly_report_column c);

/* Reads the report at `path` and checks it against district d. When d has a
 * weekly history, the week before the report's is what jumps are measured
 * from. Returns 0 when the report has no errors (warnings may be in diags), -1
 * otherwise; in every case call ly_report_free. */
int ly_report_read(ly_report *r, const char *path, const ly_district *d, ly_diag_list *diags);
/* The same from bytes already read (`path` names them in messages). */
int ly_report_parse(ly_report *r, const char *bytes, size_t len, const ly_district *d,
                    ly_diag_list *diags);
void ly_report_free(ly_report *r);

/* Whether a stored row is one an import could have written: its floors within the
 * building's (none only with nothing vacant), its vacant area finite, 0 or more and at most
 * its floors' area, its rent none (< 0) or 0.1-50 CNY/m²/day. False with what is wrong in
 * `why` (a store another program changed). */
bool ly_report_row_fits(const ly_district *d, const ly_report_row *r, char *why, size_t n);

/* The vacant m² that rows of building b give each of its floor records (out: one
 * slot per record of b, in order; floors the rows do not name get 0: let). A range
 * is shared among its floors in proportion to their areas. */
void ly_report_floor_vacancy(const ly_district *d, uint32_t b, const ly_report_row *rows,
                             size_t n, double *out);
/* The asking rent that rows of building b give each of its floor records (out as
 * above): a floor in a row with a rent has that rent, in a row without one -1 (to be
 * agreed); the others 0 (let, or the building's rent). */
void ly_report_floor_rents(const ly_district *d, uint32_t b, const ly_report_row *rows, size_t n,
                           double *out);

/* What a template carries over of last week's rows beyond d's figures, one slot per
 * floor record of d (ly_store_available's); each may be NULL, a slot NULL or empty. */
typedef struct {
    const char (*available)[16];
    char *const *contact, *const *note;
} ly_report_carry;

/* A pre-filled report for building b: every floor with a record, with the vacancy and
 * rent it has now in d, and what `carry` (may be NULL) says last week's rows gave (from
 * when it is free, the contact, the note; else the building's contact), for `week`.
 * Returns malloc'd UTF-8 text (NUL-terminated, *len bytes before the NUL), or NULL. */
char *ly_report_template(const ly_district *d, uint32_t b, int week, const ly_report_carry *carry,
                         size_t *len);

#endif
