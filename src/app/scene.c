#include "scene.h"
#include "louyu/clock.h"
#include "louyu/log.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef __linux__
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

void ly_scene_free(ly_scene *s)
{
    ly_labels_deinit(&s->labels);
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

/* Builds everything the viewer needs from a loaded district. */
static int build(ly_scene *s)
{
    if (ly_geo_init(&s->geo, &s->district) || ly_mesh_init(&s->mesh, &s->district, &s->geo, NULL) ||
        ly_bvh_init(&s->bvh, &s->mesh) || ly_ground_init(&s->ground, &s->district, &s->geo) ||
        ly_labels_init(&s->labels, s->district.n_buildings))
        return -1;
    for (size_t i = 0; i < s->district.n_buildings && !s->has_sites; i++)
        s->has_sites = s->district.buildings[i].status == LY_STATUS_UNDER_CONSTRUCTION;
    s->loaded = true;
    return 0;
}

int ly_scene_load(ly_scene *next, const char *path, ly_diag_list *diags)
{
    memset(next, 0, sizeof *next);
    ly_load_result r = ly_district_load(&next->district, path, NULL, diags);
    if (r != LY_LOAD_OK)
        return r;
    if (build(next)) {
        ly_scene_free(next);
        ly_diag_add(diags, LY_DIAG_ERROR, SIZE_MAX, -1, "out of memory building the 3D district");
        return LY_LOAD_NOMEM;
    }
    return LY_LOAD_OK;
}

/* ---- the loader thread ----------------------------------------------------------- */

struct ly_reload {
    pthread_t thread;
    atomic_bool done;
    char path[1024];
    ly_scene next;
    ly_diag_list diags;
    int result;
    double started_ms;
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
    rl->result = ly_scene_load(&rl->next, rl->path, &rl->diags);
    atomic_store(&rl->done, true);
    return NULL;
}

ly_reload *ly_reload_start(const char *path)
{
    ly_reload *rl = calloc(1, sizeof *rl);
    if (!rl)
        return NULL;
    snprintf(rl->path, sizeof rl->path, "%s", path);
    ly_diag_list_init(&rl->diags, path);
    atomic_init(&rl->done, false);
    rl->started_ms = ly_clock_ms();
    if (pthread_create(&rl->thread, NULL, reload_main, rl)) {
        ly_diag_list_deinit(&rl->diags);
        free(rl);
        return NULL;
    }
    return rl;
}

bool ly_reload_done(const ly_reload *rl)
{
    return atomic_load(&((ly_reload *)rl)->done);
}

int ly_reload_finish(ly_reload *rl, ly_scene *next, ly_diag_list *diags, char *path,
                     size_t path_len, double *started_ms)
{
    pthread_join(rl->thread, NULL);
    int r = rl->result;
    ly_scene_move(next, &rl->next);
    ly_diag_sort(&rl->diags);
    *diags = rl->diags;
    snprintf(path, path_len, "%s", rl->path);
    *started_ms = rl->started_ms;
    free(rl);
    return r;
}
