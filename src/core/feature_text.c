/* Tables as GeoJSON text: what the shapefile and GeoPackage readers share
 * (feature_text.h). */
#include "feature_text.h"
#include "vocab.h"
#include "louyu/gisfile.h"
#include "louyu/file.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

void ly_ft_put_string(ly_buf *out, const char *s, size_t n)
{
    ly_buf_put(out, "\"");
    size_t run = 0; /* characters copied as they are, in runs */
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c != '"' && c != '\\' && c >= 0x20)
            continue;
        ly_buf_putn(out, s + run, i - run);
        run = i + 1;
        if (c == '"' || c == '\\') {
            char esc[2] = {'\\', (char)c};
            ly_buf_putn(out, esc, 2);
        } else {
            ly_buf_printf(out, "\\u%04x", c);
        }
    }
    ly_buf_putn(out, s + run, n - run);
    ly_buf_put(out, "\"");
}

/* A number as "%.12g" writes it (room for 32 in out), written straight where it has at
 * most 7 decimals, as OpenStreetMap's and most files' degrees have (printf's conversion
 * was a fifth of reading an .osm file). Returns its length. */
static size_t put_number(char *out, double v)
{
    double s = v * 1e7, r = nearbyint(s);
    if (!(fabs(v) < 1e6) || fabs(s - r) > 1e-4)
        return (size_t)snprintf(out, 32, "%.12g", v);
    long long k = llabs((long long)r);
    size_t n = 0;
    if (r < 0)
        out[n++] = '-';
    n += (size_t)snprintf(out + n, 24, "%lld", k / 10000000);
    long long frac = k % 10000000;
    if (frac) {
        char digits[8];
        snprintf(digits, sizeof digits, "%07lld", frac);
        size_t d = 7;
        while (digits[d - 1] == '0')
            d--;
        out[n++] = '.';
        memcpy(out + n, digits, d);
        n += d;
    }
    return n;
}

bool ly_ft_put_position(ly_buf *out, PJ *pj, double x, double y)
{
    bool given = isfinite(x) && isfinite(y);
    if (pj && given) {
        PJ_COORD c = proj_trans(pj, PJ_FWD, proj_coord(x, y, 0, 0));
        x = c.xy.x;
        y = c.xy.y;
    }
    if (!isfinite(x) || !isfinite(y) || (pj && (fabs(x) > 1e6 || fabs(y) > 1e6))) {
        ly_buf_put(out, "null");
        return !given;
    }
    char text[80];
    size_t n = 0;
    text[n++] = '[';
    n += put_number(text + n, x);
    text[n++] = ',';
    n += put_number(text + n, y);
    text[n++] = ']';
    ly_buf_putn(out, text, n);
    return true;
}

void ly_ft_outside_system(char *buf, size_t n, double x, double y, const char *system)
{
    int k = snprintf(buf, n, "the position [%.10g, %.10g] is outside what %s takes to longitude "
                     "and latitude: expected coordinates in that system", x, y, system);
    if (k < 0 || (size_t)k >= n)
        return;
    double e = fabs(x);
    if (e >= 1e7 && e < 1e8)
        snprintf(buf + k, n - (size_t)k, " (an easting of 8 digits, such as this, is a "
                 "Gauss-Krüger one with its zone number, %d, in front: the system to name is "
                 "that zone's, \"... Gauss-Kruger zone %d\")", (int)(e / 1e6), (int)(e / 1e6));
    else if (e < 1e6 && system && strstr(system, "zone"))
        snprintf(buf + k, n - (size_t)k, " (an easting of 6 digits, such as this, has no "
                 "Gauss-Krüger zone number in front, which a \"zone\" system expects: the "
                 "system to name is the one without it, \"... Gauss-Kruger CM ...\")");
}

void ly_ft_span_add(ly_ft_span *s, double x, double y)
{
    if (!isfinite(x) || !isfinite(y))
        return;
    if (!s->n++) {
        s->lo[0] = s->hi[0] = x;
        s->lo[1] = s->hi[1] = y;
        return;
    }
    s->lo[0] = fmin(s->lo[0], x), s->hi[0] = fmax(s->hi[0], x);
    s->lo[1] = fmin(s->lo[1], y), s->hi[1] = fmax(s->hi[1], y);
}

bool ly_ft_degrees_hint(PJ_CONTEXT *ctx, PJ *pj, const ly_ft_span *s, const char *system,
                        char *buf, size_t n)
{
    if (!pj || !s->n || s->lo[0] < -180 || s->hi[0] > 180 || s->lo[1] < -90 || s->hi[1] > 90)
        return false;
    PJ *src = proj_get_source_crs(ctx, pj);
    bool projected = src && proj_get_type(src) == PJ_TYPE_PROJECTED_CRS;
    proj_destroy(src);
    if (projected)
        snprintf(buf, n, "every position lies within ±180 and ±90 (x %.6g to %.6g, y %.6g to "
                 "%.6g), as longitude and latitude in degrees do, but %s is a projected one, "
                 "whose coordinates are metres: if they are degrees, expected a geographic system there (WGS 84, EPSG:4326; CGCS2000, EPSG:4490)",
                 s->lo[0], s->hi[0], s->lo[1], s->hi[1], system);
    return projected;
}

