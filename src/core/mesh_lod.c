/* The far levels of detail of a mesh's chunks: block volumes on square grids.
 *
 * Each chunk's footprints are sampled on a fine grid (chunk / 128 apart, aligned
 * to the whole district's grid so neighbouring chunks meet): a sample inside a
 * building part takes the part's top and the building, the tallest winning.
 * Level k merges LOD_SAMPLES[k] x LOD_SAMPLES[k] samples into a cell; cells
 * become blocks, as tall as their tallest sample, by error diffusion of the share
 * buildings cover (so density survives); runs of equal roofs along a row become one quad, and walls stand only
 * where a neighbouring cell is lower. Far away, where a cell covers about a
 * pixel, this draws the same skyline with a fraction of the triangles. */
#include "louyu/mesh.h"
#include "louyu/progress.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define SAMPLES_PER_CHUNK 128
#define MAX_SAMPLES 1024 /* per side: a chunk stretched further keeps its full mesh only */
static const int LOD_SAMPLES[LY_MESH_LODS] = {2, 4, 8, 16};

typedef struct {
    float h;
    uint32_t b;
} sample;

/* Where a ring's edge crosses a row of samples' centres. */
typedef struct {
    long row;
    double x;
} crossing;

typedef struct {
    long x0, y0; /* the first sample's index on the district's grid */
    int nx, ny;
    double s; /* metres between samples */
    sample *g;
    crossing *xs; /* scratch for rasterize_part */
    size_t cap_xs;
    bool fail;
} raster;

typedef struct {
    ly_mesh_chunk *c;
    const ly_district *d;
    size_t cap_v, cap_i;
    bool fail;
} lod_emitter;

static void put(raster *r, long ix, long iy, float h, uint32_t b)
{
    if (ix < r->x0 || iy < r->y0 || ix >= r->x0 + r->nx || iy >= r->y0 + r->ny)
        return;
    sample *s = &r->g[(size_t)(iy - r->y0) * (size_t)r->nx + (size_t)(ix - r->x0)];
    if (h > s->h) {
        s->h = h;
        s->b = b;
    }
}

static int by_row_x(const void *a, const void *b)
{
    const crossing *p = a, *q = b;
    return p->row != q->row ? (p->row > q->row) - (p->row < q->row) : (p->x > q->x) - (p->x < q->x);
}

/* One building part onto the samples whose centres it covers, row by row: where its
 * rings' edges cross each row's line of centres, sorted, then the centres between them
 * (a centre is inside when an odd number of crossings lie past it, the even-odd rule of
 * ly_polygon_contains, decided the same way for each centre). Linear in the outline's
 * length and the samples covered, so a lake-sized outline of 100,000 points is quick. */
static void rasterize_part(raster *r, const ly_district *d, const ly_geo *geo, uint32_t b,
                           const ly_polygon *pg)
{
    const ly_ring *outer = &d->rings[pg->first_ring];
    const double *p = geo->xy + 2 * (size_t)outer->first_point;
    double mn[2] = {INFINITY, INFINITY}, mx[2] = {-INFINITY, -INFINITY};
    for (uint32_t i = 0; i < outer->n_points; i++)
        for (int k = 0; k < 2; k++) {
            mn[k] = fmin(mn[k], p[2 * i + k]);
            mx[k] = fmax(mx[k], p[2 * i + k]);
        }
    long ix0 = lround(mn[0] / r->s), ix1 = lround(mx[0] / r->s);
    long iy0 = lround(mn[1] / r->s), iy1 = lround(mx[1] / r->s);
    ix0 = ix0 < r->x0 ? r->x0 : ix0;
    iy0 = iy0 < r->y0 ? r->y0 : iy0;
    ix1 = ix1 > r->x0 + r->nx ? r->x0 + r->nx : ix1;
    iy1 = iy1 > r->y0 + r->ny ? r->y0 + r->ny : iy1;
    if (ix1 <= ix0 || iy1 <= iy0)
        return;
    size_t n = 0;
    for (uint32_t g = 0; g < pg->n_rings && !r->fail; g++) {
        const ly_ring *rg = &d->rings[pg->first_ring + g];
        const double *q = geo->xy + 2 * (size_t)rg->first_point;
        for (uint32_t i = 0, j = rg->n_points - 1; i < rg->n_points && !r->fail; j = i++) {
            double xi = q[2 * i], yi = q[2 * i + 1], xj = q[2 * j], yj = q[2 * j + 1];
            /* the rows it may cross (one more each way), each then tested exactly */
            double lo = fmin(yi, yj) / r->s - 0.5, hi = fmax(yi, yj) / r->s - 0.5;
            long a = lo > (double)iy0 ? (long)floor(lo) : iy0;
            long z = hi < (double)iy1 ? (long)ceil(hi) + 1 : iy1;
            for (long iy = a < iy0 ? iy0 : a; iy < z && iy < iy1; iy++) {
                double y = ((double)iy + 0.5) * r->s;
                if ((yi > y) == (yj > y))
                    continue;
                if (n == r->cap_xs) {
                    size_t cap = r->cap_xs ? 2 * r->cap_xs : 4096;
                    crossing *grown = realloc(r->xs, cap * sizeof *grown);
                    if (!grown) {
                        r->fail = true;
                        break;
                    }
                    r->xs = grown;
                    r->cap_xs = cap;
                }
                r->xs[n++] = (crossing){iy, (xj - xi) * (y - yi) / (yj - yi) + xi};
            }
        }
    }
    if (r->fail)
        return;
    qsort(r->xs, n, sizeof *r->xs, by_row_x);
    for (size_t first = 0; first < n;) {
        size_t end = first;
        while (end < n && r->xs[end].row == r->xs[first].row)
            end++;
        size_t q = first; /* the crossings at or before the centre */
        for (long ix = ix0; ix < ix1; ix++) {
            double x = ((double)ix + 0.5) * r->s;
            while (q < end && !(x < r->xs[q].x))
                q++;
            if ((end - q) % 2)
                put(r, ix, r->xs[first].row, pg->height_m, b);
        }
        first = end;
    }
}

