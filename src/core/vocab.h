/* The vocabulary: the words louyu reads in its input formats, in English and
 * in Chinese as the district's spreadsheets write them (a report's column
 * names, units, "now", how a range of floors is written). What louyu says is
 * in the string table (strings.c); what it reads is here, so that Chinese text
 * lives in these two files only. Private to the core. */
#ifndef LOUYU_CORE_VOCAB_H
#define LOUYU_CORE_VOCAB_H

#include "louyu/report.h"

#include <stdbool.h>

/* Each report column's names: the key first; a header cell matches any of them. */
extern const char *const ly_vocab_report_names[LY_RC_COUNT][6];
/* The header a template writes: key and Chinese name. */
extern const char *const ly_vocab_report_header[LY_RC_COUNT];
/* Units after an area and after a rent; words for "available now". NULL-ended. */
extern const char *const ly_vocab_area_units[];
extern const char *const ly_vocab_rent_units[];
extern const char *const ly_vocab_now_words[];
/* A rent's unit in parts (元/㎡·天): its currency, per day, the separators between the
 * parts; a rent "to be agreed" (面议). NULL-ended. */
extern const char *const ly_vocab_rent_money[];
extern const char *const ly_vocab_rent_days[];
extern const char *const ly_vocab_rent_seps[];
extern const char *const ly_vocab_negotiable[];
/* A length's unit when it is metres, as mappers write it ("12 m", "12米"). NULL-ended. */
extern const char *const ly_vocab_metres[];
/* Between the two floors of a range; after a floor number. NULL-ended. */
extern const char *const ly_vocab_floor_ranges[];
extern const char *const ly_vocab_floor_suffixes[];
/* Between the parts of a list of floors ("3, 5-7"). NULL-ended. */
extern const char *const ly_vocab_floor_lists[];
/* A full-width "(", which starts a unit in a header cell. */
extern const char *const ly_vocab_open_bracket;
/* A date and a week as Chinese spreadsheets write them: 2011年5月9日 (or 9号), 2011年第17周. */
extern const char *const ly_vocab_date_year, *const ly_vocab_date_month;
extern const char *const ly_vocab_date_day[];
extern const char *const ly_vocab_week_nth, *const ly_vocab_week;
/* After a house number given as a number, in a Chinese address: 香港中路6号. */
extern const char *const ly_vocab_house_number;
/* A shapefile's Chinese column names and the property each stands for: pairs, NULL-ended. */
extern const char *const ly_vocab_shapefile_columns[][2];

/* s with full-width forms (U+FF01 to U+FF5E, what a Chinese input method types: １２００,
 * ３－５, Ｆ１２) and the ideographic and no-break spaces as ASCII, into out (n bytes);
 * s itself when it has none or is too long. */
const char *ly_ascii_forms(const char *s, char *out, size_t n);

/* How ly_vocab_number read a value when it was not plainly one number. */
enum { LY_NUMBER_SEVERAL = 1, LY_NUMBER_COMMA = 2 };

/* A number written as text, as OpenStreetMap's tags and other tools hold it: "12", "12.5",
 * "12 m", "12 metres", "12米"; with `length` also feet ("40 ft", "40'", "12'6\"") as metres;
 * full-width digits (ly_ascii_forms). A decimal comma ("25,5": one or two digits after it,
 * no point) is read as a point, and values separated by ";" (OSM's lists, "3;4") give the
 * largest: each noted in *how (LY_NUMBER_*). False for anything else (hex, inf, nan, "12x"). */
bool ly_vocab_number(const char *s, bool length, double *out, int *how);

/* A column's name as its property: the names louyu reads in lower case however the table
 * writes them (HEIGHT, Name), and the Chinese column names above as louyu's. In place;
 * `n` is the room in `key`. (Shapefiles, GeoPackages, and GeoJSON from other tools.) */
void ly_vocab_column_key(char *key, size_t n);

#endif
