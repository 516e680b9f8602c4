#include "louyu/geo.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

int ly_geo_init(ly_geo *geo, const ly_district *d)
{
    memset(geo, 0, sizeof *geo);
    double lon0 = 0.5 * (d->lon_min + d->lon_max), lat0 = 0.5 * (d->lat_min + d->lat_max);
    if (!isfinite(lon0) || !isfinite(lat0))
        lon0 = lat0 = 0; /* an empty district */
    ly_proj_init(&geo->proj, lon0, lat0);
    if (d->n_points) {
        geo->xy = malloc(d->n_points * 2 * sizeof *geo->xy);
        if (!geo->xy)
            return -1;
        ly_proj_forward_many(&geo->proj, d->points, d->n_points, geo->xy);
    }
    geo->n_points = d->n_points;
    double x0, y0, x1, y1;
    ly_proj_forward(&geo->proj, d->lon_min, d->lat_min, &x0, &y0);
    ly_proj_forward(&geo->proj, d->lon_max, d->lat_max, &x1, &y1);
    geo->min[0] = fmin(x0, x1);
    geo->min[1] = fmin(y0, y1);
    geo->max[0] = fmax(x0, x1);
    geo->max[1] = fmax(y0, y1);
    if (!d->n_points)
        geo->min[0] = geo->min[1] = geo->max[0] = geo->max[1] = 0;
    return 0;
}

void ly_geo_deinit(ly_geo *geo)
{
    if (!geo)
        return;
    free(geo->xy);
    memset(geo, 0, sizeof *geo);
}
