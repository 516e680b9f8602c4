/* The selection's panels: the building card (overview, floors, enterprises)
 * and the language switch, built with ly_ui each frame. */
#include "app.h"
#include "louyu/directory.h"
#include "louyu/stats.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *L(const ly_app *app, ly_string_id id)
{
    return ly_str(id, app->lang);
}

static const char *pick_name(const ly_app *app, const char *zh, const char *en)
{
    if (app->lang == LY_LANG_EN)
        return en ? en : zh;
    return zh ? zh : en;
}

static void overview(ly_app *app, const ly_building *b)
{
    ly_ui *ui = &app->ui_ctx;
    const ly_district *d = &app->scene.district;
    char v[200], a[40], c[40];
    const char *addr = pick_name(app, b->address, b->address_en);
    if (addr)
        ly_ui_key_value(ui, L(app, LY_S_ADDRESS), addr);
    if (b->status == LY_STATUS_UNDER_CONSTRUCTION)
        snprintf(v, sizeof v, "%s%s%d", L(app, LY_S_UNDER_CONSTRUCTION), b->year ? " · " : "",
                 b->year);
    else if (b->year)
        snprintf(v, sizeof v, "%s · %d", L(app, LY_S_COMPLETED), b->year);
    else
        snprintf(v, sizeof v, "%s", L(app, LY_S_COMPLETED));
    if (b->status == LY_STATUS_UNDER_CONSTRUCTION && !b->year)
        snprintf(v, sizeof v, "%s", L(app, LY_S_UNDER_CONSTRUCTION));
    ly_ui_key_value(ui, L(app, LY_S_STATUS), v);
    snprintf(v, sizeof v, "%.0f m · %d %s", b->height_m, b->floors, L(app, LY_S_FLOORS));
    ly_ui_key_value(ui, L(app, LY_S_HEIGHT), v);
    if (b->gfa_m2 > 0) {
        ly_format_grouped(b->gfa_m2, a, sizeof a);
        snprintf(v, sizeof v, "%s m²", a);
        ly_ui_key_value(ui, L(app, LY_S_FLOOR_AREA), v);
    }
    if (b->rent_cny_m2_day >= 0) {
        snprintf(v, sizeof v, "%.2f %s", b->rent_cny_m2_day, L(app, LY_S_RENT_UNIT));
        ly_ui_key_value(ui, L(app, LY_S_RENT), v);
    }
    ly_ui_space(ui, 4);
    /* occupancy: the tenant's first question */
    double area, vacant;
    double occ = ly_building_occupancy(d, b, &area, &vacant);
    if (occ < 0) {
        ly_ui_label_colored(ui, L(app, LY_S_NO_OCCUPANCY_DATA), ui->theme.text_secondary);
    } else {
        ly_format_grouped(vacant, c, sizeof c);
        snprintf(v, sizeof v, "%s %.0f%%  ·  %s %s m²", L(app, LY_S_OCCUPANCY), occ * 100,
                 L(app, LY_S_VACANT), c);
        ly_ui_bar(ui, (float)occ, ly_rgba(146, 160, 184, 255), ly_rgba(0, 150, 136, 255), v);
        /* which floors have space */
        char floors[160] = "";
        size_t o = 0;
        int listed = 0, more = 0;
        for (uint32_t i = b->n_records; i-- > 0;) {
            const ly_floor_record *r = &d->records[b->first_record + i];
            if (r->vacant_m2 <= 0)
                continue;
            if (listed < 10 && o + 8 < sizeof floors) {
                o += (size_t)snprintf(floors + o, sizeof floors - o, "%s%dF", listed ? ", " : "",
                                      r->floor);
                listed++;
            } else {
                more++;
            }
        }
        if (listed) {
            if (more)
                snprintf(floors + o, sizeof floors - o, " … +%d", more);
            ly_ui_key_value(ui, L(app, LY_S_SPACE_ON), floors);
        }
    }
    if (b->contact.name || b->contact.phone) {
        snprintf(v, sizeof v, "%s%s%s", pick_name(app, b->contact.name, b->contact.name_en),
                 b->contact.phone ? "  " : "", b->contact.phone ? b->contact.phone : "");
        ly_ui_key_value(ui, L(app, LY_S_CONTACT), v);
    }
    if (b->has_services) {
        ly_ui_space(ui, 4);
        ly_ui_label_colored(ui, pick_name(app, b->services.name, b->services.name_en),
                            ly_rgba(200, 50, 40, 255));
        for (uint32_t i = 0; i < b->services.n_windows; i++) {
            const ly_name_pair *np = &d->names[b->services.first_window + i];
            snprintf(v, sizeof v, "· %s", pick_name(app, np->name, np->name_en));
            ly_ui_label(ui, v);
        }
    }
}

