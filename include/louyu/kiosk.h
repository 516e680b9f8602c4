/* louyu kiosk: the kiosk's configuration file and its admin PIN.
 *
 * A kiosk is set up once by whoever installs it, in one JSON file given with
 * `louyu --kiosk --config FILE` (docs/kiosk.md has the full description):
 *
 *   {
 *     "data": "zhanshan.geojson",          relative to the config file's folder, or a URL
 *     "poll_s": 60,                        how often a URL is asked for news
 *     "language": "zh",                    what a reset returns to
 *     "reset_after_s": 120,                idle seconds before everything resets
 *     "attract": {"enabled": true, "after_s": 60, "per_building_s": 9},
 *     "display": {"index": 0, "ui_scale": 0},
 *     "admin": {"pin_hash": "$argon2id$...", "hold_s": 5},
 *     "log": {"path": "/var/log/louyu/kiosk.log", "max_kb": 1024, "keep": 3}
 *   }
 *
 * Every member is optional. Loading checks every member and reports every
 * problem as "FILE:LINE:COL: what is wrong: what was expected", one per line;
 * unknown members are errors too (a misspelt "reset_after_s" must not
 * silently keep the default on a kiosk nobody watches).
 *
 * The admin PIN is never stored: "pin_hash" holds libsodium's Argon2id string
 * (salt and cost parameters included), made by `louyu pin-hash`. Argon2id is
 * slow and memory-hard on purpose, so a copied config does not give the PIN
 * away cheaply. No GL, no SDL. */
#ifndef LOUYU_KIOSK_H
#define LOUYU_KIOSK_H

#include "louyu/diag.h"
#include "louyu/strings.h"

#include <stdbool.h>
#include <stddef.h>

#define LY_KIOSK_CONFIG_MAX_BYTES (64 * 1024)
/* A PIN is 4 to 12 digits. */
#define LY_PIN_MIN 4
#define LY_PIN_MAX 12
/* Room for libsodium's encoded Argon2id string (crypto_pwhash_STRBYTES). */
#define LY_PIN_HASH_MAX 128

typedef struct {
    char data[1024];         /* the data file or http(s) URL ("" when the config does not say) */
    double poll_s;           /* how often a URL is polled, default 60 */
    bool has_language;
    ly_lang language;
    double reset_after_s;    /* default 120 */
    bool attract;            /* default true */
    double attract_after_s;  /* default 60 */
    double per_building_s;   /* default 9 */
    int display;             /* which monitor, 0 = the first */
    float ui_scale;          /* 0 = from the display */
    char pin_hash[LY_PIN_HASH_MAX]; /* "" = no admin panel */
    double admin_hold_s;     /* the corner press that opens the PIN pad, default 5 */
    char log_path[1024];     /* "" = the default (ly_kiosk_default_log_path) */
    long log_path_line;      /* where the file gives it (0: it does not), for a message */
    int log_path_col;
    long log_max_kb;         /* default 1024 */
    int log_keep;            /* rotated files kept besides the live one, default 3 */
} ly_kiosk_config;

void ly_kiosk_config_defaults(ly_kiosk_config *c);

/* Reads `path` over the defaults. Returns the number of problems (0: all
 * good), each added to `diags` at the line and column of its value (counted as
 * the district loader counts them; ly_diag_print writes "FILE:LINE:COL: error:
 * ..."), or -1 when the file cannot be read or is not JSON (one entry saying
 * why). With problems, the members that were good are still filled in. */
int ly_kiosk_config_load(ly_kiosk_config *c, const char *path, ly_diag_list *diags);

/* $XDG_STATE_HOME/louyu/kiosk.log, else $HOME/.local/state/louyu/kiosk.log.
 * Returns 0, or -1 when there is no usable directory. */
int ly_kiosk_default_log_path(char *buf, size_t n);

/* Whether `pin` is 4 to 12 ASCII digits. */
bool ly_pin_valid(const char *pin);
/* Hashes a valid PIN with a fresh random salt into out (LY_PIN_HASH_MAX
 * bytes). Returns 0, or -1 (invalid PIN, or out of memory). Takes about a
 * tenth of a second and 64 MiB, on purpose. */
int ly_pin_hash(const char *pin, char *out, size_t n);
/* Whether `hash` (from ly_pin_hash) is one we can check: an Argon2id hash of libsodium's
 * form with a cost from what ly_pin_hash writes up to what a kiosk can afford. */
bool ly_pin_hash_valid(const char *hash);
/* What is wrong with it (a phrase: "a hash cut short ..."), or NULL when nothing is. */
const char *ly_pin_hash_problem(const char *hash);
/* Whether `pin` matches `hash`; false for an invalid PIN or hash. */
bool ly_pin_verify(const char *hash, const char *pin);

#endif
