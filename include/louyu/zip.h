/* louyu zip: reading a ZIP archive held in memory.
 *
 * What workbooks (.xlsx, .ods) are, and what GIS data is handed out in: a shapefile's
 * files zipped together, a data portal's download. ly_zip_open reads the central
 * directory (ZIP64's too, for archives and members over 4 GiB) into a list of members;
 * ly_zip_read inflates one (stored or deflated; its CRC-32 checked) into a malloc'd,
 * NUL-terminated copy. Nothing is trusted: every offset and size is checked against the
 * archive, a member is read only up to the caller's limit, and an encrypted member or
 * one in another compression (bzip2, LZMA, Zstandard) is refused with what it is.
 * The archive's bytes are the caller's and must outlive the ly_zip; ly_zip_close frees
 * the list. Member names are kept as stored (to match a shapefile's files among
 * themselves) and, for messages, as UTF-8: a name not marked UTF-8 that is not UTF-8
 * is GB18030 (GBK), what Chinese Windows writes, else code page 437 (ZIP's default). Only
 * libc, zlib and iconv. */
#ifndef LOUYU_ZIP_H
#define LOUYU_ZIP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct {
    char *name;  /* as stored, NUL-terminated */
    char *shown; /* the same as UTF-8 (== name when it is) */
    uint64_t csize, usize, local; /* compressed and full size; its local header's offset */
    uint32_t crc;
    uint16_t method, flags;
} ly_zip_member;

typedef struct {
    const unsigned char *bytes;
    size_t len;
    ly_zip_member *members;
    size_t n;
} ly_zip;

/* Whether bytes start as a ZIP archive does (a member's header, or an empty archive). */
bool ly_zip_is(const void *bytes, size_t len);

/* Reads the archive's list of members. False (z zeroed) with *why, what is wrong as a
 * phrase ("no central directory", "a central directory cut short"), when it is not a
 * readable archive or memory ran out. */
bool ly_zip_open(ly_zip *z, const void *bytes, size_t len, const char **why);
void ly_zip_close(ly_zip *z);

/* The member named `name` exactly as stored, or -1. */
long ly_zip_find(const ly_zip *z, const char *name);

/* Member i's content, malloc'd and NUL-terminated (*len bytes). NULL with *why (a
 * phrase: "encrypted with a password", "compressed with bzip2") when it is encrypted, compressed in a way this reader does not know, over `max` bytes, damaged
 * (its data past the archive's end, not inflating to its size, a wrong CRC-32), or
 * memory ran out. */
char *ly_zip_read(const ly_zip *z, size_t i, size_t max, size_t *len, const char **why);

#endif
