/* louyu triangulate: polygons with holes to triangles (ear clipping).
 *
 * Input is one polygon in a plane: an outer ring followed by zero or more
 * holes, all points in one flat (x, y) double array, rings consecutive; a hole
 * of one point is a Steiner point. Any winding, repeated closing points,
 * duplicate points and collinear runs are accepted. Holes are bridged into the
 * outer ring, then ears are clipped, with z-order (Morton) hashing of the
 * vertices for large rings. Work is bounded: degenerate or self-intersecting
 * input never hangs or crashes; the triangulator returns what it could and
 * says so in its status.
 *
 * A ly_triangulator owns reusable scratch memory and the output indices,
 * which stay valid until its next call. Create one per thread. */
#ifndef LOUYU_TRIANGULATE_H
#define LOUYU_TRIANGULATE_H

#include <stddef.h>
#include <stdint.h>

typedef struct ly_triangulator ly_triangulator;

typedef enum {
    LY_TRI_OK = 0,
    LY_TRI_PARTIAL, /* degenerate or self-intersecting: the triangles found so far */
    LY_TRI_NOMEM,
    LY_TRI_INVALID  /* bad arguments (ring starts out of order, too many points) */
} ly_tri_status;

typedef struct {
    const double *xy;            /* n_points (x, y) pairs */
    uint32_t n_points;
    const uint32_t *hole_starts; /* first point of each hole, ascending; NULL if none */
    uint32_t n_holes;
} ly_tri_polygon;

ly_triangulator *ly_triangulator_create(void);
void ly_triangulator_destroy(ly_triangulator *t);

/* Triangulates one polygon. *indices receives 3 * *n_triangles point indices
 * (into poly->xy), counter-clockwise in a y-up plane, owned by t. */
ly_tri_status ly_triangulate(ly_triangulator *t, const ly_tri_polygon *poly,
                             const uint32_t **indices, size_t *n_triangles);

/* |polygon area - sum of triangle areas| / polygon area (0 when both are 0):
 * how far a triangulation is from covering its polygon exactly. The polygon
 * area is |outer| - sum of |hole| by the shoelace formula; triangle areas are
 * taken absolute; Steiner points (one-point holes) contribute nothing. */
double ly_triangulation_deviation(const ly_tri_polygon *poly, const uint32_t *indices,
                                  size_t n_triangles);

#endif
