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
bool ly_cache_check_ranges(const ly_cache_parts *p, char *why, size_t n);


#endif
