#include "louyu/font.h"
#include "louyu/file.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

/* Implementations live in libstb.so: no *_IMPLEMENTATION here. */
#include <stb/stb_rect_pack.h>
#include <stb/stb_truetype.h>

enum {
    ATLAS_START = 1024,            /* first atlas is ATLAS_START², one byte a pixel */
    ATLAS_MAX = 4096,              /* grows by doubling both sides up to this, then resets */
    PAD = 1,                       /* empty texels around each glyph: bilinear never bleeds */
    SIZE_BITS = 11,                /* sizes are keyed in half pixels: 1..1024 (0.5..512 px) */
    SIZE_MAX_Q = 1024,             /* 512 px */
    TABLE_START = 256,             /* glyph cache slots, a power of two */
    TABLE_MAX_ENTRIES = 1 << 16,   /* beyond this the cache (and atlas) starts over */
    LINE_MAX_CODEPOINTS = 1 << 16, /* one line; work per call stays bounded */
    KERN_BITS = 10,                /* a direct-mapped cache of 1 << KERN_BITS kerning pairs */
};

/* A font file larger than this is not a UI font (and stb_truetype uses int offsets). */
#define FONT_MAX_BYTES ((size_t)256 << 20)

/* stb_truetype walks GPOS for every pair (about 2/3 of a warm layout's time
 * without this); pairs repeat a lot, so remember the last few. */
typedef struct {
    uint32_t pair; /* left << 16 | right; UINT32_MAX = empty (glyph 65535 cannot exist) */
    int kern;      /* font units */
} kern_slot;

/* One glyph at one size. Metrics are filled when the entry is made; the bitmap
 * goes into the atlas only when a quad needs it (measuring never rasterises). */
typedef struct {
    uint32_t key;   /* glyph index << SIZE_BITS | size in half pixels; 0 = empty slot */
    int xoff, yoff; /* bitmap's top-left from the pen on the baseline, y down */
    int w, h;       /* bitmap size; 0 for blank glyphs (space) */
    int ax, ay;     /* bitmap's top-left in the atlas (inside its padding) */
    bool in_atlas;
    float advance; /* pixels, not rounded: the pen is snapped per glyph, not per advance */
} glyph_entry;

struct ly_font {
    uint8_t *data; /* the font file: mapped, or read whole when it cannot be */
    size_t size;
    bool mapped;
    stbtt_fontinfo info;
    int replacement; /* glyph for missing characters: U+FFFD, else .notdef (a box) */

    uint8_t *pixels;
    stbrp_context packer;
    stbrp_node *nodes; /* one per atlas column, so the packer never runs short */
    ly_font_atlas atlas;

    glyph_entry *slots; /* open addressing, linear probing, power-of-two size */
    size_t nslots, count;

    kern_slot kerns[1 << KERN_BITS];
};

static void set_err(char *err, size_t err_len, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void set_err(char *err, size_t err_len, const char *fmt, ...)
{
    if (!err || !err_len)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, err_len, fmt, ap);
    va_end(ap);
}

/* ---- loading ----------------------------------------------------------- */

static uint32_t be32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* stb_truetype trusts every offset in the file. Checking the table directory
 * catches truncated and non-font files before it reads past the buffer; the
 * tables' insides are still trusted (fonts come from the system, not users). */
static bool table_directory_ok(const uint8_t *d, size_t n, size_t off)
{
    if (off > n || n - off < 12)
        return false;
    uint32_t tag = be32(d + off);
    if (tag != 0x00010000 && tag != 0x4F54544F /* OTTO */ && tag != 0x74727565 /* true */)
        return false;
    size_t ntables = (size_t)d[off + 4] << 8 | d[off + 5];
    if ((n - off - 12) / 16 < ntables)
        return false;
    for (size_t i = 0; i < ntables; i++) {
        const uint8_t *rec = d + off + 12 + 16 * i;
        size_t toff = be32(rec + 8), tlen = be32(rec + 12);
        if (toff > n || tlen > n - toff)
            return false;
    }
    return true;
}

/* The whole file read into memory: where it cannot be mapped. */
static uint8_t *read_whole(int fd, size_t n, const char *path, char *err, size_t err_len)
{
    uint8_t *data = malloc(n);
    if (!data) {
        set_err(err, err_len, "font: %s: out of memory", path);
        return NULL;
    }
    size_t got = 0;
    while (got < n) {
        ssize_t k = read(fd, data + got, n - got);
        if (k > 0)
            got += (size_t)k;
        else if (k == 0 || errno != EINTR)
            break;
    }
    if (got == n)
        return data;
    set_err(err, err_len, "font: %s: short read", path);
    free(data);
    return NULL;
}

