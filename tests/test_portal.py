#!/usr/bin/env python3
"""The investment portal that `louyu publish` writes, checked as a visitor meets it.

- The site is served over HTTP on 127.0.0.1 and crawled: every local link and image,
  script and style reference answers 200, none goes elsewhere (no absolute http(s) URL,
  no root-relative path: the site works from any folder and from file://), every page has
  a title, a lang, a language switch and alternates for both languages, every image an
  alt; the data files parse and agree with the district pages' tables.
- Every page is then opened in headless Chromium, driven over the DevTools protocol on a
  pipe: no console error, no exception, no failed request, every image decoded; every
  text meets WCAG AA contrast against its background as the browser computes both (4.5:1,
  3:1 for large text); the first elements reached with Tab show a focus outline; the
  language switch lands on the same page in the other language. On the district pages the
  filters and the sorting are exercised and compared with what data/listings.json says;
  the district page is also opened without JavaScript and from file://.
- A listing cut into pages (louyu publish --per-page): its pages together hold every single
  floor once, a page's worth each, with links to the others; the buildings' pages every
  building once; the script's parts (data/spaces-LANG-K.js) every space in
  data/listings.json's order. In the browser a filter or a sort covers every page: the
  matches of all of them, a page's worth listed, the count saying how many.
- html-validate checks every page against tests/htmlvalidate.json:
  html-validate:recommended with no rule turned off, and allowed-links set to refuse
  external and root-relative links.

Usage: test_portal.py SITE_DIR [SCREENSHOT_DIR]. With SCREENSHOT_DIR, writes
portal-district.png and portal-building.png (1280x900) there. HTML_VALIDATE names the
html-validate command; CHROMIUM may name the browser (default: chromium on the PATH).
Prints every problem; exit 1 if any. Every wait is bounded; the whole run stops after
LIMIT_S seconds.
"""
import base64
import csv
import functools
import html.parser
import http.server
import json
import os
import pathlib
import posixpath
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET

from cdp import Browser, CDPError, Tab

LIMIT_S = 300   # the whole run
WAIT_S = 15     # one command, one page load
LANGS = {"zh": "zh-Hans", "en": "en"}
OTHER = {"zh": "en", "en": "zh"}
SORT_KEYS = ("building", "floors", "area", "rent", "available")
LISTING_KEYS = ("building", "building_name", "building_name_en", "floors", "floor_from",
                "floor_to", "area_m2", "rent_cny_m2_day", "available_from", "run", "url_zh",
                "url_en")

problems = []
passed = 0
LIMIT = 0   # a listing cut into pages: the rows on a page (its data-limit); 0: not cut
BUILDINGS_LIMIT = 0   # the buildings cut into pages: how many on a page; 0: not cut
step = "starting"
stopped = False   # past the time limit: what the main thread still finds is noise


def check(ok, message):
    global passed
    if stopped:
        return ok
    if ok:
        passed += 1
    else:
        problems.append(message)
        print("FAIL:", message, flush=True)
    return ok


def finish():
    print(f"{passed} passed, {len(problems)} failed", flush=True)
    return 1 if problems else 0


def file_name(building_id):
    """A building's page name: characters outside [A-Za-z0-9._-] as _xx (UTF-8 bytes, hex)."""
    out = []
    for byte in building_id.encode("utf-8"):
        c = chr(byte)
        out.append(c if re.fullmatch(r"[A-Za-z0-9._-]", c) else "_%02x" % byte)
    return "".join(out)


# ---- the site, served -----------------------------------------------------------------
class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(root):
    handler = functools.partial(QuietHandler, directory=root)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


NO_PROXY = urllib.request.build_opener(urllib.request.ProxyHandler({}))
_status = {}


def http_status(url):
    if url not in _status:
        try:
            with NO_PROXY.open(url, timeout=WAIT_S) as r:
                r.read()
                _status[url] = r.status
        except urllib.error.HTTPError as e:
            _status[url] = e.code
        except OSError as e:
            _status[url] = str(e)
    return _status[url]


# ---- pages, parsed ----------------------------------------------------------------------
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}
REF_ATTRS = {"a": ("href",), "link": ("href",), "img": ("src", "srcset"),
             "script": ("src",), "source": ("src", "srcset"), "iframe": ("src",),
             "video": ("src", "poster"), "audio": ("src",), "form": ("action",)}


class Page(html.parser.HTMLParser):
    """One HTML page: its elements (tag, attributes, enclosing tags), title and references."""

    def __init__(self, rel, text):
        super().__init__(convert_charrefs=True)
        self.rel = rel
        self.elements = []   # (tag, attrs, ancestors as ((tag, id), ...))
        self.stack = []
        self.title = None
        self._title_text = None
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        a = {k: (v if v is not None else "") for k, v in attrs}
        self.elements.append((tag, a, tuple(self.stack)))
        if tag == "title":
            self._title_text = []
        if tag not in VOID:
            self.stack.append((tag, a.get("id")))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID and self.stack and self.stack[-1][0] == tag:
            self.stack.pop()

    def handle_endtag(self, tag):
        if tag == "title" and self._title_text is not None:
            self.title = "".join(self._title_text).strip()
            self._title_text = None
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break

    def handle_data(self, data):
        if self._title_text is not None:
            self._title_text.append(data)

    def find(self, tag=None, **attrs):
        return [(t, a, anc) for t, a, anc in self.elements
                if (tag is None or t == tag) and all(a.get(k) == v for k, v in attrs.items())]

    def by_id(self, ident):
        found = [(t, a) for t, a, _ in self.elements if a.get("id") == ident]
        return found[0] if found else (None, None)

    def inside(self, anc, tag, ident=None):
        return any(t == tag and (ident is None or i == ident) for t, i in anc)

    def refs(self):
        for tag, a, _ in self.elements:
            for attr in REF_ATTRS.get(tag, ()):
                value = a.get(attr)
                if value is None:
                    continue
                if attr == "srcset":
                    for candidate in value.split(","):
                        if candidate.strip():
                            yield tag, attr, candidate.split()[0]
                else:
                    yield tag, attr, value.strip()


# the site's own address (published with --base-url: sitemap.xml's first page, less its
# path), under which a page's <link rel="alternate"> are absolute; "" without one
SITE_URL = ""
ROOT = ""


def site_url(root):
    try:
        text = open(os.path.join(root, "sitemap.xml"), encoding="utf-8").read()
    except OSError:
        return ""
    m = re.search(r"<loc>([^<]*?)(?:zh|en)/index\.html</loc>", text)
    return m.group(1) if m and re.match(r"https?://", m.group(1)) else ""


