/* ly_ui: clicks need a press and a release on the same widget without a drag;
 * ids, panels and the pointer; wrapping of English and Chinese (kinsoku);
 * a scrolling list (wheel, clamps, flings, clipping); tabs, chips, toggles,
 * a text field and the on-screen keyboard; scaling. Driven by synthetic
 * events, no GL. Needs a font covering Chinese (fonts-noto-cjk). */
#include "check.h"
#include "louyu/ui.h"

enum { W = 800, H = 600 };

static ly_font *font;
static ly_drawlist dl;
static ly_ui ui;

typedef void (*build_fn)(ly_ui *ui, void *ctx);

static void frame_at(build_fn build, void *ctx, float scale)
{
    ly_draw_clear(&dl);
    ly_ui_begin_frame(&ui, W, H, scale, 1.0 / 60);
    build(&ui, ctx);
    ly_ui_end_frame(&ui);
}

static void frame(build_fn build, void *ctx)
{
    frame_at(build, ctx, 1);
}

static bool send(ly_event_type type, float x, float y)
{
    ly_event e = {.type = type, .x = x, .y = y, .button = LY_BUTTON_LEFT, .finger = 7};
    return ly_ui_input(&ui, &e);
}

static bool send_text(const char *s)
{
    ly_event e = {.type = LY_EV_TEXT};
    snprintf(e.text, sizeof e.text, "%s", s);
    return ly_ui_input(&ui, &e);
}

static bool send_key(ly_key k)
{
    ly_event e = {.type = LY_EV_KEY_DOWN, .key = k};
    return ly_ui_input(&ui, &e);
}

static float cx(ly_ui_rect r)
{
    return r.x + 0.5f * r.w;
}

static float cy(ly_ui_rect r)
{
    return r.y + 0.5f * r.h;
}

static void tap(build_fn build, void *ctx, float x, float y)
{
    send(LY_EV_FINGER_DOWN, x, y);
    frame(build, ctx);
    send(LY_EV_FINGER_UP, x, y);
    frame(build, ctx);
}

static void fresh(void)
{
    ly_ui_deinit(&ui);
    ly_ui_init(&ui, font, &dl);
}

/* ---- a label a little too long for its pill -------------------------------------- */

static const char TIGHT[] = "地图 8000×6000（PNG）";
static float tight_w; /* the panel's width */

static void build_tight(ly_ui *u, void *p)
{
    (void)p;
    ly_ui_panel_begin(u, "tight", 20, 20, tight_w, 200, NULL);
    ly_ui_button(u, TIGHT);
    ly_ui_panel_end(u);
}

/* A label 8 px wider than the row leaves a pill padded at its natural 14 px takes some of
 * that padding and shows whole (the Export… menu's "地图 8000×6000（PNG）" had been cut); a
 * label far too long is still cut, with an ellipsis. */
static void test_tight_button(void)
{
    fresh();
    tight_w = 600;
    frame(build_tight, NULL);
    size_t whole = dl.n_vertices;
    float natural = ly_ui_button_width(&ui, TIGHT);
    tight_w = natural - 8 + 2 * ui.theme.padding;
    frame(build_tight, NULL);
    CHECK_INT(dl.n_vertices, whole);
    tight_w = 0.6f * natural + 2 * ui.theme.padding;
    frame(build_tight, NULL);
    CHECK(dl.n_vertices < whole);
}

/* ---- buttons, ids, panels ---------------------------------------------------- */

typedef struct {
    int a, b;
    ly_ui_rect ra, rb, panel;
} buttons;

static void build_buttons(ly_ui *u, void *p)
{
    buttons *c = p;
    ly_ui_panel_begin(u, "card", 20, 20, 300, 200, NULL);
    ly_ui_push_id(u, "one");
    c->a += ly_ui_button(u, "OK");
    c->ra = ly_ui_last_rect(u);
    ly_ui_pop_id(u);
    ly_ui_push_id(u, "two");
    c->b += ly_ui_button(u, "OK");
    c->rb = ly_ui_last_rect(u);
    ly_ui_pop_id(u);
    ly_ui_panel_end(u);
}

static void test_buttons(void)
{
    fresh();
    buttons c = {0};
    frame(build_buttons, &c);
    CHECK(c.ra.w > 0 && c.ra.h > 0);
    CHECK(c.rb.y > c.ra.y); /* stacked */
    CHECK(ly_ui_wants_pointer(&ui, 25, 25));
    CHECK(ly_ui_wants_pointer(&ui, 319, 219));
    CHECK(!ly_ui_wants_pointer(&ui, 321, 100));
    CHECK(!ly_ui_wants_pointer(&ui, 500, 500));

    /* press and release inside: one click, on that button only */
    CHECK(send(LY_EV_MOUSE_DOWN, cx(c.ra), cy(c.ra)));
    frame(build_buttons, &c);
    CHECK_INT(c.a, 0);
    CHECK(send(LY_EV_MOUSE_UP, cx(c.ra), cy(c.ra)));
    frame(build_buttons, &c);
    CHECK_INT(c.a, 1);
    CHECK_INT(c.b, 0);

    /* released outside: no click, but the UI keeps the pointer until the release */
    send(LY_EV_MOUSE_DOWN, cx(c.ra), cy(c.ra));
    frame(build_buttons, &c);
    CHECK(send(LY_EV_MOUSE_MOVE, 600, 500));
    CHECK(ly_ui_wants_pointer(&ui, 600, 500));
    frame(build_buttons, &c);
    CHECK(send(LY_EV_MOUSE_UP, 600, 500));
    CHECK(!ly_ui_wants_pointer(&ui, 600, 500));
    frame(build_buttons, &c);
    CHECK_INT(c.a, 1);

    /* a drag beyond the slop and back: no click */
    send(LY_EV_MOUSE_DOWN, cx(c.ra), cy(c.ra));
    frame(build_buttons, &c);
    send(LY_EV_MOUSE_MOVE, cx(c.ra) + 30, cy(c.ra));
    frame(build_buttons, &c);
    send(LY_EV_MOUSE_MOVE, cx(c.ra), cy(c.ra));
    send(LY_EV_MOUSE_UP, cx(c.ra), cy(c.ra));
    frame(build_buttons, &c);
    CHECK_INT(c.a, 1);

    /* a small wobble within the slop still clicks; press and release in one frame too */
    send(LY_EV_MOUSE_DOWN, cx(c.ra), cy(c.ra));
    send(LY_EV_MOUSE_MOVE, cx(c.ra) + 3, cy(c.ra) + 2);
    send(LY_EV_MOUSE_UP, cx(c.ra) + 3, cy(c.ra) + 2);
    frame(build_buttons, &c);
    CHECK_INT(c.a, 2);

    /* the same label under another id is another button; a finger works like the mouse */
    CHECK(send(LY_EV_FINGER_DOWN, cx(c.rb), cy(c.rb)));
    frame(build_buttons, &c);
    CHECK(send(LY_EV_FINGER_UP, cx(c.rb), cy(c.rb)));
    frame(build_buttons, &c);
    CHECK_INT(c.a, 2);
    CHECK_INT(c.b, 1);
    frame(build_buttons, &c);
    CHECK(ui.hot == 0); /* a lifted finger hovers nothing */

    /* the map gets what is not over a panel */
    CHECK(!send(LY_EV_MOUSE_DOWN, 600, 500));
    CHECK(!send(LY_EV_MOUSE_UP, 600, 500));
    ly_event notch = {.type = LY_EV_WHEEL, .x = 600, .y = 500, .dy = 1};
    CHECK(!ly_ui_input(&ui, &notch));
    notch.x = 100;
    notch.y = 100;
    CHECK(ly_ui_input(&ui, &notch));
    CHECK(!send_text("a")); /* no field has focus */
    frame(build_buttons, &c);
    CHECK_INT(c.a, 2);
    CHECK_INT(c.b, 1);

    /* the buttons' ids differ, and their rects are kept for the next frame */
    ly_ui_push_id(&ui, "card");
    ly_ui_push_id(&ui, "one");
    ly_ui_id ida = ly_ui_get_id(&ui, "OK");
    ly_ui_pop_id(&ui);
    ly_ui_push_id(&ui, "two");
    ly_ui_id idb = ly_ui_get_id(&ui, "OK");
    ly_ui_pop_id(&ui);
    ly_ui_pop_id(&ui);
    CHECK(ida != idb);
    ly_ui_rect r;
    CHECK(ly_ui_find_rect(&ui, ida, &r) && r.y == c.ra.y);
    CHECK(ly_ui_find_rect(&ui, idb, &r) && r.y == c.rb.y);
}

