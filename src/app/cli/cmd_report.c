/* louyu report template | import | history | diff | log: the weekly vacancy
 * reports and the store that keeps them (docs/reports.md). */
#include "data.h"
#include "louyu/csv.h"
#include "louyu/file.h"
#include "louyu/log.h"
#include "louyu/report.h"
#include "louyu/stats.h"
#include "louyu/store.h"
#include "louyu/week.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <strings.h>
#include <unistd.h>

/* The store a report command works on: --db, else the bundled one. */
static const char *store_path(const ly_args *a)
{
    return ly_arg_text(a, "--db", ly_default_store_path());
}

/* Whether the store is there and is one; prints why not. */
static int check_store(const ly_args *a)
{
    const char *db = store_path(a);
    char why[1024];
    /* (an SQLite file that is not a store louyu can read: another tool's GeoPackage, a GDAL
     * copy of a store's layers, whose weeks would be read as none, a damaged one) */
    if (ly_store_is(db) && ly_store_check(db, why, sizeof why)) {
        fprintf(stderr, "louyu %s: the store %s %s\n", a->cmd->name, db, why);
        return LY_EXIT_USAGE;
    }
    if (ly_store_is(db))
        return 0;
    if (access(db, F_OK))
        fprintf(stderr, "louyu %s: %s: %s (louyu convert makes a store from a district file)\n",
                a->cmd->name, db, strerror(errno));
    else
        fprintf(stderr, "louyu %s: %s is not a louyu store: expected a GeoPackage made by "
                        "`louyu convert` (or the bundled one)\n",
                a->cmd->name, db);
    return LY_EXIT_USAGE;
}

/* Loads the store with its history; prints why not. */
static int load_store(const ly_args *a, ly_district *d)
{
    int rc = check_store(a);
    return rc ? rc : ly_cli_load_district(d, store_path(a), NULL);
}

/* The index of `week` in the history: the week itself, or a week with no reports as the
 * latest week before it (each building's figures carry forward until its next report;
 * said); -1 (and a message) before the first week or with none. */
static long week_index(const ly_district *d, int week, const char *cmd)
{
    long at = -1;
    for (size_t i = 0; i < d->n_weeks && d->weeks[i] <= week; i++)
        at = (long)i;
    char w[16], a[16];
    if (at >= 0 && d->weeks[at] != week)
        fprintf(stderr, "louyu %s: %s has no reports: its figures are those of %s, each "
                        "building's latest report before it\n",
                cmd, ly_week_format(week, w, sizeof w), ly_week_format(d->weeks[at], a, sizeof a));
    if (at >= 0)
        return at;
    if (d->n_weeks)
        fprintf(stderr, "louyu %s: %s is before the store's first report: expected a week from "
                        "%s on\n",
                cmd, ly_week_format(week, w, sizeof w), ly_week_format(d->weeks[0], a, sizeof a));
    else
        fprintf(stderr, "louyu %s: the store has no weekly reports yet (louyu report import "
                        "adds them)\n", cmd);
    return -1;
}

/* A file name as one line of text (a name may hold a line break or a terminal's escape:
 * printed raw, it could forge a line of the log or of a message); malloc'd, NULL without
 * memory. */
static char *one_line(const char *name)
{
    size_t n = strlen(name) * 6 + 8; /* (\u001b: six bytes for one) */
    char *out = malloc(n);
    return out ? ly_text_one_line(out, n, name) : NULL;
}

static long building_arg(const ly_args *a, const ly_district *d, const char *id)
{
    return ly_cli_building(a->cmd->name, store_path(a), d, id);
}

/* ---- template -------------------------------------------------------------------- */

/* The template's week without --week: the week after the last one reported, or this
 * data's week; after a report for next week (which the import takes), that week, the latest
 * one can report, not the one after it, which has not begun. */
static int default_week(const ly_district *d)
{
    int week = d->n_weeks ? ly_week_next(d->weeks[d->n_weeks - 1]) : 0;
    long days;
    if (!week)
        week = d->meta.data_date && ly_date_parse(d->meta.data_date, &days)
                   ? ly_week_of_day(days)
                   : 202001;
    int this_week;
    if (!ly_week_reportable(week, &this_week) &&
        ly_week_reportable(ly_week_next(this_week), &this_week))
        week = ly_week_next(this_week);
    return week;
}

