/* louyu clock: milliseconds on the monotonic clock, for timings and benches.
 * No state, no allocation. */
#ifndef LOUYU_CLOCK_H
#define LOUYU_CLOCK_H

double ly_clock_ms(void);

#endif
