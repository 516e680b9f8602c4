/* louyu info's parts (cmd_info.c, info_floors.c). */
#ifndef LOUYU_CLI_INFO_H
#define LOUYU_CLI_INFO_H

#include "data.h"
#include "louyu/directory.h"

/* "名称  English name  [id]". */
void ly_info_title_line(const ly_building *b);
cJSON *ly_info_enterprise_json(const ly_district *d, const ly_enterprise *e);
/* --floors: the stack, top first. */
void ly_info_floors_text(const ly_district *d, const ly_building *b);
cJSON *ly_info_floors_json(const ly_district *d, const ly_building *b);
/* --enterprises: the directory rows (indices into d->enterprises), industries named in
 * lang. */
void ly_info_enterprises_text(const ly_district *d, const ly_building *b, const uint32_t *rows,
                              size_t n, const char *industry, ly_lang lang);
cJSON *ly_info_enterprises_json(const ly_district *d, const uint32_t *rows, size_t n);

#endif