/* A default week that has fallen behind the clock (weeks without reports: the holidays) is
 * said: today's figures filed under it would show an old week as the latest. */
static void say_behind(const ly_district *d, int week)
{
    int this_week;
    char w1[16], w2[16], w3[16];
    if (!ly_week_reportable(week, &this_week) || week >= ly_week_prev(this_week))
        return;
    fprintf(stderr, "louyu report template: the template is for %s, %s%s; this is %s by this "
                    "computer's clock: for this week's figures, --week %s\n",
            ly_week_format(week, w1, sizeof w1),
            d->n_weeks ? "the week after the latest report, " : "the week of the district's data",
            d->n_weeks ? ly_week_format(d->weeks[d->n_weeks - 1], w2, sizeof w2) : "",
            ly_week_format(this_week, w3, sizeof w3), w3);
}

int ly_cli_report_template(const ly_args *a)
{
    const char *out = ly_arg_text(a, "--out", NULL);
    if (out && !strcmp(out, "-")) /* stdout, as export's and synth's "-" */
        out = NULL;
    const char *dot = out ? strrchr(out, '.') : NULL;
    if (dot && (!strcasecmp(dot, ".xlsx") || !strcasecmp(dot, ".xls") || !strcasecmp(dot, ".ods")))
        return ly_cli_usage_error(a->cmd, "the template is a CSV file: name it .csv, not %s "
                                          "(Excel and LibreOffice open it, and save it as %s)",
                                  dot, dot);
    int rc = out ? ly_cli_out_check(a->cmd, out, false, store_path(a)) : 0;
    if (rc)
        return rc;
    ly_district d;
    rc = load_store(a, &d);
    if (rc)
        return rc;
    long b = building_arg(a, &d, ly_arg_pos(a, 0));
    int week = 0;
    if (b < 0)
        rc = LY_EXIT_USAGE;
    else if (!d.buildings[b].n_records) /* (its header alone would be a form nobody can fill) */
        rc = ly_cli_usage_error(a->cmd, "%s has no floor records in the store: a weekly report "
                                        "gives the vacancy of floors whose areas the district "
                                        "records; expected a building that has them (in `louyu "
                                        "info STORE`, the ones with an occupancy)",
                                d.buildings[b].id);
    else if (ly_arg_given(a, "--week"))
        rc = ly_cli_week(a, ly_arg_text(a, "--week", ""), &week);
    else
        week = default_week(&d);
    int this_week;
    char w1[16], w2[16];
    if (!rc && !ly_arg_given(a, "--week"))
        say_behind(&d, week);
    if (!rc && week && !ly_week_reportable(week, &this_week))
        rc = ly_cli_usage_error(a->cmd, "--week %s has not begun (this week is %s by this "
                                        "computer's clock): a report for it would be refused; "
                                        "expected the week the figures are for",
                                ly_week_format(week, w1, sizeof w1),
                                ly_week_format(this_week, w2, sizeof w2));
    /* last week's values: the latest week before the one asked for; with none before it
     * (a late report for an earlier week, the first redone), the district as converted:
     * what the import compares such a week with */
    for (size_t i = 0; !rc && i < d.n_weeks && d.weeks[i] < week; i++)
        ly_district_set_week(&d, i);
    if (!rc && d.n_weeks && d.weeks[0] >= week) {
        ly_district_unload(&d);
        ly_diag_list diags;
        ly_diag_list_init(&diags, store_path(a));
        if (ly_store_load_converted(&d, store_path(a), &diags) != LY_LOAD_OK) {
            for (size_t i = 0; i < diags.count; i++)
                ly_diag_print(stderr, &diags, &diags.items[i]);
            rc = LY_EXIT_DATA;
        }
        ly_diag_list_deinit(&diags);
    }
    /* and what last week's rows gave beyond the figures: from when, who, a note */
    size_t nr = d.n_records + 1;
    char(*avail)[16] = rc ? NULL : calloc(nr, sizeof *avail);
    char **who = avail ? calloc(nr, sizeof *who) : NULL, **note = who ? calloc(nr, sizeof *note) : NULL;
    char why[512] = "out of memory";
    if (!rc && (!note || ly_store_available(store_path(a), &d, avail, who, note, why, sizeof why))) {
        fprintf(stderr, "louyu report template: %s: %s\n", store_path(a), why);
        rc = LY_EXIT_DATA;
    }
    ly_report_carry carry = {(const char(*)[16])avail, who, note};
    size_t len = 0, out_len = 0;
    char *text = rc ? NULL : ly_report_template(&d, (uint32_t)b, week, &carry, &len);
    for (size_t r = 0; note && r < d.n_records; r++)
        free(who[r]), free(note[r]);
    free(avail);
    free(who);
    free(note);
    const char *enc = ly_arg_text(a, "--encoding", "utf-8-bom");
    ly_csv_encoding e = !strcmp(enc, "gb18030") ? LY_CSV_GB18030
                        : !strcmp(enc, "utf-8") ? LY_CSV_UTF8
                                                : LY_CSV_UTF8_BOM;
    char *bytes = text ? ly_csv_encode(text, len, e, &out_len) : NULL;
    if (!rc && !bytes) {
        fprintf(stderr, "louyu report template: the template cannot be written in %s\n", enc);
        rc = LY_EXIT_DATA;
    }
    if (!rc && !out && fwrite(bytes, 1, out_len, stdout) != out_len) {
        fprintf(stderr, "louyu report template: cannot write to stdout\n");
        rc = LY_EXIT_USAGE;
    }
    char err[4200];
    if (!rc && out && ly_file_write_atomic(out, bytes, out_len, err, sizeof err)) {
        fprintf(stderr, "louyu report template: %s\n", err);
        rc = LY_EXIT_USAGE;
    }
    free(text);
    free(bytes);
    ly_district_unload(&d);
    return rc;
}

