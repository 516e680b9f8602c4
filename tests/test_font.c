/* Font: fontconfig lookup and its remembered answer, loading errors, CJK and Latin layout, UTF-8
 * repair, the atlas's dirty rectangle, cache hits, growth and reset. Needs a
 * font covering Chinese (fonts-noto-cjk, installed by scripts/setup.sh). */
#include "check.h"
#include "louyu/font.h"

#include <fcntl.h>
#include <fontconfig/fontconfig.h>
#include <stdint.h>
#include <sys/stat.h>
#include <unistd.h>

enum { MAXQ = 64 };

static bool is_whole(float v)
{
    return v == floorf(v);
}

/* Sum of the atlas pixels under a quad's UV rectangle. */
static long coverage(const ly_font_atlas *a, const ly_glyph_quad *q)
{
    int x0 = (int)lroundf(q->u0 * (float)a->width), x1 = (int)lroundf(q->u1 * (float)a->width);
    int y0 = (int)lroundf(q->v0 * (float)a->height), y1 = (int)lroundf(q->v1 * (float)a->height);
    long sum = 0;
    for (int y = y0; y < y1; y++)
        for (int x = x0; x < x1; x++)
            sum += a->pixels[(size_t)y * (size_t)a->width + (size_t)x];
    return sum;
}

/* A quad is drawable: on whole pixels, its UV rectangle inside the atlas, one
 * texel per pixel, and something drawn there. */
static bool quad_ok(const ly_font_atlas *a, const ly_glyph_quad *q)
{
    float tw = (q->u1 - q->u0) * (float)a->width, th = (q->v1 - q->v0) * (float)a->height;
    return is_whole(q->x0) && is_whole(q->y0) && is_whole(q->x1) && is_whole(q->y1) &&
           q->u0 >= 0 && q->v0 >= 0 && q->u1 <= 1 && q->v1 <= 1 && q->u0 < q->u1 &&
           q->v0 < q->v1 && fabsf(tw - (q->x1 - q->x0)) < 1e-3f &&
           fabsf(th - (q->y1 - q->y0)) < 1e-3f && coverage(a, q) > 0;
}

static bool all_ok(const ly_font *f, const ly_glyph_quad *q, size_t n)
{
    const ly_font_atlas *a = ly_font_get_atlas(f);
    for (size_t i = 0; i < n; i++)
        if (!quad_ok(a, &q[i]))
            return false;
    return true;
}

static bool dirty_empty(const ly_font_atlas *a)
{
    return a->dirty_x0 >= a->dirty_x1 || a->dirty_y0 >= a->dirty_y1;
}

static bool dirty_covers(const ly_font_atlas *a, const ly_glyph_quad *q)
{
    return !dirty_empty(a) && q->u0 * (float)a->width >= (float)a->dirty_x0 &&
           q->u1 * (float)a->width <= (float)a->dirty_x1 &&
           q->v0 * (float)a->height >= (float)a->dirty_y0 &&
           q->v1 * (float)a->height <= (float)a->dirty_y1;
}

static bool contains(const char *s, const char *part)
{
    return s && strstr(s, part) != NULL;
}

static void test_find(const char *path, int index)
{
    char small[4];
    int i2 = -1;
    CHECK(!ly_font_find("zh-cn", small, sizeof small, &i2));
    CHECK(!ly_font_find("zh-cn", NULL, 0, &i2));
    char other[1024];
    CHECK(ly_font_find(NULL, other, sizeof other, &i2)); /* zh-cn by default */
    CHECK_STR(other, path);
    CHECK_INT(i2, index);
}

