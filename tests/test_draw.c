/* ly_draw: shapes and text become indexed triangles with solid or atlas UVs;
 * clip changes start new commands; strings: every id has both languages; grouped figures. */
#include "check.h"
#include "louyu/district.h" /* LY_POI_* */
#include "louyu/draw.h"
#include "louyu/strings.h"

/* The alpha the list's triangles give the point x, y: interpolated over the first
 * triangle that holds it; 0 when none does. */
static double coverage(const ly_drawlist *dl, float x, float y)
{
    for (size_t i = 0; i + 2 < dl->n_indices; i += 3) {
        const ly_draw_vertex *a = &dl->vertices[dl->indices[i]];
        const ly_draw_vertex *b = &dl->vertices[dl->indices[i + 1]];
        const ly_draw_vertex *c = &dl->vertices[dl->indices[i + 2]];
        double d = (double)(b->y - c->y) * (a->x - c->x) + (double)(c->x - b->x) * (a->y - c->y);
        if (d == 0)
            continue;
        double l0 = ((double)(b->y - c->y) * (x - c->x) + (double)(c->x - b->x) * (y - c->y)) / d;
        double l1 = ((double)(c->y - a->y) * (x - c->x) + (double)(a->x - c->x) * (y - c->y)) / d;
        double l2 = 1 - l0 - l1;
        if (l0 >= -1e-6 && l1 >= -1e-6 && l2 >= -1e-6)
            return l0 * a->rgba[3] + l1 * b->rgba[3] + l2 * c->rgba[3];
    }
    return 0;
}

