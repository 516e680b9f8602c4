/* louyu render: the only code that calls OpenGL (3.3 core, through libepoxy).
 *
 * A ly_renderer owns every GL object it makes: shaders (read from a shader
 * folder), the district's static buffers (one vertex and one index buffer per
 * mesh chunk, one for the ground), a 2D texture with three RGBA32F texels
 * per building (colour; storey heights and state flags; a glowing height
 * band) that drives colour, highlight, dimming and the tenant finder's glow
 * without touching the meshes, the glyph atlas and the streamed UI buffers,
 * and an optional offscreen target for shots.
 *
 * Each pass sets the state it needs (depth, blending, culling), so no pass
 * inherits stray state. Needs a current GL 3.3 core context; create and
 * destroy it on the thread that owns the context. ly_renderer_create
 * allocates; ly_renderer_destroy frees every GL object and the struct. */
#ifndef LOUYU_RENDER_H
#define LOUYU_RENDER_H

#include "louyu/draw.h"
#include "louyu/font.h"
#include "louyu/ground.h"
#include "louyu/mesh.h"
#include "louyu/overlay.h"
#include "louyu/stacking.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct {
    const char *vendor, *renderer, *version, *glsl;
    int gl_version; /* e.g. 33 for 3.3 */
    int max_texture_size, max_samples;
    int max_target_size; /* the largest offscreen target a side: viewport and renderbuffer limits */
} ly_render_info;

/* Returns 0, or -1 when the context is older than OpenGL 3.3. */
int ly_render_query_info(ly_render_info *out);

typedef struct ly_renderer ly_renderer;

/* Per-building state flags (the z of the second texel). */
enum {
    LY_BSTATE_SELECTED = 1,
    LY_BSTATE_HOVERED = 2,
    LY_BSTATE_DIMMED = 4,
    LY_BSTATE_SITE = 8,  /* under construction: translucent with a scaffold grid */
    LY_BSTATE_HIDDEN = 16 /* not drawn (shown as its stacking plan instead) */
};

/* Three texels per building, as the building shader reads them. */
typedef struct {
    float r, g, b, a;
    float storey_m, ground_storey_m, flags, top_m;
    /* a height band that glows (lo < hi), and which of its floors do: bit k of
     * glow_bits_lo (k < 24) or glow_bits_hi (24 + k) is the band's floor k, as
     * whole numbers (exact in a float); bit 23 of hi stands for the rest */
    float glow_lo_m, glow_hi_m, glow_bits_lo, glow_bits_hi;
} ly_building_style;

typedef struct {
    int width, height; /* of the target, pixels */
    float view_proj[16], inv_view_proj[16];
    float eye[3];
    float sun[3];         /* unit vector towards the sun */
    float fog_distance;   /* metres where fog reaches 63 % */
    bool draw_sites;      /* run the translucent pass for buildings under construction */
    /* radians of view per pixel (vertical): chunks far enough for a block of their
     * far level to stay within about two pixels are drawn at that level, fading
     * between levels; 0 draws every chunk in full */
    float pixel_angle;
    /* the target's top-left corner in the overlay's pixels: 0, 0 for a whole picture,
     * the tile's corner when a large image is drawn tile by tile */
    int ui_x, ui_y;
} ly_render_frame;

/* What the last frame drew. */
typedef struct {
    size_t chunks, culled;             /* chunks drawn; chunks outside the view or the fog */
    size_t tiles_culled;               /* tiles of the chunks drawn that were not */
    size_t at_level[1 + LY_MESH_LODS]; /* tiles drawn in full, at each far level (fades count twice) */
    size_t triangles;                  /* buildings' triangles submitted */
    size_t flushes;                    /* parts they were flushed in (ly_renderer_set_flush) */
    size_t uploads, evictions;         /* chunks' full meshes sent to / dropped from the GPU */
    size_t deferred;                   /* chunks drawn at a far level for want of room or time */
    size_t waiting; /* of those, the ones whose full mesh waits for a frame with time to upload it */
    size_t resident_bytes;             /* full chunk meshes on the GPU now (not the far levels) */
    size_t full_resident;              /* chunks whose full mesh is on the GPU now */
    bool still; /* the 3D scene was the frame before's, copied (the rest: of that frame) */
    int sky_rows; /* rows the sky was drawn over (only those that can show it; 0: none) */
} ly_render_stats;

