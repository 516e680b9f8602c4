/* Operations mode: the district's cameras as a list (each opens or closes its live
 * picture), and a panel per open camera along the bottom: its name, the stream's
 * state in words and colour (live, stale, unreachable, bad data, connecting), the
 * newest picture, how old it is or when the next try comes, and a close button. */
#include "view.h"
#include "louyu/icons.h"

#include <math.h>
#include <stdio.h>

static const ly_string_id STATE_NAME[] = {
    [LY_CAM_CONNECTING] = LY_S_CAMERA_CONNECTING, [LY_CAM_LIVE] = LY_S_CAMERA_LIVE,
    [LY_CAM_STALE] = LY_S_CAMERA_STALE,           [LY_CAM_UNREACHABLE] = LY_S_CAMERA_UNREACHABLE,
    [LY_CAM_BAD] = LY_S_CAMERA_BAD};

static ly_color state_color(ly_cam_state s)
{
    return s == LY_CAM_LIVE    ? ly_rgba(46, 125, 50, 255)
           : s == LY_CAM_STALE ? ly_rgba(191, 120, 0, 255)
           : s == LY_CAM_CONNECTING ? ly_rgba(96, 104, 118, 255)
                                    : ly_rgba(198, 40, 40, 255);
}

/* A camera's state in words: one with a picture and no stream shows a snapshot, not video,
 * and is not "Live" (its list row and its picture's badge say the same). */
static const char *state_word(const ly_view_ctx *c, const ly_feature *f, ly_cam_state s)
{
    return ly_view_str(c, s == LY_CAM_LIVE && !f->stream ? LY_S_CAMERA_SNAPSHOT : STATE_NAME[s]);
}

/* Which of the open views shows camera `feature`, or -1. */
static int view_of(const ly_state *st, long feature)
{
    for (int i = 0; i < st->n_camera_views; i++)
        if (st->camera_views[i] == feature)
            return i;
    return -1;
}

ly_view_out ly_view_cameras(const ly_view_ctx *c)
{
    const ly_app *app = c->app;
    const ly_state *st = &app->st;
    const ly_district *d = &app->scene.district;
    if (!c->L->cameras.shown)
        return (ly_view_out){0};
    bool open = true;
    if (ly_view_panel(c, "cameras", &c->L->cameras, &open)) {
        ly_ui_title(c->ui, ly_view_str(c, LY_S_CAMERAS));
        size_t n = 0;
        size_t total = 0;
        for (size_t i = 0; i < d->n_features; i++)
            total += d->features[i].kind == LY_KIND_CAMERA;
        ly_ui_list_begin(c->ui, "camera-list",
                         ly_view_list_height(c, (float)total * (c->ui->theme.row_h + 14) + 4, 0));
        for (size_t i = 0; i < d->n_features; i++) {
            const ly_feature *f = &d->features[i];
            if (f->kind != LY_KIND_CAMERA)
                continue;
            n++;
            int v = view_of(st, (long)i);
            char label[200], detail[120];
            const char *name = ly_view_pick(c, f->name, f->name_en);
            snprintf(label, sizeof label, "      %s##cam%zu", name ? name : f->id ? f->id : "?", i);
            if (v >= 0)
                snprintf(detail, sizeof detail, "%s", state_word(c, f, app->dv.stream_status[v].state));
            else { /* where it looks and how wide (the numbers alone said neither) */
                int at = snprintf(detail, sizeof detail, ly_view_str(c, LY_S_CAMERA_AIM),
                                  fmod(round(f->heading_deg), 360), f->fov_deg);
                if (!f->stream && !f->snapshot && at > 0 && (size_t)at < sizeof detail)
                    snprintf(detail + at, sizeof detail - (size_t)at, " · %s",
                             ly_view_str(c, LY_S_CAMERA_NO_SOURCE));
            }
            bool on = v >= 0;
            if (ly_ui_item_toggle(c->ui, label, detail, &on))
                ly_msg_push(c->out, (ly_msg){.type = on ? LY_MSG_OPEN_CAMERA : LY_MSG_CLOSE_CAMERA,
                                             .id = (long)i});
            ly_view_row_icon(c, LY_ICON_CAMERA);
        }
        ly_ui_list_end(c->ui);
        if (!n)
            ly_ui_label(c->ui, ly_view_str(c, LY_S_CAMERAS_NONE));
        else if (st->n_camera_views >= LY_CAMERA_VIEWS)
            ly_ui_label_colored(c->ui, ly_view_str(c, LY_S_CAMERA_FULL),
                                app->ui.theme.text_secondary);
    }
    ly_ui_panel_end(c->ui);
    if (!open)
        ly_msg_on(c->out, LY_MSG_SET_CAMERAS_PANEL, false);
    return (ly_view_out){.drew = true};
}

