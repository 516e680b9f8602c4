#include "louyu/render.h"

#include <epoxy/gl.h>

int ly_render_query_info(ly_render_info *out)
{
    out->vendor = (const char *)glGetString(GL_VENDOR);
    out->renderer = (const char *)glGetString(GL_RENDERER);
    out->version = (const char *)glGetString(GL_VERSION);
    out->glsl = (const char *)glGetString(GL_SHADING_LANGUAGE_VERSION);
    out->gl_version = epoxy_gl_version();
    glGetIntegerv(GL_MAX_TEXTURE_SIZE, &out->max_texture_size);
    return out->gl_version >= 33 ? 0 : -1;
}