def resolve(page_rel, ref, alternate=False):
    """(site-relative path, fragment, problem) of a reference; path None when not local.
    An alternate (<link rel="alternate">) may be absolute under the site's own address:
    search engines take only full URLs there."""
    if alternate and SITE_URL and ref.startswith(SITE_URL):
        parts = urllib.parse.urlsplit(ref[len(SITE_URL):])
        return urllib.parse.unquote(parts.path), parts.fragment, None
    parts = urllib.parse.urlsplit(ref)
    if parts.scheme in ("http", "https") or ref.startswith("//"):
        return None, "", "is an absolute URL (nothing may come from elsewhere)"
    if parts.scheme:
        if parts.scheme in ("mailto", "tel", "data"):
            return None, "", None
        return None, "", f"has the scheme {parts.scheme}:"
    if ref.startswith("/"):
        return None, "", "is root-relative (it breaks from file:// and from a subfolder)"
    path = urllib.parse.unquote(parts.path)
    if not path:
        return page_rel, parts.fragment, None
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(page_rel), path))
    if joined == ".." or joined.startswith("../"):
        return None, "", "points outside the site"
    return joined, parts.fragment, None


def mirror(rel):
    """zh/x.html <-> en/x.html; None for pages outside the language folders."""
    head, _, rest = rel.partition("/")
    return OTHER[head] + "/" + rest if head in OTHER and rest else None


def read(root, rel):
    with open(os.path.join(root, rel), encoding="utf-8") as f:
        return f.read()


def crawl(root, base):
    """Parses every page, checks their references; returns {rel: Page}."""
    pages = {}
    for dirpath, _, files in os.walk(root):
        for f in sorted(files):
            if f.endswith(".html"):
                rel = os.path.relpath(os.path.join(dirpath, f), root).replace(os.sep, "/")
                try:
                    pages[rel] = Page(rel, read(root, rel))
                except (OSError, UnicodeDecodeError) as e:
                    check(False, f"{rel}: cannot be read as UTF-8: {e}")
    for rel in ("index.html", "zh/index.html", "en/index.html"):
        check(rel in pages, f"{rel} is missing")
    refs = {}   # site path -> [(page, ref)]
    fragments = []
    for rel, page in sorted(pages.items()):
        status = http_status(base + urllib.parse.quote(rel))
        check(status == 200, f"{rel}: the server answers {status}")
        alternates = {a.get("href") for t, a, _ in page.elements
                      if t == "link" and "alternate" in a.get("rel", "").lower().split()}
        for tag, attr, ref in page.refs():
            path, fragment, problem = resolve(rel, ref, tag == "link" and ref in alternates)
            if not check(problem is None, f"{rel}: <{tag} {attr}=\"{ref}\"> {problem}"):
                continue
            if path is not None:
                refs.setdefault(path, []).append((rel, ref))
                if fragment:
                    fragments.append((rel, ref, path, fragment))
        lang_checks(rel, page)
    for path, users in sorted(refs.items()):
        more = f" (and {len(users) - 1} more references)" if len(users) > 1 else ""
        status = http_status(base + urllib.parse.quote(path))
        if check(status == 200, f"{users[0][0]}: {users[0][1]} -> /{path} answers {status}{more}"):
            # a folder answers too (a listing or its index.html), but not from file://
            check(os.path.isfile(os.path.join(root, path)),
                  f"{users[0][0]}: {users[0][1]} -> /{path} is not a file{more}")
    for rel, ref, path, fragment in fragments:
        if path in pages:
            ids = {a.get("id") for _, a, _ in pages[path].elements} | \
                  {a.get("name") for t, a, _ in pages[path].elements if t == "a"}
            check(fragment in ids, f"{rel}: {ref}: {path} has no id \"{fragment}\"")
    return pages


def lang_checks(rel, page):
    html_el = page.find("html")
    lang = html_el[0][1].get("lang") if html_el else None
    check(bool(lang), f"{rel}: <html> has no lang")
    check(bool(page.title), f"{rel}: no <title> (or an empty one)")
    charset = [a for t, a, _ in page.elements if t == "meta" and
               (a.get("charset", "").lower() == "utf-8" or
                "charset=utf-8" in a.get("content", "").lower().replace(" ", ""))]
    check(bool(charset), f"{rel}: no <meta charset=\"utf-8\"> (from file:// the text is "
                         "read in the browser's default encoding)")
    for tag, a, _ in page.find("img"):
        check(a.get("alt", "").strip() != "",
              f"{rel}: <img src=\"{a.get('src')}\"> has no alt text")
    head = rel.partition("/")[0]
    if head not in LANGS:
        if rel == "index.html":
            targets = {resolve(rel, a.get("href", ""))[0] for _, a, _ in page.find("a")}
            for want in ("zh/index.html", "en/index.html"):
                check(want in targets, f"index.html: no link to {want}")
        return
    check(lang == LANGS[head], f"{rel}: <html lang=\"{lang}\">, expected \"{LANGS[head]}\"")
    other = mirror(rel)
    tag, a = page.by_id("lang-switch")
    if check(tag == "a", f"{rel}: no <a id=\"lang-switch\">"):
        check(a.get("hreflang") == LANGS[OTHER[head]],
              f"{rel}: #lang-switch hreflang=\"{a.get('hreflang')}\", expected "
              f"\"{LANGS[OTHER[head]]}\"")
        target = resolve(rel, a.get("href", ""))[0]
        check(target == other, f"{rel}: #lang-switch goes to {target}, expected {other}")
    alternates, feeds = {}, []
    for _, la, _ in page.find("link"):
        if "alternate" not in la.get("rel", "").lower().split():
            continue
        href = la.get("href", "")
        if la.get("hreflang") and la.get("type", "text/html") == "text/html":
            alternates[la["hreflang"]] = resolve(rel, href, True)[0]
            # with the site's address, a full URL (search engines ignore a relative one)
            check(not SITE_URL or href.startswith(SITE_URL),
                  f"{rel}: <link rel=\"alternate\" hreflang=\"{la['hreflang']}\" href=\"{href}\"> "
                  f"is not under the site's address {SITE_URL}")
        elif la.get("type") == "application/atom+xml":
            feeds.append(resolve(rel, href, True)[0])
    for code, want in ((LANGS[head], rel), (LANGS[OTHER[head]], other)):
        check(alternates.get(code) == want,
              f"{rel}: <link rel=\"alternate\" hreflang=\"{code}\"> goes to "
              f"{alternates.get(code)}, expected {want}")
    # the feed of the page's language, announced in its head (readers find it there)
    if os.path.exists(os.path.join(ROOT, head, "feed.atom")):
        check(feeds == [head + "/feed.atom"],
              f"{rel}: the feeds its head announces: {feeds}, expected {head}/feed.atom")


