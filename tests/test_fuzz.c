/* Mutated districts through the whole app, as a reload would bring them (GeoJSON,
 * an OpenStreetMap export, CityJSON and CityJSONSeq, a shapefile, a GeoPackage): numbers
 * swapped for extremes, strings for empty, huge or broken ones, values for
 * other types, spans deleted or doubled. Nothing may crash (the sanitizer
 * build runs this), a refused file must say where and why, and a refused
 * file leaves the last good district in place. Deterministic (fixed seed). */
#include "check.h"
#include "bundled.h"
#include "commands.h"
#include "louyu/kiosk.h"
#include "louyu/report.h"
#include "louyu/settings.h"
#include "louyu/stacking.h"
#include "louyu/stats.h"

#include <math.h>
#include <sqlite3.h>
#include <zlib.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static uint64_t rng = 0x5DEECE66Dull;
static uint32_t next(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (uint32_t)(rng >> 16);
}
static size_t pick(size_t n) { return n ? next() % n : 0; }

typedef struct {
    char *p;
    size_t n, cap;
} buf;

static void put(buf *b, const char *s, size_t n)
{
    if (b->n + n + 1 > b->cap) {
        b->cap = (b->n + n + 1) * 2;
        b->p = realloc(b->p, b->cap);
        if (!b->p)
            abort();
    }
    memcpy(b->p + b->n, s, n);
    b->n += n;
    b->p[b->n] = 0;
}

/* text[0, at) + with + text[at + len, n) */
static void splice(buf *t, size_t at, size_t len, const char *with, size_t wn)
{
    buf o = {0};
    put(&o, t->p, at);
    put(&o, with, wn);
    put(&o, t->p + at + len, t->n - at - len);
    free(t->p);
    *t = o;
}

/* A random token of a kind: a number, or a string (quotes included). */
static bool find_token(const buf *t, char kind, size_t *at, size_t *len)
{
    for (int tries = 0; tries < 64; tries++) {
        size_t i = pick(t->n);
        while (i < t->n && !(kind == '0' ? (t->p[i] == '-' || (t->p[i] >= '0' && t->p[i] <= '9'))
                                         : t->p[i] == '"'))
            i++;
        if (i >= t->n)
            continue;
        /* a number must start after a separator, not inside a string or word */
        if (kind == '0' && i > 0 && !strchr(":,[ \n", t->p[i - 1]))
            continue;
        size_t j = i + 1;
        if (kind == '0')
            while (j < t->n && strchr("0123456789.eE+-", t->p[j]))
                j++;
        else {
            while (j < t->n && t->p[j] != '"')
                j += t->p[j] == '\\' ? 2 : 1;
            if (j >= t->n)
                continue;
            j++;
        }
        *at = i;
        *len = j - i;
        return true;
    }
    return false;
}

static void mutate(buf *t)
{
    static const char *nums[] = {"0",    "-0",          "1e308",      "-1e308",     "1e-320",
                                 "-1",   "0.5",         "99999",      "2147483648", "-2147483649",
                                 "4294967296", "1e400", "123456789012345678901234567890", "3",
                                 "180.0000001", "-90.5", "1000000"};
    static const char *vals[] = {"null", "true", "{}", "[]", "\"x\"", "0", "[[]]", "[0]",
                                 "[[0,0],[0,0]]", "{\"a\":1}", "\"\"", "-5"};
    static const char *strs[] = {"\"\"", "\"\\u0000\"", "\"\\ud800\"", "\"\\q\"", "\"楼\"",
                                 "\"b1\"", "\"building\"", "\"Polygon\"", "\"MultiPolygon\"",
                                 "\"office\"", "\"finance\"", "\"metro\"", "\"\xff\xfe\""};
    size_t at, len;
    switch (next() % 7) {
    case 0: /* a number for an extreme */
        if (find_token(t, '0', &at, &len)) {
            const char *w = nums[pick(sizeof nums / sizeof *nums)];
            splice(t, at, len, w, strlen(w));
        }
        break;
    case 1: /* a string for another, or a broken one */
        if (find_token(t, '"', &at, &len)) {
            const char *w = strs[pick(sizeof strs / sizeof *strs)];
            splice(t, at, len, w, strlen(w));
        }
        break;
    case 2: { /* a long string */
        if (find_token(t, '"', &at, &len)) {
            buf w = {0};
            put(&w, "\"", 1);
            for (int i = 0; i < 3000; i++)
                put(&w, i % 3 ? "a" : "楼", i % 3 ? 1 : 3);
            put(&w, "\"", 1);
            splice(t, at, len, w.p, w.n);
            free(w.p);
        }
        break;
    }
    case 3: { /* a value after a key for another type */
        for (int tries = 0; tries < 32; tries++) {
            size_t i = pick(t->n);
            char *c = memchr(t->p + i, ':', t->n - i);
            if (!c)
                continue;
            size_t s = (size_t)(c - t->p) + 1;
            while (s < t->n && t->p[s] == ' ')
                s++;
            /* the value runs to the next , } or ] at the same depth */
            int depth = 0;
            size_t e = s;
            bool in_str = false;
            for (; e < t->n; e++) {
                char ch = t->p[e];
                if (in_str) {
                    if (ch == '\\')
                        e++;
                    else if (ch == '"')
                        in_str = false;
                    continue;
                }
                if (ch == '"')
                    in_str = true;
                else if (ch == '[' || ch == '{')
                    depth++;
                else if ((ch == ']' || ch == '}') && depth-- == 0)
                    break;
                else if (ch == ',' && depth == 0)
                    break;
            }
            const char *w = vals[pick(sizeof vals / sizeof *vals)];
            splice(t, s, e - s, w, strlen(w));
            break;
        }
        break;
    }
    case 4: { /* a span deleted */
        size_t a = pick(t->n), l = 1 + pick(next() % 4 ? 8 : 400);
        if (a + l > t->n)
            l = t->n - a;
        splice(t, a, l, "", 0);
        break;
    }
    case 5: { /* a span doubled */
        size_t a = pick(t->n), l = 1 + pick(next() % 2 ? 40 : 2000);
        if (a + l > t->n)
            l = t->n - a;
        char *copy = malloc(l + 1);
        memcpy(copy, t->p + a, l);
        splice(t, a, 0, copy, l);
        free(copy);
        break;
    }
    default: { /* a byte flipped */
        size_t a = pick(t->n);
        if (t->n)
            t->p[a] = (char)(t->p[a] ^ (1u << (next() % 8)));
        break;
    }
    }
}

static bool read_all(const char *path, buf *out)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return false;
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        put(out, chunk, n);
    fclose(f);
    return out->n > 0;
}

/* What the exercise found wrong: each count must stay 0. */
typedef struct {
    long selection, classes, hits, matches, stats, picks;
    long views, seen; /* building views tried, and how many show their building */
} faults;

/* The colour classes cover every building once, each a class or "no data". */
static bool classes_ok(const ly_app *app)
{
    const ly_colorby *cb = &app->dv.colorby;
    size_t n = app->scene.district.n_buildings, counted = cb->no_data.count;
    if (app->st.color_mode == LY_COLOR_NONE)
        return true;
    for (int c = 0; c < cb->n_classes; c++)
        counted += cb->classes[c].count;
    for (size_t i = 0; i < cb->n && i < n; i++)
        if (cb->class_of[i] < -1 || cb->class_of[i] >= cb->n_classes)
            return false;
    return cb->n == n && counted == n;
}

