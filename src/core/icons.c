#include "louyu/icons.h"

#include <stb/stb_image.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* tools/embed-icons.py writes these (the build's gen/icons_data.c) */
struct ly_icon_file {
    const char *name;
    const unsigned char *png;
    size_t len;
};
extern const struct ly_icon_file ly_icon_files[];
extern const size_t ly_icon_n_files;

enum { CELL = 64 };

const char *ly_icon_name(int icon)
{
    if (icon >= 0 && icon < LY_POI_COUNT)
        return ly_poi_category_name((ly_poi_category)icon);
    return icon == LY_ICON_CAMERA ? "camera" : icon == LY_ICON_MORE ? "more" : "?";
}

ly_color ly_icon_color(int icon)
{
    /* one hue per category, dark enough for a white pictogram to stand out (at least
     * 3:1 against white, WCAG's ratio for graphics) */
    static const uint8_t rgb[LY_ICON_COUNT][3] = {
        [LY_POI_METRO] = {196, 30, 58},      [LY_POI_BUS] = {25, 118, 210},
        [LY_POI_BANK] = {0, 121, 107},       [LY_POI_HOTEL] = {123, 31, 162},
        [LY_POI_RESTAURANT] = {216, 67, 21}, [LY_POI_PARKING] = {21, 101, 192},
        [LY_POI_GOVERNMENT] = {69, 90, 100}, [LY_POI_LANDMARK] = {121, 85, 72},
        [LY_POI_HOSPITAL] = {211, 47, 47},   [LY_POI_SCHOOL] = {57, 73, 171},
        [LY_POI_PARK] = {46, 125, 50},       [LY_POI_RED_CLUBHOUSE] = {183, 28, 28},
        [LY_ICON_CAMERA] = {38, 50, 56},     [LY_ICON_MORE] = {96, 104, 118}};
    if (icon < 0 || icon >= LY_ICON_COUNT)
        icon = LY_ICON_MORE;
    return ly_rgba(rgb[icon][0], rgb[icon][1], rgb[icon][2], 255);
}

void ly_icon_uv(int icon, float uv[4])
{
    if (icon < 0 || icon >= LY_ICON_COUNT)
        icon = LY_ICON_MORE;
    /* half a texel in from the cell's edges: no bleeding from the neighbour */
    float w = (float)(CELL * LY_ICON_COUNT);
    uv[0] = ((float)(icon * CELL) + 0.5f) / w;
    uv[1] = 0.5f / CELL;
    uv[2] = ((float)((icon + 1) * CELL) - 0.5f) / w;
    uv[3] = 1.0f - 0.5f / CELL;
}

static const struct ly_icon_file *find(const char *name)
{
    for (size_t i = 0; i < ly_icon_n_files; i++)
        if (!strcmp(ly_icon_files[i].name, name))
            return &ly_icon_files[i];
    return NULL;
}

int ly_icons_load(ly_icon_sheet *s, char *err, size_t err_len)
{
    memset(s, 0, sizeof *s);
    s->cell = CELL;
    s->width = CELL * LY_ICON_COUNT;
    s->height = CELL;
    s->rgba = calloc((size_t)s->width * CELL, 4);
    if (!s->rgba) {
        snprintf(err, err_len, "out of memory");
        return -1;
    }
    for (int i = 0; i < LY_ICON_COUNT; i++) {
        const struct ly_icon_file *f = find(ly_icon_name(i));
        int w = 0, h = 0, n = 0;
        unsigned char *px = f ? stbi_load_from_memory(f->png, (int)f->len, &w, &h, &n, 1) : NULL;
        if (!px || w != CELL || h != CELL) {
            snprintf(err, err_len, "icon %s: %s", ly_icon_name(i),
                     !f ? "not in the build (assets/icons)" : "not a 64 x 64 PNG");
            stbi_image_free(px);
            ly_icons_unload(s);
            return -1;
        }
        for (int y = 0; y < CELL; y++)
            for (int x = 0; x < CELL; x++) {
                uint8_t *o = s->rgba + 4 * ((size_t)y * (size_t)s->width + (size_t)(i * CELL + x));
                o[0] = o[1] = o[2] = 255;
                o[3] = px[y * CELL + x];
            }
        stbi_image_free(px);
    }
    return 0;
}

void ly_icons_unload(ly_icon_sheet *s)
{
    if (!s)
        return;
    free(s->rgba);
    memset(s, 0, sizeof *s);
}
