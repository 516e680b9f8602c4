#include "louyu/render.h"
#include "gl.h"
#include "louyu/bvh.h"
#include "louyu/clock.h"
#include "louyu/file.h"
#include "louyu/log.h"
#include "louyu/palette.h"

#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ---- palette ---------------------------------------------------------------- */

/* The sky and the light (the ground's and the buildings' colours: louyu/palette.h). */
static const float SKY_ZENITH[3] = {0.47f, 0.64f, 0.84f};
static const float SKY_HORIZON[3] = {0.86f, 0.90f, 0.94f};
static const float LIGHT_SKY[3] = {0.80f, 0.86f, 0.96f};
static const float LIGHT_GROUND[3] = {0.60f, 0.57f, 0.52f};
static const float ACCENT[3] = {0.93f, 0.49f, 0.18f};

/* Texels in a row of the building styles' texture: the least texture size ES 3.0
 * promises, so a million buildings take 1,465 rows. */
enum { STYLE_ROW = 2048 };
enum { FLUSH_TRIANGLES = 8192 }; /* on software GL (draw_ranges) */

/* ---- programs --------------------------------------------------------------- */

typedef struct {
    GLuint id;
    GLuint vs, fs;      /* while linking has begun and not been looked at (pending) */
    bool pending;
    uint64_t key;       /* for its kept binary, once linked (bin_path "": none) */
    char bin_path[1100];
    char name[40];      /* NAME or NAME-VARIANT, for messages */
    char base[32];      /* NAME: its files are NAME.vert and NAME.frag */
    GLint view_proj, eye, sun, sky_color, ground_color, fog_color, fog_distance, accent, pass,
        buildings, layer_colors, inv_view_proj, zenith, horizon, screen, offset, atlas, focus,
        dither, dither_cut;
} program;

typedef struct {
    GLuint vao, vbo, ibo;
    GLsizei n_indices, site_first;
} gpu_mesh;

/* A chunk of the district: its far levels (each uploaded from src when a frame first
 * draws it, then kept), its full mesh (uploaded from src when first needed, dropped
 * when the memory ceiling needs room and the chunk was not drawn in full this frame),
 * and its box. */
typedef struct {
    gpu_mesh full, lod[LY_MESH_LODS];
    const ly_mesh_chunk *src;
    size_t full_bytes;
    uint64_t used; /* the frame that last drew it in full */
    bool lod_failed[LY_MESH_LODS]; /* the level's upload failed: drawn without it */
    float min[3], max[3];
} gpu_chunk;

/* A chunk to draw this frame and how far it is from the eye. */
typedef struct {
    float dist;
    uint32_t chunk;
} chunk_at;

struct ly_renderer {
    program building, ground, ground_bands, sky, ui, ui_rgba, slab, overlay;
    /* the window's depth buffer's bits (0: not known), and what the ground layers' polygon
     * offsets are multiplied by in the frame being drawn: a depth unit of a 32-bit buffer
     * is 1/256 of a 24-bit one's, under what software GL's float depth can tell apart, so
     * that the coplanar layers fought and the land covered roads and water (a window from
     * GLX on llvmpipe, looking straight down) */
    int window_depth_bits;
    float offset_units;
    /* the window's stencil bits (0: none), and whether the buffer the scene is drawn into
     * now has a stencil: the water marks it, so that the walking areas stay off the sea */
    int window_stencil_bits;
    bool frame_stencil;
    /* the buildings' variants, made when first needed: bit 1 GLOW (the finder's matches
     * glow), bit 2 SITES (building sites, in their own pass), bit 4 DITHER (a tile fading
     * between levels of detail); [0] is unused (the plain program is `building`) */
    program building_var[8];
    bool var_failed[8];
    bool programs_pending, programs_failed; /* begun, not yet looked at; or one failed */
    bool glow; /* a style glows now */
    program *buildings;     /* the buildings' program of the frame being drawn */
    program *dithering;     /* and its DITHER variant, once a tile of the pass fades */
    bool dither_tried;      /* this pass asked for it */
    char shader_dir[1024], bins[1024]; /* where programs come from (bins "": no binaries) */
    gpu_mesh slabs;
    bool slab_focus; /* a floor of the plan is highlighted: the others step back */
    gpu_chunk *chunks;
    chunk_at *order; /* room for every chunk: the frame's drawing order */
    size_t n_chunks;
    float lod_cell_m[LY_MESH_LODS];
    /* bytes of full chunk meshes on the GPU and their ceiling (0: none); the far levels'
     * bytes beside them, always there (what a chunk not in full is drawn with): counted
     * in the ceiling, they left a city's full meshes a few MB, uploaded and dropped every
     * frame */
    size_t mem_limit, resident, far_resident;
    double upload_budget_ms, upload_ms; /* full meshes' uploads: a frame's time for them (0:
                                         * none), and what this frame has spent */
    size_t n_full;              /* chunks whose full mesh is on the GPU */
    ly_mesh_source source; /* where uploads read the meshes from */
    unsigned char *scratch; /* what they read into (scratch_cap bytes), kept */
    size_t scratch_cap;
    unsigned flush_every; /* triangles between flushes (0: none; see draw_ranges) */
    unsigned binned;      /* triangles drawn since the last flush */
    uint64_t frame;
    ly_render_stats stats; /* of the last frame */
    gpu_mesh ground_mesh;
    size_t ground_first[LY_GROUND_LAYERS], ground_count[LY_GROUND_LAYERS];
    float land_min[2], land_max[2]; /* the land plane's extent (ground_count[LAND]: one) */
    GLuint style_tex;    /* STYLE_ROW texels a row, three per building (render.h) */
    int style_rows;      /* rows allocated */
    size_t n_styles;
    GLuint empty_vao;
    GLuint ui_vao, ui_vbo, ui_ibo;
    size_t ui_vbo_cap, ui_ibo_cap;
    GLuint atlas_tex;
    /* the overlay's pictures (slot 0 is the atlas), and the shapes on the ground */
    GLuint images[LY_DRAW_IMAGES];
    int image_w[LY_DRAW_IMAGES], image_h[LY_DRAW_IMAGES];
    GLuint overlay_vao, overlay_vbo;
    size_t overlay_n, overlay_cap;
    size_t overlay_land; /* the first of them that stay off the water (walking areas) */
    unsigned atlas_generation;
    int atlas_w, atlas_h;
    bool atlas_valid;
    /* the multisampled scene buffer, resolved into the target before the overlay */
    GLuint scene_fbo, scene_color, scene_depth;
    int scene_w, scene_h, scene_samples, scene_want; /* its size, samples, samples asked */
    bool scene_stencil; /* its depth buffer has stencil bits */
    int msaa; /* samples wanted (0: auto_samples; < 0 or 1: draw straight into the target) */
    bool msaa_failed;   /* the driver refused: fall back to no MSAA */
    /* offscreen target for shots: single-sample colour + depth */
    GLuint target_fbo, target_color, target_depth;
    int target_w, target_h;
    bool target_stencil;
    /* the last 3D scene, kept while it stays the same: a frame whose 3D inputs and
     * GPU data are the last frame's copies it back and draws only the overlay */
    GLuint still_fbo, still_tex;
    int still_w, still_h;
    bool still_valid, still_failed;
    ly_render_frame last; /* the last frame's inputs */
    uint64_t scene_gen, last_gen; /* bumped by every change to what the 3D passes draw */
    size_t gl_objects;
    /* the GPU's clock at the start and at the end of each part (ly_renderer_time_parts) */
    GLuint stamps[LY_PARTS + 1];
    bool timing, stamped; /* stamps are recorded; the last frame recorded the drawing's */
    bool presented;       /* and its presentation's */
};

const char *const ly_part_names[LY_PARTS] = {"clear", "buildings", "ground", "sky",
                                             "sites", "resolve",   "ui",     "present"};

/* Stamps the GPU's clock at the end of part i - 1 (the start of the frame for 0). */
static void stamp(ly_renderer *r, int i)
{
    if (r->timing)
        ly_gl_stamp(r->stamps[i]);
}

/* A whole file (a shader's text, or a program's binary), NUL-terminated; its
 * length in *len when len is not NULL. With no room for a message (err_len 0)
 * a failure says nothing. */
static char *read_text(const char *path, size_t *len, char *err, size_t err_len)
{
    FILE *f = ly_fopen_regular(path);
    if (!f) {
        snprintf(err, err_len, "cannot read shader %s", path);
        return NULL;
    }
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *s = n >= 0 && n < (1 << 20) ? malloc((size_t)n + 1) : NULL;
    if (s && fread(s, 1, (size_t)n, f) == (size_t)n) {
        s[n] = '\0';
        if (len)
            *len = (size_t)n;
    } else {
        free(s);
        s = NULL;
        snprintf(err, err_len, "cannot read shader %s", path);
    }
    fclose(f);
    return s;
}

/* A shader of source `src`, its compiling begun. Nothing is asked of it here: a GL that
 * compiles elsewhere (a browser's GPU process) goes on with it while the caller works. */
static GLuint compile(GLenum type, const char *src)
{
    GLuint sh = glCreateShader(type);
    glShaderSource(sh, 1, &src, NULL);
    glCompileShader(sh);
    return sh;
}

/* Whether shader `sh`, read from `path` (named in the message), compiled; if not, says
 * why in err. */
static bool compiled(GLuint sh, const char *path, char *err, size_t err_len)
{
    GLint ok = 0;
    glGetShaderiv(sh, GL_COMPILE_STATUS, &ok);
    if (!ok) {
        char log[1024] = "";
        glGetShaderInfoLog(sh, sizeof log, NULL, log);
        snprintf(err, err_len, "shader %s does not compile: %s", path, log);
    }
    return ok;
}

/* Program binaries (GL_ARB_get_program_binary) kept between runs: linking the
 * five programs from source costs 7-9 ms at start-up, mostly the GLSL compiler
 * setting itself up (Mesa's own shader cache does not spare that), and loading
 * their binaries about 2 ms. Each program's binary is kept in BINS/NAME.bin under
 * a key made of both its sources and the driver (vendor, renderer and version
 * strings). A binary whose key differs, or that the driver refuses, means
 * compiling from source as before, and the new binary replaces it. The file: five
 * 32-bit words (magic "LYPB", the binary's format, the key's low and high halves,
 * the binary's length), then the binary. */
enum { PROGRAM_MAGIC = 0x4250594C };

static uint64_t program_key(const char *vs_src, const char *fs_src)
{
    const char *part[5] = {vs_src, fs_src, (const char *)glGetString(GL_VENDOR),
                           (const char *)glGetString(GL_RENDERER),
                           (const char *)glGetString(GL_VERSION)};
    uint64_t key = 14695981039346656037ull; /* FNV-1a, each part with its NUL */
    for (int i = 0; i < 5; i++) {
        const unsigned char *c = (const unsigned char *)(part[i] ? part[i] : "");
        do
            key = (key ^ *c) * 1099511628211ull;
        while (*c++);
    }
    return key;
}

/* The program from its kept binary, or 0 when there is none that the driver takes. */
static GLuint program_from_cache(const char *bin_path, uint64_t key)
{
    size_t n = 0;
    char *bin = read_text(bin_path, &n, NULL, 0);
    uint32_t head[5];
    GLuint id = 0;
    if (bin && n > sizeof head) {
        memcpy(head, bin, sizeof head);
        if (head[0] == PROGRAM_MAGIC && head[2] == (uint32_t)key &&
            head[3] == (uint32_t)(key >> 32) && head[4] == n - sizeof head) {
            id = glCreateProgram();
            glProgramBinary(id, head[1], bin + sizeof head, (GLsizei)head[4]);
            GLint ok = 0;
            glGetProgramiv(id, GL_LINK_STATUS, &ok);
            if (!ok) {
                glDeleteProgram(id);
                id = 0;
                /* a format this driver lacks is an error that must not outlive this */
                for (int i = 0; i < 8 && glGetError() != GL_NO_ERROR; i++)
                    ;
            }
        }
    }
    free(bin);
    return id;
}

/* Keeps the binary of program `id`, just linked, for the next start. A cache:
 * failing to write it is no error. */
