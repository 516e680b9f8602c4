/* ly_settings: where the file is, what a good and a bad file give, and that a
 * save is atomic and creates its directories. */
#include "check.h"
#include "check_diag.h"
#include "louyu/settings.h"

#include <dirent.h>
#include <limits.h>
#include <sys/stat.h>
#include <unistd.h>

static char g_dir[1024];

static void write_text(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    CHECK(f != NULL);
    if (!f)
        return;
    fputs(text, f);
    fclose(f);
}

/* Loads the file; returns the status and leaves what its problems print in err. */
static int load_path(ly_settings *s, const char *path, char *err, size_t n)
{
    ly_diag_list diags;
    ly_diag_list_init(&diags, path);
    int rc = ly_settings_load(s, path, &diags);
    check_diag_text(&diags, err, n);
    ly_diag_list_deinit(&diags);
    return rc;
}

/* Loads `text` from a file; returns the status and leaves the message in err. */
static int load_text(const char *text, ly_settings *s, char *err, size_t n)
{
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/case.json", g_dir);
    write_text(path, text);
    return load_path(s, path, err, n);
}

static int contains(const char *s, const char *part)
{
    int ok = s && strstr(s, part) != NULL;
    if (!ok)
        fprintf(stderr, "  \"%s\" does not contain \"%s\"\n", s ? s : "(null)", part);
    return ok;
}

static void test_path(void)
{
    char buf[PATH_MAX];
    setenv("HOME", "/home/kiosk", 1);

    setenv("XDG_CONFIG_HOME", "/etc/xdg-user", 1);
    CHECK_INT(ly_settings_path(buf, sizeof buf), 0);
    CHECK_STR(buf, "/etc/xdg-user/louyu/settings.json");

    setenv("XDG_CONFIG_HOME", "", 1);
    CHECK_INT(ly_settings_path(buf, sizeof buf), 0);
    CHECK_STR(buf, "/home/kiosk/.config/louyu/settings.json");

    /* relative: invalid per the XDG spec, so HOME decides */
    setenv("XDG_CONFIG_HOME", "relative/config", 1);
    CHECK_INT(ly_settings_path(buf, sizeof buf), 0);
    CHECK_STR(buf, "/home/kiosk/.config/louyu/settings.json");

    unsetenv("XDG_CONFIG_HOME");
    CHECK_INT(ly_settings_path(buf, sizeof buf), 0);
    CHECK_STR(buf, "/home/kiosk/.config/louyu/settings.json");

    /* XDG_CONFIG_HOME alone is enough */
    unsetenv("HOME");
    setenv("XDG_CONFIG_HOME", "/cfg", 1);
    CHECK_INT(ly_settings_path(buf, sizeof buf), 0);
    CHECK_STR(buf, "/cfg/louyu/settings.json");

    unsetenv("XDG_CONFIG_HOME");
    CHECK_INT(ly_settings_path(buf, sizeof buf), -1);
    setenv("HOME", "", 1);
    CHECK_INT(ly_settings_path(buf, sizeof buf), -1);

    /* too small a buffer is a failure, not a truncated path */
    setenv("HOME", "/home/kiosk", 1);
    char tiny[10];
    CHECK_INT(ly_settings_path(tiny, sizeof tiny), -1);
    CHECK_STR(tiny, "");
}

static int count_entries(const char *dir, const char *suffix)
{
    DIR *d = opendir(dir);
    if (!d)
        return -1;
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        size_t len = strlen(e->d_name), sl = strlen(suffix);
        if (len >= sl && !strcmp(e->d_name + len - sl, suffix))
            n++;
    }
    closedir(d);
    return n;
}

