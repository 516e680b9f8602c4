/* The bundled district (data/zhanshan.geojson) loaded for a test, the load checked.
 * Include after check.h. */
#ifndef LOUYU_TESTS_BUNDLED_H
#define LOUYU_TESTS_BUNDLED_H

#include "louyu/district.h"

static void load_bundled(ly_district *d)
{
    ly_diag_list diags;
    ly_diag_list_init(&diags, "zhanshan");
    CHECK_INT(ly_district_load(d, LY_SOURCE_DIR "/data/zhanshan.geojson", NULL, &diags),
              LY_LOAD_OK);
    ly_diag_list_deinit(&diags);
}

#endif
