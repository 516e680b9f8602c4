/* louyu district: the data model of one district, loaded from GeoJSON.
 *
 * A ly_district is a set of flat arrays plus an arena of strings, built by
 * ly_district_load and freed by one ly_district_unload. Records refer to each
 * other by index ranges (first_x, n_x) into the district's arrays, never by
 * pointer, so a whole district can be swapped for another in one assignment.
 * Geometry stays in WGS84 degrees here (double); projection to local metres
 * belongs to the geometry core.
 *
 * Loading never exits and never keeps a half-built district: on failure every
 * allocation is freed, *out is left zeroed, and the caller's ly_diag_list says
 * why, with the file, line and column of each offending value. */
#ifndef LOUYU_DISTRICT_H
#define LOUYU_DISTRICT_H

#include "louyu/arena.h"
#include "louyu/diag.h"
#include "louyu/strings.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum { LY_STATUS_COMPLETED, LY_STATUS_UNDER_CONSTRUCTION } ly_building_status;

typedef enum {
    LY_USE_OFFICE,
    LY_USE_RETAIL,
    LY_USE_HOTEL,
    LY_USE_RESIDENTIAL,
    LY_USE_PARKING,
    LY_USE_PLANT,
    LY_USE_MIXED,
    LY_USE_OTHER,
    LY_USE_COUNT
} ly_floor_use;

typedef enum {
    LY_KIND_BUILDING,
    LY_KIND_ROAD,
    LY_KIND_PARK,
    LY_KIND_WATER,
    LY_KIND_BOUNDARY,
    LY_KIND_POI,
    LY_KIND_CAMERA,
    LY_KIND_LAND_USE, /* a flat area of some other use (CityJSON LandUse): paved, bare, sand */
    LY_KIND_COUNT
} ly_kind;

typedef enum {
    LY_ROAD_PRIMARY,
    LY_ROAD_SECONDARY,
    LY_ROAD_TERTIARY,
    LY_ROAD_RESIDENTIAL,
    LY_ROAD_FOOTWAY,
    LY_ROAD_COUNT
} ly_road_class;

typedef enum { LY_WATER_SEA, LY_WATER_LAKE, LY_WATER_RIVER, LY_WATER_COUNT } ly_water_type;

typedef enum {
    LY_POI_METRO,
    LY_POI_BUS,
    LY_POI_BANK,
    LY_POI_HOTEL,
    LY_POI_RESTAURANT,
    LY_POI_PARKING,
    LY_POI_GOVERNMENT,
    LY_POI_LANDMARK,
    LY_POI_HOSPITAL,
    LY_POI_SCHOOL,
    LY_POI_PARK,
    LY_POI_RED_CLUBHOUSE, /* a Party service centre (红色会所) with its service windows */
    LY_POI_COUNT
} ly_poi_category;

/* A ring's points, without the repeated closing point. */
typedef struct {
    uint32_t first_point, n_points;
} ly_ring;

/* A polygon (rings[0] is the outline, the rest are holes) with its own
 * vertical extent: a part of a building, or a flat area (min = max = 0). */
typedef struct {
    uint32_t first_ring, n_rings;
    float min_height_m, height_m;
} ly_polygon;

typedef struct {
    uint32_t first_point, n_points;
} ly_line;

/* What a face of a 3D model is (CityJSON's semantic surfaces). */
typedef enum {
    LY_FACE_WALL,   /* WallSurface, ClosureSurface, and faces that stand upright */
    LY_FACE_ROOF,   /* RoofSurface, and faces that look up */
    LY_FACE_GROUND, /* GroundSurface, OuterFloorSurface, OuterCeilingSurface: faces that look down */
    LY_FACE_WINDOW,
    LY_FACE_DOOR,
    LY_FACE_COUNT
} ly_face_type;

/* A planar polygon in 3D of a building's model (CityJSON): rings[0] the outline,
 * counter-clockwise seen from outside the building, the rest holes. Its rings'
 * points have heights in ly_district.point_z. */
