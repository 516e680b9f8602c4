/* What the data commands share (validate, stats, info, query): a district loaded
 * with its errors printed, and JSON written through cJSON. */
#ifndef LOUYU_CLI_DATA_H
#define LOUYU_CLI_DATA_H

#include "cli.h"
#include "louyu/district.h"

#include <cjson/cJSON.h>

/* Loads a file, printing its errors to stderr, read as the command's options say
 * (O_MODEL's --lod and --skip-bad; a NULL `a`: the plain way). Returns an exit status. */
int ly_cli_load_district(ly_district *d, const char *path, const ly_args *a);
/* After a load that failed: when only features' own errors stopped it, says how many
 * features --skip-bad would leave out. */
void ly_cli_say_skippable(const char *path, const ly_diag_list *diags);
/* After a load with --skip-bad: how many features it left out (nothing when none). */
void ly_cli_say_left_out(const char *path, size_t n);
/* Says on stderr that n of a store's report rows (changed by another program) are left
 * out of its figures; nothing when n is 0. */
void ly_cli_say_rows_left_out(const char *path, size_t n);
/* Says on stderr that n rows of a store's buildings layer were edited by another program
 * (louyu reads the district it keeps, not them); nothing when n is 0. */
void ly_cli_say_table_edits(const char *path, size_t n);
/* Says on stderr that d was read from a copy of a store's layers without its district
 * (ly_district_meta.store_layers_only); nothing otherwise. */
void ly_cli_say_layers_only(const char *path, const ly_district *d);
/* The --lod a command was given, checked: *lod is NULL when none was; "on" and "off"
 * (the window's far blocks) are let through when `window`. Returns 0 or LY_EXIT_USAGE
 * after saying why. */
int ly_cli_lod(const ly_args *a, bool window, const char **lod);
/* The building a command's argument names (its id, or exactly its name: 海信大厦, Hisense
 * Tower) in d, read from path; -1 after saying on stderr that there is none, with the
 * buildings whose names match what was given (found as the viewer's search finds them),
 * or the few buildings a name shared by several could mean. */
long ly_cli_building(const char *cmd, const char *path, const ly_district *d, const char *text);
/* A string, or null. */
void ly_json_str(cJSON *o, const char *key, const char *s);
/* A number, or null when it is negative (unknown) or not finite. */
void ly_json_num_or_null(cJSON *o, const char *key, double v);
/* Prints the value to stdout, indented, and frees it. */
void ly_json_print(cJSON *root);
/* What a table or heading calls a building, into buf: its Chinese name and its English
 * one joined by sep, or the one it has; a building with neither says what it is (its
 * address, or its kind and id) in lang. */
const char *ly_cli_title(const ly_building *b, ly_lang lang, const char *sep, char *buf,
                         size_t n);
/* A week given on the command line (an ISO week, or a date in it) into *week; 0, or
 * LY_EXIT_USAGE after saying why ('2011-W53' does not exist: 2011 has 52 weeks). */
int ly_cli_week(const ly_args *a, const char *text, int *week);
/* A number with thousands separators, into buf. */
const char *ly_thousands(double v, char *buf, size_t n);
/* Terminal columns of UTF-8 text: CJK and fullwidth forms take two. */
size_t ly_cli_text_width(const char *s);
/* Prints text in `width` terminal columns, as printf's "%*s" pads by bytes: right-aligned
 * for a positive width, left-aligned for a negative one; wider text is printed whole. */
void ly_cli_pad(const char *text, int width);
/* The viewer's Chinese for a thing (ly_str(id) in Chinese), or `en` in English: where the
 * command line's English, which scripts read, words it otherwise ("leased", "Leased"). */
const char *ly_cli_str(ly_string_id id, ly_lang lang, const char *en);
/* The language of a command's text for people: --lang, else the locale's, as the viewer's
 * (LANG=zh_CN.UTF-8 gives Chinese; C, POSIX and the rest English). */
ly_lang ly_cli_lang(const ly_args *a);

#endif
