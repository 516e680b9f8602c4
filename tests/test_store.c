/* The weekly reports' core: ISO weeks, a report's reading (headers in Chinese,
 * units, ranges shared by area), the store's history, and a reader that loads
 * the store again and again while another process imports a year of reports:
 * it never sees part of a week. */
#include "check.h"
#include "louyu/report.h"
#include "louyu/store.h"
#include "louyu/week.h"

#include <dirent.h>
#include <math.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

static void weeks(void)
{
    int w;
    char buf[16];
    CHECK(ly_week_parse("2011-W17", &w) && w == 201117);
    CHECK(ly_week_parse("2011w17", &w) && w == 201117);
    CHECK(ly_week_parse("2011-04-29", &w) && w == 201117);
    CHECK(ly_week_parse("2011/4/25", &w) && w == 201117); /* its Monday */
    CHECK(ly_week_parse("2011-05-01", &w) && w == 201117); /* its Sunday */
    CHECK(ly_week_parse("2010-01-03", &w) && w == 200953); /* the ISO year differs */
    CHECK(ly_week_parse("2008-12-29", &w) && w == 200901);
    CHECK(ly_week_parse("2009-W53", &w) && w == 200953);
    CHECK(ly_week_parse("2011-W17-3", &w) && w == 201117); /* ISO 8601's week date */
    CHECK(!ly_week_parse("2011-W17-8", &w) && !ly_week_parse("2011-W17-34", &w));
    CHECK(!ly_week_parse("2011-W53", &w)); /* 2011 has 52 weeks */
    CHECK(!ly_week_parse("2011-W00", &w));
    /* as Chinese spreadsheets write them, and a date cell with a time */
    CHECK(ly_week_parse("2011年第17周", &w) && w == 201117);
    CHECK(!ly_week_parse("2011年第53周", &w));
    CHECK(!ly_week_parse("2011年第17", &w));
    CHECK(ly_week_parse("2011年4月29日", &w) && w == 201117);
    CHECK(ly_week_parse("2011年4月29号", &w) && w == 201117);
    CHECK(ly_week_parse("2011年4月29", &w) && w == 201117);
    CHECK(ly_week_parse("2011/4/29 0:00", &w) && w == 201117);
    CHECK(ly_week_parse("2011-04-29 00:00:00", &w) && w == 201117);
    CHECK(!ly_week_parse("2011-04-29 25:00", &w));
    CHECK(!ly_week_parse("2011-04-29 0:00 pm", &w));
    CHECK(!ly_week_parse("2011-04-290:00", &w));
    CHECK(!ly_week_parse("2011年4月", &w));
    CHECK(!ly_week_parse("2011年13月1日", &w));
    CHECK(!ly_week_parse("2011-02-30", &w));
    CHECK(!ly_week_parse("week 17", &w));
    CHECK(!ly_week_parse("", &w));
    CHECK_STR(ly_week_format(201117, buf, sizeof buf), "2011-W17");
    CHECK_INT(ly_week_next(201052), 201101);
    CHECK_INT(ly_week_next(200952), 200953);
    CHECK_INT(ly_week_prev(201101), 201052);
    long days;
    CHECK(ly_week_monday(201117, &days));
    int y, m, d;
    ly_date_from_days(days, &y, &m, &d);
    CHECK(y == 2011 && m == 4 && d == 25);
    /* every day of five centuries: its week's Monday is at most 6 days before it */
    int bad = 0;
    for (long day = -25567; day < 83000; day += 13) { /* 1900 to 2197 */
        long mon;
        int wk = ly_week_of_day(day);
        bad += !ly_week_monday(wk, &mon) || day - mon < 0 || day - mon > 6;
    }
    CHECK_INT(bad, 0);
    /* a week over the new year says both years (30 Dec – 5 Jan had read as 30 Dec 2025) */
    char wk[96];
    CHECK_STR(ly_format_week(202501, true, LY_LANG_EN, wk, sizeof wk),
              "Week 1, 2025 \u00b7 30 Dec 2024 \u2013 5 Jan 2025");
    CHECK_STR(ly_format_week(202501, true, LY_LANG_ZH, wk, sizeof wk),
              "2025\u5e74\u7b2c1\u5468 \u00b7 2024\u5e7412\u670830\u65e5\u20132025\u5e741\u67085\u65e5");
    CHECK_STR(ly_format_week(202553, true, LY_LANG_EN, wk, sizeof wk), "Week 53, 2025");
    CHECK_STR(ly_format_week(201117, true, LY_LANG_EN, wk, sizeof wk),
              "Week 17, 2011 \u00b7 25 Apr \u2013 1 May");
}