/* ---- scaling ----------------------------------------------------------------- */

static void test_scale(void)
{
    fresh();
    buttons c = {0};
    frame_at(build_buttons, &c, 1);
    ly_ui_rect r1 = c.ra;
    frame_at(build_buttons, &c, 2);
    ly_ui_rect r2 = c.ra;
    CHECK_NEAR(r2.x, 2 * r1.x, 1e-3);
    CHECK_NEAR(r2.y, 2 * r1.y, 1e-3);
    CHECK_NEAR(r2.h, 2 * r1.h, 1e-3);
    CHECK_NEAR(r2.w, 2 * r1.w, 2); /* text widths round per glyph */
    CHECK(ly_ui_wants_pointer(&ui, 2 * 300, 2 * 200));
    CHECK(!ly_ui_wants_pointer(&ui, 2 * 330, 2 * 200));
    /* clicks work at 2x too */
    send(LY_EV_FINGER_DOWN, cx(r2), cy(r2));
    send(LY_EV_FINGER_UP, cx(r2), cy(r2));
    frame_at(build_buttons, &c, 2);
    CHECK_INT(c.a, 1);
}

/* ---- text wrapping ----------------------------------------------------------- */

static size_t count_glyphs(const char *s, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        k += ((unsigned char)s[i] & 0xC0) != 0x80 && s[i] != ' ';
    return k;
}

static bool starts_with(const char *s, const char *p)
{
    return strncmp(s, p, strlen(p)) == 0;
}

static bool ends_with(const char *s, size_t n, const char *p)
{
    size_t k = strlen(p);
    return n >= k && memcmp(s + n - k, p, k) == 0;
}

/* Every line fits and keeps its glyphs; returns the number of lines. */
static size_t check_wrap(const char *text, float px, float width, ly_ui_line *lines, size_t cap)
{
    size_t n = ly_ui_wrap(font, text, px, width, lines, cap);
    CHECK(n > 1 && n <= cap);
    size_t glyphs = 0;
    char buf[512];
    for (size_t i = 0; i < n && i < cap; i++) {
        CHECK(lines[i].width <= width);
        memcpy(buf, text + lines[i].start, lines[i].len);
        buf[lines[i].len] = '\0';
        CHECK(ly_font_measure(font, buf, px) <= width + 0.5f);
        CHECK(lines[i].len > 0 && buf[0] != ' ' && buf[lines[i].len - 1] != ' ');
        CHECK(!starts_with(buf, "，") && !starts_with(buf, "。") && !starts_with(buf, "、"));
        CHECK(!ends_with(buf, lines[i].len, "（") && !ends_with(buf, lines[i].len, "「"));
        glyphs += count_glyphs(buf, lines[i].len);
    }
    CHECK_INT(glyphs, count_glyphs(text, strlen(text)));
    return n;
}