static bool reserve_lod(lod_emitter *e, size_t nv, size_t ni)
{
    ly_mesh_chunk *c = e->c;
    if (c->n_lod_vertices + nv > UINT32_MAX ||
        ly_array_reserve((void **)&c->lod_vertices, &e->cap_v, c->n_lod_vertices + nv,
                         sizeof *c->lod_vertices) ||
        ly_array_reserve((void **)&c->lod_indices, &e->cap_i, c->n_lod_indices + ni,
                         sizeof *c->lod_indices))
        e->fail = true;
    return !e->fail;
}

/* A quad of corners a, b, c, d (counter-clockwise seen from outside). */
static void quad(lod_emitter *e, const float (*q)[3], int nx, int ny, int nz, int surface,
                 uint32_t b)
{
    if (!reserve_lod(e, 4, 6))
        return;
    ly_mesh_chunk *c = e->c;
    uint32_t v0 = c->n_lod_vertices;
    const ly_building *bd = &e->d->buildings[b];
    for (int k = 0; k < 4; k++) {
        ly_vertex *v = &c->lod_vertices[c->n_lod_vertices++];
        memcpy(v->pos, q[k], sizeof v->pos);
        v->normal[0] = (int8_t)nx;
        v->normal[1] = (int8_t)ny;
        v->normal[2] = (int8_t)nz;
        v->surface = (uint8_t)surface;
        v->building = b;
        v->floor = (uint16_t)ly_building_floor_at(e->d, bd, q[k][2] - 1e-3);
        v->part = 0;
    }
    static const uint32_t order[6] = {0, 1, 2, 0, 2, 3};
    for (int k = 0; k < 6; k++)
        c->lod_indices[c->n_lod_indices++] = v0 + order[k];
}

static const sample *cell_at(const sample *cells, int cx, int cy, int x, int y)
{
    static const sample none = {0, 0};
    return x < 0 || y < 0 || x >= cx || y >= cy ? &none : &cells[(size_t)y * cx + x];
}

/* A level's cells: cx x cy of w metres from (ox, oy); emitted a rectangle at a time. */
typedef struct {
    const sample *cells;
    int cx, cy;
    double ox, oy, w;
} level_grid;

/* Roofs in runs along rows, walls where a neighbour is lower, for the cells of
 * [x0, x1) x [y0, y1). */
