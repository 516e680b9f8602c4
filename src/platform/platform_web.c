/* louyu platform in the browser: platform.h over emscripten's html5.h.
 *
 * The "window" is the page's canvas #louyu-canvas, its GL context a WebGL2 one
 * (OpenGL ES 3.0 to the renderer). The browser calls back with its events; they are
 * turned into louyu's own at once and queued for ly_platform_poll, as SDL's are on the
 * desktop: positions in drawable pixels (CSS pixels times the device pixel ratio),
 * the wheel away from the user positive, each touch a finger of its own. The canvas
 * keeps its drawable size equal to its CSS size times the device pixel ratio. The
 * browser paces frames (requestAnimationFrame), so waiting and sleeping do nothing. */
#include "louyu/platform.h"

#include <emscripten/emscripten.h>
#include <emscripten/html5.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CANVAS "#louyu-canvas"

/* ---- the page: what html5.h has no call for -------------------------------- */

/* The canvas's box on the page (CSS pixels): left, top, width, height. */
EM_JS(void, canvas_box, (const char *selector, double *box), {
    var c = document.querySelector(UTF8ToString(selector));
    var r = c ? c.getBoundingClientRect() : null;
    var v = r ? [r.left, r.top, r.width, r.height] : [0, 0, 0, 0];
    for (var i = 0; i < 4; i++)
        HEAPF64[(box >> 3) + i] = v[i];
});

/* A press on the map gives it the keys (the press's default, which would, is prevented).
 * Focus given by a script counts as "focus-visible" in Chromium: the page's focus ring is
 * for a map reached with Tab, so a focus a press gave is marked until the map loses it. */
EM_JS(void, canvas_focus, (const char *selector), {
    var c = document.querySelector(UTF8ToString(selector));
    if (c && document.activeElement !== c) {
        c.setAttribute("data-pressed", "");
        if (!c.louyuBlur) {
            c.louyuBlur = true;
            c.addEventListener("blur", function() { c.removeAttribute("data-pressed"); });
        }
        c.focus({preventScroll: true, focusVisible: false});
    }
});

EM_JS(void, canvas_cursor, (const char *selector, int show), {
    var c = document.querySelector(UTF8ToString(selector));
    if (c)
        c.style.cursor = show ? "" : "none";
});

/* A right-drag pans the map: the canvas shows no context menu (html5.h has no
 * callback for it). */
EM_JS(void, canvas_no_menu, (const char *selector), {
    var c = document.querySelector(UTF8ToString(selector));
    if (c)
        c.addEventListener("contextmenu", function(e) { e.preventDefault(); });
});

/* Whether the page lets one finger scroll it over the canvas (CSS touch-action: pan-y,
 * as the portal's map does, a part of a page): the map then takes two fingers and taps. */
EM_JS(int, canvas_scrolls_page, (const char *selector), {
    var c = document.querySelector(UTF8ToString(selector));
    return c && /pan-y/.test(getComputedStyle(c).touchAction) ? 1 : 0;
});

enum { QUEUE = 256 };

/* The touches on a map that one finger does not move (canvas_scrolls_page): a lone
 * finger is held back until it lifts (a tap: the map's) or a second one comes (both the
 * map's); one that drags first is the page's scroll. */
typedef enum { COOP_OFF, COOP_IDLE, COOP_ONE, COOP_MAP } coop_mode;

struct ly_platform {
    EMSCRIPTEN_WEBGL_CONTEXT_HANDLE ctx;
    ly_event queue[QUEUE];
    int head, count;
    int width, height; /* drawable pixels */
    int buttons;       /* held mouse buttons: bit 0 left, 1 middle, 2 right */
    bool fullscreen;
    coop_mode coop;
    ly_event held;  /* the lone finger's press, not yet the map's (COOP_ONE) */
    bool scrolled;  /* it dragged: the page's */
};

static void push(ly_platform *p, const ly_event *e)
{
    if (p->count == QUEUE) /* a frame that never came: the oldest events go */
        p->head = (p->head + 1) % QUEUE, p->count--;
    p->queue[(p->head + p->count++) % QUEUE] = *e;
}

/* Makes the drawable the canvas's CSS size times the device pixel ratio; true when
 * that changed it. */
