/* louyu week: ISO 8601 weeks, the unit of the weekly vacancy reports.
 *
 * A week is kept as one integer, year * 100 + week (2011-W17 is 201117), so
 * that weeks sort as numbers. The ISO year of a week can differ from the
 * calendar year of its days (2010-01-03 is in 2009-W53). No GL, no SDL. */
#ifndef LOUYU_WEEK_H
#define LOUYU_WEEK_H

#include <stdbool.h>
#include <stddef.h>

/* Days since 1970-01-01 of a calendar date; false when the date does not exist. */
bool ly_date_days(int y, int m, int d, long *days);
/* Today by this computer's clock, in its time zone, as a day number. */
long ly_today(void);
/* Whether a week's figures may be reported now: it has begun, or it is next week (a
 * report filled in on a Sunday, a clock a day off); a later one is a typo. */
bool ly_week_reportable(int week, int *this_week);
/* The calendar date of a day number. */
void ly_date_from_days(long days, int *y, int *m, int *d);
/* "2011-04-29", "2011/4/29", "2011.4.29" or "2011年4月29日" as a day number, a time of day
 * after it ignored ("2011/4/29 0:00", as a spreadsheet writes a date cell with a time);
 * false when it is none. */
bool ly_date_parse(const char *s, long *days);

/* The ISO week a day lies in. */
int ly_week_of_day(long days);
/* The Monday of an ISO week, as a day number; false for a week that does not exist
 * (2011-W53: 2011 has 52). */
bool ly_week_monday(int week, long *days);
/* "2011-W17", "2011W17", "2011-w17", "2011年第17周" or a date in that week ("2011-04-29"): the week;
 * false when the text is none of these or the week does not exist. */
bool ly_week_parse(const char *s, int *week);
/* "2011-W17" into buf (at least 9 bytes). */
const char *ly_week_format(int week, char *buf, size_t n);
/* The week after and the week before. */
int ly_week_next(int week);
int ly_week_prev(int week);

#endif
