#include "louyu/strings.h"
#include "louyu/district.h" /* LY_POI_COUNT */
#include "louyu/week.h"

#include <ctype.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

static const char *const TABLE[LY_S_COUNT][LY_LANG_COUNT] = {
    [LY_S_APP_TITLE] = {"楼宇", "louyu"},
    [LY_S_NORTH] = {"北", "N"},
    [LY_S_OCCUPANCY] = {"出租率", "Occupancy"},
    [LY_S_VACANT] = {"空置", "vacant"},
    [LY_S_NO_OCCUPANCY_DATA] = {"暂无出租数据", "No occupancy data"},
    [LY_S_N_WITHOUT_OCCUPANCY] = {"另有 %s 座楼宇暂无出租数据，未画出", "%s buildings without occupancy data, not drawn"},
    [LY_S_UNDER_CONSTRUCTION] = {"在建", "Under construction"},
    [LY_S_UNDER_CONSTRUCTION_DUE] = {"在建 · 预计 %d 年建成", "Under construction · due %d"},
    [LY_S_FLOORS] = {"层", "floors"},
    [LY_S_FLOOR_1] = {"层", "floor"},
    [LY_S_ILLUSTRATIVE_DATA] = {"示意数据", "Illustrative data"},
    [LY_S_BUILDINGS] = {"座楼宇", "buildings"},
    [LY_S_BUILDING_1] = {"座楼宇", "building"},
    [LY_S_LEASED] = {"已出租", "Leased"},
    [LY_S_PARTLY_VACANT] = {"部分空置", "Partly vacant"},
    [LY_S_VACANT_FLOOR] = {"空置", "Vacant"},
    [LY_S_NO_DATA] = {"无数据", "No data"},
    [LY_S_STACKING_PLAN] = {"楼层租控图", "Stacking plan"},
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
    [LY_S_COMPLETED_IN] = {"%d 年建成", "Completed · %d"},
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
    [LY_S_SEARCH_HINT] = {"楼宇、企业、行业或拼音", "Building or enterprise"},
    [LY_S_NOTHING_FOUND] = {"没有找到", "Nothing found"},
    /* a link to a building the district does not have (the browser's #b=ID) */
    [LY_S_NO_SUCH_BUILDING] = {"本街区没有编号为 %s 的楼宇", "This district has no building %s"},
    [LY_S_KEYBOARD] = {"屏幕键盘", "On-screen keyboard"},
    /* the toast at start where fontconfig has no font with Chinese characters */
    [LY_S_NO_CJK_FONT] = {"没有找到含中文字符的字体，中文无法显示（请安装 fonts-noto-cjk）",
                          "No font with Chinese characters was found: Chinese text cannot be "
                          "shown (install fonts-noto-cjk)"},
    /* the toast after a reload: the file's name, then a count */
    [LY_S_RELOADED] = {"已更新 %s：%zu 座楼宇", "Updated %s: %zu buildings"},
    [LY_S_LEFT_OUT] = {"%s：%zu 座楼宇；%zu 个有错误的要素未读入", "%s: %zu buildings; %zu features with errors left out"},
    [LY_S_LEFT_OUT_1] = {"%s：%zu 座楼宇；%zu 个有错误的要素未读入", "%s: %zu buildings; %zu feature with errors left out"},
    [LY_S_RELOAD_FAILED] = {"%s 有 %zu 处错误，仍显示原数据", "%s has %zu errors; showing the previous data"},
    [LY_S_RELOAD_FAILED_1] = {"%s 有 %zu 处错误，仍显示原数据", "%s has %zu error; showing the previous data"},
    [LY_S_RELOAD_UNREADABLE] = {"%s 无法读取，仍显示原数据", "%s cannot be read; showing the previous data"},
    [LY_S_OUT_OF_SERVICE] = {"暂停服务，请稍候", "Temporarily out of service. Back soon."},
    [LY_S_ADMIN_RELOAD_BAD_1] = {"%s 失败，%zu 处错误（仍显示原数据）", "%s failed, %zu error (old data kept)"},
    /* the kiosk's admin PIN pad and status panel */
    [LY_S_ADMIN_PIN] = {"管理员 PIN", "Admin PIN"},
    [LY_S_ADMIN_PIN_HINT] = {"请输入 PIN（%d–%d 位数字）", "Enter the PIN (%d–%d digits)"},
    [LY_S_ADMIN_WRONG] = {"PIN 错误", "Wrong PIN"},
    [LY_S_ADMIN_LOCKED] = {"错误次数过多，请 %d 秒后再试", "Too many tries: wait %d s"},
    [LY_S_ADMIN_SOURCE] = {"数据服务器", "Data server"},
    [LY_S_ADMIN_SOURCE_FAILING] = {"自 %s 起无法更新：%s", "failing since %s: %s"},
    [LY_S_ADMIN_LOCKED_MIN] = {"错误次数过多，请 %d 分钟后再试", "Too many tries: wait %d min"},
    [LY_S_ADMIN_TITLE] = {"触摸屏管理", "Kiosk admin"},
    [LY_S_ADMIN_DATA] = {"数据", "Data"},
    [LY_S_ADMIN_LAST_RELOAD] = {"上次更新", "Last update"},
    [LY_S_ADMIN_ERROR_AT] = {"第 %d 行第 %d 列：%s", "Line %d, column %d: %s"},
    [LY_S_ADMIN_UPTIME] = {"运行时间", "Uptime"},
    [LY_S_ADMIN_FRAMES] = {"帧", "Frames"},
    [LY_S_ADMIN_MEMORY] = {"内存", "Memory"},
    [LY_S_ADMIN_LOG] = {"日志", "Log"},
    [LY_S_ADMIN_RELOAD] = {"立即更新数据", "Reload now"},
    [LY_S_ADMIN_EXIT] = {"退出触摸屏模式", "Exit kiosk"},
    [LY_S_ADMIN_EXIT_ASK] = {"退出触摸屏模式？屏幕将一直黑着，直到有人重新启动它。",
                             "End the kiosk? The screen stays dark until someone restarts it."},
    [LY_S_ADMIN_EXIT_CONFIRM] = {"确认退出", "End kiosk"},
    [LY_S_ADMIN_NONE] = {"尚未更新", "none yet"},
    [LY_S_ADMIN_RELOAD_OK] = {"%s 成功，%zu 座楼宇", "%s loaded, %zu buildings"},
    [LY_S_ADMIN_RELOAD_BAD] = {"%s 失败，%zu 处错误（仍显示原数据）", "%s failed, %zu errors (old data kept)"},
    [LY_S_ADMIN_LOAD_BAD_1] = {"%s 失败，%zu 处错误（暂停服务：尚无数据）", "%s failed, %zu error (out of service: no data yet)"},
    [LY_S_ADMIN_LOAD_BAD] = {"%s 失败，%zu 处错误（暂停服务：尚无数据）", "%s failed, %zu errors (out of service: no data yet)"},
    [LY_S_ADMIN_CHECKING] = {"正在核对…", "Checking…"},
    [LY_S_CLOSE] = {"关闭", "Close"},
    [LY_S_CANCEL] = {"取消", "Cancel"},
    [LY_S_OK] = {"确定", "OK"},
    [LY_S_KEY_SPACE] = {"空格", "space"},
    [LY_S_OTHER_LANGUAGE] = {"English", "中文"},
    [LY_S_DASHBOARD] = {"数据看板", "Dashboard"},
    [LY_S_FIND_SPACE] = {"找空间", "Find space"},
    [LY_S_MATCHED_ADDRESS] = {"地址：%s", "Address: %s"},
    [LY_S_MATCHED_ENTERPRISE] = {"企业：%s", "Enterprise: %s"},
    [LY_S_MATCHED_INDUSTRY] = {"行业：%s", "Industry: %s"},
    [LY_S_FINDER_TITLE] = {"找办公空间", "Find space"},
    [LY_S_ANY_SIZE] = {"不限面积", "Any size"},
    [LY_S_NO_UPPER_LIMIT] = {"不设上限", "No upper limit"},
    [LY_S_SPAN_FLOORS] = {"可跨相邻楼层", "May span several floors"},
    [LY_S_ANY_RENT] = {"不限租金", "Any rent"},
    [LY_S_NEAR_METRO] = {"近地铁", "Near metro"},
    [LY_S_NEAR_PARKING] = {"近停车场", "Near parking"},
    [LY_S_SPACE_ON_FLOOR] = {"%d 层空置 %s m²", "Floor %d: %s m²"},
    [LY_S_SPACE_ON_FLOORS] = {"%d–%d 层空置 %s m²", "Floors %d–%d: %s m²"},
    [LY_S_AND_N_MORE_SPACES] = {"，另有 %u 处", " +%u more"},
    [LY_S_DISTANCE_TO] = {"  ·  距%s %.0f 米", "  ·  %s %.0f m"},
    [LY_S_POI_METRO] = {"地铁站", "metro station"},
    [LY_S_POI_BUS] = {"公交站", "bus stop"},
    [LY_S_POI_BANK] = {"银行", "bank"},
    [LY_S_POI_HOTEL] = {"酒店", "hotel"},
    [LY_S_POI_RESTAURANT] = {"餐厅", "restaurant"},
    [LY_S_POI_PARKING] = {"停车场", "car park"},
    [LY_S_POI_GOVERNMENT] = {"政府机关", "government office"},
    [LY_S_POI_LANDMARK] = {"地标", "landmark"},
    [LY_S_POI_ANY] = {"地点", "point of interest"},
    [LY_S_N_BUILDINGS_MATCH] = {"%s 座楼宇符合", "%s buildings match"},
    [LY_S_N_BUILDINGS_MATCH_1] = {"%s 座楼宇符合", "%s building matches"},
    /* after the count of matches: the buildings nothing is known of (no floor records) */
    [LY_S_N_WITHOUT_RECORDS] = {"；另有 %s 座无楼层数据", "; %s more have no floor data"},
    [LY_S_N_WITHOUT_RECORDS_1] = {"；另有 %s 座无楼层数据", "; %s more has no floor data"},
    [LY_S_Q_WITHOUT_RECORDS] = {"另有 %zu 座楼宇符合其他条件，但没有楼层记录，空置面积不明，未列出",
                                "%zu more buildings meet the other criteria but have no floor records: nothing is known of their space, so they are not listed"},
    [LY_S_Q_WITHOUT_RECORDS_1] = {"另有 %zu 座楼宇符合其他条件，但没有楼层记录，空置面积不明，未列出",
                                  "%zu more building meets the other criteria but has no floor records: nothing is known of its space, so it is not listed"},
    [LY_S_NO_BUILDINGS] = {"这个文件里没有楼宇", "No buildings in this file"},
    [LY_S_NO_BUILDINGS_HINT] = {"楼宇是 Polygon 或 MultiPolygon 要素", "Buildings are Polygon or MultiPolygon features"},
    [LY_S_NO_BUILDINGS_HINT_CITYJSON] = {"楼宇是有面（MultiSurface、Solid……）的 Building 城市对象",
                                         "Buildings are Building city objects with surfaces (MultiSurface, Solid …)"},
    [LY_S_OPENING] = {"正在打开 %s（首次打开需建立缓存，以后会很快）", "Opening %s (the first time builds a cache; later opens are quick)"},
    [LY_S_STAGE_READ] = {"读取文件", "Reading the file"},
    [LY_S_STAGE_CHECK] = {"检查编码与 JSON 语法", "Checking the encoding and the JSON"},
    [LY_S_STAGE_PARSE] = {"解析 JSON", "Parsing the JSON"},
    [LY_S_STAGE_VALIDATE] = {"校验楼宇数据", "Checking the buildings"},
    [LY_S_STAGE_MESH] = {"生成三维楼宇", "Building the 3D city"},
    [LY_S_STAGE_LOD] = {"生成远景细节层次", "Building the far levels of detail"},
    [LY_S_STAGE_INDEX] = {"建立空间索引", "Indexing"},
    [LY_S_STAGE_CACHE] = {"写入缓存", "Writing the cache"},
    [LY_S_STAGE_DONE] = {"完成", "Done"},
    [LY_S_EXPORT] = {"导出…", "Export…"},
    [LY_S_EXPORT_MAP] = {"地图 4K（PNG）", "Map, 4K (PNG)"},
    [LY_S_EXPORT_MAP_LARGE] = {"地图 8000×6000（PNG）", "Map, 8000×6000 (PNG)"},
    [LY_S_EXPORT_MODEL_SELECTION] = {"所选楼宇模型（glTF）", "This building (glTF)"},
    [LY_S_EXPORT_MODEL] = {"三维模型（glTF）", "3D model (glTF)"},
    [LY_S_EXPORT_CITYJSON] = {"城市模型（CityJSON）", "City model (CityJSON)"},
    [LY_S_EXPORT_CITYJSON_SELECTION] = {"所选楼宇（CityJSON）", "This building (CityJSON)"},
    [LY_S_EXPORT_STOCK] = {"楼宇表（CSV）", "Buildings (CSV)"},
    [LY_S_EXPORT_FLOORS] = {"楼层表（CSV）", "Floors (CSV)"},
    [LY_S_EXPORTING] = {"正在导出…", "Exporting…"},
    [LY_S_EXPORTED] = {"已保存：%s", "Saved: %s"},
    [LY_S_EXPORT_FAILED] = {"导出失败：%s", "Export failed: %s"},
    [LY_S_IMPORTING] = {"正在导入周报 %s…", "Importing the report %s…"},
    [LY_S_IMPORTED] = {"%s：已导入 %s，%zu 行", "%s: imported %s, %zu rows"},
    [LY_S_IMPORT_SAME] = {"%s：此文件已于 %s 导入，未作改动", "%s: already imported on %s; nothing changed"},
    [LY_S_IMPORT_BAD] = {"%s 未导入（%zu 处错误）：%s", "%s not imported (errors: %zu): %s"},
    [LY_S_IMPORT_REFUSED] = {"%s 未导入：%s", "%s not imported: %s"},
    [LY_S_IMPORT_NO_STORE] = {"%s 是周报：请先打开数据库（louyu convert 生成的 .gpkg）再拖入",
                              "%s is a weekly report: open a store (a .gpkg louyu convert makes) and drop it there"},
    [LY_S_IMPORT_BUSY] = {"%s 未导入：上一份周报仍在导入", "%s not imported: the report before it is still being imported"},
    [LY_S_CSV_ID] = {"编号", "id"},
    [LY_S_CSV_NAME] = {"名称", "name"},
    [LY_S_CSV_NAME_EN] = {"英文名称", "name_en"},
    [LY_S_CSV_ADDRESS] = {"地址", "address"},
    [LY_S_CSV_ADDRESS_EN] = {"英文地址", "address_en"},
    [LY_S_CSV_STATUS] = {"状态", "status"},
    [LY_S_CSV_YEAR] = {"建成年份", "year"},
    [LY_S_CSV_HEIGHT_M] = {"高度(米)", "height_m"},
    [LY_S_CSV_FLOORS] = {"层数", "floors"},
    [LY_S_CSV_FLOOR_AREA_M2] = {"建筑面积(平方米)", "floor_area_m2"},
    [LY_S_CSV_RECORDED_AREA_M2] = {"可出租面积(平方米)", "recorded_area_m2"},
    [LY_S_CSV_VACANT_M2] = {"空置面积(平方米)", "vacant_m2"},
    [LY_S_CSV_OCCUPANCY] = {"出租率", "occupancy"},
    [LY_S_CSV_RENT_CNY_M2_DAY] = {"租金(元/平方米/天)", "rent_cny_m2_day"},
    [LY_S_CSV_RENT_MAX_CNY_M2_DAY] = {"最高租金(元/平方米/天)", "rent_max_cny_m2_day"},
    [LY_S_CSV_RENT_TO_BE_AGREED] = {"租金面议", "rent_to_be_agreed"},
    [LY_S_CSV_ENTERPRISES] = {"企业数", "enterprises"},
    [LY_S_CSV_TAX_2010_CNY] = {"2010年税收(元)", "tax_2010_cny"},
    [LY_S_CSV_INDUSTRIES] = {"行业", "industries"},
    [LY_S_CSV_LON] = {"经度", "lon"},
    [LY_S_CSV_LAT] = {"纬度", "lat"},
    [LY_S_CSV_F_BUILDING_ID] = {"楼宇编号", "building_id"},
    [LY_S_CSV_F_BUILDING_NAME] = {"楼宇名称", "building_name"},
    [LY_S_CSV_F_FLOOR] = {"楼层", "floor"},
    [LY_S_CSV_F_USE] = {"用途", "use"},
    [LY_S_CSV_F_AREA_M2] = {"面积(平方米)", "area_m2"},
    [LY_S_CSV_F_VACANT_M2] = {"空置面积(平方米)", "vacant_m2"},
    [LY_S_CSV_F_OCCUPANCY] = {"出租率", "occupancy"},
    [LY_S_CSV_F_ENTERPRISES] = {"企业数", "enterprises"},
    [LY_S_CSV_F_RENT_CNY_M2_DAY] = {"租金(元/平方米/天)", "rent_cny_m2_day"},
    [LY_S_CSV_F_RENT_TO_BE_AGREED] = {"租金面议", "rent_to_be_agreed"},
    [LY_S_NEARBY_TAB] = {"周边", "Nearby"},
    [LY_S_PLACES] = {"周边设施", "Places"},
    [LY_S_PLACES_ALL] = {"全部显示", "Show all"},
    [LY_S_PLACES_NONE] = {"全部隐藏", "Hide all"},
    [LY_S_PLACES_LATER] = {"含数据日期后开业的设施", "Opened after the data's date"},
    [LY_S_WALK_MIN] = {"步行 %d 分钟 · %s 米", "%d min walk · %s m"},
    [LY_S_WALK_STRAIGHT] = {"直线 %s 米（无可步行道路）", "%s m in a straight line (no walkable road)"},
    [LY_S_NEARBY_NONE] = {"步行范围内没有已知的设施", "No known places within walking reach"},
    [LY_S_NEARBY_HINT] = {"点选一项，在地图上显示步行路线", "Choose one to see its walking route"},
    [LY_S_WALK_AREAS] = {"步行 5 / 10 / 15 分钟范围", "Walking areas: 5, 10, 15 min"},
    [LY_S_WALK_KEY] = {"步行范围", "Walking areas"},
    [LY_S_WALK_KEY_ROW] = {"步行 %d 分钟", "%d min walk"},
    [LY_S_OPENED_IN] = {"%d 年开业", "opened %d"},
    [LY_S_OPERATIONS] = {"运维模式", "Operations mode"},
    [LY_S_OPERATIONS_BADGE] = {"运维模式 · 含摄像头", "Operations mode · cameras"},
    [LY_S_CAMERAS] = {"摄像头", "Cameras"},
    [LY_S_CAMERAS_NONE] = {"数据中没有摄像头", "No cameras in the data"},
    [LY_S_CAMERA_CONNECTING] = {"连接中", "Connecting"},
    [LY_S_CAMERA_LIVE] = {"实时", "Live"},
    [LY_S_CAMERA_STALE] = {"画面停滞", "Stale"},
    [LY_S_CAMERA_UNREACHABLE] = {"无法连接", "Unreachable"},
    [LY_S_CAMERA_BAD] = {"数据异常", "Bad data"},
    [LY_S_CAMERA_AGE] = {"%.0f 秒前的画面", "picture from %.0f s ago"},
    [LY_S_CAMERA_AGE_NOW] = {"刚刚的画面", "picture from just now"},
    [LY_S_CAMERA_AIM] = {"朝向 %.0f° · 视角 %.0f°", "facing %.0f° · %.0f° wide"},
    [LY_S_CAMERA_RETRY] = {"%.0f 秒后重试", "retrying in %.0f s"},
    [LY_S_CAMERA_NO_SOURCE] = {"无视频源", "No picture source"},
    [LY_S_CAMERA_FULL] = {"最多同时打开 4 路画面", "At most 4 pictures at once"},
    [LY_S_CLI_SCORE] = {"评分 %.3f", "score %.3f"},
    [LY_S_CLI_FLOORS] = {"空置：", "floors:"},
    [LY_S_CLI_AREA] = {"（%s m²）", " (%s m²)"},
    [LY_S_NEARBY_REACH] = {"（%s 米）", " (%s m)"},
    [LY_S_PAREN] = {"（%s）", " (%s)"},
    [LY_S_CAMERA_CAUSE_REFUSED] = {"服务器拒绝连接", "the server refused the connection"},
    [LY_S_CAMERA_CAUSE_UNREACHABLE] = {"无法连接服务器", "the server cannot be reached"},
    [LY_S_CAMERA_CAUSE_NAME] = {"服务器地址无法解析", "the server's name does not resolve"},
    [LY_S_CAMERA_CAUSE_TIMEOUT] = {"服务器无应答", "no answer from the server"},
    [LY_S_CAMERA_CAUSE_HTTP] = {"服务器返回错误 %ld", "the server answered %ld"},
    [LY_S_CAMERA_CAUSE_NO_PICTURE] = {"服务器未发送画面", "the server sends no picture"},
    [LY_S_CAMERA_CAUSE_STALLED] = {"视频流停顿，正在重新连接", "the stream stalled, reconnecting"},
    [LY_S_CAMERA_CAUSE_BROKE] = {"连接中断", "the connection broke"},
    [LY_S_CAMERA_CAUSE_ENDED] = {"视频流已结束", "the stream ended"},
    [LY_S_CAMERA_CAUSE_TOO_BIG] = {"画面超出大小上限", "a picture over the size limit"},
    [LY_S_CAMERA_CAUSE_NOT_PICTURE] = {"收到的不是图像", "not a picture"},
    [LY_S_CAMERA_CAUSE_ADDRESS] = {"摄像头地址无效", "not a camera's address"},
    [LY_S_CAMERA_CAUSE_TLS] = {"安全连接失败", "the secure connection failed"},
    [LY_S_CAMERA_CAUSE_FILE] = {"无法读取图像文件", "the picture file cannot be read"},
    [LY_S_CAMERA_CAUSE_INTERNAL] = {"内部错误，详见日志", "an internal error: see the log"},
    [LY_S_NEARBY_ON_FOOT] = {"沿道路步行（4.5 公里/小时）", "on foot over the roads (4.5 km/h)"},
    [LY_S_NEARBY_STRAIGHT] = {"数据中没有可步行的道路：直线距离", "no walkable road in the data: straight-line distances"},
    [LY_S_IN_THIS_BUILDING] = {"就在本楼", "in this building"},
    /* the places that opened after the data's date: a station 开通, anything else 开业 */
    [LY_S_OPENED_IN_STATION] = {"%d 年开通", "opened %d"},
    [LY_S_SITE_NEAR_OPENED_STATION] = {"（%d 年开通）", " (opened %d)"},
    [LY_S_PLACES_COUNT_LATER_STATION] = {"%zu 处（另有 %zu 处 %d 年后开通）", "%zu (+%zu opened after %d)"},
    [LY_S_Q_POI_LATER_STATION] = {"%s：%s，步行 %.0f 分钟（%.0f 米；%d 年开通，晚于 %d 年的数据）", "%s %.0f min on foot (%.0f m; %s; opened %d, after the data of %d)"},
    [LY_S_Q_POI_LATER_STRAIGHT_STATION] = {"%s：%s，直线 %.0f 米（无可步行道路；%d 年开通，晚于 %d 年的数据）", "%s %.0f m in a straight line (%s; no walkable road; opened %d, after the data of %d)"},
    [LY_S_Q_POI_IN_LATER_STATION] = {"%s：%s，就在本楼（%d 年开通，晚于 %d 年的数据）", "%s in the building (%s; opened %d, after the data of %d)"},
    [LY_S_Q_LATER_NOT_COUNTED_STATION] = {"有 %zu 个%s在 %d 年（数据年份）之后开通，未计入（较晚增加，--exclude-later 不计入）", "%zu %s%s opened after %d, the year of the data, and %s not counted (later additions, left out by --exclude-later)"},
    [LY_S_Q_LATER_COUNTED_STATION] = {"计入 %zu 个在 %d 年（数据年份）之后开通的%s", "Counting %zu %s%s that opened after %d, the year of the data"},
    [LY_S_SCALE_M] = {"%g 米", "%g m"},
    [LY_S_SCALE_KM] = {"%g 公里", "%g km"},
    [LY_S_ADMIN_LOG_STDERR] = {"标准错误输出（stderr）", "stderr"},
    [LY_S_ADMIN_FRAMES_VALUE] = {"%ld 帧 · 平均 %.1f 毫秒（最长 %.0f 毫秒）", "%ld frames · mean %.1f ms (longest %.0f ms)"},
    [LY_S_ADMIN_UPTIME_DAYS] = {"%ld 天 %02ld:%02ld:%02ld", "%ld d %02ld:%02ld:%02ld"},
    [LY_S_CAMERA_FPS] = {"%s · %.1f 帧/秒", "%s · %.1f fps"},
    [LY_S_HELP_TITLE] = {"操作说明", "Controls"},
    [LY_S_HELP_MOUSE] = {"鼠标", "Mouse"},
    [LY_S_HELP_TOUCH] = {"触摸", "Touch"},
    [LY_S_HELP_KEYS] = {"键盘", "Keys"},
    [LY_S_HELP_DRAG] = {"拖动", "drag"},
    [LY_S_HELP_OTHER_DRAG] = {"右键或中键拖动", "right or middle drag"},
    [LY_S_HELP_WHEEL] = {"滚轮", "wheel"},
    [LY_S_HELP_SHIFT_DRAG] = {"Shift + 拖动", "Shift + drag"},
    [LY_S_HELP_CLICK] = {"单击", "click"},
    [LY_S_HELP_DOUBLE_CLICK] = {"双击", "double-click"},
    [LY_S_HELP_TWO_FINGERS] = {"双指", "two fingers"},
    [LY_S_HELP_TWO_UP_DOWN] = {"双指上下", "two fingers up/down"},
    [LY_S_HELP_TAP] = {"轻点", "tap"},
    [LY_S_HELP_ARROWS] = {"方向键、W A S D", "arrows, W A S D"},
    [LY_S_HELP_ORBIT_VIEW] = {"环绕旋转", "orbit the view"},
    [LY_S_HELP_PAN] = {"平移", "pan"},
    [LY_S_HELP_ZOOM_POINTER] = {"向指针处缩放", "zoom towards the pointer"},
    [LY_S_HELP_TILT] = {"俯仰", "tilt"},
    [LY_S_HELP_SELECT_BUILDING] = {"选择楼宇或楼层", "select a building or floor"},
    [LY_S_HELP_FLY_TO] = {"飞到楼宇", "fly to a building"},
    [LY_S_HELP_ORBIT] = {"环绕旋转", "orbit"},
    [LY_S_HELP_TWO_FINGERS_DO] = {"平移、捏合缩放、旋转", "pan, pinch to zoom, twist"},
    [LY_S_HELP_SELECT] = {"选择", "select"},
    [LY_S_HELP_THESE] = {"本说明", "these controls"},
    [LY_S_HELP_ZOOM] = {"缩放", "zoom"},
    [LY_S_HELP_TWIST] = {"旋转", "twist"},
    [LY_S_HELP_HOME_TOP] = {"初始视角、俯视", "home view, from the top"},
    [LY_S_HELP_PANELS] = {"着色、数据看板、找空间", "colour-by, dashboard, find space"},
    [LY_S_HELP_PLAN] = {"楼层租控图、分层展开", "stacking plan, pull floors apart"},
    [LY_S_HELP_LANGUAGE] = {"中文 / English", "中文 / English"},
    [LY_S_HELP_ESCAPE] = {"关闭最后打开的：帮助、楼层、卡片、找空间、看板", "close what opened last: help, floor, card, finder, dashboard"},
    [LY_S_HELP_DROP] = {"拖入文件", "drop a file"},
    [LY_S_HELP_DROP_OPENS] = {"打开数据文件；周报则导入当前数据库", "open that data file; a weekly report: import it into the store shown"},
    [LY_S_HELP_WINDOW] = {"重新载入数据、全屏、退出", "reload the data, full screen, quit"},
    [LY_S_DASHBOARD_TITLE] = {"街道数据看板", "District dashboard"},
    [LY_S_CHART_OCCUPANCY] = {"各楼宇出租率", "Occupancy by building"},
    [LY_S_CHART_INDUSTRIES] = {"行业构成（企业数）", "Industry mix (enterprises)"},
    [LY_S_CHART_FLOOR_BANDS] = {"各楼层段空置率", "Vacancy by floor band"},
    [LY_S_INDUSTRY_READOUT] = {"%zu 家企业  ·  占已知行业企业的 %.1f%%", "%zu enterprises  ·  %.1f %% of those with an industry"},
    [LY_S_FLOORS_RANGE] = {"%d–%d 层", "Floors %d–%d"},
    [LY_S_FLOORS_AND_UP] = {"%d 层及以上", "Floors %d and up"},
    [LY_S_BAND_READOUT] = {"空置 %s / %s m²（%.1f%%）", "%s of %s m² vacant (%.1f %%)"},
    [LY_S_TOTALS_SHARE] = {"%s  ·  楼宇内企业 %s / %s 家（%.1f%%）", "%s  ·  %s of %s enterprises in buildings (%.1f %%)"},
    [LY_S_TOTALS] = {"%s  ·  企业 %s 家", "%s  ·  %s enterprises"},
    [LY_S_TOTALS_1] = {"%s  ·  企业 %s 家", "%s  ·  %s enterprise"},
    [LY_S_TOTALS_TAX] = {"2010年税收 %s 亿元  ·  亿元楼 %zu 座", "2010 tax %s M CNY  ·  %zu buildings paid ≥ 100 M CNY"},
    [LY_S_TOTALS_TAX_1] = {"2010年税收 %s 亿元  ·  亿元楼 %zu 座", "2010 tax %s M CNY  ·  %zu building paid ≥ 100 M CNY"},
    [LY_S_TOTALS_VACANT] = {"  ·  空置 %s m²（%.1f%%）", "  ·  vacant\u00a0%s\u00a0m²\u00a0(%.1f\u00a0%%)"},
    [LY_S_TOTALS_VACANT_ALONE] = {"空置 %s m²（%.1f%%）", "Vacant %s m² (%.1f %%)"},
    [LY_S_TYPE] = {"类型", "Type"},
    [LY_S_FLOOR_N] = {"%d 层", "Floor %d"},
    [LY_S_FLOOR_SHORT] = {"%d 层", "%dF"},
    [LY_S_LIST_SEP] = {"、", ", "},
    [LY_S_FLOOR_RANGE_SHORT] = {"%d–%d 层", "%d–%dF"},
    [LY_S_TOUR_VACANT] = {"空置 %s m²", "%s m² vacant"},
    [LY_S_TOUR_HEIGHT_FLOORS] = {"高 %.0f 米，%d 层", "%.0f m, %d floors"},
    [LY_S_TOUR_HEIGHT_FLOOR_1] = {"高 %.0f 米，%d 层", "%.0f m, %d floor"},
    [LY_S_TOUR_HEIGHT] = {"高 %.0f 米", "%.0f m tall"},
    [LY_S_TOUCH_TO_EXPLORE] = {"触摸屏幕开始", "Touch to explore"},
    [LY_S_NOTE] = {"注：", "note: "},
    [LY_S_NO_MATCH] = {"没有符合条件的楼宇", "no building matches"},
    [LY_S_COLOR_PLAIN] = {"原色", "Plain"},
    [LY_S_COLOR_OCCUPANCY] = {"出租率（%）", "Occupancy (%)"},
    [LY_S_COLOR_VACANT] = {"空置面积（m²）", "Vacant area (m²)"},
    [LY_S_COLOR_ENTERPRISES] = {"企业数（家）", "Enterprises"},
    [LY_S_COLOR_TAX] = {"2010年税收（百万元）", "2010 tax (M CNY)"},
    [LY_S_COLOR_INDUSTRY] = {"主导行业", "Dominant industry"},
    [LY_S_COLOR_AGE] = {"建成或预计建成年份", "Year built or due"},
    [LY_S_COLOR_HEIGHT] = {"高度（米）", "Height (m)"},
    [LY_S_COLOR_CHANGE] = {"本周空置变化（m²）", "Weekly change (m²)"},
    [LY_S_WEEK_OF] = {"%d年第%d周", "Week %2$d, %1$d"},
    [LY_S_WEEK_LATEST] = {"最新", "latest"},
    [LY_S_WEEK_EARLIER] = {"上一周", "Week before"},
    [LY_S_WEEK_LATER] = {"下一周", "Week after"},
    [LY_S_VACANCY_TREND] = {"空置面积走势", "Vacant space, week by week"},
    [LY_S_VACANCY_TREND_DISTRICT] = {"全街道空置面积走势", "District vacancy, week by week"},
    [LY_S_THIS_WEEK] = {"本周变化", "This week"},
    [LY_S_NEWLY_VACANT] = {"空置增加 %s m²", "%s m² more vacant"},
    [LY_S_NEWLY_LET] = {"空置减少 %s m²", "%s m² less vacant"},
    [LY_S_NO_CHANGE_THIS_WEEK] = {"本周无变化", "No change this week"},
    [LY_S_VACANT_UNCHANGED] = {"空置面积本周无变化", "Vacant space unchanged this week"},
    [LY_S_RENT_WAS_NOW] = {"本周租金 %s → %s", "Rent this week %s → %s"},
    [LY_S_FLOOR_SERVICE] = {"设备层、停车", "Plant, parking"},
    [LY_S_FLOOR_NOT_LET] = {"不对外出租", "Not for letting"},
    [LY_S_TOTALS_BUILDINGS] = {"%s 座楼宇（在建 %s）", "%s buildings (%s under construction)"},
    [LY_S_TOTALS_BUILDINGS_1] = {"%s 座楼宇（在建 %s）", "%s building (%s under construction)"},
    [LY_S_CAMERA_SNAPSHOT] = {"快照", "Snapshot"},
    [LY_S_PLACES_COUNT_LATER] = {"%zu 处（另有 %zu 处 %d 年后开业）", "%zu (+%zu opened after %d)"},
    [LY_S_NO_FLOOR_RECORDS_1] = {"暂无楼层记录：这一层的用途和出租情况未知",
                                 "No floor records: the use and occupancy of its one floor are "
                                 "unknown"},
    [LY_S_NO_FLOOR_RECORDS] = {"暂无楼层记录：全部 %d 层的用途和出租情况未知",
                               "No floor records: the use and occupancy of its %d floors are "
                               "unknown"},
    [LY_S_FIRST_WEEK] = {"首个上报周：此前无周数据可比", "The first week reported: none before it to compare"},
    [LY_S_CHANGE_LET] = {"租出 %s", "%s let"},
    [LY_S_CHANGE_VACATED] = {"空出 %s", "%s vacated"},
    [LY_S_CHANGE_LITTLE] = {"变化不足 100", "under 100 either way"},
    [LY_S_TOUR_NEW] = {"本周新空出 %s m²", "%s m² came free this week"},
    [LY_S_HELP_WEEKS] = {"周次（底部滑块上）", "the week (over the slider at the bottom)"},
    [LY_S_WEEK_READOUT] = {"空置 %s m²（%.1f%%）", "%s m² vacant (%.1f%%)"},
    [LY_S_SITE_TITLE] = {"%s · 招商信息", "%s: space to let"},
    [LY_S_SITE_LEAD] = {"街道内写字楼的可租空间、楼宇与周边服务，与大厅触摸屏同一数据。", "Office space to let in the district, its buildings and services: the same data as the lobby kiosk."},
    [LY_S_SITE_DATA_OF] = {"数据：%s", "Data: %s"},
    [LY_S_SITE_TOTALS] = {"空置 %s m²（%.1f%%）", "%s m² vacant (%.1f%%)"},
    [LY_S_SITE_N_BUILDINGS] = {"%s 座楼宇", "%s buildings"},
    [LY_S_SITE_N_BUILDINGS_1] = {"%s 座楼宇", "%s building"},
    [LY_S_SITE_N_ENTERPRISES] = {"%s 家企业", "%s enterprises"},
    [LY_S_SITE_N_ENTERPRISES_1] = {"%s 家企业", "%s enterprise"},
    [LY_S_SITE_VACANT_OF_SOME] = {"空置 %s m²（占 %.1f%%，以有出租数据的 %s 座楼宇的总面积计）", "%s m² vacant (%.1f%% of the floor area of the %s buildings with letting data)"},
    [LY_S_SITE_VACANT_OF_SOME_1] = {"空置 %s m²（占 %.1f%%，以有出租数据的 %s 座楼宇的总面积计）", "%s m² vacant (%.1f%% of the floor area of the %s building with letting data)"},
    [LY_S_SITE_NO_SPACE] = {"目前暂无可租空间。", "No space to let at present."},
    [LY_S_SITE_SPACES] = {"可租空间", "Space to let"},
    [LY_S_SITE_COUNT] = {"共 %d 处", "%d spaces"},
    [LY_S_SITE_COUNT_1] = {"共 %d 处", "%d space"},
    [LY_S_SITE_F_AREA] = {"最小面积（m²）", "At least (m²)"},
    [LY_S_SITE_F_RENT] = {"最高租金（元/m²/天）", "Rent at most (CNY/m²/day)"},
    [LY_S_SITE_F_BUILDING] = {"楼宇", "Building"},
    [LY_S_SITE_F_ALL] = {"全部楼宇", "All buildings"},
    [LY_S_SITE_F_CONTIGUOUS] = {"跨相邻楼层的整片空间", "Space spanning adjacent floors"},
    [LY_S_SITE_F_NOJS] = {"开启 JavaScript 后可筛选和排序；下表列出全部单层空间。", "Filtering and sorting need JavaScript; the table lists every space floor by floor."},
    [LY_S_SITE_COL_BUILDING] = {"楼宇", "Building"},
    [LY_S_SITE_COL_FLOORS] = {"楼层", "Floor(s)"},
    [LY_S_SITE_COL_AREA] = {"面积（m²）", "Area (m²)"},
    [LY_S_SITE_COL_RENT] = {"租金（元/m²/天）", "Rent (CNY/m²/day)"},
    [LY_S_SITE_COL_AVAILABLE] = {"可入驻", "Available from"},
    [LY_S_SITE_NOW] = {"随时", "now"},
    [LY_S_SITE_NOT_SAID] = {"未注明", "not said"},
    [LY_S_SITE_TO_BE_AGREED] = {"面议", "to be agreed"},
    [LY_S_SITE_BUILDINGS] = {"楼宇", "Buildings"},
    [LY_S_SITE_BUILDING_SPACES] = {"%d 处可租，共 %s m²", "%d spaces, %s m² in all"},
    [LY_S_SITE_BUILDING_SPACES_1] = {"%d 处可租，共 %s m²", "%d space, %s m²"},
    [LY_S_SITE_FULLY_LET] = {"已满租", "Fully let"},
    [LY_S_SITE_NO_LETTING_DATA] = {"暂无出租数据", "No letting data"},
    [LY_S_SITE_VIEWS] = {"外观", "Views"},
    [LY_S_SITE_SEEN_FROM] = {"%s，从%s看", "%s, seen from the %s"},
    [LY_S_DIR_N] = {"北面", "north"},
    [LY_S_DIR_NE] = {"东北面", "north-east"},
    [LY_S_DIR_E] = {"东面", "east"},
    [LY_S_DIR_SE] = {"东南面", "south-east"},
    [LY_S_DIR_S] = {"南面", "south"},
    [LY_S_DIR_SW] = {"西南面", "south-west"},
    [LY_S_DIR_W] = {"西面", "west"},
    [LY_S_DIR_NW] = {"西北面", "north-west"},
    [LY_S_SITE_PLAN_ALT] = {"%s的楼层租控图：已出租、部分空置、空置和无数据的楼层分色显示", "Stacking plan of %s: floors leased, partly vacant, vacant and without data in their colours"},
    [LY_S_SITE_HERO_ALT] = {"%s的三维地图", "3D map of %s"},
    [LY_S_SITE_MAP_LABEL] = {"%s的三维地图：拖动旋转，滚轮缩放，点击楼宇查看详情",
                             "3D map of %s: drag to turn, wheel to zoom, click a building for its card"},
    [LY_S_SITE_MAP_OPEN] = {"在三维地图中查看", "See it on the 3D map"},
    [LY_S_SITE_MAP_TWO_FINGERS] = {"双指移动地图", "Use two fingers to move the map"},
    [LY_S_SITE_MAP_NO_WEBGL] = {"三维地图需要 WebGL2，此浏览器不提供。",
                                "The 3D map needs WebGL2, which this browser does not offer."},
    [LY_S_SITE_MAP_BACK] = {"返回%s", "Back to %s"},
    [LY_S_SITE_PAGE_OF] = {"%s（第 %d/%d 页）", "%s (page %d of %d)"},
    [LY_S_SITE_BUILDINGS_TITLE] = {"%s · 楼宇", "%s: buildings"},
    [LY_S_SITE_SPACES_PAGES] = {"可租空间的分页", "Pages of the space to let"},
    [LY_S_SITE_BUILDINGS_PAGES] = {"楼宇的分页", "Pages of the buildings"},
    [LY_S_SITE_SPACES_RANGE] = {"第 %s–%s 处，共 %s 处", "Spaces %s–%s of %s"},
    [LY_S_SITE_SPACES_ONE] = {"第 %s 处，共 %s 处", "Space %s of %s"},
    [LY_S_SITE_BUILDINGS_RANGE] = {"第 %s–%s 座，共 %s 座", "Buildings %s–%s of %s"},
    [LY_S_SITE_BUILDINGS_ONE] = {"第 %s 座，共 %s 座", "Building %s of %s"},
    [LY_S_SITE_PREVIOUS] = {"上一页", "Previous"},
    [LY_S_SITE_NEXT] = {"下一页", "Next"},
    [LY_S_SITE_F_NOJS_PAGES] = {"开启 JavaScript 后可在全部页中筛选和排序；下表分页列出全部单层空间。", "Filtering and sorting across the pages need JavaScript; the table lists every space floor by floor, a page at a time."},
    [LY_S_SITE_LOADING] = {"正在载入全部可租空间（%d/%d）…", "Loading every space to let (%d of %d)…"},
    [LY_S_SITE_FIRST_LISTED] = {"已列出第 1–%d 处。", "Listed: 1–%d."},
    [LY_S_SITE_LOAD_FAILED] = {"未能载入其他页的空间（网站可能刚更新，请刷新本页）：筛选和排序仅限本页。", "The other pages' spaces could not be loaded (the site may have been updated: reload the page): the filters and sorting cover this page only."},
    [LY_S_SITE_MORE] = {"再列出 %d 处", "Show %d more"},
    [LY_S_SITE_CLEAR] = {"清除", "Clear"},
    [LY_S_SITE_FIND_BUILDING] = {"按名称查找楼宇", "Find a building by name"},
    [LY_S_SITE_FIND] = {"查找", "Find"},
    [LY_S_SITE_FOUND] = {"找到 %d 座楼宇", "%d buildings found"},
    [LY_S_SITE_FOUND_1] = {"找到 %d 座楼宇", "%d building found"},
    [LY_S_SITE_FIND_FAILED] = {"未能载入全部楼宇（网站可能刚更新，请刷新本页）。", "The buildings could not be loaded (the site may have been updated: reload the page)."},
    [LY_S_SITE_FIRST_LISTED_BUILDINGS] = {"已列出第 1–%d 座。", "Listed: 1–%d."},
    [LY_S_SITE_MORE_BUILDINGS] = {"再列出 %d 座", "Show %d more"},
    [LY_S_SITE_LOADING_BUILDINGS] = {"正在载入全部楼宇（%d/%d）…", "Loading every building (%d of %d)…"},
    [LY_S_SITE_FLOOR_TABLE] = {"各楼层租赁情况", "Vacancy by floor"},
    [LY_S_SITE_COL_FLOOR] = {"楼层", "Floor"},
    [LY_S_SITE_COL_USE] = {"用途", "Use"},
    [LY_S_SITE_COL_VACANT] = {"空置（m²）", "Vacant (m²)"},
    [LY_S_SITE_FACTS] = {"概况", "Facts"},
    [LY_S_SITE_SERVICES] = {"政务服务窗口", "Government service windows"},
    [LY_S_SITE_INDUSTRIES] = {"入驻行业", "Industries here"},
    [LY_S_SITE_INDUSTRY_N] = {"%s：%d 家", "%s: %d"},
    [LY_S_SITE_NEARBY] = {"周边", "Nearby"},
    [LY_S_SITE_NEAR_ITEM] = {"%s，%s", "%s · %s"},
    [LY_S_SITE_NEAR_OPENED] = {"（%d 年开业）", " (opened %d)"},
    [LY_S_SITE_NEAR_NOTE] = {"沿道路步行（%.1f 公里/小时），从楼宇外轮廓起算：每类设施步行 %.1f 公里内最近的一处，与大厅触摸屏“周边”所列相同。", "On foot over the roads (%.1f km/h) from the building's outline: the nearest place of each kind within a %.1f km walk, as the lobby kiosk's Nearby tab lists them."},
    [LY_S_SITE_NEAR_NOTE_LINE] = {"数据中没有可步行的道路：距离为从楼宇外轮廓起算的直线距离，每类设施 %.1f 公里内最近的一处。", "No walkable road in the data: distances are in a straight line from the building's outline, to the nearest place of each kind within %.1f km."},
    [LY_S_SITE_NOTHING_NEAR] = {"%.1f 公里内没有已知的设施。", "No known places within %.1f km."},
    [LY_S_SITE_BACK] = {"返回街道", "Back to the district"},
    [LY_S_SITE_DATA] = {"数据下载", "Data"},
    [LY_S_SITE_DATA_LISTINGS] = {"可租空间：%s、%s", "Space to let: %s, %s"},
    [LY_S_SITE_DATA_DISTRICT] = {"街道数据（GeoJSON，供触摸屏等读取）", "The district (GeoJSON, what the kiosks read)"},
    [LY_S_SITE_FEED] = {"本周新空出（Atom 订阅）", "Space that came free this week (Atom feed)"},
    [LY_S_SITE_SKIP] = {"跳到正文", "Skip to content"},
    [LY_S_SITE_PLAN] = {"楼层租控图", "Stacking plan"},
    [LY_S_SITE_FEED_TITLE] = {"%s：本周新空出的空间", "%s: space that came free this week"},
    [LY_S_SITE_FEED_ENTRY] = {"%s %s 层：新空出 %s m²", "%s, floor %s: %s m² came free"},
    [LY_S_SITE_FEED_ENTRY_N] = {"%s %s 层：新空出 %s m²", "%s, floors %s: %s m² came free"},
    [LY_S_SITE_CHOOSE] = {"选择语言 · Choose a language", "选择语言 · Choose a language"},
    [LY_S_SITE_WEEK_OF_DATA] = {"数据周次：%s", "Data: %s"},
    [LY_S_SITE_MAKER] = {"由 louyu 从街道数据生成", "Made by louyu from the district's data"},
    [LY_S_SITE_FILTER] = {"筛选", "Filter"},
    [LY_S_SITE_FROM] = {"从%s看", "From the %s"},
    [LY_S_OTHER_INDUSTRIES] = {"其他", "Other"},
    [LY_S_Q_NO_INDUSTRY] = {"区内没有“%s”行业的企业", "no enterprise in the district is in the industry \"%s\""},
    [LY_S_Q_FLOOR_VACANT] = {"%d 层空置 %s m²", "floor %d: %s m² vacant"},
    [LY_S_Q_FLOORS_VACANT] = {"%d–%d 层合计空置 %s m²", "floors %d–%d: %s m² vacant together"},
    [LY_S_Q_RENT] = {"租金 %.2f ≤ %.2f 元/m²/天", "rent %.2f ≤ %.2f CNY/m²/day"},
    [LY_S_Q_POI_LATER] = {"%s：%s，步行 %.0f 分钟（%.0f 米；%d 年开业，晚于 %d 年的数据）", "%s %.0f min on foot (%.0f m; %s; opened %d, after the data of %d)"},
    [LY_S_Q_POI] = {"%s：%s，步行 %.0f 分钟（%.0f 米）", "%s %.0f min on foot (%.0f m; %s)"},
    [LY_S_Q_POI_LATER_STRAIGHT] = {"%s：%s，直线 %.0f 米（无可步行道路；%d 年开业，晚于 %d 年的数据）", "%s %.0f m in a straight line (%s; no walkable road; opened %d, after the data of %d)"},
    [LY_S_Q_POI_STRAIGHT] = {"%s：%s，直线 %.0f 米（无可步行道路）", "%s %.0f m in a straight line (%s; no walkable road)"},
    [LY_S_Q_POI_IN] = {"%s：%s，就在本楼", "%s in the building (%s)"},
    /* louyu nearby's rows: the walk's minutes and metres, or the straight line's metres */
    [LY_S_NEARBY_ROW_WALK] = {"%3d 分钟 %7s 米", "%3d min %7s m"},
    [LY_S_NEARBY_ROW_STRAIGHT] = {"%7s 米", "%7s m"},
    [LY_S_Q_POI_IN_LATER] = {"%s：%s，就在本楼（%d 年开业，晚于 %d 年的数据）", "%s in the building (%s; opened %d, after the data of %d)"},
    [LY_S_Q_UNNAMED] = {"无名", "unnamed"},
    [LY_S_Q_IN_BUILDING] = {"楼内有 %d 家%s企业", "%d %s enterprise%s in the building"},
    [LY_S_Q_NEAR_BUILDINGS] = {"%s 米内的楼宇有 %d 家%s企业", "%d %s enterprise%s in buildings within %s m"},
    [LY_S_Q_NAME] = {"名称或地址含“%s”", "\"%s\" in the name or address"},
    [LY_S_Q_LATER_NOT_COUNTED] = {"有 %zu 个%s在 %d 年（数据年份）之后开业，未计入（较晚增加，--exclude-later 不计入）", "%zu %s%s opened after %d, the year of the data, and %s not counted (later additions, left out by --exclude-later)"},
    [LY_S_Q_LATER_COUNTED] = {"计入 %zu 个在 %d 年（数据年份）之后开业的%s", "Counting %zu %s%s that opened after %d, the year of the data"},
    /* a week's changes against an earlier week than the one just before (none reported
     * between): that week named, year and week */
    [LY_S_SINCE_WEEK] = {"较%d年第%d周变化", "Since week %2$d, %1$d"},
    [LY_S_NO_CHANGE_SINCE_WEEK] = {"较%d年第%d周无变化", "No change since week %2$d, %1$d"},
    [LY_S_VACANT_UNCHANGED_SINCE] = {"空置面积较%d年第%d周无变化", "Vacant space unchanged since week %2$d, %1$d"},
    [LY_S_NEWLY_VACANT_SINCE] = {"较%1$d年第%2$d周空置增加 %3$s m²", "%3$s m² more vacant since week %2$d, %1$d"},
    [LY_S_NEWLY_LET_SINCE] = {"较%1$d年第%2$d周空置减少 %3$s m²", "%3$s m² less vacant since week %2$d, %1$d"},
    [LY_S_RENT_SINCE_WEEK] = {"较%1$d年第%2$d周租金 %3$s → %4$s", "Rent since week %2$d, %1$d: %3$s → %4$s"},
    /* the height as written ("238.3", "110") */
    [LY_S_HEIGHT_FLOORS_TEXT] = {"%s 米 · %d %s", "%s m · %d %s"},
    /* the portal's feed where the week before had no reports: the change since the week
     * reported before (year, week), not "this week" */
    [LY_S_SITE_FEED_SINCE] = {"较%1$d年第%2$d周新空出（Atom 订阅）", "Space that came free since week %2$d, %1$d (Atom feed)"},
    [LY_S_SITE_FEED_TITLE_SINCE] = {"%1$s：较%2$d年第%3$d周新空出的空间", "%1$s: space that came free since week %3$d, %2$d"},
    [LY_S_SITE_FEED_ENTRY_SINCE] = {"%1$s %2$s 层：较%4$d年第%5$d周新空出 %3$s m²", "%1$s, floor %2$s: %3$s m² came free since week %5$d, %4$d"},
    [LY_S_SITE_FEED_ENTRY_N_SINCE] = {"%1$s %2$s 层：较%4$d年第%5$d周新空出 %3$s m²", "%1$s, floors %2$s: %3$s m² came free since week %5$d, %4$d"},
    /* louyu info's and stats' text: English as scripts have always read it */
    [LY_S_INFO_HEIGHT] = {"%.1f 米 · %d 层", "%.1f m, %d floors"},
    [LY_S_INFO_HEIGHT_1] = {"%.1f 米 · %d 层", "%.1f m, %d floor"},
    [LY_S_INFO_FROM] = {" · 底部离地 %.1f 米", ", from %.1f m"},
    [LY_S_INFO_PARTS] = {" · %u 个部分", ", %u parts"},
    [LY_S_INFO_MODEL] = {"模型", "Model"},
    [LY_S_INFO_MODEL_LOD] = {"LoD %g，%u 个面", "LoD %g, %u faces"},
    [LY_S_INFO_ALIAS] = {"别名", "Also called"},
    [LY_S_INFO_TAX_2010] = {"2010年税收", "Tax 2010"},
    [LY_S_INFO_CNY] = {"%s 元", "%s CNY"},
    [LY_S_INFO_CNY_BIG] = {"%s 元（%s）", "%s CNY  (%s)"},
    [LY_S_INFO_OCCUPANCY] = {"%s，可出租面积 %s m²，空置 %s m²", "%s of %s m² leased; %s m² vacant"},
    [LY_S_INFO_WEEK] = {"数据周次", "Week"},
    [LY_S_INFO_SERVICES] = {"服务站点", "Services"},
    [LY_S_INFO_WINDOW] = {"  服务窗口", "  window"},
    [LY_S_INFO_SERVICE] = {"  服务项目", "  service"},
    [LY_S_INFO_AT_RENT] = {"，租金 %.2f %s", " at %.2f %s"},
    [LY_S_INFO_RENT_AGREED] = {"，租金%s", ", rent %s"},
    [LY_S_INFO_AND_MORE] = {"… 等 %u 家", "… and %u more"},
    [LY_S_INFO_ENTERPRISES_N] = {"入驻企业（%u 家）", "Enterprises (%u)"},
    [LY_S_INFO_EMPLOYEES] = {"员工人数", "Employees"},
    [LY_S_INFO_SINCE] = {"入驻年份", "Since"},
    [LY_S_INFO_N_ENTERPRISES] = {"%zu 家企业", "%zu enterprises"},
    [LY_S_INFO_N_ENTERPRISES_1] = {"%zu 家企业", "%zu enterprise"},
    [LY_S_INFO_N_IN_INDUSTRY] = {"%zu 家企业，行业：%s", "%zu enterprises in industry \"%s\""},
    [LY_S_INFO_N_IN_INDUSTRY_1] = {"%zu 家企业，行业：%s", "%zu enterprise in industry \"%s\""},
    [LY_S_INFO_NONE_IN_INDUSTRY] = {"没有“%s”行业的企业（共记录 %u 家）", "No enterprises in industry \"%s\" (of %u on record)."},
    [LY_S_INFO_OTHER_PROPERTIES] = {"其他属性", "Other properties"},
    [LY_S_INFO_N_BUILDINGS] = {"%s：%zu 座楼宇", "%s: %zu buildings"},
    [LY_S_INFO_N_BUILDINGS_1] = {"%s：%zu 座楼宇", "%s: %zu building"},
    [LY_S_INFO_METRES] = {"%.1f 米", "%.1f m"},
    [LY_S_STATS_DISTRICT] = {"街区", "District"},
    [LY_S_STATS_DATA_OF] = {"，数据日期 %s", ", data of %s"},
    [LY_S_STATS_BUILDINGS] = {"楼宇", "Buildings"},
    [LY_S_STATS_BUILDINGS_VALUE] = {"%zu 座（已建成 %zu 座，在建 %zu 座）", "%zu (%zu completed, %zu under construction)"},
    [LY_S_STATS_WITH_OCCUPANCY] = {"  其中有出租数据", "  with occupancy data"},
    [LY_S_STATS_N_BUILDINGS] = {"%zu 座", "%zu"},
    [LY_S_STATS_ENT_SHARE] = {"楼宇内 %s 家，街道登记 %s 家（%.1f %%）", "%s in buildings of %s registered in the district (%.1f %%)"},
    [LY_S_STATS_ENT_OVER] = {"楼宇内 %s 家（多于街道数据中登记的 %s 家：该数字未采用）", "%s in buildings (more than the %s the district's figures say are registered: that figure is not used)"},
    [LY_S_STATS_ENT_IN] = {"楼宇内 %s 家", "%s in buildings"},
    [LY_S_STATS_GFA_SOME] = {"%s m²（%zu / %zu 座楼宇有数据）", "%s m² (%zu of the %zu buildings report it)"},
    [LY_S_STATS_RECORDED] = {"可出租面积", "Recorded floor area"},
    [LY_S_STATS_ON_FLOORS] = {"%s m²，共 %zu 层", "%s m² on %zu floors"},
    [LY_S_STATS_ON_FLOORS_1] = {"%s m²，共 %zu 层", "%s m² on %zu floor"},
    [LY_S_STATS_VACANT] = {"%s m²（整层空置 %zu 层，部分空置 %zu 层）", "%s m² (%zu floors fully vacant, %zu partly)"},
    [LY_S_STATS_VACANT_1] = {"%s m²（整层空置 %zu 层，部分空置 %zu 层）", "%s m² (%zu floor fully vacant, %zu partly)"},
    [LY_S_STATS_TAX] = {"%s 元（%zu 座楼宇有数据）", "%s CNY (%zu buildings report it)"},
    [LY_S_STATS_TAX_1] = {"%s 元（%zu 座楼宇有数据）", "%s CNY (%zu building reports it)"},
    [LY_S_STATS_COLON] = {"：", ": "},
    [LY_S_STATS_AND_MORE] = {"，另有 %s 座（stats --json 列出全部）", " and %s more (stats --json lists them)"},
    [LY_S_STATS_TAX_Q1] = {"2011年一季度街道税收", "District tax Q1 2011"},
    [LY_S_STATS_NEW_Q1] = {"2011年一季度新增企业", "New enterprises Q1 2011"},
    [LY_S_STATS_N_NEW] = {"%.0f 家", "%.0f"},
    [LY_S_STATS_SERVICE_POINTS] = {"设有服务窗口的楼宇", "Buildings with service windows"},
    [LY_S_STATS_ILLUSTRATIVE] = {"示意数据说明：", "Illustrative figures:"},
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

ly_string_id ly_str_opened(ly_string_id id, int category)
{
    /* (Chinese says a station 开通, as a line is opened to traffic, and a shop or a bank
     * 开业, as a business opens its doors) */
    static const ly_string_id PAIRS[][2] = {
        {LY_S_OPENED_IN, LY_S_OPENED_IN_STATION},
        {LY_S_SITE_NEAR_OPENED, LY_S_SITE_NEAR_OPENED_STATION},
        {LY_S_PLACES_COUNT_LATER, LY_S_PLACES_COUNT_LATER_STATION},
        {LY_S_Q_POI_LATER, LY_S_Q_POI_LATER_STATION},
        {LY_S_Q_POI_LATER_STRAIGHT, LY_S_Q_POI_LATER_STRAIGHT_STATION},
        {LY_S_Q_POI_IN_LATER, LY_S_Q_POI_IN_LATER_STATION},
        {LY_S_Q_LATER_NOT_COUNTED, LY_S_Q_LATER_NOT_COUNTED_STATION},
        {LY_S_Q_LATER_COUNTED, LY_S_Q_LATER_COUNTED_STATION},
    };
    if (category != LY_POI_METRO && category != LY_POI_BUS)
        return id;
    for (size_t i = 0; i < sizeof PAIRS / sizeof *PAIRS; i++)
        if (PAIRS[i][0] == id)
            return PAIRS[i][1];
    return id;
}

const char *ly_poi_category_title(int category, ly_lang lang)
{
    static const char *const t[][2] = {
        {"地铁站", "Metro station"}, {"公交站", "Bus stop"},     {"银行", "Bank"},
        {"酒店", "Hotel"},           {"餐饮", "Restaurant"},     {"停车场", "Car park"},
        {"政务服务", "Government service"}, {"地标", "Landmark"}, {"医院", "Hospital"},
        {"学校", "School"},          {"公园", "Park"},           {"红色会所", "Red Clubhouse"},
        {"摄像头", "Camera"}};
    _Static_assert(sizeof t / sizeof *t == LY_POI_COUNT + 1, "a title per category");
    if (category < 0 || category > LY_POI_COUNT)
        return "?";
    return t[category][lang == LY_LANG_EN];
}

ly_lang ly_lang_parse(const char *s)
{
    return s && (strncmp(s, "en", 2) == 0 || strncmp(s, "EN", 2) == 0) ? LY_LANG_EN : LY_LANG_ZH;
}

ly_lang ly_lang_from_locale(const char *language, const char *lc_all, const char *lc_messages,
                            const char *lang)
{
    /* the locale in effect for messages */
    const char *locale = lc_all && *lc_all           ? lc_all
                         : lc_messages && *lc_messages ? lc_messages
                         : lang && *lang               ? lang
                                                       : "C";
    bool c_locale = !strcmp(locale, "C") || !strcmp(locale, "POSIX") ||
                    !strncmp(locale, "C.", 2);
    /* gettext honours LANGUAGE unless the locale is C */
    if (language && *language && !c_locale)
        return strncmp(language, "zh", 2) == 0 ? LY_LANG_ZH : LY_LANG_EN;
    return strncmp(locale, "zh", 2) == 0 ? LY_LANG_ZH : LY_LANG_EN;
}

const char *ly_lang_code(ly_lang lang)
{
    return lang == LY_LANG_EN ? "en" : "zh";
}

bool ly_text_has_chinese(const char *s)
{
    for (const unsigned char *c = (const unsigned char *)s; c && *c; c++)
        if (*c >= 0xE3 && *c <= 0xE9)
            return true;
    return false;
}

/* A keyword's name in a {keyword, 中文, English} table, or NULL. */
static const char *look_up(const char *const (*table)[3], size_t n, const char *key, ly_lang lang)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(key, table[i][0]))
            return table[i][lang == LY_LANG_EN ? 2 : 1];
    return NULL;
}

