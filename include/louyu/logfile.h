/* louyu logfile: a size-capped, rotating log file for the kiosk.
 *
 * A kiosk runs for months; its log must never fill the disk. Lines go to
 * PATH until it would pass max_bytes; then PATH.keep-1 becomes PATH.keep (the
 * oldest is dropped), ..., PATH becomes PATH.1 and a new PATH starts. So the
 * log never takes more than about (keep + 1) * max_bytes.
 *
 * Each line is "2026-11-28T04:50:00.123Z warning RELOAD: ..." written with one
 * write(2) on a file opened O_APPEND, so lines from the loader thread and the
 * render thread never interleave. Warnings and errors are also copied to
 * stderr, which a systemd unit sends to the journal. A write that fails (a
 * full disk) is counted and skipped: logging never stops the kiosk. */
#ifndef LOUYU_LOGFILE_H
#define LOUYU_LOGFILE_H

#include "louyu/log.h"

#include <stddef.h>

typedef struct ly_logfile ly_logfile;

/* Opens (appends to) `path`, creating missing folders. NULL with a message in
 * err when it cannot. max_bytes >= 1024, keep >= 1. */
ly_logfile *ly_logfile_open(const char *path, long max_bytes, int keep, char *err,
                            size_t err_len);
/* Writes one line (what the sink does). */
void ly_logfile_write(ly_logfile *lf, ly_log_level level, const char *tag, const char *line);
/* A ly_log_sink: ly_log_set_sink(ly_logfile_sink, lf). */
void ly_logfile_sink(ly_log_level level, const char *tag, const char *line, void *user);
/* Lines that could not be written so far. */
long ly_logfile_failed(const ly_logfile *lf);
const char *ly_logfile_path(const ly_logfile *lf);
/* Closes the file; restore the default sink before (ly_log_set_sink(NULL, NULL)). */
void ly_logfile_close(ly_logfile *lf);

#endif