/* shader_dir must hold the shaders/ files. On failure returns NULL with a
 * message naming the file and the GL log. */
ly_renderer *ly_renderer_create(const char *shader_dir, char *err, size_t err_len);
/* As ly_renderer_create, but the programs' compiling and linking is only begun: where GL
 * does that elsewhere (a browser's GPU process) it goes on while the caller does other
 * work (the browser parses its district meanwhile). ly_renderer_end_programs ends it:
 * 0, or -1 with the message (and nothing is drawn); the first draw ends it too, logging
 * a failure. NULL only when a shader cannot be read. */
ly_renderer *ly_renderer_begin(const char *shader_dir, char *err, size_t err_len);
int ly_renderer_end_programs(ly_renderer *r, char *err, size_t err_len);
void ly_renderer_destroy(ly_renderer *r);

/* Replaces the district on the GPU (meshes, ground); returns 0 or -1. The far
 * levels go up now; a chunk's full mesh when a frame first draws it in full, read
 * from mesh->chunks[i], which must stay where it is until the next upload or
 * ly_renderer_destroy (the ly_mesh struct itself may move). */
int ly_renderer_upload_scene(ly_renderer *r, const ly_mesh *mesh, const ly_ground *ground);
/* The ceiling for chunk meshes on the GPU (0: none): full meshes not drawn in the
 * current frame are dropped, least recently drawn first, to make room; a chunk
 * that still does not fit is drawn at its finest far level. */
void ly_renderer_set_mem_limit(ly_renderer *r, size_t bytes);
/* The time a frame may spend sending chunks' full meshes to the GPU (0, the default: no
 * limit). Past it, a frame draws the chunks still to come at their finest far level and
 * says so (stats.waiting): the caller draws again, and later frames bring them. A city
 * then shows at once, coarse near the eye for a few frames; a picture (louyu shot, an
 * exported image) is drawn with no limit. Returns the budget it replaces. */
double ly_renderer_set_upload_budget(ly_renderer *r, double ms);
/* The buildings' triangles drawn between flushes: software GL (llvmpipe) keeps every
 * triangle of a frame until it is flushed, so the renderer flushes it in parts of 8,192
 * there (0 elsewhere: none). For tests, which check the picture is the same in any parts.
 * Returns the number it replaces. */
unsigned ly_renderer_set_flush(ly_renderer *r, unsigned triangles);
/* Where an upload reads a mesh array p[0, n) from. read (NULL: in place) either copies it
 * into buf and returns buf, or returns p; done (NULL: nothing) is told of each array read
 * in place once the GPU has its copy. A scene mapped from its cache reads its file
 * (mapping the pages would cost more) and gives back the pages it did map. */
typedef struct {
    const void *(*read)(void *ctx, const void *p, size_t n, void *buf);
    void (*done)(void *ctx, const void *p, size_t n);
    void *ctx;
} ly_mesh_source;
void ly_renderer_set_mesh_source(ly_renderer *r, const ly_mesh_source *src);
/* Uploads a stacking plan to draw with the buildings (NULL or an empty one: none). */
void ly_renderer_set_stacking(ly_renderer *r, const ly_stacking *st);
/* Updates the per-building texture (n styles). */
void ly_renderer_set_building_styles(ly_renderer *r, const ly_building_style *styles, size_t n);

/* Shapes on the ground (overlay.h: walking areas, a route, view cones), drawn over
 * the ground and behind buildings in front of them; the list is copied (n vertices,
 * three per triangle; NULL or 0: none). The first n_land of them (the walking areas)
 * are not drawn where water is the ground's top layer, where the target has a stencil
 * buffer; the rest are drawn everywhere. */
