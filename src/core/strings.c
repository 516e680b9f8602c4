#include "louyu/strings.h"

#include <math.h>
#include <stdio.h>
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
    [LY_S_LEASED] = {"已出租", "Leased"},
    [LY_S_PARTLY_VACANT] = {"部分空置", "Partly vacant"},
    [LY_S_VACANT_FLOOR] = {"空置", "Vacant"},
    [LY_S_NO_DATA] = {"无数据", "No data"},
    [LY_S_STACKING_PLAN] = {"楼层空置图", "Stacking plan"},
    [LY_S_FLOOR] = {"层", "Floor"},
    [LY_S_AREA] = {"面积", "Area"},
    [LY_S_ENTERPRISES] = {"入驻企业", "Enterprises"},
    [LY_S_AND_MORE] = {"等 %d 家", "and %d more"},
    [LY_S_NO_ENTERPRISES] = {"暂无企业记录", "No enterprises recorded"},
    [LY_S_USE_OFFICE] = {"办公", "Office"},
    [LY_S_USE_RETAIL] = {"商业", "Retail"},
    [LY_S_USE_HOTEL] = {"酒店", "Hotel"},
    [LY_S_USE_RESIDENTIAL] = {"公寓", "Residential"},
    [LY_S_USE_PARKING] = {"停车", "Parking"},
    [LY_S_USE_PLANT] = {"设备层", "Plant"},
    [LY_S_USE_MIXED] = {"综合", "Mixed"},
    [LY_S_USE_OTHER] = {"其他", "Other"},
    [LY_S_ADDRESS] = {"地址", "Address"},
    [LY_S_STATUS] = {"状态", "Status"},
    [LY_S_COMPLETED] = {"已建成", "Completed"},
    [LY_S_HEIGHT] = {"高度", "Height"},
    [LY_S_FLOOR_AREA] = {"建筑面积", "Floor area"},
    [LY_S_RENT] = {"租金", "Rent"},
    [LY_S_RENT_UNIT] = {"元/m²/天", "CNY/m²/day"},
    [LY_S_SPACE_ON] = {"空置楼层", "Space on"},
    [LY_S_CONTACT] = {"联系", "Contact"},
    [LY_S_PULL_APART] = {"分层展开", "Pull floors apart"},
    [LY_S_SORT_NAME] = {"按名称", "Name"},
    [LY_S_SORT_FLOOR] = {"按楼层", "Floor"},
    [LY_S_SORT_INDUSTRY] = {"按行业", "Industry"},
    [LY_S_BIG_TAX] = {"亿元楼", "100M+ CNY tax"},
    [LY_S_OVERVIEW] = {"概况", "Overview"},
    [LY_S_FLOORS_TAB] = {"楼层", "Floors"},
    [LY_S_SEARCH_HINT] = {"搜索楼宇、企业、行业", "Search buildings, firms"},
    [LY_S_NOTHING_FOUND] = {"没有找到", "Nothing found"},
    [LY_S_KEYBOARD] = {"屏幕键盘", "On-screen keyboard"},
    /* the toast after a reload: the file's name, then a count */
    [LY_S_RELOADED] = {"已更新 %s：%zu 栋楼", "Updated %s: %zu buildings"},
    [LY_S_RELOAD_FAILED] = {"%s 有 %zu 处错误，仍显示原数据", "%s has %zu errors; showing the previous data"},
    [LY_S_RELOAD_FAILED_1] = {"%s 有 %zu 处错误，仍显示原数据", "%s has %zu error; showing the previous data"},
    [LY_S_OUT_OF_SERVICE] = {"暂停服务，请稍候", "Temporarily out of service. Back soon."},
    [LY_S_ADMIN_RELOAD_BAD_1] = {"%s 失败，%zu 处错误（仍显示原数据）", "%s failed, %zu error (old data kept)"},
    /* the kiosk's admin PIN pad and status panel */
    [LY_S_ADMIN_PIN] = {"管理员 PIN", "Admin PIN"},
    [LY_S_ADMIN_PIN_HINT] = {"请输入 PIN", "Enter the PIN"},
    [LY_S_ADMIN_WRONG] = {"PIN 错误", "Wrong PIN"},
    [LY_S_ADMIN_LOCKED] = {"错误次数过多，请 %d 秒后再试", "Too many tries: wait %d s"},
    [LY_S_ADMIN_TITLE] = {"信息亭管理", "Kiosk admin"},
    [LY_S_ADMIN_DATA] = {"数据", "Data"},
    [LY_S_ADMIN_LAST_RELOAD] = {"上次更新", "Last update"},
    [LY_S_ADMIN_UPTIME] = {"运行时间", "Uptime"},
    [LY_S_ADMIN_FRAMES] = {"帧", "Frames"},
    [LY_S_ADMIN_MEMORY] = {"内存", "Memory"},
    [LY_S_ADMIN_LOG] = {"日志", "Log"},
    [LY_S_ADMIN_RELOAD] = {"立即更新数据", "Reload now"},
    [LY_S_ADMIN_EXIT] = {"退出信息亭", "Exit kiosk"},
    [LY_S_ADMIN_NONE] = {"尚未更新", "none yet"},
    [LY_S_ADMIN_RELOAD_OK] = {"%s 成功，%zu 栋楼", "%s loaded, %zu buildings"},
    [LY_S_ADMIN_RELOAD_BAD] = {"%s 失败，%zu 处错误（仍显示原数据）", "%s failed, %zu errors (old data kept)"},
    [LY_S_ADMIN_CHECKING] = {"正在核对…", "Checking…"},
    [LY_S_CLOSE] = {"关闭", "Close"},
    [LY_S_CANCEL] = {"取消", "Cancel"},
    [LY_S_OK] = {"确定", "OK"},
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

