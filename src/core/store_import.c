/* Importing a report into the store, and the import log. */
#include "louyu/store.h"

#include "gpkg.h"
#include "louyu/file.h"
#include "louyu/log.h"
#include "louyu/report.h"
#include "louyu/week.h"
#include "store_private.h"

#include <pwd.h>
#include <signal.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

void ly_import_summary_free(ly_import_summary *s)
{
    if (s)
        free(s->changes);
}

/* A test hook: LOUYU_FAULT=import-kill@N kills the process (SIGKILL) after the
 * Nth row of an import is written, before the import commits; the tests use it
 * to show that an import is all or nothing. */
static long kill_after(void)
{
    const char *f = getenv("LOUYU_FAULT");
    return f && !strncmp(f, "import-kill@", 12) ? atol(f + 12) : -1;
}

/* A test hook: LOUYU_FAULT=import-pause@MS waits MS milliseconds after the report is read
 * against the store and before the import takes the store's write lock, so that the tests
 * can commit another import in between. */
static void pause_before_lock(void)
{
    const char *f = getenv("LOUYU_FAULT");
    long ms = f && !strncmp(f, "import-pause@", 13) ? atol(f + 13) : 0;
    if (ms > 0)
        nanosleep(&(struct timespec){ms / 1000, ms % 1000 * 1000000L}, NULL);
}

static void sha256_hex(const char *bytes, size_t len, char out[65])
{
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(h, (const unsigned char *)bytes, len);
    for (int i = 0; i < 32; i++)
        snprintf(out + 2 * i, 3, "%02x", h[i]);
}

static void who(char *buf, size_t n)
{
    const struct passwd *pw = getpwuid(geteuid());
    const char *u = getenv("USER");
    snprintf(buf, n, "%s", pw && pw->pw_name ? pw->pw_name : u ? u : "unknown");
}

/* ---- the checks inside the transaction ----------------------------------------- */

typedef struct {
    sqlite3 *db;
    const ly_district *d;
    const ly_report *rep;
    char week[16];
    char *err;
    size_t n;
} import_ctx;

/* The same file imported before and still current, none of its rows replaced since (a
 * later report for some of its buildings): when, or false. */
static bool already(import_ctx *c, const char *sha, char *at, size_t n)
{
    sqlite3_stmt *st;
    bool found = false;
    if (sqlite3_prepare_v2(c->db,
                           "SELECT imported_at FROM import_log l WHERE sha256 = ? AND"
                           " replaced_by IS NULL AND NOT EXISTS (SELECT 1 FROM weekly_reports r"
                           " WHERE r.import_id = l.fid AND r.replaced_by IS NOT NULL)",
                           -1, &st, NULL) == SQLITE_OK) {
        sqlite3_bind_text(st, 1, sha, -1, SQLITE_STATIC);
        if (sqlite3_step(st) == SQLITE_ROW) {
            snprintf(at, n, "%s", (const char *)sqlite3_column_text(st, 0));
            found = true;
        }
    }
    sqlite3_finalize(st);
    return found;
}

/* Whether building b already has current rows this week, and from which file. */
static bool has_rows(import_ctx *c, const char *building, char *file, size_t n)
{
    sqlite3_stmt *st;
    bool found = false;
    if (sqlite3_prepare_v2(c->db,
                           "SELECT l.file, l.imported_at FROM weekly_reports r LEFT JOIN"
                           " import_log l ON l.fid = r.import_id WHERE r.week = ? AND"
                           " r.building_id = ? AND r.replaced_by IS NULL LIMIT 1",
                           -1, &st, NULL) == SQLITE_OK) {
        sqlite3_bind_text(st, 1, c->week, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, building, -1, SQLITE_STATIC);
        if (sqlite3_step(st) == SQLITE_ROW) {
            /* (its import's line may be gone from the log: another program's clean-up) */
            const char *f = (const char *)sqlite3_column_text(st, 0);
            const char *at = (const char *)sqlite3_column_text(st, 1);
            if (f)
                snprintf(file, n, "%s, imported %s", f, at ? at : "?");
            else
                snprintf(file, n, "its import no longer in the log");
            found = true;
        }
    }
    sqlite3_finalize(st);
    return found;
}

/* The buildings the report names, each once, in the order they come. */
static size_t report_buildings(const ly_report *rep, uint32_t *out)
{
    size_t n = 0;
    for (size_t i = 0; i < rep->n_rows; i++) {
        size_t k = 0;
        while (k < n && out[k] != rep->rows[i].building)
            k++;
        if (k == n)
            out[n++] = rep->rows[i].building;
    }
    return n;
}

