/* An Excel 97-2003 workbook (.xls, as Excel, WPS and LibreOffice still save it, and as many
 * a building manager's template is) read as the CSV text of its first worksheet, in the
 * form ly_xlsx_text gives (include/louyu/xlsx.h).
 *
 * The file is a compound file: a small FAT file system of 512- or 4096-byte sectors, whose
 * directory names its streams; a stream under 4096 bytes lives in 64-byte sectors of the
 * "mini stream". The stream "Workbook" is a run of BIFF8 records (type, length, data; a
 * record longer than 8,224 bytes goes on in CONTINUE records): first the globals (the 1904
 * date system, number formats, cell formats, the shared strings, each sheet's place in the
 * stream), then each sheet's records, its cells among them. A cell is given as its text
 * (shared or its own), a number as the shortest text that reads back the same to 15 digits,
 * a date (a number whose format shows one) as YYYY-MM-DD with HH:MM when it has a time, a
 * truth value as TRUE or FALSE, an error as its code (#N/A); a formula as its cached result.
 * Text is UTF-16 or, where every character is under U+0100, one byte per character; a
 * string cut by a CONTINUE record says again which, in the first byte after the cut. */
#include "louyu/xlsx.h"
#include "louyu/arena.h"
#include "sheet_private.h"

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
    END_OF_CHAIN = 0xFFFFFFFE,
    MAX_ROWS = 65536,
    MAX_COLS = 256,
    /* records */
    R_FORMULA = 0x0006, R_EOF = 0x000A, R_DATEMODE = 0x0022, R_FILEPASS = 0x002F,
    R_CONTINUE = 0x003C, R_BOUNDSHEET = 0x0085, R_MULRK = 0x00BD, R_RSTRING = 0x00D6,
    R_XF = 0x00E0, R_SST = 0x00FC, R_LABELSST = 0x00FD, R_NUMBER = 0x0203, R_LABEL = 0x0204,
    R_BOOLERR = 0x0205, R_STRING = 0x0207, R_RK = 0x027E, R_FORMAT = 0x041E, R_BOF = 0x0809,
    R_MERGEDCELLS = 0x00E5
};

static double f64(const unsigned char *p)
{
    uint64_t v = (uint64_t)ly_le32(p) | (uint64_t)ly_le32(p + 4) << 32;
    double x;
    memcpy(&x, &v, sizeof x);
    return x;
}

#define DAMAGED "the workbook (.xls) is damaged: "
#define EXPECTED "expected an .xls file as Excel, WPS or LibreOffice saves it, or the sheet saved as .xlsx or CSV"

/* ---- the compound file ------------------------------------------------------------- */

/* Units [first, ...) of a chain: unit k's bytes at base + skip + k * unit (a file's
 * sectors follow its header; the mini stream's have none), the next unit's number in
 * next[k]. want: the stream's length (SIZE_MAX: the chain's). Returns the bytes
 * (malloc'd) or NULL after saying what is wrong (what: the stream's name). */
static unsigned char *chain(const uint32_t *next, size_t n_next, uint32_t first,
                            const unsigned char *base, size_t base_len, size_t unit,
                            size_t skip, size_t want, const char *what, size_t *got,
                            ly_diag_list *diags)
{
    ly_tbuf out = {0};
    size_t steps = 0;
    for (uint32_t s = first; s != END_OF_CHAIN && out.n < want && !out.fail; s = next[s]) {
        size_t at = skip + (size_t)s * unit;
        if (s >= n_next || ++steps > n_next || at >= base_len) {
            ly_sheet_fail(diags, DAMAGED "the %s's sectors %s: " EXPECTED, what,
                 s >= n_next || at >= base_len ? "run past the end of the file" : "run in a circle");
            free(out.p);
            return NULL;
        }
        size_t len = base_len - at < unit ? base_len - at : unit;
        ly_tbuf_put(&out, (const char *)base + at, want - out.n < len ? want - out.n : len);
    }
    if (out.fail || (want != SIZE_MAX && out.n < want)) {
        ly_sheet_fail(diags, out.fail ? "the workbook's %s is too large to read (over 64 MiB) or memory ran out"
                             : DAMAGED "its %s is cut short: " EXPECTED, what);
        free(out.p);
        return NULL;
    }
    *got = out.n;
    return out.p ? (unsigned char *)out.p : calloc(1, 1);
}

