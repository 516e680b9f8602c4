/* What cache.c and cache_check.c share: the check of every index range in a
 * scene read from a cache, before anything follows one. */
#ifndef LOUYU_CACHE_PRIVATE_H
#define LOUYU_CACHE_PRIVATE_H

#include "louyu/cache.h"

#include <stdbool.h>
#include <stddef.h>

/* Whether every index the viewer follows stays inside its array: the district's
 * ranges, floors and kinds, the projected points, the mesh's indices and building
 * ranges, the BVH's children, leaves and depth, the ground's indices and layers. On
 * false, `why` (n bytes) says what is out of range. The strings are not checked here. */
/* Where the parts' big arrays lie: in the mapping base[0, size), the bytes of the open
 * file fd from its start (-1: none; the arrays are then read through the mapping). */
typedef struct {
    const unsigned char *base;
    size_t size;
    int fd;
} ly_cache_source;

bool ly_cache_check_ranges(const ly_cache_parts *p, const ly_cache_source *src, char *why,
                           size_t n);

/* Bytes p[0, n) of the parts: read from src's file into buf (at least n bytes) when p
 * lies in its mapping, else (or when the read fails) p itself, its pages read in with
 * one call. Reading a file copies its pages; mapping them costs more under a hypervisor. */
const void *ly_cache_view(const ly_cache_source *src, const void *p, size_t n, void *buf);

/* Reads the mapped pages of p[0, n) in with one call (MADV_POPULATE_READ, Linux 5.14;
 * elsewhere nothing: they come a fault at a time). Under a hypervisor a fault per page
 * costs most of the time a big section takes to check. */
void ly_cache_populate(const void *p, size_t n);


#endif
