/* louyu camstream: a surveillance camera's live picture, fetched and decoded on a
 * thread of its own, so that the render thread only ever takes finished pictures.
 *
 * A source (desc.url) is one of
 *  - an http:// or https:// URL. What it is comes from the answer's Content-Type,
 *    never from the URL:
 *      multipart/x-mixed-replace (MJPEG): a stream of JPEG (or PNG) parts. The
 *        boundary comes from the Content-Type, with or without a leading "--";
 *        lines may end in CRLF or LF; parts may come with a Content-Length or not
 *        (then the next boundary line ends them);
 *      image/jpeg, image/png (any image type, or none at all): a still picture,
 *        fetched again every refresh_s;
 *      anything else (an HTML page, ...) is not a picture: BAD.
 *    At most 3 redirects, http and https only; a 5 s connect timeout.
 *  - a local file path or a file:// URL (no host, or localhost): a still picture,
 *    read again every refresh_s.
 * Other schemes (rtsp://, ftp://, ...) are BAD.
 *
 * One thread per stream, started by ly_camstream_open and joined by
 * ly_camstream_close. The thread does all the work: network (libcurl), parsing,
 * decoding (stb_image) and scaling; ly_camstream_poll only copies the status and
 * hands over the newest picture, under a mutex held for microseconds. Nothing here
 * calls GL or SDL.
 *
 * States (ly_camstream_status.state), in this order of precedence:
 *  LIVE         the last picture is newer than stale_s, whatever the connection is
 *               doing meanwhile (a reconnection in progress shows in failures and
 *               message, not as a flash of red);
 *  UNREACHABLE  the last attempt failed to get pictures: no connection (refused,
 *               no such host, timed out), an HTTP error (404, 503, ...), too many
 *               redirects, no answer, a file that cannot be read; retrying with
 *               back-off;
 *  BAD          the last attempt got an answer that is not pictures: garbage, a
 *               non-image Content-Type, a part over max_frame_bytes, a picture too
 *               large (told from its header, before decoding), one that cannot be
 *               decoded, an unsupported scheme; retrying with back-off;
 *  STALE        the last picture is older than stale_s: the stream stalled (the
 *               connection still open), or it broke or ended after pictures and is
 *               being reconnected;
 *  CONNECTING   no picture yet, and no failure yet: the first attempt is under way.
 * A state other than LIVE stays until a new picture comes. For a still picture the
 * stale age is max(stale_s, refresh_s + 1 s), so that refreshing is not stalling.
 *
 * Failures and reconnections: after a failed attempt (or a stream that broke or
 * ended) the thread waits 1, 2, 4, 8, 16, then 30 s (each ±10 %, at most 30 s)
 * before the next; a decoded picture resets the count. A stream with no new part
 * for 2 × stale_s is dropped and reconnected (libcurl's low-speed limit backs this
 * up). A part that cannot be decoded drops the connection when it is the first of
 * the connection or the third in a row; otherwise it is skipped.
 *
 * Bounded: a part is never buffered beyond max_frame_bytes (a part that announces
 * more, or grows past it, drops the connection at once), a part's headers beyond
 * 16 KiB, or junk between parts beyond 64 KiB before the first part (max_frame_bytes
 * after it). Decoded pictures are at most 8192 on a side and 7680 x 4320 pixels,
 * then scaled down (box filter, aspect kept, never up) to fit max_width x max_height.
 *
 * CPU: at most max_fps pictures a second are decoded; the parts between are skipped
 * without decoding (and, when their Content-Length is known, without buffering).
 *
 * Ownership: open copies the desc and its url. A picture handed over by poll is the
 * caller's (free() it); it is moved, not copied, so one consumer takes each picture.
 * Thread-safety: poll may be called from any thread, and from several; close must
 * not race with poll on the same stream. */
#ifndef LOUYU_CAMSTREAM_H
#define LOUYU_CAMSTREAM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum {
    LY_CAM_CONNECTING,  /* no picture yet, trying */
    LY_CAM_LIVE,        /* a picture newer than stale_s */
    LY_CAM_STALE,       /* the last picture is older than stale_s (stalled, or reconnecting) */
    LY_CAM_UNREACHABLE, /* cannot be reached / refused / timed out / HTTP error: backing off */
    LY_CAM_BAD          /* answers with something that is not pictures: backing off */
} ly_cam_state;

