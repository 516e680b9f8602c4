#!/usr/bin/env python3
"""Fills docs/cli.md's help blocks from the binary's own help.

Each `<!-- louyu help -->` or `<!-- louyu help COMMAND -->` line is followed by a
```text block; this rewrites that block with what `louyu help [COMMAND]` prints, so
the page and the command table cannot drift apart (tests/test_structure.py checks).

Usage: tools/cli-doc.py LOUYU_BINARY [docs/cli.md]
"""
import re
import subprocess
import sys

louyu = sys.argv[1]
path = sys.argv[2] if len(sys.argv) > 2 else "docs/cli.md"
with open(path, encoding="utf-8") as f:
    text = f.read()


def fill(m):
    args = ["help"] + (m.group(2).split() if m.group(2) else [])
    out = subprocess.run([louyu, *args], capture_output=True, text=True, check=True).stdout
    return f"{m.group(1)}\n```text\n{out}```"


new = re.sub(r"(<!-- louyu help(?: ([a-z-]+(?: [a-z-]+)?))? -->)\n```text\n.*?```", fill, text,
             flags=re.S)
if new != text:
    with open(path, "w", encoding="utf-8") as f:
        f.write(new)
    print(f"{path}: help blocks brought up to date")
else:
    print(f"{path}: already up to date")
