#include "louyu/proc.h"

#include <stdio.h>
#include <unistd.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

long ly_proc_rss_kb(void)
{
    FILE *f = fopen("/proc/self/statm", "r");
    if (!f)
        return -1;
    long pages = 0, resident = 0;
    int ok = fscanf(f, "%ld %ld", &pages, &resident) == 2;
    fclose(f);
    return ok ? resident * (sysconf(_SC_PAGESIZE) / 1024) : -1;
}

long ly_proc_heap_kb(void)
{
#if defined(__SANITIZE_ADDRESS__)
    return -1; /* AddressSanitizer's allocator is not glibc's: mallinfo2 does not see it */
#elif defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 33))
    struct mallinfo2 mi = mallinfo2();
    return (long)((mi.uordblks + mi.hblkhd) / 1024);
#else
    return -1;
#endif
}

size_t ly_proc_default_mesh_limit(void)
{
    const size_t lo = (size_t)128 << 20, hi = (size_t)512 << 20;
    long pages = sysconf(_SC_PHYS_PAGES), size = sysconf(_SC_PAGESIZE);
    if (pages <= 0 || size <= 0)
        return lo;
    size_t eighth = (size_t)pages / 8 * (size_t)size;
    return eighth < lo ? lo : eighth > hi ? hi : eighth;
}
