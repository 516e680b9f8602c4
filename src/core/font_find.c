/* Finding the UI font through fontconfig, and remembering its answer between
 * runs (font.h). Desktop builds only: the browser build is given its font. */
#include "louyu/file.h"
#include "louyu/font.h"

#include <fontconfig/fontconfig.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- fontconfig -------------------------------------------------------- */

/* Whether a font fontconfig offers really covers `lang`: fontconfig always returns
 * *some* font, even a Latin one, when nothing better exists. For Chinese also ask for a
 * few characters that a partial (e.g. Japanese-only) font may lack; for any other, the
 * signs the interface writes (a maths or symbol font may claim English and lack them). */
static bool covers(FcPattern *match, const char *lang)
{
    FcLangSet *ls = NULL;
    if (FcPatternGetLangSet(match, FC_LANG, 0, &ls) != FcResultMatch ||
        FcLangSetHasLang(ls, (const FcChar8 *)lang) != FcLangEqual)
        return false;
    /* 中 楼 湛 道: common, in both GB 2312 and the district's names. */
    static const FcChar32 zh[] = {0x4E2D, 0x697C, 0x6E5B, 0x9053, 0};
    /* ² · … →: m², the separators, a cut name, the colour-by button */
    static const FcChar32 ui[] = {0x00B2, 0x00B7, 0x2026, 0x2192, 0};
    const FcChar32 *probe = strncmp(lang, "zh", 2) ? ui : zh;
    FcCharSet *cs = NULL;
    if (FcPatternGetCharSet(match, FC_CHARSET, 0, &cs) != FcResultMatch)
        return false;
    for (size_t i = 0; probe[i]; i++)
        if (!FcCharSetHasChar(cs, probe[i]))
            return false;
    return true;
}

/* A font fontconfig offers, if it covers `lang` and its file is there: its path and face. */
static bool take(FcPattern *font, const char *lang, char *buf, size_t n, int *face_index)
{
    FcChar8 *file = NULL;
    int index = 0;
    if (!covers(font, lang) || FcPatternGetString(font, FC_FILE, 0, &file) != FcResultMatch)
        return false;
    if (FcPatternGetInteger(font, FC_INDEX, 0, &index) != FcResultMatch)
        index = 0;
    size_t len = strlen((const char *)file);
    /* The cache may name a file that has since gone. The high 16 bits of
     * FC_INDEX name a variable font's instance: stb_truetype wants the face. */
    if (len >= n || access((const char *)file, R_OK) != 0)
        return false;
    memcpy(buf, file, len + 1);
    *face_index = index & 0xFFFF;
    return true;
}

static bool match_family(const char *family, const char *lang, char *buf, size_t n,
                         int *face_index)
{
    FcPattern *pat = FcPatternCreate();
    FcLangSet *ls = FcLangSetCreate();
    bool ok = false;
    if (!pat || !ls || !FcPatternAddString(pat, FC_FAMILY, (const FcChar8 *)family) ||
        !FcLangSetAdd(ls, (const FcChar8 *)lang) || !FcPatternAddLangSet(pat, FC_LANG, ls) ||
        !FcConfigSubstitute(NULL, pat, FcMatchPattern)) {
        goto done;
    }
    FcDefaultSubstitute(pat);
    FcResult res;
    FcPattern *match = FcFontMatch(NULL, pat, &res);
    if (match) {
        ok = take(match, lang, buf, n, face_index);
        FcPatternDestroy(match);
    }
    /* the best match lacks what is needed: the first in fontconfig's order that has it */
    FcFontSet *all = ok ? NULL : FcFontSort(NULL, pat, FcFalse, NULL, &res);
    for (int i = 0; all && !ok && i < all->nfont; i++)
        ok = take(all->fonts[i], lang, buf, n, face_index);
    if (all)
        FcFontSetDestroy(all);
done:
    if (ls)
        FcLangSetDestroy(ls);
    if (pat)
        FcPatternDestroy(pat);
    return ok;
}

