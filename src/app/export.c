/* The viewer's exports: the view as a map image, the district (or the selection) as
 * glTF, the building stock and its floors as CSV, written into the export folder with
 * a toast that says where. The same writers as `louyu export` and `louyu shot --map`. */
#include "commands.h"
#include "louyu/export.h"
#include "louyu/file.h"
#include "louyu/html.h"
#include "louyu/log.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

enum { PATH_LEN = 4096 + 160 };

/* The desktop's documents folder: XDG_DOCUMENTS_DIR from ~/.config/user-dirs.dirs
 * ("$HOME/Dokumente"), else ~/Documents where it exists, else home. */
static void documents(char *buf, size_t n)
{
    const char *home = getenv("HOME");
    home = home && home[0] == '/' ? home : "/tmp";
    snprintf(buf, n, "%s", home);
    char path[4096];
    const char *cfg = getenv("XDG_CONFIG_HOME");
    snprintf(path, sizeof path, "%s%s/user-dirs.dirs", cfg && cfg[0] == '/' ? cfg : home,
             cfg && cfg[0] == '/' ? "" : "/.config");
    FILE *f = fopen(path, "r");
    char line[2048];
    bool found = false;
    while (f && !found && fgets(line, sizeof line, f)) {
        char *v = strncmp(line, "XDG_DOCUMENTS_DIR=\"", 19) ? NULL : line + 19;
        char *end = v ? strchr(v, '"') : NULL;
        if (!end)
            continue;
        *end = '\0';
        if (!strncmp(v, "$HOME", 5))
            snprintf(buf, n, "%s%s", home, v + 5);
        else if (v[0] == '/')
            snprintf(buf, n, "%s", v);
        found = true;
    }
    if (f)
        fclose(f);
    struct stat st;
    snprintf(path, sizeof path, "%s/Documents", home);
    if (!found && stat(path, &st) == 0 && S_ISDIR(st.st_mode) && strlen(path) < n)
        memcpy(buf, path, strlen(path) + 1);
}

/* A name as a readable part of a file's name: letters, digits (any script) and ". _" as
 * they are, spaces and other punctuation as one "-", at most 60 bytes, whole characters. */
static void name_part(char *out, size_t n, const char *s)
{
    size_t k = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p && k + 4 < n && k < 60;) {
        size_t len = *p < 0x80 ? 1 : (*p >> 5) == 6 ? 2 : (*p >> 4) == 14 ? 3 : (*p >> 3) == 30 ? 4 : 1;
        for (size_t i = 1; i < len; i++)
            if ((p[i] & 0xC0) != 0x80)
                len = 1; /* (not UTF-8: a byte of its own, as punctuation) */
        if (len > 1 && (*p >= 0xC2)) {
            memcpy(out + k, p, len);
            k += len;
        } else if ((*p >= '0' && *p <= '9') || ((*p | 32) >= 'a' && (*p | 32) <= 'z') ||
                   *p == '_' || (*p == '.' && k)) {
            out[k++] = (char)*p;
        } else if (k && out[k - 1] != '-') {
            out[k++] = '-';
        }
        p += len;
    }
    while (k && (out[k - 1] == '-' || out[k - 1] == '.'))
        k--;
    out[k] = '\0';
    if (!k)
        snprintf(out, n, "district");
}

/* FOLDER/NAME-KIND-YYYYMMDD-HHMMSS.EXT in the export folder (made if needed); never a
 * file that is there (two exports in one second, a clock set back): -2, -3 ... */
static int export_path(const ly_app *app, const char *kind, const char *ext, char *out, size_t n)
{
    char dir[4096];
    const char *env = getenv("LOUYU_EXPORT_DIR");
    if (env && env[0])
        snprintf(dir, sizeof dir, "%s", env);
    else {
        char docs[2048];
        documents(docs, sizeof docs);
        snprintf(dir, sizeof dir, "%s/louyu", docs);
    }
    if (ly_make_dirs(dir, 0755, NULL, 0))
        return -1;
    const ly_district *d = &app->scene.district;
    const char *src = d->source ? strrchr(d->source, '/') : NULL;
    char base[256], name[80];
    snprintf(base, sizeof base, "%s", d->meta.name_en ? d->meta.name_en : src ? src + 1 : "district");
    char *dot = strrchr(base, '.');
    if (dot && !d->meta.name_en)
        *dot = '\0'; /* the file's name without its extension */
    name_part(name, sizeof name, base);
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    char stamp[32];
    strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
    for (int k = 1; k < 1000; k++) {
        char again[16] = "";
        if (k > 1)
            snprintf(again, sizeof again, "-%d", k);
        snprintf(out, n, "%s/%s-%s-%s%s.%s", dir, name, kind, stamp, again, ext);
        if (access(out, F_OK) != 0)
            return 0;
    }
    return -1;
}

