/* louyu xlsx: a spreadsheet saved as a workbook (.xlsx: Excel's, WPS's and LibreOffice's
 * Office Open XML; .ods: OpenDocument's; .xls: Excel 97-2003's) read as the CSV text of its first sheet (xlsx.c
 * says how), for ly_csv_parse. Core: zlib and expat, no GL, no SDL. */
#ifndef LOUYU_XLSX_H
#define LOUYU_XLSX_H

#include "louyu/csv.h"
#include "louyu/diag.h"

#include <stdbool.h>
#include <stddef.h>

/* The first sheet as CSV text: row r of the sheet on line r (counting the lines outside
 * quotes), column c (from 1) its field c, every field quoted, every row as wide as the widest;
 * a blank row (empty cells, or only white space) an empty line, and none after the last row
 * that is not; its cells merged over rows added to *merges (NULL: not wanted). 0 with *text malloc'd (NUL-terminated), or -1 with one error in
 * diags (a damaged archive or part, no sheet, out of memory). */
int ly_xlsx_text(const char *bytes, size_t len, char **text, size_t *text_len,
                 ly_diag_list *diags, ly_csv_merges *merges);

/* The same for an OpenDocument spreadsheet (.ods, LibreOffice's and WPS's): its first
 * sheet (table) as CSV text in the same form. ly_ods_is: whether a ZIP archive is one (a
 * "mimetype" or "content.xml" and no "xl/workbook.xml": its mimetype compressed too, as
 * zip tools write it). */
bool ly_ods_is(const char *bytes, size_t len);
int ly_ods_text(const char *bytes, size_t len, char **text, size_t *text_len,
                ly_diag_list *diags, ly_csv_merges *merges);

/* The same for an Excel 97-2003 workbook (.xls: BIFF8 in a compound file; xls.c): its first
 * worksheet as CSV text in the same form. A workbook with a password, or from Excel 95 or
 * before, is refused as such. */
int ly_xls_text(const char *bytes, size_t len, char **text, size_t *text_len,
                ly_diag_list *diags, ly_csv_merges *merges);

/* Whether a file is a web page with a table (what office systems export as .xls, and what
 * Excel saves a workbook opened from one as), and its first table as CSV text in the same
 * form (html_table.c). */
bool ly_html_table_is(const char *bytes, size_t len);
/* Whether a file is an Excel 2003 XML spreadsheet (SpreadsheetML: Excel's and WPS's "XML
 * Spreadsheet 2003"), and its first worksheet as CSV text in the same form (xlsx.c). */
bool ly_xml2003_is(const char *bytes, size_t len);
int ly_xml2003_text(const char *bytes, size_t len, char **text, size_t *text_len,
                    ly_diag_list *diags, ly_csv_merges *merges);
int ly_html_table_text(const char *bytes, size_t len, char **text, size_t *text_len,
                       ly_diag_list *diags, ly_csv_merges *merges);

#endif
