#include "louyu/arena.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct ly_arena_block {
    ly_arena_block *next;
    size_t used, size;
    max_align_t data[];
};

enum { BLOCK_BYTES = 64 * 1024 };

void *ly_arena_alloc(ly_arena *a, size_t size)
{
    const size_t align = _Alignof(max_align_t);
    if (size > SIZE_MAX / 2)
        return NULL;
    size = (size + align - 1) & ~(align - 1);
    size_t block = a->block_bytes ? a->block_bytes : BLOCK_BYTES;
    ly_arena_block *b = a->head;
    if (!b || b->size - b->used < size) {
        size_t cap = size > block ? size : block;
        b = malloc(sizeof *b + cap);
        if (!b)
            return NULL;
        b->size = cap;
        b->used = 0;
        /* A big one-off block goes behind the head, so the head keeps its free space. */
        if (a->head && size > block) {
            b->next = a->head->next;
            a->head->next = b;
        } else {
            b->next = a->head;
            a->head = b;
        }
    }
    void *p = (char *)b->data + b->used;
    b->used += size;
    a->used_bytes += size;
    return p;
}

char *ly_arena_strndup(ly_arena *a, const char *s, size_t n)
{
    char *p = ly_arena_alloc(a, n + 1);
    if (!p)
        return NULL;
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *ly_arena_strdup(ly_arena *a, const char *s)
{
    return s ? ly_arena_strndup(a, s, strlen(s)) : NULL;
}

void ly_arena_deinit(ly_arena *a)
{
    if (!a)
        return;
    ly_arena_block *b = a->head;
    while (b) {
        ly_arena_block *next = b->next;
        free(b);
        b = next;
    }
    a->head = NULL;
    a->used_bytes = 0;
}

int ly_array_reserve(void **items, size_t *cap, size_t need, size_t item)
{
    if (need <= *cap)
        return 0;
    size_t n = *cap ? *cap : 16;
    while (n < need) {
        if (n > SIZE_MAX / 2)
            return -1;
        n *= 2;
    }
    if (item && n > SIZE_MAX / item)
        return -1;
    void *p = realloc(*items, n * item);
    if (!p)
        return -1;
    *items = p;
    *cap = n;
    return 0;
}
