/* louyu mesh: the district's buildings extruded into a few large CPU meshes.
 *
 * Each building part (a polygon with its own min and max height) becomes
 * walls with per-face normals (one quad per ring edge, courtyard walls facing
 * the courtyard), a roof, and a bottom when the part is lifted off the ground.
 * A building with a 3D model (ly_building.n_faces) is drawn as its faces instead:
 * each triangulated in its own plane, holes kept, with its own normal.
 * Buildings are grouped into square spatial chunks; each chunk is one vertex
 * array and one 32-bit index array, ready to upload as two GPU buffers. Every
 * vertex carries its building index and floor number, so shaders can colour,
 * highlight or cut buildings and floors without extra draw calls.
 *
 * Coordinates: x east, y north, z up, metres from the ly_geo origin.
 * Triangles are counter-clockwise seen from outside. ly_mesh_init allocates
 * everything; ly_mesh_deinit frees it. No GL here. */
#ifndef LOUYU_MESH_H
#define LOUYU_MESH_H

#include "louyu/district.h"
#include "louyu/geo.h"

/* What a vertex's face is: the shader colours each as such (windows and doors come
 * from the semantic surfaces of 3D models). */
enum { LY_SURF_WALL = 0, LY_SURF_ROOF = 1, LY_SURF_BOTTOM = 2, LY_SURF_WINDOW = 3, LY_SURF_DOOR = 4 };

/* Far levels of detail per chunk (the full mesh is level "-1"). */
#define LY_MESH_LODS 4
/* A chunk's tiles per side: the renderer culls and picks levels tile by tile, and
 * draws a chunk's tiles of one level in one call. */
#define LY_MESH_TILES 4

/* A square of a chunk (by the first point of each building's outline; a block of
 * a far level by its centre): its box and its index ranges. */
typedef struct {
    float min[3], max[3]; /* empty (min > max) when the tile has nothing */
    uint32_t first, count; /* its opaque buildings: indices[first, first + count) */
    uint32_t lod_first[LY_MESH_LODS], lod_count[LY_MESH_LODS]; /* into lod_indices */
} ly_mesh_tile;

typedef struct {
    float pos[3];
    int8_t normal[3]; /* snorm8: value / 127 */
    uint8_t surface;  /* LY_SURF_* */
    uint32_t building;
    uint16_t floor; /* 1-based floor at this vertex's height */
    uint16_t part;  /* polygon index within the building */
} ly_vertex;        /* 24 bytes */

typedef struct {
    ly_vertex *vertices;
    uint32_t n_vertices, cap_vertices;
    uint32_t *indices;
    size_t n_indices, cap_indices;
    /* indices from here on belong to buildings under construction (drawn
     * translucent, after everything opaque); = n_indices when there are none */
    uint32_t site_first_index;
    float min[3], max[3];
    /* The far levels of detail: the chunk's buildings as block volumes on square
     * grids (level k's cells are ly_mesh.lod_cell_m[k] wide; each cell that
     * buildings cover for the most part is as tall as the tallest of them, carries the
     * index of the one that covers most of it, with
     * walls only where neighbouring cells differ), drawn where a cell covers about
     * a pixel. Level k is lod_indices[lod_first[k], lod_first[k + 1]) into
     * lod_vertices; same vertex format; building sites are left out. */
    ly_vertex *lod_vertices;
    uint32_t n_lod_vertices;
    uint32_t *lod_indices;
    size_t n_lod_indices;
    uint32_t lod_first[LY_MESH_LODS + 1];
    /* the tiles: LY_MESH_TILES x LY_MESH_TILES squares of tile_size metres from
     * tile_origin, row by row from the south-west */
    float tile_origin[2], tile_size;
    ly_mesh_tile tiles[LY_MESH_TILES * LY_MESH_TILES];
} ly_mesh_chunk;

/* Where a building's triangles are: indices[first_index, first_index + n_indices)
 * of chunk `chunk`, and its bounding box. */
typedef struct {
    uint32_t chunk;
    uint32_t first_index, n_indices;
    float min[3], max[3];
} ly_mesh_building;

typedef struct {
    double project_ms, triangulate_ms, extrude_ms, lod_ms;
} ly_mesh_timing;

typedef struct {
    float chunk_size_m;     /* 0: 1000 m */
    ly_mesh_timing *timing; /* filled when not NULL (project_ms is the caller's) */
    struct ly_progress_s *progress; /* the MESH and LOD stages reported here (may be NULL) */
} ly_mesh_desc;

typedef struct {
    ly_mesh_chunk *chunks;
    size_t n_chunks;
    ly_mesh_building *buildings; /* one per district building */
    size_t n_buildings;
    size_t n_vertices, n_triangles, bytes;
    size_t partial_polygons; /* polygons the triangulator could only partly cover */
    float min[3], max[3];
    float chunk_size_m, lod_cell_m[LY_MESH_LODS];
    size_t n_lod_triangles;
} ly_mesh;

/* Returns 0, or -1 when out of memory (mesh is then zeroed). desc may be NULL. */
int ly_mesh_init(ly_mesh *mesh, const ly_district *d, const ly_geo *geo, const ly_mesh_desc *desc);
void ly_mesh_deinit(ly_mesh *mesh);

/* The far levels of every chunk (called by ly_mesh_init). Returns 0 or -1. */
int ly_mesh_build_lods(ly_mesh *mesh, const ly_district *d, const ly_geo *geo,
                       struct ly_progress_s *progress);

/* The level a tile is drawn at, and the share of its pixels the next finer level takes
 * while it fades into it (0: none). */
typedef struct {
    int level;  /* -1: the full mesh; k: far level k */
    float fade; /* in [0, 1) */
} ly_lod_choice;

/* The level for tile t, dist metres from the eye, where a pixel spans pixel_angle
 * radians (0: always in full) and the haze's distance is fog_m (0: clear air; the
 * renderer's fog keeps exp(-(dist / fog_m)^2) of a colour's contrast). cell_m: the
 * mesh's lod_cell_m. */
ly_lod_choice ly_mesh_tile_level(const float cell_m[LY_MESH_LODS], const ly_mesh_tile *t,
                                 float dist, float pixel_angle, float fog_m);

/* The floor (1 ... floors) at height z of building b. */
int ly_building_floor_at(const ly_district *d, const ly_building *b, double z);

#endif
