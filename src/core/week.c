#include "louyu/week.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>

/* Days from the civil calendar and back (proleptic Gregorian), without tables:
 * the year is shifted to start in March so that the leap day comes last. */
static long days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void ly_date_from_days(long z, int *y, int *m, int *d)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

bool ly_date_days(int y, int m, int d, long *days)
{
    static const int len[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1)
        return false;
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (d > len[m - 1] + (m == 2 && leap))
        return false;
    *days = days_from_civil(y, m, d);
    return true;
}

/* Reads digits into *v (at most `max` of them); returns the position after them. */
static const char *digits(const char *s, int max, int *v)
{
    int n = 0;
    *v = 0;
    while (n < max && isdigit((unsigned char)s[n]))
        *v = *v * 10 + (s[n++] - '0');
    return n ? s + n : NULL;
}

static const char *skip_spaces(const char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    return s;
}

bool ly_date_parse(const char *s, long *days)
{
    int y, m, d;
    const char *p = digits(skip_spaces(s), 4, &y);
    if (!p || p - skip_spaces(s) != 4 || (*p != '-' && *p != '/' && *p != '.'))
        return false;
    char sep = *p;
    if (!(p = digits(p + 1, 2, &m)) || *p != sep || !(p = digits(p + 1, 2, &d)))
        return false;
    return *skip_spaces(p) == '\0' && ly_date_days(y, m, d, days);
}

/* Monday = 0 ... Sunday = 6 (1970-01-01 was a Thursday). */
static int weekday(long days)
{
    long w = (days + 3) % 7;
    return (int)(w < 0 ? w + 7 : w);
}

int ly_week_of_day(long days)
{
    /* the week's Thursday decides its year */
    long thursday = days - weekday(days) + 3;
    int y, m, d;
    ly_date_from_days(thursday, &y, &m, &d);
    long jan1 = days_from_civil(y, 1, 1);
    return y * 100 + (int)((thursday - jan1) / 7) + 1;
}

bool ly_week_monday(int week, long *days)
{
    int y = week / 100, w = week % 100;
    if (y < 1900 || y > 2200 || w < 1 || w > 53)
        return false;
    /* week 1 holds 4 January */
    long jan4 = days_from_civil(y, 1, 4);
    long monday = jan4 - weekday(jan4) + 7L * (w - 1);
    if (ly_week_of_day(monday) != week)
        return false; /* a 53rd week in a year of 52 */
    *days = monday;
    return true;
}

bool ly_week_parse(const char *s, int *week)
{
    s = skip_spaces(s);
    int y, w;
    const char *p = digits(s, 4, &y);
    if (p && p - s == 4 && (*p == 'W' || *p == 'w' || (*p == '-' && (p[1] == 'W' || p[1] == 'w')))) {
        p += *p == '-' ? 2 : 1;
        const char *q = digits(p, 2, &w);
        long monday;
        if (!q || q - p != 2 || *skip_spaces(q) != '\0' || !ly_week_monday(y * 100 + w, &monday))
            return false;
        *week = y * 100 + w;
        return true;
    }
    long days;
    if (!ly_date_parse(s, &days))
        return false;
    *week = ly_week_of_day(days);
    return true;
}

const char *ly_week_format(int week, char *buf, size_t n)
{
    snprintf(buf, n, "%04d-W%02d", week / 100, week % 100);
    return buf;
}

int ly_week_next(int week)
{
    long monday;
    return ly_week_monday(week, &monday) ? ly_week_of_day(monday + 7) : week;
}

int ly_week_prev(int week)
{
    long monday;
    return ly_week_monday(week, &monday) ? ly_week_of_day(monday - 7) : week;
}
