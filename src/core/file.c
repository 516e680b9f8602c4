#include "louyu/file.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

/* What a path that is not a regular file is, in words. */
static const char *not_regular(mode_t m)
{
    if (S_ISDIR(m))
        return "is a directory: expected a file";
    if (S_ISCHR(m) || S_ISBLK(m))
        return "is a device: expected a regular file";
    if (S_ISFIFO(m))
        return "is a pipe: expected a regular file";
    if (S_ISSOCK(m))
        return "is a socket: expected a regular file";
    return "is not a regular file";
}

ly_file_result ly_file_read(const char *path, size_t max_bytes, bool missing_ok, char **text,
                            size_t *len, ly_diag_list *diags)
{
    *text = NULL;
    *len = 0;
    /* O_NONBLOCK: opening a FIFO must not wait for a writer; fstat says what it is */
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) {
        if (errno == ENOENT && missing_ok)
            return LY_FILE_MISSING;
        int e = errno;
        ly_diag_add(diags, LY_DIAG_ERROR, SIZE_MAX, -1, "cannot open: %s", strerror(e));
        return e == ENOENT ? LY_FILE_MISSING : LY_FILE_IO;
    }
    struct stat st;
    const char *why = fstat(fd, &st) != 0 ? strerror(errno)
                      : !S_ISREG(st.st_mode) ? not_regular(st.st_mode)
                                             : NULL;
    if (why) {
        ly_diag_add(diags, LY_DIAG_ERROR, SIZE_MAX, -1, "%s", why);
        close(fd);
        return LY_FILE_IO;
    }
    if ((unsigned long long)st.st_size > max_bytes) {
        ly_diag_add(diags, LY_DIAG_ERROR, SIZE_MAX, -1,
                    "the file is %lld bytes: expected at most %zu (a limit that protects memory)",
                    (long long)st.st_size, max_bytes);
        close(fd);
        return LY_FILE_TOO_BIG;
    }
    /* one byte more than the size tells a file that grew since fstat */
    size_t cap = (size_t)st.st_size + 1;
    char *buf = malloc(cap + 1);
    if (!buf) {
        ly_diag_add(diags, LY_DIAG_ERROR, SIZE_MAX, -1, "out of memory reading %lld bytes",
                    (long long)st.st_size);
        close(fd);
        return LY_FILE_NOMEM;
    }
    size_t got = 0;
    while (got < cap) {
        ssize_t k = read(fd, buf + got, cap - got);
        if (k < 0 && errno == EINTR)
            continue;
        if (k < 0) {
            ly_diag_add(diags, LY_DIAG_ERROR, SIZE_MAX, -1, "cannot read: %s", strerror(errno));
            free(buf);
            close(fd);
            return LY_FILE_IO;
        }
        if (k == 0)
            break;
        got += (size_t)k;
    }
    close(fd);
    if (got != (size_t)st.st_size) {
        ly_diag_add(diags, LY_DIAG_ERROR, SIZE_MAX, -1,
                    "cannot read: the file changed while it was read");
        free(buf);
        return LY_FILE_IO;
    }
    buf[got] = '\0';
    *text = buf;
    *len = got;
    return LY_FILE_OK;
}

int ly_xdg_path(const char *env, const char *home_rel, const char *leaf, char *buf, size_t n)
{
    const char *base = getenv(env), *home = getenv("HOME");
    const char *sep = leaf && leaf[0] ? "/" : "";
    int k;
    if (base && base[0] == '/')
        k = snprintf(buf, n, "%s/louyu%s%s", base, sep, leaf ? leaf : "");
    else if (home && home[0])
        k = snprintf(buf, n, "%s/%s/louyu%s%s", home, home_rel, sep, leaf ? leaf : "");
    else
        k = -1;
    if (k < 0 || (size_t)k >= n) {
        if (n)
            buf[0] = '\0';
        return -1;
    }
    return 0;
}