static const char *const INDUSTRIES[][3] = {
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

const char *ly_industry_name(const char *keyword, ly_lang lang)
{
    if (!keyword)
        return "";
    const char *name =
        look_up(INDUSTRIES, sizeof INDUSTRIES / sizeof *INDUSTRIES, keyword, lang);
    return name ? name : keyword;
}

/* Whether a and b are the same but for ASCII case, and "_" against " ". */
static bool same_words(const char *a, const char *b)
{
    for (; *a && *b; a++, b++) {
        int x = tolower((unsigned char)*a), y = tolower((unsigned char)*b);
        if (x != y && !((x == '_' || x == ' ') && (y == '_' || y == ' ')))
            return false;
    }
    return !*a && !*b;
}

const char *ly_industry_keyword(const char *text)
{
    for (size_t i = 0; text && i < sizeof INDUSTRIES / sizeof *INDUSTRIES; i++)
        if (same_words(text, INDUSTRIES[i][0]) || !strcmp(text, INDUSTRIES[i][1]) ||
            same_words(text, INDUSTRIES[i][2]))
            return INDUSTRIES[i][0];
    return text;
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
    const char *name = look_up(table, sizeof table / sizeof *table, type, lang);
    if (name)
        return name;
    /* an unknown type as the data writes it, "sports_hall" read as "sports hall" */
    static _Thread_local char shown[64];
    size_t k = 0;
    for (; type[k] && k + 1 < sizeof shown; k++)
        shown[k] = type[k] == '_' ? ' ' : type[k];
    shown[k] = '\0';
    return shown;
}

const char *ly_format_floors(const int *floors, size_t count, ly_lang lang, char *buf, size_t n)
{
    if (!n)
        return buf;
    buf[0] = '\0';
    size_t o = 0;
    const char *sep = ly_str(LY_S_LIST_SEP, lang);
    for (size_t i = 0; i < count;) {
        size_t j = i; /* floors[i..j] in a row */
        while (j + 1 < count && floors[j + 1] == floors[j] + 1)
            j++;
        if (j - i < 2) /* two in a row are two floors, not a range */
            j = i;
        char item[48], more[32];
        if (j > i)
            snprintf(item, sizeof item, ly_str(LY_S_FLOOR_RANGE_SHORT, lang), floors[i], floors[j]);
        else
            snprintf(item, sizeof item, ly_str(LY_S_FLOOR_SHORT, lang), floors[i]);
        /* room for this item, and for " … +N" should the next not fit */
        snprintf(more, sizeof more, " … +%zu", count - i);
        size_t need = strlen(i ? sep : "") + strlen(item);
        if (o + need + (j + 1 < count ? strlen(more) : 0) >= n) {
            snprintf(buf + o, n - o, "%s", o + strlen(more) < n ? more : "");
            return buf;
        }
        o += (size_t)snprintf(buf + o, n - o, "%s%s", i ? sep : "", item);
        i = j + 1;
    }
    return buf;
}

void ly_format_grouped(double v, char *buf, size_t n)
{
    if (!n)
        return;
    char raw[64];
    snprintf(raw, sizeof raw, "%.0f", round(fabs(v))); /* halves away from 0, as round() */
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

static const char *const MONTHS[12] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

const char *ly_format_date(const char *iso, ly_lang lang, char *buf, size_t n)
{
    int y, m, d;
    char end;
    if (!iso || sscanf(iso, "%4d-%2d-%2d%c", &y, &m, &d, &end) != 3 || m < 1 || m > 12 ||
        d < 1 || d > 31)
        return iso;
    if (lang == LY_LANG_ZH)
        snprintf(buf, n, "%d年%d月%d日", y, m, d);
    else
        snprintf(buf, n, "%d %s %d", d, MONTHS[m - 1], y);
    return buf;
}

const char *ly_format_week(int week, bool days, ly_lang lang, char *buf, size_t n)
{
    int len = snprintf(buf, n, ly_str(LY_S_WEEK_OF, lang), week / 100, week % 100);
    long monday;
    if (!days || len < 0 || (size_t)len >= n || !ly_week_monday(week, &monday))
        return buf;
    int y1, m1, d1, y2, m2, d2;
    ly_date_from_days(monday, &y1, &m1, &d1);
    ly_date_from_days(monday + 6, &y2, &m2, &d2);
    /* (a week over the new year says both years: "30 Dec – 5 Jan" of 2025's week 1 had
     * read as 30 Dec 2025) */
    if (lang == LY_LANG_ZH && y1 != y2)
        snprintf(buf + len, n - (size_t)len, " · %d年%d月%d日–%d年%d月%d日", y1, m1, d1, y2, m2,
                 d2);
    else if (lang == LY_LANG_ZH)
        snprintf(buf + len, n - (size_t)len, " · %d月%d日–%d月%d日", m1, d1, m2, d2);
    else if (y1 != y2)
        snprintf(buf + len, n - (size_t)len, " · %d %s %d – %d %s %d", d1, MONTHS[m1 - 1], y1,
                 d2, MONTHS[m2 - 1], y2);
    else
        snprintf(buf + len, n - (size_t)len, " · %d %s – %d %s", d1, MONTHS[m1 - 1], d2,
                 MONTHS[m2 - 1]);
    return buf;
}