bool ly_font_find(const char *lang, char *buf, size_t n, int *face_index)
{
    if (!buf || n == 0 || !face_index)
        return false;
    if (!lang || !*lang)
        lang = "zh-cn";
    if (match_family("sans-serif", lang, buf, n, face_index) ||
        match_family("Noto Sans CJK SC", lang, buf, n, face_index))
        return true;
    buf[0] = '\0';
    return false;
}

/* ---- the remembered match ---------------------------------------------- */

/* Asking fontconfig means FcInit: its whole configuration and every cache file
 * (5-10 ms with warm caches, far more with cold ones), only to learn the file it
 * chose last time. So its answer is remembered in a one-line file, with what the
 * answer depended on:
 *
 *   louyu-font 1 <TAB> lang <TAB> face <TAB> size <TAB> mtime <TAB> stamp <TAB> path
 *
 * where size and mtime are the font file's, and stamp is a hash of the language
 * and of what fontconfig reads: its configuration files and folders, its cache
 * folders (installing a font runs fc-cache, which writes there) and the font
 * folders. Anything changed, or the file gone, and fontconfig is asked again. */

static uint64_t fnv1a(uint64_t h, const void *p, size_t n)
{
    const unsigned char *b = p;
    for (size_t i = 0; i < n; i++)
        h = (h ^ b[i]) * 1099511628211ull;
    return h;
}

/* A path's identity and time of change folded into h (its absence too). */
static uint64_t stamp_path(uint64_t h, const char *path)
{
    struct stat st;
    if (!path || !*path)
        return fnv1a(h, "", 1);
    h = fnv1a(h, path, strlen(path) + 1);
    if (stat(path, &st) != 0)
        return fnv1a(h, "-", 1);
    int64_t v[5] = {(int64_t)st.st_ino, (int64_t)st.st_size, (int64_t)st.st_mtim.tv_sec,
                    (int64_t)st.st_mtim.tv_nsec, (int64_t)st.st_mode};
    return fnv1a(h, v, sizeof v);
}

/* $VAR/leaf when VAR holds an absolute path, else $HOME/home_rel/leaf ("" when
 * there is no home). */
static void user_path(char *buf, size_t n, const char *var, const char *home_rel,
                      const char *leaf)
{
    const char *base = var ? getenv(var) : NULL, *home = getenv("HOME");
    buf[0] = '\0';
    if (base && base[0] == '/')
        snprintf(buf, n, "%s/%s", base, leaf);
    else if (home && home[0])
        snprintf(buf, n, "%s/%s%s%s", home, home_rel, leaf[0] ? "/" : "", leaf);
}

static uint64_t config_stamp(const char *lang)
{
    /* fontconfig's default places (upstream's, as Debian builds it), then the user's */
    static const char *const fixed[] = {
        "/etc/fonts",            "/etc/fonts/fonts.conf", "/etc/fonts/conf.d",
        "/etc/fonts/local.conf", "/var/cache/fontconfig", "/usr/share/fonts",
        "/usr/local/share/fonts"};
    enum { USER = 5 };
    char user[USER][1024];
    user_path(user[0], sizeof user[0], "XDG_CONFIG_HOME", ".config", "fontconfig");
    user_path(user[1], sizeof user[1], "XDG_CACHE_HOME", ".cache", "fontconfig");
    user_path(user[2], sizeof user[2], "XDG_DATA_HOME", ".local/share", "fonts");
    user_path(user[3], sizeof user[3], NULL, ".fonts", "");
    user_path(user[4], sizeof user[4], NULL, ".fonts.conf", "");
    uint64_t h = fnv1a(14695981039346656037ull, lang, strlen(lang) + 1);
    for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++)
        h = stamp_path(h, fixed[i]);
    for (size_t i = 0; i < USER; i++)
        h = stamp_path(h, user[i]);
    /* the variables that move fontconfig's configuration elsewhere */
    const char *env[2] = {getenv("FONTCONFIG_FILE"), getenv("FONTCONFIG_PATH")};
    for (size_t i = 0; i < 2; i++)
        h = stamp_path(h, env[i]);
    return h;
}

