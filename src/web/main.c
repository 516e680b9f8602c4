/* The browser's louyu: the viewer's loop on the browser's frames, and the functions
 * the page's script calls (web/louyu-map.js wraps them in its documented API).
 *
 * The page fetches the font and the district into emscripten's file system, then
 * calls ly_web_start and ly_web_load. Every frame (requestAnimationFrame) takes the
 * platform's events to the app, advances its time and draws when something changed,
 * exactly as the desktop viewer's loop does (src/app/cli/cmd_view.c); a change of
 * the selection is told to the page (Module.louyuSelected), and one of the language
 * (Module.louyuLanguage: the map's own button, or setLanguage). Strings handed back to
 * the page live until the next call that returns one. */
#include "app.h"
#include "commands.h"
#include "louyu/camera.h"
#include "louyu/clock.h"
#include "louyu/log.h"
#include "louyu/platform.h"
#include "louyu/render.h"
#include "louyu/strings.h"

#include <emscripten/emscripten.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { FRAME_RING = 240 };

static struct {
    ly_app app;
    ly_platform *plat;
    bool started, again;
    double last;
    long told; /* the selection the page last heard of */
    ly_lang told_lang; /* the language the page last heard of (or started the map in) */
    char *reply; /* what the last call that returns a string returned (reply()) */
    size_t reply_cap;
    float frame_ms[FRAME_RING]; /* the last frames' draw times, for the page's bench */
    long frames;
    bool first_told;
    bool msaa_chosen;
    bool typing; /* a field takes the keys (the page heard so) */
    float dpr;   /* the device pixel ratio the panels are scaled for */
} W = {.told = -1};

/* The buffer for a reply of up to n bytes with its NUL, or NULL without memory. */
static char *reply(size_t n)
{
    if (n > W.reply_cap) {
        char *grown = realloc(W.reply, n);
        if (!grown)
            return NULL;
        W.reply = grown;
        W.reply_cap = n;
    }
    return W.reply;
}

/* Writes a JSON string value (quotes and escapes) at out; returns its length. */
static size_t json_string(char *out, size_t n, const char *s)
{
    size_t o = 0;
    if (n < 3)
        return 0;
    out[o++] = '"';
    for (const unsigned char *c = (const unsigned char *)(s ? s : ""); *c && o + 8 < n; c++) {
        if (*c == '"' || *c == '\\')
            o += (size_t)snprintf(out + o, n - o, "\\%c", *c);
        else if (*c < 0x20)
            o += (size_t)snprintf(out + o, n - o, "\\u%04x", *c);
        else
            out[o++] = (char)*c;
    }
    out[o++] = '"';
    out[o] = '\0';
    return o;
}

/* Tells the page when the selection changed (through its hook, when it set one). */
static void tell_selection(void)
{
    long sel = W.app.st.selected;
    if (sel == W.told)
        return;
    W.told = sel;
    const char *id = sel >= 0 ? W.app.scene.district.buildings[sel].id : "";
    EM_ASM({
        if (Module.louyuSelected)
            Module.louyuSelected(UTF8ToString($0));
    }, id);
}

/* Tells the page when the map's language changed, so that its address (?lang=) and
 * <html lang> can say what is shown. */
static void tell_language(void)
{
    ly_lang lang = W.app.st.lang;
    if (lang == W.told_lang)
        return;
    W.told_lang = lang;
    EM_ASM({
        if (Module.louyuLanguage)
            Module.louyuLanguage(UTF8ToString($0));
    }, ly_lang_code(lang));
}

/* The search field in the canvas's CSS pixels: x, y, w, h. */
static void field_box(double *out)
{
    const ly_box *b = &W.app.layout.search;
    double k = EM_ASM_DOUBLE({
        var c = document.getElementById("louyu-canvas");
        return c && c.width ? c.clientWidth / c.width : 1;
    });
    out[0] = b->x * k, out[1] = b->y * k, out[2] = b->w * k, out[3] = b->h * k;
}

/* Tells the page when a field of the map takes the keys, and when it lets them go, so
 * that the page's hidden field (louyu-map.js) takes them meanwhile: an input method
 * (pinyin) composes only into a field of the page, never into a canvas. Not on a touch
 * screen, where the map's own keyboard comes up. */