/* Why the last attempt failed, in a word a panel can say in any language (the status's
 * message says it in full, in English, with the server's and libcurl's own words). */
typedef enum {
    LY_CAM_CAUSE_NONE,        /* none: live, connecting */
    LY_CAM_CAUSE_REFUSED,     /* the server refused the connection */
    LY_CAM_CAUSE_UNREACHABLE, /* no connection (no route, ...) */
    LY_CAM_CAUSE_NAME,        /* the server's name does not resolve */
    LY_CAM_CAUSE_TIMEOUT,     /* no answer in time */
    LY_CAM_CAUSE_HTTP,        /* an HTTP error (the status's http_code) */
    LY_CAM_CAUSE_NO_PICTURE,  /* an answer without pictures in time */
    LY_CAM_CAUSE_STALLED,     /* a stream stopped sending: reconnecting */
    LY_CAM_CAUSE_BROKE,       /* the connection broke */
    LY_CAM_CAUSE_ENDED,       /* the stream ended */
    LY_CAM_CAUSE_TOO_BIG,     /* a frame or picture over the limits */
    LY_CAM_CAUSE_NOT_PICTURE, /* something that is not a JPEG or PNG picture */
    LY_CAM_CAUSE_ADDRESS,     /* not an address louyu can fetch */
    LY_CAM_CAUSE_TLS,         /* the secure connection failed */
    LY_CAM_CAUSE_FILE,        /* a local picture file missing or unreadable */
    LY_CAM_CAUSE_INTERNAL     /* out of memory, libcurl cannot start */
} ly_cam_cause;

typedef struct {
    const char *url;          /* http(s):// URL, file:// URL or a local path (above) */
    double refresh_s;         /* a still picture's refresh; 0: 3 s */
    double stale_s;           /* 0: 5 s; the stream is dropped after 2 x stale_s */
    size_t max_frame_bytes;   /* one part or picture file; 0: 4 MiB (at most 1 GiB) */
    int max_width, max_height;/* pictures scaled down to fit; 0: 640 x 480 */
    double max_fps;           /* decode at most this often; 0: 15 */
} ly_camstream_desc;

typedef struct ly_camstream ly_camstream;

/* Starts the stream's thread. NULL only when out of memory (or desc/url NULL). */
ly_camstream *ly_camstream_open(const ly_camstream_desc *desc);

/* Stops the thread and joins it within ~0.1 s, even mid-transfer or mid-back-off
 * (a decode already under way finishes first), then frees everything, its picture
 * buffers included (a picture poll lent is no longer valid). NULL is fine. */
void ly_camstream_close(ly_camstream *c);

typedef struct {
    ly_cam_state state;
    double age_s;        /* since the last picture; < 0: none yet */
    double retry_in_s;   /* back-off left before the next attempt; 0 when trying */
    int failures;        /* failed attempts in a row (a picture resets it) */
    double fps;          /* pictures decoded per second over the last 2 s */
    uint64_t frames;     /* pictures decoded so far */
    size_t bytes;        /* bytes received so far (answers' bodies, files) */
    ly_cam_cause cause;  /* why the last attempt failed (NONE when LIVE or CONNECTING) */
    long http_code;      /* the answer's status, for LY_CAM_CAUSE_HTTP */
    char message[200];   /* plain words: why ("the server cannot be reached: connection
                            refused", "the server answered 404 Not Found", "a frame of
                            50 MB is over the 4 MB limit", "not a picture (text/html)",
                            "no picture for 7 s: ..."), or what is coming when LIVE */
} ly_camstream_status;

/* Fills *st (may be NULL) with the status now. When rgba is not NULL and a picture
 * newer than *serial is waiting, hands it over: *rgba (w × h × 4 bytes, RGBA, rows
 * top-down), *w, *h, sets *serial to its number and returns true; else returns
 * false and leaves them. Start with *serial = 0. The picture is lent, not given:
 * it stays the stream's and is valid until the next call that hands over a picture,
 * or ly_camstream_close, so the caller uploads or copies it and never frees it (the
 * stream reuses three buffers for its life; nothing is allocated per picture on one
 * thread and freed on another). Never blocks on the network or on decoding. */
bool ly_camstream_poll(ly_camstream *c, ly_camstream_status *st, uint64_t *serial,
                       uint8_t **rgba, int *w, int *h);

/* "connecting", "live", "stale", "unreachable", "bad"; "?" for anything else. */
const char *ly_cam_state_name(ly_cam_state s);

#endif