/* The compound file's table of sectors (its FAT), from the sectors the header and the
 * DIFAT chain list. NULL after an error. */
static uint32_t *fat_of(const unsigned char *b, size_t n, size_t unit, size_t *n_fat,
                        ly_diag_list *diags)
{
    size_t count = ly_le32(b + 44), per = unit / 4;
    if (count == 0 || count > n / unit + 1) {
        ly_sheet_fail(diags, DAMAGED "its header lists %zu sectors of its table: " EXPECTED, count);
        return NULL;
    }
    uint32_t *fat = malloc(count * unit);
    if (!fat) {
        ly_sheet_fail(diags, "out of memory reading the workbook");
        return NULL;
    }
    uint32_t difat = ly_le32(b + 68);
    size_t k = 0, steps = 0;
    const unsigned char *list = b + 76;
    size_t in_list = 109;
    for (size_t i = 0; k < count; i++) {
        if (i == in_list) { /* the header's list is used up: the next DIFAT sector's */
            size_t at = ((size_t)difat + 1) * unit;
            if (difat >= 0xFFFFFFFA || at > n || n - at < unit || ++steps > n / unit) {
                ly_sheet_fail(diags, DAMAGED "its table of sectors is cut short: " EXPECTED);
                free(fat);
                return NULL;
            }
            list = b + at;
            in_list = per - 1;
            difat = ly_le32(list + 4 * in_list);
            i = 0;
        }
        uint32_t s = ly_le32(list + 4 * i);
        size_t at = ((size_t)s + 1) * unit;
        if (s >= 0xFFFFFFFA || at > n || n - at < unit) {
            ly_sheet_fail(diags, DAMAGED "a sector of its table (%u) is past the end of the file: " EXPECTED, s);
            free(fat);
            return NULL;
        }
        for (size_t j = 0; j < per; j++)
            fat[k * per + j] = ly_le32(b + at + 4 * j);
        k++;
    }
    *n_fat = count * per;
    return fat;
}

/* Whether directory entry e's name is `name` (ASCII, any case). */
static bool entry_is(const unsigned char *e, const char *name)
{
    size_t len = ly_le16(e + 64), n = strlen(name);
    if (len != 2 * (n + 1))
        return false;
    for (size_t i = 0; i < n; i++) {
        uint32_t c = ly_le16(e + 2 * i);
        if (c >= 128 || (c | 32) != ((unsigned char)name[i] | 32))
            return false;
    }
    return true;
}

/* The stream "Workbook" of a compound file (malloc'd), or NULL after an error. */
static unsigned char *workbook_stream(const unsigned char *b, size_t n, size_t *len,
                                      ly_diag_list *diags)
{
    unsigned shift = n >= 512 ? ly_le16(b + 30) : 0;
    if (n < 512 || ly_le16(b + 28) != 0xFFFE || (shift != 9 && shift != 12) || ly_le16(b + 32) != 6) {
        ly_sheet_fail(diags, DAMAGED "its header is not a compound file's: " EXPECTED);
        return NULL;
    }
    size_t unit = (size_t)1 << shift, n_fat = 0, dir_len = 0, mini_len = 0, mf_len = 0;
    uint32_t *fat = fat_of(b, n, unit, &n_fat, diags);
    unsigned char *dir = NULL, *mini = NULL, *minifat = NULL, *out = NULL;
    if (fat)
        dir = chain(fat, n_fat, ly_le32(b + 48), b, n, unit, unit, SIZE_MAX, "directory", &dir_len, diags);
    if (!dir)
        goto done;
    const unsigned char *wb = NULL, *root = dir_len >= 128 ? dir : NULL;
    bool encrypted = false, biff5 = false;
    for (size_t at = 0; at + 128 <= dir_len; at += 128) {
        const unsigned char *e = dir + at;
        if (e[66] == 2 && !wb && entry_is(e, "Workbook"))
            wb = e;
        biff5 |= e[66] == 2 && entry_is(e, "Book");
        encrypted |= e[66] == 2 && entry_is(e, "EncryptedPackage");
    }
    if (!wb) {
        ly_sheet_fail(diags, encrypted ? "the workbook has a password (it is encrypted): expected it saved "
                                "without one, as .xlsx, .xls or CSV"
             : biff5 ? "the workbook is an Excel 5.0/95 workbook, which louyu does not read: "
                       "expected it saved as an Excel 97-2003 workbook (.xls), .xlsx or CSV"
                     : "the file is a compound document with no workbook in it (a Word or "
                       "other Office file?): expected a weekly report's sheet (.xls, .xlsx, "
                       ".ods or CSV)");
        goto done;
    }
    size_t size = ly_le32(wb + 120);
    if (size >= ly_le32(b + 56)) {
        out = chain(fat, n_fat, ly_le32(wb + 116), b, n, unit, unit, size, "Workbook stream", len, diags);
        goto done;
    }
    /* a small stream: in 64-byte sectors of the mini stream (the root entry's) */
    mini = chain(fat, n_fat, ly_le32(root + 116), b, n, unit, unit, ly_le32(root + 120), "mini stream",
                 &mini_len, diags);
    if (mini)
        minifat = chain(fat, n_fat, ly_le32(b + 60), b, n, unit, unit, SIZE_MAX, "mini stream's table",
                        &mf_len, diags);
    if (minifat) {
        uint32_t *next = malloc(mf_len / 4 * sizeof *next + 1);
        if (next) {
            for (size_t i = 0; i < mf_len / 4; i++)
                next[i] = ly_le32(minifat + 4 * i);
            out = chain(next, mf_len / 4, ly_le32(wb + 116), mini, mini_len, 64, 0, size,
                        "Workbook stream", len, diags);
            free(next);
        } else {
            ly_sheet_fail(diags, "out of memory reading the workbook");
        }
    }
done:
    free(fat);
    free(dir);
    free(mini);
    free(minifat);
    return out;
}

