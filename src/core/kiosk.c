#include "louyu/kiosk.h"
#include "louyu/file.h"
#include "louyu/fetch.h"
#include "louyu/json.h"

#include <assert.h>
#include <cjson/cJSON.h>
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define MAX_DEPTH 16

void ly_kiosk_config_defaults(ly_kiosk_config *c)
{
    assert(c);
    *c = (ly_kiosk_config){.poll_s = 60,
                           .language = LY_LANG_ZH,
                           .reset_after_s = 120,
                           .attract = true,
                           .attract_after_s = 60,
                           .per_building_s = 9,
                           .admin_hold_s = 5,
                           .log_max_kb = 1024,
                           .log_keep = 3};
}

/* ---- reading the file ---------------------------------------------------------- */

/* The problems go to the caller's list through the document (ly_json_doc_problem),
 * placed at their values. */
typedef ly_json_doc reader;

/* What a member holds and where it goes. */
typedef enum { T_NUMBER, T_INT, T_BOOL, T_STRING, T_LANG, T_PIN_HASH, T_OBJECT } member_type;

typedef struct member {
    const char *name;
    member_type type;
    double min, max; /* numbers: the range; T_NUMBER also allows `zero_ok` */
    bool zero_ok;
    size_t offset, size; /* where in ly_kiosk_config (strings: the buffer size) */
    const struct member *children;
    const char *expect; /* objects: what the members are, for messages */
} member;

#define AT(field) offsetof(ly_kiosk_config, field), sizeof(((ly_kiosk_config *)0)->field)

static const member ATTRACT[] = {
    {"enabled", T_BOOL, 0, 0, false, AT(attract), NULL, NULL},
    {"after_s", T_NUMBER, 5, 86400, false, AT(attract_after_s), NULL, NULL},
    {"per_building_s", T_NUMBER, 3, 600, false, AT(per_building_s), NULL, NULL},
    {NULL, 0, 0, 0, false, 0, 0, NULL, NULL}};
static const member DISPLAY[] = {
    {"index", T_INT, 0, 15, false, AT(display), NULL, NULL},
    {"ui_scale", T_NUMBER, 0.5, 4, true, AT(ui_scale), NULL, NULL},
    {NULL, 0, 0, 0, false, 0, 0, NULL, NULL}};
static const member ADMIN[] = {
    {"pin_hash", T_PIN_HASH, 0, 0, false, AT(pin_hash), NULL, NULL},
    {"hold_s", T_NUMBER, 2, 30, false, AT(admin_hold_s), NULL, NULL},
    {NULL, 0, 0, 0, false, 0, 0, NULL, NULL}};
static const member LOG[] = {
    {"path", T_STRING, 0, 0, false, AT(log_path), NULL, NULL},
    {"max_kb", T_INT, 16, 1048576, false, AT(log_max_kb), NULL, NULL},
    {"keep", T_INT, 1, 20, false, AT(log_keep), NULL, NULL},
    {NULL, 0, 0, 0, false, 0, 0, NULL, NULL}};
static const member ROOT[] = {
    {"data", T_STRING, 0, 0, false, AT(data), NULL, NULL},
    {"poll_s", T_NUMBER, 5, 86400, false, AT(poll_s), NULL, NULL},
    {"language", T_LANG, 0, 0, false, AT(language), NULL, NULL},
    {"reset_after_s", T_NUMBER, 10, 86400, false, AT(reset_after_s), NULL, NULL},
    {"attract", T_OBJECT, 0, 0, false, 0, 0, ATTRACT, NULL},
    {"display", T_OBJECT, 0, 0, false, 0, 0, DISPLAY, NULL},
    {"admin", T_OBJECT, 0, 0, false, 0, 0, ADMIN, NULL},
    {"log", T_OBJECT, 0, 0, false, 0, 0, LOG, NULL},
    {NULL, 0, 0, 0, false, 0, 0, NULL, NULL}};

/* "a", "b" or "c": the members a table knows, for the unknown-member message. */
static void names_of(const member *table, char *buf, size_t n)
{
    size_t used = 0;
    buf[0] = '\0';
    for (const member *m = table; m->name && used < n; m++) {
        int k = snprintf(buf + used, n - used, "%s\"%s\"",
                         m == table ? "" : m[1].name ? ", " : " or ", m->name);
        if (k < 0)
            break;
        used += (size_t)k;
    }
}

static void read_object(reader *r, const cJSON *obj, const member *table, const char *where,
                        ly_kiosk_config *c);

