#include "louyu/public.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

static int is_camera(const cJSON *feature)
{
    const cJSON *props = cJSON_GetObjectItemCaseSensitive(feature, "properties");
    const cJSON *kind = cJSON_GetObjectItemCaseSensitive(props, "kind");
    return cJSON_IsString(kind) && !strcmp(kind->valuestring, "camera");
}

int ly_public_geojson(const char *text, size_t len, char **out, size_t *out_len, size_t *removed)
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
    for (cJSON *f = features->child; f;) {
        cJSON *next = f->next;
        if (is_camera(f)) {
            cJSON_Delete(cJSON_DetachItemViaPointer(features, f));
            if (removed)
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
