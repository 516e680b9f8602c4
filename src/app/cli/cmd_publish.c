/* louyu publish: the investment portal, a static site of the space to let, from
 * a district (a file, a store or a URL), with the viewer's own renders.
 *
 * The new site is made in a folder beside OUT_DIR and then exchanged with it in
 * one step (renameat2 RENAME_EXCHANGE), so a web server serves the old site or
 * the new one, never a mixture, and a publish killed at any moment leaves
 * OUT_DIR as it was. Files whose bytes did not change are hard links to the ones
 * already published; renders are named by a hash of everything that decides
 * their pixels (the camera, the colours of every building, the geometry, a
 * stacking plan's floors), so a render that exists is never drawn again. */
#define _GNU_SOURCE /* renameat2, syncfs */
#include "../commands.h"
#include "louyu/public.h"
#include "louyu/export.h"
#include "louyu/clock.h"
#include "louyu/csv.h"
#include "louyu/fetch.h"
#include "louyu/file.h"
#include "louyu/html.h"
#include "louyu/clock.h"
#include "louyu/gisfile.h"
#include "louyu/site.h"
#include "louyu/stacking.h"
#include "louyu/store.h"
#include "publish_keep.h"
#include "window.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <math.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

/* Sizes of the renders: the district's hero picture, a building's views and plan. */
enum { HERO_W = 1280, HERO_H = 560, VIEW_W = 640, VIEW_H = 420, JPEG_QUALITY = 85 };
/* A path under the site: room for the folder's path and a file's. */
#define PATH_N (2 * PATH_MAX + 64)
/* Which publish made a folder (and may replace it), and which files it wrote. */
#define MARKER LY_PUBLISH_MARKER

typedef struct {
    ly_app app;
    ly_platform *plat;
    const char *out;
    char stage[PATH_MAX], lock[PATH_MAX];
    /* the renders a killed publish left in its stage: a render is named by what decides
     * its pixels and written whole (renamed into place), so the next publish takes them
     * instead of drawing a city's tens of thousands again */
    char spare[PATH_MAX];
    int lock_fd;
    bool staging; /* the stage folder is ours: a failure removes it */
    unsigned char geometry[16]; /* a hash of the district's shapes */
    int written, unchanged, rendered, reused;
} publisher;

/* ---- files ------------------------------------------------------------------------- */

static bool same_bytes(const char *path, const void *data, size_t len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return false;
    bool same = true;
    char buf[65536];
    size_t at = 0, got;
    while (same && (got = fread(buf, 1, sizeof buf, f)) > 0) {
        same = at + got <= len && !memcmp(buf, (const char *)data + at, got);
        at += got;
    }
    fclose(f);
    return same && at == len;
}

/* A file of the new site: a link to the published one when its bytes are the same. */
static int put_file(publisher *pb, const char *rel, const void *data, size_t len)
{
    char old[PATH_N], path[PATH_N];
    if (snprintf(old, sizeof old, "%s/%s", pb->out, rel) >= (int)sizeof old ||
        snprintf(path, sizeof path, "%s/%s", pb->stage, rel) >= (int)sizeof path ||
        ly_make_parent_dirs(path, 0755))
        return -1;
    if (same_bytes(old, data, len) && link(old, path) == 0) {
        pb->unchanged++;
        return 0;
    }
    FILE *f = fopen(path, "wb");
    bool ok = f && fwrite(data, 1, len, f) == len;
    if (f)
        ok = fclose(f) == 0 && ok;
    if (!ok) {
        fprintf(stderr, "louyu publish: cannot write %s: %s\n", path, strerror(errno));
        return -1;
    }
    pb->written++;
    return 0;
}

static int put_buf(publisher *pb, const char *rel, ly_buf *b)
{
    int rc = b->failed ? -1 : put_file(pb, rel, b->p ? b->p : "", b->len);
    ly_buf_free(b);
    return rc;
}

static int remove_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st, (void)flag, (void)ftw;
    return remove(path);
}

static int writable_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)ftw;
    if (flag == FTW_D || flag == FTW_DNR)
        chmod(path, (st->st_mode & 07777) | S_IRWXU);
    return 0;
}

/* Removes the folder at path and all in it; false (errno set) when some of it stays. A
 * folder made read-only (an old site someone protected with chmod a-w) is made writable
 * first: it is ours. */