static void emit_cells(lod_emitter *e, const level_grid *g, int x0, int x1, int y0, int y1)
{
    const sample *cells = g->cells;
    int cx = g->cx, cy = g->cy;
    double ox = g->ox, oy = g->oy, w = g->w;
    for (int y = y0; y < y1; y++)
        for (int x = x0; x < x1;) {
            const sample *s = cell_at(cells, cx, cy, x, y);
            int run = 1;
            while (s->h > 0 && x + run < x1 && cells[(size_t)y * cx + x + run].h == s->h &&
                   cells[(size_t)y * cx + x + run].b == s->b)
                run++;
            if (s->h > 0) {
                float ax = (float)(ox + x * w), bx = (float)(ox + (x + run) * w);
                float ay = (float)(oy + y * w), by = (float)(oy + (y + 1) * w);
                const float roof[4][3] = {{ax, ay, s->h}, {bx, ay, s->h}, {bx, by, s->h},
                                          {ax, by, s->h}};
                quad(e, roof, 0, 0, 127, LY_SURF_ROOF, s->b);
            }
            x += run;
        }
    static const int dir[4][2] = {{1, 0}, {-1, 0}, {0, 1}, {0, -1}};
    for (int y = y0; y < y1; y++)
        for (int x = x0; x < x1; x++) {
            const sample *s = cell_at(cells, cx, cy, x, y);
            for (int k = 0; k < 4 && s->h > 0; k++) {
                float lo = cell_at(cells, cx, cy, x + dir[k][0], y + dir[k][1])->h;
                if (lo >= s->h)
                    continue;
                /* the edge facing the neighbour, its ends ordered so the wall faces out */
                double ex = ox + (x + (dir[k][0] > 0 || dir[k][1] > 0 ? 1 : 0)) * w;
                double ey = oy + (y + (dir[k][1] > 0 || dir[k][0] < 0 ? 1 : 0)) * w;
                double fx = ex - (dir[k][1] ? dir[k][1] * w : 0);
                double fy = ey + (dir[k][0] ? dir[k][0] * w : 0);
                const float wall[4][3] = {{(float)ex, (float)ey, lo},
                                          {(float)fx, (float)fy, lo},
                                          {(float)fx, (float)fy, s->h},
                                          {(float)ex, (float)ey, s->h}};
                quad(e, wall, dir[k][0] * 127, dir[k][1] * 127, 0, LY_SURF_WALL, s->b);
            }
        }
}

/* Level k's cells from the samples: as tall as the tallest sample, and coloured as
 * the building that covers most of the cell (a majority vote: the tallest's colour
 * had a far city in the colours of its towers alone, its houses gone). Which cells
 * become blocks is decided by error diffusion (Floyd-Steinberg) of the share of
 * each cell that buildings cover: a neighbourhood covered 40 % keeps about 40 %
 * of its cells, so a far district keeps its density instead of thinning out
 * (a fixed threshold would drop every cell of a quarter of detached houses). */
static void merge_level(const raster *r, int per, sample *cells, float *err, int cx, int cy)
{
    memset(err, 0, (size_t)(cx + 2) * 2 * sizeof *err);
    for (int y = 0; y < cy; y++) {
        float *row = err + (size_t)(y & 1) * (cx + 2) + 1, *next = err + (size_t)(~y & 1) * (cx + 2) + 1;
        memset(next - 1, 0, (size_t)(cx + 2) * sizeof *next);
        for (int x = 0; x < cx; x++) {
            sample best = {0, 0};
            int covered = 0, votes = 0;
            uint32_t most = 0; /* (Boyer-Moore: the building over half the samples, if one is) */
            for (int j = 0; j < per; j++)
                for (int i = 0; i < per; i++) {
                    const sample *s = &r->g[(size_t)(y * per + j) * r->nx + (size_t)(x * per + i)];
                    if (s->h <= 0)
                        continue;
                    covered++;
                    if (s->h > best.h)
                        best = *s;
                    if (!votes)
                        most = s->b, votes = 1;
                    else
                        votes += s->b == most ? 1 : -1;
                }
            if (covered)
                best.b = votes ? most : best.b;
            float want = (float)covered / (float)(per * per) + row[x];
            bool on = covered && want >= 0.5f;
            float e = want - (on ? 1.0f : 0.0f);
            row[x + 1] += e * 7 / 16;
            next[x - 1] += e * 3 / 16;
            next[x] += e * 5 / 16;
            next[x + 1] += e * 1 / 16;
            cells[(size_t)y * cx + x] = on ? best : (sample){0, 0};
        }
    }
}