typedef struct {
    uint32_t first_ring, n_rings;
    uint16_t part;  /* 0 the building's own geometry, 1 ... its parts in the file's order */
    uint8_t type;   /* ly_face_type */
    uint8_t given;  /* 1 when the file gave the type (semantics), 0 when the normal did */
} ly_face;

typedef struct {
    int floor; /* 1 ... building floors */
    ly_floor_use use;
    double area_m2, vacant_m2;
    /* > 0: the asking rent of this floor's space in the week shown (its weekly report
     * row's, CNY per m² per day); < 0: its row gave none, the rent is to be agreed (面议);
     * 0: no row named it (or a district file's floor), the building's is asked */
    double rent_cny_m2_day;
    /* from when its space is free, as a file's "available_from" gives it: "2011-05-09",
     * "now", or "" (not said; a store's come from its reports: ly_store_available) */
    char available_from[11];
} ly_floor_record;

typedef struct {
    const char *name, *name_en;
} ly_name_pair;

typedef struct {
    const char *name, *name_en, *industry; /* name_en and industry may be NULL */
    uint32_t first_floor, n_floors;        /* into ly_district.enterprise_floors */
    int employees;                         /* -1 when unknown */
    double registered_capital_cny;         /* < 0 when unknown */
    int since;                             /* year, 0 when unknown */
} ly_enterprise;

typedef struct {
    const char *name, *name_en;
    uint32_t first_window, n_windows;     /* into ly_district.names */
    uint32_t first_offering, n_offerings; /* into ly_district.names */
} ly_service_point;

typedef struct {
    const char *id;
    const char *name, *name_en, *address, *address_en; /* may be NULL, never "" */
    const char *alias; /* plain GeoJSON: another naming tag (brand, operator ...), or NULL */
    ly_building_status status;
    int year; /* 0 when unknown */
    double height_m, min_height_m;
    int floors;
    bool floor_heights_given;
    uint32_t first_floor_height; /* `floors` entries in ly_district.floor_heights */
    uint32_t first_polygon, n_polygons; /* the footprint, extruded when n_faces is 0 */
    /* A 3D model (CityJSON): faces drawn as they are instead of the extruded footprint;
     * lod is its level of detail (1, 1.2, 2.2, ...), 0 for a footprint. */
    uint32_t first_face, n_faces;
    float lod;
    /* Unknown figures are negative. */
    double gfa_m2, rent_cny_m2_day, tax_2010_cny;
    struct {
        const char *name, *name_en, *phone, *email;
    } contact;
    bool has_services;
    ly_service_point services;
    uint32_t first_record, n_records; /* sorted by floor */
    uint32_t first_enterprise, n_enterprises;
    const char *type;  /* OSM "building"/"type" value of plain GeoJSON, or NULL */
    const char *extra; /* unknown properties as a JSON object text, or NULL */
    uint32_t feature;  /* index in the file's features array */
    double lon_min, lat_min, lon_max, lat_max;
} ly_building;

/* Every feature that is not a building. */
typedef struct {
    ly_kind kind;
    const char *id, *name, *name_en, *address; /* may be NULL */
    uint32_t first_polygon, n_polygons;        /* park, water, boundary */
    uint32_t first_line, n_lines;              /* road */
    double lon, lat;                           /* poi, camera */
    int subtype; /* ly_road_class, ly_water_type or ly_poi_category */
    /* road: its level (OpenStreetMap's layer: a bridge 1, a tunnel -1; the ground 0), where
     * it crosses another it meets only at its own level; and whether people walk on it (not
     * a motorway, not foot=no) */
    int8_t layer;
    bool no_walk;
    double width_m;
    int since;   /* poi: year it opened, 0 when unknown */
    /* camera: where it looks (degrees clockwise from north; its field of view), its
     * height above the ground (a poi's: the roof it stands on when it is a building of
     * OpenStreetMap, such as a hotel; else 0), and its pictures: a live stream (MJPEG over http(s))
     * and/or a still image (http(s) URL, or a path relative to the data file) */
    double heading_deg, fov_deg, height_m;
    const char *snapshot, *stream;
    const char *extra;
    uint32_t feature;
} ly_feature;