static ly_district g_d;

/* A report from text; returns its errors (diags left in *diags). */
static int parse(const char *text, ly_report *r, ly_diag_list *diags)
{
    ly_diag_list_init(diags, "r.csv");
    return ly_report_parse(r, text, strlen(text), &g_d, diags);
}

static void reading(void)
{
    ly_diag_list diags;
    ly_diag_list_init(&diags, "zs");
    CHECK_INT(ly_district_load(&g_d, LY_SOURCE_DIR "/data/zhanshan.geojson", NULL, &diags),
              LY_LOAD_OK);
    ly_diag_list_deinit(&diags);
    ly_report r;
    /* a Chinese header with units, numbers as spreadsheets write them, a range */
    CHECK_INT(parse("楼宇,周,楼层,空置面积(平方米),租金（元/平方米/天）,备注\n"
                    "wtc,2011-W18,18-20,\"3,000 m²\",4.6元,\"可分割,最小 200\"\n"
                    "青岛世贸中心 A/B座,2011-05-04,12F,100㎡,,\n"
                    "Hisense Tower,2011-W18,,0,,\n",
                    &r, &diags),
              0);
    for (size_t i = 0; i < diags.count; i++)
        fprintf(stderr, "%d:%d: %s\n", diags.items[i].line, diags.items[i].col,
                diags.items[i].message);
    CHECK_INT(r.week, 201118);
    CHECK_INT(r.n_rows, 3);
    if (r.n_rows == 3) {
        long wtc = ly_district_find(&g_d, "wtc");
        CHECK_INT(r.rows[0].building, wtc);
        CHECK(r.rows[0].floor_from == 18 && r.rows[0].floor_to == 20);
        CHECK_NEAR(r.rows[0].vacant_m2, 3000, 1e-9);
        CHECK_NEAR(r.rows[0].rent, 4.6, 1e-9);
        CHECK_STR(r.rows[0].note, "可分割,最小 200");
        CHECK_INT(r.rows[1].building, wtc); /* by its Chinese name */
        CHECK(r.rows[1].floor_from == 12 && r.rows[1].floor_to == 12);
        CHECK(r.rows[1].rent < 0);
        CHECK_INT(r.rows[2].floor_from, 0); /* fully let */
        /* the range is shared in proportion to the floors' areas; others are let */
        const ly_building *b = &g_d.buildings[wtc];
        double v[64];
        ly_report_floor_vacancy(&g_d, (uint32_t)wtc, r.rows, r.n_rows, v);
        double sum = 0;
        for (uint32_t k = 0; k < b->n_records; k++)
            sum += v[k];
        CHECK_NEAR(sum, 3100, 0.01);
    }
    ly_report_free(&r);
    ly_diag_list_deinit(&diags);
    /* a row's problems name the column and stand at the field, in characters */
    CHECK(parse("周,楼宇,楼层,空置面积\n2011-W18,示例大厦 20号,3,很多\n", &r, &diags) < 0);
    CHECK_INT(diags.count, 1);
    if (diags.count) {
        CHECK_INT(diags.items[0].line, 2);
        CHECK_INT(diags.items[0].col, 21);
        CHECK(strstr(diags.items[0].message, "\"vacant_m2\" is \"很多\"") != NULL);
    }
    ly_report_free(&r);
    ly_diag_list_deinit(&diags);
    /* a name two buildings share is refused, not given to the first of them (the
     * petroleum building renamed for the moment) */
    {
        ly_building *pet = &g_d.buildings[ly_district_find(&g_d, "petroleum")];
        const char *was = pet->name;
        pet->name = g_d.buildings[ly_district_find(&g_d, "hisense")].name;
        CHECK(parse("周,楼宇,楼层,空置面积\n2011-W18,海信大厦,,0\n", &r, &diags) < 0);
        CHECK_INT(diags.count, 1);
        if (diags.count)
            CHECK(strstr(diags.items[0].message, "\"building\" is \"海信大厦\", which names 2 "
                                                 "buildings: expected the id of the one meant "
                                                 "(hisense, petroleum)") != NULL ||
                  strstr(diags.items[0].message, "(petroleum, hisense)") != NULL);
        ly_report_free(&r);
        ly_diag_list_deinit(&diags);
        /* full-width forms, as an input method types them, name it too (not the id) */
        CHECK(parse("周,楼宇,楼层,空置面积\n2011-W18,\u3000ＨＩＳＥＮＳＥ　Tower ,,0\n", &r,
                    &diags) == 0);
        CHECK_INT(r.n_rows, 1);
        if (r.n_rows)
            CHECK_INT(r.rows[0].building, ly_district_find(&g_d, "hisense"));
        ly_report_free(&r);
        ly_diag_list_deinit(&diags);
        pet->name = was;
    }
    /* a template reads back as a report of the same floors */
    size_t len;
    char *t = ly_report_template(&g_d, (uint32_t)ly_district_find(&g_d, "wtc"), 201118, NULL, &len);
    CHECK(t != NULL);
    if (t) {
        CHECK_INT(parse(t, &r, &diags), 0);
        CHECK_INT(r.n_rows, 30);
        ly_report_free(&r);
        ly_diag_list_deinit(&diags);
    }
    free(t);
    /* a contact a spreadsheet would run as a formula is written as text ("'=...", as the
     * CSV export writes such cells) and read back as it was */
    ly_building *w = &g_d.buildings[ly_district_find(&g_d, "wtc")];
    const char *keep_name = w->contact.name, *keep_phone = w->contact.phone;
    w->contact.name = "=HYPERLINK(\"http://x\",\"call\")";
    w->contact.phone = "@1";
    t = ly_report_template(&g_d, (uint32_t)(w - g_d.buildings), 201118, NULL, &len);
    CHECK(t && strstr(t, ",\"'=HYPERLINK(\"\"http://x\"\",\"\"call\"\") @1\",") != NULL);
    if (t) {
        CHECK_INT(parse(t, &r, &diags), 0);
        CHECK(r.n_rows > 0 && r.rows[0].contact &&
              !strcmp(r.rows[0].contact, "=HYPERLINK(\"http://x\",\"call\") @1"));
        ly_report_free(&r);
        ly_diag_list_deinit(&diags);
    }
    free(t);
    w->contact.name = keep_name;
    w->contact.phone = keep_phone;
}