static void test_errors(const char *path, int index)
{
    char err[256];
    CHECK(ly_font_create("/nonexistent/louyu/font.ttf", 0, err, sizeof err) == NULL);
    CHECK(contains(err, "/nonexistent/louyu/font.ttf"));
    CHECK(ly_font_create(LY_SOURCE_DIR "/tests", 0, err, sizeof err) == NULL);
    CHECK(contains(err, "not a regular file"));
    CHECK(ly_font_create(LY_SOURCE_DIR "/tests/check.h", 0, err, sizeof err) == NULL);
    CHECK(contains(err, "not a TrueType"));
    CHECK(ly_font_create(path, 99, err, sizeof err) == NULL);
    CHECK(contains(err, "out of range"));
    CHECK(ly_font_create(path, -1, err, sizeof err) == NULL);
    CHECK(ly_font_create(NULL, 0, err, sizeof err) == NULL);
    CHECK(err[0] != '\0');
    CHECK(ly_font_create(path, 99, NULL, 0) == NULL); /* no error buffer: still fine */

    /* The first 64 KiB of the real font: the directory names tables past the end. */
    size_t len = 0;
    char *data = check_read_file(path, &len);
    char tmp[] = "/tmp/louyu-font-XXXXXX";
    int fd = mkstemp(tmp);
    CHECK(data && fd >= 0);
    if (data && fd >= 0) {
        size_t cut = len < 65536 ? len / 2 : 65536;
        CHECK(write(fd, data, cut) == (ssize_t)cut);
        CHECK(ly_font_create(tmp, index, err, sizeof err) == NULL);
        CHECK(contains(err, "truncated"));
    }
    if (fd >= 0) {
        close(fd);
        unlink(tmp);
    }
    free(data);
    ly_font_destroy(NULL);
}

/* ---- the remembered match ---------------------------------------------- */

/* Rewrites the memo (one line of tab-separated fields: tag, lang, face, size,
 * mtime, stamp, path) to name `file`, with that file's own size and mtime. */
static bool memo_point_to(const char *memo, const char *file)
{
    size_t len = 0;
    char *line = check_read_file(memo, &len);
    struct stat st;
    if (!line || stat(file, &st) != 0) {
        free(line);
        return false;
    }
    char *field[7], *p = line;
    int k = 0;
    for (; k < 7 && p; k++) {
        field[k] = p;
        p = strchr(p, k < 6 ? '\t' : '\n');
        if (p)
            *p++ = '\0';
    }
    FILE *fp = k == 7 ? fopen(memo, "w") : NULL;
    if (fp) {
        fprintf(fp, "%s\t%s\t%s\t%lld\t%lld.%09ld\t%s\t%s\n", field[0], field[1], field[2],
                (long long)st.st_size, (long long)st.st_mtim.tv_sec, (long)st.st_mtim.tv_nsec,
                field[5], file);
        fclose(fp);
    }
    free(line);
    return fp != NULL;
}

static bool write_text(const char *path, const char *text, size_t len)
{
    FILE *fp = fopen(path, "wb");
    bool ok = fp && fwrite(text, 1, len, fp) == len;
    return fp && fclose(fp) == 0 && ok;
}

