/* louyu platform: the only code that calls SDL.
 *
 * Opens a window with an OpenGL 3.3 core context (MSAA when available, with a
 * fallback without it), and answers for time. The module allocates the
 * ly_platform it returns; ly_platform_destroy frees it. Headless runs use
 * SDL's offscreen video driver (SDL_VIDEODRIVER=offscreen), which makes its GL
 * context through EGL, so no X server is needed. */
#ifndef LOUYU_PLATFORM_H
#define LOUYU_PLATFORM_H

#include <stdbool.h>
#include <stddef.h>

typedef struct ly_platform ly_platform;

typedef struct {
    const char *title;
    int width, height; /* 0: 1280 x 720 */
    int msaa_samples;  /* 0: 4; -1: none */
    bool fullscreen;
    bool hidden;
} ly_window_desc;

/* Returns NULL and a message in err on failure. */
ly_platform *ly_platform_create(const ly_window_desc *desc, char *err, size_t err_len);
void ly_platform_destroy(ly_platform *p);
/* Samples per pixel the context really got (0 when MSAA fell back). */
int ly_platform_msaa_samples(const ly_platform *p);
const char *ly_platform_video_driver(const ly_platform *p);
void ly_platform_swap(ly_platform *p);
/* Seconds since an arbitrary start, monotonic. */
double ly_platform_now(void);

#endif