void ly_ft_laundered_key(char *key, size_t n)
{
    /* OpenStreetMap's keys short enough to keep their length, ':' written as '_' */
    static const char *const OSM[][2] = {{"name_zh", "name:zh"}, {"addr_full", "addr:full"}};
    for (size_t k = 0; k < sizeof OSM / sizeof *OSM; k++)
        if (!strcasecmp(key, OSM[k][0]))
            snprintf(key, n, "%s", OSM[k][1]);
}

void ly_ft_cut_column_key(char *key, size_t n)
{
    /* OpenStreetMap's keys as GDAL and QGIS write them into a .dbf: ':' as '_', cut at 10 */
    static const char *const OSM[][2] = {{"building_l", "building:levels"},
                                         {"building_m", "building:min_level"},
                                         {"building_p", "building:part"},
                                         {"addr_house", "addr:housenumber"},
                                         {"addr_stree", "addr:street"},
                                         {"building_h", "building:height"},
                                         {"roof_heigh", "roof:height"},
                                         {"roof_level", "roof:levels"},
                                         {"roof_shape", "roof:shape"},

                                         /* louyu's own, cut the same way */
                                         {"heading_de", "heading_deg"},
                                         {"official_n", "official_name"},
                                         {"rent_cny_m", "rent_cny_m2_day"},
                                         {"tax_2010_c", "tax_2010_cny"}};
    for (size_t k = 0; k < sizeof OSM / sizeof *OSM; k++)
        if (!strcasecmp(key, OSM[k][0])) {
            snprintf(key, n, "%s", OSM[k][1]);
            return;
        }
    size_t len = strlen(key), found = 0;
    const char *as = NULL;
    for (size_t k = 0; len >= 6 && ly_vocab_shapefile_columns[k][0]; k++)
        if (strlen(ly_vocab_shapefile_columns[k][0]) > len &&
            !strncmp(key, ly_vocab_shapefile_columns[k][0], len) &&
            (!as || strcmp(as, ly_vocab_shapefile_columns[k][1]))) {
            as = ly_vocab_shapefile_columns[k][1];
            found++;
        }
    if (found == 1) /* (the start of one name only) */
        snprintf(key, n, "%s", as);
}

bool ly_ft_id_key(const char *key)
{
    static const char *const IDS[] = {"id", "@id", "osm_id", "osm_way_id"};
    for (size_t k = 0; k < sizeof IDS / sizeof *IDS; k++)
        if (!strcmp(key, IDS[k]))
            return true;
    return false;
}

void ly_ft_place(ly_diag *d, const char *where, const char *crs_advice, long line, int col)
{
    const char *p = d->message;
    if (!strncmp(p, "feature ", 8) && p[8] >= '0' && p[8] <= '9') {
        p += 8 + strspn(p + 8, "0123456789");
        p += *p == ':' ? 1 : 0;
        p += strspn(p, " ");
    }
    if (!strncmp(p, "\"#", 2) && p[2] >= '0' && p[2] <= '9') {
        const char *q = p + 2 + strspn(p + 2, "0123456789");
        if (!strncmp(q, "\": ", 3))
            p = q + 3;
    }
    /* a GeoJSON file names its system in "crs"; these files elsewhere */
    static const char CRS_HINT[] = "the collection's \"crs\" to name their system, such as "
                                   "urn:ogc:def:crs:EPSG::4547";
    const char *hint = strstr(p, CRS_HINT);
    size_t keep = hint ? (size_t)(hint - p) : strlen(p);
    size_t n = strlen(where) + strlen(p) + strlen(crs_advice) + 48;
    char *msg = malloc(n);
    if (msg) {
        snprintf(msg, n, "%s: %.*s%s%s%s", where, (int)keep, p, hint ? crs_advice : "",
                 hint ? " to name their system" : "", hint ? hint + sizeof CRS_HINT - 1 : "");
        free(d->message);
        d->message = msg;
    }
    d->line = line > 0 && line < INT32_MAX ? (int)line : 0;
    d->col = col > 0 ? col : 0;
    d->offset = SIZE_MAX;
}

void ly_ft_name_other(ly_diag *d, size_t count, void (*name)(void *ctx, size_t k, char *buf,
                                                             size_t n),
                      void *ctx)
{
    static const char TAIL[] = " already uses it";
    for (char *p = strstr(d->message, "feature "); p; p = strstr(p + 1, "feature ")) {
        char *end;
        unsigned long long k = strtoull(p + 8, &end, 10);
        if (end == p + 8 || strncmp(end, TAIL, sizeof TAIL - 1) || k >= count)
            continue;
        char other[300];
        name(ctx, (size_t)k, other, sizeof other);
        size_t head = (size_t)(p - d->message), n = head + strlen(other) + strlen(end) + 1;
        char *msg = malloc(n);
        if (!msg)
            return;
        snprintf(msg, n, "%.*s%s%s", (int)head, d->message, other, end);
        free(d->message);
        d->message = msg;
        return;
    }
}