/* Marks the current rows of the report's buildings this week replaced by import `id`;
 * an import left with no current rows is marked replaced in the log too. */
static int replace_rows(import_ctx *c, const uint32_t *bs, size_t nb, long id, size_t *count)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(c->db,
                           "UPDATE weekly_reports SET replaced_by = ? WHERE week = ? AND"
                           " building_id = ? AND replaced_by IS NULL",
                           -1, &st, NULL) != SQLITE_OK)
        return -1;
    int rc = 0;
    for (size_t k = 0; k < nb && !rc; k++) {
        sqlite3_bind_int64(st, 1, id);
        sqlite3_bind_text(st, 2, c->week, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, c->d->buildings[bs[k]].id, -1, SQLITE_STATIC);
        rc = sqlite3_step(st) == SQLITE_DONE ? 0 : -1;
        *count += (size_t)sqlite3_changes(c->db);
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    char sql[256];
    snprintf(sql, sizeof sql,
             "UPDATE import_log SET replaced_by = %ld WHERE replaced_by IS NULL AND fid != %ld"
             " AND NOT EXISTS (SELECT 1 FROM weekly_reports r WHERE r.import_id = import_log.fid"
             " AND r.replaced_by IS NULL)", id, id);
    return rc ? rc : ly_gpkg_exec(c->db, sql, c->err, c->n);
}

static long log_import(import_ctx *c, const char *path, const char *sha)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(c->db,
                           "INSERT INTO import_log (file, sha256, imported_at, week, rows, who)"
                           " VALUES (?,?,?,?,?,?)",
                           -1, &st, NULL) != SQLITE_OK)
        return -1;
    char at[40], user[64];
    time_t now = time(NULL);
    struct tm tm;
    strftime(at, sizeof at, "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&now, &tm));
    who(user, sizeof user);
    const char *base = strrchr(path, '/');
    sqlite3_bind_text(st, 1, base ? base + 1 : path, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, sha, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, at, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 4, c->week, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 5, (sqlite3_int64)c->rep->n_rows);
    sqlite3_bind_text(st, 6, user, -1, SQLITE_TRANSIENT);
    long id = sqlite3_step(st) == SQLITE_DONE ? (long)sqlite3_last_insert_rowid(c->db) : -1;
    sqlite3_finalize(st);
    return id;
}

static int insert_rows(import_ctx *c, long id)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(c->db,
                           "INSERT INTO weekly_reports (week, building_id, floor_from, floor_to,"
                           " vacant_m2, rent_cny_m2_day, available_from, contact, note, import_id)"
                           " VALUES (?,?,?,?,?,?,?,?,?,?)",
                           -1, &st, NULL) != SQLITE_OK)
        return -1;
    long kill_at = kill_after();
    int rc = 0;
    for (size_t i = 0; i < c->rep->n_rows && !rc; i++) {
        if (kill_at >= 0 && (long)i == kill_at)
            raise(SIGKILL);
        const ly_report_row *r = &c->rep->rows[i];
        sqlite3_bind_text(st, 1, c->week, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, c->d->buildings[r->building].id, -1, SQLITE_STATIC);
        if (r->floor_from) {
            sqlite3_bind_int(st, 3, r->floor_from);
            sqlite3_bind_int(st, 4, r->floor_to);
        }
        sqlite3_bind_double(st, 5, r->vacant_m2);
        if (r->rent > 0)
            sqlite3_bind_double(st, 6, r->rent);
        /* from when: one spelling in the store, the date as ISO 8601 ("2011年5月9日",
         * "2011/5/9 0:00" and a workbook's date cell are the same day) or "now" (the
         * report's check let through nothing else) */
        char iso[32];
        const char *avail = r->available_from;
        long days;
        int y, m, dd;
        if (avail && *avail && ly_date_parse(avail, &days)) {
            ly_date_from_days(days, &y, &m, &dd);
            snprintf(iso, sizeof iso, "%04d-%02d-%02d", y, m, dd);
            avail = iso;
        } else if (avail && *avail) {
            avail = "now";
        }
        const char *texts[3] = {avail, r->contact, r->note};
        for (int k = 0; k < 3; k++)
            if (texts[k] && *texts[k])
                sqlite3_bind_text(st, 7 + k, texts[k], -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 10, id);
        rc = sqlite3_step(st) == SQLITE_DONE ? 0 : -1;
        sqlite3_reset(st);
        sqlite3_clear_bindings(st);
    }
    if (!rc && kill_at >= (long)c->rep->n_rows)
        raise(SIGKILL); /* every row written, not yet committed */
    sqlite3_finalize(st);
    return rc;
}

