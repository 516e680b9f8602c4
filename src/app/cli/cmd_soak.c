/* louyu soak: the kiosk application driven headless for many frames by a
 * random but realistic stream of input and reloads, watching memory and GL objects. */
#include "../commands.h"
#include "louyu/proc.h"
#include "window.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t soak_rng;

static uint32_t soak_next(void)
{
    soak_rng ^= soak_rng << 13;
    soak_rng ^= soak_rng >> 7;
    soak_rng ^= soak_rng << 17;
    return (uint32_t)(soak_rng >> 32);
}

static float soak_unit(void)
{
    return (float)(soak_next() & 0xFFFFFF) / 16777216.0f;
}

/* One random but plausible burst of input: returns how many events it fed. */
static int soak_input(ly_app *app, int w, int h)
{
    ly_event e = {0};
    int n = 0;
    uint32_t kind = soak_next() % 100;
    float x = soak_unit() * (float)w, y = soak_unit() * (float)h;
    if (kind < 25) { /* hover */
        e = (ly_event){.type = LY_EV_MOUSE_MOVE, .x = x, .y = y};
        ly_app_event(app, &e);
        n++;
    } else if (kind < 45) { /* a click or a drag with a button */
        int button = 1 + (int)(soak_next() % 3);
        e = (ly_event){.type = LY_EV_MOUSE_DOWN, .button = button, .x = x, .y = y,
                       .clicks = soak_next() % 5 ? 1 : 2};
        ly_app_event(app, &e);
        int steps = (int)(soak_next() % 6);
        for (int i = 0; i < steps; i++) {
            float dx = (soak_unit() - 0.5f) * 60, dy = (soak_unit() - 0.5f) * 60;
            x += dx;
            y += dy;
            e = (ly_event){.type = LY_EV_MOUSE_MOVE, .x = x, .y = y, .dx = dx, .dy = dy,
                           .buttons = 1 << (button - 1)};
            ly_app_event(app, &e);
        }
        e = (ly_event){.type = LY_EV_MOUSE_UP, .button = button, .x = x, .y = y};
        ly_app_event(app, &e);
        n += steps + 2;
    } else if (kind < 55) { /* wheel */
        e = (ly_event){.type = LY_EV_WHEEL, .x = x, .y = y, .dy = (soak_unit() - 0.5f) * 6};
        ly_app_event(app, &e);
        n++;
    } else if (kind < 75) { /* one or two fingers: tap, drag, pinch, twist */
        int fingers = 1 + (int)(soak_next() % 2);
        float fx[2] = {x, x + 80}, fy[2] = {y, y + 10 * soak_unit()};
        for (int f = 0; f < fingers; f++) {
            e = (ly_event){.type = LY_EV_FINGER_DOWN, .finger = f + 1, .x = fx[f], .y = fy[f]};
            ly_app_event(app, &e);
        }
        int steps = (int)(soak_next() % 8);
        for (int i = 0; i < steps; i++)
            for (int f = 0; f < fingers; f++) {
                fx[f] += (soak_unit() - 0.5f) * 40;
                fy[f] += (soak_unit() - 0.5f) * 40;
                e = (ly_event){.type = LY_EV_FINGER_MOVE, .finger = f + 1, .x = fx[f],
                               .y = fy[f]};
                ly_app_event(app, &e);
            }
        for (int f = 0; f < fingers; f++) {
            e = (ly_event){.type = LY_EV_FINGER_UP, .finger = f + 1, .x = fx[f], .y = fy[f]};
            ly_app_event(app, &e);
        }
        n += fingers * (2 + steps);
    } else if (kind < 90) { /* keys */
        static const ly_key keys[] = {LY_KEY_ESCAPE, LY_KEY_LEFT,  LY_KEY_RIGHT, LY_KEY_UP,
                                      LY_KEY_DOWN,   LY_KEY_PLUS,  LY_KEY_MINUS, LY_KEY_HOME,
                                      LY_KEY_P,      LY_KEY_X,     LY_KEY_C,     LY_KEY_B,
                                      LY_KEY_F,      LY_KEY_T,     LY_KEY_Q,     LY_KEY_E,
                                      LY_KEY_ENTER,  LY_KEY_PAGE_UP};
        ly_key k = keys[soak_next() % (sizeof keys / sizeof *keys)];
        e = (ly_event){.type = LY_EV_KEY_DOWN, .key = k};
        ly_app_event(app, &e);
        e.type = LY_EV_KEY_UP;
        ly_app_event(app, &e);
        n += 2;
    } else if (kind < 95) { /* typing into whatever has focus, and the language */
        e = (ly_event){.type = LY_EV_TEXT};
        /* a Latin letter, or 楼 */
        snprintf(e.text, sizeof e.text, "%s", soak_next() % 2 ? "s" : "\xe6\xa5\xbc");
        ly_app_event(app, &e);
        if (soak_next() % 4 == 0) {
            e = (ly_event){.type = LY_EV_KEY_DOWN, .key = LY_KEY_L};
            ly_app_event(app, &e);
        }
        n++;
    } else { /* select a random building, as a search result would */
        if (app->scene.district.n_buildings)
            ly_cmd_select(app, (long)(soak_next() % app->scene.district.n_buildings),
                          soak_next() % 2);
    }
    return n;
}

