/* louyu directory: a building's enterprise directory, filtered and in order.
 *
 * One order for every place that lists enterprises (the viewer's Enterprises
 * tab and `louyu info ID --enterprises`), so the two never disagree:
 *  - LY_ORDER_FLOOR: by the lowest floor the enterprise is on; enterprises
 *    with no floor on record come last; then as by name;
 *  - LY_ORDER_NAME: by the name in the given language (the English name in
 *    English where there is one, else the Chinese name): Chinese names in
 *    pinyin order, Latin names without regard to case (ly_collate_keys);
 *  - LY_ORDER_INDUSTRY: by the industry keyword (none last), then as by floor.
 * Equal entries keep the data's order. No GL, no SDL; the caller frees the list. */
#ifndef LOUYU_DIRECTORY_H
#define LOUYU_DIRECTORY_H

#include "louyu/district.h"
#include "louyu/strings.h"

#include <stdint.h>

typedef enum { LY_ORDER_FLOOR, LY_ORDER_NAME, LY_ORDER_INDUSTRY, LY_ORDER_COUNT } ly_enterprise_order;

/* "floor", "name", "industry" and back; -1 for an unknown name. */
const char *ly_enterprise_order_name(ly_enterprise_order by);
int ly_enterprise_order_parse(const char *s);

/* The enterprises of building b whose industry keyword is `industry` (NULL: all), in
 * order, as indices into d->enterprises: *out is allocated (NULL when there are none)
 * and the count returned; -1 when out of memory (*out is then NULL). */
long ly_directory_list(const ly_district *d, const ly_building *b, const char *industry,
                       ly_enterprise_order by, ly_lang lang, uint32_t **out);

/* The enterprises on floor `floor` of building b, in the data's order: the first
 * `cap` of their indices (into d->enterprises) into out; returns how many in all. */
size_t ly_floor_enterprises(const ly_district *d, const ly_building *b, int floor,
                            uint32_t *out, size_t cap);

/* The lowest and highest floor an enterprise is on (0, 0 when none is given). */
void ly_enterprise_floor_span(const ly_district *d, const ly_enterprise *e, int *lo, int *hi);

#endif