/* ---- import ----------------------------------------------------------------------- */

static void print_changes(const ly_district *d, const ly_import_summary *s)
{
    double vac = 0, let = 0;
    size_t rents = 0;
    for (size_t i = 0; i < s->n_changes; i++) {
        const ly_import_change *c = &s->changes[i];
        char buf[320], a[32], b[32];
        printf("  %10s m² newly vacant %10s m² newly let  %s\n",
               ly_thousands(round(c->newly_vacant), a, sizeof a),
               ly_thousands(round(c->newly_let), b, sizeof b),
               ly_cli_title(&d->buildings[c->building], LY_LANG_EN, " / ", buf, sizeof buf));
        if (c->rent_changed) {
            char x[96], y[96];
            if (!ly_rent_span_text(c->rent_was, "CNY/m²/day", "to be agreed", x, sizeof x))
                snprintf(x, sizeof x, "none given");
            if (!ly_rent_span_text(c->rent_now, "CNY/m²/day", "to be agreed", y, sizeof y))
                snprintf(y, sizeof y, "none given");
            printf("  %10s asking rent %s -> %s\n", "", x, y);
            rents++;
        }
        vac += c->newly_vacant;
        let += c->newly_let;
    }
    char a[32], b[32], w[16];
    /* what it was counted against: the store's week before (the one week of history the
     * import read), or, with none, the district as converted */
    char against[96] = "the district as converted";
    if (d->n_weeks) /* (weeks without reports between them: not "the week before") */
        snprintf(against, sizeof against, "%s, %s", ly_week_format(d->weeks[0], w, sizeof w),
                 d->weeks[0] == ly_week_prev(s->week) ? "the week before"
                                                       : "the latest week reported before it");
    char r[80] = "", nr[32], nb[32];
    if (rents)
        snprintf(r, sizeof r, ", %s asking rent%s changed",
                 ly_thousands((double)rents, nr, sizeof nr), rents == 1 ? "" : "s");
    printf("  %s building%s changed: %s m² newly vacant, %s m² newly let%s (against %s)\n",
           ly_thousands((double)s->n_changes, nb, sizeof nb), s->n_changes == 1 ? "" : "s",
           ly_thousands(round(vac), a, sizeof a), ly_thousands(round(let), b, sizeof b), r,
           against);
}