int main(void)
{
    ly_drawlist dl;
    ly_draw_init(&dl, NULL);
    ly_draw_rect(&dl, 10, 20, 30, 40, ly_rgba(1, 2, 3, 255));
    CHECK_INT(dl.n_vertices, 4);
    CHECK_INT(dl.n_indices, 6);
    CHECK_NEAR(dl.vertices[2].x, 40, 0);
    CHECK_NEAR(dl.vertices[2].y, 60, 0);
    CHECK(dl.vertices[0].u < 0); /* solid */
    CHECK_INT(dl.vertices[0].rgba[2], 3);
    ly_draw_rect(&dl, 0, 0, 0, 5, ly_rgba(1, 1, 1, 255)); /* empty: nothing */
    ly_draw_rect(&dl, 0, 0, 5, 5, ly_rgba(1, 1, 1, 0));   /* invisible: nothing */
    CHECK_INT(dl.n_vertices, 4);
    ly_draw_round_rect(&dl, 0, 0, 100, 50, 10, ly_rgba(9, 9, 9, 255));
    /* every vertex of the rounded rectangle lies inside its box */
    bool inside = true;
    for (uint32_t i = 4; i < dl.n_vertices; i++)
        inside &= dl.vertices[i].x >= -1e-3f && dl.vertices[i].x <= 100.001f &&
                  dl.vertices[i].y >= -1e-3f && dl.vertices[i].y <= 50.001f;
    CHECK(inside);
    for (size_t i = 0; i < dl.n_indices; i++)
        CHECK(dl.indices[i] < dl.n_vertices);
    CHECK_INT(dl.n_cmds, 1);
    ly_draw_set_clip(&dl, (ly_draw_clip){0, 0, 50, 50});
    ly_draw_circle(&dl, 25, 25, 10, ly_rgba(1, 1, 1, 255));
    ly_draw_ring(&dl, 25, 25, 10, 2, ly_rgba(1, 1, 1, 255));
    ly_draw_line(&dl, 0, 0, 10, 10, 2, ly_rgba(1, 1, 1, 255));
    ly_draw_shadow(&dl, 0, 0, 20, 20, 4, 6, 0, ly_rgba(0, 0, 0, 80));
    CHECK_INT(dl.n_cmds, 2);
    CHECK_INT(dl.cmds[1].clip.w, 50);
    size_t total = 0;
    for (size_t i = 0; i < dl.n_cmds; i++)
        total += dl.cmds[i].count;
    CHECK_INT(total, dl.n_indices);
    /* a hollow shadow: its core is a ring `hollow` wide; the middle, which the shape
     * drawn over it hides, is not drawn; the fading edge is as before */
    {
        ly_drawlist h;
        ly_draw_init(&h, NULL);
        ly_draw_shadow(&h, 10, 10, 100, 60, 8, 6, 3, ly_rgba(0, 0, 0, 80));
        for (size_t i = 0; i < h.n_indices; i++)
            CHECK(h.indices[i] < h.n_vertices);
        /* opaque in the ring (1 px in, and at 2.5 px in at a corner's diagonal), nothing
         * at 3.5 px in and at the middle, fading from the edge out to 6 px beyond */
        CHECK_NEAR(coverage(&h, 60, 11), 80, 0.5);
        CHECK_NEAR(coverage(&h, 11, 40), 80, 0.5);
        CHECK_NEAR(coverage(&h, 10 + 8 - 5.5f * 0.7071f, 10 + 8 - 5.5f * 0.7071f), 80, 0.5);
        CHECK_NEAR(coverage(&h, 60, 13.5f), 0, 0);
        CHECK_NEAR(coverage(&h, 60, 40), 0, 0);
        CHECK_NEAR(coverage(&h, 60, 7), 40, 1.5);
        CHECK_NEAR(coverage(&h, 60, 3.5f), 0, 0);
        /* without a hollow the middle is drawn too; a hollow too wide for the shape is none */
        ly_draw_clear(&h);
        ly_draw_shadow(&h, 10, 10, 100, 60, 8, 6, 0, ly_rgba(0, 0, 0, 80));
        CHECK_NEAR(coverage(&h, 60, 40), 80, 0.5);
        ly_draw_clear(&h);
        ly_draw_shadow(&h, 10, 10, 100, 60, 8, 6, 31, ly_rgba(0, 0, 0, 80));
        CHECK_NEAR(coverage(&h, 60, 40), 80, 0.5);
        ly_draw_deinit(&h);
    }
    /* text without a font draws nothing and does not crash */
    CHECK_NEAR(ly_draw_text(&dl, 0, 0, 12, ly_rgba(0, 0, 0, 255), "湛山"), 0, 0);
    ly_draw_clear(&dl);
    CHECK_INT(dl.n_vertices, 0);
    CHECK_INT(dl.n_cmds, 0);
    ly_draw_deinit(&dl);

    for (int id = 0; id < LY_S_COUNT; id++) {
        const char *zh = ly_str((ly_string_id)id, LY_LANG_ZH);
        const char *en = ly_str((ly_string_id)id, LY_LANG_EN);
        CHECK(zh && en && *zh && *en && strcmp(zh, "?") && strcmp(en, "?"));
    }
    CHECK_INT(ly_lang_parse("en_US.UTF-8"), LY_LANG_EN);
    CHECK_INT(ly_lang_parse("zh-CN"), LY_LANG_ZH);
    CHECK_STR(ly_lang_code(LY_LANG_EN), "en");
    /* grouped figures round halves away from 0, as round() does for the JSON beside them
     * (printf's %.0f gave 3,480 for 3480.5, the JSON 3481) */
    char g[32];
    ly_format_grouped(3480.5, g, sizeof g);
    CHECK_STR(g, "3,481");
    ly_format_grouped(2.5, g, sizeof g);
    CHECK_STR(g, "3");
    ly_format_grouped(-1234567.5, g, sizeof g);
    CHECK_STR(g, "-1,234,568");
    ly_format_grouped(-0.4, g, sizeof g);
    CHECK_STR(g, "0");
    /* floors as each language writes them, runs of three or more as a range, and what
     * does not fit said as " … +N" (an enterprise on floors 100-130 had been "100, 101, …
     * 106F" with nothing to say the rest were left out) */
    {
        int fl[40] = {26, 28, 29};
        for (int i = 0; i < 31; i++)
            fl[3 + i] = 100 + i;
        char f[96];
        CHECK_STR(ly_format_floors(fl, 34, LY_LANG_EN, f, sizeof f), "26F, 28F, 29F, 100–130F");
        CHECK_STR(ly_format_floors(fl, 34, LY_LANG_ZH, f, sizeof f),
                  "26 层、28 层、29 层、100–130 层");
        CHECK_STR(ly_format_floors(fl, 0, LY_LANG_EN, f, sizeof f), "");
        int odd[12] = {1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23};
        CHECK_STR(ly_format_floors(odd, 12, LY_LANG_EN, f, 24), "1F, 3F, 5F, 7F … +8");
    }
    /* "opened" in Chinese: a station 开通, a bank 开业 (the query had said 启用, the Nearby
     * tab 开业, for the same metro station) */
    CHECK_STR(ly_str(ly_str_opened(LY_S_OPENED_IN, LY_POI_METRO), LY_LANG_ZH), "%d 年开通");
    CHECK_STR(ly_str(ly_str_opened(LY_S_OPENED_IN, LY_POI_BANK), LY_LANG_ZH), "%d 年开业");
    CHECK_STR(ly_str(ly_str_opened(LY_S_Q_POI_LATER, LY_POI_BUS), LY_LANG_EN),
              ly_str(LY_S_Q_POI_LATER, LY_LANG_EN));
    CHECK(ly_str_opened(LY_S_OPENED_IN, LY_POI_HOTEL) == LY_S_OPENED_IN);
    /* a data date as each language writes it (the title had said 2011-04-29 in both) */
    CHECK_STR(ly_format_date("2011-04-29", LY_LANG_ZH, g, sizeof g), "2011年4月29日");
    CHECK_STR(ly_format_date("2011-04-29", LY_LANG_EN, g, sizeof g), "29 Apr 2011");
    CHECK_STR(ly_format_date("spring 2011", LY_LANG_EN, g, sizeof g), "spring 2011");
    CHECK(ly_format_date(NULL, LY_LANG_EN, g, sizeof g) == NULL);
    return check_report();
}