/* ---- BIFF records ------------------------------------------------------------------ */

/* A record with its CONTINUE records: its data in segments, and a cursor over them. */
typedef struct {
    struct segment {
        const unsigned char *p;
        size_t len;
    } *seg;
    size_t n, cap;
    size_t i, at; /* the cursor: segment i, byte at */
    bool bad;     /* read past its end */
    bool nomem;
} record;

/* The record at *pos of the stream (w, n) and its CONTINUE records; its type, or -1 at the
 * stream's end or where a record runs past it. */
static int next_record(const unsigned char *w, size_t n, size_t *pos, record *r)
{
    r->n = r->i = r->at = 0;
    r->bad = false;
    if (*pos + 4 > n)
        return -1;
    int type = (int)ly_le16(w + *pos);
    for (bool first = true;; first = false) {
        size_t len = ly_le16(w + *pos + 2);
        if (*pos + 4 + len > n)
            return first ? -1 : type; /* a CONTINUE cut short: the record as far as it goes */
        if (ly_array_reserve((void **)&r->seg, &r->cap, r->n + 1, sizeof *r->seg)) {
            r->nomem = true;
            return -1;
        }
        r->seg[r->n++] = (struct segment){w + *pos + 4, len};
        *pos += 4 + len;
        if (*pos + 4 > n || ly_le16(w + *pos) != R_CONTINUE)
            return type;
    }
}

/* n bytes at the cursor (across segments) into out (NULL: skipped). */
static void take(record *r, unsigned char *out, size_t n)
{
    while (n > 0) {
        if (r->i >= r->n) {
            r->bad = true;
            if (out)
                memset(out, 0, n);
            return;
        }
        size_t k = r->seg[r->i].len - r->at < n ? r->seg[r->i].len - r->at : n;
        if (out) {
            memcpy(out, r->seg[r->i].p + r->at, k);
            out += k;
        }
        r->at += k;
        n -= k;
        if (r->at == r->seg[r->i].len && n > 0) {
            r->i++;
            r->at = 0;
        }
    }
}

static uint32_t take16(record *r)
{
    unsigned char b[2];
    take(r, b, 2);
    return ly_le16(b);
}

static uint32_t take32(record *r)
{
    unsigned char b[4];
    take(r, b, 4);
    return ly_le32(b);
}