static void test_wrap(void)
{
    ly_ui_line lines[64];
    const char *en = "The district has twenty-three office towers with more than a thousand "
                     "companies, and nine of them are grade A buildings near the metro.";
    size_t n = check_wrap(en, 16, 200, lines, 64);
    CHECK(n >= 4);
    /* breaks only at spaces: the lines joined with single spaces give the text back */
    char joined[512] = "";
    for (size_t i = 0; i < n; i++) {
        if (i) strcat(joined, " ");
        strncat(joined, en + lines[i].start, lines[i].len);
        /* greedy: the next word would not have fit */
        if (i + 1 < n) {
            const char *next = en + lines[i + 1].start;
            size_t wl = strcspn(next, " ");
            char probe[512];
            snprintf(probe, sizeof probe, "%.*s %.*s", (int)lines[i].len, en + lines[i].start,
                     (int)wl, next);
            CHECK(ly_font_measure(font, probe, 16) > 200);
        }
    }
    CHECK_STR(joined, en);

    const char *zh = "楼宇经济是城市发展的重要引擎，本街道共有写字楼二十三栋。其中甲级写字楼九栋，"
                     "入驻企业超过一千家、从业人员约三万人；空置率逐年下降！（数据截至去年底）";
    n = check_wrap(zh, 16, 100, lines, 64);
    CHECK(n >= 8);
    /* between ideographs: the lines are full, about six 16-px characters each */
    CHECK(lines[0].width > 100 - 2 * 16);

    /* the comma would start line 2: the character before it moves down with it */
    n = ly_ui_wrap(font, "一二三四五，六七", 16, 5 * 16 + 1, lines, 64);
    CHECK_INT(n, 2);
    CHECK_INT(lines[0].len, 4 * 3);
    CHECK(starts_with("一二三四五，六七" + lines[1].start, "五，"));
    /* a number stays with the character after it: "7层" is not cut as "7" / "层" */
    const char *floors = "28层、24层、23层、7层";
    float to7 = ly_font_measure(font, "28层、24层、23层、7", 16);
    n = ly_ui_wrap(font, floors, 16, to7 + 1, lines, 64);
    CHECK_INT(n, 2);
    CHECK(starts_with(floors + lines[1].start, "7层"));
    /* and across the space the floor lists put between them: "7 层" */
    const char *spaced = "28 层、24 层、23 层、7 层";
    float to7s = ly_font_measure(font, "28 层、24 层、23 层、7 ", 16);
    n = ly_ui_wrap(font, spaced, 16, to7s + 1, lines, 64);
    CHECK_INT(n, 2);
    CHECK(starts_with(spaced + lines[1].start, "7 层"));
    /* a " · " between phrases ends a line, never starts the next ("zhanshan.gpkg" / "· 33
       buildings") */
    const char *dots = "the store.gpkg · 33 buildings";
    float to_gpkg = ly_font_measure(font, "the store.gpkg ", 16);
    n = ly_ui_wrap(font, dots, 16, to_gpkg + 2, lines, 64);
    for (size_t i = 0; i < n; i++)
        CHECK(!starts_with(dots + lines[i].start, "·"));
    /* an opening bracket stays with what follows it */
    n = ly_ui_wrap(font, "一二三四（五）", 16, 5 * 16 + 1, lines, 64);
    CHECK_INT(n, 2);
    CHECK_INT(lines[0].len, 4 * 3);
    /* a line that must break breaks after a " · " between phrases, not inside one,
       where that leaves the line at least half full */
    const char *rent = "3.25–15.50 CNY/m²/day · to be agreed";
    char head[64];
    snprintf(head, sizeof head, "%s", rent);
    head[strstr(rent, " to be") - rent] = '\0';
    float room = ly_font_measure(font, head, 16) + 0.6f * ly_font_measure(font, " to be", 16);
    n = check_wrap(rent, 16, room, lines, 64);
    CHECK_INT(n, 2);
    CHECK(ends_with(rent + lines[0].start, lines[0].len, "/day ·"));
    CHECK(starts_with(rent + lines[1].start, "to be agreed"));
    /* and before a bracket's phrase: a place name is not cut in two ("（青" / "岛…") */
    const char *crcc = "中铁青岛中心（青岛国际贸易中心）";
    n = check_wrap(crcc, 16, 11 * 16 + 1, lines, 64);
    CHECK_INT(n, 2);
    CHECK_INT(lines[0].len, strlen("中铁青岛中心"));
    const char *crcc_en = "China Railway Qingdao Center (Qingdao International Trade Center)";
    n = check_wrap(crcc_en, 16, ly_font_measure(font, "China Railway Qingdao Center (Qingdao", 16),
                   lines, 64);
    CHECK(n >= 2 && lines[0].len == strlen("China Railway Qingdao Center"));
    /* ... but not when the separator comes early: "A ·" alone would waste the line */
    n = ly_ui_wrap(font, "A · long phrase with many words in it", 16,
                   ly_font_measure(font, "A · long phrase with", 16) + 4, lines, 64);
    CHECK(lines[0].len > strlen("A ·"));
    /* a word longer than the line is cut; newlines break; nothing in, nothing out */
    n = ly_ui_wrap(font, "Supercalifragilistic", 16, 50, lines, 64);
    CHECK(n >= 3);
    CHECK_INT(ly_ui_wrap(font, "a\nb", 16, 500, lines, 64), 2);
    CHECK_INT(ly_ui_wrap(font, "", 16, 500, lines, 64), 0);
    /* without a font, widths are estimated the same way */
    CHECK(ly_ui_wrap(NULL, en, 16, 200, lines, 64) >= 4);
    /* more lines than room: the count is still right */
    CHECK_INT(ly_ui_wrap(font, zh, 16, 100, lines, 2), ly_ui_wrap(font, zh, 16, 100, NULL, 0));
}

static void build_para(ly_ui *u, void *p)
{
    ly_ui_rect *r = p;
    ly_ui_panel_begin(u, "para", 10, 10, 232, 0, NULL);
    ly_ui_text_wrapped(u, "楼宇经济是城市发展的重要引擎，本街道共有写字楼二十三栋。");
    *r = ly_ui_last_rect(u);
    ly_ui_panel_end(u);
}

static void test_paragraph(void)
{
    fresh();
    ly_ui_rect r;
    /* a self-sizing panel's first frame: its height is unknown, so it shows nothing
     * (no text without a card behind it) and asks for the next frame */
    frame(build_para, &r);
    CHECK_INT(dl.n_vertices, 0);
    CHECK(ly_ui_needs_frame(&ui));
    CHECK(ly_ui_panel_height(&ui, "para") > 40);
    frame(build_para, &r);
    CHECK(!ly_ui_needs_frame(&ui));
    /* 200 px of content at 15 px: more than one line, each line 15 * 1.35 px */
    CHECK_NEAR(r.w, 200, 1e-3);
    CHECK(r.h > 2 * 15 * 1.35f - 0.01f);
    CHECK_NEAR(fmodf(r.h, 15 * 1.35f), 0, 1e-3);
    CHECK(dl.n_vertices > 0 && !dl.failed);
}

/* A panel begun again in the same frame continues below its content: the card's
 * header and its tab's body come from different places. */
typedef struct {
    ly_ui_rect first, second;
    int clicks;
} continued;

static void build_continued(ly_ui *u, void *p)
{
    continued *c = p;
    ly_ui_panel_begin(u, "card", 10, 10, 300, 0, NULL);
    ly_ui_label(u, "header");
    c->first = ly_ui_last_rect(u);
    ly_ui_panel_end(u);
    ly_ui_panel_begin(u, "other", 400, 10, 100, 0, NULL);
    ly_ui_label(u, "elsewhere");
    ly_ui_panel_end(u);
    ly_ui_panel_begin(u, "card", 999, 999, 5, 0, NULL); /* where it is comes from the first */
    c->clicks += ly_ui_button(u, "body");
    c->second = ly_ui_last_rect(u);
    ly_ui_panel_end(u);
}

