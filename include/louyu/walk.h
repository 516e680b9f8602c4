/* louyu walk: walking distances, routes and walking areas over a district's roads.
 *
 * The graph. ly_walk_create makes one from every road of the district (every class,
 * footways too) in ly_geo's local metres: each segment of each line an edge weighing
 * its length. Points closer than LY_WALK_MERGE_M are one node (OSM exports share node
 * coordinates exactly; hand-drawn files nearly). Two segments that cross without a
 * shared point are both split at the crossing, and a line that ends on another (within
 * LY_WALK_MERGE_M) splits it there: every crossing is a junction, since the data has no
 * layers (a bridge meets the street under it). A grid finds the pairs (not O(n²)).
 * Pieces that the drawing left apart are joined: a dead end (a node of one edge) within
 * LY_WALK_SNAP_M of an edge of another piece (another connected component) gets a
 * straight connector to the nearest point of it, walked like a road. Within one piece
 * nothing is added, so a cul-de-sac stays a cul-de-sac. Zero-length segments, repeated
 * and non-finite points and lines of one point add nothing.
 *
 * Joining places. A point (a POI, a search's origin) joins the graph at the nearest
 * point of the nearest edge, by the straight off-road leg from the point to it. A
 * building joins from its footprint (the outlines of all its parts, rings[0]) on every
 * side: each edge within LY_WALK_JOIN_M beyond the edge nearest the footprint (a
 * building between two streets has doors on both), at its point nearest the footprint,
 * by a leg of that distance; where a facade runs along the edge, so that many points are
 * as near (within 1 m), at the one nearest the footprint's centre (the middle of the
 * facade, not its corner); an edge that enters the building, at each point where it
 * crosses an outline (and an end inside), with no leg: a road through the building
 * leaves it by either side. A walk starts at the outline's point nearest its join. A
 * place joined to an edge the origin joins may also walk along it directly. Walks go on
 * the roads only (besides the legs): two places beside each other but joined to
 * different streets walk round by the streets.
 *
 * No roads at all: distances are straight lines (from a building: from its
 * footprint), routes one straight leg, walking areas discs (a building's: its footprint
 * grown by the limit). A district without roads still answers "how far", never "you
 * cannot get there". With roads, a place on a piece of network that the origin's piece
 * does not reach is unreachable (< 0).
 *
 * A search (ly_walk_search_*) is Dijkstra with a binary heap from one origin, exact up
 * to limit_m and blind beyond it: every query on it (distance, route, nearby, areas)
 * says "beyond" for anything farther.
 *
 * Walking areas (isochrones). A place is within limit L when some point p the walk
 * reaches (on the network, on the legs, or the origin itself: its point or footprint)
 * has D(p) + |v - p| <= L with the straight part |v - p| at most LY_WALK_OFFROAD_M, so
 * areas hug the streets instead of flooding the blocks (with no roads there is no such
 * cap). On a grid of LY_WALK_CELL_M cells over the search's reach, each vertex gets
 * min over p of |v - p| - min(L - D(p), cap), <= 0 within: continuous, so marching
 * squares (saddles decided by the cell's mean) give smooth outlines. Each limit becomes
 * filled triangles, counter-clockwise, none over another, and outline segments, in the
 * same local metres; every vertex lies within L plus one cell of the origin.
 *
 * Ownership: create/destroy make and free ly_walk and ly_walk_from; ly_walk_areas is the
 * caller's struct, its arrays the module's (ly_walk_areas_deinit). A search keeps no
 * pointer to the district or geo. Queries do not change w or s (threads may share
 * them). Destroy and deinit accept NULL (or a zeroed struct). No GL, no SDL. */
#ifndef LOUYU_WALK_H
#define LOUYU_WALK_H

#include "louyu/district.h"
#include "louyu/geo.h"

#include <stddef.h>

#define LY_WALK_M_PER_MIN 75.0 /* 4.5 km/h */

/* The whole minutes a walk of `metres` is said to take, up, at least 1: of the metres
 * as they are shown (rounded), so that "75 m" is never "2 min". */
