/* louyu arena: a bump allocator for data that lives and dies together.
 *
 * A loaded dataset keeps its strings and small records here and frees them all
 * with one ly_arena_deinit. The caller owns the ly_arena struct; the arena owns
 * every block it hands out. Allocation failure returns NULL (never aborts). */
#ifndef LOUYU_ARENA_H
#define LOUYU_ARENA_H

#include <stddef.h>

typedef struct ly_arena_block ly_arena_block;

typedef struct ly_arena {
    ly_arena_block *head;
    size_t used_bytes;  /* handed out, for statistics */
    size_t block_bytes; /* size of a new block; 0: 64 KiB */
} ly_arena;

/* A zeroed ly_arena is a valid empty arena. */
void *ly_arena_alloc(ly_arena *a, size_t size);
char *ly_arena_strdup(ly_arena *a, const char *s);
char *ly_arena_strndup(ly_arena *a, const char *s, size_t n);
/* Frees every block; accepts NULL and leaves the arena zeroed. */
void ly_arena_deinit(ly_arena *a);

/* Grows a dynamic array to hold at least `need` items of `item` bytes.
 * Returns 0, or -1 on overflow or out of memory (the array is unchanged). */
int ly_array_reserve(void **items, size_t *cap, size_t need, size_t item);

#endif
