#include "vocab.h"

#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

const char *const ly_vocab_report_names[LY_RC_COUNT][6] = {
    [LY_RC_WEEK] = {"week", "周", "周次", NULL},
    [LY_RC_BUILDING] = {"building", "building_id", "楼宇", "楼宇编号", "大厦", NULL},
    [LY_RC_FLOORS] = {"floors", "floor", "楼层", NULL},
    [LY_RC_VACANT] = {"vacant_m2", "vacant", "空置面积", "空置", NULL},
    [LY_RC_RENT] = {"rent_cny_m2_day", "rent", "租金", NULL},
    [LY_RC_AVAILABLE] = {"available_from", "available", "可入驻日期", "可入驻", NULL},
    [LY_RC_CONTACT] = {"contact", "联系人", "联系方式", NULL},
    [LY_RC_NOTE] = {"note", "notes", "备注", NULL},
};

const char *const ly_vocab_report_header[LY_RC_COUNT] = {
    "week/周",          "building/楼宇",         "floors/楼层",
    "vacant_m2/空置面积", "rent_cny_m2_day/租金", "available_from/可入驻日期",
    "contact/联系人",     "note/备注",
};

const char *const ly_vocab_metres[] = {"m", "metre", "metres", "meter", "meters", "米", "公尺",
                                       NULL};
const char *const ly_vocab_area_units[] = {"m2", "m²", "㎡", "sqm", "平方米", "平米", NULL};
const char *const ly_vocab_rent_units[] = {"元/平方米/天", "元/㎡/天", "元", "cny", "yuan", NULL};
const char *const ly_vocab_now_words[] = {"now", "immediately", "立即", "随时", "即日", NULL};
const char *const ly_vocab_rent_money[] = {"元", "cny", "yuan", "rmb", NULL};
const char *const ly_vocab_rent_days[] = {"天", "日", "day", NULL};
const char *const ly_vocab_rent_seps[] = {"/", "／", "·", "・", ".", "*", "每", " ", "\t", NULL};
const char *const ly_vocab_negotiable[] = {"面议", "议价", "egotiable", NULL};
const char *const ly_vocab_floor_ranges[] = {"-", "–", "—", "~", "～", "至", "to", NULL};
const char *const ly_vocab_floor_suffixes[] = {"F", "f", "层", "楼", NULL};
const char *const ly_vocab_floor_lists[] = {",", "，", "、", ";", "；", NULL};
const char *const ly_vocab_open_bracket = "（";
const char *const ly_vocab_date_year = "年", *const ly_vocab_date_month = "月";
const char *const ly_vocab_date_day[] = {"日", "号", NULL};
const char *const ly_vocab_week_nth = "第", *const ly_vocab_week = "周";

const char *const ly_vocab_house_number = "号";

const char *const ly_vocab_shapefile_columns[][2] = {
    {"名称", "name"},     {"建筑名称", "name"},   {"楼宇名称", "name"},    {"高度", "height"},
    {"建筑高度", "height"}, {"层数", "floors"},     {"楼层数", "floors"},    {"地上层数", "floors"},
    {"地址", "address"},   {"建成年份", "year"},
    /* as Taiwan's and Hong Kong's tables write them */
    {"名稱", "name"},     {"建築名稱", "name"},   {"樓宇名稱", "name"},    {"建築高度", "height"},
    {"層數", "floors"},     {"樓層數", "floors"},    {"地上層數", "floors"},  {NULL, NULL}};

/* s with full-width forms (U+FF01 to U+FF5E, what a Chinese input method types: １２００,
 * ３－５, Ｆ１２) and the ideographic and no-break spaces as ASCII, into out (n bytes);
 * s itself when it has none or is too long. */
const char *ly_ascii_forms(const char *s, char *out, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    if (!strstr(s, "\xEF\xBC") && !strstr(s, "\xEF\xBD") && !strstr(s, "\xE3\x80\x80") &&
        !strstr(s, "\xC2\xA0") && !strstr(s, "\xE2\x80\xAF"))
        return s;
    size_t k = 0;
    while (*p && k + 1 < n) {
        unsigned cp = 0;
        if (p[0] == 0xEF && (p[1] == 0xBC || p[1] == 0xBD) && (p[2] & 0xC0) == 0x80)
            cp = 0xF000u | (p[1] & 0x3Fu) << 6 | (p[2] & 0x3Fu); /* U+FF00 .. U+FF7F */
        if (cp >= 0xFF01 && cp <= 0xFF5E) {
            out[k++] = (char)(cp - 0xFEE0);
            p += 3;
        } else if (p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x80) {
            out[k++] = ' ';
            p += 3;
        } else if (p[0] == 0xE2 && p[1] == 0x80 && p[2] == 0xAF) {
            out[k++] = ' ';
            p += 3;
        } else if (p[0] == 0xC2 && p[1] == 0xA0) {
            out[k++] = ' ';
            p += 2;
        } else {
            out[k++] = (char)*p++;
        }
    }
    out[k] = '\0';
    return *p ? s : out;
}

