#include "louyu/settings.h"
#include "louyu/file.h"
#include "louyu/json.h"

#include <assert.h>
#include <cjson/cJSON.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The settings file nests one level; anything deeper is not ours. */
#define MAX_DEPTH 16

static void say(char *err, size_t n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void say(char *err, size_t n, const char *fmt, ...)
{
    if (!err || !n)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, n, fmt, ap);
    va_end(ap);
}

void ly_settings_defaults(ly_settings *s)
{
    assert(s);
    *s = (ly_settings){.language = LY_LANG_ZH, .ui_scale = 0.0f};
}

int ly_settings_path(char *buf, size_t n)
{
    assert(buf && n);
    return ly_xdg_path("XDG_CONFIG_HOME", ".config", "settings.json", buf, n);
}

/* The file's problems go to the caller's list through the document
 * (ly_json_doc_problem), placed at their values. */
typedef ly_json_doc checker;

static void read_language(checker *c, ly_settings *s)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(c->root, "language");
    if (!v)
        return;
    if (cJSON_IsString(v) && (!strcmp(v->valuestring, "zh") || !strcmp(v->valuestring, "en"))) {
        s->language = ly_lang_parse(v->valuestring);
        s->language_set = true;
    } else if (cJSON_IsString(v))
        ly_json_doc_problem(c, v, "\"language\" is \"%.40s\": expected \"zh\" or \"en\"", v->valuestring);
    else
        ly_json_doc_problem(c, v, "\"language\" is %s: expected \"zh\" or \"en\"", ly_json_kind(v));
}

static void read_ui_scale(checker *c, ly_settings *s)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(c->root, "ui_scale");
    if (!v)
        return;
    double x = cJSON_IsNumber(v) ? v->valuedouble : NAN;
    if (x == 0 || (x >= LY_SETTINGS_UI_SCALE_MIN && x <= LY_SETTINGS_UI_SCALE_MAX)) {
        s->ui_scale = (float)x;
        return;
    }
    char got[40];
    if (cJSON_IsNumber(v))
        snprintf(got, sizeof got, "%g", x);
    else
        snprintf(got, sizeof got, "%s", ly_json_kind(v));
    ly_json_doc_problem(c, v, "\"ui_scale\" is %s: expected 0 (automatic) or a number from %g to %g", got,
            (double)LY_SETTINGS_UI_SCALE_MIN, (double)LY_SETTINGS_UI_SCALE_MAX);
}

int ly_settings_load(ly_settings *s, const char *path, ly_diag_list *diags)
{
    assert(s && path);
    ly_settings_defaults(s);
    ly_diag_list scratch;
    if (!diags) {
        ly_diag_list_init(&scratch, path);
        diags = &scratch;
    }
    checker c = {0};
    int r = ly_json_doc_load(&c, path, LY_SETTINGS_MAX_BYTES, MAX_DEPTH, true, diags);
    if (r == 0 && !cJSON_IsObject(c.root)) {
        ly_json_doc_problem(&c, c.root, "the file is %s: expected an object {\"language\": ..., "
                "\"ui_scale\": ...}", ly_json_kind(c.root));
    } else if (r == 0) {
        read_language(&c, s);
        read_ui_scale(&c, s);
    }
    bool bad = c.problems > 0;
    ly_json_doc_unload(&c);
    if (diags == &scratch)
        ly_diag_list_deinit(&scratch);
    return r < 0 || bad ? -1 : 0;
}

/* The old file's members that this version does not know are kept; a missing
 * or unreadable old file starts a fresh object. */
static cJSON *settings_json(const ly_settings *s, const char *path)
{
    ly_diag_list ignored;
    ly_diag_list_init(&ignored, path);
    ly_json_doc old;
    cJSON *root = NULL;
    if (ly_json_doc_load(&old, path, LY_SETTINGS_MAX_BYTES, MAX_DEPTH, true, &ignored) == 0) {
        root = old.root;
        old.root = NULL;
    }
    ly_json_doc_unload(&old);
    ly_diag_list_deinit(&ignored);
    if (!cJSON_IsObject(root)) {
        cJSON_Delete(root);
        root = cJSON_CreateObject();
    }
    if (!root)
        return NULL;
    /* Rounded so that a float such as 1.1f is written as 1.1. */
    cJSON *items[2] = {cJSON_CreateString(ly_lang_code(s->language)),
                       cJSON_CreateNumber(round((double)s->ui_scale * 1000) / 1000)};
    const char *keys[2] = {"language", "ui_scale"};
    for (int k = 0; k < 2; k++) {
        if (!items[k]) {
            cJSON_Delete(items[k ? 0 : 1]);
            cJSON_Delete(root);
            return NULL;
        }
    }
    for (int k = 0; k < 2; k++) {
        if (cJSON_GetObjectItemCaseSensitive(root, keys[k]))
            cJSON_ReplaceItemInObjectCaseSensitive(root, keys[k], items[k]);
        else
            cJSON_AddItemToObject(root, keys[k], items[k]);
    }
    return root;
}

static int write_all(int fd, const char *p, size_t len)
{
    while (len) {
        ssize_t w = write(fd, p, len);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return -1;
        p += w;
        len -= (size_t)w;
    }
    return 0;
}

int ly_settings_save(const ly_settings *s, const char *path, char *err, size_t err_len)
{
    assert(s && path);
    if (err && err_len)
        err[0] = '\0';
    char dir[4096], tmp[4096];
    const char *slash = strrchr(path, '/');
    size_t dir_len = slash ? (size_t)(slash - path) : 0;
    if (!path[0] || (slash && !slash[1]) || dir_len >= sizeof dir ||
        snprintf(tmp, sizeof tmp, "%s.tmp", path) >= (int)sizeof tmp) {
        say(err, err_len, "%s: bad settings path", path);
        return -1;
    }
    memcpy(dir, path, dir_len);
    dir[dir_len] = '\0';
    if (slash == path)
        snprintf(dir, sizeof dir, "/");
    char failed[4096];
    if (slash && ly_make_dirs(dir, 0700, failed, sizeof failed)) {
        say(err, err_len, "%s: cannot create the directory: %s", failed, strerror(errno));
        return -1;
    }

    cJSON *root = settings_json(s, path);
    char *text = root ? cJSON_Print(root) : NULL;
    cJSON_Delete(root);
    if (!text) {
        say(err, err_len, "%s: out of memory", path);
        return -1;
    }
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) {
        say(err, err_len, "%s: cannot create: %s", tmp, strerror(errno));
        cJSON_free(text);
        return -1;
    }
    /* Write, flush to disk, then rename: a crash leaves the old file or the new
     * one, never half of one. */
    int ok = write_all(fd, text, strlen(text)) == 0 && write_all(fd, "\n", 1) == 0;
    const char *step = "write";
    if (ok && fsync(fd) != 0) {
        ok = 0;
        step = "fsync";
    }
    int saved = errno;
    if (close(fd) != 0 && ok) {
        ok = 0;
        step = "close";
        saved = errno;
    }
    cJSON_free(text);
    if (ok && rename(tmp, path) != 0) {
        saved = errno;
        say(err, err_len, "%s: cannot rename %s over it: %s", path, tmp, strerror(saved));
        unlink(tmp);
        return -1;
    }
    if (!ok) {
        say(err, err_len, "%s: cannot %s: %s", tmp, step, strerror(saved));
        unlink(tmp);
        return -1;
    }
    /* The rename itself is durable once the directory is synced. */
    int dfd = open(slash ? dir : ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd >= 0) {
        fsync(dfd);
        close(dfd);
    }
    return 0;
}
