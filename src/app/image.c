/* A picture of any size: the window's view drawn tile by tile into offscreen targets
 * no larger than the driver allows, each tile with the whole picture's projection
 * cropped to it, so the tiles join without a seam; the overlay (labels, a map's
 * title, north arrow, scale bar and legends) is laid out once for the whole size. */
#include "app.h"
#include "commands.h"
#include "louyu/file.h"
#include "louyu/html.h"

#include <stb/stb_image_write.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The largest tile: what the driver takes, at most 4096 (a tile's pixels are read back
 * whole: up to 64 MB). */
static int tile_size(void)
{
    ly_render_info info;
    ly_render_query_info(&info);
    int t = info.max_target_size > 0 ? info.max_target_size : 1024;
    return t < 4096 ? t : 4096;
}

int ly_app_render_image_tiled(ly_app *app, int width, int height, bool map, int tile,
                              uint8_t *rgba)
{
    ly_state *st = &app->st;
    int old_w = st->width, old_h = st->height;
    float old_scale = st->ui_scale;
    bool old_map = st->map_image;
    if (tile <= 0)
        tile = tile_size();
    /* room for the largest tile this picture has, not the largest the driver allows; a
     * picture of one tile is read straight into its pixels */
    int tw = width < tile ? width : tile, th = height < tile ? height : tile;
    bool whole = tw == width && th == height;
    uint8_t *part = whole ? rgba : malloc((size_t)(tw > 0 ? tw : 1) * (size_t)(th > 0 ? th : 1) * 4);
    if (!part)
        return -1;
    ly_cmd_resize(app, width, height);
    /* a map's title, arrow, scale bar and legends in proportion to the picture: as on a
     * 1280 x 720 window, or larger */
    float k = (float)(width / 1280.0 < height / 720.0 ? width / 1280.0 : height / 720.0);
    if (map && k > 1)
        ly_cmd_set_scale(app, old_scale * k);
    st->map_image = map;
    app->dv.overlay_dirty = true; /* a map shows no cameras' cones (surroundings.c) */
    /* a picture is drawn whole: no chunk waits for a later frame's uploads */
    double budget = ly_renderer_set_upload_budget(app->renderer, 0);
    int rc = 0;
    for (int y = 0; y < height && !rc; y += tile)
        for (int x = 0; x < width && !rc; x += tile) {
            int w = width - x < tile ? width - x : tile, h = height - y < tile ? height - y : tile;
            if (ly_renderer_target_begin(app->renderer, w, h)) {
                rc = -1;
                break;
            }
            /* panels find their heights and labels their places before the first tile;
             * later tiles lay out the same */
            ly_app_update(app, 0);
            for (int i = 0; i < 8; i++) {
                app->last_label_t = st->time - 10.0; /* fades end at once */
                if (!ly_app_render_tile(app, x, y, w, h))
                    break;
                ly_app_update(app, 0);
            }
            rc = ly_renderer_target_read(app->renderer, part);
            for (int r = 0; r < h && !rc && !whole; r++)
                memcpy(rgba + ((size_t)(y + r) * width + x) * 4, part + (size_t)r * w * 4,
                       (size_t)w * 4);
            ly_renderer_target_end(app->renderer);
        }
    if (!whole)
        free(part);
    ly_renderer_set_upload_budget(app->renderer, budget);
    st->map_image = old_map;
    app->dv.overlay_dirty = true;
    ly_cmd_set_scale(app, old_scale);
    ly_cmd_resize(app, old_w, old_h);
    return rc;
}

int ly_app_render_image(ly_app *app, int width, int height, bool map, uint8_t *rgba)
{
    return ly_app_render_image_tiled(app, width, height, map, 0, rgba);
}

/* ---- writing a picture --------------------------------------------------------------- */

static void to_buf(void *ctx, void *data, int size)
{
    ly_buf_putn(ctx, data, (size_t)size);
}

int ly_image_write(const char *path, int width, int height, const uint8_t *rgba,
                   int jpeg_quality, char *err, size_t n)
{
    ly_buf b = {0};
    int ok = jpeg_quality > 0
                 ? stbi_write_jpg_to_func(to_buf, &b, width, height, 4, rgba, jpeg_quality)
                 : stbi_write_png_to_func(to_buf, &b, width, height, 4, rgba, width * 4);
    int rc = 0;
    if (!ok || b.failed) {
        snprintf(err, n, "cannot write %s: the picture could not be encoded (out of memory?)",
                 path);
        rc = -1;
    } else if (!strcmp(path, "-")) { /* the standard output (louyu shot --out -) */
        if (fwrite(b.p, 1, b.len, stdout) != b.len || fflush(stdout)) {
            snprintf(err, n, "cannot write to the standard output: %s", strerror(errno));
            rc = -1;
        }
    } else {
        rc = ly_file_write_atomic(path, b.p, b.len, err, n);
    }
    ly_buf_free(&b);
    return rc;
}