/* One file: whole or not at all. Returns its exit status. */
static int import_one(const ly_args *a, const char *path)
{
    const char *db = store_path(a);
    /* the file as it is named in every line said of it: one line, whatever its name holds */
    char *file = one_line(path), *store = one_line(db);
    if (!file || !store) {
        free(file);
        free(store);
        fprintf(stderr, "louyu report import: out of memory\n");
        return LY_EXIT_USAGE;
    }
    ly_diag_list diags;
    ly_diag_list_init(&diags, file);
    ly_import_summary s;
    char err[1024];
    ly_district before; /* the store as the import found it: the buildings' names */
    unsigned flags = (ly_arg_flag(a, "--replace") ? LY_IMPORT_REPLACE : 0) |
                     (ly_arg_flag(a, "--gap") ? LY_IMPORT_GAP : 0);
    int r = ly_store_import(db, path, flags, &s, &before, &diags, err, sizeof err);
    const ly_district *d = &before;
    ly_diag_sort(&diags);
    fflush(stdout); /* the file's problems after the lines about the files before it */
    /* (a file imported before: its warnings were said then, and nothing is imported now) */
    bool same = r != LY_IMPORT_BAD && r != LY_IMPORT_REFUSED && r != LY_IMPORT_FAILED &&
                s.already;
    for (size_t i = 0; i < diags.count && !same; i++)
        ly_diag_print(stderr, &diags, &diags.items[i]);
    if (!same && diags.errors + diags.warnings > diags.count) /* (the first 1000, in order) */
        fprintf(stderr, "%s: %zu more not shown\n", file,
                diags.errors + diags.warnings - diags.count);
    char w[16];
    int rc = LY_EXIT_OK;
    if (r == LY_IMPORT_BAD) {
        fprintf(stderr, "%s: not imported: %zu error%s, %zu warning%s (the store is unchanged)\n",
                file, diags.errors, diags.errors == 1 ? "" : "s", diags.warnings,
                diags.warnings == 1 ? "" : "s");
        /* a file that cannot be read (not there, a folder, a device) is no report's error:
         * a cron job tells an empty drop folder from a bad report by it */
        struct stat st;
        FILE *f = stat(path, &st) || !S_ISREG(st.st_mode) ? NULL : fopen(path, "rb");
        rc = f ? LY_EXIT_DATA : LY_EXIT_USAGE;
        if (f)
            fclose(f);
    } else if (r == LY_IMPORT_REFUSED || r == LY_IMPORT_FAILED) {
        fprintf(stderr, "%s: not imported: %s\n", file, err);
        rc = r == LY_IMPORT_REFUSED ? LY_EXIT_DATA : LY_EXIT_USAGE;
    } else if (s.already) {
        printf("%s: already imported into %s on %s (the same file, SHA-256 %.12s…): nothing "
               "to do\n", file, store, s.already_at, s.sha256);
    } else { /* (the store named: without --db it is the bundled one) */
        printf("%s: imported %s, %zu row%s into %s%s", file, ly_week_format(s.week, w, sizeof w),
               s.rows, s.rows == 1 ? "" : "s", store, diags.warnings ? "" : "\n");
        if (diags.warnings)
            printf(", %zu warning%s\n", diags.warnings, diags.warnings == 1 ? "" : "s");
        if (s.replaced)
            printf("  replaced %zu row%s of earlier reports (kept in the log)\n", s.replaced,
                   s.replaced == 1 ? "" : "s");
        print_changes(d, &s);
    }
    ly_import_summary_free(&s);
    ly_diag_list_deinit(&diags);
    ly_district_unload(&before);
    free(file);
    free(store);
    fflush(stdout); /* (its line out before the next file's work: a stop then loses none) */
    return rc;
}

int ly_cli_report_import(const ly_args *a)
{
    /* a store among the files (--db forgotten: `report import mine.gpkg wtc.csv`) would be
     * read as a bad report, and the reports after it go into the bundled store, which the
     * user did not name: the whole command is refused before anything is imported */
    for (int i = 0; i < a->n_pos; i++) {
        const char *f = ly_arg_pos(a, i);
        if (!ly_store_is(f))
            continue;
        char *name = one_line(f);
        if (ly_arg_given(a, "--db"))
            fprintf(stderr, "louyu report import: %s is a store, not a report: expected report "
                            "files (CSV or workbooks) after the store given by --db; nothing "
                            "was imported\n", name ? name : f);
        else
            fprintf(stderr, "louyu report import: %s is a store, not a report: did you mean "
                            "--db %s? (nothing was imported)\n", name ? name : f,
                    name ? name : f);
        free(name);
        return LY_EXIT_USAGE;
    }
    int rc = check_store(a);
    if (rc)
        return rc;
    for (int i = 0; i < a->n_pos; i++) {
        int r = import_one(a, ly_arg_pos(a, i));
        rc = r > rc ? r : rc;
    }
    return rc;
}