static void read_member(reader *r, const cJSON *v, const member *m, const char *name,
                        ly_kiosk_config *c)
{
    char *dst = (char *)c + m->offset;
    switch (m->type) {
    case T_NUMBER:
    case T_INT: {
        double x = cJSON_IsNumber(v) ? v->valuedouble : NAN;
        bool whole = m->type == T_NUMBER || x == floor(x);
        bool ok = isfinite(x) && whole && ((x >= m->min && x <= m->max) || (m->zero_ok && x == 0));
        if (!ok) {
            char got[64];
            if (cJSON_IsNumber(v))
                snprintf(got, sizeof got, "%.15g", x);
            else
                snprintf(got, sizeof got, "%s", ly_json_kind(v));
            ly_json_doc_problem(r, v, "\"%s\" is %s: expected %s%s from %.15g to %.15g", name, got,
                    m->zero_ok ? "0 (automatic) or " : "",
                    m->type == T_INT ? "a whole number" : "a number", m->min, m->max);
            return;
        }
        if (m->type == T_INT && m->size == sizeof(int))
            *(int *)(void *)dst = (int)x;
        else if (m->type == T_INT)
            *(long *)(void *)dst = (long)x;
        else if (m->size == sizeof(double))
            *(double *)(void *)dst = x;
        else
            *(float *)(void *)dst = (float)x;
        return;
    }
    case T_BOOL:
        if (!cJSON_IsBool(v)) {
            ly_json_doc_problem(r, v, "\"%s\" is %s: expected true or false", name, ly_json_kind(v));
            return;
        }
        *(bool *)(void *)dst = cJSON_IsTrue(v);
        return;
    case T_STRING:
        if (!cJSON_IsString(v) || !v->valuestring[0]) {
            ly_json_doc_problem(r, v, "\"%s\" is %s: expected a file path%s", name,
                    cJSON_IsString(v) ? "empty" : ly_json_kind(v),
                    m->offset == offsetof(ly_kiosk_config, data) ? " or an http(s) URL" : "");
            return;
        }
        if (strlen(v->valuestring) >= m->size) {
            ly_json_doc_problem(r, v, "\"%s\" is %zu bytes long: expected at most %zu", name,
                    strlen(v->valuestring), m->size - 1);
            return;
        }
        /* a URL of a scheme louyu does not fetch (ftp://, file://) is not a file's name */
        const char *sep = strstr(v->valuestring, "://");
        if (sep && !ly_is_url(v->valuestring) && sep > v->valuestring &&
            strcspn(v->valuestring, "/") == (size_t)(sep - v->valuestring) + 1) {
            ly_json_doc_problem(r, v, "\"%s\" is \"%.200s\", a URL louyu does not fetch: "
                                "expected a file path%s", name, v->valuestring,
                                m->offset == offsetof(ly_kiosk_config, data)
                                    ? " or an http:// or https:// URL"
                                    : "");
            return;
        }
        memcpy(dst, v->valuestring, strlen(v->valuestring) + 1);
        return;
    case T_LANG:
        if (cJSON_IsString(v) && (!strcmp(v->valuestring, "zh") || !strcmp(v->valuestring, "en"))) {
            c->language = ly_lang_parse(v->valuestring);
            c->has_language = true;
        } else if (cJSON_IsString(v)) {
            ly_json_doc_problem(r, v, "\"%s\" is \"%.40s\": expected \"zh\" or \"en\"", name, v->valuestring);
        } else {
            ly_json_doc_problem(r, v, "\"%s\" is %s: expected \"zh\" or \"en\"", name, ly_json_kind(v));
        }
        return;
    case T_PIN_HASH:
        if (!cJSON_IsString(v) || !ly_pin_hash_valid(v->valuestring)) {
            ly_json_doc_problem(r, v, "\"%s\" is %s: expected the \"$argon2id$...\" line that "
                    "`louyu pin-hash` prints", name,
                    cJSON_IsString(v) ? ly_pin_hash_problem(v->valuestring) : ly_json_kind(v));
            return;
        }
        snprintf(dst, m->size, "%s", v->valuestring);
        return;
    case T_OBJECT:
        read_object(r, v, m->children, name, c);
        return;
    }
}

static void read_object(reader *r, const cJSON *obj, const member *table, const char *where,
                        ly_kiosk_config *c)
{
    char known[300];
    names_of(table, known, sizeof known);
    if (!cJSON_IsObject(obj)) {
        ly_json_doc_problem(r, obj, "%s%s%s is %s: expected an object with %s", where ? "\"" : "",
                where ? where : "the file", where ? "\"" : "", ly_json_kind(obj), known);
        return;
    }
    for (const cJSON *v = obj->child; v; v = v->next) {
        const member *m = table;
        while (m->name && strcmp(m->name, v->string))
            m++;
        if (!m->name) {
            ly_json_doc_problem_name(r, v, "unknown member \"%.60s\"%s%s%s: expected %s", v->string,
                    where ? " in \"" : "", where ? where : "", where ? "\"" : "", known);
            continue;
        }
        /* a member given twice: cJSON keeps both; the second is a mistake */
        for (const cJSON *w = obj->child; w != v; w = w->next)
            if (!strcmp(w->string, v->string)) {
                ly_json_doc_problem_name(r, v, "\"%s\" appears twice: expected it once", v->string);
                break;
            }
        read_member(r, v, m, v->string, c);
    }
}