/* The font file, mapped read-only where it can be: the kernel then reads only
 * the pages that layout and rasterising touch (the CJK collection is 20 MB, and
 * reading it whole cost 10-30 ms at start-up). A font replaced on disk keeps
 * this mapping as it was (package managers rename a new file over the old);
 * where mapping fails the file is read whole. */
static uint8_t *read_file(const char *path, size_t *size, bool *mapped, char *err,
                          size_t err_len)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        set_err(err, err_len, "font: cannot open %s: %s", path, strerror(errno));
        return NULL;
    }
    struct stat st;
    uint8_t *data = NULL;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        set_err(err, err_len, "font: %s: not a regular file", path);
    } else if (st.st_size < 12 || (uint64_t)st.st_size > FONT_MAX_BYTES) {
        set_err(err, err_len, "font: %s: implausible size for a font file", path);
    } else {
        size_t n = (size_t)st.st_size;
        void *map = mmap(NULL, n, PROT_READ, MAP_PRIVATE, fd, 0);
        *mapped = map != MAP_FAILED;
        data = *mapped ? map : read_whole(fd, n, path, err, err_len);
        if (data)
            *size = n;
    }
    close(fd);
    return data;
}

static void release_file(uint8_t *data, size_t size, bool mapped)
{
    if (mapped)
        munmap(data, size);
    else
        free(data);
}

static void atlas_set_dirty_all(ly_font *f)
{
    f->atlas.dirty_x0 = f->atlas.dirty_y0 = 0;
    f->atlas.dirty_x1 = f->atlas.width;
    f->atlas.dirty_y1 = f->atlas.height;
}

/* The first atlas: an empty square of side ATLAS_START and its packer. */
static bool atlas_init(ly_font *f)
{
    const int dim = ATLAS_START;
    f->pixels = calloc((size_t)dim * dim, 1);
    f->nodes = malloc((size_t)dim * sizeof *f->nodes);
    if (!f->pixels || !f->nodes)
        return false;
    stbrp_init_target(&f->packer, dim, dim, f->nodes, dim);
    f->atlas.width = f->atlas.height = dim;
    f->atlas.pixels = f->pixels;
    return true;
}

ly_font *ly_font_create(const char *path, int face_index, char *err, size_t err_len)
{
    if (err && err_len)
        err[0] = '\0';
    if (!path || !*path) {
        set_err(err, err_len, "font: no font file given");
        return NULL;
    }
    size_t size = 0;
    bool mapped = false;
    uint8_t *data = read_file(path, &size, &mapped, err, err_len);
    if (!data)
        return NULL;

    char why[80] = "";
    int nfaces = stbtt_GetNumberOfFonts(data);
    int off = -1;
    /* A collection's header lists nfaces offsets after its 12 bytes. */
    if (be32(data) == 0x74746366 /* ttcf */ && (size - 12) / 4 < (size_t)(nfaces > 0 ? nfaces : 0))
        nfaces = 0;
    if (nfaces <= 0) {
        snprintf(why, sizeof why, "not a TrueType/OpenType font or collection");
    } else if (face_index < 0 || face_index >= nfaces) {
        snprintf(why, sizeof why, "face %d out of range (the file has %d)", face_index, nfaces);
    } else if ((off = stbtt_GetFontOffsetForIndex(data, face_index)) < 0 ||
               !table_directory_ok(data, size, (size_t)off)) {
        snprintf(why, sizeof why, "face %d is truncated or damaged", face_index);
        off = -1;
    }
    ly_font *f = NULL;
    if (off >= 0) {
        f = calloc(1, sizeof *f);
        if (!f) {
            snprintf(why, sizeof why, "out of memory");
        } else if (!stbtt_InitFont(&f->info, data, off)) {
            snprintf(why, sizeof why, "face %d lacks tables needed to draw text", face_index);
        } else if (!atlas_init(f) ||
                   !(f->slots = calloc(TABLE_START, sizeof *f->slots))) {
            snprintf(why, sizeof why, "out of memory");
        } else {
            f->data = data;
            f->size = size;
            f->mapped = mapped;
            f->nslots = TABLE_START;
            f->replacement = stbtt_FindGlyphIndex(&f->info, 0xFFFD);
            if (f->replacement < 0 || f->replacement >= f->info.numGlyphs)
                f->replacement = 0;
            memset(f->kerns, 0xFF, sizeof f->kerns);
            /* Starts at 1 so a renderer that zero-initialises its copy uploads once. */
            f->atlas.generation = 1;
            return f;
        }
    }
    set_err(err, err_len, "font: %s: %s", path, why);
    if (f) {
        free(f->pixels);
        free(f->nodes);
        free(f->slots);
        free(f);
    }
    release_file(data, size, mapped);
    return NULL;
}

