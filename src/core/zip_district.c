/* A ZIP archive of a district's files (gisfile.h): its shapefiles as one district, or its
 * one other district file read as that file. */
#include "louyu/gisfile.h"
#include "louyu/zip.h"
#include "load_private.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

enum { MAX_LAYERS = 256, LISTED = 5 };

bool ly_zipfile_is(const char *path)
{
    size_t n = strlen(path);
    return n > 4 && !strcasecmp(path + n - 4, ".zip");
}

static bool ends_with(const char *s, const char *end)
{
    size_t n = strlen(s), k = strlen(end);
    return n >= k && !strcasecmp(s + n - k, end);
}

/* What an archive holds besides data: folders, macOS's resource forks (__MACOSX/, ._x),
 * hidden files. */
static bool passed_over(const char *name)
{
    const char *base = strrchr(name, '/');
    base = base ? base + 1 : name;
    return !*base || *base == '.' || !strncmp(name, "__MACOSX/", 9);
}

/* The member that is shapefile `shp`'s file of extension `ext` (any case), or -1. */
static long sibling(const ly_zip *z, const char *shp, const char *ext)
{
    size_t stem = strlen(shp) - 4;
    for (size_t i = 0; i < z->n; i++) {
        const char *m = z->members[i].name;
        if (!strncmp(m, shp, stem) && m[stem] == '.' && !strcasecmp(m + stem + 1, ext))
            return (long)i;
    }
    return -1;
}

/* Whether the member is a district file louyu reads (not a shapefile's). */
static bool district_member(const char *name)
{
    static const char *const ENDS[] = {".geojson", ".json",  ".geojsonl",  ".geojsons",
                                       ".ndjson",  ".jsonl", ".osm",       ".pbf",
                                       ".gpkg",    ".gz",    ".geojson.gz"};
    for (size_t i = 0; i < sizeof ENDS / sizeof *ENDS; i++)
        if (ends_with(name, ENDS[i]))
            return true;
    return false;
}

/* "a.shp, b.geojson, c.osm and 4 more": members named in a message. */
static void list_members(const ly_zip *z, const long *pick, size_t n, char *out, size_t cap)
{
    size_t at = 0;
    out[0] = '\0';
    for (size_t k = 0; k < n && k < LISTED && at < cap; k++)
        at += (size_t)snprintf(out + at, cap - at, "%s%.80s", k ? ", " : "",
                               z->members[pick ? (size_t)pick[k] : k].shown);
    if (n > LISTED && at < cap)
        snprintf(out + at, cap - at, " and %zu more", n - LISTED);
}

#define FAIL(diags, ...) ly_diag_add(diags, LY_DIAG_ERROR, SIZE_MAX, -1, __VA_ARGS__)

/* Member i read, or NULL with its fault said. */
static char *read_member(const ly_zip *z, size_t i, size_t max, size_t *len, ly_diag_list *diags)
{
    const char *why;
    char *bytes = ly_zip_read(z, i, max, len, &why);
    if (!bytes)
        FAIL(diags,
             "the archive's %s cannot be read (%s): expected a whole, unencrypted "
             "archive, its members stored or deflated as zip, 7-Zip, Windows and macOS write "
             "them (or unzip it and open its files)",
             z->members[i].shown, why);
    return bytes;
}

/* Whether member i holds a district by its first 64 KiB: a GeoJSON collection or feature,
 * CityJSON, or OpenStreetMap's JSON (a download's metadata.json or a style does not). */
static bool holds_district(const ly_zip *z, size_t i)
{
    size_t n;
    const char *why;
    char *head = ly_zip_read(z, i, (size_t)64 << 20, &n, &why);
    if (!head)
        return true; /* (its fault is said when it is read) */
    if (n > 65536)
        head[65536] = '\0';
    bool yes = strstr(head, "\"FeatureCollection\"") || strstr(head, "\"Feature\"") ||
               strstr(head, "\"CityJSON") || strstr(head, "\"elements\"");
    free(head);
    return yes;
}

/* Of several district files, those a plain .json among them is one of: how many are left
 * (in other). */
static size_t districts_only(const ly_zip *z, long *other, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        const char *name = z->members[other[i]].name;
        bool plain_json = ends_with(name, ".json") && !ends_with(name, ".city.json");
        if (!plain_json || holds_district(z, (size_t)other[i]))
            other[k++] = other[i];
    }
    return k;
}

