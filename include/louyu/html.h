/* louyu html: text for the web, built safely.
 *
 * ly_buf is a growing byte buffer. Every text that comes from data goes in
 * through an escaping function for where it lands: ly_buf_html for HTML text
 * and attribute values (and XML: the same five characters), ly_buf_csv for a
 * CSV cell (quoted when needed, and a cell that a spreadsheet would take for a
 * formula -- starting with =, +, -, @, a tab or a CR -- is neutralised with a
 * leading apostrophe), ly_buf_url for a path segment. JSON goes through cJSON.
 * A buffer that ran out of memory says so in `failed` and keeps what it had. */
#ifndef LOUYU_HTML_H
#define LOUYU_HTML_H

#include <stdbool.h>
#include <stddef.h>

typedef struct {
    char *p; /* NUL-terminated when not empty */
    size_t len, cap;
    bool failed;
} ly_buf;

void ly_buf_free(ly_buf *b);
/* Raw text: markup louyu wrote itself, never data. */
void ly_buf_put(ly_buf *b, const char *s);
void ly_buf_putn(ly_buf *b, const char *s, size_t n);
void ly_buf_printf(ly_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Data as HTML or XML text or attribute value: & < > " ' escaped. NULL writes nothing. */
void ly_buf_html(ly_buf *b, const char *text);
/* An element's text (&, < and > escaped), cut to at most `max` characters as written
 * (an entity counts as its length, a character outside the BMP as two, as HTML checkers
 * count a title) and ended with "…" when cut. */
void ly_buf_html_clipped(ly_buf *b, const char *text, size_t max);
/* Data as one CSV cell (RFC 4180), safe from formula injection. NULL: an empty cell. */
void ly_buf_csv(ly_buf *b, const char *cell);
/* The start of a CSV file for spreadsheets: UTF-8's byte-order mark (Excel and WPS read a
 * file without one in the system's code page, GBK on Chinese Windows: every Chinese name
 * garbled). */
void ly_buf_csv_start(ly_buf *b);
/* Data as one URL path segment: letters, digits and -._~ as they are, the rest %XX. */
void ly_buf_url(ly_buf *b, const char *segment);
/* A building id as a file name: small letters, digits, - and . (not first) as they are,
 * the rest _xx (capitals too: file systems that ignore case keep Tower-A and tower-a
 * apart). */
void ly_buf_file_name(ly_buf *b, const char *id);

#endif