typedef struct {
    double enterprises_registered;
    double enterprise_share_in_buildings_min;
    double tax_share_buildings_min;
    double tax_q1_2011_cny;
    double new_enterprises_q1_2011;
    double buildings_over_5000m2;
    double area_km2;
} ly_district_figures; /* each < 0 when absent */

typedef struct {
    bool is_louyu; /* has the top-level "louyu" member */
    bool cityjson; /* read from CityJSON (a document or a CityJSONSeq) */
    /* its text is not GeoJSON as a browser reads it: positions in another system (a
     * "crs" PROJ transformed), or bytes in GB18030, not UTF-8 */
    bool projected, gb18030;
    /* CityJSON without a reference system: metres in a local system, placed around
     * 0° N 0° E (ly_proj at 0, 0) from local_origin; what an export writes back */
    bool local_crs;
    /* a GeoPackage with louyu's weekly_reports but not the district a store keeps (a GDAL
     * copy of a store's layers): read from its layers, without its weeks */
    bool store_layers_only;
    double local_origin[2];
    int schema;
    const char *name, *name_en, *city, *city_en;
    const char *data_date, *provenance, *licence;
    /* the week of a store it is ("2011-W19", as a store's export writes it), or NULL */
    const char *week;
    const char **illustrative;
    size_t n_illustrative;
    ly_district_figures figures;
} ly_district_meta;

typedef struct ly_district {
    char *source; /* path it was loaded from */
    ly_district_meta meta;

    ly_building *buildings;
    size_t n_buildings;
    ly_feature *features;
    size_t n_features;

    double *points; /* lon, lat pairs */
    size_t n_points;
    /* Each point's height in metres above its building's base, for the faces of 3D
     * models: n_point_z is n_points, or 0 and point_z NULL when there are none (GeoJSON). */
    float *point_z;
    size_t n_point_z;
    ly_face *faces;
    size_t n_faces;
    ly_ring *rings;
    size_t n_rings;
    ly_polygon *polygons;
    size_t n_polygons;
    ly_line *lines;
    size_t n_lines;

    float *floor_heights;
    size_t n_floor_heights;
    ly_floor_record *records;
    size_t n_records;
    ly_enterprise *enterprises;
    size_t n_enterprises;
    int *enterprise_floors;
    size_t n_enterprise_floors;
    ly_name_pair *names;
    size_t n_names;

    /* The weekly history, when the district comes from a store (ly_store_load):
     * n_weeks ISO weeks ascending (year * 100 + week); for each week every floor
     * record's vacant m² and asking rent (n_weeks x n_records; a rent <= 0: the
     * building's), every building's asking rent (< 0: not stated; n_weeks x n_buildings)
     * and whether it reported that week. The records and rents show week `week`
     * (ly_district_set_week). None for a file. */
    int *weeks;
    size_t n_weeks, week;
    double *week_vacant, *week_record_rent, *week_rent;
    unsigned char *week_reported;

    size_t n_skipped; /* features ignored (plain GeoJSON non-polygons, null geometry) */
    size_t n_left_out; /* features with errors left out (ly_load_desc.skip_bad) */
    size_t n_rows_left_out; /* a store's report rows another program changed, left out */
    size_t n_table_edits;   /* a store's GIS rows another program changed (not read) */
    double lon_min, lat_min, lon_max, lat_max;
    ly_arena arena;
} ly_district;

typedef enum {
    LY_LOAD_OK = 0,
    LY_LOAD_IO,   /* the file could not be read */
    LY_LOAD_DATA, /* the data has errors (see the diag list) */
    LY_LOAD_NOMEM
} ly_load_result;