/* The remembered answer, if it still holds. */
static bool memo_read(const char *memo, const char *lang, uint64_t stamp, char *buf, size_t n,
                      int *face_index)
{
    char line[1200];
    FILE *fp = ly_fopen_regular(memo);
    if (!fp)
        return false;
    bool got = fgets(line, sizeof line, fp) != NULL;
    fclose(fp);
    char *nl = got ? strchr(line, '\n') : NULL;
    if (!nl)
        return false;
    *nl = '\0';
    char *field[7];
    char *p = line;
    for (int i = 0; i < 7; i++) {
        field[i] = p;
        p = strchr(p, '\t');
        if ((p == NULL) != (i == 6))
            return false;
        if (p)
            *p++ = '\0';
    }
    struct stat st;
    char stamp_hex[17], mtime[48];
    snprintf(stamp_hex, sizeof stamp_hex, "%016llx", (unsigned long long)stamp);
    const char *path = field[6];
    if (strcmp(field[0], "louyu-font 1") || strcmp(field[1], lang) ||
        strcmp(field[5], stamp_hex) || path[0] != '/' || strlen(path) >= n ||
        stat(path, &st) != 0 || !S_ISREG(st.st_mode) || access(path, R_OK) != 0)
        return false;
    snprintf(mtime, sizeof mtime, "%lld.%09ld", (long long)st.st_mtim.tv_sec,
             (long)st.st_mtim.tv_nsec);
    char *end = NULL;
    long face = strtol(field[2], &end, 10);
    if (*end || end == field[2] || face < 0 || face > 0xFFFF ||
        strtoll(field[3], NULL, 10) != (long long)st.st_size || strcmp(field[4], mtime))
        return false;
    memcpy(buf, path, strlen(path) + 1);
    *face_index = (int)face;
    return true;
}

/* Remembers fontconfig's answer; a cache, so failing to write it is no error. */
static void memo_write(const char *memo, const char *lang, uint64_t stamp, const char *path,
                       int face_index)
{
    struct stat st;
    char tmp[1100];
    if (strpbrk(path, "\t\n") || stat(path, &st) != 0 || ly_make_parent_dirs(memo, 0700) != 0 ||
        snprintf(tmp, sizeof tmp, "%s.XXXXXX", memo) >= (int)sizeof tmp)
        return;
    int fd = mkstemp(tmp);
    if (fd < 0)
        return;
    FILE *fp = fdopen(fd, "w");
    if (!fp) {
        close(fd);
        unlink(tmp);
        return;
    }
    fprintf(fp, "louyu-font 1\t%s\t%d\t%lld\t%lld.%09ld\t%016llx\t%s\n", lang, face_index,
            (long long)st.st_size, (long long)st.st_mtim.tv_sec, (long)st.st_mtim.tv_nsec,
            (unsigned long long)stamp, path);
    if (fclose(fp) != 0 || rename(tmp, memo) != 0)
        unlink(tmp);
}

bool ly_font_find_remembered(const char *lang, const char *memo, char *buf, size_t n,
                             int *face_index, bool *remembered)
{
    if (remembered)
        *remembered = false;
    if (!buf || n == 0 || !face_index)
        return false;
    if (!lang || !*lang)
        lang = "zh-cn";
    char own[1024];
    if (!memo && ly_xdg_path("XDG_CACHE_HOME", ".cache", "font-match", own, sizeof own) == 0)
        memo = own;
    if (memo && strpbrk(lang, "\t\n"))
        memo = NULL;
    if (memo && memo_read(memo, lang, config_stamp(lang), buf, n, face_index)) {
        if (remembered)
            *remembered = true;
        return true;
    }
    if (!ly_font_find(lang, buf, n, face_index))
        return false;
    /* stamped after fontconfig ran: it may have written its own cache just now */
    if (memo)
        memo_write(memo, lang, config_stamp(lang), buf, *face_index);
    return true;
}

void ly_font_library_shutdown(void)
{
    FcFini();
}