static bool remove_tree(const char *path)
{
    struct stat st;
    if (lstat(path, &st))
        return errno == ENOENT;
    if (!nftw(path, remove_one, 16, FTW_DEPTH | FTW_PHYS))
        return true;
    nftw(path, writable_one, 16, FTW_PHYS);
    return !nftw(path, remove_one, 16, FTW_DEPTH | FTW_PHYS);
}

/* ---- the folder beside OUT_DIR ------------------------------------------------------ */

/* OUT_DIR must be new, empty, or a site louyu published. */
static bool replaceable(const char *out)
{
    struct stat st;
    if (stat(out, &st))
        return errno == ENOENT;
    if (!S_ISDIR(st.st_mode))
        return false;
    char marker[PATH_N];
    if (snprintf(marker, sizeof marker, "%s/" MARKER, out) < (int)sizeof marker &&
        access(marker, F_OK) == 0)
        return true;
    int n = 0;
    DIR *dh = opendir(out);
    for (struct dirent *e; dh && (e = readdir(dh));)
        n += strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
    if (dh)
        closedir(dh);
    return dh && n == 0;
}

static int begin_stage(publisher *pb)
{
    char dir[PATH_MAX];
    if (snprintf(dir, sizeof dir, "%s", pb->out) >= (int)sizeof dir)
        return -1;
    size_t n = strlen(dir);
    while (n > 1 && dir[n - 1] == '/')
        dir[--n] = '\0';
    char *slash = strrchr(dir, '/');
    const char *name = slash ? slash + 1 : dir;
    int parent = slash ? (int)(slash - dir) : 0;
    if (snprintf(pb->stage, sizeof pb->stage, "%.*s%s.%s.publishing", parent, dir,
                 slash ? "/" : "", name) >= (int)sizeof pb->stage ||
        snprintf(pb->lock, sizeof pb->lock, "%.*s%s.%s.lock", parent, dir, slash ? "/" : "",
                 name) >= (int)sizeof pb->lock)
        return -1;
    pb->lock_fd = open(pb->lock, O_CREAT | O_RDWR | O_CLOEXEC, 0644);
    if (pb->lock_fd < 0) { /* (a folder gone or not writable: not another publish) */
        fprintf(stderr, "louyu publish: cannot write beside %s: %s: %s\n", pb->out, pb->lock,
                strerror(errno));
        return -1;
    }
    if (flock(pb->lock_fd, LOCK_EX | LOCK_NB)) {
        fprintf(stderr, "louyu publish: another louyu publish is writing %s (it holds %s)\n",
                pb->out, pb->lock);
        return -1;
    }
    if (snprintf(pb->spare, sizeof pb->spare, "%.*s%s.%s.renders", parent, dir,
                 slash ? "/" : "", name) >= (int)sizeof pb->spare)
        return -1;
    char img[PATH_N];
    snprintf(img, sizeof img, "%s/img", pb->stage);
    if (remove_tree(pb->spare) && rename(img, pb->spare) == 0)
        fprintf(stderr, "louyu publish: the renders an earlier, unfinished publish left are "
                "taken again\n");
    if (!remove_tree(pb->stage)) { /* what a killed publish left */
        fprintf(stderr, "louyu publish: %s, left by an earlier publish, cannot be removed (%s): "
                "remove it, then publish again\n", pb->stage, strerror(errno));
        return -1;
    }
    pb->staging = true;
    if (ly_make_dirs(pb->stage, 0755, NULL, 0)) {
        fprintf(stderr, "louyu publish: cannot make %s: %s\n", pb->stage, strerror(errno));
        return -1;
    }
    return 0;
}

/* The new site takes OUT_DIR's place in one step; the old one is removed after. */
static int finish_stage(publisher *pb)
{
    /* the new files reach the disk before the site points at them, so that a power cut
     * leaves the old site or the whole new one, never empty pages */
    int dir = open(pb->stage, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir >= 0) {
        syncfs(dir);
        close(dir);
    }
    struct stat st;
    int rc = stat(pb->out, &st) == 0
                 ? renameat2(AT_FDCWD, pb->stage, AT_FDCWD, pb->out, RENAME_EXCHANGE)
                 : rename(pb->stage, pb->out);
    if (rc) {
        fprintf(stderr, "louyu publish: cannot put the new site in place of %s: %s\n", pb->out,
                strerror(errno));
        return -1;
    }
    if (!remove_tree(pb->stage)) /* (the new site is in place all the same) */
        fprintf(stderr, "louyu publish: warning: the old site stays at %s: it cannot be removed "
                "(%s); the next publish removes it, or remove it yourself\n", pb->stage,
                strerror(errno));
    return 0;
}

