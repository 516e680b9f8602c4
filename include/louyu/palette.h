/* louyu palette: the colours the map is drawn in, shared by the renderer, the app and
 * the exports (so that a glTF looks like the viewer). sRGB, 0-1, as the shaders take
 * them. building.frag tints roofs with ly_palette_roof_tint itself (keep them equal). */
#ifndef LOUYU_PALETTE_H
#define LOUYU_PALETTE_H

#include "louyu/ground.h"

/* The buildings' walls when no colour-by mode is on. */
extern const float ly_palette_wall[3];
/* A roof is its walls' colour times this: cooler and a little darker. */
extern const float ly_palette_roof_tint[3];
/* A building site's volume (translucent, with a scaffold grid in the viewer). */
extern const float ly_palette_site[4];
/* Each ground layer's colour. */
extern const float ly_palette_ground[LY_GROUND_LAYERS][3];

#endif
