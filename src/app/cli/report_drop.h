/* A weekly report dropped on the viewer's window: imported into the store the viewer shows,
 * whole or not at all, as `louyu report import` does, on a thread of its own; the toast
 * says what came of it and the viewer then shows the store again. */
#ifndef LOUYU_REPORT_DROP_H
#define LOUYU_REPORT_DROP_H

#include "../app.h"

#include <stdbool.h>

typedef struct ly_report_drop ly_report_drop;

/* Whether a file is a weekly report by its name (.csv, .txt, .tsv, .xlsx, .xls, .ods, .xml,
 * .htm, .html). */
bool ly_report_drop_is_report(const char *path);

/* Starts importing `report` into `store` (the toast says so); NULL when no thread could
 * be made (the toast says why). */
ly_report_drop *ly_report_drop_start(ly_app *app, const char *report, const char *store);

/* Whether the import has ended. */
bool ly_report_drop_done(ly_report_drop *d);

/* Waits for the import's end, says in the toast and the log what came of it, and frees
 * it. True when the store changed (the viewer shows it again). */
bool ly_report_drop_finish(ly_report_drop *d, ly_app *app);

#endif
