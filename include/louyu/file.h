/* louyu file: reading a whole input file, with the reasons it cannot be read
 * said plainly.
 *
 * Every loader (districts, the kiosk's config, the user's settings) reads its
 * file through ly_file_read, so "is a directory", "is not a regular file" and
 * a size limit are reported the same way everywhere, as a diagnostic without a
 * position. The caller frees the text. No GL, no SDL. */
#ifndef LOUYU_FILE_H
#define LOUYU_FILE_H

#include "louyu/diag.h"

#include <stdbool.h>
#include <stddef.h>

typedef enum {
    LY_FILE_OK,
    LY_FILE_MISSING, /* no such file (reported only when the caller asks) */
    LY_FILE_IO,      /* cannot be opened or read, or is not a regular file */
    LY_FILE_TOO_BIG, /* larger than the caller's limit */
    LY_FILE_NOMEM
} ly_file_result;

/* Reads the regular file at `path` (at most max_bytes) into *text, NUL-terminated,
 * and its length into *len. On failure *text is NULL and, except for a missing file
 * when `missing_ok`, one error is added to diags. */
ly_file_result ly_file_read(const char *path, size_t max_bytes, bool missing_ok, char **text,
                            size_t *len, ly_diag_list *diags);

#endif