static void program_to_cache(GLuint id, const char *bin_path, uint64_t key)
{
    GLint n = 0;
    glGetProgramiv(id, GL_PROGRAM_BINARY_LENGTH, &n);
    uint32_t head[5] = {PROGRAM_MAGIC, 0, (uint32_t)key, (uint32_t)(key >> 32), 0};
    char *bin = n > 0 ? malloc(sizeof head + (size_t)n) : NULL;
    GLsizei got = 0;
    GLenum format = 0;
    if (bin)
        glGetProgramBinary(id, n, &got, &format, bin + sizeof head);
    char tmp[1200];
    int fd = -1;
    if (bin && got > 0 && snprintf(tmp, sizeof tmp, "%s.XXXXXX", bin_path) < (int)sizeof tmp)
        fd = mkstemp(tmp);
    if (fd >= 0) {
        head[1] = format;
        head[4] = (uint32_t)got;
        memcpy(bin, head, sizeof head);
        size_t len = sizeof head + (size_t)got;
        FILE *f = fdopen(fd, "wb");
        bool ok = f && fwrite(bin, 1, len, f) == len;
        if (f)
            ok = fclose(f) == 0 && ok;
        else
            close(fd);
        if (!ok || rename(tmp, bin_path) != 0)
            unlink(tmp);
    }
    free(bin);
}

/* The shader source in this context's dialect: the files' "#version 330 core" line,
 * or LY_GL_PRELUDE in its place (gl.h), then "#define NAME 1" for each name of
 * `variant`, a list joined by '+' (NULL: none). */
static char *in_dialect(char *src, const char *variant)
{
    const char *prelude = LY_GL_PRELUDE;
    if (!src || (!variant && !prelude))
        return src;
    char defines[256] = "";
    for (const char *v = variant; v && *v;) {
        size_t k = strcspn(v, "+"), at = strlen(defines);
        snprintf(defines + at, sizeof defines - at, "#define %.*s 1\n", (int)k, v);
        v += k + (v[k] == '+');
    }
    const char *eol = strchr(src, '\n');
    size_t head = eol ? (size_t)(eol - src) + 1 : strlen(src), n = strlen(src);
    size_t len = (prelude ? strlen(prelude) : head) + strlen(defines) + (n - head) + 1;
    char *out = malloc(len);
    if (out)
        snprintf(out, len, "%.*s%s%s", prelude ? (int)strlen(prelude) : (int)head,
                 prelude ? prelude : src, defines, src + head);
    free(src);
    return out;
}

/* Program `name` from DIR/NAME.vert and .frag, with `variant` (NULL: none) defined
 * (in_dialect), from its kept binary when BINS has one that the driver takes (bins NULL:
 * none kept), else compiled and linked: begun here, ended by program_end. */
static int program_begin(program *p, const char *dir, const char *bins, const char *name,
                         const char *variant, char *err, size_t err_len)
{
    char vs_path[1024], fs_path[1024];
    snprintf(vs_path, sizeof vs_path, "%s/%s.vert", dir, name);
    snprintf(fs_path, sizeof fs_path, "%s/%s.frag", dir, name);
    snprintf(p->name, sizeof p->name, "%s%s%s", name, variant ? "-" : "", variant ? variant : "");
    snprintf(p->base, sizeof p->base, "%s", name);
    char *vs_src = in_dialect(read_text(vs_path, NULL, err, err_len), variant);
    char *fs_src = vs_src ? in_dialect(read_text(fs_path, NULL, err, err_len), variant) : NULL;
    if (!fs_src) {
        free(vs_src);
        return -1;
    }
    p->key = bins ? program_key(vs_src, fs_src) : 0;
    p->bin_path[0] = '\0';
    if (bins && snprintf(p->bin_path, sizeof p->bin_path, "%s/%s.bin", bins, p->name) >=
                    (int)sizeof p->bin_path)
        p->bin_path[0] = '\0';
    p->id = p->bin_path[0] ? program_from_cache(p->bin_path, p->key) : 0;
    if (p->id) {
        LY_DEBUG("RENDER", "%s: from its kept binary", p->name);
        p->bin_path[0] = '\0'; /* nothing to keep */
    } else {
        p->vs = compile(GL_VERTEX_SHADER, vs_src);
        p->fs = compile(GL_FRAGMENT_SHADER, fs_src);
        p->id = glCreateProgram();
        glAttachShader(p->id, p->vs);
        glAttachShader(p->id, p->fs);
        if (p->bin_path[0])
            glProgramParameteri(p->id, GL_PROGRAM_BINARY_RETRIEVABLE_HINT, GL_TRUE);
        glLinkProgram(p->id);
    }
    p->pending = true;
    free(vs_src);
    free(fs_src);
    return 0;
}

/* Ends what program_begin began (DIR names the shaders in messages): whether it linked,
 * and if not why; its binary kept; its uniforms' locations. Returns 0, or -1 with err. */
static int program_end(program *p, const char *dir, char *err, size_t err_len)
{
    if (!p->pending)
        return 0;
    p->pending = false;
    GLuint id = p->id;
    GLint ok = 1;
    if (p->vs) {
        glGetProgramiv(id, GL_LINK_STATUS, &ok);
        if (!ok) {
            /* a shader that did not compile says more than the link */
            char path[1100];
            snprintf(path, sizeof path, "%s/%s.vert", dir, p->base);
            bool both = compiled(p->vs, path, err, err_len);
            snprintf(path, sizeof path, "%s/%s.frag", dir, p->base);
            both = both && compiled(p->fs, path, err, err_len);
            if (both) {
                char log[1024] = "";
                glGetProgramInfoLog(id, sizeof log, NULL, log);
                snprintf(err, err_len, "shaders %s.* do not link: %s", p->base, log);
            }
        }
        glDeleteShader(p->vs);
        glDeleteShader(p->fs);
        p->vs = p->fs = 0;
        if (!ok) {
            glDeleteProgram(id);
            p->id = 0;
            return -1;
        }
        if (p->bin_path[0])
            program_to_cache(id, p->bin_path, p->key);
    }
    /* Uniform locations are looked up once here; -1 means "not in this program". */
    p->id = id;
    p->view_proj = glGetUniformLocation(id, "u_view_proj");
    p->eye = glGetUniformLocation(id, "u_eye");
    p->sun = glGetUniformLocation(id, "u_sun");
    p->sky_color = glGetUniformLocation(id, "u_sky_color");
    p->ground_color = glGetUniformLocation(id, "u_ground_color");
    p->fog_color = glGetUniformLocation(id, "u_fog_color");
    p->fog_distance = glGetUniformLocation(id, "u_fog_distance");
    p->accent = glGetUniformLocation(id, "u_accent");
    p->pass = glGetUniformLocation(id, "u_pass");
    p->buildings = glGetUniformLocation(id, "u_buildings");
    p->layer_colors = glGetUniformLocation(id, "u_layer_colors");
    p->inv_view_proj = glGetUniformLocation(id, "u_inv_view_proj");
    p->zenith = glGetUniformLocation(id, "u_zenith");
    p->horizon = glGetUniformLocation(id, "u_horizon");
    p->screen = glGetUniformLocation(id, "u_screen");
    p->offset = glGetUniformLocation(id, "u_offset");
    p->atlas = glGetUniformLocation(id, "u_atlas");
    p->focus = glGetUniformLocation(id, "u_focus");
    p->dither = glGetUniformLocation(id, "u_dither");
    p->dither_cut = glGetUniformLocation(id, "u_dither_cut");
    return 0;
}

/* Program `name` (program_begin), made at once. */
static int load_program(program *p, const char *dir, const char *bins, const char *name,
                        const char *variant, char *err, size_t err_len)
{
    if (program_begin(p, dir, bins, name, variant, err, err_len))
        return -1;
    return program_end(p, dir, err, err_len);
}

/* ---- info ------------------------------------------------------------------- */

int ly_render_query_info(ly_render_info *out)
{
    out->vendor = (const char *)glGetString(GL_VENDOR);
    out->renderer = (const char *)glGetString(GL_RENDERER);
    out->version = (const char *)glGetString(GL_VERSION);
    out->glsl = (const char *)glGetString(GL_SHADING_LANGUAGE_VERSION);
    out->gl_version = ly_gl_version();
    glGetIntegerv(GL_MAX_TEXTURE_SIZE, &out->max_texture_size);
    glGetIntegerv(GL_MAX_SAMPLES, &out->max_samples);
    GLint vp[2] = {0, 0}, rb = 0;
    glGetIntegerv(GL_MAX_VIEWPORT_DIMS, vp);
    glGetIntegerv(GL_MAX_RENDERBUFFER_SIZE, &rb);
    out->max_target_size = vp[0] < vp[1] ? vp[0] : vp[1];
    if (rb < out->max_target_size)
        out->max_target_size = rb;
    return out->gl_version >= LY_GL_NEEDED ? 0 : -1;
}

/* ---- lifetime --------------------------------------------------------------- */

/* The programs made at start, in the order they are begun and ended: where each is in
 * the renderer, and its shaders' name and variant. */
static const struct {
    size_t at;
    const char *name, *variant;
} START_PROGRAMS[] = {
    {offsetof(ly_renderer, building), "building", NULL},
    {offsetof(ly_renderer, ground), "ground", NULL},
    {offsetof(ly_renderer, ground_bands), "ground", "BANDS"},
    {offsetof(ly_renderer, sky), "sky", NULL},
    {offsetof(ly_renderer, ui), "ui", NULL},
    {offsetof(ly_renderer, ui_rgba), "ui", "RGBA"},
    {offsetof(ly_renderer, slab), "slab", NULL},
};
enum { N_START_PROGRAMS = sizeof START_PROGRAMS / sizeof *START_PROGRAMS };

static program *start_program(ly_renderer *r, int i)
{
    return (program *)((char *)r + START_PROGRAMS[i].at);
}

int ly_renderer_end_programs(ly_renderer *r, char *err, size_t err_len)
{
    if (!r->programs_pending)
        return r->programs_failed ? -1 : 0;
    r->programs_pending = false;
    for (int i = 0; i < N_START_PROGRAMS; i++)
        if (program_end(start_program(r, i), r->shader_dir, err, err_len)) {
            r->programs_failed = true;
            return -1;
        }
    return 0;
}

ly_renderer *ly_renderer_create(const char *shader_dir, char *err, size_t err_len)
{
    ly_renderer *r = ly_renderer_begin(shader_dir, err, err_len);
    if (r && ly_renderer_end_programs(r, err, err_len)) {
        ly_renderer_destroy(r);
        return NULL;
    }
    return r;
}

ly_renderer *ly_renderer_begin(const char *shader_dir, char *err, size_t err_len)
{
    if (ly_gl_version() < LY_GL_NEEDED) {
        snprintf(err, err_len, LY_GL_NAME " is needed; this context has %d.%d",
                 ly_gl_version() / 10, ly_gl_version() % 10);
        return NULL;
    }
    ly_renderer *r = calloc(1, sizeof *r);
    if (!r) {
        snprintf(err, err_len, "out of memory");
        return NULL;
    }
    r->flush_every = ly_gl_bins_frames() ? FLUSH_TRIANGLES : 0;
    r->offset_units = 1;
    GLint depth_bits = 0; /* (the window's, bound now; an error where there is none) */
    glGetFramebufferAttachmentParameteriv(GL_FRAMEBUFFER, GL_DEPTH,
                                          GL_FRAMEBUFFER_ATTACHMENT_DEPTH_SIZE, &depth_bits);
    while (glGetError() != GL_NO_ERROR)
        ;
    r->window_depth_bits = depth_bits;
    GLint stencil_bits = 0;
    glGetFramebufferAttachmentParameteriv(GL_FRAMEBUFFER, GL_STENCIL,
                                          GL_FRAMEBUFFER_ATTACHMENT_STENCIL_SIZE, &stencil_bits);
    while (glGetError() != GL_NO_ERROR)
        ;
    r->window_stencil_bits = stencil_bits;
    /* the programs' binaries from the last run, where the driver gives them */
    GLint formats = 0;
    if (ly_gl_has_program_binaries())
        glGetIntegerv(GL_NUM_PROGRAM_BINARY_FORMATS, &formats);
    char folder[1024];
    const char *bins = formats > 0 &&
                               !ly_xdg_path("XDG_CACHE_HOME", ".cache", "programs", folder,
                                            sizeof folder) &&
                               !ly_make_dirs(folder, 0700, NULL, 0)
                           ? folder
                           : NULL;
    snprintf(r->shader_dir, sizeof r->shader_dir, "%s", shader_dir);
    /* every program begun before any is looked at: a GL that compiles elsewhere (a
     * browser's GPU process) compiles them all while this thread goes on */
    for (int i = 0; i < N_START_PROGRAMS; i++) {
        if (program_begin(start_program(r, i), shader_dir, bins, START_PROGRAMS[i].name,
                          START_PROGRAMS[i].variant, err, err_len)) {
            ly_renderer_destroy(r);
            return NULL;
        }
    }
    r->programs_pending = true;
    r->gl_objects += N_START_PROGRAMS;
    snprintf(r->bins, sizeof r->bins, "%s", bins ? bins : "");
    glGenVertexArrays(1, &r->empty_vao);
    glGenTextures(1, &r->style_tex);
    glGenVertexArrays(1, &r->ui_vao);
    glGenBuffers(1, &r->ui_vbo);
    glGenBuffers(1, &r->ui_ibo);
    glGenTextures(1, &r->atlas_tex);
    r->gl_objects += 6;
    r->msaa = 0;

    glBindVertexArray(r->ui_vao);
    glBindBuffer(GL_ARRAY_BUFFER, r->ui_vbo);
    glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, r->ui_ibo);
    glEnableVertexAttribArray(0);
    glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, sizeof(ly_draw_vertex),
                          (void *)offsetof(ly_draw_vertex, x));
    glEnableVertexAttribArray(1);
    glVertexAttribPointer(1, 2, GL_FLOAT, GL_FALSE, sizeof(ly_draw_vertex),
                          (void *)offsetof(ly_draw_vertex, u));
    glEnableVertexAttribArray(2);
    glVertexAttribPointer(2, 4, GL_UNSIGNED_BYTE, GL_TRUE, sizeof(ly_draw_vertex),
                          (void *)offsetof(ly_draw_vertex, rgba));
    glBindVertexArray(0);

    /* One building's styles until styles arrive: texelFetch stays defined. */
    ly_building_style first = {.r = 0.8f, .g = 0.8f, .b = 0.8f, .a = 1};
    ly_renderer_set_building_styles(r, &first, 1);
    r->n_styles = 0;
    return r;
}