/* ---- renders ------------------------------------------------------------------------ */

/* What the district's shapes are: every point, ring, polygon (with its heights) and
 * building's height, floors and state; the ground's features. */
static void geometry_hash(publisher *pb)
{
    const ly_district *d = &pb->app.scene.district;
    crypto_generichash_state h;
    crypto_generichash_init(&h, NULL, 0, sizeof pb->geometry);
    crypto_generichash_update(&h, (const unsigned char *)d->points, d->n_points * 2 * sizeof *d->points);
    crypto_generichash_update(&h, (const unsigned char *)d->rings, d->n_rings * sizeof *d->rings);
    crypto_generichash_update(&h, (const unsigned char *)d->polygons,
                              d->n_polygons * sizeof *d->polygons);
    for (size_t i = 0; i < d->n_buildings; i++) {
        const ly_building *b = &d->buildings[i];
        double v[4] = {b->height_m, b->min_height_m, b->floors, b->status};
        crypto_generichash_update(&h, (const unsigned char *)v, sizeof v);
    }
    for (size_t i = 0; i < d->n_features; i++) {
        const ly_feature *f = &d->features[i];
        double v[4] = {f->kind, f->subtype, f->width_m, f->n_lines};
        crypto_generichash_update(&h, (const unsigned char *)v, sizeof v);
    }
    crypto_generichash_final(&h, pb->geometry, sizeof pb->geometry);
}

/* The render's name: a hash of everything that decides its pixels. */
static void render_name(publisher *pb, int w, int h, long plan, char *out, size_t n)
{
    ly_app *app = &pb->app;
    const ly_district *d = &app->scene.district;
    ly_camera_matrices m;
    ly_camera_get_matrices(&app->st.cam, w, h, &m);
    crypto_generichash_state st;
    unsigned char key[12];
    crypto_generichash_init(&st, NULL, 0, sizeof key);
    /* bumped when the renderer draws otherwise (2: stacking plans no longer slid aside) */
    const char *version = "louyu-render-2";
    int size[2] = {w, h};
    crypto_generichash_update(&st, (const unsigned char *)version, strlen(version));
    crypto_generichash_update(&st, (const unsigned char *)size, sizeof size);
    crypto_generichash_update(&st, pb->geometry, sizeof pb->geometry);
    crypto_generichash_update(&st, (const unsigned char *)m.view_proj, sizeof m.view_proj);
    crypto_generichash_update(&st, (const unsigned char *)app->dv.styles,
                              d->n_buildings * sizeof *app->dv.styles);
    if (plan >= 0) { /* the stacking plan's floors: their areas and vacancy */
        const ly_building *b = &d->buildings[plan];
        crypto_generichash_update(&st, (const unsigned char *)&d->records[b->first_record],
                                  b->n_records * sizeof *d->records);
        crypto_generichash_update(&st, (const unsigned char *)&app->st.plan.explode,
                                  sizeof app->st.plan.explode);
    }
    crypto_generichash_final(&st, key, sizeof key);
    char hex[2 * sizeof key + 1];
    sodium_bin2hex(hex, sizeof hex, key, sizeof key);
    snprintf(out, n, "%s.jpg", hex);
}

/* Whether the file at path is a whole JPEG: its start and end markers (a render a killed
 * publish left is taken again only so: one cut short or emptied is drawn again). */
static bool whole_jpeg(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return false;
    unsigned char head[2] = {0}, tail[2] = {0};
    bool ok = fread(head, 1, 2, f) == 2 && fseek(f, -2, SEEK_END) == 0 &&
              fread(tail, 1, 2, f) == 2;
    fclose(f);
    return ok && head[0] == 0xFF && head[1] == 0xD8 && tail[0] == 0xFF && tail[1] == 0xD9;
}

/* Draws what the app shows now at w x h into img/NAME (unless a published render
 * has that name already) and describes it in *im. */
