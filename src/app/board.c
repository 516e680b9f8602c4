/* The dashboard's figures (ly_board in app.h): the buildings sorted by occupancy, the
 * week's changes sorted by size, the district's totals; made when the district or its
 * week changed, before a frame that draws the dashboard (frame.c), not in every one. */
#include "app.h"
#include "commands.h"

#include <math.h>
#include <stdlib.h>

void ly_cmd_board_free(ly_app *app)
{
    ly_board *b = &app->dv.board;
    free(b->by_occ);
    free(b->occ);
    free(b->changed);
    free(b->change);
    *b = (ly_board){0};
}

typedef struct {
    uint32_t building;
    double v;
} board_row;

static int by_occupancy(const void *a, const void *b)
{
    const board_row *x = a, *y = b;
    /* buildings with data first, highest occupancy first; no data last */
    if ((x->v < 0) != (y->v < 0))
        return x->v < 0 ? 1 : -1;
    if (x->v != y->v)
        return x->v < y->v ? 1 : -1;
    return (x->building > y->building) - (x->building < y->building);
}

static int by_change(const void *a, const void *b)
{
    const board_row *x = a, *y = b;
    double dx = fabs(x->v), dy = fabs(y->v);
    return dx < dy ? 1 : dx > dy ? -1 : (x->building > y->building) - (x->building < y->building);
}

void ly_cmd_board(ly_app *app)
{
    if (app->dv.board.made)
        return;
    ly_cmd_board_free(app);
    ly_board *bd = &app->dv.board;
    const ly_district *d = &app->scene.district;
    size_t n = d->n_buildings;
    board_row *rows = malloc((n ? n : 1) * sizeof *rows);
    bd->by_occ = malloc((n ? n : 1) * sizeof *bd->by_occ);
    bd->occ = malloc((n ? n : 1) * sizeof *bd->occ);
    bd->changed = malloc((n ? n : 1) * sizeof *bd->changed);
    bd->change = malloc((n ? n : 1) * sizeof *bd->change);
    if (!rows || !bd->by_occ || !bd->occ || !bd->changed || !bd->change) {
        free(rows);
        ly_cmd_board_free(app); /* (an empty dashboard; tried again at the next change) */
        bd->made = true;
        return;
    }
    for (size_t i = 0; i < n; i++)
        rows[i] = (board_row){(uint32_t)i, ly_building_occupancy(d, &d->buildings[i], NULL, NULL)};
    qsort(rows, n, sizeof *rows, by_occupancy);
    for (size_t i = 0; i < n; i++) {
        bd->by_occ[i] = rows[i].building;
        bd->occ[i] = rows[i].v;
    }
    bd->n = n;
    size_t k = 0;
    for (size_t i = 0; d->week > 0 && i < n; i++) {
        const ly_building *b = &d->buildings[i];
        double ch = ly_building_vacant_in_week(d, b, d->week) -
                    ly_building_vacant_in_week(d, b, d->week - 1);
        if (fabs(ch) >= 0.5)
            rows[k++] = (board_row){(uint32_t)i, ch};
    }
    qsort(rows, k, sizeof *rows, by_change);
    for (size_t i = 0; i < k; i++) {
        bd->changed[i] = rows[i].building;
        bd->change[i] = rows[i].v;
    }
    bd->n_changed = k;
    free(rows);
    ly_stats_compute(d, &bd->stats);
    bd->made = true;
}
