/* The browser build's strtod (src/web/strtod.c, which emscripten links in front of
 * libc's) against this libc's, on the numbers GeoJSON and CityJSON files hold and on
 * the ones it hands back to libc: every result the same double, every end the same. */
#include "check.h"

#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

double __real_strtod(const char *s, char **end);
double __wrap_strtod(const char *s, char **end);

double __real_strtod(const char *s, char **end)
{
    return strtod(s, end);
}

#include "../src/web/strtod.c"

static void same(const char *s)
{
    char *e1, *e2;
    double a = __wrap_strtod(s, &e1), b = strtod(s, &e2);
    bool ok = memcmp(&a, &b, sizeof a) == 0 && e1 == e2;
    CHECK(ok);
    if (!ok)
        fprintf(stderr, "  \"%s\": %.17g (end %td), libc %.17g (end %td)\n", s, a, e1 - s, b,
                e2 - s);
}

int main(void)
{
    static const char *const fixed[] = {
        "0", "-0", "1", "-1", "0.1", "-122.4194155", "37.7749295", "120.3826", "36.0671",
        "9007199254740992", "9007199254740993", "123456789012345678901234567890", "1e22", "1e23",
        "1.5e-22", "1e-23", "4.9e-324", "1.7976931348623157e308", "1e309", ".5", "5.", "-.5e3",
        "1e", "1e+", "-", ".", "", "  42", "+7", "0x1p3", "inf", "nan", "12abc", "3.25E2",
        "0.000000000000000000001", "00012.5000", "2.2250738585072014e-308", "1,5"};
    for (size_t i = 0; i < sizeof fixed / sizeof *fixed; i++)
        same(fixed[i]);
    /* coordinates and heights as files write them: 1 to 17 digits, any exponent */
    srand(7);
    char buf[64];
    for (int i = 0; i < 200000; i++) {
        double v = (rand() / (double)RAND_MAX - 0.5) * pow(10, rand() % 12 - 4);
        snprintf(buf, sizeof buf, "%.*g", 1 + rand() % 17, v);
        same(buf);
        snprintf(buf, sizeof buf, "%.*f", rand() % 12, v);
        same(buf);
        snprintf(buf, sizeof buf, "%.*e", rand() % 16, v);
        same(buf);
    }
    return check_report();
}
