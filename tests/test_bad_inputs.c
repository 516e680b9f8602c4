/* Every file under tests/data/bad/ must fail to load with exactly the
 * diagnostics listed in its .expected file (one "FILE:LINE:COL: error: MSG"
 * per line, in order), and must leave no district behind. */
#include "check.h"
#include "louyu/district.h"

#include <dirent.h>

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void run_one(const char *dir, const char *name)
{
    char path[1024], exp_path[1024];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    snprintf(exp_path, sizeof exp_path, "%s/%.*s.expected", dir,
             (int)(strlen(name) - strlen(".geojson")), name);
    size_t len = 0;
    char *text = check_read_file(path, &len);
    char *expected = check_read_file(exp_path, NULL);
    if (!text || !expected) {
        fprintf(stderr, "%s: missing the input or its .expected file\n", name);
        CHECK(0);
        free(text);
        free(expected);
        return;
    }
    ly_diag_list diags;
    ly_diag_list_init(&diags, name);
    ly_district d;
    ly_load_result r = ly_district_load_mem(&d, text, len, name, NULL, &diags);
    ly_diag_sort(&diags);
    char got[16384] = "";
    FILE *f = fmemopen(got, sizeof got - 1, "w");
    for (size_t i = 0; i < diags.count; i++)
        ly_diag_print(f, &diags, &diags.items[i]);
    fclose(f);
    if (r != LY_LOAD_DATA || strcmp(got, expected) != 0)
        fprintf(stderr, "--- %s (result %d)\n  got:\n%s  expected:\n%s", name, (int)r, got,
                expected);
    CHECK_INT(r, LY_LOAD_DATA);
    CHECK_STR(got, expected);
    CHECK(d.buildings == NULL && d.n_buildings == 0 && d.points == NULL);
    ly_diag_list_deinit(&diags);
    free(text);
    free(expected);
}

int main(void)
{
    const char *dir = LY_SOURCE_DIR "/tests/data/bad";
    DIR *dh = opendir(dir);
    CHECK(dh != NULL);
    if (!dh)
        return check_report();
    char *names[512];
    int n = 0;
    struct dirent *e;
    while ((e = readdir(dh)) && n < 512) {
        size_t l = strlen(e->d_name);
        if (l > 8 && strcmp(e->d_name + l - 8, ".geojson") == 0)
            names[n++] = strdup(e->d_name);
    }
    closedir(dh);
    qsort(names, (size_t)n, sizeof *names, by_name);
    for (int i = 0; i < n; i++) {
        run_one(dir, names[i]);
        free(names[i]);
    }
    printf("%d malformed inputs checked\n", n);
    CHECK(n >= 40);
    return check_report();
}