const char *ly_industry_name(const char *keyword, ly_lang lang)
{
    static const char *const table[][3] = {
        {"finance", "金融", "Finance"},
        {"insurance", "保险", "Insurance"},
        {"trade", "贸易", "Trade"},
        {"logistics", "航运物流", "Shipping & logistics"},
        {"it", "信息技术", "IT"},
        {"consulting", "咨询", "Consulting"},
        {"law", "法律", "Law"},
        {"real_estate", "房地产", "Real estate"},
        {"advertising", "广告", "Advertising"},
        {"manufacturing_hq", "制造业总部", "Manufacturing HQ"},
        {"tourism", "旅游", "Tourism"},
        {"education", "教育培训", "Education"},
        {"healthcare", "医疗健康", "Healthcare"},
        {"government_services", "政务服务", "Government services"},
    };
    if (!keyword)
        return "";
    for (size_t i = 0; i < sizeof table / sizeof *table; i++)
        if (!strcmp(keyword, table[i][0]))
            return table[i][lang == LY_LANG_EN ? 2 : 1];
    return keyword;
}

const char *ly_building_type_name(const char *type, ly_lang lang)
{
    static const char *const table[][3] = {
        {"yes", "建筑", "Building"},
        {"building", "建筑", "Building"},
        {"office", "办公楼", "Office building"},
        {"commercial", "商业建筑", "Commercial building"},
        {"retail", "商场", "Retail building"},
        {"hotel", "酒店", "Hotel"},
        {"apartments", "公寓", "Apartments"},
        {"residential", "住宅", "Residential building"},
        {"house", "住宅", "House"},
        {"detached", "独立住宅", "Detached house"},
        {"semidetached_house", "双拼住宅", "Semi-detached house"},
        {"terrace", "联排住宅", "Terrace"},
        {"dormitory", "宿舍", "Dormitory"},
        {"industrial", "工业建筑", "Industrial building"},
        {"warehouse", "仓库", "Warehouse"},
        {"school", "学校", "School"},
        {"university", "大学", "University building"},
        {"college", "学院", "College"},
        {"kindergarten", "幼儿园", "Kindergarten"},
        {"hospital", "医院", "Hospital"},
        {"church", "教堂", "Church"},
        {"temple", "寺庙", "Temple"},
        {"public", "公共建筑", "Public building"},
        {"civic", "公共建筑", "Civic building"},
        {"government", "政府机关", "Government building"},
        {"garage", "车库", "Garage"},
        {"garages", "车库", "Garages"},
        {"parking", "停车楼", "Parking garage"},
        {"train_station", "火车站", "Train station"},
        {"construction", "在建建筑", "Building under construction"},
        {"roof", "顶棚", "Roof"},
        {"shed", "棚屋", "Shed"},
    };
    if (!type)
        type = "yes";
    for (size_t i = 0; i < sizeof table / sizeof *table; i++)
        if (!strcmp(type, table[i][0]))
            return table[i][lang == LY_LANG_EN ? 2 : 1];
    /* an unknown type as the data writes it, "sports_hall" read as "sports hall" */
    static _Thread_local char shown[64];
    size_t k = 0;
    for (; type[k] && k + 1 < sizeof shown; k++)
        shown[k] = type[k] == '_' ? ' ' : type[k];
    shown[k] = '\0';
    return shown;
}

void ly_format_grouped(double v, char *buf, size_t n)
{
    if (!n)
        return;
    char raw[64];
    snprintf(raw, sizeof raw, "%.0f", fabs(v));
    size_t len = strlen(raw), o = 0;
    if (v <= -0.5 && o + 1 < n)
        buf[o++] = '-';
    for (size_t i = 0; i < len && o + 2 < n; i++) {
        buf[o++] = raw[i];
        if ((len - i - 1) % 3 == 0 && i + 1 < len)
            buf[o++] = ',';
    }
    buf[o] = '\0';
}