/* A finder result: matches of real buildings, spaces on their floors. */
static bool matches_ok(const ly_district *d, const ly_query_result *r)
{
    for (size_t m = 0; m < r->n_matches; m++) {
        const ly_query_match *q = &r->matches[m];
        if (q->building >= d->n_buildings || q->first_space + q->n_spaces > r->n_spaces)
            return false;
        for (uint32_t k = 0; k < q->n_spaces; k++) {
            const ly_query_space *sp = &r->spaces[q->first_space + k];
            if (sp->first < 1 || sp->last < sp->first ||
                sp->last > d->buildings[q->building].floors || !(sp->vacant_m2 >= 0))
                return false;
        }
    }
    return true;
}

/* What a visitor might do with whatever loaded, and what must hold each time. */
static void exercise(ly_app *app, faults *f)
{
    const ly_district *d = &app->scene.district;
    for (int k = 0; k < 4 && d->n_buildings; k++) {
        long b = (long)pick(d->n_buildings);
        ly_cmd_select(app, b, k % 2);
        f->selection += app->st.selected != b;
        ly_stacking st;
        if (ly_stacking_build(&st, d, &app->scene.geo, b, k * 0.3f, 1, 3) == 0)
            ly_stacking_deinit(&st);
        /* the app still answers a pick: the view of a building shows it in the middle */
        ly_cmd_select(app, -1, false);
        ly_cmd_set_view(app, d->buildings[b].id, false);
        long hit = ly_app_pick(app, 400, 300, 0, NULL);
        f->picks += hit < -1 || hit >= (long)d->n_buildings;
        f->views++;
        f->seen += hit == b;
    }
    for (int m = 0; m < LY_COLOR_MODES; m++) {
        ly_cmd_set_color_mode(app, (ly_color_mode)m, false);
        f->classes += !classes_ok(app);
    }
    ly_search_hit hits[8];
    static const char *qs[] = {"a", "\xe6\xa5\xbc" /* 楼 */, "sm", "finance", "1"};
    for (size_t q = 0; q < sizeof qs / sizeof *qs; q++) {
        size_t n = ly_search_run(&app->dv.search, qs[q], hits, 8);
        for (size_t i = 0; i < n; i++)
            f->hits += hits[i].building >= d->n_buildings;
    }
    ly_query_desc descs[3] = {{.min_area_m2 = 500, .contiguous = true, .max_rent_cny_m2_day = 9},
                              {.near_poi = true, .near = LY_POI_METRO, .include_later_pois = true,
                               .industry = "finance"},
                              {.name = "a", .max_area_m2 = 3000}};
    for (int q = 0; q < 3; q++) {
        ly_query_result r;
        if (ly_query_run(d, &app->scene.geo, &descs[q], &r) == 0) {
            f->matches += !matches_ok(d, &r);
            ly_query_result_deinit(&r);
        }
    }
    ly_stats s;
    ly_stats_compute(d, &s);
    f->stats += s.buildings != d->n_buildings || s.completed + s.under_construction != s.buildings ||
                s.with_occupancy > s.buildings || s.vacant_m2 > s.recorded_area_m2 + 1e-6;
    for (int i = 0; i < 30; i++)
        ly_app_update(app, 0.1);
    ly_cmd_select(app, -1, false);
}

/* The kiosk's config and the user's settings, mutated the same way: each
 * answer is all good (0), or problems that each name FILE:LINE:COL, or one line
 * saying why the file is not usable; and the values stay within their ranges. */
static void config_files(const char *path)
{
    buf base = {0};
    CHECK(read_all(LY_SOURCE_DIR "/assets/kiosk.example.json", &base));
    /* the example with an admin hash too, so it gets mutated */
    char hash[LY_PIN_HASH_MAX];
    CHECK_INT(ly_pin_hash("2468", hash, sizeof hash), 0);
    char *close = strrchr(base.p, '}');
    if (close) {
        buf ext = {0};
        put(&ext, base.p, (size_t)(close - base.p));
        char more[512];
        snprintf(more, sizeof more,
                 ",\n  \"admin\": {\"pin_hash\": \"%s\", \"hold_s\": 5}\n}\n",
                 hash);
        put(&ext, more, strlen(more));
        free(base.p);
        base = ext;
    }
    ly_kiosk_config c;
    FILE *f = fopen(path, "wb");
    fwrite(base.p, 1, base.n, f);
    fclose(f);
    ly_diag_list diags;
    ly_diag_list_init(&diags, path);
    CHECK_INT(ly_kiosk_config_load(&c, path, &diags), 0);
    ly_diag_list_deinit(&diags);
    long good = 0, bad = 0, unexplained = 0, out_of_range = 0;
    for (int i = 0; i < 3000; i++) {
        buf t = {0};
        put(&t, base.p, base.n);
        for (int m = next() % 5 < 3 ? 1 : 2; m > 0; m--)
            mutate(&t);
        f = fopen(path, "wb");
        if (!f || fwrite(t.p, 1, t.n, f) != t.n)
            abort();
        fclose(f);
        ly_kiosk_config_defaults(&c);
        ly_diag_list_init(&diags, path);
        int rc = ly_kiosk_config_load(&c, path, &diags);
        if (rc == 0) {
            good++;
            out_of_range += c.reset_after_s < 10 || c.reset_after_s > 86400 ||
                            c.attract_after_s < 5 || c.attract_after_s > 86400;
        } else {
            bad++;
            /* a refusal says why, and each problem with a position lies inside the file */
            unexplained += diags.errors == 0;
            for (size_t k = 0; k < diags.count; k++)
                unexplained += diags.items[k].offset != SIZE_MAX &&
                               (diags.items[k].offset > t.n || diags.items[k].line < 1 ||
                                diags.items[k].col < 1);
        }
        ly_diag_list_deinit(&diags);
        ly_settings st;
        ly_settings_load(&st, path, NULL); /* not a settings file: must just cope */
        free(t.p);
    }
    printf("fuzz: kiosk configs %ld good, %ld refused\n", good, bad);
    CHECK(good > 100 && bad > 100);
    CHECK_INT(unexplained, 0);
    CHECK_INT(out_of_range, 0);
    free(base.p);
}

/* A ZIP archive of stored (not compressed) members, as a spreadsheet's: names[i] holding
 * data[i] (at most 8), each with its CRC-32. */