static inline int ly_walk_minutes(double metres)
{
    double shown = (double)(long long)(metres + 0.5);
    int m = (int)(shown / LY_WALK_M_PER_MIN);
    m += (double)m * LY_WALK_M_PER_MIN < shown;
    return m < 1 ? 1 : m;
}
#define LY_WALK_MERGE_M 0.5    /* points closer than this are one node */
#define LY_WALK_SNAP_M 15.0    /* a dead end this close to another piece meets it */
#define LY_WALK_JOIN_M 30.0    /* a building joins every road this much beyond its nearest */
#define LY_WALK_OFFROAD_M 60.0 /* walking areas: the most a walk leaves the network */
#define LY_WALK_CELL_M 10.0    /* walking areas: the grid's cell (larger for huge areas) */
#define LY_WALK_MAX_BANDS 8
/* How far the viewer's Nearby tab and `louyu nearby` walk from a building: the 15 minute
 * area and the places a tenant would still call near. */
#define LY_WALK_NEARBY_M 2400.0

/* The walking graph of a district. */
typedef struct ly_walk ly_walk;

/* NULL when out of memory. A district without roads gives an empty graph (valid). */
ly_walk *ly_walk_create(const ly_district *d, const ly_geo *geo);
void ly_walk_destroy(ly_walk *w);
size_t ly_walk_nodes(const ly_walk *w);
size_t ly_walk_edges(const ly_walk *w);

/* Walking distances from one origin, up to a limit (metres). */
typedef struct ly_walk_from ly_walk_from;

/* From building `building` (an index into d->buildings): NULL when out of memory or
 * when there is no such building. */
ly_walk_from *ly_walk_search_building(const ly_walk *w, const ly_district *d, const ly_geo *geo,
                                      size_t building, double limit_m);
/* From the point (x, y), local metres. NULL when out of memory. */
ly_walk_from *ly_walk_search_point(const ly_walk *w, double x, double y, double limit_m);
void ly_walk_from_destroy(ly_walk_from *s);

/* Walking metres from the origin to the point (x, y); < 0 beyond the search's limit or
 * unreachable. */
double ly_walk_distance(const ly_walk *w, const ly_walk_from *s, double x, double y);

/* The route to (x, y) as a polyline of x, y pairs from the origin (a building: the
 * point of its outline where the walk starts) along the roads' real geometry to the
 * point, the off-road legs included; its length is ly_walk_distance's. Writes the
 * first min(cap, result) points to xy; returns how many the route has, 0 when the
 * point is beyond the limit or unreachable (or out of memory). */
size_t ly_walk_path(const ly_walk *w, const ly_walk_from *s, double x, double y, double *xy,
                    size_t cap);

/* For each POI category, the POI nearest by walking: its index in d->features and the
 * walking metres; -1 and -1 when none lies within the search's limit. */
typedef struct {
    long feature[LY_POI_COUNT];
    double metres[LY_POI_COUNT];
} ly_walk_nearby;

void ly_walk_nearby_pois(const ly_walk *w, const ly_walk_from *s, const ly_district *d,
                         const ly_geo *geo, ly_walk_nearby *out);
/* The categories that have a nearest POI, nearest first (ties by category), into
 * order[]; returns how many. */
int ly_walk_nearby_order(const ly_walk_nearby *nb, int order[LY_POI_COUNT]);

/* Walking areas for n limits (metres, ascending; 1 <= n <= LY_WALK_MAX_BANDS; e.g.
 * 375/750/1125 for 5/10/15 minutes). Band i is everything within limits[i] (bands
 * nest: band i covers band i - 1). Vertices, not triangles or segments, are counted:
 * band i's triangles are tri[first_tri[i] ...] in threes, count_tri[i] vertices; its
 * outline segments seg[first_seg[i] ...] in twos. A limit beyond the search's limit
 * sees only what the search reached: search with the largest limit you will draw. */
typedef struct {
    float (*tri)[2];
    size_t n_tri; /* vertices, 3 per triangle */
    size_t first_tri[LY_WALK_MAX_BANDS], count_tri[LY_WALK_MAX_BANDS];
    float (*seg)[2];
    size_t n_seg; /* vertices, 2 per segment */
    size_t first_seg[LY_WALK_MAX_BANDS], count_seg[LY_WALK_MAX_BANDS];
    int n_bands;
    double cell_m; /* the grid's cell: the outlines are good to about this */
} ly_walk_areas;

/* Returns 0, or -1 when out of memory (out is then zeroed). */
int ly_walk_isochrones(const ly_walk *w, const ly_walk_from *s, const double *limits_m, int n,
                       ly_walk_areas *out);
void ly_walk_areas_deinit(ly_walk_areas *a);

#endif
