/* ly_csv: spreadsheets' CSV as they are saved (UTF-8 with and without a BOM,
 * GB18030, CR LF / LF / CR, quoted fields), and errors at exact line:col. */
#include "check.h"
#include "louyu/csv.h"
#include "louyu/xlsx.h"

#include <stdint.h>
#include <unistd.h>

static int parse(ly_csv *c, const char *text, ly_diag_list *d)
{
    return ly_csv_parse(c, text, strlen(text), d);
}

/* Parses bytes that must fail with exactly one error at offset, line and col. */
static void expect_error_n(const char *bytes, size_t len, size_t offset, int line, int col,
                           const char *msg_start)
{
    ly_diag_list d;
    ly_diag_list_init(&d, "t.csv");
    ly_csv c;
    int rc = ly_csv_parse(&c, bytes, len, &d);
    CHECK_INT(rc, -1);
    CHECK_INT(d.count, 1);
    CHECK_INT(d.errors, 1);
    CHECK(c.text == NULL && c.rows == NULL && c.n_rows == 0 && c.store == NULL);
    if (d.count == 1) {
        const ly_diag *e = &d.items[0];
        if (e->offset != offset || e->line != line || e->col != col)
            fprintf(stderr, "  %s: offset %zu line %d col %d\n", e->message, e->offset, e->line,
                    e->col);
        CHECK_INT(e->offset, offset);
        CHECK_INT(e->line, line);
        CHECK_INT(e->col, col);
        if (strncmp(e->message, msg_start, strlen(msg_start)) != 0)
            fprintf(stderr, "  message: %s\n  expected to start with: %s\n", e->message,
                    msg_start);
        CHECK(strncmp(e->message, msg_start, strlen(msg_start)) == 0);
    }
    ly_diag_list_deinit(&d);
}

static void expect_error(const char *text, size_t offset, int line, int col, const char *msg)
{
    expect_error_n(text, strlen(text), offset, line, col, msg);
}

static const char *val(const ly_csv *c, size_t r, size_t f)
{
    if (r >= c->n_rows || f >= c->rows[r].n_fields)
        return NULL;
    return c->rows[r].fields[f].value;
}

static void test_utf8(void)
{
    ly_diag_list d;
    ly_diag_list_init(&d, "t.csv");
    ly_csv c;
    CHECK_INT(parse(&c, "name,height\n湛山大厦,45.5\n", &d), 0);
    CHECK_INT(c.encoding, LY_CSV_UTF8);
    CHECK(!c.crlf);
    CHECK_INT(c.n_rows, 2);
    CHECK_STR(val(&c, 0, 0), "name");
    CHECK_STR(val(&c, 0, 1), "height");
    CHECK_STR(val(&c, 1, 0), "湛山大厦");
    CHECK_STR(val(&c, 1, 1), "45.5");
    CHECK_INT(c.rows[1].offset, 12);
    CHECK_INT(c.rows[1].fields[0].offset, 12);
    CHECK_INT(c.rows[1].fields[1].offset, 12 + 12 + 1);
    CHECK_STR(c.text, "name,height\n湛山大厦,45.5\n");
    CHECK_INT(c.len, strlen(c.text));
    CHECK_INT(d.count, 0);
    ly_csv_free(&c);
    CHECK(c.text == NULL && c.rows == NULL && c.n_rows == 0);
    ly_csv_free(&c); /* a zeroed one is fine, twice */
    ly_csv_free(NULL);

    /* a quote inside an unquoted field is kept, and spaces are not trimmed */
    CHECK_INT(parse(&c, "ab\"c, d \"e\" ,\"\"\n", &d), 0);
    CHECK_INT(c.rows[0].n_fields, 3);
    CHECK_STR(val(&c, 0, 0), "ab\"c");
    CHECK_STR(val(&c, 0, 1), " d \"e\" ");
    CHECK_STR(val(&c, 0, 2), "");
    CHECK_INT(c.rows[0].fields[2].offset, 13);
    ly_csv_free(&c);
    ly_diag_list_deinit(&d);
}

