/* louyu places: the points of interest (and, for operators, the cameras) on the map.
 *
 * Each frame every place of a shown category is a candidate: a white pictogram on a
 * disc of its category's colour (icons.h), standing on a short stem over its spot.
 * A place is hidden when its spot is off screen or behind a building (a ray through
 * the BVH), or when its marker would overlap a panel, a building's label (the labels
 * are placed first: names of buildings win) or a marker of higher priority. The
 * hovered and the chosen place (a route's end) show whatever they overlap or stand
 * behind, and whatever kinds are shown; the others rank by category
 * (metro, Red Clubhouse, government, hospital, bus, parking, school, bank, hotel,
 * restaurant, park, landmark), then the nearer first. Markers fade with distance and over time, as the labels do. The hovered
 * place shows its name in both languages and its category beside the marker.
 *
 * A place opened after the data's date (`since` later than its year) is shown only
 * when `later` is set. Cameras are candidates only when `cameras` is set: the
 * viewer sets it in operations mode alone.
 *
 * ly_places_init allocates the per-feature state; ly_places_deinit frees it. No GL:
 * markers go into a ly_drawlist, their pictograms from the picture slot
 * LY_DRAW_IMAGE_ICONS. */
#ifndef LOUYU_PLACES_H
#define LOUYU_PLACES_H
#include "louyu/bvh.h"
#include "louyu/camera.h"
#include "louyu/draw.h"
#include "louyu/geo.h"

typedef struct {
    uint32_t feature;
    float x, y, r; /* the marker's centre and radius on screen (pixels) */
} ly_place_shown;

typedef struct ly_places_scratch ly_places_scratch;
typedef struct {
    float *alpha; /* per feature, 0..1 */
    size_t n;
    ly_place_shown *shown; /* the markers drawn by the last update, in drawing order */
    size_t n_shown;
    bool fading;
    ly_places_scratch *scratch;
} ly_places;

typedef struct {
    int width, height;
    float scale;
    ly_lang lang;
    uint32_t categories; /* bit c: places of category c are shown */
    bool later;          /* places opened after the data's date are shown too */
    uint32_t later_kinds; /* bit c: those of category c shown too (the finder counts them) */
    bool cameras;        /* the cameras too (operations mode) */
    long hovered, chosen; /* features (-1: none); the hovered one says its name */
    double dt;
    const float (*reserved)[4]; /* screen boxes to keep off: panels and labels */
    size_t n_reserved;
} ly_places_options;

int ly_places_init(ly_places *p, size_t n_features);
void ly_places_deinit(ly_places *p);
void ly_places_update(ly_places *p, const ly_district *d, const ly_geo *geo, const ly_bvh *bvh,
                      const ly_camera_matrices *m, const ly_places_options *o,
                      ly_drawlist *dl);
/* The place whose marker (drawn by the last update) is under x, y, or -1. */
long ly_places_at(const ly_places *p, float x, float y);
/* Whether a place is a candidate at all under these options (category, date, camera). */
bool ly_places_wanted(const ly_district *d, size_t feature, const ly_places_options *o);
#endif