/* Where value v is in the file: its line and column, as the messages count them. */
static void place_of(const reader *r, const cJSON *v, long *line, int *col)
{
    size_t at = SIZE_MAX;
    ly_json_locate(r->text, r->len, r->root, &v, &at, 1);
    ly_diag_list one;
    ly_diag_list_init(&one, "");
    if (at <= r->len && ly_diag_add(&one, LY_DIAG_ERROR, at, -1, "here")) {
        ly_diag_resolve_lines(&one, r->text, r->len);
        *line = one.items[0].line;
        *col = one.items[0].col;
    }
    ly_diag_list_deinit(&one);
}

/* A relative "data" or "log.path" is taken from the config file's folder,
 * so a config and its data can move together; a URL is taken as it is. */
static void resolve(reader *r, char *field, size_t size, const char *path)
{
    if (!field[0] || field[0] == '/' || ly_is_url(field))
        return;
    const char *slash = strrchr(path, '/');
    if (!slash)
        return;
    char buf[2048];
    int k = snprintf(buf, sizeof buf, "%.*s/%s", (int)(slash - path), path, field);
    if (k < 0 || (size_t)k >= size) {
        ly_json_doc_problem(r, NULL, "the path \"%s\" is too long once joined to the config's folder", field);
        field[0] = '\0';
        return;
    }
    memcpy(field, buf, (size_t)k + 1);
}

int ly_kiosk_config_load(ly_kiosk_config *c, const char *path, ly_diag_list *diags)
{
    assert(c && path && diags);
    ly_kiosk_config_defaults(c);
    reader r = {0};
    if (ly_json_doc_load(&r, path, LY_KIOSK_CONFIG_MAX_BYTES, MAX_DEPTH, false, diags)) {
        ly_json_doc_unload(&r);
        return -1;
    }
    read_object(&r, r.root, ROOT, NULL, c);
    const cJSON *log = cJSON_GetObjectItemCaseSensitive(r.root, "log");
    const cJSON *given = cJSON_IsObject(log) ? cJSON_GetObjectItemCaseSensitive(log, "path") : NULL;
    if (cJSON_IsString(given))
        place_of(&r, given, &c->log_path_line, &c->log_path_col);
    resolve(&r, c->data, sizeof c->data, path);
    resolve(&r, c->log_path, sizeof c->log_path, path);
    int problems = r.problems;
    ly_json_doc_unload(&r);
    return problems;
}

int ly_kiosk_default_log_path(char *buf, size_t n)
{
    return ly_xdg_path("XDG_STATE_HOME", ".local/state", "kiosk.log", buf, n);
}

/* ---- the admin PIN -------------------------------------------------------------- */

bool ly_pin_valid(const char *pin)
{
    size_t n = pin ? strlen(pin) : 0;
    if (n < LY_PIN_MIN || n > LY_PIN_MAX)
        return false;
    for (size_t i = 0; i < n; i++)
        if (pin[i] < '0' || pin[i] > '9')
            return false;
    return true;
}

const char *ly_pin_hash_problem(const char *hash)
{
    size_t n = hash ? strlen(hash) : 0;
    /* "$argon2id$v=19$m=65536,t=2,p=1$<salt>$<hash>", as libsodium writes it */
    if (n < 20 || n >= LY_PIN_HASH_MAX || strncmp(hash, "$argon2id$v=", 12))
        return "not an Argon2id hash";
    int dollars = 0;
    for (size_t i = 0; i < n; i++) {
        dollars += hash[i] == '$';
        if ((unsigned char)hash[i] <= ' ' || (unsigned char)hash[i] >= 0x7F)
            return "not an Argon2id hash (a space or a character outside ASCII)";
    }
    unsigned v, m, t, p;
    int at = 0;
    if (dollars != 5 || sscanf(hash, "$argon2id$v=%u$m=%u,t=%u,p=%u$%n", &v, &m, &t, &p, &at) != 4 ||
        !at || v != 19)
        return "not an Argon2id hash of version 19 with its m, t and p";
    /* what `louyu pin-hash` writes (64 MiB, 2 passes) at least, and a check the kiosk can
     * afford (at most 1 GiB, 20 passes): a weaker one is cheap to guess, a stronger one
     * would lock the admin out */
    if (m < 65536 || m > 1048576 || t < 2 || t > 20 || p != 1)
        return "a hash whose cost is outside what louyu pin-hash writes (m from 65536 to "
               "1048576 KiB, t from 2 to 20, p 1)";
    const char *salt = hash + at, *dollar = strchr(salt, '$');
    size_t salt_n = dollar ? (size_t)(dollar - salt) : 0, tag_n = dollar ? strlen(dollar + 1) : 0;
    for (const char *c = salt; *c; c++)
        if (*c != '$' && !((*c >= 'A' && *c <= 'Z') || (*c >= 'a' && *c <= 'z') ||
                           (*c >= '0' && *c <= '9') || *c == '+' || *c == '/'))
            return "not an Argon2id hash (its salt or hash is not base64)";
    if (salt_n < 22 || tag_n < 43)
        return "a hash cut short (its salt or hash is shorter than libsodium writes)";
    return NULL;
}

bool ly_pin_hash_valid(const char *hash)
{
    return ly_pin_hash_problem(hash) == NULL;
}