static void test_bom(void)
{
    ly_diag_list d;
    ly_diag_list_init(&d, "t.csv");
    ly_csv c;
    CHECK_INT(parse(&c, "\xEF\xBB\xBF" "a,b\nc,d", &d), 0);
    CHECK_INT(c.encoding, LY_CSV_UTF8_BOM);
    CHECK_STR(c.text, "a,b\nc,d");
    CHECK_INT(c.len, 7);
    CHECK_INT(c.n_rows, 2);
    CHECK_INT(c.rows[0].offset, 0);
    CHECK_INT(c.rows[0].fields[1].offset, 2);
    CHECK_INT(c.rows[1].offset, 4);
    CHECK_INT(c.rows[1].fields[1].offset, 6);
    CHECK_STR(val(&c, 1, 1), "d");
    ly_csv_free(&c);
    /* a BOM alone: no rows */
    CHECK_INT(parse(&c, "\xEF\xBB\xBF", &d), 0);
    CHECK_INT(c.encoding, LY_CSV_UTF8_BOM);
    CHECK_INT(c.n_rows, 0);
    CHECK_INT(c.len, 0);
    ly_csv_free(&c);
    CHECK_INT(d.count, 0);
    ly_diag_list_deinit(&d);

    /* positions are in the text after the BOM; the BOM is not a column */
    expect_error("\xEF\xBB\xBF" "a,\"b\"x\n", 5, 1, 6, "unexpected text after a closing quote");
    /* a BOM promises UTF-8: invalid UTF-8 after it is an error at its raw offset */
    expect_error("\xEF\xBB\xBF" "ab\xC0\xAF", 5, 1, 3, "byte 0xC0 is not UTF-8");
    /* a ZIP archive is read as a workbook (.xlsx or .ods; tests/test_reports.sh reads real
     * ones): these are cut short (an OpenDocument sheet's first bytes, its mimetype, alone) */
    expect_error_n("PK\x03\x04\x14\0\x06\0", 8, SIZE_MAX, 0, 0,
                   "the workbook is not a readable ZIP archive (no central directory)");
    static const char ODS[] = "PK\x03\x04\x14\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\x08\0\0\0"
                              "mimetypeapplication/vnd.oasis.opendocument.spreadsheet";
    expect_error_n(ODS, sizeof ODS - 1, SIZE_MAX, 0, 0,
                   "the workbook is not a readable ZIP archive (no central directory)");
    /* an Excel 97-2003 workbook's compound file, cut short after its signature */
    expect_error_n("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0", 10, SIZE_MAX, 0, 0,
                   "the workbook (.xls) is damaged: its header is not a compound file's");
}

/* Encodes UTF-8 as GB18030 for a test, or NULL. */
static char *gb(const char *utf8, size_t *len)
{
    char *s = ly_csv_encode(utf8, strlen(utf8), LY_CSV_GB18030, len);
    CHECK(s != NULL);
    return s;
}

static void test_gb18030(void)
{
    ly_diag_list d;
    ly_diag_list_init(&d, "t.csv");
    ly_csv c;
    const char *src = "名称,地址,楼层\r\n示例大厦 20号,湛山街道,3\r\n";
    size_t n = 0;
    char *bytes = gb(src, &n);
    CHECK(n < strlen(src)); /* two bytes a character, not three */
    CHECK_INT(ly_csv_parse(&c, bytes, n, &d), 0);
    CHECK_INT(c.encoding, LY_CSV_GB18030);
    CHECK(c.crlf);
    CHECK_STR(c.text, src);
    CHECK_INT(c.n_rows, 2);
    CHECK_STR(val(&c, 0, 2), "楼层");
    CHECK_STR(val(&c, 1, 0), "示例大厦 20号");
    CHECK_STR(val(&c, 1, 1), "湛山街道");
    CHECK_STR(val(&c, 1, 2), "3");
    /* offsets are in the decoded UTF-8 text */
    CHECK_INT(c.rows[1].offset, strstr(src, "示例") - src);
    CHECK_INT(c.rows[1].fields[2].offset, strstr(src, "3\r") - src);
    ly_csv_free(&c);
    free(bytes);
    ly_diag_list_deinit(&d);

    /* an error in the third field after two Chinese ones: the column counts
     * characters (8 + 1 + 4 + 1, then '"', '3', '"'), the offset decoded bytes */
    const char *bad = "名称,地址,楼层\r\n示例大厦 20号,湛山街道,\"3\"x\r\n";
    bytes = gb(bad, &n);
    expect_error_n(bytes, n, (size_t)(strstr(bad, "x") - bad), 2, 18,
                   "unexpected text after a closing quote: "
                   "expected a comma or the end of the line");
    free(bytes);
    /* unterminated in GB18030: at the quote, line 2 column 15 */
    bad = "名称,地址\n示例大厦 20号,湛山街道,\"3\n";
    bytes = gb(bad, &n);
    expect_error_n(bytes, n, (size_t)(strstr(bad, "\"") - bad), 2, 15,
                   "this quoted field is never closed: expected a closing '\"'");
    free(bytes);

    /* a byte that is not GB18030 after GB18030 text: its raw offset, and the column
     * of the characters before it (示, 例, ',') */
    bytes = gb("示例,", &n);
    CHECK_INT(n, 5);
    char raw[8];
    memcpy(raw, bytes, n);
    raw[n] = '\xFF';
    expect_error_n(raw, n + 1, 5, 1, 4, "byte 0xFF is neither UTF-8 nor GB18030");
    free(bytes);
}

/* Excel's "Unicode Text": UTF-16 (either end first, after its mark) with tabs; a European
 * locale's semicolons; the delimiter found from the first line. */
