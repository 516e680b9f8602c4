/* louyu ground: the flat layers under the buildings, as one CPU mesh.
 *
 * From the district's water (sea, with its coast), parks, roads (buffered to
 * their widths, with round joins) and boundary, plus a land plane under
 * everything, in drawing order: each layer is a contiguous index range, drawn
 * in order without depth writes, so no z-fighting is possible. Coordinates as
 * in ly_mesh (metres from the ly_geo origin), z = 0. ly_ground_init
 * allocates; ly_ground_deinit frees. No GL. */
#ifndef LOUYU_GROUND_H
#define LOUYU_GROUND_H

#include "louyu/district.h"
#include "louyu/geo.h"

typedef enum {
    LY_GROUND_LAND,          /* a plane well beyond the data */
    LY_GROUND_BOUNDARY_FILL, /* the district's own area (to highlight it; the viewer does
                                not draw it: a second full-screen layer costs too much
                                on software GL) */
    LY_GROUND_LAND_USE,      /* paved, bare and other land (CityJSON LandUse) */
    LY_GROUND_WATER,         /* sea, lakes, rivers */
    LY_GROUND_COAST,         /* a band along every water edge, on the land side */
    LY_GROUND_PARK,
    LY_GROUND_ROAD_CASING,   /* each road a little wider, darker: its kerb line */
    LY_GROUND_ROAD_MINOR,    /* residential, footway; road areas (CityJSON) */
    LY_GROUND_ROAD_MAJOR,    /* primary, secondary, tertiary */
    LY_GROUND_BOUNDARY_LINE, /* the district's outline, a few metres wide */
    LY_GROUND_LAYERS
} ly_ground_layer;

typedef struct {
    float pos[3];
    float u, v;     /* along / across a road or line (metres), else 0 */
    uint8_t layer;  /* ly_ground_layer */
    uint8_t pad[3];
} ly_ground_vertex; /* 24 bytes */

typedef struct {
    ly_ground_vertex *vertices;
    uint32_t n_vertices;
    uint32_t *indices;
    size_t n_indices;
    size_t first[LY_GROUND_LAYERS], count[LY_GROUND_LAYERS]; /* index ranges per layer */
    float min[2], max[2]; /* the land plane's extent */
} ly_ground;

/* Returns 0, or -1 when out of memory (ground is then zeroed). */
int ly_ground_init(ly_ground *g, const ly_district *d, const ly_geo *geo);
void ly_ground_deinit(ly_ground *g);

#endif