/* A list's height (dp): `want`, or what is left down to the bottom margin. */
static float list_height(const ly_app *app, float want)
{
    float s = app->ui_scale > 0 ? app->ui_scale : 1;
    ly_ui_rect last = ly_ui_last_rect(&app->ui_ctx);
    float left = ((float)app->height - (last.y + last.h)) / s - 44;
    return fmaxf(90, fminf(want, left));
}

static void floors_tab(ly_app *app, const ly_building *b)
{
    ly_ui *ui = &app->ui_ctx;
    const ly_district *d = &app->scene.district;
    bool on = app->stacking, apart = app->explode > 0;
    if (ly_ui_toggle(ui, L(app, LY_S_STACKING_PLAN), &on))
        ly_app_set_stacking(app, on, app->explode);
    if (ly_ui_toggle(ui, L(app, LY_S_PULL_APART), &apart))
        ly_app_set_stacking(app, app->stacking || apart, apart ? 1.0f : 0.0f);
    ly_ui_list_begin(ui, "floors", list_height(app, 250));
    static const ly_string_id states[LY_FLOOR_STATES] = {LY_S_LEASED, LY_S_PARTLY_VACANT,
                                                        LY_S_VACANT_FLOOR, LY_S_NO_DATA};
    for (int f = b->floors; f >= 1; f--) {
        const ly_floor_record *r;
        ly_floor_state s = ly_floor_state_of(d, b, f, &r);
        char label[160], v[32];
        if (r && r->vacant_m2 > 0) {
            ly_format_grouped(r->vacant_m2, v, sizeof v);
            snprintf(label, sizeof label, "%3dF  %s · %s m²##f%d", f, L(app, states[s]), v, f);
        } else {
            snprintf(label, sizeof label, "%3dF  %s##f%d", f, L(app, states[s]), f);
        }
        bool sel = app->floor_selected == f;
        if (ly_ui_chip(ui, label, &sel)) {
            if (!app->stacking)
                ly_app_set_stacking(app, true, app->explode);
            ly_app_select_floor(app, sel ? f : 0);
        }
    }
    ly_ui_list_end(ui);
}

