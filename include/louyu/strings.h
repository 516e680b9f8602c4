/* louyu strings: every user-visible string, in Chinese and English, in one
 * table. ly_str(id, lang) never returns NULL. Static data only. */
#ifndef LOUYU_STRINGS_H
#define LOUYU_STRINGS_H

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
    LY_S_COUNT
} ly_string_id;

const char *ly_str(ly_string_id id, ly_lang lang);
/* "zh" or "en" (also "zh-CN", "en_US" ...) to a language; zh otherwise. */
ly_lang ly_lang_parse(const char *s);
const char *ly_lang_code(ly_lang lang);

#endif