/* ---- what changed ------------------------------------------------------------------- */

/* One building of the report against the week before (prev, or the district as
 * converted when -1): its m² newly vacant and let, and its asking rents then and now. */
static ly_import_change change_of(const ly_district *d, const ly_report *rep, uint32_t b, long prev,
                                  double *buf)
{
    const ly_building *bl = &d->buildings[b];
    size_t nr = bl->n_records;
    double *after = buf, *rent_after = buf + nr, *was = buf + 2 * nr, *rent_was = buf + 3 * nr;
    ly_report_floor_vacancy(d, b, rep->rows, rep->n_rows, after);
    ly_report_floor_rents(d, b, rep->rows, rep->n_rows, rent_after);
    ly_import_change ch = {.building = b};
    for (uint32_t r = 0; r < nr; r++) {
        size_t rec = bl->first_record + r;
        was[r] = prev >= 0 ? d->week_vacant[(size_t)prev * d->n_records + rec]
                           : d->records[rec].vacant_m2; /* (as converted) */
        rent_was[r] = prev >= 0 ? d->week_record_rent[(size_t)prev * d->n_records + rec]
                                : d->records[rec].rent_cny_m2_day;
        if (after[r] > was[r])
            ch.newly_vacant += after[r] - was[r];
        else
            ch.newly_let += was[r] - after[r];
    }
    double own = prev >= 0 ? d->week_rent[(size_t)prev * d->n_buildings + b] : bl->rent_cny_m2_day;
    double low = -1; /* the building's rent now: the lowest its rows ask, else as before */
    for (size_t i = 0; i < rep->n_rows; i++)
        if (rep->rows[i].building == b && rep->rows[i].rent > 0 &&
            (low < 0 || rep->rows[i].rent < low))
            low = rep->rows[i].rent;
    ch.rent_was = ly_building_rent_span_with(d, bl, own, was, rent_was);
    ch.rent_now = ly_building_rent_span_with(d, bl, low > 0 ? low : own, after, rent_after);
    return ch;
}

/* Per building of the report: m² newly vacant and newly let and its asking rents against
 * the week before in the store, or the district as converted (base) when the store has no
 * week before it (a first report, an earlier week, a week's report replaced). */
static void changes(const ly_district *d, const ly_report *rep, ly_import_summary *sum)
{
    uint32_t *bs = malloc((rep->n_rows + 1) * sizeof *bs);
    size_t most = 1; /* the most records of a building */
    for (size_t b = 0; b < d->n_buildings; b++)
        most = d->buildings[b].n_records > most ? d->buildings[b].n_records : most;
    double *buf = malloc(most * 4 * sizeof(double));
    sum->changes = calloc(rep->n_rows + 1, sizeof *sum->changes);
    if (!bs || !buf || !sum->changes) {
        free(bs);
        free(buf);
        return;
    }
    long prev = -1;
    for (size_t i = 0; i < d->n_weeks && d->weeks[i] < rep->week; i++)
        prev = (long)i;
    size_t nb = report_buildings(rep, bs);
    for (size_t k = 0; k < nb; k++) {
        ly_import_change ch = change_of(d, rep, bs[k], prev, buf);
        ch.rent_changed = !ly_rent_span_same(ch.rent_was, ch.rent_now);
        if (ch.newly_vacant > 0.5 || ch.newly_let > 0.5 || ch.rent_changed)
            sum->changes[sum->n_changes++] = ch;
    }
    free(bs);
    free(buf);
}

/* ---- the import ---------------------------------------------------------------------- */

/* What a store that cannot take the import says, in words a building manager can act on:
 * locked by another program (an edit open in QGIS or DB Browser for SQLite), or a disk's
 * I/O error (a file size limit, a full disk, a -journal beside it another user left). */
static void explain(int code, const char *sqlite_says, char *err, size_t n)
{
    if (code == SQLITE_BUSY || code == SQLITE_LOCKED)
        snprintf(err, n, "another program held it locked for over 5 s (%s; an edit open in "
                 "QGIS or DB Browser for SQLite, another import): nothing was changed; try "
                 "again when it is done", sqlite_says);
    else if (code == SQLITE_IOERR)
        snprintf(err, n, "a disk I/O error (%s): nothing was changed; expected room on the "
                 "disk, no file size limit in the way (ulimit -f), and no -journal file "
                 "beside the store that this user may not remove (one another user's "
                 "import left)", sqlite_says);
}

