/* For tests of loaders that report through a ly_diag_list: the text their
 * diagnostics print, as one string. */
#ifndef LOUYU_TESTS_CHECK_DIAG_H
#define LOUYU_TESTS_CHECK_DIAG_H

#include "louyu/diag.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What ly_diag_print writes for every entry, one line each, into buf (cut to n,
 * always NUL-terminated when n > 0); buf may be NULL. */
static void check_diag_text(const ly_diag_list *diags, char *buf, size_t n)
{
    if (!buf || !n)
        return;
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    if (f) {
        for (size_t i = 0; i < diags->count; i++)
            ly_diag_print(f, diags, &diags->items[i]);
        fclose(f);
    }
    snprintf(buf, n, "%s", text ? text : "");
    free(text);
}

#endif
