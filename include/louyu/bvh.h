/* louyu bvh: a bounding-volume hierarchy over the buildings of a mesh, for
 * picking and culling without touching the GPU.
 *
 * Leaves are buildings; a ray that reaches a leaf is tested exactly against
 * that building's own triangles in the mesh, so a hit is where the ray meets
 * the drawn surface. The BVH keeps pointers into the mesh it was built from:
 * the mesh must outlive it. ly_bvh_init allocates; ly_bvh_deinit frees.
 *
 * Matrices are column-major float[16] (OpenGL and cglm convention), mapping
 * mesh coordinates (x east, y north, z up, metres) to clip space. Screen
 * coordinates are pixels from the top-left corner. */
#ifndef LOUYU_BVH_H
#define LOUYU_BVH_H

#include "louyu/district.h"
#include "louyu/mesh.h"

#include <stdbool.h>

typedef struct {
    float min[3], max[3];
    uint32_t first; /* leaf: first entry in `items`; inner: index of the left child */
    uint32_t count; /* leaf: number of buildings; inner: 0 (right child is first + 1) */
} ly_bvh_node;

typedef struct {
    ly_bvh_node *nodes;
    size_t n_nodes;
    uint32_t *items; /* building indices, leaves point into this */
    size_t n_items;
    const ly_mesh *mesh;
} ly_bvh;

typedef struct {
    long building; /* -1 when nothing was hit */
    int floor;     /* 1-based floor at the hit point, 0 when unknown */
    float point[3];
    float distance; /* along the ray, in units of the ray direction's length */
    float normal[3];
} ly_hit;

/* Möller–Trumbore against either face: the distance t ≥ 0 along dir where the
 * ray meets triangle (a, b, c), or INFINITY; nrm gets the face's (unnormalised)
 * normal on a hit. */
float ly_ray_triangle(const float o[3], const float dir[3], const float a[3], const float b[3],
                      const float c[3], float nrm[3]);

int ly_bvh_init(ly_bvh *bvh, const ly_mesh *mesh);
void ly_bvh_deinit(ly_bvh *bvh);

/* Nearest hit along origin + t * dir for 0 ≤ t ≤ max_t. d (may be NULL) gives
 * floor numbers. Returns true on a hit. */
bool ly_bvh_ray(const ly_bvh *bvh, const ly_district *d, const float origin[3], const float dir[3],
                float max_t, ly_hit *hit);

/* The six planes of a clip-space frustum (Gribb & Hartmann), as a*x+b*y+c*z+d ≥ 0. */
typedef struct {
    float planes[6][4];
} ly_frustum;
void ly_frustum_init(ly_frustum *f, const float view_proj[16]);
/* Whether the box lies wholly outside one of the planes (conservative: a box
 * near a corner may be kept though it is outside). */
bool ly_frustum_box_outside(const ly_frustum *f, const float mn[3], const float mx[3]);

/* Buildings whose boxes are at least partly inside the frustum of
 * `view_proj`. Writes up to `cap` indices to out; returns how many there are
 * in all (which may exceed cap). */
size_t ly_bvh_frustum(const ly_bvh *bvh, const float view_proj[16], uint32_t *out, size_t cap);

/* The ray through pixel (sx, sy) of a width x height viewport. Returns false
 * when view_proj cannot be inverted. */
bool ly_screen_ray(const float view_proj[16], int width, int height, float sx, float sy,
                   float origin[3], float dir[3]);

/* The building under pixel (sx, sy) or, failing that, the nearest one whose
 * visible surface comes within tol_px pixels of it (a finger on a touch
 * screen covers about 40 px). */
bool ly_bvh_pick_screen(const ly_bvh *bvh, const ly_district *d, const float view_proj[16],
                        int width, int height, float sx, float sy, float tol_px, ly_hit *hit);

#endif
