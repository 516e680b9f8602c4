/* louyu convert: a district file into a store (louyu export writes it back out). */
#include "data.h"
#include "louyu/store.h"

#include <stdio.h>
#include <sys/stat.h>

int ly_cli_convert(const ly_args *a)
{
    const char *src = ly_arg_pos(a, 0), *dst = ly_arg_pos(a, 1);
    /* (a file there already is refused by the store itself: "exists: expected a new
     * file", whatever it holds) */
    struct stat st;
    bool there = !stat(dst, &st) && S_ISREG(st.st_mode);
    int out_rc = there ? 0 : ly_cli_out_check(a->cmd, dst, false, src);
    if (out_rc)
        return out_rc;
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
    /* a GDAL or QGIS copy of a store: its weeks stay behind, which is said, not left for
     * the user to find in an empty history */
    long reports, imports;
    if (ly_store_layers_copy(src, &reports, &imports))
        fprintf(stderr, "louyu convert: warning: %s holds louyu's weekly reports (%ld rows of "
                        "weekly_reports, %ld imports in import_log) but not the district a "
                        "store keeps (table louyu_document): %s has none of them, nor its "
                        "floor records and enterprises; expected the store's file itself (a "
                        "GDAL or QGIS copy of its layers leaves that table out: copy the "
                        "original store's file)\n",
                src, reports > 0 ? reports : 0, imports > 0 ? imports : 0, dst);
    ly_district d;
    if (ly_cli_load_district(&d, dst, NULL))
        return LY_EXIT_USAGE;
    printf("%s: a GeoPackage of %zu building%s from %s (layers: buildings, floors, enterprises, "
           "weekly_reports, import_log)\n",
           dst, d.n_buildings, d.n_buildings == 1 ? "" : "s", src);
    ly_district_unload(&d);
    return LY_EXIT_OK;
}