static void stored_zip(buf *z, const char *const *names, const buf *data, int n)
{
    size_t at[8], dir;
    unsigned char h[46];
    uLong crc[8];
    for (int i = 0; i < n; i++) {
        at[i] = z->n;
        size_t nl = strlen(names[i]);
        crc[i] = crc32(crc32(0, Z_NULL, 0), (const Bytef *)data[i].p, (uInt)data[i].n);
        memset(h, 0, 30);
        h[0] = 'P', h[1] = 'K', h[2] = 3, h[3] = 4, h[4] = 20;
        for (int k = 0; k < 4; k++) {
            h[14 + k] = (unsigned char)(crc[i] >> (8 * k));
            h[18 + k] = h[22 + k] = (unsigned char)(data[i].n >> (8 * k));
        }
        h[26] = (unsigned char)nl;
        put(z, (const char *)h, 30);
        put(z, names[i], nl);
        put(z, data[i].p, data[i].n);
    }
    dir = z->n;
    for (int i = 0; i < n; i++) {
        size_t nl = strlen(names[i]);
        memset(h, 0, 46);
        h[0] = 'P', h[1] = 'K', h[2] = 1, h[3] = 2, h[4] = 20, h[6] = 20;
        for (int k = 0; k < 4; k++) {
            h[16 + k] = (unsigned char)(crc[i] >> (8 * k));
            h[20 + k] = h[24 + k] = (unsigned char)(data[i].n >> (8 * k));
            h[42 + k] = (unsigned char)(at[i] >> (8 * k));
        }
        h[28] = (unsigned char)nl;
        put(z, (const char *)h, 46);
        put(z, names[i], nl);
    }
    unsigned char e[22] = {'P', 'K', 5, 6};
    e[8] = e[10] = (unsigned char)n;
    size_t size = z->n - dir;
    for (int k = 0; k < 4; k++) {
        e[12 + k] = (unsigned char)(size >> (8 * k));
        e[16 + k] = (unsigned char)(dir >> (8 * k));
    }
    put(z, (const char *)e, 22);
}

/* What the mutated reports of one kind came to. */
typedef struct {
    long accepted, refused, silent, bad_rows;
} tally;

/* One answer counted: rows that make sense with no errors, or a refusal that says why;
 * the report and its diagnostics freed. */
static void tally_answer(tally *t, int rc, ly_report *r, ly_diag_list *diags, const ly_district *d)
{
    if (rc == 0) {
        t->accepted++;
        t->silent += diags->errors != 0;
        for (size_t j = 0; j < r->n_rows; j++)
            t->bad_rows += r->rows[j].building >= d->n_buildings || !(r->rows[j].vacant_m2 >= 0);
    } else {
        t->refused++;
        t->silent += diags->errors == 0;
    }
    ly_report_free(r);
    ly_diag_list_deinit(diags);
}

/* More than `accepted` accepted and `refused` refused (most changes leave a workbook's XML
 * or records damaged), none silent, none with rows that make no sense. */
static void tally_check(const tally *t, const char *what, long accepted, long refused)
{
    printf("fuzz: %s reports %ld accepted, %ld refused\n", what, t->accepted, t->refused);
    CHECK(t->accepted > accepted);
    CHECK(t->refused > refused);
    CHECK_INT(t->silent, 0);
    CHECK_INT(t->bad_rows, 0);
}

/* ---- an Excel 97-2003 workbook (.xls), built here from the format's description ----- */

/* v in `bytes` bytes, least significant first (zeros past its four) */
static void le(buf *b, uint32_t v, int bytes)
{
    for (int k = 0; k < bytes; k++) {
        char c = k < 4 ? (char)(v >> (8 * k)) : 0;
        put(b, &c, 1);
    }
}

/* A BIFF record: type, length, data. */
static void rec(buf *w, uint32_t type, const buf *data)
{
    le(w, type, 2);
    le(w, (uint32_t)data->n, 2);
    put(w, data->p, data->n);
}

/* A BIFF8 string: its length, its flags (1: two bytes a character), its characters. */
static void xl_string(buf *b, const char *latin1, const uint16_t *wide, size_t n)
{
    le(b, (uint32_t)n, 2);
    le(b, wide ? 1 : 0, 1);
    for (size_t i = 0; i < n; i++)
        le(b, wide ? wide[i] : (unsigned char)latin1[i], wide ? 2 : 1);
}

/* A cell's row, column and format. */
static void cell_head(buf *b, int row, int col, int xf)
{
    le(b, (uint32_t)row, 2);
    le(b, (uint32_t)col, 2);
    le(b, (uint32_t)xf, 2);
}

static void double_le(buf *b, double x)
{
    uint64_t v;
    memcpy(&v, &x, 8);
    le(b, (uint32_t)v, 4);
    le(b, (uint32_t)(v >> 32), 4);
}

/* The workbook stream of a week's report: the header as shared strings, a row with a
 * LABEL (wtc), an RK (floor 20, a whole number), a NUMBER (1200.5) and a date (RK in
 * hundredths: 40679 under format 14) in a MULRK, and a formula whose text result follows
 * in a STRING record; then a truth cell beyond the header's columns (not read), a chart
 * sheet's BOF..EOF inside the sheet. */
static void xls_stream(buf *w)
{
    buf d = {0};
    static const char *const HEAD[5] = {"week", "building", "floors", "vacant_m2", "available_from"};
    le(&d, 0x0600, 2), le(&d, 0x0005, 2), le(&d, 0, 12);
    rec(w, 0x0809, &d);
    d.n = 0;
    for (int i = 0; i < 16; i++) { /* 15 style formats, then 15: a cell's, as format 14 */
        d.n = 0;
        le(&d, 0, 2), le(&d, i == 15 ? 14 : 0, 2), le(&d, 0, 16);
        rec(w, 0x00E0, &d);
    }
    d.n = 0;
    le(&d, 6, 4), le(&d, 5, 4);
    for (int i = 0; i < 5; i++)
        xl_string(&d, HEAD[i], NULL, strlen(HEAD[i]));
    rec(w, 0x00FC, &d);
    size_t sheet_pos_at = w->n + 4; /* BOUNDSHEET's lbPlyPos, filled in below */
    d.n = 0;
    le(&d, 0, 4), le(&d, 0, 2);
    xl_string(&d, "w", NULL, 1); /* (a short string there: 8-bit length; here 16 + flags) */
    rec(w, 0x0085, &d);
    d.n = 0;
    rec(w, 0x000A, &d);
    size_t sheet = w->n;
    for (int k = 0; k < 4; k++)
        w->p[sheet_pos_at + k] = (char)(sheet >> (8 * k));
    d.n = 0;
    le(&d, 0x0600, 2), le(&d, 0x0010, 2), le(&d, 0, 12);
    rec(w, 0x0809, &d);
    for (int c = 0; c < 4; c++) { /* the header: shared strings 0-3, then 4 */
        d.n = 0;
        cell_head(&d, 0, c, 0), le(&d, (uint32_t)c, 4);
        rec(w, 0x00FD, &d);
    }
    d.n = 0;
    cell_head(&d, 0, 4, 0), le(&d, 4, 4);
    rec(w, 0x00FD, &d);
    d.n = 0;
    cell_head(&d, 1, 0, 0); /* a formula whose result is text: "2011-W18" in a STRING */
    le(&d, 0, 2), le(&d, 0, 4), le(&d, 0xFFFF, 2), le(&d, 0, 2), le(&d, 0, 4), le(&d, 0, 2);
    rec(w, 0x0006, &d);
    d.n = 0;
    xl_string(&d, "2011-W18", NULL, 8);
    rec(w, 0x0207, &d);
    d.n = 0;
    static const uint16_t WTC[3] = {'w', 't', 'c'};
    cell_head(&d, 1, 1, 0), xl_string(&d, NULL, WTC, 3);
    rec(w, 0x0204, &d);
    d.n = 0;
    cell_head(&d, 1, 2, 0), le(&d, 20u << 2 | 2, 4); /* RK: whole 20 */
    rec(w, 0x027E, &d);
    d.n = 0;
    cell_head(&d, 1, 3, 0), double_le(&d, 1200.5);
    rec(w, 0x0203, &d);
    d.n = 0; /* a MULRK of one cell: the date, 4067900 hundredths, under format 14 */
    le(&d, 1, 2), le(&d, 4, 2), le(&d, 15, 2), le(&d, 4067900u << 2 | 3, 4), le(&d, 4, 2);
    rec(w, 0x00BD, &d);
    d.n = 0;
    le(&d, 0x0600, 2), le(&d, 0x0020, 2), le(&d, 0, 12);
    rec(w, 0x0809, &d); /* a chart's substream: its cells are not the sheet's */
    d.n = 0;
    cell_head(&d, 5, 0, 0), le(&d, 1, 1), le(&d, 0, 1);
    rec(w, 0x0205, &d);
    d.n = 0;
    rec(w, 0x000A, &d);
    rec(w, 0x000A, &d);
    free(d.p);
}

