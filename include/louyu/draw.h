/* louyu draw: a 2D draw list for everything drawn over the map (labels,
 * tooltips, compass, scale bar, panels), drawn by the renderer in one pass.
 *
 * Vertices are in window pixels (y down) with a colour and atlas UVs; a
 * negative u marks a solid-coloured vertex, so shapes and text share one
 * buffer, one texture (the font atlas) and one draw call. Pictures (icons, a
 * camera's live image) are the exception: ly_draw_image starts a command that
 * samples an RGBA picture the renderer holds in a numbered slot (its vertex
 * colour tints it; solid shapes still draw in it). The list owns its
 * arrays (ly_draw_init / ly_draw_deinit); ly_draw_clear empties it each frame
 * and keeps the memory. Text goes through the ly_font given at init. No GL. */
#ifndef LOUYU_DRAW_H
#define LOUYU_DRAW_H

#include "louyu/font.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct {
    float x, y, u, v;
    uint8_t rgba[4];
} ly_draw_vertex; /* 20 bytes */

typedef struct {
    int x, y, w, h; /* pixels, y down */
} ly_draw_clip;

/* Picture slots: 0 is the font atlas, 1 ... LY_DRAW_IMAGES - 1 are RGBA pictures. */
enum { LY_DRAW_IMAGES = 8, LY_DRAW_IMAGE_ICONS = 1, LY_DRAW_IMAGE_CAMERA = 2 };
/* A range of indices drawn with one scissor rectangle and one picture. */
typedef struct {
    size_t first, count;
    ly_draw_clip clip; /* w = 0: no clip */
    int image;         /* 0: the font atlas; else a picture slot */
} ly_draw_cmd;

typedef struct {
    ly_draw_vertex *vertices;
    uint32_t n_vertices, cap_vertices;
    uint32_t *indices;
    size_t n_indices, cap_indices;
    ly_draw_cmd *cmds;
    size_t n_cmds, cap_cmds;
    ly_draw_clip clip;
    int image; /* the picture slot of what follows */
    ly_font *font;
    bool failed; /* an allocation failed: the frame may be incomplete */
} ly_drawlist;

typedef struct {
    uint8_t r, g, b, a;
} ly_color;

void ly_draw_init(ly_drawlist *dl, ly_font *font);
void ly_draw_deinit(ly_drawlist *dl);
void ly_draw_clear(ly_drawlist *dl);
/* Scissor for what follows (w = 0 removes it). */
void ly_draw_set_clip(ly_drawlist *dl, ly_draw_clip clip);

void ly_draw_rect(ly_drawlist *dl, float x, float y, float w, float h, ly_color c);
void ly_draw_round_rect(ly_drawlist *dl, float x, float y, float w, float h, float radius,
                        ly_color c);
/* A soft shadow under a rounded rectangle: `blur` pixels of fading edge. hollow > 0 leaves
 * out the middle of its solid core, more than `hollow` pixels in from the core's edge: for
 * a shape drawn over the shadow that covers all of the core but that (software GL pays
 * for every pixel drawn, hidden or not). 0 draws the whole core. */
void ly_draw_shadow(ly_drawlist *dl, float x, float y, float w, float h, float radius, float blur,
                    float hollow, ly_color c);
void ly_draw_line(ly_drawlist *dl, float x0, float y0, float x1, float y1, float width,
                  ly_color c);
void ly_draw_triangle(ly_drawlist *dl, float x0, float y0, float x1, float y1, float x2, float y2,
                      ly_color c);
void ly_draw_circle(ly_drawlist *dl, float cx, float cy, float r, ly_color c);
void ly_draw_ring(ly_drawlist *dl, float cx, float cy, float r, float width, ly_color c);
/* The rectangle x, y, w, h showing the part u0, v0 - u1, v1 (0..1, v down) of the
 * picture in `slot` (1 ... LY_DRAW_IMAGES - 1), multiplied by `tint`; what follows
 * draws with the slot it drew with before. */
void ly_draw_image(ly_drawlist *dl, int slot, float x, float y, float w, float h, float u0,
                   float v0, float u1, float v1, ly_color tint);
/* Draws what follows with the picture in `slot` (0: the atlas, for text): shapes
 * draw in any slot, so a run of icons on discs stays one command. */
void ly_draw_set_image(ly_drawlist *dl, int slot);
/* One line of text with its baseline at y; returns the advance in pixels. */
float ly_draw_text(ly_drawlist *dl, float x, float y, float px, ly_color c, const char *utf8);

static inline ly_color ly_rgba(uint8_t r, uint8_t g, uint8_t b, uint8_t a)
{
    return (ly_color){r, g, b, a};
}

static inline ly_color ly_color_alpha(ly_color c, float k)
{
    float a = c.a * (k < 0 ? 0 : k > 1 ? 1 : k);
    return (ly_color){c.r, c.g, c.b, (uint8_t)(a + 0.5f)};
}

#endif
