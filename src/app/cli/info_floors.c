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

#include "louyu/stacking.h"

const char *ly_info_names(const char *zh, const char *en, ly_lang lang, char *buf, size_t n)
{
    const char *first = lang == LY_LANG_EN ? en : zh, *other = lang == LY_LANG_EN ? zh : en;
    if (first && other)
        snprintf(buf, n, "%s (%s)", first, other);
    else
        snprintf(buf, n, "%s", first ? first : other ? other : "");
    return buf;
}

void ly_info_title_line(const ly_building *b, ly_lang lang)
{
    char buf[320];
    /* a building without a name says what it is */
    const char *name = b->name || b->name_en
                           ? ly_info_names(b->name, b->name_en, lang, buf, sizeof buf)
                           : ly_building_title(b, lang, buf, sizeof buf);
    printf("%s  [%s]\n", name, b->id);
}

/* The stacking plan's state in words: a plant or parking floor with nothing to let is
 * neither leased nor vacant, and less than 1 m² vacant is let (ly_floor_has_space). */
static const char *floor_status(const ly_district *d, const ly_building *b, int floor,
                                const ly_floor_record *r)
{
    switch (ly_floor_state_of(d, b, floor, NULL)) {
    case LY_FLOOR_VACANT:
        return "vacant";
    case LY_FLOOR_PARTLY_VACANT:
        return "partly vacant";
    case LY_FLOOR_LEASED:
        return "leased";
    case LY_FLOOR_SERVICE:
        return r ? ly_floor_use_name(r->use) : "plant";
    default:
        return "no data";
    }
}

void ly_info_floor_header(void)
{
    printf("Floor  use          area m²   vacant m²  status\n");
}

void ly_info_floor_row(const ly_district *d, const ly_building *b, int floor,
                       const ly_floor_record *r)
{
    if (!r) {
        printf("%5d  %-11s %9s %11s  %s\n", floor, "-", "-", "-", "no data");
        return;
    }
    char area[32], vacant[32], asks[64] = ""; /* m² grouped, as the card gives them */
    bool agreed;
    double rent = ly_floor_card_rent(b, r, &agreed);
    if (agreed)
        snprintf(asks, sizeof asks, ", rent to be agreed");
    else if (rent > 0)
        snprintf(asks, sizeof asks, " at %.2f CNY/m²/day", rent);
    printf("%5d  %-11s %9s %11s  %s%s\n", floor, ly_floor_use_name(r->use),
           ly_thousands(r->area_m2, area, sizeof area),
           ly_thousands(r->vacant_m2, vacant, sizeof vacant), floor_status(d, b, floor, r), asks);
}

static int on_floor(const ly_district *d, const ly_enterprise *e, int floor)
{
    for (uint32_t k = 0; k < e->n_floors; k++)
        if (d->enterprise_floors[e->first_floor + k] == floor)
            return 1;
    return 0;
}

size_t ly_info_text_width(const char *s)
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

/* The enterprises on one floor, comma-separated, wrapped under the floor's row;
 * what does not fit in INFO_NAME_LINES lines is counted as "… and N more". */
static void floor_enterprises_text(const ly_district *d, const ly_building *b, int floor,
                                   ly_lang lang)
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
        ly_info_names(e->name, e->name_en, lang, name, sizeof name);
        size_t w = ly_info_text_width(name), sep = col ? 2 : 0;
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

void ly_info_floors_text(const ly_district *d, const ly_building *b, ly_lang lang)
{
    ly_info_title_line(b, lang);
    if (!b->n_records)
        printf("No floor records: occupancy and use are unknown for all %d floors.\n", b->floors);
    printf("\n");
    ly_info_floor_header();
    for (int f = b->floors; f >= 1; f--) {
        const ly_floor_record *r;
        ly_floor_state_of(d, b, f, &r);
        ly_info_floor_row(d, b, f, r);
        floor_enterprises_text(d, b, f, lang);
    }
}

