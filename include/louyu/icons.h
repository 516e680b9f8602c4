/* louyu icons: the map's pictograms, one per kind of place, and their colours.
 *
 * The pictograms were drawn for louyu (tools/make-icons.py writes the PNGs of assets/icons,
 * 64 x 64 grey masks); the build puts the PNGs inside the program
 * (tools/embed-icons.py) and ly_icons_load decodes them with stb_image into one
 * RGBA sheet, white with the mask as alpha, so that a vertex colour tints them. The
 * map draws each as a white pictogram on a disc of its category's colour.
 * ly_icons_load allocates the sheet; ly_icons_unload frees it. No GL. */
#ifndef LOUYU_ICONS_H
#define LOUYU_ICONS_H
#include "louyu/district.h"
#include "louyu/draw.h"

typedef enum {
    /* the first LY_POI_COUNT are the categories of places, in ly_poi_category's order */
    LY_ICON_CAMERA = LY_POI_COUNT,
    LY_ICON_MORE,
    LY_ICON_COUNT
} ly_icon;

typedef struct {
    uint8_t *rgba; /* cell x cell pixels per icon, in one row */
    int width, height, cell;
} ly_icon_sheet;

/* Returns 0, or -1 with a message (an icon missing from the build, or not a PNG). */
int ly_icons_load(ly_icon_sheet *s, char *err, size_t err_len);
void ly_icons_unload(ly_icon_sheet *s);
/* Where icon i lies in the sheet: u0, v0, u1, v1. */
void ly_icon_uv(int icon, float uv[4]);
/* The file name of icon i ("metro", ..., "camera", "more"). */
const char *ly_icon_name(int icon);
/* The disc colour of a category of place (LY_ICON_CAMERA: the cameras'). */
ly_color ly_icon_color(int icon);
#endif