static void test_round_trip(void)
{
    char cfg[2048], path[PATH_MAX], err[512];
    /* a config directory that does not exist yet, two levels deep */
    snprintf(cfg, sizeof cfg, "%s/new/config", g_dir);
    snprintf(path, sizeof path, "%s/louyu/settings.json", cfg);

    ly_settings s, t;
    ly_settings_defaults(&s);
    CHECK_INT(s.language, LY_LANG_ZH);
    CHECK_NEAR(s.ui_scale, 0, 0);

    /* missing file: defaults and 0 */
    t.language = LY_LANG_EN;
    t.ui_scale = 3;
    CHECK_INT(load_path(&t, path, err, sizeof err), 0);
    CHECK_INT(t.language, LY_LANG_ZH);
    CHECK_NEAR(t.ui_scale, 0, 0);

    s.language = LY_LANG_EN;
    s.ui_scale = 1.25f;
    int rc = ly_settings_save(&s, path, err, sizeof err);
    if (rc)
        fprintf(stderr, "  save: %s\n", err);
    CHECK_INT(rc, 0);
    CHECK_INT(load_path(&t, path, err, sizeof err), 0);
    CHECK_INT(t.language, LY_LANG_EN);
    CHECK_NEAR(t.ui_scale, 1.25, 1e-6);

    /* the new directories are private */
    struct stat st;
    char louyu_dir[PATH_MAX];
    snprintf(louyu_dir, sizeof louyu_dir, "%s/louyu", cfg);
    CHECK(stat(louyu_dir, &st) == 0 && S_ISDIR(st.st_mode));
    CHECK_INT(st.st_mode & 0777, 0700);
    CHECK(stat(cfg, &st) == 0 && S_ISDIR(st.st_mode));
    CHECK_INT(st.st_mode & 0777, 0700);
    CHECK(stat(path, &st) == 0);
    CHECK_INT(st.st_mode & 0777, 0600);

    /* atomic: nothing but the file itself is left */
    CHECK_INT(count_entries(louyu_dir, ".tmp"), 0);
    CHECK_INT(count_entries(louyu_dir, ""), 3); /* ".", "..", settings.json */

    /* saving again over an existing file, with another language and 1.1 */
    s.language = LY_LANG_ZH;
    s.ui_scale = 1.1f;
    CHECK_INT(ly_settings_save(&s, path, err, sizeof err), 0);
    CHECK_INT(load_path(&t, path, err, sizeof err), 0);
    CHECK_INT(t.language, LY_LANG_ZH);
    CHECK_NEAR(t.ui_scale, 1.1, 1e-6);
    CHECK_INT(count_entries(louyu_dir, ".tmp"), 0);
    char *text = check_read_file(path, NULL);
    CHECK(contains(text, "\"ui_scale\":\t1.1\n"));
    free(text);

    /* members this version does not know survive a rewrite */
    write_text(path, "{\"theme\": \"night\", \"language\": \"zh\", \"ui_scale\": 2}");
    s.language = LY_LANG_EN;
    s.ui_scale = 0;
    CHECK_INT(ly_settings_save(&s, path, err, sizeof err), 0);
    text = check_read_file(path, NULL);
    CHECK(contains(text, "\"theme\":\t\"night\""));
    CHECK(contains(text, "\"language\":\t\"en\""));
    CHECK(contains(text, "\"ui_scale\":\t0"));
    free(text);
    CHECK_INT(load_path(&t, path, err, sizeof err), 0);
    CHECK_INT(t.language, LY_LANG_EN);
    CHECK_NEAR(t.ui_scale, 0, 0);

    /* a file where the directory should be: an error, no crash, no .tmp */
    char blocked[PATH_MAX], file_as_dir[PATH_MAX];
    snprintf(file_as_dir, sizeof file_as_dir, "%s/plainfile", g_dir);
    write_text(file_as_dir, "x");
    snprintf(blocked, sizeof blocked, "%s/plainfile/louyu/settings.json", g_dir);
    CHECK_INT(ly_settings_save(&s, blocked, err, sizeof err), -1);
    CHECK(contains(err, "plainfile"));
}