static void tell_typing(void)
{
    bool on = ly_ui_wants_keyboard(&W.app.ui) && !W.app.ui.touch;
    if (on == W.typing)
        return;
    W.typing = on;
    double b[4];
    field_box(b);
    EM_ASM({
        if (Module.louyuTyping)
            Module.louyuTyping($0, $1, $2, $3, $4);
    }, on, b[0], b[1], b[2], b[3]);
}

/* Text an input method committed in the page's hidden field: typed into the field that
 * has the keys, a character at a time, as the keyboard's would be. */
EMSCRIPTEN_KEEPALIVE void ly_web_type(const char *text)
{
    if (!W.started || !text)
        return;
    for (const char *p = text; *p;) {
        size_t n = 1;
        while (p[n] && ((unsigned char)p[n] & 0xC0) == 0x80 && n < 4)
            n++;
        ly_event e = {.type = LY_EV_TEXT};
        memcpy(e.text, p, n);
        e.text[n] = '\0';
        ly_app_event(&W.app, &e);
        p += n;
    }
    ly_cmd_redraw(&W.app);
}

/* Tells the page that the first frame with a district is drawn (its time, for the
 * page and the bench: performance.now()). */
EM_JS(void, first_frame, (void), {
    if (Module.louyuFirstFrame)
        Module.louyuFirstFrame(performance.now());
});

/* The GPU's name where the browser tells it (WEBGL_debug_renderer_info: GL_RENDERER
 * says only "WebKit WebGL"), else GL_RENDERER's; written to out. */
EM_JS(void, unmasked_renderer, (char *out, int n), {
    var gl = GL.currentContext ? GL.currentContext.GLctx : null;
    var ext = gl ? gl.getExtension("WEBGL_debug_renderer_info") : null;
    var name = gl ? gl.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : gl.RENDERER) : "";
    stringToUTF8(String(name || ""), out, n);
});

/* Multisampling for the 3D scene, chosen before the first frame (not at start: asking
 * GL waits for the GPU process). Software WebGL (SwiftShader, llvmpipe) pays dearly
 * for it, as on the desktop: the scene is multisampled only on a GPU. */
static void choose_msaa(void)
{
    W.msaa_chosen = true;
    ly_render_info info;
    ly_render_query_info(&info);
    char gpu[256];
    unmasked_renderer(gpu, sizeof gpu);
    bool software = strstr(gpu, "SwiftShader") || strstr(gpu, "llvmpipe") ||
                    strstr(gpu, "Software") || strstr(gpu, "softpipe");
    ly_renderer_set_msaa(W.app.renderer, software ? -1 : 0);
    LY_INFO("WEB", "%s on %s: MSAA %s", info.version ? info.version : "?", gpu,
            software ? "off" : "on (4x, 2x over 5 million pixels)");
}

static void frame(void)
{
    ly_app *app = &W.app;
    ly_event e;
    while (ly_platform_poll(W.plat, &e)) {
        if (e.type == LY_EV_EXPOSE)
            ly_cmd_redraw(app);
        else
            ly_app_event(app, &e);
    }
    int dw, dh;
    ly_platform_drawable_size(W.plat, &dw, &dh);
    if (dw != app->st.width || dh != app->st.height)
        ly_cmd_resize(app, dw, dh);
    /* the page zoomed, or moved to a screen of another density: the panels keep their size
     * in CSS pixels (they had kept the start's scale, half or twice their size) */
    float scale = ly_platform_pixel_scale(W.plat);
    if (scale > 0 && fabsf(scale - W.dpr) > 1e-3f) {
        ly_cmd_set_scale(app, scale * app->st.ui_scale / (W.dpr > 0 ? W.dpr : scale));
        W.dpr = scale;
    }
    double t = ly_platform_now();
    ly_cmd_lost_time(app, t - W.last - 0.1);
    bool moving = ly_app_update(app, fmin(t - W.last, 0.1));
    W.last = t;
    if (app->st.redraw || moving || W.again) {
        if (!W.msaa_chosen)
            choose_msaa();
        double t0 = ly_platform_now();
        W.again = ly_app_render(app);
        double ms = (ly_platform_now() - t0) * 1000;
        W.frame_ms[W.frames++ % FRAME_RING] = (float)ms;
        ly_cmd_note_frame(app, ms);
        /* GL errors are logged (and cleared) after each frame, as on the desktop; a lost
         * context is the page's to hear of (webglcontextlost) */
        ly_renderer_health(app->renderer);
        if (!W.first_told && app->scene.loaded) {
            W.first_told = true;
            first_frame();
        }
    }
    tell_selection();
    tell_typing();
    tell_language();
}


