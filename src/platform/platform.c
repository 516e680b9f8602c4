#include "louyu/platform.h"
#include "louyu/log.h"

#include <SDL.h>
#include <stdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

struct ly_platform {
    SDL_Window *window;
    SDL_GLContext gl;
    int samples;
    bool vsync; /* the swap waits for the display */
    char *dropped; /* the last file dropped on the window */
};

static SDL_Window *open_window(const ly_window_desc *desc, int samples, bool stencil, bool robust)
{
    SDL_GL_ResetAttributes();
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 3);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_CORE);
    SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
    SDL_GL_SetAttribute(SDL_GL_DEPTH_SIZE, 24);
    /* the water marks it so that the walking areas stay off the sea (the renderer draws
     * them everywhere where a context has none) */
    SDL_GL_SetAttribute(SDL_GL_STENCIL_SIZE, stencil ? 8 : 0);
    SDL_GL_SetAttribute(SDL_GL_MULTISAMPLEBUFFERS, samples > 0);
    SDL_GL_SetAttribute(SDL_GL_MULTISAMPLESAMPLES, samples > 0 ? samples : 0);
    if (robust) {
        /* a robust context reports a GPU reset instead of failing silently,
         * so the viewer can exit for its supervisor to restart it */
        SDL_GL_SetAttribute(SDL_GL_CONTEXT_FLAGS, SDL_GL_CONTEXT_ROBUST_ACCESS_FLAG);
        SDL_GL_SetAttribute(SDL_GL_CONTEXT_RESET_NOTIFICATION, SDL_GL_CONTEXT_RESET_LOSE_CONTEXT);
    }
    Uint32 flags = SDL_WINDOW_OPENGL | SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI;
    if (desc->hidden)
        flags |= SDL_WINDOW_HIDDEN;
    int display = desc->display >= 0 && desc->display < SDL_GetNumVideoDisplays() ? desc->display : 0;
    if (display != desc->display)
        LY_WARN("PLATFORM", "no display %d (there are %d): using the first", desc->display,
                SDL_GetNumVideoDisplays());
    int x = SDL_WINDOWPOS_CENTERED_DISPLAY(display), y = x;
    int w = desc->width ? desc->width : 1280, h = desc->height ? desc->height : 720;
    SDL_Rect screen;
    if (desc->fullscreen && SDL_GetDisplayBounds(display, &screen) == 0) {
        /* Full screen is the screen's own rectangle, borderless, before any window
         * manager is asked: in an X session without one (a kiosk started by xinit)
         * nobody would grant the request, and the window would keep its size. */
        x = screen.x, y = screen.y, w = screen.w, h = screen.h;
        flags |= SDL_WINDOW_BORDERLESS | SDL_WINDOW_FULLSCREEN_DESKTOP;
    }
    return SDL_CreateWindow(desc->title ? desc->title : "louyu", x, y, w, h, flags);
}

