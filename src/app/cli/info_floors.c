/* louyu info ID --floors and --enterprises: the floor stack with who is on each
 * floor, and the enterprise directory (in ly_directory_list's order). */
#include "info.h"

#include <stdio.h>
#include <string.h>

/* Lines of `louyu info ID --floors` stay within this many terminal columns, and
 * each floor's enterprises take at most this many lines under it. */
#define INFO_WIDTH 100
#define INFO_NAME_LINES 3
#define INFO_NAME_INDENT 7

/* "名称  English name  [id]"; a building without a name says what it is. */
void ly_info_title_line(const ly_building *b)
{
    char buf[320];
    printf("%s  [%s]\n", ly_cli_title(b, LY_LANG_EN, "  ", buf, sizeof buf), b->id);
}

/* The same words as the full info table and ly_stats: a floor with nothing left
 * to lease (vacant ≥ area) is vacant. */
static const char *floor_status(const ly_floor_record *r)
{
    if (!r)
        return "no data";
    return r->vacant_m2 >= r->area_m2 ? "vacant" : ly_floor_has_space(r) ? "partly vacant" : "leased";
}

/* Records are sorted by floor and at most one per floor (the loader checks). */
static const ly_floor_record *floor_record(const ly_district *d, const ly_building *b, int floor)
{
    for (uint32_t i = 0; i < b->n_records; i++) {
        const ly_floor_record *r = &d->records[b->first_record + i];
        if (r->floor == floor)
            return r;
        if (r->floor > floor)
            break;
    }
    return NULL;
}

static int on_floor(const ly_district *d, const ly_enterprise *e, int floor)
{
    for (uint32_t k = 0; k < e->n_floors; k++)
        if (d->enterprise_floors[e->first_floor + k] == floor)
            return 1;
    return 0;
}

/* Terminal columns of UTF-8 text: CJK and fullwidth forms take two. */
static size_t text_width(const char *s)
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

/* "中文名 (English name)", or the Chinese name alone. */
static void display_name(const ly_enterprise *e, char *buf, size_t n)
{
    if (e->name_en)
        snprintf(buf, n, "%s (%s)", e->name, e->name_en);
    else
        snprintf(buf, n, "%s", e->name);
}

/* The enterprises on one floor, comma-separated, wrapped under the floor's row;
 * what does not fit in INFO_NAME_LINES lines is counted as "… and N more". */
static void floor_enterprises_text(const ly_district *d, const ly_building *b, int floor)
{
    uint32_t total = 0;
    for (uint32_t i = 0; i < b->n_enterprises; i++)
        total += (uint32_t)on_floor(d, &d->enterprises[b->first_enterprise + i], floor);
    if (!total)
        return;
    int line = 0;
    size_t col = 0; /* 0: nothing on this line yet */
    uint32_t shown = 0;
    for (uint32_t i = 0; i < b->n_enterprises; i++) {
        const ly_enterprise *e = &d->enterprises[b->first_enterprise + i];
        if (!on_floor(d, e, floor))
            continue;
        char name[512];
        display_name(e, name, sizeof name);
        size_t w = text_width(name), sep = col ? 2 : 0;
        /* the last line keeps room for ", … and NNN more" */
        size_t reserve = shown + 1 < total && line == INFO_NAME_LINES - 1 ? 16 : 0;
        size_t start = col ? col : INFO_NAME_INDENT;
        if (col && start + sep + w + reserve > INFO_WIDTH) {
            /* a new line, unless none is left or the name would not fit the last one */
            int last = line + 1 == INFO_NAME_LINES - 1;
            size_t room = shown + 1 < total && last ? 16 : 0;
            if (line + 1 >= INFO_NAME_LINES || (last && room && INFO_NAME_INDENT + w + room >
                                                                    INFO_WIDTH))
                break;
            printf(",\n");
            line++;
            col = 0;
            sep = 0;
            start = INFO_NAME_INDENT;
        }
        printf("%s%*s%s", col ? ", " : "", col ? 0 : INFO_NAME_INDENT, "", name);
        col = start + sep + w;
        shown++;
    }
    if (shown < total && col + 16 > INFO_WIDTH)
        printf(",\n%*s… and %u more", INFO_NAME_INDENT, "", total - shown);
    else if (shown < total)
        printf(", … and %u more", total - shown);
    printf("\n");
}

