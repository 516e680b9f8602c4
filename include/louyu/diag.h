/* louyu diag: errors and warnings about input data, with exact positions.
 *
 * Fallible loaders fill a caller-owned ly_diag_list. Each entry has the file,
 * the line and column of the offending value (both from 1; the column counts
 * characters, not bytes), the feature it belongs to and a message that says
 * what is wrong and what was expected. The list owns its messages; the caller
 * owns the list struct and releases it with ly_diag_list_deinit. Only the
 * first `max_items` entries are stored, but every one is counted. */
#ifndef LOUYU_DIAG_H
#define LOUYU_DIAG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

typedef enum { LY_DIAG_ERROR, LY_DIAG_WARNING } ly_diag_severity;

typedef struct ly_diag {
    ly_diag_severity severity;
    int line, col;  /* 0 when the problem has no position (e.g. an I/O error) */
    size_t offset;  /* byte offset in the file; SIZE_MAX when unknown */
    long feature;   /* feature index, or -1 */
    char *message;  /* owned by the list */
} ly_diag;

typedef struct ly_diag_list {
    char *file;       /* owned copy of the file name used in messages */
    ly_diag *items;
    size_t count, cap;
    size_t max_items; /* 0 means the default (1000) */
    size_t errors, warnings;
    /* a GeoJSON or CityJSON load that failed only on features' (city objects') own
     * errors: how many have them (ly_load_desc.skip_bad would leave those out and load
     * the rest); else 0 */
    size_t skippable;
    /* a load that failed because the file ends before its data does (GeoJSON whose JSON
     * is cut short): a file still being written, or one cut */
    bool cut_short;
} ly_diag_list;

/* `file` is copied; the list starts empty. */
void ly_diag_list_init(ly_diag_list *list, const char *file);
/* Frees everything; accepts NULL or a zeroed list and leaves it zeroed. */
void ly_diag_list_deinit(ly_diag_list *list);
/* Empties the list but keeps the file name. */
void ly_diag_list_clear(ly_diag_list *list);

/* Adds an entry at a byte offset (SIZE_MAX when unknown); line and column are
 * filled later by ly_diag_resolve_lines. Returns the stored entry or NULL when
 * the list is full (the entry is still counted). */
ly_diag *ly_diag_add(ly_diag_list *list, ly_diag_severity sev, size_t offset, long feature,
                     const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* Turns the errors among entries [from, count) into warnings, each message ending with
 * `suffix`, and moves the `errors` counted since errors_before (stored or not) to the
 * warnings: what a loader does with a part of the input it leaves out. */
void ly_diag_demote(ly_diag_list *list, size_t from, size_t errors_before, const char *suffix);

/* Fills line and column of every entry with a known offset, from the text. */
void ly_diag_resolve_lines(ly_diag_list *list, const char *text, size_t len);

/* Sorts entries by position (stable for equal positions). */
void ly_diag_sort(ly_diag_list *list);

/* Writes "FILE:LINE:COL: error: MESSAGE\n" (or without LINE:COL when unknown). */
void ly_diag_print(FILE *out, const ly_diag_list *list, const ly_diag *d);

#endif
