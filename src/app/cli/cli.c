/* The command table, the help made from it, and the dispatch from main. */
#include "cli.h"
#include "louyu/log.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define POI LY_CLI_POI_KINDS
#define KINDS                                                                                      \
    "metro|bus|bank|hotel|restaurant|parking|government|landmark|hospital|school|park|"            \
    "red_clubhouse"
#define COLOR "none|occupancy|vacant|enterprises|tax|industry|age|height|change"

/* ---- the options, in groups that several commands share ---------------------------- */

static const ly_opt O_WINDOW[] = {
    {"--size", LY_OPT_SIZE, "WxH", "the window's (or picture's) size in pixels", 16, 16384, NULL},
    {"--view", LY_OPT_TEXT, "home|top|ID", "the camera: the home view, from the top, a building, "
     "or camera:ID (what a camera of the data sees; with --operations)", 0, 0, NULL},
    {"--lang", LY_OPT_CHOICE, "zh|en", "the interface's language", 0, 0, "zh|en"},
    {"--scale", LY_OPT_NUM, "S", "the interface's scale (1 on a desktop, 1.75 on a kiosk, less on a small screen; the viewer's times the screen's density where X11 does not scale: GDK_SCALE, or its dpi / 96)", 0.5, 4,
     NULL},
    {"--msaa", LY_OPT_INT, "N", "multisampling: 0 lets louyu choose (off on software GL), 1 off",
     0, 16, "0|1|2|4|8|16"},
    {"--lod", LY_OPT_TEXT, "on|off|LOD",
     "far chunks as blocks (off: every building in full); a CityJSON LoD (1, 1.2, 2.2): the one "
     "to read", 0, 0, NULL},
    {"--mem-limit", LY_OPT_INT, "MB", "full meshes on the GPU at most (default: RAM/8, 128-512)", 4,
     1e6, NULL},
    {NULL}};

#define SKIP_BAD                                                                                   \
    {"--skip-bad", LY_OPT_FLAG, "", "leave out the features (city objects) that have errors, each "   \
     "said as a warning, and read the rest: data from elsewhere, such as an OpenStreetMap export",    \
     0, 0, NULL}

/* How a district is read, for the commands that read a district only: a CityJSON
 * file's level of detail; a GeoJSON file's bad features left out. */
static const ly_opt O_MODEL[] = {
    {"--lod", LY_OPT_TEXT, "LOD", "CityJSON: the level of detail to read (1, 1.2, 2.2; default "
     "the best there is)", 0, 0, NULL},
    SKIP_BAD,
    {NULL}};

/* The same for the commands with a window (their --lod is O_WINDOW's). */
static const ly_opt O_SKIP[] = {SKIP_BAD, {NULL}};

static const ly_opt O_VIEW[] = {
    {"--fullscreen", LY_OPT_FLAG, "", "full screen (F11 switches)", 0, 0, NULL},
    {"--kiosk", LY_OPT_FLAG, "", "the unattended lobby kiosk (docs/kiosk.md)", 0, 0, NULL},
    {"--config", LY_OPT_TEXT, "FILE", "the kiosk's config (with --kiosk)", 0, 0, NULL},
    {"--attract-after", LY_OPT_NUM, "S", "kiosk: the tour starts after S idle seconds", 5, 86400,
     NULL},
    {"--reset-after", LY_OPT_NUM, "S", "kiosk: everything resets after S idle seconds", 10, 86400,
     NULL},
    {NULL}};

