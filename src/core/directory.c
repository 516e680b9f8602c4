#include "louyu/directory.h"
#include "louyu/search.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum { KEY_BYTES = 96 };

static const char *const ORDER_NAMES[LY_ORDER_COUNT] = {"floor", "name", "industry"};

const char *ly_enterprise_order_name(ly_enterprise_order by)
{
    return (unsigned)by < LY_ORDER_COUNT ? ORDER_NAMES[by] : "floor";
}

int ly_enterprise_order_parse(const char *s)
{
    for (int i = 0; s && i < LY_ORDER_COUNT; i++)
        if (!strcmp(s, ORDER_NAMES[i]))
            return i;
    return -1;
}

void ly_enterprise_floor_span(const ly_district *d, const ly_enterprise *e, int *lo, int *hi)
{
    *lo = *hi = 0;
    for (uint32_t k = 0; k < e->n_floors; k++) {
        int f = d->enterprise_floors[e->first_floor + k];
        *lo = *lo && *lo < f ? *lo : f;
        *hi = *hi > f ? *hi : f;
    }
}

size_t ly_floor_enterprises(const ly_district *d, const ly_building *b, int floor,
                            uint32_t *out, size_t cap)
{
    size_t total = 0;
    for (uint32_t i = 0; i < b->n_enterprises; i++) {
        const ly_enterprise *e = &d->enterprises[b->first_enterprise + i];
        for (uint32_t k = 0; k < e->n_floors; k++) {
            if (d->enterprise_floors[e->first_floor + k] != floor)
                continue;
            if (total < cap)
                out[total] = b->first_enterprise + i;
            total++;
            break;
        }
    }
    return total;
}

/* One row with its sort keys (qsort has no context argument). */
typedef struct {
    ly_enterprise_order by;
    const char *industry; /* NULL sorts last */
    int floor;            /* lowest floor; INT_MAX when none */
    const char *key;      /* the name's collation key */
    uint32_t index;       /* into d->enterprises: the data's order */
} row;

static int cmp_missing_last(const char *a, const char *b)
{
    if (!a || !b)
        return (a == NULL) - (b == NULL);
    return strcmp(a, b);
}

static int by_row(const void *pa, const void *pb)
{
    const row *a = pa, *b = pb;
    int c = 0;
    if (a->by == LY_ORDER_INDUSTRY)
        c = cmp_missing_last(a->industry, b->industry);
    if (!c && a->by != LY_ORDER_NAME)
        c = (a->floor > b->floor) - (a->floor < b->floor);
    if (!c)
        c = strcmp(a->key, b->key);
    return c ? c : (a->index > b->index) - (a->index < b->index);
}

long ly_directory_list(const ly_district *d, const ly_building *b, const char *industry,
                       ly_enterprise_order by, ly_lang lang, uint32_t **out)
{
    *out = NULL;
    size_t n = 0, cap = b->n_enterprises;
    if (!cap)
        return 0;
    row *rows = malloc(cap * sizeof *rows);
    const char **names = malloc(cap * sizeof *names);
    char *keys = malloc(cap * KEY_BYTES);
    uint32_t *list = malloc(cap * sizeof *list);
    if (!rows || !names || !keys || !list) {
        free(rows), free(names), free(keys), free(list);
        return -1;
    }
    for (uint32_t i = 0; i < b->n_enterprises; i++) {
        const ly_enterprise *e = &d->enterprises[b->first_enterprise + i];
        if (industry && (!e->industry || strcasecmp(e->industry, industry)))
            continue;
        int lo, hi;
        ly_enterprise_floor_span(d, e, &lo, &hi);
        names[n] = lang == LY_LANG_EN && e->name_en ? e->name_en : e->name ? e->name : "";
        rows[n] = (row){.by = by, .industry = e->industry, .floor = lo ? lo : INT_MAX,
                        .key = keys + n * KEY_BYTES, .index = b->first_enterprise + i};
        n++;
    }
    ly_collate_keys(names, n, keys, KEY_BYTES);
    qsort(rows, n, sizeof *rows, by_row);
    for (size_t k = 0; k < n; k++)
        list[k] = rows[k].index;
    free(rows);
    free(names);
    free(keys);
    if (!n) {
        free(list);
        list = NULL;
    }
    *out = list;
    return (long)n;
}