/* Starts the map on the page's canvas (#louyu-canvas) with the font at font_path
 * (face 0) and the language "zh" or "en". Returns 0, or -1 after logging why. */
EMSCRIPTEN_KEEPALIVE int ly_web_start(const char *font_path, const char *lang)
{
    if (W.started)
        return 0;
    char err[512];
    W.plat = ly_platform_create(&(ly_window_desc){0}, err, sizeof err);
    if (!W.plat) {
        LY_ERROR("WEB", "%s", err);
        return -1;
    }
    int dw, dh;
    ly_platform_drawable_size(W.plat, &dw, &dh);
    ly_app *app = &W.app;
    /* the programs are only begun: the browser's GPU process compiles them while the
     * page's district is parsed here (ly_web_load); the first frame ends them. Nothing
     * here asks GL a question, which would wait for the GPU process: after a context is
     * made it stays busy for a while (0.1-0.6 s on SwiftShader), then with the programs */
    if (ly_app_init(app, dw, dh, ly_platform_pixel_scale(W.plat), true, err, sizeof err) ||
        ly_app_use_font(app, font_path, 0, err, sizeof err) ||
        !(app->renderer = ly_renderer_begin("/shaders", err, sizeof err))) {
        LY_ERROR("WEB", "%s", err);
        return -1;
    }
    ly_renderer_set_upload_budget(app->renderer, LY_UPLOAD_BUDGET_MS);
    app->in_page = true;
    W.dpr = ly_platform_pixel_scale(W.plat);
    ly_cmd_set_language(app, ly_lang_parse(lang && *lang ? lang : "zh"));
    W.told_lang = app->st.lang; /* (the page knows the one it asked for) */
    W.started = true;
    W.last = ly_platform_now();
    emscripten_set_main_loop(frame, 0, 0);
    return 0;
}

/* A load's answer to the page (JSON): {"ok":true,"buildings":N,"warnings":[...]} or
 * {"ok":false,"errors":["FILE:LINE:COL: message", ...]}, at most 20 of them. */
static const char *load_reply(int r, ly_diag_list *diags, const char *name)
{
    ly_diag_sort(diags);
    enum { SHOWN = 20 };
    size_t n = 256, o = 0, shown = 0;
    for (size_t i = 0, k = 0; i < diags->count && k < SHOWN; i++) /* escaped: 6 to 1 at most */
        if ((r == LY_LOAD_OK) == (diags->items[i].severity != LY_DIAG_ERROR))
            n += 6 * (strlen(name) + strlen(diags->items[i].message) + 32), k++;
    char *out = reply(n);
    if (!out) {
        ly_diag_list_deinit(diags);
        return r == LY_LOAD_OK ? "{\"ok\":true,\"buildings\":0,\"warnings\":[]}"
                               : "{\"ok\":false,\"errors\":[\"out of memory\"]}";
    }
    if (r == LY_LOAD_OK)
        o += (size_t)snprintf(out, n, "{\"ok\":true,\"buildings\":%zu,\"warnings\":[",
                              W.app.scene.district.n_buildings);
    else
        o += (size_t)snprintf(out, n, "{\"ok\":false,\"errors\":[");
    for (size_t i = 0; i < diags->count && shown < SHOWN; i++) {
        const ly_diag *d = &diags->items[i];
        if ((r == LY_LOAD_OK) != (d->severity != LY_DIAG_ERROR))
            continue;
        /* as louyu validate prints it: FILE:LINE:COL, or FILE alone for the whole file */
        size_t len = strlen(name) + strlen(d->message) + 32;
        char *line = malloc(len);
        if (!line)
            break;
        if (d->line > 0)
            snprintf(line, len, "%s:%d:%d: %s", name, d->line, d->col, d->message);
        else
            snprintf(line, len, "%s: %s", name, d->message);
        o += (size_t)snprintf(out + o, n - o, "%s", shown++ ? "," : "");
        o += json_string(out + o, n - o, line);
        free(line);
    }
    if (r != LY_LOAD_OK && !shown)
        o += json_string(out + o, n - o, W.started ? "the district could not be loaded"
                                                   : "the map has not started");
    snprintf(out + o, n - o, "]}");
    ly_diag_list_deinit(diags);
    if (r == LY_LOAD_OK) {
        W.told = -2; /* a new district: the page hears the selection again */
        ly_cmd_redraw(&W.app);
    }
    return out;
}