static void enterprises_tab(ly_app *app, const ly_building *b)
{
    ly_ui *ui = &app->ui_ctx;
    const ly_district *d = &app->scene.district;
    if (!b->n_enterprises) {
        ly_ui_label_colored(ui, L(app, LY_S_NO_ENTERPRISES), ui->theme.text_secondary);
        return;
    }
    /* industry chips: the distinct industries of this building */
    const char *industries[16];
    int n_ind = 0;
    for (uint32_t i = 0; i < b->n_enterprises && n_ind < 16; i++) {
        const char *ind = d->enterprises[b->first_enterprise + i].industry;
        bool seen = !ind;
        for (int k = 0; k < n_ind && !seen; k++)
            seen = !strcmp(industries[k], ind);
        if (!seen)
            industries[n_ind++] = ind;
    }
    for (int k = 0; k < n_ind; k++) {
        bool sel = app->industry_filter[0] && !strcmp(app->industry_filter, industries[k]);
        char label[96];
        snprintf(label, sizeof label, "%s##ind%s", ly_industry_name(industries[k], app->lang),
                 industries[k]);
        if (ly_ui_chip(ui, label, &sel))
            snprintf(app->industry_filter, sizeof app->industry_filter, "%s",
                     sel ? industries[k] : "");
    }
    /* the tabs in the order people pick them: name, floor, industry */
    static const ly_enterprise_order tab_order[3] = {LY_ORDER_NAME, LY_ORDER_FLOOR,
                                                     LY_ORDER_INDUSTRY};
    const char *sorts[3] = {L(app, LY_S_SORT_NAME), L(app, LY_S_SORT_FLOOR),
                            L(app, LY_S_SORT_INDUSTRY)};
    int tab = 0;
    while (tab < 2 && tab_order[tab] != app->enterprise_sort)
        tab++;
    app->enterprise_sort = tab_order[ly_ui_tabs(ui, "sort", sorts, 3, tab)];
    uint32_t *rows;
    long n = ly_directory_list(d, b, app->industry_filter[0] ? app->industry_filter : NULL,
                               app->enterprise_sort, app->lang, &rows);
    if (n < 0)
        return;
    ly_ui_list_begin(ui, "enterprises", list_height(app, 230));
    for (long k = 0; k < n; k++) {
        const ly_enterprise *e = &d->enterprises[rows[k]];
        char label[220], detail[120], fl[48] = "";
        size_t o = 0;
        for (uint32_t f = 0; f < e->n_floors && o + 8 < sizeof fl; f++)
            o += (size_t)snprintf(fl + o, sizeof fl - o, "%s%d", f ? ", " : "",
                                  d->enterprise_floors[e->first_floor + f]);
        /* the company's name on a line of its own; its floors and industry under it */
        snprintf(label, sizeof label, "%s##e%u", pick_name(app, e->name, e->name_en), rows[k]);
        snprintf(detail, sizeof detail, "%s%s%s%s", fl[0] ? fl : "", fl[0] ? (app->lang == LY_LANG_EN ? "F" : " 层") : "",
                 fl[0] && e->industry ? "  ·  " : "",
                 e->industry ? ly_industry_name(e->industry, app->lang) : "");
        int lo, hi;
        ly_enterprise_floor_span(d, e, &lo, &hi);
        bool sel = lo && app->floor_selected == lo && app->floor_last == hi;
        if (ly_ui_item_toggle(ui, label, detail, &sel) && lo) {
            /* show where the enterprise is: its floors on the stacking plan */
            if (!app->stacking)
                ly_app_set_stacking(app, true, app->explode);
            if (sel)
                ly_app_select_floors(app, lo, hi);
            else
                ly_app_select_floor(app, 0);
        }
    }
    ly_ui_list_end(ui);
    free(rows);
}

/* The tenant finder: space wanted, on one floor or several, near what; the
 * matches glow on the map and are listed best first, each with its reason. */