void ly_font_destroy(ly_font *f)
{
    if (!f)
        return;
    release_file(f->data, f->size, f->mapped);
    free(f->pixels);
    free(f->nodes);
    free(f->slots);
    free(f);
}

/* ---- sizes and metrics ------------------------------------------------- */

/* px in half pixels, 0 when there is nothing to draw. Rounding to 0.5 px keeps
 * the cache finite and still rasterises at the size asked for (18 px, and 27 px
 * at 1.5x, are exact); absurd sizes are clamped to 512 px. */
static int quantise(float px)
{
    if (!(px >= 0.25f)) /* also NaN */
        return 0;
    if (px >= SIZE_MAX_Q / 2)
        return SIZE_MAX_Q;
    return (int)lroundf(px * 2.0f);
}

/* px is the em size (as in CSS font-size and FreeType's pixel sizes), so a CJK
 * ideograph advances by about px. stbtt_ScaleForPixelHeight would instead fit
 * ascent-descent into px: for Noto Sans CJK (hhea 1160/-288 per 1000 em) that
 * draws text 31 % smaller than asked, and by a different factor per font. */
static float scale_for(const ly_font *f, int q)
{
    return stbtt_ScaleForMappingEmToPixels(&f->info, (float)q * 0.5f);
}

ly_font_metrics ly_font_get_metrics(const ly_font *f, float px)
{
    ly_font_metrics m = {0};
    int q = f ? quantise(px) : 0;
    if (!q)
        return m;
    int ascent, descent, gap;
    stbtt_GetFontVMetrics(&f->info, &ascent, &descent, &gap);
    float s = scale_for(f, q);
    m.ascent = (float)ascent * s;
    m.descent = (float)descent * s;
    m.line_gap = (float)gap * s;
    return m;
}

/* ---- glyph cache -------------------------------------------------------- */

static size_t slot_of(const ly_font *f, uint32_t key)
{
    /* Fibonacci hashing; its well-mixed high half is folded into the bits the mask keeps. */
    uint32_t h = key * 2654435769u;
    return (size_t)(h ^ h >> 16) & (f->nslots - 1);
}

static glyph_entry *lookup(ly_font *f, uint32_t key)
{
    for (size_t i = slot_of(f, key);; i = (i + 1) & (f->nslots - 1)) {
        if (f->slots[i].key == key)
            return &f->slots[i];
        if (f->slots[i].key == 0)
            return NULL;
    }
}

/* The empty slot where `key` (not present) goes. */
static size_t free_slot(const ly_font *f, uint32_t key)
{
    size_t i = slot_of(f, key);
    while (f->slots[i].key)
        i = (i + 1) & (f->nslots - 1);
    return i;
}

static void table_clear(ly_font *f)
{
    memset(f->slots, 0, f->nslots * sizeof *f->slots);
    f->count = 0;
}

/* Inserts e (its key not yet present); NULL if the table is full or cannot grow. */
static glyph_entry *insert(ly_font *f, const glyph_entry *e)
{
    if (f->count >= TABLE_MAX_ENTRIES)
        return NULL;
    /* Keep the load at most 1/2, so probes stay short. */
    if (2 * (f->count + 1) > f->nslots) {
        size_t oldn = f->nslots;
        glyph_entry *old = f->slots, *slots = calloc(oldn * 2, sizeof *slots);
        if (!slots)
            return NULL;
        f->slots = slots;
        f->nslots = oldn * 2;
        for (size_t i = 0; i < oldn; i++)
            if (old[i].key)
                f->slots[free_slot(f, old[i].key)] = old[i];
        free(old);
    }
    size_t i = free_slot(f, e->key);
    f->slots[i] = *e;
    f->count++;
    return &f->slots[i];
}

/* ---- atlas -------------------------------------------------------------- */