/* A compound file of 512-byte sectors holding the stream as "Workbook" in its mini stream
 * (the stream is under 4096 bytes): header, FAT, directory, mini FAT, mini stream. */
static void compound(buf *f, const buf *stream)
{
    size_t minis = (stream->n + 63) / 64, mini_bytes = minis * 64;
    size_t ms_sectors = (mini_bytes + 511) / 512, mf_sectors = (minis * 4 + 511) / 512;
    /* sectors: 0 FAT, 1 directory, 2.. mini FAT, then the mini stream */
    size_t mf0 = 2, ms0 = mf0 + mf_sectors, total = ms0 + ms_sectors;
    buf h = {0};
    put(&h, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
    le(&h, 0, 16), le(&h, 0x3E, 2), le(&h, 3, 2), le(&h, 0xFFFE, 2), le(&h, 9, 2), le(&h, 6, 2);
    le(&h, 0, 6), le(&h, 0, 4), le(&h, 1, 4), le(&h, 1, 4), le(&h, 0, 4), le(&h, 4096, 4);
    le(&h, (uint32_t)mf0, 4), le(&h, (uint32_t)mf_sectors, 4), le(&h, 0xFFFFFFFE, 4), le(&h, 0, 4);
    le(&h, 0, 4);
    for (int i = 1; i < 109; i++)
        le(&h, 0xFFFFFFFF, 4);
    put(f, h.p, h.n);
    buf fat = {0};
    le(&fat, 0xFFFFFFFD, 4), le(&fat, 0xFFFFFFFE, 4);
    for (size_t i = 0; i < mf_sectors; i++)
        le(&fat, i + 1 < mf_sectors ? (uint32_t)(mf0 + i + 1) : 0xFFFFFFFE, 4);
    for (size_t i = 0; i < ms_sectors; i++)
        le(&fat, i + 1 < ms_sectors ? (uint32_t)(ms0 + i + 1) : 0xFFFFFFFE, 4);
    while (fat.n < 512)
        le(&fat, 0xFFFFFFFF, 4);
    put(f, fat.p, 512);
    buf dir = {0};
    static const char *const NAME[2] = {"Root Entry", "Workbook"};
    for (int e = 0; e < 4; e++) {
        size_t at = dir.n;
        const char *nm = e < 2 ? NAME[e] : "";
        for (size_t i = 0; i < 32; i++)
            le(&dir, i < strlen(nm) ? (uint32_t)nm[i] : 0, 2);
        le(&dir, *nm ? (uint32_t)(2 * strlen(nm) + 2) : 0, 2);
        le(&dir, e == 0 ? 5 : e == 1 ? 2 : 0, 1), le(&dir, 1, 1);
        le(&dir, 0xFFFFFFFF, 4), le(&dir, 0xFFFFFFFF, 4), le(&dir, e == 0 ? 1 : 0xFFFFFFFF, 4);
        le(&dir, 0, 16), le(&dir, 0, 4), le(&dir, 0, 16);
        le(&dir, e == 0 ? (uint32_t)ms0 : 0, 4);
        le(&dir, e == 0 ? (uint32_t)mini_bytes : e == 1 ? (uint32_t)stream->n : 0, 4);
        le(&dir, 0, 4);
        if (dir.n - at != 128)
            abort();
    }
    put(f, dir.p, 512);
    buf mf = {0};
    for (size_t i = 0; i < minis; i++)
        le(&mf, i + 1 < minis ? (uint32_t)(i + 1) : 0xFFFFFFFE, 4);
    while (mf.n < mf_sectors * 512)
        le(&mf, 0xFFFFFFFF, 4);
    put(f, mf.p, mf.n);
    put(f, stream->p, stream->n);
    while (f->n < (total + 1) * 512)
        put(f, "", 1);
    free(h.p), free(fat.p), free(dir.p), free(mf.p);
}

/* The workbook read as its report, then its bytes mutated (flipped, cut, repeated):
 * each answer is rows that make sense, or a refusal that says why. */
static void xls_files(const ly_district *d)
{
    buf stream = {0}, file = {0};
    xls_stream(&stream);
    compound(&file, &stream);
    tally n = {0};
    for (int i = 0; i < 1500; i++) {
        buf t = {0};
        put(&t, file.p, file.n);
        for (int m = i ? 1 + (int)pick(4) : 0; m > 0; m--) {
            size_t at = pick(t.n);
            switch (pick(4)) {
            case 0: t.p[at] = (char)pick(256); break;
            case 1: t.p[at] ^= (char)(1 << pick(8)); break;
            case 2: t.n = at > 8 ? at : t.n; break; /* cut */
            default: t.p[at] = (char)(pick(2) ? 0xFF : 0); break;
            }
        }
        ly_report r;
        ly_diag_list diags;
        ly_diag_list_init(&diags, "week.xls");
        int rc = ly_report_parse(&r, t.p, t.n, d, &diags);
        if (!i) { /* wtc's 20th floor, 1200.5 m² free from 16 May: the stream read whole */
            if (rc)
                fprintf(stderr, "week.xls: %s\n", diags.count ? diags.items[0].message : "?");
            CHECK(rc == 0 && r.n_rows == 1 && r.rows[0].vacant_m2 == 1200.5 &&
                  r.rows[0].floor_from == 20 && !strcmp(r.rows[0].available_from, "2011-05-16"));
        }
        tally_answer(&n, rc, &r, &diags, d);
        free(t.p);
    }
    tally_check(&n, ".xls", 10, 20);
    free(stream.p);
    free(file.p);
}

static void page_files(const ly_district *d, const char *page, const char *name);

/* A week's report as a web page (an office system's ".xls") and as Excel's XML Spreadsheet
 * 2003, each mutated (page_files). */
static void html_files(const ly_district *d)
{
    static const char PAGE[] =
        "<html><head><meta charset=utf-8><style>td{}</style></head><body><!-- x -->"
        "<table><tr><td colspan=4>&#x6E5B;&#23665;&nbsp;周报</td></tr>"
        "<tr><th>week</th><th>building</th><th>floors</th><th>vacant_m2</th>"
        "<th rowspan=2>available_from</th></tr>"
        "<tr><td>2011-W18</td><td>wtc</td><td x:num=\"20\">20.00</td><td x:num=\"1200.5\">"
        "1,200.50</td></tr><tr><td>2011-W18</td><td>w<b>t</b>c</td><td>21</td><td>300<br></td>"
        "<td><table><tr><td>2011-05-16</td></tr></table></td></tr></table></body></html>";
    page_files(d, PAGE, "web page");
    /* the same week as Excel's "XML Spreadsheet 2003" */
    static const char XML[] =
        "<?xml version=\"1.0\"?><Workbook xmlns=\"urn:schemas-microsoft-com:office:spreadsheet\" "
        "xmlns:ss=\"urn:schemas-microsoft-com:office:spreadsheet\"><Worksheet><Table>"
        "<Row><Cell ss:MergeAcross=\"3\"><Data ss:Type=\"String\">&#x6E5B;山 周报</Data></Cell></Row>"
        "<Row ss:Index=\"3\"><Cell><Data ss:Type=\"String\">week</Data></Cell><Cell><Data "
        "ss:Type=\"String\">building</Data></Cell><Cell><Data ss:Type=\"String\">floors</Data>"
        "</Cell><Cell><Data ss:Type=\"String\">vacant_m2</Data></Cell><Cell ss:MergeDown=\"1\">"
        "<Data ss:Type=\"String\">available_from</Data></Cell></Row><Row><Cell><Data "
        "ss:Type=\"String\">2011-W18</Data></Cell><Cell><Data ss:Type=\"String\">wtc</Data>"
        "</Cell><Cell><Data ss:Type=\"Number\">20</Data></Cell><Cell><Data ss:Type=\"Number\">"
        "1200.5</Data></Cell></Row><Row><Cell><Data ss:Type=\"String\">2011-W18</Data></Cell>"
        "<Cell><Data ss:Type=\"String\">w<B>t</B>c</Data></Cell><Cell ss:Index=\"3\"><Data "
        "ss:Type=\"Number\">21</Data></Cell><Cell><Data ss:Type=\"Number\">300</Data></Cell>"
        "<Cell><Data ss:Type=\"DateTime\">2011-05-16T00:00:00.000</Data></Cell></Row></Table>"
        "</Worksheet></Workbook>";
    page_files(d, XML, "XML spreadsheet");
}

/* A week's report in a text format (page), mutated: tags, spans, entities. Each answer
 * is rows that make sense, or errors. */
static void page_files(const ly_district *d, const char *page, const char *name)
{
    tally n = {0};
    for (int i = 0; i < 600; i++) {
        buf t = {0};
        put(&t, page, strlen(page));
        for (int m = i ? 1 + (int)pick(3) : 0; m > 0; m--)
            mutate(&t);
        ly_report r;
        ly_diag_list diags;
        ly_diag_list_init(&diags, "week.xls");
        int rc = ly_report_parse(&r, t.p, t.n, d, &diags);
        if (!i) /* wtc's 20th floor, 1200.5 m², and its 21st, 300 m² free from 16 May */
            CHECK(rc == 0 && r.n_rows == 2 && r.rows[0].vacant_m2 == 1200.5 &&
                  r.rows[1].vacant_m2 == 300 && !strcmp(r.rows[1].available_from, "2011-05-16"));
        tally_answer(&n, rc, &r, &diags, d);
        free(t.p);
    }
    tally_check(&n, name, 10, 20);
}

/* A week's report as LibreOffice saves it (.ods), its content.xml mutated: cells, values,
 * repeat counts, elements cut or doubled. Each answer is rows that make sense, or errors. */
static void ods_files(const ly_district *d)
{
    static const char CONTENT[] =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-content xmlns:office=\"o\" "
        "xmlns:table=\"t\" xmlns:text=\"x\"><office:body><office:spreadsheet><table:table "
        "table:name=\"w\"><table:table-row><table:table-cell office:value-type=\"string\">"
        "<text:p>week</text:p></table:table-cell><table:table-cell><text:p>building</text:p>"
        "</table:table-cell><table:table-cell><text:p>floors</text:p></table:table-cell>"
        "<table:table-cell><text:p>vacant_m2</text:p></table:table-cell><table:table-cell>"
        "<text:p>available_from</text:p></table:table-cell></table:table-row><table:table-row "
        "table:number-rows-repeated=\"1\"><table:table-cell><text:p>2011-W18</text:p>"
        "</table:table-cell><table:table-cell><office:annotation><text:p>n</text:p>"
        "</office:annotation><text:p>wtc</text:p></table:table-cell><table:table-cell "
        "office:value-type=\"float\" office:value=\"20\"><text:p>20</text:p></table:table-cell>"
        "<table:table-cell office:value-type=\"float\" office:value=\"1200.5\"/>"
        "<table:table-cell office:value-type=\"date\" office:date-value=\"2011-05-16T00:00:00\">"
        "<text:p>5/16<text:s text:c=\"2\"/>x</text:p></table:table-cell><table:table-cell "
        "table:number-columns-repeated=\"1019\"/></table:table-row><table:table-row "
        "table:number-rows-repeated=\"1048570\"><table:table-cell/></table:table-row>"
        "</table:table></office:spreadsheet></office:body></office:document-content>";
    static const char *const NAMES[] = {"mimetype", "content.xml"};
    tally n = {0};
    for (int i = 0; i < 400; i++) {
        buf parts[2] = {{0}, {0}}, z = {0};
        put(&parts[0], "application/vnd.oasis.opendocument.spreadsheet", 46);
        put(&parts[1], CONTENT, sizeof CONTENT - 1);
        for (int m = i ? 1 + (int)pick(3) : 0; m > 0; m--) /* (the first as it is) */
            mutate(&parts[1]);
        stored_zip(&z, NAMES, parts, 2);
        ly_report r;
        ly_diag_list diags;
        ly_diag_list_init(&diags, "week.ods");
        int rc = ly_report_parse(&r, z.p, z.n, d, &diags);
        if (!i) /* a row: wtc's 20th floor, 1200.5 m² free from 16 May */
            CHECK(rc == 0 && r.n_rows == 1 && r.rows[0].vacant_m2 == 1200.5 &&
                  !strcmp(r.rows[0].available_from, "2011-05-16"));
        tally_answer(&n, rc, &r, &diags, d);
        free(parts[0].p);
        free(parts[1].p);
        free(z.p);
    }
    tally_check(&n, ".ods", 10, 20);
}

/* A building manager's weekly reports, mutated: the template louyu writes for a
 * building, as a spreadsheet saves it (UTF-8, with a BOM, GB18030). Each answer
 * is rows that make sense for the district, or errors at FILE:LINE:COL. */
static void report_files(void)
{
    ly_district d;
    load_bundled(&d);
    long accepted = 0, refused = 0, silent = 0, bad_positions = 0, bad_rows = 0;
    for (int k = 0; k < 6 && d.n_buildings; k++) {
        uint32_t b = (uint32_t)pick(d.n_buildings);
        size_t len = 0;
        char *utf8 = ly_report_template(&d, b, 202046, NULL, &len);
        CHECK(utf8 != NULL);
        if (!utf8)
            continue;
        ly_csv_encoding enc = (ly_csv_encoding)(k % 3);
        size_t n = len;
        char *text = enc == LY_CSV_UTF8 ? utf8 : ly_csv_encode(utf8, len, enc, &n);
        CHECK(text != NULL);
        for (int i = 0; text && i < 300; i++) {
            buf t = {0};
            put(&t, text, n);
            for (int m = 1 + (int)pick(3); m > 0; m--)
                mutate(&t);
            ly_report r;
            ly_diag_list diags;
            ly_diag_list_init(&diags, "week.csv");
            int rc = ly_report_parse(&r, t.p, t.n, &d, &diags);
            if (rc == 0) {
                accepted++;
                silent += diags.errors != 0;
                for (size_t j = 0; j < r.n_rows; j++) {
                    const ly_report_row *w = &r.rows[j];
                    int floors = w->building < d.n_buildings ? d.buildings[w->building].floors : 0;
                    bad_rows += w->building >= d.n_buildings || w->floor_from < 0 ||
                                w->floor_to < w->floor_from || w->floor_to > floors ||
                                !(w->vacant_m2 >= 0) || isinf(w->vacant_m2) ||
                                (w->rent >= 0 && isinf(w->rent)) || w->line < 1;
                }
            } else {
                refused++;
                silent += diags.errors == 0;
            }
            /* offsets are in the decoded text (csv.h), except an encoding error's; a refused
             * file's decoded text is gone, and GB18030 or UTF-16 decoded to UTF-8 is at most
             * half as long again as its bytes */
            size_t end = r.csv.len > t.n ? r.csv.len : t.n + t.n / 2 + 1;
            for (size_t j = 0; j < diags.count; j++) {
                const ly_diag *dg = &diags.items[j];
                if (dg->offset != SIZE_MAX && (dg->offset > end || dg->line < 1 || dg->col < 1) &&
                    bad_positions++ < 5)
                    fprintf(stderr, "a report (encoding %d) at byte %zu of %zu, %d:%d: %s\n",
                            (int)enc, dg->offset, end, dg->line, dg->col, dg->message);
            }
            ly_report_free(&r);
            ly_diag_list_deinit(&diags);
            free(t.p);
        }
        if (text != utf8)
            free(text);
        free(utf8);
    }
    ods_files(&d);
    xls_files(&d);
    html_files(&d);
    printf("fuzz: reports %ld accepted, %ld refused\n", accepted, refused);
    CHECK(accepted > 50);
    CHECK(refused > 50);
    CHECK_INT(silent, 0);        /* an answer's errors are its refusal's, and only those */
    CHECK_INT(bad_positions, 0); /* each where it is */
    CHECK_INT(bad_rows, 0);      /* and what is accepted makes sense */
    ly_district_unload(&d);
}

/* Loads through the app as a reload would, counting: loaded, refused, refused without
 * saying why (silent), and refusals that lost the district on screen. */
typedef struct {
    long loaded, refused, silent, lost;
} counts;

static void load_counted(ly_app *app, const char *path, counts *c)
{
    size_t before = app->scene.district.n_buildings;
    ly_diag_list diags;
    ly_diag_list_init(&diags, path);
    if (ly_app_load(app, path, &diags) == LY_LOAD_OK) {
        c->loaded++;
    } else {
        c->refused++;
        c->silent += diags.errors == 0;
        c->lost += !app->scene.loaded || app->scene.district.n_buildings != before;
    }
    ly_diag_list_deinit(&diags);
}

/* Shapefiles with their bytes mutated: the .shp's (counts, lengths, offsets, types,
 * coordinates) or the .dbf's (its header, field descriptors and rows), one file of the set
 * at a time, as a copy damaged in transfer would be. Through the app's load as a reload
 * would bring it: no crash, a refusal says why, the last good district stays. */
static void shapefile_set(ly_app *app, const char *set, int iterations)
{
    static const char *const EXT[] = {"shp", "shx", "dbf", "prj", "cpg"};
    char dir[] = "/tmp/louyu-fuzz-shp-XXXXXX", path[5][96];
    CHECK(mkdtemp(dir) != NULL);
    buf orig[5] = {{0}};
    for (int i = 0; i < 5; i++) {
        char from[512];
        snprintf(from, sizeof from, "%s/tests/data/wild/shapefile/%s.%s", LY_SOURCE_DIR, set,
                 EXT[i]);
        snprintf(path[i], sizeof path[i], "%s/x.%s", dir, EXT[i]);
        CHECK(read_all(from, &orig[i]));
        FILE *f = fopen(path[i], "wb");
        if (!f || fwrite(orig[i].p, 1, orig[i].n, f) != orig[i].n)
            abort();
        fclose(f);
    }
    ly_diag_list diags;
    ly_diag_list_init(&diags, path[0]);
    CHECK_INT(ly_app_load(app, path[0], &diags), LY_LOAD_OK);
    ly_diag_list_deinit(&diags);
    counts c = {0};
    for (int it = 0; it < iterations; it++) {
        int which = it % 2 ? 2 : 0; /* the .shp, then the .dbf */
        buf t = {0};
        put(&t, orig[which].p, orig[which].n);
        for (int m = 1 + (int)pick(4); m > 0 && t.n; m--) {
            size_t at = pick(t.n);
            switch (next() % 4) {
            case 0: /* a byte */
                t.p[at] = (char)next();
                break;
            case 1: /* a 32-bit count or offset, large or negative */
                for (int k = 0; k < 4 && at + k < t.n; k++)
                    t.p[at + k] = (char)(k == 3 ? (next() % 2 ? 0x7F : 0xFF) : next());
                break;
            case 2: /* cut short */
                t.n = at;
                break;
            default: /* a bit */
                t.p[at] = (char)(t.p[at] ^ (1u << (next() % 8)));
            }
        }
        FILE *f = fopen(path[which], "wb");
        if (!f || fwrite(t.p, 1, t.n, f) != t.n)
            abort();
        fclose(f);
        load_counted(app, path[0], &c);
        f = fopen(path[which], "wb"); /* the good file back */
        if (!f || fwrite(orig[which].p, 1, orig[which].n, f) != orig[which].n)
            abort();
        fclose(f);
        free(t.p);
    }
    printf("fuzz: shapefile %s: %ld loaded, %ld refused\n", set, c.loaded, c.refused);
    CHECK(c.loaded > iterations / 20);
    CHECK(c.refused > iterations / 20);
    CHECK_INT(c.silent, 0);
    CHECK_INT(c.lost, 0);
    for (int i = 0; i < 5; i++) {
        unlink(path[i]);
        free(orig[i].p);
    }
    rmdir(dir);
}

/* Another tool's GeoPackage with its rows damaged: a geometry blob's bytes (its header,
 * byte order, type, counts, coordinates) or a column's value changed, through SQLite (GDAL's
 * triggers, which need SpatiaLite's functions, dropped first). */
static void geopackage_file(ly_app *app)
{
    char path[] = "/tmp/louyu-fuzz-gpkg-XXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    if (fd >= 0)
        close(fd);
    buf orig = {0};
    CHECK(read_all(LY_SOURCE_DIR "/tests/data/wild/geopackage/zhanshan-cgcs2000.gpkg", &orig));
    counts c = {0};
    for (int it = 0; it < 160; it++) {
        FILE *f = fopen(path, "wb");
        if (!f || fwrite(orig.p, 1, orig.n, f) != orig.n)
            abort();
        fclose(f);
        sqlite3 *db;
        CHECK_INT(sqlite3_open(path, &db), SQLITE_OK);
        sqlite3_stmt *st;
        buf drops = {0};
        if (sqlite3_prepare_v2(db, "SELECT name FROM sqlite_master WHERE type = 'trigger'", -1, &st,
                               NULL) == SQLITE_OK) {
            while (sqlite3_step(st) == SQLITE_ROW) {
                put(&drops, "DROP TRIGGER \"", 14);
                const char *n = (const char *)sqlite3_column_text(st, 0);
                put(&drops, n, strlen(n));
                put(&drops, "\";", 2);
            }
            sqlite3_finalize(st);
        }
        put(&drops, "", 1);
        sqlite3_exec(db, drops.p, NULL, NULL, NULL);
        free(drops.p);
        int fid = 1 + (int)pick(4);
        char sql[160];
        snprintf(sql, sizeof sql, "SELECT geom FROM buildings WHERE fid = %d", fid);
        buf g = {0};
        if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
            put(&g, sqlite3_column_blob(st, 0), (size_t)sqlite3_column_bytes(st, 0));
        sqlite3_finalize(st);
        if (it % 4 && g.n) { /* the geometry: bytes, a count, or cut short */
            for (int m = 1 + (int)pick(3); m > 0 && g.n; m--) {
                size_t at = pick(g.n);
                if (next() % 5 == 0)
                    g.n = at;
                else
                    g.p[at] = (char)(next() % 3 ? next() : 0xFF);
            }
            snprintf(sql, sizeof sql, "UPDATE buildings SET geom = ? WHERE fid = %d", fid);
            if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK) {
                sqlite3_bind_blob(st, 1, g.p, (int)g.n, SQLITE_TRANSIENT);
                sqlite3_step(st);
                sqlite3_finalize(st);
            }
        } else { /* a value: text, a huge or negative number, a blob */
            static const char *const COLS[] = {"ID", "名称", "高度", "层数", "建成年份"};
            static const char *const VALUES[] = {"''", "-1", "1e308", "'abc'", "X'00ff'", "NULL",
                                                 "'\xe6\xb5\xb7'", "99999999999"};
            snprintf(sql, sizeof sql, "UPDATE buildings SET \"%s\" = %s WHERE fid = %d",
                     COLS[pick(5)], VALUES[pick(8)], fid);
            sqlite3_exec(db, sql, NULL, NULL, NULL);
        }
        free(g.p);
        sqlite3_close(db);
        load_counted(app, path, &c);
    }
    printf("fuzz: geopackage: %ld loaded, %ld refused\n", c.loaded, c.refused);
    CHECK(c.loaded > 8);
    CHECK(c.refused > 8);
    CHECK_INT(c.silent, 0);
    CHECK_INT(c.lost, 0);
    unlink(path);
    free(orig.p);
}