static void free_mesh(ly_renderer *r, gpu_mesh *m)
{
    if (m->vao) {
        glDeleteVertexArrays(1, &m->vao);
        glDeleteBuffers(1, &m->vbo);
        glDeleteBuffers(1, &m->ibo);
        r->gl_objects -= 3;
    }
    memset(m, 0, sizeof *m);
}

static void free_scene(ly_renderer *r)
{
    r->scene_gen++;
    for (size_t i = 0; i < r->n_chunks; i++) {
        free_mesh(r, &r->chunks[i].full);
        for (int k = 0; k < LY_MESH_LODS; k++)
            free_mesh(r, &r->chunks[i].lod[k]);
    }
    free(r->chunks);
    free(r->order);
    free(r->scratch); /* sized for this scene's chunks */
    r->chunks = NULL;
    r->order = NULL;
    r->scratch = NULL;
    r->scratch_cap = 0;
    r->n_chunks = 0;
    r->resident = r->far_resident = r->n_full = 0;
    free_mesh(r, &r->ground_mesh);
}

static void free_still(ly_renderer *r)
{
    if (r->still_fbo) {
        glDeleteFramebuffers(1, &r->still_fbo);
        glDeleteTextures(1, &r->still_tex);
        r->gl_objects -= 2;
    }
    r->still_fbo = r->still_tex = 0;
    r->still_w = r->still_h = 0;
    r->still_valid = false;
}

static void free_scene_fbo(ly_renderer *r)
{
    if (r->scene_fbo) {
        glDeleteFramebuffers(1, &r->scene_fbo);
        glDeleteRenderbuffers(1, &r->scene_color);
        glDeleteRenderbuffers(1, &r->scene_depth);
        r->gl_objects -= 3;
    }
    r->scene_fbo = r->scene_color = r->scene_depth = 0;
    r->scene_w = r->scene_h = r->scene_samples = 0;
}

void ly_renderer_target_end(ly_renderer *r)
{
    if (r->target_fbo) {
        glDeleteFramebuffers(1, &r->target_fbo);
        glDeleteRenderbuffers(1, &r->target_color);
        glDeleteRenderbuffers(1, &r->target_depth);
        r->gl_objects -= 3;
    }
    r->target_fbo = r->target_color = r->target_depth = 0;
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
}

void ly_renderer_destroy(ly_renderer *r)
{
    if (!r)
        return;
    ly_renderer_target_end(r);
    free_scene_fbo(r);
    free_still(r);
    free_scene(r);
    free_mesh(r, &r->slabs);
    if (r->stamps[0])
        glDeleteQueries(LY_PARTS + 1, r->stamps);
    program *ps[8 + 7] = {&r->building, &r->ground, &r->ground_bands, &r->sky,
                          &r->ui,       &r->ui_rgba, &r->slab,        &r->overlay};
    for (int v = 1; v < 8; v++)
        ps[7 + v] = &r->building_var[v];
    for (size_t i = 0; i < sizeof ps / sizeof *ps; i++) {
        if (ps[i]->id)
            glDeleteProgram(ps[i]->id);
        if (ps[i]->vs) /* begun and never looked at */
            glDeleteShader(ps[i]->vs);
        if (ps[i]->fs)
            glDeleteShader(ps[i]->fs);
    }
    for (int i = 1; i < LY_DRAW_IMAGES; i++)
        if (r->images[i])
            glDeleteTextures(1, &r->images[i]);
    if (r->overlay_vao) {
        glDeleteVertexArrays(1, &r->overlay_vao);
        glDeleteBuffers(1, &r->overlay_vbo);
    }
    if (r->empty_vao) {
        glDeleteVertexArrays(1, &r->empty_vao);
        glDeleteTextures(1, &r->style_tex);
        glDeleteVertexArrays(1, &r->ui_vao);
        glDeleteBuffers(1, &r->ui_vbo);
        glDeleteBuffers(1, &r->ui_ibo);
        glDeleteTextures(1, &r->atlas_tex);
    }
    free(r);
}

size_t ly_renderer_gl_objects(const ly_renderer *r)
{
    return r->gl_objects;
}

/* ---- scene ------------------------------------------------------------------ */

/* A VAO with its vertex and index buffers filled; the VAO stays bound so the
 * caller can describe the attributes. */
static void make_mesh(ly_renderer *r, gpu_mesh *g, const void *vertices, size_t vertex_bytes,
                      const uint32_t *indices, size_t n_indices)
{
    glGenVertexArrays(1, &g->vao);
    glGenBuffers(1, &g->vbo);
    glGenBuffers(1, &g->ibo);
    r->gl_objects += 3;
    glBindVertexArray(g->vao);
    glBindBuffer(GL_ARRAY_BUFFER, g->vbo);
    glBufferData(GL_ARRAY_BUFFER, (GLsizeiptr)vertex_bytes, vertices, GL_STATIC_DRAW);
    glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, g->ibo);
    glBufferData(GL_ELEMENT_ARRAY_BUFFER, (GLsizeiptr)(n_indices * sizeof *indices), indices,
                 GL_STATIC_DRAW);
    g->n_indices = (GLsizei)n_indices;
}

/* A buildings' mesh on the GPU. The caller tells the upload hook. */
static int upload_vertices(ly_renderer *r, gpu_mesh *g, const ly_vertex *v, size_t n_vertices,
                           const uint32_t *indices, size_t n_indices)
{
    make_mesh(r, g, v, n_vertices * sizeof *v, indices, n_indices);
    const GLsizei stride = sizeof(ly_vertex);
    glEnableVertexAttribArray(0);
    glVertexAttribPointer(0, 3, GL_FLOAT, GL_FALSE, stride, (void *)offsetof(ly_vertex, pos));
    /* the face's light comes from its normal (building.vert); the floor stays in the
     * mesh (picking, exports) */
    glEnableVertexAttribArray(1);
    glVertexAttribPointer(1, 3, GL_BYTE, GL_TRUE, stride, (void *)offsetof(ly_vertex, normal));
    glEnableVertexAttribArray(2);
    glVertexAttribIPointer(2, 1, GL_UNSIGNED_BYTE, stride, (void *)offsetof(ly_vertex, surface));
    glEnableVertexAttribArray(3);
    glVertexAttribIPointer(3, 1, GL_UNSIGNED_INT, stride, (void *)offsetof(ly_vertex, building));
    glBindVertexArray(0);
    return glGetError() == GL_NO_ERROR ? 0 : -1;
}

/* Room for n bytes of mesh arrays read for an upload (false: none; they are read in
 * place). The scratch buffer is kept: its pages are not made again for each upload. */
static bool scratch_fit(ly_renderer *r, size_t n)
{
    if (n <= r->scratch_cap)
        return true;
    unsigned char *p = realloc(r->scratch, n);
    if (!p)
        return false;
    r->scratch = p;
    r->scratch_cap = n;
    return true;
}

/* A mesh array p[0, n) for an upload: the source's copy at scratch + at (which must fit),
 * or p itself. */
static const void *mesh_bytes(ly_renderer *r, const void *p, size_t n, size_t at)
{
    if (!r->source.read || !n || at + n > r->scratch_cap)
        return p;
    return r->source.read(r->source.ctx, p, n, r->scratch + at);
}

/* The GPU has its copy of p[0, n), read as `got`. */
static void mesh_done(ly_renderer *r, const void *p, const void *got, size_t n)
{
    if (got == p && r->source.done)
        r->source.done(r->source.ctx, p, n);
}

/* Nothing goes up yet: each far level when a frame first draws it (make_level), the full
 * mesh when a frame draws it in full (make_full). A city's first frame, the whole city
 * at its coarsest levels, uploads a small part of its meshes. */
static void upload_chunk(gpu_chunk *g, const ly_mesh_chunk *c)
{
    memcpy(g->min, c->min, sizeof g->min);
    memcpy(g->max, c->max, sizeof g->max);
    g->src = c;
    g->full_bytes = c->n_vertices * sizeof(ly_vertex) + c->n_indices * sizeof(uint32_t);
}

/* Far level k of a chunk on the GPU, uploaded the first time a frame needs it, then kept
 * (the far levels are small beside the full meshes). A level's vertices follow each
 * other in lod_vertices: they go up alone, with the level's indices made relative to
 * the first of them (WebGL has no base vertex). False: the level is empty or could not
 * go up (its tiles are then drawn without it). */
static bool make_level(ly_renderer *r, gpu_chunk *c, int k)
{
    gpu_mesh *g = &c->lod[k];
    if (g->vao || c->lod_failed[k])
        return g->vao != 0;
    const ly_mesh_chunk *s = c->src;
    uint32_t i0 = s->lod_first[k], n = s->lod_first[k + 1] - i0;
    if (!n)
        return false;
    /* the indices, made relative in the scratch buffer; then the vertices after them */
    const uint32_t *src = s->lod_indices + i0;
    size_t ib = (size_t)n * sizeof *src;
    bool ok = scratch_fit(r, ib);
    const uint32_t *got = ok ? mesh_bytes(r, src, ib, 0) : NULL;
    bool in_place = got == src; /* (got may move with the scratch buffer below) */
    uint32_t lo = UINT32_MAX, hi = 0;
    for (uint32_t i = 0; ok && i < n; i++) {
        lo = got[i] < lo ? got[i] : lo;
        hi = got[i] > hi ? got[i] : hi;
    }
    size_t nv = (size_t)(hi - lo) + 1, vb = nv * sizeof(ly_vertex);
    ok = ok && hi < s->n_lod_vertices && scratch_fit(r, ib + vb);
    if (ok) {
        uint32_t *idx = (uint32_t *)r->scratch;
        if (in_place)
            memcpy(idx, src, ib);
        for (uint32_t i = 0; i < n; i++)
            idx[i] -= lo;
        const ly_vertex *v = mesh_bytes(r, s->lod_vertices + lo, vb, ib);
        ok = !upload_vertices(r, g, v, nv, idx, n);
        mesh_done(r, s->lod_vertices + lo, v, vb);
        mesh_done(r, src, in_place ? src : NULL, ib);
    }
    if (!ok) {
        LY_ERROR("RENDER", "far level %d of a chunk could not go up to the GPU: drawn without it",
                 k);
        free_mesh(r, g);
        c->lod_failed[k] = true;
        return false;
    }
    r->far_resident += vb + ib;
    return true;
}

/* Drops the least recently drawn full meshes (none drawn this frame) until
 * `need` more bytes fit under the ceiling. */
static void make_room(ly_renderer *r, size_t need)
{
    while (r->mem_limit && r->resident + need > r->mem_limit) {
        gpu_chunk *oldest = NULL;
        for (size_t i = 0; i < r->n_chunks; i++) {
            gpu_chunk *c = &r->chunks[i];
            if (c->full.vao && c->used < r->frame && (!oldest || c->used < oldest->used))
                oldest = c;
        }
        if (!oldest)
            return;
        free_mesh(r, &oldest->full);
        r->resident -= oldest->full_bytes;
        r->n_full--;
        r->stats.evictions++;
    }
}

