/* GeoJSON that is not one FeatureCollection. RFC 7946 lets a document be a single Feature
 * or a single geometry, and a GeoJSON text sequence (RFC 8142: GDAL's GeoJSONSeq, each
 * Feature after a record separator; or newline-delimited GeoJSON, one Feature a line)
 * holds one Feature per record. Each is read as the FeatureCollection it stands for: the
 * text is copied after a FeatureCollection's opening, byte for byte in place except that
 * the byte-order mark and the record separators become spaces and the first character
 * between two records becomes the comma between them, and the collection is closed after
 * it. A position in the copy is then the same position in the file, `shift` bytes on, so
 * every message still points into the file as it is. */
#include "load_private.h"
#include "louyu/json.h"

#include <stdlib.h>
#include <string.h>

static bool space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\x1e';
}

static size_t skip(const char *t, size_t len, size_t pos)
{
    while (pos < len && space(t[pos]))
        pos++;
    return pos;
}

/* The end of the object or array at pos (just past it), or SIZE_MAX when it does not end;
 * with `type` (room for 32) the value of its own "type" member, when it has one, and
 * whether it has a "features" member (a collection, whatever its type says). */
static size_t value_end(const char *t, size_t len, size_t pos, char *type, bool *features)
{
    int depth = 0;
    bool want_type = false; /* the string before was the key "type" of depth 1 */
    for (size_t i = pos; i < len; i++) {
        char c = t[i];
        if (c == '"') {
            size_t s = ++i;
            for (; i < len && t[i] != '"'; i++)
                i += t[i] == '\\';
            if (i >= len)
                return SIZE_MAX;
            if (depth == 1 && want_type && type) {
                size_t n = i - s < 31 ? i - s : 31;
                memcpy(type, t + s, n);
                type[n] = '\0';
                type = NULL;
            }
            want_type = false;
            if (features && depth == 1 && i - s == 8 && !memcmp(t + s, "features", 8))
                *features = true;
            if (depth == 1 && i - s == 4 && !memcmp(t + s, "type", 4)) {
                size_t k = skip(t, len, i + 1);
                want_type = k < len && t[k] == ':';
            }
        } else if (c == '{' || c == '[') {
            depth++;
        } else if ((c == '}' || c == ']') && --depth == 0) {
            return i + 1;
        }
    }
    return SIZE_MAX;
}

static bool geometry(const char *type)
{
    static const char *const T[] = {"Point", "MultiPoint", "LineString", "MultiLineString",
                                    "Polygon", "MultiPolygon", "GeometryCollection"};
    for (size_t i = 0; i < sizeof T / sizeof *T; i++)
        if (!strcmp(type, T[i]))
            return true;
    return false;
}

int ly_geojson_wrap(const char *text, size_t len, ly_geojson_wrapped *out)
{
    memset(out, 0, sizeof *out);
    size_t pos = skip(text, len, ly_json_bom(text, len));
    char type[32] = "";
    bool features = false;
    size_t end = pos < len && text[pos] == '{' ? value_end(text, len, pos, type, &features)
                                               : SIZE_MAX;
    if (end == SIZE_MAX || features)
        return 0;
    bool seq = skip(text, len, end) < len;
    static const char FC[] = "{\"type\":\"FeatureCollection\",\"features\":[";
    static const char GEOM[] = "{\"type\":\"Feature\",\"properties\":{},\"geometry\":";
    const char *close;
    if (!strcmp(type, "Feature"))
        close = "]}";
    else if (geometry(type) && !seq)
        close = "}]}";
    else
        return 0;
    bool geom = close[0] == '}';
    out->shift = sizeof FC - 1 + (geom ? sizeof GEOM - 1 : 0);
    out->len = out->shift + len + strlen(close);
    if (!(out->text = malloc(out->len + 1)))
        return -1;
    memcpy(out->text, FC, sizeof FC - 1);
    if (geom)
        memcpy(out->text + sizeof FC - 1, GEOM, sizeof GEOM - 1);
    char *body = out->text + out->shift;
    memcpy(body, text, len);
    memcpy(body + len, close, strlen(close) + 1);
    for (size_t i = 0; i < ly_json_bom(text, len); i++)
        body[i] = ' ';
    /* the records: a separator at each one's end becomes the comma before the next; a
     * record that does not end, or one right after another with nothing between, is left
     * for the JSON check to point at */
    for (size_t at = end; seq && at < len;) {
        size_t next = skip(text, len, at);
        if (next >= len || next == at || text[next] != '{')
            break;
        body[at] = ',';
        at = value_end(text, len, next, NULL, NULL);
        if (at == SIZE_MAX) { /* cut short: the check says the file ends inside a value */
            out->len = out->shift + len;
            body[len] = '\0';
        }
    }
    for (size_t i = 0; i < len; i++)
        if (body[i] == '\x1e')
            body[i] = ' ';
    return 1;
}