static int picture(publisher *pb, int w, int h, long plan, ly_site_image *im)
{
    ly_app *app = &pb->app;
    ly_cmd_resize(app, w, h);
    ly_app_update(app, 0);
    render_name(pb, w, h, plan, im->file, sizeof im->file);
    im->w = w, im->h = h;
    char rel[96], old[PATH_N], path[PATH_N];
    if (snprintf(rel, sizeof rel, "img/%s", im->file) >= (int)sizeof rel ||
        snprintf(old, sizeof old, "%s/%s", pb->out, rel) >= (int)sizeof old ||
        snprintf(path, sizeof path, "%s/%s", pb->stage, rel) >= (int)sizeof path ||
        ly_make_parent_dirs(path, 0755))
        return -1;
    char spare[PATH_N];
    snprintf(spare, sizeof spare, "%s/%s", pb->spare, im->file); /* (the stage's img/) */
    if (link(old, path) == 0 || (pb->spare[0] && whole_jpeg(spare) && link(spare, path) == 0)) {
        pb->reused++;
        return 0;
    }
    uint8_t *px = malloc((size_t)w * h * 4);
    int rc = -1;
    if (px && ly_renderer_target_begin(app->renderer, w, h) == 0) {
        ly_cli_settle(app, 0);
        char err[1200];
        if (ly_renderer_target_read(app->renderer, px) == 0 &&
            ly_image_write(path, w, h, px, JPEG_QUALITY, err, sizeof err) == 0)
            rc = 0;
        ly_renderer_target_end(app->renderer);
    }
    free(px);
    if (rc)
        fprintf(stderr, "louyu publish: cannot render %s\n", path);
    pb->rendered += !rc;
    return rc;
}

/* The compass direction the camera looks from: 0 north ... 7 north-west. */
static int looking_from(const ly_camera *cam)
{
    double from = cam->pose.heading + M_PI; /* the eye is behind the way it faces */
    long k = lround(from / (M_PI / 4));
    return (int)(((k % 8) + 8) % 8);
}

/* How far the renders are, on stderr: a line rewritten twice a second on a terminal, a
 * line every half minute in a log (a city's renders take a long while); nothing for a
 * publish quicker than that. */
static void progress(const publisher *pb, uint32_t b, uint32_t n, double t0, double *said,
                     bool done)
{
    bool tty = isatty(STDERR_FILENO);
    double now = ly_clock_ms();
    if (done ? !tty || *said == t0 : now - *said < (tty ? 500 : 30000))
        return;
    *said = now;
    fprintf(stderr, "%slouyu publish: rendering: building %u of %u, %d pictures drawn, %d kept, "
            "%.0f s%s", tty ? "\r" : "", b, n, pb->rendered, pb->reused, (now - t0) / 1000,
            tty && !done ? "" : "\n");
    fflush(stderr);
}

static int renders(publisher *pb, ly_site *site)
{
    ly_app *app = &pb->app;
    const ly_district *d = &app->scene.district;
    ly_cmd_set_picture_only(app, true);
    ly_cmd_resize(app, HERO_W, HERO_H);
    ly_cmd_set_view(app, "home", false);
    double home = app->st.cam.pose.heading;
    if (picture(pb, HERO_W, HERO_H, -1, &site->hero))
        return -1;
    ly_cmd_resize(app, VIEW_W, VIEW_H);
    double t0 = ly_clock_ms(), said = t0;
    for (uint32_t b = 0; b < d->n_buildings; b++) {
        progress(pb, b + 1, (uint32_t)d->n_buildings, t0, &said, false);
        ly_site_images *im = &site->images[b];
        ly_cmd_select(app, b, false);
        for (int k = 0; k < LY_SITE_VIEWS; k++) {
            ly_cmd_view_building_from(app, b, home + k * 2 * M_PI / LY_SITE_VIEWS, 1);
            im->views[k].from = looking_from(&app->st.cam);
            if (picture(pb, VIEW_W, VIEW_H, -1, &im->views[k]))
                return -1;
        }
        /* a plan only where its floors are known: without floor records its slabs are all
         * "no data" (a city's footprints had spent a quarter of their renders on them) */
        if (!d->buildings[b].n_records)
            continue;
        ly_cmd_set_stacking(app, true, 0.45f);
        ly_cmd_view_building_from(app, b, home, 0.62); /* the slabs fill the picture */
        /* aimed at the middle of the slabs, pulled apart as they are, not at the roof (the
         * lowest floors, often the ones to let, had been cut off at the bottom) */
        ly_stacking plan;
        if (!ly_stacking_build(&plan, d, &app->scene.geo, (long)b, 0.45f, 0, 0) &&
            plan.building >= 0) {
            ly_camera_pose p = app->st.cam.pose;
            for (int k = 0; k < 3; k++)
                p.target[k] = 0.5 * (plan.min[k] + plan.max[k]);
            ly_camera_set_pose(&app->st.cam, p);
        }
        ly_stacking_deinit(&plan);
        int rc = picture(pb, VIEW_W, VIEW_H, (long)b, &im->plan);
        ly_cmd_set_stacking(app, false, 0);
        if (rc)
            return -1;
    }
    progress(pb, (uint32_t)d->n_buildings, (uint32_t)d->n_buildings, t0, &said, true);
    ly_cmd_select(app, -1, false);
    return 0;
}

