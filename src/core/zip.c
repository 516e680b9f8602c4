/* ZIP archives (zip.h), as PKWARE's APPNOTE describes them: the end of central directory
 * record at the end (before a comment of up to 64 KiB), ZIP64's record and locator before
 * it where a count or offset did not fit 32 bits, the central directory's one header a
 * member, and each member's local header before its data. */
#include "louyu/zip.h"
#include "louyu/csv.h"

#include <stdlib.h>
#include <string.h>
#include <zlib.h>

enum {
    SIG_LOCAL = 0x04034b50,
    SIG_CENTRAL = 0x02014b50,
    SIG_END = 0x06054b50,
    SIG_END64 = 0x06064b50,
    SIG_LOCATOR64 = 0x07064b50,
    END_LEN = 22,
    CENTRAL_LEN = 46,
    LOCAL_LEN = 30,
    MAX_MEMBERS = 1 << 20,
};

static uint32_t le16(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8;
}

static uint32_t le32(const unsigned char *p)
{
    return le16(p) | le16(p + 2) << 16;
}

static uint64_t le64(const unsigned char *p)
{
    return le32(p) | (uint64_t)le32(p + 4) << 32;
}

bool ly_zip_is(const void *bytes, size_t len)
{
    return len >= 4 && (le32(bytes) == SIG_LOCAL || le32(bytes) == SIG_END);
}

/* The end of central directory record's offset, or SIZE_MAX. */
static size_t find_end(const unsigned char *b, size_t n)
{
    if (n < END_LEN)
        return SIZE_MAX;
    for (size_t e = n - END_LEN;; e--) {
        if (le32(b + e) == SIG_END && e + END_LEN + le16(b + e + 20) <= n)
            return e;
        if (e == 0 || n - e >= END_LEN + 65535)
            return SIZE_MAX;
    }
}

/* ZIP64's count and directory where the 32-bit record says they did not fit. */
static bool zip64_end(const unsigned char *b, size_t n, size_t e, uint64_t *count, uint64_t *at,
                      uint64_t *size)
{
    if (e < 20 || le32(b + e - 20) != SIG_LOCATOR64)
        return false;
    uint64_t r = le64(b + e - 20 + 8);
    if (n < 56 || r > n - 56 || le32(b + r) != SIG_END64)
        return false;
    *count = le64(b + r + 32);
    *size = le64(b + r + 40);
    *at = le64(b + r + 48);
    return true;
}

/* A member's 64-bit sizes and offset from its ZIP64 extra field, for those the central
 * header gives as 0xFFFFFFFF. */
static bool zip64_extra(const unsigned char *x, size_t xl, ly_zip_member *m)
{
    for (size_t i = 0; i + 4 <= xl;) {
        size_t id = le16(x + i), sz = le16(x + i + 2);
        if (i + 4 + sz > xl)
            return false;
        if (id == 0x0001) {
            const unsigned char *p = x + i + 4, *end = p + sz;
            uint64_t *f[3] = {&m->usize, &m->csize, &m->local};
            for (int k = 0; k < 3; k++) {
                if (*f[k] != 0xFFFFFFFFu)
                    continue;
                if (p + 8 > end)
                    return false;
                *f[k] = le64(p);
                p += 8;
            }
            return true;
        }
        i += 4 + sz;
    }
    return m->usize != 0xFFFFFFFFu && m->csize != 0xFFFFFFFFu && m->local != 0xFFFFFFFFu;
}

static bool valid_utf8(const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p;) {
        int k = *p < 0x80             ? 0
                : (*p & 0xE0) == 0xC0 ? 1
                : (*p & 0xF0) == 0xE0 ? 2
                : (*p & 0xF8) == 0xF0 ? 3
                                      : -1;
        if (k < 0)
            return false;
        for (int j = 1; j <= k; j++)
            if ((p[j] & 0xC0) != 0x80)
                return false;
        p += k + 1;
    }
    return true;
}

/* One central header at *at into m; false (with why) when it does not fit the archive. */
static bool read_member(const unsigned char *b, size_t n, size_t *at, ly_zip_member *m,
                        const char **why)
{
    const unsigned char *h = b + *at;
    if (*at > n || n - *at < CENTRAL_LEN || le32(h) != SIG_CENTRAL) {
        *why = "a central directory damaged or cut short";
        return false;
    }
    size_t nl = le16(h + 28), xl = le16(h + 30), cl = le16(h + 32);
    if (n - *at - CENTRAL_LEN < nl + xl + cl) {
        *why = "a central directory cut short";
        return false;
    }
    m->flags = (uint16_t)le16(h + 8);
    m->method = (uint16_t)le16(h + 10);
    m->crc = le32(h + 16);
    m->csize = le32(h + 20);
    m->usize = le32(h + 24);
    m->local = le32(h + 42);
    if (!zip64_extra(h + CENTRAL_LEN + nl, xl, m)) {
        *why = "a member without its ZIP64 sizes";
        return false;
    }
    m->name = malloc(nl + 1);
    if (!m->name) {
        *why = "out of memory";
        return false;
    }
    memcpy(m->name, h + CENTRAL_LEN, nl);
    m->name[nl] = '\0';
    m->shown = m->name;
    size_t sl;
    /* not UTF-8: GB18030 (GBK) as Chinese Windows writes, else IBM's code page 437, ZIP's
     * own default, as older tools in Western locales write (caf\x82 is café); a name whose
     * bytes neither takes is shown with its bytes as Latin-1 */
    if (!(m->flags & 0x800) && !valid_utf8(m->name) &&
        ly_gb18030_to_utf8(m->name, nl, &m->shown, &sl) != 0 &&
        ly_iconv_to_utf8("CP437", m->name, nl, &m->shown, &sl) != 0 &&
        ly_iconv_to_utf8("ISO-8859-1", m->name, nl, &m->shown, &sl) != 0) {
        free(m->shown);
        m->shown = m->name;
    }
    *at += CENTRAL_LEN + nl + xl + cl;
    return true;
}