static bool fit_canvas(ly_platform *p)
{
    double css_w = 0, css_h = 0;
    emscripten_get_element_css_size(CANVAS, &css_w, &css_h);
    double dpr = emscripten_get_device_pixel_ratio();
    int w = (int)lround(css_w * dpr), h = (int)lround(css_h * dpr);
    w = w > 1 ? w : 1;
    h = h > 1 ? h : 1;
    if (w == p->width && h == p->height)
        return false;
    emscripten_set_canvas_element_size(CANVAS, w, h);
    p->width = w;
    p->height = h;
    return true;
}

static int mods_of(bool shift, bool ctrl, bool alt)
{
    return (shift ? LY_MOD_SHIFT : 0) | (ctrl ? LY_MOD_CTRL : 0) | (alt ? LY_MOD_ALT : 0);
}

static EM_BOOL on_mouse(int type, const EmscriptenMouseEvent *m, void *user)
{
    ly_platform *p = user;
    float s = (float)emscripten_get_device_pixel_ratio();
    ly_event e = {.x = (float)m->targetX * s, .y = (float)m->targetY * s,
                  .mods = mods_of(m->shiftKey, m->ctrlKey, m->altKey)};
    int button = m->button == 0 ? LY_BUTTON_LEFT : m->button == 1 ? LY_BUTTON_MIDDLE
                                               : m->button == 2   ? LY_BUTTON_RIGHT
                                                                  : 0;
    switch (type) {
    case EMSCRIPTEN_EVENT_MOUSEDOWN:
        canvas_focus(CANVAS);
        e.type = LY_EV_MOUSE_DOWN;
        e.button = button;
        e.clicks = 1;
        p->buttons |= button ? 1 << (button - 1) : 0;
        break;
    case EMSCRIPTEN_EVENT_DBLCLICK:
        e.type = LY_EV_MOUSE_DOWN; /* as SDL says a second click: a press with clicks 2 */
        e.button = button;
        e.clicks = 2;
        push(p, &e);
        e.type = LY_EV_MOUSE_UP;
        break;
    case EMSCRIPTEN_EVENT_MOUSEUP:
        /* a release outside the canvas ends a drag begun in it; others are not ours */
        if (!button || !(p->buttons & 1 << (button - 1)))
            return EM_FALSE;
        p->buttons &= ~(1 << (button - 1));
        e.type = LY_EV_MOUSE_UP;
        e.button = button;
        break;
    case EMSCRIPTEN_EVENT_MOUSEMOVE:
        e.type = LY_EV_MOUSE_MOVE;
        e.dx = (float)m->movementX * s;
        e.dy = (float)m->movementY * s;
        e.buttons = p->buttons;
        break;
    case EMSCRIPTEN_EVENT_MOUSELEAVE:
        e.type = LY_EV_LEAVE;
        break;
    default:
        return EM_FALSE;
    }
    push(p, &e);
    /* the canvas's own presses are the map's (no text selection, no context menu) */
    return type == EMSCRIPTEN_EVENT_MOUSEDOWN;
}




/* Moves and releases are heard on the window, so that a drag goes on outside the
 * canvas; the position is taken relative to the canvas. A move outside it with no
 * button held is not the map's. */
static EM_BOOL on_window_mouse(int type, const EmscriptenMouseEvent *m, void *user)
{
    ly_platform *p = user;
    if (type == EMSCRIPTEN_EVENT_MOUSEUP && !p->buttons)
        return EM_FALSE;
    double box[4] = {0, 0, 0, 0};
    canvas_box(CANVAS, box);
    EmscriptenMouseEvent local = *m;
    local.targetX = (long)(m->clientX - box[0]);
    local.targetY = (long)(m->clientY - box[1]);
    bool inside = local.targetX >= 0 && local.targetY >= 0 && local.targetX < box[2] &&
                  local.targetY < box[3];
    if (type == EMSCRIPTEN_EVENT_MOUSEMOVE && !p->buttons && !inside)
        return EM_FALSE;
    on_mouse(type, &local, user);
    return EM_FALSE;
}

static EM_BOOL on_wheel(int type, const EmscriptenWheelEvent *w, void *user)
{
    (void)type;
    ly_platform *p = user;
    float s = (float)emscripten_get_device_pixel_ratio();
    /* a notch is about 100 pixels or 3 lines; louyu counts notches, away positive */
    double per = w->deltaMode == DOM_DELTA_PIXEL ? 100.0 : w->deltaMode == DOM_DELTA_LINE ? 3.0
                                                                                          : 1.0;
    ly_event e = {.type = LY_EV_WHEEL, .dy = (float)(-w->deltaY / per),
                  .x = (float)w->mouse.targetX * s, .y = (float)w->mouse.targetY * s};
    push(p, &e);
    return EM_TRUE; /* the page does not scroll under the map */
}