/* The chunk's full mesh on the GPU, uploaded now if it fits under the ceiling
 * (a chunk alone larger than the ceiling still comes when nothing else is
 * there). False: it does not fit this frame; the caller draws a far level. */
static bool make_full(ly_renderer *r, gpu_chunk *c)
{
    if (!c->full.vao) {
        if (r->upload_budget_ms > 0 && r->upload_ms >= r->upload_budget_ms) {
            r->stats.deferred++; /* this frame's time for uploads is spent: a later frame's */
            r->stats.waiting++;
            return false;
        }
        double t0 = ly_clock_ms();
        make_room(r, c->full_bytes);
        if (r->mem_limit && r->resident + c->full_bytes > r->mem_limit && r->n_full) {
            r->stats.deferred++;
            return false;
        }
        const ly_mesh_chunk *s = c->src;
        size_t vb = s->n_vertices * sizeof *s->vertices, ib = s->n_indices * sizeof *s->indices;
        bool fit = scratch_fit(r, vb + ib);
        const ly_vertex *v = fit ? mesh_bytes(r, s->vertices, vb, 0) : s->vertices;
        const uint32_t *idx = fit ? mesh_bytes(r, s->indices, ib, vb) : s->indices;
        int rc = upload_vertices(r, &c->full, v, s->n_vertices, idx, s->n_indices);
        mesh_done(r, s->vertices, v, vb);
        mesh_done(r, s->indices, idx, ib);
        if (rc) {
            free_mesh(r, &c->full);
            r->stats.deferred++;
            return false;
        }
        c->full.site_first = (GLsizei)s->site_first_index;
        r->resident += c->full_bytes;
        r->n_full++;
        r->stats.uploads++;
        r->upload_ms += ly_clock_ms() - t0;
    }
    c->used = r->frame;
    return true;
}

unsigned ly_renderer_set_flush(ly_renderer *r, unsigned triangles)
{
    unsigned was = r->flush_every;
    r->scene_gen++;
    r->flush_every = triangles;
    return was;
}

double ly_renderer_set_upload_budget(ly_renderer *r, double ms)
{
    double was = r->upload_budget_ms;
    r->scene_gen++;
    r->upload_budget_ms = ms;
    return was;
}

void ly_renderer_set_mem_limit(ly_renderer *r, size_t bytes)
{
    r->scene_gen++;
    r->mem_limit = bytes;
}

void ly_renderer_set_mesh_source(ly_renderer *r, const ly_mesh_source *src)
{
    r->source = src ? *src : (ly_mesh_source){0};
}

int ly_renderer_upload_scene(ly_renderer *r, const ly_mesh *mesh, const ly_ground *ground)
{
    free_scene(r);
    r->chunks = calloc(mesh->n_chunks ? mesh->n_chunks : 1, sizeof *r->chunks);
    r->order = malloc((mesh->n_chunks ? mesh->n_chunks : 1) * sizeof *r->order);
    if (!r->chunks || !r->order) {
        free_scene(r);
        return -1;
    }
    r->n_chunks = mesh->n_chunks;
    memcpy(r->lod_cell_m, mesh->lod_cell_m, sizeof r->lod_cell_m);
    int rc = 0;
    for (size_t i = 0; i < mesh->n_chunks; i++)
        upload_chunk(&r->chunks[i], &mesh->chunks[i]);
    if (ground && ground->n_indices) {
        gpu_mesh *g = &r->ground_mesh;
        make_mesh(r, g, ground->vertices, ground->n_vertices * sizeof *ground->vertices,
                  ground->indices, ground->n_indices);
        const GLsizei stride = sizeof(ly_ground_vertex);
        glEnableVertexAttribArray(0);
        glVertexAttribPointer(0, 3, GL_FLOAT, GL_FALSE, stride,
                              (void *)offsetof(ly_ground_vertex, pos));
        glEnableVertexAttribArray(1);
        glVertexAttribPointer(1, 2, GL_FLOAT, GL_FALSE, stride,
                              (void *)offsetof(ly_ground_vertex, u));
        glEnableVertexAttribArray(2);
        glVertexAttribIPointer(2, 1, GL_UNSIGNED_BYTE, stride,
                               (void *)offsetof(ly_ground_vertex, layer));
        glBindVertexArray(0);
        memcpy(r->ground_first, ground->first, sizeof r->ground_first);
        memcpy(r->ground_count, ground->count, sizeof r->ground_count);
        memcpy(r->land_min, ground->min, sizeof r->land_min);
        memcpy(r->land_max, ground->max, sizeof r->land_max);
    }
    if (rc || glGetError() != GL_NO_ERROR) {
        LY_ERROR("RENDER", "uploading the district failed");
        return -1;
    }
    return 0;
}

void ly_renderer_set_stacking(ly_renderer *r, const ly_stacking *st)
{
    r->scene_gen++;
    free_mesh(r, &r->slabs);
    r->slab_focus = false;
    if (!st || !st->n_indices)
        return;
    for (size_t i = 0; i < st->n_vertices && !r->slab_focus; i++)
        r->slab_focus = st->vertices[i].highlight != 0;
    make_mesh(r, &r->slabs, st->vertices, st->n_vertices * sizeof *st->vertices, st->indices,
              st->n_indices);
    const GLsizei stride = sizeof(ly_slab_vertex);
    glEnableVertexAttribArray(0);
    glVertexAttribPointer(0, 3, GL_FLOAT, GL_FALSE, stride, (void *)offsetof(ly_slab_vertex, pos));
    glEnableVertexAttribArray(1);
    glVertexAttribPointer(1, 3, GL_BYTE, GL_TRUE, stride, (void *)offsetof(ly_slab_vertex, normal));
    glEnableVertexAttribArray(2);
    glVertexAttribIPointer(2, 1, GL_UNSIGNED_BYTE, stride,
                           (void *)offsetof(ly_slab_vertex, highlight));
    glEnableVertexAttribArray(3);
    glVertexAttribPointer(3, 4, GL_UNSIGNED_BYTE, GL_TRUE, stride,
                          (void *)offsetof(ly_slab_vertex, rgba));
    glBindVertexArray(0);
}

void ly_renderer_set_building_styles(ly_renderer *r, const ly_building_style *styles, size_t n)
{
    r->scene_gen++;
    /* a 2D texture, which both dialects have (ES 3.0 has no buffer textures): its
     * rows hold the styles' texels in order, whole rows then the last part-row */
    size_t texels = 3 * n, rows = (texels + STYLE_ROW - 1) / STYLE_ROW;
    glActiveTexture(GL_TEXTURE1);
    glBindTexture(GL_TEXTURE_2D, r->style_tex);
    if ((int)rows > r->style_rows) {
        glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA32F, STYLE_ROW, (GLsizei)rows, 0, GL_RGBA, GL_FLOAT,
                     NULL);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
        r->style_rows = (int)rows;
    }
    glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
    size_t whole = texels / STYLE_ROW, rest = texels % STYLE_ROW;
    const float *f = (const float *)styles;
    if (whole)
        glTexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, STYLE_ROW, (GLsizei)whole, GL_RGBA, GL_FLOAT, f);
    if (rest)
        glTexSubImage2D(GL_TEXTURE_2D, 0, 0, (GLint)whole, (GLsizei)rest, 1, GL_RGBA, GL_FLOAT,
                        f + 4 * whole * STYLE_ROW);
    glBindTexture(GL_TEXTURE_2D, 0);
    glActiveTexture(GL_TEXTURE0);
    r->n_styles = n;
    r->glow = false;
    for (size_t i = 0; i < n && !r->glow; i++)
        r->glow = styles[i].glow_hi_m > styles[i].glow_lo_m;
}

static bool scene_fbo(ly_renderer *r, int w, int h);

/* ---- the overlay's pictures and the shapes on the ground ---------------------- */

/* The next smaller level of an RGBA picture, in place: each texel the mean of the two
 * by two it covers (the last row or column of an odd size is left out). */
static void halve(uint8_t *px, const uint8_t *from, int w, int h, int w2, int h2)
{
    for (int y = 0; y < h2; y++)
        for (int x = 0; x < w2; x++) {
            int x1 = 2 * x + 1 < w ? 2 * x + 1 : 2 * x, y1 = 2 * y + 1 < h ? 2 * y + 1 : 2 * y;
            const uint8_t *a = from + 4 * ((size_t)(2 * y) * (size_t)w + (size_t)(2 * x));
            const uint8_t *b = from + 4 * ((size_t)(2 * y) * (size_t)w + (size_t)x1);
            const uint8_t *c = from + 4 * ((size_t)y1 * (size_t)w + (size_t)(2 * x));
            const uint8_t *d = from + 4 * ((size_t)y1 * (size_t)w + (size_t)x1);
            uint8_t *o = px + 4 * ((size_t)y * (size_t)w2 + (size_t)x);
            for (int k = 0; k < 4; k++)
                o[k] = (uint8_t)((a[k] + b[k] + c[k] + d[k] + 2) / 4);
        }
}

/* Levels 1 and down of the bound texture, whose level 0 is rgba (w x h), made here:
 * software GL's glGenerateMipmap compiles a blit shader the first time (70-100 ms of
 * the first frame). Each level is written over the one before it, which it reads
 * ahead of. False: no memory for them. */
static bool upload_mipmaps(const uint8_t *rgba, int w, int h)
{
    int w2 = w > 1 ? w / 2 : 1, h2 = h > 1 ? h / 2 : 1;
    uint8_t *px = malloc((size_t)w2 * (size_t)h2 * 4);
    if (!px)
        return false;
    const uint8_t *from = rgba;
    for (int level = 1; w > 1 || h > 1; level++) {
        w2 = w > 1 ? w / 2 : 1;
        h2 = h > 1 ? h / 2 : 1;
        halve(px, from, w, h, w2, h2);
        glTexImage2D(GL_TEXTURE_2D, level, GL_RGBA8, w2, h2, 0, GL_RGBA, GL_UNSIGNED_BYTE, px);
        from = px;
        w = w2;
        h = h2;
    }
    free(px);
    return true;
}

void ly_renderer_set_image(ly_renderer *r, int slot, const uint8_t *rgba, int w, int h,
                           bool mipmaps)
{
    if (slot <= 0 || slot >= LY_DRAW_IMAGES)
        return;
    if (!rgba || w <= 0 || h <= 0) {
        if (r->images[slot]) {
            glDeleteTextures(1, &r->images[slot]);
            r->images[slot] = 0;
            r->gl_objects--;
        }
        return;
    }
    if (!r->images[slot]) {
        glGenTextures(1, &r->images[slot]);
        r->gl_objects++;
        r->image_w[slot] = r->image_h[slot] = 0;
    }
    glBindTexture(GL_TEXTURE_2D, r->images[slot]);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
    /* a stream's next picture of the same size replaces the texels in place */
    if (w == r->image_w[slot] && h == r->image_h[slot] && !mipmaps)
        glTexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, w, h, GL_RGBA, GL_UNSIGNED_BYTE, rgba);
    else
        glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, w, h, 0, GL_RGBA, GL_UNSIGNED_BYTE, rgba);
    r->image_w[slot] = w;
    r->image_h[slot] = h;
    /* mipmaps where a picture is drawn much smaller than it is (icons); not for a
     * camera's pictures, which change ten times a second and are drawn near their size */
    if (mipmaps && !upload_mipmaps(rgba, w, h))
        mipmaps = false; /* (out of memory: the picture without them) */
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER,
                    mipmaps ? GL_LINEAR_MIPMAP_LINEAR : GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    glBindTexture(GL_TEXTURE_2D, 0);
}

/* The overlay's program and buffer, made when shapes first come (most frames of
 * most runs have none: start-up does not pay for them). */