void ly_renderer_set_overlay(ly_renderer *r, const ly_overlay_vertex *v, size_t n,
                             size_t n_land);
/* An RGBA picture (rows top first) for ly_draw_image's `slot` (1 ... LY_DRAW_IMAGES - 1),
 * copied to the GPU, with mipmaps when asked (a picture drawn much smaller than it is);
 * NULL removes it. */
void ly_renderer_set_image(ly_renderer *r, int slot, const uint8_t *rgba, int w, int h,
                           bool mipmaps);
/* Draws a frame into the bound target (the window, or the offscreen target
 * between target_begin and target_read): sky, ground, buildings, then the UI
 * list on top. ui may be NULL; atlas may be NULL when the list has no text. */
void ly_renderer_draw(ly_renderer *r, const ly_render_frame *frame, const ly_drawlist *ui,
                      const ly_font_atlas *atlas);

/* MSAA samples for the 3D scene (default 0: louyu's choice, 4, or 2 for a target over 5
 * million pixels such as 4K; < 0 or 1 turns it off). The scene is
 * drawn into a multisampled buffer and resolved into the bound target; if the
 * driver refuses the buffer, drawing goes on without MSAA. */
void ly_renderer_set_msaa(ly_renderer *r, int samples);
/* Samples the last frame really used (0: none). */
int ly_renderer_msaa(const ly_renderer *r);

/* An offscreen target of w x h for shots (drawn exactly as on screen, with
 * the same MSAA setting); binds it; returns 0 or -1. */
int ly_renderer_target_begin(ly_renderer *r, int w, int h);
/* Reads the target as RGBA rows, top row first. */
int ly_renderer_target_read(ly_renderer *r, uint8_t *rgba);
void ly_renderer_target_end(ly_renderer *r);

/* Waits for the GPU to finish the frame (for timing). */
void ly_renderer_finish(ly_renderer *r);

/* The parts of a frame whose time on the GPU can be measured (ly_renderer_part_ms):
 * clearing the scene's buffers, the opaque buildings (with a stacking plan), the ground
 * with its shapes, the sky, building sites, the multisample resolve, the overlay (UI), and
 * the platform's presentation of the frame. */
enum {
    LY_PART_CLEAR,
    LY_PART_BUILDINGS,
    LY_PART_GROUND,
    LY_PART_SKY,
    LY_PART_SITES,
    LY_PART_RESOLVE,
    LY_PART_UI,
    LY_PART_PRESENT,
    LY_PARTS
};
extern const char *const ly_part_names[LY_PARTS]; /* "clear", "buildings", ... */
/* Times each frame's parts on the GPU from now on (on) or no longer; false where the GL has
 * no timer queries (the browser's WebGL2). Each timed frame waits for the last one's. */
bool ly_renderer_time_parts(ly_renderer *r, bool on);
/* Marks the end of the frame's presentation: call after the platform's swap. */
void ly_renderer_mark_presented(ly_renderer *r);
/* After ly_renderer_finish: the last frame's GPU milliseconds per part; false where that
 * frame was not timed (timing off, or it reused the still scene). */
bool ly_renderer_part_ms(ly_renderer *r, double ms[LY_PARTS]);
void ly_renderer_stats(const ly_renderer *r, ly_render_stats *out);
/* GL objects currently alive (buffers, textures, programs, ...): for leak checks. */
size_t ly_renderer_gl_objects(const ly_renderer *r);

/* The context's health after a frame. LOST: the context was reset (a GPU
 * hang or driver restart; reported where the context is robust, which the
 * platform asks for); nothing more can be drawn with it. FAILING: the frame
 * raised GL_OUT_OF_MEMORY (or GL_CONTEXT_LOST without a robust context). */
typedef enum { LY_RENDER_OK, LY_RENDER_FAILING, LY_RENDER_LOST } ly_render_health;
ly_render_health ly_renderer_health(ly_renderer *r);

#endif
