/* The viewer's export menu with real frames (headless GL): the buttons are clicked
 * where the frame drew them, and each export lands in the export folder
 * ($LOUYU_EXPORT_DIR) whole: the map image at its size, the district's and the
 * selection's glTF, the selection's CityJSON, the stock and floors as CSV; the toast
 * says where. A kiosk has no export menu and writes nothing. */
#include "gl_app.h"

#include <dirent.h>
#include <stb/stb_image.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char g_dir[] = "/tmp/louyu-exports-XXXXXX";

/* Taps (a click to the UI) the toolbar's widget `label` where the last frame put it. */
static bool click_in(const char *panel, const char *label)
{
    ly_ui_rect r;
    if (!widget_rect(panel, NULL, label, &r))
        return false;
    finger(LY_EV_FINGER_DOWN, r.x + r.w / 2, r.y + r.h / 2);
    frame(0.05);
    finger(LY_EV_FINGER_UP, r.x + r.w / 2, r.y + r.h / 2);
    /* the export runs in this frame's messages; the viewer's target is its own again */
    frame(0.05);
    ly_renderer_target_begin(g_app.renderer, 1280, 720);
    for (int i = 0; i < 3; i++) /* panels find their new heights, as frames go by */
        frame(0.05);
    return true;
}

static bool click(const char *label)
{
    return click_in("lang", label);
}

/* The finder's size chips: a least size above the most takes the most away, and a most
 * below the least the least (the two had made an empty range: "0 buildings match"). */
static void finder_sizes(void)
{
    ly_cmd_set_finder(&g_app, true);
    frame(0.05);
    frame(0.05);
    CHECK(click_in("finder", "≤ 1,000 m²##max1"));
    CHECK(g_app.st.find.max_area_m2 == 1000);
    CHECK(click_in("finder", "≥ 2,000 m²##area3"));
    CHECK(g_app.st.find.min_area_m2 == 2000 && g_app.st.find.max_area_m2 == 0);
    CHECK(click_in("finder", "≤ 1,000 m²##max1"));
    CHECK(g_app.st.find.max_area_m2 == 1000 && g_app.st.find.min_area_m2 == 0);
    /* a size no chip names (shot --find-area 500) has its own chip, lit; choosing a named
     * one takes it away */
    ly_query_desc q = g_app.st.find;
    q.min_area_m2 = 500, q.max_area_m2 = 0;
    ly_cmd_set_find(&g_app, &q);
    frame(0.05);
    frame(0.05);
    CHECK(click_in("finder", "≥ 500 m²##area-own"));
    CHECK(g_app.st.find.min_area_m2 == 500);
    CHECK(click_in("finder", "≥ 300 m²##area1"));
    CHECK(g_app.st.find.min_area_m2 == 300);
    frame(0.05);
    CHECK(!click_in("finder", "≥ 500 m²##area-own"));
    ly_cmd_set_finder(&g_app, false);
    frame(0.05);
}

/* The menu's item k as the view labels it. */
static void item(int k, ly_string_id text, char *buf, size_t n)
{
    snprintf(buf, n, "%s##export%d", ly_str(text, LY_LANG_EN), k);
}

/* The one file in the export folder ending in ext (removed after reading); its bytes. */
static char *take(const char *ext, size_t *len)
{
    DIR *d = opendir(g_dir);
    struct dirent *e;
    char path[1200] = "";
    int found = 0;
    while (d && (e = readdir(d))) {
        size_t l = strlen(e->d_name), x = strlen(ext);
        if (l > x && !strcmp(e->d_name + l - x, ext)) {
            snprintf(path, sizeof path, "%s/%s", g_dir, e->d_name);
            found++;
        }
        CHECK(!strstr(e->d_name, ".part") && !strstr(e->d_name, ".XXXX"));
    }
    if (d)
        closedir(d);
    CHECK_INT(found, 1);
    if (found != 1)
        return NULL;
    *len = 0;
    char *buf = check_read_file(path, len); /* NUL-terminated: texts are searched as strings */
    unlink(path);
    return buf;
}