/* ---- pages and data ---------------------------------------------------------------- */

/* data/district.geojson: what kiosks and other tools read (a store's latest week). */
static int district_file(publisher *pb, const char *local)
{
    char path[PATH_N], err[1024] = "";
    if (snprintf(path, sizeof path, "%s/data/district.geojson", pb->stage) >= (int)sizeof path ||
        ly_make_parent_dirs(path, 0755))
        return -1;
    char *text = NULL;
    size_t len = 0;
    ly_diag_list diags;
    ly_diag_list_init(&diags, local);
    int rc = 0;
    if (ly_store_is(local) && !ly_gisfile_is(local)) { /* (another tool's GeoPackage: below) */
        char tmp[PATH_N];
        if (snprintf(tmp, sizeof tmp, "%s/.district.tmp", pb->stage) >= (int)sizeof tmp ||
            ly_store_export(local, 0, tmp, NULL, NULL, err, sizeof err) ||
            ly_file_read(tmp, 1u << 30, false, &text, &len, &diags) != LY_FILE_OK) {
            fprintf(stderr, "louyu publish: %s: %s\n", local, err);
            rc = -1;
        }
        unlink(tmp);
    } else { /* the text it is read as: GeoJSON in WGS 84 for other tools' files */
        ly_district d;
        if (ly_district_load_text(&d, local, NULL, &diags, &text, &len) != LY_LOAD_OK) {
            rc = -1; /* (it loaded before: the file changed meanwhile) */
        } else if (!d.meta.cityjson && (d.meta.gb18030 || d.meta.projected)) {
            /* the page's map reads UTF-8, in WGS 84: the file's own text so (its own
             * properties, enterprises and all, kept) */
            ly_buf t = {0};
            const char *why = NULL;
            if (ly_export_geojson_text(text, len, d.meta.gb18030, d.meta.projected, &t, &why)) {
                fprintf(stderr, "louyu publish: %s: %s\n", local, why);
                rc = -1;
                ly_buf_free(&t);
            } else {
                free(text);
                text = t.p;
                len = t.len;
            }
        } else if (d.meta.cityjson) {
            /* the page's map reads GeoJSON in WGS 84: the district as it */
            ly_buf b = {0};
            size_t out = 0;
            rc = ly_export_geojson(&d, &b, &out, NULL);
            if (out)
                printf("data/district.geojson: %zu building%s left out: GeoJSON's checks "
                       "refuse %s (louyu export DISTRICT --out X.geojson says why)\n",
                       out, out == 1 ? "" : "s", out == 1 ? "it" : "them");
            free(text);
            text = b.p;
            len = b.len;
        }
        ly_district_unload(&d);
    }
    ly_diag_list_deinit(&diags);
    /* for kiosks and the public: without the operators' cameras */
    char *pub = NULL;
    size_t pub_len = 0, cams = 0;
    if (!rc && ly_public_geojson(text, len, &pub, &pub_len, &cams)) {
        fprintf(stderr, "louyu publish: %s: not a GeoJSON FeatureCollection\n", local);
        rc = -1;
    }
    /* (a store's week comes without them already: counted in the district itself) */
    const ly_district *shown = &pb->app.scene.district;
    size_t in_data = 0;
    for (size_t i = 0; i < shown->n_features; i++)
        in_data += shown->features[i].kind == LY_KIND_CAMERA;
    cams = in_data > cams ? in_data : cams;
    if (!rc && cams)
        printf("data/district.geojson: %zu camera%s left out (for operators only)\n", cams,
               cams == 1 ? "" : "s");
    if (!rc)
        rc = put_file(pb, "data/district.geojson", pub, pub_len);
    free(pub);
    free(text);
    return rc;
}

