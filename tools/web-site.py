#!/usr/bin/env python3
"""Puts the browser build's site together (scripts/web.sh runs it).

Into OUT: the page (web/index.html, page.js, louyu-map.css), the API (web/louyu-map.js),
louyu.js and louyu.wasm from the emscripten build, the district (district.geojson), and
two subsets of the CJK font that fontconfig names for Chinese, made with fonttools'
pyftsubset:
  - louyu-font.otf: the characters of the district and of louyu's own strings
    (src/core/strings.c, src/core/vocab.c), ASCII and common punctuation, and U+FFFD
    where the font has it (Noto Sans CJK does not: a glyph the font lacks is its box);
  - louyu-font-wide.otf: that and all of GB 2312, for a district whose names the small
    one does not cover (the page checks the data against font.json and picks).
font.json lists the subset's characters from U+2E80 up, the fonts' names and the
licence; the font's licence (SIL OFL 1.1) is copied beside it.

Usage: web-site.py --build CMAKE_BUILD --src SOURCE_TREE --data DISTRICT --out OUT
"""
import argparse
import json
import pathlib
import shutil
import subprocess
import sys

PUNCT = "，。、；：？！“”‘’（）《》【】—…·〈〉「」『』〔〕～￥％＋－×÷＝＜＞／°℃㎡²³←→↑↓●○■□▲△◆◇★☆✓✔✕−"
PAGE = ["index.html", "page.js", "louyu-map.css", "louyu-map.js", "embed.js"]


def system_font():
    """The file and face that fontconfig names for Chinese (as the desktop's font.c asks)."""
    out = subprocess.run(["fc-match", "-f", "%{file}\n%{index}\n", "sans-serif:lang=zh-cn"],
                         check=True, capture_output=True, text=True).stdout.split("\n")
    return out[0], int(out[1] or 0)


def gb2312_text():
    chars = []
    for hi in range(0xA1, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                chars.append(bytes([hi, lo]).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    return "".join(chars)


def subset(font, face, text, out):
    txt = out.with_suffix(".txt")
    txt.write_text(text, encoding="utf-8")
    cmd = ["pyftsubset", font, f"--font-number={face}", f"--text-file={txt}",
           f"--output-file={out}", "--no-hinting", "--layout-features=kern",
           "--name-IDs=0,1,2,3,4,5,6", "--notdef-outline", "--recalc-bounds"]
    subprocess.run(cmd, check=True)
    txt.unlink()


def font_licence(font):
    """The licence file Debian ships with the font's package, if it can be found."""
    for p in (pathlib.Path("/usr/share/doc/fonts-noto-cjk/copyright"),):
        if p.exists():
            return p
    return None


def public_district(text):
    """The district as the public may read it: its cameras (features of kind "camera",
    for the district's operators alone, with their stream and snapshot addresses) left
    out, as louyu publish leaves them out of the portal. Other files pass unchanged."""
    try:
        doc = json.loads(text)
    except ValueError as e:
        # not JSON this script reads: the map says what is wrong with it, unless it may
        # hold cameras, which are never published unfiltered
        if "camera" in text:
            sys.exit(f"web-site: cannot leave the cameras out of the district: {e}")
        return text
    feats = doc.get("features") if isinstance(doc, dict) else None
    if not isinstance(feats, list):
        return text
    kept = [f for f in feats if not (isinstance(f, dict) and isinstance(f.get("properties"), dict)
                                     and f["properties"].get("kind") == "camera")]
    if len(kept) == len(feats):
        return text
    doc["features"] = kept
    print(f"web-site: {len(feats) - len(kept)} cameras left out of district.geojson")
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":")) + "\n"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", required=True)
    ap.add_argument("--src", required=True)
    ap.add_argument("--data", required=True)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    build, src, out = pathlib.Path(a.build), pathlib.Path(a.src), pathlib.Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    for f in ("louyu.js", "louyu.wasm"):
        shutil.copyfile(build / f, out / f)
    for f in PAGE:
        shutil.copyfile(src / "web" / f, out / f)
    # (utf-8-sig: a byte order mark, as some editors write one, is not part of the JSON)
    data = public_district(pathlib.Path(a.data).read_text(encoding="utf-8-sig"))
    (out / "district.geojson").write_text(data, encoding="utf-8")

    own = "".join((src / "src/core" / f).read_text(encoding="utf-8")
                  for f in ("strings.c", "vocab.c"))
    ascii_ = "".join(chr(c) for c in range(0x20, 0x7F))
    small = sorted(set(data + own + ascii_ + PUNCT + "\ufffd") - set("\n\r\t"))
    font, face = system_font()
    subset(font, face, "".join(small), out / "louyu-font.otf")
    subset(font, face, "".join(sorted(set(small) | set(gb2312_text()))),
           out / "louyu-font-wide.otf")
    lic = font_licence(font)
    if lic:
        shutil.copyfile(lic, out / "louyu-font.LICENSE.txt")
    info = {"subset": "louyu-font.otf", "wide": "louyu-font-wide.otf",
            "source": pathlib.Path(font).name, "face": face,
            "licence": "SIL Open Font License 1.1 (louyu-font.LICENSE.txt)",
            "covered": sorted(ord(c) for c in small if ord(c) >= 0x2E80)}
    (out / "font.json").write_text(json.dumps(info, separators=(",", ":")), encoding="utf-8")
    sizes = {p.name: p.stat().st_size for p in sorted(out.iterdir()) if p.is_file()}
    for name, n in sizes.items():
        print(f"  {name:24} {n:>10,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
