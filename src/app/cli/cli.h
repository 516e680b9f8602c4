/* The command line: one table of commands {name, run, summary, options}, one
 * strict option parser, one file per command.
 *
 * Each command takes only its own options. A number is read whole and checked
 * against its range ("--msaa abc" and "--scale 1.5x" are usage errors); a size
 * is WxH, a point X,Y; an unknown option, an option of another command, a
 * repeated one or a missing value is named in a usage error (exit 2). `louyu
 * help COMMAND` and `louyu COMMAND --help` print the command's help, made from
 * the table (docs/cli.md holds the same text; a test compares).
 *
 * Exit status: 0 success, 1 the data has errors, 2 usage or I/O; the viewer also
 * 3 when its GL context was lost or frames kept failing (a supervisor should
 * start it again) and 4 when an admin ended the kiosk from its panel (a
 * supervisor should not). */
#ifndef LOUYU_CLI_H
#define LOUYU_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

enum { LY_EXIT_OK = 0, LY_EXIT_DATA = 1, LY_EXIT_USAGE = 2, LY_EXIT_GL = 3, LY_EXIT_ADMIN = 4 };

/* The places the finder (louyu query --near) takes, by their keywords. */
#define LY_CLI_POI_KINDS "metro|bus|bank|hotel|restaurant|parking|government|landmark"

typedef enum {
    LY_OPT_FLAG,   /* no value */
    LY_OPT_INT,    /* a whole number within [min, max] */
    LY_OPT_NUM,    /* a finite number within [min, max] */
    LY_OPT_TEXT,   /* any text (not empty) */
    LY_OPT_CHOICE, /* one of `choices`, "a|b|c" */
    LY_OPT_SIZE,   /* WxH, each within [min, max] */
    LY_OPT_POINT,  /* X,Y: pixels */
    LY_OPT_WHEEL   /* X,Y,N: pixels and notches within [min, max] */
} ly_opt_type;

typedef struct {
    const char *name;  /* "--size" */
    ly_opt_type type;
    const char *value; /* what the value is called in the help: "WxH", "N", "FILE" */
    const char *help;  /* what it does, in one line */
    double min, max;
    const char *choices;
} ly_opt;

/* What was given: positionals and options, as the parser read them. */
typedef struct {
    const struct ly_command *cmd;
    const char *pos[1024];
    int n_pos;
    struct {
        const ly_opt *opt;
        const char *text;
        double v[3];
    } given[64];
    int n_given;
} ly_args;

typedef struct ly_command {
    const char *name;
    int (*run)(const ly_args *a);
    const char *summary;    /* one line, for `louyu --help` */
    const char *usage;      /* the positionals: "[FILE] ID" */
    const ly_opt *const *options; /* groups of options, each ended by {NULL}; NULL-ended */
    int min_pos, max_pos;   /* how many positionals */
    const char *about;      /* the help's paragraph under the usage (may be NULL) */
} ly_command;

/* Runs louyu with these arguments (main's); returns the exit status. */
int ly_cli_main(int argc, char **argv);

/* Why a write to stdout failed, where a command saw it (0: none did, or it said so itself):
 * the cause stdio's later flush no longer knows (a full disk's ENOSPC, not EIO). */
extern int ly_cli_stdout_errno;
/* A command that said stdout failed (with its own words): main says no more. */
extern bool ly_cli_stdout_said;
/* The table. */
const ly_command *ly_cli_commands(size_t *n);
const ly_command *ly_cli_find(const char *name);
/* A command's help, made from the table. */
void ly_cli_help(FILE *out, const ly_command *c);

/* Parses argv[0..argc) (the command's own arguments, without its name) against
 * the command's options. Returns 0, or LY_EXIT_USAGE after printing why. */
int ly_args_parse(ly_args *a, const ly_command *c, int argc, char **argv);
/* What was given (the defaults where an option was not). */
bool ly_arg_flag(const ly_args *a, const char *name);
bool ly_arg_given(const ly_args *a, const char *name);
const char *ly_arg_text(const ly_args *a, const char *name, const char *def);
double ly_arg_num(const ly_args *a, const char *name, double def);
/* WxH, X,Y or X,Y,N: false (out untouched) when not given. */
bool ly_arg_values(const ly_args *a, const char *name, double out[3]);
/* Positional i, or NULL. */
const char *ly_arg_pos(const ly_args *a, int i);

/* Prints "louyu CMD: MESSAGE" and the command's usage line to stderr; returns 2. */
int ly_cli_usage_error(const ly_command *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Checks that `out` can be written (a folder with `folder`) before the work that fills
 * it: 0, or a usage error "cannot write OUT: its folder X does not exist". Nor may it be
 * the file `input` that is read for it (NULL: none), hold it (a folder), or be a louyu
 * store: what they hold would be lost. */
int ly_cli_out_check(const ly_command *c, const char *out, bool folder, const char *input);

/* The bundled district: beside the binary (../share/louyu/), or in the source tree;
 * its store with the weekly reports when the build made one. */
const char *ly_default_data_path(void);
/* The bundled store (the district and its year of reports), made by the build. */
const char *ly_default_store_path(void);
/* Milliseconds on the monotonic clock when main started. */
extern double ly_process_start_ms;

/* The commands (one file each). */
int ly_cli_view(const ly_args *a);
int ly_cli_validate(const ly_args *a);
int ly_cli_stats(const ly_args *a);
int ly_cli_info(const ly_args *a);
int ly_cli_query(const ly_args *a);
int ly_cli_nearby(const ly_args *a);
int ly_cli_shot(const ly_args *a);
int ly_cli_pick(const ly_args *a);
int ly_cli_bench(const ly_args *a);
int ly_cli_synth(const ly_args *a);
int ly_cli_triangulate(const ly_args *a);
int ly_cli_soak(const ly_args *a);
int ly_cli_pin_hash(const ly_args *a);
int ly_cli_kiosk_config(const ly_args *a);
int ly_cli_gl_info(const ly_args *a);
int ly_cli_help_cmd(const ly_args *a);
int ly_cli_report_template(const ly_args *a);
int ly_cli_report_import(const ly_args *a);
int ly_cli_report_history(const ly_args *a);
int ly_cli_report_diff(const ly_args *a);
int ly_cli_report_log(const ly_args *a);
int ly_cli_report_withdraw(const ly_args *a);
int ly_cli_convert(const ly_args *a);
int ly_cli_export(const ly_args *a);
int ly_cli_publish(const ly_args *a);

#endif
