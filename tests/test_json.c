/* ly_json: the grammar check names the first problem and its offset; the
 * locator finds the offsets of cJSON nodes. */
#include "check.h"
#include "louyu/json.h"

#include <cjson/cJSON.h>
#include <stdint.h>

static void expect_error_n(const char *text, size_t len, size_t offset, const char *msg_start)
{
    ly_json_error e;
    int rc = ly_json_check(text, len, 8, &e);
    CHECK_INT(rc, -1);
    if (rc == 0)
        return;
    if (e.offset != offset)
        fprintf(stderr, "  text %s: offset %zu, expected %zu (%s)\n", text, e.offset, offset,
                e.message);
    CHECK_INT(e.offset, offset);
    if (strncmp(e.message, msg_start, strlen(msg_start)) != 0)
        fprintf(stderr, "  message: %s\n  expected to start with: %s\n", e.message, msg_start);
    CHECK(strncmp(e.message, msg_start, strlen(msg_start)) == 0);
}

static void expect_error(const char *text, size_t offset, const char *msg_start)
{
    expect_error_n(text, strlen(text), offset, msg_start);
}

static void expect_ok(const char *text)
{
    ly_json_error e;
    int rc = ly_json_check(text, strlen(text), 8, &e);
    if (rc)
        fprintf(stderr, "  unexpected error in %s: %s at %zu\n", text, e.message, e.offset);
    CHECK_INT(rc, 0);
}

/* Whether the check says the text ran out before its value was whole (a file still
 * being written reads so; one with a mistake in the middle does not). */
static void expect_cut(const char *text, bool cut)
{
    ly_json_error e = {0};
    CHECK(ly_json_check(text, strlen(text), 8, &e) != 0);
    if (e.cut_short != cut)
        fprintf(stderr, "cut_short of [%s]: %d, expected %d\n", text, e.cut_short, cut);
    CHECK(e.cut_short == cut);
}

int main(void)
{
    expect_cut("", true);
    expect_cut("{\"type\": \"FeatureCollection\", \"features\": [", true);
    expect_cut("{\"a\": [1, 2,", true);
    expect_cut("{\"a\": \"half a na", true);
    expect_cut("{\"a\": 12.", true);
    expect_cut("{\"a\": \"\xe6\xb9", true); /* (inside a Chinese character) */
    expect_cut("{\"a\": [1 2]}", false);
    expect_cut("{\"a\": 1,}", false);
    expect_cut("{\"a\": 1} x", false);
    expect_cut("{\"a\": \"\xff\"}", false);
    expect_ok("{}");
    expect_ok(" [1, -2.5e+3, 0, \"a\\u00e9\\n\", true, false, null, {\"k\": []}] ");
    expect_ok("\xEF\xBB\xBF{\"bom\": 1}");
    expect_ok("{\"名\": \"湛山街道\"}");

    expect_error("", 0, "unexpected end of file: expected a value");
    expect_error("{\"a\": 1,}", 7, "trailing ',' before '}'");
    expect_error("[1 2]", 3, "expected ',' or ']' after an array element, found '2'");
    expect_error("{\"a\" 1}", 5, "expected ':' after the member name, found '1'");
    expect_error("{a: 1}", 1, "expected a member name in double quotes, found 'a'");
    expect_error("[01]", 1, "invalid number: a leading zero");
    expect_error("[1.]", 3, "invalid number: expected a digit after '.'");
    expect_error("[-]", 2, "invalid number: expected a digit");
    expect_error("[1e]", 3, "invalid number: expected a digit in the exponent");
    expect_error("[tru]", 1, "invalid literal: expected true");
    expect_error("['x']", 1, "found a single quote");
    expect_error("[\"a\nb\"]", 3, "control character U+000A inside a string");
    expect_error("[\"\\x\"]", 2, "invalid escape in a string");
    expect_error("[\"\\u12G4\"]", 2, "invalid escape in a string: expected \\u and 4 hex");
    expect_error("[\"abc", 1, "unterminated string");
    expect_error("[1, 2", 0, "unclosed '[': expected ']' before the end of file");
    expect_error("{} x", 3, "unexpected 'x' after the end of the JSON value");
    expect_error("[[[[[[[[[1]]]]]]]]]", 8, "nesting deeper than 8 levels");
    expect_error("[\"\xC3\x28\"]", 2, "invalid UTF-8 (byte 0xC3)");
    expect_error("[\"\xED\xA0\x80\"]", 2, "invalid UTF-8 (byte 0xED)"); /* a surrogate */
    expect_error("[\"\xC0\xAF\"]", 2, "invalid UTF-8 (byte 0xC0)");     /* overlong */
    /* a file cut inside a character says so (it had been "invalid UTF-8") */
    expect_error("[\"\xE5\x9C", 2, "the file ends inside a character (byte 0xE5 begins one of "
                 "3 bytes; 2 of them are here)");
    expect_error("[\"\xF0", 2, "the file ends inside a character");
    expect_error("[\"\xE5\x9C \"]", 2, "invalid UTF-8 (byte 0xE5)"); /* not at the end */
    expect_error("[\"\xE0\x80", 2, "invalid UTF-8 (byte 0xE0)"); /* never a character's start */
    expect_error_n("[1]\x00", 4, 3, "NUL byte");

    /* Lockstep location: offsets of values, including duplicate keys. */
    const char *text = "{\n  \"a\": [10, {\"b\": \"x\"}],\n  \"a\": 7,\n  \"c\": null\n}";
    cJSON *root = cJSON_Parse(text);
    CHECK(root != NULL);
    const cJSON *a = root->child;            /* [10, {...}] */
    const cJSON *ten = a->child;             /* 10 */
    const cJSON *bx = a->child->next->child; /* "x" */
    const cJSON *a2 = a->next;               /* 7 */
    const cJSON *c = a2->next;               /* null */
    const cJSON *nodes[] = {c, ten, bx, a2, root, a, ten};
    size_t off[7];
    ly_json_locate(text, strlen(text), root, nodes, off, 7);
    CHECK_INT(off[0], (size_t)(strstr(text, "null") - text));
    CHECK_INT(off[1], (size_t)(strstr(text, "10") - text));
    CHECK_INT(off[2], (size_t)(strstr(text, "\"x\"") - text));
    CHECK_INT(off[3], (size_t)(strstr(text, "7") - text));
    CHECK_INT(off[4], 0);
    CHECK_INT(off[5], (size_t)(strchr(text, '[') - text));
    CHECK_INT(off[6], off[1]);
    /* A node from another tree is not found. */
    cJSON *other = cJSON_CreateNull();
    const cJSON *alien[] = {other};
    ly_json_locate(text, strlen(text), root, alien, off, 1);
    CHECK(off[0] == SIZE_MAX);
    cJSON_Delete(other);
    cJSON_Delete(root);
    return check_report();
}