/* What a shot or a pick shows: the selection and the panels. */
static const ly_opt O_SCENE[] = {
    {"--select", LY_OPT_TEXT, "ID", "select a building (its card opens)", 0, 0, NULL},
    {"--hover", LY_OPT_TEXT, "ID", "a building under the pointer (its tooltip)", 0, 0, NULL},
    {"--tab", LY_OPT_CHOICE, "overview|floors|enterprises|nearby", "the card's tab (with --select)",
     0, 0, "overview|floors|enterprises|nearby"},
    {"--stacking", LY_OPT_FLAG, "", "the stacking plan of the selection", 0, 0, NULL},
    {"--floor", LY_OPT_INT, "N", "the card of floor N on the stacking plan", 1, 500, NULL},
    {"--explode", LY_OPT_FLAG, "", "the stacking plan's floors pulled apart", 0, 0, NULL},
    {"--color-by", LY_OPT_CHOICE, "MODE", "colour the buildings by: " COLOR, 0, 0, COLOR},
    {"--search", LY_OPT_TEXT, "TEXT", "typed into the search field", 0, 0, NULL},
    {"--keyboard", LY_OPT_FLAG, "", "the on-screen keyboard", 0, 0, NULL},
    {"--dashboard", LY_OPT_FLAG, "", "the planner's dashboard", 0, 0, NULL},
    {"--controls", LY_OPT_FLAG, "", "what the mouse, touch and keys do", 0, 0, NULL},
    {"--find", LY_OPT_FLAG, "", "the tenant finder", 0, 0, NULL},
    {"--export-menu", LY_OPT_FLAG, "", "the Export… menu open (not in a kiosk)", 0, 0, NULL},
    {"--find-area", LY_OPT_NUM, "M2", "finder: at least this much space", 0, 1e7, NULL},
    {"--find-rent", LY_OPT_NUM, "X", "finder: rent at most X CNY/m²/day", 0.01, 1e4, NULL},
    {"--find-near", LY_OPT_CHOICE, "PLACE", "finder: near " POI, 0, 0, POI},
    {"--find-industry", LY_OPT_TEXT, "NAME", "finder: near enterprises of an industry", 0, 0, NULL},
    {"--week", LY_OPT_TEXT, "W", "a store's week (2011-W17; default: the latest)", 0, 0, NULL},
    {"--places", LY_OPT_TEXT, "KINDS", "the kinds of place on the map: all (default), none, or a "
     "list such as metro,bus (" KINDS ")", 0, 0, NULL},
    {"--later-places", LY_OPT_FLAG, "", "places opened after the data's date too", 0, 0, NULL},
    {"--places-panel", LY_OPT_FLAG, "", "the panel of kinds of place", 0, 0, NULL},
    {"--hover-place", LY_OPT_TEXT, "ID", "a place (or, with --operations, a camera) under the "
     "pointer: its name", 0, 0, NULL},
    {"--route", LY_OPT_CHOICE, "KIND", "the walking route to the selection's nearest place of "
     "a kind (with --select)", 0, 0, KINDS},
    {"--walk-areas", LY_OPT_FLAG, "", "the 5, 10 and 15 minute walking areas around the "
     "selection (with --select)", 0, 0, NULL},
    {"--cameras", LY_OPT_FLAG, "", "the cameras' list (with --operations)", 0, 0, NULL},
    {"--camera", LY_OPT_TEXT, "ID", "a camera's live picture, waited for up to 5 s (with "
     "--operations)", 0, 0, NULL},
    {NULL}};

/* Operations mode: the viewer and shots for the district's operators. */
static const ly_opt O_OPERATIONS[] = {
    {"--operations", LY_OPT_FLAG, "", "operations mode: the cameras on the map, their list and "
     "live pictures (never in a public kiosk, the portal or an export)", 0, 0, NULL},
    {NULL}};

static const ly_opt O_SHOT[] = {
    {"--out", LY_OPT_TEXT, "PNG", "the picture to write (required): FILE.png, FILE.jpg (a JPEG), - (a PNG to stdout)",
     0, 0, NULL},
    {"--picture", LY_OPT_FLAG, "", "the 3D scene alone: no panels, labels or markers", 0, 0, NULL},
    {"--kiosk", LY_OPT_FLAG, "", "as the kiosk shows it (out of service without good data)", 0,
     0, NULL},
    {"--config", LY_OPT_TEXT, "FILE", "a kiosk config: its data, language, scale, tour, reset "
     "and admin PIN, as the kiosk takes them (a FILE and --lang, --scale win)", 0, 0, NULL},
    {"--attract", LY_OPT_FLAG, "", "the kiosk's attract tour, a few seconds in", 0, 0, NULL},
    {"--idle", LY_OPT_NUM, "S", "a kiosk left alone for S seconds", 0, 86400, NULL},
    {"--admin", LY_OPT_CHOICE, "pad|status|exit",
     "the kiosk admin's PIN pad or status panel (exit: asking to end the kiosk)", 0, 0,
     "pad|status|exit"},
    {"--hold", LY_OPT_NUM, "S", "a finger held S seconds in the admin corner", 0, 60, NULL},
    {"--wheel", LY_OPT_WHEEL, "X,Y,N", "N notches of the mouse wheel at X,Y", -200, 200, NULL},
    {"--pointer", LY_OPT_POINT, "X,Y", "the mouse at X,Y (tooltips, read-outs)", 0, 0, NULL},
    {"--reload", LY_OPT_TEXT, "FILE", "a reload of FILE, as the kiosk does it", 0, 0, NULL},
    {"--map", LY_OPT_FLAG, "", "a map: labels, title, north arrow, scale bar, legend; no controls",
     0, 0, NULL},
    {"--tile", LY_OPT_INT, "N", "draw in tiles of at most N pixels (default: the driver's limit)",
     16, 16384, NULL},
    {NULL}};

static const ly_opt O_PICK[] = {
    {"--at", LY_OPT_POINT, "X,Y", "the pixel (required)", 0, 0, NULL},
    {"--size", LY_OPT_SIZE, "WxH", "the window's size in pixels", 16, 16384, NULL},
    {"--view", LY_OPT_TEXT, "home|top|ID", "the camera: the home view, from the top, a building, or camera:ID (what a camera of the data sees; with --operations)",
     0, 0, NULL},
    {"--operations", LY_OPT_FLAG, "", "operations mode, as `louyu shot --operations` draws it "
     "(for --view camera:ID)", 0, 0, NULL},
    {"--select", LY_OPT_TEXT, "ID", "a building selected (its card takes room)", 0, 0, NULL},
    {"--scale", LY_OPT_NUM, "S", "the interface's scale", 0.5, 4, NULL},
    {"--tolerance", LY_OPT_NUM, "PX", "pick within PX pixels, as a finger does", 0, 200, NULL},
    {"--each-view", LY_OPT_FLAG, "", "every building's --view in turn: a line \"ID PICKED\" each",
     0, 0, NULL},
    {NULL}};