static void test_continued_panel(void)
{
    fresh();
    continued c = {0};
    frame(build_continued, &c);
    frame(build_continued, &c);
    CHECK(!ly_ui_needs_frame(&ui));
    CHECK_NEAR(c.second.x, c.first.x, 1e-3);
    CHECK(c.second.y >= c.first.y + c.first.h);
    /* one panel, as tall as both parts */
    CHECK_INT(ui.n_panels[!ui.cur], 2);
    float h = ly_ui_panel_height(&ui, "card");
    CHECK(h * ui.scale >= c.second.y + c.second.h - 10);
    /* the continued part is interactive, and the pointer over it is over the panel */
    tap(build_continued, &c, cx(c.second), cy(c.second));
    CHECK_INT(c.clicks, 1);
}

/* ---- a panel taller than the window ------------------------------------------- */

static void wheel(float x, float y, float dy);

typedef struct {
    bool open;
    int clicks[30];
    ly_ui_rect first, last, list;
} tall;

static void build_tall(ly_ui *u, void *p)
{
    tall *c = p;
    ly_ui_panel_begin(u, "tall", 10, 100, 300, 0, &c->open);
    if (c->open) {
        ly_ui_title(u, "Tall");
        for (int i = 0; i < 30; i++) {
            char label[32];
            snprintf(label, sizeof label, "Row %d", i);
            c->clicks[i] += ly_ui_button(u, label);
            if (!i)
                c->first = ly_ui_last_rect(u);
            if (i == 5) { /* a list inside it keeps the wheel over it */
                ly_ui_list_begin(u, "inner", 100);
                for (int k = 0; k < 10; k++)
                    ly_ui_label(u, "inner row");
                ly_ui_list_end(u);
                c->list = ly_ui_last_rect(u);
            }
        }
        c->last = ly_ui_last_rect(u);
    }
    ly_ui_panel_end(u);
}

static float panel_scroll(void)
{
    return ly_ui_list_scroll(&ui, ly_ui_get_id(&ui, "tall"));
}

static void test_tall_panel(void)
{
    fresh();
    static tall c;
    memset(&c, 0, sizeof c);
    c.open = true;
    frame(build_tall, &c);
    frame(build_tall, &c);
    /* it stops short of the window's bottom (the theme's edge); its content goes on */
    ly_ui_rect r = ui.panels[!ui.cur][0];
    CHECK_NEAR(r.y, 100, 1e-3);
    CHECK_NEAR(r.y + r.h, H - ui.theme.edge, 1e-3);
    CHECK(c.last.y > H);
    CHECK(ly_ui_panel_height(&ui, "tall") > 30 * 44); /* the content's whole height */
    CHECK(ly_ui_wants_pointer(&ui, 100, H - ui.theme.edge - 2));
    CHECK(!ly_ui_wants_pointer(&ui, 100, H - 4));
    CHECK_NEAR(panel_scroll(), 0, 0);

    /* the wheel over the list inside scrolls the list, not the panel */
    CHECK(c.list.y > r.y && c.list.y + c.list.h < r.y + r.h);
    wheel(cx(c.list), cy(c.list), -1);
    frame(build_tall, &c);
    frame(build_tall, &c);
    CHECK_NEAR(panel_scroll(), 0, 0);
    ly_ui_push_id(&ui, "tall");
    CHECK_NEAR(ly_ui_list_scroll(&ui, ly_ui_get_id(&ui, "inner")), 48, 1e-3);
    ly_ui_pop_id(&ui);

    /* the wheel over the panel scrolls it, clamped at the end */
    wheel(100, 150, -2);
    frame(build_tall, &c);
    frame(build_tall, &c);
    CHECK_NEAR(panel_scroll(), 96, 1e-3);
    CHECK_NEAR(c.first.y, 100 + 16 + 20 * 1.35f + 8 - 96, 2); /* the rows moved up */
    wheel(100, 150, -1000);
    frame(build_tall, &c);
    frame(build_tall, &c);
    float max = ly_ui_panel_height(&ui, "tall") - r.h;
    CHECK_NEAR(panel_scroll(), max, 1e-3);
    CHECK_NEAR(c.last.y + c.last.h + 16, r.y + r.h, 1); /* the last row in view */
    tap(build_tall, &c, cx(c.last), cy(c.last));
    CHECK_INT(c.clicks[29], 1);

    wheel(100, r.y + r.h - 10, 1000);
    frame(build_tall, &c);
    frame(build_tall, &c);
    CHECK_NEAR(panel_scroll(), 0, 0);

    /* a drag scrolls it and does not click the row it began on */
    float x = 60, y0 = cy(c.first) + 44 * 3;
    send(LY_EV_MOUSE_DOWN, x, y0);
    frame(build_tall, &c);
    for (int k = 1; k <= 10; k++) {
        send(LY_EV_MOUSE_MOVE, x, y0 - 12 * k);
        frame(build_tall, &c);
    }
    send(LY_EV_MOUSE_UP, x, y0 - 120);
    frame(build_tall, &c);
    int clicked = 0;
    for (int i = 0; i < 30; i++)
        clicked += c.clicks[i];
    CHECK_INT(clicked, 1); /* only the tap above */
    CHECK(panel_scroll() > 100);

    /* closed and opened again, it starts from the top */
    c.open = false;
    frame(build_tall, &c);
    frame(build_tall, &c);
    c.open = true;
    frame(build_tall, &c);
    CHECK_NEAR(panel_scroll(), 0, 0);

    /* a window tall enough: no scrolling, the panel as tall as its content */
    ly_draw_clear(&dl);
    ly_ui_begin_frame(&ui, W, 2000, 1, 1.0 / 60);
    build_tall(&ui, &c);
    ly_ui_end_frame(&ui);
    CHECK_NEAR(ui.panels[!ui.cur][0].h, ly_ui_panel_height(&ui, "tall"), 1);
}

/* ---- the scrolling list -------------------------------------------------------- */

typedef struct {
    int clicks[100];
    bool after;
    ly_ui_rect list;
} listing;

