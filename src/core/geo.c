#include "louyu/geo.h"
#include "louyu/arena.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

int ly_geo_init(ly_geo *geo, const ly_district *d)
{
    memset(geo, 0, sizeof *geo);
    double lon0 = 0.5 * (d->lon_min + d->lon_max), lat0 = 0.5 * (d->lat_min + d->lat_max);
    if (!isfinite(lon0) || !isfinite(lat0))
        lon0 = lat0 = 0; /* an empty district */
    /* a district across 180° (Fiji, Chukotka) spans nearly 360° of longitude from its
     * least to its greatest: its centre is the points' mean on the circle, not 0° */
    bool across = d->n_points && d->lon_max - d->lon_min > 180;
    if (across) {
        double sx = 0, sy = 0;
        for (size_t i = 0; i < d->n_points; i++) {
            sx += cos(d->points[2 * i] * M_PI / 180);
            sy += sin(d->points[2 * i] * M_PI / 180);
        }
        lon0 = atan2(sy, sx) * 180 / M_PI;
    }
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
    for (size_t i = 0; across && i < d->n_points; i++) { /* (the corners say nothing then) */
        const double *p = geo->xy + 2 * i;
        geo->min[0] = fmin(i ? geo->min[0] : p[0], p[0]);
        geo->min[1] = fmin(i ? geo->min[1] : p[1], p[1]);
        geo->max[0] = fmax(i ? geo->max[0] : p[0], p[0]);
        geo->max[1] = fmax(i ? geo->max[1] : p[1], p[1]);
    }
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

int ly_geo_flatten(ly_geo_flat *flat, const ly_district *d, const ly_geo *geo,
                   const ly_polygon *pg)
{
    size_t n = 0;
    for (uint32_t k = 0; k < pg->n_rings; k++)
        n += d->rings[pg->first_ring + k].n_points;
    if (ly_array_reserve((void **)&flat->xy, &flat->cap_xy, 2 * n, sizeof *flat->xy) ||
        ly_array_reserve((void **)&flat->holes, &flat->cap_holes, pg->n_rings,
                         sizeof *flat->holes))
        return -1;
    size_t o = 0;
    for (uint32_t k = 0; k < pg->n_rings; k++) {
        const ly_ring *ring = &d->rings[pg->first_ring + k];
        if (k)
            flat->holes[k - 1] = (uint32_t)(o / 2);
        memcpy(flat->xy + o, geo->xy + 2 * (size_t)ring->first_point,
               2 * ring->n_points * sizeof *flat->xy);
        o += 2 * ring->n_points;
    }
    flat->poly = (ly_tri_polygon){.xy = flat->xy, .n_points = (uint32_t)n,
                                  .hole_starts = flat->holes,
                                  .n_holes = pg->n_rings ? pg->n_rings - 1 : 0};
    return 0;
}

void ly_geo_flat_deinit(ly_geo_flat *flat)
{
    free(flat->xy);
    free(flat->holes);
    memset(flat, 0, sizeof *flat);
}