static void test_files(void)
{
    ly_settings s;
    char err[512];

    CHECK_INT(load_text("{\"language\": \"en\"}", &s, err, sizeof err), 0);
    CHECK_INT(s.language, LY_LANG_EN);
    CHECK_NEAR(s.ui_scale, 0, 0);
    CHECK_STR(err, "");
    CHECK_INT(load_text("{\"language\": \"zh\", \"ui_scale\": 2}", &s, err, sizeof err), 0);
    CHECK_INT(s.language, LY_LANG_ZH);
    CHECK_NEAR(s.ui_scale, 2, 0);
    /* unknown members are ignored; an empty object is all defaults */
    CHECK_INT(load_text("{\"theme\": [1, 2], \"language\": \"en\"}", &s, err, sizeof err), 0);
    CHECK_INT(s.language, LY_LANG_EN);
    CHECK_INT(load_text("{}", &s, err, sizeof err), 0);
    CHECK_INT(s.language, LY_LANG_ZH);
    /* with a byte-order mark */
    CHECK_INT(load_text("\xEF\xBB\xBF{\"language\": \"en\"}", &s, err, sizeof err), 0);
    CHECK_INT(s.language, LY_LANG_EN);
    CHECK(s.language_set);
    CHECK_INT(load_text("{\"ui_scale\": 2}", &s, err, sizeof err), 0);
    CHECK(!s.language_set);
    /* columns count characters, as the district loader's do: the mark is not one,
     * and 楼 is one (three bytes) */
    CHECK_INT(load_text("\xEF\xBB\xBF{\"x\": \"楼\", \"language\": \"fr\"}", &s, err, sizeof err), -1);
    CHECK(contains(err, "case.json:1:24: error: \"language\" is \"fr\""));

    /* an unknown language: the default, -1, and the message says where and what */
    CHECK_INT(load_text("{\"ui_scale\": 1.5,\n \"language\": \"fr\"}", &s, err, sizeof err), -1);
    CHECK_INT(s.language, LY_LANG_ZH);
    CHECK_NEAR(s.ui_scale, 1.5, 1e-6); /* the good member is still used */
    CHECK(contains(err, "case.json:2:14: error: \"language\" is \"fr\": expected \"zh\" or \"en\""));
    CHECK_INT(load_text("{\"language\": 7}", &s, err, sizeof err), -1);
    CHECK(contains(err, "\"language\" is a number"));

    /* ui_scale out of range or of the wrong type */
    CHECK_INT(load_text("{\"language\": \"en\", \"ui_scale\": 40}", &s, err, sizeof err), -1);
    CHECK_INT(s.language, LY_LANG_EN);
    CHECK_NEAR(s.ui_scale, 0, 0);
    CHECK(contains(err, "\"ui_scale\" is 40: expected 0 (automatic) or a number from 0.5 to 4"));
    CHECK_INT(load_text("{\"ui_scale\": -1}", &s, err, sizeof err), -1);
    CHECK_INT(load_text("{\"ui_scale\": \"big\"}", &s, err, sizeof err), -1);
    CHECK(contains(err, "\"ui_scale\" is a string"));
    CHECK_INT(load_text("{\"ui_scale\": 1e999}", &s, err, sizeof err), -1);
    CHECK_NEAR(s.ui_scale, 0, 0);

    /* garbage: -1, defaults, and a message naming the file */
    CHECK_INT(load_text("language = en\n", &s, err, sizeof err), -1);
    CHECK_INT(s.language, LY_LANG_ZH);
    CHECK_NEAR(s.ui_scale, 0, 0);
    CHECK(contains(err, "case.json:1:1: error: not valid JSON"));
    CHECK_INT(load_text("{\"language\": \"en\",\n", &s, err, sizeof err), -1);
    CHECK_INT(s.language, LY_LANG_ZH);
    CHECK(contains(err, "case.json:2:1: error: not valid JSON"));
    CHECK_INT(load_text("[\"en\"]", &s, err, sizeof err), -1);
    CHECK(contains(err, "expected an object"));
    CHECK_INT(load_text("", &s, err, sizeof err), -1);
    CHECK(contains(err, "case.json"));
    CHECK_INT(load_text("{\"language\": \"\xff\xfe\"}", &s, err, sizeof err), -1);
    CHECK(contains(err, "not valid JSON"));
    /* deep nesting is refused before cJSON recurses */
    char deep[2100];
    memset(deep, '[', 2000);
    deep[2000] = '\0';
    CHECK_INT(load_text(deep, &s, err, sizeof err), -1);

    /* a huge file is refused without being parsed */
    size_t big = LY_SETTINGS_MAX_BYTES + 10;
    char *huge = malloc(big + 1);
    CHECK(huge != NULL);
    if (huge) {
        memset(huge, ' ', big);
        memcpy(huge, "{\"language\": \"en\"}", 18);
        huge[big] = '\0';
        CHECK_INT(load_text(huge, &s, err, sizeof err), -1);
        CHECK_INT(s.language, LY_LANG_ZH);
        CHECK(contains(err, "expected at most 65536"));
        free(huge);
    }

    /* a directory where the file should be, and a NULL err */
    CHECK_INT(load_path(&s, g_dir, err, sizeof err), -1);
    CHECK(contains(err, "is a directory: expected a file"));
    CHECK_INT(load_text("nope", &s, NULL, 0), -1);
    /* a tiny err buffer still ends in NUL */
    char small[8];
    CHECK_INT(load_text("nope", &s, small, sizeof small), -1);
    CHECK_INT(strlen(small), sizeof small - 1);
}

static void remove_tree(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        char p[PATH_MAX];
        snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
        struct stat st;
        if (lstat(p, &st) == 0 && S_ISDIR(st.st_mode))
            remove_tree(p);
        else
            unlink(p);
    }
    closedir(d);
    rmdir(dir);
}

int main(void)
{
    /* A common umask: the 0700 and 0600 checked below are then the module's doing. */
    umask(022);
    const char *base = getenv("TMPDIR");
    snprintf(g_dir, sizeof g_dir, "%s/louyu-settings-XXXXXX", base && base[0] ? base : "/tmp");
    if (!mkdtemp(g_dir)) {
        perror("mkdtemp");
        return 1;
    }
    test_path();
    test_round_trip();
    test_files();
    remove_tree(g_dir);
    return check_report();
}
