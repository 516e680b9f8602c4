/* louyu pick: the building under a pixel, as a click there would select it. The
 * same app as the window, without any GL. */
#include "../commands.h"
#include "window.h"

#include <stdio.h>

int ly_cli_pick(const ly_args *a)
{
    double at[3], size[3] = {1280, 720, 0};
    if (!ly_arg_values(a, "--at", at))
        return ly_cli_usage_error(a->cmd, "--at X,Y is required");
    ly_arg_values(a, "--size", size);
    if (!(at[0] >= 0 && at[0] < size[0] && at[1] >= 0 && at[1] < size[1]))
        return ly_cli_usage_error(a->cmd, "--at %g,%g is outside the %gx%g picture: expected X "
                                          "from 0 to %g and Y from 0 to %g",
                                  at[0], at[1], size[0], size[1], size[0] - 1, size[1] - 1);
    ly_app app;
    char err[256];
    ly_app_init(&app, (int)size[0], (int)size[1], (float)ly_arg_num(a, "--scale", 1), false, err,
                sizeof err);
    int rc = ly_cli_app_lod(a, &app, false);
    if (!rc)
        rc = ly_cli_load(&app, ly_cli_file(a), false);
    if (!rc)
        rc = ly_cli_apply_scene(&app, a);
    float tol = (float)ly_arg_num(a, "--tolerance", 0);
    if (!rc && ly_arg_flag(a, "--each-view")) {
        /* every building's view in turn, as --view ID would set it: "ID PICKED" */
        const ly_district *d = &app.scene.district;
        for (size_t i = 0; i < d->n_buildings; i++) {
            ly_cmd_view_building(&app, (long)i, false);
            long b = ly_app_pick(&app, (float)at[0], (float)at[1], tol, NULL);
            printf("%s %s\n", d->buildings[i].id, b >= 0 ? d->buildings[b].id : "none");
        }
    } else if (!rc) {
        long b = ly_app_pick(&app, (float)at[0], (float)at[1], tol, NULL);
        printf("%s\n", b >= 0 ? app.scene.district.buildings[b].id : "none");
    }
    ly_app_deinit(&app);
    return rc;
}
