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

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

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

/* Opens `path` for reading when it is a regular file (a cache's, a memo's): a FIFO, a
 * device or a folder put in its place gives NULL (errno EINVAL) at once, where fopen would
 * wait for a writer on a FIFO forever. */
FILE *ly_fopen_regular(const char *path);

/* Makes folder `dir` and the folders above it with `mode`, as mkdir -p does. Returns 0,
 * or -1 with errno set and, when `failed` is not NULL, the folder that could not be
 * made in it. ly_make_parent_dirs makes the folders above a file's path. */
int ly_make_dirs(const char *dir, unsigned mode, char *failed, size_t n);
int ly_make_parent_dirs(const char *path, unsigned mode);

/* A path in one of the XDG base folders: $ENV/louyu/LEAF when the environment variable
 * `env` holds an absolute path (the spec: a relative one is invalid and ignored), else
 * $HOME/HOME_REL/louyu/LEAF ("XDG_CACHE_HOME", ".cache", ...). LEAF may be "" for the
 * folder itself. Returns 0, or -1 with buf empty when there is no home or no room. */
int ly_xdg_path(const char *env, const char *home_rel, const char *leaf, char *buf, size_t n);

/* Writes len bytes to `path` atomically: into a temporary file beside it, flushed,
 * then renamed over it, so a reader sees the old file or the whole new one. Returns 0,
 * or -1 with the reason in err (the temporary file removed, `path` untouched). */
int ly_file_write_atomic(const char *path, const void *data, size_t len, char *err,
                         size_t err_len);

/* Where a file written to `path` goes: *target the file a link names (real holds it), else
 * path. True when that is a device or a pipe (/dev/null, a FIFO), which is written to as
 * it is, never replaced by a file renamed over it. */
bool ly_file_target(const char *path, char real[PATH_MAX], const char **target);

/* While a temporary file is written (and renamed into place when whole), a stop signal
 * (SIGINT, SIGTERM, SIGHUP, where nothing else handles it) removes it and its SQLite
 * -journal before louyu ends. One at a time: false when another is watched. */
bool ly_file_watch_temp(const char *tmp);
void ly_file_unwatch_temp(void);

/* Whether a file (or with `folder`, a folder) can be made or replaced at `path`: its
 * folder exists, is a folder and can be written, and `path` is not a folder (a file with
 * `folder`). Returns NULL, or why not ("its folder /x/y does not exist"), in why. Checked
 * before a long job, so that its result is not lost to a mistyped path. */
const char *ly_out_problem(const char *path, bool folder, char *why, size_t n);

/* Whether writing `out` (a file, or with `folder` a folder replaced whole) would lose the
 * file `input` that is read for it: the same file (however named: links followed), or
 * within the folder. Then why, naming input, in why; else NULL. */
const char *ly_out_loses_input(const char *out, bool folder, const char *input, char *why,
                               size_t n);

/* The URL as a log or a message may show it: a user and password before the host
 * ("admin:pw@cam" in an http URL) written as three stars ("***@cam"). Returns buf. */
const char *ly_url_for_log(const char *url, char *buf, size_t n);

/* Whether s starts with http:// or https:// (any case): a URL, not a file. */
bool ly_is_url(const char *s);

#endif