void ly_vocab_column_key(char *key, size_t n)
{
    static const char *const KNOWN[] = {"id",       "name",       "name_en", "height",
                                        "height_m", "min_height", "levels",  "floors",
                                        "building", "type",       "address", "year",
                                        "status",   "osm_id",     "osm_way_id", "kind"};
    for (size_t k = 0; k < sizeof KNOWN / sizeof *KNOWN; k++)
        if (!strcasecmp(key, KNOWN[k]))
            snprintf(key, n, "%s", KNOWN[k]);
    for (size_t k = 0; ly_vocab_shapefile_columns[k][0]; k++)
        if (!strcmp(key, ly_vocab_shapefile_columns[k][0]))
            snprintf(key, n, "%s", ly_vocab_shapefile_columns[k][1]);
}

/* One number of a value, s[0, n): "12", "12.5", "12 m", "12 metres"; with `length`
 * also feet as OSM writes them ("40 ft", "40'", "12'6\""). A decimal comma ("25,5", one or
 * two digits after it and no point) is read as a point and noted in *how. */
static bool one_number(const char *s, size_t n, bool length, double *out, int *how)
{
    char buf[64];
    while (n && (*s == ' ' || *s == '\t'))
        s++, n--;
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    if (!n || n >= sizeof buf)
        return false;
    memcpy(buf, s, n);
    buf[n] = '\0';
    char *comma = strchr(buf, ',');
    if (comma && !strchr(buf, '.') && !strchr(comma + 1, ',') && comma > buf &&
        comma[-1] >= '0' && comma[-1] <= '9') {
        size_t k = 0;
        while (comma[1 + k] >= '0' && comma[1 + k] <= '9')
            k++;
        if (k == 1 || k == 2) { /* "1,200" is not a decimal comma */
            *comma = '.';
            *how |= LY_NUMBER_COMMA;
        }
    }
    char *end;
    errno = 0;
    double x = strtod(buf, &end);
    if (end == buf || errno || !isfinite(x) || strchr(buf, 'x') || strchr(buf, 'X'))
        return false;
    while (*end == ' ')
        end++;
    if (!*end) {
        *out = x;
        return true;
    }
    if (!length)
        return false;
    for (size_t i = 0; ly_vocab_metres[i]; i++) /* "12 m", "12 M", "12米" */
        if (!strcasecmp(end, ly_vocab_metres[i])) {
            *out = x;
            return true;
        }
    if (!strcasecmp(end, "ft") || !strcasecmp(end, "feet") || !strcasecmp(end, "foot")) {
        *out = x * 0.3048;
        return true;
    }
    if (*end != '\'' || x != floor(x))
        return false;
    /* feet and inches: 12' or 12'6" */
    const char *in = end + 1;
    while (*in == ' ')
        in++;
    double inches = 0;
    if (*in) {
        char *e2;
        inches = strtod(in, &e2);
        if (e2 == in || *in == '-' || *in == '+' || strcmp(e2, "\"") || inches >= 12)
            return false;
    }
    *out = x * 0.3048 + inches * 0.0254;
    return true;
}

bool ly_vocab_number(const char *text, bool length, double *out, int *how)
{
    *how = 0;
    char ascii[128];
    const char *s = ly_ascii_forms(text, ascii, sizeof ascii);
    double best = -INFINITY;
    int parts = 0;
    for (;;) {
        const char *semi = strchr(s, ';');
        size_t n = semi ? (size_t)(semi - s) : strlen(s);
        double x;
        if (!one_number(s, n, length, &x, how))
            return false;
        best = parts++ ? fmax(best, x) : x;
        if (!semi)
            break;
        s = semi + 1;
    }
    if (parts > 1)
        *how |= LY_NUMBER_SEVERAL;
    *out = best;
    return true;
}
