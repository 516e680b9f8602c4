/* louyu info ID --floors and --enterprises: the floor stack with who is on each
 * floor, and the enterprise directory (in ly_directory_list's order). */
#include "info.h"

#include <stdio.h>

/* Lines of `louyu info ID --floors` stay within this many terminal columns, and
 * each floor's enterprises take at most this many lines under it. */
#define INFO_WIDTH 100
#define INFO_NAME_LINES 3
#define INFO_NAME_INDENT 7

#include "louyu/stacking.h"

const char *ly_info_names(const char *zh, const char *en, ly_lang lang, char *buf, size_t n)
{
    const char *first = lang == LY_LANG_EN ? en : zh, *other = lang == LY_LANG_EN ? zh : en;
    if (first && ly_name_second(first, other))
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

/* A floor's use: in Chinese as the card names it (办公, 设备层), in English the data's
 * keyword ("office", "plant"), as --json gives it. */
static const char *use_name(ly_floor_use use, ly_lang lang)
{
    return ly_cli_str((ly_string_id)(LY_S_USE_OFFICE + use), lang, ly_floor_use_name(use));
}

/* The stacking plan's state in words: a plant or parking floor with nothing to let is
 * neither leased nor vacant, and less than 1 m² vacant is let (ly_floor_has_space). In
 * Chinese the floors tab's words (已出租, 部分空置); --json's English stays as it is. */
static const char *floor_status(const ly_district *d, const ly_building *b, int floor,
                                const ly_floor_record *r, ly_lang lang)
{
    ly_floor_state s = ly_floor_state_of(d, b, floor, NULL);
    static const char *const EN[LY_FLOOR_STATES] = {
        [LY_FLOOR_LEASED] = "leased", [LY_FLOOR_PARTLY_VACANT] = "partly vacant",
        [LY_FLOOR_VACANT] = "vacant", [LY_FLOOR_NO_DATA] = "no data"};
    if (s == LY_FLOOR_SERVICE)
        return r ? use_name(r->use, lang) : use_name(LY_USE_PLANT, lang);
    if ((unsigned)s >= LY_FLOOR_STATES)
        s = LY_FLOOR_NO_DATA;
    return ly_cli_str(ly_floor_state_name(s), lang, EN[s]);
}

void ly_info_floor_header(ly_lang lang)
{
    if (lang == LY_LANG_EN) { /* (as it has always read: scripts find the table by it) */
        printf("Floor  use          area m²   vacant m²  status\n");
        return;
    }
    /* each heading over its column, padded by terminal columns as the rows are */
    char area[32], vacant[32];
    snprintf(area, sizeof area, "%s m²", ly_str(LY_S_AREA, lang));
    snprintf(vacant, sizeof vacant, "%s m²", ly_str(LY_S_VACANT, lang));
    ly_cli_pad(ly_str(LY_S_CSV_F_FLOOR, lang), 5);
    printf("  ");
    ly_cli_pad(ly_str(LY_S_SITE_COL_USE, lang), -11);
    printf(" ");
    ly_cli_pad(area, 9);
    printf(" ");
    ly_cli_pad(vacant, 11);
    printf("  %s\n", ly_str(LY_S_STATUS, lang));
}

void ly_info_floor_row(const ly_district *d, const ly_building *b, int floor,
                       const ly_floor_record *r, ly_lang lang)
{
    if (!r) {
        printf("%5d  %-11s %9s %11s  %s\n", floor, "-", "-", "-",
               ly_cli_str(LY_S_NO_DATA, lang, "no data"));
        return;
    }
    char area[32], vacant[32], asks[96] = ""; /* m² grouped, as the card gives them */
    bool agreed;
    double rent = ly_floor_card_rent(b, r, &agreed);
    if (agreed)
        snprintf(asks, sizeof asks, ly_str(LY_S_INFO_RENT_AGREED, lang),
                 ly_str(LY_S_SITE_TO_BE_AGREED, lang));
    else if (rent > 0)
        snprintf(asks, sizeof asks, ly_str(LY_S_INFO_AT_RENT, lang), rent,
                 ly_str(LY_S_RENT_UNIT, lang));
    printf("%5d  ", floor);
    ly_cli_pad(use_name(r->use, lang), -11);
    printf(" %9s %11s  %s%s\n", ly_thousands(r->area_m2, area, sizeof area),
           ly_thousands(r->vacant_m2, vacant, sizeof vacant), floor_status(d, b, floor, r, lang),
           asks);
}

static int on_floor(const ly_district *d, const ly_enterprise *e, int floor)
{
    for (uint32_t k = 0; k < e->n_floors; k++)
        if (d->enterprise_floors[e->first_floor + k] == floor)
            return 1;
    return 0;
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
        size_t w = ly_cli_text_width(name), sep = col ? 2 : 0;
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
        printf(",\n%*s", INFO_NAME_INDENT, "");
    else if (shown < total)
        printf(", ");
    if (shown < total)
        printf(ly_str(LY_S_INFO_AND_MORE, lang), total - shown);
    printf("\n");
}

void ly_info_floors_text(const ly_district *d, const ly_building *b, ly_lang lang)
{
    ly_info_title_line(b, lang);
    if (!b->n_records) {
        printf(ly_cli_str(LY_S_NO_FLOOR_RECORDS, lang,
                          "No floor records: occupancy and use are unknown for all %d floors."),
               b->floors);
        printf("\n");
    }
    printf("\n");
    ly_info_floor_header(lang);
    for (int f = b->floors; f >= 1; f--) {
        const ly_floor_record *r;
        ly_floor_state_of(d, b, f, &r);
        ly_info_floor_row(d, b, f, r, lang);
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
        cJSON_AddStringToObject(o, "status", floor_status(d, b, f, r, LY_LANG_EN));
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
    ly_cli_pad(text, -(int)width);
    printf(" ");
}

typedef struct {
    char floors[256], staff[16], since[16];
    const char *industry;
} ent_cells;

static void ent_row(const ly_district *d, const ly_enterprise *e, ly_lang lang, ent_cells *c)
{
    /* as the card's Enterprises tab writes them: 5–7 层 / 5–7F */
    ly_format_floors(d->enterprise_floors + e->first_floor, e->n_floors, lang, c->floors,
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
    const char *floors = ly_str(LY_S_FLOORS_TAB, lang), *staff = ly_str(LY_S_INFO_EMPLOYEES, lang),
               *since = ly_str(LY_S_INFO_SINCE, lang),
               *industry = ly_cli_str(LY_S_CSV_INDUSTRIES, lang, "Industry");
    size_t wf = ly_cli_text_width(floors), wi = ly_cli_text_width(industry);
    /* the figures' columns as wide as their headings (入驻年份 is wider than a year) */
    int ws = (int)ly_cli_text_width(staff), wy = (int)ly_cli_text_width(since);
    ws = ws > 9 ? ws : 9;
    wy = wy > 5 ? wy : 5;
    ent_cells c;
    for (size_t i = 0; i < n; i++) { /* the columns as wide as their longest value */
        ent_row(d, &d->enterprises[rows[i]], lang, &c);
        size_t f = ly_cli_text_width(c.floors), w = ly_cli_text_width(c.industry);
        wf = f > wf ? f : wf;
        wi = w > wi ? w : wi;
    }
    cell(floors, wf);
    cell(industry, wi);
    ly_cli_pad(staff, ws);
    printf("  ");
    ly_cli_pad(since, wy);
    printf("  %s\n", ly_cli_str(LY_S_CSV_NAME, lang, "Name"));
    for (size_t i = 0; i < n; i++) {
        const ly_enterprise *e = &d->enterprises[rows[i]];
        char name[512];
        ent_row(d, e, lang, &c);
        cell(c.floors, wf);
        cell(c.industry, wi);
        printf("%*s  %*s  %s\n", ws, c.staff, wy, c.since,
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
            printf(ly_str(LY_S_INFO_NONE_IN_INDUSTRY, lang), ind, b->n_enterprises);
        else
            printf("%s", ly_cli_str(LY_S_NO_ENTERPRISES, lang, "No enterprises on record."));
        printf("\n");
        return;
    }
    if (industry)
        printf(ly_str(n == 1 ? LY_S_INFO_N_IN_INDUSTRY_1 : LY_S_INFO_N_IN_INDUSTRY, lang), n, ind);
    else
        printf(ly_str(n == 1 ? LY_S_INFO_N_ENTERPRISES_1 : LY_S_INFO_N_ENTERPRISES, lang), n);
    printf("\n\n");
    ly_info_enterprise_table(d, rows, n, lang);
}

cJSON *ly_info_enterprises_json(const ly_district *d, const uint32_t *rows, size_t n)
{
    cJSON *arr = cJSON_CreateArray();
    for (size_t i = 0; i < n; i++)
        cJSON_AddItemToArray(arr, ly_info_enterprise_json(d, &d->enterprises[rows[i]]));
    return arr;
}