/* The picture, fitted into the box x, y, w, h with its aspect kept, or the reason there
 * is none yet. */
static void picture(const ly_view_ctx *c, int k, float x, float y, float w, float h)
{
    const ly_derived *dv = &c->app->dv;
    float s = c->L->s;
    ly_color dark = ly_rgba(28, 32, 40, 255);
    int pw = dv->picture_w[k], ph = dv->picture_h[k];
    if (pw > 0 && ph > 0) {
        float k2 = fminf(w / (float)pw, h / (float)ph), dw = (float)pw * k2, dh = (float)ph * k2;
        float bx = 0.5f * (w - dw), by = 0.5f * (h - dh);
        bool old = dv->stream_status[k].state != LY_CAM_LIVE;
        /* the dark box only where the picture leaves it (its bars): software GL pays
         * for every pixel drawn, hidden or not */
        ly_draw_rect(c->dl, x, y, bx, h, dark);
        ly_draw_rect(c->dl, x + bx + dw, y, w - bx - dw, h, dark);
        ly_draw_rect(c->dl, x + bx, y, dw, by, dark);
        ly_draw_rect(c->dl, x + bx, y + by + dh, dw, h - by - dh, dark);
        ly_draw_image(c->dl, LY_DRAW_IMAGE_CAMERA + k, x + bx, y + by, dw, dh, 0, 0, 1, 1,
                      old ? ly_rgba(150, 150, 150, 255) : ly_rgba(255, 255, 255, 255));
    } else {
        ly_draw_rect(c->dl, x, y, w, h, dark);
    }
    const ly_camstream_status *st = &dv->stream_status[k];
    const ly_feature *f = &c->app->scene.district.features[c->app->st.camera_views[k]];
    const char *word = state_word(c, f, st->state);
    ly_color col = st->state == LY_CAM_LIVE && !f->stream ? ly_rgba(84, 96, 120, 255)
                                                          : state_color(st->state);
    float px = 12 * s, bw = ly_font_measure(c->app->font, word, px) + 14 * s;
    ly_draw_round_rect(c->dl, x + 6 * s, y + 6 * s, bw, px * 1.6f, 4 * s, col);
    ly_draw_text(c->dl, x + 13 * s, y + 6 * s + px * 1.17f, px, ly_rgba(255, 255, 255, 255), word);
}

_Static_assert(LY_S_CAMERA_CAUSE_INTERNAL - LY_S_CAMERA_CAUSE_REFUSED ==
                   LY_CAM_CAUSE_INTERNAL - LY_CAM_CAUSE_REFUSED,
               "the causes' strings are in the causes' order");

/* The line under the picture: the stream's own words, and the picture's age or the
 * next try. */