/* A touch's position on the canvas, in drawable pixels. */
static void touch_at(const EmscriptenTouchPoint *tp, float s, ly_event *e)
{
    e->x = (float)tp->targetX * s;
    e->y = (float)tp->targetY * s;
}

/* A lone finger's touch on a map that lets it scroll the page: false when it is the
 * page's (the browser scrolls; the map hears nothing), true when the map takes the event
 * from here on as on any map. */
static bool coop_touch(ly_platform *p, int type, const EmscriptenTouchEvent *t, float s)
{
    const EmscriptenTouchPoint *tp = &t->touches[0];
    if (p->coop == COOP_IDLE && type == EMSCRIPTEN_EVENT_TOUCHSTART && t->numTouches == 1) {
        p->coop = COOP_ONE;
        p->scrolled = false;
        p->held = (ly_event){.type = LY_EV_FINGER_DOWN, .finger = tp->identifier};
        touch_at(tp, s, &p->held);
        return false;
    }
    if (p->coop != COOP_ONE)
        return true;
    if (type == EMSCRIPTEN_EVENT_TOUCHSTART) { /* a second finger: both are the map's */
        p->coop = COOP_MAP;
        for (int i = 0; i < t->numTouches; i++)
            if (t->touches[i].identifier == p->held.finger) /* where it is now */
                touch_at(&t->touches[i], s, &p->held);
        push(p, &p->held);
        return true;
    }
    if (type == EMSCRIPTEN_EVENT_TOUCHMOVE) {
        ly_event now; /* beyond 10 CSS pixels, the slop of a tap: a drag */
        touch_at(tp, s, &now);
        float dx = now.x - p->held.x, dy = now.y - p->held.y;
        p->scrolled = p->scrolled || dx * dx + dy * dy > 100 * s * s;
        return false;
    }
    /* lifted: a tap is the map's (its press, then its release), a drag was the page's */
    p->coop = COOP_IDLE;
    if (p->scrolled || type == EMSCRIPTEN_EVENT_TOUCHCANCEL)
        return false;
    push(p, &p->held);
    return true;
}

static EM_BOOL on_touch(int type, const EmscriptenTouchEvent *t, void *user)
{
    ly_platform *p = user;
    float s = (float)emscripten_get_device_pixel_ratio();
    if (type == EMSCRIPTEN_EVENT_TOUCHSTART && t->numTouches == 1)
        p->coop = canvas_scrolls_page(CANVAS) ? COOP_IDLE : COOP_OFF;
    if (p->coop != COOP_OFF && !coop_touch(p, type, t, s))
        return EM_FALSE; /* the page scrolls */
    if (type == EMSCRIPTEN_EVENT_TOUCHSTART)
        canvas_focus(CANVAS);
    ly_event_type kind = type == EMSCRIPTEN_EVENT_TOUCHSTART  ? LY_EV_FINGER_DOWN
                         : type == EMSCRIPTEN_EVENT_TOUCHMOVE ? LY_EV_FINGER_MOVE
                                                              : LY_EV_FINGER_UP;
    for (int i = 0; i < t->numTouches; i++) {
        const EmscriptenTouchPoint *tp = &t->touches[i];
        if (!tp->isChanged)
            continue;
        ly_event e = {.type = kind, .finger = tp->identifier, .x = (float)tp->targetX * s,
                      .y = (float)tp->targetY * s};
        push(p, &e);
    }
    /* the last finger lifted: the next touch asks the page again */
    bool all_up = type == EMSCRIPTEN_EVENT_TOUCHEND || type == EMSCRIPTEN_EVENT_TOUCHCANCEL;
    for (int i = 0; all_up && i < t->numTouches; i++)
        all_up = t->touches[i].isChanged;
    if (all_up && p->coop == COOP_MAP)
        p->coop = COOP_IDLE;
    return EM_TRUE; /* no mouse events made up from the touches, no page pan */
}

