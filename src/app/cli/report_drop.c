/* A weekly report dropped on the viewer's window (report_drop.h). The import runs on a
 * thread, as the command's does: SQLite keeps the store whole if the viewer ends meanwhile,
 * and the loader thread reads the store as it was until the import commits. */
#include "report_drop.h"
#include "../commands.h"
#include "louyu/log.h"
#include "louyu/store.h"
#include "louyu/strings.h"
#include "louyu/week.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct ly_report_drop {
    pthread_t thread;
    char *report, *store;
    atomic_bool done;
    int rc; /* LY_IMPORT_* */
    ly_import_summary sum;
    size_t errors;
    char err[1024];  /* why the store refused it, or could not be written */
    char first[600]; /* its first error: "LINE:COL: message" */
};

bool ly_report_drop_is_report(const char *path)
{
    static const char *const EXT[] = {".csv", ".txt", ".tsv", ".xlsx", ".xls", ".ods",
                                      ".xml", ".htm", ".html"};
    const char *dot = strrchr(path, '.'), *slash = strrchr(path, '/');
    if (!dot || (slash && dot < slash))
        return false;
    for (size_t i = 0; i < sizeof EXT / sizeof *EXT; i++)
        if (!strcasecmp(dot, EXT[i]))
            return true;
    return false;
}

static void *import_main(void *arg)
{
    ly_report_drop *d = arg;
    ly_diag_list diags;
    ly_diag_list_init(&diags, d->report);
    d->rc = ly_store_import(d->store, d->report, false, &d->sum, NULL, &diags, d->err,
                            sizeof d->err);
    ly_diag_sort(&diags);
    d->errors = diags.errors;
    for (size_t i = 0; i < diags.count; i++) {
        const ly_diag *g = &diags.items[i];
        if (g->severity != LY_DIAG_ERROR)
            continue;
        if (g->line > 0)
            snprintf(d->first, sizeof d->first, "%d:%d: %s", g->line, g->col, g->message);
        else
            snprintf(d->first, sizeof d->first, "%s", g->message);
        break;
    }
    ly_diag_list_deinit(&diags);
    atomic_store(&d->done, true);
    return NULL;
}

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

ly_report_drop *ly_report_drop_start(ly_app *app, const char *report, const char *store)
{
    char text[1400];
    ly_lang lang = app->st.lang;
    ly_report_drop *d = calloc(1, sizeof *d);
    if (d) {
        d->report = strdup(report);
        d->store = strdup(store);
    }
    if (!d || !d->report || !d->store || pthread_create(&d->thread, NULL, import_main, d)) {
        if (d) {
            free(d->report);
            free(d->store);
        }
        free(d);
        snprintf(text, sizeof text, ly_str(LY_S_IMPORT_REFUSED, lang), base_name(report),
                 "out of memory");
        ly_cmd_tell(app, false, text);
        return NULL;
    }
    LY_INFO("IMPORT", "%s dropped on the window: importing it into %s", report, store);
    snprintf(text, sizeof text, ly_str(LY_S_IMPORTING, lang), base_name(report));
    ly_cmd_tell(app, true, text);
    return d;
}

bool ly_report_drop_done(ly_report_drop *d)
{
    return atomic_load(&d->done);
}

bool ly_report_drop_finish(ly_report_drop *d, ly_app *app)
{
    pthread_join(d->thread, NULL);
    ly_lang lang = app->st.lang;
    const char *name = base_name(d->report);
    char text[1400], week[16];
    bool changed = false;
    if (d->rc == LY_IMPORT_BAD) {
        snprintf(text, sizeof text, ly_str(LY_S_IMPORT_BAD, lang), name, d->errors, d->first);
        LY_WARN("IMPORT", "%s not imported: %zu error%s, the first %s (the store is unchanged)",
                d->report, d->errors, d->errors == 1 ? "" : "s", d->first);
    } else if (d->rc != LY_IMPORT_OK) {
        snprintf(text, sizeof text, ly_str(LY_S_IMPORT_REFUSED, lang), name, d->err);
        LY_WARN("IMPORT", "%s not imported: %s", d->report, d->err);
    } else if (d->sum.already) {
        snprintf(text, sizeof text, ly_str(LY_S_IMPORT_SAME, lang), name, d->sum.already_at);
        LY_INFO("IMPORT", "%s: already imported on %s; nothing to do", d->report,
                d->sum.already_at);
    } else {
        ly_week_format(d->sum.week, week, sizeof week);
        snprintf(text, sizeof text, ly_str(LY_S_IMPORTED, lang), name, week, d->sum.rows);
        LY_INFO("IMPORT", "%s: imported %s, %zu rows into %s", d->report, week, d->sum.rows,
                d->store);
        changed = true;
    }
    ly_cmd_tell(app, d->rc == LY_IMPORT_OK, text);
    ly_import_summary_free(&d->sum);
    free(d->report);
    free(d->store);
    free(d);
    return changed;
}