/* ---- a reader beside a writer ----------------------------------------------------- */

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The bundled reports, sorted: how many. */
static int reports(char names[64][512])
{
    DIR *dh = opendir(LY_SOURCE_DIR "/data/reports");
    char *list[64];
    int n = 0;
    for (struct dirent *e; dh && (e = readdir(dh)) && n < 64;)
        if (strstr(e->d_name, ".csv"))
            list[n++] = strdup(e->d_name);
    if (dh)
        closedir(dh);
    qsort(list, (size_t)n, sizeof *list, by_name);
    for (int i = 0; i < n; i++) {
        snprintf(names[i], 512, "%s/data/reports/%s", LY_SOURCE_DIR, list[i]);
        free(list[i]);
    }
    return n;
}

/* A store of the bundled district in a new folder: path (the folder) and gpkg filled. */
static void new_store(char path[24], char gpkg[600])
{
    char err[512];
    snprintf(path, 24, "/tmp/louyu-store-XXXXXX");
    CHECK(mkdtemp(path) != NULL);
    snprintf(gpkg, 600, "%s/z.gpkg", path);
    ly_diag_list diags;
    ly_diag_list_init(&diags, "zs");
    CHECK_INT(ly_store_create(gpkg, LY_SOURCE_DIR "/data/zhanshan.geojson", &diags, err,
                              sizeof err), 0);
    ly_diag_list_deinit(&diags);
}