static const ly_opt O_BENCH[] = {
    {"--runs", LY_OPT_INT, "N", "load the file N times (median; 0: the frames alone)", 0, 1000, NULL},
    {"--frames", LY_OPT_INT, "N", "frames along the scripted camera path", 1, 100000, NULL},
    {"--size", LY_OPT_SIZE, "WxH", "the frames' size", 16, 8192, NULL},
    {"--msaa", LY_OPT_INT, "N", "multisampling: 0 lets louyu choose, 1 off", 0, 16,
     "0|1|2|4|8|16"},
    {"--lod", LY_OPT_TEXT, "on|off|LOD",
     "far chunks as blocks (off: every building in full); a CityJSON LoD (1, 1.2, 2.2): the one "
     "to read", 0, 0, NULL},
    {"--mem-limit", LY_OPT_INT, "MB", "full meshes on the GPU at most (default: RAM/8, 128-512)", 4,
     1e6, NULL},
    {"--select", LY_OPT_TEXT, "ID", "a building selected while the frames are drawn", 0, 0, NULL},
    {"--stacking", LY_OPT_FLAG, "", "with --select: its stacking plan", 0, 0, NULL},
    {"--dashboard", LY_OPT_FLAG, "", "the dashboard open while the frames are drawn", 0, 0, NULL},
    {"--reloads", LY_OPT_INT, "N", "reloads while frames are drawn (0: none)", 0, 1000, NULL},
    {"--no-render", LY_OPT_FLAG, "", "no frames: loading, geometry and queries only", 0, 0, NULL},
    {"--cameras", LY_OPT_NUM, "S", "only this: S seconds of operations mode with every camera's "
     "live picture open (up to 4), drawn as the viewer draws; frame times (each over 33 ms, "
     "with the allocator's trim if one ran in it and how long an idle thread was held up "
     "meanwhile: the machine's stall) and memory",
     1, 86400, NULL},
    {"--export-polygons", LY_OPT_TEXT, "OUT", "write the projected footprints as JSON", 0, 0,
     NULL},
    {NULL}};

static const ly_opt O_SYNTH[] = {
    {"--buildings", LY_OPT_INT, "N", "how many buildings to write (required)", 1, 2000000, NULL},
    {"--seed", LY_OPT_INT, "S", "the jitter's seed (default 1)", 0, 9007199254740991.0, NULL},
    {"--out", LY_OPT_TEXT, "FILE", "the GeoJSON to write, - for stdout (required)", 0, 0, NULL},
    {"--from", LY_OPT_TEXT, "FILE", "the district to copy (default: the bundled San Francisco)",
     0, 0, NULL},
    {"--roads", LY_OPT_FLAG, "", "also a street grid (blocks 100 x 80 m, jittered; some streets "
     "cross without a shared point) and POIs of every category, for walking benchmarks", 0, 0,
     NULL},
    {NULL}};

static const ly_opt O_VALIDATE[] = {
    {"--max-errors", LY_OPT_INT, "N", "show at most N problems per file (default 50)", 0, 1e6,
     NULL},
    {NULL}};

static const ly_opt O_JSON[] = {
    {"--json", LY_OPT_FLAG, "", "JSON instead of text", 0, 0, NULL}, {NULL}};

static const ly_opt O_INFO[] = {
    {"--floors", LY_OPT_FLAG, "", "the floor stack, top first, with who is on each floor", 0, 0,
     NULL},
    {"--enterprises", LY_OPT_FLAG, "", "the building's enterprise directory", 0, 0, NULL},
    {"--industry", LY_OPT_TEXT, "NAME", "with --enterprises: one industry", 0, 0, NULL},
    {"--sort", LY_OPT_CHOICE, "floor|name|industry", "with --enterprises: the order", 0, 0,
     "floor|name|industry"},
    {"--lang", LY_OPT_CHOICE, "zh|en",
     "the language of every form's text: labels, headings, states, names and industries (the "
     "other language's name after a name in parentheses); with --sort name, the names sorted by "
     "(default: the locale's, zh for LANG=zh_CN.UTF-8, else en; --json is the same in both)",
     0, 0, "zh|en"},
    {NULL}};

static const ly_opt O_STATS[] = {
    {"--lang", LY_OPT_CHOICE, "zh|en",
     "the language of the text: labels, figures' words, names (default: the locale's, zh for "
     "LANG=zh_CN.UTF-8, else en; --json is the same in both)",
     0, 0, "zh|en"},
    {NULL}};

static const ly_opt O_NEARBY[] = {
    {"--lang", LY_OPT_CHOICE, "zh|en",
     "the language of the text (default: the locale's, zh for LANG=zh_CN.UTF-8, else en)", 0, 0,
     "zh|en"},
    {NULL}};