static void test_memo(const char *path, int index)
{
    char dir[] = "/tmp/louyu-memo-XXXXXX", memo[128], copy[128], got[1024];
    CHECK(mkdtemp(dir) != NULL);
    snprintf(memo, sizeof memo, "%s/louyu/font-match", dir); /* its folder made on the way */
    snprintf(copy, sizeof copy, "%s/copy.ttc", dir);
    int face = -1;
    bool rem = true;
    /* no memo yet: fontconfig answers, and the answer is remembered */
    CHECK(ly_font_find_remembered("zh-cn", memo, got, sizeof got, &face, &rem));
    CHECK(!rem);
    CHECK_STR(got, path);
    CHECK_INT(face, index);
    CHECK(access(memo, R_OK) == 0);
    face = -1;
    CHECK(ly_font_find_remembered(NULL, memo, got, sizeof got, &face, &rem)); /* zh-cn */
    CHECK(rem);
    CHECK_STR(got, path);
    CHECK_INT(face, index);
    /* a memo naming another file (one fontconfig would never answer) is believed
     * while that file is as remembered ... */
    size_t len = 0;
    char *font = check_read_file(path, &len);
    CHECK(font && write_text(copy, font, len));
    free(font);
    CHECK(memo_point_to(memo, copy));
    CHECK(ly_font_find_remembered("zh-cn", memo, got, sizeof got, &face, &rem));
    CHECK(rem);
    CHECK_STR(got, copy);
    CHECK_INT(face, index);
    /* ... not once it has changed: fontconfig again, and the memo is mended */
    struct timespec when[2] = {{0, UTIME_OMIT}, {1000000000, 0}};
    CHECK(utimensat(AT_FDCWD, copy, when, 0) == 0);
    CHECK(ly_font_find_remembered("zh-cn", memo, got, sizeof got, &face, &rem));
    CHECK(!rem);
    CHECK_STR(got, path);
    CHECK(ly_font_find_remembered("zh-cn", memo, got, sizeof got, &face, &rem) && rem);
    CHECK_STR(got, path);
    /* ... nor once it is gone */
    CHECK(memo_point_to(memo, copy));
    CHECK(ly_font_find_remembered("zh-cn", memo, got, sizeof got, &face, &rem) && rem);
    CHECK_STR(got, copy);
    CHECK(unlink(copy) == 0);
    CHECK(ly_font_find_remembered("zh-cn", memo, got, sizeof got, &face, &rem));
    CHECK(!rem);
    CHECK_STR(got, path);
    CHECK_INT(face, index);
    /* another language's question is not this memo's answer */
    CHECK(ly_font_find_remembered("zh-tw", memo, got, sizeof got, &face, &rem));
    CHECK(!rem);
    /* a damaged memo, or one that cannot be written, only costs fontconfig's time */
    static const char junk[] = "louyu-font 1\tzh-cn\t2\n\t\t\t\n";
    CHECK(write_text(memo, junk, sizeof junk - 1));
    CHECK(ly_font_find_remembered("zh-cn", memo, got, sizeof got, &face, &rem) && !rem);
    CHECK_STR(got, path);
    CHECK(ly_font_find_remembered("zh-cn", "/proc/louyu/font-match", got, sizeof got, &face,
                                  &rem));
    CHECK(!rem);
    CHECK_STR(got, path);
    char small[4];
    CHECK(!ly_font_find_remembered("zh-cn", memo, small, sizeof small, &face, NULL));
    unlink(memo);
    snprintf(memo, sizeof memo, "%s/louyu", dir);
    rmdir(memo);
    rmdir(dir);
}

static void test_chinese(ly_font *f)
{
    const float px = 24;
    ly_glyph_quad q[MAXQ];
    float adv = -1;
    /* Six ideographs and a space: six quads, left to right on the baseline. */
    size_t n = ly_font_layout(f, "湛山街道 楼宇", px, 10, 100, q, MAXQ, &adv);
    CHECK_INT(n, 6);
    CHECK(all_ok(f, q, n));
    for (size_t i = 1; i < n; i++)
        CHECK(q[i].x0 > q[i - 1].x0);
    ly_font_metrics m = ly_font_get_metrics(f, px);
    for (size_t i = 0; i < n; i++) {
        CHECK(q[i].y0 < 100 && q[i].y1 > 100 - 0.2f * px);
        CHECK(q[i].y0 >= 100 - m.ascent - 1 && q[i].y1 <= 100 - m.descent + 1);
        CHECK(q[i].x1 - q[i].x0 <= px * 1.1f && q[i].y1 - q[i].y0 <= px * 1.1f);
    }
    /* An ideograph advances by about its size. */
    const char *singles[] = {"湛", "山", "街", "道", "楼", "宇"};
    float sum = 0;
    for (size_t i = 0; i < 6; i++) {
        float a = -1;
        CHECK_INT(ly_font_layout(f, singles[i], px, 0, 0, q, MAXQ, &a), 1);
        CHECK_NEAR(a, px, 0.1 * px);
        sum += a;
    }
    float space = ly_font_measure(f, " ", px);
    CHECK(space > 0 && space < px);
    CHECK_INT(ly_font_layout(f, " ", px, 0, 0, q, MAXQ, NULL), 0);
    CHECK_NEAR(adv, sum + space, 0.5);
    CHECK_NEAR(ly_font_measure(f, "湛山街道 楼宇", px), adv, 1e-4);

    CHECK(m.ascent > 0 && m.descent < 0 && m.line_gap >= 0);
    CHECK(m.ascent - m.descent >= px);
    ly_font_metrics m2 = ly_font_get_metrics(f, 2 * px);
    CHECK_NEAR(m2.ascent, 2 * m.ascent, 1e-3);
    CHECK_NEAR(m2.descent, 2 * m.descent, 1e-3);
}