static void reader_beside_writer(void)
{
    char path[24], gpkg[600], err[512];
    new_store(path, gpkg);
    ly_diag_list diags;
    static char names[64][512];
    int n = reports(names);
    CHECK_INT(n, 52);
    pid_t child = fork();
    if (child == 0) { /* the writer: the year, week by week */
        for (int i = 0; i < n; i++) {
            ly_import_summary s;
            ly_diag_list_init(&diags, names[i]);
            int rc = ly_store_import(gpkg, names[i], false, &s, NULL, &diags, err, sizeof err);
            ly_import_summary_free(&s);
            ly_diag_list_deinit(&diags);
            if (rc)
                _exit(1);
        }
        _exit(0);
    }
    /* the reader: every load shows whole weeks, 27 buildings each, never fewer weeks */
    int loads = 0, partial = 0, backwards = 0, status = 0;
    size_t last = 0;
    for (;;) {
        bool done = waitpid(child, &status, WNOHANG) == child;
        ly_district d;
        ly_diag_list_init(&diags, gpkg);
        if (ly_store_load(&d, gpkg, NULL, &diags) == LY_LOAD_OK) {
            loads++;
            for (size_t w = 0; w < d.n_weeks; w++) {
                int reported = 0;
                for (size_t b = 0; b < d.n_buildings; b++)
                    reported += d.week_reported[w * d.n_buildings + b];
                partial += reported != 27;
            }
            backwards += d.n_weeks < last;
            last = d.n_weeks;
        }
        ly_district_unload(&d);
        ly_diag_list_deinit(&diags);
        if (done)
            break;
    }
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    CHECK(loads >= 5);
    CHECK_INT(partial, 0);
    CHECK_INT(backwards, 0);
    CHECK_INT(last, 52);
    printf("a reader loaded the store %d times while a year was imported\n", loads);
    char cmd[700];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", path);
    CHECK_INT(system(cmd), 0);
}

/* What an import says changed, against the week before it as the whole history has it:
 * the year imported out of order, into a store with the index by building and into one
 * made before it (which gets it at its first import). An import reads only each
 * building's last report before its week, so a store of ten years imports as fast. */
static int changes_match(const char *gpkg, const ly_import_summary *s)
{
    ly_district d;
    ly_diag_list diags;
    ly_diag_list_init(&diags, gpkg);
    int bad = ly_store_load(&d, gpkg, NULL, &diags) != LY_LOAD_OK;
    size_t w = 0;
    while (!bad && w < d.n_weeks && d.weeks[w] != s->week)
        w++;
    for (size_t b = 0; !bad && w > 0 && w < d.n_weeks && b < d.n_buildings; b++) {
        const ly_building *bl = &d.buildings[b];
        double vac = 0, let = 0;
        for (uint32_t r = 0; r < bl->n_records; r++) {
            size_t rec = bl->first_record + r;
            double was = d.week_vacant[(w - 1) * d.n_records + rec];
            double now = d.week_vacant[w * d.n_records + rec];
            vac += now > was ? now - was : 0;
            let += now < was ? was - now : 0;
        }
        const ly_import_change *c = NULL;
        for (size_t k = 0; k < s->n_changes; k++)
            c = s->changes[k].building == b ? &s->changes[k] : c;
        /* and what its floors with space ask: the import's figures are the history's */
        ly_rent_span was = ly_building_rent_span_in_week(&d, bl, w - 1);
        ly_rent_span now = ly_building_rent_span_in_week(&d, bl, w);
        bool rent = !ly_rent_span_same(was, now);
        bool changed = vac > 0.5 || let > 0.5 || rent;
        bad += changed != (c != NULL) ||
               (c && (fabs(c->newly_vacant - vac) > 0.01 || fabs(c->newly_let - let) > 0.01 ||
                      c->rent_changed != rent || !ly_rent_span_same(c->rent_was, was) ||
                      !ly_rent_span_same(c->rent_now, now)));
    }
    ly_district_unload(&d);
    ly_diag_list_deinit(&diags);
    return bad;
}

