#include "data.h"
#include "cli.h"
#include "louyu/fetch.h"
#include "louyu/search.h"
#include "louyu/strings.h"
#include "louyu/week.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int ly_cli_lod(const ly_args *a, bool window, const char **lod)
{
    const char *v = ly_arg_text(a, "--lod", NULL);
    *lod = v;
    if (!v || (window && (!strcmp(v, "on") || !strcmp(v, "off"))))
        return 0;
    /* CityJSON's levels: 0 to 3, optionally with one decimal (1.2, 2.2) */
    bool ok = v[0] >= '0' && v[0] <= '3' &&
              (!v[1] || (v[1] == '.' && v[2] >= '0' && v[2] <= '9' && !v[3]));
    if (ok)
        return 0;
    return ly_cli_usage_error(a->cmd, "--lod %s: expected %sa CityJSON level of detail such as 1, "
                              "1.2 or 2.2", v, window ? "on, off or " : "");
}

void ly_cli_say_skippable(const char *path, const ly_diag_list *diags)
{
    if (diags->skippable)
        fprintf(stderr, "%s: %zu feature%s ha%s errors: --skip-bad reads the file without %s\n",
                path, diags->skippable, diags->skippable == 1 ? "" : "s",
                diags->skippable == 1 ? "s" : "ve", diags->skippable == 1 ? "it" : "them");
}

void ly_cli_say_left_out(const char *path, size_t n)
{
    if (n)
        fprintf(stderr, "%s: %zu feature%s with errors left out (louyu validate --skip-bad "
                "lists why)\n", path, n, n == 1 ? "" : "s");
}

void ly_cli_say_layers_only(const char *path, const ly_district *d)
{
    if (d->meta.store_layers_only)
        fprintf(stderr, "%s: a copy of a louyu store's layers without the district it keeps: "
                "its weekly reports, floors and enterprises are not read (louyu validate %s "
                "says more)\n", path, path);
}

void ly_cli_say_table_edits(const char *path, size_t n)
{
    if (n)
        fprintf(stderr, "%s: %zu row%s of its buildings layer %s changed by another program "
                "and %s not read (louyu validate %s says more)\n", path, n, n == 1 ? "" : "s",
                n == 1 ? "was" : "were", n == 1 ? "is" : "are", path);
}

void ly_cli_say_rows_left_out(const char *path, size_t n)
{
    /* (figures without them: said by every reader, not by validate alone) */
    if (n)
        fprintf(stderr, "%s: %zu weekly report row%s that another program changed %s left out "
                "(louyu validate %s says which and why)\n", path, n, n == 1 ? "" : "s",
                n == 1 ? "is" : "are", path);
}

int ly_cli_load_district(ly_district *d, const char *path, const ly_args *a)
{
    const char *lod = NULL;
    if (a && ly_cli_lod(a, false, &lod)) {
        memset(d, 0, sizeof *d);
        return LY_EXIT_USAGE;
    }
    bool skip_bad = a && ly_arg_flag(a, "--skip-bad");
    ly_diag_list diags;
    ly_diag_list_init(&diags, path);
    ly_load_result r =
        ly_district_load(d, path, &(ly_load_desc){.lod = lod, .skip_bad = skip_bad}, &diags);
    ly_diag_sort(&diags);
    /* a URL's warnings include "showing the last good copy": the answer may be stale */
    bool url = ly_is_url(path);
    for (size_t i = 0; i < diags.count; i++)
        if (r != LY_LOAD_OK || url || diags.items[i].severity == LY_DIAG_ERROR)
            ly_diag_print(stderr, &diags, &diags.items[i]);
    if (r == LY_LOAD_DATA) {
        fprintf(stderr, "%s: %zu error%s (run louyu validate for all problems)\n", path,
                diags.errors, diags.errors == 1 ? "" : "s");
        ly_cli_say_skippable(path, &diags);
    } else if (r == LY_LOAD_OK) {
        ly_cli_say_left_out(path, d->n_left_out);
        ly_cli_say_rows_left_out(path, d->n_rows_left_out);
        ly_cli_say_table_edits(path, d->n_table_edits);
        ly_cli_say_layers_only(path, d);
    }
    ly_diag_list_deinit(&diags);
    return r == LY_LOAD_OK ? LY_EXIT_OK : r == LY_LOAD_DATA ? LY_EXIT_DATA : LY_EXIT_USAGE;
}

void ly_json_str(cJSON *o, const char *key, const char *s)
{
    if (s)
        cJSON_AddStringToObject(o, key, s);
    else
        cJSON_AddNullToObject(o, key);
}

void ly_json_num_or_null(cJSON *o, const char *key, double v)
{
    if (v < 0 || !isfinite(v))
        cJSON_AddNullToObject(o, key);
    else
        cJSON_AddNumberToObject(o, key, v);
}

int ly_cli_stdout_errno;
bool ly_cli_stdout_said;

