/* The kiosk's config file (every member, every kind of mistake with its
 * position), the admin PIN hash, and the rotating log file. */
#include "check.h"
#include "check_diag.h"
#include "louyu/kiosk.h"
#include "louyu/logfile.h"

#include <limits.h>
#include <sys/stat.h>
#include <unistd.h>

static char g_dir[1024];

static int contains(const char *s, const char *part)
{
    int ok = s && strstr(s, part) != NULL;
    if (!ok)
        fprintf(stderr, "  \"%s\" does not contain \"%s\"\n", s ? s : "(null)", part);
    return ok;
}

/* Loads a config; returns its result and leaves what its problems print in err. */
static int load_path(ly_kiosk_config *c, const char *path, char *err, size_t n)
{
    ly_diag_list diags;
    ly_diag_list_init(&diags, path);
    int rc = ly_kiosk_config_load(c, path, &diags);
    check_diag_text(&diags, err, n);
    ly_diag_list_deinit(&diags);
    return rc;
}

/* Writes `text` to DIR/NAME and loads it as a config. */
static int load(const char *name, const char *text, ly_kiosk_config *c, char *err, size_t n)
{
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/%s", g_dir, name);
    FILE *f = fopen(path, "wb");
    CHECK(f != NULL);
    if (!f)
        return -2;
    fputs(text, f);
    fclose(f);
    return load_path(c, path, err, n);
}

static void test_defaults_and_full(void)
{
    ly_kiosk_config c;
    char err[2048];
    CHECK_INT(load("empty.json", "{}", &c, err, sizeof err), 0);
    CHECK(c.data[0] == '\0' && !c.has_language && c.pin_hash[0] == '\0');
    CHECK_NEAR(c.reset_after_s, 120, 0);
    CHECK_NEAR(c.poll_s, 60, 0);
    CHECK_NEAR(c.attract_after_s, 60, 0);
    CHECK_NEAR(c.per_building_s, 9, 0);
    CHECK(c.attract);
    CHECK_INT(c.log_max_kb, 1024);
    CHECK_INT(c.log_keep, 3);

    char hash[LY_PIN_HASH_MAX];
    CHECK_INT(ly_pin_hash("2468", hash, sizeof hash), 0);
    char text[2048];
    snprintf(text, sizeof text,
             "{\n"
             "  \"data\": \"weekly/zhanshan.geojson\",\n"
             "  \"poll_s\": 15,\n"
             "  \"language\": \"en\",\n"
             "  \"reset_after_s\": 300,\n"
             "  \"attract\": {\"enabled\": false, \"after_s\": 45.5, \"per_building_s\": 12},\n"
             "  \"display\": {\"index\": 1, \"ui_scale\": 1.5},\n"
             "  \"admin\": {\"pin_hash\": \"%s\", \"hold_s\": 3},\n"
             "  \"log\": {\"path\": \"/var/log/louyu/k.log\", \"max_kb\": 256, \"keep\": 5}\n"
             "}\n",
             hash);
    CHECK_INT(load("full.json", text, &c, err, sizeof err), 0);
    char want[PATH_MAX];
    snprintf(want, sizeof want, "%s/weekly/zhanshan.geojson", g_dir); /* beside the config */
    CHECK(!strcmp(c.data, want));
    CHECK_NEAR(c.poll_s, 15, 0);
    CHECK(c.has_language && c.language == LY_LANG_EN);
    CHECK_NEAR(c.reset_after_s, 300, 0);
    CHECK(!c.attract);
    CHECK_NEAR(c.attract_after_s, 45.5, 0);
    CHECK_NEAR(c.per_building_s, 12, 0);
    CHECK_INT(c.display, 1);
    CHECK_NEAR(c.ui_scale, 1.5, 0);
    CHECK(!strcmp(c.pin_hash, hash));
    CHECK_NEAR(c.admin_hold_s, 3, 0);
    CHECK(!strcmp(c.log_path, "/var/log/louyu/k.log")); /* absolute: as it is */
    CHECK_INT(c.log_max_kb, 256);
    CHECK_INT(c.log_keep, 5);

    /* a URL as data is taken as it is, not joined to the config's folder */
    CHECK_INT(load("url.json", "{\"data\": \"https://example.org/d/zhanshan.geojson\", "
                               "\"poll_s\": 5}", &c, err, sizeof err), 0);
    CHECK(!strcmp(c.data, "https://example.org/d/zhanshan.geojson"));
    CHECK_NEAR(c.poll_s, 5, 0);
    CHECK_INT(load("poll.json", "{\"poll_s\": 1}", &c, err, sizeof err), 1);
    CHECK(contains(err, ":1:12: error: \"poll_s\" is 1: expected a number from 5 to 86400"));
}

