/* ly_diag: line and column from offsets (columns count characters), the cap
 * on stored entries, sorting and printing. */
#include "check.h"
#include "louyu/diag.h"

#include <stdint.h>

int main(void)
{
    const char *text = "ab\n湛山x\n\nend";
    ly_diag_list l;
    ly_diag_list_init(&l, "f.json");
    ly_diag_add(&l, LY_DIAG_ERROR, (size_t)(strchr(text, 'x') - text), 3, "x here");
    ly_diag_add(&l, LY_DIAG_WARNING, 0, -1, "start");
    ly_diag_add(&l, LY_DIAG_ERROR, (size_t)(strstr(text, "end") - text), -1, "end here");
    ly_diag_add(&l, LY_DIAG_ERROR, SIZE_MAX, -1, "nowhere");
    ly_diag_resolve_lines(&l, text, strlen(text));
    CHECK_INT(l.items[0].line, 2);
    CHECK_INT(l.items[0].col, 3); /* 湛 and 山 are one column each */
    CHECK_INT(l.items[1].line, 1);
    CHECK_INT(l.items[1].col, 1);
    CHECK_INT(l.items[2].line, 4);
    CHECK_INT(l.items[2].col, 1);
    CHECK_INT(l.items[3].line, 0);
    CHECK_INT(l.errors, 3);
    CHECK_INT(l.warnings, 1);
    ly_diag_sort(&l);
    CHECK_STR(l.items[0].message, "start");
    CHECK_STR(l.items[3].message, "nowhere");

    char buf[256] = "";
    FILE *f = fmemopen(buf, sizeof buf, "w");
    ly_diag_print(f, &l, &l.items[1]);
    ly_diag_print(f, &l, &l.items[3]);
    fclose(f);
    CHECK_STR(buf, "f.json:2:3: error: x here\nf.json: error: nowhere\n");

    /* The cap stores the first entries and counts all. */
    ly_diag_list_clear(&l);
    l.max_items = 5;
    for (int i = 0; i < 20; i++)
        ly_diag_add(&l, LY_DIAG_ERROR, (size_t)i, -1, "e%d", i);
    CHECK_INT(l.count, 5);
    CHECK_INT(l.errors, 20);
    ly_diag_list_deinit(&l);
    CHECK(l.items == NULL && l.count == 0);
    ly_diag_list_deinit(&l); /* twice is fine */
    return check_report();
}