typedef struct {
    long rss_start, heap_start, rss_peak_first, rss_peak_last;
    size_t gl_start, gl_max;
} watchpoints;

/* After warm-up: the start figures once, then the peaks of the first and the last
 * tenth and the most GL objects seen. GL objects follow the view (the stacking
 * plan has its own buffers), so the end may differ from the start either way: the
 * most seen is what must stay bounded. */
static void watch(watchpoints *wp, const ly_app *app, long fr, long warm, long frames,
                  long window)
{
    if (fr == warm) {
        wp->rss_start = ly_proc_rss_kb();
        wp->heap_start = ly_proc_heap_kb();
        wp->gl_start = ly_renderer_gl_objects(app->renderer);
    }
    if (fr < warm || ((fr - warm) % 50 && fr != frames - 1))
        return;
    long rss = ly_proc_rss_kb();
    size_t gl = ly_renderer_gl_objects(app->renderer);
    wp->gl_max = gl > wp->gl_max ? gl : wp->gl_max;
    if (fr < warm + window && rss > wp->rss_peak_first)
        wp->rss_peak_first = rss;
    if (fr >= frames - window && rss > wp->rss_peak_last)
        wp->rss_peak_last = rss;
}

/* Before the start figures: a reload in flight swapped in and its meshes uploaded (on a
 * loaded machine, under the sanitizers, the scene of the reload started at frame 125 had
 * arrived after the warm-up, and its three objects had counted as growth). Frames drawn
 * here have no input and are not counted. */
static void settle(ly_app *app)
{
    ly_app_reload_poll(app, true);
    for (int i = 0; i < 1000; i++) {
        ly_app_update(app, 1.0 / 60);
        ly_app_render(app);
        ly_renderer_finish(app->renderer);
        ly_render_stats rs;
        ly_renderer_stats(app->renderer, &rs);
        if (!rs.waiting)
            break;
    }
}

