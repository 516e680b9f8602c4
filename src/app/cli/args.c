/* The one option parser: strict, with every mistake named. */
#include "cli.h"

#include "louyu/file.h"
#include "louyu/store.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int ly_cli_usage_error(const ly_command *c, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "louyu %s: ", c->name);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\nusage: louyu %s%s%s   (louyu help %s tells more)\n", c->name,
            c->usage[0] ? " " : "", c->usage, c->name);
    return LY_EXIT_USAGE;
}

int ly_cli_out_check(const ly_command *c, const char *out, bool folder, const char *input)
{
    char why[4200];
    struct stat st;
    if (!ly_out_problem(out, folder, why, sizeof why) &&
        !ly_out_loses_input(out, folder, input, why, sizeof why)) {
        /* (a store is never written over: its weeks of reports would go with it) */
        if (folder || stat(out, &st) || !S_ISREG(st.st_mode) || !ly_store_is(out))
            return 0;
        snprintf(why, sizeof why, "it is a louyu store: expected another file (louyu never "
                 "writes over a store: its weekly reports would be lost)");
    }
    fprintf(stderr, "louyu %s: cannot write %s: %s\n", c->name, out, why);
    return LY_EXIT_USAGE;
}

static const ly_opt *find_opt(const ly_command *c, const char *name)
{
    for (const ly_opt *const *g = c->options; g && *g; g++)
        for (const ly_opt *o = *g; o->name; o++)
            if (!strcmp(o->name, name))
                return o;
    return NULL;
}

/* A number written whole: no junk after it, finite. */
/* A number as people write one: digits, a sign, a point, an exponent; not strtod's hex,
 * "inf" or leading blanks. */
static bool number(const char *s, double *out)
{
    if (!s[0] || s[strspn(s, "0123456789+-.eE")] || !strpbrk(s, "0123456789"))
        return false;
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (end == s || *end || errno == ERANGE || !isfinite(v))
        return false;
    *out = v;
    return true;
}

/* A whole number in decimal digits (with a sign): "10", not "1e1", "10.0" or "0xA". */
static bool whole(const char *s, double *out)
{
    const char *d = s + (*s == '-' || *s == '+');
    return d[0] && !d[strspn(d, "0123456789")] && strlen(d) <= 18 && number(s, out);
}

/* "A<sep>B[<sep>C]" into v; false unless exactly n numbers (whole ones with whole_). */
static bool numbers(const char *s, char sep, int n, bool whole_, double *v)
{
    char buf[128];
    if (strlen(s) >= sizeof buf)
        return false;
    strcpy(buf, s);
    char *p = buf;
    for (int i = 0; i < n; i++) {
        char *cut = i + 1 < n ? strchr(p, sep) : NULL;
        if (i + 1 < n && !cut)
            return false;
        if (cut)
            *cut = '\0';
        if (!(whole_ ? whole(p, &v[i]) : number(p, &v[i])))
            return false;
        p = cut ? cut + 1 : p;
    }
    return true;
}

static bool in_range(const ly_opt *o, double v)
{
    return v >= o->min && v <= o->max;
}

/* What a value of this option must look like, for the message. */
static void expected(const ly_opt *o, char *buf, size_t n)
{
    switch (o->type) {
    case LY_OPT_INT:
        if (o->choices)
            snprintf(buf, n, "one of %s", o->choices);
        else
            snprintf(buf, n, "a whole number from %.0f to %.0f", o->min, o->max);
        break;
    case LY_OPT_NUM:
        snprintf(buf, n, "a number from %.15g to %.15g", o->min, o->max);
        break;
    case LY_OPT_CHOICE:
        snprintf(buf, n, "one of %s", o->choices);
        break;
    case LY_OPT_SIZE:
        snprintf(buf, n, "WIDTHxHEIGHT in pixels, %.0f to %.0f each", o->min, o->max);
        break;
    case LY_OPT_POINT:
        snprintf(buf, n, "X,Y in pixels");
        break;
    case LY_OPT_WHEEL:
        snprintf(buf, n, "X,Y,N (pixels, and notches from %g to %g)", o->min, o->max);
        break;
    default: /* (its value's name: "--out wants FILE", not "a text") */
        snprintf(buf, n, "%s", o->value && o->value[0] ? o->value : "a text");
        break;
    }
}

static bool choice(const char *choices, const char *v)
{
    size_t len = strlen(v);
    for (const char *p = choices; *p;) {
        const char *bar = strchr(p, '|');
        size_t k = bar ? (size_t)(bar - p) : strlen(p);
        if (k == len && !strncmp(p, v, k))
            return true;
        p += k + (bar ? 1 : 0);
    }
    return false;
}

/* Reads one option's value into g; false when it is not what the option takes. */
static bool read_value(const ly_opt *o, const char *v, double *g)
{
    switch (o->type) {
    case LY_OPT_INT: /* (within its range; one of its choices where it names some) */
        return whole(v, &g[0]) && in_range(o, g[0]) &&
               (!o->choices || choice(o->choices, v));
    case LY_OPT_NUM:
        return number(v, &g[0]) && in_range(o, g[0]);
    case LY_OPT_CHOICE:
        return choice(o->choices, v);
    case LY_OPT_SIZE:
        return (numbers(v, 'x', 2, true, g) || numbers(v, 'X', 2, true, g)) &&
               in_range(o, g[0]) && in_range(o, g[1]);
    case LY_OPT_POINT:
        return numbers(v, ',', 2, false, g);
    case LY_OPT_WHEEL:
        return numbers(v, ',', 3, false, g) && in_range(o, g[2]);
    default:
        return v[0] != '\0';
    }
}

