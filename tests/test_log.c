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
    ly_log_set_level(LY_LOG_NONE);
    LY_ERROR("GL", "y");
    CHECK_INT(calls, 2);
    ly_log_set_sink(NULL, NULL);
    return check_report();
}
