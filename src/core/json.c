#include "louyu/json.h"
#include "louyu/file.h"

#include <cjson/cJSON.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

size_t ly_json_bom(const char *text, size_t len)
{
    return len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
}

/* ---- UTF-8 ---------------------------------------------------------------- */

/* Returns the length of the valid UTF-8 sequence at s, or 0 if it is invalid
 * (overlong forms, surrogates and code points above U+10FFFF are invalid). One that
 * starts validly but runs past avail is cut: 0, with *have of its *need bytes there
 * (*have 0 for any other). */
static size_t utf8_len(const unsigned char *s, size_t avail, size_t *have, size_t *need)
{
    *have = *need = 0;
    unsigned c = s[0];
    if (c < 0x80)
        return 1;
    size_t n;
    unsigned lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF)
        n = 2;
    else if (c >= 0xE0 && c <= 0xEF) {
        n = 3;
        if (c == 0xE0)
            lo = 0xA0;
        if (c == 0xED)
            hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4;
        if (c == 0xF0)
            lo = 0x90;
        if (c == 0xF4)
            hi = 0x8F;
    } else
        return 0;
    *need = n;
    if (avail >= 2 && (s[1] < lo || s[1] > hi))
        return 0;
    for (size_t i = 2; i < n && i < avail; i++)
        if ((s[i] & 0xC0) != 0x80)
            return 0;
    if (avail < n) {
        *have = avail;
        return 0;
    }
    return n;
}

/* ---- grammar check ---------------------------------------------------------- */

typedef struct {
    const char *text;
    size_t len, pos;
    int max_depth;
    ly_json_error *err;
} checker;