/* A week far after the store's latest report (LY_IMPORT_GAP_WEEKS): refused, in err,
 * unless confirmed. Read under the write lock: the latest as it is when the import writes. */
static int too_far(import_ctx *c, bool gap)
{
    sqlite3_stmt *st;
    int latest = 0;
    if (sqlite3_prepare_v2(c->db, "SELECT MAX(week) FROM weekly_reports WHERE replaced_by IS"
                           " NULL AND week GLOB '[0-9][0-9][0-9][0-9]-W[0-9][0-9]'", -1, &st,
                           NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0) &&
        !ly_week_parse((const char *)sqlite3_column_text(st, 0), &latest))
        latest = 0;
    sqlite3_finalize(st);
    long m_rep, m_latest;
    if (gap || !latest || !ly_week_monday(c->rep->week, &m_rep) ||
        !ly_week_monday(latest, &m_latest) || m_rep - m_latest <= LY_IMPORT_GAP_WEEKS * 7)
        return 0;
    char w[16];
    ly_week_format(latest, w, sizeof w);
    snprintf(c->err, c->n, "%s is %ld weeks after the store's latest report, %s: expected the "
             "week the figures are for (a typo in the year?), or, after %ld weeks without "
             "reports, the file imported with louyu report import --gap", c->week, (m_rep - m_latest) / 7, w,
             (m_rep - m_latest) / 7 - 1);
    return -1;
}

/* Inside BEGIN IMMEDIATE: the checks, the log and the rows. */
static int write_import(import_ctx *c, const char *path, unsigned flags, ly_import_summary *sum)
{
    bool replace = flags & LY_IMPORT_REPLACE;
    if (already(c, sum->sha256, sum->already_at, sizeof sum->already_at)) {
        sum->already = true;
        return LY_IMPORT_OK;
    }
    uint32_t *bs = malloc((c->rep->n_rows + 1) * sizeof *bs);
    if (!bs) {
        snprintf(c->err, c->n, "out of memory");
        return LY_IMPORT_FAILED;
    }
    size_t nb = report_buildings(c->rep, bs);
    int rc = too_far(c, flags & LY_IMPORT_GAP) ? LY_IMPORT_REFUSED : LY_IMPORT_OK;
    for (size_t k = 0; k < nb && !replace && !rc; k++) {
        char from[300];
        const char *id = c->d->buildings[bs[k]].id;
        if (has_rows(c, id, from, sizeof from)) {
            snprintf(c->err, c->n,
                     "%s already has a report for %s (%s): expected a week not yet reported, "
                     "or --replace to replace that report (it stays in the log)",
                     id, c->week, from);
            rc = LY_IMPORT_REFUSED;
        }
    }
    /* a store made before the index by building gets it with its first import */
    if (!rc && ly_gpkg_exec(c->db, "CREATE INDEX IF NOT EXISTS weekly_reports_building"
                            " ON weekly_reports (building_id, week)", c->err, c->n))
        rc = LY_IMPORT_FAILED;
    long id = rc ? -1 : log_import(c, path, sum->sha256);
    if (!rc && id < 0)
        rc = LY_IMPORT_FAILED;
    if (!rc && replace && replace_rows(c, bs, nb, id, &sum->replaced))
        rc = LY_IMPORT_FAILED;
    if (!rc && insert_rows(c, id))
        rc = LY_IMPORT_FAILED;
    int base = sqlite3_extended_errcode(c->db) & 0xFF;
    if (rc == LY_IMPORT_FAILED && !c->err[0] &&
        (base == SQLITE_READONLY || base == SQLITE_CANTOPEN || base == SQLITE_PERM))
        snprintf(c->err, c->n, "cannot be written (%s): expected a store this user may "
                 "write, in a folder this user may write to (SQLite writes a journal beside it "
                 "while it imports)", sqlite3_errmsg(c->db));
    else if (rc == LY_IMPORT_FAILED && !c->err[0])
        snprintf(c->err, c->n, "%s", sqlite3_errmsg(c->db));
    free(bs);
    return rc;
}

/* The store's first reported week (a report's now, not one replaced); 0: none. The first
 * of the weeks that lead to the latest without a gap of half a year: a week imported by
 * mistake long before them (a typo in the year, imported with the warning below) is not
 * what a later report's week is compared with. */