/* ---- history ---------------------------------------------------------------------- */

int ly_cli_report_history(const ly_args *a)
{
    ly_district d;
    int rc = load_store(a, &d);
    if (rc)
        return rc;
    long b = building_arg(a, &d, ly_arg_pos(a, 0));
    if (b < 0) {
        ly_district_unload(&d);
        return LY_EXIT_USAGE;
    }
    const ly_building *bl = &d.buildings[b];
    /* the area to let, as info, stats and the export give it: its plant and parking floors
     * left out (every floor record's area had made 14.4 % vacant where info said 15.1 %) */
    double area = 0;
    ly_building_occupancy(&d, bl, &area, NULL);
    bool json = ly_arg_flag(a, "--json");
    cJSON *arr = json ? cJSON_CreateArray() : NULL;
    char buf[320], w[16], v[32];
    if (!json)
        printf("%s  [%s]: %zu week%s, %s m² recorded\n\n%-9s %12s %9s %8s  %s\n",
               ly_cli_title(bl, LY_LANG_EN, "  ", buf, sizeof buf), bl->id, d.n_weeks,
               d.n_weeks == 1 ? "" : "s", ly_thousands(area, v, sizeof v), "Week", "Vacant m²",
               "Vacancy", "Rent", "Reported");
    bool ever = false; /* reported in a week up to this one */
    for (size_t i = 0; i < d.n_weeks; i++) {
        double vac = 0;
        ly_building_occupancy_in_week(&d, bl, i, &area, &vac);
        double rent = d.week_rent[i * d.n_buildings + (size_t)b];
        bool reported = d.week_reported[i * d.n_buildings + (size_t)b];
        ever |= reported;
        ly_week_format(d.weeks[i], w, sizeof w);
        if (json) {
            cJSON *o = cJSON_CreateObject();
            cJSON_AddStringToObject(o, "week", w);
            ly_json_num_or_null(o, "vacant_m2", bl->n_records ? round(vac * 10) / 10 : -1);
            ly_json_num_or_null(o, "vacancy_rate", area > 0 ? vac / area : -1);
            ly_json_num_or_null(o, "rent_cny_m2_day", rent > 0 ? round(rent * 100) / 100 : -1);
            cJSON_AddBoolToObject(o, "reported", reported);
            cJSON_AddItemToArray(arr, o);
        } else {
            /* no floor records: neither vacant m² nor a share is known ("-", not 0 %) */
            char rs[16] = "-", share[16] = "-";
            if (rent > 0)
                snprintf(rs, sizeof rs, "%.2f", rent);
            if (area > 0)
                snprintf(share, sizeof share, "%.1f %%", 100 * vac / area);
            printf("%-9s %12s %9s %8s  %s\n", w,
                   bl->n_records ? ly_thousands(round(vac), v, sizeof v) : "-", share, rs,
                   reported ? "yes" : ever ? "no (as before)" : "no (as the district file has it)");
        }
    }
    if (json)
        ly_json_print(arr);
    ly_district_unload(&d);
    return LY_EXIT_OK;
}

/* ---- diff ------------------------------------------------------------------------- */

typedef struct {
    size_t building;
    double was, now;
} diff_row;

/* A building whose asking rent (over its floors with space to let) differs. */
typedef struct {
    size_t building;
    ly_rent_span was, now;
} rent_row;

/* A building's entry in a diff's JSON: its id and names, for the figures to follow. */
static cJSON *building_json(const ly_building *b)
{
    cJSON *r = cJSON_CreateObject();
    cJSON_AddStringToObject(r, "id", b->id);
    ly_json_str(r, "name", b->name);
    ly_json_str(r, "name_en", b->name_en);
    return r;
}

static cJSON *span_json(ly_rent_span s)
{
    cJSON *o = cJSON_CreateObject();
    ly_json_num_or_null(o, "min", s.lo > 0 ? ly_rent_cents(s.lo) : -1);
    ly_json_num_or_null(o, "max", s.hi > 0 ? ly_rent_cents(s.hi) : -1);
    cJSON_AddBoolToObject(o, "to_be_agreed", s.agreed);
    return o;
}

