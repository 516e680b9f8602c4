#include "louyu/week.h"
#include "vocab.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

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

/* Whether s starts with w; *after is then past it. */
static bool starts(const char *s, const char *w, const char **after)
{
    size_t n = strlen(w);
    if (strncmp(s, w, n))
        return false;
    *after = s + n;
    return true;
}

/* Past a time of day after a date and a space ("0:00", "00:00:00"), else p. */
static const char *skip_time(const char *p)
{
    const char *q = skip_spaces(p), *t;
    int h, mi, sec = 0;
    if (q == p || !(t = digits(q, 2, &h)) || *t != ':' || !(t = digits(t + 1, 2, &mi)))
        return p;
    if (*t == ':' && !(t = digits(t + 1, 2, &sec)))
        return p;
    return h < 24 && mi < 60 && sec < 60 ? t : p;
}

bool ly_date_parse(const char *s, long *days)
{
    int y, m, d;
    const char *b = skip_spaces(s), *p = digits(b, 4, &y), *q;
    if (!p || p - b != 4)
        return false;
    if (starts(p, ly_vocab_date_year, &q)) { /* 2011年4月29日 */
        if (!(p = digits(q, 2, &m)) || !starts(p, ly_vocab_date_month, &q) ||
            !(p = digits(q, 2, &d)))
            return false;
        for (const char *const *x = ly_vocab_date_day; *x; x++)
            if (starts(p, *x, &q)) {
                p = q;
                break;
            }
    } else {
        if (*p != '-' && *p != '/' && *p != '.')
            return false;
        char sep = *p;
        if (!(p = digits(p + 1, 2, &m)) || *p != sep || !(p = digits(p + 1, 2, &d)))
            return false;
    }
    return *skip_spaces(skip_time(p)) == '\0' && ly_date_days(y, m, d, days);
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
        if (q && q[0] == '-' && q[1] >= '1' && q[1] <= '7' && !isdigit((unsigned char)q[2]))
            q += 2; /* 2011-W17-3: a day of the week (ISO 8601's week date), in that week */
        long monday;
        /* (one digit too: a manager's 2011-W7 is 2011-W07) */
        if (!q || *skip_spaces(q) != '\0' || !ly_week_monday(y * 100 + w, &monday))
            return false;
        *week = y * 100 + w;
        return true;
    }
    const char *q;
    if (p && p - s == 4 && starts(p, ly_vocab_date_year, &q) && starts(q, ly_vocab_week_nth, &q)) {
        const char *r = digits(q, 2, &w); /* 2011年第17周 */
        long monday;
        if (!r || !starts(r, ly_vocab_week, &r) || *skip_spaces(r) != '\0' ||
            !ly_week_monday(y * 100 + w, &monday))
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

long ly_today(void)
{
    time_t now = time(NULL);
    struct tm tm;
    long days;
    if (!localtime_r(&now, &tm) || !ly_date_days(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, &days))
        return (long)(now / 86400);
    return days;
}

bool ly_week_reportable(int week, int *this_week)
{
    long first, this_monday;
    *this_week = ly_week_of_day(ly_today());
    return !(ly_week_monday(week, &first) && ly_week_monday(*this_week, &this_monday) &&
             first > this_monday + 7);
}
