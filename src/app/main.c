/* louyu: entry point and command dispatch. */
#include "cli.h"
#include "louyu/log.h"

#include <stdio.h>
#include <string.h>

static void usage(FILE *out)
{
    fprintf(out,
            "louyu %s: a 3D map of a business district's office towers and what is inside them\n"
            "\n"
            "usage: louyu [--verbose] COMMAND [ARGS]\n"
            "\n"
            "commands:\n"
            "  validate FILE... [--max-errors N]  check data files; one FILE:LINE:COL line per\n"
            "                                     problem (exit 0 valid, 1 errors, 2 usage/IO)\n"
            "  stats [FILE] [--json]              district figures: buildings, enterprises,\n"
            "                                     floor area, occupancy, tax\n"
            "  info [FILE] ID [--json]            everything known about one building\n"
            "  bench [FILE] [--runs N] [--export-polygons OUT.json]\n"
            "                                     time load, projection, triangulation, extrusion,\n"
            "                                     index and picking; one JSON line\n"
            "  triangulate FILE [--many] [--runs N]  triangulate a polygon (ring array or GeoJSON\n"
            "                                     Polygon): triangle count and deviation; --many:\n"
            "                                     time an array of polygons, one JSON line\n"
            "  gl-info                            the OpenGL driver louyu would render with\n"
            "\n"
            "FILE defaults to the bundled district (Zhanshan Subdistrict, Qingdao).\n"
            "Data format: docs/data-format.md. Messages go to stderr, data to stdout.\n"
            "options: --help, --version, --verbose (log loading details to stderr)\n",
            LY_VERSION);
}

int main(int argc, char **argv)
{
    int i = 1;
    for (; i < argc && argv[i][0] == '-'; i++) {
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            usage(stdout);
            return LY_EXIT_OK;
        }
        if (!strcmp(argv[i], "--version")) {
            printf("louyu %s\n", LY_VERSION);
            return LY_EXIT_OK;
        }
        if (!strcmp(argv[i], "--verbose") || !strcmp(argv[i], "-v")) {
            ly_log_set_level(LY_LOG_DEBUG);
            continue;
        }
        fprintf(stderr, "louyu: unknown option '%s' (try louyu --help)\n", argv[i]);
        return LY_EXIT_USAGE;
    }
    if (i >= argc) {
        usage(stderr);
        return LY_EXIT_USAGE;
    }
    const char *cmd = argv[i];
    int sub_argc = argc - i;
    char **sub_argv = argv + i;
    if (!strcmp(cmd, "validate"))
        return ly_cmd_validate(sub_argc, sub_argv);
    if (!strcmp(cmd, "stats"))
        return ly_cmd_stats(sub_argc, sub_argv);
    if (!strcmp(cmd, "info"))
        return ly_cmd_info(sub_argc, sub_argv);
    if (!strcmp(cmd, "triangulate"))
        return ly_cmd_triangulate(sub_argc, sub_argv);
    if (!strcmp(cmd, "bench"))
        return ly_cmd_bench(sub_argc, sub_argv);
    if (!strcmp(cmd, "gl-info"))
        return ly_cmd_gl_info(sub_argc, sub_argv);
    if (!strcmp(cmd, "help")) {
        usage(stdout);
        return LY_EXIT_OK;
    }
    fprintf(stderr, "louyu: unknown command '%s' (try louyu --help)\n", cmd);
    return LY_EXIT_USAGE;
}