/* The buildings whose asking rent changed: into the JSON (o), or as text. */
static void diff_rents(cJSON *o, const ly_district *d, const rent_row *rows, size_t n, bool gap)
{
    cJSON *arr = o ? cJSON_AddArrayToObject(o, "rents") : NULL;
    if (!o && n) /* (gap: a blank line after the buildings listed above) */
        printf("%sAsking rents of the floors with space to let:\n\n", gap ? "\n" : "");
    for (size_t i = 0; i < n; i++) {
        const ly_building *b = &d->buildings[rows[i].building];
        if (arr) {
            cJSON *r = building_json(b);
            cJSON_AddItemToObject(r, "from", span_json(rows[i].was));
            cJSON_AddItemToObject(r, "to", span_json(rows[i].now));
            cJSON_AddItemToArray(arr, r);
            continue;
        }
        char buf[320], x[96], y[96];
        if (!ly_rent_span_text(rows[i].was, "CNY/m²/day", "to be agreed", x, sizeof x))
            snprintf(x, sizeof x, "none given");
        if (!ly_rent_span_text(rows[i].now, "CNY/m²/day", "to be agreed", y, sizeof y))
            snprintf(y, sizeof y, "none given");
        printf("  %s: %s -> %s\n", ly_cli_title(b, LY_LANG_EN, " / ", buf, sizeof buf), x, y);
    }
}

static int by_change(const void *x, const void *y)
{
    const diff_row *a = x, *b = y;
    double da = fabs(a->now - a->was), db = fabs(b->now - b->was);
    return da < db ? 1 : da > db ? -1 : (a->building > b->building) - (a->building < b->building);
}

static void diff_print(const ly_args *a, const ly_district *d, const diff_row *rows, size_t n,
                       const rent_row *rents, size_t n_rents, int w1, int w2)
{
    char s1[16], s2[16], buf[320], x[32], y[32], z[32];
    ly_week_format(w1, s1, sizeof s1);
    ly_week_format(w2, s2, sizeof s2);
    double was = 0, now = 0;
    for (size_t i = 0; i < n; i++)
        was += rows[i].was, now += rows[i].now;
    /* JSON to the tenth of a m², as report history gives it, each change the difference
     * of the figures given; the text in whole m², each change that of the totals shown */
#define TENTH(v) (round((v) * 10) / 10)
    if (ly_arg_flag(a, "--json")) {
        cJSON *o = cJSON_CreateObject(), *arr = cJSON_CreateArray();
        cJSON_AddStringToObject(o, "from", s1);
        cJSON_AddStringToObject(o, "to", s2);
        cJSON_AddNumberToObject(o, "vacant_m2_from", TENTH(was));
        cJSON_AddNumberToObject(o, "vacant_m2_to", TENTH(now));
        for (size_t i = 0; i < n; i++) {
            const ly_building *b = &d->buildings[rows[i].building];
            if (TENTH(rows[i].now) == TENTH(rows[i].was)) /* listed where its figures differ */
                continue;
            cJSON *r = building_json(b);
            cJSON_AddNumberToObject(r, "vacant_m2_from", TENTH(rows[i].was));
            cJSON_AddNumberToObject(r, "vacant_m2_to", TENTH(rows[i].now));
            cJSON_AddNumberToObject(r, "change_m2", TENTH(TENTH(rows[i].now) - TENTH(rows[i].was)));
            cJSON_AddItemToArray(arr, r);
        }
        cJSON_AddItemToObject(o, "buildings", arr);
        diff_rents(o, d, rents, n_rents, false);
        ly_json_print(o);
        return;
    }
#undef TENTH
    char dz[40];
    double delta = round(now) - round(was);
    printf("Vacant space from %s to %s: %s m² -> %s m² (%s%s m²)\n\n", s1, s2,
           ly_thousands(round(was), x, sizeof x), ly_thousands(round(now), y, sizeof y),
           delta > 0 ? "+" : delta < 0 ? "-" : "\u00b1", ly_thousands(fabs(delta), dz, sizeof dz));
    bool listed = false;
    for (size_t i = 0; i < n; i++) {
        double ch = round(rows[i].now) - round(rows[i].was);
        if (ch == 0) /* (its whole m² the same) */
            continue;
        listed = true;
        /* the name last: a long (or Chinese) one pushes no figure out of its column */
        char sz[40];
        snprintf(sz, sizeof sz, "%s%s m²", ch > 0 ? "+" : "-",
                 ly_thousands(round(fabs(ch)), z, sizeof z));
        printf("  %10s -> %10s  %12s  %s\n", ly_thousands(round(rows[i].was), x, sizeof x),
               ly_thousands(round(rows[i].now), y, sizeof y), sz,
               ly_cli_title(&d->buildings[rows[i].building], LY_LANG_EN, " / ", buf, sizeof buf));
    }
    diff_rents(NULL, d, rents, n_rents, listed);
}

