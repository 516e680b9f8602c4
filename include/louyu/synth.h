/* louyu synth: a deterministic synthetic city, written as plain GeoJSON, for
 * benchmarks at any size (10k, 100k, 1M buildings).
 *
 * The method: the source district's buildings (their footprints, heights and
 * types) are copied tile by tile. Tile 0 is the source where it is; the tiles
 * are laid out row by row from the south-west in a square-ish grid (columns =
 * ceil(sqrt(tiles))), each shifted by whole multiples of the source's extent in
 * degrees plus a 40 m street between tiles (its longitude share from the cosine
 * of the row's latitude), so neighbouring tiles abut without overlapping. Every
 * tile takes the source's buildings in one fixed order, nearest the extent's
 * centre first, so the last, partial tile is a compact patch. Each copy gets its
 * own jitter from a seeded PRNG (splitmix64 of the seed, the tile and the
 * building): a shift of up to 3 m east and north, and its heights scaled by one
 * factor in [0.8, 1.25). Coordinates are whole units of 1e-7 degree (OSM's
 * precision) all the way through, so a copy is an exact translation of the
 * source's rings: same N and seed, same bytes.
 *
 * With `roads`, a street grid over the city's extent (its tiles' boxes) follows the
 * buildings, for walking-distance benchmarks (walk.h): streets running north-south
 * every LY_SYNTH_BLOCK_X_M and east-west every LY_SYNTH_BLOCK_Y_M, each street shifted
 * up to 8 m and each crossing up to 2 m, with a point in the middle of each block
 * shifted up to 3 m across the street, so it is not a perfect lattice. Every fifth
 * street is primary, every sixth other one a footway, the rest residential. Streets
 * share their crossing points, except every seventh north-south and every ninth
 * east-west street, which have only their mid-block points and cross the others
 * without a shared point. Then POIs of every category but landmark (2 + blocks / 100
 * of each), uniformly over the extent. The same seed's streams, so the same bytes.
 *
 * Ownership: ly_synth_write reads the district (never keeps it) and writes to
 * the caller's FILE; nothing it allocates outlives the call. No GL, no SDL. */
#ifndef LOUYU_SYNTH_H
#define LOUYU_SYNTH_H

#include "louyu/district.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define LY_SYNTH_STREET_M 40.0   /* between tiles */
#define LY_SYNTH_JITTER_M 3.0    /* largest shift of a copy, east and north */
#define LY_SYNTH_BLOCK_X_M 100.0 /* roads: between north-south streets */
#define LY_SYNTH_BLOCK_Y_M 80.0  /* roads: between east-west streets */

typedef struct {
    size_t buildings;    /* how many to write (> 0) */
    uint64_t seed;
    const char *source;  /* what the output's "louyu_synth" member names as its source */
    const char *licence; /* the source's licence and attribution, or NULL */
    bool roads;          /* also the street grid and POIs */
} ly_synth_desc;

/* What a run wrote. */
typedef struct {
    size_t buildings, tiles, columns, rows;
    size_t template_buildings; /* source buildings copied into every full tile */
    size_t dropped;            /* source buildings left out (no ring left at 1e-7 degree) */
    size_t roads, pois;        /* streets (LineStrings) and POIs written (with roads) */
    uint64_t bytes;
} ly_synth_info;

/* Writes the synthetic city to `out` as one GeoJSON FeatureCollection: features
 * with the id "s<tile>-<n>" (n: the building's index in the source) and the
 * properties height, min_height (metres, one decimal) and type (when the source
 * has one), then with roads the streets ("kind": "road", "class", id "street-ns-<i>"
 * or "street-ew-<k>") and POIs ("kind": "poi", "category", id "poi-<category>-<n>").
 * Returns 0, or -1 with the reason in err (no building to copy, out of
 * memory, a write error); info, when not NULL, says what was written. */
int ly_synth_write(FILE *out, const ly_district *src, const ly_synth_desc *desc,
                   ly_synth_info *info, char *err, size_t err_len);

#endif