static void build_list(ly_ui *u, void *p)
{
    listing *c = p;
    ly_ui_panel_begin(u, "card", 10, 10, 300, 0, NULL);
    ly_ui_list_begin(u, "list", 300);
    for (int i = 0; i < 100; i++) {
        char label[32];
        snprintf(label, sizeof label, "Item %d", i);
        c->clicks[i] += ly_ui_button(u, label);
    }
    ly_ui_list_end(u);
    c->list = ly_ui_last_rect(u);
    ly_ui_toggle(u, "After", &c->after);
    ly_ui_panel_end(u);
}

static ly_ui_id list_id(void)
{
    ly_ui_push_id(&ui, "card");
    ly_ui_id id = ly_ui_get_id(&ui, "list");
    ly_ui_pop_id(&ui);
    return id;
}

static ly_ui_id item_id(int i)
{
    char label[32];
    snprintf(label, sizeof label, "Item %d", i);
    ly_ui_push_id(&ui, "card");
    ly_ui_push_id(&ui, "list");
    ly_ui_id id = ly_ui_get_id(&ui, label);
    ly_ui_pop_id(&ui);
    ly_ui_pop_id(&ui);
    return id;
}

static void wheel(float x, float y, float dy)
{
    ly_event e = {.type = LY_EV_WHEEL, .x = x, .y = y, .dy = dy};
    CHECK(ly_ui_input(&ui, &e));
}

static bool same_clip(ly_draw_clip c, ly_ui_rect r)
{
    return c.w > 0 && fabsf((float)c.x - r.x) <= 1 && fabsf((float)c.y - r.y) <= 1 &&
           fabsf((float)c.w - r.w) <= 1 && fabsf((float)c.h - r.h) <= 1;
}

static void test_list(void)
{
    fresh();
    static listing c;
    memset(&c, 0, sizeof c);
    frame(build_list, &c);
    frame(build_list, &c); /* the panel's height comes from the first frame */
    ly_ui_rect L = c.list;
    CHECK_NEAR(L.h, 300, 1e-3);
    const float row = 36 + 8, content = 100 * row - 8, max = content - 300;
    ly_ui_id id = list_id();
    CHECK_NEAR(ly_ui_list_scroll(&ui, id), 0, 0);

    /* the wheel: 48 px a notch, clamped at both ends */
    wheel(cx(L), cy(L), -1);
    frame(build_list, &c);
    CHECK_NEAR(ly_ui_list_scroll(&ui, id), 48, 1e-3);
    wheel(cx(L), cy(L), 5);
    frame(build_list, &c);
    CHECK_NEAR(ly_ui_list_scroll(&ui, id), 0, 0);
    wheel(cx(L), cy(L), -1000);
    frame(build_list, &c);
    frame(build_list, &c); /* the content's height is known from the last frame */
    CHECK_NEAR(ly_ui_list_scroll(&ui, id), max, 1e-3);
    wheel(cx(L), cy(L), -3);
    frame(build_list, &c);
    CHECK_NEAR(ly_ui_list_scroll(&ui, id), max, 1e-3);
    wheel(cx(L), cy(L), 1000);
    frame(build_list, &c);
    CHECK_NEAR(ly_ui_list_scroll(&ui, id), 0, 0);

    /* clipping: three notches down, item 3 straddles the top edge and item 10 the bottom */
    wheel(cx(L), cy(L), -3);
    frame(build_list, &c);
    ly_color bc = ui.theme.button;
    bool all_clipped = true, above = false, below = false;
    float max_y = -1e9f;
    for (size_t k = 0; k < dl.n_cmds; k++)
        for (size_t i = dl.cmds[k].first; i < dl.cmds[k].first + dl.cmds[k].count; i++) {
            const ly_draw_vertex *v = &dl.vertices[dl.indices[i]];
            if (v->rgba[0] != bc.r || v->rgba[1] != bc.g || v->rgba[2] != bc.b)
                continue; /* not an item's background */
            all_clipped &= same_clip(dl.cmds[k].clip, L);
            above |= v->y < L.y - 1;
            below |= v->y > L.y + L.h + 1;
            max_y = fmaxf(max_y, v->y);
        }
    CHECK(all_clipped);
    CHECK(above && below);
    CHECK(max_y <= L.y + L.h + row); /* items further down are not drawn at all */
    wheel(cx(L), cy(L), 3);
    frame(build_list, &c);

    /* a visible item clicks; one laid out below the visible region does not (the
     * toggle under the list gets the tap instead) */
    ly_ui_rect r3, r7;
    CHECK(ly_ui_find_rect(&ui, item_id(3), &r3));
    CHECK(ly_ui_find_rect(&ui, item_id(7), &r7));
    CHECK(r7.y > L.y + L.h);
    send(LY_EV_FINGER_DOWN, cx(r3), cy(r3));
    send(LY_EV_FINGER_UP, cx(r3), cy(r3));
    frame(build_list, &c);
    CHECK_INT(c.clicks[3], 1);
    send(LY_EV_FINGER_DOWN, cx(r7), cy(r7));
    send(LY_EV_FINGER_UP, cx(r7), cy(r7));
    frame(build_list, &c);
    CHECK_INT(c.clicks[7], 0);
    CHECK(c.after);

    /* a finger drag scrolls and cancels the click of the item it started on */
    float x = cx(L), y = L.y + L.h - 20;
    CHECK(send(LY_EV_FINGER_DOWN, x, y));
    frame(build_list, &c);
    for (int i = 1; i <= 6; i++) {
        CHECK(send(LY_EV_FINGER_MOVE, x, y - 30.0f * (float)i));
        frame(build_list, &c);
    }
    float at_release = ly_ui_list_scroll(&ui, id);
    CHECK(at_release > 100 && at_release <= 180);
    send(LY_EV_FINGER_UP, x, y - 180);
    frame(build_list, &c);
    int clicked = 0;
    for (int i = 0; i < 100; i++)
        clicked += c.clicks[i];
    CHECK_INT(clicked, 1); /* only item 3's earlier click */
    /* it keeps going, slower and slower, then stops */
    float prev = ly_ui_list_scroll(&ui, id), last_step = 1e9f;
    bool slowing = true;
    int moving = 0;
    for (int i = 0; i < 600; i++) {
        frame(build_list, &c);
        float s = ly_ui_list_scroll(&ui, id), step = s - prev;
        if (step == 0) break;
        slowing &= step > 0 && step <= last_step + 1e-3f;
        last_step = step;
        prev = s;
        moving++;
    }
    CHECK(slowing);
    CHECK(moving > 20 && moving < 600);
    CHECK(prev > at_release + 100);
    CHECK(prev <= max);

    /* pulled past the top, it gives a little and bounces back to 0 */
    wheel(cx(L), cy(L), 1000);
    frame(build_list, &c);
    send(LY_EV_FINGER_DOWN, x, L.y + 20);
    frame(build_list, &c);
    for (int i = 1; i <= 5; i++) {
        send(LY_EV_FINGER_MOVE, x, L.y + 20 + 40.0f * (float)i);
        frame(build_list, &c);
    }
    float pulled = ly_ui_list_scroll(&ui, id);
    CHECK(pulled < -10 && pulled > -0.25f * 300 - 1e-3f);
    send(LY_EV_FINGER_UP, x, L.y + 220);
    for (int i = 0; i < 120; i++)
        frame(build_list, &c);
    CHECK_NEAR(ly_ui_list_scroll(&ui, id), 0, 0);
}