static int pages(publisher *pb, const ly_site *site)
{
    const ly_district *d = site->d;
    ly_buf b = {0};
    ly_site_root_page(site, &b);
    int rc = put_buf(pb, "index.html", &b);
    for (int l = 0; l < site->n_langs && !rc; l++) {
        ly_lang lang = site->langs[l];
        char rel[PATH_MAX];
        ly_site_district_page(site, lang, &b);
        snprintf(rel, sizeof rel, "%s/index.html", ly_site_lang_dir(lang));
        rc = put_buf(pb, rel, &b);
        /* a city's lists, page by page, and the spaces in parts for the script */
        for (size_t k = 2; k <= ly_site_space_pages(site) && !rc; k++) {
            ly_site_spaces_page(site, lang, k, &b);
            snprintf(rel, sizeof rel, "%s/spaces-%zu.html", ly_site_lang_dir(lang), k);
            rc = put_buf(pb, rel, &b);
        }
        for (size_t k = 2; k <= ly_site_building_pages(site) && !rc; k++) {
            ly_site_buildings_page(site, lang, k, &b);
            snprintf(rel, sizeof rel, "%s/buildings-%zu.html", ly_site_lang_dir(lang), k);
            rc = put_buf(pb, rel, &b);
        }
        for (size_t k = 1; k <= ly_site_space_parts(site) && !rc; k++) {
            ly_site_spaces_part(site, lang, k, &b);
            snprintf(rel, sizeof rel, "data/spaces-%s-%s-%zu.js", ly_site_lang_dir(lang),
                     site->parts_key, k);
            rc = put_buf(pb, rel, &b);
        }
        for (size_t k = 1; k <= ly_site_building_parts(site) && !rc; k++) {
            ly_site_buildings_part(site, lang, k, &b);
            snprintf(rel, sizeof rel, "data/buildings-%s-%s-%zu.js", ly_site_lang_dir(lang),
                     site->parts_key, k);
            rc = put_buf(pb, rel, &b);
        }
        for (uint32_t i = 0; i < d->n_buildings && !rc; i++) {
            ly_buf path = {0};
            ly_site_building_path(&d->buildings[i], lang, &path);
            ly_site_building_page(site, i, lang, &b);
            rc = put_buf(pb, path.p, &b);
            ly_buf_free(&path);
        }
        if (!rc && site->feed) {
            ly_site_feed(site, lang, &b);
            snprintf(rel, sizeof rel, "%s/feed.atom", ly_site_lang_dir(lang));
            rc = put_buf(pb, rel, &b);
        }
    }
    if (!rc) {
        ly_site_listings_json(site, &b);
        rc = put_buf(pb, "data/listings.json", &b);
    }
    if (!rc) {
        ly_site_listings_csv(site, &b);
        rc = put_buf(pb, "data/listings.csv", &b);
    }
    if (!rc && site->base_url) {
        ly_site_sitemap(site, 0, &b);
        rc = put_buf(pb, "sitemap.xml", &b);
        for (size_t k = 1; k <= ly_site_sitemap_files(site) && !rc; k++) {
            char rel[64];
            snprintf(rel, sizeof rel, "sitemap-%zu.xml", k);
            ly_site_sitemap(site, k, &b);
            rc = put_buf(pb, rel, &b);
        }
    }
    if (!rc) {
        ly_site_css(&b);
        rc = put_buf(pb, "assets/site.css", &b) ||
             put_file(pb, "assets/site.js", ly_site_js(), strlen(ly_site_js())) ||
             put_file(pb, "assets/icon.svg", ly_site_icon(), strlen(ly_site_icon()));
    }
    return rc;
}

/* --web DIR: the browser build's files (scripts/web.sh) into map/, where the district
 * page's map and the building pages' links find them. Every file must be there. */
static const char *const WEB_FILES[] = {"louyu.js", "louyu.wasm", "louyu-map.js", "embed.js",
                                        "font.json", "louyu-font.otf", "louyu-font-wide.otf",
                                        "louyu-font.LICENSE.txt"};

