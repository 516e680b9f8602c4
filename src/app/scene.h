/* The scene: a loaded district and everything built from it (projected
 * points, mesh, BVH, ground, label state), made and freed as a whole.
 *
 * ly_scene_load reads and builds a scene without GL or app state, so it can
 * run on a loader thread (ly_reload); the app swaps a built scene in between
 * frames (commands.c), or keeps the old one when the new data is bad. */
#ifndef LOUYU_APP_SCENE_H
#define LOUYU_APP_SCENE_H

#include "louyu/bvh.h"
#include "louyu/district.h"
#include "louyu/geo.h"
#include "louyu/ground.h"
#include "louyu/labels.h"
#include "louyu/mesh.h"

#include <stdbool.h>

typedef struct {
    ly_district district;
    ly_geo geo;
    ly_mesh mesh;
    ly_bvh bvh;
    ly_ground ground;
    ly_labels labels;
    bool loaded;
    bool has_sites; /* buildings under construction: the translucent pass is needed */
} ly_scene;

/* Reads `path` and builds a scene into *next (zeroed on failure, diags says
 * why). Returns a ly_load_result. */
int ly_scene_load(ly_scene *next, const char *path, ly_diag_list *diags);
/* Frees everything and leaves the scene zeroed. */
void ly_scene_free(ly_scene *s);
/* Moves *from into *to (which must be free): the BVH follows its mesh. */
void ly_scene_move(ly_scene *to, ly_scene *from);

/* A scene being loaded on a thread. */
typedef struct ly_reload ly_reload;

/* Starts loading `path` on a loader thread (at a lower priority than frames).
 * Returns NULL when no thread could be started. */
ly_reload *ly_reload_start(const char *path);
/* Whether the loader has finished (then ly_reload_finish does not wait). */
bool ly_reload_done(const ly_reload *rl);
/* Waits for the loader and hands over its result: the scene (on LY_LOAD_OK)
 * into *next, its diagnostics (sorted) into *diags (caller deinits), the path
 * and when it started. Frees the reload. */
int ly_reload_finish(ly_reload *rl, ly_scene *next, ly_diag_list *diags, char *path,
                     size_t path_len, double *started_ms);

#endif