static bool has_index(const char *gpkg)
{
    sqlite3 *db;
    sqlite3_stmt *st;
    bool yes = false;
    if (sqlite3_open_v2(gpkg, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
        sqlite3_prepare_v2(db, "SELECT 1 FROM sqlite_master WHERE name = "
                               "'weekly_reports_building'", -1, &st, NULL) == SQLITE_OK) {
        yes = sqlite3_step(st) == SQLITE_ROW;
        sqlite3_finalize(st);
    }
    sqlite3_close(db);
    return yes;
}

static void against_the_week_before(void)
{
    static char names[64][512];
    int n = reports(names);
    for (int old = 0; old < 2; old++) {
        char path[24], gpkg[600], err[512], cmd[700];
        new_store(path, gpkg);
        CHECK(has_index(gpkg));
        if (old) { /* a store made before the index */
            snprintf(cmd, sizeof cmd, "sqlite3 '%s' 'DROP INDEX weekly_reports_building'", gpkg);
            CHECK_INT(system(cmd), 0);
            CHECK(!has_index(gpkg));
        }
        int mismatched = 0, changed = 0;
        for (int i = 0; i < n; i++) {
            const char *f = names[(i * 17 + 5) % n]; /* every week, out of order */
            ly_import_summary s;
            ly_diag_list diags;
            ly_diag_list_init(&diags, f);
            /* (out of order: weeks far after the latest, confirmed) */
            CHECK_INT(ly_store_import(gpkg, f, LY_IMPORT_GAP, &s, NULL, &diags, err, sizeof err),
                      0);
            mismatched += changes_match(gpkg, &s);
            changed += s.n_changes > 0;
            ly_import_summary_free(&s);
            ly_diag_list_deinit(&diags);
            if (old && i == 0)
                CHECK(has_index(gpkg));
        }
        CHECK_INT(mismatched, 0);
        CHECK(changed > n / 2);
        snprintf(cmd, sizeof cmd, "rm -rf '%s'", path);
        CHECK_INT(system(cmd), 0);
    }
}

/* A change cut short at its commit (an import killed: SIGKILL, a full disk's SIGXFSZ, a
 * power cut) leaves a hot -journal: a reader rolls it back (it opens the store to write
 * once) and reads the store as it was; every command had refused it. */
static void cut_short(void)
{
    char path[24], gpkg[600], journal[620];
    new_store(path, gpkg);
    snprintf(journal, sizeof journal, "%s-journal", gpkg);
    ly_diag_list diags;
    pid_t child = fork();
    if (child == 0) { /* a change that spills to the file, then dies before its commit */
        sqlite3 *db;
        if (sqlite3_open(gpkg, &db) != SQLITE_OK)
            _exit(1);
        sqlite3_exec(db, "PRAGMA cache_size = 1; BEGIN; UPDATE buildings SET name = 'x', "
                         "floors = 1; DELETE FROM louyu_document;", NULL, NULL, NULL);
        _exit(0);
    }
    int status;
    waitpid(child, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    CHECK(access(journal, F_OK) == 0); /* hot */
    ly_district d;
    ly_diag_list_init(&diags, gpkg);
    CHECK_INT(ly_store_load(&d, gpkg, NULL, &diags), LY_LOAD_OK);
    CHECK(access(journal, F_OK) != 0); /* rolled back */
    CHECK_INT(d.n_buildings, 33);
    long wtc = ly_district_find(&d, "wtc");
    CHECK(wtc >= 0 && d.buildings[wtc].floors > 1);
    ly_district_unload(&d);
    ly_diag_list_deinit(&diags);
    char cmd[700];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", path);
    CHECK_INT(system(cmd), 0);
}

/* Whether two files hold the same bytes. */
static bool same_bytes(const char *a, const char *b)
{
    FILE *f = fopen(a, "rb"), *g = fopen(b, "rb");
    bool same = f && g;
    int x = 0, y = 0;
    while (same && (x = fgetc(f)) == (y = fgetc(g)) && x != EOF)
        ;
    same = same && x == y;
    if (f)
        fclose(f);
    if (g)
        fclose(g);
    return same;
}

/* A store whose tables another program altered (a column renamed or dropped, a table
 * dropped) is refused at its open, naming what is missing: every reader, and an import
 * before it writes anything (it had imported into a store whose log it could no longer
 * read, and said SQLite's "no such column: l.replaced_by" elsewhere). */
static void damaged_schema(void)
{
    static const char *const damage[][2] = {
        {"ALTER TABLE import_log RENAME COLUMN replaced_by TO rb",
         "its table import_log has no column replaced_by"},
        {"DROP TABLE gpkg_contents", "it has no table gpkg_contents"},
        {"ALTER TABLE import_log DROP COLUMN sha256", "its table import_log has no column sha256"},
        {"ALTER TABLE weekly_reports DROP COLUMN note",
         "its table weekly_reports has no column note"},
        {"DROP TABLE import_log", "it has no table import_log"},
        {"ALTER TABLE louyu_document RENAME COLUMN geojson TO g",
         "its table louyu_document has no column geojson"},
    };
    for (size_t i = 0; i < sizeof damage / sizeof *damage; i++) {
        char path[24], gpkg[600], err[1024];
        new_store(path, gpkg);
        sqlite3 *db;
        CHECK(sqlite3_open(gpkg, &db) == SQLITE_OK);
        CHECK(sqlite3_exec(db, damage[i][0], NULL, NULL, NULL) == SQLITE_OK);
        sqlite3_close(db);
        char copy[640];
        snprintf(copy, sizeof copy, "%s/before.gpkg", path);
        char cp[1400];
        snprintf(cp, sizeof cp, "cp '%s' '%s'", gpkg, copy);
        CHECK_INT(system(cp), 0);
        CHECK(ly_store_check(gpkg, err, sizeof err) == -1 && strstr(err, damage[i][1]));
        ly_district d;
        ly_diag_list diags;
        ly_diag_list_init(&diags, gpkg);
        CHECK(ly_store_load(&d, gpkg, NULL, &diags) != LY_LOAD_OK && diags.count &&
              strstr(diags.items[0].message, damage[i][1]));
        ly_diag_list_deinit(&diags);
        ly_import_summary s;
        ly_diag_list_init(&diags, "w");
        CHECK_INT(ly_store_import(gpkg, LY_SOURCE_DIR "/data/reports/2011-W17.csv", 0, &s, NULL,
                                  &diags, err, sizeof err),
                  LY_IMPORT_FAILED);
        CHECK(strstr(err, damage[i][1]) != NULL);
        ly_import_summary_free(&s);
        ly_diag_list_deinit(&diags);
        CHECK(same_bytes(gpkg, copy)); /* nothing written */
        char cmd[700];
        snprintf(cmd, sizeof cmd, "rm -rf '%s'", path);
        CHECK_INT(system(cmd), 0);
    }
}

/* A week far after the store's latest (a typo in the year: 2021-W18 for 2011-W18) is
 * refused, naming the latest week and the gap, unless LY_IMPORT_GAP confirms it (it had
 * been imported without a word and become the week every viewer opens at). */
static void far_after_the_latest(void)
{
    char path[24], gpkg[600], err[1024], csv[700];
    new_store(path, gpkg);
    ly_import_summary s;
    ly_diag_list diags;
    ly_diag_list_init(&diags, "w17");
    CHECK_INT(ly_store_import(gpkg, LY_SOURCE_DIR "/data/reports/2011-W17.csv", 0, &s, NULL,
                              &diags, err, sizeof err),
              LY_IMPORT_OK);
    ly_import_summary_free(&s);
    ly_diag_list_deinit(&diags);
    snprintf(csv, sizeof csv, "%s/typo.csv", path);
    FILE *f = fopen(csv, "w");
    CHECK(f != NULL);
    fputs("week,building,floors,vacant_m2\n2021-W18,wtc,3,100\n", f);
    fclose(f);
    ly_diag_list_init(&diags, csv);
    CHECK_INT(ly_store_import(gpkg, csv, LY_IMPORT_REPLACE, &s, NULL, &diags, err, sizeof err),
              LY_IMPORT_REFUSED);
    CHECK(strstr(err, "2021-W18 is 523 weeks after the store's latest report, 2011-W17") &&
          strstr(err, "--gap"));
    ly_import_summary_free(&s);
    ly_diag_list_deinit(&diags);
    ly_diag_list_init(&diags, csv);
    CHECK_INT(ly_store_import(gpkg, csv, LY_IMPORT_GAP, &s, NULL, &diags, err, sizeof err),
              LY_IMPORT_OK);
    ly_import_summary_free(&s);
    ly_diag_list_deinit(&diags);
    /* and withdrawn again: its week gone from the history, the log's line kept and marked */
    ly_withdrawal w;
    CHECK_INT(ly_store_withdraw(gpkg, 2, &w, err, sizeof err), LY_IMPORT_OK);
    CHECK(!strcmp(w.week, "2021-W18") && !strcmp(w.file, "typo.csv") && w.rows == 1 &&
          w.restored == 0);
    ly_district d;
    ly_diag_list_init(&diags, gpkg);
    CHECK_INT(ly_store_load(&d, gpkg, NULL, &diags), LY_LOAD_OK);
    CHECK(d.n_weeks == 1 && d.weeks[0] == 201117);
    ly_district_unload(&d);
    ly_diag_list_deinit(&diags);
    CHECK_INT(ly_store_withdraw(gpkg, 2, &w, err, sizeof err), LY_IMPORT_REFUSED);
    CHECK(strstr(err, "import 2 (typo.csv, 2021-W18) was withdrawn") != NULL);
    CHECK_INT(ly_store_withdraw(gpkg, 3, &w, err, sizeof err), LY_IMPORT_REFUSED);
    CHECK(strstr(err, "there is no import 3") != NULL);
    char cmd[700];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", path);
    CHECK_INT(system(cmd), 0);
}

/* How many figures of the store's GIS layers differ from what louyu shows of its latest
 * week (floors' vacant areas, buildings' rents; louyu's view of the week), plus one where
 * the layers' descriptions do not name that week ("as converted" with none). */
static int layers_off(const char *gpkg)
{
    ly_district d;
    ly_diag_list diags;
    ly_diag_list_init(&diags, gpkg);
    int off = ly_store_load(&d, gpkg, NULL, &diags) != LY_LOAD_OK;
    ly_diag_list_deinit(&diags);
    sqlite3 *db;
    sqlite3_stmt *st;
    off += sqlite3_open_v2(gpkg, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK;
    size_t rows = 0;
    if (!off && sqlite3_prepare_v2(db, "SELECT building_id, floor, vacant_m2 FROM floors", -1,
                                   &st, NULL) == SQLITE_OK) {
        while (sqlite3_step(st) == SQLITE_ROW) {
            long b = ly_district_find(&d, (const char *)sqlite3_column_text(st, 0));
            const ly_floor_record *r = NULL;
            for (uint32_t k = 0; b >= 0 && k < d.buildings[b].n_records; k++)
                if (d.records[d.buildings[b].first_record + k].floor == sqlite3_column_int(st, 1))
                    r = &d.records[d.buildings[b].first_record + k];
            off += !r || fabs(r->vacant_m2 - sqlite3_column_double(st, 2)) > 1e-6;
            rows++;
        }
        sqlite3_finalize(st);
    }
    off += rows != d.n_records;
    if (!off && sqlite3_prepare_v2(db, "SELECT id, rent_cny_m2_day FROM buildings", -1, &st,
                                   NULL) == SQLITE_OK) {
        while (sqlite3_step(st) == SQLITE_ROW) {
            long b = ly_district_find(&d, (const char *)sqlite3_column_text(st, 0));
            double want = b >= 0 ? d.buildings[b].rent_cny_m2_day : -2;
            double got = sqlite3_column_type(st, 1) == SQLITE_NULL ? -1
                                                                    : sqlite3_column_double(st, 1);
            off += fabs((want > 0 ? want : -1) - got) > 1e-9;
        }
        sqlite3_finalize(st);
    }
    char week[16] = "as converted";
    if (d.n_weeks)
        ly_week_format(d.weeks[d.n_weeks - 1], week, sizeof week);
    if (!off && sqlite3_prepare_v2(db, "SELECT description FROM gpkg_contents WHERE table_name"
                                   " IN ('floors', 'buildings')", -1, &st, NULL) == SQLITE_OK) {
        while (sqlite3_step(st) == SQLITE_ROW)
            off += !strstr((const char *)sqlite3_column_text(st, 0), week);
        sqlite3_finalize(st);
    }
    sqlite3_close(db);
    ly_district_unload(&d); /* (zeroed where the load failed) */
    return off;
}

/* The store's GIS layers follow its weeks: after every import, a --replace and a
 * withdrawal, its floors' vacant areas and its buildings' rents are louyu's of the latest
 * week, each building's latest report carried on, and the layers say which week (they had
 * kept the district as converted: wtc's floor 16 vacant 0 in QGIS where louyu said 2,942). */
static void layers_follow_the_weeks(void)
{
    char path[24], gpkg[600], err[1024], csv[700];
    new_store(path, gpkg);
    CHECK_INT(layers_off(gpkg), 0);
    ly_import_summary s;
    ly_diag_list diags;
    ly_withdrawal w;
    const char *const weeks[] = {
        LY_SOURCE_DIR "/data/reports/2011-W17.csv",
        /* one building reports, the others carry W17 on; then that report replaced */
        "week,building,floors,vacant_m2,rent_cny_m2_day\n2011-W18,wtc,16,2942,4.55\n"
        "2011-W18,wtc,28,0,4.55\n",
        "week,building,floors,vacant_m2\n2011-W18,wtc,16-17,1500\n",
    };
    for (int i = 0; i < 3; i++) {
        const char *f = weeks[i];
        if (i) {
            snprintf(csv, sizeof csv, "%s/w18-%d.csv", path, i);
            FILE *o = fopen(csv, "w");
            CHECK(o != NULL);
            fputs(weeks[i], o);
            fclose(o);
            f = csv;
        }
        ly_diag_list_init(&diags, f);
        CHECK_INT(ly_store_import(gpkg, f, i == 2 ? LY_IMPORT_REPLACE : 0, &s, NULL, &diags, err,
                                  sizeof err), LY_IMPORT_OK);
        ly_import_summary_free(&s);
        ly_diag_list_deinit(&diags);
        CHECK_INT(layers_off(gpkg), 0);
    }
    CHECK_INT(ly_store_withdraw(gpkg, 3, &w, err, sizeof err), LY_IMPORT_OK);
    CHECK_INT(layers_off(gpkg), 0); /* W18 as the first file had it */
    CHECK_INT(ly_store_withdraw(gpkg, 2, &w, err, sizeof err), LY_IMPORT_OK);
    CHECK_INT(ly_store_withdraw(gpkg, 1, &w, err, sizeof err), LY_IMPORT_OK);
    CHECK_INT(layers_off(gpkg), 0); /* none: as converted */
    char cmd[700];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", path);
    CHECK_INT(system(cmd), 0);
}

int main(void)
{
    weeks();
    reading();
    reader_beside_writer();
    cut_short();
    against_the_week_before();
    damaged_schema();
    far_after_the_latest();
    layers_follow_the_weeks();
    ly_district_unload(&g_d);
    return check_report();
}
