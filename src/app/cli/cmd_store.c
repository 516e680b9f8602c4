/* louyu convert and louyu export: a district file into a store, and a week of a
 * store back out as GeoJSON. */
#include "data.h"
#include "louyu/store.h"
#include "louyu/week.h"

#include <stdio.h>

int ly_cli_convert(const ly_args *a)
{
    const char *src = ly_arg_pos(a, 0), *dst = ly_arg_pos(a, 1);
    ly_diag_list diags;
    ly_diag_list_init(&diags, src);
    char err[1024];
    int r = ly_store_create(dst, src, &diags, err, sizeof err);
    ly_diag_sort(&diags);
    for (size_t i = 0; i < diags.count; i++)
        if (r || diags.items[i].severity == LY_DIAG_ERROR)
            ly_diag_print(stderr, &diags, &diags.items[i]);
    ly_diag_list_deinit(&diags);
    if (r < 0) {
        fprintf(stderr, "louyu convert: %s\n", err);
        return LY_EXIT_USAGE;
    }
    if (r > 0) {
        fprintf(stderr, "louyu convert: %s has errors: no store was made\n", src);
        return LY_EXIT_DATA;
    }
    ly_district d;
    if (ly_cli_load_district(&d, dst))
        return LY_EXIT_USAGE;
    printf("%s: a GeoPackage of %zu buildings from %s (layers: buildings, floors, enterprises, "
           "weekly_reports, import_log)\n",
           dst, d.n_buildings, src);
    ly_district_unload(&d);
    return LY_EXIT_OK;
}

int ly_cli_export(const ly_args *a)
{
    const char *db = ly_arg_pos(a, 0);
    int week = 0;
    if (ly_arg_given(a, "--week") && !ly_week_parse(ly_arg_text(a, "--week", ""), &week))
        return ly_cli_usage_error(a->cmd,
                                  "'%s' is not a week: expected an ISO week such as 2011-W17",
                                  ly_arg_text(a, "--week", ""));
    if (!ly_store_is(db)) {
        fprintf(stderr, "louyu export: %s is not a louyu store: expected a GeoPackage made by "
                        "`louyu convert`\n", db);
        return LY_EXIT_USAGE;
    }
    char err[1024];
    const char *out = ly_arg_text(a, "--out", NULL);
    if (ly_store_export(db, week, out, err, sizeof err)) {
        fprintf(stderr, "louyu export: %s\n", err);
        return LY_EXIT_USAGE;
    }
    printf("%s: written\n", out);
    return LY_EXIT_OK;
}
