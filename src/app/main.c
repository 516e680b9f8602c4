/* louyu: the entry point. The commands are in cli/ (cli.c holds their table). */
#include "cli/cli.h"
#include "louyu/font.h"

#include <time.h>

int main(int argc, char **argv)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    ly_process_start_ms = ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
    int rc = ly_cli_main(argc, argv);
    ly_font_library_shutdown();
    return rc;
}