/* Loads the district the page fetched (len bytes at text, which the page frees
 * after; `name` is used in messages) and shows it; the district on screen stays when
 * it is bad. The bytes go straight into the loader, not through the file system.
 * Returns JSON as load_reply. */
EMSCRIPTEN_KEEPALIVE const char *ly_web_load_bytes(const char *text, int len, const char *name)
{
    ly_diag_list diags;
    ly_diag_list_init(&diags, name);
    int r = W.started && len >= 0 ? ly_app_load_mem(&W.app, text, (size_t)len, name, &diags)
                                  : LY_LOAD_IO;
    return load_reply(r, &diags, name);
}

/* Selects building `id` and turns to it (its card opens); "" clears the selection.
 * Returns 0, or -1 when there is no such building. */
EMSCRIPTEN_KEEPALIVE int ly_web_select(const char *id, int fly)
{
    if (!W.started)
        return -1;
    if (!id || !*id) {
        ly_cmd_select(&W.app, -1, false);
        tell_selection(); /* now, not at the next frame: each change is heard */
        return 0;
    }
    long b = ly_district_find(&W.app.scene.district, id);
    if (b < 0)
        return -1;
    ly_cmd_select(&W.app, b, fly != 0);
    ly_cmd_view_building(&W.app, b, fly != 0);
    tell_selection();
    return 0;
}

/* A link named building `id`, which the district does not have: the map says so (a toast),
 * in the page's language. */
EMSCRIPTEN_KEEPALIVE void ly_web_no_building(const char *id)
{
    if (!W.started || !id)
        return;
    char text[300], cut[160]; /* (a long id ends in "…", whole characters) */
    snprintf(text, sizeof text, ly_str(LY_S_NO_SUCH_BUILDING, W.app.st.lang),
             ly_ui_fit(W.app.font, id, 11.5f, 360, cut, sizeof cut));
    ly_cmd_tell(&W.app, false, text);
}

/* The view: "home", "top" or a building's id. Returns 0, or -1 for none such. */
EMSCRIPTEN_KEEPALIVE int ly_web_set_view(const char *view, int animate)
{
    return W.started && ly_cmd_set_view(&W.app, view, animate != 0) ? 0 : -1;
}

EMSCRIPTEN_KEEPALIVE void ly_web_set_language(const char *lang)
{
    if (W.started)
        ly_cmd_set_language(&W.app, ly_lang_parse(lang));
}

/* The building drawn at CSS pixel x, y of the canvas ("" for none). */
EMSCRIPTEN_KEEPALIVE const char *ly_web_pick(double x, double y)
{
    long b = -1;
    if (W.started && W.app.scene.loaded) {
        float s = ly_platform_pixel_scale(W.plat);
        b = ly_app_pick(&W.app, (float)(x * s), (float)(y * s), 0, NULL);
    }
    const char *id = b >= 0 ? W.app.scene.district.buildings[b].id : "";
    char *out = reply(strlen(id) + 1);
    if (!out)
        return "";
    memcpy(out, id, strlen(id) + 1);
    return out;
}

static int by_value(const void *a, const void *b)
{
    float x = *(const float *)a, y = *(const float *)b;
    return (x > y) - (x < y);
}

/* Where the view centres, in CSS pixels of the canvas: the selected building's view
 * point (its roof point, framed beside the card), else the camera's centre of turning. */
