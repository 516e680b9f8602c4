#include "louyu/palette.h"

const float ly_palette_wall[3] = {0.905f, 0.895f, 0.875f};
const float ly_palette_roof_tint[3] = {0.86f, 0.88f, 0.93f};
const float ly_palette_site[4] = {0.95f, 0.92f, 0.86f, 0.42f};

/* One coherent, calm palette: warm light land, clear blue water, soft green parks,
 * white roads with warm grey kerbs. */
const float ly_palette_ground[LY_GROUND_LAYERS][3] = {
    [LY_GROUND_LAND] = {0.878f, 0.867f, 0.843f},
    [LY_GROUND_BOUNDARY_FILL] = {0.918f, 0.910f, 0.890f},
    [LY_GROUND_LAND_USE] = {0.902f, 0.894f, 0.878f},
    [LY_GROUND_WATER] = {0.600f, 0.765f, 0.902f},
    [LY_GROUND_COAST] = {0.800f, 0.878f, 0.930f},
    [LY_GROUND_PARK] = {0.745f, 0.859f, 0.694f},
    [LY_GROUND_ROAD_CASING] = {0.760f, 0.737f, 0.698f},
    [LY_GROUND_ROAD_MINOR] = {1.000f, 1.000f, 1.000f},
    [LY_GROUND_ROAD_MAJOR] = {1.000f, 0.976f, 0.902f},
    [LY_GROUND_BOUNDARY_LINE] = {0.545f, 0.478f, 0.667f},
};