/* One UTF-16 code unit (or a Latin-1 byte) as UTF-8; *high: a first half of a pair. */
static void put_unit(ly_tbuf *t, uint32_t c, uint32_t *high)
{
    if (c >= 0xD800 && c < 0xDC00) {
        *high = c;
        return;
    }
    if (c >= 0xDC00 && c < 0xE000 && *high)
        c = 0x10000 + ((*high - 0xD800) << 10) + (c - 0xDC00);
    else if (c >= 0xDC00 && c < 0xE000)
        c = 0xFFFD;
    *high = 0;
    char u[4];
    size_t n;
    if (c == 0)
        return; /* a NUL ends no cell's text */
    if (c < 0x80) {
        u[0] = (char)c;
        n = 1;
    } else if (c < 0x800) {
        u[0] = (char)(0xC0 | c >> 6);
        u[1] = (char)(0x80 | (c & 0x3F));
        n = 2;
    } else if (c < 0x10000) {
        u[0] = (char)(0xE0 | c >> 12);
        u[1] = (char)(0x80 | ((c >> 6) & 0x3F));
        u[2] = (char)(0x80 | (c & 0x3F));
        n = 3;
    } else {
        u[0] = (char)(0xF0 | c >> 18);
        u[1] = (char)(0x80 | ((c >> 12) & 0x3F));
        u[2] = (char)(0x80 | ((c >> 6) & 0x3F));
        u[3] = (char)(0x80 | (c & 0x3F));
        n = 4;
    }
    ly_tbuf_put(t, u, n);
}

/* cch characters at the cursor as UTF-8 into t (NUL-terminated there); wide: two bytes
 * each. Where a CONTINUE record cuts them, its first byte says again whether wide. */
static void take_chars(record *r, size_t cch, bool wide, ly_tbuf *t)
{
    uint32_t high = 0;
    while (cch > 0 && !r->bad) {
        if (r->i < r->n && r->at == r->seg[r->i].len) {
            if (r->i + 1 >= r->n) {
                r->bad = true;
                break;
            }
            r->i++;
            r->at = 0;
            unsigned char flags;
            take(r, &flags, 1);
            wide = flags & 1;
        }
        if (r->i >= r->n) {
            r->bad = true;
            break;
        }
        size_t avail = (r->seg[r->i].len - r->at) / (wide ? 2 : 1);
        size_t k = avail < cch ? avail : cch;
        if (!k) { /* half a wide character before the cut */
            r->bad = true;
            break;
        }
        const unsigned char *p = r->seg[r->i].p + r->at;
        for (size_t j = 0; j < k; j++)
            put_unit(t, wide ? ly_le16(p + 2 * j) : p[j], &high);
        r->at += k * (wide ? 2 : 1);
        cch -= k;
    }
}

/* The bytes left in the record from the cursor. */
static size_t left(const record *r)
{
    size_t n = 0;
    for (size_t i = r->i; i < r->n; i++)
        n += r->seg[i].len - (i == r->i ? r->at : 0);
    return n;
}

/* A string (its length in characters, its flags, its characters) at the cursor into t;
 * rich text runs and East Asian phonetic data after it skipped (a shared string's). */
static void take_string(record *r, ly_tbuf *t)
{
    size_t cch = take16(r);
    unsigned char flags;
    take(r, &flags, 1);
    size_t runs = flags & 8 ? take16(r) : 0, ext = flags & 4 ? take32(r) : 0;
    take_chars(r, cch, flags & 1, t);
    take(r, NULL, 4 * runs);
    take(r, NULL, ext);
}

/* ---- the workbook ------------------------------------------------------------------ */

typedef struct {
    uint32_t row, col, seq;
    size_t at; /* its text in cells_text */
} cell;

typedef struct {
    ly_tbuf strings; /* the shared strings, each NUL-terminated */
    size_t *string_at, n_strings, cap_strings;
    uint32_t *xf_fmt; /* each cell format's number format */
    size_t n_xf, cap_xf;
    struct fmt {
        uint32_t id;
        uint8_t shown; /* ly_sheet_shown */
    } *fmts;
    size_t n_fmts, cap_fmts;
    bool date1904, encrypted, nomem;
    long sheet_at;        /* the first visible worksheet's BOF in the stream; -1: none */
    long hidden_sheet_at; /* the first hidden one's, read when every worksheet is hidden */
    ly_tbuf text, scratch; /* the cells' texts; one string as read */
    cell *cells;
    size_t n_cells, cap_cells;
    record r;
    ly_csv_merges *merges; /* the sheet's cells merged over rows go here */
} xbook;

