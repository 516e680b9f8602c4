/* ESRI shapefiles (shapefile.h): the .shp's shapes and the .dbf's rows as GeoJSON text,
 * loaded as plain GeoJSON; its messages then moved to the records and fields they are
 * about. The formats are ESRI's "Shapefile Technical Description" (1998) and dBASE III's
 * table file. */
#include "louyu/shapefile.h"
#include "louyu/csv.h"
#include "louyu/file.h"
#include "louyu/html.h"
#include "louyu/week.h"
#include "load_private.h"
#include "feature_text.h"
#include "vocab.h"

#include <math.h>
#include <proj.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <dirent.h>
#include <sys/stat.h>

enum { SHP_HEADER = 100, DBF_HEADER = 32, DBF_FIELD = 32, MAX_FIELDS = 255 };
#define MAX_SHP_BYTES ((size_t)2 << 30)

typedef enum { ENC_UTF8, ENC_GB18030, ENC_LATIN1, ENC_OTHER } encoding;

typedef struct {
    char key[64];   /* the property's name, UTF-8 */
    char shown[64]; /* the column's own name, UTF-8 (名称 for key "name") */
    char type;    /* dBASE: C text, N F numbers, L logical, D date, I a 32-bit integer */
    size_t at, width; /* within a row, after its deletion flag */
} field;

typedef struct features features;

typedef struct {
    const char *layer; /* the shapefile's name in messages (an archive's member); NULL: none */
    const unsigned char *shp, *dbf;
    size_t shp_len, dbf_len;
    const char *prj, *cpg; /* the .prj's and .cpg's text; NULL where there is none */
    size_t *shapes, n_shapes; /* each record's content in the .shp */
    field fields[MAX_FIELDS];
    int n_fields;
    size_t n_rows, row_at, row_len; /* the .dbf's rows: count, first, length */
    encoding enc;
    char charset[64]; /* ENC_OTHER: iconv's name for it ("CP950") */
    bool id_field; /* a column the loader takes ids from (id, osm_id, ...) */
    bool skip_bad; /* ly_load_desc's: a damaged record is left out */
    size_t bad_records;
    PJ_CONTEXT *ctx;
    PJ *pj; /* the .prj's system to WGS 84 longitude and latitude; NULL: already that */
    char system[160];   /* its name, for messages */
    bool outside;       /* a position of the record being written is outside it */
    double out_x, out_y; /* (the first such) */
    ly_ft_span span;     /* the layer's positions as the .shp gives them */
    features *all;
    ly_diag_list *diags;
} reader;

/* The layers' records as one FeatureCollection, one Feature a line. */
struct features {
    ly_buf out;
    size_t *starts;    /* each feature's offset in out */
    uint32_t *records; /* each feature's record, from 1 */
    uint16_t *layers;  /* and its layer (readers[layer]) */
    size_t n, cap;
    reader *readers;
    size_t n_readers;
    /* several layers: each id column's values seen, and in which layer first (an open
     * addressing table, cap_ids a power of two) */
    char **ids;
    uint16_t *id_layer;
    size_t n_ids, cap_ids;
};