ly_platform *ly_platform_create(const ly_window_desc *desc, char *err, size_t err_len)
{
    /* Fingers arrive as finger events only: no synthetic mouse clicks from
     * touches (and no synthetic touches from the mouse), so nothing is handled twice. */
    SDL_SetHint(SDL_HINT_TOUCH_MOUSE_EVENTS, "0");
    SDL_SetHint(SDL_HINT_MOUSE_TOUCH_EVENTS, "0");
    SDL_SetHint(SDL_HINT_VIDEO_MINIMIZE_ON_FOCUS_LOSS, "0");
    /* closing the window is its own event, so that a kiosk can refuse it
     * and still end on SIGTERM (SDL_QUIT) from its service manager */
    SDL_SetHint(SDL_HINT_QUIT_ON_LAST_WINDOW_CLOSE, "0");
    /* a hidden window (shot, bench, publish) has no event loop to turn SIGINT and SIGTERM
     * into a quit while it loads or draws: the signals keep their usual effect (timeout,
     * Ctrl-C, a supervisor stop it) */
    if (desc->hidden)
        SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
    /* a hidden window with no screen to reach (cron, a service): the offscreen driver at
     * once, not after SDL's tries of X11 and Wayland, which print "error: XDG_RUNTIME_DIR
     * is invalid" on a run that then succeeds (a log scanner's false alarm) */
    const char *display = getenv("DISPLAY"), *wayland = getenv("WAYLAND_DISPLAY");
    if (desc->hidden && (!display || !*display) && (!wayland || !*wayland) &&
        !getenv("SDL_VIDEODRIVER"))
        SDL_SetHint(SDL_HINT_VIDEODRIVER, "offscreen");
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0) {
        snprintf(err, err_len, "cannot start SDL video: %s", SDL_GetError());
        return NULL;
    }
    /* With no screen to reach, SDL falls back to its offscreen driver: a viewer
     * asked for a window would then run unseen. Only a hidden window (shot, bench)
     * or an explicit SDL_VIDEODRIVER=offscreen may go without a screen. */
    const char *driver = SDL_GetCurrentVideoDriver(), *asked = SDL_GetHint(SDL_HINT_VIDEODRIVER);
    if (!desc->hidden && driver && strcmp(driver, "offscreen") == 0 &&
        !(asked && strstr(asked, "offscreen"))) {
        snprintf(err, err_len,
                 "no screen to open a window on (DISPLAY or WAYLAND_DISPLAY is unset or does "
                 "not answer); for headless use, set SDL_VIDEODRIVER=offscreen");
        SDL_Quit();
        return NULL;
    }
    ly_platform *p = calloc(1, sizeof *p);
    if (!p) {
        snprintf(err, err_len, "out of memory");
        SDL_Quit();
        return NULL;
    }
    int want = desc->msaa_samples == 0 ? 4 : desc->msaa_samples < 0 ? 0 : desc->msaa_samples;
    /* MSAA first; without it if the driver refuses. A robust context where
     * the driver has one, else a plain one; a stencil buffer where it has one, else
     * none (the walking areas then cover water too). */
    for (int samples = want;; samples = 0) {
        for (int k = 3; k >= 0 && !p->gl; k--) {
            bool stencil = k >= 2, robust = k & 1;
            if (p->window)
                SDL_DestroyWindow(p->window);
            p->window = open_window(desc, samples, stencil, robust);
            if (p->window)
                p->gl = SDL_GL_CreateContext(p->window);
        }
        if (p->gl) {
            p->samples = samples;
            break;
        }
        if (p->window)
            SDL_DestroyWindow(p->window);
        p->window = NULL;
        if (samples == 0) {
            snprintf(err, err_len, "cannot create an OpenGL 3.3 core context: %s",
                     SDL_GetError());
            free(p);
            SDL_Quit();
            return NULL;
        }
        LY_WARN("PLATFORM", "no %dx MSAA context (%s); trying without", samples, SDL_GetError());
    }
    int got = 0;
    if (p->samples && SDL_GL_GetAttribute(SDL_GL_MULTISAMPLESAMPLES, &got) == 0)
        p->samples = got;
    /* vsync; adaptive where the driver has it */
    p->vsync = SDL_GL_SetSwapInterval(-1) == 0 || SDL_GL_SetSwapInterval(1) == 0;
    /* the panels need room: below this the map would hide behind them (a window
     * asked to be smaller, such as a headless one, keeps its size) */
    if ((!desc->width || desc->width >= 720) && (!desc->height || desc->height >= 480))
        SDL_SetWindowMinimumSize(p->window, 720, 480);
    return p;
}

void ly_platform_destroy(ly_platform *p)
{
    if (!p)
        return;
    if (p->gl)
        SDL_GL_DeleteContext(p->gl);
    if (p->window)
        SDL_DestroyWindow(p->window);
    free(p->dropped);
    free(p);
    SDL_Quit();
}

int ly_platform_msaa_samples(const ly_platform *p)
{
    return p->samples;
}