bool ly_zip_open(ly_zip *z, const void *bytes, size_t len, const char **why)
{
    const unsigned char *b = bytes;
    memset(z, 0, sizeof *z);
    size_t e = find_end(b, len);
    if (e == SIZE_MAX) {
        *why = "no central directory";
        return false;
    }
    uint64_t count = le16(b + e + 10), size = le32(b + e + 12), at = le32(b + e + 16);
    if (count == 0xFFFF || size == 0xFFFFFFFFu || at == 0xFFFFFFFFu)
        zip64_end(b, len, e, &count, &at, &size);
    if (at > len || count > MAX_MEMBERS || count > (len - at) / CENTRAL_LEN) {
        *why =
            count > MAX_MEMBERS ? "over a million members" : "a central directory outside the file";
        return false;
    }
    z->bytes = b;
    z->len = len;
    z->members = calloc(count ? count : 1, sizeof *z->members);
    if (!z->members) {
        *why = "out of memory";
        return false;
    }
    size_t p = (size_t)at;
    for (; z->n < count; z->n++)
        if (!read_member(b, len, &p, &z->members[z->n], why)) {
            ly_zip_close(z);
            return false;
        }
    return true;
}

void ly_zip_close(ly_zip *z)
{
    if (!z)
        return;
    for (size_t i = 0; i < z->n; i++) {
        if (z->members[i].shown != z->members[i].name)
            free(z->members[i].shown);
        free(z->members[i].name);
    }
    free(z->members);
    memset(z, 0, sizeof *z);
}

long ly_zip_find(const ly_zip *z, const char *name)
{
    for (size_t i = 0; i < z->n; i++)
        if (!strcmp(z->members[i].name, name))
            return (long)i;
    return -1;
}

static const char *method_name(unsigned m)
{
    return m == 9    ? "compressed with Deflate64"
           : m == 12 ? "compressed with bzip2"
           : m == 14 ? "compressed with LZMA"
           : m == 93 ? "compressed with Zstandard"
           : m == 95 ? "compressed with XZ"
                     : "an unknown compression";
}

/* Inflates raw deflate data into out[0, usize); false when it does not give exactly that. */
static bool inflate_member(const unsigned char *in, uint64_t csize, char *out, uint64_t usize)
{
    z_stream s = {.next_in = (Bytef *)in};
    if (inflateInit2(&s, -MAX_WBITS) != Z_OK)
        return false;
    int rc = Z_OK;
    uint64_t in_left = csize, out_left = usize;
    s.next_out = (Bytef *)out;
    while (rc == Z_OK) {
        if (s.avail_in == 0 && in_left) {
            s.avail_in = in_left > (1u << 30) ? 1u << 30 : (uInt)in_left;
            in_left -= s.avail_in;
        }
        if (s.avail_out == 0 && out_left) {
            s.avail_out = out_left > (1u << 30) ? 1u << 30 : (uInt)out_left;
            out_left -= s.avail_out;
        }
        rc = inflate(&s, Z_NO_FLUSH);
        if (rc == Z_BUF_ERROR && (s.avail_out || !out_left) && (s.avail_in || !in_left))
            break; /* no progress possible */
        if (rc == Z_BUF_ERROR)
            rc = Z_OK;
    }
    bool ok = rc == Z_STREAM_END && s.total_out == usize;
    inflateEnd(&s);
    return ok;
}

char *ly_zip_read(const ly_zip *z, size_t i, size_t max, size_t *len, const char **why)
{
    const ly_zip_member *m = &z->members[i];
    *len = 0;
    if (m->flags & 1) {
        *why = "encrypted with a password";
        return NULL;
    }
    if (m->method != 0 && m->method != 8) {
        *why = method_name(m->method);
        return NULL;
    }
    if (m->usize > max || m->usize >= SIZE_MAX) {
        *why = "larger than the limit that protects memory";
        return NULL;
    }
    const unsigned char *h = z->bytes + m->local;
    if (m->local > z->len || z->len - m->local < LOCAL_LEN || le32(h) != SIG_LOCAL) {
        *why = "a header not where the directory says";
        return NULL;
    }
    uint64_t data = m->local + LOCAL_LEN + le16(h + 26) + le16(h + 28);
    if (data > z->len || z->len - data < m->csize) {
        *why = "data past the end of the file: cut short?";
        return NULL;
    }
    char *out = malloc((size_t)m->usize + 1);
    if (!out) {
        *why = "out of memory";
        return NULL;
    }
    const unsigned char *in = z->bytes + data;
    bool ok = m->method == 0 ? m->csize == m->usize && memcpy(out, in, (size_t)m->usize)
                             : inflate_member(in, m->csize, out, m->usize);
    uLong crc = crc32(0, Z_NULL, 0);
    for (uint64_t k = 0; ok && k < m->usize; k += 1u << 30) {
        uint64_t part = m->usize - k < (1u << 30) ? m->usize - k : 1u << 30;
        crc = crc32(crc, (const Bytef *)out + k, (uInt)part);
    }
    if (!ok || crc != m->crc) {
        *why = !ok ? "data that does not inflate to its size: damaged"
                   : "a CRC-32 that does not match: damaged";
        free(out);
        return NULL;
    }
    out[m->usize] = '\0';
    *len = (size_t)m->usize;
    return out;
}
