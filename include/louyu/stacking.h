/* louyu stacking: a building's floors as slabs coloured by vacancy (the
 * "stacking plan" a tenant reads to see where there is space).
 *
 * For one building, every floor becomes a slab: each part of the building
 * (podium, tower) that spans the floor is extruded from the floor's base to
 * just under the next floor, so floors read as separate slices; `explode`
 * pulls them apart. Each slab is coloured by its floor's state (leased,
 * partly vacant, vacant, no data, or not let: a plant or parking floor without
 * space). ly_stacking_build allocates;
 * ly_stacking_deinit frees. No GL. */
#ifndef LOUYU_STACKING_H
#define LOUYU_STACKING_H

#include "louyu/district.h"
#include "louyu/geo.h"
#include "louyu/strings.h"

typedef enum {
    LY_FLOOR_LEASED,
    LY_FLOOR_PARTLY_VACANT,
    LY_FLOOR_VACANT,
    LY_FLOOR_NO_DATA,
    LY_FLOOR_SERVICE, /* a plant or parking floor with no space to let: not "leased" */
    LY_FLOOR_STATES
} ly_floor_state;

/* The state's name ("Leased", "Plant / parking"), for the legends, cards and pages. */
ly_string_id ly_floor_state_name(ly_floor_state s);

typedef struct {
    float pos[3];
    int8_t normal[3];
    uint8_t highlight; /* 1 on the highlighted floor */
    uint8_t rgba[4];
    uint16_t floor;
    uint16_t pad;
} ly_slab_vertex; /* 24 bytes */

typedef struct {
    ly_slab_vertex *vertices;
    uint32_t n_vertices;
    uint32_t *indices;
    size_t n_indices;
    long building; /* -1 when empty */
    float min[3], max[3];
} ly_stacking;

/* The state of floor `floor` (1-based) of building b, and its record or NULL. */
ly_floor_state ly_floor_state_of(const ly_district *d, const ly_building *b, int floor,
                                 const ly_floor_record **record);
/* The legend's colour for a state (RGBA), shared by the slabs and the legend. */
const uint8_t *ly_floor_state_color(ly_floor_state s);

/* Builds the slabs of building `b`; explode 0 (stacked) .. 1 (pulled apart);
 * floors highlight_lo ... highlight_hi (1-based; 0 for none) are marked for
 * the shader. Returns 0 or -1 when out of memory (st is then empty). */
int ly_stacking_build(ly_stacking *st, const ly_district *d, const ly_geo *geo, long b,
                      float explode, int highlight_lo, int highlight_hi);
void ly_stacking_deinit(ly_stacking *st);

/* The floor whose slab the ray origin + t * dir hits first (0 for none). */
int ly_stacking_pick(const ly_stacking *st, const float origin[3], const float dir[3], float *t);

#endif
