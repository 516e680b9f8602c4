/* strtod for the browser build, linked in front of libc's (-Wl,--wrap=strtod).
 *
 * emscripten's libc (musl) reads every number through 128-bit long double arithmetic,
 * which WebAssembly does in software: it was most of the time a district's load spent
 * (cJSON reads numbers with strtod). A number whose significant digits make an integer
 * of at most 2^53 and whose decimal exponent is at most 22 either way is one
 * multiplication or division of two doubles that are both exact, which IEEE 754 rounds
 * correctly (Clinger's fast path): the same double libc gives. Everything else (more
 * digits, larger exponents, hex, inf, nan) goes to libc's own strtod. */
#include <ctype.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>

double __real_strtod(const char *s, char **end);
double __wrap_strtod(const char *s, char **end);

static const double POW10[23] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                 1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

double __wrap_strtod(const char *s, char **end)
{
    const char *p = s;
    while (isspace((unsigned char)*p))
        p++;
    bool neg = *p == '-';
    if (*p == '-' || *p == '+')
        p++;
    if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X'))
        return __real_strtod(s, end); /* hexadecimal */
    uint64_t m = 0;
    int digits = 0, scale = 0; /* digits read; the decimal point's shift */
    bool exact = true;
    for (; *p >= '0' && *p <= '9'; p++, digits++) {
        if (m >= (UINT64_C(1) << 53) / 10)
            exact = false;
        m = m * 10 + (uint64_t)(*p - '0');
    }
    if (*p == '.') {
        for (p++; *p >= '0' && *p <= '9'; p++, digits++, scale--) {
            if (m >= (UINT64_C(1) << 53) / 10)
                exact = false;
            m = m * 10 + (uint64_t)(*p - '0');
        }
    }
    if (!digits || !exact || m > (UINT64_C(1) << 53))
        return __real_strtod(s, end);
    if (*p == 'e' || *p == 'E') {
        const char *q = p + 1;
        bool eneg = *q == '-';
        if (*q == '-' || *q == '+')
            q++;
        if (*q < '0' || *q > '9')
            return __real_strtod(s, end); /* "1e": libc knows where such a number ends */
        int e = 0;
        for (; *q >= '0' && *q <= '9'; q++)
            if (e < 10000)
                e = e * 10 + (*q - '0');
        scale += eneg ? -e : e;
        p = q;
    }
    if (scale < -22 || scale > 22)
        return __real_strtod(s, end);
    double v = (double)m;
    v = scale < 0 ? v / POW10[-scale] : v * POW10[scale];
    if (end)
        *end = (char *)p;
    return neg ? -v : v;
}
