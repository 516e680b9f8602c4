#include "louyu/public.h"

#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

static int is_camera(const cJSON *feature)
{
    const cJSON *props = cJSON_GetObjectItemCaseSensitive(feature, "properties");
    const cJSON *kind = cJSON_GetObjectItemCaseSensitive(props, "kind");
    return cJSON_IsString(kind) && !strcmp(kind->valuestring, "camera");
}

int ly_public_geojson_except(const char *text, size_t len, const long *drop, size_t n_drop,
                             char **out, size_t *out_len, size_t *removed)
{
    *out = NULL;
    *out_len = 0;
    if (removed)
        *removed = 0;
    cJSON *root = cJSON_ParseWithLength(text, len);
    cJSON *features = cJSON_GetObjectItemCaseSensitive(root, "features");
    if (!cJSON_IsObject(root) || !cJSON_IsArray(features)) {
        cJSON_Delete(root);
        return -1;
    }
    long k = 0;
    size_t d = 0;
    for (cJSON *f = features->child; f; k++) {
        cJSON *next = f->next;
        while (d < n_drop && drop[d] < k)
            d++;
        bool dropped = d < n_drop && drop[d] == k;
        if (is_camera(f) || dropped) {
            cJSON_Delete(cJSON_DetachItemViaPointer(features, f));
            if (removed && !dropped)
                (*removed)++;
        }
        f = next;
    }
    *out = cJSON_PrintUnformatted(root);
    cJSON_Delete(root);
    if (!*out)
        return -1;
    *out_len = strlen(*out);
    return 0;
}

int ly_public_geojson(const char *text, size_t len, char **out, size_t *out_len, size_t *removed)
{
    return ly_public_geojson_except(text, len, NULL, 0, out, out_len, removed);
}
