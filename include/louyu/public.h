/* louyu public: the district as it may be given to the public.
 *
 * Cameras (features of kind "camera": positions, headings and the addresses of their
 * pictures) are for the district's operators alone. What louyu writes for anyone else
 * (the portal's data/district.geojson, which kiosks and other tools read) goes through
 * ly_public_geojson, which removes them, and so does louyu export's GeoJSON; exports of
 * models and tables hold buildings only, and map images never draw cameras. */
#ifndef LOUYU_PUBLIC_H
#define LOUYU_PUBLIC_H
#include <stddef.h>

/* A GeoJSON document's text without its camera features: *out (malloc'd, NUL-ended,
 * the caller frees) and its length. *removed (may be NULL) says how many went. Returns
 * 0, or -1 when the text is not a JSON object with a "features" array or memory ran
 * out (*out is then NULL). */
int ly_public_geojson(const char *text, size_t len, char **out, size_t *out_len, size_t *removed);

/* The same, and without the features at the indices drop[0, n_drop) (ascending: the ones
 * a load with skip_bad left out) too; *removed counts the cameras. */
int ly_public_geojson_except(const char *text, size_t len, const long *drop, size_t n_drop,
                             char **out, size_t *out_len, size_t *removed);
#endif