/* A string at the cursor, in the scratch text. */
static const char *scratch_string(xbook *b)
{
    b->scratch.n = 0;
    if (b->scratch.p)
        b->scratch.p[0] = '\0';
    take_string(&b->r, &b->scratch);
    return b->scratch.p ? b->scratch.p : "";
}

static ly_sheet_shown xf_shown(const xbook *b, uint32_t xf)
{
    if (xf >= b->n_xf)
        return LY_SHOWN_NUMBER;
    uint32_t id = b->xf_fmt[xf];
    for (size_t i = 0; i < b->n_fmts; i++)
        if (b->fmts[i].id == id)
            return (ly_sheet_shown)b->fmts[i].shown;
    return ly_sheet_builtin_shown((int)id);
}

static void add_cell(xbook *b, uint32_t row, uint32_t col, const char *s)
{
    if (!*s || row >= MAX_ROWS || col >= MAX_COLS)
        return; /* an empty cell (a format alone) */
    if (ly_array_reserve((void **)&b->cells, &b->cap_cells, b->n_cells + 1, sizeof *b->cells)) {
        b->nomem = true;
        return;
    }
    b->cells[b->n_cells] = (cell){row, col, (uint32_t)b->n_cells, b->text.n};
    b->n_cells++;
    ly_tbuf_put(&b->text, s, strlen(s) + 1);
}

static void number_cell(xbook *b, uint32_t row, uint32_t col, uint32_t xf, double x)
{
    char buf[64];
    if (!isfinite(x))
        return;
    ly_sheet_show_number(xf_shown(b, xf), x, b->date1904, buf, sizeof buf);
    add_cell(b, row, col, buf);
}

/* An RK number: 30 bits of a whole number or of a double's top, maybe in hundredths. */
static double rk_value(uint32_t rk)
{
    double x;
    if (rk & 2) {
        x = (double)((int32_t)rk >> 2);
    } else {
        uint64_t v = (uint64_t)(rk & 0xFFFFFFFCu) << 32;
        memcpy(&x, &v, sizeof x);
    }
    return rk & 1 ? x / 100 : x;
}

static const char *error_code(unsigned e)
{
    switch (e) {
    case 0x00: return "#NULL!";
    case 0x07: return "#DIV/0!";
    case 0x0F: return "#VALUE!";
    case 0x17: return "#REF!";
    case 0x1D: return "#NAME?";
    case 0x24: return "#NUM!";
    case 0x2A: return "#N/A";
    default: return "#ERROR";
    }
}

/* The globals' records that matter: false after an error said in diags. */
static bool global_record(xbook *b, int type, ly_diag_list *diags)
{
    record *r = &b->r;
    if (type == R_FILEPASS) {
        b->encrypted = true;
    } else if (type == R_DATEMODE) {
        b->date1904 = take16(r) == 1;
    } else if (type == R_FORMAT) {
        uint32_t id = take16(r);
        const char *code = scratch_string(b);
        if (ly_array_reserve((void **)&b->fmts, &b->cap_fmts, b->n_fmts + 1, sizeof *b->fmts)) {
            b->nomem = true;
            return true;
        }
        b->fmts[b->n_fmts++] = (struct fmt){id, (uint8_t)ly_sheet_code_shown(code)};
    } else if (type == R_XF) {
        take16(r);
        if (ly_array_reserve((void **)&b->xf_fmt, &b->cap_xf, b->n_xf + 1, sizeof *b->xf_fmt)) {
            b->nomem = true;
            return true;
        }
        b->xf_fmt[b->n_xf++] = take16(r);
    } else if (type == R_SST) {
        take32(r);
        size_t unique = take32(r);
        for (size_t i = 0; i < unique && !r->bad && !b->strings.fail; i++) {
            if (ly_array_reserve((void **)&b->string_at, &b->cap_strings, b->n_strings + 1,
                                 sizeof *b->string_at)) {
                b->nomem = true;
                return true;
            }
            b->string_at[b->n_strings++] = b->strings.n;
            take_string(r, &b->strings);
            ly_tbuf_put(&b->strings, "", 1); /* its NUL */
        }
        if (r->bad) {
            ly_sheet_fail(diags, DAMAGED "its shared strings end before the %zu they count: " EXPECTED, unique);
            return false;
        }
    } else if (type == R_BOUNDSHEET && b->sheet_at < 0) {
        uint32_t at = take32(r);
        unsigned char kind[2]; /* hidden (1, or 2: very hidden), and the sheet's type */
        take(r, kind, 2);
        if (!r->bad && kind[1] == 0 && (kind[0] & 3) == 0) /* a visible worksheet */
            b->sheet_at = at;
        else if (!r->bad && kind[1] == 0 && b->hidden_sheet_at < 0) /* (a template's lists) */
            b->hidden_sheet_at = at;
    }
    return true;
}

