/* The two GL dialects louyu draws with, and every difference between them.
 *
 * The desktop and the kiosk draw with OpenGL 3.3 core through libepoxy; the
 * browser build (LY_GLES, set by the web build) with OpenGL ES 3.0, which
 * emscripten maps onto WebGL2. render.c is written once against the calls both
 * have; what one of them lacks or names differently is here:
 *  - the shaders' first line: the files say "#version 330 core"; ES gets
 *    LY_GL_PRELUDE in its place (version and default precisions);
 *  - the context's version, and whether it is enough;
 *  - a multi-draw (ES 3.0 has none: one draw per range);
 *  - program binaries (WebGL has none) and context resets (the page hears of a
 *    lost WebGL context itself);
 *  - the multisampled scene's colour format, which must match the canvas's;
 *  - waiting for the GPU (WebGL's finish does not wait);
 *  - timer queries (ES 3.0 has none). */
#ifndef LOUYU_RENDER_GL_H
#define LOUYU_RENDER_GL_H

#include <stdbool.h>

#ifdef LY_GLES
#include <GLES3/gl3.h>

#include <stdio.h>

#define LY_GL_NAME "OpenGL ES 3.0"
/* the multisampled scene's colour: a resolve needs the canvas's own format, and the
 * canvas has no alpha (platform_web.c) */
#define LY_GL_SCENE_COLOR GL_RGB8
#define LY_GL_SCENE_FORMAT GL_RGB
/* what glGetError says once a WebGL context is lost (CONTEXT_LOST_WEBGL) */
#define LY_GL_CONTEXT_LOST 0x9242
#define LY_GL_NEEDED 30
#define LY_GL_PRELUDE                                                                              \
    "#version 300 es\n"                                                                            \
    "precision highp float;\nprecision highp int;\nprecision highp sampler2D;\n"

/* e.g. "OpenGL ES 3.0 (WebGL 2.0 ...)": 30. In the browser the context is WebGL 2, which
 * is OpenGL ES 3.0 (the platform makes no other), and asking would wait for the GPU
 * process, busy for a while after it made the context. */
static inline int ly_gl_version(void)
{
#ifdef LY_WEB
    return 30;
#endif
    const char *v = (const char *)glGetString(GL_VERSION);
    int major = 0, minor = 0;
    if (!v || sscanf(v, "OpenGL ES %d.%d", &major, &minor) != 2)
        return 0;
    return major * 10 + minor;
}

static inline void ly_gl_multi_draw(GLenum mode, const GLsizei *count, GLenum type,
                                    const void *const *offset, GLsizei n)
{
    for (GLsizei i = 0; i < n; i++)
        glDrawElements(mode, count[i], type, offset[i]);
}

static inline bool ly_gl_has_program_binaries(void)
{
    return false;
}

static inline GLenum ly_gl_reset_status(void)
{
    return GL_NO_ERROR;
}

static inline void ly_gl_clear_depth(double d)
{
    glClearDepthf((float)d);
}

/* Waits for the GPU. WebGL's finish() does not (Chrome's only flushes): reading one
 * pixel back does, as it must wait for the frame it reads. */
static inline void ly_gl_finish(void)
{
    unsigned char px[4];
    glReadPixels(0, 0, 1, 1, GL_RGBA, GL_UNSIGNED_BYTE, px);
}

static inline bool ly_gl_has_timer(void)
{
    return false;
}

/* Whether the GL holds a frame's triangles until a flush (render.c's draw_ranges).
 * Chrome's WebGL goes through its GPU process, where a flush is a message: never. */
static inline bool ly_gl_bins_frames(void)
{
    return false;
}

static inline void ly_gl_stamp(GLuint query)
{
    (void)query;
}

static inline unsigned long long ly_gl_stamp_ns(GLuint query)
{
    (void)query;
    return 0;
}

#else
#include <epoxy/gl.h>
#include <string.h>

#define LY_GL_NAME "OpenGL 3.3"
#define LY_GL_CONTEXT_LOST GL_CONTEXT_LOST
#define LY_GL_SCENE_COLOR GL_RGBA8
#define LY_GL_SCENE_FORMAT GL_RGBA
#define LY_GL_NEEDED 33
#define LY_GL_PRELUDE NULL /* the files' own "#version 330 core" */

static inline int ly_gl_version(void)
{
    return epoxy_gl_version();
}

static inline void ly_gl_multi_draw(GLenum mode, const GLsizei *count, GLenum type,
                                    const void *const *offset, GLsizei n)
{
    glMultiDrawElements(mode, count, type, offset, n);
}

static inline bool ly_gl_has_program_binaries(void)
{
    return epoxy_gl_version() >= 41 || epoxy_has_gl_extension("GL_ARB_get_program_binary");
}

/* Whether the GL holds a frame's triangles until a flush (render.c's draw_ranges):
 * Mesa's software rasterisers bin every triangle of a frame before drawing any. */
static inline bool ly_gl_bins_frames(void)
{
    const char *name = (const char *)glGetString(GL_RENDERER);
    return name && (strstr(name, "llvmpipe") || strstr(name, "softpipe"));
}

/* robust contexts (GL 4.5 or ARB_robustness) say when they were reset */
static inline GLenum ly_gl_reset_status(void)
{
    if (epoxy_gl_version() >= 45)
        return glGetGraphicsResetStatus();
    if (epoxy_has_gl_extension("GL_ARB_robustness"))
        return glGetGraphicsResetStatusARB();
    return GL_NO_ERROR;
}

static inline void ly_gl_clear_depth(double d)
{
    glClearDepth(d);
}

static inline void ly_gl_finish(void)
{
    glFinish();
}

/* timer queries are core in 3.3 */
static inline bool ly_gl_has_timer(void)
{
    return true;
}

/* records the GPU's clock once the commands before it are done */
static inline void ly_gl_stamp(GLuint query)
{
    glQueryCounter(query, GL_TIMESTAMP);
}

/* the clock a stamp recorded, in nanoseconds (waits for it) */
static inline unsigned long long ly_gl_stamp_ns(GLuint query)
{
    GLuint64 ns = 0;
    glGetQueryObjectui64v(query, GL_QUERY_RESULT, &ns);
    return (unsigned long long)ns;
}
#endif

#endif
