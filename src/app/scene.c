#include "scene.h"
#include "louyu/clock.h"
#include "louyu/log.h"
#include "louyu/shapefile.h"
#include "louyu/store.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef __linux__
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

/* The browser build (LY_WEB) has no scene cache (no lasting files to map) and fetches
 * no URLs (the page fetches the district into its file system): those parts are
 * the desktop's only. */
#ifndef LY_WEB
/* The parts of a scene that a scene cache holds. */
static ly_cache_parts parts_of(ly_scene *s)
{
    return (ly_cache_parts){.district = &s->district, .geo = &s->geo, .mesh = &s->mesh,
                            .bvh = &s->bvh, .ground = &s->ground};
}
#endif

void ly_scene_free(ly_scene *s)
{
#ifndef LY_WEB
    /* arrays in the cache's mapping are not the deinit functions' to free */
    ly_cache_parts parts = parts_of(s);
    ly_cache_close(s->cache, &parts);
#endif
    ly_labels_deinit(&s->labels);
    ly_places_deinit(&s->places);
    ly_ground_deinit(&s->ground);
    ly_bvh_deinit(&s->bvh);
    ly_mesh_deinit(&s->mesh);
    ly_geo_deinit(&s->geo);
    ly_district_unload(&s->district);
    memset(s, 0, sizeof *s);
}

void ly_scene_move(ly_scene *to, ly_scene *from)
{
    *to = *from;
    memset(from, 0, sizeof *from);
    /* the BVH points at the mesh it indexes, which just moved */
    to->bvh.mesh = &to->mesh;
}

enum { BIG_SOURCE = 16 << 20 }; /* bytes of GeoJSON that take about a second to build */

/* What every scene has beside what a cache holds. */
static int finish(ly_scene *s)
{
    if (ly_labels_init(&s->labels, s->district.n_buildings) ||
        ly_places_init(&s->places, s->district.n_features))
        return -1;
    for (size_t i = 0; i < s->district.n_buildings && !s->has_sites; i++)
        s->has_sites = s->district.buildings[i].status == LY_STATUS_UNDER_CONSTRUCTION;
    s->loaded = true;
    return 0;
}

/* Builds everything the viewer needs from a loaded district. */
static int build(ly_scene *s, ly_progress *progress)
{
    if (ly_geo_init(&s->geo, &s->district) ||
        ly_mesh_init(&s->mesh, &s->district, &s->geo, &(ly_mesh_desc){.progress = progress}))
        return -1;
    ly_progress_stage(progress, LY_STAGE_INDEX);
    if (ly_bvh_init(&s->bvh, &s->mesh) || ly_ground_init(&s->ground, &s->district, &s->geo))
        return -1;
    return finish(s);
}

/* A loaded district's scene built, when r (the load's result) is LY_LOAD_OK. */
static int built(ly_scene *s, int r, ly_progress *progress, ly_diag_list *diags)
{
    if (r != LY_LOAD_OK)
        return r;
    if (build(s, progress)) {
        ly_scene_free(s);
        ly_diag_add(diags, LY_DIAG_ERROR, SIZE_MAX, -1, "out of memory building the 3D district");
        return LY_LOAD_NOMEM;
    }
    return LY_LOAD_OK;
}

/* A loaded scene of no buildings where the caller needs some (desc->need_buildings):
 * freed and refused, before the cache could keep it. */
static int refuse_empty(ly_scene *s, const ly_scene_desc *desc, int r, ly_diag_list *diags)
{
    if (r != LY_LOAD_OK || !desc->need_buildings || !s->loaded || s->district.n_buildings)
        return r;
    ly_scene_free(s);
    ly_diag_add(diags, LY_DIAG_ERROR, SIZE_MAX, -1,
                "it has no buildings: expected a district with its buildings");
    return LY_LOAD_DATA;
}

#ifndef LY_WEB
/* Whether a path's scene may come from (and go to) the scene cache: a GeoJSON file
 * (a store's weeks change inside SQLite's own files; a URL has its fetch's copy). */
static bool cacheable(const char *path, const ly_scene_desc *desc)
{
    const char *off = getenv("LOUYU_NO_CACHE");
    return !desc->no_cache && !desc->lod && !(off && *off && strcmp(off, "0")) && !ly_is_url(path) &&
           !ly_store_is(path);
}