int ly_cli_soak(const ly_args *a)
{
    const char *file = ly_cli_file(a), *bad = ly_arg_text(a, "--bad", NULL);
    long frames = (long)ly_arg_num(a, "--frames", 2000), trace = (long)ly_arg_num(a, "--trace", 0);
    long warm = (long)ly_arg_num(a, "--warm", -1);
    double size[3] = {480, 320, 0};
    ly_arg_values(a, "--size", size); /* smaller frames for slow runs, such as under valgrind */
    int w = (int)size[0], h = (int)size[1];
    /* Warm-up must cover whole cycles of everything the soak exercises, or the first
     * use of a path (a reload of each file, the tour, the reset, both languages, the
     * glyphs the labels need, llvmpipe's shader variants, the reload thread's malloc
     * arena) is counted as growth. The cycles are the good/bad reload pair (500
     * frames) and the burst/idle stretch (600): 5,000 frames hold their common period
     * (3,000) with room for the random toggles; short runs use half the run. */
    if (warm < 0 || warm >= frames)
        warm = frames / 2 < 5000 ? frames / 2 : 5000;
    soak_rng = (uint64_t)ly_arg_num(a, "--seed", 1) * 0x9E3779B97F4A7C15ull + 1;
    ly_app app;
    ly_platform *plat;
    ly_window_opts wo = {.width = 64, .height = 64, .scale = 1, .hidden = true};
    int rc = ly_cli_open(&app, &plat, &wo);
    if (rc)
        return rc;
    ly_cmd_resize(&app, w, h);
    if ((rc = ly_cli_load(&app, file, false)) || ly_renderer_target_begin(app.renderer, w, h)) {
        ly_cli_close(&app, plat);
        return rc ? rc : LY_EXIT_USAGE;
    }
    /* the kiosk's timers, shortened so that idle stretches run the tour and the reset */
    ly_cmd_set_kiosk(&app, true, 2.0, 5.0, 0);
    long events = 0, reloads = 0;
    watchpoints wp = {0};
    /* RSS swings by a few MB with the reload cycle and the allocator (a freed district
     * stays mapped for the next one): two single readings compare wherever in that
     * cycle they happen to fall. The peaks over the first and the last tenth after
     * warm-up each span many whole cycles, so growth of the envelope is growth of the
     * program. */
    long window = (frames - warm) / 10 > 0 ? (frames - warm) / 10 : 1;
    for (long fr = 0; fr < frames; fr++) {
        /* bursts of activity and idle stretches of up to ~8 s */
        if (fr % 600 < 300 && soak_next() % 100 < 40)
            events += soak_input(&app, w, h);
        /* the weekly update, now and then: good data and bad data */
        if (fr % 250 == 125 && ly_app_reload_start(&app, bad && (fr / 250) % 2 ? bad : file))
            reloads++;
        if (fr == warm)
            settle(&app);
        ly_app_reload_poll(&app, false);
        ly_app_update(&app, 1.0 / 60);
        ly_app_render(&app);
        /* a window presents every frame; headless, the frame must be finished here,
         * or the driver keeps queueing frames it has not drawn */
        ly_renderer_finish(app.renderer);
        watch(&wp, &app, fr, warm, frames, window);
        /* a trace shows the shape of any growth: a step that plateaus is warm-up, a
         * line that keeps climbing is a leak */
        if (trace && (fr % trace == 0 || fr == frames - 1))
            fprintf(stderr, "soak: frame %ld rss_kb %ld heap_kb %ld gl_objects %zu\n", fr,
                    ly_proc_rss_kb(), ly_proc_heap_kb(), ly_renderer_gl_objects(app.renderer));
    }
    ly_app_reload_poll(&app, true);
    printf("{\"frames\":%ld,\"events\":%ld,\"reloads\":%ld,\"rss_kb_start\":%ld,"
           "\"rss_kb_end\":%ld,\"gl_objects_start\":%zu,\"gl_objects_end\":%zu,"
           "\"warm_frames\":%ld,\"rss_kb_peak_first\":%ld,\"rss_kb_peak_last\":%ld,"
           "\"peak_window_frames\":%ld,\"gl_objects_max\":%zu,\"heap_kb_start\":%ld,"
           "\"heap_kb_end\":%ld}\n",
           frames, events, reloads, wp.rss_start, ly_proc_rss_kb(), wp.gl_start,
           ly_renderer_gl_objects(app.renderer), warm, wp.rss_peak_first, wp.rss_peak_last,
           window, wp.gl_max, wp.heap_start, ly_proc_heap_kb());
    ly_renderer_target_end(app.renderer);
    ly_cli_close(&app, plat);
    return LY_EXIT_OK;
}