int ly_make_dirs(const char *dir, unsigned mode, char *failed, size_t n)
{
    char buf[4096];
    size_t len = strlen(dir);
    if (len == 0 || len >= sizeof buf) {
        errno = ENAMETOOLONG;
        if (failed && n)
            snprintf(failed, n, "%s", dir);
        return -1;
    }
    memcpy(buf, dir, len + 1);
    for (size_t i = 1; i <= len; i++) { /* each folder on the way, then dir itself */
        if (buf[i] != '/' && buf[i] != '\0')
            continue;
        char keep = buf[i];
        buf[i] = '\0';
        if (mkdir(buf, (mode_t)mode) != 0 && errno != EEXIST) {
            if (failed && n)
                snprintf(failed, n, "%s", buf);
            return -1;
        }
        buf[i] = keep;
    }
    return 0;
}

int ly_make_parent_dirs(const char *path, unsigned mode)
{
    char dir[4096];
    if (snprintf(dir, sizeof dir, "%s", path) >= (int)sizeof dir) {
        errno = ENAMETOOLONG;
        return -1;
    }
    char *slash = strrchr(dir, '/');
    if (!slash || slash == dir)
        return 0;
    *slash = '\0';
    return ly_make_dirs(dir, mode, NULL, 0);
}

/* The temporary file being written (ly_file_write_atomic, a store being made), and its
 * SQLite journal, for a stop signal to remove. */
static char stop_tmp[4096], stop_journal[4096 + 8];
static volatile sig_atomic_t stop_tmp_set;
static atomic_flag stop_claimed = ATOMIC_FLAG_INIT;
static const int STOP_SIGNALS[] = {SIGINT, SIGTERM, SIGHUP};
static struct sigaction stop_old[3];

static void on_stop_signal(int sig)
{
    if (stop_tmp_set) {
        unlink(stop_tmp);
        unlink(stop_journal);
    }
    signal(sig, SIG_DFL);
    raise(sig);
}

bool ly_file_watch_temp(const char *tmp)
{
    if (strlen(tmp) >= sizeof stop_tmp || atomic_flag_test_and_set(&stop_claimed))
        return false;
    snprintf(stop_tmp, sizeof stop_tmp, "%s", tmp);
    snprintf(stop_journal, sizeof stop_journal, "%s-journal", tmp);
    stop_tmp_set = 1;
    struct sigaction sa = {.sa_handler = on_stop_signal};
    sigemptyset(&sa.sa_mask);
    for (int i = 0; i < 3; i++) {
        sigaction(STOP_SIGNALS[i], NULL, &stop_old[i]);
        if (stop_old[i].sa_handler == SIG_DFL) /* (where nothing else handles it) */
            sigaction(STOP_SIGNALS[i], &sa, NULL);
    }
    return true;
}

void ly_file_unwatch_temp(void)
{
    stop_tmp_set = 0;
    for (int i = 0; i < 3; i++)
        sigaction(STOP_SIGNALS[i], &stop_old[i], NULL);
    atomic_flag_clear(&stop_claimed);
}

static int write_tmp(int fd, const char *tmp, const char *path, const void *data, size_t len,
                     const struct stat *old, char *err, size_t err_len);

bool ly_file_target(const char *path, char real[PATH_MAX], const char **target)
{
    struct stat st;
    *target = path;
    if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode) && realpath(path, real))
        *target = real;
    return stat(*target, &st) == 0 && (S_ISCHR(st.st_mode) || S_ISFIFO(st.st_mode));
}

