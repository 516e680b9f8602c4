/* louyu clock: milliseconds on the monotonic clock, for timings and benches, and
 * wall-clock times written for people. No state, no allocation. */
#ifndef LOUYU_CLOCK_H
#define LOUYU_CLOCK_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

double ly_clock_ms(void);

/* Wall-clock time t for people: "2026-12-07 21:43:52 UTC" (utc), as the log's lines are
 * stamped, or in the local zone with its offset, "2026-12-08 05:43:52 (UTC+08:00)", for a
 * caretaker reading a panel who may compare it with the log. */
void ly_clock_stamp(time_t t, bool utc, char *buf, size_t n);

#endif