/* A shapefile zipped, as a data portal hands it out, its archive's bytes damaged: the
 * directory's counts, sizes, offsets and names, a member's header or data, the archive cut
 * short. Through the app's load: no crash, a refusal says why, the last good stays. */
static void zipped_shapefile(ly_app *app, int iterations)
{
    static const char *const EXT[] = {"shp", "dbf", "prj", "cpg"};
    const char *names[4] = {"b/x.shp", "b/x.dbf", "b/x.prj", "b/x.cpg"};
    buf parts[4] = {{0}}, orig = {0};
    for (int i = 0; i < 4; i++) {
        char from[512];
        snprintf(from, sizeof from, "%s/tests/data/wild/shapefile/gis_osm_buildings_a_free_1.%s",
                 LY_SOURCE_DIR, EXT[i]);
        CHECK(read_all(from, &parts[i]));
    }
    stored_zip(&orig, names, parts, 4);
    char path[64];
    snprintf(path, sizeof path, "/tmp/louyu-fuzz-%d.zip", (int)getpid());
    counts c = {0};
    for (int it = 0; it <= iterations; it++) {
        buf t = {0};
        put(&t, orig.p, orig.n);
        /* (the first as it is; then mostly the directory and headers, where a reader
         * trusts offsets, sometimes anywhere) */
        for (int m = it ? 1 + (int)pick(3) : 0; m > 0 && t.n; m--) {
            size_t at = next() % 4 ? t.n - 1 - pick(t.n < 400 ? t.n : 400) : pick(t.n);
            if (next() % 3 == 0)
                for (int k = 0; k < 4 && at + k < t.n; k++)
                    t.p[at + k] = (char)(k == 3 ? (next() % 2 ? 0x7F : 0xFF) : next());
            else if (next() % 8 == 0)
                t.n = at;
            else
                t.p[at] = (char)next();
        }
        FILE *f = fopen(path, "wb");
        if (!f || fwrite(t.p, 1, t.n, f) != t.n)
            abort();
        fclose(f);
        load_counted(app, path, &c);
        if (!it) /* the archive as it was: its three buildings */
            CHECK(c.loaded == 1 && app->scene.district.n_buildings == 3);
        free(t.p);
    }
    printf("fuzz: zipped shapefile: %ld loaded, %ld refused\n", c.loaded, c.refused);
    CHECK(c.loaded > iterations / 20);
    CHECK(c.refused > iterations / 20);
    CHECK_INT(c.silent, 0);
    CHECK_INT(c.lost, 0);
    unlink(path);
    for (int i = 0; i < 4; i++)
        free(parts[i].p);
    free(orig.p);
}