/* The samples of chunk c: its buildings (not the sites) rasterised. */
static int chunk_raster(raster *r, const ly_mesh *m, size_t c, const ly_district *d,
                        const ly_geo *geo, const uint32_t *members, size_t n_members)
{
    const ly_mesh_chunk *ch = &m->chunks[c];
    long align = LOD_SAMPLES[LY_MESH_LODS - 1];
    /* in samples of the coarsest level; a chunk out of any sane range (a projection far
     * from its origin) has no far levels rather than an overflow */
    double box[4] = {floor(ch->min[0] / r->s / align), floor(ch->min[1] / r->s / align),
                     ceil(ch->max[0] / r->s / align), ceil(ch->max[1] / r->s / align)};
    for (int k = 0; k < 4; k++)
        if (!(fabs(box[k]) < 1e12))
            return 1;
    r->x0 = (long)box[0] * align;
    r->y0 = (long)box[1] * align;
    long x1 = (long)box[2] * align;
    long y1 = (long)box[3] * align;
    if (x1 - r->x0 > MAX_SAMPLES || y1 - r->y0 > MAX_SAMPLES || x1 <= r->x0 || y1 <= r->y0)
        return 1;
    r->nx = (int)(x1 - r->x0);
    r->ny = (int)(y1 - r->y0);
    memset(r->g, 0, (size_t)r->nx * (size_t)r->ny * sizeof *r->g);
    for (size_t k = 0; k < n_members; k++) {
        const ly_building *b = &d->buildings[members[k]];
        if (b->status == LY_STATUS_UNDER_CONSTRUCTION)
            continue;
        for (uint32_t p = 0; p < b->n_polygons; p++)
            if (d->polygons[b->first_polygon + p].height_m > 0)
                rasterize_part(r, d, geo, members[k], &d->polygons[b->first_polygon + p]);
    }
    return 0;
}

/* The cells of a level whose centres lie in tile t of the chunk (the edge tiles
 * reach out to the grid's edge), emitted together and recorded in the tile. */
static void emit_tile(lod_emitter *e, const level_grid *g, int k, int t)
{
    ly_mesh_chunk *ch = e->c;
    int tx = t % LY_MESH_TILES, ty = t / LY_MESH_TILES, last = LY_MESH_TILES - 1;
    double x0 = ch->tile_origin[0] + tx * ch->tile_size, y0 = ch->tile_origin[1] + ty * ch->tile_size;
    /* cell i's centre is ox + (i + 0.5) w: the first cell at or past a tile's edge */
    int ix0 = tx ? (int)ceil((x0 - g->ox) / g->w - 0.5) : 0;
    int ix1 = tx < last ? (int)ceil((x0 + ch->tile_size - g->ox) / g->w - 0.5) : g->cx;
    int iy0 = ty ? (int)ceil((y0 - g->oy) / g->w - 0.5) : 0;
    int iy1 = ty < last ? (int)ceil((y0 + ch->tile_size - g->oy) / g->w - 0.5) : g->cy;
    ix0 = ix0 < 0 ? 0 : ix0 > g->cx ? g->cx : ix0;
    ix1 = ix1 < ix0 ? ix0 : ix1 > g->cx ? g->cx : ix1;
    iy0 = iy0 < 0 ? 0 : iy0 > g->cy ? g->cy : iy0;
    iy1 = iy1 < iy0 ? iy0 : iy1 > g->cy ? g->cy : iy1;
    ly_mesh_tile *tile = &ch->tiles[t];
    uint32_t first_v = ch->n_lod_vertices;
    tile->lod_first[k] = (uint32_t)ch->n_lod_indices;
    emit_cells(e, g, ix0, ix1, iy0, iy1);
    tile->lod_count[k] = (uint32_t)(ch->n_lod_indices - tile->lod_first[k]);
    for (uint32_t v = first_v; v < ch->n_lod_vertices && !e->fail; v++)
        for (int a = 0; a < 3; a++) {
            tile->min[a] = fminf(tile->min[a], ch->lod_vertices[v].pos[a]);
            tile->max[a] = fmaxf(tile->max[a], ch->lod_vertices[v].pos[a]);
        }
}

static int chunk_levels(ly_mesh *m, size_t c, const ly_district *d, raster *r, sample *cells,
                        float *err)
{
    lod_emitter e = {.c = &m->chunks[c], .d = d};
    for (int k = 0; k < LY_MESH_LODS && !e.fail; k++) {
        e.c->lod_first[k] = (uint32_t)e.c->n_lod_indices;
        int per = LOD_SAMPLES[k];
        level_grid g = {cells, r->nx / per, r->ny / per, (double)r->x0 * r->s,
                        (double)r->y0 * r->s, per * r->s};
        merge_level(r, per, cells, err, g.cx, g.cy);
        for (int t = 0; t < LY_MESH_TILES * LY_MESH_TILES && !e.fail; t++)
            emit_tile(&e, &g, k, t);
    }
    if (e.fail || e.c->n_lod_indices > UINT32_MAX)
        return -1;
    e.c->lod_first[LY_MESH_LODS] = (uint32_t)e.c->n_lod_indices;
    m->n_lod_triangles += e.c->n_lod_indices / 3;
    m->bytes += e.c->n_lod_vertices * sizeof(ly_vertex) + e.c->n_lod_indices * sizeof(uint32_t);
    return 0;
}

