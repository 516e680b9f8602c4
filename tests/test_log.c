/* ly_log: levels filter, the sink receives tagged lines. */
#include "check.h"
#include "louyu/log.h"

static char last[256];
static int calls;
static ly_log_level last_level;

static void sink(ly_log_level level, const char *tag, const char *line, void *user)
{
    (void)user;
    calls++;
    last_level = level;
    snprintf(last, sizeof last, "%s|%s", tag, line);
}

int main(void)
{
    ly_log_set_sink(sink, NULL);
    ly_log_set_level(LY_LOG_WARN);
    LY_INFO("LOAD", "hidden %d", 1);
    CHECK_INT(calls, 0);
    LY_WARN("LOAD", "[%s] %d buildings", "a.geojson", 33);
    CHECK_INT(calls, 1);
    CHECK_STR(last, "LOAD|[a.geojson] 33 buildings");
    CHECK_INT(last_level, LY_LOG_WARN);
    ly_log_set_level(LY_LOG_DEBUG);
    CHECK_INT(ly_log_get_level(), LY_LOG_DEBUG);
    LY_DEBUG("GL", "x");
    CHECK_INT(calls, 2);
    /* a value quoted from data stays on its line: no forged log line, no terminal escape */
    LY_DEBUG("LOAD", "name \"%s\"", "a\n2026 info ADMIN: x\x1b[2J\xc2\x9b\t名");
    CHECK_STR(last, "LOAD|name \"a\\n2026 info ADMIN: x\\u001b[2J\\u009b\\t名\"");
    char out[8];
    CHECK_STR(ly_text_one_line(out, sizeof out, "ab名名"), "ab名"); /* cut at a character */
    CHECK_STR(ly_text_one_line(out, sizeof out, "ab\xe5\x90"), "ab"); /* a half character: left out */
    ly_log_set_level(LY_LOG_NONE);
    LY_ERROR("GL", "y");
    CHECK_INT(calls, 3);
    ly_log_set_sink(NULL, NULL);
    return check_report();
}