static const ly_opt O_QUERY[] = {
    {"--min-area", LY_OPT_NUM, "M2", "at least this much vacant space", 0, 1e7, NULL},
    {"--max-area", LY_OPT_NUM, "M2", "at most this much (0: no limit)", 0, 1e7, NULL},
    {"--contiguous", LY_OPT_FLAG, "", "the space may span adjacent floors", 0, 0, NULL},
    {"--max-rent", LY_OPT_NUM, "X", "rent at most X CNY/m²/day", 0.01, 1e4, NULL},
    {"--industry", LY_OPT_TEXT, "NAME", "enterprises of this industry in or near the building", 0,
     0, NULL},
    {"--near", LY_OPT_TEXT, "PLACE", "near a place: " POI " (or its name in either language)", 0, 0,
     NULL},
    {"--near-m", LY_OPT_NUM, "M", "how near (--near, --industry)", 1, 1e5, NULL},
    {"--exclude-later", LY_OPT_FLAG, "", "leave out places opened after the data's date (the "
     "viewer's finder counts them, and so does query without this)", 0, 0, NULL},
    {"--include-later", LY_OPT_FLAG, "", "count places opened after the data's date (the default)",
     0, 0, NULL},
    {"--name", LY_OPT_TEXT, "TEXT", "in the building's name or address", 0, 0, NULL},
    {"--lang", LY_OPT_CHOICE, "zh|en",
     "the reasons' language (default: the locale's, zh for LANG=zh_CN.UTF-8, else en)", 0, 0,
     "zh|en"},
    {NULL}};

static const ly_opt O_TRIANGULATE[] = {
    {"--many", LY_OPT_FLAG, "", "FILE is an array of polygons: time them", 0, 0, NULL},
    {"--runs", LY_OPT_INT, "N", "with --many: runs (the best is reported)", 1, 1000, NULL},
    {NULL}};

static const ly_opt O_SOAK[] = {
    {"--frames", LY_OPT_INT, "N", "frames to run", 1, 1e9, NULL},
    {"--seed", LY_OPT_INT, "S", "the random input's seed", 0, 9007199254740991.0, NULL},
    {"--bad", LY_OPT_TEXT, "FILE", "every other reload loads this bad file", 0, 0, NULL},
    {"--trace", LY_OPT_INT, "N", "memory and GL objects every N frames, to stderr", 0, 1e9, NULL},
    {"--warm", LY_OPT_INT, "N", "frames before the start figures are taken", 0, 1e9, NULL},
    {"--size", LY_OPT_SIZE, "WxH", "the frames' size", 16, 8192, NULL},
    {NULL}};

static const ly_opt O_DB[] = {
    {"--db", LY_OPT_TEXT, "FILE", "the store (default: the bundled one)", 0, 0, NULL}, {NULL}};
static const ly_opt O_TEMPLATE[] = {
    {"--week", LY_OPT_TEXT, "W",
     "the week to report (default: the week after the last, at most next week)", 0, 0,
     NULL},
    {"--encoding", LY_OPT_CHOICE, "utf-8-bom|utf-8|gb18030",
     "the file's encoding (default utf-8-bom, which Excel opens right)", 0, 0,
     "utf-8-bom|utf-8|gb18030"},
    {"--out", LY_OPT_TEXT, "FILE", "write it here instead of to stdout (- is stdout)", 0, 0,
     NULL},
    {NULL}};
static const ly_opt O_IMPORT[] = {
    {"--replace", LY_OPT_FLAG, "", "replace a week's earlier report (it stays in the log)", 0, 0,
     NULL},
    {"--gap", LY_OPT_FLAG, "",
     "take a week more than 8 weeks after the store's latest (weeks without reports between)",
     0, 0, NULL},
    {NULL}};
static const ly_opt O_EXPORT[] = {
    {"--format", LY_OPT_CHOICE, "csv|glb|cityjson|geojson",
     "what to write (default: from --out's extension; a store without one: geojson)", 0, 0,
     "csv|glb|cityjson|geojson"},
    {"--out", LY_OPT_TEXT, "FILE", "where (written atomically; CSV without it: stdout)", 0, 0,
     NULL},
    {"--floors", LY_OPT_FLAG, "", "csv: one row per floor instead of per building", 0, 0, NULL},
    {"--select", LY_OPT_TEXT, "IDS", "csv, glb, cityjson: only these buildings (ids or exact names, comma-separated)",
     0, 0, NULL},
    {"--lang", LY_OPT_CHOICE, "en|zh", "csv: the language of the header and of the status and use cells (default en)", 0, 0, "en|zh"},
    {"--week", LY_OPT_TEXT, "W", "geojson: the store's week (default: the latest)", 0, 0, NULL},
    {NULL}};

static const ly_opt O_PUBLISH[] = {
    {"--lang", LY_OPT_TEXT, "zh,en", "the languages, the first the site's first (default zh,en; en "
     "for a district with no Chinese in its names and addresses)",
     0, 0, NULL},
    {"--base-url", LY_OPT_TEXT, "URL", "where the site will be served (for the sitemap and feed)",
     0, 0, NULL},
    {"--web", LY_OPT_TEXT, "DIR", "the 3D map for the browser (the folder scripts/web.sh writes): "
     "on the district page, linked from every building's", 0, 0, NULL},
    {"--per-page", LY_OPT_INT, "N", "spaces and buildings on a page: longer lists go on to more "
     "pages (default 500)", 1, 1000000, NULL},
    {NULL}};