static void dirty_add(ly_font *f, int x0, int y0, int x1, int y1)
{
    ly_font_atlas *a = &f->atlas;
    if (a->dirty_x0 >= a->dirty_x1 || a->dirty_y0 >= a->dirty_y1) {
        a->dirty_x0 = x0;
        a->dirty_y0 = y0;
        a->dirty_x1 = x1;
        a->dirty_y1 = y1;
        return;
    }
    a->dirty_x0 = x0 < a->dirty_x0 ? x0 : a->dirty_x0;
    a->dirty_y0 = y0 < a->dirty_y0 ? y0 : a->dirty_y0;
    a->dirty_x1 = x1 > a->dirty_x1 ? x1 : a->dirty_x1;
    a->dirty_y1 = y1 > a->dirty_y1 ? y1 : a->dirty_y1;
}

/* Starts over at the current size: empty pixels, packer and cache. */
static void atlas_reset(ly_font *f)
{
    int dim = f->atlas.width;
    memset(f->pixels, 0, (size_t)dim * dim);
    stbrp_init_target(&f->packer, dim, dim, f->nodes, dim);
    table_clear(f);
    atlas_set_dirty_all(f);
    f->atlas.generation++;
}

/* Doubles both sides, re-packing the glyphs already there tallest first (which
 * packs tighter than the order they came in) and copying their bitmaps. Every
 * UV changes with the size anyway; the new generation tells the renderer. */
static bool atlas_grow(ly_font *f)
{
    int oldw = f->atlas.width;
    if (oldw >= ATLAS_MAX)
        return false;
    int dim = oldw * 2;
    size_t n = 0;
    for (size_t i = 0; i < f->nslots; i++)
        n += f->slots[i].key && f->slots[i].in_atlas;
    uint8_t *px = calloc((size_t)dim * dim, 1);
    stbrp_node *nodes = malloc((size_t)dim * sizeof *nodes);
    stbrp_rect *rects = malloc((n ? n : 1) * sizeof *rects);
    if (!px || !nodes || !rects) {
        free(px);
        free(nodes);
        free(rects);
        return false;
    }
    size_t k = 0;
    for (size_t i = 0; i < f->nslots; i++) {
        const glyph_entry *e = &f->slots[i];
        if (e->key && e->in_atlas)
            rects[k++] = (stbrp_rect){.id = (int)i, .w = e->w + 2 * PAD, .h = e->h + 2 * PAD};
    }
    /* The context points into itself: initialise it in place, never copy it. */
    stbrp_init_target(&f->packer, dim, dim, nodes, dim);
    stbrp_pack_rects(&f->packer, rects, (int)n);
    for (size_t j = 0; j < n; j++) {
        glyph_entry *e = &f->slots[rects[j].id];
        /* Four times the area holds them all in practice; if not, the glyph
         * is simply rasterised again when next needed. */
        if (!rects[j].was_packed) {
            e->in_atlas = false;
            continue;
        }
        int x = rects[j].x + PAD, y = rects[j].y + PAD;
        for (int r = 0; r < e->h; r++)
            memcpy(px + (size_t)(y + r) * dim + x, f->pixels + (size_t)(e->ay + r) * oldw + e->ax,
                   (size_t)e->w);
        e->ax = x;
        e->ay = y;
    }
    free(rects);
    free(f->pixels);
    free(f->nodes);
    f->pixels = px;
    f->nodes = nodes;
    f->atlas.pixels = px;
    f->atlas.width = f->atlas.height = dim;
    atlas_set_dirty_all(f);
    f->atlas.generation++;
    return true;
}

/* Room for a w×h bitmap plus its padding; false when the atlas is full. */
static bool pack_one(ly_font *f, int w, int h, int *x, int *y)
{
    stbrp_rect r = {.w = w + 2 * PAD, .h = h + 2 * PAD};
    if (!stbrp_pack_rects(&f->packer, &r, 1) || !r.was_packed)
        return false;
    *x = r.x + PAD;
    *y = r.y + PAD;
    return true;
}

static glyph_entry make_entry(const ly_font *f, int g, uint32_t key, float scale)
{
    glyph_entry e = {.key = key};
    int adv, lsb, x0, y0, x1, y1;
    stbtt_GetGlyphHMetrics(&f->info, g, &adv, &lsb);
    e.advance = (float)adv * scale;
    stbtt_GetGlyphBitmapBox(&f->info, g, scale, scale, &x0, &y0, &x1, &y1);
    if (x1 > x0 && y1 > y0) {
        e.xoff = x0;
        e.yoff = y0;
        e.w = x1 - x0;
        e.h = y1 - y0;
    }
    return e;
}