const char *ly_platform_video_driver(const ly_platform *p)
{
    (void)p;
    const char *d = SDL_GetCurrentVideoDriver();
    return d ? d : "?";
}

void ly_platform_swap(ly_platform *p)
{
    SDL_GL_SwapWindow(p->window);
}

double ly_platform_now(void)
{
    return (double)SDL_GetPerformanceCounter() / (double)SDL_GetPerformanceFrequency();
}

void ly_platform_drawable_size(const ly_platform *p, int *w, int *h)
{
    SDL_GL_GetDrawableSize(p->window, w, h);
}

float ly_platform_pixel_scale(const ly_platform *p)
{
    int ww, wh, dw, dh;
    SDL_GetWindowSize(p->window, &ww, &wh);
    SDL_GL_GetDrawableSize(p->window, &dw, &dh);
    return ww > 0 ? (float)dw / (float)ww : 1.0f;
}

float ly_platform_density(const ly_platform *p)
{
    if (ly_platform_pixel_scale(p) > 1.01f)
        return 1; /* Wayland, macOS: the system scales already */
    const char *gdk = getenv("GDK_SCALE"); /* what GTK and Qt desktops on X11 set */
    float s = gdk ? (float)atof(gdk) : 0, dpi = 0;
    int display = SDL_GetWindowDisplayIndex(p->window);
    if (!(s >= 1) && display >= 0 && SDL_GetDisplayDPI(display, NULL, &dpi, NULL) == 0 &&
        dpi >= 40 && dpi <= 800)
        s = dpi / 96.0f;
    s = roundf(s * 4) / 4;
    return s >= 1.25f ? fminf(s, 3) : 1;
}

void ly_platform_set_fullscreen(ly_platform *p, bool on)
{
    int display = SDL_GetWindowDisplayIndex(p->window);
    SDL_Rect screen;
    if (on && display >= 0 && SDL_GetDisplayBounds(display, &screen) == 0) {
        /* covering the screen does not depend on a window manager (see open_window) */
        SDL_SetWindowBordered(p->window, SDL_FALSE);
        SDL_SetWindowPosition(p->window, screen.x, screen.y);
        SDL_SetWindowSize(p->window, screen.w, screen.h);
    }
    SDL_SetWindowFullscreen(p->window, on ? SDL_WINDOW_FULLSCREEN_DESKTOP : 0);
    if (!on) {
        SDL_SetWindowBordered(p->window, SDL_TRUE);
        SDL_SetWindowSize(p->window, 1280, 720);
        SDL_SetWindowPosition(p->window, SDL_WINDOWPOS_CENTERED_DISPLAY(display > 0 ? display : 0),
                              SDL_WINDOWPOS_CENTERED_DISPLAY(display > 0 ? display : 0));
    }
}

bool ly_platform_is_fullscreen(const ly_platform *p)
{
    return (SDL_GetWindowFlags(p->window) & SDL_WINDOW_FULLSCREEN_DESKTOP) != 0;
}

const char *ly_platform_dropped(const ly_platform *p)
{
    return p->dropped;
}

void ly_platform_inject_drop(ly_platform *p, const char *path)
{
    SDL_Event ev = {.type = SDL_DROPFILE};
    ev.drop.file = SDL_strdup(path);
    ev.drop.windowID = SDL_GetWindowID(p->window);
    if (ev.drop.file && SDL_PushEvent(&ev) != 1)
        SDL_free(ev.drop.file);
}

void ly_platform_set_title(ly_platform *p, const char *title)
{
    SDL_SetWindowTitle(p->window, title);
}

void ly_platform_show_cursor(ly_platform *p, bool show)
{
    (void)p;
    SDL_ShowCursor(show ? SDL_ENABLE : SDL_DISABLE);
}

bool ly_platform_wait(ly_platform *p, double seconds)
{
    (void)p;
    return SDL_WaitEventTimeout(NULL, (int)(seconds * 1000.0)) == 1;
}

