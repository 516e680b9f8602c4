/* The user's files in a published site: kept across a publish (publish_keep.h). */
#define _GNU_SOURCE /* getline */
#include "publish_keep.h"

#include "louyu/file.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define PATH_N (2 * PATH_MAX + 64)
/* The marker's first line; the files publish wrote follow, one a line. A marker without
 * it is an older publish's, which listed nothing. */
#define HEAD "louyu publish: a site louyu made. It replaces the files listed below, the ones " \
             "it wrote, and keeps every other file here as it is.\n"
/* How many kept or refused files a message names before "and N more". */
enum { NAMED = 5 };

typedef struct {
    char **v;
    size_t n, cap;
} names;

static int add(names *s, const char *name, size_t len)
{
    if (s->n == s->cap) {
        size_t cap = s->cap ? 2 * s->cap : 64;
        char **v = realloc(s->v, cap * sizeof *v);
        if (!v)
            return -1;
        s->v = v, s->cap = cap;
    }
    return (s->v[s->n] = strndup(name, len)) ? (s->n++, 0) : -1;
}

static void names_free(names *s)
{
    for (size_t i = 0; i < s->n; i++)
        free(s->v[i]);
    free(s->v);
    *s = (names){0};
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool has(const names *s, const char *name)
{
    return s->n && bsearch(&name, s->v, s->n, sizeof *s->v, by_name);
}

/* Every file under root/rel as a path from root (folders are walked, not listed; an
 * empty one is listed, "DIR/", with `empty_dirs`). A root that is not there is empty. */
static int walk(const char *root, const char *rel, names *out, bool empty_dirs)
{
    char dir[PATH_N];
    snprintf(dir, sizeof dir, "%s%s%s", root, rel[0] ? "/" : "", rel);
    DIR *dh = opendir(dir);
    if (!dh)
        return errno == ENOENT && !rel[0] ? 0 : -1;
    int rc = 0;
    bool empty = true;
    for (struct dirent *e; !rc && (e = readdir(dh));) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        empty = false;
        char sub[PATH_N], path[PATH_N];
        struct stat st;
        if (snprintf(sub, sizeof sub, "%s%s%s", rel, rel[0] ? "/" : "", e->d_name) >=
                (int)sizeof sub ||
            snprintf(path, sizeof path, "%s/%s", root, sub) >= (int)sizeof path ||
            lstat(path, &st))
            rc = -1;
        else if (S_ISDIR(st.st_mode))
            rc = walk(root, sub, out, empty_dirs);
        else
            rc = add(out, sub, strlen(sub));
    }
    closedir(dh);
    if (!rc && empty && empty_dirs && rel[0]) {
        char sub[PATH_N];
        snprintf(sub, sizeof sub, "%s/", rel);
        rc = add(out, sub, strlen(sub));
    }
    return rc;
}

/* The files the marker of the site at `out` lists; false when it lists none (an older
 * publish's marker, or no site yet). */
static bool listed(const char *out, names *files)
{
    char path[PATH_N];
    snprintf(path, sizeof path, "%s/" LY_PUBLISH_MARKER, out);
    FILE *f = fopen(path, "r");
    if (!f)
        return false;
    char *line = NULL;
    size_t cap = 0;
    ssize_t len = getline(&line, &cap, f);
    bool ours = len > 0 && !strcmp(line, HEAD);
    while (ours && (len = getline(&line, &cap, f)) > 0)
        if (len > 1 && add(files, line, (size_t)len - (line[len - 1] == '\n')))
            ours = false;
    free(line);
    fclose(f);
    if (files->n) /* (qsort wants a list, even of none: UBSan) */
        qsort(files->v, files->n, sizeof *files->v, by_name);
    return ours;
}

/* "a, b, c (and 4 more)" */
static void say_names(FILE *to, const names *s)
{
    for (size_t i = 0; i < s->n && i < NAMED; i++)
        fprintf(to, "%s%s", i ? ", " : "", s->v[i]);
    if (s->n > NAMED)
        fprintf(to, " (and %zu more)", s->n - NAMED);
    fprintf(to, "\n");
}

/* The user's file (or empty folder) `rel` of `out` into the same place in `stage`. */
static int keep(const char *out, const char *stage, const char *rel)
{
    char from[PATH_N], to[PATH_N];
    snprintf(from, sizeof from, "%s/%s", out, rel);
    snprintf(to, sizeof to, "%s/%s", stage, rel);
    size_t n = strlen(to);
    if (to[n - 1] == '/') /* an empty folder */
        return ly_make_dirs(to, 0755, NULL, 0);
    /* a hard link: the same file, whatever its size, and nothing to copy back if the
     * publish fails (linkat with no flags links a symbolic link itself) */
    return ly_make_parent_dirs(to, 0755) || linkat(AT_FDCWD, from, AT_FDCWD, to, 0) ? -1 : 0;
}

int ly_publish_keep(const char *out, const char *stage, ly_buf *marker)
{
    names old = {0}, mine = {0}, site = {0}, kept = {0}, clash = {0};
    bool list = listed(out, &old);
    int rc = 0;
    const char *unread = walk(stage, "", &mine, false) ? stage
                         : walk(out, "", &site, true)  ? out
                                                       : NULL;
    if (unread) {
        fprintf(stderr, "louyu publish: cannot read %s: %s\n", unread, strerror(errno));
        rc = -1;
    }
    if (mine.n)
        qsort(mine.v, mine.n, sizeof *mine.v, by_name);
    for (size_t i = 0; !rc && i < site.n; i++) {
        const char *rel = site.v[i];
        /* publish's own: the files its marker lists (an older marker lists none: those it
         * writes again) */
        if (!strcmp(rel, LY_PUBLISH_MARKER) || has(list ? &old : &mine, rel))
            continue;
        char to[PATH_N];
        struct stat st;
        snprintf(to, sizeof to, "%s/%s", stage, rel);
        bool dir = to[strlen(to) - 1] == '/';
        if (dir)
            to[strlen(to) - 1] = '\0';
        int there = lstat(to, &st) == 0 ? 1 : errno == ENOTDIR ? -1 : 0;
        if (dir && there > 0 && S_ISDIR(st.st_mode))
            continue; /* (an empty folder where publish makes one: nothing of it to lose) */
        if (there) { /* (in the way of publish's) */
            rc = add(&clash, rel, strlen(rel));
            continue;
        }
        if (keep(out, stage, rel)) {
            fprintf(stderr, "louyu publish: cannot keep %s/%s in the new site: %s; nothing "
                            "was changed\n", out, rel, strerror(errno));
            rc = -1;
        }
        rc = rc ? rc : add(&kept, rel, strlen(rel));
    }
    if (!rc && clash.n) {
        qsort(clash.v, clash.n, sizeof *clash.v, by_name);
        fprintf(stderr, "louyu publish: %s holds files louyu publish did not write where it "
                        "writes its own; move or rename them, then publish again (nothing was "
                        "changed): ", out);
        say_names(stderr, &clash);
        rc = -1;
    } else if (!rc && kept.n) {
        qsort(kept.v, kept.n, sizeof *kept.v, by_name);
        printf("%s: kept %zu file%s louyu publish did not write: ", out, kept.n,
               kept.n == 1 ? "" : "s");
        say_names(stdout, &kept);
    }
    ly_buf_put(marker, HEAD);
    for (size_t i = 0; !rc && i < mine.n; i++)
        ly_buf_printf(marker, "%s\n", mine.v[i]);
    names_free(&old), names_free(&mine), names_free(&site), names_free(&kept);
    names_free(&clash);
    return rc;
}