/* The key's name as the browser gives it (KeyboardEvent.key) as louyu's. */
static ly_key key_of(const char *k)
{
    static const struct {
        const char *name;
        ly_key key;
    } NAMES[] = {
        {"Escape", LY_KEY_ESCAPE},  {"ArrowLeft", LY_KEY_LEFT},  {"ArrowRight", LY_KEY_RIGHT},
        {"ArrowUp", LY_KEY_UP},     {"ArrowDown", LY_KEY_DOWN},  {"PageUp", LY_KEY_PAGE_UP},
        {"PageDown", LY_KEY_PAGE_DOWN}, {"Home", LY_KEY_HOME},   {"+", LY_KEY_PLUS},
        {"=", LY_KEY_PLUS},         {"-", LY_KEY_MINUS},         {"Enter", LY_KEY_ENTER},
        {"Backspace", LY_KEY_BACKSPACE}, {"Tab", LY_KEY_TAB},    {" ", LY_KEY_SPACE},
        {"F11", LY_KEY_F11},        {"F1", LY_KEY_F1},
    };
    if (k[0] && !k[1] && ((k[0] >= 'a' && k[0] <= 'z') || (k[0] >= 'A' && k[0] <= 'Z')))
        return (ly_key)(LY_KEY_A + ((k[0] | 0x20) - 'a'));
    for (size_t i = 0; i < sizeof NAMES / sizeof *NAMES; i++)
        if (!strcmp(k, NAMES[i].name))
            return NAMES[i].key;
    return LY_KEY_NONE;
}

static EM_BOOL on_key(int type, const EmscriptenKeyboardEvent *k, void *user)
{
    ly_platform *p = user;
    ly_event e = {.type = type == EMSCRIPTEN_EVENT_KEYDOWN ? LY_EV_KEY_DOWN : LY_EV_KEY_UP,
                  .key = key_of(k->key), .mods = mods_of(k->shiftKey, k->ctrlKey, k->altKey)};
    if (e.key != LY_KEY_NONE)
        push(p, &e);
    /* a printable character is typed text too (the search field); the browser's
     * shortcuts (with Ctrl or Alt) and Tab stay the browser's */
    size_t len = strlen(k->key);
    bool printable = len > 0 && len < sizeof e.text && (len == 1 || (unsigned char)k->key[0] >= 0x80);
    if (type == EMSCRIPTEN_EVENT_KEYDOWN && printable && !k->ctrlKey && !k->altKey && !k->metaKey) {
        ly_event t = {.type = LY_EV_TEXT};
        snprintf(t.text, sizeof t.text, "%s", k->key);
        push(p, &t);
        return EM_TRUE;
    }
    return e.key != LY_KEY_NONE && e.key != LY_KEY_TAB && !k->ctrlKey && !k->altKey &&
           !k->metaKey;
}

static EM_BOOL on_resize(int type, const EmscriptenUiEvent *u, void *user)
{
    (void)type;
    (void)u;
    ly_platform *p = user;
    if (fit_canvas(p))
        push(p, &(ly_event){.type = LY_EV_RESIZE, .x = (float)p->width, .y = (float)p->height});
    return EM_FALSE;
}

static EM_BOOL on_visibility(int type, const EmscriptenVisibilityChangeEvent *v, void *user)
{
    (void)type;
    ly_platform *p = user;
    if (!v->hidden) /* shown again: draw it whole */
        push(p, &(ly_event){.type = LY_EV_EXPOSE, .x = (float)p->width, .y = (float)p->height});
    return EM_FALSE;
}

static void listen(ly_platform *p)
{
    emscripten_set_mousedown_callback(CANVAS, p, EM_TRUE, on_mouse);
    emscripten_set_dblclick_callback(CANVAS, p, EM_TRUE, on_mouse);
    emscripten_set_mouseleave_callback(CANVAS, p, EM_TRUE, on_mouse);
    emscripten_set_mousemove_callback(EMSCRIPTEN_EVENT_TARGET_WINDOW, p, EM_FALSE, on_window_mouse);
    emscripten_set_mouseup_callback(EMSCRIPTEN_EVENT_TARGET_WINDOW, p, EM_FALSE, on_window_mouse);
    emscripten_set_wheel_callback(CANVAS, p, EM_TRUE, on_wheel);
    emscripten_set_touchstart_callback(CANVAS, p, EM_TRUE, on_touch);
    emscripten_set_touchmove_callback(CANVAS, p, EM_TRUE, on_touch);
    emscripten_set_touchend_callback(CANVAS, p, EM_TRUE, on_touch);
    emscripten_set_touchcancel_callback(CANVAS, p, EM_TRUE, on_touch);
    emscripten_set_keydown_callback(CANVAS, p, EM_TRUE, on_key);
    emscripten_set_keyup_callback(CANVAS, p, EM_TRUE, on_key);
    /* the page's hidden field that takes the keys while the map's search does, for an
     * input method (louyu-map.js); absent on a page without it */
    emscripten_set_keydown_callback("#louyu-ime", p, EM_TRUE, on_key);
    emscripten_set_keyup_callback("#louyu-ime", p, EM_TRUE, on_key);
    emscripten_set_resize_callback(EMSCRIPTEN_EVENT_TARGET_WINDOW, p, EM_FALSE, on_resize);
    emscripten_set_visibilitychange_callback(p, EM_FALSE, on_visibility);
    canvas_no_menu(CANVAS);
}