void ly_json_print(cJSON *root)
{
    char *text = cJSON_Print(root);
    if (text && (puts(text) == EOF || fflush(stdout)) && !ly_cli_stdout_errno)
        ly_cli_stdout_errno = errno;
    cJSON_free(text);
    cJSON_Delete(root);
}

const char *ly_thousands(double v, char *buf, size_t n)
{
    ly_format_grouped(v, buf, n);
    return buf;
}

const char *ly_cli_title(const ly_building *b, ly_lang lang, const char *sep, char *buf, size_t n)
{
    if (b->name && ly_name_second(b->name, b->name_en))
        snprintf(buf, n, "%s%s%s", b->name, sep, b->name_en);
    else if (b->name || b->name_en)
        snprintf(buf, n, "%s", b->name ? b->name : b->name_en);
    else {
        char t[160];
        snprintf(buf, n, "%s", ly_building_title(b, lang, t, sizeof t));
    }
    return buf;
}

int ly_cli_week(const ly_args *a, const char *text, int *week)
{
    int y, w;
    long monday;
    char tail;
    if (sscanf(text, " %4d-W%2d%c", &y, &w, &tail) == 2 && !ly_week_parse(text, week) &&
        y >= 1900 && y <= 2200 && w >= 1 && w <= 53)
        return ly_cli_usage_error(a->cmd, "'%s' does not exist (%d has %d weeks): expected an "
                                          "ISO week such as 2011-W17",
                                  text, y, ly_week_monday(y * 100 + 53, &monday) ? 53 : 52);
    if (!ly_week_parse(text, week))
        return ly_cli_usage_error(a->cmd,
                                  "'%s' is not a week: expected an ISO week such as 2011-W17, or a "
                                  "date in it",
                                  text);
    return 0;
}

long ly_cli_building(const char *cmd, const char *path, const ly_district *d, const char *text)
{
    long b = ly_district_find_named(d, text);
    if (b >= 0) {
        /* an id first, then names: where the id is also another building's name, said */
        long other[2];
        size_t n = strcmp(d->buildings[b].id, text) ? 0 : ly_district_all_named(d, text, other, 2);
        for (size_t i = 0; i < n && i < 2; i++)
            if (other[i] != b)
                fprintf(stderr, "louyu %s: note: \"%s\" is the id of one building and the name "
                                "of another, %s; the id is taken\n",
                        cmd, text, d->buildings[other[i]].id);
        return b;
    }
    fprintf(stderr, "louyu %s: %s has no building \"%s\"", cmd, path, text);
    if (b == -2)
        fprintf(stderr, " of its own: that name is shared; expected the id of one of:");
    else
        fprintf(stderr, ": expected a building's id or exact name");
    /* the buildings the viewer's search would offer for it (for a shared name: those) */
    ly_search s;
    ly_search_hit hits[6];
    size_t n = 0;
    if (ly_search_init(&s, d, LY_LANG_EN) == 0) {
        n = ly_search_run(&s, text, hits, 6);
        ly_search_deinit(&s);
    }
    if (n && b != -2)
        fprintf(stderr, "; names that match:");
    char title[256];
    for (size_t i = 0; i < n && i < 5; i++) {
        const ly_building *x = &d->buildings[hits[i].building];
        fprintf(stderr, "%s %s (%s)", i ? "," : "", x->id,
                ly_cli_title(x, LY_LANG_EN, " · ", title, sizeof title));
    }
    if (n > 5)
        fprintf(stderr, " ...");
    fprintf(stderr, " (louyu info %s lists them all)\n", path);
    return -1;
}

size_t ly_cli_text_width(const char *s)
{
    size_t w = 0;
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        unsigned c = *p++, cp = c;
        int more = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
        if (more)
            cp = c & (0x3Fu >> more);
        for (; more && (*p & 0xC0) == 0x80; more--)
            cp = cp << 6 | (*p++ & 0x3Fu);
        int wide = (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
                   (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
                   (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
                   (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD);
        w += wide ? 2 : 1;
    }
    return w;
}

void ly_cli_pad(const char *text, int width)
{
    int w = (int)ly_cli_text_width(text), room = abs(width) > w ? abs(width) - w : 0;
    printf("%*s%s%*s", width > 0 ? room : 0, "", text, width < 0 ? room : 0, "");
}

const char *ly_cli_str(ly_string_id id, ly_lang lang, const char *en)
{
    return lang == LY_LANG_EN ? en : ly_str(id, lang);
}

ly_lang ly_cli_lang(const ly_args *a)
{
    if (ly_arg_given(a, "--lang"))
        return ly_lang_parse(ly_arg_text(a, "--lang", "en"));
    return ly_lang_from_locale(getenv("LANGUAGE"), getenv("LC_ALL"), getenv("LC_MESSAGES"),
                               getenv("LANG"));
}
