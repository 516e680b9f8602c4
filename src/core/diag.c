#include "louyu/diag.h"
#include "louyu/log.h"
#include "louyu/arena.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

enum { DEFAULT_MAX_ITEMS = 1000 };

void ly_diag_list_init(ly_diag_list *list, const char *file)
{
    memset(list, 0, sizeof *list);
    list->file = strdup(file ? file : "<input>");
}

void ly_diag_list_clear(ly_diag_list *list)
{
    for (size_t i = 0; i < list->count; i++)
        free(list->items[i].message);
    list->count = 0;
    list->errors = list->warnings = list->skippable = 0;
    list->cut_short = false;
}

void ly_diag_list_deinit(ly_diag_list *list)
{
    if (!list)
        return;
    ly_diag_list_clear(list);
    free(list->items);
    free(list->file);
    memset(list, 0, sizeof *list);
}

ly_diag *ly_diag_add(ly_diag_list *list, ly_diag_severity sev, size_t offset, long feature,
                     const char *fmt, ...)
{
    if (sev == LY_DIAG_ERROR)
        list->errors++;
    else
        list->warnings++;
    size_t max = list->max_items ? list->max_items : DEFAULT_MAX_ITEMS;
    if (list->count >= max)
        return NULL;
    if (ly_array_reserve((void **)&list->items, &list->cap, list->count + 1, sizeof *list->items))
        return NULL;
    char raw[1024], buf[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(raw, sizeof raw, fmt, ap);
    va_end(ap);
    char *msg = strdup(ly_text_one_line(buf, sizeof buf, raw)); /* one line, whatever it quotes */
    if (!msg)
        return NULL;
    ly_diag *d = &list->items[list->count++];
    *d = (ly_diag){.severity = sev, .offset = offset, .feature = feature, .message = msg};
    return d;
}

static int by_offset(const void *a, const void *b)
{
    const ly_diag *x = *(ly_diag *const *)a, *y = *(ly_diag *const *)b;
    if (x->offset != y->offset)
        return x->offset < y->offset ? -1 : 1;
    return x < y ? -1 : (x > y);
}

void ly_diag_resolve_lines(ly_diag_list *list, const char *text, size_t len)
{
    if (!list->count)
        return;
    /* One pass over the text, visiting the entries in offset order. */
    ly_diag **order = malloc(list->count * sizeof *order);
    if (!order)
        return;
    for (size_t i = 0; i < list->count; i++)
        order[i] = &list->items[i];
    qsort(order, list->count, sizeof *order, by_offset);
    /* A byte-order mark is not a character of line 1. */
    size_t pos = len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    int line = 1, col = 1;
    for (size_t i = 0; i < list->count; i++) {
        ly_diag *d = order[i];
        if (d->offset == SIZE_MAX)
            continue;
        size_t target = d->offset < len ? d->offset : len;
        for (; pos < target; pos++) {
            unsigned char c = (unsigned char)text[pos];
            /* a line ends at LF, CR LF or a lone CR (old Mac spreadsheets) */
            if (c == '\n' || (c == '\r' && (pos + 1 >= len || text[pos + 1] != '\n'))) {
                line++;
                col = 1;
            } else if ((c & 0xC0) != 0x80) {
                col++; /* count characters: skip UTF-8 continuation bytes */
            }
        }
        d->line = line;
        d->col = col;
    }
    free(order);
}

static int by_position(const void *a, const void *b)
{
    const ly_diag *x = a, *y = b;
    if (x->offset != y->offset)
        return x->offset < y->offset ? -1 : 1;
    return 0;
}

void ly_diag_sort(ly_diag_list *list)
{
    /* Insertion sort keeps equal positions in the order they were found. */
    for (size_t i = 1; i < list->count; i++) {
        ly_diag tmp = list->items[i];
        size_t j = i;
        while (j > 0 && by_position(&list->items[j - 1], &tmp) > 0) {
            list->items[j] = list->items[j - 1];
            j--;
        }
        list->items[j] = tmp;
    }
}

void ly_diag_print(FILE *out, const ly_diag_list *list, const ly_diag *d)
{
    const char *sev = d->severity == LY_DIAG_ERROR ? "error" : "warning";
    if (d->line > 0)
        fprintf(out, "%s:%d:%d: %s: %s\n", list->file, d->line, d->col, sev, d->message);
    else
        fprintf(out, "%s: %s: %s\n", list->file, sev, d->message);
}

void ly_diag_demote(ly_diag_list *list, size_t from, size_t errors_before, const char *suffix)
{
    size_t add = strlen(suffix);
    for (size_t i = from; i < list->count; i++) {
        ly_diag *dg = &list->items[i];
        if (dg->severity != LY_DIAG_ERROR)
            continue;
        dg->severity = LY_DIAG_WARNING;
        size_t n = strlen(dg->message);
        char *grown = realloc(dg->message, n + add + 1);
        if (grown) { /* (without memory: the message as it was) */
            memcpy(grown + n, suffix, add + 1);
            dg->message = grown;
        }
    }
    size_t moved = list->errors - errors_before;
    list->errors = errors_before;
    list->warnings += moved;
}
