/* louyu labels: building names over the map, placed so they never overlap.
 *
 * Each frame, every named building is a candidate anchored above its roof
 * (ly_building_name: its name in the UI's language on top, the other under it);
 * a building with no name at all gets no label, except the selected one, which
 * shows what ly_building_title calls it (its address, or its kind and id).
 * A label is hidden when its anchor is off screen or behind another building
 * (a ray through the BVH), when it would overlap a label of higher priority
 * (the selection first, then the hovered building, then taller buildings), or
 * when it or its stem would lie over the selected building as drawn (what the
 * user is looking at, and what hides the buildings behind it); it fades out
 * with distance, and fades in and out over time instead of popping. The
 * selection's own label is not dropped for want of room: it slides along its
 * stem, is cut short ("…") to the gap the panels leave, or goes under its
 * anchor. ly_labels_init allocates the per-building fade state;
 * ly_labels_deinit frees it. No GL: labels are added to a ly_drawlist. */
#ifndef LOUYU_LABELS_H
#define LOUYU_LABELS_H

#include "louyu/bvh.h"
#include "louyu/camera.h"
#include "louyu/draw.h"
#include "louyu/stacking.h"

typedef struct ly_label_scratch ly_label_scratch;

typedef struct {
    float *alpha; /* per building, 0..1 */
    size_t n;
    uint32_t *order;       /* the buildings whose labels were drawn in the last update */
    float (*boxes)[4];     /* and their pills: x0, y0, x1, y1 (pixels) */
    size_t n_shown;
    bool fading;           /* some label is still fading: the next update draws it otherwise */
    ly_label_scratch *scratch; /* per-frame work arrays, allocated once */
} ly_labels;

typedef struct {
    int width, height;
    float scale;        /* UI scale: 1 desktop, 1.5-2 kiosk and HiDPI */
    ly_lang lang;       /* the name in this language on top, the other below */
    bool one_name;      /* the top name only (the font has no Chinese characters) */
    long selected, hovered;
    double dt;          /* seconds since the last update; large values snap the fades */
    const float (*reserved)[4]; /* screen boxes (x0, y0, x1, y1) labels must keep off: panels */
    size_t n_reserved;
    /* the selected building's stacking plan where it is shown (its slabs, pulled apart,
     * stand taller than the building): other names keep off them; NULL: none */
    const ly_stacking *stacking;
} ly_label_options;

int ly_labels_init(ly_labels *l, size_t n_buildings);
void ly_labels_deinit(ly_labels *l);
void ly_labels_update(ly_labels *l, const ly_district *d, const ly_bvh *bvh,
                      const ly_camera_matrices *m, const ly_label_options *opt,
                      ly_drawlist *dl);
/* The building whose label (drawn in the last update, more than half faded in) holds the
 * pixel x, y; -1 for none. A label stands over the buildings: a click on it means its
 * building, not the one behind. */
long ly_labels_at(const ly_labels *l, float x, float y);

#endif