static void finder_panel(ly_app *app)
{
    ly_ui *ui = &app->ui_ctx;
    if (!app->finder || !app->scene.loaded)
        return;
    bool en = app->lang == LY_LANG_EN;
    float s = app->ui_scale > 0 ? app->ui_scale : 1;
    /* right of the side panels; on a narrow (portrait) screen, as wide as fits */
    float x = app->selected >= 0 ? 270 : fmaxf(270, app->width / s - 380);
    float w = fminf(360, app->width / s - x - 12);
    if (ly_ui_panel_begin(ui, "finder", x, 84, w, 0, NULL)) {
        ly_ui_title(ui, en ? "Find space" : "找办公空间");
        static const double areas[4] = {0, 300, 1000, 2000};
        for (int i = 0; i < 4; i++) {
            char label[48];
            if (areas[i] == 0)
                snprintf(label, sizeof label, "%s##area0", en ? "Any size" : "不限面积");
            else
                snprintf(label, sizeof label, "≥ %.0f m²##area%d", areas[i], i);
            bool on = app->find.min_area_m2 == areas[i];
            if (ly_ui_chip(ui, label, &on) && on) {
                app->find.min_area_m2 = areas[i];
                app->find_dirty = true;
            }
        }
        static const double maxes[3] = {0, 1000, 3000};
        for (int i = 0; i < 3; i++) {
            char label[48];
            if (maxes[i] == 0)
                snprintf(label, sizeof label, "%s##max0", en ? "No upper limit" : "不设上限");
            else
                snprintf(label, sizeof label, "≤ %.0f m²##max%d", maxes[i], i);
            bool on = app->find.max_area_m2 == maxes[i];
            if (ly_ui_chip(ui, label, &on) && on) {
                app->find.max_area_m2 = maxes[i];
                app->find_dirty = true;
            }
        }
        if (ly_ui_toggle(ui, en ? "May span several floors" : "可跨相邻楼层", &app->find.contiguous))
            app->find_dirty = true;
        static const double rents[4] = {0, 3, 4, 5};
        for (int i = 0; i < 4; i++) {
            char label[64];
            if (rents[i] == 0)
                snprintf(label, sizeof label, "%s##rent0", en ? "Any rent" : "不限租金");
            else
                snprintf(label, sizeof label, "≤ %.0f %s##rent%d", rents[i],
                         L(app, LY_S_RENT_UNIT), i);
            bool on = app->find.max_rent_cny_m2_day == rents[i];
            if (ly_ui_chip(ui, label, &on) && on) {
                app->find.max_rent_cny_m2_day = rents[i];
                app->find_dirty = true;
            }
        }
        /* neighbours of an industry: the district's five biggest */
        static const char *const near_ind[5] = {"finance", "trade", "logistics", "it",
                                                "consulting"};
        for (int i = 0; i < 5; i++) {
            char label[64];
            snprintf(label, sizeof label, "%s##ind%d", ly_industry_name(near_ind[i], app->lang), i);
            bool on = app->find.industry && !strcmp(app->find.industry, near_ind[i]);
            if (ly_ui_chip(ui, label, &on)) {
                app->find.industry = on ? near_ind[i] : NULL;
                app->find_dirty = true;
            }
        }
        bool metro = app->find.near_poi && app->find.near == LY_POI_METRO;
        bool parking = app->find.near_poi && app->find.near == LY_POI_PARKING;
        if (ly_ui_chip(ui, en ? "Near metro" : "近地铁", &metro)) {
            app->find.near_poi = metro;
            app->find.near = LY_POI_METRO;
            /* the stations opened after this data: say so in the results, but count them */
            app->find.include_later_pois = true;
            app->find_dirty = true;
        }
        if (ly_ui_chip(ui, en ? "Near parking" : "近停车场", &parking)) {
            app->find.near_poi = parking;
            app->find.near = LY_POI_PARKING;
            app->find_dirty = true;
        }
        ly_ui_space(ui, 4);
        const ly_query_result *r = &app->found;
        char line[256];
        snprintf(line, sizeof line, en ? "%zu buildings match" : "%zu 座楼宇符合", r->n_matches);
        ly_ui_label_colored(ui, line, ui->theme.text_secondary);
        /* what the query as a whole should be read with (stations opened after the data) */
        for (size_t i = 0; i < r->n_notes; i++)
            ly_ui_text_wrapped(ui, ly_query_note(r, i, app->lang));
        /* a tall screen has room for more of the list */
        ly_ui_list_begin(ui, "matches", list_height(app, app->height > app->width ? 560 : 220));
        for (size_t m = 0; m < r->n_matches; m++) {
            const ly_query_match *q = &r->matches[m];
            const ly_building *b = &app->scene.district.buildings[q->building];
            /* a row: the building, and under it the first space (and how many more)
             * and the distance when nearness was asked; the full reasons are in
             * `louyu query` */
            char why[160] = "", num[32];
            if (q->n_spaces) {
                const ly_query_space *sp = &r->spaces[q->first_space];
                ly_format_grouped(sp->vacant_m2, num, sizeof num);
                int n = sp->first == sp->last
                            ? snprintf(why, sizeof why,
                                       en ? "Floor %d: %s m² free" : "%d 层空置 %s m²",
                                       sp->first, num)
                            : snprintf(why, sizeof why,
                                       en ? "Floors %d–%d: %s m² free" : "%d–%d 层空置 %s m²",
                                       sp->first, sp->last, num);
                /* how many more (the plan shows them all) */
                if (q->n_spaces > 1 && n > 0 && (size_t)n < sizeof why)
                    snprintf(why + n, sizeof why - (size_t)n,
                             en ? " and %u more" : "，另有 %u 处", q->n_spaces - 1);
            } else if (q->n_reasons) {
                snprintf(why, sizeof why, "%s", ly_query_reason(r, q->first_reason, app->lang));
            }
            if (app->find.near_poi && q->poi_m >= 0 && (unsigned)app->find.near < LY_POI_COUNT) {
                static const char *const short_en[LY_POI_COUNT] = {
                    "metro", "bus stop", "bank", "hotel", "restaurant", "car park",
                    "government office", "landmark"};
                static const char *const short_zh[LY_POI_COUNT] = {
                    "地铁站", "公交站", "银行", "酒店", "餐厅", "停车场", "政府机关", "地标"};
                size_t n = strlen(why);
                snprintf(why + n, sizeof why - n, en ? "  ·  %s %.0f m" : "  ·  距%s %.0f 米",
                         (en ? short_en : short_zh)[app->find.near], q->poi_m);
            }
            snprintf(line, sizeof line, "%s##match%u", pick_name(app, b->name, b->name_en),
                     q->building);
            if (ly_ui_item(ui, line, why)) {
                ly_app_select(app, (long)q->building, true);
                if (q->n_spaces) {
                    const ly_query_space *sp = &r->spaces[q->first_space];
                    ly_app_set_stacking(app, true, app->explode);
                    ly_app_select_floors(app, sp->first, sp->last);
                }
            }
        }
        ly_ui_list_end(ui);
    }
    ly_ui_panel_end(ui);
}