static int first_week(const char *gpkg)
{
    sqlite3 *db;
    char err[256];
    if (ly_store_open(&db, gpkg, false, err, sizeof err))
        return 0;
    sqlite3_stmt *st;
    int first = 0, week;
    long m_first = 0, m_week;
    if (sqlite3_prepare_v2(db, "SELECT DISTINCT week FROM weekly_reports WHERE replaced_by IS"
                           " NULL AND week GLOB '[0-9][0-9][0-9][0-9]-W[0-9][0-9]' ORDER BY"
                           " week DESC", -1, &st, NULL) == SQLITE_OK)
        while (sqlite3_step(st) == SQLITE_ROW) {
            if (!ly_week_parse((const char *)sqlite3_column_text(st, 0), &week) ||
                !ly_week_monday(week, &m_week))
                continue;
            if (first && m_first - m_week > 26 * 7)
                break;
            first = week, m_first = m_week;
        }
    sqlite3_finalize(st);
    sqlite3_close(db);
    return first;
}

/* A report's week long gone and before the store's first report: most often last year's
 * sheet with its year not changed. Said at the week's cell, not refused (a real late
 * report still goes in). */
static void long_gone(const ly_report *rep, int first, ly_diag_list *diags)
{
    int now = ly_week_of_day(ly_today()); /* (this week by this computer's clock) */
    long m_week, m_now;
    if (!first || rep->week >= first || !ly_week_monday(rep->week, &m_week) ||
        !ly_week_monday(now, &m_now) || m_now - m_week <= 26 * 7)
        return;
    char a[16], b[16], c[16];
    ly_diag_list one;
    ly_diag_list_init(&one, diags->file);
    ly_diag_add(&one, LY_DIAG_WARNING, rep->week_at, -1,
                "\"week\" is %s: %ld weeks before this week (%s) and before the store's first "
                "report (%s): expected the week the figures are for (a typo in the year?); "
                "imported as %s", ly_week_format(rep->week, a, sizeof a), (m_now - m_week) / 7,
                ly_week_format(now, b, sizeof b), ly_week_format(first, c, sizeof c), a);
    ly_diag_resolve_lines(&one, rep->csv.text, rep->csv.len);
    ly_csv_cells(&rep->csv, &one, 0);
    ly_diag *d = one.count ? ly_diag_add(diags, LY_DIAG_WARNING, rep->week_at, -1, "%s",
                                         one.items[0].message)
                           : NULL;
    if (d)
        d->line = one.items[0].line, d->col = one.items[0].col;
    ly_diag_list_deinit(&one);
}

/* The report, read against the district as the store has it before the report's week
 * (found by a first reading against the district as converted): LY_IMPORT_OK, _BAD
 * with diags, or _FAILED with err. */
static int parse(ly_district *d, const char *gpkg, const char *bytes, size_t len,
                 ly_report *rep, ly_diag_list *diags, char *err, size_t n)
{
    ly_diag_list first;
    ly_diag_list_init(&first, diags->file);
    int week = ly_report_parse(rep, bytes, len, d, &first) == 0 ? rep->week : 0;
    ly_diag_list_deinit(&first);
    ly_report_free(rep);
    if (week && ly_store_history_before(d, gpkg, week, err, n))
        return LY_IMPORT_FAILED;
    if (ly_report_parse(rep, bytes, len, d, diags))
        return LY_IMPORT_BAD;
    long_gone(rep, first_week(gpkg), diags);
    return LY_IMPORT_OK;
}

/* What the imports committed so far have made of the store: the last import's id and the
 * count of current rows ("" where it cannot be read). Two equal readings: no import
 * committed between them. */