/* Top floor first, like the text. */
cJSON *ly_info_floors_json(const ly_district *d, const ly_building *b)
{
    cJSON *arr = cJSON_CreateArray();
    for (int f = b->floors; f >= 1; f--) {
        const ly_floor_record *r;
        ly_floor_state_of(d, b, f, &r);
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
        cJSON_AddStringToObject(o, "status", floor_status(d, b, f, r));
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

/* text, then spaces to `width` terminal columns (a CJK character takes two, an en dash
 * one: padding by bytes had shifted "5–7F" and 行业 rows), then a space between columns */
static void cell(const char *text, size_t width)
{
    size_t w = ly_info_text_width(text);
    printf("%s%*s ", text, w < width ? (int)(width - w) : 0, "");
}

typedef struct {
    char floors[256], staff[16], since[16];
    const char *industry;
} ent_cells;

static void ent_row(const ly_district *d, const ly_enterprise *e, ly_lang lang, ent_cells *c)
{
    ly_format_floors(d->enterprise_floors + e->first_floor, e->n_floors, LY_LANG_EN, c->floors,
                     sizeof c->floors);
    if (!c->floors[0])
        snprintf(c->floors, sizeof c->floors, "-");
    snprintf(c->staff, sizeof c->staff, "-");
    snprintf(c->since, sizeof c->since, "-");
    if (e->employees >= 0)
        snprintf(c->staff, sizeof c->staff, "%d", e->employees);
    if (e->since)
        snprintf(c->since, sizeof c->since, "%d", e->since);
    /* the industry's name, not its keyword ("IT", "信息技术": not "it") */
    c->industry = e->industry ? ly_industry_name(e->industry, lang) : "-";
}

void ly_info_enterprise_table(const ly_district *d, const uint32_t *rows, size_t n, ly_lang lang)
{
    size_t wf = strlen("Floors"), wi = strlen("Industry");
    ent_cells c;
    for (size_t i = 0; i < n; i++) { /* the columns as wide as their longest value */
        ent_row(d, &d->enterprises[rows[i]], lang, &c);
        size_t f = ly_info_text_width(c.floors), w = ly_info_text_width(c.industry);
        wf = f > wf ? f : wf;
        wi = w > wi ? w : wi;
    }
    cell("Floors", wf);
    cell("Industry", wi);
    printf("Employees  Since  Name\n");
    for (size_t i = 0; i < n; i++) {
        const ly_enterprise *e = &d->enterprises[rows[i]];
        char name[512];
        ent_row(d, e, lang, &c);
        cell(c.floors, wf);
        cell(c.industry, wi);
        printf("%9s  %5s  %s\n", c.staff, c.since,
               ly_info_names(e->name, e->name_en, lang, name, sizeof name));
    }
}

void ly_info_enterprises_text(const ly_district *d, const ly_building *b, const uint32_t *rows,
                              size_t n, const char *industry, ly_lang lang)
{
    ly_info_title_line(b, lang);
    const char *ind = industry ? ly_industry_name(industry, lang) : NULL;
    if (!n) {
        if (industry)
            printf("No enterprises in industry \"%s\" (of %u on record).\n", ind,
                   b->n_enterprises);
        else
            printf("No enterprises on record.\n");
        return;
    }
    printf("%zu enterprise%s%s%s%s\n\n", n, n == 1 ? "" : "s", industry ? " in industry \"" : "",
           industry ? ind : "", industry ? "\"" : "");
    ly_info_enterprise_table(d, rows, n, lang);
}

cJSON *ly_info_enterprises_json(const ly_district *d, const uint32_t *rows, size_t n)
{
    cJSON *arr = cJSON_CreateArray();
    for (size_t i = 0; i < n; i++)
        cJSON_AddItemToArray(arr, ly_info_enterprise_json(d, &d->enterprises[rows[i]]));
    return arr;
}