/* Search: a field, live results, and an on-screen keyboard for the kiosk. */
static void search_panel(ly_app *app)
{
    ly_ui *ui = &app->ui_ctx;
    if (!app->scene.loaded)
        return;
    if (ly_ui_panel_begin(ui, "search", 20, 292, 230, 0, NULL)) {
        ly_ui_text_field(ui, "##query", app->query, sizeof app->query, L(app, LY_S_SEARCH_HINT));
        /* as many results as fit above the bottom edge's scale bar (up to six) */
        const ly_ui_theme *t = &ui->theme;
        float s = app->ui_scale > 0 ? app->ui_scale : 1;
        /* the on-screen keyboard's toggle: for a kiosk, or a screen being touched
         * (not for a HiDPI desktop, whose scale is as large as a kiosk's) */
        bool kbd_row = app->kiosk || ui->touch || app->keyboard;
        float room = app->height / s - 292 - 2 * t->padding - (t->row_h + t->spacing) -
                     (kbd_row ? t->row_h + t->spacing : 0) - 44;
        int fit = (int)(room / (t->row_h + 10 + t->spacing));
        ly_search_hit hits[6];
        size_t n = ly_search_run(&app->search, app->query, hits,
                                 (size_t)(fit < 1 ? 1 : fit > 6 ? 6 : fit));
        bool en = app->lang == LY_LANG_EN;
        for (size_t i = 0; i < n; i++) {
            const ly_building *b = &app->scene.district.buildings[hits[i].building];
            char label[200], detail[240];
            const char *name = pick_name(app, b->name, b->name_en);
            snprintf(label, sizeof label, "%s##hit%u", name ? name : b->id, hits[i].building);
            /* under the name, what matched: the name in the other language, or
             * the address, the enterprise or the industry that did */
            const char *text = hits[i].text ? hits[i].text : "";
            switch (hits[i].kind) {
            case LY_MATCH_NAME: {
                const char *other = en ? b->name : b->name_en;
                snprintf(detail, sizeof detail, "%s", other && other != name ? other : "");
                break;
            }
            case LY_MATCH_ADDRESS:
                snprintf(detail, sizeof detail, en ? "Address: %s" : "地址：%s", text);
                break;
            case LY_MATCH_ENTERPRISE:
                snprintf(detail, sizeof detail, en ? "Enterprise: %s" : "企业：%s", text);
                break;
            default:
                snprintf(detail, sizeof detail, en ? "Industry: %s" : "行业：%s",
                         ly_industry_name(text, app->lang));
                break;
            }
            if (ly_ui_item(ui, label, detail)) {
                ly_app_select(app, (long)hits[i].building, true);
                app->keyboard = false;
            }
        }
        if (app->query[0] && !n)
            ly_ui_label_colored(ui, L(app, LY_S_NOTHING_FOUND), ui->theme.text_secondary);
        if (kbd_row)
            ly_ui_toggle(ui, L(app, LY_S_KEYBOARD), &app->keyboard);
    }
    ly_ui_panel_end(ui);
    if (!app->keyboard)
        return;
    /* the kiosk's keyboard: wide, at the bottom in the middle, within reach */
    float s = app->ui_scale > 0 ? app->ui_scale : 1;
    float w = fminf(620, app->width / s - 40), x = 0.5f * (app->width / s - w);
    if (ly_ui_panel_begin(ui, "keyboard", x, app->height / s - 300, w, 0, NULL)) {
        if (ly_ui_keyboard(ui, "kbd"))
            app->keyboard = false; /* Enter: done typing */
    }
    ly_ui_panel_end(ui);
}

