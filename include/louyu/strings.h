/* louyu strings: every user-visible string, in Chinese and English, in one
 * table. ly_str(id, lang) never returns NULL. Static data only. */
#ifndef LOUYU_STRINGS_H
#define LOUYU_STRINGS_H

#include <stddef.h>

typedef enum { LY_LANG_ZH, LY_LANG_EN, LY_LANG_COUNT } ly_lang;

typedef enum {
    LY_S_APP_TITLE,
    LY_S_NORTH,
    LY_S_OCCUPANCY,
    LY_S_VACANT,
    LY_S_NO_OCCUPANCY_DATA,
    LY_S_UNDER_CONSTRUCTION,
    LY_S_FLOORS,
    LY_S_ILLUSTRATIVE_DATA,
    LY_S_BUILDINGS,
    LY_S_LEASED,
    LY_S_PARTLY_VACANT,
    LY_S_VACANT_FLOOR,
    LY_S_NO_DATA,
    LY_S_STACKING_PLAN,
    LY_S_FLOOR,
    LY_S_AREA,
    LY_S_ENTERPRISES,
    LY_S_AND_MORE,
    LY_S_NO_ENTERPRISES,
    LY_S_USE_OFFICE,
    LY_S_USE_RETAIL,
    LY_S_USE_HOTEL,
    LY_S_USE_RESIDENTIAL,
    LY_S_USE_PARKING,
    LY_S_USE_PLANT,
    LY_S_USE_MIXED,
    LY_S_USE_OTHER,
    LY_S_ADDRESS,
    LY_S_STATUS,
    LY_S_COMPLETED,
    LY_S_HEIGHT,
    LY_S_FLOOR_AREA,
    LY_S_RENT,
    LY_S_RENT_UNIT,
    LY_S_SPACE_ON,
    LY_S_CONTACT,
    LY_S_PULL_APART,
    LY_S_SORT_NAME,
    LY_S_SORT_FLOOR,
    LY_S_SORT_INDUSTRY,
    LY_S_BIG_TAX,
    LY_S_OVERVIEW,
    LY_S_FLOORS_TAB,
    LY_S_SEARCH_HINT,
    LY_S_NOTHING_FOUND,
    LY_S_KEYBOARD,
    LY_S_RELOADED,
    LY_S_RELOAD_FAILED,
    LY_S_RELOAD_FAILED_1,
    LY_S_OUT_OF_SERVICE,
    LY_S_ADMIN_RELOAD_BAD_1,
    LY_S_ADMIN_PIN,
    LY_S_ADMIN_PIN_HINT,
    LY_S_ADMIN_WRONG,
    LY_S_ADMIN_LOCKED,
    LY_S_ADMIN_TITLE,
    LY_S_ADMIN_DATA,
    LY_S_ADMIN_LAST_RELOAD,
    LY_S_ADMIN_UPTIME,
    LY_S_ADMIN_FRAMES,
    LY_S_ADMIN_MEMORY,
    LY_S_ADMIN_LOG,
    LY_S_ADMIN_RELOAD,
    LY_S_ADMIN_EXIT,
    LY_S_ADMIN_NONE,
    LY_S_ADMIN_RELOAD_OK,
    LY_S_ADMIN_RELOAD_BAD,
    LY_S_ADMIN_CHECKING,
    LY_S_CLOSE,
    LY_S_CANCEL,
    LY_S_OK,
    LY_S_COUNT
} ly_string_id;

const char *ly_str(ly_string_id id, ly_lang lang);
/* The display name of an industry keyword of the data ("finance" -> 金融 /
 * Finance); an unknown keyword is returned as it is. */
const char *ly_industry_name(const char *keyword, ly_lang lang);
/* What an OpenStreetMap building type ("apartments", "office", "yes" ...) is called
 * in `lang`; a type not in the table is shown as it is, with spaces for '_';
 * NULL or "yes" is a building. */
const char *ly_building_type_name(const char *type, ly_lang lang);
/* "zh" or "en" (also "zh-CN", "en_US" ...) to a language; zh otherwise. */
ly_lang ly_lang_parse(const char *s);
const char *ly_lang_code(ly_lang lang);
/* A whole number with thousands separators: 1234567.8 -> "1,234,568". */
void ly_format_grouped(double v, char *buf, size_t n);

#endif
