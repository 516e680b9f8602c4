#include "louyu/platform.h"
#include "louyu/log.h"

#include <SDL.h>
#include <stdio.h>
#include <stdlib.h>

struct ly_platform {
    SDL_Window *window;
    SDL_GLContext gl;
    int samples;
};

static SDL_Window *open_window(const ly_window_desc *desc, int samples)
{
    SDL_GL_ResetAttributes();
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 3);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_CORE);
    SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
    SDL_GL_SetAttribute(SDL_GL_DEPTH_SIZE, 24);
    SDL_GL_SetAttribute(SDL_GL_MULTISAMPLEBUFFERS, samples > 0);
    SDL_GL_SetAttribute(SDL_GL_MULTISAMPLESAMPLES, samples > 0 ? samples : 0);
    Uint32 flags = SDL_WINDOW_OPENGL | SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI;
    if (desc->fullscreen)
        flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
    if (desc->hidden)
        flags |= SDL_WINDOW_HIDDEN;
    return SDL_CreateWindow(desc->title ? desc->title : "louyu 楼宇", SDL_WINDOWPOS_CENTERED,
                            SDL_WINDOWPOS_CENTERED, desc->width ? desc->width : 1280,
                            desc->height ? desc->height : 720, flags);
}

ly_platform *ly_platform_create(const ly_window_desc *desc, char *err, size_t err_len)
{
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0) {
        snprintf(err, err_len, "cannot start SDL video: %s", SDL_GetError());
        return NULL;
    }
    ly_platform *p = calloc(1, sizeof *p);
    if (!p) {
        snprintf(err, err_len, "out of memory");
        SDL_Quit();
        return NULL;
    }
    int want = desc->msaa_samples == 0 ? 4 : desc->msaa_samples < 0 ? 0 : desc->msaa_samples;
    /* MSAA first; without it if the driver refuses. */
    for (int samples = want;; samples = 0) {
        p->window = open_window(desc, samples);
        if (p->window)
            p->gl = SDL_GL_CreateContext(p->window);
        if (p->gl) {
            p->samples = samples;
            break;
        }
        if (p->window)
            SDL_DestroyWindow(p->window);
        p->window = NULL;
        if (samples == 0) {
            snprintf(err, err_len, "cannot create an OpenGL 3.3 core context: %s",
                     SDL_GetError());
            free(p);
            SDL_Quit();
            return NULL;
        }
        LY_WARN("PLATFORM", "no %dx MSAA context (%s); trying without", samples, SDL_GetError());
    }
    int got = 0;
    if (p->samples && SDL_GL_GetAttribute(SDL_GL_MULTISAMPLESAMPLES, &got) == 0)
        p->samples = got;
    SDL_GL_SetSwapInterval(1);
    return p;
}

void ly_platform_destroy(ly_platform *p)
{
    if (!p)
        return;
    if (p->gl)
        SDL_GL_DeleteContext(p->gl);
    if (p->window)
        SDL_DestroyWindow(p->window);
    free(p);
    SDL_Quit();
}

int ly_platform_msaa_samples(const ly_platform *p)
{
    return p->samples;
}

const char *ly_platform_video_driver(const ly_platform *p)
{
    (void)p;
    const char *d = SDL_GetCurrentVideoDriver();
    return d ? d : "?";
}

void ly_platform_swap(ly_platform *p)
{
    SDL_GL_SwapWindow(p->window);
}

double ly_platform_now(void)
{
    return (double)SDL_GetPerformanceCounter() / (double)SDL_GetPerformanceFrequency();
}