static void focus_on_canvas(double *x, double *y)
{
    const ly_state *st = &W.app.st;
    double s = ly_platform_pixel_scale(W.plat);
    float sx, sy;
    if (st->selected >= 0 && ly_app_building_point(&W.app, st->selected, &sx, &sy)) {
        *x = sx / s;
        *y = sy / s;
        return;
    }
    ly_camera_matrices m;
    ly_camera_get_matrices(&st->cam, st->width, st->height, &m);
    const double *t = st->cam.pose.target;
    double c[4];
    for (int r = 0; r < 4; r++)
        c[r] = m.view_proj[r] * t[0] + m.view_proj[4 + r] * t[1] + m.view_proj[8 + r] * t[2] +
               m.view_proj[12 + r];
    *x = c[3] > 0 ? (c[0] / c[3] * 0.5 + 0.5) * st->width / s : -1;
    *y = c[3] > 0 ? (0.5 - c[1] / c[3] * 0.5) * st->height / s : -1;
}

/* What the map shows now, as JSON: the language, the selection (id and name in the
 * language on screen), the district's size, the draw times of the last frames (p50
 * and p95 in ms; how many frames were drawn in all), where the view centres on the
 * canvas (CSS pixels: focus_on_canvas), whether the view is still moving, the
 * camera (heading and pitch in radians, distance in metres), the toast on screen
 * ("" none), whether a field takes the keys (typing), the search text and the search
 * field's box (CSS pixels). */
EMSCRIPTEN_KEEPALIVE const char *ly_web_state(void)
{
    const ly_app *app = &W.app;
    const ly_district *d = &app->scene.district;
    long sel = W.started ? app->st.selected : -1;
    const ly_building *b = sel >= 0 ? &d->buildings[sel] : NULL;
    const char *name = b ? (app->st.lang == LY_LANG_EN && b->name_en ? b->name_en : b->name) : "";
    size_t n = W.frames < FRAME_RING ? (size_t)W.frames : FRAME_RING;
    float sorted[FRAME_RING];
    memcpy(sorted, W.frame_ms, n * sizeof *sorted);
    qsort(sorted, n, sizeof *sorted, by_value);
    double tx = -1, ty = -1;
    if (W.started)
        focus_on_canvas(&tx, &ty);
    char toast[1400] = "";
    if (W.started && app->layout.toast.shown)
        ly_layout_toast_text(app, toast, sizeof toast);
    size_t id_n = 6 * strlen(b ? b->id : "") + 16, name_n = 6 * strlen(name ? name : "") + 16;
    size_t toast_n = 6 * strlen(toast) + 16;
    char *id_json = malloc(id_n), *name_json = malloc(name_n), *toast_json = malloc(toast_n);
    char query_json[6 * sizeof app->st.query + 16];
    double field[4] = {0, 0, 0, 0};
    if (W.started)
        field_box(field);
    size_t cap = id_n + name_n + toast_n + sizeof query_json + 640;
    char *out = id_json && name_json && toast_json ? reply(cap) : NULL;
    if (!out) {
        free(id_json);
        free(name_json);
        free(toast_json);
        return "{}";
    }
    json_string(id_json, id_n, b ? b->id : "");
    json_string(name_json, name_n, name);
    json_string(toast_json, toast_n, toast);
    json_string(query_json, sizeof query_json, app->st.query);
    snprintf(out, cap,
             "{\"started\":%s,\"lang\":\"%s\",\"selected\":%s,\"name\":%s,\"buildings\":%zu,"
             "\"width\":%d,\"height\":%d,\"frames\":%ld,\"frame_p50_ms\":%.2f,"
             "\"frame_p95_ms\":%.2f,\"focus_x\":%.1f,\"focus_y\":%.1f,\"moving\":%s,"
             "\"heading\":%.4f,\"pitch\":%.4f,\"distance\":%.2f,\"toast\":%s,"
             "\"typing\":%s,\"query\":%s,\"search\":[%.1f,%.1f,%.1f,%.1f]}",
             W.started ? "true" : "false", ly_lang_code(app->st.lang), id_json, name_json,
             W.started ? d->n_buildings : 0, app->st.width, app->st.height, W.frames,
             n ? sorted[n / 2] : 0.0, n ? sorted[n * 95 / 100] : 0.0, tx, ty,
             W.started && (app->st.cam.flying || W.again) ? "true" : "false",
             app->st.cam.pose.heading, app->st.cam.pose.pitch, app->st.cam.pose.distance,
             toast_json, W.typing ? "true" : "false", query_json, field[0], field[1], field[2],
             field[3]);
    free(id_json);
    free(name_json);
    free(toast_json);
    return out;
}

