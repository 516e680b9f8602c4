#include "louyu/strings.h"

#include <string.h>

static const char *const TABLE[LY_S_COUNT][LY_LANG_COUNT] = {
    [LY_S_APP_TITLE] = {"楼宇", "louyu"},
    [LY_S_NORTH] = {"北", "N"},
    [LY_S_OCCUPANCY] = {"出租率", "Occupancy"},
    [LY_S_VACANT] = {"空置", "vacant"},
    [LY_S_NO_OCCUPANCY_DATA] = {"暂无出租数据", "No occupancy data"},
    [LY_S_UNDER_CONSTRUCTION] = {"在建", "Under construction"},
    [LY_S_FLOORS] = {"层", "floors"},
    [LY_S_ILLUSTRATIVE_DATA] = {"示意数据", "Illustrative data"},
    [LY_S_BUILDINGS] = {"座楼宇", "buildings"},
};

const char *ly_str(ly_string_id id, ly_lang lang)
{
    if ((unsigned)id >= LY_S_COUNT)
        return "?";
    if ((unsigned)lang >= LY_LANG_COUNT)
        lang = LY_LANG_ZH;
    const char *s = TABLE[id][lang];
    return s ? s : TABLE[id][LY_LANG_EN] ? TABLE[id][LY_LANG_EN] : "?";
}

ly_lang ly_lang_parse(const char *s)
{
    return s && (strncmp(s, "en", 2) == 0 || strncmp(s, "EN", 2) == 0) ? LY_LANG_EN : LY_LANG_ZH;
}

const char *ly_lang_code(ly_lang lang)
{
    return lang == LY_LANG_EN ? "en" : "zh";
}
