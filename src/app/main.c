/* louyu: the entry point. The commands are in cli/ (cli.c holds their table). */
#include "cli/cli.h"
#include "louyu/font.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

/* A standard descriptor started closed (louyu 2>&-) is opened on /dev/null before anything
 * else is opened: otherwise the display's connection takes its number and every later
 * message to stderr goes into the X protocol, which hangs the window. Standard output is
 * opened for reading, so that writes to it still fail and are said (main's end). */
static void fill_standard_descriptors(void)
{
    for (int fd = 0; fd <= 2; fd++)
        if (fcntl(fd, F_GETFD) < 0 && errno == EBADF) {
            int n = open("/dev/null", fd == 2 ? O_WRONLY : O_RDONLY);
            if (n >= 0 && n != fd) {
                dup2(n, fd);
                close(n);
            }
        }
}

int main(int argc, char **argv)
{
    fill_standard_descriptors();
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    ly_process_start_ms = ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
#ifdef __GLIBC__
    /* one malloc arena for every thread: a city's first open runs on the loader thread,
     * whose own arena grows in 64 MB heaps and is not reused by the main thread after it
     * (1M buildings' first open: 45 -> 36 s); a kiosk that reloads weekly for months
     * keeps one heap instead of one per thread that ever loaded */
    mallopt(M_ARENA_MAX, 1);
#endif
    /* a file-size limit (ulimit -f) makes a write fail (EFBIG), said and cleaned up like a
     * full disk, instead of killing louyu with its temporary file left behind */
    signal(SIGXFSZ, SIG_IGN);
    int rc = ly_cli_main(argc, argv);
    ly_font_library_shutdown();
    /* data that did not reach stdout (a full disk, a closed stdout) is a failure, said */
    errno = 0;
    bool failed = fflush(stdout) != 0 || ferror(stdout);
    int e = errno;
    if (fclose(stdout) != 0 && errno != EBADF) /* (closed, and nothing written to it) */
        failed = true, e = errno;
    errno = e ? e : ly_cli_stdout_errno;
    if (failed && !ly_cli_stdout_said) { /* (unless the command said so itself) */
        fprintf(stderr, "louyu: cannot write to the standard output: %s\n",
                strerror(errno ? errno : EIO));
        if (!rc)
            rc = 2;
    }
    return rc;
}
