/* louyu render: the only code that calls OpenGL (through libepoxy).
 *
 * Needs a current OpenGL 3.3 core context (made by the platform layer). The
 * strings in ly_render_info belong to the GL driver and stay valid while the
 * context lives. */
#ifndef LOUYU_RENDER_H
#define LOUYU_RENDER_H

typedef struct {
    const char *vendor, *renderer, *version, *glsl;
    int gl_version; /* e.g. 33 for 3.3 */
    int max_texture_size;
} ly_render_info;

/* Returns 0, or -1 when the context is older than OpenGL 3.3. */
int ly_render_query_info(ly_render_info *out);

#endif