def css_checks(root, base):
    url = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)|@import\s+(['"])([^'"]+)\3""")
    for dirpath, _, files in os.walk(root):
        for f in sorted(files):
            if not f.endswith(".css"):
                continue
            rel = os.path.relpath(os.path.join(dirpath, f), root).replace(os.sep, "/")
            for m in url.finditer(read(root, rel)):
                ref = (m.group(2) or m.group(4)).strip()
                path, _, problem = resolve(rel, ref)
                if check(problem is None, f"{rel}: url({ref}) {problem}") and path:
                    status = http_status(base + urllib.parse.quote(path))
                    check(status == 200, f"{rel}: url({ref}) -> /{path} answers {status}")


# ---- the data files ---------------------------------------------------------------------
def load_listings(root):
    try:
        with open(os.path.join(root, "data/listings.json"), encoding="utf-8") as f:
            rows = json.load(f)
    except (OSError, ValueError) as e:
        check(False, f"data/listings.json: {e}")
        return []
    if not check(isinstance(rows, list), "data/listings.json is not an array"):
        return []
    good = []
    for i, r in enumerate(rows):
        where = f"data/listings.json[{i}]"
        if not check(isinstance(r, dict), f"{where} is not an object"):
            continue
        lacking = [k for k in LISTING_KEYS if k not in r]
        if not check(not lacking, f"{where} lacks {lacking}"):
            continue
        num = (int, float)
        ok = (isinstance(r["building"], str) and isinstance(r["floor_from"], int)
              and isinstance(r["floor_to"], int) and isinstance(r["area_m2"], num)
              and not isinstance(r["area_m2"], bool) and isinstance(r["run"], bool)
              and (r["rent_cny_m2_day"] is None or isinstance(r["rent_cny_m2_day"], num))
              and (r["available_from"] is None or
                   re.fullmatch(r"\d{4}-\d{2}-\d{2}|now", str(r["available_from"])) is not None))
        if not check(ok, f"{where}: a field has the wrong type: "
                         f"{json.dumps(r, ensure_ascii=False)[:200]}"):
            continue
        lo, hi = r["floor_from"], r["floor_to"]
        check(hi - lo >= 1 if r["run"] else hi == lo,
              f"{where}: run={r['run']} but floors {lo}..{hi}")
        check(str(r["floors"]) == (f"{lo}-{hi}" if hi != lo else f"{lo}"),
              f"{where}: floors {r['floors']!r} for floor_from {lo}, floor_to {hi}")
        f = file_name(r["building"])
        for lang in LANGS:
            want = f"{lang}/b/{f}.html"
            check(r[f"url_{lang}"] == want, f"{where}: url_{lang} is {r[f'url_{lang}']!r}, "
                                             f"expected {want!r}")
        good.append(r)
    check(any(not r["run"] for r in good), "data/listings.json has no single-floor row: "
                                           "the filter checks would prove nothing")
    return good


def csv_checks(table, rows):
    """data/listings.csv as a spreadsheet takes it: listings.json's single floors, in order,
    so that its area_m2 adds up to the vacant area (no stretch counted twice); no floors cell
    a spreadsheet reads as a date ("6-7"); each floor's stretch that of listings.json."""
    head, body = table[0], [dict(zip(table[0], r)) for r in table[1:] if r]
    want = ["building", "floors", "floor_from", "floor_to", "area_m2", "stretch_from",
            "stretch_to", "stretch_area_m2"]
    if not check(all(k in head for k in want), f"data/listings.csv: its header {head}"):
        return
    singles = [(r["building"], r["floor_from"], r["area_m2"]) for r in rows if not r["run"]]
    have = [(r["building"], int(r["floor_from"]), float(r["area_m2"])) for r in body]
    check(have == singles, f"data/listings.csv: {len(have)} rows, not listings.json's "
                           f"{len(singles)} single floors in order")
    dates = [r["floors"] for r in body if not r["floors"].isdigit()]
    check(not dates, f"data/listings.csv: floors cells a spreadsheet makes dates of: {dates[:5]}")
    runs = {(r["building"], r["floor_from"], r["floor_to"]): r["area_m2"] for r in rows if r["run"]}
    stretches = {(r["building"], int(r["stretch_from"]), int(r["stretch_to"])):
                 float(r["stretch_area_m2"]) for r in body if r["stretch_from"] != r["stretch_to"]}
    check(stretches == runs, f"data/listings.csv: {len(stretches)} stretches, not "
                             f"listings.json's {len(runs)}")


def data_checks(root, pages, rows):
    for rel in ("assets/site.css", "assets/site.js", "data/district.geojson",
                "data/listings.json", "data/listings.csv"):
        check(os.path.isfile(os.path.join(root, rel)), f"{rel} is missing")
    try:
        with open(os.path.join(root, "data/district.geojson"), encoding="utf-8") as f:
            geo = json.load(f)
        check(isinstance(geo, dict) and geo.get("type") == "FeatureCollection",
              "data/district.geojson is not a FeatureCollection")
    except (OSError, ValueError) as e:
        check(False, f"data/district.geojson: {e}")
    try:
        with open(os.path.join(root, "data/listings.csv"), "rb") as f:
            check(f.read(3) == b"\xef\xbb\xbf", "data/listings.csv has no UTF-8 byte-order "
                                                  "mark: Excel reads it as GBK on Chinese Windows")
        with open(os.path.join(root, "data/listings.csv"), encoding="utf-8-sig", newline="") as f:
            table = list(csv.reader(f))
        check(len(table) >= 2, "data/listings.csv has no header or no row")
        widths = {len(r) for r in table if r}
        check(len(widths) == 1, f"data/listings.csv: rows of {sorted(widths)} columns")
        csv_checks(table, rows)
    except (OSError, UnicodeDecodeError, csv.Error) as e:
        check(False, f"data/listings.csv: {e}")
    for lang in LANGS:
        rel = f"{lang}/feed.atom"
        xml_check(root, rel, "{http://www.w3.org/2005/Atom}feed")
    xml_check(root, "sitemap.xml", "{http://www.sitemaps.org/schemas/sitemap/0.9}urlset")
    img = os.path.join(root, "img")
    check(os.path.isdir(img), "img/ is missing")
    for dirpath, _, files in os.walk(img):
        for f in files:
            with open(os.path.join(dirpath, f), "rb") as fp:
                magic = fp.read(8)
            ok = (f.lower().endswith(".png") and magic == b"\x89PNG\r\n\x1a\n") or \
                 (f.lower().endswith((".jpg", ".jpeg")) and magic[:3] == b"\xff\xd8\xff")
            check(ok, f"img/{f}: not a .png or .jpg whose content matches its name")
    # one page per building, in both languages
    names = {lang: {p[len(lang) + 3:] for p in pages if p.startswith(f"{lang}/b/")}
             for lang in LANGS}
    check(names["zh"] == names["en"],
          f"building pages differ between zh/b and en/b: {sorted(names['zh'] ^ names['en'])}")
    for b in sorted({r["building"] for r in rows}):
        check(file_name(b) + ".html" in names["zh"], f"no building page zh/b/{file_name(b)}.html "
                                                     f"for {b!r}")
    global LIMIT, BUILDINGS_LIMIT
    first = next((f"{lang}/index.html" for lang in LANGS if f"{lang}/index.html" in pages), None)
    tag, a = pages[first].by_id("listing") if first else (None, {})
    LIMIT = int(a.get("data-limit", "0")) if tag else 0
    form, f = pages[first].by_id("find-building") if first else (None, {})
    BUILDINGS_LIMIT = int(f.get("data-limit", "0")) if form else 0
    for lang in LANGS:
        rel = f"{lang}/index.html"
        if rel in pages:
            district_checks(rel, pages[rel], rows, names[lang], pages)
            buildings_checks(lang, pages, names[lang])
            if LIMIT:
                _, own = pages[rel].by_id("listing")
                parts_checks(root, lang, rows, int(own.get("data-parts", "0")),
                             own.get("data-part", ""))


def xml_check(root, rel, tag):
    path = os.path.join(root, rel)
    if not os.path.exists(path):
        return
    try:
        got = ET.parse(path).getroot().tag
        check(got == tag, f"{rel}: the root element is {got}, expected {tag}")
    except ET.ParseError as e:
        check(False, f"{rel}: not well-formed XML: {e}")


def pages_of(pages, lang, name):
    """A list's pages: the district page, then NAME-2.html, NAME-3.html ..."""
    out, k = [f"{lang}/index.html"], 2
    while f"{lang}/{name}-{k}.html" in pages:
        out.append(f"{lang}/{name}-{k}.html")
        k += 1
    return out


def pager_checks(rels, pages, name):
    """Each page of a list cut into pages links to the first, the last, the previous and
    the next, and marks itself."""
    last = len(rels)
    for k, rel in enumerate(rels, 1):
        page = pages[rel]
        links = {a.get("href") for t, a, anc in page.find("a")
                 if page.inside(anc, "nav", f"{name}-pager") and a.get("href")}
        def href(q):
            return f"index.html#{name}-h" if q == 1 else f"{name}-{q}.html"
        want = {href(q) for q in (1, last, k - 1, k + 1) if 1 <= q <= last and q != k}
        check(want <= links, f"{rel}: the pager lacks links to {sorted(want - links)}")
        here = [t for t, a, anc in page.find("span") if a.get("aria-current") == "page"
                and page.inside(anc, "nav", f"{name}-pager")]
        check(len(here) == 1, f"{rel}: the pager does not mark page {k} as the current one")


def buildings_checks(lang, pages, building_pages):
    """The district's buildings, over their pages: each building's page linked once."""
    rels = pages_of(pages, lang, "buildings")
    seen = []
    for rel in rels:
        page = pages[rel]
        here = [a.get("href") for t, a, anc in page.find("a")
                if page.inside(anc, "ul") and a.get("href", "").startswith("b/")]
        check(len(rels) == (1 if not BUILDINGS_LIMIT else len(rels)) and
              (len(rels) == 1 or len(here) <= BUILDINGS_LIMIT),
              f"{rel}: {len(here)} buildings on a page of {BUILDINGS_LIMIT}")
        seen += here
    got = sorted(h[2:] for h in seen)
    check(got == sorted(building_pages), f"{lang}: the buildings' list links "
          f"{len(got)} pages ({len(set(got))} different); there are {len(building_pages)}")
    if len(rels) > 1:
        pager_checks(rels, pages, "buildings")


def parts_checks(root, lang, rows_all, parts, base):
    """The script's parts: every space of data/listings.json, in its order; none beside."""
    got = []
    prefix = posixpath.normpath(posixpath.join(lang, base))
    names = sorted(f for f in os.listdir(os.path.join(root, "data"))
                   if f.startswith(f"spaces-{lang}-"))
    check(names == sorted(f"{posixpath.basename(prefix)}{k}.js" for k in range(1, parts + 1)),
          f"data/: the parts of {lang} are {names}; the page names {parts} from {prefix}")
    for k in range(1, parts + 1):
        rel = f"{prefix}{k}.js"
        try:
            text = read(root, rel)
        except (OSError, UnicodeDecodeError) as e:
            check(False, f"{rel}: {e}")
            return
        m = re.fullmatch(r"louyuSpaces\((\d+), (.*)\);\n", text, re.S)
        if not check(m and int(m.group(1)) == k, f"{rel}: not louyuSpaces({k}, [...]);"):
            return
        got += json.loads(m.group(2))
    want = [(r["building"], str(r["floors"]), r["run"]) for r in rows_all]
    have = [(g[0], g[4], bool(g[11])) for g in got]
    check(have == want, f"{prefix}*.js: {len(have)} spaces, not listings.json's "
                        f"{len(want)} in its order")


def district_checks(rel, page, rows, building_pages, pages=None):
    """The district page's form and table, against data/listings.json; a listing cut into
    pages, over all its pages."""
    tag, _ = page.by_id("filters")
    check(tag == "form", f"{rel}: no <form id=\"filters\">")
    for ident, want in (("f-area", "number"), ("f-rent", "number"), ("f-contiguous", "checkbox")):
        tag, a = page.by_id(ident)
        check(tag == "input" and a.get("type") == want,
              f"{rel}: #{ident} is not an <input type=\"{want}\">")
    tag, _ = page.by_id("f-building")
    if check(tag == "select", f"{rel}: #f-building is not a <select>"):
        values = [a.get("value") for _, a, anc in page.find("option")
                  if page.inside(anc, "select", "f-building")]
        check("" in values, f"{rel}: #f-building has no option value=\"\" (all buildings)")
        for b in sorted({r["building"] for r in rows}):
            check(b in values, f"{rel}: #f-building has no option for {b!r}")
        for v in values:
            check(v == "" or file_name(v) + ".html" in building_pages,
                  f"{rel}: #f-building offers {v!r}, which has no building page")
    check(page.by_id("listing")[0] == "table", f"{rel}: no <table id=\"listing\">")
    check(page.by_id("listing-count")[0] is not None, f"{rel}: no #listing-count")
    sorts = {a.get("data-sort") for t, a, anc in page.find("button")
             if page.inside(anc, "thead") and page.inside(anc, "table", "listing")
             and a.get("type") == "button"}
    for key in SORT_KEYS:
        check(key in sorts, f"{rel}: no <button type=\"button\" data-sort=\"{key}\"> in the "
                            "table's header")
    table = {}
    lang = rel.split("/")[0]
    rels = pages_of(pages, lang, "spaces") if pages else [rel]
    if LIMIT:
        pager_checks(rels, pages, "spaces")
        rows = [r for r in rows if not r["run"]]   # (the runs show in a search)
    in_order = []
    trs = []
    for r in rels:
        here = [(t, a, anc) for t, a, anc in pages[r].find("tr") if pages[r].inside(
            anc, "tbody") and pages[r].inside(anc, "table", "listing")] if pages else \
            [(t, a, anc) for t, a, anc in page.find("tr")
             if page.inside(anc, "tbody") and page.inside(anc, "table", "listing")]
        if LIMIT:
            check(len(here) == LIMIT or (r == rels[-1] and 0 < len(here) <= LIMIT),
                  f"{r}: {len(here)} rows on a page of {LIMIT}")
        trs += here
    for t, a, anc in trs:
        m = re.fullmatch(r"(-?\d+)(?:-(-?\d+))?", a.get("data-floors", ""))
        ok = (m and re.fullmatch(r"-?\d+(\.\d+)?", a.get("data-area", ""))
              and re.fullmatch(r"(\d+(\.\d+)?)?", a.get("data-rent", "x"))
              and re.fullmatch(r"(\d{4}-\d{2}-\d{2}|now)?", a.get("data-available", "x"))
              and a.get("data-run") in ("0", "1") and a.get("data-building"))
        if not check(ok, f"{rel}: a row's data attributes break the contract: {a}"):
            continue
        run = a["data-run"] == "1"
        check(("hidden" in a) == run, f"{rel}: the row {a['data-building']} "
              f"{a['data-floors']} (data-run={a['data-run']}) "
              + ("lacks" if run else "has") + " the hidden attribute")
        lo = int(m.group(1))
        hi = int(m.group(2)) if m.group(2) else lo
        table.setdefault((a["data-building"], lo, hi, run), []).append(a)
        in_order.append((a["data-building"], lo, hi))
    if LIMIT:   # the pages in the listing's order
        check(in_order == [(r["building"], r["floor_from"], r["floor_to"]) for r in rows],
              f"{lang}: the listing's pages are not listings.json's single floors in order")
    data = {}
    for r in rows:
        data.setdefault((r["building"], r["floor_from"], r["floor_to"], r["run"]), []).append(r)
    for key in sorted(set(table) | set(data), key=str):
        t, d = table.get(key, []), data.get(key, [])
        if not check(len(t) == len(d), f"{rel}: {len(t)} table rows but {len(d)} listings.json "
                                       f"rows for building {key[0]!r} floors {key[1]}-{key[2]} "
                                       f"run={key[3]}"):
            continue
        for a, r in zip(t, d):
            rent = r["rent_cny_m2_day"]
            same = (abs(float(a["data-area"]) - r["area_m2"]) <= 0.05
                    and (a["data-rent"] == "" if rent is None else
                         a["data-rent"] != "" and abs(float(a["data-rent"]) - rent) <= 0.005)
                    and a["data-available"] == (r["available_from"] or ""))
            check(same, f"{rel}: the row {key} has area={a['data-area']} rent={a['data-rent']!r} "
                        f"available={a['data-available']!r}; listings.json has {r['area_m2']}, "
                        f"{rent}, {r['available_from']}")


# ---- Chromium over the DevTools protocol ------------------------------------------------
# Every element with text of its own, as the browser draws it: its colour blended over the
# first opaque background behind it, against WCAG 2's contrast ratios (AA: 4.5:1, or 3:1
# for large text: 24 px, or 18.66 px bold). Returns the failures.
CONTRAST_JS = """(() => {
  const parse = c => { const m = c.match(/[\\d.]+/g) || [0, 0, 0, 0];
    return [+m[0], +m[1], +m[2], m.length > 3 ? +m[3] : 1]; };
  const lum = c => { const f = v => { v /= 255;
      return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]); };
  const over = (top, under) => [0, 1, 2].map(i => top[i] * top[3] + under[i] * (1 - top[3]));
  const background = el => {
    const layers = [];
    for (let e = el; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c[3] > 0) layers.push(c);
      if (c[3] >= 1) break;
    }
    let bg = [255, 255, 255];
    for (let i = layers.length - 1; i >= 0; i--) bg = over(layers[i], bg);
    return bg;
  };
  const bad = [];
  for (const el of document.body.querySelectorAll('*')) {
    const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
    if (!own) continue;
    const st = getComputedStyle(el);
    if (st.visibility === 'hidden' || st.display === 'none' || !el.getClientRects().length)
      continue;
    const fg = parse(st.color), bg = background(el);
    const text = over(fg, bg);
    const a = lum(text), b = lum(bg);
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    const px = parseFloat(st.fontSize), bold = parseInt(st.fontWeight, 10) >= 700;
    const need = px >= 24 || (bold && px >= 18.66) ? 3 : 4.5;
    if (ratio < need)
      bad.push(`<${el.tagName.toLowerCase()}> "${el.textContent.trim().slice(0, 30)}" `
               + `${ratio.toFixed(2)}:1, needs ${need}:1`);
  }
  return bad;
})()"""

FOCUS_JS = """(() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const st = getComputedStyle(el);
  return {tag: el.tagName.toLowerCase(), text: (el.textContent || el.name || '').trim().slice(0, 30),
          outline: st.outlineStyle !== 'none' && parseFloat(st.outlineWidth) >= 2,
          shown: el.getClientRects().length > 0};
})()"""


IMAGES_JS = """(async () => {
  const imgs = [...document.images];
  for (const i of imgs) if (i.loading === 'lazy') i.loading = 'eager';
  await Promise.all(imgs.map(i => i.complete ? null : new Promise(r => {
    i.addEventListener('load', r, {once: true});
    i.addEventListener('error', r, {once: true});
    setTimeout(r, 5000);
  })));
  return imgs.filter(i => !(i.complete && i.naturalWidth > 0))
             .map(i => i.getAttribute('src') || i.outerHTML.slice(0, 100));
})()"""

SHOWN_JS = """(() => {
  const rows = [...document.querySelectorAll('#listing tbody tr')]
    .filter(r => !r.hidden && r.offsetParent !== null);
  const c = document.getElementById('listing-count');
  return {n: rows.length, count: c ? c.textContent : null,
          rows: rows.map(r => [r.dataset.building, r.dataset.floors, r.dataset.area,
                               r.dataset.rent, r.dataset.run])};
})()"""


def set_filters_js(area="", rent="", building="", contiguous=False):
    return """(() => {
  const want = %s;
  const bad = [];
  for (const [id, v] of Object.entries(want)) {
    const e = document.getElementById(id);
    if (!e) { bad.push(id + ' is missing'); continue; }
    if (e.type === 'checkbox') e.checked = v; else e.value = v;
    e.dispatchEvent(new Event('input', {bubbles: true}));
    e.dispatchEvent(new Event('change', {bubbles: true}));
    if ((e.type === 'checkbox' ? e.checked : e.value) !== v) bad.push(id + ' does not take ' + v);
  }
  return bad;
})()""" % json.dumps({"f-area": area, "f-rent": rent, "f-building": building,
                      "f-contiguous": contiguous})


def expected(rows, area=None, rent=None, building="", contiguous=False):
    out = []
    for r in rows:
        # spanning floors widens the search: the runs join the single floors
        if r["run"] and not contiguous:
            continue
        if area is not None and not r["area_m2"] >= area:
            continue
        if rent is not None and (r["rent_cny_m2_day"] is None or not r["rent_cny_m2_day"] <= rent):
            continue
        if building and r["building"] != building:
            continue
        out.append(r)
    return out


def numbers_in(text):
    return {int(n.replace(",", "")) for n in re.findall(r"\d[\d,]*", text or "")}


def shown_matches(want):
    """The rows a listing shows: all the matches, or a page's worth of a listing cut into
    pages (the count saying how many match)."""
    n = min(len(want), LIMIT) if LIMIT else len(want)
    return lambda v: v is not None and v["n"] == n and len(want) in numbers_in(v["count"])


def filter_cases(rows):
    singles = [r for r in rows if not r["run"]]
    counts = {}
    for r in rows:
        counts[r["building"]] = counts.get(r["building"], 0) + 1
    busiest = min(counts, key=lambda b: (-counts[b], b)) if counts else ""
    cases = [{}, {"area": 1000}, {"rent": 3.5}, {"building": busiest}, {"contiguous": True},
             {"contiguous": True, "area": 1000}, {"area": 1000, "rent": 3.5},
             {"building": busiest, "rent": 3.5}, {"building": busiest, "contiguous": True}]
    # thresholds from the data: between two areas, and exactly on one (>= and <= include it)
    areas = sorted({r["area_m2"] for r in singles})
    if len(areas) >= 2:
        k = len(areas) // 2
        cases.append({"area": (areas[k - 1] + areas[k]) / 2})
        cases.append({"area": areas[k]})
    rents = sorted({r["rent_cny_m2_day"] for r in singles if r["rent_cny_m2_day"] is not None})
    if rents:
        cases.append({"rent": rents[len(rents) // 2]})
    cases.append({})   # and back to nothing
    return cases


def describe(case):
    return ", ".join(f"{k}={v}" for k, v in case.items()) or "no filter"


def district_in_browser(tab, base, rel, rows):
    global step
    step = f"{rel}: filters"
    url = base + rel
    mark = tab.navigate(url)
    singles = expected(rows)
    got = tab.poll(SHOWN_JS, shown_matches(singles))
    check(shown_matches(singles)(got), f"{rel}: on load {got and got['n']} rows shown and "
          f"#listing-count {got and got['count']!r}; expected the {len(singles)} single floors")
    narrowed = False
    for case in filter_cases(rows):
        want = expected(rows, **case)
        narrowed |= len(want) != len(singles)
        args = {k: (str(v) if k in ("area", "rent") else v) for k, v in case.items()}
        bad = tab.eval(set_filters_js(**args))
        if not check(not bad, f"{rel}: setting {describe(case)}: {bad}"):
            continue
        got = tab.poll(SHOWN_JS, shown_matches(want))
        if not check(shown_matches(want)(got),
                     f"{rel}: with {describe(case)}: {got['n']} rows shown, #listing-count "
                     f"{got['count']!r}; expected {len(want)}"):
            want_keys = {(r["building"], r["floors"] if isinstance(r["floors"], str) else
                          str(r["floors"])) for r in want}
            got_keys = {(g[0], g[1]) for g in got["rows"]}
            print(f"      shown but not expected: {sorted(got_keys - want_keys)[:8]}; "
                  f"expected but not shown: {sorted(want_keys - got_keys)[:8]}")
    check(narrowed, f"{rel}: no filter case narrowed the listing (the data cannot test them)")
    tab.settle(mark)
    errors = tab.errors(mark)
    check(not errors, f"{rel}: while filtering: " + "; ".join(errors[:6]))

    step = f"{rel}: sorting"
    click = "document.querySelector('#listing thead button[data-sort=\"%s\"]').click()"
    marks = [tab.navigate(url)]
    tab.eval(set_filters_js())
    areas = lambda v: [float(r[2]) for r in v["rows"]]
    tab.eval(click % "area")
    got = tab.poll(SHOWN_JS, lambda v: areas(v) == sorted(areas(v)))
    shown = min(len(singles), LIMIT) if LIMIT else len(singles)
    check(areas(got) == sorted(areas(got)) and got["n"] == shown,
          f"{rel}: after one click on area, the shown areas are {areas(got)[:12]} "
          f"({got['n']} rows): not ascending")
    # (a listing cut into pages sorts every page's spaces: the smallest of all comes first)
    check(not got["rows"] or areas(got)[0] == min(r["area_m2"] for r in singles),
          f"{rel}: after one click on area, the first area is {areas(got)[:1]}, not the "
          f"smallest of all: {min(r['area_m2'] for r in singles)}")
    tab.eval(click % "area")
    got = tab.poll(SHOWN_JS, lambda v: areas(v) == sorted(areas(v), reverse=True))
    check(areas(got) == sorted(areas(got), reverse=True) and got["n"] == shown,
          f"{rel}: after two clicks on area, the shown areas are {areas(got)[:12]} "
          f"({got['n']} rows): not descending")
    marks.append(tab.navigate(url))
    tab.eval(set_filters_js())
    tab.eval(click % "rent")

    def rent_order(v):
        rents = [r[3] for r in v["rows"]]
        known = [float(x) for x in rents if x != ""]
        return known == sorted(known) and rents[:len(known)] == [x for x in rents if x != ""]
    got = tab.poll(SHOWN_JS, rent_order)
    check(rent_order(got), f"{rel}: after one click on rent, the shown rents are "
                           f"{[r[3] for r in got['rows']][:16]}: not ascending with unknown last")
    if LIMIT and len(singles) > LIMIT:
        paged_in_browser(tab, url, rel, singles, click)
    tab.settle(marks[-1])
    errors = tab.errors(marks[0])
    check(not errors, f"{rel}: while sorting: " + "; ".join(errors[:6]))


STATE_JS = """(() => {
  const seen = id => { const e = document.getElementById(id);
    return e && !e.hidden && e.offsetParent !== null ? e.textContent : null; };
  return {note: seen('listing-note'), more: seen('listing-more'), pager: seen('spaces-pager')};
})()"""


FOUND_JS = """(() => {
  const seen = id => { const e = document.getElementById(id);
    return e && !e.hidden && e.offsetParent !== null; };
  const c = document.getElementById('found-count');
  return {count: c && !c.hidden ? c.textContent : null, list: seen('building-list'),
          pager: seen('buildings-pager'), found: seen('found'),
          hrefs: [...document.querySelectorAll('#found a')].map(a => a.getAttribute('href'))};
})()"""


def find_in_browser(tab, base, lang, pages):
    """A city's buildings over pages: the search finds a building of another page by its
    name, says how many it found, and gives the page back when emptied."""
    global step
    rels = pages_of(pages, lang, "buildings")
    step = f"{rels[-1]}: the last building"
    tab.navigate(base + rels[-1])
    href, query = tab.eval("""(() => {
      const a = [...document.querySelectorAll('#building-list a')].pop();
      return a ? [a.getAttribute('href'), a.querySelector('.name').textContent.trim()] : [null, null];
    })()""")
    if not check(href and query, f"{rels[-1]}: no building to search for"):
        return
    step = f"{rels[0]}: finding {href}"
    tab.navigate(base + rels[0])
    typed = """(() => { const e = document.getElementById('f-find'); if (!e) return false;
      e.value = %s; e.dispatchEvent(new Event('input', {bubbles: true})); return true; })()"""
    check(tab.eval(typed % json.dumps(query.upper())),
          f"{rels[0]}: no search box #f-find on a city's buildings page")
    got = tab.poll(FOUND_JS, lambda v: href in v["hrefs"])
    check(href in got["hrefs"] and got["found"] and not got["list"] and not got["pager"] and
          got["count"] and (len(got["hrefs"]) in numbers_in(got["count"]) or
                            len(got["hrefs"]) == LIMIT),
          f"{rels[0]}: searching {query.upper()!r} (in capitals) for the last building of the "
          f"last page: {got}")
    tab.eval(typed % json.dumps("no such building \u2603"))
    got = tab.poll(FOUND_JS, lambda v: not v["hrefs"] and v["count"] and
                   0 in numbers_in(v["count"]))
    check(not got["hrefs"] and got["count"] and 0 in numbers_in(got["count"]),
          f"{rels[0]}: a search that finds nothing: {got}")
    # a search finding more than a page's worth lists them a page at a time
    tab.eval(typed % json.dumps("-"))
    got = tab.poll(FOUND_JS, lambda v: v["count"] and v["hrefs"])
    hits = int(re.match(r"\D*([\d,]+)", got["count"] or "0").group(1).replace(",", ""))
    for _ in range(10):
        if not tab.eval("(() => { const b = document.querySelector('#found + button');"
                        " if (!b || b.hidden) return false; b.click(); return true; })()"):
            break
    got = tab.eval(FOUND_JS)
    check(hits > BUILDINGS_LIMIT and len(got["hrefs"]) == hits == len(set(got["hrefs"])),
          f"{rels[0]}: '-' found {hits} buildings; after 'more' {len(got['hrefs'])} are listed")
    tab.eval(typed % json.dumps(""))
    got = tab.poll(FOUND_JS, lambda v: v["list"] and v["pager"])
    check(got["list"] and got["pager"] and not got["found"] and got["count"] is None,
          f"{rels[0]}: the search emptied does not give the page back: {got}")


def paged_in_browser(tab, url, rel, singles, click):
    """A listing cut into pages: a sort lists every page's spaces a page's worth at a time,
    "more" lists the next; Clear, or clearing a filter, brings back the page as it came."""
    on_page = lambda v: v["n"] == LIMIT and len(singles) in numbers_in(v["count"])
    tab.navigate(url)
    tab.eval(click % "area")
    got = tab.poll(SHOWN_JS, lambda v: v["n"] == LIMIT and v["rows"] and
                   float(v["rows"][0][2]) == min(r["area_m2"] for r in singles))
    state = tab.eval(STATE_JS)
    check(state["note"] and state["more"] and not state["pager"],
          f"{rel}: sorted over all pages: note {state['note']!r}, more {state['more']!r}, "
          f"pager {state['pager']!r}: expected a note and a button for more, no pager")
    tab.eval("document.getElementById('listing-more').click()")
    twice = min(2 * LIMIT, len(singles))
    got = tab.poll(SHOWN_JS, lambda v: v["n"] == twice)
    areas = [float(r[2]) for r in got["rows"]]
    check(got["n"] == twice and areas == sorted(areas),
          f"{rel}: after 'more', {got['n']} rows (expected {twice}), in order: "
          f"{areas == sorted(areas)}")
    tab.eval("document.getElementById('filters').reset()")
    got = tab.poll(SHOWN_JS, on_page)
    state = tab.eval(STATE_JS)
    check(on_page(got) and state["pager"] and not state["note"] and not state["more"],
          f"{rel}: after Clear: {got['n']} rows, count {got['count']!r}, {state}: expected the "
          f"page's {LIMIT} rows, its pager, no note")
    check(not tab.eval("document.querySelector('#listing th[aria-sort]') !== null"),
          f"{rel}: after Clear a column is still marked sorted")
    tab.eval(set_filters_js(contiguous=True))
    tab.poll(SHOWN_JS, lambda v: v["n"] == LIMIT and len(singles) not in numbers_in(v["count"]))
    tab.eval(set_filters_js())
    got = tab.poll(SHOWN_JS, on_page)
    state = tab.eval(STATE_JS)
    check(on_page(got) and state["pager"] and not state["note"],
          f"{rel}: after a filter and its clearing: {got['n']} rows, {state}: expected the "
          "page's rows and pager, no note")


def browser_checks(root, base, pages, rows, shots):
    global step
    exe = os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not check(exe is not None, "chromium is not installed (scripts/test.sh installs it)"):
        return
    profile = tempfile.mkdtemp(prefix="louyu-portal-")
    try:
        browser = Browser(exe, profile)
    except OSError as e:
        check(False, f"cannot start {exe}: {e}")
        shutil.rmtree(profile, ignore_errors=True)
        return
    BROWSERS.append(browser)
    try:
        step = "starting chromium"
        try:
            browser.send("Browser.getVersion", timeout=30)
            tab = Tab(browser, (base, pathlib.Path(root).resolve().as_uri() + "/"))
        except CDPError as e:
            check(False, f"chromium did not start: {e}\n{browser.log_tail()}")
            return
        for rel in sorted(pages):
            step = f"{rel}: in the browser"
            try:
                page_in_browser(tab, base, rel)
            except CDPError as e:
                check(False, f"{rel}: {e}")
        for lang in LANGS:
            if f"{lang}/index.html" in pages and rows:
                try:
                    district_in_browser(tab, base, f"{lang}/index.html", rows)
                except CDPError as e:
                    check(False, f"{step}: {e}")
            if f"{lang}/buildings-2.html" in pages:
                try:
                    find_in_browser(tab, base, lang, pages)
                except CDPError as e:
                    check(False, f"{step}: {e}")
        step = "zh/index.html without JavaScript and from file://"
        try:
            without_js_and_file(tab, root, rows)
        except CDPError as e:
            check(False, f"{step}: {e}")
        if shots:
            step = "screenshots"
            buildings = sorted(p for p in pages if p.startswith("en/b/"))
            for rel, name in (("en/index.html", "portal-district.png"),
                              (buildings[0] if buildings else None, "portal-building.png")):
                if check(rel is not None, f"no page for {name}"):
                    try:
                        screenshot(tab, base + rel, os.path.join(shots, name))
                    except (CDPError, OSError) as e:
                        check(False, f"screenshot {name}: {e}")
    finally:
        browser.close()
        shutil.rmtree(profile, ignore_errors=True)


def page_in_browser(tab, base, rel):
    mark = tab.navigate(base + rel)
    broken = tab.eval(IMAGES_JS)
    tab.settle(mark)
    check(not broken, f"{rel}: images not loaded in the browser: {broken[:5]}")
    errors = tab.errors(mark)
    check(not errors, f"{rel}: " + "; ".join(errors[:6]))
    low = tab.eval(CONTRAST_JS)
    check(not low, f"{rel}: text below WCAG AA contrast: " + "; ".join((low or [])[:5]))
    focus_checks(tab, rel)
    lang = tab.eval("document.documentElement.lang")
    head = rel.partition("/")[0]
    want = LANGS.get(head)
    check(bool(lang) and (want is None or lang == want),
          f"{rel}: document.documentElement.lang is {lang!r}"
          + (f", expected {want!r}" if want else ""))
    other = mirror(rel)
    if other is None:
        return
    mark = tab.b.mark()
    leaves = tab.eval("(() => { const a = document.getElementById('lang-switch');"
                      " return a ? new URL(a.href).pathname !== location.pathname : null; })()")
    if not check(leaves, f"{rel}: " + ("no #lang-switch" if leaves is None else
                                       "#lang-switch does not leave the page")):
        return
    tab.eval("document.getElementById('lang-switch').click()")
    try:
        tab.b.wait_event("Page.loadEventFired", tab.session, mark, timeout=10)
    except CDPError as e:
        check(False, f"{rel}: clicking #lang-switch: {e}")
        return
    tab.settle(mark)   # so that what this page still logs is not taken for the next one's
    where = tab.eval("location.href")
    lang = tab.eval("document.documentElement.lang")
    path = urllib.parse.unquote(urllib.parse.urlsplit(where).path).lstrip("/")
    check(path == other and lang == LANGS[OTHER[head]],
          f"{rel}: #lang-switch landed on {where} (lang {lang!r}); expected {other} "
          f"(lang {LANGS[OTHER[head]]!r})")


def focus_checks(tab, rel):
    """The Tab key's first stops (up to three) each show a visible focus outline."""
    for k in range(3):
        for kind in ("rawKeyDown", "keyUp"):
            tab.send("Input.dispatchKeyEvent", {"type": kind, "key": "Tab", "code": "Tab",
                                                "windowsVirtualKeyCode": 9})
        f = tab.eval(FOCUS_JS)
        if f is None and k > 0:
            return  # past the page's last stop (the language chooser has two)
        if not check(f is not None, f"{rel}: Tab {k + 1} focuses nothing"):
            return
        check(f["outline"] and f["shown"],
              f"{rel}: Tab {k + 1} focuses <{f['tag']}> \"{f['text']}\" without a visible "
              "focus outline")


def without_js_and_file(tab, root, rows):
    singles = expected(rows)
    rel = "zh/index.html"
    if not os.path.exists(os.path.join(root, rel)):
        return
    url = pathlib.Path(root, rel).resolve().as_uri()
    # without JavaScript: a plain table of single floors
    tab.send("Emulation.setScriptExecutionDisabled", {"value": True})
    try:
        mark = tab.navigate(url)
        got = tab.eval(SHOWN_JS)
        on_page = min(len(singles), LIMIT) if LIMIT else len(singles)
        check(got["n"] == on_page, f"{rel} without JavaScript: {got['n']} rows shown, "
                                   f"expected {on_page} of the {len(singles)} single floors")
        check(not tab.errors(mark), f"{rel} without JavaScript: {tab.errors(mark)[:6]}")
    finally:
        tab.send("Emulation.setScriptExecutionDisabled", {"value": False})
    # from file://, with JavaScript
    mark = tab.navigate(url)
    broken = tab.eval(IMAGES_JS)
    tab.settle(mark)
    check(not broken, f"{url}: images not loaded: {broken[:5]}")
    runs = expected(rows, contiguous=True)
    bad = tab.eval(set_filters_js(contiguous=True))
    got = tab.poll(SHOWN_JS, shown_matches(runs))
    check(not bad and shown_matches(runs)(got),
          f"{url}: contiguous on: {got['n']} rows shown, #listing-count {got['count']!r}; "
          f"expected {len(runs)} {bad or ''}")
    errors = tab.errors(mark)
    check(not errors, f"{url}: " + "; ".join(errors[:6]))


def screenshot(tab, url, path):
    tab.navigate(url)
    tab.eval(IMAGES_JS)
    tab.eval("document.fonts.ready.then(() => true)")
    data = base64.b64decode(tab.send("Page.captureScreenshot", {"format": "png"}, 30)["data"])
    check(data.startswith(b"\x89PNG"), f"{path}: not a PNG")
    with open(path, "wb") as f:
        f.write(data)


# ---- html-validate ----------------------------------------------------------------------
def start_html_validate(pages, root):
    exe = os.environ.get("HTML_VALIDATE")
    if not check(bool(exe), "HTML_VALIDATE is not set: scripts/test.sh installs html-validate"):
        return None
    config = os.path.join(os.path.dirname(os.path.abspath(__file__)), "htmlvalidate.json")
    out = tempfile.TemporaryFile()
    try:
        proc = subprocess.Popen([exe, "--config", config] +
                                [os.path.join(root, p) for p in sorted(pages)],
                                stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    except OSError as e:
        check(False, f"HTML_VALIDATE={exe}: {e}")
        return None
    return proc, out


def finish_html_validate(started):
    if not started:
        return
    proc, out = started
    try:
        proc.wait(timeout=max(5, DEADLINE - time.monotonic() - 5))
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    out.seek(0)
    text = out.read().decode("utf-8", "replace").strip()
    check(proc.returncode == 0, f"html-validate exits {proc.returncode}:\n{text[-6000:]}")


# ---- the run ----------------------------------------------------------------------------
BROWSERS = []
DEADLINE = time.monotonic() + LIMIT_S


def watchdog():
    global stopped
    check(False, f"the test ran past {LIMIT_S} s (at: {step})")
    stopped = True
    for b in BROWSERS:
        b.kill()   # not close(): the pipe may be what is stuck
        time.sleep(0.2)   # its helpers die a moment after it
        shutil.rmtree(b.profile, ignore_errors=True)
    os._exit(finish())


def main():
    global step
    if len(sys.argv) not in (2, 3):
        print(__doc__.strip().split("\n\n")[-1], file=sys.stderr)
        return 2
    global SITE_URL, ROOT
    root = ROOT = os.path.abspath(sys.argv[1])
    SITE_URL = site_url(root)
    shots = sys.argv[2] if len(sys.argv) == 3 else None
    if not os.path.isdir(root):
        check(False, f"{root} is not a folder")
        return finish()
    if shots:
        os.makedirs(shots, exist_ok=True)
    timer = threading.Timer(LIMIT_S, watchdog)
    timer.daemon = True
    timer.start()
    server, base = serve(root)
    try:
        step = "crawling"
        pages = crawl(root, base)
        css_checks(root, base)
        rows = load_listings(root)
        data_checks(root, pages, rows)
        validating = start_html_validate(pages, root)
        browser_checks(root, base, pages, rows, shots)
        step = "html-validate"
        finish_html_validate(validating)
    finally:
        for b in BROWSERS:
            b.close()
        server.shutdown()
        timer.cancel()
    return finish()


if __name__ == "__main__":
    sys.exit(main())
