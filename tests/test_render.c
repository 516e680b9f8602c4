/* The real renderer, headless (SDL offscreen driver, Mesa llvmpipe): shots of
 * the bundled district and of sf-buildings are real pictures, picking at the
 * centre of a building's view returns that building for every building of the
 * bundled district, a selected building is highlighted, a hover shows a
 * tooltip. Runs the louyu binary (LOUYU_BIN) as a user would. */
#include "check.h"

#include <stb/stb_image.h>
#include <sys/wait.h>
#include <stdbool.h>
#include <stdint.h>

static char tmpdir[256];

static int run(const char *cmd, char *out, size_t n)
{
    FILE *p = popen(cmd, "r");
    if (!p)
        return -1;
    size_t got = out ? fread(out, 1, n - 1, p) : 0;
    if (out)
        out[got] = '\0';
    else {
        char sink[256];
        while (fread(sink, 1, sizeof sink, p) > 0) {
        }
    }
    int st = pclose(p);
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

typedef struct {
    uint8_t *px;
    int w, h;
} image;

static image shot(const char *name, const char *args)
{
    char cmd[2048], path[512];
    snprintf(path, sizeof path, "%s/%s.png", tmpdir, name);
    snprintf(cmd, sizeof cmd, "%s shot %s --out %s 2>&1", LOUYU_BIN, args, path);
    char out[2048];
    int rc = run(cmd, out, sizeof out);
    if (rc != 0)
        fprintf(stderr, "%s -> %d\n%s\n", cmd, rc, out);
    CHECK_INT(rc, 0);
    image im = {0};
    int comp;
    im.px = stbi_load(path, &im.w, &im.h, &comp, 4);
    CHECK(im.px != NULL);
    /* every pixel opaque: a layer that writes a low alpha shows as a hole in a PNG (the
     * window ignores alpha, a picture does not) */
    size_t holes = 0;
    for (size_t i = 0; im.px && i < (size_t)im.w * (size_t)im.h; i++)
        holes += im.px[4 * i + 3] != 255;
    if (holes)
        fprintf(stderr, "%s: %zu pixels not opaque\n", name, holes);
    CHECK(holes == 0);
    return im;
}

static double lum(const uint8_t *p)
{
    return (0.299 * p[0] + 0.587 * p[1] + 0.114 * p[2]) / 255.0;
}

/* Mean and standard deviation of luminance, and distinct colours (5 bits each). */
static void stats(const image *im, double *mean, double *sd, int *colours)
{
    double s = 0, s2 = 0;
    static uint8_t seen[1 << 15];
    memset(seen, 0, sizeof seen);
    *colours = 0;
    size_t n = (size_t)im->w * im->h;
    for (size_t i = 0; i < n; i++) {
        const uint8_t *p = im->px + 4 * i;
        double l = lum(p);
        s += l;
        s2 += l * l;
        int key = (p[0] >> 3) << 10 | (p[1] >> 3) << 5 | (p[2] >> 3);
        if (!seen[key]) {
            seen[key] = 1;
            (*colours)++;
        }
    }
    *mean = s / n;
    *sd = sqrt(fmax(0, s2 / n - *mean * *mean));
}

/* Mean colour of a square region. */
static void region(const image *im, int cx, int cy, int r, double rgb[3])
{
    double acc[3] = {0, 0, 0};
    int n = 0;
    for (int y = cy - r; y <= cy + r; y++)
        for (int x = cx - r; x <= cx + r; x++) {
            if (x < 0 || y < 0 || x >= im->w || y >= im->h)
                continue;
            const uint8_t *p = im->px + 4 * ((size_t)y * im->w + x);
            for (int k = 0; k < 3; k++)
                acc[k] += p[k] / 255.0;
            n++;
        }
    for (int k = 0; k < 3; k++)
        rgb[k] = n ? acc[k] / n : 0;
}

static void picture(const char *name, const char *args, int min_colours, bool sky)
{
    image im = shot(name, args);
    if (!im.px)
        return;
    double mean, sd;
    int colours;
    stats(&im, &mean, &sd, &colours);
    printf("%s: %dx%d mean %.3f sd %.3f colours %d\n", name, im.w, im.h, mean, sd, colours);
    CHECK(mean > 0.35 && mean < 0.97); /* neither black nor blank */
    CHECK(sd > 0.04);                  /* structure, not a flat fill */
    CHECK(colours >= min_colours);
    /* in an oblique view the sky is at the top and bluish; the bottom is not sky */
    double top[3], bottom[3];
    region(&im, im.w / 2, 4, 3, top);
    region(&im, im.w / 2, im.h - 60, 6, bottom);
    if (sky && !(top[2] > top[0]))
        fprintf(stderr, "%s: top %.2f %.2f %.2f is not sky\n", name, top[0], top[1], top[2]);
    CHECK(!sky || top[2] > top[0]);
    /* (from above, ground may be at both) */
    CHECK(!sky || fabs(top[0] - bottom[0]) + fabs(top[1] - bottom[1]) + fabs(top[2] - bottom[2]) > 0.03);
    stbi_image_free(im.px);
}

/* Pixels that differ (any channel by more than 2 levels) between two pictures. */
static size_t differing(const image *a, const image *b)
{
    if (!a->px || !b->px || a->w != b->w || a->h != b->h)
        return SIZE_MAX;
    size_t n = 0;
    for (size_t i = 0; i < (size_t)a->w * a->h; i++)
        for (int k = 0; k < 3; k++)
            if (abs(a->px[4 * i + k] - b->px[4 * i + k]) > 2) {
                n++;
                break;
            }
    return n;
}

/* Near-white pixels (a panel's face) in a box of the image. */
static size_t white_in(const image *im, int x0, int y0, int x1, int y1)
{
    size_t n = 0;
    for (int y = y0; im->px && y < y1 && y < im->h; y++)
        for (int x = x0; x < x1 && x < im->w; x++) {
            const uint8_t *p = im->px + 4 * ((size_t)y * im->w + x);
            n += p[0] > 245 && p[1] > 245 && p[2] > 245;
        }
    return n;
}

/* A picture drawn in tiles (--tile: as past the driver's largest target) is the
 * whole picture; a map (--map) keeps its title, scale bar and north arrow but has
 * no controls, and is as large as asked. */
static void tiles_and_maps(const char *zs)
{
    char args[2048];
    snprintf(args, sizeof args, "%s --color-by occupancy", zs);
    image whole = shot("whole", args);
    snprintf(args, sizeof args, "%s --color-by occupancy --tile 300", zs);
    image tiled = shot("tiled", args);
    size_t diff = differing(&whole, &tiled);
    printf("tiles of 300 px: %zu of %d pixels differ\n", diff, 1280 * 720);
    CHECK(diff < 1280 * 720 / 200);
    snprintf(args, sizeof args, "%s --size 2000x1500 --map --tile 512", zs);
    image map = shot("map", args);
    snprintf(args, sizeof args, "%s --size 2000x1500", zs);
    image plain = shot("plain", args);
    CHECK(map.w == 2000 && map.h == 1500);
    /* where the toolbar is (scaled 1.5625 on the map): a panel without --map only */
    size_t w_map = white_in(&map, 60, 200, 330, 420), w_plain = white_in(&plain, 60, 200, 330, 420);
    printf("map: %zu white pixels where the toolbar would be, %zu with it\n", w_map, w_plain);
    CHECK(w_plain > 20000 && w_map < w_plain / 4);
    stbi_image_free(whole.px);
    stbi_image_free(tiled.px);
    stbi_image_free(map.px);
    stbi_image_free(plain.px);
}

/* Far chunks drawn as blocks: the district (close enough for full detail at
 * any allowed distance) is the same picture with or without; San Francisco's
 * far side uses them and looks the same as a whole. Without MSAA, which a GPU
 * would use: its edge samples make far more pixels differ slightly (on an H200,
 * SF's 15 % of them rather than llvmpipe's few). */
static void levels_of_detail(const char *zs, const char *sf)
{
    const char *cases[3][2] = {{zs, "--size 640x360 --msaa 1"},
                               {zs, "--size 640x360 --msaa 1 --view top"},
                               {sf, "--size 640x360 --msaa 1"}};
    for (int k = 0; k < 3; k++) {
        char args[2048];
        snprintf(args, sizeof args, "%s %s --lod on", cases[k][0], cases[k][1]);
        image on = shot("lod-on", args);
        snprintf(args, sizeof args, "%s %s --lod off", cases[k][0], cases[k][1]);
        image off = shot("lod-off", args);
        size_t diff = differing(&on, &off);
        double m_on = 0, m_off = 0, sd;
        int colours;
        if (on.px && off.px) {
            stats(&on, &m_on, &sd, &colours);
            stats(&off, &m_off, &sd, &colours);
        }
        printf("levels of detail, case %d: %zu pixels differ, mean %.3f vs %.3f\n", k, diff,
               m_on, m_off);
        if (k < 2) {
            CHECK_INT(diff, 0);
        } else {
            CHECK(diff > 0 && diff < (size_t)(0.15 * 640 * 360)); /* in use, and slight */
            CHECK_NEAR(m_on, m_off, 0.01);
        }
        stbi_image_free(on.px);
        stbi_image_free(off.px);
    }
    /* a ceiling below the district's meshes (15.5 MB in full, 4.3 MB of far levels):
     * the frames stay whole (the far levels stand in for chunks that do not fit), and
     * the meshes on the GPU stay under it */
    char args[2048], cmd[4096], out[16384];
    snprintf(args, sizeof args, "%s --size 640x360 --lod off", sf);
    image full = shot("mem-full", args);
    snprintf(args, sizeof args, "%s --size 640x360 --lod off --mem-limit 8", sf);
    image capped = shot("mem-capped", args);
    double m_full = 0, m_capped = 0, sd;
    int colours;
    if (full.px && capped.px) {
        stats(&full, &m_full, &sd, &colours);
        stats(&capped, &m_capped, &sd, &colours);
    }
    printf("8 MB ceiling: mean %.3f vs %.3f\n", m_capped, m_full);
    CHECK_NEAR(m_capped, m_full, 0.01);
    stbi_image_free(full.px);
    stbi_image_free(capped.px);
    snprintf(cmd, sizeof cmd,
             "%s bench %s --runs 1 --frames 24 --reloads 0 --size 320x180 --mem-limit 8 2>/dev/null",
             LOUYU_BIN, sf);
    CHECK_INT(run(cmd, out, sizeof out), 0);
    double whole = -1, street = -1;
    const char *w = strstr(out, "\"whole_gpu_mesh_mb\":"), *st = strstr(out, "\"street_gpu_mesh_mb\":");
    if (w && st) {
        whole = atof(w + strlen("\"whole_gpu_mesh_mb\":"));
        street = atof(st + strlen("\"street_gpu_mesh_mb\":"));
    }
    printf("8 MB ceiling: %.1f MB on the GPU for the whole city, %.1f MB at street level\n", whole,
           street);
    CHECK(whole > 0 && whole <= 8 && street > 0 && street <= 8);
    /* the ceiling was felt: full meshes dropped, or far levels drawn instead */
    CHECK(!strstr(out, "\"street_evictions\":0,") || !strstr(out, "\"street_deferred\":0,"));
}

/* For every building of a file (every `step`th), a pick at the centre of its --view
 * returns it (louyu pick --each-view: one process for them all); `want` of them. */
static void picks_each_view(const char *file, int step, int want)
{
    char cmd[2048];
    static char list[65536];
    snprintf(cmd, sizeof cmd, "%s pick %s --size 800x600 --each-view --at 400,300 2>&1", LOUYU_BIN,
             file);
    CHECK_INT(run(cmd, list, sizeof list), 0);
    int picked = 0, total = 0, line = 0;
    for (char *l = strtok(list, "\n"); l; l = strtok(NULL, "\n"), line++) {
        char id[256], got[256];
        if (line % step || sscanf(l, "%255s %255s", id, got) != 2)
            continue;
        total++;
        if (!strcmp(id, got))
            picked++;
        else
            fprintf(stderr, "%s: pick after --view %s gave %s\n", file, id, got);
    }
    printf("%s: picked %d of %d buildings at the centre of their view\n", file, picked, total);
    CHECK_INT(total, want);
    CHECK_INT(picked, total);
}

/* CityJSON: Delft (LoD1 with its roads, water and land use) and Rotterdam (LoD2) are
 * drawn; the sample's gabled house differs between LoD 2.2 and LoD 1; a pick at the
 * centre of --view ID returns ID for every building of Rotterdam, the sample and Delft
 * (the exact triangles of the models: sloped roofs, courtyards). */
static void city_models(void)
{
    char dir[512], args[2048];
    snprintf(dir, sizeof dir, "%s/tests/data/cityjson", LY_SOURCE_DIR);
    /* the home views look down steeply on these small areas: no sky, so no picture() */
    const char *files[] = {"delft", "rotterdam_subset"};
    for (int i = 0; i < 2; i++) {
        snprintf(args, sizeof args, "%s/%s.city.json --size 640x360", dir, files[i]);
        image im = shot(files[i], args);
        double mean = 0, sd = 0;
        int colours = 0;
        if (im.px)
            stats(&im, &mean, &sd, &colours);
        printf("%s: mean %.3f sd %.3f colours %d\n", files[i], mean, sd, colours);
        CHECK(mean > 0.35 && mean < 0.97 && sd > 0.04 && colours >= 60);
        stbi_image_free(im.px);
    }
    snprintf(args, sizeof args, "%s/sample.city.json --size 640x360 --view house", dir);
    image lod2 = shot("house-lod2", args);
    strcat(args, " --lod 1");
    image lod1 = shot("house-lod1", args);
    if (lod1.px && lod2.px) {
        size_t n = differing(&lod1, &lod2);
        printf("house: %zu pixels differ between LoD 2.2 and LoD 1\n", n);
        CHECK(n > 2000);
    }
    stbi_image_free(lod1.px);
    stbi_image_free(lod2.px);
    const struct {
        const char *file;
        int step, want;
    } sets[] = {{"rotterdam_subset", 1, 16}, {"sample", 1, 5}, {"delft", 1, 160}};
    for (size_t s = 0; s < sizeof sets / sizeof *sets; s++) {
        char file[600];
        snprintf(file, sizeof file, "%s/%s.city.json", dir, sets[s].file);
        picks_each_view(file, sets[s].step, sets[s].want);
    }
    /* the same through --view ID on the command line, once */
    char cmd[2048], out[256];
    snprintf(cmd, sizeof cmd, "%s pick %s/sample.city.json --size 800x600 --view court --at 400,300",
             LOUYU_BIN, dir);
    run(cmd, out, sizeof out);
    CHECK(!strncmp(out, "court\n", 6));
}

/* Walking areas never tint water: with the areas on, every pixel that was open sea
 * without them is still the same (the coastal promenade's rounded ends had reached
 * over the bay), while the areas on land are tinted as before. */
static void walking_areas_off_water(const char *zs)
{
    char args[1024];
    snprintf(args, sizeof args, "%s --size 1280x720 --lang en --select wtc --picture", zs);
    image off = shot("areas-off", args);
    strncat(args, " --walk-areas", sizeof args - strlen(args) - 1);
    image on = shot("areas-on", args);
    if (!off.px || !on.px || off.w != on.w || off.h != on.h) {
        CHECK(false);
        return;
    }
    size_t water = 0, tinted_water = 0, tinted_land = 0;
    for (size_t i = 0; i < (size_t)off.w * off.h; i++) {
        const uint8_t *a = off.px + 4 * i, *b = on.px + 4 * i;
        bool changed = abs(a[0] - b[0]) + abs(a[1] - b[1]) + abs(a[2] - b[2]) > 6;
        if (a[2] >= 200 && a[2] - a[0] >= 50) { /* the sea's blue */
            water++;
            tinted_water += changed;
        } else {
            tinted_land += changed;
        }
    }
    printf("walking areas: %zu of %zu water pixels tinted, %zu land pixels\n", tinted_water,
           water, tinted_land);
    CHECK(water > 20000);
    CHECK_INT((int)tinted_water, 0);
    CHECK(tinted_land > 50000);
    /* by name: the sea by the promenade's eastern end, tinted before; the land inside the
     * 5 minute area, tinted still */
    const uint8_t *sea = on.px + 4 * ((size_t)665 * on.w + 850);
    const uint8_t *sea0 = off.px + 4 * ((size_t)665 * off.w + 850);
    CHECK(memcmp(sea, sea0, 3) == 0);
    const uint8_t *land = on.px + 4 * ((size_t)400 * on.w + 600);
    const uint8_t *land0 = off.px + 4 * ((size_t)400 * off.w + 600);
    CHECK(land0[0] - land[0] > 40 && land[2] > land[0]); /* the teal over the grey */
    stbi_image_free(off.px);
    stbi_image_free(on.px);
}

int main(void)
{
    snprintf(tmpdir, sizeof tmpdir, "/tmp/louyu-render-XXXXXX");
    if (!mkdtemp(tmpdir))
        return 1;
    /* the one reason to skip: no OpenGL 3.3 context can be made at all */
    char probe[1024];
    snprintf(probe, sizeof probe, "'%s' gl-info 2>&1", LOUYU_BIN);
    if (run(probe, NULL, 0) == 3) {
        fprintf(stderr, "SKIP: no OpenGL 3.3 context can be made here (louyu gl-info)\n");
        return 77;
    }
    char zs[512], sf[512], args[2048];
    snprintf(zs, sizeof zs, "%s/data/zhanshan.geojson", LY_SOURCE_DIR);
    snprintf(sf, sizeof sf, "%s/tests/data/sf-buildings/sf-buildings.geojson", LY_SOURCE_DIR);

    snprintf(args, sizeof args, "%s --size 640x360", zs);
    picture("zhanshan-home", args, 150, true);
    snprintf(args, sizeof args, "%s --size 640x360 --view top", zs);
    picture("zhanshan-top", args, 150, false);
    snprintf(args, sizeof args, "%s --size 640x360", sf);
    picture("sf-home", args, 80, true);
    levels_of_detail(zs, sf);
    tiles_and_maps(zs);
    walking_areas_off_water(zs);
    city_models();

    /* picking at the centre after --view ID returns ID, for every building */
    picks_each_view(zs, 1, 33);

    /* selection highlights the building's pixels (the accent is orange); with
     * its card open on the right (352 px), the building sits in the middle of the map
     * between the left column (270 px) and the card: about x = 600 */
    snprintf(args, sizeof args, "%s --size 1280x720 --view wtc", zs);
    image plain = shot("wtc", args);
    snprintf(args, sizeof args, "%s --size 1280x720 --view wtc --select wtc", zs);
    image sel = shot("wtc-selected", args);
    if (plain.px && sel.px) {
        /* the card's region (the right 360 px, below the compass) changes with a selection */
        size_t changed = 0, total_px = 0;
        for (int y = 100; y < 400; y++)
            for (int x = 940; x < 1260; x++, total_px++) {
                const uint8_t *p = plain.px + 4 * ((size_t)y * plain.w + x);
                const uint8_t *q = sel.px + 4 * ((size_t)y * sel.w + x);
                changed += abs(p[0] - q[0]) + abs(p[1] - q[1]) + abs(p[2] - q[2]) > 24;
            }
        printf("card region: %zu of %zu pixels changed\n", changed, total_px);
        CHECK(changed > total_px / 3);
        double a[3], b[3];
        region(&plain, 640, 360, 6, a);
        region(&sel, 600, 360, 6, b);
        printf("centre plain %.2f %.2f %.2f, selected %.2f %.2f %.2f\n", a[0], a[1], a[2], b[0],
               b[1], b[2]);
        CHECK((b[0] - b[2]) - (a[0] - a[2]) > 0.15); /* warmer: the accent */
    }
    stbi_image_free(plain.px);
    stbi_image_free(sel.px);

    /* hovering shows a tooltip: the shot changes near the building */
    snprintf(args, sizeof args, "%s --size 640x360 --hover wtc --view wtc", zs);
    image hov = shot("wtc-hover", args);
    snprintf(args, sizeof args, "%s --size 640x360 --view wtc", zs);
    image base = shot("wtc-again", args);
    if (hov.px && base.px) {
        size_t diff = 0, n = (size_t)hov.w * hov.h;
        for (size_t i = 0; i < n; i++)
            diff += abs(hov.px[4 * i] - base.px[4 * i]) > 30;
        printf("hover changed %zu pixels\n", diff);
        CHECK(diff > 500);
        /* the same view renders the same picture twice */
        image again = shot("wtc-third", args);
        size_t same = 0;
        for (size_t i = 0; again.px && i < n; i++)
            same += abs(again.px[4 * i] - base.px[4 * i]) <= 2;
        CHECK(same > n * 99 / 100);
        stbi_image_free(again.px);
    }
    stbi_image_free(hov.px);
    stbi_image_free(base.px);

    char out[512], cmd[2048];
    /* the stacking plan: a building with a vacant floor (teal in the legend) and
     * partly vacant ones (amber) shows those colours only when the plan is on */
    snprintf(args, sizeof args, "%s --size 1280x720 --view hisense --select hisense", zs);
    image flat = shot("hisense", args);
    snprintf(args, sizeof args, "%s --size 1280x720 --view hisense --select hisense --stacking",
             zs);
    image plan = shot("hisense-plan", args);
    if (flat.px && plan.px) {
        size_t teal[2] = {0, 0}, amber[2] = {0, 0}, n = (size_t)plan.w * plan.h;
        image *ims[2] = {&flat, &plan};
        for (int k = 0; k < 2; k++)
            for (size_t i = 0; i < n; i++) {
                const uint8_t *p = ims[k]->px + 4 * i;
                /* lit teal: green and blue well above red; lit amber: red > green >> blue */
                teal[k] += p[1] > p[0] + 50 && p[2] > p[0] + 30;
                amber[k] += p[0] > p[2] + 90 && p[1] > p[2] + 40 && p[0] >= p[1];
            }
        printf("stacking plan: teal %zu -> %zu, amber %zu -> %zu pixels\n", teal[0], teal[1],
               amber[0], amber[1]);
        CHECK(teal[1] > teal[0] + 50);
        CHECK(amber[1] > amber[0] + 200);
    }
    /* a floor picked on the plan keeps its colour, lit, and the other slabs wash
     * out: WTC's 22nd floor is partly vacant (amber) among many other amber floors */
    snprintf(args, sizeof args, "%s --size 1280x720 --view wtc --select wtc --stacking", zs);
    image all = shot("wtc-plan", args);
    snprintf(args, sizeof args, "%s --size 1280x720 --view wtc --select wtc --floor 22", zs);
    image one = shot("wtc-floor", args);
    if (all.px && one.px) {
        size_t amber[2] = {0, 0};
        image *ims[2] = {&all, &one};
        for (int k = 0; k < 2; k++)
            /* the plan, wherever it stands between the column and the building's card (a
             * floor's card beside it moves it left): below its label */
            for (int y = 340; y < 650; y++)
                for (int x = 250; x < 760; x++) {
                    const uint8_t *p = ims[k]->px + 4 * ((size_t)y * 1280 + x);
                    amber[k] += p[0] > p[2] + 90 && p[1] > p[2] + 40 && p[0] >= p[1];
                }
        printf("floor picked: amber %zu -> %zu pixels\n", amber[0], amber[1]);
        CHECK(amber[1] > 100);           /* the floor itself */
        CHECK(amber[1] * 4 < amber[0]); /* and not the rest */
    }
    stbi_image_free(all.px);
    stbi_image_free(one.px);
    stbi_image_free(flat.px);
    stbi_image_free(plan.px);
    snprintf(cmd, sizeof cmd, "%s shot %s --out %s/x.png --stacking 2>&1", LOUYU_BIN, zs, tmpdir);
    CHECK_INT(run(cmd, out, sizeof out), 2);
    CHECK(strstr(out, "need --select") != NULL);

    /* colour-by: buildings take the ramp's colours (viridis has saturated
     * purples and yellows no plain wall has) and a legend appears */
    snprintf(args, sizeof args, "%s --size 640x360 --color-by occupancy", zs);
    image cb = shot("colour-by", args);
    snprintf(args, sizeof args, "%s --size 640x360", zs);
    image pl = shot("plain-again", args);
    if (cb.px && pl.px) {
        size_t vivid[2] = {0, 0}, n = (size_t)cb.w * cb.h;
        image *ims[2] = {&pl, &cb};
        for (int k = 0; k < 2; k++)
            for (size_t i = 0; i < n; i++) {
                const uint8_t *p = ims[k]->px + 4 * i;
                int mx = p[0] > p[1] ? (p[0] > p[2] ? p[0] : p[2]) : (p[1] > p[2] ? p[1] : p[2]);
                int mn = p[0] < p[1] ? (p[0] < p[2] ? p[0] : p[2]) : (p[1] < p[2] ? p[1] : p[2]);
                vivid[k] += mx - mn > 90 && !(p[2] > p[0] + 40 && p[1] > p[0]); /* not sea */
            }
        printf("colour-by: vivid pixels %zu -> %zu\n", vivid[0], vivid[1]);
        CHECK(vivid[1] > vivid[0] + 300);
    }
    stbi_image_free(cb.px);
    stbi_image_free(pl.px);
    snprintf(cmd, sizeof cmd, "%s shot %s --out %s/x.png --color-by colour 2>&1", LOUYU_BIN, zs,
             tmpdir);
    CHECK_INT(run(cmd, out, sizeof out), 2);
    CHECK(strstr(out, "--color-by wants") != NULL);

    /* the dashboard: a large panel with charts over the middle of the view */
    snprintf(args, sizeof args, "%s --size 1280x720 --dashboard", zs);
    image db = shot("dashboard", args);
    snprintf(args, sizeof args, "%s --size 1280x720", zs);
    image nb = shot("no-dashboard", args);
    if (db.px && nb.px) {
        size_t changed = 0, total_px = 0, teal = 0;
        for (int y = 120; y < 540; y += 2)
            for (int x = 300; x < 1000; x += 2, total_px++) {
                const uint8_t *p = db.px + 4 * ((size_t)y * db.w + x);
                const uint8_t *q = nb.px + 4 * ((size_t)y * nb.w + x);
                changed += abs(p[0] - q[0]) + abs(p[1] - q[1]) + abs(p[2] - q[2]) > 24;
                teal += p[1] > p[0] + 80 && p[2] > p[0] + 60 && p[1] > 120; /* vacancy bars */
            }
        printf("dashboard: %zu of %zu pixels changed, %zu teal\n", changed, total_px, teal);
        CHECK(changed > total_px / 2);
        CHECK(teal > 1000);
    }
    /* a portrait kiosk: the dashboard takes the screen's width under the side panels,
     * with every chart drawn (it was squeezed beside them, its bars of no width) */
    snprintf(args, sizeof args, "%s --size 540x960 --scale 0.875 --kiosk --dashboard", zs);
    image pd = shot("dashboard-portrait", args);
    if (pd.px) {
        size_t teal = 0, slate = 0;
        for (int y = 0; y < 960; y++)
            for (int x = 0; x < 540; x++) {
                const uint8_t *p = pd.px + 4 * ((size_t)y * 540 + x);
                teal += p[1] > p[0] + 80 && p[2] > p[0] + 60 && p[1] > 120;
                /* the industries' bars (74, 111, 165) */
                slate += abs(p[0] - 74) < 12 && abs(p[1] - 111) < 12 && abs(p[2] - 165) < 12;
            }
        printf("portrait dashboard: %zu teal, %zu slate pixels\n", teal, slate);
        CHECK(teal > 8000);
        CHECK(slate > 300);
    }
    stbi_image_free(pd.px);

    /* the pointer over a bar of occupancy by building: a dark read-out with its name
     * appears by the pointer, over the panel */
    snprintf(args, sizeof args, "%s --size 1280x720 --dashboard --pointer 400,300", zs);
    image dp = shot("dashboard-pointer", args);
    if (db.px && dp.px) {
        size_t dark[2] = {0, 0};
        image *ims[2] = {&db, &dp};
        for (int k = 0; k < 2; k++)
            for (int y = 300; y < 400; y++)
                for (int x = 400; x < 640; x++) {
                    const uint8_t *p = ims[k]->px + 4 * ((size_t)y * 1280 + x);
                    dark[k] += p[0] < 60 && p[1] < 70 && p[2] < 80;
                }
        printf("dashboard read-out: dark pixels %zu -> %zu\n", dark[0], dark[1]);
        CHECK(dark[0] < 200);
        CHECK(dark[1] > 5000);
    }
    stbi_image_free(dp.px);
    stbi_image_free(db.px);
    stbi_image_free(nb.px);

    /* the tenant finder: matching floors glow warm across the district */
    snprintf(args, sizeof args, "%s --size 1280x720 --find-area 1000", zs);
    image fd = shot("finder", args);
    snprintf(args, sizeof args, "%s --size 1280x720", zs);
    image nf = shot("no-finder", args);
    if (fd.px && nf.px) {
        size_t warm[2] = {0, 0};
        image *ims[2] = {&nf, &fd};
        for (int k = 0; k < 2; k++)
            for (int y = 0; y < 720; y++)
                for (int x = 260; x < 880; x++) { /* the map between the panels */
                    const uint8_t *p = ims[k]->px + 4 * ((size_t)y * 1280 + x);
                    warm[k] += p[0] > 200 && p[1] > 140 && p[2] < 130 && p[0] > p[2] + 90;
                }
        printf("finder: warm pixels %zu -> %zu\n", warm[0], warm[1]);
        CHECK(warm[1] > warm[0] + 500);
    }
    stbi_image_free(fd.px);
    stbi_image_free(nf.px);

    /* each matching floor glows, not the band between the lowest and the highest:
     * sample-18 has a floor of 1,000 m² or more free on floors 4, 13, 15, 22, 24
     * and 27, so a line down its face crosses six warm bands */
    snprintf(args, sizeof args, "%s --size 1280x720 --find-area 1000 --view sample-18", zs);
    image ff = shot("finder-floors", args);
    if (ff.px) {
        int bands = 0;
        bool prev = false;
        for (int y = 330; y < 660; y++) {
            const uint8_t *p = ff.px + 4 * ((size_t)y * 1280 + 625);
            bool warm = p[0] > 200 && p[1] > 140 && p[2] < 130 && p[0] > p[2] + 90;
            bands += warm && !prev;
            prev = warm;
        }
        printf("finder: %d warm bands down sample-18\n", bands);
        CHECK_INT(bands, 6);
    }
    stbi_image_free(ff.px);

    /* hot reload: a bad file is refused and the old district stays on screen
     * (only the status line at the bottom right differs); a good one replaces it */
    char bad[512];
    snprintf(bad, sizeof bad, "%s/tests/data/bad/height-negative.geojson", LY_SOURCE_DIR);
    snprintf(args, sizeof args, "%s --size 640x360 --reload %s", zs, bad);
    image kept = shot("reload-bad", args);
    snprintf(args, sizeof args, "%s --size 640x360 --reload %s", zs, sf);
    image swapped = shot("reload-good", args);
    snprintf(args, sizeof args, "%s --size 640x360", zs);
    image before = shot("reload-none", args);
    if (kept.px && swapped.px && before.px) {
        size_t same = 0, outside = 0, changed = 0, n = (size_t)before.w * before.h;
        for (size_t i = 0; i < n; i++) {
            int x = (int)(i % (size_t)before.w), y = (int)(i / (size_t)before.w);
            bool status = y > before.h - 50 && x > before.w / 3;
            const uint8_t *a = before.px + 4 * i, *b = kept.px + 4 * i, *c = swapped.px + 4 * i;
            if (!status) {
                outside++;
                same += abs(a[0] - b[0]) + abs(a[1] - b[1]) + abs(a[2] - b[2]) <= 6;
            }
            changed += abs(a[0] - c[0]) + abs(a[1] - c[1]) + abs(a[2] - c[2]) > 30;
        }
        printf("reload: bad keeps %zu of %zu pixels; good changes %zu\n", same, outside, changed);
        CHECK(same > outside * 99 / 100);
        CHECK(changed > n / 5);
    }
    stbi_image_free(kept.px);
    stbi_image_free(swapped.px);
    stbi_image_free(before.px);

    /* the kiosk's attract tour: a dark banner across the bottom, over the map */
    snprintf(args, sizeof args, "%s --size 1280x720 --attract", zs);
    image at = shot("attract", args);
    if (at.px) {
        double band[3];
        region(&at, 950, 608, 6, band); /* inside the banner, clear of its text */
        printf("attract banner %.2f %.2f %.2f\n", band[0], band[1], band[2]);
        CHECK(band[0] < 0.3 && band[1] < 0.3 && band[2] < 0.35);
    }
    stbi_image_free(at.px);

    /* a kiosk left alone: colour-by stays until --reset-after (120 s), even
     * though the tour has been running since 60 s, then it is back to plain */
    for (int k = 0; k < 2; k++) {
        snprintf(args, sizeof args, "%s --size 1280x720 --color-by occupancy --idle %d", zs,
                 k ? 130 : 50);
        image idle = shot(k ? "idle130" : "idle50", args);
        if (idle.px) {
            double sw[3];
            region(&idle, 37, 537, 3, sw); /* the legend's first, darkest swatch */
            printf("idle %d s: legend swatch %.2f %.2f %.2f\n", k ? 130 : 50, sw[0], sw[1], sw[2]);
            if (k)
                CHECK(sw[0] > 0.6 && sw[1] > 0.6 && sw[2] > 0.6); /* reset: no legend */
            else
                CHECK(sw[0] < 0.4 && sw[1] < 0.4); /* still coloured */
        }
        stbi_image_free(idle.px);
    }

    /* the kiosk's admin PIN pad: a veil over the map, a white pad in the middle with
     * its orange OK key */
    snprintf(args, sizeof args, "%s --size 1280x720 --admin pad", zs);
    image pad = shot("admin-pad", args);
    snprintf(args, sizeof args, "%s --size 1280x720", zs);
    image nopad = shot("no-admin", args);
    if (pad.px && nopad.px) {
        double veiled[3], unveiled[3], middle[3];
        region(&pad, 1100, 600, 8, veiled);
        region(&nopad, 1100, 600, 8, unveiled);
        region(&pad, 640, 175, 4, middle); /* the pad's title row, right of the title */
        size_t orange = 0;
        for (int y = 300; y < 560; y++)
            for (int x = 480; x < 800; x++) {
                const uint8_t *p = pad.px + 4 * ((size_t)y * 1280 + x);
                orange += p[0] > 200 && p[1] > 90 && p[1] < 160 && p[2] < 90;
            }
        printf("admin pad: veil %.2f -> %.2f, pad %.2f, orange %zu\n", unveiled[0] + unveiled[1] + unveiled[2],
               veiled[0] + veiled[1] + veiled[2], middle[0] + middle[1] + middle[2], orange);
        CHECK(veiled[0] + veiled[1] + veiled[2] < 0.7 * (unveiled[0] + unveiled[1] + unveiled[2]));
        CHECK(middle[0] > 0.9 && middle[1] > 0.9 && middle[2] > 0.9);
        CHECK(orange > 1500);
    }
    stbi_image_free(pad.px);
    stbi_image_free(nopad.px);

    /* the hidden admin gesture: a finger held in the corner fills an orange ring, and
     * after the config's hold_s the PIN pad opens */
    char cfg[512], hash[256] = "";
    snprintf(cmd, sizeof cmd, "echo 2580 | %s pin-hash 2>/dev/null", LOUYU_BIN);
    CHECK_INT(run(cmd, hash, sizeof hash), 0);
    hash[strcspn(hash, "\n")] = '\0';
    snprintf(cfg, sizeof cfg, "%s/kiosk.json", tmpdir);
    FILE *cf = fopen(cfg, "w");
    if (cf) {
        fprintf(cf, "{\"admin\": {\"pin_hash\": \"%s\", \"hold_s\": 4}}\n", hash);
        fclose(cf);
    }
    size_t ring[3] = {0, 0, 0};
    double pad_centre[3] = {0, 0, 0};
    for (int k = 0; k < 3; k++) { /* held 0.5 s (nothing yet), 3 s (the ring), 4.5 s (the pad) */
        snprintf(args, sizeof args, "%s --size 1280x720 --kiosk --config %s --hold %s", zs, cfg,
                 k == 0 ? "0.5" : k == 1 ? "3" : "4.5");
        image h = shot(k == 0 ? "hold-early" : k == 1 ? "hold-ring" : "hold-pad", args);
        if (!h.px)
            continue;
        for (int y = 0; y < 120; y++)
            for (int x = 0; x < 120; x++) {
                const uint8_t *p = h.px + 4 * ((size_t)y * 1280 + x);
                ring[k] += p[0] > 200 && p[1] > 90 && p[1] < 160 && p[2] < 90;
            }
        if (k == 2)
            region(&h, 640, 120, 4, pad_centre);
        stbi_image_free(h.px);
    }
    printf("admin hold: orange ring pixels %zu, %zu, %zu; pad %.2f\n", ring[0], ring[1], ring[2],
           pad_centre[0] + pad_centre[1] + pad_centre[2]);
    CHECK(ring[0] == 0);
    CHECK(ring[1] > 150);
    CHECK(ring[2] == 0); /* the pad is open: the ring is gone, */
    CHECK(pad_centre[0] > 0.9 && pad_centre[2] > 0.9); /* the pad's white panel in the middle */

    /* a kiosk whose data does not load: "out of service", and nothing else */
    char badfile[512];
    snprintf(badfile, sizeof badfile, "%s/tests/data/bad/height-negative.geojson", LY_SOURCE_DIR);
    /* (at the scale the probes are placed for: a 720 px kiosk's own is 1.17) */
    snprintf(args, sizeof args, "%s --size 1280x720 --kiosk --scale 1.5", badfile);
    image oos = shot("out-of-service", args);
    if (oos.px) {
        double card[3], left[3];
        region(&oos, 400, 290, 6, card); /* the notice in the middle: white */
        region(&oos, 130, 300, 6, left); /* where the panels would be: empty */
        printf("out of service: card %.2f, left %.2f %.2f %.2f\n", card[0] + card[1] + card[2],
               left[0], left[1], left[2]);
        CHECK(card[0] > 0.95 && card[1] > 0.95 && card[2] > 0.95);
        CHECK(left[0] < 0.92 && left[2] > left[0]); /* the bluish backdrop, no white panel */
    }
    stbi_image_free(oos.px);

    /* errors: an unknown view id and a missing --out */
    snprintf(cmd, sizeof cmd, "%s shot %s --out %s/x.png --view nowhere 2>&1", LOUYU_BIN, zs,
             tmpdir);
    CHECK_INT(run(cmd, out, sizeof out), 2);
    CHECK(strstr(out, "no building \"nowhere\"") != NULL);
    snprintf(cmd, sizeof cmd, "%s pick %s --at 1,1 --view top", LOUYU_BIN, zs);
    CHECK_INT(run(cmd, out, sizeof out), 0);
    CHECK_STR(out, "none\n");
    snprintf(cmd, sizeof cmd, "rm -rf %s", tmpdir);
    run(cmd, NULL, 0);
    return check_report();
}