static int web_files(publisher *pb, const char *dir)
{
    for (size_t i = 0; i < sizeof WEB_FILES / sizeof *WEB_FILES; i++) {
        char path[PATH_N], rel[64];
        snprintf(path, sizeof path, "%s/%s", dir, WEB_FILES[i]);
        snprintf(rel, sizeof rel, "map/%s", WEB_FILES[i]);
        char *data = NULL;
        size_t len = 0;
        ly_diag_list diags;
        ly_diag_list_init(&diags, path);
        int rc = ly_file_read(path, 64u << 20, false, &data, &len, &diags) == LY_FILE_OK ? 0 : -1;
        ly_diag_list_deinit(&diags);
        if (rc)
            fprintf(stderr, "louyu publish: --web %s: no %s there (expected the folder "
                            "scripts/web.sh writes)\n", dir, WEB_FILES[i]);
        else
            rc = put_file(pb, rel, data, len);
        free(data);
        if (rc)
            return -1;
    }
    return 0;
}

/* --web DIR checked before any work: each of its files there and readable (a wrong folder
 * had been said after the minutes of renders). */
static int web_check(const char *dir)
{
    for (size_t i = 0; dir && i < sizeof WEB_FILES / sizeof *WEB_FILES; i++) {
        char path[PATH_N];
        snprintf(path, sizeof path, "%s/%s", dir, WEB_FILES[i]);
        if (access(path, R_OK)) {
            fprintf(stderr, "louyu publish: --web %s: no %s there (expected the folder "
                            "scripts/web.sh writes)\n", dir, WEB_FILES[i]);
            return LY_EXIT_USAGE;
        }
    }
    return 0;
}

/* The files in the site that publish did not write go over into the new one, and the
 * marker lists the ones it did: last, when the stage holds all of those. */
static int mark(publisher *pb)
{
    ly_buf b = {0};
    if (ly_publish_keep(pb->out, pb->stage, &b)) {
        ly_buf_free(&b);
        return -1;
    }
    return put_buf(pb, MARKER, &b);
}

/* Whether the district is named in Chinese anywhere: its own name, a building's or an
 * address. */
static bool chinese_district(const ly_district *d)
{
    if (ly_text_has_chinese(d->meta.name) || ly_text_has_chinese(d->meta.city))
        return true;
    for (size_t i = 0; i < d->n_buildings; i++)
        if (ly_text_has_chinese(d->buildings[i].name) ||
            ly_text_has_chinese(d->buildings[i].address))
            return true;
    return false;
}

/* --lang zh,en: the languages, the first being the site's first; by default Chinese and
 * English for a district named in Chinese, else English alone (a San Francisco or Delft
 * site had got Chinese pages, and its first page in Chinese, around English names). */
static int languages(const ly_args *a, const ly_district *d, ly_site *site)
{
    const char *list = ly_arg_text(a, "--lang", chinese_district(d) ? "zh,en" : "en");
    char buf[64];
    snprintf(buf, sizeof buf, "%s", list);
    site->n_langs = 0;
    for (char *t = strtok(buf, ","); t; t = strtok(NULL, ",")) {
        ly_lang l = !strcmp(t, "zh") ? LY_LANG_ZH : !strcmp(t, "en") ? LY_LANG_EN : LY_LANG_COUNT;
        bool twice = site->n_langs == 1 && site->langs[0] == l;
        if (l == LY_LANG_COUNT || twice || site->n_langs == 2)
            return ly_cli_usage_error(a->cmd, "--lang wants zh, en or both (zh,en), not '%s'",
                                      list);
        site->langs[site->n_langs++] = l;
    }
    return site->n_langs ? 0 : ly_cli_usage_error(a->cmd, "--lang names no language");
}

/* The local file behind the data: itself, or a URL's copy. */
static void local_file(const char *src, char *out, size_t n)
{
    if (!ly_is_url(src) || ly_fetch_copy_path(src, NULL, out, n)) {
        snprintf(out, n, "%s", src);
    }
}