/* The cache entry of glyph g at size q, made on first use and returned as a
 * copy (slots move when the table grows). With `raster` its bitmap is put in
 * the atlas too, which may grow the atlas or, at its largest, start it over
 * (both change the generation) -- unless `frozen`: then a glyph that does not
 * fit stays without a bitmap. */
static glyph_entry fetch(ly_font *f, int g, int q, float scale, bool raster, bool frozen)
{
    uint32_t key = (uint32_t)g << SIZE_BITS | (uint32_t)q;
    glyph_entry *slot = lookup(f, key);
    glyph_entry e;
    if (slot) {
        e = *slot;
    } else {
        e = make_entry(f, g, key, scale);
        slot = insert(f, &e);
        if (!slot && raster && !frozen) {
            atlas_reset(f);
            slot = insert(f, &e);
        }
    }
    if (!raster || !slot || e.in_atlas || e.w == 0)
        return e;
    if (e.w + 2 * PAD > ATLAS_MAX || e.h + 2 * PAD > ATLAS_MAX)
        return e;
    int x, y;
    bool was_reset = false;
    while (!pack_one(f, e.w, e.h, &x, &y)) {
        /* Growing keeps `slot` (it moves bitmaps, not entries); a reset empties
         * the table, so the entry goes back in. A second full atlas means the
         * glyph cannot fit at this size (an allocation failed). */
        if (frozen || was_reset)
            return e;
        if (!atlas_grow(f)) {
            atlas_reset(f);
            was_reset = true;
            if (!(slot = insert(f, &e)))
                return e;
        }
    }
    int stride = f->atlas.width;
    stbtt_MakeGlyphBitmap(&f->info, f->pixels + (size_t)y * stride + x, e.w, e.h, stride, scale,
                          scale, g);
    dirty_add(f, x - PAD, y - PAD, x + e.w + PAD, y + e.h + PAD);
    e.ax = x;
    e.ay = y;
    e.in_atlas = true;
    *slot = e;
    return e;
}

static int kern(ly_font *f, int left, int right)
{
    uint32_t pair = (uint32_t)left << 16 | (uint32_t)right;
    kern_slot *k = &f->kerns[(pair * 2654435769u) >> (32 - KERN_BITS)];
    if (k->pair != pair) {
        k->pair = pair;
        k->kern = stbtt_GetGlyphKernAdvance(&f->info, left, right);
    }
    return k->kern;
}

/* ---- layout ------------------------------------------------------------- */

/* Decodes the code point at *ps (not at the terminator) and steps past it.
 * Invalid and truncated sequences give one U+FFFD per maximal subpart, as
 * Unicode recommends; a continuation byte is checked before it is consumed,
 * so the terminator is never passed. */
static uint32_t next_codepoint(const unsigned char **ps)
{
    const unsigned char *s = *ps;
    unsigned c = *s++;
    uint32_t cp;
    int need;
    unsigned lo = 0x80, hi = 0xBF;
    if (c < 0x80) {
        *ps = s;
        return c;
    } else if (c >= 0xC2 && c <= 0xDF) {
        need = 1;
        cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
        need = 2;
        cp = c & 0x0F;
        /* No overlong forms, no UTF-16 surrogates. */
        lo = c == 0xE0 ? 0xA0 : 0x80;
        hi = c == 0xED ? 0x9F : 0xBF;
    } else if (c >= 0xF0 && c <= 0xF4) {
        need = 3;
        cp = c & 0x07;
        /* No overlong forms, nothing beyond U+10FFFF. */
        lo = c == 0xF0 ? 0x90 : 0x80;
        hi = c == 0xF4 ? 0x8F : 0xBF;
    } else {
        *ps = s;
        return 0xFFFD;
    }
    for (int i = 0; i < need; i++, lo = 0x80, hi = 0xBF) {
        if (*s < lo || *s > hi) {
            *ps = s;
            return 0xFFFD;
        }
        cp = cp << 6 | (*s++ & 0x3Fu);
    }
    *ps = s;
    return cp;
}

/* One pass over the line: the pen logic shared by layout and measure. Quads
 * go to out[0..cap); glyphs past cap are counted but not rasterised. */
