/* louyu progress: how far a load has come, written by the loader thread and read
 * by the window (a bar) or a terminal (a line) without locks.
 *
 * A load passes through stages in order; each stage has a share of the whole
 * measured on a large city's first open (docs/architecture.md), and a stage that
 * loops over buildings may say how far through it is. A NULL ly_progress is
 * accepted everywhere and does nothing. No GL, no SDL. */
#ifndef LOUYU_PROGRESS_H
#define LOUYU_PROGRESS_H

#include "louyu/strings.h"

#include <stdatomic.h>

typedef enum {
    LY_STAGE_START,
    LY_STAGE_READ,     /* reading the file (and hashing it for the scene cache) */
    LY_STAGE_CHECK,    /* UTF-8 and JSON grammar */
    LY_STAGE_PARSE,    /* the JSON tree */
    LY_STAGE_VALIDATE, /* checks and the model */
    LY_STAGE_MESH,     /* projection, roofs, walls */
    LY_STAGE_LOD,      /* far levels of detail */
    LY_STAGE_INDEX,    /* BVH, ground, labels */
    LY_STAGE_CACHE,    /* writing the scene cache */
    LY_STAGE_DONE,
    LY_STAGES
} ly_stage;

typedef struct ly_progress_s {
    atomic_int stage;
    atomic_int permille; /* through the current stage, 0 ... 1000 */
} ly_progress;

void ly_progress_reset(ly_progress *p);
/* Enters a stage (later stages only: a stage never goes back). */
void ly_progress_stage(ly_progress *p, ly_stage s);
/* How far through the current stage: done of total. */
void ly_progress_step(ly_progress *p, size_t done, size_t total);
/* The stage now and the share of the whole load done (0 ... 1). */
ly_stage ly_progress_get(const ly_progress *p, float *fraction);
/* What the stage is called ("解析 JSON" / "Parsing the JSON"). */
const char *ly_stage_name(ly_stage s, ly_lang lang);

#endif
