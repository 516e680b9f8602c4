#include "louyu/clock.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

double ly_clock_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

void ly_clock_stamp(time_t t, bool utc, char *buf, size_t n)
{
    struct tm tm;
    if (!(utc ? gmtime_r(&t, &tm) : localtime_r(&t, &tm))) {
        snprintf(buf, n, "?");
        return;
    }
    char day[32], zone[16] = "";
    strftime(day, sizeof day, "%Y-%m-%d %H:%M:%S", &tm);
    if (utc) {
        snprintf(buf, n, "%s UTC", day);
        return;
    }
    /* %z is "+0800": written as the offset people read, "UTC+08:00" */
    if (strftime(zone, sizeof zone, "%z", &tm) == 5)
        snprintf(buf, n, "%s (UTC%.3s:%.2s)", day, zone, zone + 3);
    else
        snprintf(buf, n, "%s", day);
}