void ly_platform_sleep(double seconds)
{
    if (seconds > 0)
        SDL_Delay((Uint32)(seconds * 1000.0));
}

bool ly_platform_vsync(const ly_platform *p)
{
    return p && p->vsync;
}

static ly_key translate_key(SDL_Keycode k)
{
    if (k >= SDLK_a && k <= SDLK_z)
        return (ly_key)(LY_KEY_A + (k - SDLK_a));
    switch (k) {
    case SDLK_ESCAPE:
        return LY_KEY_ESCAPE;
    case SDLK_LEFT:
        return LY_KEY_LEFT;
    case SDLK_RIGHT:
        return LY_KEY_RIGHT;
    case SDLK_UP:
        return LY_KEY_UP;
    case SDLK_DOWN:
        return LY_KEY_DOWN;
    case SDLK_PAGEUP:
        return LY_KEY_PAGE_UP;
    case SDLK_PAGEDOWN:
        return LY_KEY_PAGE_DOWN;
    case SDLK_HOME:
        return LY_KEY_HOME;
    case SDLK_PLUS:
    case SDLK_EQUALS:
    case SDLK_KP_PLUS:
        return LY_KEY_PLUS;
    case SDLK_MINUS:
    case SDLK_KP_MINUS:
        return LY_KEY_MINUS;
    case SDLK_RETURN:
    case SDLK_KP_ENTER:
        return LY_KEY_ENTER;
    case SDLK_BACKSPACE:
        return LY_KEY_BACKSPACE;
    case SDLK_TAB:
        return LY_KEY_TAB;
    case SDLK_SPACE:
        return LY_KEY_SPACE;
    case SDLK_F11:
        return LY_KEY_F11;
    case SDLK_F1:
        return LY_KEY_F1;
    default:
        return LY_KEY_NONE;
    }
}

static int translate_mods(Uint16 m)
{
    return (m & KMOD_SHIFT ? LY_MOD_SHIFT : 0) | (m & KMOD_CTRL ? LY_MOD_CTRL : 0) |
           (m & KMOD_ALT ? LY_MOD_ALT : 0);
}

static int translate_button(Uint8 b)
{
    return b == SDL_BUTTON_LEFT     ? LY_BUTTON_LEFT
           : b == SDL_BUTTON_MIDDLE ? LY_BUTTON_MIDDLE
           : b == SDL_BUTTON_RIGHT  ? LY_BUTTON_RIGHT
                                    : 0;
}

/* A window event as louyu's own; false for those louyu does not use. */
static bool window_event(const SDL_WindowEvent *w, int dw, int dh, ly_event *e)
{
    switch (w->event) {
    case SDL_WINDOWEVENT_CLOSE:
        e->type = LY_EV_CLOSE;
        return true;
    case SDL_WINDOWEVENT_SIZE_CHANGED:
        e->type = LY_EV_RESIZE;
        break;
    case SDL_WINDOWEVENT_LEAVE:
        e->type = LY_EV_LEAVE;
        return true;
    case SDL_WINDOWEVENT_EXPOSED:
    case SDL_WINDOWEVENT_SHOWN:
    case SDL_WINDOWEVENT_RESTORED:
        e->type = LY_EV_EXPOSE;
        break;
    default:
        return false;
    }
    e->x = (float)dw;
    e->y = (float)dh;
    return true;
}

/* A mouse event as louyu's own, in drawable pixels (s per window point); false
 * for the mouse events SDL makes up from touches. */
