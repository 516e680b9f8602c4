/* Small districts written as GeoJSON text in memory, for the tests that build their
 * own (test_ground.c, test_walk.c): positions are given in metres around (120 E, 36 N)
 * and turned into degrees roughly; the tests take their expectations from the
 * projected points, never from these numbers. Static functions: include once per test. */
#ifndef LOUYU_TESTS_DISTRICT_TEXT_H
#define LOUYU_TESTS_DISTRICT_TEXT_H
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

static double lon_of(double x)
{
    return 120.0 + x / 90163.0;
}
static double lat_of(double y)
{
    return 36.0 + y / 110950.0;
}

typedef struct {
    char text[1 << 22];
    size_t n;
} json_buf;

static void add(json_buf *j, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int k = vsnprintf(j->text + j->n, sizeof j->text - j->n, fmt, ap);
    va_end(ap);
    if (k > 0)
        j->n += (size_t)k;
    if (j->n >= sizeof j->text)
        abort();
}

/* Appends "[[lon,lat],...]" for n (x, y) metre pairs; a ring is closed. */
static void coords(json_buf *j, const double *xy, int n, bool ring)
{
    add(j, "[");
    for (int i = 0; i <= n - (ring ? 0 : 1); i++) {
        int k = i % n;
        add(j, "%s[%.17g,%.17g]", i ? "," : "", lon_of(xy[2 * k]), lat_of(xy[2 * k + 1]));
    }
    add(j, "]");
}

static void begin(json_buf *j)
{
    j->n = 0;
    add(j, "{\"type\":\"FeatureCollection\",\"features\":[");
}

/* A comma before every feature but the first. */
static void sep(json_buf *j)
{
    if (j->text[j->n - 1] != '[')
        add(j, ",");
}
#endif
