/* louyu: entry point and command dispatch. */
#include "cli.h"
#include "louyu/font.h"
#include "louyu/log.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static void usage(FILE *out)
{
    fprintf(out,
            "louyu %s: a 3D map of a business district's office towers and what is inside them\n"
            "\n"
            "usage: louyu [FILE] [--fullscreen] [--size WxH] [--view home|top|ID] [--lang zh|en]\n"
            "             [--msaa N] [--scale S]\n             [--kiosk [--config FILE] [--attract-after S] [--reset-after S]]\n"
            "       louyu [--verbose] COMMAND [ARGS]\n"
            "\n"
            "Without a command, louyu opens the 3D viewer on FILE (default: the bundled district).\n"
            "Mouse: drag to orbit, right or middle drag to pan, wheel to zoom at the cursor,\n"
            "shift+drag to tilt, click to select, double-click to fly to a building.\n"
            "Touch: drag to orbit, two fingers to pan, pinch and twist, two fingers up/down to tilt.\n"
            "Keys: arrows/WASD pan, +/- zoom, PageUp/PageDown tilt, Q/E twist, Home resets,\n"
            "T looks from the top, L switches 中文/English, Esc deselects, F11 full screen,\n"
            "H or F1 (or the ? by the compass) shows all of these in the window.\n"
            "--msaa N: multisampling (default 4; off on software GL, where it costs 2.5x).\n"
            "--kiosk [--config FILE]: the unattended lobby kiosk (docs/kiosk.md); exit status\n"
            "3: the GL context was lost (restart it), 4: an admin ended it (do not).\n"
            "\n"
            "commands:\n"
            "  validate FILE... [--max-errors N]  check data files; one FILE:LINE:COL line per\n"
            "                                     problem (exit 0 valid, 1 errors, 2 usage/IO)\n"
            "  stats [FILE] [--json]              district figures: buildings, enterprises,\n"
            "                                     floor area, occupancy, tax\n"
            "  info [FILE] ID [--json]            everything known about one building\n"
            "  info [FILE] ID --floors [--json]   the floor stack, top first: use, area, vacancy,\n"
            "                                     status and the enterprises on each floor\n"
            "  info [FILE] ID --enterprises [--industry NAME] [--sort floor|name|industry] [--json]\n"
            "                                     the building's enterprise directory\n"
            "  query [FILE] [--min-area M2] [--max-area M2] [--contiguous] [--max-rent X]\n"
            "        [--industry NAME] [--near metro|parking|...] [--near-m M] [--include-later]\n"
            "        [--name TEXT] [--lang en|zh] [--json]\n"
            "                                     the tenant finder: buildings and floors with\n"
            "                                     space that match, ranked, each with its reasons\n"
            "  bench [FILE] [--runs N] [--export-polygons OUT.json]\n"
            "                                     time load, projection, triangulation, extrusion,\n"
            "                                     index and picking; one JSON line\n"
            "  triangulate FILE [--many] [--runs N]  triangulate a polygon (ring array or GeoJSON\n"
            "                                     Polygon): triangle count and deviation; --many:\n"
            "                                     time an array of polygons, one JSON line\n"
            "  shot [FILE] --out PNG [--size WxH] [--view home|top|ID] [--select ID] [--hover ID]\n"
            "       [--lang zh|en] [--scale S]   render what the window would show to a PNG\n"
            "       (and more: --stacking, --color-by, --dashboard, --find, --attract, --admin;\n"
            "       docs/cli.md lists them all)\n"
            "  pick [FILE] --at X,Y [--size WxH] [--view ...] [--tolerance PX]\n"
            "                                     the id of the building under a pixel, or none\n"
            "  soak [FILE] [--frames N] [--seed S] [--bad FILE]\n"
            "                                     drive the viewer headless with random input and\n"
            "                                     reloads; one JSON line: frames, events, reloads,\n"
            "                                     RSS and GL objects after warm-up and at the end\n"
            "  pin-hash                           read an admin PIN, print its hash for the\n"
            "                                     kiosk config (\"admin\": {\"pin_hash\": ...})\n"
            "  kiosk-config FILE                  check a kiosk config and the data it names\n"
            "  gl-info                            the OpenGL driver louyu would render with\n"
            "\n"
            "FILE defaults to the bundled district (Zhanshan Subdistrict, Qingdao).\n"
            "Data format: docs/data-format.md. Messages go to stderr, data to stdout.\n"
            "options: --help, --version, --verbose (log loading details to stderr)\n",
            LY_VERSION);
}

static bool is_viewer_option(const char *a)
{
    return !strcmp(a, "--fullscreen") || !strcmp(a, "--size") || !strcmp(a, "--view") ||
           !strcmp(a, "--lang") || !strcmp(a, "--scale") || !strcmp(a, "--msaa") ||
           !strcmp(a, "--kiosk") || !strcmp(a, "--attract-after") || !strcmp(a, "--reset-after") ||
           !strcmp(a, "--config");
}

static int run(int argc, char **argv);

int main(int argc, char **argv)
{
    int rc = run(argc, argv);
    ly_font_library_shutdown();
    return rc;
}

static int run(int argc, char **argv)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    ly_process_start_ms = ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
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
        if (is_viewer_option(argv[i]))
            return ly_cmd_view(argc, argv, i);
        fprintf(stderr, "louyu: unknown option '%s' (try louyu --help)\n", argv[i]);
        return LY_EXIT_USAGE;
    }
    if (i >= argc)
        return ly_cmd_view(argc, argv, i); /* the bundled district */
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
    if (!strcmp(cmd, "shot"))
        return ly_cmd_shot(sub_argc, sub_argv);
    if (!strcmp(cmd, "pick"))
        return ly_cmd_pick(sub_argc, sub_argv);
    if (!strcmp(cmd, "soak"))
        return ly_cmd_soak(sub_argc, sub_argv);
    if (!strcmp(cmd, "query"))
        return ly_cmd_query(sub_argc, sub_argv);
    if (!strcmp(cmd, "pin-hash"))
        return ly_cmd_pin_hash(sub_argc, sub_argv);
    if (!strcmp(cmd, "kiosk-config"))
        return ly_cmd_kiosk_config(sub_argc, sub_argv);
    if (!strcmp(cmd, "help")) {
        usage(stdout);
        return LY_EXIT_OK;
    }
    /* a file to view */
    FILE *f = fopen(cmd, "rb");
    if (f) {
        fclose(f);
        return ly_cmd_view(argc, argv, i);
    }
    fprintf(stderr, "louyu: '%s' is neither a command nor a readable file (try louyu --help)\n",
            cmd);
    return LY_EXIT_USAGE;
}