/* ---- tabs, chips, toggles ------------------------------------------------------ */

typedef struct {
    int tab;
    bool chips[8], on;
    ly_ui_rect tabs, chip_r[8], toggle;
} controls;

static void build_controls(ly_ui *u, void *p)
{
    controls *c = p;
    static const char *names[] = {"概况", "楼层", "企业"};
    static const char *chip_names[] = {"金融", "科技", "法律",     "咨询",
                                       "贸易", "物流", "文化创意", "其他"};
    ly_ui_panel_begin(u, "controls", 10, 10, 260, 0, NULL);
    ly_ui_title(u, "Building 12 with a very long name that does not fit");
    ly_ui_badge(u, "甲级", ui.theme.accent, ui.theme.on_accent);
    ly_ui_same_line(u);
    ly_ui_badge(u, "Grade A", ly_rgba(0, 150, 136, 255), ui.theme.on_accent);
    ly_ui_key_value(u, "Height", "120 m");
    ly_ui_bar(u, 0.7f, ly_rgba(0, 150, 136, 255), ly_rgba(222, 226, 232, 255), "Occupancy 70%");
    ly_ui_separator(u);
    c->tab = ly_ui_tabs(u, "tabs", names, 3, c->tab);
    c->tabs = ly_ui_last_rect(u);
    for (int i = 0; i < 8; i++) {
        ly_ui_chip(u, chip_names[i], &c->chips[i]);
        c->chip_r[i] = ly_ui_last_rect(u);
    }
    ly_ui_toggle(u, "Stacking plan", &c->on);
    c->toggle = ly_ui_last_rect(u);
    ly_ui_panel_end(u);
}

static void test_controls(void)
{
    fresh();
    controls c = {0};
    frame(build_controls, &c);
    frame(build_controls, &c);
    CHECK(!dl.failed);
    CHECK_INT(dl.n_cmds, 1); /* no clipped areas: the whole card is one draw command */
    /* tabs: a tap on the third selects it */
    ly_ui_rect t = c.tabs;
    tap(build_controls, &c, t.x + t.w * 5 / 6, cy(t));
    CHECK_INT(c.tab, 2);
    tap(build_controls, &c, t.x + t.w / 6, cy(t));
    CHECK_INT(c.tab, 0);
    /* chips flow: the first ones share a row, and the row wraps */
    CHECK(c.chip_r[1].y == c.chip_r[0].y && c.chip_r[1].x > c.chip_r[0].x);
    CHECK(c.chip_r[7].y > c.chip_r[0].y);
    for (int i = 0; i < 8; i++)
        CHECK(c.chip_r[i].x + c.chip_r[i].w <= 10 + 260 - 16 + 1e-3f);
    tap(build_controls, &c, cx(c.chip_r[6]), cy(c.chip_r[6]));
    CHECK(c.chips[6] && !c.chips[5] && !c.chips[7]);
    tap(build_controls, &c, cx(c.chip_r[6]), cy(c.chip_r[6]));
    CHECK(!c.chips[6]);
    /* the toggle flips on a tap anywhere on its row */
    tap(build_controls, &c, c.toggle.x + 5, cy(c.toggle));
    CHECK(c.on);
    tap(build_controls, &c, c.toggle.x + c.toggle.w - 5, cy(c.toggle));
    CHECK(!c.on);
}

/* ---- text field and keyboard --------------------------------------------------- */

typedef struct {
    char buf[32];
    int enters;
    ly_ui_rect field;
    const char *space; /* the space bar's caption */
} typing;

static void build_typing(ly_ui *u, void *p)
{
    typing *c = p;
    ly_ui_panel_begin(u, "kiosk", 10, 10, 600, 0, NULL);
    ly_ui_text_field(u, "search", c->buf, sizeof c->buf, "Search");
    c->field = ly_ui_last_rect(u);
    c->enters += ly_ui_keyboard(u, "kbd", "OK", c->space);
    ly_ui_panel_end(u);
}

static ly_ui_rect key_rect(const char *name)
{
    ly_ui_push_id(&ui, "kiosk");
    ly_ui_push_id(&ui, "kbd");
    ly_ui_id id = ly_ui_get_id(&ui, name);
    ly_ui_pop_id(&ui);
    ly_ui_pop_id(&ui);
    ly_ui_rect r = {0};
    CHECK(ly_ui_find_rect(&ui, id, &r));
    return r;
}

static void tap_key(typing *c, const char *name)
{
    ly_ui_rect r = key_rect(name);
    tap(build_typing, c, cx(r), cy(r));
}

