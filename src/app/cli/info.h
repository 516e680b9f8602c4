/* louyu info's parts (cmd_info.c, info_floors.c). Every text form is in one language
 * (--lang, English by default): its labels, headings and states, and the names, with the
 * other language's name after them in parentheses where the data gives both. */
#ifndef LOUYU_CLI_INFO_H
#define LOUYU_CLI_INFO_H

#include "data.h"
#include "louyu/directory.h"

/* A name in lang, the other language's in parentheses after it where both are given
 * ("Leasing office (招商部)"), or the one given; "" for neither. Returns buf. */
const char *ly_info_names(const char *zh, const char *en, ly_lang lang, char *buf, size_t n);
/* "Name (名称)  [id]", in lang. */
void ly_info_title_line(const ly_building *b, ly_lang lang);
/* One row of a floor table (floor, use, area, vacant, state; the rent its space asks),
 * under ly_info_floor_header's heading, in lang; r NULL is a floor without a record. */
void ly_info_floor_header(ly_lang lang);
void ly_info_floor_row(const ly_district *d, const ly_building *b, int floor,
                       const ly_floor_record *r, ly_lang lang);
/* The enterprise directory's rows (indices into d->enterprises) as a table whose columns
 * are as wide as their longest value, industries and names in lang. */
void ly_info_enterprise_table(const ly_district *d, const uint32_t *rows, size_t n, ly_lang lang);
cJSON *ly_info_enterprise_json(const ly_district *d, const ly_enterprise *e);
/* --floors: the stack, top first. */
void ly_info_floors_text(const ly_district *d, const ly_building *b, ly_lang lang);
cJSON *ly_info_floors_json(const ly_district *d, const ly_building *b);
/* --enterprises: the directory rows (indices into d->enterprises), in lang. */
void ly_info_enterprises_text(const ly_district *d, const ly_building *b, const uint32_t *rows,
                              size_t n, const char *industry, ly_lang lang);
cJSON *ly_info_enterprises_json(const ly_district *d, const uint32_t *rows, size_t n);

#endif