static void exports(void)
{
    char label[200];
    CHECK(click("Export…##export"));
    CHECK(g_app.st.export_menu);
    size_t len = 0;
    /* the stock: a row per building after the header, behind a byte-order mark */
    item(LY_EXPORT_STOCK, LY_S_EXPORT_STOCK, label, sizeof label);
    CHECK(click(label));
    CHECK(!g_app.st.export_menu);
    CHECK(g_app.st.exported.ok && !strncmp(g_app.st.exported.text, "Saved: ", 7));
    CHECK(g_app.layout.toast.shown);
    char *csv = take(".csv", &len);
    int lines = 0;
    for (size_t i = 0; csv && i < len; i++)
        lines += csv[i] == '\n';
    CHECK(csv && !memcmp(csv, "\xEF\xBB\xBFid,name", 10));
    CHECK_INT(lines, 34);
    free(csv);
    /* a readable name that says what it holds; two in one second are two files */
    CHECK_INT(ly_cmd_export(&g_app, LY_EXPORT_STOCK), 0);
    CHECK_INT(ly_cmd_export(&g_app, LY_EXPORT_FLOORS), 0);
    CHECK_INT(ly_cmd_export(&g_app, LY_EXPORT_FLOORS), 0);
    DIR *dir = opendir(g_dir);
    int stock = 0, floors = 0;
    for (struct dirent *e; dir && (e = readdir(dir));) {
        if (e->d_name[0] == '.')
            continue;
        stock += !strncmp(e->d_name, "Zhanshan-Subdistrict-buildings-", 31);
        floors += !strncmp(e->d_name, "Zhanshan-Subdistrict-floors-", 28);
        char p[1200];
        snprintf(p, sizeof p, "%s/%s", g_dir, e->d_name);
        unlink(p);
    }
    if (dir)
        closedir(dir);
    CHECK_INT(stock, 1);
    CHECK_INT(floors, 2);
    /* the window says "Exporting…" for a drawn frame before it is busy */
    ly_cmd_queue_export(&g_app, LY_EXPORT_FLOORS);
    CHECK(!strcmp(g_app.st.exported.text, ly_str(LY_S_EXPORTING, LY_LANG_EN)));
    frame(0.05);
    CHECK(g_app.layout.toast.shown && g_app.st.export_queued);
    frame(0.05);
    frame(0.05);
    CHECK(!g_app.st.export_queued && !strncmp(g_app.st.exported.text, "Saved: ", 7));
    ly_renderer_target_begin(g_app.renderer, 1280, 720);
    free(take(".csv", &len));
    /* the district's 3D model */
    CHECK(click("Export…##export"));
    item(LY_EXPORT_MODEL, LY_S_EXPORT_MODEL, label, sizeof label);
    CHECK(click(label));
    if (!g_app.st.exported.ok)
        fprintf(stderr, "  %s\n", g_app.st.exported.text);
    char *glb = take(".glb", &len);
    CHECK(glb && len > 1000 && !memcmp(glb, "glTF", 4) && strstr(glb + 20, "\"count\":33"));
    free(glb);
    /* the selection's: one building */
    ly_cmd_select(&g_app, ly_district_find(&g_app.scene.district, "wtc"), false);
    frame(0.05);
    CHECK(click("Export…##export"));
    item(LY_EXPORT_MODEL, LY_S_EXPORT_MODEL_SELECTION, label, sizeof label);
    CHECK(click(label));
    glb = take(".glb", &len);
    CHECK(glb && !memcmp(glb, "glTF", 4) && strstr(glb + 20, "\"count\":1,"));
    free(glb);
    /* the selection as CityJSON */
    CHECK(click("Export…##export"));
    item(LY_EXPORT_CITYJSON, LY_S_EXPORT_CITYJSON_SELECTION, label, sizeof label);
    CHECK(click(label));
    char *cj = take(".city.json", &len);
    CHECK(cj && !strncmp(cj, "{\"type\":\"CityJSON\"", 18) && strstr(cj, "\"wtc\":{"));
    CHECK(cj && !strstr(cj, "\"hisense\":{"));
    free(cj);
    /* the map image at its size, and the window as it was */
    CHECK(click("Export…##export"));
    item(LY_EXPORT_MAP, LY_S_EXPORT_MAP, label, sizeof label);
    CHECK(click(label));
    char *png = take(".png", &len);
    int w = 0, h = 0, comp = 0;
    CHECK(png && stbi_info_from_memory((const unsigned char *)png, (int)len, &w, &h, &comp));
    CHECK_INT(w, 3840);
    CHECK_INT(h, 2160);
    free(png);
    CHECK_INT(g_app.st.width, 1280);
    CHECK_INT(g_app.st.height, 720);
    CHECK(!g_app.st.map_image);
}

int main(void)
{
    ly_platform *plat;
    CHECK(mkdtemp(g_dir) != NULL);
    setenv("LOUYU_EXPORT_DIR", g_dir, 1);
    int r = gl_app_open(&g_app, &plat);
    if (r)
        return r;
    ly_cmd_set_language(&g_app, LY_LANG_EN);
    frame(1.0);
    frame(0.05);
    exports();
    finder_sizes();
    /* a kiosk: no menu, and the command itself refuses */
    ly_cmd_set_kiosk(&g_app, true, 60, 120, 0);
    frame(0.05);
    frame(0.05);
    CHECK(!click("Export…##export"));
    CHECK_INT(ly_cmd_export(&g_app, LY_EXPORT_STOCK), -1);
    DIR *d = opendir(g_dir);
    int left = 0;
    for (struct dirent *e; d && (e = readdir(d));)
        left += e->d_name[0] != '.';
    if (d)
        closedir(d);
    CHECK_INT(left, 0);
    rmdir(g_dir);
    ly_renderer_target_end(g_app.renderer);
    ly_cli_close(&g_app, plat);
    return check_report();
}