static void test_utf16_and_delimiters(void)
{
    ly_diag_list d;
    ly_diag_list_init(&d, "t.csv");
    ly_csv c;
    const char *text = "week\tbuilding\tnote\r\n2011-W18\t湛山\t\"a,b\tc\"\r\n";
    size_t n;
    char *le = ly_csv_encode(text, strlen(text), LY_CSV_UTF16, &n);
    CHECK(le && (unsigned char)le[0] == 0xFF && (unsigned char)le[1] == 0xFE);
    CHECK_INT(ly_csv_parse(&c, le, n, &d), 0);
    CHECK_INT(c.encoding, LY_CSV_UTF16);
    CHECK_INT(c.delimiter, '\t');
    CHECK_INT(c.n_rows, 2);
    CHECK_STR(val(&c, 1, 1), "湛山");
    CHECK_STR(val(&c, 1, 2), "a,b\tc");
    CHECK(c.crlf);
    ly_csv_free(&c);
    /* big-endian: the same text */
    char *be = malloc(n);
    for (size_t i = 0; le && be && i + 1 < n; i += 2) {
        be[i] = le[i + 1];
        be[i + 1] = le[i];
    }
    CHECK_INT(ly_csv_parse(&c, be, n, &d), 0);
    CHECK_STR(val(&c, 1, 2), "a,b\tc");
    ly_csv_free(&c);
    CHECK_INT(d.count, 0);
    /* a last odd byte; a lone surrogate (D800) in row 2: at its raw offset, and the line and
     * column of the text before it */
    expect_error_n(le, n - 1, n - 2, 3, 1, "the file ends in the middle of a UTF-16 character");
    memcpy(le + 2 + 2 * 20, "\x00\xD8", 2); /* the "2" of 2011-W18 */
    expect_error_n(le, n, 2 + 2 * 20, 2, 1, "bytes 0x00 0xD8 are not UTF-16");
    free(le);
    free(be);

    /* semicolons, a comma inside quotes in the header not counted */
    CHECK_INT(parse(&c, "\"vacant, m2\";floors;rent\n1200,5;3;4.6\n", &d), 0);
    CHECK_INT(c.delimiter, ';');
    CHECK_STR(val(&c, 0, 0), "vacant, m2");
    CHECK_STR(val(&c, 1, 0), "1200,5");
    CHECK_STR(val(&c, 1, 2), "4.6");
    ly_csv_free(&c);
    /* a tie, or none: comma; only the first line with any decides */
    CHECK_INT(parse(&c, "a;b,c\n1;2;3;4\n", &d), 0);
    CHECK_INT(c.delimiter, ',');
    CHECK_STR(val(&c, 1, 0), "1;2;3;4");
    ly_csv_free(&c);
    CHECK_INT(parse(&c, "week\n2011-W18\n", &d), 0);
    CHECK_INT(c.delimiter, ',');
    ly_csv_free(&c);
    /* a title line with none above the header: the header decides (it was split on commas) */
    CHECK_INT(parse(&c, "湛山街道 楼宇空置周报\r\n\r\nweek;building;floors\r\n2011-W18;wtc;3\r\n", &d), 0);
    CHECK_INT(c.delimiter, ';');
    CHECK_STR(val(&c, 3, 1), "wtc");
    ly_csv_free(&c);
    CHECK_INT(d.count, 0);
    /* the message names the delimiter */
    expect_error("a\tb\n\"x\"y\tz\n", 7, 2, 4, "unexpected text after a closing quote: expected a tab");
    expect_error("a;b\n\"x\"y;z\n", 7, 2, 4, "unexpected text after a closing quote: expected a semicolon");
    ly_diag_list_deinit(&d);
}

static void test_line_ends(void)
{
    ly_diag_list d;
    ly_diag_list_init(&d, "t.csv");
    ly_csv c;
    CHECK_INT(parse(&c, "a,b\r\nc,d\r\n", &d), 0);
    CHECK(c.crlf);
    CHECK_INT(c.n_rows, 2);
    CHECK_STR(val(&c, 0, 1), "b");
    CHECK_STR(val(&c, 1, 0), "c");
    CHECK_INT(c.rows[1].offset, 5);
    ly_csv_free(&c);

    /* lone CR (old Mac Excel) */
    CHECK_INT(parse(&c, "a,b\rc,d\r", &d), 0);
    CHECK(!c.crlf);
    CHECK_INT(c.n_rows, 2);
    CHECK_STR(val(&c, 0, 1), "b");
    CHECK_STR(val(&c, 1, 1), "d");
    CHECK_INT(c.rows[1].offset, 4);
    ly_csv_free(&c);

    CHECK_INT(parse(&c, "a\nb\r\nc", &d), 0);
    CHECK(!c.crlf); /* the first line end says */
    CHECK_INT(c.n_rows, 3);
    CHECK_STR(val(&c, 2, 0), "c");
    ly_csv_free(&c);
    CHECK_INT(d.count, 0);
    ly_diag_list_deinit(&d);

    /* a lone CR ends a line for the error's position too */
    expect_error("a\rb\r\"c", 4, 3, 1, "this quoted field is never closed");
    expect_error("a\r\nb\r\n\"c", 6, 3, 1, "this quoted field is never closed");
}