static size_t run_line(ly_font *f, const char *utf8, int q, float x, float y, ly_glyph_quad *out,
                       size_t cap, bool frozen, float *advance)
{
    const float scale = scale_for(f, q);
    /* Whole-pixel origins: each bitmap is rasterised at a whole-pixel offset,
     * so its texels land exactly on screen pixels. */
    const float base = floorf(y + 0.5f);
    const float inv_w = 1.0f / (float)f->atlas.width, inv_h = 1.0f / (float)f->atlas.height;
    const unsigned char *s = (const unsigned char *)utf8;
    float pen = 0.0f;
    int prev = -1;
    size_t n = 0;
    for (size_t k = 0; *s && k < LINE_MAX_CODEPOINTS; k++) {
        uint32_t cp = next_codepoint(&s);
        /* On a one-line label a line break or a tab is a space (a name written on two
         * lines stays two words); other controls, and the invisible format characters
         * (zero-width space and joiners, direction marks, the byte order mark, a soft
         * hyphen), take no room: they are not drawn as the font's missing-glyph box. */
        if (cp == '\n' || cp == '\t' || cp == '\r' || cp == 0x2028 || cp == 0x2029)
            cp = ' ';
        else if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0) || cp == 0xAD || cp == 0x61C ||
                 (cp >= 0x200B && cp <= 0x200F) || (cp >= 0x2060 && cp <= 0x2064) ||
                 cp == 0xFEFF)
            continue;
        int g = stbtt_FindGlyphIndex(&f->info, (int)cp);
        /* A damaged cmap may name glyphs the font lacks (and keys hold 16 bits). */
        if (g <= 0 || g >= f->info.numGlyphs)
            g = f->replacement;
        if (prev >= 0)
            pen += scale * (float)kern(f, prev, g);
        prev = g;
        bool want_quad = out && n < cap;
        glyph_entry e = fetch(f, g, q, scale, want_quad, frozen);
        if (e.w > 0 && want_quad && e.in_atlas) {
            ly_glyph_quad *o = &out[n++];
            o->x0 = floorf(x + pen + 0.5f) + (float)e.xoff;
            o->y0 = base + (float)e.yoff;
            o->x1 = o->x0 + (float)e.w;
            o->y1 = o->y0 + (float)e.h;
            o->u0 = (float)e.ax * inv_w;
            o->v0 = (float)e.ay * inv_h;
            o->u1 = (float)(e.ax + e.w) * inv_w;
            o->v1 = (float)(e.ay + e.h) * inv_h;
        } else if (e.w > 0 && !want_quad) {
            n++;
        }
        pen += e.advance;
    }
    *advance = pen;
    return n;
}

size_t ly_font_layout(ly_font *f, const char *utf8, float px, float x, float y,
                      ly_glyph_quad *out, size_t cap, float *advance)
{
    float adv = 0.0f;
    size_t n = 0;
    int q = f && utf8 ? quantise(px) : 0;
    if (!out)
        cap = 0;
    /* Growing or resetting the atlas mid-pass moves the glyphs placed before:
     * lay the line out again (they are cached by then). The last pass may not
     * move anything, so its quads are always valid. */
    for (int pass = 0; q && pass < 3; pass++) {
        unsigned gen = f->atlas.generation;
        n = run_line(f, utf8, q, x, y, out, cap, pass == 2, &adv);
        if (f->atlas.generation == gen)
            break;
    }
    if (advance)
        *advance = adv;
    return n;
}

float ly_font_measure(ly_font *f, const char *utf8, float px)
{
    float adv = 0.0f;
    int q = f && utf8 ? quantise(px) : 0;
    if (q)
        run_line(f, utf8, q, 0.0f, 0.0f, NULL, 0, true, &adv);
    return adv;
}

const ly_font_atlas *ly_font_get_atlas(const ly_font *f)
{
    return f ? &f->atlas : NULL;
}

void ly_font_atlas_clean(ly_font *f)
{
    if (!f)
        return;
    f->atlas.dirty_x0 = f->atlas.dirty_y0 = f->atlas.dirty_x1 = f->atlas.dirty_y1 = 0;
}

int ly_font_replace(ly_font *f, const char *path, int face_index, char *err, size_t err_len)
{
    ly_font *g = ly_font_create(path, face_index, err, err_len);
    if (!g)
        return -1;
    release_file(f->data, f->size, f->mapped);
    f->data = g->data;
    f->size = g->size;
    f->mapped = g->mapped;
    f->info = g->info; /* (it points into the data, which moves with it) */
    f->replacement = g->replacement;
    memset(f->kerns, 0xFF, sizeof f->kerns);
    atlas_reset(f); /* every glyph drawn again from the new face */
    free(g->pixels);
    free(g->nodes);
    free(g->slots);
    free(g);
    return 0;
}