/* Every shapefile of the archive (shp: their .shp members) as one district. */
static ly_load_result load_shapefiles(ly_district *out, const ly_zip *z, const long *shp, size_t n,
                                      const char *path, const ly_load_desc *desc,
                                      ly_diag_list *diags, char **text, size_t *len)
{
    size_t max = ly_load_max_bytes(desc);
    ly_shapefile_parts *parts = calloc(n, sizeof *parts);
    char **owned = calloc(4 * n, sizeof *owned);
    bool ok = parts && owned;
    static const char *const EXT[] = {"dbf", "prj", "cpg"};
    /* all the layers' files unpacked at most the file limit together (a small archive of
     * many layers, each claiming a member of zeros, would otherwise take gigabytes) */
    uint64_t total = 0;
    for (size_t i = 0; i < n; i++) {
        total += z->members[shp[i]].usize;
        for (int k = 0; k < 3; k++) {
            long at = sibling(z, z->members[shp[i]].name, EXT[k]);
            total += at >= 0 ? z->members[at].usize : 0;
        }
    }
    if (ok && total > max) {
        FAIL(diags, "the archive's shapefiles hold %llu MiB unpacked: expected at most %zu MiB "
             "in all (the limit that protects memory)", (unsigned long long)(total >> 20),
             max >> 20);
        ok = false;
    }
    for (size_t i = 0; ok && i < n; i++) {
        const char *name = z->members[shp[i]].name;
        long at[3];
        for (int k = 0; k < 3; k++)
            at[k] = sibling(z, name, EXT[k]);
        if (at[0] < 0) {
            FAIL(diags,
                 "the archive's %s has no .dbf beside it: expected the shapefile's table "
                 "of attributes (a shapefile is its .shp, .shx, .dbf and .prj together)",
                 z->members[shp[i]].shown);
            ok = false;
            break;
        }
        size_t got[4] = {0};
        owned[4 * i] = read_member(z, (size_t)shp[i], max, &got[0], diags);
        /* (a .prj and a .cpg are short texts: 1 MiB and 4 KiB, as beside a lone .shp) */
        static const size_t MAX_SIDE[3] = {0, 1 << 20, 4096};
        for (int k = 0; k < 3 && owned[4 * i]; k++)
            owned[4 * i + 1 + k] =
                at[k] >= 0 ? read_member(z, (size_t)at[k], k ? MAX_SIDE[k] : max, &got[1 + k],
                                         diags)
                           : NULL;
        ok = owned[4 * i] && owned[4 * i + 1] && (at[1] < 0 || owned[4 * i + 2]) &&
             (at[2] < 0 || owned[4 * i + 3]);
        parts[i] = (ly_shapefile_parts){.name = z->members[shp[i]].shown,
                                        .shp = (const unsigned char *)owned[4 * i],
                                        .shp_len = got[0],
                                        .dbf = (const unsigned char *)owned[4 * i + 1],
                                        .dbf_len = got[1],
                                        .prj = owned[4 * i + 2],
                                        .cpg = owned[4 * i + 3]};
    }
    ly_load_result r = !parts || !owned ? LY_LOAD_NOMEM : LY_LOAD_DATA;
    if (ok)
        r = ly_shapefile_load_parts(out, parts, n, path, desc, diags, text, len);
    for (size_t i = 0; owned && i < 4 * n; i++)
        free(owned[i]);
    free(owned);
    free(parts);
    return r;
}

/* Another tool's GeoPackage in the archive: SQLite reads files, so it goes to a temporary
 * one first (removed after). */
static ly_load_result load_gpkg(ly_district *out, const char *bytes, size_t n,
                                const ly_load_desc *desc, ly_diag_list *diags, char **text,
                                size_t *len)
{
    const char *dir = getenv("TMPDIR");
    char tmp[1100];
    snprintf(tmp, sizeof tmp, "%s/louyu-zip-XXXXXX", dir && *dir ? dir : "/tmp");
    int fd = mkstemp(tmp);
    bool ok = fd >= 0;
    for (size_t at = 0; ok && at < n;) {
        ssize_t w = write(fd, bytes + at, n - at);
        ok = w > 0;
        at += ok ? (size_t)w : 0;
    }
    if (fd >= 0)
        close(fd);
    ly_load_result r = LY_LOAD_IO;
    if (!ok)
        ly_diag_add(diags, LY_DIAG_ERROR, SIZE_MAX, -1,
                    "the archive's GeoPackage cannot be written to a temporary file (%s): "
                    "expected room there, or unzip it and open the GeoPackage",
                    tmp);
    else if (!ly_gpkg_features_is(tmp))
        ly_diag_add(diags, LY_DIAG_ERROR, SIZE_MAX, -1,
                    "the archive's GeoPackage is not one another tool wrote (a louyu store, or "
                    "not a GeoPackage): expected feature tables; unzip a store and open it");
    else
        r = ly_gpkg_features_load_text(out, tmp, desc, diags, text, len);
    if (fd >= 0)
        unlink(tmp);
    return r;
}

/* The archive's one district file, read as that file, its messages about ARCHIVE/MEMBER. */
static ly_load_result load_member(ly_district *out, const ly_zip *z, size_t i, const char *path,
                                  const ly_load_desc *desc, ly_diag_list *diags, char **text,
                                  size_t *len)
{
    size_t max = ly_load_max_bytes(desc);
    size_t n;
    char *bytes = read_member(z, i, max, &n, diags);
    if (!bytes)
        return LY_LOAD_DATA;
    size_t k = strlen(path) + strlen(z->members[i].shown) + 2;
    char *file = malloc(k);
    if (!file) {
        free(bytes);
        return LY_LOAD_NOMEM;
    }
    snprintf(file, k, "%s/%s", path, z->members[i].shown);
    free(diags->file);
    diags->file = file;
    char *t = NULL;
    size_t tl = 0;
    ly_load_result r;
    if (ends_with(z->members[i].name, ".gpkg")) {
        r = load_gpkg(out, bytes, n, desc, diags, text ? &t : NULL, &tl);
        free(bytes);
    } else {
        r = ly_district_load_bytes_text(out, bytes, n, file, desc, diags, &t, &tl);
    }
    if (text) {
        *text = t;
        *len = tl;
    } else {
        free(t);
    }
    return r;
}

