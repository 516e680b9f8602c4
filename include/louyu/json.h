/* louyu json: exact positions for JSON that cJSON parses.
 *
 * cJSON builds the tree but remembers no positions, and reports only where a
 * syntax error stopped it. This module gives both:
 *  - ly_json_check verifies a whole text before cJSON sees it: UTF-8, the JSON
 *    grammar (RFC 8259) and a nesting limit, and names the first problem with
 *    its byte offset and what was expected there.
 *  - ly_json_locate walks a checked text in lockstep with the cJSON tree parsed
 *    from it and returns the byte offset where each asked-for node begins.
 *    It runs only when there are errors to report, so a clean load pays nothing.
 * Nothing here allocates except ly_json_locate's small index. */
#ifndef LOUYU_JSON_H
#define LOUYU_JSON_H

#include "louyu/diag.h"

#include <stdbool.h>
#include <stddef.h>

struct cJSON;

typedef struct ly_json_error {
    size_t offset;
    char message[200];
    /* the text ran out before its value was whole (an unclosed string, object or array,
     * a value missing at the end): a file cut short, or one still being written */
    bool cut_short;
} ly_json_error;

/* Returns 0 when `text` is one valid JSON value (with optional whitespace and
 * a leading UTF-8 byte-order mark), or -1 with *err filled. */
int ly_json_check(const char *text, size_t len, int max_depth, ly_json_error *err);

/* For each of nodes[0..n), stores in offsets[i] the byte offset in `text` of
 * that node's value (SIZE_MAX if the node is not in `root`'s tree). `root`
 * must have been parsed from exactly this text (after ly_json_check). */
void ly_json_locate(const char *text, size_t len, const struct cJSON *root,
                    const struct cJSON *const *nodes, size_t *offsets, size_t n);
/* The same, but a member of an object is found at its name's opening quote rather than
 * at its value: where a message about the name itself (misspelt, given twice) points. */
void ly_json_locate_names(const char *text, size_t len, const struct cJSON *root,
                          const struct cJSON *const *nodes, size_t *offsets, size_t n);

/* Number of bytes of a leading byte-order mark (0 or 3). */
size_t ly_json_bom(const char *text, size_t len);

/* A length in metres held as a float, as JSON writes it: to the millimetre, so that
 * 18.29f is 18.29, not 18.290000915527344. */
double ly_json_metres(double m);

/* What a value is, for messages: "a string", "a number", "true", "null", ... */
const char *ly_json_kind(const struct cJSON *v);

/* ---- small JSON files: the kiosk's config, the user's settings ------------------
 * ly_json_doc_load reads a file whole (ly_file_read), checks and parses it. Problems
 * about its values are added with ly_json_doc_problem at the node they are about;
 * ly_json_doc_unload turns every offset into line and column exactly as the district
 * loader does (ly_diag_resolve_lines: characters, a byte-order mark not counted), then
 * frees the text and the tree. The caller owns `diags` (whose file name is the path). */
typedef struct {
    char *text;
    size_t len;
    struct cJSON *root; /* NULL unless the load returned 0 */
    ly_diag_list *diags;
    int problems; /* how many ly_json_doc_problem has added */
} ly_json_doc;

/* Returns 0 (root holds the value), 1 when the file does not exist and `missing_ok`
 * (nothing reported), or -1 with the reason in diags (cannot be read, too big, not
 * JSON: the syntax error at its position). Call ly_json_doc_unload in every case. */
int ly_json_doc_load(ly_json_doc *doc, const char *path, size_t max_bytes, int max_depth,
                     bool missing_ok, ly_diag_list *diags);
/* Adds an error about `at` (NULL: the file as a whole). */
void ly_json_doc_problem(ly_json_doc *doc, const struct cJSON *at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Adds an error about member `at`'s name (an unknown or repeated member), placed at the
 * name rather than at the value. */
void ly_json_doc_problem_name(ly_json_doc *doc, const struct cJSON *at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void ly_json_doc_unload(ly_json_doc *doc);

#endif