/* Every command that builds the 3D scene: the scene cache (docs/data-format.md). */
static const ly_opt O_CACHE[] = {
    {"--no-cache", LY_OPT_FLAG, "", "build the scene from the file: no scene cache read or written",
     0, 0, NULL},
    {NULL}};

static const ly_opt *const G_VIEW[] = {O_WINDOW, O_VIEW, O_OPERATIONS, O_SKIP, O_CACHE, NULL};
static const ly_opt *const G_PUBLISH[] = {O_PUBLISH, O_MODEL, NULL};
static const ly_opt *const G_TEMPLATE[] = {O_TEMPLATE, O_DB, NULL};
static const ly_opt *const G_IMPORT[] = {O_IMPORT, O_DB, NULL};
static const ly_opt *const G_DB_JSON[] = {O_DB, O_JSON, NULL};
static const ly_opt *const G_DB[] = {O_DB, NULL};
static const ly_opt *const G_EXPORT[] = {O_EXPORT, O_MODEL, NULL};
static const ly_opt *const G_SHOT[] = {O_SHOT, O_WINDOW, O_SCENE, O_OPERATIONS, O_SKIP, O_CACHE,
                                       NULL};
static const ly_opt *const G_PICK[] = {O_PICK, O_MODEL, O_CACHE, NULL};
static const ly_opt *const G_BENCH[] = {O_BENCH, O_CACHE, NULL};
static const ly_opt *const G_SYNTH[] = {O_SYNTH, NULL};
static const ly_opt *const G_VALIDATE[] = {O_VALIDATE, O_MODEL, NULL};
static const ly_opt *const G_STATS[] = {O_STATS, O_JSON, O_MODEL, NULL};
static const ly_opt *const G_NEARBY[] = {O_NEARBY, O_JSON, O_MODEL, NULL};
static const ly_opt *const G_INFO[] = {O_INFO, O_JSON, O_MODEL, NULL};
static const ly_opt *const G_QUERY[] = {O_QUERY, O_JSON, O_MODEL, NULL};
static const ly_opt *const G_TRIANGULATE[] = {O_TRIANGULATE, NULL};
static const ly_opt *const G_SOAK[] = {O_SOAK, O_CACHE, NULL};

/* ---- the table ------------------------------------------------------------------------ */

