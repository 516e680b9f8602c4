/* The command line: one function per `louyu COMMAND`. Each returns the
 * process exit status: 0 success, 1 the data has errors, 2 usage or I/O;
 * the viewer also 3 when its GL context was lost or frames kept failing (a
 * supervisor should start it again) and 4 when an admin ended the kiosk from
 * its panel (a supervisor should not). */
#ifndef LOUYU_APP_CLI_H
#define LOUYU_APP_CLI_H

#include <stdbool.h>
#include <stddef.h>

enum { LY_EXIT_OK = 0, LY_EXIT_DATA = 1, LY_EXIT_USAGE = 2, LY_EXIT_GL = 3, LY_EXIT_ADMIN = 4 };

int ly_cmd_validate(int argc, char **argv);
int ly_cmd_stats(int argc, char **argv);
int ly_cmd_info(int argc, char **argv);
int ly_cmd_gl_info(int argc, char **argv);
int ly_cmd_bench(int argc, char **argv);
int ly_cmd_triangulate(int argc, char **argv);
/* The viewer window; options start at argv[first]. */
int ly_cmd_view(int argc, char **argv, int first);
int ly_cmd_shot(int argc, char **argv);
int ly_cmd_pick(int argc, char **argv);
int ly_cmd_query(int argc, char **argv);
int ly_cmd_soak(int argc, char **argv);
/* louyu pin-hash: reads a PIN, prints its Argon2id hash for the kiosk config. */
int ly_cmd_pin_hash(int argc, char **argv);
/* louyu kiosk-config FILE: checks a kiosk config and the data it names. */
int ly_cmd_kiosk_config(int argc, char **argv);

/* Milliseconds on the monotonic clock when main started. */
extern double ly_process_start_ms;
/* Opens a hidden window, loads `path`, and times the first frame (from process
 * start) and `frames` frames along a scripted camera path. Returns 0 or -1. */
int ly_bench_frames(const char *path, int width, int height, int frames, int msaa,
                    const char *select, bool stacking, double *first_frame_ms, double *p50,
                    double *p95, int *samples, char *gl_renderer, size_t gl_len);

/* Loads `path` into a hidden window, then reloads it `reloads` times as the
 * kiosk does (loader thread, swap between frames) while drawing frames:
 * the frame times of the swap frames and of all frames meanwhile, the
 * mean time from the start of a reload to its swap, and the longest swap
 * alone (wall and thread CPU time). Returns 0 or -1. */
int ly_bench_reload(const char *path, int width, int height, int reloads, double *swap_max,
                    double *swap_p50, double *frame_max, double *frame_p50, double *load_ms,
                    double *poll_max, double *poll_cpu_max);

/* The bundled district: next to the binary (../share/louyu/ or the source tree). */
const char *ly_default_data_path(void);

#endif
