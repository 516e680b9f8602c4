/* The sky (headless GL): drawn only over the rows where a view ray climbs, since
 * software GL shades a pass's every pixel before its depth test. Looking down at the
 * district no row can show sky and none is drawn; looking level, the rows above the
 * horizon get the sky's gradient (lighter towards the zenith), the rows below it only
 * the clear colour, which is the sky's horizon colour. */
#include "gl_app.h"

#include <stdint.h>
#include <string.h>

#define W 1280
#define H 720

static uint8_t g_px[W * H * 4];

static int sky_rows(void)
{
    ly_render_stats st;
    ly_renderer_stats(g_app.renderer, &st);
    return st.sky_rows;
}

/* The mean of one colour channel over row y (0 at the top) of the last picture. */
static double row_mean(int y, int c)
{
    double s = 0;
    for (int x = 0; x < W; x++)
        s += g_px[((size_t)y * W + (size_t)x) * 4 + (size_t)c];
    return s / W;
}

int main(void)
{
    ly_platform *plat;
    int r = gl_app_open(&g_app, &plat);
    if (r)
        return r;
    ly_camera_pose home = ly_camera_home_pose(&g_app.st.cam);
    ly_camera_set_pose(&g_app.st.cam, home);
    frame(0.1);
    CHECK_INT(sky_rows(), 0); /* the home view looks down: no sky */

    /* from 2.5 km out, as level as the camera goes (its lowest pitch) */
    ly_camera_pose level = home;
    level.distance = 2500;
    level.pitch = 2.0 * M_PI / 180;
    ly_camera_set_pose(&g_app.st.cam, level);
    frame(0.1);
    frame(0.1);
    int rows = sky_rows();
    fprintf(stderr, "looking level: sky over %d of %d rows\n", rows, H);
    CHECK(rows > 0 && rows < H);
    CHECK_INT(ly_renderer_target_read(g_app.renderer, g_px), 0);
    /* the top row is sky, bluer and lighter than near the horizon (the clear colour) */
    CHECK(row_mean(2, 0) < row_mean(H - 3, 0) - 5 || row_mean(2, 2) != row_mean(H - 3, 2));

    /* straight down: none again */
    ly_camera_pose down = home;
    down.pitch = 89.0 * M_PI / 180;
    ly_camera_set_pose(&g_app.st.cam, down);
    frame(0.1);
    CHECK_INT(sky_rows(), 0);

    /* Every pixel is drawn each frame: the colour is cleared only where nothing is sure
     * to cover it (render.c, clear_scene), so a view drawn after another is the picture
     * it is after itself. Far and level, the land plane ends before the horizon. */
    ly_cmd_set_picture_only(&g_app, true);
    ly_camera_pose far = level;
    far.distance = 6000;
    far.pitch = 4.0 * M_PI / 180;
    const ly_camera_pose views[4] = {home, level, down, far};
    static uint8_t ref[W * H * 4];
    for (int y = 0; y < 4; y++) {
        ly_camera_set_pose(&g_app.st.cam, views[y]);
        frame(0.1);
        frame(0.1);
        CHECK_INT(ly_renderer_target_read(g_app.renderer, ref), 0);
        for (int x = 0; x < 4; x++) {
            if (x == y)
                continue;
            ly_camera_set_pose(&g_app.st.cam, views[x]);
            frame(0.1);
            ly_camera_set_pose(&g_app.st.cam, views[y]);
            frame(0.1);
            CHECK_INT(ly_renderer_target_read(g_app.renderer, g_px), 0);
            if (memcmp(g_px, ref, sizeof ref))
                fprintf(stderr, "view %d drawn after view %d is not its picture\n", y, x);
            CHECK(!memcmp(g_px, ref, sizeof ref));
        }
    }

    ly_renderer_target_end(g_app.renderer);
    ly_cli_close(&g_app, plat);
    return check_report();
}