static int overlay_ready(ly_renderer *r)
{
    if (r->overlay_vao)
        return 0;
    char err[512];
    if (load_program(&r->overlay, r->shader_dir, r->bins[0] ? r->bins : NULL, "overlay", NULL,
                     err, sizeof err)) {
        LY_WARN("RENDER", "no shapes on the ground: %s", err);
        return -1;
    }
    glGenVertexArrays(1, &r->overlay_vao);
    glGenBuffers(1, &r->overlay_vbo);
    r->gl_objects += 3;
    glBindVertexArray(r->overlay_vao);
    glBindBuffer(GL_ARRAY_BUFFER, r->overlay_vbo);
    glEnableVertexAttribArray(0);
    glVertexAttribPointer(0, 3, GL_FLOAT, GL_FALSE, sizeof(ly_overlay_vertex),
                          (void *)offsetof(ly_overlay_vertex, pos));
    glEnableVertexAttribArray(1);
    glVertexAttribPointer(1, 4, GL_UNSIGNED_BYTE, GL_TRUE, sizeof(ly_overlay_vertex),
                          (void *)offsetof(ly_overlay_vertex, rgba));
    glBindVertexArray(0);
    return 0;
}

void ly_renderer_set_overlay(ly_renderer *r, const ly_overlay_vertex *v, size_t n, size_t n_land)
{
    r->scene_gen++;
    r->overlay_n = r->overlay_land = 0;
    if (!v || !n || overlay_ready(r))
        return;
    glBindBuffer(GL_ARRAY_BUFFER, r->overlay_vbo);
    size_t bytes = n * sizeof *v;
    if (bytes > r->overlay_cap) {
        r->overlay_cap = bytes;
        glBufferData(GL_ARRAY_BUFFER, (GLsizeiptr)bytes, v, GL_DYNAMIC_DRAW);
    } else {
        glBufferSubData(GL_ARRAY_BUFFER, 0, (GLsizeiptr)bytes, v);
    }
    glBindBuffer(GL_ARRAY_BUFFER, 0);
    r->overlay_n = n;
    r->overlay_land = n_land < n ? n_land : n;
}

/* The stencil value the water leaves where it is the ground's top layer. */
enum { WATER_MARK = 1 };

/* Whether this frame keeps shapes off the water: some stay on land, and the buffer
 * drawn into has a stencil (without one they are drawn everywhere, as they were). */
static bool mask_water(const ly_renderer *r)
{
    return r->overlay_land && r->frame_stencil;
}

/* Over the ground (pulled further towards the eye than its top layer), hidden where
 * a building stands in front; blended, without writing depth. */
static void draw_overlay(ly_renderer *r, const ly_render_frame *f)
{
    if (!r->overlay_n)
        return;
    glDisable(GL_CULL_FACE);
    glDepthMask(GL_FALSE);
    glEnable(GL_BLEND);
    glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ZERO, GL_ONE);
    glEnable(GL_POLYGON_OFFSET_FILL);
    glPolygonOffset(-0.5f * LY_GROUND_LAYERS, -4.0f * LY_GROUND_LAYERS * r->offset_units);
    glUseProgram(r->overlay.id);
    glUniformMatrix4fv(r->overlay.view_proj, 1, GL_FALSE, f->view_proj);
    glUniform3fv(r->overlay.eye, 1, f->eye);
    glUniform3fv(r->overlay.fog_color, 1, SKY_HORIZON);
    glUniform1f(r->overlay.fog_distance, f->fog_distance);
    glBindVertexArray(r->overlay_vao);
    /* the walking areas first, only where the water left no mark (nobody walks on the
     * sea: a coastal path's buffer had tinted it); then the rest (a route, view cones),
     * everywhere, in the same order as one draw */
    size_t land = mask_water(r) ? r->overlay_land : 0;
    if (land) {
        glEnable(GL_STENCIL_TEST);
        glStencilMask(0);
        glStencilFunc(GL_NOTEQUAL, WATER_MARK, 0xff);
        glDrawArrays(GL_TRIANGLES, 0, (GLsizei)land);
        glDisable(GL_STENCIL_TEST);
        glStencilMask(0xff);
    }
    if (r->overlay_n > land)
        glDrawArrays(GL_TRIANGLES, (GLint)land, (GLsizei)(r->overlay_n - land));
    glDisable(GL_POLYGON_OFFSET_FILL);
    glDisable(GL_BLEND);
    glDepthMask(GL_TRUE);
}

/* ---- drawing ---------------------------------------------------------------- */

static void upload_atlas(ly_renderer *r, const ly_font_atlas *a)
{
    glBindTexture(GL_TEXTURE_2D, r->atlas_tex);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    if (!r->atlas_valid || a->generation != r->atlas_generation || a->width != r->atlas_w ||
        a->height != r->atlas_h) {
        glTexImage2D(GL_TEXTURE_2D, 0, GL_R8, a->width, a->height, 0, GL_RED, GL_UNSIGNED_BYTE,
                     a->pixels);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
        r->atlas_valid = true;
        r->atlas_generation = a->generation;
        r->atlas_w = a->width;
        r->atlas_h = a->height;
    } else if (a->dirty_x0 < a->dirty_x1 && a->dirty_y0 < a->dirty_y1) {
        /* only the rows that changed, whole width: one contiguous upload */
        glTexSubImage2D(GL_TEXTURE_2D, 0, 0, a->dirty_y0, a->width, a->dirty_y1 - a->dirty_y0,
                        GL_RED, GL_UNSIGNED_BYTE, a->pixels + (size_t)a->dirty_y0 * a->width);
    }
    glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
}

static void draw_ui(ly_renderer *r, const ly_render_frame *f, const ly_drawlist *ui,
                    const ly_font_atlas *atlas)
{
    if (!ui || !ui->n_indices)
        return;
    if (atlas)
        upload_atlas(r, atlas);
    glDisable(GL_DEPTH_TEST);
    glDepthMask(GL_FALSE);
    glDisable(GL_CULL_FACE);
    glEnable(GL_BLEND);
    glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ZERO, GL_ONE);
    /* the glyphs' program and the pictures' (its RGBA variant) take the same uniforms */
    for (int k = 0; k < 2; k++) {
        const program *p = k ? &r->ui_rgba : &r->ui;
        glUseProgram(p->id);
        glUniform2f(p->screen, (float)f->width, (float)f->height);
        glUniform2f(p->offset, (float)f->ui_x, (float)f->ui_y);
        glUniform1i(p->atlas, 0);
    }
    glUseProgram(r->ui.id);
    glActiveTexture(GL_TEXTURE0);
    glBindTexture(GL_TEXTURE_2D, r->atlas_tex);
    glBindVertexArray(r->ui_vao);
    size_t vb = ui->n_vertices * sizeof *ui->vertices, ib = ui->n_indices * sizeof *ui->indices;
    glBindBuffer(GL_ARRAY_BUFFER, r->ui_vbo);
    if (vb > r->ui_vbo_cap) {
        r->ui_vbo_cap = vb * 2;
        glBufferData(GL_ARRAY_BUFFER, (GLsizeiptr)r->ui_vbo_cap, NULL, GL_STREAM_DRAW);
    }
    glBufferSubData(GL_ARRAY_BUFFER, 0, (GLsizeiptr)vb, ui->vertices);
    if (ib > r->ui_ibo_cap) {
        r->ui_ibo_cap = ib * 2;
        glBufferData(GL_ELEMENT_ARRAY_BUFFER, (GLsizeiptr)r->ui_ibo_cap, NULL, GL_STREAM_DRAW);
    }
    glBufferSubData(GL_ELEMENT_ARRAY_BUFFER, 0, (GLsizeiptr)ib, ui->indices);
    int image = 0;
    for (size_t i = 0; i < ui->n_cmds; i++) {
        const ly_draw_cmd *c = &ui->cmds[i];
        int want = c->image > 0 && c->image < LY_DRAW_IMAGES && r->images[c->image] ? c->image : 0;
        if (want != image) {
            glBindTexture(GL_TEXTURE_2D, want ? r->images[want] : r->atlas_tex);
            if (!want != !image)
                glUseProgram(want ? r->ui_rgba.id : r->ui.id);
            image = want;
        }
        if (c->image && !want)
            continue; /* a picture that is not there: nothing rather than atlas noise */
        if (c->clip.w > 0) {
            glEnable(GL_SCISSOR_TEST);
            glScissor(c->clip.x - f->ui_x, f->height - (c->clip.y - f->ui_y) - c->clip.h,
                      c->clip.w, c->clip.h);
        } else {
            glDisable(GL_SCISSOR_TEST);
        }
        glDrawElements(GL_TRIANGLES, (GLsizei)c->count, GL_UNSIGNED_INT,
                       (void *)(c->first * sizeof(uint32_t)));
    }
    glDisable(GL_SCISSOR_TEST);
    glBindVertexArray(0);
    if (image)
        glBindTexture(GL_TEXTURE_2D, r->atlas_tex);
}

/* Levels of detail: each tile at the level ly_mesh_tile_level chooses, fading into the
 * next finer one through a screen-door dither in proportion, so a tile changes level
 * without popping. Chunks and tiles fogged past FOG_CULL fog distances (99.8 % fog) are
 * not drawn at all. */
#define FOG_CULL 2.6f

static float box_distance(const float p[3], const float mn[3], const float mx[3])
{
    float s = 0;
    for (int k = 0; k < 3; k++) {
        float d = p[k] < mn[k] ? mn[k] - p[k] : p[k] > mx[k] ? p[k] - mx[k] : 0;
        s += d * d;
    }
    return sqrtf(s);
}


/* A chunk's ranges of one level and one dither mode (0 whole; 1 the pixels whose
 * noise is under the cut, 2 the others), drawn in one call. */
typedef struct {
    GLsizei count[LY_MESH_TILES * LY_MESH_TILES];
    const void *offset[LY_MESH_TILES * LY_MESH_TILES];
    int n;
    float cut;
} tile_batch;

static void batch_add(tile_batch *b, uint32_t first, uint32_t count, float cut)
{
    if (!count)
        return;
    b->count[b->n] = (GLsizei)count;
    b->offset[b->n++] = (const void *)((size_t)first * sizeof(uint32_t));
    b->cut = cut;
}

/* One tile at its level (and, fading, the finer one through the dither). */
static void tile_draws(ly_renderer *r, const ly_mesh_chunk *c, const ly_mesh_tile *t,
                       ly_lod_choice ch, tile_batch b[1 + LY_MESH_LODS][3])
{
    int lv[2] = {ch.level, ch.level - 1}, mode[2] = {ch.fade > 0 ? 2 : 0, 1};
    for (int i = 0; i < (ch.fade > 0 ? 2 : 1); i++) {
        /* a far level's indices are on the GPU apart, from the level's first */
        uint32_t first = lv[i] < 0 ? t->first : t->lod_first[lv[i]] - c->lod_first[lv[i]];
        uint32_t count = lv[i] < 0 ? t->count : t->lod_count[lv[i]];
        batch_add(&b[lv[i] + 1][mode[i]], first, count, ch.fade);
        r->stats.triangles += count / 3;
        r->stats.at_level[lv[i] + 1]++;
    }
}

/* Index ranges drawn, flushed after every flush_every triangles. Software GL (llvmpipe)
 * bins a frame's triangles, each with its edges and inputs (about 200 bytes), and keeps
 * them all until the frame is flushed: a street view's 100,000 held 21 MB, a seventh of
 * the viewer's memory. Flushed in parts, its threads rasterise one part while the next
 * is binned, and the parts' memory is used again. A range may be cut between triangles. */
static void draw_ranges(ly_renderer *r, const GLsizei *count, const void *const *offset, int n)
{
    if (!r->flush_every) {
        ly_gl_multi_draw(GL_TRIANGLES, count, GL_UNSIGNED_INT, offset, n);
        return;
    }
    enum { T = LY_MESH_TILES * LY_MESH_TILES };
    GLsizei cnt[T + 1]; /* a flush empties these: at most one more than the ranges */
    const void *off[T + 1];
    int k = 0;
    for (int i = 0; i < n; i++) {
        size_t at = (size_t)offset[i];
        GLsizei left = count[i];
        while (left > 0) {
            GLsizei room = (GLsizei)(3 * (r->flush_every - r->binned));
            GLsizei take = left < room ? left : room;
            cnt[k] = take;
            off[k++] = (const void *)at;
            at += (size_t)take * sizeof(uint32_t);
            left -= take;
            r->binned += (unsigned)take / 3;
            if (r->binned >= r->flush_every) {
                ly_gl_multi_draw(GL_TRIANGLES, cnt, GL_UNSIGNED_INT, off, k);
                glFlush();
                r->stats.flushes++;
                k = 0;
                r->binned = 0;
            }
        }
    }
    if (k)
        ly_gl_multi_draw(GL_TRIANGLES, cnt, GL_UNSIGNED_INT, off, k);
}

static program *buildings_program(ly_renderer *r, int pass, bool dither);
static void building_uniforms(ly_renderer *r, program *p, const ly_render_frame *f, int pass);

