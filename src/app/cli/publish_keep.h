/* louyu publish and the files in a site that are not its own.
 *
 * A district's web person puts files into the published folder: a store for kiosks to
 * fetch, notes for the next person. The marker (.louyu-publish) lists every file the
 * publish that made the site wrote; the next publish replaces those and nothing else:
 * every other file is the user's and goes over into the new site as it is (a hard link,
 * so the site is still exchanged in one step). A file of the user's where publish now
 * writes one of its own is not overwritten: publish refuses, naming it. A site made
 * before the marker listed its files is taken to hold publish's files where publish
 * writes now, the user's everywhere else. */
#ifndef LOUYU_PUBLISH_KEEP_H
#define LOUYU_PUBLISH_KEEP_H

#include "louyu/html.h"

#define LY_PUBLISH_MARKER ".louyu-publish"

/* `stage` holds every file this publish wrote (not yet the marker); `out` is the
 * published site (or no folder yet). Links the user's files of `out` into `stage`, says
 * on stdout which were kept, and writes the marker's text, which lists the files of
 * `stage` as they were before, into *marker. Returns 0, or -1 having said why on stderr
 * (a file of the user's in the way of one of publish's; a file that cannot be linked):
 * nothing of `out` was changed. */
int ly_publish_keep(const char *out, const char *stage, ly_buf *marker);

#endif