static void status_line(const ly_view_ctx *c, int k, char *buf, size_t n)
{
    const ly_camstream_status *st = &c->app->dv.stream_status[k];
    const ly_feature *f = &c->app->scene.district.features[c->app->st.camera_views[k]];
    char when[64] = "";
    if (!f->stream && !f->snapshot) {
        snprintf(buf, n, "%s", ly_view_str(c, LY_S_CAMERA_NO_SOURCE));
        return;
    }
    if ((st->state == LY_CAM_UNREACHABLE || st->state == LY_CAM_BAD) && st->retry_in_s > 0)
        snprintf(when, sizeof when, ly_view_str(c, LY_S_CAMERA_RETRY), st->retry_in_s);
    else if (st->age_s >= 0.5) /* (under half a second: "0 s ago" said nothing) */
        snprintf(when, sizeof when, ly_view_str(c, LY_S_CAMERA_AGE), st->age_s);
    else if (st->age_s >= 0)
        snprintf(when, sizeof when, "%s", ly_view_str(c, LY_S_CAMERA_AGE_NOW));
    /* why, when something is wrong: in English the stream's own words (they name the
     * server's answer and libcurl's); in Chinese its cause, the full words in the log. A
     * live picture needs only its age and rate */
    char said[160] = "";
    const char *why = st->state == LY_CAM_LIVE ? "" : st->message;
    if (why[0] && c->app->st.lang != LY_LANG_EN && st->cause != LY_CAM_CAUSE_NONE) {
        snprintf(said, sizeof said, ly_view_str(c, LY_S_CAMERA_CAUSE_REFUSED + st->cause - 1),
                 st->http_code);
        why = said;
    }
    if (st->state == LY_CAM_LIVE && st->fps > 0.05)
        snprintf(buf, n, ly_view_str(c, LY_S_CAMERA_FPS), when, st->fps);
    else
        snprintf(buf, n, "%s%s%s", when, when[0] && why[0] ? " · " : "", why);
}

ly_view_out ly_view_camera_views(const ly_view_ctx *c)
{
    const ly_app *app = c->app;
    const ly_state *st = &app->st;
    bool drew = false;
    for (int k = 0; k < st->n_camera_views && k < LY_CAMERA_VIEWS; k++) {
        const ly_box *b = &c->L->camera_view[k];
        if (!b->shown)
            continue;
        const ly_feature *f = &app->scene.district.features[st->camera_views[k]];
        char label[200];
        const char *name = ly_view_pick(c, f->name, f->name_en);
        snprintf(label, sizeof label, "%s##camview%ld", name ? name : f->id ? f->id : "?",
                 st->camera_views[k]);
        bool open = true;
        if (ly_view_panel(c, label, b, &open)) {
            /* (cut with "…" short of the close button at the panel's top right) */
            float s = c->L->s;
            char cut[300];
            ly_ui_label(c->ui, ly_ui_fit(c->app->font, name ? name : f->id ? f->id : "?",
                                         c->ui->theme.font_px * s,
                                         b->w - 2 * c->ui->theme.padding * s - 40 * s, cut,
                                         sizeof cut));
            ly_ui_rect r = ly_ui_last_rect(c->ui);
            /* the panel's content width (its padding on both sides), 4:3 */
            float pw = b->w - 2 * (r.x - b->x), ph = pw * 0.75f;
            ly_ui_space(c->ui, ph / s + 4);
            picture(c, k, r.x, r.y + r.h + 2 * s, pw, ph);
            char line[300], two[300];
            status_line(c, k, line, sizeof line);
            /* two lines' worth at most (the panel's room), cut with "…" (a wrap loses a
             * little of each line: 1.8 lines of width) */
            ly_ui_text_wrapped(c->ui, ly_ui_fit(c->app->font, line, c->ui->theme.font_px * s,
                                                1.8f * pw, two, sizeof two));
        }
        ly_ui_panel_end(c->ui);
        if (!open)
            ly_msg_push(c->out, (ly_msg){.type = LY_MSG_CLOSE_CAMERA, .id = st->camera_views[k]});
        drew = true;
    }
    return (ly_view_out){.drew = drew};
}