/* What the mouse, touch and keys do: H, F1 or the "?" by the compass (not in a
 * kiosk, whose visitors touch and have no keyboard to open it with). */
static void help_panel(ly_app *app)
{
    ly_ui *ui = &app->ui_ctx;
    float s = app->ui_scale > 0 ? app->ui_scale : 1;
    if (app->kiosk || !app->help)
        return;
    bool en = app->lang == LY_LANG_EN;
    /* two columns side by side (pointer and touch; keys), narrower in a narrow
     * window (long values wrap), one under the other only where even that fails */
    float x = 270, y = 84, w = fminf(380, 0.5f * (app->width / s - x - 20 - 12));
    bool side = w >= 200;
    if (!side)
        w = app->width / s - x - 20;
    bool open = true;
    if (ly_ui_panel_begin(ui, "help", x, y, w, 0, &open)) {
        ly_ui_title(ui, en ? "Controls" : "操作说明");
        static const char *const rows[][3] = {
            {NULL, "Mouse", "鼠标"},
            {"drag|拖动", "orbit the view", "环绕旋转"},
            {"right or middle drag|右键或中键拖动", "pan", "平移"},
            {"wheel|滚轮", "zoom towards the pointer", "向指针处缩放"},
            {"Shift + drag|Shift + 拖动", "tilt", "俯仰"},
            {"click|单击", "select a building or floor", "选择楼宇或楼层"},
            {"double-click|双击", "fly to a building", "飞到楼宇"},
            {NULL, "Touch", "触摸"},
            {"drag|拖动", "orbit", "环绕旋转"},
            {"two fingers|双指", "pan, pinch to zoom, twist", "平移、捏合缩放、旋转"},
            {"two fingers up or down|双指上下", "tilt", "俯仰"},
            {"tap|轻点", "select", "选择"},
            {NULL, "Keys", "键盘"},
            {"H  F1|H  F1", "these controls", "本说明"},
            {"arrows, W A S D|方向键、W A S D", "pan", "平移"},
            {"+  −|+  −", "zoom", "缩放"},
            {"PgUp  PgDn|PgUp  PgDn", "tilt", "俯仰"},
            {"Q  E|Q  E", "twist", "旋转"},
            {"Home  T|Home  T", "home view, from the top", "初始视角、俯视"},
            {"C  B  F|C  B  F", "colour-by, dashboard, find space", "着色、数据看板、找空间"},
            {"P  X|P  X", "stacking plan, pull floors apart", "楼层空置图、分层展开"},
            {"L|L", "中文 / English", "中文 / English"},
            {"Esc|Esc", "close, deselect", "关闭、取消选择"},
            {"Ctrl+R  F11  Ctrl+Q|Ctrl+R  F11  Ctrl+Q", "reload the data, full screen, quit",
             "重新载入数据、全屏、退出"},
        };
        for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
            const char *text = en ? rows[i][1] : rows[i][2];
            if (!rows[i][0]) {
                if (!strcmp(rows[i][1], "Keys")) { /* the keys: the second column */
                    ly_ui_rect last = ly_ui_last_rect(ui);
                    ly_ui_panel_end(ui);
                    float y2 = side ? y : (last.y + last.h) / s + 24;
                    ly_ui_panel_begin(ui, "help-keys", side ? x + w + 12 : x, y2, w, 0, NULL);
                } else if (i) {
                    ly_ui_space(ui, 6);
                }
                ly_ui_label_colored(ui, text, ui->theme.accent);
                continue;
            }
            char key[96];
            const char *bar = strchr(rows[i][0], '|');
            if (en)
                snprintf(key, sizeof key, "%.*s", (int)(bar - rows[i][0]), rows[i][0]);
            else
                snprintf(key, sizeof key, "%s", bar + 1);
            ly_ui_key_value(ui, key, text);
        }
    }
    ly_ui_panel_end(ui);
    if (!open)
        app->help = false;
}