static const ly_command COMMANDS[] = {
    {"view", ly_cli_view, "the 3D viewer (what `louyu [FILE]` opens)", "[FILE]", G_VIEW, 0, 1,
     "Opens the viewer on FILE (default: the bundled district). Mouse: drag to orbit, right\n"
     "or middle drag to pan, wheel to zoom at the pointer, shift+drag to tilt, click to\n"
     "select; drop a district file on the window to open it, or a weekly report (CSV,\n"
     ".xlsx, .xls, .ods) on a store's to import it. H or F1 in the window shows\n"
     "every control. Exit status 3: no OpenGL 3.3 context could be made, or it was lost (a\n"
     "supervisor restarts it); 4: a kiosk's admin ended it (a supervisor does not)."},
    {"validate", ly_cli_validate, "check data files: one FILE:LINE:COL line per problem",
     "FILE...", G_VALIDATE, 1, 32,
     "Exit status 0: every file is valid; 1: a file has errors; 2: a file cannot be read."},
    {"stats", ly_cli_stats, "district figures: buildings, enterprises, floor area, occupancy, tax",
     "[FILE]", G_STATS, 0, 1, NULL},
    {"info", ly_cli_info, "a building: everything known, its floors, or its enterprises",
     "[FILE] [ID]", G_INFO, 0, 2,
     "With FILE alone, lists the file's buildings. --enterprises lists the directory by\n"
     "floor (the lowest the enterprise is on; none last), by name (pinyin for Chinese\n"
     "names) or by industry (then floor), as the viewer's Enterprises tab orders it.\n"
     "ID is a building's id or its exact name, in Chinese or English; for another\n"
     "name the buildings whose names match it are suggested."},
    {"nearby", ly_cli_nearby, "a building's nearest places of each kind on foot, with minutes",
     "[FILE] ID", G_NEARBY, 1, 2,
     "Walks over the district's roads (footways too) at 4.5 km/h from the building's\n"
     "outline to each place, up to 2.4 km; what the card's Nearby tab shows. --json adds\n"
     "each route as [lon, lat] points. ID is a building's id or its exact name."},
    {"query", ly_cli_query, "the tenant finder: floors with space that match, ranked, with reasons",
     "[FILE]", G_QUERY, 0, 1, NULL},
    {"shot", ly_cli_shot, "render what the window would show to a PNG, headless", "[FILE]",
     G_SHOT, 0, 1, "SDL_VIDEODRIVER=offscreen renders without a display (Mesa's llvmpipe)."},
    {"pick", ly_cli_pick, "the id of the building under a pixel, or none", "[FILE]", G_PICK, 0, 1,
     NULL},
    {"bench", ly_cli_bench, "time loading, geometry, picking, queries and frames; one JSON line",
     "[FILE]", G_BENCH, 0, 1, NULL},
    {"synth", ly_cli_synth, "write a synthetic city of N buildings as GeoJSON, for benchmarks", "",
     G_SYNTH, 0, 0,
     "Tiles copies of a district's footprints (default: the bundled San Francisco set,\n"
     "13,896 buildings, ODbL) row by row from the south-west in a square-ish grid, 40 m\n"
     "apart, until N buildings are written; each tile takes the buildings nearest its\n"
     "centre first, so the last, partial one is a compact patch. Each copy is shifted up\n"
     "to 3 m and its heights scaled 0.8-1.25 by a PRNG seeded with S: the same N and S\n"
     "give the same bytes. Written atomically."},
    {"triangulate", ly_cli_triangulate, "triangulate a polygon: triangles and deviation", "FILE",
     G_TRIANGULATE, 1, 1,
     "FILE: a ring array (earcut's fixtures) or a GeoJSON Polygon; with --many, an array\n"
     "of polygons to time, for bench/earcut-compare.sh."},
    {"soak", ly_cli_soak, "drive the kiosk headless with random input and reloads; one JSON line",
     "[FILE]", G_SOAK, 0, 1, NULL},
    {"convert", ly_cli_convert, "make a store (a GeoPackage) from a district file",
     "FILE.geojson STORE.gpkg", NULL, 2, 2,
     "The store keeps the district and every week of its vacancy reports; QGIS and GDAL\n"
     "open it (layers buildings, floors, enterprises, weekly_reports, import_log)."},
    {"export", ly_cli_export, "the district for other tools: CSV, glTF, CityJSON, GeoJSON",
     "FILE", G_EXPORT, 1, 1,
     "FILE is a district file or a store.\n"
     "csv: the building stock, one row per building (--floors: per floor), UTF-8 with a\n"
     "byte-order mark for spreadsheets, cells safe from formula injection. glb: binary\n"
     "glTF 2.0, Y up, metres around the district's origin, a mesh per chunk with each\n"
     "building's feature id and attributes (EXT_mesh_features, EXT_structural_metadata),\n"
     "the ground and roads as their own nodes. cityjson: CityJSON 2.0, the buildings at\n"
     "LoD1 (closed solids with semantics) in the district's UTM zone (PROJ).\n"
     "geojson: a week of a store (FILE.gpkg) as a district file; any other district\n"
     "file as the GeoJSON it is read as (a shapefile, OpenStreetMap, a zip), CityJSON\n"
     "as its buildings' footprints with their heights, parts, figures and other\n"
     "attributes; always RFC 7946's: UTF-8, WGS 84 (a \"crs\" file's positions\n"
     "transformed, its properties kept), outer rings counter-clockwise.\n"
     "Written atomically (a temporary file renamed over it): a kiosk watching the file\n"
     "reloads the whole new week."},
    {"publish", ly_cli_publish, "write the investment portal: a static site of the space to let",
     "DISTRICT OUT_DIR", G_PUBLISH, 2, 2,
     "A district page with every space to let, a page per building with the viewer's\n"
     "renders, the listings as JSON and CSV, an Atom feed of this week's new space, the\n"
     "district as GeoJSON for kiosks; both languages. Nothing is loaded from elsewhere;\n"
     "it works from file:// too. OUT_DIR is replaced in one step; unchanged files and\n"
     "renders are kept as they are, and so are the files in it that publish did not\n"
     "write. A city's listing and buildings go on over pages (--per-page); the\n"
     "listing's filters and sorting still cover every page."},
    {"report template", ly_cli_report_template,
     "a pre-filled weekly report for one building, to fill in a spreadsheet", "BUILDING",
     G_TEMPLATE, 1, 1,
     "Every floor with a record, with last week's vacancy and rent (docs/reports.md).\n"
     "BUILDING is its id or its exact name."},
    {"report import", ly_cli_report_import, "check weekly reports and add them to the store",
     "FILE...", G_IMPORT, 1, 1024,
     "A FILE is a CSV (docs/reports.md) or a workbook (.xlsx, .xls, .ods, XML Spreadsheet\n"
     "2003, or a web page's table saved as .xls: its first sheet; of .xlsx, .xls and\n"
     ".ods the first not hidden).\n"
     "Each file is taken whole or not at all; every fault is FILE:LINE:COL with the\n"
     "column's name (in a workbook: ROW:COLUMN and the cell). The same file twice\n"
     "changes nothing. Exit status 1: a file has errors, its week is already\n"
     "reported (without --replace) or more than 8 weeks after the latest (without\n"
     "--gap); 2: a FILE is a store (--db names the store)."},
    {"report history", ly_cli_report_history, "a building's vacancy and rent, week by week",
     "BUILDING", G_DB_JSON, 1, 1, "BUILDING is its id or its exact name."},
    {"report diff", ly_cli_report_diff, "what changed between two weeks, building by building",
     "WEEK WEEK", G_DB_JSON, 2, 2, "Weeks as 2011-W17 (or a date in the week)."},
    {"report log", ly_cli_report_log, "every report file imported: when, by whom, its SHA-256",
     "", G_DB_JSON, 0, 0, NULL},
    {"report withdraw", ly_cli_report_withdraw,
     "take an import out again: a week mistyped, the wrong file", "IMPORT_ID", G_DB, 1, 1,
     "IMPORT_ID is its number in `louyu report log`. Its rows leave the store in one\n"
     "transaction, the rows it replaced (--replace) are current again, and the log keeps\n"
     "it, marked withdrawn, when and by whom. Refused (exit 1) for an import not in the\n"
     "log, one withdrawn, or one whose rows a later import replaced (withdraw that first)."},
    {"pin-hash", ly_cli_pin_hash, "read an admin PIN, print its hash for the kiosk's config", "",
     NULL, 0, 0, "The PIN comes from the terminal (asked twice) or from stdin."},
    {"kiosk-config", ly_cli_kiosk_config, "check a kiosk's config and the data it names", "FILE",
     NULL, 1, 1, NULL},
    {"gl-info", ly_cli_gl_info, "the OpenGL driver louyu would draw with", "", NULL, 0, 0,
     "Exit status 3: no OpenGL 3.3 context can be made here."},
    {"help", ly_cli_help_cmd, "a command's options, or this list", "[COMMAND]", NULL, 0, 2, NULL},
};