static void test_latin(ly_font *f)
{
    ly_glyph_quad q[MAXQ];
    float adv = -1;
    /* Fractional origins still give whole-pixel quads. */
    size_t n = ly_font_layout(f, "Zhanshan 123", 18, 3.3f, 50.7f, q, MAXQ, &adv);
    CHECK_INT(n, 11);
    CHECK(all_ok(f, q, n));
    CHECK(adv > 0);
    CHECK_NEAR(ly_font_measure(f, "Zhanshan 123", 18), adv, 1e-4);
    /* The pen does not depend on where the line starts. */
    float adv2 = -1;
    ly_font_layout(f, "Zhanshan 123", 18, 1000.5f, 0, q, MAXQ, &adv2);
    CHECK_NEAR(adv2, adv, 1e-4);

    /* 1x and 2x: twice the width, rasterised at each size. */
    const char *s = "Zhanshan 湛山 123";
    float w16 = ly_font_measure(f, s, 16), w32 = ly_font_measure(f, s, 32);
    CHECK_NEAR(w32 / w16, 2.0, 0.02);
    ly_glyph_quad q16[MAXQ], q32[MAXQ];
    size_t n16 = ly_font_layout(f, s, 16, 0, 0, q16, MAXQ, NULL);
    size_t n32 = ly_font_layout(f, s, 32, 0, 0, q32, MAXQ, NULL);
    CHECK_INT(n16, n32);
    CHECK(all_ok(f, q16, n16) && all_ok(f, q32, n32));
    /* 湛 (the ninth glyph drawn): its bitmap about doubles. */
    CHECK_NEAR((q32[8].x1 - q32[8].x0) / (q16[8].x1 - q16[8].x0), 2.0, 0.25);
}