/* The program for the dithered batches (mode 1 or 2): the DITHER variant, its uniforms set
 * the first time a frame needs it. NULL when it could not be made: a fading tile then
 * shows its coarser level alone, changing level without the fade. */
static program *dither_program(ly_renderer *r, const ly_render_frame *f)
{
    if (!r->dithering) {
        program *p = buildings_program(r, 0, true);
        r->dithering = p == &r->building ? NULL : p; /* the plain program has no fade */
        if (r->dithering)
            building_uniforms(r, r->dithering, f, 0);
        r->dither_tried = true;
    }
    return r->dithering;
}

static void draw_batches(ly_renderer *r, gpu_chunk *c, tile_batch b[1 + LY_MESH_LODS][3],
                         const ly_render_frame *f)
{
    program *in_use = r->buildings;
    for (int l = 0; l <= LY_MESH_LODS; l++)
        for (int m = 0; m < 3; m++) {
            if (!b[l][m].n || !(l ? make_level(r, c, l - 1) : c->full.vao != 0))
                continue; /* a full mesh that did not fit, with no far level to stand in */
            program *p = m && (r->dithering || !r->dither_tried) ? dither_program(r, f) : NULL;
            if (m && !p && m == 1)
                continue; /* no fade: the finer level's share is left out */
            if (!p)
                p = r->buildings; /* undithered (without the variant: the coarser level whole) */
            if (p != in_use)
                glUseProgram(p->id);
            in_use = p;
            if (p != r->buildings) {
                glUniform1i(p->dither, m);
                glUniform1f(p->dither_cut, b[l][m].cut);
            }
            glBindVertexArray(l ? c->lod[l - 1].vao : c->full.vao);
            draw_ranges(r, b[l][m].count, b[l][m].offset, b[l][m].n);
        }
    if (in_use != r->buildings)
        glUseProgram(r->buildings->id);
}

/* A chunk's opaque buildings, tile by tile: culled, each at its level; the full
 * mesh when it fits under the ceiling, else the finest far level. */
static void draw_chunk(ly_renderer *r, gpu_chunk *c, const ly_frustum *fr,
                       const ly_render_frame *f)
{
    enum { T = LY_MESH_TILES * LY_MESH_TILES };
    ly_lod_choice ch[T];
    float dist[T];
    bool shown[T], full = false;
    for (int t = 0; t < T; t++) {
        const ly_mesh_tile *tl = &c->src->tiles[t];
        dist[t] = box_distance(f->eye, tl->min, tl->max);
        shown[t] = tl->min[0] <= tl->max[0] && !ly_frustum_box_outside(fr, tl->min, tl->max) &&
                   dist[t] <= FOG_CULL * f->fog_distance;
        ch[t] = shown[t] ? ly_mesh_tile_level(r->lod_cell_m, tl, dist[t], f->pixel_angle,
                                                  f->fog_distance) : (ly_lod_choice){-1, 0};
        full |= shown[t] && (ch[t].level < 0 || (ch[t].fade > 0 && ch[t].level == 0));
        r->stats.tiles_culled += !shown[t] && tl->min[0] <= tl->max[0];
    }
    bool fallback = full && !make_full(r, c) && make_level(r, c, 0);
    tile_batch b[1 + LY_MESH_LODS][3];
    for (int l = 0; l <= LY_MESH_LODS; l++)
        for (int m = 0; m < 3; m++)
            b[l][m].n = 0;
    /* nearest tile first: software GL's early depth test then skips the shading of
     * what nearer tiles already cover */
    int order[T], n = 0;
    for (int t = 0; t < T; t++) {
        if (!shown[t])
            continue;
        int k = n++;
        for (; k > 0 && dist[order[k - 1]] > dist[t]; k--)
            order[k] = order[k - 1];
        order[k] = t;
    }
    for (int i = 0; i < n; i++) {
        int t = order[i];
        if (fallback && (ch[t].level < 0 || (ch[t].fade > 0 && ch[t].level == 0)))
            ch[t] = (ly_lod_choice){0, 0};
        tile_draws(r, c->src, &c->src->tiles[t], ch[t], b);
    }
    draw_batches(r, c, b, f);
}

/* The buildings' program for a pass: the plain one, or a variant made the first time
 * it is needed. Software GL runs every branch of a shader for every pixel, and a shader
 * that may discard cannot write depth before it has run, so what only some pixels need is
 * left out of the plain program: the finder's glow (GLOW, while something glows), the
 * building sites' scaffold (SITES, pass 1) and the fade between levels (DITHER). */
static program *buildings_program(ly_renderer *r, int pass, bool dither)
{
    static const char *const NAMES[8] = {NULL,     "GLOW",        "SITES",        "GLOW+SITES",
                                         "DITHER", "GLOW+DITHER", "SITES+DITHER", "GLOW+SITES+DITHER"};
    int v = (r->glow ? 1 : 0) | (pass ? 2 : 0) | (dither ? 4 : 0);
    if (!v || r->var_failed[v])
        return &r->building;
    if (!r->building_var[v].id) {
        char err[1200];
        if (load_program(&r->building_var[v], r->shader_dir, r->bins[0] ? r->bins : NULL,
                         "building", NAMES[v], err, sizeof err)) {
            LY_ERROR("RENDER", "%s: %s", err,
                     v & 4   ? "tiles will change their level of detail without fading"
                     : v & 2 ? "building sites will be drawn as buildings"
                             : "the finder's matches will not glow");
            r->var_failed[v] = true;
            return &r->building;
        }
        r->gl_objects++;
    }
    return &r->building_var[v];
}

static void building_uniforms(ly_renderer *r, program *p, const ly_render_frame *f, int pass)
{
    glUseProgram(p->id);
    glUniformMatrix4fv(p->view_proj, 1, GL_FALSE, f->view_proj);
    glUniform3fv(p->eye, 1, f->eye);
    glUniform3fv(p->sun, 1, f->sun);
    glUniform3fv(p->sky_color, 1, LIGHT_SKY);
    glUniform3fv(p->ground_color, 1, LIGHT_GROUND);
    glUniform3fv(p->fog_color, 1, SKY_HORIZON);
    glUniform1f(p->fog_distance, f->fog_distance);
    glUniform3fv(p->accent, 1, ACCENT);
    glUniform1i(p->buildings, 1);
    glUniform1i(p->pass, pass);
    glActiveTexture(GL_TEXTURE1);
    glBindTexture(GL_TEXTURE_2D, r->style_tex);
    glActiveTexture(GL_TEXTURE0);
}

static int by_distance(const void *a, const void *b)
{
    const chunk_at *x = a, *y = b;
    return (x->dist > y->dist) - (x->dist < y->dist);
}

/* pass 0: opaque buildings, each chunk at its level; pass 1: building sites
 * (translucent, always in full), after everything opaque */
static void draw_buildings(ly_renderer *r, const ly_render_frame *f, int pass)
{
    r->buildings = buildings_program(r, pass, false);
    r->dithering = NULL; /* set when a tile first fades this pass */
    r->dither_tried = false;
    building_uniforms(r, r->buildings, f, pass);
    ly_frustum fr;
    ly_frustum_init(&fr, f->view_proj);
    if (!pass) { /* a new frame */
        r->frame++;
        memset(&r->stats, 0, sizeof r->stats);
        r->upload_ms = 0;
        r->binned = 0;
    }
    size_t n = 0;
    for (size_t i = 0; i < r->n_chunks; i++) {
        gpu_chunk *c = &r->chunks[i];
        if (!c->src->n_indices)
            continue;
        float dist = box_distance(f->eye, c->min, c->max);
        if (ly_frustum_box_outside(&fr, c->min, c->max) || dist > FOG_CULL * f->fog_distance) {
            r->stats.culled += !pass;
            continue;
        }
        if (pass) {
            /* (a chunk's full mesh the opaque pass is waiting for is counted there once: a
             * building site in it had counted it twice, and asked for it beyond the frame's
             * upload time) */
            GLsizei count = (GLsizei)(c->src->n_indices - c->src->site_first_index);
            bool spent = r->upload_budget_ms > 0 && r->upload_ms >= r->upload_budget_ms;
            if (count > 0 && (c->full.vao || !spent) && make_full(r, c)) {
                glBindVertexArray(c->full.vao);
                glDrawElements(GL_TRIANGLES, count, GL_UNSIGNED_INT,
                               (void *)((size_t)c->full.site_first * sizeof(uint32_t)));
            }
            continue;
        }
        r->order[n++] = (chunk_at){dist, (uint32_t)i};
    }
    /* nearest chunk first, as the tiles within each: the early depth test of software
     * GL then skips the shading of what is hidden */
    if (n > 1) /* (no scene: no order array at all) */
        qsort(r->order, n, sizeof *r->order, by_distance);
    for (size_t i = 0; i < n; i++) {
        r->stats.chunks++;
        draw_chunk(r, &r->chunks[r->order[i].chunk], &fr, f);
    }
}

void ly_renderer_stats(const ly_renderer *r, ly_render_stats *out)
{
    *out = r->stats;
    out->resident_bytes = r->resident;
    out->full_resident = r->n_full;
}

/* The ground's layers; each later layer is pulled a little towards the eye, so it
 * wins over the one below without z-fighting. The opaque layers are drawn top first,
 * so that early depth tests skip what a higher layer covers (the offsets keep every
 * layer strictly nearer than the one below: the same picture as drawing bottom up,
 * with each pixel shaded once); then the two that blend (the soft coast, the dashes)
 * over what is below them. Blending costs per sample: only those two need it. The
 * opaque layers have a program without branches (each layer's colour comes from the
 * vertex shader, the fog with no square root per pixel): on software GL the ground
 * is most of a frame's shaded pixels. The bands have its BANDS variant. */
_Static_assert(LY_GROUND_COAST == 4 && LY_GROUND_BOUNDARY_LINE == 9 && LY_GROUND_LAYERS == 10,
               "shaders/ground.frag names the coast by number; the other band is the boundary line");

static void draw_ground(ly_renderer *r, const ly_render_frame *f)
{
    if (!r->ground_mesh.vao)
        return;
    glDisable(GL_CULL_FACE);
    glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ZERO, GL_ONE);
    glEnable(GL_POLYGON_OFFSET_FILL);
    glBindVertexArray(r->ground_mesh.vao);
    program *p = NULL;
    for (int k = 0; k < 2 * LY_GROUND_LAYERS; k++) {
        bool blended_pass = k >= LY_GROUND_LAYERS;
        int l = blended_pass ? k - LY_GROUND_LAYERS : LY_GROUND_LAYERS - 1 - k;
        bool blends = l == LY_GROUND_COAST || l == LY_GROUND_BOUNDARY_LINE;
        if (!r->ground_count[l] || l == LY_GROUND_BOUNDARY_FILL || blends != blended_pass)
            continue;
        program *want = blended_pass ? &r->ground_bands : &r->ground;
        if (p != want) {
            p = want;
            glUseProgram(p->id);
            glUniformMatrix4fv(p->view_proj, 1, GL_FALSE, f->view_proj);
            glUniform3fv(p->eye, 1, f->eye);
            glUniform3fv(p->layer_colors, LY_GROUND_LAYERS, &ly_palette_ground[0][0]);
            glUniform3fv(p->fog_color, 1, SKY_HORIZON);
            glUniform1f(p->fog_distance, f->fog_distance);
        }
        glPolygonOffset(-0.5f * (float)l, -4.0f * (float)l * r->offset_units);
        if (blends)
            glEnable(GL_BLEND);
        else
            glDisable(GL_BLEND);
        /* the water marks the stencil where it passes the depth test: the layers above
         * it (a bridge, a pier, a park on the shore) and the buildings came first and
         * hold those pixels, so the mark is where water is what shows */
        bool mark = l == LY_GROUND_WATER && mask_water(r);
        if (mark) {
            glEnable(GL_STENCIL_TEST);
            glStencilFunc(GL_ALWAYS, WATER_MARK, 0xff);
            glStencilOp(GL_KEEP, GL_KEEP, GL_REPLACE);
        }
        glDrawElements(GL_TRIANGLES, (GLsizei)r->ground_count[l], GL_UNSIGNED_INT,
                       (void *)(r->ground_first[l] * sizeof(uint32_t)));
        if (mark) {
            glStencilOp(GL_KEEP, GL_KEEP, GL_KEEP);
            glDisable(GL_STENCIL_TEST);
        }
    }
    glDisable(GL_POLYGON_OFFSET_FILL);
    glDisable(GL_BLEND);
}

