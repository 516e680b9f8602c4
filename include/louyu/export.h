/* louyu export: the district written for other tools.
 *
 * CSV (ly_export_csv): the building stock, one row per building, or (floors) one row
 * per floor record. UTF-8 with a byte-order mark, so that Excel and WPS read Chinese
 * text right; CR LF line ends (RFC 4180); every text cell through ly_buf_csv, so a
 * cell a spreadsheet would take for a formula is neutralised; an unknown figure is an
 * empty cell, never 0 or -1. The header names the columns in `lang`; docs/cli.md
 * lists them. A selection (a list of building indices) limits the rows to those
 * buildings, in the selection's order.
 * Only the core: no GL, no SDL. */
#ifndef LOUYU_EXPORT_H
#define LOUYU_EXPORT_H

#include "louyu/district.h"
#include "louyu/html.h"

#include <stdbool.h>
#include <stddef.h>

typedef struct {
    bool floors;            /* one row per floor record instead of per building */
    ly_lang lang;           /* the header's language and the industries' names */
    const long *select;     /* building indices to write (NULL: every building) */
    size_t n_select;
} ly_export_csv_desc;

/* Writes the CSV into out (appended); out->failed says whether memory ran out. */
void ly_export_csv(const ly_district *d, const ly_export_csv_desc *desc, ly_buf *out);

/* The buildings named in `ids` (comma-separated), as indices into *out (malloc'd,
 * *n of them, in the list's order, each once). Returns 0, or -1 with the first id
 * that is not in the district (or "out of memory") in err. */
int ly_export_select(const ly_district *d, const char *ids, long **out, size_t *n, char *err,
                     size_t err_len);

#endif
