/* The scene: a loaded district and everything built from it (projected
 * points, mesh, BVH, ground, label state), made and freed as a whole.
 *
 * ly_scene_load reads and builds a scene without GL or app state, so it can
 * run on a loader thread (ly_reload); the app swaps a built scene in between
 * frames (commands.c), or keeps the old one when the new data is bad. A URL
 * source is fetched there too (fetch.h): the network never blocks a frame. */
#ifndef LOUYU_APP_SCENE_H
#define LOUYU_APP_SCENE_H

#include "louyu/bvh.h"
#include "louyu/cache.h"
#include "louyu/district.h"
#include "louyu/fetch.h"
#include "louyu/geo.h"
#include "louyu/ground.h"
#include "louyu/labels.h"
#include "louyu/mesh.h"
#include "louyu/places.h"
#include "louyu/progress.h"

#include <stdatomic.h>
#include <stdbool.h>

typedef struct {
    ly_district district;
    ly_geo geo;
    ly_mesh mesh;
    ly_bvh bvh;
    ly_ground ground;
    ly_labels labels;
    ly_places places; /* the markers of the points of interest (and cameras) */
    bool loaded;
    bool has_sites; /* buildings under construction: the translucent pass is needed */
    /* the scene cache's mapping when the arrays above live in it (cache.h), or NULL:
     * ly_scene_free clears them before freeing the rest */
    ly_cache *cache;
} ly_scene;

/* How a scene is loaded (zero: a plain load). */
typedef struct {
    /* a reload: a URL source builds a scene only from a new download; when its
     * fetch brings nothing new (304, the copy's bytes) or fails while a copy is
     * on disk, the result is LY_LOAD_OK with next->loaded false */
    bool poll;
    ly_fetch_result *fetch;    /* a URL source: what its fetch did (may be NULL) */
    const atomic_bool *cancel; /* abandons a URL's fetch when set (may be NULL) */
    /* build from the file even when a scene cache could be mapped, and write none
     * (also when the environment has LOUYU_NO_CACHE=1) */
    bool no_cache;
    ly_progress *progress; /* the load's stages, for a bar or a line (may be NULL) */
    const char *lod;       /* a CityJSON file's level of detail (NULL: the best; no cache) */
    bool skip_bad;         /* GeoJSON: features with errors left out (ly_load_desc) */
    /* a district of no buildings is refused (LY_LOAD_DATA, "it has no buildings") and
     * not cached: a reload over a district on screen, where an emptied file is a broken
     * export, not a district to show (nor to push a cache in use out of the folder) */
    bool need_buildings;
} ly_scene_desc;

/* Reads `path` (a file or an http(s) URL) and builds a scene into *next
 * (zeroed on failure, diags says why). desc may be NULL. Returns a
 * ly_load_result. A GeoJSON file is built once and then mapped from its scene
 * cache (cache.h) while its bytes stay the same; the warnings come back with it. */
int ly_scene_load(ly_scene *next, const char *path, const ly_scene_desc *desc,
                  ly_diag_list *diags);
/* The same from GeoJSON text in memory (`name` is used in messages; the text is
 * not kept): no cache, no fetch. */
int ly_scene_load_mem(ly_scene *next, const char *text, size_t len, const char *name,
                      ly_diag_list *diags);
/* Frees everything and leaves the scene zeroed. */
void ly_scene_free(ly_scene *s);
/* Moves *from into *to (which must be free): the BVH follows its mesh. */
void ly_scene_move(ly_scene *to, ly_scene *from);

/* A scene being loaded on a thread. */
typedef struct ly_reload ly_reload;

/* What a finished reload was. */
typedef struct {
    char path[1024];
    double started_ms;
    bool url;              /* the source is a URL: `fetch` says what its fetch did */
    ly_fetch_result fetch;
} ly_reload_info;

/* Starts loading `path` on a loader thread (at a lower priority than frames);
 * `poll`, `lod`, `skip_bad` and `need_buildings` as in ly_scene_desc. Returns NULL when no
 * thread could be started. */
ly_reload *ly_reload_start(const char *path, bool poll, const char *lod, bool skip_bad,
                           bool need_buildings);
/* Whether the loader has finished (then ly_reload_finish does not wait). */
bool ly_reload_done(const ly_reload *rl);
/* How far the loader has come (stages, share done). */
const ly_progress *ly_reload_progress(const ly_reload *rl);
/* Asks the loader to give up a fetch under way (at exit: a server that hangs
 * must not hold the process for its timeout). */
void ly_reload_cancel(ly_reload *rl);
/* Waits for the loader and hands over its result: the scene (on LY_LOAD_OK;
 * not loaded when a poll found nothing new) into *next, its diagnostics
 * (sorted) into *diags (caller deinits), and what the reload was into *info.
 * Frees the reload. */
int ly_reload_finish(ly_reload *rl, ly_scene *next, ly_diag_list *diags, ly_reload_info *info);
/* Gives a reload up: cancels it, waits for its thread and frees what it made. */
void ly_reload_discard(ly_reload *rl);

#endif
