#!/usr/bin/env python3
"""The repository's own rules, checked on its sources (docs/architecture.md states them).

- Each folder includes only what its layer may use: no SDL outside src/platform, no GL
  outside src/render; emscripten's headers only in the browser's platform file
  (src/platform/platform_web.c, the only one with html5.h) and entry (src/web); the GL
  dialects' differences only in src/render/gl.h; src/app never calls SDL; a view includes only view.h, the core's
  headers and the C library, never another view nor the commands.
- No file in src/app over 800 lines; no function anywhere in src/ over 100 lines.
- Chinese text lives only in the string table (src/core/strings.c: what louyu says) and
  the vocabulary (src/core/vocab.c: the words it reads); a Chinese string literal anywhere
  else in src/ fails.
- The repository stands alone: nothing tracked refers to a folder beside it or a machine's path.
- docs/cli.md holds the help of every command exactly as `louyu help COMMAND` prints it.
- docs/data-format.md states the scene cache's format and sections as include/louyu/cache.h
  has them (its number, the count, and the sections in order).

Usage: test_structure.py SOURCE_DIR LOUYU_BINARY. Prints every problem; exit 1 if any.
"""
import os
import re
import subprocess
import sys

SRC, LOUYU = sys.argv[1], sys.argv[2]
problems = []
passed = 0


def check(ok, message):
    global passed
    if ok:
        passed += 1
    else:
        problems.append(message)


def sources(folder, exts=(".c", ".h")):
    root = os.path.join(SRC, folder)
    for dirpath, _, files in os.walk(root):
        for f in sorted(files):
            if f.endswith(exts):
                yield os.path.join(dirpath, f)


def rel(path):
    return os.path.relpath(path, SRC)


def includes(path):
    with open(path, encoding="utf-8") as f:
        return re.findall(r'^\s*#\s*include\s*([<"][^>"]+[>"])', f.read(), re.M)


# ---- layers ----------------------------------------------------------------------------
SDL = re.compile(r'[<"](SDL2?/)?SDL[^>"]*[>"]')
GL = re.compile(r'[<"](epoxy/|GL/|GLES)')
EMSCRIPTEN = re.compile(r'[<"]emscripten[/.]')
for path in sources("src"):
    r = rel(path)
    incs = includes(path)
    if r not in ("src/platform/platform_web.c",) and not r.startswith("src/web/"):
        check(not any(EMSCRIPTEN.match(i) for i in incs),
              f"{r}: includes emscripten (only platform_web.c and src/web may)")
    if r != "src/platform/platform_web.c":
        check(not any("html5.h" in i for i in incs), f"{r}: includes html5.h (the platform's)")
    if r.startswith("src/render/") and r != "src/render/gl.h":
        check(not any(GL.match(i) for i in incs),
              f"{r}: includes a GL header itself (the dialects are src/render/gl.h's)")
    if not r.startswith("src/platform/"):
        check(not any(SDL.match(i) for i in incs), f"{r}: includes SDL (only src/platform may)")
    if not r.startswith("src/render/"):
        check(not any(GL.match(i) for i in incs), f"{r}: includes GL (only src/render may)")
    if r.startswith("src/core/"):
        check(not any("louyu/render.h" in i or "louyu/platform.h" in i for i in incs),
              f"{r}: the core includes the renderer's or the platform's header")
    if r.startswith("src/app/views/"):
        for i in incs:
            ok = i in ('"view.h"', '"../app.h"') or i.startswith('"louyu/') or i.startswith("<")
            check(ok, f"{r}: a view includes {i} (views include view.h, the core and libc)")
            check(not (i.startswith("<") and ("SDL" in i or "epoxy" in i)), f"{r}: {i}")

# ---- sizes -----------------------------------------------------------------------------
for path in sources("src/app"):
    with open(path, encoding="utf-8") as f:
        n = sum(1 for _ in f)
    check(n <= 800, f"{rel(path)}: {n} lines (a file in src/app stays within 800)")

for path in sources("src", (".c",)):
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    for i, line in enumerate(lines):
        if line != "{" or i == 0:
            continue
        # the signature: back to the line that starts at the margin
        start = i - 1
        while start > 0 and lines[start][:1] in (" ", "\t"):
            start -= 1
        head = lines[start]
        if "(" not in head or head.startswith(("static const", "const", "typedef", "struct", "enum")) \
                or "=" in head:
            continue  # a data table, not a function
        end = i + 1
        while end < len(lines) and lines[end] != "}":
            end += 1
        length = end - start + 1
        name = re.search(r"(\w+)\s*\(", head)
        check(length <= 100,
              f"{rel(path)}:{start + 1}: {name.group(1) if name else head} is {length} lines "
              "(a function stays within 100)")