static int publish(publisher *pb, const ly_args *a, const char *src)
{
    const ly_district *d = &pb->app.scene.district;
    char local[PATH_MAX], err[512];
    local_file(src, local, sizeof local);
    char(*avail)[16] = calloc(d->n_records + 1, sizeof *avail);
    bool store = ly_store_is(local) && !ly_gisfile_is(local);
    if (!avail || (store && ly_store_available(local, d, avail, NULL, NULL, err, sizeof err)))
        fprintf(stderr, "louyu publish: no \"available from\" dates of the reports: %s\n",
                avail ? err : "no memory");
    /* a district file's own (a store's export keeps its reports' dates) */
    for (size_t r = 0; avail && !store && r < d->n_records; r++)
        snprintf(avail[r], sizeof avail[r], "%s", d->records[r].available_from);
    ly_site site;
    int rc = ly_site_init(&site, d, (const char(*)[16])avail);
    char base[1024];
    const char *url = ly_arg_text(a, "--base-url", NULL);
    if (url) { /* every address under it: it ends with a slash */
        snprintf(base, sizeof base, "%s%s", url, url[strlen(url) - 1] == '/' ? "" : "/");
        site.base_url = base;
    }
    if (!rc)
        rc = languages(a, d, &site);
    const char *web = ly_arg_text(a, "--web", NULL);
    site.map = web != NULL;
    ly_site_paginate(&site, (size_t)ly_arg_num(a, "--per-page", LY_SITE_PER_PAGE));
    if (!rc && (begin_stage(pb) || renders(pb, &site) || pages(pb, &site) ||
                district_file(pb, local) || (web && web_files(pb, web)) || mark(pb) ||
                finish_stage(pb)))
        rc = LY_EXIT_USAGE;
    if (rc && pb->staging) /* the old site stays as it was, and nothing half-made beside it */
        remove_tree(pb->stage);
    if (pb->spare[0])
        remove_tree(pb->spare);
    ly_site_free(&site);
    free(avail);
    return rc;
}

/* Why `url` cannot be the site's address (every page's address is it and a path), or
 * NULL: http or https, a host, and only characters an address may hold as they are. */
static const char *base_url_problem(const char *url)
{
    const char *host = !strncasecmp(url, "http://", 7)    ? url + 7
                       : !strncasecmp(url, "https://", 8) ? url + 8
                                                          : NULL;
    if (!host)
        return "expected http:// or https://";
    size_t host_len = strcspn(host, "/");
    if (!host_len)
        return "it names no host";
    for (size_t i = 0; i < host_len; i++)
        if (!isalnum((unsigned char)host[i]) && !strchr(".-_:[]", host[i]))
            return "its host has a character a host name cannot hold";
    for (const char *p = host; *p; p++) {
        if (*p == '?' || *p == '#')
            return "a query or fragment cannot come before the pages' paths";
        if ((unsigned char)*p <= ' ' || (unsigned char)*p >= 0x7f || strchr("\"<>\\^`{|}", *p))
            return "spaces, quotes and non-ASCII characters are written %XX in an address";
    }
    return NULL;
}

int ly_cli_publish(const ly_args *a)
{
    const char *src = ly_arg_pos(a, 0), *out = ly_arg_pos(a, 1);
    const char *url = ly_arg_text(a, "--base-url", NULL);
    const char *why = url ? base_url_problem(url) : NULL;
    if (why)
        return ly_cli_usage_error(a->cmd, "--base-url wants the address the site is served at, "
                                          "such as https://invest.example.org/space/, not '%s': %s",
                                  url, why);
    int out_rc = ly_cli_out_check(a->cmd, out, true, src ? src : ly_default_data_path());
    if (out_rc)
        return out_rc;
    if (web_check(ly_arg_text(a, "--web", NULL)))
        return LY_EXIT_USAGE;
    if (!replaceable(out)) {
        fprintf(stderr, "louyu publish: %s exists and is not a site louyu published: expected a "
                        "new or empty folder, or one louyu publish made\n", out);
        return LY_EXIT_USAGE;
    }
    double t0 = ly_clock_ms();
    publisher pb = {.out = out, .lock_fd = -1};
    ly_window_opts wo = {.width = 64, .height = 64, .scale = 1, .hidden = true};
    int rc = ly_cli_open(&pb.app, &pb.plat, &wo);
    if (rc)
        return rc;
    if (!(rc = ly_cli_app_lod(a, &pb.app, false)) && !(rc = ly_cli_load(&pb.app, src, false))) {
        geometry_hash(&pb);
        rc = publish(&pb, a, src);
    }
    ly_cli_close(&pb.app, pb.plat);
    if (pb.lock_fd >= 0)
        close(pb.lock_fd), unlink(pb.lock);
    if (!rc)
        printf("%s: published in %.1f s: %d file%s written, %d unchanged; %d render%s drawn, %d "
               "reused\n",
               out, (ly_clock_ms() - t0) / 1000, pb.written, pb.written == 1 ? "" : "s",
               pb.unchanged, pb.rendered, pb.rendered == 1 ? "" : "s", pb.reused);
    return rc;
}