ly_platform *ly_platform_create(const ly_window_desc *desc, char *err, size_t err_len)
{
    (void)desc; /* the page sizes the canvas; the renderer multisamples the scene itself */
    ly_platform *p = calloc(1, sizeof *p);
    if (!p) {
        snprintf(err, err_len, "out of memory");
        return NULL;
    }
    EmscriptenWebGLContextAttributes a;
    emscripten_webgl_init_context_attributes(&a);
    a.majorVersion = 2;
    a.minorVersion = 0;
    a.alpha = EM_FALSE;
    a.depth = EM_TRUE;
    a.stencil = EM_TRUE; /* the water marks it: the walking areas stay off the sea */
    a.antialias = EM_FALSE;
    a.preserveDrawingBuffer = EM_FALSE;
    a.powerPreference = EM_WEBGL_POWER_PREFERENCE_HIGH_PERFORMANCE;
    /* WebGL2 has all the renderer uses; enabling every extension the browser offers
     * costs a round trip to its GPU process each */
    a.enableExtensionsByDefault = EM_FALSE;
    p->ctx = emscripten_webgl_create_context(CANVAS, &a);
    if (p->ctx <= 0) {
        snprintf(err, err_len, "this browser gives no WebGL2 context (error %d)", (int)p->ctx);
        free(p);
        return NULL;
    }
    emscripten_webgl_make_context_current(p->ctx);
    fit_canvas(p);
    listen(p);
    return p;
}

void ly_platform_destroy(ly_platform *p)
{
    if (!p)
        return;
    emscripten_html5_remove_all_event_listeners();
    emscripten_webgl_destroy_context(p->ctx);
    free(p);
}

int ly_platform_msaa_samples(const ly_platform *p)
{
    (void)p;
    return 0;
}

const char *ly_platform_video_driver(const ly_platform *p)
{
    (void)p;
    return "browser";
}

void ly_platform_swap(ly_platform *p)
{
    (void)p; /* the browser shows the canvas when the frame's callback returns */
}

bool ly_platform_poll(ly_platform *p, ly_event *e)
{
    if (!p->count) {
        /* the page may have resized the canvas's box without a window resize */
        if (!fit_canvas(p))
            return false;
        *e = (ly_event){.type = LY_EV_RESIZE, .x = (float)p->width, .y = (float)p->height};
        return true;
    }
    *e = p->queue[p->head];
    p->head = (p->head + 1) % QUEUE;
    p->count--;
    return true;
}

bool ly_platform_wait(ly_platform *p, double seconds)
{
    (void)seconds;
    return p->count > 0;
}

void ly_platform_sleep(double seconds)
{
    (void)seconds;
}

bool ly_platform_vsync(const ly_platform *p)
{
    (void)p;
    return true;
}

void ly_platform_drawable_size(const ly_platform *p, int *w, int *h)
{
    *w = p->width;
    *h = p->height;
}

float ly_platform_pixel_scale(const ly_platform *p)
{
    (void)p;
    return (float)emscripten_get_device_pixel_ratio();
}

void ly_platform_set_fullscreen(ly_platform *p, bool on)
{
    if (on)
        emscripten_request_fullscreen(CANVAS, EM_FALSE);
    else
        emscripten_exit_fullscreen();
    p->fullscreen = on;
}

bool ly_platform_is_fullscreen(const ly_platform *p)
{
    return p->fullscreen;
}

void ly_platform_set_title(ly_platform *p, const char *title)
{
    (void)p;
    (void)title; /* the page has its own title */
}

void ly_platform_show_cursor(ly_platform *p, bool show)
{
    (void)p;
    canvas_cursor(CANVAS, show);
}

double ly_platform_now(void)
{
    return emscripten_get_now() / 1000.0;
}