static void test_mistakes(void)
{
    ly_kiosk_config c;
    char err[4096];
    /* every problem is reported, each at the line and column of its value, or of its name
     * when the name is what is wrong (unknown, or given twice) */
    int n = load("bad.json",
                 "{\n"
                 "  \"reset_after\": 300,\n"
                 "  \"language\": \"fr\",\n"
                 "  \"attract\": {\"after_s\": 2, \"enabled\": \"yes\"},\n"
                 "  \"display\": {\"index\": 1.5, \"ui_scale\": 0},\n"
                 "  \"admin\": {\"pin_hash\": \"1234\"},\n"
                 "  \"log\": {\"max_kb\": 1, \"kept\": 3},\n"
                 "  \"data\": \"\",\n"
                 "  \"attract\": {}\n"
                 "}\n",
                 &c, err, sizeof err);
    CHECK_INT(n, 10);
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/bad.json", g_dir);
    char line[PATH_MAX + 300];
    snprintf(line, sizeof line,
             "%s:2:3: error: unknown member \"reset_after\": expected \"data\", \"poll_s\", "
             "\"language\", "
             "\"reset_after_s\", \"attract\", \"display\", \"admin\" or \"log\"\n",
             path);
    CHECK(contains(err, line));
    CHECK(contains(err, ":3:15: error: \"language\" is \"fr\": expected \"zh\" or \"en\""));
    CHECK(contains(err, ":4:26: error: \"after_s\" is 2: expected a number from 5 to 86400"));
    CHECK(contains(err, ":4:40: error: \"enabled\" is a string: expected true or false"));
    CHECK(contains(err, ":5:24: error: \"index\" is 1.5: expected a whole number from 0 to 15"));
    CHECK(contains(err, ":6:25: error: \"pin_hash\" is not an Argon2id hash: expected the "
                        "\"$argon2id$...\""));
    CHECK(contains(err, ":7:21: error: \"max_kb\" is 1: expected a whole number from 16 to 1048576"));
    CHECK(contains(err, ":7:24: error: unknown member \"kept\" in \"log\": expected \"path\", "
                        "\"max_kb\" or \"keep\""));
    CHECK(contains(err, ":8:11: error: \"data\" is empty: expected a file path"));
    CHECK(contains(err, ":9:3: error: \"attract\" appears twice: expected it once"));
    /* ui_scale 0 is allowed (automatic), and good members are still used */
    CHECK_NEAR(c.ui_scale, 0, 0);
    CHECK_NEAR(c.reset_after_s, 120, 0);

    /* a URL louyu does not fetch: said to be one, not looked for as a file named "ftp:" */
    CHECK_INT(load("ftp.json", "{\"data\": \"ftp://host/d.geojson\"}", &c, err, sizeof err), 1);
    CHECK(contains(err, "ftp.json:1:10: error: \"data\" is \"ftp://host/d.geojson\", a URL louyu "
                        "does not fetch: expected a file path or an http:// or https:// URL"));

    /* not JSON, not an object, not there */
    CHECK_INT(load("syntax.json", "{\n  \"data\": \"x\",\n}\n", &c, err, sizeof err), -1);
    CHECK(contains(err, "syntax.json:2:14: error: not valid JSON: trailing ',' before '}'"));
    CHECK_INT(load("array.json", "[1, 2]", &c, err, sizeof err), 1);
    CHECK(contains(err, "array.json:1:1: error: the file is an array: expected an object with \"data\""));
    snprintf(path, sizeof path, "%s/missing.json", g_dir);
    CHECK_INT(load_path(&c, path, err, sizeof err), -1);
    CHECK(contains(err, "missing.json: error: cannot open: No such file or directory"));
    /* a small error buffer is cut, never overrun */
    char tiny[40];
    memset(tiny, 'x', sizeof tiny);
    n = load("bad2.json", "{\"a\": 1, \"b\": 2, \"c\": 3}", &c, tiny, sizeof tiny);
    CHECK_INT(n, 3);
    CHECK(memchr(tiny, '\0', sizeof tiny) != NULL);
}

