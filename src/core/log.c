#include "louyu/log.h"

#include <stdarg.h>
#include <stdio.h>

static ly_log_level g_level = LY_LOG_WARN;
static ly_log_sink g_sink;
static void *g_sink_user;

void ly_log_set_level(ly_log_level level)
{
    g_level = level;
}

ly_log_level ly_log_get_level(void)
{
    return g_level;
}

void ly_log_set_sink(ly_log_sink sink, void *user)
{
    g_sink = sink;
    g_sink_user = user;
}

void ly_log(ly_log_level level, const char *tag, const char *fmt, ...)
{
    static const char *names[] = {"debug", "info", "warning", "error"};
    if (level < g_level || level >= LY_LOG_NONE)
        return;
    char line[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    if (g_sink) {
        g_sink(level, tag, line, g_sink_user);
        return;
    }
    fprintf(stderr, "louyu: %s: %s: %s\n", names[level], tag, line);
}
