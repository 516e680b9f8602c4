/* The command line: one function per `louyu COMMAND`. Each returns the
 * process exit status: 0 success, 1 the data has errors, 2 usage or I/O. */
#ifndef LOUYU_APP_CLI_H
#define LOUYU_APP_CLI_H

enum { LY_EXIT_OK = 0, LY_EXIT_DATA = 1, LY_EXIT_USAGE = 2 };

int ly_cmd_validate(int argc, char **argv);
int ly_cmd_stats(int argc, char **argv);
int ly_cmd_info(int argc, char **argv);
int ly_cmd_gl_info(int argc, char **argv);
int ly_cmd_bench(int argc, char **argv);
int ly_cmd_triangulate(int argc, char **argv);

/* The bundled district: next to the binary (../share/louyu/ or the source tree). */
const char *ly_default_data_path(void);

#endif