static void store_state(sqlite3 *db, char *out, size_t n)
{
    sqlite3_stmt *st;
    out[0] = '\0';
    if (sqlite3_prepare_v2(db, "SELECT (SELECT MAX(fid) FROM import_log) || '/' || (SELECT"
                           " COUNT(*) FROM weekly_reports WHERE replaced_by IS NULL)", -1, &st,
                           NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
        snprintf(out, n, "%s", (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
}

static void store_state_of(const char *gpkg, char *out, size_t n)
{
    sqlite3 *db;
    char err[256];
    out[0] = '\0';
    if (ly_store_open(&db, gpkg, false, err, sizeof err) == 0)
        store_state(db, out, n);
    sqlite3_close(db);
}

/* The store's district as converted: LY_IMPORT_OK, or _FAILED with err (d zeroed). */
static int load_district(ly_district *d, const char *gpkg, char *err, size_t n)
{
    ly_diag_list store_diags;
    ly_diag_list_init(&store_diags, gpkg);
    int rc = LY_IMPORT_OK;
    if (ly_store_load_converted(d, gpkg, &store_diags) != LY_LOAD_OK) {
        snprintf(err, n, "the store %s: %s", gpkg,
                 store_diags.count ? store_diags.items[0].message : "cannot be read");
        memset(d, 0, sizeof *d);
        rc = LY_IMPORT_FAILED;
    }
    ly_diag_list_deinit(&store_diags);
    return rc;
}

/* Under the write lock (BEGIN IMMEDIATE on db): when another import committed since the
 * report was read (`state` then), the report read again against the store as it is now,
 * so that the checks and what changed are counted against the week the store holds. */
static int read_again(sqlite3 *db, const char *state, ly_district *d, const char *gpkg,
                      const char *bytes, size_t len, ly_report *rep, ly_diag_list *diags,
                      char *err, size_t n)
{
    char now[64];
    store_state(db, now, sizeof now);
    if (!strcmp(now, state))
        return LY_IMPORT_OK;
    ly_report_free(rep);
    ly_district_unload(d);
    ly_diag_list_clear(diags);
    int rc = load_district(d, gpkg, err, n);
    return rc ? rc : parse(d, gpkg, bytes, len, rep, diags, err, n);
}

int ly_store_import(const char *gpkg, const char *csv_path, unsigned flags, ly_import_summary *sum,
                    ly_district *before, ly_diag_list *diags, char *err, size_t n)
{
    if (before)
        memset(before, 0, sizeof *before);
    memset(sum, 0, sizeof *sum);
    err[0] = '\0';
    char *bytes = NULL, state[64];
    size_t len = 0;
    ly_district d;
    ly_report rep = {0};
    store_state_of(gpkg, state, sizeof state); /* (before the reading: a commit after it shows) */
    int rc = load_district(&d, gpkg, err, n);
    if (rc == LY_IMPORT_OK && ly_file_read(csv_path, 64u << 20, false, &bytes, &len, diags))
        rc = LY_IMPORT_BAD;
    if (rc == LY_IMPORT_OK) {
        sha256_hex(bytes, len, sum->sha256);
        rc = parse(&d, gpkg, bytes, len, &rep, diags, err, n);
    }
    sqlite3 *db = NULL;
    if (rc == LY_IMPORT_OK)
        pause_before_lock();
    if (rc == LY_IMPORT_OK && ly_store_open(&db, gpkg, true, err, n))
        rc = LY_IMPORT_FAILED;
    if (rc == LY_IMPORT_OK && ly_gpkg_exec(db, "BEGIN IMMEDIATE", err, n))
        rc = LY_IMPORT_FAILED;
    else if (rc == LY_IMPORT_OK)
        rc = read_again(db, state, &d, gpkg, bytes, len, &rep, diags, err, n);
    if (rc == LY_IMPORT_OK) {
        import_ctx c = {.db = db, .d = &d, .rep = &rep, .err = err, .n = n};
        ly_week_format(rep.week, c.week, sizeof c.week);
        sum->week = rep.week;
        sum->rows = rep.n_rows;
        if ((rc = write_import(&c, csv_path, flags, sum)) == LY_IMPORT_OK && !sum->already)
            /* the GIS layers as of the store's latest week, and the tables' last change, as
             * GIS shows it */
            rc = ly_store_layers_update(db, gpkg, err, n) ||
                         ly_gpkg_exec(db,
                                      "UPDATE gpkg_contents SET last_change ="
                                      " strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE table_name"
                                      " IN ('weekly_reports', 'import_log'); COMMIT",
                                      err, n)
                     ? LY_IMPORT_FAILED
                     : LY_IMPORT_OK;
    }
    if (rc == LY_IMPORT_FAILED && db)
        explain(sqlite3_extended_errcode(db) & 0xFF, sqlite3_errmsg(db), err, n);
    if (db && (rc != LY_IMPORT_OK || sum->already))
        sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
    if (rc == LY_IMPORT_OK && !sum->already)
        changes(&d, &rep, sum);
    sqlite3_close(db);
    free(bytes);
    ly_report_free(&rep);
    if (rc == LY_IMPORT_FAILED && err[0] && strncmp(err, "the store ", 10)) {
        char *why = strdup(err); /* the store's fault, not the report's: say whose */
        if (why)
            snprintf(err, n, "the store %s: %s", gpkg, why);
        free(why);
    }
    if (before)
        *before = d;
    else
        ly_district_unload(&d);
    return rc;
}

/* ---- the log --------------------------------------------------------------------------- */

/* Whether the store's log has the columns of withdrawals (its first one adds them). */
static bool withdrawals(sqlite3 *db)
{
    sqlite3_stmt *st;
    bool has = sqlite3_prepare_v2(db, "SELECT withdrawn_at, withdrawn_by FROM import_log LIMIT 0",
                                  -1, &st, NULL) == SQLITE_OK;
    sqlite3_finalize(st);
    return has;
}

/* Import id's line of the log, into out: LY_IMPORT_OK when it may be withdrawn, else
 * _REFUSED or _FAILED with err. */
static int withdrawable(sqlite3 *db, long id, bool cols, ly_withdrawal *out, char *err,
                        size_t n)
{
    sqlite3_stmt *st;
    char sql[400];
    snprintf(sql, sizeof sql, "SELECT file, week, rows, replaced_by, %s, (SELECT"
             " group_concat(DISTINCT replaced_by) FROM weekly_reports WHERE import_id = ?1 AND"
             " replaced_by IS NOT NULL) FROM import_log WHERE fid = ?1",
             cols ? "withdrawn_at, withdrawn_by" : "NULL, NULL");
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
        snprintf(err, n, "%s", sqlite3_errmsg(db));
        return LY_IMPORT_FAILED;
    }
    sqlite3_bind_int64(st, 1, id);
    bool found = sqlite3_step(st) == SQLITE_ROW;
    const char *f = found ? (const char *)sqlite3_column_text(st, 0) : NULL;
    const char *w = found ? (const char *)sqlite3_column_text(st, 1) : NULL;
    const char *wat = found ? (const char *)sqlite3_column_text(st, 4) : NULL;
    const char *wby = found ? (const char *)sqlite3_column_text(st, 5) : NULL;
    const char *later = found ? (const char *)sqlite3_column_text(st, 6) : NULL;
    snprintf(out->file, sizeof out->file, "%s", f ? f : "");
    snprintf(out->week, sizeof out->week, "%s", w ? w : "");
    out->rows = found ? (long)sqlite3_column_int64(st, 2) : 0;
    int rc = LY_IMPORT_REFUSED;
    if (!found)
        snprintf(err, n, "there is no import %ld in the store's log: expected the number "
                 "`louyu report log` gives it", id);
    else if (wat || sqlite3_column_int64(st, 3) == id)
        snprintf(err, n, "import %ld (%s, %s) was withdrawn %s by %s: nothing to do", id,
                 out->file, out->week, wat ? wat : "before", wby ? wby : "?");
    else if (later) /* (its rows are history now: the later import's report stands on them) */
        snprintf(err, n, "rows of import %ld (%s, %s) were replaced by import %s: expected an "
                 "import whose rows are current (withdraw import %s first, which puts them "
                 "back)", id, out->file, out->week, later, later);
    else
        rc = LY_IMPORT_OK;
    sqlite3_finalize(st);
    return rc;
}

/* Inside BEGIN IMMEDIATE: import id's line of the log, checked; its rows out, the rows it
 * replaced back, the line marked. */
static int withdraw(sqlite3 *db, long id, ly_withdrawal *out, char *err, size_t n)
{
    sqlite3_stmt *st;
    bool cols = withdrawals(db);
    char sql[400], at[40], by[64] = "";
    int rc = withdrawable(db, id, cols, out, err, n);
    if (rc != LY_IMPORT_OK)
        return rc;
    time_t now = time(NULL);
    struct tm tm;
    strftime(at, sizeof at, "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&now, &tm));
    who(by, sizeof by);
    if (!cols && ly_gpkg_exec(db, "ALTER TABLE import_log ADD COLUMN withdrawn_at TEXT;"
                              " ALTER TABLE import_log ADD COLUMN withdrawn_by TEXT", err, n))
        return LY_IMPORT_FAILED;
    snprintf(sql, sizeof sql, "DELETE FROM weekly_reports WHERE import_id = %ld", id);
    if (ly_gpkg_exec(db, sql, err, n))
        return LY_IMPORT_FAILED;
    snprintf(sql, sizeof sql, "UPDATE weekly_reports SET replaced_by = NULL WHERE replaced_by"
             " = %ld", id);
    if (ly_gpkg_exec(db, sql, err, n))
        return LY_IMPORT_FAILED;
    out->restored = sqlite3_changes(db);
    /* the imports it had replaced whole are current again; itself marked, when and by whom */
    snprintf(sql, sizeof sql, "UPDATE import_log SET replaced_by = NULL WHERE replaced_by = %ld"
             " AND fid != %ld", id, id);
    if (ly_gpkg_exec(db, sql, err, n))
        return LY_IMPORT_FAILED;
    if (sqlite3_prepare_v2(db, "UPDATE import_log SET replaced_by = fid, withdrawn_at = ?,"
                           " withdrawn_by = ? WHERE fid = ?", -1, &st, NULL) != SQLITE_OK) {
        snprintf(err, n, "%s", sqlite3_errmsg(db));
        return LY_IMPORT_FAILED;
    }
    sqlite3_bind_text(st, 1, at, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, by, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 3, id);
    rc = sqlite3_step(st) == SQLITE_DONE ? LY_IMPORT_OK : LY_IMPORT_FAILED;
    if (rc)
        snprintf(err, n, "%s", sqlite3_errmsg(db));
    sqlite3_finalize(st);
    return rc;
}

int ly_store_withdraw(const char *gpkg, long id, ly_withdrawal *out, char *err, size_t n)
{
    memset(out, 0, sizeof *out);
    err[0] = '\0';
    sqlite3 *db;
    if (ly_store_open(&db, gpkg, true, err, n))
        return LY_IMPORT_FAILED;
    int rc = ly_gpkg_exec(db, "BEGIN IMMEDIATE", err, n) ? LY_IMPORT_FAILED
                                                         : withdraw(db, id, out, err, n);
    if (rc == LY_IMPORT_OK &&
        (ly_store_layers_update(db, gpkg, err, n) || ly_gpkg_exec(db, "UPDATE gpkg_contents SET last_change ="
                         " strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE table_name IN"
                         " ('weekly_reports', 'import_log'); COMMIT", err, n)))
        rc = LY_IMPORT_FAILED;
    if (rc == LY_IMPORT_FAILED)
        explain(sqlite3_extended_errcode(db) & 0xFF, sqlite3_errmsg(db), err, n);
    if (rc != LY_IMPORT_OK)
        sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
    sqlite3_close(db);
    return rc;
}

int ly_store_log(const char *gpkg, void (*fn)(const ly_import_entry *e, void *ctx), void *ctx,
                 char *err, size_t n)
{
    sqlite3 *db;
    if (ly_store_open(&db, gpkg, false, err, n))
        return -1;
    sqlite3_stmt *st;
    int rc = -1;
    /* (withdrawn_at and withdrawn_by: a store's first withdrawal adds them) */
    char sql[900];
    snprintf(sql, sizeof sql,
             "SELECT l.fid, l.file, l.sha256, l.imported_at, l.week, l.rows, l.who,"
             " l.replaced_by, r.n, r.who, %s FROM import_log l LEFT JOIN"
             " (SELECT import_id, SUM(n) n, group_concat(by, ', ') who FROM"
             " (SELECT import_id, replaced_by by, COUNT(*) n FROM weekly_reports"
             " WHERE replaced_by IS NOT NULL GROUP BY import_id, replaced_by"
             " ORDER BY import_id, replaced_by) GROUP BY import_id) r"
             " ON r.import_id = l.fid ORDER BY l.fid",
             withdrawals(db) ? "l.withdrawn_at, l.withdrawn_by" : "NULL, NULL");
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK) {
        int step;
        while ((step = sqlite3_step(st)) == SQLITE_ROW) {
            ly_import_entry e = {
                .id = (long)sqlite3_column_int64(st, 0),
                .file = (const char *)sqlite3_column_text(st, 1),
                .sha256 = (const char *)sqlite3_column_text(st, 2),
                .at = (const char *)sqlite3_column_text(st, 3),
                .week = (const char *)sqlite3_column_text(st, 4),
                .rows = (long)sqlite3_column_int64(st, 5),
                .who = (const char *)sqlite3_column_text(st, 6),
                .replaced_by = (long)sqlite3_column_int64(st, 7),
                .rows_replaced = (long)sqlite3_column_int64(st, 8), /* (NULL, none: 0) */
                .replacers = (const char *)sqlite3_column_text(st, 9),
                .withdrawn_at = (const char *)sqlite3_column_text(st, 10),
                .withdrawn_by = (const char *)sqlite3_column_text(st, 11),
            };
            if (e.replaced_by == e.id) /* (withdrawn: replaced by nothing) */
                e.replaced_by = 0;
            fn(&e, ctx);
        }
        rc = step == SQLITE_DONE ? 0 : -1; /* damaged, locked: not an empty log */
        if (rc)
            snprintf(err, n, "%s", sqlite3_errmsg(db));
    } else {
        snprintf(err, n, "%s", sqlite3_errmsg(db));
    }
    sqlite3_finalize(st);
    sqlite3_close(db);
    return rc;
}
