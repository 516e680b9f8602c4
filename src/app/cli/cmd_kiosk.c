/* The kiosk's set-up commands: louyu pin-hash makes the admin PIN's hash for
 * the config; louyu kiosk-config checks a config and the data it names
 * before the kiosk is left to run. */
#include "cli.h"
#include "louyu/fetch.h"
#include "louyu/font.h"
#include "louyu/kiosk.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

/* Reads one line (without its newline) from stdin; with a terminal, asks
 * `prompt` and does not echo what is typed. Returns 0, or -1 at end of input. */
static int read_secret(const char *prompt, char *buf, size_t n)
{
    bool tty = isatty(STDIN_FILENO);
    struct termios old, quiet;
    if (tty) {
        fputs(prompt, stderr);
        fflush(stderr);
        tcgetattr(STDIN_FILENO, &old);
        quiet = old;
        quiet.c_lflag &= (tcflag_t)~ECHO;
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
    }
    char *got = fgets(buf, (int)n, stdin);
    if (tty) {
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
        fputc('\n', stderr);
    }
    if (!got)
        return -1;
    buf[strcspn(buf, "\r\n")] = '\0';
    return 0;
}

int ly_cli_pin_hash(const ly_args *a)
{
    (void)a;
    char pin[64], again[64];
    if (read_secret("admin PIN (4 to 12 digits): ", pin, sizeof pin)) {
        fprintf(stderr, "louyu pin-hash: no PIN given\n");
        return LY_EXIT_USAGE;
    }
    if (!ly_pin_valid(pin)) {
        fprintf(stderr, "louyu pin-hash: the PIN must be %d to %d digits (0-9)\n", LY_PIN_MIN,
                LY_PIN_MAX);
        return LY_EXIT_USAGE;
    }
    if (isatty(STDIN_FILENO)) {
        if (read_secret("the same PIN again: ", again, sizeof again) || strcmp(pin, again)) {
            fprintf(stderr, "louyu pin-hash: the two PINs differ\n");
            return LY_EXIT_USAGE;
        }
    }
    char hash[LY_PIN_HASH_MAX];
    int r = ly_pin_hash(pin, hash, sizeof hash);
    memset(pin, 0, sizeof pin);
    memset(again, 0, sizeof again);
    if (r) {
        fprintf(stderr, "louyu pin-hash: cannot hash the PIN (out of memory?)\n");
        return LY_EXIT_USAGE;
    }
    printf("%s\n", hash);
    fprintf(stderr, "put it in the kiosk's config: \"admin\": {\"pin_hash\": \"%s\"}\n", hash);
    return LY_EXIT_OK;
}

/* Whether the kiosk could write its log at path: the file writable, or (as the kiosk makes
 * the folders it lacks) the nearest folder above it that is there writable; nothing is
 * made. Else why into why. */
static bool log_writable(const char *path, char *why, size_t n)
{
    struct stat st;
    if (stat(path, &st) == 0) {
        if (!S_ISREG(st.st_mode))
            return snprintf(why, n, "not a regular file"), false;
        if (access(path, W_OK) != 0)
            return snprintf(why, n, "%s", strerror(errno)), false;
        return true;
    }
    if (errno != ENOENT)
        return snprintf(why, n, "%s", strerror(errno)), false;
    char dir[1100];
    snprintf(dir, sizeof dir, "%s", path);
    for (;;) {
        char *slash = strrchr(dir, '/');
        if (!slash)
            snprintf(dir, sizeof dir, ".");
        else
            *(slash == dir ? slash + 1 : slash) = '\0';
        if (stat(dir, &st) == 0)
            break;
        if (errno != ENOENT || !slash || slash == dir)
            return snprintf(why, n, "%s: %s", dir, strerror(errno)), false;
    }
    if (!S_ISDIR(st.st_mode))
        return snprintf(why, n, "%s is not a folder", dir), false;
    if (access(dir, W_OK | X_OK) != 0)
        return snprintf(why, n, "the folder %s: %s", dir, strerror(errno)), false;
    return true;
}