/* Where a load spent its time, in milliseconds (for louyu bench). */
typedef struct {
    double read_ms;     /* reading the file */
    double check_ms;    /* UTF-8 and JSON grammar check */
    double parse_ms;    /* cJSON tree */
    double validate_ms; /* checks and the model */
    double locate_ms;   /* positions of diagnostics (0 when there are none) */
    double total_ms;
} ly_load_timing;

typedef struct {
    const char *lod;        /* CityJSON: the level of detail to read ("1.2"); NULL: the best */
    int max_depth;          /* 0: 64 */
    size_t max_file_bytes;  /* 0: LY_LOAD_MAX_BYTES */
    ly_load_timing *timing; /* filled when not NULL */
    struct ly_progress_s *progress; /* stages reported here when not NULL (progress.h) */
    /* GeoJSON and CityJSON: a feature (city object) with errors is left out, its errors
     * warnings that say so, instead of failing the load; for data from elsewhere (an
     * OpenStreetMap export), never for what goes into a store */
    bool skip_bad;
} ly_load_desc;

/* The most a district file (or all of an archive's layers, unpacked) may be when
 * ly_load_desc names no limit: 512 MiB, a city's worth several times over. */
#define LY_LOAD_MAX_BYTES ((size_t)512 << 20)

/* The limit a load keeps to: desc's max_file_bytes, else LY_LOAD_MAX_BYTES. */
static inline size_t ly_load_max_bytes(const ly_load_desc *desc)
{
    return desc && desc->max_file_bytes ? desc->max_file_bytes : LY_LOAD_MAX_BYTES;
}

/* Loads and validates a GeoJSON file, a CityJSON file (1.1 or 2.0, one document or a
 * CityJSONSeq of features: cityjson.c), a store (store.h) or a URL (fetch.h). On
 * LY_LOAD_OK *out holds the district (warnings may be in diags); otherwise *out is
 * zeroed. desc may be NULL. */
/* A district file (not a store or URL) loaded as ly_district_load does, and on LY_LOAD_OK
 * the GeoJSON or CityJSON text it was read as into *text (malloc'd, *len bytes): the file's
 * own, gunzipped where it was gzipped, or the GeoJSON a shapefile, another tool's
 * GeoPackage or OpenStreetMap's XML, JSON or PBF was read as. What a store keeps and the
 * portal publishes. */
ly_load_result ly_district_load_text(ly_district *out, const char *path,
                                     const ly_load_desc *desc, ly_diag_list *diags, char **text,
                                     size_t *len);

ly_load_result ly_district_load(ly_district *out, const char *path, const ly_load_desc *desc,
                                ly_diag_list *diags);
/* The same from memory; `name` is used in messages. The text is not kept. */
ly_load_result ly_district_load_mem(ly_district *out, const char *text, size_t len,
                                    const char *name, const ly_load_desc *desc,
                                    ly_diag_list *diags);
/* Frees everything; accepts NULL or a zeroed district and leaves it zeroed. */
void ly_district_unload(ly_district *d);

/* Shows week i of the history (i < n_weeks): every floor record's vacant area and
 * every building's rent as they were that week. Does nothing without a history. */
void ly_district_set_week(ly_district *d, size_t i);
/* Building b's vacant m² over its records in week i of the history (the records
 * as they are now when there is none). */
double ly_building_vacant_in_week(const ly_district *d, const ly_building *b, size_t i);
/* What week i of the history (i < n_weeks) is compared with, where that is not the calendar
 * week just before it: the week reported before it (year * 100 + week), a week or more
 * without reports between them; 0 where it is the week just before, or i is the first.
 * (W20's changes against W18 had been called "this week".) */
int ly_district_week_against(const ly_district *d, size_t i);
/* The date of the figures shown, YYYY-MM-DD into buf: the Friday of the week shown
 * (a store's history), else the file's data_date; "" when it has none. Returns buf. */
const char *ly_district_date(const ly_district *d, char *buf, size_t n);
/* The year of that date, 0 when there is none. */
int ly_district_data_year(const ly_district *d);

