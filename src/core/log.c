#include "louyu/log.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

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

char *ly_text_one_line(char *out, size_t n, const char *in)
{
    size_t o = 0;
    for (const unsigned char *c = (const unsigned char *)in; *c;) {
        char esc[8] = "";
        size_t len = 1;
        if (*c == '\n' || *c == '\r' || *c == '\t')
            snprintf(esc, sizeof esc, "\\%c", *c == '\n' ? 'n' : *c == '\r' ? 'r' : 't');
        else if (*c < 0x20 || *c == 0x7F)
            snprintf(esc, sizeof esc, "\\u%04x", *c);
        else if (c[0] == 0xC2 && c[1] >= 0x80 && c[1] <= 0x9F) /* C1 */
            snprintf(esc, sizeof esc, "\\u%04x", c[1]), len = 2;
        else /* a whole UTF-8 character (one a cut text ends in half is left out) */
            while (len < 4 && (c[len] & 0xC0) == 0x80)
                len++;
        if (!esc[0] && len < (size_t)(*c >= 0xF0 ? 4 : *c >= 0xE0 ? 3 : *c >= 0xC0 ? 2 : 1))
            break;
        size_t add = esc[0] ? strlen(esc) : len;
        if (o + add + 1 > n)
            break;
        memcpy(out + o, esc[0] ? esc : (const char *)c, add);
        o += add;
        c += len;
    }
    out[o] = '\0';
    return out;
}

void ly_log(ly_log_level level, const char *tag, const char *fmt, ...)
{
    static const char *names[] = {"debug", "info", "warning", "error"};
    if (level < g_level || level >= LY_LOG_NONE)
        return;
    char raw[1024], line[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(raw, sizeof raw, fmt, ap);
    va_end(ap);
    ly_text_one_line(line, sizeof line, raw);
    if (g_sink) {
        g_sink(level, tag, line, g_sink_user);
        return;
    }
    fprintf(stderr, "louyu: %s: %s: %s\n", names[level], tag, line);
}