static void test_pin(void)
{
    CHECK(ly_pin_valid("0000"));
    CHECK(ly_pin_valid("123456789012"));
    CHECK(!ly_pin_valid("123"));
    CHECK(!ly_pin_valid("1234567890123"));
    CHECK(!ly_pin_valid("12a4"));
    CHECK(!ly_pin_valid(""));
    CHECK(!ly_pin_valid(NULL));
    char a[LY_PIN_HASH_MAX], b[LY_PIN_HASH_MAX];
    CHECK_INT(ly_pin_hash("482916", a, sizeof a), 0);
    CHECK_INT(ly_pin_hash("482916", b, sizeof b), 0);
    CHECK(strcmp(a, b) != 0); /* a fresh salt each time */
    CHECK(!strncmp(a, "$argon2id$", 10));
    CHECK(strstr(a, "482916") == NULL);
    CHECK(ly_pin_hash_valid(a));
    /* cut short, too cheap to guess, too dear to check: each refused, said why */
    char cut[LY_PIN_HASH_MAX];
    snprintf(cut, sizeof cut, "%.*s", (int)strlen(a) - 5, a);
    CHECK(ly_pin_hash_problem(cut) && strstr(ly_pin_hash_problem(cut), "cut short"));
    const char *salt = strrchr(a, '$');
    char weak[LY_PIN_HASH_MAX], dear[LY_PIN_HASH_MAX];
    snprintf(weak, sizeof weak, "$argon2id$v=19$m=8,t=1,p=1$%s", strchr(a + 30, '$') + 1);
    snprintf(dear, sizeof dear, "$argon2id$v=19$m=4294967295,t=2,p=1$%s", strchr(a + 30, '$') + 1);
    CHECK(salt && strstr(ly_pin_hash_problem(weak), "cost is outside"));
    CHECK(strstr(ly_pin_hash_problem(dear), "cost is outside"));
    CHECK(ly_pin_verify(a, "482916"));
    CHECK(ly_pin_verify(b, "482916"));
    CHECK(!ly_pin_verify(a, "482917"));
    CHECK(!ly_pin_verify(a, "48291"));
    CHECK(!ly_pin_verify("$argon2id$v=19$broken", "482916"));
    CHECK(ly_pin_hash("12", a, sizeof a) < 0);
    char small[16];
    CHECK(ly_pin_hash("1234", small, sizeof small) < 0);
}

static long file_size(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 ? (long)st.st_size : -1;
}

static void test_logfile(void)
{
    char path[PATH_MAX], err[256];
    snprintf(path, sizeof path, "%s/logs/deeper/kiosk.log", g_dir);
    ly_logfile *lf = ly_logfile_open(path, 4096, 2, err, sizeof err);
    CHECK(lf != NULL);
    if (!lf)
        return;
    char msg[200];
    for (int i = 0; i < 400; i++) {
        snprintf(msg, sizeof msg, "line %d of the soak, padded to a realistic length", i);
        ly_logfile_write(lf, LY_LOG_INFO, "TEST", msg);
    }
    CHECK_INT(ly_logfile_failed(lf), 0);
    ly_logfile_close(lf);
    char p1[PATH_MAX + 4], p2[PATH_MAX + 4], p3[PATH_MAX + 4];
    snprintf(p1, sizeof p1, "%s.1", path);
    snprintf(p2, sizeof p2, "%s.2", path);
    snprintf(p3, sizeof p3, "%s.3", path);
    /* the live file and two old ones, each within the cap; nothing older */
    CHECK(file_size(path) > 0 && file_size(path) <= 4096);
    CHECK(file_size(p1) > 3000 && file_size(p1) <= 4096);
    CHECK(file_size(p2) > 3000 && file_size(p2) <= 4096);
    CHECK_INT(file_size(p3), -1);
    /* the newest line is last in the live file, with a timestamp and level */
    FILE *f = fopen(path, "r");
    char line[512], last[512] = "";
    while (f && fgets(line, sizeof line, f))
        memcpy(last, line, sizeof last);
    if (f)
        fclose(f);
    CHECK(contains(last, "Z info TEST: line 399 of the soak"));
    CHECK(last[4] == '-' && last[10] == 'T');
    /* reopening appends */
    lf = ly_logfile_open(path, 4096, 2, err, sizeof err);
    long before = file_size(path);
    ly_logfile_write(lf, LY_LOG_DEBUG, "TEST", "again");
    ly_logfile_close(lf);
    CHECK(file_size(path) > before);
    /* the file deleted, then its folder, while the kiosk runs: the next line makes them
     * again (it had gone on into the deleted file, then lost every line) */
    lf = ly_logfile_open(path, 4096, 2, err, sizeof err);
    CHECK(lf != NULL);
    unlink(path);
    ly_logfile_write(lf, LY_LOG_INFO, "TEST", "after the file went");
    CHECK(file_size(path) > 0);
    char cmd[PATH_MAX + 32];
    snprintf(cmd, sizeof cmd, "rm -rf '%s/logs'", g_dir);
    CHECK(system(cmd) == 0);
    ly_logfile_write(lf, LY_LOG_INFO, "TEST", "after the folder went");
    CHECK(file_size(path) > 0);
    CHECK_INT(ly_logfile_failed(lf), 0);
    ly_logfile_close(lf);
    /* a path that cannot be a file */
    CHECK(ly_logfile_open("/proc/louyu-cannot/kiosk.log", 4096, 2, err, sizeof err) == NULL);
    CHECK(contains(err, "cannot open the log file"));
}

int main(void)
{
    snprintf(g_dir, sizeof g_dir, "/tmp/louyu-test-kiosk-XXXXXX");
    if (!mkdtemp(g_dir)) {
        perror("mkdtemp");
        return 1;
    }
    test_defaults_and_full();
    test_mistakes();
    test_pin();
    test_logfile();
    char cmd[1100];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", g_dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", g_dir);
    return check_report();
}