/* Index of the building with this id, or -1. */
long ly_district_find(const ly_district *d, const char *id);
/* Index of the building a person names (a report's row, a command's argument): its id, or
 * exactly its Chinese name, English name (in any case) or alias, blanks at either end
 * and full-width forms (Ｈｉｓｅｎｓｅ, what an input method types) aside; -1 when none, -2 when two buildings have that name (their ids tell them apart). */
long ly_district_find_named(const ly_district *d, const char *text);
/* The buildings (indices, up to cap into out) with that name, as ly_district_find_named
 * compares names (an id is not one); returns how many there are. */
size_t ly_district_all_named(const ly_district *d, const char *text, long *out, size_t cap);
/* Whether (x, y) is inside polygon pg (even-odd over all its rings: holes are outside),
 * its points taken from pts, two numbers each as d->points has them (lon/lat; or a
 * projection of them, such as ly_geo.xy). */
bool ly_polygon_contains(const ly_district *d, const double *pts, const ly_polygon *pg,
                         double x, double y);

/* The longitude of the middle of building b's extent, in -180..180: for a building across
 * 180° the extent is the short way round (from lon_max east to lon_min), and so its middle. */
double ly_building_mid_lon(const ly_building *b);

/* Height in metres of the bottom of floor `floor` (1-based) of building b;
 * floor = floors + 1 gives the top of the last floor. */
double ly_building_floor_base(const ly_district *d, const ly_building *b, int floor);

/* The building's name as people know it: in `lang` where there is one, else in the
 * other language, else another name the data gives (alias); NULL when it has none.
 * What the map's labels show. */
const char *ly_building_name(const ly_building *b, ly_lang lang);
/* Whether two names say the same: the same text, blanks at either end and the case of
 * Latin letters aside ("Haight Tower", " haight tower"). A district outside China gives
 * one name as both `name` and `name_en`; a name shown twice side by side reads as a fault.
 * A NULL name is the same only as another NULL. */
bool ly_names_same(const char *a, const char *b);
/* The one rule for a second name shown beside a first (a title and the other language's
 * name, a Chinese name with its English one): `second`, or NULL where there is none or it
 * says the same as `first` (ly_names_same). Compares the text, never the pointers: a scene
 * from the cache keeps two equal strings once, one built from the file twice. */
const char *ly_name_second(const char *first, const char *second);
/* The building's name in the other language, to show under or beside what
 * ly_building_name(b, lang) gives: NULL where it has no name in `lang` (that one already
 * stands in for it), none in the other, or the same one in both. */
const char *ly_building_other_name(const ly_building *b, ly_lang lang);
/* What to call the building where something must be said (a card's title, a list
 * row, a tooltip): its name, else its address, else its kind and id ("Apartments
 * 1155353760", "公寓 1155353760"). Returns a string of b, or buf (n bytes). */
const char *ly_building_title(const ly_building *b, ly_lang lang, char *buf, size_t n);
/* A height in metres as a card writes it, into buf: to a tenth where it is not whole
 * ("238.3", "110"; 238.3 m and 237.7 m had both read "238"). Returns buf. */
const char *ly_height_text(double m, char *buf, size_t n);

/* The asking rents a weekly report may give, CNY per m² per day. */
#define LY_RENT_MIN 0.1
#define LY_RENT_MAX 50.0
/* A district file's rent past this is refused (no rent is meant: 1e300 had been kept and
 * printed as a figure of 300 digits). */
#define LY_RENT_CAP 10000.0
/* What a district file's building rent (a number >= 0) makes doubtful, or NULL: 0 is read
 * as none given (a blank cell saved as 0), one outside LY_RENT_MIN..LY_RENT_MAX is kept but
 * said (a month's or a year's rent?). The GeoJSON and CityJSON loaders' words alike. */
const char *ly_rent_doubt(double rent);

/* Whether a floor has space to let: a vacant area of 1 m² or more. Less is what is left of
 * a range's area shared among its floors by their areas (0.5 m², shown as 0 or 1 m²): the
 * floor counts as let, in the finder, the counts, the card, the stacking plan and the portal
 * alike. */
