/* louyu settings: the user's preferences, kept in one small JSON file.
 *
 * The file lives in the XDG config directory: $XDG_CONFIG_HOME/louyu/settings.json,
 * or $HOME/.config/louyu/settings.json when XDG_CONFIG_HOME is unset, empty or not
 * an absolute path (the XDG Base Directory spec says to ignore relative ones).
 * Contents: {"language": "zh" | "en", "ui_scale": number}.
 *
 * The caller owns the ly_settings struct; this module keeps no globals and
 * allocates nothing that outlives a call. Loading never exits and never crashes
 * on a bad file: what is bad keeps its default, the rest is used, and the caller
 * gets -1 with a message naming the file and the first problem. Saving rewrites
 * the file atomically (path.tmp in the same directory, fsync, rename) and keeps
 * the members of the old file this version does not know (when the old file is a
 * readable JSON object), so a newer louyu's settings survive an older one. */
#ifndef LOUYU_SETTINGS_H
#define LOUYU_SETTINGS_H

#include "louyu/diag.h"
#include "louyu/strings.h"

#include <stdbool.h>
#include <stddef.h>

/* Settings files larger than this are refused: the real one is a few lines. */
#define LY_SETTINGS_MAX_BYTES (64 * 1024)
/* ui_scale is 0 (automatic) or within [MIN, MAX]. */
#define LY_SETTINGS_UI_SCALE_MIN 0.5f
#define LY_SETTINGS_UI_SCALE_MAX 4.0f

typedef struct {
    ly_lang language; /* default LY_LANG_ZH */
    bool language_set; /* the file names a language (else the desktop's locale decides) */
    float ui_scale;   /* 0 = automatic (from the display's DPI); the default */
} ly_settings;

void ly_settings_defaults(ly_settings *s);

/* Writes the settings file's path to buf. Returns 0, or -1 when neither
 * XDG_CONFIG_HOME nor HOME gives a path or the path does not fit in n bytes. */
int ly_settings_path(char *buf, size_t n);

/* Fills *s from the file at `path`, starting from the defaults. A missing file
 * is not an error (defaults, 0). A file that cannot be read, is larger than
 * LY_SETTINGS_MAX_BYTES, is not a JSON object, or has a bad "language" or
 * "ui_scale" gives -1 with every problem in `diags` (at its line and column,
 * as the district loader counts them); the members that were good are still
 * used. Unknown members are ignored. diags may be NULL. */
int ly_settings_load(ly_settings *s, const char *path, ly_diag_list *diags);

/* Writes *s to `path` atomically, creating missing directories with mode 0700
 * and the file with mode 0600. Returns 0, or -1 with a message in err (the old
 * file, if any, is then untouched and no path.tmp is left behind). */
int ly_settings_save(const ly_settings *s, const char *path, char *err, size_t err_len);

#endif