/* What else than the file's bytes shapes its scene: --skip-bad, and a shapefile's .dbf,
 * .prj and .cpg (their sizes and times: the cache is keyed by the .shp's bytes). "" for
 * neither, the name caches have always had. */
static void cache_variant(const char *path, bool skip_bad, char *out, size_t n)
{
    size_t at = (size_t)snprintf(out, n, "%s", skip_bad ? "skip-bad" : "");
    static const char *const SIBLINGS[] = {"dbf", "prj", "cpg"};
    for (size_t i = 0; ly_shapefile_is(path) && i < 3 && at < n; i++) {
        char sib[1200];
        struct stat st;
        bool there = ly_shapefile_sibling(path, SIBLINGS[i], sib, sizeof sib) && !stat(sib, &st);
        at += (size_t)snprintf(out + at, n - at, " %s:%lld:%lld.%09ld", SIBLINGS[i],
                               there ? (long long)st.st_size : -1LL,
                               there ? (long long)st.st_mtim.tv_sec : 0LL,
                               there ? st.st_mtim.tv_nsec : 0L);
    }
}

/* A file's scene from its cache, or built and then cached: -1 when there is no cache
 * to use (the caller loads as usual), else a ly_load_result. */
static int load_cached(ly_scene *next, const char *path, const ly_scene_desc *desc,
                       ly_diag_list *diags)
{
    ly_progress *progress = desc->progress;
    ly_progress_stage(progress, LY_STAGE_READ); /* hashing the file is reading it */
    ly_cache_key key;
    char variant[512];
    cache_variant(path, desc->skip_bad, variant, sizeof variant);
    if (ly_cache_key_init(&key, path, NULL, 0, variant))
        return -1;
    ly_cache_parts parts = parts_of(next);
    ly_cache_status st = ly_cache_open(&next->cache, &key, &parts, diags);
    if (st == LY_CACHE_HIT) {
        if (!finish(next))
            return refuse_empty(next, desc, LY_LOAD_OK, diags);
        ly_scene_free(next);
        ly_diag_add(diags, LY_DIAG_ERROR, SIZE_MAX, -1, "out of memory building the 3D district");
        return LY_LOAD_NOMEM;
    }
    /* a big file takes seconds the first time: said on the terminal before the wait
     * (only what is true whether or not it loads: a file with errors caches nothing) */
    if (key.source_size >= BIG_SOURCE)
        LY_WARN("CACHE", "building %s (%.1f MB, hashed in %.0f ms): the first open of a file "
                "this big takes a while", path, (double)key.source_size / 1e6, key.hash_ms);
    ly_load_result r = ly_district_load(
        &next->district, path, &(ly_load_desc){.progress = progress, .skip_bad = desc->skip_bad},
        diags);
    if ((r = refuse_empty(next, desc, built(next, r, progress, diags), diags)) != LY_LOAD_OK)
        return r;
    ly_progress_stage(progress, LY_STAGE_CACHE);
    /* (it says "cached in": later opens map it; a failure is logged and changes nothing) */
    ly_cache_write(&key, &parts, diags);
    return LY_LOAD_OK;
}

#endif

int ly_scene_load(ly_scene *next, const char *path, const ly_scene_desc *desc,
                  ly_diag_list *diags)
{
    static const ly_scene_desc plain = {0};
    desc = desc ? desc : &plain;
    memset(next, 0, sizeof *next);
    ly_load_result r;
#ifdef LY_WEB
    r = ly_district_load(&next->district, path,
                         &(ly_load_desc){.progress = desc->progress, .skip_bad = desc->skip_bad},
                         diags);
#else
    if (ly_is_url(path)) {
        ly_load_desc ld = {.skip_bad = desc->skip_bad};
        ly_fetch_desc fd = {.new_only = desc->poll, .cancel = desc->cancel, .load = &ld};
        ly_fetch_result own, *fr = desc->fetch ? desc->fetch : &own;
        r = ly_fetch_load(&next->district, path, &fd, fr, diags);
        if (r == LY_LOAD_OK && desc->poll && fr->status != LY_FETCH_NEW)
            return LY_LOAD_OK; /* a poll with nothing new: no scene to build */
    } else {
        int c = cacheable(path, desc) ? load_cached(next, path, desc, diags) : -1;
        if (c >= 0)
            return c;
        r = ly_district_load(&next->district, path,
                             &(ly_load_desc){.progress = desc->progress, .lod = desc->lod,
                                             .skip_bad = desc->skip_bad},
                             diags);
    }
#endif
    return refuse_empty(next, desc, built(next, r, desc->progress, diags), diags);
}

