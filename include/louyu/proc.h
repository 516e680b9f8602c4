/* louyu proc: what this process uses, for the kiosk's admin panel and the soak.
 * Linux: /proc/self/statm and glibc's mallinfo2; elsewhere -1. No GL, no SDL. */
#ifndef LOUYU_PROC_H
#define LOUYU_PROC_H

#include <stddef.h>

/* Resident memory in KiB, or -1 where unknown. */
long ly_proc_rss_kb(void);
/* Bytes malloc has handed out and not had back, in KiB, or -1 where unknown. RSS
 * alone cannot tell a leak from memory the allocator keeps for reuse (free
 * chunks, a thread's arena) or from a driver's own mappings; this can. -1 under
 * AddressSanitizer, whose allocator glibc cannot see. */
long ly_proc_heap_kb(void);
/* The default ceiling for the district's meshes on the GPU, in bytes: an eighth
 * of the machine's memory, within 128 MiB ... 512 MiB (software GL keeps "GPU"
 * buffers in the same memory as everything else). */
size_t ly_proc_default_mesh_limit(void);

#endif