static int fail(checker *c, size_t at, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static int fail(checker *c, size_t at, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(c->err->message, sizeof c->err->message, fmt, ap);
    va_end(ap);
    c->err->offset = at;
    c->err->cut_short = c->pos >= c->len; /* (the scan stopped at the end of the text) */
    return -1;
}

static const char *describe(checker *c, size_t at, char buf[16])
{
    if (at >= c->len)
        return "end of file";
    unsigned char ch = (unsigned char)c->text[at];
    if (ch >= 0x21 && ch < 0x7F)
        snprintf(buf, 16, "'%c'", ch);
    else if (ch == ' ')
        snprintf(buf, 16, "a space");
    else if (ch == '\n')
        snprintf(buf, 16, "end of line");
    else
        snprintf(buf, 16, "byte 0x%02X", ch);
    return buf;
}

static void skip_ws(checker *c)
{
    while (c->pos < c->len) {
        char ch = c->text[c->pos];
        if (ch != ' ' && ch != '\t' && ch != '\n' && ch != '\r')
            break;
        c->pos++;
    }
}

static int is_hex(char ch)
{
    return (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f') || (ch >= 'A' && ch <= 'F');
}

/* The value of the 4 hex digits of the escape (a backslash and u) at `at`; 0x10000 if malformed. */
static unsigned hex4(const checker *c, size_t at)
{
    unsigned v = 0;
    for (int i = 0; i < 4; i++) {
        if (at + 2 + i >= c->len || !is_hex(c->text[at + 2 + i]))
            return 0x10000;
        char h = c->text[at + 2 + i];
        v = v * 16 + (unsigned)(h <= '9' ? h - '0' : (h | 0x20) - 'a' + 10);
    }
    return v;
}

static int check_string(checker *c)
{
    size_t start = c->pos++; /* opening quote */
    while (c->pos < c->len) {
        unsigned char ch = (unsigned char)c->text[c->pos];
        if (ch == '"') {
            c->pos++;
            return 0;
        }
        if (ch < 0x20)
            return fail(c, c->pos,
                        "control character U+%04X inside a string: expected it escaped "
                        "(\\n, \\t or \\u%04X) or the closing '\"'",
                        ch, ch);
        if (ch == '\\') {
            char e = c->pos + 1 < c->len ? c->text[c->pos + 1] : 0;
            if (e == 'u') {
                unsigned u = hex4(c, c->pos);
                if (u > 0xFFFF)
                    return fail(c, c->pos,
                                "invalid escape in a string: expected \\u and 4 hex digits");
                if (u == 0) /* (a C string would end there: "x\u0000a" read as "x") */
                    return fail(c, c->pos, "\\u0000 (a NUL character) in a string: expected "
                                "text without NUL characters");
                if (u >= 0xDC00 && u <= 0xDFFF)
                    return fail(c, c->pos, "lone UTF-16 surrogate \\u%04X in a string: expected a "
                                "high surrogate (\\uD800-\\uDBFF) before it", u);
                if (u >= 0xD800 && u <= 0xDBFF) {
                    unsigned lo = c->pos + 7 < c->len && c->text[c->pos + 6] == '\\' &&
                                          c->text[c->pos + 7] == 'u'
                                      ? hex4(c, c->pos + 6)
                                      : 0x10000;
                    if (lo < 0xDC00 || lo > 0xDFFF)
                        return fail(c, c->pos, "lone UTF-16 surrogate \\u%04X in a string: "
                                    "expected a low surrogate (\\uDC00-\\uDFFF) after it", u);
                    c->pos += 6;
                }
                c->pos += 6;
                continue;
            }
            if (!e || !strchr("\"\\/bfnrt", e))
                return fail(c, c->pos,
                            "invalid escape in a string: expected one of \\\" \\\\ \\/ \\b \\f "
                            "\\n \\r \\t \\uXXXX");
            c->pos += 2;
            continue;
        }
        c->pos++;
    }
    return fail(c, start, "unterminated string: expected a closing '\"'");
}

static int digits(checker *c)
{
    size_t s = c->pos;
    while (c->pos < c->len && c->text[c->pos] >= '0' && c->text[c->pos] <= '9')
        c->pos++;
    return c->pos > s;
}

static int check_number(checker *c)
{
    char d[16];
    size_t start = c->pos;
    if (c->text[c->pos] == '-')
        c->pos++;
    if (c->pos < c->len && c->text[c->pos] == '0') {
        c->pos++;
        if (c->pos < c->len && c->text[c->pos] >= '0' && c->text[c->pos] <= '9')
            return fail(c, c->pos - 1, "invalid number: a leading zero must stand alone");
    } else if (!digits(c)) {
        return fail(c, c->pos, "invalid number: expected a digit, found %s", describe(c, c->pos, d));
    }
    if (c->pos < c->len && c->text[c->pos] == '.') {
        c->pos++;
        if (!digits(c))
            return fail(c, c->pos, "invalid number: expected a digit after '.', found %s",
                        describe(c, c->pos, d));
    }
    if (c->pos < c->len && (c->text[c->pos] == 'e' || c->text[c->pos] == 'E')) {
        c->pos++;
        if (c->pos < c->len && (c->text[c->pos] == '+' || c->text[c->pos] == '-'))
            c->pos++;
        if (!digits(c))
            return fail(c, c->pos, "invalid number: expected a digit in the exponent, found %s",
                        describe(c, c->pos, d));
    }
    /* RFC 8259 lets a reader limit numbers: a double's range, as every other reader has */
    char num[401];
    size_t n = c->pos - start;
    if (n >= sizeof num)
        return fail(c, start, "a number %zu characters long: expected a number of at most 400 "
                    "characters, as JSON writers write them", n);
    /* (only a number whose integer digits and exponent near 308 can overflow: the others
     * are not read twice) */
    long mag = 0, exp = 0;
    bool neg_exp = false;
    for (size_t i = start; i < c->pos && c->text[i] != '.' && c->text[i] != 'e' &&
                           c->text[i] != 'E'; i++)
        mag += c->text[i] >= '0' && c->text[i] <= '9';
    const char *e = memchr(c->text + start, 'e', n);
    e = e ? e : memchr(c->text + start, 'E', n);
    for (const char *q = e ? e + 1 : NULL; q && q < c->text + c->pos; q++)
        if (*q == '-')
            neg_exp = true;
        else if (*q >= '0' && *q <= '9' && exp < 100000)
            exp = exp * 10 + (*q - '0');
    if (mag + (neg_exp ? -exp : exp) < 300)
        return 0;
    memcpy(num, c->text + start, n);
    num[n] = '\0';
    if (isinf(strtod(num, NULL)))
        return fail(c, start, "the number %.40s is too large: expected at most 1.8e308 either "
                    "way (a double's range)", num);
    return 0;
}

static int check_value(checker *c, int depth);

static int check_container(checker *c, int depth, char close)
{
    char d[16];
    size_t open = c->pos;
    if (depth >= c->max_depth)
        return fail(c, open, "nesting deeper than %d levels: expected at most %d (a limit that "
                    "protects memory)", c->max_depth, c->max_depth);
    c->pos++;
    skip_ws(c);
    if (c->pos < c->len && c->text[c->pos] == close) {
        c->pos++;
        return 0;
    }
    for (;;) {
        if (close == '}') {
            if (c->pos < c->len && c->text[c->pos] == '\'')
                return fail(c, c->pos, "found a single quote: expected a member name in double "
                            "quotes");
            if (c->pos >= c->len || c->text[c->pos] != '"')
                return fail(c, c->pos, "expected a member name in double quotes, found %s",
                            describe(c, c->pos, d));
            if (check_string(c))
                return -1;
            skip_ws(c);
            if (c->pos >= c->len || c->text[c->pos] != ':')
                return fail(c, c->pos, "expected ':' after the member name, found %s",
                            describe(c, c->pos, d));
            c->pos++;
        }
        if (check_value(c, depth + 1))
            return -1;
        skip_ws(c);
        if (c->pos >= c->len)
            return fail(c, open, "unclosed '%c': expected '%c' before the end of file",
                        close == '}' ? '{' : '[', close);
        char ch = c->text[c->pos];
        if (ch == close) {
            c->pos++;
            return 0;
        }
        if (ch != ',')
            return fail(c, c->pos, "expected ',' or '%c' after %s, found %s", close,
                        close == '}' ? "an object member" : "an array element",
                        describe(c, c->pos, d));
        size_t comma = c->pos++;
        skip_ws(c);
        if (c->pos < c->len && c->text[c->pos] == close)
            return fail(c, comma, "trailing ',' before '%c': expected another %s (JSON has no "
                        "trailing commas)", close, close == '}' ? "member" : "element");
    }
}

static int check_value(checker *c, int depth)
{
    char d[16];
    skip_ws(c);
    if (c->pos >= c->len)
        return fail(c, c->pos, "unexpected end of file: expected a value");
    char ch = c->text[c->pos];
    switch (ch) {
    case '{':
        return check_container(c, depth, '}');
    case '[':
        return check_container(c, depth, ']');
    case '"':
        return check_string(c);
    case 't':
    case 'f':
    case 'n': {
        const char *word = ch == 't' ? "true" : ch == 'f' ? "false" : "null";
        size_t n = strlen(word);
        if (c->len - c->pos < n || memcmp(c->text + c->pos, word, n) != 0)
            return fail(c, c->pos, "invalid literal: expected %s", word);
        c->pos += n;
        return 0;
    }
    default:
        if (ch == '-' || (ch >= '0' && ch <= '9'))
            return check_number(c);
        if (ch == '\'')
            return fail(c, c->pos, "found a single quote: expected a string in double quotes");
        return fail(c, c->pos,
                    "unexpected %s: expected a value (object, array, string, number, true, false "
                    "or null)",
                    describe(c, c->pos, d));
    }
}

int ly_json_check(const char *text, size_t len, int max_depth, ly_json_error *err)
{
    checker c = {.text = text, .len = len, .max_depth = max_depth, .err = err};
    const unsigned char *s = (const unsigned char *)text;
    for (size_t i = 0; i < len;) {
        if (s[i] < 0x80) {
            if (s[i] == 0)
                return fail(&c, i, "NUL byte in the text: expected UTF-8 text without NUL");
            i++;
            continue;
        }
        size_t have, need, n = utf8_len(s + i, len - i, &have, &need);
        /* a character whose start is all there is of it at the end: a file cut short (an
         * upload or a copy stopped in Chinese text), not one in another encoding */
        if (have) {
            c.pos = len; /* (cut short: it ends there) */
            return fail(&c, i, "the file ends inside a character (byte 0x%02X begins one of %zu "
                        "bytes; %zu of them %s here): expected the whole file (was it cut "
                        "short, an upload or a copy that did not finish?)", s[i], need, have,
                        have == 1 ? "is" : "are");
        }
        if (!n)
            return fail(&c, i, "invalid UTF-8 (byte 0x%02X): expected UTF-8 text (RFC 8259)",
                        s[i]);
        i += n;
    }
    c.pos = ly_json_bom(text, len);
    if (check_value(&c, 0))
        return -1;
    skip_ws(&c);
    if (c.pos < len) {
        char d[16];
        return fail(&c, c.pos, "unexpected %s after the end of the JSON value: expected end of "
                    "file", describe(&c, c.pos, d));
    }
    return 0;
}

/* ---- lockstep location ------------------------------------------------------ */

typedef struct {
    uintptr_t node;
    size_t index; /* into the caller's nodes[] */
} wanted;

typedef struct {
    const char *text;
    size_t len, pos;
    const wanted *want; /* sorted by node address */
    size_t n, remaining;
    size_t *offsets;
    bool names; /* an object's member is found at its name, not its value */
} locator;

static void loc_ws(locator *l)
{
    while (l->pos < l->len) {
        char ch = l->text[l->pos];
        if (ch != ' ' && ch != '\t' && ch != '\n' && ch != '\r')
            break;
        l->pos++;
    }
}

static void loc_string(locator *l)
{
    l->pos++;
    while (l->pos < l->len && l->text[l->pos] != '"')
        l->pos += l->text[l->pos] == '\\' ? 2 : 1;
    l->pos++;
}

static void mark(locator *l, const cJSON *node)
{
    /* Binary search for the first entry of this node, then mark every copy. */
    uintptr_t key = (uintptr_t)node;
    size_t lo = 0, hi = l->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (l->want[mid].node < key)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (; lo < l->n && l->want[lo].node == key; lo++) {
        l->offsets[l->want[lo].index] = l->pos;
        l->remaining--;
    }
}

static void loc_value(locator *l, const cJSON *node)
{
    loc_ws(l);
    if (l->pos >= l->len || !l->remaining)
        return; /* nothing left to find: stop walking */
    if (node && !(l->names && node->string))
        mark(l, node);
    char ch = l->text[l->pos];
    if (ch == '{' || ch == '[') {
        char close = ch == '{' ? '}' : ']';
        const cJSON *child = node ? node->child : NULL;
        l->pos++;
        for (;;) {
            loc_ws(l);
            if (l->pos >= l->len || l->text[l->pos] == close) {
                l->pos++;
                return;
            }
            if (l->text[l->pos] == ',') {
                l->pos++;
                continue;
            }
            if (close == '}') {
                if (l->names && child)
                    mark(l, child); /* (at the name's opening quote) */
                loc_string(l);
                loc_ws(l);
                l->pos++; /* ':' */
            }
            loc_value(l, child);
            if (!l->remaining)
                return;
            if (child)
                child = child->next;
        }
    }
    if (ch == '"') {
        loc_string(l);
        return;
    }
    while (l->pos < l->len && !strchr(",]} \t\r\n", l->text[l->pos]))
        l->pos++;
}

static int by_node(const void *a, const void *b)
{
    const wanted *x = a, *y = b;
    if (x->node != y->node)
        return x->node < y->node ? -1 : 1;
    return x->index < y->index ? -1 : x->index > y->index;
}

static void locate(const char *text, size_t len, const cJSON *root, const cJSON *const *nodes,
                   size_t *offsets, size_t n, bool names)
{
    for (size_t i = 0; i < n; i++)
        offsets[i] = SIZE_MAX;
    if (!n)
        return;
    wanted *want = malloc(n * sizeof *want);
    if (!want)
        return;
    for (size_t i = 0; i < n; i++)
        want[i] = (wanted){.node = (uintptr_t)nodes[i], .index = i};
    qsort(want, n, sizeof *want, by_node);
    locator l = {.text = text, .len = len, .pos = ly_json_bom(text, len), .want = want, .n = n,
                 .remaining = n, .offsets = offsets, .names = names};
    loc_value(&l, root);
    free(want);
}

void ly_json_locate(const char *text, size_t len, const cJSON *root, const cJSON *const *nodes,
                    size_t *offsets, size_t n)
{
    locate(text, len, root, nodes, offsets, n, false);
}

void ly_json_locate_names(const char *text, size_t len, const cJSON *root,
                          const cJSON *const *nodes, size_t *offsets, size_t n)
{
    locate(text, len, root, nodes, offsets, n, true);
}

/* ---- small JSON files ----------------------------------------------------- */

double ly_json_metres(double m)
{
    return round(m * 1000) / 1000;
}

const char *ly_json_kind(const cJSON *v)
{
    if (cJSON_IsString(v))
        return "a string";
    if (cJSON_IsNumber(v))
        return "a number";
    if (cJSON_IsBool(v))
        return cJSON_IsTrue(v) ? "true" : "false";
    if (cJSON_IsNull(v))
        return "null";
    if (cJSON_IsArray(v))
        return "an array";
    return "an object";
}

int ly_json_doc_load(ly_json_doc *doc, const char *path, size_t max_bytes, int max_depth,
                     bool missing_ok, ly_diag_list *diags)
{
    *doc = (ly_json_doc){.diags = diags};
    ly_file_result r = ly_file_read(path, max_bytes, missing_ok, &doc->text, &doc->len, diags);
    if (r == LY_FILE_MISSING && missing_ok)
        return 1;
    if (r != LY_FILE_OK)
        return -1;
    ly_json_error jerr;
    if (ly_json_check(doc->text, doc->len, max_depth, &jerr)) {
        ly_diag_add(diags, LY_DIAG_ERROR, jerr.offset, -1, "not valid JSON: %s", jerr.message);
        return -1;
    }
    size_t bom = ly_json_bom(doc->text, doc->len);
    doc->root = cJSON_ParseWithLength(doc->text + bom, doc->len - bom);
    if (!doc->root) {
        ly_diag_add(diags, LY_DIAG_ERROR, SIZE_MAX, -1, "out of memory");
        return -1;
    }
    return 0;
}

static void problem(ly_json_doc *doc, const cJSON *at, bool name, const char *fmt, va_list ap)
{
    char what[600];
    vsnprintf(what, sizeof what, fmt, ap);
    doc->problems++;
    size_t offset = SIZE_MAX;
    if (at && doc->root)
        locate(doc->text, doc->len, doc->root, &at, &offset, 1, name);
    ly_diag_add(doc->diags, LY_DIAG_ERROR, offset, -1, "%s", what);
}

void ly_json_doc_problem(ly_json_doc *doc, const cJSON *at, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    problem(doc, at, false, fmt, ap);
    va_end(ap);
}

void ly_json_doc_problem_name(ly_json_doc *doc, const cJSON *at, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    problem(doc, at, true, fmt, ap);
    va_end(ap);
}

void ly_json_doc_unload(ly_json_doc *doc)
{
    if (doc->text)
        ly_diag_resolve_lines(doc->diags, doc->text, doc->len);
    cJSON_Delete(doc->root);
    free(doc->text);
    *doc = (ly_json_doc){0};
}
