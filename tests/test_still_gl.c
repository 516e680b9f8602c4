/* The still scene (headless GL): a viewer that redraws while its camera stands still
 * (a camera's picture, a hover over a panel) copies its last 3D scene instead of
 * drawing it again. The copy must be the picture itself, pixel for pixel, and every
 * change to what the 3D scene shows must draw it again: the camera moving, a
 * colour-by and a selection (the buildings' styles), areas on the ground (the overlay). Drawn or
 * copied, the picture is the same; and drawn in parts, flushed every few triangles as on
 * software GL, or whole. */
#include "gl_app.h"

#include <stdint.h>
#include <stdlib.h>

#define W 1280
#define H 720

static uint8_t g_px[2][W * H * 4];

/* A frame in which no time passes (nothing fades), read into g_px[k]; returns whether
 * its 3D scene was the copy. */
static bool still_frame(int k)
{
    frame(0);
    CHECK_INT(ly_renderer_target_read(g_app.renderer, g_px[k]), 0);
    ly_render_stats st;
    ly_renderer_stats(g_app.renderer, &st);
    return st.still;
}

static size_t differing(void)
{
    size_t n = 0;
    for (size_t i = 0; i < sizeof g_px[0]; i += 4)
        n += memcmp(g_px[0] + i, g_px[1] + i, 3) != 0;
    return n;
}

static uint8_t g_before[W * H * 4];

/* After a change: the next frame draws its scene (and, must_differ, it shows); the
 * frames after it settle (a walk's areas are made over a few), then one is drawn and
 * kept, and the next is that copy, the same picture to the pixel. */
static void after_change(const char *what, bool must_differ)
{
    fprintf(stderr, "%s\n", what);
    memcpy(g_before, g_px[1], sizeof g_before);
    CHECK(!still_frame(0));
    if (must_differ) {
        size_t n = 0;
        for (size_t i = 0; i < sizeof g_before; i += 4)
            n += memcmp(g_before + i, g_px[0] + i, 3) != 0;
        CHECK(n > 1000);
    }
    int drawn = 0;
    while (!still_frame(1) && drawn < 8) {
        memcpy(g_px[0], g_px[1], sizeof g_px[0]);
        drawn++;
    }
    CHECK(drawn >= 1 && drawn < 8);
    CHECK_INT(differing(), 0);
}

/* The scene drawn (the camera turned away and back) with the buildings flushed every
 * `every` triangles (0: never), read into g_px[k]. */
static void in_parts(int k, unsigned every)
{
    ly_renderer_set_flush(g_app.renderer, every);
    ly_camera_pose p = g_app.st.cam.pose, away = p;
    away.heading += 0.3;
    ly_camera_set_pose(&g_app.st.cam, away);
    frame(0);
    ly_camera_set_pose(&g_app.st.cam, p);
    CHECK(!still_frame(k));
    ly_render_stats st;
    ly_renderer_stats(g_app.renderer, &st);
    size_t parts = every ? st.triangles / every : 0;
    fprintf(stderr, "flushed every %u triangles: %zu flushes for %zu triangles\n", every,
            st.flushes, st.triangles);
    CHECK(st.triangles > 300);
    CHECK(st.flushes == parts);
}

int main(void)
{
    ly_platform *plat;
    int r = gl_app_open(&g_app, &plat);
    if (r)
        return r;
    ly_cmd_set_language(&g_app, LY_LANG_EN);
    for (int i = 0; i < 30; i++) /* labels and panels settle */
        frame(0.1);
    /* standing still: the copy, the same picture frame after frame */
    CHECK(still_frame(0));
    CHECK(still_frame(1));
    CHECK_INT(differing(), 0);

    /* the camera turns a little: drawn again */
    ly_camera_pose p = g_app.st.cam.pose;
    p.heading += 0.2;
    ly_camera_set_pose(&g_app.st.cam, p);
    after_change("the camera turned", true);

    /* coloured by occupancy: only the buildings' styles change */
    ly_cmd_set_color_mode(&g_app, LY_COLOR_OCCUPANCY, false);
    after_change("coloured by occupancy", true);
    ly_cmd_set_color_mode(&g_app, LY_COLOR_NONE, false);
    after_change("plain again", true);

    /* a building selected where the camera stands: its colour changes */
    long b = ly_district_find(&g_app.scene.district, "wtc");
    CHECK(b >= 0);
    ly_cmd_select(&g_app, b, false);
    after_change("a building selected", true);

    /* its walking areas on the ground: the overlay changes */
    ly_cmd_set_walk_areas(&g_app, true);
    after_change("walking areas drawn", false);
    ly_cmd_set_walk_areas(&g_app, false);
    after_change("walking areas gone", false);

    /* drawn in parts (software GL flushed every few triangles, ranges cut between
     * triangles) or whole, the picture is the same */
    ly_cmd_select(&g_app, -1, false);
    unsigned was = ly_renderer_set_flush(g_app.renderer, 0);
    in_parts(0, 0);
    in_parts(1, 7);
    CHECK_INT(differing(), 0);
    in_parts(1, 100);
    CHECK_INT(differing(), 0);
    ly_renderer_set_flush(g_app.renderer, was);

    ly_renderer_target_end(g_app.renderer);
    ly_cli_close(&g_app, plat);
    return check_report();
}
