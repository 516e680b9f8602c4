/* louyu platform: the only code that calls SDL.
 *
 * Opens a window with an OpenGL 3.3 core context (MSAA when available, with a
 * fallback without it), and answers for time. The module allocates the
 * ly_platform it returns; ly_platform_destroy frees it. Headless runs use
 * SDL's offscreen video driver (SDL_VIDEODRIVER=offscreen), which makes its GL
 * context through EGL, so no X server is needed. */
#ifndef LOUYU_PLATFORM_H
#define LOUYU_PLATFORM_H

#include "louyu/input.h"

#include <stdbool.h>
#include <stddef.h>

typedef struct ly_platform ly_platform;

typedef struct {
    const char *title;
    int width, height; /* 0: 1280 x 720 */
    int msaa_samples;  /* 0: 4; -1: none */
    bool fullscreen;
    bool hidden;
    int display; /* which monitor (0: the first) */
} ly_window_desc;

/* Returns NULL and a message in err on failure. */
ly_platform *ly_platform_create(const ly_window_desc *desc, char *err, size_t err_len);
void ly_platform_destroy(ly_platform *p);
/* Samples per pixel the context really got (0 when MSAA fell back). */
int ly_platform_msaa_samples(const ly_platform *p);
const char *ly_platform_video_driver(const ly_platform *p);
void ly_platform_swap(ly_platform *p);
/* The next pending event translated to louyu's own, or false when none.
 * Positions are in drawable pixels. */
bool ly_platform_poll(ly_platform *p, ly_event *e);
/* Blocks until an event arrives or `seconds` pass (idle frames sleep here). True when
 * an event is waiting. */
bool ly_platform_wait(ly_platform *p, double seconds);
/* Sleeps, events or not. */
void ly_platform_sleep(double seconds);
/* Whether the swap waits for the display's refresh (false: nothing paces frames). */
bool ly_platform_vsync(const ly_platform *p);
void ly_platform_drawable_size(const ly_platform *p, int *w, int *h);
/* Drawable pixels per window point (2 on a HiDPI screen). */
float ly_platform_pixel_scale(const ly_platform *p);
/* Where the system does not scale windows itself (X11: a pixel scale of 1), how much larger
 * than on a 96 dpi screen the interface should be drawn for a person to read it as on one:
 * GDK_SCALE when set, else the window's display's density (its physical size as the
 * monitor reports it), in steps of a quarter from 1.25 to 3; 1 otherwise. */
float ly_platform_density(const ly_platform *p);
void ly_platform_set_fullscreen(ly_platform *p, bool on);
bool ly_platform_is_fullscreen(const ly_platform *p);
void ly_platform_set_title(ly_platform *p, const char *title);
/* The path of the file last dropped on the window (LY_EV_DROP), or NULL; valid until the
 * next drop. */
const char *ly_platform_dropped(const ly_platform *p);
/* A test hook: `path` dropped on the window, as a file manager would (it comes back from
 * ly_platform_poll as LY_EV_DROP). */
void ly_platform_inject_drop(ly_platform *p, const char *path);
/* Shows or hides the mouse cursor over the window (a touch kiosk hides it). */
void ly_platform_show_cursor(ly_platform *p, bool show);
/* Seconds since an arbitrary start, monotonic. */
double ly_platform_now(void);

#endif