int ly_mesh_build_lods(ly_mesh *m, const ly_district *d, const ly_geo *geo, ly_progress *progress)
{
    double s = m->chunk_size_m / SAMPLES_PER_CHUNK;
    for (int k = 0; k < LY_MESH_LODS; k++)
        m->lod_cell_m[k] = (float)(s * LOD_SAMPLES[k]);
    size_t nb = m->n_buildings, nc = m->n_chunks;
    /* each chunk's buildings, by counting */
    size_t *start = calloc(nc + 1, sizeof *start);
    uint32_t *members = malloc((nb ? nb : 1) * sizeof *members);
    raster r = {.s = s, .g = malloc((size_t)MAX_SAMPLES * MAX_SAMPLES * sizeof *r.g)};
    sample *cells = malloc((size_t)MAX_SAMPLES * MAX_SAMPLES / 4 * sizeof *cells);
    float *err = malloc((size_t)(MAX_SAMPLES + 2) * 2 * sizeof *err);
    int rc = start && members && r.g && cells && err ? 0 : -1;
    for (size_t i = 0; i < nb && !rc; i++)
        start[m->buildings[i].chunk + 1]++;
    for (size_t c = 0; c < nc && !rc; c++)
        start[c + 1] += start[c];
    for (size_t i = 0; i < nb && !rc; i++)
        members[start[m->buildings[i].chunk]++] = (uint32_t)i;
    for (size_t c = nc; c > 0 && !rc; c--)
        start[c] = start[c - 1];
    if (start)
        start[0] = 0;
    for (size_t c = 0; c < nc && !rc; c++) {
        ly_progress_step(progress, c, nc);
        if (start[c + 1] == start[c])
            continue;
        int skip = chunk_raster(&r, m, c, d, geo, members + start[c], start[c + 1] - start[c]);
        if (r.fail) /* out of memory */
            rc = -1;
        else if (!skip)
            rc = chunk_levels(m, c, d, &r, cells, err);
    }
    free(start);
    free(members);
    free(r.g);
    free(r.xs);
    free(cells);
    free(err);
    return rc;
}

/* A far level is drawn where half its cell, the most a block strays from the buildings it
 * stands for, covers at most LOD_PX pixels, and where it pays (at most half the triangles
 * of the finer level: a few towers are cheaper in full than as blocks); from LOD_PX *
 * LOD_FADE up the finer level shows through. Haze that keeps a share c of the contrast
 * makes an error of n pixels look like one of c * n, so the error allowed is LOD_PX / c,
 * up to LOD_FOG_MAX times LOD_PX (a 2 km haze: the full meshes give way to blocks at about
 * 2.2 km instead of 3.5 km, halving a city's triangles seen from 100 m up). */
#define LOD_PX 2.0f
#define LOD_FADE 0.85f
#define LOD_FOG_MAX 4.0f

ly_lod_choice ly_mesh_tile_level(const float cell_m[LY_MESH_LODS], const ly_mesh_tile *t,
                                 float dist, float pixel_angle, float fog_m)
{
    ly_lod_choice ch = {-1, 0};
    if (pixel_angle <= 0 || dist <= 0)
        return ch;
    float q = fog_m > 0 ? dist / fog_m : 0;
    float limit = LOD_PX * fminf(expf(q * q), LOD_FOG_MAX);
    for (int k = LY_MESH_LODS - 1; k >= 0; k--) {
        float px = 0.5f * cell_m[k] / (dist * pixel_angle);
        uint32_t finer = k ? t->lod_count[k - 1] : t->count;
        if (!t->lod_count[k] || 2 * t->lod_count[k] > finer)
            continue;
        if (px <= limit) {
            float lo = limit * LOD_FADE;
            ch.level = k;
            ch.fade = px <= lo ? 0 : (px - lo) / (limit - lo);
            return ch;
        }
    }
    return ch;
}