static void test_quoted(void)
{
    ly_diag_list d;
    ly_diag_list_init(&d, "t.csv");
    ly_csv c;
    const char *s = "\"a,b\",\"say \"\"hi\"\"\",\"line1\r\nline2\rline3\nline4\"\r\nx,\"\"\"\"\r\n"
                    "\"last\"";
    CHECK_INT(parse(&c, s, &d), 0);
    CHECK_INT(c.n_rows, 3);
    CHECK_INT(c.rows[0].n_fields, 3);
    CHECK_STR(val(&c, 0, 0), "a,b");
    CHECK_STR(val(&c, 0, 1), "say \"hi\"");
    CHECK_STR(val(&c, 0, 2), "line1\nline2\nline3\nline4");
    CHECK_INT(c.rows[0].fields[1].offset, 6);  /* the opening quote */
    CHECK_INT(c.rows[0].fields[2].offset, 19);
    CHECK(c.crlf); /* newlines inside quotes are not line ends */
    CHECK_INT(c.rows[1].offset, strstr(s, "x,") - s);
    CHECK_STR(val(&c, 1, 0), "x");
    CHECK_STR(val(&c, 1, 1), "\"");
    CHECK_STR(val(&c, 2, 0), "last");
    CHECK_INT(c.rows[2].n_fields, 1);
    ly_csv_free(&c);
    CHECK_INT(d.count, 0);
    ly_diag_list_deinit(&d);

    /* a quoted field never closed: at its opening quote */
    expect_error("a,b\nc,\"d,e\nf\n", 6, 2, 3,
                 "this quoted field is never closed: expected a closing '\"'");
    expect_error("\"", 0, 1, 1, "this quoted field is never closed");
    /* after the closing quote: at the character, columns in characters */
    expect_error("a,\"b\"c,d\n", 5, 1, 6,
                 "unexpected text after a closing quote: "
                 "expected a comma or the end of the line");
    expect_error("a,\"b\" ,d\n", 5, 1, 6, "unexpected text after a closing quote");
    expect_error("x\n\"湛山\"街道\n", 10, 2, 5, "unexpected text after a closing quote");
    /* the error's line counts the newlines inside an earlier quoted field */
    expect_error("\"a\nb\",\"c\"d\n", 9, 2, 7, "unexpected text after a closing quote");
}