/* One of the sheet's records; *formula: a formula's cell whose text the next STRING
 * record holds (row, col; row MAX_ROWS when none). */
static void sheet_record(xbook *b, int type, uint32_t formula[2])
{
    record *r = &b->r;
    unsigned char h[6];
    if (type == R_STRING) {
        if (formula[0] < MAX_ROWS)
            add_cell(b, formula[0], formula[1], scratch_string(b));
        formula[0] = MAX_ROWS;
        return;
    }
    if (type == R_MERGEDCELLS) { /* ranges: first and last row, first and last column */
        uint32_t n = take16(r);
        for (uint32_t i = 0; i < n && !r->bad; i++) {
            uint32_t r0 = take16(r), r1 = take16(r), c0 = take16(r), c1 = take16(r);
            if (!r->bad)
                ly_sheet_merge(b->merges, (long)r0 + 1, (long)r1 + 1, c0, c1);
        }
        return;
    }
    if (type != R_LABELSST && type != R_LABEL && type != R_RSTRING && type != R_NUMBER &&
        type != R_RK && type != R_MULRK && type != R_BOOLERR && type != R_FORMULA)
        return;
    take(r, h, 6);
    uint32_t row = ly_le16(h), col = ly_le16(h + 2), xf = ly_le16(h + 4);
    if (r->bad)
        return;
    if (type == R_LABELSST) {
        uint32_t i = take32(r);
        if (!r->bad && i < b->n_strings)
            add_cell(b, row, col, b->strings.p + b->string_at[i]);
    } else if (type == R_LABEL || type == R_RSTRING) {
        add_cell(b, row, col, scratch_string(b));
    } else if (type == R_NUMBER) {
        unsigned char v[8];
        take(r, v, 8);
        if (!r->bad)
            number_cell(b, row, col, xf, f64(v));
    } else if (type == R_RK) {
        uint32_t rk = take32(r);
        if (!r->bad)
            number_cell(b, row, col, xf, rk_value(rk));
    } else if (type == R_MULRK) { /* each cell's format and RK (six bytes), the last column */
        for (uint32_t c = col;; c++) {
            uint32_t rk = take32(r);
            if (r->bad)
                break;
            number_cell(b, row, c, xf, rk_value(rk));
            xf = take16(r);
            if (r->bad || left(r) < 4)
                break; /* (what was read was the last column's number) */
        }
    } else if (type == R_BOOLERR) {
        unsigned char v[2];
        take(r, v, 2);
        if (!r->bad)
            add_cell(b, row, col, v[1] ? error_code(v[0]) : v[0] ? "TRUE" : "FALSE");
    } else { /* a formula: its cached result */
        unsigned char v[8];
        take(r, v, 8);
        if (r->bad)
            return;
        if (ly_le16(v + 6) != 0xFFFF)
            number_cell(b, row, col, xf, f64(v));
        else if (v[0] == 0) { /* text: in the STRING record that follows */
            formula[0] = row;
            formula[1] = col;
        } else if (v[0] == 1)
            add_cell(b, row, col, v[2] ? "TRUE" : "FALSE");
        else if (v[0] == 2)
            add_cell(b, row, col, error_code(v[2]));
    }
}

static int by_place(const void *x, const void *y)
{
    const cell *a = x, *c = y;
    if (a->row != c->row)
        return a->row < c->row ? -1 : 1;
    if (a->col != c->col)
        return a->col < c->col ? -1 : 1;
    return a->seq < c->seq ? -1 : a->seq > c->seq;
}

/* The cells as CSV text: one line per row from row 1, one field per column from A (a
 * cell given twice: the later). */