static uint32_t be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static uint32_t le32(const unsigned char *p)
{
    return (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | p[0];
}

static double le64d(const unsigned char *p)
{
    uint64_t u = 0;
    for (int k = 7; k >= 0; k--)
        u = u << 8 | p[k];
    double d;
    memcpy(&d, &u, sizeof d);
    return d;
}

bool ly_shapefile_sibling(const char *path, const char *ext, char *out, size_t n)
{
    const char *dot = strrchr(path, '.'), *slash = strrchr(path, '/');
    size_t stem = dot && (!slash || dot > slash) ? (size_t)(dot - path) : strlen(path);
    /* the siblings' case follows the name's: X.SHP has X.DBF */
    bool upper = dot && dot[1] >= 'A' && dot[1] <= 'Z';
    char e[8];
    size_t k = 0;
    for (; ext[k] && k < sizeof e - 1; k++)
        e[k] = upper && ext[k] >= 'a' && ext[k] <= 'z' ? (char)(ext[k] - 32) : ext[k];
    e[k] = '\0';
    if (snprintf(out, n, "%.*s.%s", (int)stem, path, e) >= (int)n)
        return false;
    struct stat st;
    if (!stat(out, &st))
        return true;
    /* else the one there is in another case (x.shp beside x.DBF and X.PRJ, as some
     * Windows tools leave them), found in the folder */
    size_t base = slash ? (size_t)(slash - path) + 1 : 0;
    char dir[1200], want[300];
    snprintf(dir, sizeof dir, "%.*s", base ? (int)base : 1, base ? path : ".");
    snprintf(want, sizeof want, "%.*s.%s", (int)(stem - base), path + base, ext);
    DIR *d = opendir(dir);
    for (struct dirent *de = d ? readdir(d) : NULL; de; de = readdir(d))
        if (!strcasecmp(de->d_name, want) && strlen(de->d_name) == stem - base + 1 + strlen(ext)) {
            snprintf(out, n, "%.*s%s", (int)base, path, de->d_name);
            break;
        }
    if (d)
        closedir(d);
    return true;
}

bool ly_shapefile_is(const char *path)
{
    const char *dot = strrchr(path, '.');
    /* the .shp, or one of the files beside it picked in its place (a file dialog lists
     * them all): read as the shapefile they belong to */
    return dot && (!strcasecmp(dot, ".shp") || !strcasecmp(dot, ".dbf") ||
                   !strcasecmp(dot, ".shx") || !strcasecmp(dot, ".prj") || !strcasecmp(dot, ".cpg"));
}

/* ---- reading the files --------------------------------------------------------------- */

/* Each record's content in the .shp; false (said) when the file is not one. */
static bool index_shapes(reader *r)
{
    if (r->shp_len < SHP_HEADER || be32(r->shp) != 9994 || le32(r->shp + 28) != 1000) {
        ly_diag_add(r->diags, LY_DIAG_ERROR, SIZE_MAX, -1,
                    "the .shp is not a shapefile (no file code 9994 and version 1000 in its "
                    "first 100 bytes): expected an ESRI shapefile's main file");
        return false;
    }
    size_t said = (size_t)be32(r->shp + 24) * 2;
    if (said > r->shp_len) {
        ly_diag_add(r->diags, LY_DIAG_ERROR, SIZE_MAX, -1,
                    "the .shp's header says it is %zu bytes, but the file is %zu: expected the "
                    "whole file (it was cut short?)", said, r->shp_len);
        return false;
    }
    size_t cap = 0;
    for (size_t at = SHP_HEADER; at + 8 <= r->shp_len;) {
        size_t bytes = (size_t)be32(r->shp + at + 4) * 2;
        if (bytes > r->shp_len - at - 8 || bytes < 4) {
            ly_diag_add(r->diags, LY_DIAG_ERROR, SIZE_MAX, -1,
                        "the .shp's record %zu says it is %zu bytes long, but %s: expected "
                        "whole records (the file may be cut short)",
                        r->n_shapes + 1, bytes, bytes < 4 ? "a record holds at least its type"
                                                          : "the file ends before that");
            return false;
        }
        if (r->n_shapes == cap) {
            cap = cap ? 2 * cap : 1024;
            size_t *grown = realloc(r->shapes, cap * sizeof *grown);
            if (!grown)
                return false;
            r->shapes = grown;
        }
        r->shapes[r->n_shapes++] = at + 8;
        at += 8 + bytes;
    }
    return true;
}

/* The .dbf's fields and rows; false (said) when it is not a dBASE table. */
static bool read_table(reader *r)
{
    const unsigned char *d = r->dbf;
    if (r->dbf_len < DBF_HEADER + 1) {
        ly_diag_add(r->diags, LY_DIAG_ERROR, SIZE_MAX, -1,
                    "the .dbf is %zu bytes: expected a dBASE table (a header of 32 bytes and "
                    "its fields)", r->dbf_len);
        return false;
    }
    r->n_rows = le32(d + 4);
    r->row_at = (size_t)d[8] | (size_t)d[9] << 8;
    r->row_len = (size_t)d[10] | (size_t)d[11] << 8;
    size_t at = DBF_HEADER, used = 1; /* a row starts with its deletion flag */
    while (at + DBF_FIELD <= r->dbf_len && at + DBF_FIELD <= r->row_at && d[at] != 0x0D &&
           r->n_fields < MAX_FIELDS) {
        field *f = &r->fields[r->n_fields++];
        size_t n = 0;
        while (n < 11 && d[at + n])
            n++;
        snprintf(f->key, sizeof f->key, "%.*s", (int)n, (const char *)d + at);
        f->type = (char)d[at + 11];
        f->width = d[at + 16];
        f->at = used;
        used += f->width;
        at += DBF_FIELD;
    }
    if (r->row_at < DBF_HEADER + 1 || (r->n_rows && !r->row_len)) {
        ly_diag_add(r->diags, LY_DIAG_ERROR, SIZE_MAX, -1,
                    "the .dbf's header says its rows start at byte %zu and are %zu bytes long: "
                    "expected rows after the header and its fields (at byte 33 or later) of a "
                    "byte or more (the table is damaged)", r->row_at, r->row_len);
        return false;
    }
    if (used > r->row_len || r->row_at > r->dbf_len ||
        (r->row_len && r->n_rows > (r->dbf_len - r->row_at) / r->row_len)) {
        ly_diag_add(r->diags, LY_DIAG_ERROR, SIZE_MAX, -1,
                    "the .dbf's header says %zu rows of %zu bytes (fields of %zu) from byte %zu, "
                    "but the file is %zu bytes: expected a whole dBASE table", r->n_rows,
                    r->row_len, used, r->row_at, r->dbf_len);
        return false;
    }
    return true;
}

static bool valid_utf8(const unsigned char *s, size_t n)
{
    return ly_utf8_invalid_at(s, n) == n;
}

/* n less a UTF-8 sequence cut short at its end (a name GDAL cut to dBASE's 10 bytes in the
 * middle of a character: 建筑高度 as 建筑高 and one byte of 度). */
static size_t whole_utf8(const unsigned char *s, size_t n)
{
    size_t lead = n;
    while (lead > 0 && n - lead < 4 && (s[lead - 1] & 0xC0) == 0x80)
        lead--;
    if (lead == 0 || s[lead - 1] < 0xC0)
        return n; /* no sequence begun at the end */
    size_t want = s[lead - 1] >= 0xF0 ? 4 : s[lead - 1] >= 0xE0 ? 3 : 2;
    return n - (lead - 1) < want ? lead - 1 : n;
}

/* Whether every field's name is UTF-8 (a last character cut short allowed). */
static bool names_utf8(const reader *r)
{
    for (int i = 0; i < r->n_fields; i++) {
        const unsigned char *k = (const unsigned char *)r->fields[i].key;
        if (!valid_utf8(k, whole_utf8(k, strlen(r->fields[i].key))))
            return false;
    }
    return true;
}

/* What a .cpg names (ArcGIS writes "936" or "ANSI 936", GDAL "CP936" or "UTF-8", QGIS
 * "UTF-8" or "System"): another code page's iconv name into charset (ENC_OTHER); -1 for
 * what iconv does not know. */
static int cpg_encoding(const char *cpg, char *charset, size_t n)
{
    char low[64];
    size_t k = 0;
    for (; cpg[k] && k < sizeof low - 1; k++)
        low[k] = (char)(cpg[k] >= 'A' && cpg[k] <= 'Z' ? cpg[k] + 32 : cpg[k]);
    low[k] = '\0';
    while (k && strchr(" \t\r\n", low[k - 1]))
        low[--k] = '\0';
    if ((strstr(low, "utf") && strchr(low, '8')) || strstr(low, "65001"))
        return ENC_UTF8; /* (65001: Windows' number for UTF-8) */
    if (strstr(low, "936") || strstr(low, "gb"))
        return ENC_GB18030;
    if (strstr(low, "1252") || strstr(low, "8859-1") || strstr(low, "88591") ||
        strstr(low, "latin1") || strstr(low, "latin-1"))
        return ENC_LATIN1;
    /* a code page's number, alone or after "ANSI" or "CP" (950, ANSI 1251, CP932) */
    const char *digits = low + strcspn(low, "0123456789");
    if (*digits && strspn(digits, "0123456789") == strlen(digits) &&
        (digits == low || !strncmp(low, "ansi", 4) || !strncmp(low, "cp", 2)))
        snprintf(charset, n, "CP%.16s", digits);
    else
        snprintf(charset, n, "%.31s", low);
    char *probe;
    size_t got;
    if (!*charset || ly_iconv_to_utf8(charset, "a", 1, &probe, &got))
        return -1; /* (iconv does not know it) */
    free(probe);
    return ENC_OTHER;
}

/* dBASE's language driver (the .dbf's byte 29) as an encoding, -1 for none known. */
static int ldid_encoding(unsigned ldid, char *charset, size_t n)
{
    static const struct {
        unsigned char id;
        const char *charset;
    } IDS[] = {{0x4D, "GB18030"}, {0x7A, "GB18030"}, {0x4F, "CP950"}, {0x78, "CP950"},
               {0x4E, "CP949"},   {0x79, "CP949"},   {0x13, "CP932"}, {0x7B, "CP932"},
               {0xC9, "CP1251"},  {0x65, "CP866"},   {0x26, "CP866"}};
    for (size_t i = 0; i < sizeof IDS / sizeof *IDS; i++)
        if (IDS[i].id == ldid) {
            snprintf(charset, n, "%s", IDS[i].charset);
            return i < 2 ? ENC_GB18030 : ENC_OTHER;
        }
    return ldid == 0x01 || ldid == 0x03 || ldid == 0x58 ? ENC_LATIN1 : -1;
}

/* The text cells' bytes (spaces at their end left out) of the rows not deleted: what tells
 * the table's encoding (numbers, binary integers and deleted rows say nothing of it). */
typedef struct {
    const reader *r;
    size_t row;
    int field;
} cells;

static bool next_cell(cells *c, const unsigned char **s, size_t *n)
{
    const reader *r = c->r;
    for (; c->row < r->n_rows; c->row++, c->field = 0) {
        const unsigned char *v = r->dbf + r->row_at + c->row * r->row_len;
        if (v[0] == '*')
            continue; /* deleted */
        while (c->field < r->n_fields) {
            const field *f = &r->fields[c->field++];
            if (f->type != 'C')
                continue;
            *s = v + f->at;
            *n = f->width;
            while (*n && ((*s)[*n - 1] == ' ' || (*s)[*n - 1] == '\0'))
                (*n)--;
            return true;
        }
    }
    return false;
}

/* The Chinese characters (U+3000-U+9FFF: CJK punctuation, kana, ideographs) in n bytes
 * of UTF-8: their lead bytes, E3 to E9. (GBK's 楼, C2 A5, is UTF-8's ¥: no Chinese.) */
static size_t wide_chars(const unsigned char *s, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        k += s[i] >= 0xE3 && s[i] <= 0xE9;
    return k;
}

/* Whether every text cell is UTF-8 (one cut short at its cell's end allowed: a writer that
 * cut it to the width); *wide counts the Chinese characters in them and the names. */
static bool cells_utf8(const reader *r, size_t *wide)
{
    cells c = {r, 0, 0};
    const unsigned char *s;
    size_t n;
    *wide = 0;
    for (int i = 0; i < r->n_fields; i++)
        *wide += wide_chars((const unsigned char *)r->fields[i].key, strlen(r->fields[i].key));
    while (next_cell(&c, &s, &n)) {
        if (!valid_utf8(s, whole_utf8(s, n)))
            return false;
        *wide += wide_chars(s, n);
    }
    return true;
}

/* n bytes of text in GB18030 (charset NULL) or in iconv's `charset` as UTF-8 into *u
 * (malloc'd); a last character cut short (a lead byte without its trail: a writer that cut
 * the text to the column's width) is left out. False when they are not that. */
static bool decode(const char *charset, const unsigned char *s, size_t n, char **u, size_t *un)
{
    size_t cut = n && s[n - 1] >= 0x81 ? n - 1 : n;
    for (size_t k = n;; k = cut) {
        if (!(charset ? ly_iconv_to_utf8(charset, (const char *)s, k, u, un)
                      : ly_gb18030_to_utf8((const char *)s, k, u, un)))
            return true;
        if (k == cut)
            return false;
    }
}

/* Whether every text cell is GB18030 (GBK), a last character cut short allowed. */
static bool cells_gb18030(const reader *r)
{
    cells c = {r, 0, 0};
    const unsigned char *s;
    size_t n;
    while (next_cell(&c, &s, &n)) {
        char *u;
        size_t un;
        if (!decode(NULL, s, n, &u, &un))
            return false;
        free(u);
    }
    return true;
}

/* The attributes' encoding: the .cpg's, else the language driver's (byte 29: code page
 * 936 is GBK, 950 Big5, ...); where those say UTF-8 or nothing, UTF-8 when the table is,
 * else GB18030 (GBK, as Chinese Windows writes it; said). Text that is UTF-8 throughout,
 * with Chinese in it, is read as UTF-8 whatever a .cpg says (QGIS and GDAL write UTF-8;
 * GBK text is not UTF-8 beyond a few characters by chance; said). Only the text cells of
 * rows not deleted tell. */
static void choose_encoding(reader *r)
{
    int named = r->cpg ? cpg_encoding(r->cpg, r->charset, sizeof r->charset) : -1;
    bool unknown = r->cpg && named < 0; /* a .cpg iconv does not know */
    if (named < 0)
        named = ldid_encoding(r->dbf[29], r->charset, sizeof r->charset);
    r->enc = named < 0 ? ENC_UTF8 : (encoding)named;
    size_t wide;
    bool utf8 = cells_utf8(r, &wide) && names_utf8(r);
    if (r->enc != ENC_UTF8 && utf8 && wide >= 4) {
        int said = r->cpg ? (int)strcspn(r->cpg, "\r\n") : 7;
        said = said > 40 ? 40 : said;
        r->enc = ENC_UTF8;
        ly_diag_add(r->diags, LY_DIAG_WARNING, SIZE_MAX, -1,
                    "the .dbf's text is UTF-8 though its %s says %.*s: read as UTF-8 (a .cpg "
                    "file beside it holding \"UTF-8\" says what it is)",
                    r->cpg ? ".cpg" : "language driver (byte 29)",
                    said, r->cpg ? r->cpg : "another");
        return;
    }
    if (r->enc != ENC_UTF8 || utf8)
        return;
    bool gb = cells_gb18030(r);
    r->enc = gb ? ENC_GB18030 : ENC_LATIN1;
    ly_diag_add(r->diags, LY_DIAG_WARNING, SIZE_MAX, -1,
                "the .dbf's text is not UTF-8 %s%.40s%s: read as %s (a .cpg file beside it "
                "holding \"UTF-8\" or \"GBK\" says what it is)",
                named == ENC_UTF8 ? "though its .cpg says so"
                : unknown         ? "and its .cpg names an encoding this system does not know ("
                                  : "and no .cpg says what it is",
                unknown ? r->cpg : "", unknown ? ")" : "",
                gb ? "GB18030 (GBK), as Chinese Windows writes it" : "Latin-1");
}

/* Bytes of the table as UTF-8 into out (spaces at either end left out). */
static void put_text(reader *r, ly_buf *out, const unsigned char *s, size_t n)
{
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\0'))
        n--;
    while (n && *s == ' ')
        s++, n--;
    char *u = NULL;
    size_t un = 0;
    /* a last character cut short by a writer that cut the text to the column's width is
     * left out: the rest is read */
    if (r->enc == ENC_GB18030 && decode(NULL, s, n, &u, &un)) {
        ly_buf_putn(out, u, un);
        free(u);
    } else if (r->enc == ENC_UTF8 && valid_utf8(s, whole_utf8(s, n))) {
        ly_buf_putn(out, (const char *)s, whole_utf8(s, n));
    } else if (r->enc == ENC_OTHER && decode(r->charset, s, n, &u, &un)) {
        ly_buf_putn(out, u, un);
        free(u);
    } else { /* Latin-1, or bytes the encoding does not take: each as its own character */
        for (size_t i = 0; i < n; i++) {
            char two[2] = {(char)(0xC0 | s[i] >> 6), (char)(0x80 | (s[i] & 0x3F))};
            if (s[i] < 0x80)
                ly_buf_putn(out, (const char *)s + i, 1);
            else
                ly_buf_putn(out, two, 2);
        }
    }
}

static bool readable(const field *f);

/* The fields' names as properties: decoded; the names louyu reads in lower case however
 * the table writes them (HEIGHT, Name); a few Chinese column names as louyu's (vocab.c);
 * each once. */
static void name_fields(reader *r)
{
    for (int i = 0; i < r->n_fields; i++) {
        field *f = &r->fields[i];
        ly_buf b = {0};
        size_t n = strlen(f->key);
        bool cut = n >= 10; /* at dBASE's limit: perhaps cut short by the writer */
        if (r->enc == ENC_UTF8)
            n = whole_utf8((const unsigned char *)f->key, n);
        put_text(r, &b, (const unsigned char *)f->key, n);
        snprintf(f->key, sizeof f->key, "%s", b.p ? b.p : "");
        snprintf(f->shown, sizeof f->shown, "%s", f->key);
        ly_buf_free(&b);
        ly_vocab_column_key(f->key, sizeof f->key);
        if (cut)
            ly_ft_cut_column_key(f->key, sizeof f->key);
        else
            ly_ft_laundered_key(f->key, sizeof f->key);
        for (int j = 0; j < i; j++) /* a name taken: the column keeps its own */
            if (!strcmp(r->fields[j].key, f->key))
                snprintf(f->key, sizeof f->key, "%.50s_%d", r->fields[j].key, i + 1);
        r->id_field |= readable(f) && ly_ft_id_key(f->key);
    }
}

/* A row's value of field f as JSON (null where the table holds none). */
static void put_value(reader *r, ly_buf *out, const field *f, const unsigned char *v)
{
    char t[256];
    size_t n = f->width < sizeof t ? f->width : sizeof t - 1, a = 0, b = n;
    memcpy(t, v, n);
    while (a < b && (t[a] == ' ' || t[a] == '\0'))
        a++;
    while (b > a && (t[b - 1] == ' ' || t[b - 1] == '\0'))
        b--;
    t[b] = '\0';
    char *end;
    switch (f->type) {
    case 'N':
    case 'F': {
        double x = strtod(t + a, &end);
        if (b > a && !*end && isfinite(x))
            ly_buf_printf(out, "%.15g", x);
        else if (b > a && strspn(t + a, "*") < b - a) /* not a number: as the text, */
            ly_ft_put_string(out, t + a, b - a);          /* which the checks then name */
        else /* empty, or asterisks: what GDAL writes for no value */
            ly_buf_put(out, "null");
        break;
    }
    case 'L':
        ly_buf_put(out, b == a + 1 && strchr("TtYy", t[a]) ? "true"
                        : b == a + 1 && strchr("FfNn", t[a]) ? "false" : "null");
        break;
    case 'D': { /* YYYYMMDD; GDAL writes 00000000 for none; a day the calendar lacks
                   (2011-02-29) is none either */
        char iso[16];
        long days;
        snprintf(iso, sizeof iso, "%.4s-%.2s-%.2s", t + a, t + a + 4, t + a + 6);
        if (b - a == 8 && strspn(t + a, "0123456789") == 8 && ly_date_parse(iso, &days))
            ly_buf_printf(out, "\"%s\"", iso);
        else
            ly_buf_put(out, "null");
        break;
    }
    case 'I':
        ly_buf_printf(out, "%d", f->width == 4 ? (int32_t)le32(v) : 0);
        break;
    default: {
        ly_buf s = {0};
        put_text(r, &s, v, f->width);
        if (s.len) /* a blank cell is no value (the table cannot say null) */
            ly_ft_put_string(out, s.p, s.len);
        else
            ly_buf_put(out, "null");
        ly_buf_free(&s);
    }
    }
}

/* Whether the table has field f's kind of value (memo and binary fields are left out). */
static bool readable(const field *f)
{
    return f->type && strchr("CNFLDI", f->type) && (f->type != 'I' || f->width == 4);
}

/* Row `row`'s properties. */
static void put_properties(reader *r, ly_buf *out, size_t row)
{
    const unsigned char *v = r->dbf + r->row_at + row * r->row_len;
    ly_buf_put(out, "\"properties\":{");
    bool first = true;
    for (int k = 0; k < r->n_fields; k++) {
        const field *f = &r->fields[k];
        if (!readable(f))
            continue;
        if (!first)
            ly_buf_put(out, ",");
        first = false;
        ly_ft_put_string(out, f->key, strlen(f->key));
        ly_buf_put(out, ":");
        put_value(r, out, f, v + f->at);
    }
    ly_buf_put(out, "}");
}

/* ---- shapes as GeoJSON geometry -------------------------------------------------------- */

/* A point, in WGS 84 longitude and latitude (through pj, the .prj's system's way there). */
static void put_xy(ly_buf *out, reader *r, const unsigned char *p)
{
    ly_ft_span_add(&r->span, le64d(p), le64d(p + 8));
    if (!ly_ft_put_position(out, r->pj, le64d(p), le64d(p + 8)) && !r->outside) {
        r->outside = true;
        r->out_x = le64d(p);
        r->out_y = le64d(p + 8);
    }
}

typedef struct {
    size_t from, n; /* its points */
    double area;    /* signed: the shapefile's outer rings are clockwise (negative) */
    long owner;     /* a hole: its outer ring; an outer ring: -1 */
} ring;

static double ring_area(const unsigned char *pts, const ring *g)
{
    double a = 0;
    for (size_t i = 0, j = g->n - 1; i < g->n; j = i++) {
        const unsigned char *p = pts + 16 * (g->from + i), *q = pts + 16 * (g->from + j);
        a += le64d(q) * le64d(p + 8) - le64d(p) * le64d(q + 8);
    }
    return 0.5 * a;
}

/* Whether ring g holds point p (even-odd). */
static bool ring_holds(const unsigned char *pts, const ring *g, const unsigned char *p)
{
    double x = le64d(p), y = le64d(p + 8);
    bool in = false;
    for (size_t i = 0, j = g->n - 1; i < g->n; j = i++) {
        const unsigned char *a = pts + 16 * (g->from + i), *b = pts + 16 * (g->from + j);
        double ax = le64d(a), ay = le64d(a + 8), bx = le64d(b), by = le64d(b + 8);
        if ((ay > y) != (by > y) && x < (bx - ax) * (y - ay) / (by - ay) + ax)
            in = !in;
    }
    return in;
}

/* One ring's positions, closed, turned the way RFC 7946 asks (outer counter-clockwise). */
static void put_ring(ly_buf *out, reader *r, const unsigned char *pts, const ring *g, bool outer)
{
    bool reverse = outer ? g->area < 0 : g->area > 0;
    ly_buf_put(out, "[");
    for (size_t k = 0; k < g->n; k++) {
        put_xy(out, r, pts + 16 * (g->from + (reverse ? g->n - 1 - k : k)));
        ly_buf_put(out, ",");
    }
    bool closed = g->n > 1 && !memcmp(pts + 16 * g->from, pts + 16 * (g->from + g->n - 1), 16);
    if (!closed && g->n) /* a ring the writer did not close */
        put_xy(out, r, pts + 16 * (g->from + (reverse ? g->n - 1 : 0)));
    else if (g->n)
        out->len--; /* the last comma */
    ly_buf_put(out, "]");
}

/* Whether the shapefile's rule (outer rings clockwise) contradicts what lies inside what:
 * a ring inside an even number of larger ones (an outer one) wound counter-clockwise, or
 * one inside an odd number (a hole) clockwise (a file written with GeoJSON's winding:
 * its courtyards would be filled). */
static bool winding_contradicts(const unsigned char *pts, const ring *g, size_t n)
{
    for (size_t i = 0; i < n && n <= 200; i++) {
        int depth = 0;
        for (size_t j = 0; j < n; j++)
            depth += j != i && fabs(g[j].area) > fabs(g[i].area) &&
                     ring_holds(pts, &g[j], pts + 16 * g[i].from);
        if ((depth % 2 == 0) != (g[i].area < 0) && g[i].area != 0)
            return true;
    }
    return false;
}

/* Which rings are holes, and of which outer ring: by the shapefile's rule (outer rings
 * clockwise) when any ring is clockwise and the rule fits what lies inside what, else by
 * what lies inside what (true: the winding was set aside); a hole goes to the smallest
 * outer ring around it (else the one before it; with none, it is an outer ring). */
static bool own_rings(const unsigned char *pts, ring *g, size_t n)
{
    bool any_cw = false;
    for (size_t i = 0; i < n; i++)
        any_cw |= g[i].area < 0;
    bool contradicts = any_cw && winding_contradicts(pts, g, n);
    any_cw = any_cw && !contradicts;
    bool look = n <= 200; /* (many parts: the order alone, not n² tests) */
    for (size_t i = 0; i < n; i++) {
        int depth = 0;
        for (size_t j = 0; !any_cw && look && j < n; j++)
            depth += j != i && fabs(g[j].area) > fabs(g[i].area) &&
                     ring_holds(pts, &g[j], pts + 16 * g[i].from);
        g[i].owner = (any_cw ? g[i].area < 0 : depth % 2 == 0) ? -1 : -2;
    }
    for (size_t i = 0; i < n; i++) {
        if (g[i].owner == -1)
            continue;
        long best = -1;
        for (size_t j = 0; look && j < n; j++)
            if (g[j].owner == -1 && ring_holds(pts, &g[j], pts + 16 * g[i].from) &&
                (best < 0 || fabs(g[j].area) < fabs(g[best].area)))
                best = (long)j;
        for (size_t j = i; best < 0 && j-- > 0;)
            best = g[j].owner == -1 ? (long)j : -1;
        g[i].owner = best; /* -1: no outer ring before it, so it is one */
    }
    return contradicts;
}

/* A record's fault, said at its record (line) with no field (column 0). */
static void record_error(reader *r, size_t record, const char *what)
{
    ly_diag *d = ly_diag_add(r->diags, LY_DIAG_ERROR, SIZE_MAX, -1,
                             "record %zu, shape: %s: expected a shape as the shapefile format "
                             "lays it out (the file may be damaged)", record, what);
    if (d) {
        d->line = (int)(record > INT32_MAX ? INT32_MAX : record);
        d->col = 0;
    }
}

/* Polygons (and lines, lines = true) from a record's parts: true when they fit. */
static bool put_parts(reader *r, ly_buf *out, const unsigned char *c, size_t bytes, bool lines,
                      size_t record)
{
    if (bytes < 44) {
        record_error(r, record, "it is shorter than its part and point counts");
        return false;
    }
    size_t np = le32(c + 36), npts = le32(c + 40);
    const unsigned char *parts = c + 44, *pts = parts + 4 * np;
    if (np == 0 || np > (bytes - 44) / 4 || npts > (bytes - 44 - 4 * np) / 16) {
        record_error(r, record, np ? "its parts and points run past its end" : "it has no parts");
        return false;
    }
    ring *g = malloc(np * sizeof *g);
    if (!g)
        return false;
    for (size_t i = 0; i < np; i++) {
        size_t a = le32(parts + 4 * i), b = i + 1 < np ? le32(parts + 4 * (i + 1)) : npts;
        if (a > b || b > npts || a == b) {
            free(g);
            record_error(r, record, "a part starts past the next one or past the points");
            return false;
        }
        g[i] = (ring){a, b - a, 0, -1};
        g[i].area = lines ? 0 : ring_area(pts, &g[i]);
    }
    if (lines) {
        ly_buf_put(out, np == 1 ? "{\"type\":\"LineString\",\"coordinates\":"
                                : "{\"type\":\"MultiLineString\",\"coordinates\":[");
        for (size_t i = 0; i < np; i++) {
            ly_buf_put(out, i ? ",[" : "[");
            for (size_t k = 0; k < g[i].n; k++) {
                put_xy(out, r, pts + 16 * (g[i].from + k));
                ly_buf_put(out, k + 1 < g[i].n ? "," : "");
            }
            ly_buf_put(out, "]");
        }
        ly_buf_put(out, np == 1 ? "}" : "]}");
        free(g);
        return true;
    }
    if (own_rings(pts, g, np)) {
        ly_diag *d = ly_diag_add(r->diags, LY_DIAG_WARNING, SIZE_MAX, -1,
                                 "record %zu, shape: its rings' winding contradicts what lies "
                                 "inside what (GeoJSON's, outer rings counter-clockwise, not the "
                                 "shapefile's): read by what lies inside what", record);
        if (d)
            d->line = (int)(record > INT32_MAX ? INT32_MAX : record);
    }
    size_t outers = 0;
    for (size_t i = 0; i < np; i++)
        outers += g[i].owner == -1;
    ly_buf_put(out, outers == 1 ? "{\"type\":\"Polygon\",\"coordinates\":"
                                : "{\"type\":\"MultiPolygon\",\"coordinates\":[");
    for (size_t i = 0, done = 0; i < np; i++) {
        if (g[i].owner != -1)
            continue;
        ly_buf_put(out, done++ ? ",[" : "[");
        put_ring(out, r, pts, &g[i], true);
        for (size_t h = 0; h < np; h++)
            if (g[h].owner == (long)i) {
                ly_buf_put(out, ",");
                put_ring(out, r, pts, &g[h], false);
            }
        ly_buf_put(out, "]");
    }
    ly_buf_put(out, outers == 1 ? "}" : "]}");
    free(g);
    return true;
}

/* Whether the record's positions were all inside the .prj's system; else said, once a
 * record (not once a position). */
static bool inside(reader *r, size_t record)
{
    if (!r->outside)
        return true;
    char why[600];
    ly_ft_outside_system(why, sizeof why, r->out_x, r->out_y, r->system);
    ly_diag *d = ly_diag_add(r->diags, LY_DIAG_ERROR, SIZE_MAX, -1, "record %zu, shape: %s",
                             record, why);
    if (d)
        d->line = (int)(record > INT32_MAX ? INT32_MAX : record);
    return false;
}

/* Record `record`'s shape (its content c, `bytes` long) as a GeoJSON geometry. */
static bool put_shape(reader *r, ly_buf *out, const unsigned char *c, size_t bytes, size_t record)
{
    uint32_t type = le32(c);
    switch (type) {
    case 0: /* the null shape */
        ly_buf_put(out, "null");
        return true;
    case 1: case 11: case 21: /* a point (with z, with a measure) */
        if (bytes < 20) {
            record_error(r, record, "a point shorter than its two coordinates");
            return false;
        }
        ly_buf_put(out, "{\"type\":\"Point\",\"coordinates\":");
        put_xy(out, r, c + 4);
        ly_buf_put(out, "}");
        return true;
    case 8: case 18: case 28: { /* points */
        size_t n = bytes >= 40 ? le32(c + 36) : SIZE_MAX;
        if (n == SIZE_MAX || n > (bytes - 40) / 16) {
            record_error(r, record, "its points run past its end");
            return false;
        }
        ly_buf_put(out, "{\"type\":\"MultiPoint\",\"coordinates\":[");
        for (size_t k = 0; k < n; k++) {
            put_xy(out, r, c + 40 + 16 * k);
            ly_buf_put(out, k + 1 < n ? "," : "");
        }
        ly_buf_put(out, "]}");
        return true;
    }
    case 3: case 13: case 23:
        return put_parts(r, out, c, bytes, true, record);
    case 5: case 15: case 25:
        return put_parts(r, out, c, bytes, false, record);
    case 31: { /* a MultiPatch: 3D surfaces (textured models), which louyu does not read */
        ly_diag *d = ly_diag_add(r->diags, LY_DIAG_WARNING, SIZE_MAX, -1,
                                 "record %zu, shape: a MultiPatch (3D surfaces): left out (louyu "
                                 "reads 3D buildings from CityJSON)", record);
        if (d)
            d->line = (int)(record > INT32_MAX ? INT32_MAX : record);
        ly_buf_put(out, "null");
        return true;
    }
    default: {
        char what[64];
        snprintf(what, sizeof what, "its type is %u, not a shape type", type);
        record_error(r, record, what);
        return false;
    }
    }
}

/* ---- the reference system ------------------------------------------------------------- */

/* The .prj's system (r->pj: its transformation to WGS 84 longitude and latitude; none
 * for WGS 84's own); a missing .prj is taken for WGS 84, with a warning. False (said) when
 * PROJ cannot read it or transform it. */
static bool read_prj(reader *r)
{
    const char *wkt = r->prj;
    if (!wkt) {
        ly_diag_add(r->diags, LY_DIAG_WARNING, SIZE_MAX, -1,
                    "no .prj beside it: its coordinates are taken for WGS 84 longitude and "
                    "latitude (a .prj says the reference system)");
        return true;
    }
    if (!strncmp(wkt, "\xEF\xBB\xBF", 3)) /* a byte order mark, as Notepad saves it */
        wkt += 3;
    if (!wkt[strspn(wkt, " \t\r\n")]) {
        ly_diag_add(r->diags, LY_DIAG_ERROR, SIZE_MAX, -1,
                    "the .prj is empty: expected its reference system as WKT, as GIS tools "
                    "write it (or no .prj, for WGS 84 longitude and latitude)");
        return false;
    }
    r->ctx = proj_context_create();
    if (r->ctx)
        proj_log_level(r->ctx, PJ_LOG_NONE); /* its reasons are in our message */
    PJ *crs = r->ctx ? proj_create(r->ctx, wkt) : NULL;
    /* WGS 84's longitude and latitude as they are (what GDAL writes for EPSG:4326) */
    int *confidence = NULL;
    PJ_OBJ_LIST *found = crs ? proj_identify(r->ctx, crs, "EPSG", NULL, &confidence) : NULL;
    bool wgs84 = false;
    for (int i = 0; found && i < proj_list_get_count(found) && !wgs84; i++) {
        PJ *m = confidence[i] >= 70 ? proj_list_get(r->ctx, found, i) : NULL;
        const char *code = m ? proj_get_id_code(m, 0) : NULL;
        wgs84 = code && !strcmp(code, "4326");
        proj_destroy(m);
    }
    proj_int_list_destroy(confidence);
    proj_list_destroy(found);
    bool geocentric = false;
    const char *crs_name = crs ? proj_get_name(crs) : NULL;
    snprintf(r->system, sizeof r->system, "the .prj's system (%.120s)",
             crs_name ? crs_name : "?");
    if (crs && !wgs84)
        r->pj = ly_crs_to_wgs84(r->ctx, wkt, &geocentric);
    if (!wgs84 && (!r->pj || geocentric)) {
        const char *name = crs ? proj_get_name(crs) : NULL;
        ly_diag_add(r->diags, LY_DIAG_ERROR, SIZE_MAX, -1,
                    "the .prj's reference system (%.120s) is one PROJ cannot %s: expected a "
                    "system PROJ transforms to WGS 84 (or convert the file: ogr2ogr -t_srs "
                    "EPSG:4326 out.shp in.shp)", name ? name : "not WKT",
                    !crs ? "read" : geocentric ? "use (geocentric)" : "transform to WGS 84");
    }
    proj_destroy(crs);
    return wgs84 || (r->pj && !geocentric);
}

/* ---- the district --------------------------------------------------------------------- */

/* Room for one more feature in all; false when memory ran out. */
static bool grow(features *all)
{
    if (all->n < all->cap)
        return true;
    size_t cap = all->cap ? all->cap * 2 : 1024;
    size_t *st = realloc(all->starts, cap * sizeof *st);
    if (st)
        all->starts = st;
    uint32_t *rec = st ? realloc(all->records, cap * sizeof *rec) : NULL;
    if (rec)
        all->records = rec;
    uint16_t *lay = rec ? realloc(all->layers, cap * sizeof *lay) : NULL;
    if (lay) {
        all->layers = lay;
        all->cap = cap;
    }
    return lay != NULL;
}

/* The field the loader takes a record's id from (its first of id, @id, osm_id,
 * osm_way_id), or -1. */
static int id_field_of(const reader *r)
{
    static const char *const KEYS[] = {"id", "@id", "osm_id", "osm_way_id"};
    for (size_t k = 0; k < sizeof KEYS / sizeof *KEYS; k++)
        for (int f = 0; f < r->n_fields; f++)
            if (readable(&r->fields[f]) && !strcmp(r->fields[f].key, KEYS[k]))
                return f;
    return -1;
}

/* Whether id value v (as the collection writes it) was a record's of an earlier layer of
 * the archive; remembered for the later ones. False when memory ran out. */
static bool earlier_layer(features *all, const char *v, uint16_t layer, bool *earlier)
{
    *earlier = false;
    if (all->n_ids * 2 >= all->cap_ids) {
        size_t cap = all->cap_ids ? all->cap_ids * 2 : 1024;
        char **ids = calloc(cap, sizeof *ids);
        uint16_t *lay = calloc(cap, sizeof *lay);
        if (!ids || !lay) {
            free(ids);
            free(lay);
            return false;
        }
        for (size_t i = 0; i < all->cap_ids; i++) {
            if (!all->ids[i])
                continue;
            size_t j = ly_hash_str(all->ids[i]) & (cap - 1);
            while (ids[j])
                j = (j + 1) & (cap - 1);
            ids[j] = all->ids[i];
            lay[j] = all->id_layer[i];
        }
        free(all->ids);
        free(all->id_layer);
        all->ids = ids;
        all->id_layer = lay;
        all->cap_ids = cap;
    }
    size_t j = ly_hash_str(v) & (all->cap_ids - 1);
    for (; all->ids[j]; j = (j + 1) & (all->cap_ids - 1))
        if (!strcmp(all->ids[j], v)) {
            *earlier = all->id_layer[j] != layer; /* (one layer's own repeat: the loader's) */
            return true;
        }
    if (!(all->ids[j] = strdup(v)))
        return false;
    all->id_layer[j] = layer;
    all->n_ids++;
    return true;
}

/* The layer's records as Features of the collection, one a line (a deleted row left out). */
static bool write_features(reader *r)
{
    features *all = r->all;
    size_t n = r->n_shapes;
    if (r->n_shapes != r->n_rows)
        ly_diag_add(r->diags, LY_DIAG_WARNING, SIZE_MAX, -1,
                    "the .shp has %zu shapes and the .dbf %zu rows: expected as many; %s",
                    r->n_shapes, r->n_rows, r->n_shapes > r->n_rows
                        ? "the shapes past the table's last row are read without attributes"
                        : "the rows past the last shape are not read");
    bool ok = true;
    /* (several layers: the column whose values an earlier layer's records may share) */
    int layer_idf = all->n_readers > 1 && r->id_field ? id_field_of(r) : -1;
    for (size_t i = 0; i < n && !all->out.failed; i++) {
        bool row = i < r->n_rows;
        if (row && r->dbf[r->row_at + i * r->row_len] == '*')
            continue; /* a row deleted but not yet packed away */
        if (!grow(all)) {
            all->out.failed = true;
            break;
        }
        size_t at = r->shapes[i], bytes = (size_t)be32(r->shp + at - 4) * 2;
        size_t start = all->out.len;
        ly_buf_put(&all->out, all->n ? ",{\"type\":\"Feature\"," : "{\"type\":\"Feature\",");
        int idf = row ? layer_idf : -1;
        ly_buf idv = {0};
        bool earlier = false;
        if (idf >= 0) { /* an id an earlier layer's record has: "layer/id" (two layers of a
                         * download hold the same OpenStreetMap way, a building and a place) */
            const field *f = &r->fields[idf];
            put_value(r, &idv, f, r->dbf + r->row_at + i * r->row_len + f->at);
            if (idv.p && strcmp(idv.p, "null") &&
                !earlier_layer(all, idv.p, (uint16_t)(r - all->readers), &earlier))
                all->out.failed = true;
        }
        if (earlier) {
            bool quoted = idv.p[0] == '"';
            ly_buf_printf(&all->out, "\"id\":\"%.*s/%.*s\",", (int)strcspn(r->layer, "."),
                          r->layer, (int)(idv.len - (quoted ? 2 : 0)), idv.p + quoted);
        } else if (!r->id_field && all->n_readers > 1) { /* no column for ids: layer and record */
            char id[300];
            int k = snprintf(id, sizeof id, "%.*s/%zu", (int)strcspn(r->layer, "."), r->layer,
                             i + 1);
            ly_buf_put(&all->out, "\"id\":");
            ly_ft_put_string(&all->out, id, (size_t)k < sizeof id ? (size_t)k : sizeof id - 1);
            ly_buf_put(&all->out, ",");
        } else if (!r->id_field) { /* no column for ids: the record's number */
            ly_buf_printf(&all->out, "\"id\":%zu,", i + 1);
        }
        ly_buf_free(&idv);
        if (row)
            put_properties(r, &all->out, i);
        else
            ly_buf_put(&all->out, "\"properties\":{}");
        ly_buf_put(&all->out, ",\"geometry\":");
        size_t diags_from = r->diags->count, errors_from = r->diags->errors;
        r->outside = false;
        if (!put_shape(r, &all->out, r->shp + at, bytes, i + 1) || !inside(r, i + 1)) {
            /* with --skip-bad a damaged record is left out, as a feature with errors is */
            if (r->skip_bad)
                ly_diag_demote(r->diags, diags_from, errors_from, " (the record is left out)");
            else
                ok = false;
            r->bad_records++;
            all->out.len = start; /* (its fault is said; the rest are still checked) */
            continue;
        }
        ly_buf_put(&all->out, "}\n");
        all->starts[all->n] = start;
        all->layers[all->n] = (uint16_t)(r - all->readers);
        all->records[all->n++] = (uint32_t)(i + 1);
    }
    char hint[600];
    if (ly_ft_degrees_hint(r->ctx, r->pj, &r->span, r->system, hint, sizeof hint))
        ly_diag_add(r->diags, LY_DIAG_WARNING, SIZE_MAX, -1, "%s", hint);
    return ok && !all->out.failed;
}

/* Feature k named as the messages name a record. */
static void record_name(void *ctx, size_t k, char *buf, size_t n)
{
    const features *all = ctx;
    const reader *r = &all->readers[all->layers[k]];
    snprintf(buf, n, "%.250s%srecord %u", r->layer ? r->layer : "", r->layer ? ", " : "",
             all->records[k]);
}

/* The loader's message about feature k moved to its record and field: "record 12, field
 * HEIGHT: "4711": ..." at line 12, column 3 (0: the shape, or the record as a whole); an
 * archive's layer named first ("roads.shp, record 12, ..."). */
static void move_diag(void *ctx, ly_diag *d)
{
    features *all = ctx;
    size_t k;
    int place, col = 0; /* col: the field from 1, its place in the table (unreadable counted) */
    char key[80] = "", where[400], layer[260] = "";
    if (!ly_ft_feature_of(d, &all->out, all->starts, all->n, &k, &place, key, sizeof key))
        return;
    const reader *r = &all->readers[all->layers[k]];
    for (int f = 0; place > 0 && f < r->n_fields && !col; f++)
        col = readable(&r->fields[f]) && !strcmp(r->fields[f].key, key) ? f + 1 : 0;
    if (col) /* the table's own name for it */
        snprintf(key, sizeof key, "%s", r->fields[col - 1].shown);
    if (r->layer)
        snprintf(layer, sizeof layer, "%.250s, ", r->layer);
    if (col)
        snprintf(where, sizeof where, "%srecord %u, field %s", layer, all->records[k], key);
    else
        snprintf(where, sizeof where, "%srecord %u%s", layer, all->records[k],
                 place < 0 ? ", shape" : "");
    ly_ft_place(d, where, "a .prj beside the .shp", all->records[k], col);
    ly_ft_name_other(d, all->n, record_name, all);
}

/* The messages said since `from` about layer r named after it ("roads.shp: ..."). */
static void name_layer(const reader *r, size_t from)
{
    for (size_t i = from; r->layer && i < r->diags->count; i++) {
        ly_diag *d = &r->diags->items[i];
        size_t n = strlen(r->layer) + strlen(d->message) + 3;
        char *m = malloc(n);
        if (!m)
            continue;
        snprintf(m, n, "%s%s%s", r->layer, strncmp(d->message, "record ", 7) ? ": " : ", ",
                 d->message);
        free(d->message);
        d->message = m;
    }
}

/* One layer read into its collection; false when it cannot be. */
static bool read_layer(reader *r)
{
    size_t from = r->diags->count;
    bool ok = index_shapes(r) && read_table(r) && read_prj(r);
    if (ok) {
        choose_encoding(r);
        name_fields(r);
        ok = write_features(r);
    }
    name_layer(r, from);
    return ok;
}

ly_load_result ly_shapefile_load_parts(ly_district *out, const ly_shapefile_parts *parts,
                                       size_t n, const char *path, const ly_load_desc *desc,
                                       ly_diag_list *diags, char **text, size_t *len)
{
    memset(out, 0, sizeof *out);
    if (text)
        *text = NULL;
    size_t errors = diags->errors;
    features all = {.readers = calloc(n ? n : 1, sizeof *all.readers), .n_readers = n};
    if (!all.readers || n > UINT16_MAX) {
        free(all.readers);
        return LY_LOAD_NOMEM;
    }
    ly_buf_put(&all.out, "{\"type\":\"FeatureCollection\",\"features\":[\n");
    bool ok = true, whole = true; /* whole: no layer refused as a whole */
    size_t bad = 0;
    for (size_t i = 0; i < n && whole; i++) {
        reader *r = &all.readers[i];
        *r = (reader){.layer = parts[i].name, .shp = parts[i].shp, .shp_len = parts[i].shp_len,
                      .dbf = parts[i].dbf, .dbf_len = parts[i].dbf_len, .prj = parts[i].prj,
                      .cpg = parts[i].cpg, .all = &all, .diags = diags,
                      .skip_bad = desc && desc->skip_bad};
        size_t errors_before = diags->errors;
        ok &= read_layer(r);
        whole = diags->errors == errors_before || r->bad_records;
        bad += r->bad_records;
    }
    ly_buf_put(&all.out, "]}\n");
    ly_load_result res = LY_LOAD_DATA;
    if (whole)
        res = ly_ft_load(out, &all.out, path, desc, diags, errors, ok, bad, move_diag, &all,
                         text, len);
    for (size_t i = 0; i < n; i++) {
        proj_destroy(all.readers[i].pj);
        if (all.readers[i].ctx)
            proj_context_destroy(all.readers[i].ctx);
        free(all.readers[i].shapes);
    }
    free(all.readers);
    free(all.starts);
    free(all.records);
    free(all.layers);
    for (size_t i = 0; i < all.cap_ids; i++)
        free(all.ids[i]);
    free(all.ids);
    free(all.id_layer);
    ly_buf_free(&all.out);
    return res;
}

/* A sidecar's text (the .prj, the .cpg) into *out, NULL there when there is none; false
 * (said) when it is there but cannot be read. */
static bool read_sidecar(const char *shp, const char *ext, size_t max, char **out,
                         ly_diag_list *diags)
{
    char p[1200];
    size_t n;
    *out = NULL;
    if (!ly_shapefile_sibling(shp, ext, p, sizeof p))
        return true;
    ly_file_result fr = ly_file_read(p, max, true, out, &n, diags);
    return fr == LY_FILE_OK || fr == LY_FILE_MISSING;
}

ly_load_result ly_shapefile_load_text(ly_district *out, const char *path,
                                      const ly_load_desc *desc, ly_diag_list *diags, char **text,
                                      size_t *len)
{
    memset(out, 0, sizeof *out);
    if (text)
        *text = NULL;
    char shp[1200], dbf[1200];
    if (!ly_shapefile_sibling(path, "shp", shp, sizeof shp) ||
        !ly_shapefile_sibling(path, "dbf", dbf, sizeof dbf))
        return LY_LOAD_IO;
    size_t errors = diags->errors;
    size_t max = desc && desc->max_file_bytes ? desc->max_file_bytes : MAX_SHP_BYTES;
    char *s = NULL, *d = NULL, *prj = NULL, *cpg = NULL;
    ly_shapefile_parts p = {0};
    ly_load_result res = LY_LOAD_IO;
    if (ly_file_read(shp, max, false, &s, &p.shp_len, diags) != LY_FILE_OK) {
        /* (said) */
    } else if (ly_file_read(dbf, max, true, &d, &p.dbf_len, diags) != LY_FILE_OK) {
        if (!d && diags->errors == errors)
            ly_diag_add(diags, LY_DIAG_ERROR, SIZE_MAX, -1,
                        "no %s beside the .shp: expected the shapefile's table of attributes "
                        "(a shapefile is its .shp, .shx, .dbf and .prj together)", dbf);
    } else if (read_sidecar(shp, "prj", 1 << 20, &prj, diags) &&
               read_sidecar(shp, "cpg", 4096, &cpg, diags)) {
        p.shp = (const unsigned char *)s;
        p.dbf = (const unsigned char *)d;
        p.prj = prj;
        p.cpg = cpg;
        res = ly_shapefile_load_parts(out, &p, 1, path, desc, diags, text, len);
    }
    if (res == LY_LOAD_IO && diags->errors == errors)
        res = LY_LOAD_NOMEM;
    free(s);
    free(d);
    free(prj);
    free(cpg);
    return res;
}

ly_load_result ly_shapefile_load(ly_district *out, const char *path, const ly_load_desc *desc,
                                 ly_diag_list *diags)
{
    return ly_shapefile_load_text(out, path, desc, diags, NULL, NULL);
}
