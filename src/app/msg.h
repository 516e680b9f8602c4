/* Messages: what a view asks the app to do.
 *
 * A view reads the state const; when a widget is used it pushes a message. The
 * frame applies the messages after the views, in order, through the commands
 * (ly_app_dispatch), and asks for another frame so that the change shows.
 * Plain values: strings are copied, the finder's criteria point to static
 * tables. */
#ifndef LOUYU_APP_MSG_H
#define LOUYU_APP_MSG_H

#include "louyu/query.h"

#include <stdbool.h>
#include <stdio.h>

typedef enum {
    LY_MSG_SELECT,         /* id: building or -1; on: fly to it */
    LY_MSG_SET_TAB,        /* i: ly_card_tab */
    LY_MSG_SET_SORT,       /* i: ly_enterprise_order */
    LY_MSG_SET_INDUSTRY,   /* text: the directory's industry filter, "" none */
    LY_MSG_SET_STACKING,   /* on, f: explode */
    LY_MSG_SELECT_FLOORS,  /* i .. j: floors to light and open (i = 0 closes) */
    LY_MSG_SET_LANGUAGE,   /* i: ly_lang */
    LY_MSG_SET_COLOR_MODE, /* i: ly_color_mode */
    LY_MSG_SET_DASHBOARD,  /* on */
    LY_MSG_SET_FINDER,     /* on */
    LY_MSG_SET_HELP,       /* on */
    LY_MSG_SET_KEYBOARD,   /* on */
    LY_MSG_SET_FIND,       /* find: the finder's new criteria */
    LY_MSG_SET_QUERY,      /* text: the search field */
    LY_MSG_ADMIN_KEY,      /* i: '0'..'9', '\b' or '\r' from the PIN pad */
    LY_MSG_ADMIN_CLOSE,
    LY_MSG_ADMIN_REQUEST, /* i: ly_admin_request */
    LY_MSG_ADMIN_ASK_EXIT, /* on: "Exit kiosk" asks to be sure; off: Cancel */
    LY_MSG_SET_WEEK,      /* i: the ISO week, 0 the latest */
    LY_MSG_WEEK_FOCUS,    /* on: the arrow keys move the week */
    LY_MSG_SET_EXPORT_MENU, /* on */
    LY_MSG_EXPORT,          /* i: ly_export_kind */
    LY_MSG_SET_PLACES_PANEL, /* on */
    LY_MSG_SET_PLACE_KIND,   /* i: ly_poi_category (LY_POI_COUNT: every kind), on */
    LY_MSG_SET_PLACE_LATER,  /* on */
    LY_MSG_SET_ROUTE,        /* i: the kind whose route shows, -1 none */
    LY_MSG_SET_WALK_AREAS,   /* on */
    LY_MSG_SET_CAMERAS_PANEL, /* on */
    LY_MSG_OPEN_CAMERA,      /* id: a camera feature */
    LY_MSG_CLOSE_CAMERA,     /* id: a camera feature */
    LY_MSG_SET_OPERATIONS    /* on */
} ly_msg_type;

typedef struct {
    ly_msg_type type;
    long id;
    int i, j;
    bool on;
    float f;
    ly_query_desc find;
    char text[128];
} ly_msg;

enum { LY_MSGQ_CAP = 32 };

/* One frame's messages. A frame drawn twice (its glyphs grew the atlas) keeps
 * the first pass's messages: `frozen` drops the repeats. */
typedef struct {
    ly_msg items[LY_MSGQ_CAP];
    int n;
    bool frozen;
} ly_msgq;

static inline void ly_msg_push(ly_msgq *q, ly_msg m)
{
    if (!q->frozen && q->n < LY_MSGQ_CAP)
        q->items[q->n++] = m;
}

/* The common shapes. */
static inline void ly_msg_on(ly_msgq *q, ly_msg_type t, bool on)
{
    ly_msg_push(q, (ly_msg){.type = t, .on = on});
}

static inline void ly_msg_int(ly_msgq *q, ly_msg_type t, int i)
{
    ly_msg_push(q, (ly_msg){.type = t, .i = i});
}

static inline void ly_msg_text(ly_msgq *q, ly_msg_type t, const char *text)
{
    ly_msg m = {.type = t};
    snprintf(m.text, sizeof m.text, "%s", text ? text : "");
    ly_msg_push(q, m);
}

#endif
