/* louyu synth: a deterministic synthetic city as plain GeoJSON (the method is in
 * louyu/synth.h and docs/data-format.md), with --roads a street grid and POIs too,
 * written atomically: a temporary file beside FILE, renamed over it when it is whole. */
#include "data.h"
#include "louyu/file.h"
#include "louyu/synth.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define SF_NAME "sf-buildings.geojson"
#define SF_LICENCE "ODbL 1.0, © OpenStreetMap contributors"

/* The bundled San Francisco footprints: beside the installed binary, else in the
 * source tree. NULL with the places tried in `tried` when neither has them. */
static const char *find_sf(char *tried, size_t n)
{
    static char found[PATH_MAX + 64];
    char exe[PATH_MAX] = "";
    ssize_t len = readlink("/proc/self/exe", exe, sizeof exe - 1);
    exe[len > 0 ? len : 0] = '\0';
    char *slash = strrchr(exe, '/');
    if (slash)
        *slash = '\0';
    const char *base[2] = {exe, LY_SOURCE_DIR};
    const char *rel[2] = {"/../share/louyu/" SF_NAME, "/tests/data/sf-buildings/" SF_NAME};
    tried[0] = '\0';
    for (int i = len > 0 ? 0 : 1; i < 2; i++) {
        int k = snprintf(found, sizeof found, "%s%s", base[i], rel[i]);
        if (k < 0 || (size_t)k >= sizeof found)
            continue;
        if (access(found, R_OK) == 0)
            return found;
        strncat(tried, "\n  ", n - strlen(tried) - 1);
        strncat(tried, found, n - strlen(tried) - 1);
    }
    return NULL;
}

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

/* A temporary file beside `out` (so that the rename is atomic), with the mode a new
 * file gets. NULL with errno set when it cannot be made. */
static FILE *open_temp(const char *out, char *tmp, size_t n)
{
    if (snprintf(tmp, n, "%s.XXXXXX", out) >= (int)n) {
        errno = ENAMETOOLONG;
        return NULL;
    }
    int fd = mkstemp(tmp);
    if (fd < 0)
        return NULL;
    mode_t mask = umask(0);
    umask(mask);
    FILE *f = fchmod(fd, 0666 & ~mask) == 0 ? fdopen(fd, "wb") : NULL;
    if (!f) {
        int e = errno;
        close(fd);
        unlink(tmp);
        errno = e;
    }
    return f;
}

/* Writes the city to `out` ("-": stdout). Returns an exit status. */
static int write_out(const char *out, const ly_district *d, const ly_synth_desc *desc,
                     ly_synth_info *info)
{
    char err[512], tmp[PATH_MAX + 16], real[PATH_MAX];
    bool to_stdout = !strcmp(out, "-");
    /* a link is written through; a device or a pipe (/dev/null, a FIFO) is written to as
     * it is: renaming over it would replace it (as root, /dev/null itself) */
    const char *target = out;
    bool direct = to_stdout || ly_file_target(out, real, &target);
    FILE *f = to_stdout ? stdout : direct ? fopen(target, "wb") : open_temp(target, tmp, sizeof tmp);
    if (!f) {
        fprintf(stderr, "louyu synth: cannot write %s: %s\n", out, strerror(errno));
        return LY_EXIT_USAGE;
    }
    bool watched = !direct && ly_file_watch_temp(tmp); /* a stop signal removes it */
    int r = ly_synth_write(f, d, desc, info, err, sizeof err);
    if (direct) {
        if (!r && fflush(f)) {
            snprintf(err, sizeof err, "cannot write: %s", strerror(errno));
            r = -1;
        }
        if (!to_stdout && fclose(f) && !r) {
            snprintf(err, sizeof err, "cannot write: %s", strerror(errno));
            r = -1;
        }
    } else {
        /* whole on disk before it takes the name */
        if (!r && (fflush(f) || fsync(fileno(f)))) {
            snprintf(err, sizeof err, "cannot write: %s", strerror(errno));
            r = -1;
        }
        if (fclose(f) && !r) {
            snprintf(err, sizeof err, "cannot write: %s", strerror(errno));
            r = -1;
        }
        if (!r && rename(tmp, target)) {
            snprintf(err, sizeof err, "cannot rename the temporary file over it: %s",
                     strerror(errno));
            r = -1;
        }
        if (r)
            unlink(tmp);
        if (watched)
            ly_file_unwatch_temp();
    }
    if (r && to_stdout) { /* (said here: main says no more of it) */
        fprintf(stderr, "louyu synth: cannot write to the standard output: %s\n",
                err + (strncmp(err, "cannot write: ", 14) ? 0 : 14));
        ly_cli_stdout_said = true;
        return LY_EXIT_USAGE;
    }
    if (r) {
        fprintf(stderr, "louyu synth: %s: %s\n", out, err);
        return LY_EXIT_USAGE;
    }
    return LY_EXIT_OK;
}

int ly_cli_synth(const ly_args *a)
{
    const char *out = ly_arg_text(a, "--out", NULL);
    if (!out)
        return ly_cli_usage_error(a->cmd, "--out FILE is required");
    if (!ly_arg_given(a, "--buildings"))
        return ly_cli_usage_error(a->cmd, "--buildings N is required");
    char tried[2048];
    const char *from = ly_arg_text(a, "--from", NULL);
    if (!from && !(from = find_sf(tried, sizeof tried))) {
        fprintf(stderr, "louyu synth: cannot find the bundled %s (give --from FILE); "
                        "looked in:%s\n", SF_NAME, tried);
        return LY_EXIT_USAGE;
    }
    int out_rc = strcmp(out, "-") ? ly_cli_out_check(a->cmd, out, false, from) : 0;
    if (out_rc)
        return out_rc;
    ly_district d;
    int rc = ly_cli_load_district(&d, from, NULL);
    if (rc)
        return rc;
    bool sf = !strcmp(base_name(from), SF_NAME);
    ly_synth_desc desc = {
        .buildings = (size_t)ly_arg_num(a, "--buildings", 0),
        .seed = (uint64_t)ly_arg_num(a, "--seed", 1),
        .source = base_name(from),
        .licence = sf ? SF_LICENCE : d.meta.licence,
        .roads = ly_arg_flag(a, "--roads"),
    };
    if (!d.n_buildings) {
        fprintf(stderr, "louyu synth: %s has no buildings to copy\n", from);
        ly_district_unload(&d);
        return LY_EXIT_DATA;
    }
    ly_synth_info info;
    rc = write_out(out, &d, &desc, &info);
    ly_district_unload(&d);
    if (rc)
        return rc;
    char roads[96] = "";
    if (desc.roads)
        snprintf(roads, sizeof roads, ", %zu streets and %zu POIs", info.roads, info.pois);
    fprintf(!strcmp(out, "-") ? stderr : stdout,
            "%s: %zu buildings in %zu tile%s (%zux%zu) of %zu from %s%s, seed %llu, %.1f MB\n",
            out, info.buildings, info.tiles, info.tiles == 1 ? "" : "s", info.columns, info.rows,
            info.template_buildings, base_name(from), roads, (unsigned long long)desc.seed,
            (double)info.bytes / 1e6);
    /* ly_load_desc's default limit */
    if (info.bytes > ((uint64_t)512 << 20))
        fprintf(stderr, "louyu synth: %s is over 512 MiB, more than louyu loads (fewer "
                        "buildings: about 1.4 million of the San Francisco set fit)\n", out);
    return LY_EXIT_OK;
}