static void draw_scene(ly_renderer *r, const ly_render_frame *f, GLuint target);

/* The view ray through NDC (x, y): its points on the near (p[0]) and far (p[1]) planes. */
static void view_ray(const float *inv, float x, float y, float p[2][3])
{
    for (int k = 0; k < 2; k++) {
        float z = k ? 1.0f : -1.0f, v[4];
        for (int i = 0; i < 4; i++)
            v[i] = inv[i] * x + inv[4 + i] * y + inv[8 + i] * z + inv[12 + i];
        for (int i = 0; i < 3; i++)
            p[k][i] = v[i] / v[3];
    }
}

/* The point where the view ray through NDC (x, y) meets the ground (z = 0) between the
 * near and far planes, in xy; false where it does not. */
static bool ray_ground(const float *inv, float x, float y, float xy[2])
{
    float p[2][3];
    view_ray(inv, x, y, p);
    if (!(p[0][2] > 0 && p[1][2] < 0))
        return false;
    float t = p[0][2] / (p[0][2] - p[1][2]);
    for (int i = 0; i < 2; i++)
        xy[i] = p[0][i] + t * (p[1][i] - p[0][i]);
    return true;
}

/* Whether the land plane covers every pixel of the rows between NDC heights y0 and y1:
 * the rays through the four corners of that strip meet the ground inside the plane (by
 * a metre) and the far plane. Those points bound the strip's on the ground: rays through
 * a rectangle that all descend meet a plane in a convex quad, and the depth range cuts
 * it along a straight line. */
static bool land_covers(const ly_renderer *r, const float *inv, float y0, float y1)
{
    if (!r->ground_count[LY_GROUND_LAND])
        return false;
    const float corner[4][2] = {{-1, y0}, {1, y0}, {-1, y1}, {1, y1}};
    for (int c = 0; c < 4; c++) {
        float xy[2];
        if (!ray_ground(inv, corner[c][0], corner[c][1], xy))
            return false;
        for (int k = 0; k < 2; k++)
            if (!(xy[k] > r->land_min[k] + 1 && xy[k] < r->land_max[k] - 1))
                return false;
    }
    return true;
}

/* Clears the scene's depth, and its colour only where nothing is sure to be drawn: the
 * sky (rows sky0, sky1) covers every pixel of its rows that nothing else does, and the
 * land plane may cover the rest. Writing a pixel's samples is a GPU's cost per frame at
 * large sizes (a 4K frame's colour clear took 2.3 ms of 10 with 4x MSAA), and a pixel
 * drawn over needs no clear. */
static void clear_scene(ly_renderer *r, const ly_render_frame *f, int sky0, int sky1)
{
    glClearColor(SKY_HORIZON[0], SKY_HORIZON[1], SKY_HORIZON[2], 1.0f);
    ly_gl_clear_depth(1.0);
    if (sky1 <= sky0)
        sky0 = sky1 = f->height;
    /* the rows below the sky's, then those above it */
    int from[2] = {0, sky1}, to[2] = {sky0, f->height};
    /* the stencil with the depth (where there is one): the water's marks are this
     * frame's */
    GLbitfield first = GL_DEPTH_BUFFER_BIT;
    if (r->frame_stencil) {
        glStencilMask(0xff);
        glClearStencil(0);
        first |= GL_STENCIL_BUFFER_BIT;
    }
    const float *inv = f->inv_view_proj;
#define NDC_ROW(y) (2.0f * (float)(y) / (float)f->height - 1.0f)
    /* below the sky, the land covers the rows from the bottom up to where it meets the
     * far plane (or its own edge): that many rows need no clear */
    if (to[0] > 0 && land_covers(r, inv, -1.0f, NDC_ROW(1))) {
        int lo = 1, hi = to[0]; /* [0, lo) covered; [0, hi + 1) not known */
        while (lo < hi) {
            int mid = lo + (hi - lo + 1) / 2;
            if (land_covers(r, inv, -1.0f, NDC_ROW(mid)))
                lo = mid;
            else
                hi = mid - 1;
        }
        from[0] = lo;
    }
    for (int k = 0; k < 2; k++) {
        if (to[k] <= from[k] || land_covers(r, inv, NDC_ROW(from[k]), NDC_ROW(to[k])))
            continue;
        if (from[k] == 0 && to[k] == f->height) { /* the whole target: one clear */
            first |= GL_COLOR_BUFFER_BIT;
            continue;
        }
        glEnable(GL_SCISSOR_TEST);
        glScissor(0, from[k], f->width, to[k] - from[k]);
        glClear(GL_COLOR_BUFFER_BIT);
        glDisable(GL_SCISSOR_TEST);
    }
#undef NDC_ROW
    glClear(first);
}

/* Whether the view ray through NDC (x, y) climbs (z >= 0): the sky shader's own ray. */
static bool ray_climbs(const float *inv, float x, float y)
{
    float p[2][3];
    view_ray(inv, x, y, p);
    return p[1][2] - p[0][2] >= 0;
}

/* The rows of the target (GL's, bottom up) that can show sky: those where some view
 * ray climbs. Below the horizon the sky is the clear colour (the shader's horizon
 * colour, and the sun's glow there is under half a level of 255), so only this band
 * is shaded: software GL shades a pass's pixels before the depth test rejects them,
 * and a view looking down shows no sky at all. The horizon is a straight line on the
 * screen, so the two side edges, sampled every 1/64 of the height, bound it; the band
 * is widened by one sample. Returns false when no row can show sky. */
static bool sky_rows(const ly_render_frame *f, int *y0, int *y1)
{
    enum { N = 64 };
    int lo = N + 1, hi = -1;
    for (int k = 0; k <= N; k++) {
        float y = -1.0f + 2.0f * (float)k / N;
        if (ray_climbs(f->inv_view_proj, -1, y) || ray_climbs(f->inv_view_proj, 1, y)) {
            lo = k < lo ? k : lo;
            hi = k;
        }
    }
    if (hi < 0)
        return false;
    lo = lo > 0 ? lo - 1 : 0;
    hi = hi < N ? hi + 1 : N;
    *y0 = (int)floorf((float)lo / N * (float)f->height);
    *y1 = (int)ceilf((float)hi / N * (float)f->height);
    return *y1 > *y0;
}

/* The sky: at the far plane, so only pixels nothing covered pass the test, and only
 * over the rows that can show it (sky_rows: y0, y1; equal for none). */
static void draw_sky(ly_renderer *r, const ly_render_frame *f, int y0, int y1)
{
    glDepthMask(GL_FALSE);
    glDisable(GL_CULL_FACE);
    if (y1 <= y0)
        return;
    r->stats.sky_rows = y1 - y0;
    glEnable(GL_SCISSOR_TEST);
    glScissor(0, y0, f->width, y1 - y0);
    glUseProgram(r->sky.id);
    glUniformMatrix4fv(r->sky.inv_view_proj, 1, GL_FALSE, f->inv_view_proj);
    glUniform3fv(r->sky.zenith, 1, SKY_ZENITH);
    glUniform3fv(r->sky.horizon, 1, SKY_HORIZON);
    glUniform3fv(r->sky.sun, 1, f->sun);
    glBindVertexArray(r->empty_vao);
    glDrawArrays(GL_TRIANGLES, 0, 3);
    glDisable(GL_SCISSOR_TEST);
}

/* ---- the still scene ------------------------------------------------------------
 * A viewer standing still redraws for its overlay alone (a camera's picture, a
 * hover over a panel, a fading label): the 3D scene is then the last frame's. Once
 * two frames in a row have the same 3D inputs (the frame's matrices, eye, fog, size,
 * and no change to what the GPU holds), the second copies its scene before the
 * overlay is drawn, and the frames after it copy that back instead of drawing it. */

static bool same_frame(const ly_render_frame *a, const ly_render_frame *b)
{
    return a->width == b->width && a->height == b->height &&
           !memcmp(a->view_proj, b->view_proj, sizeof a->view_proj) &&
           !memcmp(a->eye, b->eye, sizeof a->eye) && !memcmp(a->sun, b->sun, sizeof a->sun) &&
           a->fog_distance == b->fog_distance && a->draw_sites == b->draw_sites &&
           a->pixel_angle == b->pixel_angle;
}

/* The copy's texture, w x h; false where there is none (the driver refused). */
static bool still_buffer(ly_renderer *r, int w, int h)
{
    if (r->still_failed)
        return false;
    if (r->still_fbo && r->still_w == w && r->still_h == h)
        return true;
    free_still(r);
    glGenFramebuffers(1, &r->still_fbo);
    glGenTextures(1, &r->still_tex);
    r->gl_objects += 2;
    glBindTexture(GL_TEXTURE_2D, r->still_tex);
    glTexImage2D(GL_TEXTURE_2D, 0, LY_GL_SCENE_COLOR, w, h, 0, LY_GL_SCENE_FORMAT,
                 GL_UNSIGNED_BYTE, NULL);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
    glBindFramebuffer(GL_FRAMEBUFFER, r->still_fbo);
    glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, r->still_tex, 0);
    bool ok = glCheckFramebufferStatus(GL_FRAMEBUFFER) == GL_FRAMEBUFFER_COMPLETE;
    glBindTexture(GL_TEXTURE_2D, r->atlas_tex);
    if (!ok) {
        free_still(r);
        r->still_failed = true;
        LY_WARN("RENDER", "no %dx%d buffer to keep a still scene in: every frame draws it", w, h);
        return false;
    }
    r->still_w = w;
    r->still_h = h;
    return true;
}

/* Copies the scene between the target and the still buffer (to_still: that way). */
static void still_copy(ly_renderer *r, GLuint target, int w, int h, bool to_still)
{
    if (to_still) {
        glBindFramebuffer(GL_READ_FRAMEBUFFER, target);
        glBindTexture(GL_TEXTURE_2D, r->still_tex);
        glCopyTexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, 0, 0, w, h);
        glBindTexture(GL_TEXTURE_2D, r->atlas_tex);
    } else {
        glBindFramebuffer(GL_READ_FRAMEBUFFER, r->still_fbo);
        glBindFramebuffer(GL_DRAW_FRAMEBUFFER, target);
        glBlitFramebuffer(0, 0, w, h, 0, 0, w, h, GL_COLOR_BUFFER_BIT, GL_NEAREST);
    }
    glBindFramebuffer(GL_FRAMEBUFFER, target);
}

/* Whether this frame may reuse the still scene, and (*keep) whether it should keep
 * the scene it draws. A multisampled target cannot take a copy back. Not in the
 * browser: in Chromium's WebGL2 the copy came back black (the page's map draws only
 * when something changes, and has no cameras' pictures, so it gains little). */
static bool still_reuse(ly_renderer *r, const ly_render_frame *f, GLuint target, bool *keep)
{
#ifdef LY_GLES
    *keep = false;
    (void)r, (void)f, (void)target;
    return false;
#endif
    bool same = r->frame && r->last_gen == r->scene_gen && same_frame(&r->last, f);
    r->last = *f;
    r->last_gen = r->scene_gen;
    *keep = false;
    if (!same) {
        r->still_valid = false;
        return false;
    }
    GLint samples = 0;
    glGetIntegerv(GL_SAMPLE_BUFFERS, &samples);
    if (samples > 0 || !still_buffer(r, f->width, f->height)) {
        glBindFramebuffer(GL_FRAMEBUFFER, target);
        return false;
    }
    glBindFramebuffer(GL_FRAMEBUFFER, target);
    *keep = !r->still_valid;
    return r->still_valid;
}

void ly_renderer_draw(ly_renderer *r, const ly_render_frame *f, const ly_drawlist *ui,
                      const ly_font_atlas *atlas)
{
    if (r->programs_pending || r->programs_failed) {
        char err[1200];
        if (r->programs_pending && ly_renderer_end_programs(r, err, sizeof err))
            LY_ERROR("RENDER", "%s: nothing can be drawn", err);
        if (r->programs_failed)
            return;
    }
    GLint target = 0;
    glGetIntegerv(GL_DRAW_FRAMEBUFFER_BINDING, &target);
    bool keep;
    r->stamped = r->presented = false;
    if (still_reuse(r, f, (GLuint)target, &keep)) {
        still_copy(r, (GLuint)target, f->width, f->height, false);
        r->stats.still = true;
        draw_ui(r, f, ui, atlas);
        return;
    }
    draw_scene(r, f, (GLuint)target);
    /* a frame that changed what the GPU holds (a chunk's mesh came or went) may
     * draw differently the next time: it is not kept */
    if (r->stats.uploads || r->stats.evictions || r->stats.deferred)
        r->scene_gen++;
    else if (keep) {
        still_copy(r, (GLuint)target, f->width, f->height, true);
        r->still_valid = true;
    }
    draw_ui(r, f, ui, atlas);
    stamp(r, LY_PART_UI + 1);
    r->stamped = r->timing;
}

