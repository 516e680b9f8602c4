/* stb's implementations for the browser build. The desktop links Debian's libstb.so;
 * the browser has no shared libraries, so the same Debian headers are compiled here
 * with their implementations switched on (the headers are not copied into the tree). */
#define STB_TRUETYPE_IMPLEMENTATION
#define STB_RECT_PACK_IMPLEMENTATION
#include <stb/stb_rect_pack.h>
#include <stb/stb_truetype.h>