int ly_scene_load_mem(ly_scene *next, const char *text, size_t len, const char *name,
                      ly_diag_list *diags)
{
    memset(next, 0, sizeof *next);
    return built(next, ly_district_load_mem(&next->district, text, len, name, NULL, diags), NULL,
                 diags);
}

/* ---- the loader thread ----------------------------------------------------------- */

struct ly_reload {
    pthread_t thread;
    ly_progress progress;
    atomic_bool done, cancel;
    bool poll;
    char lod[8];
    bool skip_bad, need_buildings;
    ly_scene next;
    ly_diag_list diags;
    int result;
    ly_reload_info info;
};

static void *reload_main(void *arg)
{
    ly_reload *rl = arg;
#ifdef __linux__
    /* the loader yields to the frames: on Linux a thread's nice value is its
     * own, so only this thread drops in priority (a software rasteriser's
     * threads and the render thread keep the cores they need) */
    if (setpriority(PRIO_PROCESS, (id_t)syscall(SYS_gettid), 10) != 0)
        LY_DEBUG("RELOAD", "loader thread keeps its priority");
#endif
    ly_scene_desc desc = {.poll = rl->poll, .fetch = &rl->info.fetch, .cancel = &rl->cancel,
                          .progress = &rl->progress, .lod = rl->lod[0] ? rl->lod : NULL,
                          .skip_bad = rl->skip_bad, .need_buildings = rl->need_buildings};
    rl->result = ly_scene_load(&rl->next, rl->info.path, &desc, &rl->diags);
    atomic_store(&rl->done, true);
    return NULL;
}

ly_reload *ly_reload_start(const char *path, bool poll, const char *lod, bool skip_bad,
                           bool need_buildings)
{
    ly_reload *rl = calloc(1, sizeof *rl);
    if (!rl)
        return NULL;
    snprintf(rl->lod, sizeof rl->lod, "%s", lod ? lod : "");
    rl->skip_bad = skip_bad;
    rl->need_buildings = need_buildings;
    snprintf(rl->info.path, sizeof rl->info.path, "%s", path);
    rl->info.url = ly_is_url(path);
    rl->poll = poll;
    ly_diag_list_init(&rl->diags, path);
    atomic_init(&rl->done, false);
    ly_progress_reset(&rl->progress);
    atomic_init(&rl->cancel, false);
    rl->info.started_ms = ly_clock_ms();
    if (pthread_create(&rl->thread, NULL, reload_main, rl)) {
        ly_diag_list_deinit(&rl->diags);
        free(rl);
        return NULL;
    }
    return rl;
}

const ly_progress *ly_reload_progress(const ly_reload *rl)
{
    return &rl->progress;
}

bool ly_reload_done(const ly_reload *rl)
{
    return atomic_load(&((ly_reload *)rl)->done);
}

void ly_reload_cancel(ly_reload *rl)
{
    atomic_store(&rl->cancel, true);
}

void ly_reload_discard(ly_reload *rl)
{
    ly_reload_cancel(rl);
    ly_scene next;
    ly_diag_list diags;
    ly_reload_info info;
    ly_reload_finish(rl, &next, &diags, &info);
    ly_scene_free(&next);
    ly_diag_list_deinit(&diags);
}

int ly_reload_finish(ly_reload *rl, ly_scene *next, ly_diag_list *diags, ly_reload_info *info)
{
    pthread_join(rl->thread, NULL);
    int r = rl->result;
    ly_scene_move(next, &rl->next);
    ly_diag_sort(&rl->diags);
    *diags = rl->diags;
    *info = rl->info;
    free(rl);
    return r;
}
