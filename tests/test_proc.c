/* ly_proc: the process's resident memory and malloc's live heap, as the admin
 * panel and the soak read them. */
#include "check.h"
#include "louyu/proc.h"

#include <stdbool.h>

int main(void)
{
    long rss0 = ly_proc_rss_kb(), heap0 = ly_proc_heap_kb();
    CHECK(rss0 > 0);
#if defined(__SANITIZE_ADDRESS__)
    /* AddressSanitizer's allocator: malloc's own figures do not see it, so none is given */
    CHECK_INT(heap0, -1);
    heap0 = 0;
    const bool heap_known = false;
#else
    CHECK(heap0 >= 0);
    const bool heap_known = true;
#endif
    /* 32 MiB touched: both grow by about that much */
    size_t n = 32u << 20;
    char *p = malloc(n);
    CHECK(p != NULL);
    if (p)
        memset(p, 1, n);
    long rss1 = ly_proc_rss_kb(), heap1 = ly_proc_heap_kb();
    CHECK(rss1 - rss0 > 30 * 1024);
    if (heap_known)
        CHECK(heap1 - heap0 > 30 * 1024);
    free(p);
    /* given back, the live heap is what it was (within a little bookkeeping) */
    if (heap_known)
        CHECK(labs(ly_proc_heap_kb() - heap0) < 1024);
    return check_report();
}
