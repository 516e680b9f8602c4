/* A read-out over every panel: the one a view gave (a dashboard bar under the
 * pointer), else the hovered building's name and occupancy, next to the cursor
 * or, for touch and shots, on its roof. */
#include "view.h"
#include "louyu/stats.h"

#include <stdio.h>

/* Where the hovered building's tooltip goes; false when its roof is behind the eye. */
static bool anchor(const ly_view_ctx *c, long b, float *x, float *y)
{
    const ly_state *st = &c->app->st;
    float s = c->L->s;
    if (st->hover_from_mouse && c->app->input.inside) {
        *x = c->app->input.x + 16 * s;
        *y = c->app->input.y + 20 * s;
        return true;
    }
    const ly_mesh_building *mb = &c->app->scene.mesh.buildings[b];
    float a[3] = {0.5f * (mb->min[0] + mb->max[0]), 0.5f * (mb->min[1] + mb->max[1]), mb->max[2]};
    ly_camera_matrices m;
    ly_camera_get_matrices(&st->cam, st->width, st->height, &m);
    const float *vp = m.view_proj;
    float cw = vp[3] * a[0] + vp[7] * a[1] + vp[11] * a[2] + vp[15];
    if (cw <= 0.1f)
        return false;
    *x = ((vp[0] * a[0] + vp[4] * a[1] + vp[8] * a[2] + vp[12]) / cw * 0.5f + 0.5f) *
             (float)st->width + 14 * s;
    *y = (0.5f - (vp[1] * a[0] + vp[5] * a[1] + vp[9] * a[2] + vp[13]) / cw * 0.5f) *
         (float)st->height;
    return true;
}

static bool hover(const ly_view_ctx *c)
{
    const ly_state *st = &c->app->st;
    if (st->hovered < 0 || st->hovered == st->selected)
        return false;
    float x, y;
    if (!anchor(c, st->hovered, &x, &y))
        return false;
    const ly_district *d = &c->app->scene.district;
    const ly_building *b = &d->buildings[st->hovered];
    char title[160], line[160];
    double area, vacant;
    double occ = ly_building_occupancy(d, b, &area, &vacant);
    if (b->status == LY_STATUS_UNDER_CONSTRUCTION) {
        snprintf(line, sizeof line, "%s", ly_view_str(c, LY_S_UNDER_CONSTRUCTION));
    } else if (occ >= 0) {
        char grouped[40];
        ly_format_grouped(vacant, grouped, sizeof grouped);
        snprintf(line, sizeof line, "%s %.0f%%  ·  %s %s m²", ly_view_str(c, LY_S_OCCUPANCY),
                 occ * 100, ly_view_str(c, LY_S_VACANT), grouped);
    } else {
        snprintf(line, sizeof line, "%s", ly_view_str(c, LY_S_NO_OCCUPANCY_DATA));
    }
    ly_view_draw_tip(c, x, y, ly_building_title(b, st->lang, title, sizeof title), line, occ < 0);
    return true;
}

ly_view_out ly_view_tooltip(const ly_view_ctx *c, const ly_tip *tip)
{
    if (c->app->st.admin.open || !c->app->scene.loaded)
        return (ly_view_out){0};
    if (tip && tip->shown) {
        ly_view_draw_tip(c, tip->x, tip->y, tip->title, tip->line, tip->muted);
        return (ly_view_out){.drew = true};
    }
    return (ly_view_out){.drew = hover(c)};
}