static bool mouse_event(const SDL_Event *ev, float s, ly_event *e)
{
    switch (ev->type) {
    case SDL_MOUSEBUTTONDOWN:
    case SDL_MOUSEBUTTONUP:
        if (ev->button.which == SDL_TOUCH_MOUSEID)
            return false;
        e->type = ev->type == SDL_MOUSEBUTTONDOWN ? LY_EV_MOUSE_DOWN : LY_EV_MOUSE_UP;
        e->button = translate_button(ev->button.button);
        e->clicks = ev->button.clicks;
        e->x = (float)ev->button.x * s;
        e->y = (float)ev->button.y * s;
        e->mods = translate_mods(SDL_GetModState());
        return true;
    case SDL_MOUSEMOTION:
        if (ev->motion.which == SDL_TOUCH_MOUSEID)
            return false;
        e->type = LY_EV_MOUSE_MOVE;
        e->x = (float)ev->motion.x * s;
        e->y = (float)ev->motion.y * s;
        e->dx = (float)ev->motion.xrel * s;
        e->dy = (float)ev->motion.yrel * s;
        e->buttons = (ev->motion.state & SDL_BUTTON_LMASK ? 1 : 0) |
                     (ev->motion.state & SDL_BUTTON_MMASK ? 2 : 0) |
                     (ev->motion.state & SDL_BUTTON_RMASK ? 4 : 0);
        e->mods = translate_mods(SDL_GetModState());
        return true;
    default: { /* the wheel */
        if (ev->wheel.which == SDL_TOUCH_MOUSEID)
            return false;
        int mx, my;
        SDL_GetMouseState(&mx, &my);
        e->type = LY_EV_WHEEL;
        e->dy = ev->wheel.preciseY != 0 ? ev->wheel.preciseY : (float)ev->wheel.y;
        if (ev->wheel.direction == SDL_MOUSEWHEEL_FLIPPED)
            e->dy = -e->dy;
        e->x = (float)mx * s;
        e->y = (float)my * s;
        return true;
    }
    }
}

bool ly_platform_poll(ly_platform *p, ly_event *e)
{
    SDL_Event ev;
    float s = ly_platform_pixel_scale(p);
    int dw, dh;
    SDL_GL_GetDrawableSize(p->window, &dw, &dh);
    while (SDL_PollEvent(&ev)) {
        memset(e, 0, sizeof *e);
        switch (ev.type) {
        case SDL_QUIT:
            e->type = LY_EV_QUIT;
            return true;
        case SDL_WINDOWEVENT:
            if (window_event(&ev.window, dw, dh, e))
                return true;
            continue;
        case SDL_MOUSEBUTTONDOWN:
        case SDL_MOUSEBUTTONUP:
        case SDL_MOUSEMOTION:
        case SDL_MOUSEWHEEL:
            if (mouse_event(&ev, s, e))
                return true;
            continue;
        case SDL_KEYDOWN:
        case SDL_KEYUP:
            e->type = ev.type == SDL_KEYDOWN ? LY_EV_KEY_DOWN : LY_EV_KEY_UP;
            e->key = translate_key(ev.key.keysym.sym);
            e->mods = translate_mods(ev.key.keysym.mod);
            if (e->key == LY_KEY_NONE)
                continue;
            return true;
        case SDL_TEXTINPUT:
            e->type = LY_EV_TEXT;
            snprintf(e->text, sizeof e->text, "%s", ev.text.text);
            return true;
        case SDL_DROPFILE:
        case SDL_DROPTEXT: { /* (text dropped is not a file: freed, nothing else) */
            char *copy = ev.type == SDL_DROPFILE && ev.drop.file ? strdup(ev.drop.file) : NULL;
            SDL_free(ev.drop.file);
            if (!copy)
                continue;
            free(p->dropped);
            p->dropped = copy;
            e->type = LY_EV_DROP;
            return true;
        }
        case SDL_FINGERDOWN:
        case SDL_FINGERMOTION:
        case SDL_FINGERUP:
            e->type = ev.type == SDL_FINGERDOWN     ? LY_EV_FINGER_DOWN
                      : ev.type == SDL_FINGERMOTION ? LY_EV_FINGER_MOVE
                                                    : LY_EV_FINGER_UP;
            e->finger = (int64_t)ev.tfinger.fingerId;
            e->x = ev.tfinger.x * (float)dw;
            e->y = ev.tfinger.y * (float)dh;
            return true;
        default:
            continue;
        }
    }
    return false;
}
