#include "louyu/logfile.h"
#include "louyu/file.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

struct ly_logfile {
    pthread_mutex_t lock;
    int fd;
    long size, max_bytes, failed;
    int keep;
    char path[1024];
};

static int open_log(ly_logfile *lf)
{
    lf->fd = open(lf->path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0640);
    if (lf->fd < 0)
        return -1;
    struct stat st;
    lf->size = fstat(lf->fd, &st) == 0 ? (long)st.st_size : 0;
    return 0;
}

ly_logfile *ly_logfile_open(const char *path, long max_bytes, int keep, char *err,
                            size_t err_len)
{
    if (!path || !path[0] || strlen(path) + 8 >= sizeof ((ly_logfile *)0)->path ||
        max_bytes < 1024 || keep < 1) {
        snprintf(err, err_len, "%s: not a usable log file (path, size or count)",
                 path ? path : "(none)");
        return NULL;
    }
    ly_logfile *lf = calloc(1, sizeof *lf);
    if (!lf) {
        snprintf(err, err_len, "%s: out of memory", path);
        return NULL;
    }
    snprintf(lf->path, sizeof lf->path, "%s", path);
    lf->max_bytes = max_bytes;
    lf->keep = keep;
    if (ly_make_parent_dirs(path, 0755) != 0 || open_log(lf) != 0) {
        snprintf(err, err_len, "%s: cannot open the log file: %s", path, strerror(errno));
        free(lf);
        return NULL;
    }
    pthread_mutex_init(&lf->lock, NULL);
    return lf;
}

/* Whether the path still names the file open (not deleted, moved or replaced: someone
 * tidying the kiosk's disk); a log written to a deleted file is lost, and takes the disk's
 * room until it is closed. */
static bool still_there(const ly_logfile *lf)
{
    struct stat open_st, path_st;
    return fstat(lf->fd, &open_st) == 0 && stat(lf->path, &path_st) == 0 &&
           open_st.st_dev == path_st.st_dev && open_st.st_ino == path_st.st_ino;
}

/* PATH.keep-1 -> PATH.keep, ..., PATH -> PATH.1, then a fresh PATH. */
static void rotate(ly_logfile *lf)
{
    char from[1100], to[1100];
    close(lf->fd);
    lf->fd = -1;
    for (int i = lf->keep - 1; i >= 0; i--) {
        if (i == 0)
            snprintf(from, sizeof from, "%s", lf->path);
        else
            snprintf(from, sizeof from, "%s.%d", lf->path, i);
        snprintf(to, sizeof to, "%s.%d", lf->path, i + 1);
        rename(from, to); /* a missing older file is fine */
    }
    if (open_log(lf) != 0)
        lf->failed++;
}

void ly_logfile_write(ly_logfile *lf, ly_log_level level, const char *tag, const char *line)
{
    static const char *names[] = {"debug", "info", "warning", "error"};
    const char *name = (unsigned)level < 4 ? names[level] : "?";
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    struct tm tm;
    gmtime_r(&ts.tv_sec, &tm);
    char buf[1200];
    int n = snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03ldZ %s %s: %s\n",
                     tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min,
                     tm.tm_sec, ts.tv_nsec / 1000000, name, tag, line);
    if (n < 0)
        return;
    if ((size_t)n >= sizeof buf) { /* a cut line still ends with its newline */
        n = (int)sizeof buf - 1;
        buf[n - 1] = '\n';
    }
    if (level >= LY_LOG_WARN)
        fprintf(stderr, "louyu: %s: %s: %s\n", name, tag, line);
    pthread_mutex_lock(&lf->lock);
    if (lf->fd >= 0 && !still_there(lf)) { /* a new file where it was, its folder made again */
        close(lf->fd);
        lf->fd = -1;
    }
    if (lf->fd >= 0 && lf->size > 0 && lf->size + n > lf->max_bytes)
        rotate(lf);
    if (lf->fd < 0 && (ly_make_parent_dirs(lf->path, 0755) != 0 || open_log(lf) != 0)) {
        lf->failed++; /* (the folder cannot be made: try again on the next line) */
    } else {
        ssize_t w = write(lf->fd, buf, (size_t)n);
        if (w == n)
            lf->size += n;
        else
            lf->failed++;
    }
    pthread_mutex_unlock(&lf->lock);
}

void ly_logfile_sink(ly_log_level level, const char *tag, const char *line, void *user)
{
    ly_logfile_write(user, level, tag, line);
}

long ly_logfile_failed(const ly_logfile *lf)
{
    return lf->failed;
}

const char *ly_logfile_path(const ly_logfile *lf)
{
    return lf->path;
}

void ly_logfile_close(ly_logfile *lf)
{
    if (!lf)
        return;
    if (lf->fd >= 0)
        close(lf->fd);
    pthread_mutex_destroy(&lf->lock);
    free(lf);
}