# ---- Chinese only in the string table --------------------------------------------------
CJK = re.compile("[\u2e80-\u9fff\u3000-\u303f\uff00-\uffef]")
STRING = re.compile(r'"(?:[^"\\\n]|\\.)*"')
for path in sources("src"):
    if rel(path) in ("src/core/strings.c", "src/core/vocab.c"):
        continue
    with open(path, encoding="utf-8") as f:
        text = f.read()
    # comments may speak of Chinese text; literals may not hold it
    text = re.sub(r"/\*.*?\*/", lambda m: "\n" * m.group(0).count("\n"), text, flags=re.S)
    text = re.sub(r"//[^\n]*", "", text)
    for n, line in enumerate(text.split("\n"), 1):
        for lit in STRING.findall(line):
            check(not CJK.search(lit),
                  f"{rel(path)}:{n}: Chinese in a string literal {lit[:40]}: it belongs in "
                  "the string table (src/core/strings.c)")

# ---- the repository stands alone -------------------------------------------------------
try:
    tracked = subprocess.run(["git", "-C", SRC, "ls-files"], capture_output=True, text=True,
                             check=True).stdout.split("\n")
except (OSError, subprocess.CalledProcessError):
    tracked = [rel(os.path.join(d, f)) for d, _, fs in os.walk(SRC) for f in fs
               if "/build" not in d and "/.git" not in d]
MACHINE = re.compile(r"\.\./shared\b|/work/(main|shared)\b")
for name in tracked:
    if not name or name.endswith((".png", ".geojson", ".json")):
        continue
    path = os.path.join(SRC, name)
    try:
        with open(path, encoding="utf-8") as f:
            text = f.read()
    except (OSError, UnicodeDecodeError):
        continue
    for n, line in enumerate(text.split("\n"), 1):
        check(not MACHINE.search(line),
              f"{name}:{n}: refers to a path outside the repository: {line.strip()[:60]}")

# ---- docs/cli.md agrees with the help --------------------------------------------------
def run(*args):
    return subprocess.run([LOUYU, *args], capture_output=True, text=True).stdout


with open(os.path.join(SRC, "docs/cli.md"), encoding="utf-8") as f:
    cli_md = f.read()
blocks = re.findall(r"```text\n(.*?)```", cli_md, re.S)
listing = run("help")
commands = re.findall(r"^  ([a-z][a-z-]+(?: [a-z][a-z-]+)?)  ", listing, re.M)
check(len(commands) >= 14, f"louyu help lists {len(commands)} commands")
for cmd in commands:
    help_text = run("help", *cmd.split())
    check(help_text.startswith("usage: louyu " + cmd), f"louyu help {cmd}: {help_text[:60]!r}")
    check(run(*cmd.split(), "--help") == help_text,
          f"louyu {cmd} --help differs from louyu help {cmd}")
    check(help_text in blocks,
          f"docs/cli.md has no ```text block that is exactly `louyu help {cmd}`")
check(listing in blocks, "docs/cli.md has no ```text block that is exactly `louyu help`")

# ---- the scene cache's layout in docs/data-format.md agrees with cache.h ----------------
with open(os.path.join(SRC, "include/louyu/cache.h"), encoding="utf-8") as f:
    cache_h = f.read()
with open(os.path.join(SRC, "docs/data-format.md"), encoding="utf-8") as f:
    format_md = f.read()
fmt = re.search(r"LY_CACHE_FORMAT = (\d+)", cache_h)
table = re.search(r"typedef enum \{\n(.*?)\} ly_cache_section_id;", cache_h, re.S)
names = re.findall(r"^\s+LY_CS_([A-Z_]+)", table.group(1), re.M) if table else []
names = [n for n in names if n != "COUNT"]
doc_fmt = re.search(r"\| format \| `LY_CACHE_FORMAT`, (\d+)", format_md)
doc_n = re.search(r"\| sections \| (\d+) \|", format_md)
doc_table = re.search(r"The section table follows: (\d+) entries", format_md)
check(fmt and doc_fmt and fmt.group(1) == doc_fmt.group(1),
      f"docs/data-format.md states cache format {doc_fmt and doc_fmt.group(1)}, cache.h "
      f"{fmt and fmt.group(1)}")
for found in (doc_n, doc_table):
    check(found and int(found.group(1)) == len(names),
          f"docs/data-format.md states {found and found.group(1)} cache sections, cache.h has "
          f"{len(names)}")
order = re.search(r"in this order: (.*?)\. Every", format_md, re.S)
# (what a section holds, in brackets, has commas of its own)
listed = re.sub(r"\([^)]*\)", "", order.group(1)).split(",") if order else []
check(len(listed) == len(names),
      f"docs/data-format.md lists {len(listed)} cache sections in order, cache.h has {len(names)}")

for p in problems:
    print("FAIL:", p)
print(f"{passed} passed, {len(problems)} failed")
sys.exit(1 if problems else 0)