/* Which property of a feature's text (from its start) holds byte `at`: its name into key
 * and its place among the properties (from 1); 0 before them (the id), -1 after them (the
 * geometry). */
int ly_ft_property_at(const char *text, size_t len, size_t at, char *key, size_t n)
{
    const char *p = strstr(text, "\"properties\":{"); /* (the text is this feature's line) */
    if (!p || (size_t)(p - text) >= len)
        return 0;
    size_t i = (size_t)(p - text) + 14;
    if (at < i)
        return 0;
    int k = 0;
    while (i < len && text[i] == '"') {
        size_t key_at = i++;
        while (i < len && text[i] != '"')
            i += text[i] == '\\' ? 2 : 1;
        size_t key_end = i++;
        i++; /* the colon */
        if (i < len && text[i] == '"') { /* a text value */
            for (i++; i < len && text[i] != '"'; i += text[i] == '\\' ? 2 : 1)
                ;
            i++;
        } else {
            while (i < len && text[i] != ',' && text[i] != '}')
                i++;
        }
        k++;
        if (at >= key_at && at < i) {
            snprintf(key, n, "%.*s", (int)(key_end - key_at - 1), text + key_at + 1);
            return k;
        }
        if (i >= len || text[i] == '}')
            break;
        i++; /* the comma */
    }
    return -1;
}

bool ly_ft_feature_of(ly_diag *d, const ly_buf *text, const size_t *starts, size_t n,
                      size_t *k, int *place, char *key, size_t key_n)
{
    if (!n || d->offset < starts[0]) {
        d->line = d->col = 0;
        d->offset = SIZE_MAX;
        return false;
    }
    size_t lo = 0, hi = n;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (starts[mid] <= d->offset)
            lo = mid;
        else
            hi = mid;
    }
    *k = lo;
    size_t end = lo + 1 < n ? starts[lo + 1] : text->len;
    *place = ly_ft_property_at(text->p + starts[lo], end - starts[lo], d->offset - starts[lo], key,
                               key_n);
    return true;
}

ly_load_result ly_ft_load(ly_district *out, ly_buf *text, const char *path,
                          const ly_load_desc *desc, ly_diag_list *diags, size_t errors_before,
                          bool ok, size_t bad, void (*move)(void *ctx, ly_diag *d), void *ctx,
                          char **text_out, size_t *len_out)
{
    ly_load_result res = LY_LOAD_DATA;
    if (text->failed) {
        ly_diag_add(diags, LY_DIAG_ERROR, SIZE_MAX, -1, "out of memory while loading");
        res = LY_LOAD_NOMEM;
    } else if (ok && diags->errors == errors_before) {
        size_t from = diags->count;
        res = ly_district_load_mem(out, text->p, text->len, path, desc, diags);
        for (size_t i = from; i < diags->count; i++)
            if (diags->items[i].offset != SIZE_MAX)
                move(ctx, &diags->items[i]);
    } else if (!ok && bad && diags->errors - errors_before == bad) {
        diags->skippable = bad; /* only damaged records: --skip-bad would read the rest */
    }
    if (res == LY_LOAD_OK && text_out) { /* handed over */
        *text_out = text->p;
        *len_out = text->len;
        *text = (ly_buf){0};
    }
    return res;
}

bool ly_gisfile_is(const char *path)
{
    return ly_shapefile_is(path) || ly_zipfile_is(path) || ly_gpkg_features_is(path);
}

/* An archive's bytes read, then what it holds. */
static ly_load_result zipfile_load(ly_district *out, const char *path, const ly_load_desc *desc,
                                   ly_diag_list *diags, char **text, size_t *len)
{
    char *bytes;
    size_t n;
    size_t max = ly_load_max_bytes(desc);
    switch (ly_file_read(path, max, false, &bytes, &n, diags)) {
    case LY_FILE_OK:
        break;
    case LY_FILE_NOMEM:
        return LY_LOAD_NOMEM;
    default:
        return LY_LOAD_IO;
    }
    ly_load_result r = ly_zip_district_load_text(out, bytes, n, path, desc, diags, text, len);
    free(bytes);
    return r;
}

ly_load_result ly_gisfile_load_text(ly_district *out, const char *path, const ly_load_desc *desc,
                                    ly_diag_list *diags, char **text, size_t *len)
{
    if (text)
        *text = NULL;
    if (ly_zipfile_is(path))
        return zipfile_load(out, path, desc, diags, text, len);
    return ly_shapefile_is(path) ? ly_shapefile_load_text(out, path, desc, diags, text, len)
                                 : ly_gpkg_features_load_text(out, path, desc, diags, text, len);
}