const ly_command *ly_cli_commands(size_t *n)
{
    *n = sizeof COMMANDS / sizeof *COMMANDS;
    return COMMANDS;
}

const ly_command *ly_cli_find(const char *name)
{
    for (size_t i = 0; i < sizeof COMMANDS / sizeof *COMMANDS; i++)
        if (!strcmp(COMMANDS[i].name, name))
            return &COMMANDS[i];
    return NULL;
}

/* ---- help ----------------------------------------------------------------------------- */

void ly_cli_help(FILE *out, const ly_command *c)
{
    bool any = c->options && c->options[0];
    fprintf(out, "usage: louyu %s%s%s%s\n", c->name, c->usage[0] ? " " : "", c->usage,
            any ? " [OPTIONS]" : "");
    fprintf(out, "\n%c%s.\n", c->summary[0] >= 'a' && c->summary[0] <= 'z' ? c->summary[0] - 32
                                                                          : c->summary[0],
            c->summary + 1);
    if (c->about)
        fprintf(out, "%s\n", c->about);
    if (!any)
        return;
    fprintf(out, "\noptions:\n");
    for (const ly_opt *const *g = c->options; *g; g++)
        for (const ly_opt *o = *g; o->name; o++) {
            char left[64];
            snprintf(left, sizeof left, "%s%s%s", o->name, o->value[0] ? " " : "", o->value);
            if (strlen(left) > 26) /* a long value list: the help under it */
                fprintf(out, "  %s\n  %-26s %s\n", left, "", o->help);
            else
                fprintf(out, "  %-26s %s\n", left, o->help);
        }
}

static void usage(FILE *out)
{
    fprintf(out,
            "louyu %s: a 3D map of a business district's office towers and what is inside them\n"
            "\n"
            "usage: louyu [FILE] [OPTIONS]           the 3D viewer (louyu help view)\n"
            "       louyu [--verbose] COMMAND [ARGS]\n"
            "\n"
            "commands:\n",
            LY_VERSION);
    for (size_t i = 0; i < sizeof COMMANDS / sizeof *COMMANDS; i++)
        fprintf(out, "  %-16s %s\n", COMMANDS[i].name, COMMANDS[i].summary);
    fprintf(out, "\n"
                 "louyu help COMMAND (or louyu COMMAND --help) lists a command's options.\n"
                 "FILE defaults to the bundled district (Zhanshan Subdistrict, Qingdao).\n"
                 "Data format: docs/data-format.md. Messages go to stderr, data to stdout.\n"
                 "options: --help, --version, --verbose (loading details to stderr)\n");
}

/* `louyu report` alone: its commands. */
static void group_usage(FILE *out, const char *group)
{
    fprintf(out, "usage: louyu %s COMMAND [ARGS]\n\n", group);
    size_t len = strlen(group);
    for (size_t i = 0; i < sizeof COMMANDS / sizeof *COMMANDS; i++)
        if (!strncmp(COMMANDS[i].name, group, len) && COMMANDS[i].name[len] == ' ')
            fprintf(out, "  %-16s %s\n", COMMANDS[i].name, COMMANDS[i].summary);
    fprintf(out, "\nlouyu help %s COMMAND (or louyu %s COMMAND --help) lists its options.\n",
            group, group);
}

/* Whether some command's name starts with this word and a space ("report"). */
static bool is_group(const char *word)
{
    size_t len = strlen(word);
    for (size_t i = 0; i < sizeof COMMANDS / sizeof *COMMANDS; i++)
        if (!strncmp(COMMANDS[i].name, word, len) && COMMANDS[i].name[len] == ' ')
            return true;
    return false;
}