void ly_app_panels(ly_app *app)
{
    ly_ui *ui = &app->ui_ctx;
    if (app->attract || !app->scene.loaded)
        return; /* the tour speaks for itself; a touch brings the panels back */
    /* the language switch, under the title */
    const char *lang_label = app->lang == LY_LANG_ZH ? "English" : "中文";
    if (ly_ui_panel_begin(ui, "lang", 20, 88, 230, 0, NULL)) {
        if (ly_ui_button(ui, lang_label))
            ly_app_set_language(app, app->lang == LY_LANG_ZH ? LY_LANG_EN : LY_LANG_ZH);
        /* colour the district by an attribute: each tap moves to the next */
        char mode[96];
        snprintf(mode, sizeof mode, "%s →##colour",
                 ly_color_mode_title(app->color_mode, app->lang));
        if (ly_ui_button(ui, mode))
            ly_app_set_color_mode(app, (ly_color_mode)((app->color_mode + 1) % LY_COLOR_MODES),
                                  true);
        bool board = app->dashboard;
        if (ly_ui_toggle(ui, app->lang == LY_LANG_EN ? "Dashboard" : "数据看板", &board))
            app->dashboard = board;
        bool find = app->finder;
        if (ly_ui_toggle(ui, app->lang == LY_LANG_EN ? "Find space" : "找空间", &find)) {
            app->finder = find;
            app->find_dirty = true;
        }
    }
    ly_ui_panel_end(ui);
    search_panel(app);
    finder_panel(app);
    help_panel(app);
    if (app->selected < 0 || !app->scene.loaded)
        return;
    const ly_building *b = &app->scene.district.buildings[app->selected];
    float s = app->ui_scale > 0 ? app->ui_scale : 1;
    float w = 340, x = app->width / s - w - 20, y = 84;
    bool open = true;
    if (ly_ui_panel_begin(ui, "card", x, y, w, 0, &open)) {
        ly_ui_title(ui, pick_name(app, b->name, b->name_en) ? pick_name(app, b->name, b->name_en)
                                                            : b->id);
        const char *other = app->lang == LY_LANG_EN ? b->name : b->name_en;
        if (other)
            ly_ui_label_colored(ui, other, ui->theme.text_secondary);
        if (b->tax_2010_cny >= LY_TAX_BIG_CNY)
            ly_ui_badge(ui, L(app, LY_S_BIG_TAX), ly_rgba(200, 50, 40, 255),
                        ly_rgba(255, 255, 255, 255));
        if (b->has_services) {
            if (b->tax_2010_cny >= LY_TAX_BIG_CNY)
                ly_ui_same_line(ui);
            ly_ui_badge(ui, pick_name(app, b->services.name, b->services.name_en),
                        ly_rgba(255, 232, 228, 255), ly_rgba(180, 40, 30, 255));
        }
        if (b->status == LY_STATUS_UNDER_CONSTRUCTION)
            ly_ui_badge(ui, L(app, LY_S_UNDER_CONSTRUCTION), ly_rgba(250, 236, 210, 255),
                        ly_rgba(150, 90, 20, 255));
        ly_ui_space(ui, 2);
        const char *tabs[3] = {L(app, LY_S_OVERVIEW), L(app, LY_S_FLOORS_TAB),
                               L(app, LY_S_ENTERPRISES)};
        app->card_tab = ly_ui_tabs(ui, "tabs", tabs, 3, app->card_tab);
        ly_ui_space(ui, 2);
        if (app->card_tab == 0)
            overview(app, b);
        else if (app->card_tab == 1)
            floors_tab(app, b);
        else
            enterprises_tab(app, b);
    }
    ly_ui_panel_end(ui);
    if (!open)
        ly_app_select(app, -1, false);
}