int ly_file_write_atomic(const char *path, const void *data, size_t len, char *err,
                         size_t err_len)
{
    /* what is there: a link is written through (the file it names replaced, not the link),
     * and anything but a regular file is refused (renaming over /dev/null as root would
     * replace the device) */
    struct stat st;
    char real[PATH_MAX];
    if (ly_file_target(path, real, &path)) {
        /* /dev/stdout, /dev/null, a pipe: written to as it is (nothing to replace) */
        errno = 0;
        FILE *f = fopen(path, "wb");
        bool ok = f && fwrite(data, 1, len, f) == len;
        int e = errno;
        if (f && fclose(f) != 0 && ok) /* (a short write shows at the flush) */
            ok = false, e = errno;
        if (!ok)
            snprintf(err, err_len, "cannot write %s: %s", path, strerror(e ? e : EIO));
        return ok ? 0 : -1;
    }
    bool there = stat(path, &st) == 0;
    if (there && !S_ISREG(st.st_mode)) {
        snprintf(err, err_len, "cannot write %s: %s", path, not_regular(st.st_mode));
        return -1;
    }
    char tmp[4096];
    if (snprintf(tmp, sizeof tmp, "%s.XXXXXX", path) >= (int)sizeof tmp) {
        snprintf(err, err_len, "%s: the path is too long", path);
        return -1;
    }
    int fd = mkstemp(tmp);
    if (fd < 0) {
        snprintf(err, err_len, "cannot write %s: %s", path, strerror(errno));
        return -1;
    }
    /* an interrupt or a kill while the temporary file is written removes it (the target
     * keeps its old bytes either way); one write at a time is watched (another thread's
     * goes unwatched) */
    bool watched = ly_file_watch_temp(tmp);
    int rc = write_tmp(fd, tmp, path, data, len, there ? &st : NULL, err, err_len);
    if (watched)
        ly_file_unwatch_temp();
    return rc;
}

/* The temporary file (open as fd, named tmp) written, then renamed over path (old: the
 * file that is there, whose permissions and group the new one keeps). */
static int write_tmp(int fd, const char *tmp, const char *path, const void *data, size_t len,
                     const struct stat *old, char *err, size_t err_len)
{
    FILE *f = fdopen(fd, "wb");
    bool ok = f && fwrite(data, 1, len, f) == len && fflush(f) == 0 && fsync(fd) == 0;
    int e = errno;
    if (f)
        ok = fclose(f) == 0 && ok;
    else
        close(fd);
    /* mkstemp makes the file 0600: a new export is as readable as any file; a file written
     * over keeps its permissions (a private 0600 CSV stays private, a group's kiosk data
     * stays the group's to replace) and, where allowed, its group */
    mode_t mask = umask(0);
    umask(mask);
    if (ok && old && old->st_gid != getegid())
        (void)!chown(tmp, (uid_t)-1, old->st_gid); /* (not in that group: one's own) */
    if (ok && chmod(tmp, old ? old->st_mode & 0777 : 0666 & ~mask) != 0)
        ok = false;
    if (!ok || rename(tmp, path) != 0) {
        e = errno ? errno : e;
        unlink(tmp);
        snprintf(err, err_len, "cannot write %s: %s", path, strerror(e ? e : EIO));
        return -1;
    }
    return 0;
}

FILE *ly_fopen_regular(const char *path)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    struct stat st;
    if (fd < 0)
        return NULL;
    if (fstat(fd, &st) || !S_ISREG(st.st_mode)) {
        close(fd);
        errno = EINVAL;
        return NULL;
    }
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    FILE *f = fdopen(fd, "rb");
    if (!f)
        close(fd);
    return f;
}

/* Whether folder `dir` holds `path` (both as they resolve; `itself`: or is it). */
static bool holds(const char *dir, const char *path, bool itself)
{
    char *o = realpath(dir, NULL), *i = realpath(path, NULL);
    size_t len = o ? strlen(o) : 0;
    bool in = o && i && !strncmp(o, i, len) &&
              (i[len] == '/' || (itself && !i[len]) || !strcmp(o, "/"));
    free(o);
    free(i);
    return in;
}