#define LY_SPACE_MIN_M2 1.0
static inline bool ly_floor_has_space(const ly_floor_record *r)
{
    return r->vacant_m2 >= LY_SPACE_MIN_M2;
}

/* A floor's vacant area as every figure counts it: under 1 m² is let (0.4 m² had made
 * "100.0 %" with "0 m² vacant" in one place and "99 %" in another). */
static inline double ly_floor_vacant(const ly_floor_record *r)
{
    return ly_floor_has_space(r) ? r->vacant_m2 : 0;
}

/* Whether a floor is the building's own (plant, parking) with no space to let: not let, so
 * neither leased nor vacant. Its area is left out of what occupancy is a share of, in the
 * stats, a building's occupancy and the dashboard alike (a district's 41,818 m² of plant had
 * counted as leased), as the stacking plan shows it apart. */
static inline bool ly_floor_is_service(const ly_floor_record *r)
{
    return (r->use == LY_USE_PLANT || r->use == LY_USE_PARKING) && !ly_floor_has_space(r);
}

/* A floor's asking rent, as the finder, the portal and the exports all take it: its own
 * (its weekly report row's), none (-1) when that is to be agreed (*to_be_agreed, which
 * may be NULL, set then), else the building's (-1: unknown). */
double ly_floor_rent(const ly_building *b, const ly_floor_record *r, bool *to_be_agreed);
/* The rent a floor's space asks, as a floor's card gives it: where the floor (its record,
 * or NULL) has space to let (1 m² or more, as the portal lists spaces), ly_floor_rent
 * (*agreed set when that is to be agreed); else -1. */
double ly_floor_card_rent(const ly_building *b, const ly_floor_record *record, bool *agreed);

/* What a building asks, as its card and its portal page say it: over its floors with space
 * to let (1 m² or more), the lowest and highest known asking rent and whether some floor's
 * is to be agreed; where it has no space to let, its own rent. As text into buf: "3.00–4.50 UNIT",
 * "3.00 UNIT", with " · AGREED" where some floor's is to be agreed (or AGREED alone); false
 * (buf empty) when there is nothing to say. */
bool ly_building_rent_text(const ly_district *d, const ly_building *b, const char *unit,
                           const char *agreed, char *buf, size_t n);

/* The same as figures: lo..hi the known asking rents (-1, -1: none known), agreed when some
 * floor's is to be agreed. */
typedef struct {
    double lo, hi;
    bool agreed;
} ly_rent_span;
/* Over b's records given (b's n_records of them, with their vacant area and rents; b's own
 * rent where they have no space to let). */
ly_rent_span ly_building_rent_span(const ly_building *b, const ly_floor_record *records);
/* With b's own rent `own` and its records' vacant areas and rents given (b's n_records each),
 * their other facts d's. */
ly_rent_span ly_building_rent_span_with(const ly_district *d, const ly_building *b, double own,
                                        const double *vacant, const double *rent);
/* As it was in week i of d's history (as it is now when i is past its weeks). */
ly_rent_span ly_building_rent_span_in_week(const ly_district *d, const ly_building *b, size_t i);
/* A rent to the cent as it is printed ("%.2f": 4.005 is 4.00, as the card, the CSV and the
 * JSON all give it). */
double ly_rent_cents(double rent);
/* The same to the cent, as printed. */
bool ly_rent_span_same(ly_rent_span a, ly_rent_span b);
/* As ly_building_rent_text words it. */
bool ly_rent_span_text(ly_rent_span s, const char *unit, const char *agreed, char *buf, size_t n);

const char *ly_floor_use_name(ly_floor_use use);
const char *ly_kind_name(ly_kind kind);
const char *ly_poi_category_name(ly_poi_category c);
const char *ly_road_class_name(ly_road_class c);
const char *ly_water_type_name(ly_water_type t);
const char *ly_status_name(ly_building_status s);

#endif