void ly_info_floors_text(const ly_district *d, const ly_building *b)
{
    ly_info_title_line(b);
    if (!b->n_records)
        printf("No floor records: occupancy and use are unknown for all %d floors.\n", b->floors);
    printf("\nFloor  use          area m²   vacant m²  status\n");
    for (int f = b->floors; f >= 1; f--) {
        const ly_floor_record *r = floor_record(d, b, f);
        char area[32], vacant[32]; /* grouped, as the card and the other commands give m² */
        if (r)
            printf("%5d  %-11s %9s %11s  %s\n", f, ly_floor_use_name(r->use),
                   ly_thousands(r->area_m2, area, sizeof area),
                   ly_thousands(r->vacant_m2, vacant, sizeof vacant), floor_status(r));
        else
            printf("%5d  %-11s %9s %11s  %s\n", f, "-", "-", "-", floor_status(NULL));
        floor_enterprises_text(d, b, f);
    }
}

/* Top floor first, like the text. */
cJSON *ly_info_floors_json(const ly_district *d, const ly_building *b)
{
    cJSON *arr = cJSON_CreateArray();
    for (int f = b->floors; f >= 1; f--) {
        const ly_floor_record *r = floor_record(d, b, f);
        cJSON *o = cJSON_CreateObject();
        cJSON_AddNumberToObject(o, "floor", f);
        ly_json_str(o, "use", r ? ly_floor_use_name(r->use) : NULL);
        if (r) {
            cJSON_AddNumberToObject(o, "area_m2", r->area_m2);
            cJSON_AddNumberToObject(o, "vacant_m2", r->vacant_m2);
        } else {
            cJSON_AddNullToObject(o, "area_m2");
            cJSON_AddNullToObject(o, "vacant_m2");
        }
        cJSON_AddStringToObject(o, "status", floor_status(r));
        cJSON *names = cJSON_AddArrayToObject(o, "enterprises");
        for (uint32_t i = 0; i < b->n_enterprises; i++) {
            const ly_enterprise *e = &d->enterprises[b->first_enterprise + i];
            if (on_floor(d, e, f))
                cJSON_AddItemToArray(names, cJSON_CreateString(e->name));
        }
        cJSON_AddItemToArray(arr, o);
    }
    return arr;
}

void ly_info_enterprises_text(const ly_district *d, const ly_building *b, const uint32_t *rows,
                              size_t n, const char *industry, ly_lang lang)
{
    ly_info_title_line(b);
    if (!n) {
        if (industry)
            printf("No enterprises in industry \"%s\" (of %u on record).\n", industry,
                   b->n_enterprises);
        else
            printf("No enterprises on record.\n");
        return;
    }
    printf("%zu enterprise%s%s%s%s\n\n", n, n == 1 ? "" : "s", industry ? " in industry \"" : "",
           industry ? industry : "", industry ? "\"" : "");
    printf("Floors  Industry          Employees  Since  Name\n");
    for (size_t i = 0; i < n; i++) {
        const ly_enterprise *e = &d->enterprises[rows[i]];
        char floors[256], staff[16] = "-", since[16] = "-";
        ly_format_floors(d->enterprise_floors + e->first_floor, e->n_floors, LY_LANG_EN, floors,
                         sizeof floors);
        if (!floors[0])
            snprintf(floors, sizeof floors, "-");
        if (e->employees >= 0)
            snprintf(staff, sizeof staff, "%d", e->employees);
        if (e->since)
            snprintf(since, sizeof since, "%d", e->since);
        /* the industry's name, not its keyword ("IT", "信息技术": not "it"), padded by the
         * columns it takes on a terminal */
        const char *ind = e->industry ? ly_industry_name(e->industry, lang) : "-";
        size_t w = text_width(ind);
        printf("%-7s %s%*s %9s  %5s  %s%s%s\n", floors, ind, w < 17 ? (int)(17 - w) : 0, "",
               staff, since, e->name, e->name_en ? " / " : "", e->name_en ? e->name_en : "");
    }
}

cJSON *ly_info_enterprises_json(const ly_district *d, const uint32_t *rows, size_t n)
{
    cJSON *arr = cJSON_CreateArray();
    for (size_t i = 0; i < n; i++)
        cJSON_AddItemToArray(arr, ly_info_enterprise_json(d, &d->enterprises[rows[i]]));
    return arr;
}