const char *ly_out_loses_input(const char *out, bool folder, const char *input, char *why,
                               size_t n)
{
    struct stat so, si;
    if (!input || stat(input, &si) || !S_ISREG(si.st_mode))
        return NULL; /* (a URL, stdin, a file not there: nothing to lose) */
    if (!folder) {
        if (stat(out, &so) || so.st_dev != si.st_dev || so.st_ino != si.st_ino)
            return NULL;
        snprintf(why, n, "it is the file read (%s): expected another file (written over, "
                 "what it holds would be lost)", input);
        return why;
    }
    bool within = holds(out, input, false);
    if (within)
        snprintf(why, n, "it holds the file read (%s), and is replaced whole: expected a "
                 "folder without it", input);
    return within ? why : NULL;
}

/* Whether folder `path` is the current folder or one that holds it: a folder replaced whole
 * cannot be (a rename over it fails, after all the work: "Device or resource busy"). */
static bool holds_cwd(const char *path)
{
    const char *end = path + strlen(path);
    while (end > path + 1 && end[-1] == '/')
        end--;
    const char *last = end;
    while (last > path && last[-1] != '/')
        last--;
    if ((end - last == 1 && last[0] == '.') || (end - last == 2 && !strncmp(last, "..", 2)))
        return true; /* "site/." and "site/.." name no folder a site can replace */
    return holds(path, ".", true);
}

const char *ly_out_problem(const char *path, bool folder, char *why, size_t n)
{
    struct stat st;
    if (!path[0]) {
        snprintf(why, n, "the path is empty");
        return why;
    }
    if (folder && holds_cwd(path)) {
        snprintf(why, n, "it is the current folder or holds it (or ends in . or ..), and is "
                 "replaced whole: expected a folder of its own, such as site");
        return why;
    }
    if (!stat(path, &st)) {
        if (folder && !S_ISDIR(st.st_mode)) {
            snprintf(why, n, "it is a file: expected a folder");
            return why;
        }
        if (!folder && S_ISDIR(st.st_mode)) {
            snprintf(why, n, "it is a folder: expected a file");
            return why;
        }
        if (!folder && (S_ISCHR(st.st_mode) || S_ISFIFO(st.st_mode)))
            return NULL; /* /dev/stdout, a pipe: written to as they are */
    }
    /* the folder it goes in: all before the last slash that ends a name */
    char dir[4096];
    if (snprintf(dir, sizeof dir, "%s", path) >= (int)sizeof dir) {
        snprintf(why, n, "the path is too long");
        return why;
    }
    size_t len = strlen(dir);
    while (len > 1 && dir[len - 1] == '/')
        dir[--len] = '\0';
    char *slash = strrchr(dir, '/');
    if (!slash)
        snprintf(dir, sizeof dir, ".");
    else
        slash[slash == dir] = '\0'; /* "/x" goes in "/" */
    if (stat(dir, &st))
        snprintf(why, n, "its folder %s does not exist", dir);
    else if (!S_ISDIR(st.st_mode))
        snprintf(why, n, "%s is not a folder", dir);
    else if (access(dir, W_OK | X_OK))
        snprintf(why, n, "its folder %s cannot be written", dir);
    else
        return NULL;
    return why;
}

const char *ly_url_for_log(const char *url, char *buf, size_t n)
{
    const char *scheme = strstr(url, "://");
    const char *host = scheme ? scheme + 3 : NULL;
    size_t auth = host ? strcspn(host, "/?#") : 0; /* the authority: [user[:pw]@]host[:port] */
    const char *at = NULL;
    for (size_t i = 0; i < auth; i++)
        if (host[i] == '@')
            at = host + i;
    if (!at)
        snprintf(buf, n, "%s", url);
    else
        snprintf(buf, n, "%.*s***%s", (int)(host - url), url, at);
    return buf;
}

bool ly_is_url(const char *s)
{
    return s && (!strncasecmp(s, "http://", 7) || !strncasecmp(s, "https://", 8));
}
