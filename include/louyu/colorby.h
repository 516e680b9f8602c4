/* louyu colorby: colour the district's buildings by an attribute, with a
 * legend.
 *
 * Numeric modes classify every building into up to five classes with
 * rounded ("nice") breaks taken from the data's quantiles (or one class per
 * value when there are five values or fewer), coloured along a
 * perceptually uniform, colour-blind-safe ramp (viridis: lightness rises
 * monotonically from the first class to the last). The dominant industry is
 * categorical (the Okabe-Ito palette). Buildings without the attribute are
 * "no data", drawn in a neutral grey that is not on any ramp. The change since
 * the week before has fixed breaks on a diverging blue-orange scale (blue: space
 * let, orange: space vacated; both tell apart in every common colour blindness). Pure
 * computation: ly_colorby_compute allocates the per-building arrays in the
 * result; ly_colorby_deinit frees them. No GL. */
#ifndef LOUYU_COLORBY_H
#define LOUYU_COLORBY_H

#include "louyu/district.h"
#include "louyu/strings.h"

typedef enum {
    LY_COLOR_NONE, /* plain walls */
    LY_COLOR_OCCUPANCY,
    LY_COLOR_VACANT_AREA,
    LY_COLOR_ENTERPRISES,
    LY_COLOR_TAX,
    LY_COLOR_INDUSTRY,
    LY_COLOR_AGE,
    LY_COLOR_HEIGHT,
    LY_COLOR_CHANGE, /* vacant m² since the week before (a store's history) */
    LY_COLOR_MODES
} ly_color_mode;

enum { LY_COLORBY_MAX_CLASSES = 8 };

typedef struct {
    char label[80]; /* "80 – 90 %", "金融", "No data" */
    uint8_t rgb[3];
    size_t count;   /* buildings in this class */
    double lo, hi;  /* numeric modes: lo <= value < hi (the last class includes hi) */
} ly_colorby_class;

typedef struct {
    ly_color_mode mode;
    ly_colorby_class classes[LY_COLORBY_MAX_CLASSES];
    int n_classes;            /* not counting "no data" */
    ly_colorby_class no_data; /* count 0 when every building has a value */
    int *class_of;            /* per building: class index, or -1 for no data */
    double *value;            /* per building: the value (numeric modes), NAN for no data */
    size_t n;
} ly_colorby;

/* "occupancy", "vacant", "enterprises", "tax", "industry", "age", "height",
 * "change", "none";
 * -1 for anything else. */
int ly_color_mode_parse(const char *s);
const char *ly_color_mode_key(ly_color_mode m);
/* The legend title with its unit, in a language. */
const char *ly_color_mode_title(ly_color_mode m, ly_lang lang);

/* Returns 0, or -1 when out of memory (cb is then zeroed). */
int ly_colorby_compute(ly_colorby *cb, const ly_district *d, ly_color_mode mode, ly_lang lang);
void ly_colorby_deinit(ly_colorby *cb);

/* The ramp colour at t in 0..1 (viridis, sRGB), and CIE L* of an sRGB colour. */
void ly_colorby_ramp(double t, uint8_t rgb[3]);
double ly_color_lightness(const uint8_t rgb[3]);

#endif