static void test_typing(void)
{
    fresh();
    typing c = {.space = ""};
    frame(build_typing, &c);
    size_t bare = dl.n_vertices;
    c.space = "space"; /* the space bar says what it is */
    frame(build_typing, &c);
    CHECK(dl.n_vertices > bare);
    CHECK(!ly_ui_wants_keyboard(&ui));
    CHECK(!send_text("x")); /* nothing focused: the text is not ours */
    tap(build_typing, &c, cx(c.field), cy(c.field));
    CHECK(ly_ui_wants_keyboard(&ui));
    CHECK(send_text("楼宇"));
    frame(build_typing, &c);
    CHECK_STR(c.buf, "楼宇");
    CHECK(send_key(LY_KEY_BACKSPACE));
    frame(build_typing, &c);
    CHECK_STR(c.buf, "楼");
    send_text("A");
    send_key(LY_KEY_BACKSPACE);
    send_text("é");
    frame(build_typing, &c);
    CHECK_STR(c.buf, "楼é");
    send_key(LY_KEY_BACKSPACE);
    send_key(LY_KEY_BACKSPACE);
    send_key(LY_KEY_BACKSPACE); /* past empty: nothing */
    frame(build_typing, &c);
    CHECK_STR(c.buf, "");

    /* the on-screen keyboard types into the focused field and keeps its focus; a key
     * tapped after the field was drawn types on the field's next frame, which the
     * UI asks for */
    tap_key(&c, "key:a");
    tap_key(&c, "key:b");
    tap_key(&c, "key:7");
    CHECK(ly_ui_needs_frame(&ui));
    frame(build_typing, &c);
    CHECK_STR(c.buf, "ab7");
    CHECK(!ly_ui_needs_frame(&ui));
    tap_key(&c, "key:back");
    tap_key(&c, "key:space");
    tap_key(&c, "key:z");
    frame(build_typing, &c);
    CHECK_STR(c.buf, "ab z");
    CHECK(ly_ui_wants_keyboard(&ui));
    CHECK_INT(c.enters, 0);
    tap_key(&c, "key:enter");
    CHECK_INT(c.enters, 1);
    CHECK_STR(c.buf, "ab z");
    /* the keys' rects: ten across, in order */
    ly_ui_rect q = key_rect("key:q"), p = key_rect("key:p");
    CHECK(q.y == p.y && p.x > q.x && p.x + p.w <= 10 + 600 - 16 + 1e-3f);

    /* the buffer never overflows, and never ends in half a character */
    for (int i = 0; i < 20; i++)
        send_text("宇");
    frame(build_typing, &c);
    CHECK(strlen(c.buf) < sizeof c.buf);
    CHECK_INT(strlen(c.buf), 4 + 3 * 9);

    /* a tap away from the field (on the map) takes the focus away */
    CHECK(!send(LY_EV_FINGER_DOWN, 700, 580));
    send(LY_EV_FINGER_UP, 700, 580);
    frame(build_typing, &c);
    CHECK(!ly_ui_wants_keyboard(&ui));
    tap_key(&c, "key:a"); /* the keyboard alone types nowhere */
    CHECK_INT(strlen(c.buf), 4 + 3 * 9);
}

/* ---- a closable panel ---------------------------------------------------------- */

typedef struct {
    bool open;
    int shown;
} closable;

static void build_closable(ly_ui *u, void *p)
{
    closable *c = p;
    if (ly_ui_panel_begin(u, "card", 100, 100, 200, 120, &c->open)) {
        c->shown++;
        ly_ui_label(u, "Hello");
    }
    ly_ui_panel_end(u);
}

static void test_close(void)
{
    fresh();
    closable c = {.open = true};
    frame(build_closable, &c);
    /* the close button sits in the top-right corner */
    tap(build_closable, &c, 100 + 200 - 20, 100 + 20);
    CHECK(!c.open);
    int shown = c.shown;
    frame(build_closable, &c);
    frame(build_closable, &c);
    CHECK_INT(c.shown, shown);
    CHECK(!ly_ui_wants_pointer(&ui, 150, 150));
}

/* The "×"'s hit rect, as the last frame laid it out (pixels). */
static bool close_rect(ly_ui_rect *r)
{
    ly_ui_push_id(&ui, "card");
    ly_ui_id id = ly_ui_get_id(&ui, "##close");
    ly_ui_pop_id(&ui);
    return ly_ui_find_rect(&ui, id, r);
}

static void tap_at(closable *c, float scale, float x, float y)
{
    send(LY_EV_FINGER_DOWN, x, y);
    frame_at(build_closable, c, scale);
    send(LY_EV_FINGER_UP, x, y);
    frame_at(build_closable, c, scale);
}

/* On a touch screen (the kiosk, theme.touch) the "×" is a finger's target: a tap 20 dp from
 * its centre, left or down, still closes the panel (its 28 dp square had taken only taps
 * within 14 dp, at the kiosk's scale a finger's half). A mouse's is as it was. */
static void test_close_touch(void)
{
    const float s = 1.75f;
    for (int touch = 0; touch < 2; touch++) {
        for (int way = 0; way < 2; way++) {
            fresh();
            ui.theme.touch = touch ? 48 : 0;
            closable c = {.open = true};
            frame_at(build_closable, &c, s);
            frame_at(build_closable, &c, s);
            ly_ui_rect r;
            CHECK(close_rect(&r));
            float x = r.x + 0.5f * r.w, y = r.y + 0.5f * r.h;
            if (!touch) { /* the desktop's: 28 dp, its centre 20 dp in from the corner */
                CHECK_NEAR(r.w, 28 * s, 0.01);
                CHECK_NEAR(x, (100 + 200 - 20) * s, 0.01);
                CHECK_NEAR(y, (100 + 20) * s, 0.01);
            } else {
                CHECK(r.w >= 44 * s && r.h >= 44 * s);
            }
            tap_at(&c, s, x - (way ? 0 : 20 * s), y + (way ? 20 * s : 0));
            CHECK(c.open == !touch);
        }
    }
    ui.theme.touch = 0;
}

/* A panel as tall as its content is known to cover its content from its first
 * frame (labels and hovers keep off the panels of the frame before). */
static void build_auto(ly_ui *u, void *p)
{
    (void)p;
    ly_ui_panel_begin(u, "auto", 40, 60, 200, 0, NULL);
    for (int i = 0; i < 5; i++)
        ly_ui_label(u, "row");
    ly_ui_panel_end(u);
}

static void test_autosize(void)
{
    fresh();
    frame(build_auto, NULL);
    int last = !ui.cur;
    CHECK_INT(ui.n_panels[last], 1);
    ly_ui_rect r = ui.panels[last][0];
    CHECK_NEAR(r.y, 60, 1e-3);
    CHECK(r.h > 5 * 16); /* five rows, from the very first frame */
    CHECK(ly_ui_wants_pointer(&ui, 60, r.y + r.h - 4));
    float first = r.h;
    frame(build_auto, NULL);
    CHECK_NEAR(ui.panels[!ui.cur][0].h, first, 1e-3); /* and the same after */
}

/* A two-line row: taller than a button, clicked like one, each its own id. */
typedef struct {
    int clicks[2];
    ly_ui_rect r[3];
    bool on;
} items;