/* An option this command does not take: another command's, or none's. */
static int foreign(const ly_command *c, const char *name)
{
    size_t n;
    const ly_command *all = ly_cli_commands(&n);
    /* (the report commands' store, given to a command that reads a store as its file) */
    if (!strcmp(name, "--db") && c->usage && strstr(c->usage, "FILE"))
        return ly_cli_usage_error(c, "--db is the store of the `louyu report` commands; "
                                     "`louyu %s` reads a store as its FILE: louyu %s STORE.gpkg",
                                  c->name, c->name);
    /* every command that takes it ("--lang is an option of `louyu view`, `louyu nearby`
     * ..."): naming only the first had made it sound like the viewer's alone */
    char which[512];
    size_t at = 0, found = 0;
    which[0] = '\0';
    for (size_t i = 0; i < n && at < sizeof which; i++)
        if (&all[i] != c && find_opt(&all[i], name)) {
            int w = snprintf(which + at, sizeof which - at, "%s`louyu %s`", found ? ", " : "",
                             all[i].name);
            at += w > 0 ? (size_t)w : 0;
            found++;
        }
    if (found)
        return ly_cli_usage_error(c, "%s is an option of %s, not of `louyu %s`", name, which,
                                  c->name);
    return ly_cli_usage_error(c, "unknown option '%s'", name);
}

static int option(ly_args *a, const ly_command *c, int argc, char **argv, int *i)
{
    /* --name=value as well as --name value (what GNU tools take) */
    char name[64];
    const char *eq = !strncmp(argv[*i], "--", 2) ? strchr(argv[*i], '=') : NULL;
    snprintf(name, sizeof name, "%.*s", eq ? (int)(eq - argv[*i]) : (int)strlen(argv[*i]),
             argv[*i]);
    const ly_opt *o = eq && (size_t)(eq - argv[*i]) >= sizeof name ? NULL : find_opt(c, name);
    if (!o)
        return foreign(c, eq ? name : argv[*i]); /* (its name: another command's, or none's) */
    if (ly_arg_given(a, o->name))
        return ly_cli_usage_error(c, "%s is given twice", o->name);
    if (a->n_given >= (int)(sizeof a->given / sizeof a->given[0]))
        return ly_cli_usage_error(c, "too many options");
    int k = a->n_given++;
    a->given[k].opt = o;
    a->given[k].text = NULL;
    if (o->type == LY_OPT_FLAG && eq)
        return ly_cli_usage_error(c, "%s takes no value, not '%s'", o->name, eq + 1);
    if (o->type == LY_OPT_FLAG)
        return 0;
    if (!eq && *i + 1 >= argc)
        return ly_cli_usage_error(c, "%s needs a value (%s)", o->name, o->value);
    const char *v = eq ? eq + 1 : argv[++*i];
    a->given[k].text = v;
    if (!read_value(o, v, a->given[k].v)) {
        char want[160];
        expected(o, want, sizeof want);
        return ly_cli_usage_error(c, "%s wants %s, not '%s'", o->name, want, v);
    }
    return 0;
}

int ly_args_parse(ly_args *a, const ly_command *c, int argc, char **argv)
{
    memset(a, 0, sizeof *a);
    a->cmd = c;
    bool options_end = false; /* after "--", a name that starts with '-' is a file */
    for (int i = 0; i < argc; i++) {
        const char *s = argv[i];
        if (!options_end && !strcmp(s, "--")) {
            options_end = true;
        } else if (!options_end && s[0] == '-' && s[1]) {
            int rc = option(a, c, argc, argv, &i);
            if (rc)
                return rc;
        } else if (!s[0]) {
            return ly_cli_usage_error(c, "argument %d is empty: expected %s", a->n_pos + 1,
                                      c->usage);
        } else if (a->n_pos < c->max_pos && a->n_pos < (int)(sizeof a->pos / sizeof *a->pos)) {
            a->pos[a->n_pos++] = s;
        } else {
            return ly_cli_usage_error(c, "unexpected argument '%s'", s);
        }
    }
    if (a->n_pos < c->min_pos)
        return ly_cli_usage_error(c, "%s", c->min_pos == 1 ? "an argument is missing"
                                                           : "arguments are missing");
    return 0;
}

static int given(const ly_args *a, const char *name)
{
    for (int i = 0; i < a->n_given; i++)
        if (!strcmp(a->given[i].opt->name, name))
            return i;
    return -1;
}

bool ly_arg_given(const ly_args *a, const char *name)
{
    return given(a, name) >= 0;
}

bool ly_arg_flag(const ly_args *a, const char *name)
{
    return given(a, name) >= 0;
}

const char *ly_arg_text(const ly_args *a, const char *name, const char *def)
{
    int k = given(a, name);
    return k >= 0 && a->given[k].text ? a->given[k].text : def;
}

double ly_arg_num(const ly_args *a, const char *name, double def)
{
    int k = given(a, name);
    return k >= 0 ? a->given[k].v[0] : def;
}

bool ly_arg_values(const ly_args *a, const char *name, double out[3])
{
    int k = given(a, name);
    if (k < 0)
        return false;
    memcpy(out, a->given[k].v, sizeof a->given[k].v);
    return true;
}

const char *ly_arg_pos(const ly_args *a, int i)
{
    return i >= 0 && i < a->n_pos ? a->pos[i] : NULL;
}