int ly_cli_report_diff(const ly_args *a)
{
    int w1, w2, rc;
    if ((rc = ly_cli_week(a, ly_arg_pos(a, 0), &w1)) || (rc = ly_cli_week(a, ly_arg_pos(a, 1), &w2)))
        return rc;
    ly_district d;
    if ((rc = load_store(a, &d)))
        return rc;
    long i1 = week_index(&d, w1, a->cmd->name), i2 = i1 < 0 ? -1 : week_index(&d, w2, a->cmd->name);
    diff_row *rows = calloc(d.n_buildings + 1, sizeof *rows);
    rent_row *rents = calloc(d.n_buildings + 1, sizeof *rents);
    size_t n_rents = 0;
    if (i1 < 0 || i2 < 0 || !rows || !rents) {
        rc = LY_EXIT_USAGE;
    } else {
        for (size_t b = 0; b < d.n_buildings; b++) {
            const ly_building *bl = &d.buildings[b];
            /* vacant as stats and history count it (under 1 m² let, plant not let) */
            rows[b] = (diff_row){.building = b};
            ly_building_occupancy_in_week(&d, bl, (size_t)i1, NULL, &rows[b].was);
            ly_building_occupancy_in_week(&d, bl, (size_t)i2, NULL, &rows[b].now);
            rent_row r = {b, ly_building_rent_span_in_week(&d, bl, (size_t)i1),
                          ly_building_rent_span_in_week(&d, bl, (size_t)i2)};
            if (!ly_rent_span_same(r.was, r.now))
                rents[n_rents++] = r;
        }
        qsort(rows, d.n_buildings, sizeof *rows, by_change);
        diff_print(a, &d, rows, d.n_buildings, rents, n_rents, w1, w2);
    }
    free(rows);
    free(rents);
    ly_district_unload(&d);
    return rc;
}

/* ---- log -------------------------------------------------------------------------- */

/* The log's table head, once (not before an error). */
static void log_head(bool *done)
{
    if (!*done)
        printf("%4s  %-20s  %-8s  %10s  %-10s  %-13s  %s\n", "#", "Imported (UTC)", "Week", "",
               "Who", "SHA-256", "File");
    *done = true;
}

static void log_text(const ly_import_entry *e, void *ctx)
{
    log_head(ctx);
    /* every text one line: a file's name (or a cell another program wrote) holding a line
     * break or a terminal's escape would otherwise add a forged import to the log */
    const char *texts[5] = {e->at, e->week, e->who, e->sha256, e->file};
    char *t[5];
    for (int i = 0; i < 5; i++)
        t[i] = one_line(texts[i] ? texts[i] : "");
    printf("%4ld  %-20s  %-8s  %5ld %-4s  %-10s  %.12s…  %s", e->id, t[0] ? t[0] : "?",
           t[1] ? t[1] : "?", e->rows, e->rows == 1 ? "row" : "rows", t[2] ? t[2] : "?",
           t[3] ? t[3] : "?", t[4] ? t[4] : "?");
    for (int i = 0; i < 5; i++)
        free(t[i]);
    /* by which imports (a file of many buildings, each reported again by a file of its own) */
    const char *by = e->replacers ? e->replacers : "?";
    bool several = strchr(by, ',') != NULL;
    if (e->rows_replaced >= e->rows && e->rows_replaced)
        printf("  (replaced by import%s %.80s%s)", several ? "s" : "", by,
               strlen(by) > 80 ? "…" : "");
    else if (e->rows_replaced)
        printf("  (%ld of its rows replaced by import%s %.80s%s)", e->rows_replaced,
               several ? "s" : "", by, strlen(by) > 80 ? "…" : "");
    if (e->withdrawn_at) {
        char *at = one_line(e->withdrawn_at), *who = one_line(e->withdrawn_by ? e->withdrawn_by
                                                                              : "?");
        printf("  (withdrawn %s by %s)", at ? at : "?", who ? who : "?");
        free(at);
        free(who);
    }
    putchar('\n');
}