int ly_cli_kiosk_config(const ly_args *a)
{
    const char *path = ly_arg_pos(a, 0);
    ly_kiosk_config c;
    ly_diag_list diags;
    ly_diag_list_init(&diags, path);
    int n = ly_kiosk_config_load(&c, path, &diags);
    for (size_t i = 0; i < diags.count; i++)
        ly_diag_print(stderr, &diags, &diags.items[i]);
    ly_diag_list_deinit(&diags);
    if (n) {
        if (n > 0)
            fprintf(stderr, "%s: %d problem%s\n", path, n, n == 1 ? "" : "s");
        return LY_EXIT_USAGE;
    }
    char log[1024], why[1200];
    if (c.log_path[0])
        snprintf(log, sizeof log, "%s", c.log_path);
    else if (ly_kiosk_default_log_path(log, sizeof log))
        snprintf(log, sizeof log, "(stderr only: no HOME)");
    const char *data = c.data[0] ? c.data : ly_default_data_path();
    printf("data            %s%s\n", data, c.data[0] ? "" : " (the bundled district)");
    if (ly_is_url(data)) {
        char copy[1100];
        printf("poll            every %g s\n", c.poll_s);
        if (!ly_fetch_copy_path(data, NULL, copy, sizeof copy))
            printf("copy            %s\n", copy);
    } else {
        printf("poll            every %g s (for a URL; a file is watched every second)\n",
               c.poll_s);
    }
    printf("language        %s\n", ly_lang_code(c.language));
    if (c.attract)
        printf("attract tour    after %g s idle, %g s per building\n", c.attract_after_s,
               c.per_building_s);
    else
        printf("attract tour    off\n");
    printf("reset           after %g s idle\n", c.reset_after_s);
    printf("display         %d, ui scale %s\n", c.display, c.ui_scale > 0 ? "set" : "automatic");
    if (c.ui_scale > 0)
        printf("ui scale        %g\n", c.ui_scale);
    printf("admin panel     %s\n", c.pin_hash[0] ? "PIN set" : "off (no pin_hash)");
    if (c.pin_hash[0])
        printf("admin gesture   hold the top-left corner %g s\n", c.admin_hold_s);
    printf("log             %s (%ld KiB, %d old files kept)\n", log, c.log_max_kb, c.log_keep);
    int problems = 0;
    /* a log the kiosk cannot write: it would run for months logging to stderr only */
    if (c.log_path[0] && !log_writable(c.log_path, why, sizeof why)) {
        char at[48] = "";
        if (c.log_path_line)
            snprintf(at, sizeof at, ":%ld:%d", c.log_path_line, c.log_path_col);
        fprintf(stderr, "%s%s: error: \"log.path\" is \"%s\": %s: expected a file the kiosk "
                        "can write (its folder there and writable)\n",
                path, at, c.log_path, why);
        problems++;
    }
    /* a font with Chinese characters; without one, any font, or the kiosk will not start */
    char font[1024];
    int face = 0;
    if (ly_font_find("zh-cn", font, sizeof font, &face)) {
        printf("font            %s\n", font);
    } else if (ly_font_find("en", font, sizeof font, &face)) {
        /* it starts (it must not stop over a font), but the visitors would not read Chinese */
        printf("font            %s (no Chinese characters)\n", font);
        fprintf(stderr, "%s: warning: no font with Chinese characters was found through "
                        "fontconfig: the kiosk starts in English, Chinese text not shown "
                        "(install fonts-noto-cjk)\n",
                path);
    } else {
        fprintf(stderr, "%s: error: no font was found through fontconfig: the kiosk cannot "
                        "start (install fonts-noto-cjk)\n",
                path);
        problems++;
    }
    /* the data it names must load, or the kiosk will not start */
    ly_args v = {.cmd = ly_cli_find("validate"), .pos = {data}, .n_pos = 1};
    int rc = ly_cli_validate(&v);
    if (rc == LY_EXIT_OK && !problems)
        printf("config and data are good\n");
    return rc ? rc : problems ? LY_EXIT_USAGE : LY_EXIT_OK;
}
