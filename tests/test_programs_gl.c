/* The renderer's programs (headless GL): made at once by ly_renderer_create, or begun by
 * ly_renderer_begin and ended later (the browser compiles them while it parses its
 * district). A shader that does not compile, shaders that do not link and a shader that
 * is missing are each told with the file's name, by create and by the end of a begin; a
 * renderer whose programs failed draws nothing and does not crash. */
#include "gl_app.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char dir[64];

/* A copy of the shaders in dir, with `file` given `text` (NULL: removed). */
static void shaders_with(const char *file, const char *text)
{
    char cmd[512];
    snprintf(cmd, sizeof cmd, "rm -rf %s && mkdir -p %s && cp %s/shaders/* %s/", dir, dir,
             LY_SOURCE_DIR, dir);
    CHECK_INT(system(cmd), 0);
    char path[256];
    snprintf(path, sizeof path, "%s/%s", dir, file);
    if (!text) {
        CHECK_INT(unlink(path), 0);
        return;
    }
    FILE *f = fopen(path, "w");
    CHECK(f != NULL);
    if (f) {
        fputs(text, f);
        fclose(f);
    }
}

/* Both ways of making the renderer fail with a message holding `want` (and the file). */
static void fails(const char *want, bool begun_fails)
{
    char err[1200] = "";
    ly_renderer *r = ly_renderer_create(dir, err, sizeof err);
    CHECK(r == NULL);
    fprintf(stderr, "create: %s\n", err);
    CHECK(strstr(err, want) != NULL);
    err[0] = '\0';
    r = ly_renderer_begin(dir, err, sizeof err);
    if (begun_fails) {
        CHECK(r == NULL);
        CHECK(strstr(err, want) != NULL);
        return;
    }
    CHECK(r != NULL);
    if (!r)
        return;
    CHECK_INT(ly_renderer_end_programs(r, err, sizeof err), -1);
    fprintf(stderr, "begin, end: %s\n", err);
    CHECK(strstr(err, want) != NULL);
    /* asked again, still a failure; a draw draws nothing */
    CHECK_INT(ly_renderer_end_programs(r, err, sizeof err), -1);
    ly_render_frame f = {.width = 64, .height = 64};
    ly_renderer_draw(r, &f, NULL, NULL);
    ly_renderer_destroy(r);
    /* begun and destroyed without being ended: its shaders go with it */
    r = ly_renderer_begin(dir, err, sizeof err);
    CHECK(r != NULL);
    if (r)
        ly_renderer_destroy(r);
}

int main(void)
{
    ly_platform *plat;
    int rc = gl_app_open(&g_app, &plat);
    if (rc)
        return rc;
    snprintf(dir, sizeof dir, "/tmp/louyu-programs-%d", (int)getpid());

    /* the shipped shaders: begun, then ended; the first draw ends a begun one itself */
    shaders_with("ui.frag", NULL);
    char cmd[512];
    snprintf(cmd, sizeof cmd, "cp %s/shaders/ui.frag %s/", LY_SOURCE_DIR, dir);
    CHECK_INT(system(cmd), 0);
    char err[1200] = "";
    ly_renderer *r = ly_renderer_begin(dir, err, sizeof err);
    CHECK(r != NULL);
    CHECK_INT(ly_renderer_end_programs(r, err, sizeof err), 0);
    CHECK_INT(ly_renderer_end_programs(r, err, sizeof err), 0);
    ly_renderer_destroy(r);

    /* a fragment shader that does not compile, in a variant's file too */
    shaders_with("ui.frag", "#version 330 core\nout vec4 o_color;\nvoid main() { o_color = nope; }\n");
    fails("ui.frag does not compile", false);
    /* shaders that compile but do not link: a fragment shader without main */
    shaders_with("sky.frag", "#version 330 core\nout vec4 o_color;\n"
                             "void helper() { o_color = vec4(1.0); }\n");
    fails("shaders sky.* do not link", false);
    /* a missing shader: known before anything is begun */
    shaders_with("ground.vert", NULL);
    fails("cannot read shader", true);

    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    CHECK_INT(system(cmd), 0);
    ly_cli_close(&g_app, plat);
    return check_report();
}