/* Draws with the font at font_path from now on (the wide subset, when a district the
 * page loads later needs characters the small one lacks). Returns 0, or -1 after
 * logging why (the font on screen stays). */
EMSCRIPTEN_KEEPALIVE int ly_web_use_font(const char *font_path)
{
    char err[512];
    if (!W.started || ly_font_replace(W.app.font, font_path, 0, err, sizeof err)) {
        LY_ERROR("WEB", "%s", W.started ? err : "the map has not started");
        return -1;
    }
    ly_cmd_redraw(&W.app);
    return 0;
}

/* Turns the view as a drag of dx, dy CSS pixels would (the left button: orbit). */
EMSCRIPTEN_KEEPALIVE void ly_web_orbit(double dx, double dy)
{
    if (!W.started)
        return;
    float s = ly_platform_pixel_scale(W.plat);
    ly_cmd_orbit(&W.app, (float)(dx * s), (float)(dy * s));
}

/* Asks for a frame now (after the page changed something the map draws). */
EMSCRIPTEN_KEEPALIVE void ly_web_redraw(void)
{
    if (W.started)
        ly_cmd_redraw(&W.app);
}

/* The district's buildings as JSON: [{"id":..,"name":..,"name_en":..}, ...] (name_en
 * null where the data has none). The reply grows with the district (malloc'd, kept
 * until the next call). */
EMSCRIPTEN_KEEPALIVE const char *ly_web_buildings(void)
{
    static char *list;
    free(list);
    list = NULL;
    const ly_district *d = &W.app.scene.district;
    size_t n = W.started ? d->n_buildings : 0, cap = 16 + n * 64, o = 0;
    for (size_t i = 0; i < n; i++) /* the strings' bytes, escaped at most 6 to 1 */
        cap += 6 * (strlen(d->buildings[i].id) + strlen(d->buildings[i].name ? d->buildings[i].name : "") +
                    strlen(d->buildings[i].name_en ? d->buildings[i].name_en : ""));
    list = malloc(cap);
    if (!list)
        return "[]";
    list[o++] = '[';
    for (size_t i = 0; i < n; i++) {
        const ly_building *b = &d->buildings[i];
        o += (size_t)snprintf(list + o, cap - o, "%s{\"id\":", i ? "," : "");
        o += json_string(list + o, cap - o, b->id);
        o += (size_t)snprintf(list + o, cap - o, ",\"name\":");
        o += json_string(list + o, cap - o, b->name);
        o += (size_t)snprintf(list + o, cap - o, ",\"name_en\":");
        if (b->name_en)
            o += json_string(list + o, cap - o, b->name_en);
        else
            o += (size_t)snprintf(list + o, cap - o, "null");
        o += (size_t)snprintf(list + o, cap - o, "}");
    }
    snprintf(list + o, cap - o, "]");
    return list;
}

/* The bench: draws n frames at once, the view turned by `px` pixels' worth of orbit
 * before each, waiting for the GPU after each (glFinish), so that the time is the
 * frame's own and not the browser's pacing. Returns JSON {"n":..,"p50_ms":..,
 * "p95_ms":..,"mean_ms":..}. */
EMSCRIPTEN_KEEPALIVE const char *ly_web_bench_frames(int n, double px)
{
    n = n < 1 ? 1 : n > FRAME_RING ? FRAME_RING : n;
    float ms[FRAME_RING];
    double sum = 0;
    for (int i = 0; i < n && W.started; i++) {
        ly_cmd_orbit(&W.app, (float)px, 0);
        ly_app_update(&W.app, 0);
        double t0 = ly_platform_now();
        ly_app_render(&W.app);
        ly_renderer_finish(W.app.renderer);
        ms[i] = (float)((ly_platform_now() - t0) * 1000);
        sum += ms[i];
    }
    qsort(ms, (size_t)n, sizeof *ms, by_value);
    char *out = reply(256);
    if (!out)
        return "{}";
    snprintf(out, 256, "{\"n\":%d,\"p50_ms\":%.2f,\"p95_ms\":%.2f,\"mean_ms\":%.2f}", n,
             W.started ? ms[n / 2] : 0.0, W.started ? ms[n * 95 / 100] : 0.0, sum / n);
    return out;
}