static void test_columns_and_blank_rows(void)
{
    ly_diag_list d;
    ly_diag_list_init(&d, "t.csv");
    ly_csv c;
    CHECK_INT(parse(&c, "a,b,,,\n,,,\n\n  ,\t\nx\n \"\" \n", &d), 0);
    CHECK_INT(c.n_rows, 6);
    CHECK_INT(c.rows[0].n_fields, 5);
    CHECK_STR(val(&c, 0, 1), "b");
    CHECK_STR(val(&c, 0, 4), "");
    CHECK(!ly_csv_row_blank(&c.rows[0]));
    CHECK_INT(c.rows[1].n_fields, 4);
    CHECK(ly_csv_row_blank(&c.rows[1]));
    CHECK_INT(c.rows[2].n_fields, 1); /* an empty line: one empty field */
    CHECK_STR(val(&c, 2, 0), "");
    CHECK(ly_csv_row_blank(&c.rows[2]));
    CHECK_INT(c.rows[3].n_fields, 2);
    CHECK_STR(val(&c, 3, 1), "\t");
    CHECK(ly_csv_row_blank(&c.rows[3]));
    CHECK(!ly_csv_row_blank(&c.rows[4]));
    CHECK(!ly_csv_row_blank(&c.rows[5])); /* two quotes in an unquoted field are text */
    ly_csv_row none = {0};
    CHECK(ly_csv_row_blank(&none));
    ly_csv_free(&c);

    /* the last line without a newline; a final empty line is not a row */
    const struct {
        const char *text;
        size_t rows, last_fields;
    } cases[] = {
        {"a,b", 1, 2}, {"a,b\n", 1, 2}, {"a,b\r\n", 1, 2}, {"a,b\n\n", 2, 1},
        {"a,", 1, 2},  {"", 0, 0},      {"\n", 1, 1},      {"a\r\n\r\n", 2, 1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        CHECK_INT(parse(&c, cases[i].text, &d), 0);
        CHECK_INT(c.n_rows, cases[i].rows);
        if (c.n_rows)
            CHECK_INT(c.rows[c.n_rows - 1].n_fields, cases[i].last_fields);
        ly_csv_free(&c);
    }
    CHECK_INT(d.count, 0);
    ly_diag_list_deinit(&d);
}

static void test_bad_bytes(void)
{
    expect_error_n("a,b\nc\0d", 7, 5, 2, 2, "a NUL byte: expected text");
    expect_error_n("\0", 1, 0, 1, 1, "a NUL byte");
    /* a NUL in a GB18030 file: positioned in the decoded text */
    size_t n = 0;
    char *bytes = gb("楼层,\n", &n);
    char raw[16];
    memcpy(raw, bytes, n);
    raw[n] = 'a';
    raw[n + 1] = '\0';
    raw[n + 2] = '\xB2'; /* not UTF-8: the file is decoded as GB18030 */
    raw[n + 3] = '\xE3';
    expect_error_n(raw, n + 4, strlen("楼层,\na"), 2, 2, "a NUL byte");
    free(bytes);

    expect_error_n("\xFF\xFF", 2, 0, 1, 1,
                   "byte 0xFF is neither UTF-8 nor GB18030: expected a CSV saved as UTF-8 or as "
                   "GB18030/GBK (what Excel on Chinese Windows saves)");
    expect_error("ab\n\xFF", 3, 2, 1, "byte 0xFF is neither UTF-8 nor GB18030");
    /* a GB18030 character cut off by the end of the file: at its first byte */
    expect_error("ab\x81", 2, 1, 3, "byte 0x81 is neither UTF-8 nor GB18030");
    /* a surrogate is not UTF-8; as GB18030 its last byte is not valid either */
    expect_error("\xED\xA0\x80", 2, 1, 2, "byte 0x80 is neither UTF-8 nor GB18030");

    /* an overlong '/' is not UTF-8: the pair reads as one GBK character */
    ly_diag_list d;
    ly_diag_list_init(&d, "t.csv");
    ly_csv c;
    CHECK_INT(parse(&c, "\xC0\xAF", &d), 0);
    CHECK_INT(c.encoding, LY_CSV_GB18030);
    CHECK_INT(c.n_rows, 1);
    CHECK(strcmp(c.text, "/") != 0);
    ly_csv_free(&c);
    ly_diag_list_deinit(&d);
}

static void test_round_trip(void)
{
    const char *src = "名称,高度,备注\r\n"
                      "\"示例大厦 20号\",45.5,\"含,逗号\"\r\n"
                      "€ ü,😀,\"a\"\"b\"\r\n";
    const ly_csv_encoding encs[] = {LY_CSV_UTF8, LY_CSV_UTF8_BOM, LY_CSV_GB18030};
    for (size_t i = 0; i < 3; i++) {
        size_t n = 0;
        char *bytes = ly_csv_encode(src, strlen(src), encs[i], &n);
        CHECK(bytes != NULL);
        if (!bytes)
            continue;
        CHECK_INT(bytes[n], 0);
        ly_diag_list d;
        ly_diag_list_init(&d, "t.csv");
        ly_csv c;
        CHECK_INT(ly_csv_parse(&c, bytes, n, &d), 0);
        CHECK_INT(c.encoding, encs[i]);
        CHECK_STR(c.text, src);
        CHECK_INT(c.n_rows, 3);
        CHECK_STR(val(&c, 1, 0), "示例大厦 20号");
        CHECK_STR(val(&c, 1, 2), "含,逗号");
        CHECK_STR(val(&c, 2, 0), "€ ü");
        CHECK_STR(val(&c, 2, 1), "😀");
        CHECK_STR(val(&c, 2, 2), "a\"b");
        ly_csv_free(&c);
        ly_diag_list_deinit(&d);
        free(bytes);
    }
    size_t n = 0;
    char *s = ly_csv_encode("ab", 2, LY_CSV_UTF8_BOM, &n);
    CHECK_INT(n, 5);
    CHECK(s && memcmp(s, "\xEF\xBB\xBF" "ab", 5) == 0);
    free(s);
    s = ly_csv_encode("楼", strlen("楼"), LY_CSV_GB18030, &n);
    CHECK_INT(n, 2);
    CHECK(s && memcmp(s, "\xC2\xA5", 2) == 0);
    free(s);
    /* not UTF-8 to begin with: nothing to encode */
    for (size_t i = 0; i < 3; i++)
        CHECK(ly_csv_encode("a\xFF", 2, encs[i], &n) == NULL);
    s = ly_csv_encode("", 0, LY_CSV_GB18030, &n);
    CHECK(s != NULL);
    CHECK_INT(n, 0);
    free(s);
}

static void test_limits(void)
{
    /* 10,000 fields are fine; one more is an error at the row */
    size_t n = 2 + LY_CSV_MAX_FIELDS;
    char *s = malloc(n + 1);
    memcpy(s, "a\n", 2);
    memset(s + 2, ',', LY_CSV_MAX_FIELDS - 1);
    s[n - 1] = '\0';
    ly_diag_list d;
    ly_diag_list_init(&d, "t.csv");
    ly_csv c;
    CHECK_INT(parse(&c, s, &d), 0);
    CHECK_INT(c.rows[1].n_fields, LY_CSV_MAX_FIELDS);
    ly_csv_free(&c);
    s[n - 1] = ',';
    s[n] = '\0';
    expect_error(s, 2, 2, 1, "more than 10000 fields in this row");
    free(s);

    /* 1,000,000 rows are fine; one more is an error at that row */
    n = LY_CSV_MAX_ROWS + 1;
    s = malloc(n + 1);
    memset(s, '\n', n);
    s[n] = '\0';
    CHECK_INT(ly_csv_parse(&c, s, n - 1, &d), 0);
    CHECK_INT(c.n_rows, LY_CSV_MAX_ROWS);
    ly_csv_free(&c);
    expect_error_n(s, n, LY_CSV_MAX_ROWS, LY_CSV_MAX_ROWS + 1, 1, "more than 1000000 rows");
    free(s);

    /* more than 64 MiB: an error without a position */
    s = calloc((size_t)LY_CSV_MAX_BYTES + 1, 1);
    CHECK(s != NULL);
    if (s) {
        CHECK_INT(ly_csv_parse(&c, s, (size_t)LY_CSV_MAX_BYTES + 1, &d), -1);
        CHECK_INT(d.count, 1);
        CHECK_INT(d.items[0].line, 0);
        CHECK_INT(d.items[0].offset, SIZE_MAX);
        CHECK(strstr(d.items[0].message, "expected at most 67108864") != NULL);
        CHECK(c.text == NULL);
        free(s);
    }
    ly_diag_list_deinit(&d);
}

static void test_read_and_diags(void)
{
    char path[] = "/tmp/louyu-test-csv-XXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    size_t n = 0;
    char *bytes = gb("编号,名称\r\n1,示例大厦\r\n", &n);
    CHECK(fd >= 0 && write(fd, bytes, n) == (ssize_t)n);
    close(fd);
    free(bytes);

    ly_diag_list d;
    ly_diag_list_init(&d, path);
    ly_csv c;
    CHECK_INT(ly_csv_read(&c, path, &d), 0);
    CHECK_INT(c.encoding, LY_CSV_GB18030);
    CHECK_STR(val(&c, 1, 1), "示例大厦");
    ly_csv_free(&c);
    unlink(path);
    CHECK_INT(d.count, 0);

    /* a missing file: one error without a position, *out zeroed */
    CHECK_INT(ly_csv_read(&c, path, &d), -1);
    CHECK_INT(d.count, 1);
    CHECK_INT(d.items[0].line, 0);
    CHECK(c.text == NULL && c.n_rows == 0);
    CHECK_INT(ly_csv_read(&c, "/tmp", &d), -1);
    CHECK_INT(d.count, 2);

    /* an error positions only its own entry: earlier ones keep theirs */
    ly_diag_list_clear(&d);
    ly_diag *prior = ly_diag_add(&d, LY_DIAG_ERROR, 3, -1, "from another file");
    prior->line = 40;
    prior->col = 2;
    CHECK_INT(parse(&c, "a\n\"b", &d), -1);
    CHECK_INT(d.count, 2);
    CHECK_INT(d.items[0].line, 40);
    CHECK_INT(d.items[0].col, 2);
    CHECK_INT(d.items[1].line, 2);
    CHECK_INT(d.items[1].col, 1);
    ly_diag_list_deinit(&d);
}

/* A sheet saved as a web page: its first table, cells by their columns through spans,
 * text as the page shows it. */
static void test_html_table(void)
{
    static const char PAGE[] =
        "<!DOCTYPE html><html><head><meta http-equiv=Content-Type content=\"text/html; "
        "charset=utf-8\"><style>td { color: red } /* <td>not</td> */</style>"
        "<script>var s = '<tr><td>not</td></tr>';</script></head><body>"
        "<!-- <table><tr><td>not a table</td></tr></table> -->"
        "<TABLE border=1><tr><td colspan=\"3\">湛山&nbsp;&nbsp;周报</td></tr>\n"
        "<tr><th>week</th><th rowspan=2>building</th><th>vacant_m2</th><th>note</th></tr>\n"
        "<tr><td>a &amp; b</td><td x:num=\"1200.5\">1,200.50</td><td>x<br>y</td></tr>\n"
        "<tr><td>&#x697c;&#27004;</td><td>wtc</td><td><b>3</b></td>"
        "<td><table><tr><td>inner</td></tr></table>text</td></tr>\n"
        "<tr><td>\"q\"</td><td x:num=\"40695\">2011/6/1</td><td sdval=\"1140\" sdnum=\"x\">"
        "1,140</td></tr></table><table><tr><td>second</td></tr></table>";
    char *text = NULL;
    size_t len = 0;
    ly_diag_list d;
    ly_diag_list_init(&d, "page.xls");
    CHECK(ly_html_table_is(PAGE, sizeof PAGE - 1));
    CHECK(!ly_html_table_is("week,building\n<b>,1\n", 20));
    ly_csv_merges m = {0};
    CHECK_INT(ly_html_table_text(PAGE, sizeof PAGE - 1, &text, &len, &d, &m), 0);
    /* the header's rowspan: rows 2-3 of column B (the title's colspan is one row) */
    CHECK(m.n == 1 && m.at[0].row0 == 2 && m.at[0].row1 == 3 && m.at[0].col0 == 1 &&
          m.at[0].col1 == 1);
    free(m.at);
    static const char WANT[] = "\"湛山 周报\",\"\",\"\",\"\"\n" /* (every row as wide as the widest) */
                               "\"week\",\"building\",\"vacant_m2\",\"note\"\n"
                               "\"a & b\",\"\",\"1200.5\",\"x y\"\n"
                               "\"楼楼\",\"wtc\",\"3\",\"inner text\"\n"
                               "\"\"\"q\"\"\",\"2011/6/1\",\"1140\",\"\"\n";
    if (text && strcmp(text, WANT))
        fprintf(stderr, "the page's table as:\n%s\n", text);
    CHECK(text && !strcmp(text, WANT));
    free(text);
    /* GBK, as its meta says; a page without a table */
    static const char GBK[] = "<html><meta charset=gb2312><table><tr><td>\xC2\xA5</td></tr></table>";
    CHECK_INT(ly_html_table_text(GBK, sizeof GBK - 1, &text, &len, &d, NULL), 0);
    CHECK(text && !strcmp(text, "\"楼\"\n"));
    free(text);
    CHECK_INT(ly_html_table_text("<html><p>hi</p></html>", 22, &text, &len, &d, NULL), -1);
    CHECK(d.count == 1 && strstr(d.items[0].message, "a web page (HTML) with no table"));
    ly_diag_list_deinit(&d);
    /* a page that says UTF-8 with a byte that is not: the byte and where it is */
    static const char BAD[] = "<html><meta charset=utf-8><table>\n<tr><td>x\xFF</td></tr></table>";
    ly_diag_list_init(&d, "page.xls");
    CHECK_INT(ly_html_table_text(BAD, sizeof BAD - 1, &text, &len, &d, NULL), -1);
    CHECK(d.count == 1 && d.items[0].line == 2 && d.items[0].col == 10 &&
          strstr(d.items[0].message, "byte 0xFF is not"));
    ly_diag_list_deinit(&d);
}

/* Excel's and WPS's "XML Spreadsheet 2003": rows and cells where they say they are, spans. */
static void test_xml2003(void)
{
    static const char DOC[] =
        "<?xml version=\"1.0\"?>\n<?mso-application progid=\"Excel.Sheet\"?>\n"
        "<Workbook xmlns=\"urn:schemas-microsoft-com:office:spreadsheet\" "
        "xmlns:ss=\"urn:schemas-microsoft-com:office:spreadsheet\" "
        "xmlns:html=\"http://www.w3.org/TR/REC-html40\"><Styles/>"
        "<Worksheet ss:Name=\"周报\"><Table>"
        "<Row><Cell ss:MergeAcross=\"2\"><Data ss:Type=\"String\">title</Data></Cell>"
        "<Cell><Data ss:Type=\"Number\">4.5999999999999996</Data></Cell></Row>"
        "<Row ss:Index=\"3\"><Cell ss:MergeDown=\"1\"><Data ss:Type=\"String\">a</Data></Cell>"
        "<Cell ss:Index=\"3\"><Data ss:Type=\"DateTime\">2011-05-16T00:00:00.000</Data></Cell>"
        "<Cell><ss:Data ss:Type=\"String\"><B>b</B>&amp;<Font>c</Font></ss:Data></Cell></Row>"
        "<Row><Cell><Data ss:Type=\"Boolean\">1</Data></Cell><Cell><Data ss:Type=\"Number\">"
        "12</Data><Comment ss:Author=\"x\"><ss:Data xmlns=\"http://www.w3.org/TR/REC-html40\">"
        "<B>not the cell</B></ss:Data></Comment></Cell></Row></Table></Worksheet>"
        "<Worksheet ss:Name=\"2\"><Table><Row><Cell><Data ss:Type=\"String\">not</Data>"
        "</Cell></Row></Table></Worksheet></Workbook>";
    char *text = NULL;
    size_t len = 0;
    ly_diag_list d;
    ly_diag_list_init(&d, "week.xml");
    CHECK(ly_xml2003_is(DOC, sizeof DOC - 1));
    ly_csv_merges m = {0};
    CHECK_INT(ly_xml2003_text(DOC, sizeof DOC - 1, &text, &len, &d, &m), 0);
    /* "a" merged down over rows 3-4 (the title merged across one row is no merge over rows) */
    CHECK(m.n == 1 && m.at[0].row0 == 3 && m.at[0].row1 == 4 && m.at[0].col0 == 0 &&
          m.at[0].col1 == 0);
    free(m.at);
    static const char WANT[] = "\"title\",\"\",\"\",\"4.6\"\n"
                               "\n" /* (a blank row: an empty line) */
                               "\"a\",\"\",\"2011-05-16\",\"b&c\"\n"
                               "\"\",\"TRUE\",\"12\",\"\"\n";
    if (text && strcmp(text, WANT))
        fprintf(stderr, "the XML spreadsheet as:\n%s\n", text);
    CHECK(text && !strcmp(text, WANT));
    free(text);
    CHECK_INT(ly_xml2003_text(DOC, 200, &text, &len, &d, NULL), -1);
    CHECK(d.count == 1 && strstr(d.items[0].message, "not well-formed XML"));
    /* at its line and column in the file (the spreadsheet is the file): an XML spreadsheet
     * is often one long line, and "line 2" alone had not said where */
    CHECK(d.count == 1 && d.items[0].line > 0 && d.items[0].col > 0);
    ly_diag_list_deinit(&d);
}

/* A sheet with cells far below its table (a note in J5000, a space typed in row 1048575, a
 * word in J1048576, Excel's last row): the blank rows are no records, the others keep their
 * sheet's rows, and a fault names its cell. They had been a million records of empty fields
 * (over 200 MB, refused as "more than 1000000 rows" with no cell named). */
static void test_sheet_far_rows(void)
{
    static const char DOC[] =
        "<?xml version=\"1.0\"?>\n<?mso-application progid=\"Excel.Sheet\"?>\n"
        "<Workbook xmlns=\"urn:schemas-microsoft-com:office:spreadsheet\" "
        "xmlns:ss=\"urn:schemas-microsoft-com:office:spreadsheet\"><Worksheet ss:Name=\"1\">"
        "<Table><Row><Cell><Data ss:Type=\"String\">week</Data></Cell></Row>"
        "<Row><Cell><Data ss:Type=\"String\">2011-W18</Data></Cell>"
        "<Cell><Data ss:Type=\"String\"> </Data></Cell></Row>"
        "<Row ss:Index=\"5000\"><Cell ss:Index=\"10\"><Data ss:Type=\"String\">checked</Data>"
        "</Cell></Row><Row ss:Index=\"1048575\"><Cell><Data ss:Type=\"String\"> \xE3\x80\x80"
        "</Data></Cell></Row><Row ss:Index=\"1048576\"><Cell ss:Index=\"10\">"
        "<Data ss:Type=\"String\">end</Data></Cell></Row></Table></Worksheet></Workbook>";
    ly_diag_list d;
    ly_diag_list_init(&d, "far.xml");
    ly_csv c;
    CHECK_INT(ly_csv_parse(&c, DOC, sizeof DOC - 1, &d), 0);
    CHECK_INT(c.n_rows, 4);
    CHECK(c.len < 2u << 20);
    if (c.n_rows == 4) {
        CHECK_INT(c.rows[1].line, 2);
        CHECK_INT(c.rows[1].n_fields, 10); /* (as wide as the widest; its space kept) */
        CHECK_INT(c.rows[2].line, 5000);
        CHECK_INT(c.rows[3].line, 1048576);
        CHECK(c.rows[3].n_fields == 10 && !strcmp(c.rows[3].fields[9].value, "end"));
        ly_diag_add(&d, LY_DIAG_WARNING, c.rows[3].fields[9].offset, -1, "x");
        ly_csv_cells(&c, &d, 0);
        CHECK(d.count == 1 && d.items[0].line == 1048576 && d.items[0].col == 10 &&
              !strcmp(d.items[0].message, "cell J1048576: x"));
    }
    ly_csv_free(&c);
    ly_diag_list_deinit(&d);
    /* in a CSV file a line is a line: blank ones are rows, and a quoted line break counts */
    ly_diag_list_init(&d, "far.csv");
    CHECK_INT(parse(&c, "a,\"b\nc\"\n\n d\n", &d), 0);
    CHECK(c.n_rows == 3 && c.rows[1].line == 3 && c.rows[2].line == 4);
    ly_csv_free(&c);
    ly_diag_list_deinit(&d);
}

int main(void)
{
    test_sheet_far_rows();
    test_html_table();
    test_xml2003();
    test_utf16_and_delimiters();
    test_utf8();
    test_bom();
    test_gb18030();
    test_line_ends();
    test_quoted();
    test_columns_and_blank_rows();
    test_bad_bytes();
    test_round_trip();
    test_limits();
    test_read_and_diags();
    return check_report();
}