static void test_utf8(ly_font *f)
{
    /* Each bad string measures as its repaired form: one U+FFFD per maximal
     * subpart (Unicode's recommended practice). */
    static const struct {
        const char *bad, *good;
    } cases[] = {
        {"\xC3\x28", "\xEF\xBF\xBD("},               /* lead byte, then not a continuation */
        {"ab\xE6\xB9", "ab\xEF\xBF\xBD"},            /* 湛 cut short at the end */
        {"ab\xF0\x9F", "ab\xEF\xBF\xBD"},            /* four-byte sequence cut short */
        {"\x80\x80x", "\xEF\xBF\xBD\xEF\xBF\xBDx"},  /* lone continuations */
        {"\xC0\xAF", "\xEF\xBF\xBD\xEF\xBF\xBD"},    /* overlong '/' */
        {"\xED\xA0\x80", "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"}, /* a UTF-16 surrogate */
        {"\xF4\x90\x80\x80", "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"}, /* > U+10FFFF */
        {"\xFF", "\xEF\xBF\xBD"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ly_glyph_quad qb[MAXQ], qg[MAXQ];
        float ab = -1, ag = -2;
        size_t nb = ly_font_layout(f, cases[i].bad, 20, 0, 0, qb, MAXQ, &ab);
        size_t ng = ly_font_layout(f, cases[i].good, 20, 0, 0, qg, MAXQ, &ag);
        CHECK_INT(nb, ng);
        CHECK(nb > 0 && ab > 0);
        CHECK_NEAR(ab, ag, 1e-4);
        CHECK(nb == ng && memcmp(qb, qg, nb * sizeof qb[0]) == 0);
    }
    /* Exactly sized buffers, so ASan sees any read past the terminator. */
    char *cut = malloc(2);
    memcpy(cut, "\xE6", 2);
    CHECK_NEAR(ly_font_measure(f, cut, 20), ly_font_measure(f, "\xEF\xBF\xBD", 20), 1e-4);
    free(cut);
    char *cut4 = malloc(4);
    memcpy(cut4, "\xF0\x9F\x98", 4);
    ly_glyph_quad q[4];
    CHECK_INT(ly_font_layout(f, cut4, 20, 0, 0, q, 4, NULL), 1);
    free(cut4);
}

static void test_robust(ly_font *f)
{
    ly_glyph_quad q[MAXQ];
    float adv = -1;
    CHECK_INT(ly_font_layout(f, NULL, 20, 0, 0, q, MAXQ, &adv), 0);
    CHECK_NEAR(adv, 0, 0);
    CHECK_INT(ly_font_layout(f, "", 20, 0, 0, q, MAXQ, &adv), 0);
    CHECK_INT(ly_font_layout(NULL, "a", 20, 0, 0, q, MAXQ, &adv), 0);
    CHECK_INT(ly_font_layout(f, "a", 0, 0, 0, q, MAXQ, &adv), 0);
    CHECK_INT(ly_font_layout(f, "a", -5, 0, 0, q, MAXQ, &adv), 0);
    CHECK_INT(ly_font_layout(f, "a", NAN, 0, 0, q, MAXQ, &adv), 0);
    CHECK_NEAR(ly_font_measure(NULL, "a", 20), 0, 0);
    CHECK_NEAR(ly_font_measure(f, NULL, 20), 0, 0);
    CHECK_NEAR(ly_font_measure(f, "a", -1), 0, 0);
    ly_font_metrics m = ly_font_get_metrics(f, 0);
    CHECK(m.ascent == 0 && m.descent == 0);
    CHECK(ly_font_get_atlas(NULL) == NULL);
    ly_font_atlas_clean(NULL);
    /* Controls take no room; no output array just counts. */
    CHECK_INT(ly_font_layout(f, "\x01\x7F", 20, 0, 0, q, MAXQ, &adv), 0);
    CHECK_NEAR(adv, 0, 0);
    /* a line break or a tab in a one-line label is a space; the invisible format
     * characters (zero-width space, a direction mark, the BOM) are not drawn at all */
    CHECK_NEAR(ly_font_measure(f, "A\nB", 20), ly_font_measure(f, "A B", 20), 1e-3);
    CHECK_NEAR(ly_font_measure(f, "A\tB", 20), ly_font_measure(f, "A B", 20), 1e-3);
    CHECK_INT(ly_font_layout(f, "A\xE2\x80\x8B\xE2\x80\x8F\xEF\xBB\xBF" "B", 20, 0, 0, q,
                             MAXQ, &adv), 2);
    CHECK_NEAR(adv, ly_font_measure(f, "AB", 20), 1e-3);
    CHECK_INT(ly_font_layout(f, "湛山", 20, 0, 0, NULL, 5, NULL), 2);

    /* Absurd sizes are clamped to 512 px. */
    float big = -1;
    CHECK_INT(ly_font_layout(f, "楼", 1e9f, 0, 0, q, MAXQ, &big), 1);
    CHECK_NEAR(big, 512, 0.1 * 512);
    CHECK_NEAR(ly_font_measure(f, "楼", 600), big, 1e-3);
    CHECK(all_ok(f, q, 1));

    /* cap: the full count comes back, nothing is written past cap. */
    ly_glyph_quad few[3];
    memset(few, 0x5A, sizeof few);
    CHECK_INT(ly_font_layout(f, "湛山街道 楼宇", 20, 0, 0, few, 2, NULL), 6);
    CHECK(all_ok(f, few, 2));
    unsigned char canary[sizeof few[2]];
    memset(canary, 0x5A, sizeof canary);
    CHECK(memcmp(&few[2], canary, sizeof canary) == 0);

    /* A huge line: bounded work, a bounded count, no overflow. */
    size_t len = (size_t)4 << 20;
    char *huge = malloc(len + 1);
    memset(huge, 'a', len);
    huge[len] = '\0';
    size_t n = ly_font_layout(f, huge, 12, 0, 0, q, 8, &adv);
    CHECK(n >= 8 && n <= len);
    CHECK(all_ok(f, q, 8));
    CHECK(isfinite(adv) && adv > 0);
    free(huge);
}

static void test_dirty_and_cache(ly_font *f)
{
    const ly_font_atlas *a = ly_font_get_atlas(f);
    ly_glyph_quad q[MAXQ], again[MAXQ];
    ly_font_atlas_clean(f);
    CHECK(dirty_empty(a));
    /* Glyphs not seen at this size: the dirty rectangle covers each. */
    size_t n = ly_font_layout(f, "青岛世贸中心", 37, 0, 0, q, MAXQ, NULL);
    CHECK_INT(n, 6);
    CHECK(!dirty_empty(a));
    for (size_t i = 0; i < n; i++)
        CHECK(dirty_covers(a, &q[i]));
    ly_font_atlas_clean(f);
    CHECK(dirty_empty(a));
    /* The same text again: all cache hits, nothing written, same quads. */
    unsigned gen = a->generation;
    CHECK_INT(ly_font_layout(f, "青岛世贸中心", 37, 0, 0, again, MAXQ, NULL), n);
    CHECK(dirty_empty(a));
    CHECK_INT(a->generation, gen);
    CHECK(memcmp(q, again, n * sizeof q[0]) == 0);
    /* Measuring never rasterises. */
    ly_font_measure(f, "从未见过的字", 37);
    CHECK(dirty_empty(a));
}

/* Fills the atlas with distinct ideographs at a large size until it has grown
 * to its largest and started over; every call's quads stay drawable, and
 * glyphs placed before a growth survive it (cache hits, same pixels). */
static void test_growth_and_reset(ly_font *f)
{
    const ly_font_atlas *a = ly_font_get_atlas(f);
    const float px = 150;
    ly_glyph_quad keep[8];
    size_t nkeep = ly_font_layout(f, "湛山街道", 24, 0, 0, keep, 8, NULL);
    CHECK_INT(nkeep, 4);
    long before[4];
    for (size_t i = 0; i < nkeep; i++)
        before[i] = coverage(a, &keep[i]);

    int grew = 0, resets = 0, start_w = a->width;
    bool checked_survival = false, calls_ok = true;
    uint32_t cp = 0x4E00;
    for (int call = 0; call < 400 && !resets; call++) {
        char text[32 * 4 + 1], *p = text;
        for (int i = 0; i < 32; i++, cp++) {
            *p++ = (char)(0xE0 | cp >> 12);
            *p++ = (char)(0x80 | (cp >> 6 & 0x3F));
            *p++ = (char)(0x80 | (cp & 0x3F));
        }
        *p = '\0';
        int w = a->width;
        unsigned gen = a->generation;
        ly_glyph_quad q[32];
        size_t n = ly_font_layout(f, text, px, 0, 0, q, 32, NULL);
        calls_ok = calls_ok && n == 32 && all_ok(f, q, n);
        if (a->generation != gen && a->width > w)
            grew++;
        else if (a->generation != gen)
            resets++;
        if (grew && !checked_survival) {
            checked_survival = true;
            ly_font_atlas_clean(f);
            ly_glyph_quad k2[8];
            CHECK_INT(ly_font_layout(f, "湛山街道", 24, 0, 0, k2, 8, NULL), 4);
            CHECK(dirty_empty(a));
            for (size_t i = 0; i < nkeep; i++)
                CHECK_INT(coverage(a, &k2[i]), before[i]);
        }
    }
    CHECK(calls_ok);
    CHECK_INT(start_w, 1024);
    CHECK_INT(grew, 2);
    CHECK_INT(resets, 1);
    CHECK_INT(a->width, 4096);
    CHECK_INT(a->height, 4096);
    /* After the reset: laid out afresh, drawable. */
    ly_glyph_quad q[MAXQ];
    size_t n = ly_font_layout(f, "湛山街道 楼宇", 24, 0, 0, q, MAXQ, NULL);
    CHECK_INT(n, 6);
    CHECK(all_ok(f, q, n));

    /* One line whose glyphs cannot all fit even an empty atlas (about 56 fit
     * at 512 px): what fits is drawn, every quad written is valid. */
    char text[MAXQ * 3 + 1], *p = text;
    for (cp = 0x7000; cp < 0x7000 + MAXQ; cp++) {
        *p++ = (char)(0xE0 | cp >> 12);
        *p++ = (char)(0x80 | (cp >> 6 & 0x3F));
        *p++ = (char)(0x80 | (cp & 0x3F));
    }
    *p = '\0';
    n = ly_font_layout(f, text, 512, 0, 0, q, MAXQ, NULL);
    CHECK(n > 0 && n < MAXQ);
    CHECK(all_ok(f, q, n));
}

static void test_two_fonts(const char *path, int index, ly_font *f)
{
    char err[256];
    ly_font *g = ly_font_create(path, index, err, sizeof err);
    CHECK(g != NULL);
    if (!g)
        return;
    CHECK(ly_font_get_atlas(g) != ly_font_get_atlas(f));
    CHECK(ly_font_get_atlas(g)->pixels != ly_font_get_atlas(f)->pixels);
    ly_glyph_quad qf[MAXQ], qg[MAXQ];
    float af = 0, ag = 0;
    size_t nf = ly_font_layout(f, "湛山 Zhanshan", 22, 0, 0, qf, MAXQ, &af);
    size_t ng = ly_font_layout(g, "湛山 Zhanshan", 22, 0, 0, qg, MAXQ, &ag);
    CHECK_INT(nf, ng);
    CHECK_NEAR(af, ag, 1e-4);
    CHECK(all_ok(f, qf, nf) && all_ok(g, qg, ng));
    ly_font_destroy(g);
    CHECK_INT(ly_font_layout(f, "湛山 Zhanshan", 22, 0, 0, qf, MAXQ, NULL), nf);
    CHECK(all_ok(f, qf, nf));
}

int main(void)
{
    char path[1024];
    int index = -1;
    if (!ly_font_find("zh-cn", path, sizeof path, &index)) {
        fprintf(stderr, "test_font: fontconfig found no font covering zh-cn; "
                        "install fonts-noto-cjk (scripts/setup.sh does)\n");
        CHECK(!"a font covering zh-cn");
        FcFini();
        return check_report();
    }
    printf("font: %s (face %d)\n", path, index);
    test_find(path, index);
    test_memo(path, index);
    test_errors(path, index);

    char err[256] = "unchanged";
    ly_font *f = ly_font_create(path, index, err, sizeof err);
    CHECK(f != NULL);
    CHECK_STR(err, "");
    if (!f) {
        fprintf(stderr, "test_font: %s\n", err);
        FcFini();
        return check_report();
    }
    CHECK_INT(ly_font_get_atlas(f)->width, 1024);
    test_chinese(f);
    test_latin(f);
    test_utf8(f);
    test_robust(f);
    test_dirty_and_cache(f);
    test_two_fonts(path, index, f);
    test_growth_and_reset(f);
    ly_font_destroy(f);
    /* fontconfig keeps its configuration for the life of the process, which
     * LeakSanitizer reports; the library must not tear it down, a test may. */
    FcFini();
    return check_report();
}
