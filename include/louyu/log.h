/* louyu log: one logger with subsystem tags and levels.
 *
 * Lines look like "LOAD: [zhanshan.geojson] 33 buildings". They go to stderr
 * unless a sink is set (the kiosk sets a size-capped rotating file). The
 * logger owns nothing the caller passes; messages are formatted on the stack.
 * It must not allocate on the hot path and must not call GL or SDL. */
#ifndef LOUYU_LOG_H
#define LOUYU_LOG_H

#include <stddef.h>

typedef enum { LY_LOG_DEBUG, LY_LOG_INFO, LY_LOG_WARN, LY_LOG_ERROR, LY_LOG_NONE } ly_log_level;

typedef void (*ly_log_sink)(ly_log_level level, const char *tag, const char *line, void *user);

/* `in` as one line of text for a terminal or a log, into out (n bytes, n >= 8): control
 * characters written as escapes (a line break as \n, ESC as \u001b, U+0085 as \u0085),
 * so that a value quoted from data can neither start a forged line nor move a terminal's
 * cursor; cut at a whole character when out is full. Returns out. Messages (ly_log,
 * ly_diag_add) pass through it. */
char *ly_text_one_line(char *out, size_t n, const char *in);

void ly_log_set_level(ly_log_level level);
ly_log_level ly_log_get_level(void);
/* NULL restores the default sink (stderr). */
void ly_log_set_sink(ly_log_sink sink, void *user);
void ly_log(ly_log_level level, const char *tag, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#define LY_DEBUG(tag, ...) ly_log(LY_LOG_DEBUG, tag, __VA_ARGS__)
#define LY_INFO(tag, ...) ly_log(LY_LOG_INFO, tag, __VA_ARGS__)
#define LY_WARN(tag, ...) ly_log(LY_LOG_WARN, tag, __VA_ARGS__)
#define LY_ERROR(tag, ...) ly_log(LY_LOG_ERROR, tag, __VA_ARGS__)

#endif