/* (a projected set costs PROJ about 60 ms a load to place, so fewer of it) */
static void shapefile_files(ly_app *app)
{
    shapefile_set(app, "gis_osm_buildings_a_free_1", 600);
    shapefile_set(app, "zhanshan-cgcs2000", 160);
    zipped_shapefile(app, 600);
    geopackage_file(app);
}

/* A CityJSONSeq of two buildings (a header, then a feature a line): a Solid, and
 * surfaces with their semantics. No reference system: local metres. */
static const char SEQ[] =
    "{\"type\":\"CityJSON\",\"version\":\"2.0\",\"transform\":{\"scale\":[0.001,0.001,"
    "0.001],\"translate\":[1000,2000,0]},\"CityObjects\":{},\"vertices\":[]}\n"
    "{\"type\":\"CityJSONFeature\",\"id\":\"a\",\"CityObjects\":{\"a\":{\"type\":\"Building\","
    "\"attributes\":{\"measuredHeight\":12.5,\"storeysAboveGround\":4,\"yearOfConstruction\":"
    "1998},\"geometry\":[{\"type\":\"Solid\",\"lod\":\"1\",\"boundaries\":[[[[0,3,2,1]],"
    "[[4,5,6,7]],[[0,1,5,4]],[[1,2,6,5]],[[2,3,7,6]],[[3,0,4,7]]]]}]}},\"vertices\":[[0,0,0],"
    "[10000,0,0],[10000,8000,0],[0,8000,0],[0,0,12500],[10000,0,12500],[10000,8000,12500],"
    "[0,8000,12500]]}\n"
    "{\"type\":\"CityJSONFeature\",\"id\":\"b\",\"CityObjects\":{\"b\":{\"type\":\"Building\","
    "\"attributes\":{\"name\":\"B\"},\"children\":[\"b-1\"]},\"b-1\":{\"type\":"
    "\"BuildingPart\",\"parents\":[\"b\"],\"geometry\":[{\"type\":\"MultiSurface\",\"lod\":"
    "\"2.2\",\"boundaries\":[[[0,1,4]],[[1,2,4]],[[2,3,4]],[[3,0,4]]],\"semantics\":{"
    "\"surfaces\":[{\"type\":\"WallSurface\"},{\"type\":\"RoofSurface\"}],\"values\":[0,1,0,"
    "1]}}]}},\"vertices\":[[20000,0,0],[30000,0,0],[30000,9000,0],[20000,9000,0],"
    "[25000,4500,20000]]}\n";

