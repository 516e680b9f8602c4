/* louyu font: text with CJK glyphs on demand, for the renderer to draw.
 *
 * A ly_font wraps one font face (TrueType or OpenType/CFF, also a face of a
 * .ttc collection) read with stb_truetype, and a single-channel glyph atlas
 * packed with stb_rect_pack. Glyphs are rasterised the first time they are
 * laid out, at the exact pixel size asked for (so text is crisp at 1x and 2x
 * scale); the atlas grows when full, and when it cannot grow it is cleared
 * and refilled on demand (its `generation` changes, so the renderer uploads
 * it whole). The renderer uploads the dirty rectangle and then calls
 * ly_font_atlas_clean. No GL here.
 *
 * Sizes (px) are the em size in pixels, as CSS font-size: an ideograph is
 * about px wide, and a line needs about 1.25 px of height.
 *
 * ly_font_find asks fontconfig for a sans-serif face that covers Chinese;
 * ly_font_find_remembered remembers its answer between runs.
 * ly_font_create maps the file read-only (read whole where it cannot be
 * mapped), so only the pages text needs are ever read; ly_font_destroy
 * unmaps and frees everything. Not thread-safe: one font per thread. */
#ifndef LOUYU_FONT_H
#define LOUYU_FONT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct ly_font ly_font;

typedef struct {
    int width, height;   /* pixels, one byte each (coverage 0-255) */
    const uint8_t *pixels;
    int dirty_x0, dirty_y0, dirty_x1, dirty_y1; /* changed since the last clean; empty if x0 >= x1 */
    unsigned generation; /* changes when the atlas is resized or cleared */
} ly_font_atlas;

/* One glyph to draw: a screen rectangle (pixels, y down, relative to the
 * origin given to ly_font_layout) and its atlas rectangle (0..1 UVs). */
typedef struct {
    float x0, y0, x1, y1;
    float u0, v0, u1, v1;
} ly_glyph_quad;

typedef struct {
    float ascent, descent, line_gap; /* pixels; descent is negative */
} ly_font_metrics;

/* Finds a font file for `lang` (e.g. "zh-cn") through fontconfig. Writes the
 * path to buf and the face index within the file; returns false if none. */
bool ly_font_find(const char *lang, char *buf, size_t n, int *face_index);
/* ly_font_find with a memory, for start-up: fontconfig's last answer, kept in the
 * file `memo` (NULL: $XDG_CACHE_HOME/louyu/font-match), is taken while the font
 * file (size, time of change) and what fontconfig reads (its configuration, its
 * caches, the font folders) are as they were, which spares fontconfig's set-up;
 * otherwise fontconfig is asked and its answer remembered. A missing, stale or
 * damaged memo, or one that cannot be written, just means asking fontconfig.
 * *remembered (may be NULL) says whether the memo answered. */
bool ly_font_find_remembered(const char *lang, const char *memo, char *buf, size_t n,
                             int *face_index, bool *remembered);

ly_font *ly_font_create(const char *path, int face_index, char *err, size_t err_len);
void ly_font_destroy(ly_font *f);
/* Draws with the face at `path` from now on, in place of f's: for a fuller cut of the
 * same typeface (the browser's wide subset), so that sizes stay as they were. The atlas
 * starts over (a new generation). Returns 0, or -1 with f unchanged and why in err. */
int ly_font_replace(ly_font *f, const char *path, int face_index, char *err, size_t err_len);

ly_font_metrics ly_font_get_metrics(const ly_font *f, float px);

/* Lays out one line of UTF-8 text at pixel size px with its baseline at
 * (x, y): writes up to `cap` quads (spaces and missing glyphs make none),
 * returns the number of quads it would write in all, and the pen advance in
 * *advance (may be NULL). Invalid UTF-8 shows as U+FFFD. Rasterises glyphs
 * it has not seen at this size. */
size_t ly_font_layout(ly_font *f, const char *utf8, float px, float x, float y,
                      ly_glyph_quad *out, size_t cap, float *advance);

/* The width in pixels of one line of text (no rasterising). */
float ly_font_measure(ly_font *f, const char *utf8, float px);

const ly_font_atlas *ly_font_get_atlas(const ly_font *f);
/* Releases fontconfig's process-wide caches; call once at exit, after every
 * font is destroyed (keeps leak checkers quiet). */
void ly_font_library_shutdown(void);
void ly_font_atlas_clean(ly_font *f);

#endif
