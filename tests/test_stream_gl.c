/* Meshes that come over several frames (headless GL). The viewer gives a frame a time for
 * sending chunks' full meshes to the GPU (ly_renderer_set_upload_budget): past it, the
 * chunks still to come are drawn at a far level, the frame says so, and the app asks
 * for another. Here, San Francisco's whole view with a budget so small that one mesh
 * goes up per frame: the first frame is whole (coarse where meshes wait, no holes),
 * each later one brings one more, and the last is the picture drawn with no budget,
 * pixel for pixel. Far levels go up when first drawn, not with the district. An exported
 * image is drawn whole. */
#include "gl_app.h"

#include <stdint.h>
#include <stdlib.h>

#define W 1280
#define H 720

static uint8_t g_ref[W * H * 4], g_px[W * H * 4];

/* One frame with no time passing (nothing fades), read into px; returns whether the
 * app asked for another, with the frame's statistics in st. */
static bool frame_into(uint8_t *px, ly_render_stats *st)
{
    ly_app_update(&g_app, 0);
    bool again = ly_app_render(&g_app);
    ly_renderer_finish(g_app.renderer);
    CHECK_INT(ly_renderer_target_read(g_app.renderer, px), 0);
    ly_renderer_stats(g_app.renderer, st);
    return again;
}

static size_t differing(void)
{
    size_t n = 0;
    for (size_t i = 0; i < sizeof g_px; i += 4)
        n += memcmp(g_ref + i, g_px + i, 3) != 0;
    return n;
}

static double mean(const uint8_t *px)
{
    double s = 0;
    for (size_t i = 0; i < (size_t)W * H * 4; i += 4)
        s += px[i] + px[i + 1] + px[i + 2];
    return s / (3.0 * 255 * W * H);
}

/* The district's meshes off the GPU, to go up again as frames need them. */
static void upload_again(void)
{
    CHECK_INT(ly_renderer_upload_scene(g_app.renderer, &g_app.scene.mesh, &g_app.scene.ground),
              0);
    ly_render_stats st;
    ly_renderer_stats(g_app.renderer, &st);
    CHECK_INT((long)st.resident_bytes, 0); /* nothing goes up with the district */
}

int main(void)
{
    ly_platform *plat;
    int rc = gl_app_open(&g_app, &plat);
    if (rc)
        return rc;
    CHECK_INT(ly_cli_load(&g_app, LY_SOURCE_DIR "/tests/data/sf-buildings/sf-buildings.geojson",
                          false),
              0);
    ly_render_stats st;
    /* settled with no budget: the picture to reach */
    ly_renderer_set_upload_budget(g_app.renderer, 0);
    upload_again();
    for (int i = 0; i < 4; i++)
        frame_into(g_ref, &st);
    upload_again();
    frame_into(g_ref, &st);
    size_t full = st.uploads, resident = st.resident_bytes;
    printf("no budget: %zu full meshes and %.1f MB of meshes up in the first frame, %zu waiting\n",
           full, (double)st.resident_bytes / (1 << 20), st.waiting);
    CHECK(full >= 3); /* the view wants several chunks in full */
    CHECK_INT((long)st.waiting, 0);
    CHECK(st.resident_bytes > 0 && st.resident_bytes < g_app.scene.mesh.bytes);

    /* one mesh a frame */
    ly_renderer_set_upload_budget(g_app.renderer, 1e-6);
    upload_again();
    bool again = frame_into(g_px, &st);
    size_t diff = differing();
    double m_ref = mean(g_ref), m = mean(g_px);
    printf("budget: first frame %zu up, %zu waiting, asks again %d; %zu pixels differ, mean "
           "%.3f vs %.3f\n",
           st.uploads, st.waiting, again, diff, m, m_ref);
    CHECK_INT((long)st.uploads, 1);
    CHECK_INT((long)st.waiting, (long)full - 1);
    CHECK(again);
    /* coarse where meshes wait (blocks of 15.6 m cells), but whole: without the chunks
     * that wait, the ground would show where they stand and the picture grow lighter */
    CHECK(diff > 0 && diff < (size_t)(0.4 * W * H));
    CHECK_NEAR(m, m_ref, 0.01);
    int frames = 1;
    while (st.waiting && frames < 100) {
        size_t waited = st.waiting;
        again = frame_into(g_px, &st);
        frames++;
        CHECK_INT((long)st.uploads, 1);
        CHECK_INT((long)st.waiting, (long)waited - 1);
        CHECK(again || !st.waiting);
    }
    diff = differing();
    printf("budget: every mesh up after %d frames; %zu pixels differ from the picture with none\n",
           frames, diff);
    CHECK_INT(frames, (int)full);
    CHECK_INT((long)diff, 0);

    ly_renderer_target_end(g_app.renderer);

    /* an exported picture is drawn whole whatever the budget, which then stays */
    upload_again();
    CHECK_INT(ly_app_render_image(&g_app, W, H, false, g_px), 0);
    ly_renderer_stats(g_app.renderer, &st);
    printf("an image with the budget: %zu waiting, %.1f MB up\n", st.waiting,
           (double)st.resident_bytes / (1 << 20));
    CHECK_INT((long)st.waiting, 0);
    CHECK_INT((long)st.resident_bytes, (long)resident);
    CHECK(ly_renderer_set_upload_budget(g_app.renderer, 0) == 1e-6);
    ly_cli_close(&g_app, plat);
    return check_report();
}