int main(int argc, char **argv)
{
    int rounds = argc > 1 ? atoi(argv[1]) : 1;
    /* GeoJSON as louyu writes it and as OpenStreetMap exports it; CityJSON (a sample
     * of every kind of object, real LoD2 from Rotterdam) and CityJSONSeq */
    char seq_path[64];
    snprintf(seq_path, sizeof seq_path, "/tmp/louyu-fuzz-%d-base.city.jsonl", (int)getpid());
    FILE *sf = fopen(seq_path, "wb");
    if (!sf || fwrite(SEQ, 1, sizeof SEQ - 1, sf) != sizeof SEQ - 1)
        abort();
    fclose(sf);
    static const struct {
        const char *path;
        int iterations;
    } bases[] = {
        {LY_SOURCE_DIR "/docs/example.geojson", 2500},
        {LY_SOURCE_DIR "/tests/data/query/finder.geojson", 2500},
        {LY_SOURCE_DIR "/data/zhanshan.geojson", 300},
        {LY_SOURCE_DIR "/tests/data/wild/osm-export.geojson", 600},
        {LY_SOURCE_DIR "/tests/data/wild/gdal-osm.geojson", 600},
        {LY_SOURCE_DIR "/tests/data/wild/osm-parts.geojson", 600},
        {LY_SOURCE_DIR "/tests/data/wild/osm-parts.geojsons", 400},
        {LY_SOURCE_DIR "/tests/data/wild/osm-nested-tags.geojson", 400},
        {LY_SOURCE_DIR "/tests/data/wild/geofabrik.geojson", 300},
        {LY_SOURCE_DIR "/tests/data/wild/osm-export.osm", 600},
        {LY_SOURCE_DIR "/tests/data/wild/osm-export.json", 300},
        {LY_SOURCE_DIR "/tests/data/wild/osm-export-geom.json", 300},
        {LY_SOURCE_DIR "/tests/data/wild/osm-export.osm.pbf", 500},
        {LY_SOURCE_DIR "/tests/data/wild/osm-export-plain.osm.pbf", 800},
        {LY_SOURCE_DIR "/tests/data/cityjson/sample.city.json", 400},
        {LY_SOURCE_DIR "/tests/data/cityjson/rotterdam_subset.city.json", 200},
        {NULL, 600}, /* the sequence above */
    };
    enum { N_BASES = sizeof bases / sizeof *bases };
    char err[256], path[64];
    snprintf(path, sizeof path, "/tmp/louyu-fuzz-%d.json", (int)getpid());
    ly_app app;
    if (ly_app_init(&app, 800, 600, 1, false, err, sizeof err)) {
        fprintf(stderr, "%s\n", err);
        return 1;
    }
    long loaded = 0, refused = 0, bad_positions = 0, silent = 0, lost = 0, answers_changed = 0;
    faults found = {0};
    for (int r = 0; r < rounds; r++)
        for (int s = 0; s < N_BASES; s++) {
            const char *base_path = bases[s].path ? bases[s].path : seq_path;
            buf base = {0};
            CHECK(read_all(base_path, &base));
            /* the last good district: the base itself */
            ly_diag_list diags;
            ly_diag_list_init(&diags, base_path);
            int base_rc = ly_app_load(&app, base_path, &diags);
            if (base_rc != LY_LOAD_OK)
                fprintf(stderr, "%s: %s\n", base_path,
                        diags.count ? diags.items[0].message : "refused");
            CHECK_INT(base_rc, LY_LOAD_OK);
            ly_diag_list_deinit(&diags);
            for (int i = 0; i < bases[s].iterations; i++) {
                buf t = {0};
                put(&t, base.p, base.n);
                for (int m = next() % 5 < 3 ? 1 : 2 + (int)pick(2); m > 0; m--)
                    mutate(&t);
                FILE *f = fopen(path, "wb");
                if (!f || fwrite(t.p, 1, t.n, f) != t.n)
                    abort();
                fclose(f);
                size_t before = app.scene.district.n_buildings;
                /* what the last good district answers at the middle of the window */
                long answer = ly_app_pick(&app, 400, 300, 0, NULL);
                ly_diag_list_init(&diags, path);
                int rc = ly_app_load(&app, path, &diags);
                if (rc == LY_LOAD_OK) {
                    loaded++;
                    exercise(&app, &found);
                } else {
                    refused++;
                    silent += diags.errors == 0;
                    for (size_t k = 0; k < diags.count; k++) {
                        const ly_diag *dg = &diags.items[k];
                        if (dg->offset != SIZE_MAX &&
                            (dg->offset > t.n || dg->line < 1 || dg->col < 1)) {
                            if (bad_positions++ < 5)
                                fprintf(stderr, "%s (mutated): at byte %zu of %zu, %d:%d: %s\n",
                                        base_path, dg->offset, t.n, dg->line, dg->col,
                                        dg->message);
                        }
                    }
                    lost += !app.scene.loaded || app.scene.district.n_buildings != before;
                    /* and it answers as before */
                    answers_changed += ly_app_pick(&app, 400, 300, 0, NULL) != answer;
                }
                ly_diag_list_deinit(&diags);
                free(t.p);
            }
            free(base.p);
        }
    config_files(path);
    report_files();
    shapefile_files(&app);
    unlink(path);
    unlink(seq_path);
    printf("fuzz: %ld loaded and exercised, %ld refused\n", loaded, refused);
    CHECK(loaded > 100);
    CHECK(refused > 100);
    CHECK_INT(silent, 0);        /* a refusal always says why */
    CHECK_INT(bad_positions, 0); /* and where, within the file */
    CHECK_INT(lost, 0);          /* and the last good district stays */
    CHECK_INT(answers_changed, 0); /* answering picks as it did */
    printf("fuzz: %ld building views, %ld show their building\n", found.views, found.seen);
    CHECK_INT(found.selection, 0);
    CHECK_INT(found.classes, 0);
    CHECK_INT(found.hits, 0);
    CHECK_INT(found.matches, 0);
    CHECK_INT(found.stats, 0);
    CHECK_INT(found.picks, 0);
    /* a building's view shows it (a few mutated buildings hide inside others) */
    CHECK(found.seen >= found.views * 9 / 10);
    ly_app_deinit(&app);
    return check_report();
}