static void build_items(ly_ui *u, void *p)
{
    items *c = p;
    ly_ui_panel_begin(u, "items", 40, 40, 260, 0, NULL);
    c->clicks[0] += ly_ui_item(u, "示例大厦 20号##a", "Floor 3: 3,480 m² free and 1 more");
    c->r[0] = ly_ui_last_rect(u);
    c->clicks[1] += ly_ui_item(u, "A very long building name that cannot fit##b",
                               "a detail line far too long for the row to hold in one piece");
    c->r[1] = ly_ui_last_rect(u);
    ly_ui_item_toggle(u, "Baoda (Qingdao) Business Management##c", "26F  ·  Consulting", &c->on);
    c->r[2] = ly_ui_last_rect(u);
    ly_ui_panel_end(u);
}

static void test_item(void)
{
    fresh();
    items c = {0};
    frame(build_items, &c);
    CHECK(c.r[0].h > ui.theme.row_h); /* two lines: taller than a button */
    CHECK(c.r[1].y >= c.r[0].y + c.r[0].h);
    CHECK_NEAR(c.r[0].w, c.r[1].w, 1e-3); /* full width, whatever the text */
    tap(build_items, &c, cx(c.r[1]), c.r[1].y + c.r[1].h - 4); /* on the detail line */
    CHECK_INT(c.clicks[0], 0);
    CHECK_INT(c.clicks[1], 1);
    tap(build_items, &c, cx(c.r[0]), cy(c.r[0]));
    CHECK_INT(c.clicks[0], 1);
    CHECK(!c.on);
    tap(build_items, &c, cx(c.r[2]), cy(c.r[2]));
    CHECK(c.on); /* the toggle row flips */
    tap(build_items, &c, cx(c.r[2]), cy(c.r[2]));
    CHECK(!c.on);
    CHECK_INT(c.clicks[0] + c.clicks[1], 2);
}

/* A value too long for its row wraps onto right-aligned lines (three at most);
 * a title too long for one line takes two. */
typedef struct {
    ly_ui_rect shortv, longv, huge, title1, title2, title3;
} wraps;

static void build_wraps(ly_ui *u, void *p)
{
    wraps *c = p;
    ly_ui_panel_begin(u, "wraps", 40, 40, 300, 0, NULL);
    ly_ui_key_value(u, "Contact", "Front desk");
    c->shortv = ly_ui_last_rect(u);
    ly_ui_key_value(u, "Contact", "Property management office 0532-8000 0002");
    c->longv = ly_ui_last_rect(u);
    ly_ui_key_value(u, "Space on", "28F, 24F, 23F, 22F, 21F, 19F, 18F, 15F, 11F, 10F, 9F, 8F, 7F, "
                                   "6F, 5F, 4F, 3F, 2F, 1F, B1, B2, B3, B4, B5, B6, B7");
    c->huge = ly_ui_last_rect(u);
    ly_ui_title(u, "Hisense Tower");
    c->title1 = ly_ui_last_rect(u);
    ly_ui_title(u, "China Railway Qingdao Center (Qingdao International Trade Center)");
    c->title2 = ly_ui_last_rect(u);
    ly_ui_panel_end(u);
    ly_ui_panel_begin(u, "narrow", 400, 40, 200, 0, NULL);
    ly_ui_title(u, "China Railway Qingdao Center (Qingdao International Trade Center)");
    c->title3 = ly_ui_last_rect(u);
    ly_ui_panel_end(u);
}

static void test_wrapping_rows(void)
{
    fresh();
    wraps c;
    frame(build_wraps, &c);
    CHECK(c.longv.h > 1.8f * c.shortv.h && c.longv.h < 2.2f * c.shortv.h);
    CHECK_NEAR(c.huge.h, 3 * c.shortv.h, 0.5f);
    CHECK(c.title2.h > 1.6f * c.title1.h);
    CHECK(c.title2.w <= 300 - 2 * ui.theme.padding + 0.5f);
    /* longer than two lines take: three (its end had been cut off) */
    CHECK(c.title3.h > 2.5f * c.title1.h);
}

/* ly_ui_fit_middle keeps a name's end, where names of a district differ ("Sample Tower 30",
 * "Sample Tower 21"), and fits what it keeps, whole characters of any script. */
static void test_fit_middle(void)
{
    char a[96], b[96];
    float w = ly_font_measure(font, "Sample Tower 30", 16) * 0.7f;
    const char *x = ly_ui_fit_middle(font, "Sample Tower 30", 16, w, a, sizeof a);
    const char *y = ly_ui_fit_middle(font, "Sample Tower 21", 16, w, b, sizeof b);
    CHECK(strstr(x, "\xE2\x80\xA6") != NULL);
    CHECK(strcmp(x, y) != 0);
    CHECK(ly_font_measure(font, x, 16) <= w + 0.5f);
    CHECK(strlen(x) > 3 && !strcmp(x + strlen(x) - 2, "30"));
    CHECK(!strncmp(x, "Sam", 3));
    const char *z = ly_ui_fit_middle(font, "示例大厦30号的很长的名字", 16, 6 * 16, a, sizeof a);
    CHECK(ly_font_measure(font, z, 16) <= 6 * 16 + 0.5f);
    CHECK(strlen(z) > 3 && !strcmp(z + strlen(z) - 3, "字"));
    CHECK_STR(ly_ui_fit_middle(font, "short", 16, 500, a, sizeof a), "short");
}

int main(void)
{
    char path[1024];
    int index = -1;
    if (!ly_font_find("zh-cn", path, sizeof path, &index)) {
        fprintf(stderr, "test_ui: fontconfig found no font covering zh-cn; "
                        "install fonts-noto-cjk (scripts/setup.sh does)\n");
        CHECK(!"a font covering zh-cn");
        ly_font_library_shutdown();
        return check_report();
    }
    char err[256];
    font = ly_font_create(path, index, err, sizeof err);
    CHECK(font != NULL);
    if (!font) {
        fprintf(stderr, "test_ui: %s\n", err);
        ly_font_library_shutdown();
        return check_report();
    }
    ly_draw_init(&dl, font);
    ly_ui_init(&ui, font, &dl);
    test_buttons();
    test_tight_button();
    test_scale();
    test_wrap();
    test_fit_middle();
    test_paragraph();
    test_continued_panel();
    test_tall_panel();
    test_list();
    test_controls();
    test_typing();
    test_close();
    test_close_touch();
    test_autosize();
    test_item();
    test_wrapping_rows();
    ly_ui_deinit(&ui);
    ly_ui_deinit(&ui); /* twice is fine */
    ly_draw_deinit(&dl);
    ly_font_destroy(font);
    ly_font_library_shutdown();
    return check_report();
}