int ly_cli_help_cmd(const ly_args *a)
{
    const char *name = ly_arg_pos(a, 0), *sub = ly_arg_pos(a, 1);
    if (!name) {
        usage(stdout);
        return LY_EXIT_OK;
    }
    char full[64];
    snprintf(full, sizeof full, "%s%s%s", name, sub ? " " : "", sub ? sub : "");
    const ly_command *c = ly_cli_find(full);
    if (!c && !sub && is_group(name)) {
        group_usage(stdout, name);
        return LY_EXIT_OK;
    }
    if (!c)
        return ly_cli_usage_error(a->cmd, "there is no command '%s'", full);
    ly_cli_help(stdout, c);
    return LY_EXIT_OK;
}

/* ---- dispatch ------------------------------------------------------------------------- */

/* The first of these paths (relative to the binary's folder) that can be read, into
 * found; false when none. */
static bool beside_binary(const char *const *rel, size_t n, char *found, size_t size)
{
    char exe[PATH_MAX];
    ssize_t len = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (len <= 0)
        return false;
    exe[len] = '\0';
    char *slash = strrchr(exe, '/');
    if (slash)
        *slash = '\0';
    for (size_t i = 0; i < n; i++) {
        if (snprintf(found, size, "%s%s", exe, rel[i]) < (int)size && access(found, R_OK) == 0)
            return true;
    }
    return false;
}

const char *ly_default_store_path(void)
{
    static char found[PATH_MAX + 64];
    static const char *const rel[] = {"/../share/louyu/zhanshan.gpkg", "/data/zhanshan.gpkg"};
    if (!beside_binary(rel, 2, found, sizeof found))
        snprintf(found, sizeof found, "%s/build/data/zhanshan.gpkg", LY_SOURCE_DIR);
    return found;
}

const char *ly_default_data_path(void)
{
    static char found[PATH_MAX + 64];
    /* the store with its year of reports where the build made one, else the snapshot */
    static const char *const rel[] = {"/../share/louyu/zhanshan.gpkg", "/data/zhanshan.gpkg",
                                      "/../share/louyu/zhanshan.geojson",
                                      "/data/zhanshan.geojson", "/../data/zhanshan.geojson"};
    if (!beside_binary(rel, 5, found, sizeof found))
        snprintf(found, sizeof found, "%s/data/zhanshan.geojson", LY_SOURCE_DIR);
    return found;
}

static bool wants_help(int argc, char **argv)
{
    for (int i = 0; i < argc && strcmp(argv[i], "--"); i++)
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h"))
            return true;
    return false;
}

static int run_command(const ly_command *c, int argc, char **argv)
{
    if (wants_help(argc, argv)) {
        ly_cli_help(stdout, c);
        return LY_EXIT_OK;
    }
    ly_args a;
    int rc = ly_args_parse(&a, c, argc, argv);
    /* every scene this command loads, on any thread, builds from the file (scene.c) */
    if (!rc && ly_arg_flag(&a, "--no-cache"))
        setenv("LOUYU_NO_CACHE", "1", 1);
    return rc ? rc : c->run(&a);
}

int ly_cli_main(int argc, char **argv)
{
    int i = 1;
    for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            usage(stdout);
            return LY_EXIT_OK;
        }
        if (!strcmp(argv[i], "--version")) {
            printf("louyu %s\n", LY_VERSION);
            return LY_EXIT_OK;
        }
        if (!strcmp(argv[i], "--verbose") || !strcmp(argv[i], "-v")) {
            ly_log_set_level(LY_LOG_DEBUG);
            continue;
        }
        /* the viewer's options, with or without a file */
        return run_command(ly_cli_find("view"), argc - i, argv + i);
    }
    if (i >= argc)
        return run_command(ly_cli_find("view"), 0, argv + i); /* the bundled district */
    const ly_command *c = ly_cli_find(argv[i]);
    if (c)
        return run_command(c, argc - i - 1, argv + i + 1);
    if (is_group(argv[i])) { /* louyu report import ... */
        char full[64];
        snprintf(full, sizeof full, "%s %s", argv[i], i + 1 < argc ? argv[i + 1] : "");
        if ((c = ly_cli_find(full)))
            return run_command(c, argc - i - 2, argv + i + 2);
        bool help = i + 1 >= argc || wants_help(argc - i - 1, argv + i + 1);
        if (!help)
            fprintf(stderr, "louyu %s: there is no command '%s'\n", argv[i], full);
        group_usage(help ? stdout : stderr, argv[i]);
        return help ? LY_EXIT_OK : LY_EXIT_USAGE;
    }
    /* a file to view */
    if (access(argv[i], F_OK) == 0)
        return run_command(ly_cli_find("view"), argc - i, argv + i);
    fprintf(stderr, "louyu: '%s' is neither a command nor a file (louyu --help lists the "
                    "commands)\n",
            argv[i]);
    return LY_EXIT_USAGE;
}
double ly_process_start_ms;