/* The archive holds no district louyu reads: said with what it holds. */
static ly_load_result nothing_to_read(const ly_zip *z, ly_diag_list *diags)
{
    char listed[600];
    list_members(z, NULL, z->n, listed, sizeof listed);
    if (ly_zip_find(z, "xl/workbook.xml") >= 0 || ly_zip_find(z, "content.xml") >= 0)
        FAIL(diags,
             "the file is a workbook (%s), not a district: a weekly report is imported "
             "with louyu report import",
             listed);
    else
        FAIL(diags,
             "the archive holds no district file (%s): expected a shapefile (its .shp "
             "and .dbf), GeoJSON, CityJSON, an OpenStreetMap file or a GeoPackage",
             z->n ? listed : "nothing");
    return LY_LOAD_DATA;
}

static ly_load_result read_archive(ly_district *out, const char *bytes, size_t n,
                                   const char *path, const ly_load_desc *desc,
                                   ly_diag_list *diags, char **text, size_t *len);

ly_load_result ly_zip_district_load_text(ly_district *out, const char *bytes, size_t n,
                                         const char *path, const ly_load_desc *desc,
                                         ly_diag_list *diags, char **text, size_t *len)
{
    memset(out, 0, sizeof *out);
    if (text)
        *text = NULL;
    if (!ly_unpack_enter(diags))
        return LY_LOAD_DATA;
    ly_load_result r = read_archive(out, bytes, n, path, desc, diags, text, len);
    ly_unpack_leave();
    return r;
}

static ly_load_result read_archive(ly_district *out, const char *bytes, size_t n,
                                   const char *path, const ly_load_desc *desc,
                                   ly_diag_list *diags, char **text, size_t *len)
{
    ly_zip z;
    const char *why;
    if (!ly_zip_open(&z, bytes, n, &why)) {
        FAIL(diags,
             "the file is a ZIP archive that cannot be read (%s): expected a whole ZIP "
             "archive of a district's files",
             why);
        return LY_LOAD_DATA;
    }
    long *shp = malloc((z.n ? z.n : 1) * sizeof *shp),
         *other = malloc((z.n ? z.n : 1) * sizeof *other);
    size_t n_shp = 0, n_other = 0;
    for (size_t i = 0; shp && other && i < z.n; i++) {
        const char *name = z.members[i].name;
        if (passed_over(name))
            continue;
        if (ends_with(name, ".shp"))
            shp[n_shp++] = (long)i;
        else if (district_member(name))
            other[n_other++] = (long)i;
    }
    if (shp && other && n_other > 1) /* (a .json beside it may be the download's metadata) */
        n_other = districts_only(&z, other, n_other);
    /* an archive of one file with no ending (what `zip out.zip -` makes of a pipe): that one */
    size_t lone = SIZE_MAX, kept = 0;
    for (size_t i = 0; i < z.n && !n_shp && !n_other; i++) {
        const char *base = strrchr(z.members[i].name, '/');
        base = base ? base + 1 : z.members[i].name;
        if (!passed_over(z.members[i].name) && ++kept == 1 && !strchr(base, '.'))
            lone = i;
    }
    kept = lone == SIZE_MAX ? 0 : kept;
    if (other && kept == 1)
        other[n_other++] = (long)lone;
    ly_load_result r = LY_LOAD_NOMEM;
    char listed[600];
    if (!shp || !other) {
        /* out of memory */
    } else if (n_shp > MAX_LAYERS) {
        list_members(&z, shp, n_shp, listed, sizeof listed);
        FAIL(diags,
             "the archive holds %zu shapefiles (%s): expected at most 256 layers of "
             "one district; unzip it and open the ones to show",
             n_shp, listed);
        r = LY_LOAD_DATA;
    } else if (n_shp) {
        r = load_shapefiles(out, &z, shp, n_shp, path, desc, diags, text, len);
    } else if (n_other == 1) {
        r = load_member(out, &z, (size_t)other[0], path, desc, diags, text, len);
    } else if (n_other > 1) {
        list_members(&z, other, n_other, listed, sizeof listed);
        FAIL(diags,
             "the archive holds several district files and no shapefile (%s): expected "
             "one; unzip it and open the one to show",
             listed);
        r = LY_LOAD_DATA;
    } else {
        r = nothing_to_read(&z, diags);
    }
    free(shp);
    free(other);
    ly_zip_close(&z);
    return r;
}
