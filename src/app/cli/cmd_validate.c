/* louyu validate FILE...: every problem of every file as FILE:LINE:COL, then a
 * line per file. Exit 0 when all are valid, 1 when one has errors, 2 when one
 * cannot be read. */
#include "cli.h"
#include "data.h"
#include "louyu/district.h"

#include <stdio.h>

static int validate_one(const char *path, long max_errors, const char *lod, bool skip_bad)
{
    ly_diag_list diags;
    ly_diag_list_init(&diags, path);
    if (max_errors > 1000) /* (all asked for are kept: the list keeps 1000 by default) */
        diags.max_items = (size_t)max_errors;
    ly_district d;
    ly_load_result r =
        ly_district_load(&d, path, &(ly_load_desc){.lod = lod, .skip_bad = skip_bad}, &diags);
    ly_diag_sort(&diags);
    long shown = 0;
    for (size_t k = 0; k < diags.count && shown < max_errors; k++, shown++)
        ly_diag_print(stderr, &diags, &diags.items[k]);
    size_t total = diags.errors + diags.warnings;
    if (total > (size_t)shown)
        fprintf(stderr, "%s: %zu more not shown (use --max-errors N)\n", path,
                total - (size_t)shown);
    if (r == LY_LOAD_OK) {
        printf("%s: valid: %zu building%s, %zu other feature%s, %zu enterprise%s", path,
               d.n_buildings, d.n_buildings == 1 ? "" : "s", d.n_features,
               d.n_features == 1 ? "" : "s", d.n_enterprises, d.n_enterprises == 1 ? "" : "s");
        if (d.n_skipped)
            printf(", %zu feature%s skipped", d.n_skipped, d.n_skipped == 1 ? "" : "s");
        if (d.n_left_out)
            printf(", %zu feature%s with errors left out", d.n_left_out,
                   d.n_left_out == 1 ? "" : "s");
        printf("; %zu warning%s\n", diags.warnings, diags.warnings == 1 ? "" : "s");
    } else if (r == LY_LOAD_DATA) {
        printf("%s: invalid: %zu error%s, %zu warning%s\n", path, diags.errors,
               diags.errors == 1 ? "" : "s", diags.warnings, diags.warnings == 1 ? "" : "s");
        ly_cli_say_skippable(path, &diags);
    }
    ly_district_unload(&d);
    ly_diag_list_deinit(&diags);
    return r == LY_LOAD_OK ? LY_EXIT_OK : r == LY_LOAD_DATA ? LY_EXIT_DATA : LY_EXIT_USAGE;
}

int ly_cli_validate(const ly_args *a)
{
    long max_errors = (long)ly_arg_num(a, "--max-errors", 50);
    const char *lod;
    int worst = LY_EXIT_OK;
    if (ly_cli_lod(a, false, &lod))
        return LY_EXIT_USAGE;
    for (int i = 0; i < a->n_pos; i++) {
        int rc = validate_one(a->pos[i], max_errors, lod, ly_arg_flag(a, "--skip-bad"));
        /* a file that cannot be read outweighs one with errors */
        if (rc == LY_EXIT_USAGE || (rc == LY_EXIT_DATA && worst == LY_EXIT_OK))
            worst = rc;
    }
    return worst;
}
