#!/usr/bin/env python3
"""Writes a C file holding every PNG of a folder (assets/icons), so that the map's
pictograms are inside the program: nothing to install beside it, nothing a kiosk can
lose. Usage: embed-icons.py OUT.c DIR. Each icon is listed by its file's name without
.png; src/core/icons.c looks them up by name. Deterministic: sorted by name."""
import os
import sys


def main():
    out, folder = sys.argv[1], sys.argv[2]
    names = sorted(f[:-4] for f in os.listdir(folder) if f.endswith(".png"))
    lines = ["/* Written by tools/embed-icons.py from assets/icons: do not edit. */",
             "#include <stddef.h>", ""]
    for i, name in enumerate(names):
        data = open(os.path.join(folder, name + ".png"), "rb").read()
        lines.append("static const unsigned char icon%d[%d] = {" % (i, len(data)))
        for k in range(0, len(data), 20):
            lines.append("    " + ",".join(str(b) for b in data[k:k + 20]) + ",")
        lines.append("};")
    lines.append("const struct ly_icon_file {\n    const char *name;\n"
                 "    const unsigned char *png;\n    size_t len;\n} ly_icon_files[] = {")
    for i, name in enumerate(names):
        lines.append('    {"%s", icon%d, sizeof icon%d},' % (name, i, i))
    lines.append("};")
    lines.append("const size_t ly_icon_n_files = %d;" % len(names))
    tmp = out + ".tmp"
    with open(tmp, "w") as f:
        f.write("\n".join(lines) + "\n")
    os.replace(tmp, out)


if __name__ == "__main__":
    main()