static void write_csv(xbook *b, ly_tbuf *out)
{
    if (b->n_cells)
        qsort(b->cells, b->n_cells, sizeof *b->cells, by_place);
    uint32_t row = 0;
    long col = 0;
    for (size_t i = 0; i < b->n_cells && !out->fail; i++) {
        const cell *c = &b->cells[i];
        if (i + 1 < b->n_cells && b->cells[i + 1].row == c->row && b->cells[i + 1].col == c->col)
            continue;
        for (; row < c->row + 1; row++, col = 0)
            if (row)
                ly_tbuf_put(out, "\n", 1);
        ly_sheet_field(out, &col, c->col, b->text.p + c->at);
    }
    if (row)
        ly_tbuf_put(out, "\n", 1);
}

/* The globals, then the first worksheet's cells: false after an error said in diags. */
static bool read_book(xbook *b, const unsigned char *w, size_t n, ly_diag_list *diags)
{
    size_t pos = 0;
    int type = next_record(w, n, &pos, &b->r);
    uint32_t vers = b->r.n && b->r.seg[0].len >= 4 ? ly_le16(b->r.seg[0].p) : 0;
    if (type != R_BOF || vers != 0x0600) {
        ly_sheet_fail(diags, type == R_BOF || (n >= 2 && (ly_le16(w) == 0x0209 || ly_le16(w) == 0x0409))
                        ? "the workbook is from Excel 95 or before (BIFF%s), which louyu does not "
                          "read: expected it saved as an Excel 97-2003 workbook (.xls), .xlsx or CSV"
                        : DAMAGED "its Workbook stream does not begin as a workbook's%s: " EXPECTED,
             vers == 0x0500 ? "5" : "");
        return false;
    }
    b->sheet_at = b->hidden_sheet_at = -1;
    while ((type = next_record(w, n, &pos, &b->r)) >= 0 && type != R_EOF)
        if (!global_record(b, type, diags))
            return false;
    if (b->encrypted) {
        ly_sheet_fail(diags, "the workbook has a password (it is encrypted): expected it saved without one, "
             "as .xls, .xlsx or CSV");
        return false;
    }
    if (b->sheet_at < 0)
        b->sheet_at = b->hidden_sheet_at;
    if (b->sheet_at < 0 || (size_t)b->sheet_at >= n) {
        ly_sheet_fail(diags, b->sheet_at < 0 ? "the workbook has no worksheet: expected a weekly report's sheet"
                                    : DAMAGED "its first worksheet is past the end of its stream: " EXPECTED);
        return false;
    }
    pos = (size_t)b->sheet_at;
    if (next_record(w, n, &pos, &b->r) != R_BOF) {
        ly_sheet_fail(diags, DAMAGED "no sheet begins where it says its first worksheet is: " EXPECTED);
        return false;
    }
    uint32_t formula[2] = {MAX_ROWS, 0};
    int depth = 1; /* a chart within the sheet is a stream of its own, BOF to EOF */
    while (depth > 0 && (type = next_record(w, n, &pos, &b->r)) >= 0) {
        depth += type == R_BOF ? 1 : type == R_EOF ? -1 : 0;
        if (depth == 1 && type != R_EOF)
            sheet_record(b, type, formula);
    }
    return true;
}

int ly_xls_text(const char *bytes, size_t len, char **text, size_t *text_len, ly_diag_list *diags,
                ly_csv_merges *merges)
{
    size_t n = 0;
    unsigned char *w = workbook_stream((const unsigned char *)bytes, len, &n, diags);
    if (!w)
        return -1;
    xbook b = {.merges = merges};
    ly_tbuf out = {0};
    bool ok = read_book(&b, w, n, diags);
    if (ok)
        write_csv(&b, &out);
    if (ok && (b.nomem || b.r.nomem || b.strings.fail || b.text.fail || b.scratch.fail || out.fail)) {
        ly_sheet_fail(diags, "the workbook's first sheet is too large to read (over 64 MiB as text) or "
             "memory ran out: expected a weekly report");
        ok = false;
    }
    free(w);
    free(b.strings.p);
    free(b.string_at);
    free(b.xf_fmt);
    free(b.fmts);
    free(b.text.p);
    free(b.scratch.p);
    free(b.cells);
    free(b.r.seg);
    return ly_sheet_finish(&out, ok, text, text_len);
}
