/* louyu csv: a spreadsheet's CSV as it is really saved.
 *
 * Excel, WPS and LibreOffice save CSV as UTF-8 (often with a byte-order mark) or,
 * on Chinese Windows, as GB18030/GBK; "Unicode Text" as UTF-16 with tabs between the
 * fields; a European locale's CSV with semicolons; with CR LF, LF or (old Macs) lone
 * CR line ends; with quoted fields that hold delimiters, doubled quotes and line
 * breaks; with trailing empty columns and blank rows. ly_csv_parse takes those bytes
 * as they are, decodes them to UTF-8 and splits the text into rows and fields by RFC
 * 4180, the delimiter being the one of comma, tab and semicolon that the first line
 * holds most of outside quotes (a comma on a tie, or when it has none), lenient where
 * spreadsheets are (a quote inside an unquoted field is kept; rows may differ in
 * length). It does not trim, skip blank rows or read headers: the
 * caller decides what the columns mean.
 *
 * Ownership: the ly_csv owns its text, rows, fields and every value string; the
 * caller owns the struct and releases it with ly_csv_free. Errors: one diagnostic
 * whose line and column (from 1; the column counts characters; LF, CR LF and a lone
 * CR each end a line) are those of the decoded text, which is what the user sees in
 * an editor whatever the encoding. Its offset is a byte offset in the decoded text,
 * except for an encoding error, whose offset is in the raw bytes.
 * Only libc and iconv: no GL, no SDL. */
#ifndef LOUYU_CSV_H
#define LOUYU_CSV_H

#include "louyu/diag.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Limits that protect memory; a larger input is an error, not a crash. */
enum {
    LY_CSV_MAX_BYTES = 64 * 1024 * 1024, /* raw bytes of one CSV */
    LY_CSV_MAX_ROWS = 1000000,
    LY_CSV_MAX_FIELDS = 10000 /* per row */
};

/* UTF16: little- or big-endian after its byte-order mark (Excel's "Unicode Text") */
/* XLSX: a workbook's first sheet (xlsx.h), its rows and columns as the text's lines and fields */
typedef enum {
    LY_CSV_UTF8,
    LY_CSV_UTF8_BOM,
    LY_CSV_GB18030,
    LY_CSV_UTF16,
    LY_CSV_XLSX
} ly_csv_encoding;

typedef struct {
    /* the field's text, UTF-8, quotes undone, NUL-terminated (owned by the ly_csv) */
    const char *value;
    /* byte offset of the field's first character in ly_csv.text (the opening
     * quote for a quoted field) */
    size_t offset;
} ly_csv_field;

typedef struct {
    ly_csv_field *fields; /* into ly_csv storage */
    size_t n_fields;
    size_t offset;        /* byte offset of the row's start in ly_csv.text */
    int line;             /* the text's line it starts on (from 1): a workbook's, its sheet's row */
} ly_csv_row;

/* Cells of a workbook merged over more than one row: rows from 1 (row r is the CSV's record
 * r - 1), columns from 0. The merged cell's text is in its first row and column only. */
typedef struct {
    uint32_t row0, row1, col0, col1;
} ly_csv_merge;

typedef struct {
    ly_csv_merge *at;
    size_t n, cap;
} ly_csv_merges;

typedef struct {
    ly_csv_encoding encoding; /* what the bytes were */
    bool crlf;                /* lines ended with CR LF (the first line end outside quotes) */
    char delimiter;           /* between fields: ',', '\t' or ';' */
    char *text;               /* the whole input decoded to UTF-8 (BOM removed), NUL-terminated */
    size_t len;
    ly_csv_row *rows;
    size_t n_rows;
    ly_csv_merges merges; /* a workbook's cells merged over rows (none for a CSV) */
    /* private: the storage rows and fields point into; touch only through ly_csv_free */
    char *store;              /* every value, each NUL-terminated, one after another */
    ly_csv_field *all_fields; /* every row's fields, in order */
    size_t n_all_fields, cap_fields, cap_rows;
} ly_csv;

/* Decodes and parses bytes. *out is overwritten (it need not be zeroed). A workbook's blank
 * rows are no records (its rows keep their sheet's numbers in `line`): a stray cell in the
 * sheet's last row does not make a million empty records.
 * Returns 0, or -1 with one error in diags (and *out freed/zeroed). */
int ly_csv_parse(ly_csv *out, const char *bytes, size_t len, ly_diag_list *diags);
/* Reads a file (through ly_file_read, max 64 MiB) and parses it. Same return. */
int ly_csv_read(ly_csv *out, const char *path, ly_diag_list *diags);
/* Frees everything; accepts NULL or a zeroed ly_csv and leaves it zeroed. */
void ly_csv_free(ly_csv *c);

/* For a workbook (encoding LY_CSV_XLSX): diagnostics [from, count) with a position in the
 * text get their cell's row and column (from 1; C is 3) as their line and column, and their
 * message starts with the cell ("cell C7: "). Does nothing for a CSV. */
void ly_csv_cells(const ly_csv *c, ly_diag_list *diags, size_t from);

/* True when every field of the row is empty or only spaces/tabs (a blank
 * spreadsheet row, e.g. ",,,,"). */
bool ly_csv_row_blank(const ly_csv_row *row);
/* The length of the white space a cell shows as nothing at s (ly_csv_trim's: an ASCII space,
 * tab or line break, a no-break or an ideographic space); 0 when there is none. */
size_t ly_csv_space(const char *s);
/* Trims every field of the white space a spreadsheet's cell shows as nothing: ASCII spaces,
 * tabs and line breaks, no-break and ideographic spaces (a cell typed "1200" then Alt+Enter,
 * a name pasted with a trailing 　). Offsets stay those of the fields' starts. */
void ly_csv_trim(ly_csv *c);

/* The UTF-8 text re-encoded as enc (UTF-8, UTF-8 with a BOM, GB18030, or UTF-16 little-endian
 * with its BOM), malloc'd
 * and NUL-terminated; *out_len (when not NULL) its length without the NUL. NULL
 * when the input is not valid UTF-8, a character cannot be encoded, or out of
 * memory. For tests and for writing files a spreadsheet opens as it was. */
char *ly_csv_encode(const char *utf8, size_t len, ly_csv_encoding enc, size_t *out_len);

/* GB18030 bytes (GBK and GB2312 are subsets) decoded to UTF-8 into *out (malloc'd,
 * NUL-terminated, *out_len long): what CSV reading does with a file that is not UTF-8,
 * and the GeoJSON loader too. Returns 0; else -1 (*out NULL) when a byte is not GB18030,
 * when this system's iconv has no GB18030 (the browser's) or memory ran out. */
int ly_gb18030_to_utf8(const char *in, size_t len, char **out, size_t *out_len);
/* The same from any encoding iconv knows by that name ("CP950", "BIG5", "CP1251"). */
int ly_iconv_to_utf8(const char *from, const char *in, size_t len, char **out, size_t *out_len);
/* The offset of the first byte that is not well-formed UTF-8 (an overlong form, a
 * surrogate, above U+10FFFF, a stray or missing continuation byte), or len. */
size_t ly_utf8_invalid_at(const unsigned char *s, size_t len);

#endif
