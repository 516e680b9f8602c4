/* The first open's progress on a terminal: one line, rewritten in place. */
#include "window.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

void ly_cli_progress_line(const char *file, const ly_progress *p, double seconds, bool done)
{
    static int shown; /* the line is on the terminal, to be overwritten or ended */
    if (!isatty(STDERR_FILENO) || (!shown && (done || seconds < 0.5)))
        return; /* a quick open says nothing; a pipe gets no carriage returns */
    float f;
    ly_stage s = ly_progress_get(p, &f);
    const char *slash = strrchr(file, '/');
    fprintf(stderr, "\rlouyu: opening %s: %-36s %3d %%  %5.1f s", slash ? slash + 1 : file,
            done ? ly_stage_name(LY_STAGE_DONE, LY_LANG_EN) : ly_stage_name(s, LY_LANG_EN),
            done ? 100 : (int)(100 * f), seconds);
    if (done)
        fputc('\n', stderr);
    fflush(stderr);
    shown = !done;
}
