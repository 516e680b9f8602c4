/* louyu gl-info: the OpenGL driver louyu would draw with. */
#include "cli.h"
#include "louyu/platform.h"
#include "louyu/render.h"

#include <stdio.h>

int ly_cli_gl_info(const ly_args *a)
{
    (void)a;
    char err[256];
    ly_platform *p = ly_platform_create(&(ly_window_desc){.width = 64, .height = 64,
                                                          .hidden = true},
                                        err, sizeof err);
    if (!p) {
        fprintf(stderr, "louyu gl-info: %s\n", err);
        return LY_EXIT_GL;
    }
    ly_render_info info;
    int ok = ly_render_query_info(&info) == 0;
    printf("video driver  %s\nvendor        %s\nrenderer      %s\nversion       %s\nGLSL          "
           "%s\nMSAA samples  %d\nmax texture   %d\n",
           ly_platform_video_driver(p), info.vendor, info.renderer, info.version, info.glsl,
           ly_platform_msaa_samples(p), info.max_texture_size);
    ly_platform_destroy(p);
    if (!ok) {
        fprintf(stderr, "louyu gl-info: OpenGL %d.%d is older than the 3.3 louyu needs\n",
                info.gl_version / 10, info.gl_version % 10);
        return LY_EXIT_GL;
    }
    return LY_EXIT_OK;
}