/* The 3D scene into the target (bound). */
static void draw_scene(ly_renderer *r, const ly_render_frame *f, GLuint target)
{
    /* Software GL pays for every shaded pixel, so the order avoids overdraw:
     * opaque buildings first (depth), then the ground where no building
     * stands (early depth rejects the rest), then the sky only where nothing
     * was drawn, then translucent building sites. The 3D scene goes into a
     * multisampled buffer, resolved into the target; the overlay is drawn
     * after the resolve: its text and shapes carry their own anti-aliasing,
     * and blending per sample would cost four times as much. */
    bool ms = scene_fbo(r, f->width, f->height);
    if (ms)
        glBindFramebuffer(GL_FRAMEBUFFER, r->scene_fbo);
    /* (louyu's own buffers' depth is 24 bits) */
    int bits = !ms && target == 0 ? r->window_depth_bits : 24;
    r->offset_units = bits > 24 ? ldexpf(1.0f, bits - 24) : 1.0f;
    r->frame_stencil = ms            ? r->scene_stencil
                       : target == 0 ? r->window_stencil_bits > 0
                                     : target == r->target_fbo && r->target_stencil;
    stamp(r, LY_PART_CLEAR);
    glViewport(0, 0, f->width, f->height);
    glDisable(GL_SCISSOR_TEST);
    glDepthMask(GL_TRUE);
    int sky0 = 0, sky1 = 0;
    if (!sky_rows(f, &sky0, &sky1))
        sky0 = sky1 = 0;
    clear_scene(r, f, sky0, sky1);
    stamp(r, LY_PART_BUILDINGS);

    glEnable(GL_DEPTH_TEST);
    glDepthFunc(GL_LEQUAL);
    glDisable(GL_BLEND);
    glEnable(GL_CULL_FACE);
    glCullFace(GL_BACK);
    glFrontFace(GL_CCW);
    draw_buildings(r, f, 0);
    if (r->slabs.vao) {
        glUseProgram(r->slab.id);
        glUniformMatrix4fv(r->slab.view_proj, 1, GL_FALSE, f->view_proj);
        glUniform3fv(r->slab.sun, 1, f->sun);
        glUniform3fv(r->slab.sky_color, 1, LIGHT_SKY);
        glUniform3fv(r->slab.ground_color, 1, LIGHT_GROUND);
        glUniform1i(r->slab.focus, r->slab_focus);
        glBindVertexArray(r->slabs.vao);
        glDrawElements(GL_TRIANGLES, r->slabs.n_indices, GL_UNSIGNED_INT, 0);
    }
    stamp(r, LY_PART_GROUND);
    draw_ground(r, f);
    draw_overlay(r, f);
    stamp(r, LY_PART_SKY);
    draw_sky(r, f, sky0, sky1);
    stamp(r, LY_PART_SITES);
    if (f->draw_sites) {
        glEnable(GL_CULL_FACE);
        glEnable(GL_BLEND);
        glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ZERO, GL_ONE);
        draw_buildings(r, f, 1);
        glDisable(GL_BLEND);
    }
    glBindVertexArray(0);
    glDepthMask(GL_TRUE);
    stamp(r, LY_PART_RESOLVE);
    if (ms) {
        glBindFramebuffer(GL_READ_FRAMEBUFFER, r->scene_fbo);
        glBindFramebuffer(GL_DRAW_FRAMEBUFFER, target);
        glBlitFramebuffer(0, 0, f->width, f->height, 0, 0, f->width, f->height,
                          GL_COLOR_BUFFER_BIT, GL_NEAREST);
        glBindFramebuffer(GL_FRAMEBUFFER, target);
    }
    stamp(r, LY_PART_UI);
}

/* ---- targets ------------------------------------------------------------------ */

void ly_renderer_set_msaa(ly_renderer *r, int samples)
{
    r->scene_gen++;
    r->msaa = samples;
    r->msaa_failed = false;
}

int ly_renderer_msaa(const ly_renderer *r)
{
    return r->scene_fbo ? r->scene_samples : 0;
}

/* The samples louyu chooses for a target of w x h: 4, or 2 over 5 million pixels (a 4K
 * target). Each of a 4K pixel's 2 samples covers half the screen that one of a 1080p
 * pixel's 4 does on the same display, and writing samples is most of a GPU's time
 * there: 4x took 10.5 ms a frame of the district, 2x 5.9 (an H200 at 3840x2160). */
static int auto_samples(int w, int h)
{
    return (double)w * h > 5e6 ? 2 : 4;
}

/* Gives the bound framebuffer (its colour attached) a depth buffer of w x h in rb
 * (samples 0: single-sampled) with 8 stencil bits, or, where the driver refuses that,
 * depth alone; whether it has the stencil. The walking areas need it to stay off the
 * water; without it they are drawn over the water too, as before it. */
static bool attach_depth(GLuint rb, int samples, int w, int h)
{
    for (int stencil = 1;; stencil = 0) {
        GLenum format = stencil ? GL_DEPTH24_STENCIL8 : GL_DEPTH_COMPONENT24;
        GLenum at = stencil ? GL_DEPTH_STENCIL_ATTACHMENT : GL_DEPTH_ATTACHMENT;
        glBindRenderbuffer(GL_RENDERBUFFER, rb);
        if (samples)
            glRenderbufferStorageMultisample(GL_RENDERBUFFER, samples, format, w, h);
        else
            glRenderbufferStorage(GL_RENDERBUFFER, format, w, h);
        glFramebufferRenderbuffer(GL_FRAMEBUFFER, at, GL_RENDERBUFFER, rb);
        bool complete = glCheckFramebufferStatus(GL_FRAMEBUFFER) == GL_FRAMEBUFFER_COMPLETE;
        if (complete && !stencil)
            LY_WARN("RENDER", "no stencil in a %dx%d buffer: walking areas may cover water",
                    w, h);
        if (complete || !stencil)
            return complete && stencil;
        /* (the caller's check tells whether depth alone will do) */
        glFramebufferRenderbuffer(GL_FRAMEBUFFER, at, GL_RENDERBUFFER, 0);
        while (glGetError() != GL_NO_ERROR)
            ;
    }
}

/* A multisampled colour + depth buffer of w x h; false if the driver refuses. */
static bool scene_fbo(ly_renderer *r, int w, int h)
{
    int want = r->msaa == 0 ? auto_samples(w, h) : r->msaa;
    if (want <= 1 || r->msaa_failed)
        return false;
    if (r->scene_fbo && r->scene_w == w && r->scene_h == h && r->scene_want == want)
        return true;
    free_scene_fbo(r);
    GLint max_samples = 0;
    glGetIntegerv(GL_MAX_SAMPLES, &max_samples);
    int samples = want < max_samples ? want : max_samples;
    if (samples <= 1) {
        r->msaa_failed = true;
        return false;
    }
    glGenFramebuffers(1, &r->scene_fbo);
    glGenRenderbuffers(1, &r->scene_color);
    glGenRenderbuffers(1, &r->scene_depth);
    r->gl_objects += 3;
    glBindRenderbuffer(GL_RENDERBUFFER, r->scene_color);
    glRenderbufferStorageMultisample(GL_RENDERBUFFER, samples, LY_GL_SCENE_COLOR, w, h);
    glBindFramebuffer(GL_FRAMEBUFFER, r->scene_fbo);
    glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER,
                              r->scene_color);
    r->scene_stencil = attach_depth(r->scene_depth, samples, w, h);
    if (glCheckFramebufferStatus(GL_FRAMEBUFFER) != GL_FRAMEBUFFER_COMPLETE) {
        LY_WARN("RENDER", "no %dx MSAA buffer of %dx%d; drawing without MSAA", samples, w, h);
        free_scene_fbo(r);
        r->msaa_failed = true;
        return false;
    }
    r->scene_w = w;
    r->scene_h = h;
    r->scene_samples = samples;
    r->scene_want = want;
    return true;
}

int ly_renderer_target_begin(ly_renderer *r, int w, int h)
{
    ly_renderer_target_end(r);
    glGenFramebuffers(1, &r->target_fbo);
    glGenRenderbuffers(1, &r->target_color);
    glGenRenderbuffers(1, &r->target_depth);
    r->gl_objects += 3;
    glBindRenderbuffer(GL_RENDERBUFFER, r->target_color);
    glRenderbufferStorage(GL_RENDERBUFFER, GL_RGBA8, w, h);
    glBindFramebuffer(GL_FRAMEBUFFER, r->target_fbo);
    glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER,
                              r->target_color);
    r->target_stencil = attach_depth(r->target_depth, 0, w, h);
    if (glCheckFramebufferStatus(GL_FRAMEBUFFER) != GL_FRAMEBUFFER_COMPLETE) {
        LY_ERROR("RENDER", "offscreen target %dx%d is incomplete", w, h);
        ly_renderer_target_end(r);
        return -1;
    }
    r->target_w = w;
    r->target_h = h;
    return 0;
}

int ly_renderer_target_read(ly_renderer *r, uint8_t *rgba)
{
    if (!r->target_fbo)
        return -1;
    int w = r->target_w, h = r->target_h;
    glBindFramebuffer(GL_READ_FRAMEBUFFER, r->target_fbo);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadPixels(0, 0, w, h, GL_RGBA, GL_UNSIGNED_BYTE, rgba);
    glBindFramebuffer(GL_FRAMEBUFFER, r->target_fbo);
    /* GL's rows run bottom-up; images top-down */
    size_t row = (size_t)w * 4;
    uint8_t *tmp = malloc(row);
    if (!tmp)
        return -1;
    for (int y = 0; y < h / 2; y++) {
        uint8_t *a = rgba + (size_t)y * row, *b = rgba + (size_t)(h - 1 - y) * row;
        memcpy(tmp, a, row);
        memcpy(a, b, row);
        memcpy(b, tmp, row);
    }
    free(tmp);
    return glGetError() == GL_NO_ERROR ? 0 : -1;
}

void ly_renderer_finish(ly_renderer *r)
{
    (void)r;
    ly_gl_finish();
}

bool ly_renderer_time_parts(ly_renderer *r, bool on)
{
    if (on && !ly_gl_has_timer())
        return false;
    if (on && !r->stamps[0]) {
        glGenQueries(LY_PARTS + 1, r->stamps);
        r->gl_objects += LY_PARTS + 1;
    }
    r->timing = on;
    r->stamped = r->presented = false;
    return true;
}

void ly_renderer_mark_presented(ly_renderer *r)
{
    if (r->stamped) {
        stamp(r, LY_PART_PRESENT + 1);
        r->presented = true;
    }
}

bool ly_renderer_part_ms(ly_renderer *r, double ms[LY_PARTS])
{
    if (!r->stamped)
        return false;
    unsigned long long t[LY_PARTS + 1];
    int n = r->presented ? LY_PARTS : LY_PARTS - 1; /* parts timed */
    for (int i = 0; i <= n; i++)
        t[i] = ly_gl_stamp_ns(r->stamps[i]);
    for (int i = 0; i < LY_PARTS; i++)
        ms[i] = i < n && t[i + 1] >= t[i] ? (double)(t[i + 1] - t[i]) / 1e6 : 0.0;
    r->stamped = r->presented = false;
    return true;
}

ly_render_health ly_renderer_health(ly_renderer *r)
{
    (void)r;
    GLenum reset = ly_gl_reset_status();
    if (reset != GL_NO_ERROR) {
        LY_ERROR("RENDER", "the GL context was reset (0x%04x)", reset);
        return LY_RENDER_LOST;
    }
    ly_render_health h = LY_RENDER_OK;
    for (int i = 0; i < 8; i++) { /* errors queue up: drain a few */
        GLenum e = glGetError();
        if (e == GL_NO_ERROR)
            break;
        if (e == LY_GL_CONTEXT_LOST)
            return LY_RENDER_LOST;
        if (e == GL_OUT_OF_MEMORY) {
            LY_ERROR("RENDER", "GL out of memory");
            h = LY_RENDER_FAILING;
        } else {
            LY_WARN("RENDER", "GL error 0x%04x after a frame", e);
        }
    }
    return h;
}