static void log_json(const ly_import_entry *e, void *ctx)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddNumberToObject(o, "id", (double)e->id);
    ly_json_str(o, "file", e->file);
    ly_json_str(o, "sha256", e->sha256);
    ly_json_str(o, "imported_at", e->at);
    ly_json_str(o, "week", e->week);
    cJSON_AddNumberToObject(o, "rows", (double)e->rows);
    ly_json_str(o, "who", e->who);
    if (e->replaced_by)
        cJSON_AddNumberToObject(o, "replaced_by", (double)e->replaced_by);
    else
        cJSON_AddNullToObject(o, "replaced_by");
    cJSON_AddNumberToObject(o, "rows_replaced", (double)e->rows_replaced);
    if (e->withdrawn_at) {
        ly_json_str(o, "withdrawn_at", e->withdrawn_at);
        ly_json_str(o, "withdrawn_by", e->withdrawn_by);
    } else {
        cJSON_AddNullToObject(o, "withdrawn_at");
        cJSON_AddNullToObject(o, "withdrawn_by");
    }
    cJSON *by = cJSON_AddArrayToObject(o, "replaced_by_imports");
    for (const char *p = e->replacers; p && *p;) {
        char *end;
        long id = strtol(p, &end, 10);
        if (end == p) /* (a store another tool wrote text into) */
            break;
        cJSON_AddItemToArray(by, cJSON_CreateNumber((double)id));
        p = end + strspn(end, ", ");
    }
    cJSON_AddItemToArray((cJSON *)ctx, o);
}

int ly_cli_report_log(const ly_args *a)
{
    const char *db = store_path(a);
    int rc = check_store(a);
    if (rc)
        return rc;
    char err[512];
    bool json = ly_arg_flag(a, "--json");
    cJSON *arr = json ? cJSON_CreateArray() : NULL;
    bool head = false;
    if (ly_store_log(db, json ? log_json : log_text, json ? (void *)arr : &head, err, sizeof err)) {
        fprintf(stderr, "louyu report log: %s: %s\n", db, err);
        cJSON_Delete(arr);
        return LY_EXIT_USAGE;
    }
    if (json)
        ly_json_print(arr);
    else
        log_head(&head); /* (an empty log: its head alone) */
    return LY_EXIT_OK;
}

/* ---- withdraw --------------------------------------------------------------------- */

int ly_cli_report_withdraw(const ly_args *a)
{
    const char *arg = ly_arg_pos(a, 0), *db = store_path(a);
    char *end;
    errno = 0;
    long id = strtol(arg, &end, 10);
    if (end == arg || *end || id <= 0 || errno)
        return ly_cli_usage_error(a->cmd, "IMPORT_ID is \"%s\": expected an import's number, as "
                                          "`louyu report log` lists them", arg);
    int rc = check_store(a);
    if (rc)
        return rc;
    ly_withdrawal w;
    char err[1200];
    int r = ly_store_withdraw(db, id, &w, err, sizeof err);
    char *why = one_line(err), *file = one_line(w.file), *store = one_line(db);
    if (r != LY_IMPORT_OK) {
        fprintf(stderr, "louyu report withdraw: %s: %s\n", store ? store : db, why ? why : err);
        rc = r == LY_IMPORT_REFUSED ? LY_EXIT_DATA : LY_EXIT_USAGE;
    } else {
        printf("withdrew import %ld (%s, %s, %ld row%s) from %s; the log keeps it, marked "
               "withdrawn\n", id, file ? file : "?", w.week, w.rows, w.rows == 1 ? "" : "s",
               store ? store : db);
        if (w.restored)
            printf("  %ld row%s of the reports it had replaced %s current again\n", w.restored,
                   w.restored == 1 ? "" : "s", w.restored == 1 ? "is" : "are");
    }
    free(why);
    free(file);
    free(store);
    return rc;
}
