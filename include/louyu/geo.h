/* louyu geo: a district's points projected to local metres.
 *
 * The projection's origin is the centre of the district's bounding box, so
 * every coordinate is a small offset (a city fits in ±20 km, where float32 is
 * good to 2 mm). ly_geo_init allocates `xy`; ly_geo_deinit frees it. The
 * point indices are the district's: xy[2*i], xy[2*i+1] is point i. */
#ifndef LOUYU_GEO_H
#define LOUYU_GEO_H

#include "louyu/district.h"
#include "louyu/proj.h"
#include "louyu/triangulate.h"

typedef struct {
    ly_proj proj;
    double *xy;       /* n_points (east, north) pairs, metres */
    size_t n_points;
    double min[2], max[2]; /* extent of the buildings (or all points), metres */
} ly_geo;

/* Returns 0, or -1 when out of memory (geo is then zeroed). */
int ly_geo_init(ly_geo *geo, const ly_district *d);
void ly_geo_deinit(ly_geo *geo);

/* One polygon of the district (outer ring and holes) as the triangulator takes it:
 * its projected points in one array, and where each hole starts. The arrays grow as
 * needed and are reused from polygon to polygon; ly_geo_flat_deinit frees them. */
typedef struct {
    ly_tri_polygon poly; /* points into xy and holes below */
    double *xy;
    uint32_t *holes;
    size_t cap_xy, cap_holes;
} ly_geo_flat;

/* Returns 0 (flat->poly is polygon `pg`), or -1 when out of memory. */
int ly_geo_flatten(ly_geo_flat *flat, const ly_district *d, const ly_geo *geo,
                   const ly_polygon *pg);
void ly_geo_flat_deinit(ly_geo_flat *flat);

#endif
