/* ly_arena and ly_array_reserve: alignment, big blocks, overflow checks. */
#include "check.h"
#include "louyu/arena.h"

#include <stdint.h>

int main(void)
{
    ly_arena a = {0};
    char *s = ly_arena_strdup(&a, "湛山");
    CHECK_STR(s, "湛山");
    CHECK(ly_arena_strdup(&a, NULL) == NULL);
    CHECK_STR(ly_arena_strndup(&a, "abcdef", 3), "abc");
    for (int i = 0; i < 1000; i++) {
        void *p = ly_arena_alloc(&a, (size_t)i + 1);
        CHECK((uintptr_t)p % _Alignof(max_align_t) == 0);
    }
    /* A block bigger than the block size, and the head keeps serving small ones. */
    char *big = ly_arena_alloc(&a, 1 << 20);
    CHECK(big != NULL);
    memset(big, 7, 1 << 20);
    char *small = ly_arena_alloc(&a, 16);
    CHECK(small != NULL && (small < big || small >= big + (1 << 20)));
    CHECK(ly_arena_alloc(&a, SIZE_MAX - 8) == NULL);
    CHECK(a.used_bytes > (1 << 20));
    ly_arena_deinit(&a);
    CHECK(a.head == NULL && a.used_bytes == 0);
    ly_arena_deinit(&a);
    ly_arena_deinit(NULL);

    int *v = NULL;
    size_t cap = 0;
    CHECK_INT(ly_array_reserve((void **)&v, &cap, 10, sizeof *v), 0);
    CHECK(cap >= 10 && v != NULL);
    size_t before = cap;
    CHECK_INT(ly_array_reserve((void **)&v, &cap, 5, sizeof *v), 0);
    CHECK_INT(cap, before);
    /* need * item overflows size_t: refused, array unchanged */
    CHECK_INT(ly_array_reserve((void **)&v, &cap, SIZE_MAX / 2, sizeof *v), -1);
    CHECK_INT(cap, before);
    free(v);
    return check_report();
}