static int write_png(ly_app *app, const char *path, int w, int h, char *err, size_t n)
{
    uint8_t *px = malloc((size_t)w * h * 4);
    int rc = !px || ly_app_render_image(app, w, h, true, px) ? -1 : 0;
    if (rc)
        snprintf(err, n, "cannot draw a %dx%d picture", w, h);
    else
        rc = ly_image_write(path, w, h, px, 0, err, n);
    free(px);
    return rc;
}

static int write_data(ly_app *app, ly_export_kind kind, const char *path, char *err, size_t n)
{
    const ly_scene *sc = &app->scene;
    ly_buf b = {0};
    long sel = app->st.selected;
    int rc = 0;
    if (kind == LY_EXPORT_CITYJSON) {
        char why[512];
        if (ly_export_cityjson(&sc->district, sel >= 0 ? &sel : NULL, sel >= 0 ? 1 : 0, &b, why,
                               sizeof why)) {
            snprintf(err, n, "%s", why);
            ly_buf_free(&b);
            return -1;
        }
    } else if (kind == LY_EXPORT_MODEL)
        rc = ly_export_glb(&sc->district, &sc->geo, &sc->mesh,
                           &(ly_export_glb_desc){.select = sel >= 0 ? &sel : NULL,
                                                 .n_select = sel >= 0 ? 1 : 0,
                                                 .ground = &sc->ground},
                           &b);
    else
        ly_export_csv(&sc->district,
                      &(ly_export_csv_desc){.floors = kind == LY_EXPORT_FLOORS, .lang = app->st.lang},
                      &b);
    if (rc || b.failed)
        snprintf(err, n, "out of memory");
    else
        rc = ly_file_write_atomic(path, b.p, b.len, err, n);
    ly_buf_free(&b);
    return rc || b.failed ? -1 : 0;
}

void ly_cmd_queue_export(ly_app *app, ly_export_kind kind)
{
    ly_state *st = &app->st;
    if (st->kiosk.on || kind < 0 || kind >= LY_EXPORT_KINDS)
        return;
    st->export_queued = (int)kind + 1;
    st->export_wait = 2;
    st->export_menu = false;
    snprintf(st->exported.text, sizeof st->exported.text, "%s", ly_str(LY_S_EXPORTING, st->lang));
    st->exported.ok = true;
    st->exported.shown_t = st->time;
    st->redraw = true;
}

int ly_cmd_export(ly_app *app, ly_export_kind kind)
{
    ly_state *st = &app->st;
    if (st->kiosk.on || !app->scene.loaded || kind < 0 || kind >= LY_EXPORT_KINDS)
        return -1;
    static const char *const EXT[LY_EXPORT_KINDS] = {"png", "png", "glb", "city.json", "csv",
                                                     "csv"};
    static const char *const KIND[LY_EXPORT_KINDS] = {"map", "map-large", "model", "model",
                                                      "buildings", "floors"};
    char path[PATH_LEN], err[PATH_LEN + 200] = "";
    int rc = export_path(app, KIND[kind], EXT[kind], path, sizeof path);
    if (rc)
        snprintf(err, sizeof err, "cannot make the export folder");
    else if (kind == LY_EXPORT_MAP || kind == LY_EXPORT_MAP_LARGE)
        rc = write_png(app, path, kind == LY_EXPORT_MAP ? 3840 : 8000,
                       kind == LY_EXPORT_MAP ? 2160 : 6000, err, sizeof err);
    else
        rc = write_data(app, kind, path, err, sizeof err);
    snprintf(st->exported.text, sizeof st->exported.text,
             ly_str(rc ? LY_S_EXPORT_FAILED : LY_S_EXPORTED, st->lang), rc ? err : path);
    st->exported.ok = rc == 0;
    st->exported.shown_t = st->time;
    st->export_menu = false;
    st->redraw = true;
    LY_INFO("APP", "%s", st->exported.text);
    return rc;
}
