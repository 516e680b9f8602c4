#!/usr/bin/env python3
"""The browser build (scripts/web.sh), checked in Debian's headless Chromium on software
WebGL (SwiftShader), driven over the DevTools protocol (tests/cdp.py).

The site is served on 127.0.0.1. On the map page:
- the map starts and draws its first frame (frames counted, the canvas not one colour);
- for every building of the district, its view (#b=ID, which flies there, for every
  fourth; select(ID) without the flight for the rest) selects it; a pick at the view's
  centre (window.louyuMap.pick, the test hook) returns ID, and the card's building is ID
  with its name in the language on screen; the select event comes for each;
- the language switch (map.setLanguage, and ?lang=en) changes the strings: the names come
  in English and the picture changes;
- the browser's own events: a click and a tap select what they land on, Escape clears, a
  drag turns the view, the wheel and a pinch zoom;
- the JS API: select, setView, the select event, load() of a missing and of a broken file
  (FILE:LINE:COL errors, the district stays on screen), of a GeoPackage (said to be one,
  which the browser does not read), then of a good one; of two loads
  at once the last called wins, though the first one's bytes come later;
- a site without its louyu.wasm: the start fails, and the page says which file;
- no console error, no exception, no failed request, nothing fetched from elsewhere;
- without WebGL2 the page says so instead of failing.
- the map's language changed (setLanguage, as its own button does): the address says
  ?lang= and <html lang> the language shown;
- the page opened as a file (file://): it says to open it through a web server;
- a portal published with --web (PORTAL_DIR): the map over the district page's render,
  and each building page's link turns it to the building (#b=ID); the language switch
  keeps the building; on a phone one finger scrolls the page over the map (which stays
  as it was, and a hint says to use two), two fingers move the map, a tap selects, and
  the map is never taller than the screen; without WebGL2 a note says why under the
  render, and a link to a building (#b=ID) leads back to its page.
Usage: test_web.py SITE_DIR [SCREENSHOT_DIR [PORTAL_DIR]] (screenshots: web-district.png,
web-building.png).
CHROMIUM may name the browser. Prints every problem; exit 1 if any.
"""
import base64
import functools
import http.server
import json
import os
import pathlib
import shutil
import struct
import sys
import tempfile
import threading
import time
import zlib

from cdp import Browser, CDPError, Tab

LIMIT_S = 400
SIZE = (1280, 720)
WEBGL = ("--use-angle=swiftshader", "--enable-unsafe-swiftshader", "--ignore-gpu-blocklist",
         "--enable-webgl")
BAD = b'{"type": "FeatureCollection", "features": [\n  {"type": "Feature", "id": 7,\n' \
      b'   "properties": {"kind": "building"}, "geometry": {"type": "Polygon"}}\n]}\n'
# one building, served 2 s late: a load() of it overtaken by a later one must not land
ONE = b'{"type": "FeatureCollection", "features": [{"type": "Feature", "id": "late", ' \
      b'"properties": {"height_m": 20}, "geometry": {"type": "Polygon", "coordinates": ' \
      b'[[[120.38, 36.06], [120.3805, 36.06], [120.3805, 36.0605], [120.38, 36.06]]]}}]}\n'

problems, passed = [], 0


def check(ok, message):
    global passed
    if ok:
        passed += 1
    else:
        problems.append(message)
        print("FAIL:", message, flush=True)
    return ok


RETRY = b'''<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>retry</title></head>
<body style="margin:0"><canvas id="louyu-canvas" style="width:800px;height:500px;display:block">
</canvas><script src="../louyu-map.js"></script><script>
const c = document.getElementById("louyu-canvas");
window.done = LouyuMap.create(c, {data: "bad.geojson"}).then(() => "the bad data was taken",
  (e) => LouyuMap.create(c, {data: "good.geojson"}).then((m) => { window.louyuMap = m; return true; }));
</script></body></html>'''


class Handler(http.server.SimpleHTTPRequestHandler):
    """The site, and two files for the load() checks: /test/bad.geojson (a building
    without coordinates) and /test/good.geojson (the site's district again)."""
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".wasm": "application/wasm", ".js": "text/javascript",
                      ".geojson": "application/geo+json"}

    def do_GET(self):
        if self.path in ("/test/bad.geojson", "/test/slow.geojson", "/test/store.gpkg",
                         "/test/retry.html"):
            body = {"/test/bad.geojson": BAD, "/test/slow.geojson": ONE,
                    "/test/retry.html": RETRY}.get(self.path, b"SQLite format 3\x00" + bytes(4080))
            if body is ONE:
                time.sleep(2)
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8" if body is RETRY
                             else "application/geo+json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        if self.path == "/test/good.geojson":
            self.path = "/district.geojson"
        if self.path.startswith("/nowasm/"):  # the site without its code
            if self.path.split("?")[0] == "/nowasm/louyu.wasm":
                self.send_error(404, "File not found")
                return
            self.path = self.path[len("/nowasm"):]
        super().do_GET()

    def log_message(self, *args):
        pass


def serve(root):
    handler = functools.partial(Handler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def png_pixels(data):
    """(width, height, rows of RGB(A) bytes) of a PNG Chromium wrote (8-bit RGB/RGBA)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, w = 8, b"", 0
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            w, h, depth, ctype = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and ctype in (2, 6), (depth, ctype)
            bpp = 3 if ctype == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    raw, rows, prev = zlib.decompress(idat), [], bytearray(w * bpp)
    stride = w * bpp + 1
    for y in range(h):
        f, line = raw[y * stride], bytearray(raw[y * stride + 1:(y + 1) * stride])
        for i in range(len(line)):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        prev = line
    return w, h, bpp, rows


def colours(png):
    w, h, bpp, rows = png_pixels(png)
    return {rows[y][x * bpp:x * bpp + 3] for y in range(0, h, 7) for x in range(0, w, 7)}


def dark_share(png):
    """The share of (sampled) pixels that are black or nearly: the map's scene never is
    (its clear colour is the pale horizon), so a black canvas under the panels shows here."""
    w, h, bpp, rows = png_pixels(png)
    px = [rows[y][x * bpp:x * bpp + 3] for y in range(0, h, 5) for x in range(0, w, 5)]
    return sum(sum(p) < 48 for p in px) / len(px)


def shot(tab, path=None):
    data = base64.b64decode(tab.send("Page.captureScreenshot", {"format": "png"})["data"])
    if path:
        pathlib.Path(path).write_bytes(data)
    return data


def wait_still(tab, want_id=None, timeout=20):
    """The map's state once the view stopped moving (and, with want_id, selected it)."""
    return tab.poll("louyuMap.state()", lambda s: s and not s["moving"] and
                    (want_id is None or s["selected"] == want_id), timeout)


def render_warnings(tab, mark):
    found = []
    for e in tab.b.since(mark, tab.session):
        p = e.get("params", {})
        if e.get("method") == "Runtime.consoleAPICalled" and p.get("type") == "warning":
            text = " ".join(str(a.get("value", "")) for a in p["args"])
            if "RENDER" in text:
                found.append("console.warn: " + text)
    return found


def map_page(browser, base, shots):
    tab = Tab(browser, (base,), SIZE)
    mark = tab.navigate(base + "index.html")
    t0 = time.monotonic()
    ok = tab.eval("louyuReady.then(() => true, (e) => 'failed: ' + e.message)", timeout=90)
    if not check(ok is True, f"the map did not start: {ok}"):
        return
    first = tab.poll("louyuMap.state().frames", lambda n: n and n > 0, 20)
    check(first and first > 0, "no frame was drawn")
    print(f"map ready {time.monotonic() - t0:.1f} s after navigation", flush=True)
    state = wait_still(tab)
    check(state["buildings"] > 0 and state["lang"] == "zh", f"state after start: {state}")
    png = shot(tab, shots and os.path.join(shots, "web-district.png"))
    check(len(colours(png)) > 50, "the canvas shows almost one colour: nothing drawn")
    check(dark_share(png) < 0.02, f"{dark_share(png):.0%} of the page is black: the 3D scene is missing")
    # a stencil buffer: the water marks it, so that the walking areas stay off the sea
    check(tab.eval("louyuMap.canvas.getContext('webgl2').getContextAttributes().stencil") is True,
          "the WebGL2 context has no stencil buffer")
    buildings = tab.eval("louyuMap.buildings()")
    check(len(buildings) == state["buildings"], "buildings() and state() disagree")
    heard = tab.eval("window.heard = []; louyuMap.on('select', (id) => heard.push(id)); true")
    check(heard, "the select listener")
    # every building's view: through the address (#b=ID, which flies there) for every
    # fourth and the last, through select() without the flight for the others (the same
    # view, 1.2 s sooner each)
    for k, b in enumerate(buildings):
        if k % 4 == 0 or k == len(buildings) - 1:
            tab.eval(f"location.hash = '#b=' + encodeURIComponent({json.dumps(b['id'])}); true")
        else:
            tab.eval(f"louyuMap.select({json.dumps(b['id'])}, {{fly: false}}); true")
        s = wait_still(tab, b["id"])
        if not check(s["selected"] == b["id"], f"#b={b['id']}: selected {s['selected']!r}"):
            continue
        got = tab.eval(f"louyuMap.pick({s['focus_x']}, {s['focus_y']})")
        check(got == b["id"], f"#b={b['id']}: the pick at the view's centre "
                              f"({s['focus_x']:.0f}, {s['focus_y']:.0f}) gives {got!r}")
        check(s["name"] == b["name"], f"#b={b['id']}: the card's name {s['name']!r}, "
                                      f"expected {b['name']!r}")
    heard = tab.eval("heard")
    check(heard == [b["id"] for b in buildings], f"select events: {heard[:5]}...")
    last = buildings[-1]
    check(tab.eval("location.hash") == "#b=" + last["id"], "the hash follows the selection")
    zh_png = shot(tab)
    tab.eval("louyuMap.setLanguage('en'); true")
    s = tab.poll("louyuMap.state()", lambda v: v["lang"] == "en" and v["frames"] > 0)
    time.sleep(0.5)
    en_png = shot(tab, shots and os.path.join(shots, "web-building.png"))
    check(s["lang"] == "en", "setLanguage('en')")
    if last.get("name_en"):
        check(s["name"] == last["name_en"], f"in English the card says {s['name']!r}, "
                                            f"expected {last['name_en']!r}")
    check(zh_png != en_png, "the language switch changed nothing on screen")
    # the API: select, setView and loads that fail and succeed
    check(tab.eval("louyuMap.select('no-such-building')") is False, "select() of no building")
    check(tab.eval("louyuMap.setView('top', {animate: false})") is True, "setView('top')")
    r = tab.eval("louyuMap.load('test/missing.geojson')", timeout=30)
    check(r and r["ok"] is False and r["errors"][0].startswith("missing.geojson: HTTP 404"),
          f"load() of a missing file: FILE: HTTP 404 expected, got {r}")
    r = tab.eval("louyuMap.load('test/bad.geojson')", timeout=30)
    check(r and r["ok"] is False and any(e.startswith("bad.geojson:") and ":3:" in e
                                         for e in r["errors"]),
          f"load() of a bad file: FILE:LINE:COL expected, got {r}")
    s = tab.eval("louyuMap.state()")
    check(s["buildings"] == len(buildings), "a bad load kept the district on screen")
    # a file the desktop reads and the browser does not: said what it is, and what to do
    r = tab.eval("louyuMap.load('test/store.gpkg')", timeout=30)
    check(r and r["ok"] is False and "GeoPackage" in r["errors"][0] and
          "the browser map does not read" in r["errors"][0], f"load() of a GeoPackage: {r}")
    r = tab.eval("louyuMap.load('test/good.geojson')", timeout=30)
    check(r and r["ok"] and r["buildings"] == len(buildings), f"load() of a good file: {r}")
    # two loads at once: the last called wins, though the first one's bytes come later
    r = tab.eval("Promise.all([louyuMap.load('test/slow.geojson'), louyuMap.load('test/good.geojson')])",
                 timeout=30)
    time.sleep(0.5)
    s = tab.eval("louyuMap.state()")
    check(r and r[0].get("superseded") and r[1]["ok"] and s["buildings"] == len(buildings),
          f"an earlier, slower load() overtook a later one: {r}, {s['buildings']} buildings")
    # wrong arguments are refused with an Error that says why, and change nothing
    for call in ("louyuMap.select({})", "louyuMap.setView(null)", "louyuMap.setLanguage('fr')",
                 "louyuMap.on('select', null)", "louyuMap.load({})", "louyuMap.load('')",
                 "louyuMap.benchFrames(0, 1)", "louyuMap.pick('a', 1)",
                 "LouyuMap.create(document.getElementById('louyu-canvas'))"):
        got = tab.eval(f"Promise.resolve().then(() => {call}).then(() => 'accepted', (e) => e.message)",
                       timeout=30)
        check(got != "accepted" and " wants " in got or "one map per page" in got,
              f"{call}: {got!r}")
    check(tab.eval("louyuMap.state().lang") == "en", "a refused setLanguage changed the language")
    # a number is the id it is written as; a stray % in the address is read as it is
    check(tab.eval(f"louyuMap.select({json.dumps(last['id'])}, {{fly: false}})") is True, "select again")
    tab.eval("location.hash = '#b=100%'; 1")
    time.sleep(0.3)
    check(tab.eval("louyuMap.state().selected") == last["id"], "#b=100% (no such building) "
          "changed the selection")
    # an address that names no building (Back from a building's link): nothing selected
    tab.eval(f"location.hash = '#b=' + encodeURIComponent({json.dumps(last['id'])}); 1")
    tab.poll("louyuMap.state()", lambda v: v["selected"] == last["id"], 5)
    tab.eval("location.hash = ''; 1")
    s = tab.poll("louyuMap.state()", lambda v: v["selected"] == "", 5)
    check(s["selected"] == "", f"an address without #b= left {s['selected']!r} selected")
    # a stale link, with nothing selected: the map says so, and the address stays as it came
    tab.eval("louyuMap.select('', {fly: false}); location.hash = '#b=gone-tower'; 1")
    s = tab.poll("louyuMap.state()", lambda s: s and "gone-tower" in s["toast"], 10)
    check(s and "gone-tower" in s["toast"], f"#b=gone-tower: no word on the map: {s and s['toast']!r}")
    time.sleep(0.3)
    check(tab.eval("location.hash") == "#b=gone-tower", "#b=gone-tower: the address was changed")
    # the 404 above is the test's own; anything else is the page's fault, and so is a
    # warning from the renderer (a GL error after a frame)
    errs = [e for e in tab.errors(mark) + render_warnings(tab, mark)
            if "test/missing.geojson" not in e]
    check(not errs, "errors on the map page: " + "; ".join(errs[:6]))
    # the browser takes the context away (a GPU reset): the page says so, not a blank map
    tab.eval("louyuMap.canvas.getContext('webgl2').getExtension('WEBGL_lose_context')"
             ".loseContext(); 1")
    text = tab.poll("document.getElementById('louyu-status').hidden ? '' : "
                    "document.getElementById('louyu-status').textContent",
                    lambda t: t and "WebGL" in t, 5)
    check(text and "WebGL" in text, f"a lost WebGL context: the page says {text!r}")


def mouse(tab, kind, x, y, button="left", buttons=1, count=1):
    tab.send("Input.dispatchMouseEvent", {"type": kind, "x": x, "y": y, "button": button,
                                          "buttons": buttons, "clickCount": count})


def inputs(browser, base):
    """The browser's own events through the platform layer (platform_web.c): a click and
    a tap select what they land on, a drag turns the view, the wheel zooms, a right-drag
    pans, Escape clears the selection, two fingers pinch; the search field takes an input
    method's text through the page's hidden field."""
    tab = Tab(browser, (base,), SIZE)
    # keys go to the page in front (the other tabs stay open)
    tab.send("Emulation.setFocusEmulationEnabled", {"enabled": True})
    tab.send("Page.bringToFront")
    mark = tab.navigate(base + "index.html")
    if not check(tab.eval("louyuReady.then(() => true, (e) => e.message)", timeout=90) is True,
                 "inputs: the map did not start"):
        return
    buildings = tab.eval("louyuMap.buildings()")
    # select by the API, then back home: the building's view point is a known pixel
    b = buildings[len(buildings) // 2]
    tab.eval(f"louyuMap.select({json.dumps(b['id'])}, {{fly: false}}); true")
    s = wait_still(tab, b["id"])
    x, y = s["focus_x"], s["focus_y"]
    tab.eval("louyuMap.select(''); true")
    wait_still(tab)
    check(tab.eval("louyuMap.state().selected") == "", "select('') clears the selection")
    mouse(tab, "mouseMoved", x, y, buttons=0)
    mouse(tab, "mousePressed", x, y)
    mouse(tab, "mouseReleased", x, y, buttons=0)
    s = tab.poll("louyuMap.state()", lambda v: v["selected"] == b["id"] and not v["moving"], 5)
    check(s["selected"] == b["id"], f"a click on {b['id']} selected {s['selected']!r}")
    tab.send("Input.dispatchKeyEvent", {"type": "keyDown", "key": "Escape", "code": "Escape",
                                        "windowsVirtualKeyCode": 27})
    tab.send("Input.dispatchKeyEvent", {"type": "keyUp", "key": "Escape", "code": "Escape",
                                        "windowsVirtualKeyCode": 27})
    s = tab.poll("louyuMap.state()", lambda v: v["selected"] == "" and not v["moving"], 5)
    check(s["selected"] == "", f"Escape cleared the selection: {s['selected']!r}")
    # a drag turns the view
    h0 = s["heading"]
    mouse(tab, "mousePressed", 300, 400)
    for k in range(1, 9):
        mouse(tab, "mouseMoved", 300 + 25 * k, 400)
    mouse(tab, "mouseReleased", 500, 400, buttons=0)
    s = tab.poll("louyuMap.state()", lambda v: abs(v["heading"] - h0) > 0.05 and not v["moving"], 5)
    check(abs(s["heading"] - h0) > 0.05, f"a drag turned the view: heading {h0:.3f} -> {s['heading']:.3f}")
    # the wheel zooms in
    d0 = s["distance"]
    for _ in range(3):
        tab.send("Input.dispatchMouseEvent", {"type": "mouseWheel", "x": 640, "y": 360,
                                              "deltaX": 0, "deltaY": -120})
    s = tab.poll("louyuMap.state()", lambda v: v["distance"] < d0 * 0.95 and not v["moving"], 5)
    check(s["distance"] < d0 * 0.95, f"the wheel zoomed in: {d0:.0f} m -> {s['distance']:.0f} m")
    # a tap selects; two fingers apart pinch out
    tab.eval("louyuMap.select('', {fly: false}); true")
    tab.eval(f"louyuMap.select({json.dumps(b['id'])}, {{fly: false}}); true")
    s = wait_still(tab, b["id"])
    x, y = s["focus_x"], s["focus_y"]
    tab.eval("louyuMap.select(''); true")
    wait_still(tab)
    for kind in ("touchStart", "touchEnd"):
        tab.send("Input.dispatchTouchEvent", {"type": kind, "touchPoints":
                 [{"x": x, "y": y, "id": 1}] if kind == "touchStart" else []})
    s = tab.poll("louyuMap.state()", lambda v: v["selected"] == b["id"], 5)
    check(s["selected"] == b["id"], f"a tap on {b['id']} selected {s['selected']!r}")
    d0 = s["distance"]
    tab.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [
        {"x": 600, "y": 360, "id": 1}, {"x": 680, "y": 360, "id": 2}]})
    for k in range(1, 9):
        tab.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [
            {"x": 600 - 20 * k, "y": 360, "id": 1}, {"x": 680 + 20 * k, "y": 360, "id": 2}]})
    tab.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
    s = tab.poll("louyuMap.state()", lambda v: v["distance"] < d0 * 0.9 and not v["moving"], 5)
    check(s["distance"] < d0 * 0.9, f"a pinch out zoomed in: {d0:.0f} m -> {s['distance']:.0f} m")
    # the search field and an input method: a click on the field gives the keys to the
    # page's hidden field, where the method composes (into a canvas it cannot); what it
    # commits is typed into the map's field, and letters still arrive as keys
    fx, fy, fw, fh = tab.eval("louyuMap.state()")["search"]
    fx, fy = fx + fw / 2, fy + min(fh / 2, 28)  # the field, at the panel's top
    mouse(tab, "mouseMoved", fx, fy, buttons=0)
    mouse(tab, "mousePressed", fx, fy)
    mouse(tab, "mouseReleased", fx, fy, buttons=0)
    s = tab.poll("louyuMap.state()", lambda v: v["typing"], 5)
    check(s["typing"] and tab.eval("document.activeElement.id") == "louyu-ime",
          f"a click on the search field: typing {s['typing']}, the keys with "
          f"{tab.eval('document.activeElement.id')!r}")
    tab.send("Input.insertText", {"text": "世贸"})
    s = tab.poll("louyuMap.state()", lambda v: v["query"] == "世贸", 5)
    check(s["query"] == "世贸", f"text an input method committed: the search says {s['query']!r}")
    for key, code in (("Backspace", 8), ("a", 65)):
        for kind in ("keyDown", "keyUp"):
            tab.send("Input.dispatchKeyEvent", {"type": kind, "key": key, "code": "Key" + key,
                                                "windowsVirtualKeyCode": code,
                                                **({"text": key} if len(key) == 1 and kind == "keyDown" else {})})
    s = tab.poll("louyuMap.state()", lambda v: v["query"] == "世a", 5)
    check(s["query"] == "世a", f"Backspace and a letter in the hidden field: {s['query']!r}")
    for kind in ("keyDown", "keyUp"):
        tab.send("Input.dispatchKeyEvent", {"type": kind, "key": "Escape", "code": "Escape",
                                            "windowsVirtualKeyCode": 27})
    s = tab.poll("louyuMap.state()", lambda v: not v["typing"], 5)
    check(not s["typing"] and tab.eval("document.activeElement.id") == "louyu-canvas",
          f"Escape in the field gives the keys back to the map: {s['typing']}, "
          f"{tab.eval('document.activeElement.id')!r}")
    errs = tab.errors(mark) + render_warnings(tab, mark)
    check(not errs, "errors while clicking, dragging and tapping: " + "; ".join(errs[:6]))


def retry(browser, base):
    """A create whose data is refused, then another with good data (the documented way
    to try again): one map on the page, whose search field takes Backspace and Escape (a
    second module's keys had gone to the first one's hidden field)."""
    tab = Tab(browser, (base,), SIZE)
    mark = tab.navigate(base + "test/retry.html")
    ok = tab.eval("done", timeout=90)
    if not check(ok is True, f"create after a refused create: {ok}"):
        return
    n = tab.eval("document.querySelectorAll('#louyu-ime').length")
    check(n == 1, f"after a refused create the page has {n} hidden key fields")
    s = wait_still(tab)
    fx, fy, fw, fh = s["search"]
    fx, fy = fx + fw / 2, fy + min(fh / 2, 28)
    mouse(tab, "mouseMoved", fx, fy, buttons=0)
    mouse(tab, "mousePressed", fx, fy)
    mouse(tab, "mouseReleased", fx, fy, buttons=0)
    tab.poll("louyuMap.state()", lambda v: v["typing"], 5)
    tab.send("Input.insertText", {"text": "wtcx"})
    tab.poll("louyuMap.state()", lambda v: v["query"] == "wtcx", 5)
    # each key waited for (the map takes them frame by frame)
    for key, code, done in (("Backspace", 8, lambda v: v["query"] == "wtc"),
                            ("Escape", 27, lambda v: not v["typing"])):
        for kind in ("keyDown", "keyUp"):
            tab.send("Input.dispatchKeyEvent", {"type": kind, "key": key, "code": key,
                                                "windowsVirtualKeyCode": code})
        s = tab.poll("louyuMap.state()", done, 5)
    check(s["query"] == "wtc" and not s["typing"],
          f"the second create's search: query {s['query']!r}, typing {s['typing']}")
    errs = [e for e in tab.errors(mark) if "bad.geojson" not in e]
    check(not errs, "errors on the retried page: " + "; ".join(errs[:6]))


def english_start(browser, base):
    tab = Tab(browser, (base,), SIZE)
    mark = tab.navigate(base + "index.html?lang=en")
    ok = tab.eval("louyuReady.then(() => true, (e) => 'failed: ' + e.message)", timeout=90)
    if check(ok is True, f"?lang=en: the map did not start: {ok}"):
        s = wait_still(tab)
        check(s["lang"] == "en", f"?lang=en starts in English: {s['lang']}")
        check(tab.eval("document.documentElement.lang") == "en", "?lang=en: the page's lang")
    errs = tab.errors(mark)
    check(not errs, "errors with ?lang=en: " + "; ".join(errs[:6]))


def portal(browser, base):
    """A portal published with --web: the map over the district page's render, and a
    building page's link that turns it to that building."""
    tab = Tab(browser, (base,), SIZE)
    mark = tab.navigate(base + "zh/index.html")
    ok = tab.eval("louyuReady.then(() => true, (e) => 'failed: ' + e.message)", timeout=90)
    if not check(ok is True, f"the portal's map did not start: {ok}"):
        return
    shown = tab.eval("[!document.getElementById('louyu-canvas').hidden, "
                     "document.querySelector('#map img').hidden]")
    check(shown == [True, True], f"the map takes the render's place: {shown}")
    # in the shape the page's markup gives it (it had been square: sized while hidden)
    shape = tab.eval("fetch(location.href).then((r) => r.text()).then((t) => {"
                     " const c = new DOMParser().parseFromString(t, 'text/html')"
                     ".getElementById('louyu-canvas');"
                     " const r = document.getElementById('louyu-canvas').getBoundingClientRect();"
                     " return [c.width / c.height, r.width / r.height, r.height, innerHeight]; })",
                     timeout=30)
    # (or as tall as it may be: three quarters of the window's height)
    check(shape and (abs(shape[0] - shape[1]) < 0.02 * shape[0] or
                     abs(shape[2] - 0.75 * shape[3]) < 1.5),
          f"the portal's map is not in its markup's shape (markup, shown, height, window): {shape}")
    s = wait_still(tab)
    check(s["buildings"] > 0 and s["lang"] == "zh", f"the portal's map: {s}")
    buildings = tab.eval("louyuMap.buildings()")
    errs = tab.errors(mark)
    check(not errs, "errors on the portal's district page: " + "; ".join(errs[:6]))
    # a building page's link to the map: the district page, turned to that building
    for b in (buildings[0], buildings[-1]):
        page = tab.eval(f"[...document.querySelectorAll('a')].map(a => a.href).find(h => "
                        f"h.includes('/b/') && decodeURIComponent(h).endsWith("
                        f"'/b/' + {json.dumps(b['id'])} + '.html'))")
        if not check(page, f"no building page for {b['id']} on the district page"):
            continue
        mark = tab.navigate(page)
        href = tab.eval("(document.querySelector('a.map-link') || {}).href")
        if not check(href and "index.html#b=" in href, f"{page}: the link to the map: {href!r}"):
            continue
        tab.navigate(href)
        ok = tab.eval("louyuReady.then(() => true, (e) => 'failed: ' + e.message)", timeout=90)
        if not check(ok is True, f"{href}: the map did not start: {ok}"):
            continue
        s = wait_still(tab, b["id"])
        check(s["selected"] == b["id"], f"{href}: the map selected {s['selected']!r}")
        got = tab.eval(f"louyuMap.pick({s['focus_x']}, {s['focus_y']})")
        check(got == b["id"], f"{href}: the pick at the view's centre gives {got!r}")
        # the language switch keeps the building (it had gone to the other page's top)
        switch = "document.getElementById('lang-switch').getAttribute('href')"
        got = tab.eval(f"[{switch}, location.hash]")
        check(got[1].startswith("#b=") and got[0].endswith(got[1]),
              f"{href}: the language switch goes to {got[0]!r}, the address is at {got[1]!r}")
        other = buildings[1]["id"] if b["id"] != buildings[1]["id"] else buildings[2]["id"]
        tab.eval(f"louyuMap.select({json.dumps(other)}, {{fly: false}}); true")
        got = tab.poll(f"[{switch}, location.hash]", lambda v: v[0].endswith(v[1]) and v[1] != "#b=" + b["id"], 5)
        check(got[0].endswith(got[1]) and got[1] == "#b=" + other,
              f"{href}: {other} selected on the map, the switch goes to {got[0]!r} ({got[1]!r})")
        errs = tab.errors(mark)
        check(not errs, f"errors from {page} to its map: " + "; ".join(errs[:6]))


def touch(tab, kind, points):
    tab.send("Input.dispatchTouchEvent", {"type": kind, "touchPoints": [
        {"x": x, "y": y, "id": i + 1} for i, (x, y) in enumerate(points)]})


def portal_phone(browser, base):
    """A phone (390 x 844, touch) on the portal's district page. The map, three quarters
    of the screen, had taken every one-finger swipe (a tilt) and the page could not be
    scrolled past it: one finger scrolls the page over it now, and a hint says to use
    two; two fingers move the map; a tap still selects. Held sideways, the map is no
    taller than the screen."""
    tab = Tab(browser, (base,), (390, 844))
    tab.send("Emulation.setDeviceMetricsOverride", {"width": 390, "height": 844,
                                                    "deviceScaleFactor": 2, "mobile": True})
    tab.send("Emulation.setTouchEmulationEnabled", {"enabled": True, "maxTouchPoints": 5})
    mark = tab.navigate(base + "en/index.html")
    ok = tab.eval("louyuReady.then(() => true, (e) => 'failed: ' + e.message)", timeout=90)
    if not check(ok is True, f"the portal's map on a phone did not start: {ok}"):
        return
    box = ("(r => [r.left, r.top, r.width, r.height, innerHeight, scrollY])"
           "(document.getElementById('louyu-canvas').getBoundingClientRect())")
    x, y, w, h, vh, _ = tab.eval(box)
    check(h <= 0.76 * vh, f"on a phone the map is {h:.0f} px tall in a {vh} px window")
    # the map whole in view, and still
    tab.eval(f"scrollTo(0, scrollY + {y} - 20); true")
    still = wait_still(tab)
    cam = lambda v: (round(v["heading"], 4), round(v["pitch"], 4), round(v["distance"], 1))
    x, y, w, h, vh, y0 = tab.eval(box)
    cx, cy = x + w / 2, y + h * 0.8
    touch(tab, "touchStart", [(cx, cy)])
    for k in range(1, 21):
        time.sleep(0.016)
        touch(tab, "touchMove", [(cx, cy - 15 * k)])
    hint = tab.poll("(h => h && !h.hidden ? h.textContent : '')(document.querySelector('#map .hint'))",
                    bool, 3)
    touch(tab, "touchEnd", [])
    y1 = tab.poll("scrollY", lambda v: v > y0 + 100, 5)
    s = wait_still(tab)
    # the page's fling over (a touch during it cannot be the map's: the browser scrolls)
    tab.eval("new Promise((ok) => { let last = scrollY, same = 0; const t = setInterval(() => {"
             " same = scrollY === last ? same + 1 : 0; last = scrollY;"
             " if (same >= 5) { clearInterval(t); ok(true); } }, 100); })", timeout=10)
    check(y1 > y0 + 100, f"one finger up on the map scrolls the page: scrollY {y0} -> {y1}")
    check(cam(s) == cam(still), f"one finger on the map moved it: {cam(still)} -> {cam(s)}")
    check(hint == "Use two fingers to move the map", f"the hint on a one-finger drag: {hint!r}")
    # two fingers apart: the map zooms, the page stays (low on the map: on a phone its
    # panels cover the top half)
    tab.eval(f"scrollTo(0, scrollY + {tab.eval(box)[1]} - 20); true")
    x, y, w, h, vh, y0 = tab.eval(box)
    cx, cy = x + w / 2, y + h * 0.82
    touch(tab, "touchStart", [(cx - 30, cy), (cx + 30, cy)])
    for k in range(1, 9):
        touch(tab, "touchMove", [(cx - 30 - 12 * k, cy), (cx + 30 + 12 * k, cy)])
    touch(tab, "touchEnd", [])
    s = tab.poll("louyuMap.state()", lambda v: v["distance"] < still["distance"] * 0.9 and not v["moving"], 5)
    y1 = tab.eval("scrollY")
    check(s["distance"] < still["distance"] * 0.9 and abs(y1 - y0) < 2,
          f"two fingers apart: {still['distance']:.0f} m -> {s['distance']:.0f} m, scrollY {y0} -> {y1}")
    # a tap on a building selects it (one drawn low on the map, clear of its panels)
    x, y, w, h = tab.eval(box)[:4]
    at = tab.eval(f"(() => {{ for (let v = {h * 0.95:.0f}; v > {h * 0.6:.0f}; v -= 6)"
                  f" for (let u = 20; u < {w - 20:.0f}; u += 6) {{ const id = louyuMap.pick(u, v);"
                  f" if (id) return [u, v, id]; }} return null; }})()")
    if check(at, "no building drawn low on the phone's map to tap"):
        touch(tab, "touchStart", [(x + at[0], y + at[1])])
        touch(tab, "touchEnd", [])
        got = tab.poll("louyuMap.state().selected", lambda v: v == at[2], 5)
        check(got == at[2], f"a tap on {at[2]} on the phone's map selected {got!r}")
    # held sideways: the page goes on beside the map
    tab.send("Emulation.setDeviceMetricsOverride", {"width": 844, "height": 390,
                                                    "deviceScaleFactor": 2, "mobile": True})
    h = tab.poll(box, lambda v: v[4] == 390 and v[3] <= 0.76 * 390, 5)
    check(h[3] <= 0.76 * 390, f"held sideways the map is {h[3]:.0f} px tall in a {h[4]} px window")
    errs = tab.errors(mark)
    check(not errs, "errors on the portal on a phone: " + "; ".join(errs[:6]))


def language_in_address(browser, base):
    """The map's language changed (its own button, or setLanguage): the address (?lang=)
    and <html lang> say the language shown (a link, a bookmark or a reload had come back
    in Chinese, and screen readers had read English as Chinese)."""
    tab = Tab(browser, (base,), SIZE)
    tab.navigate(base + "index.html#b=wtc")
    if tab.eval("louyuReady.then(() => true, () => false)", timeout=90) is not True:
        return
    tab.eval("louyuMap.setLanguage('en'); true")
    got = tab.poll("[location.search, location.hash, document.documentElement.lang]",
                   lambda v: v[0] == "?lang=en", 5)
    check(got == ["?lang=en", "#b=wtc", "en"], f"the map turned English: address and lang {got}")
    tab.eval("louyuMap.setLanguage('zh'); true")
    got = tab.poll("[location.search, document.documentElement.lang]", lambda v: v[0] == "?lang=zh", 5)
    check(got == ["?lang=zh", "zh-Hans"], f"the map turned Chinese: address and lang {got}")


def opened_as_file(browser, site):
    """index.html opened as a file (double-clicked): the page says to serve it (it had
    blamed a server that did not answer, or CORS)."""
    for lang, want in (("en", "python3 -m http.server"), ("zh", "网页服务器")):
        tab = Tab(browser, ("file://",), SIZE)
        tab.navigate(f"file://{site}/index.html?lang={lang}")
        tab.eval("louyuReady.then(() => 1, () => 0)", timeout=60)
        text = tab.poll("document.getElementById('louyu-status').textContent",
                        lambda t: "http.server" in t, 10)
        check(want in text and "http.server" in text and "Access-Control" not in text,
              f"[{lang}] the page opened as a file says {text!r}")


def code_missing(browser, base):
    """A site whose louyu.wasm is not there: the start fails with the file's name and the
    page says so (it had waited for ever on "Loading the 3D map…")."""
    tab = Tab(browser, (base,), SIZE)
    tab.navigate(base + "nowasm/index.html")
    why = tab.eval("louyuReady.then(() => 'started', (e) => e.message)", timeout=60)
    check(why and "louyu.wasm" in why and "404" in why,
          f"a site without louyu.wasm: the start ends with {why!r}")
    text = tab.poll("document.getElementById('louyu-status').textContent",
                    lambda t: t and "louyu.wasm" in t, 10)
    check(text and "louyu.wasm" in text and "服务器上没有这个文件" in text,
          f"a site without louyu.wasm: the (Chinese) page says {text!r}")


def data_refused(browser, base):
    """A page whose district is bad: it says so in its language (the Chinese page had said
    why in English only), with each error's FILE:LINE:COL."""
    tab = Tab(browser, (base,), SIZE)
    tab.navigate(base + "index.html?data=test/bad.geojson")
    text = tab.poll("document.getElementById('louyu-status').textContent",
                    lambda t: t and "bad.geojson:" in t, 60)
    check(text and "数据文件有误" in text and "bad.geojson:3:" in text,
          f"a page of bad data says {text!r}")


def without_webgl(exe, profile, base, portal_base=None):
    browser = Browser(exe, profile, flags=("--disable-gpu", "--disable-webgl", "--disable-3d-apis"),
                      size=SIZE)
    try:
        tab = Tab(browser, (base,), SIZE)
        mark = tab.navigate(base + "index.html")
        text = tab.poll("document.getElementById('louyu-status').hidden ? '' : "
                        "document.getElementById('louyu-status').textContent",
                        lambda t: t and "WebGL2" in t, 10)
        check(text and "WebGL2" in text, f"without WebGL2 the page says: {text!r}")
        errs = tab.errors(mark)
        check(not errs, "errors without WebGL2: " + "; ".join(errs[:6]))
        if portal_base:
            # the portal's district page keeps its render
            tab = Tab(browser, (portal_base,), SIZE)
            mark = tab.navigate(portal_base + "zh/index.html")
            shown = tab.eval("[document.getElementById('louyu-canvas').hidden, "
                             "document.querySelector('#map img').hidden, "
                             "document.querySelector('#map img').naturalWidth > 0]")
            check(shown == [True, False, True], f"without WebGL2 the portal keeps its render: {shown}")
            # a building page's link to the map: the note under the render, and the way back
            # to the building (it had landed on the render alone, saying nothing)
            b = tab.eval("(a => [a.dataset.b, a.getAttribute('href')])(document.querySelector('a[data-b]'))")
            tab.navigate(portal_base + "en/index.html#b=" + b[0])
            b.append(tab.eval(f"document.querySelector('a[data-b=\"{b[0]}\"] .name').textContent"))
            note = tab.poll("(n => n && [n.textContent, (n.querySelector('a') || {}).href, "
                            "n.getBoundingClientRect().bottom <= innerHeight])(document.querySelector('#map .note'))",
                            bool, 5)
            check(note and "WebGL2" in note[0] and f"Back to {b[2].strip()}" in note[0] and
                  note[1].endswith("/en/" + b[1]) and note[2],
                  f"without WebGL2, en/index.html#b={b[0]}: the note {note}")
            errs = tab.errors(mark)
            check(not errs, "errors on the portal without WebGL2: " + "; ".join(errs[:6]))
    finally:
        browser.close()


def main():
    site = pathlib.Path(sys.argv[1]).resolve()
    shots = sys.argv[2] if len(sys.argv) > 2 else None
    portal_dir = pathlib.Path(sys.argv[3]).resolve() if len(sys.argv) > 3 else None
    exe = os.environ.get("CHROMIUM") or shutil.which("chromium")
    if not exe:
        print("FAIL: no chromium to test with", flush=True)
        return 1
    if shots:
        os.makedirs(shots, exist_ok=True)
    watchdog = threading.Timer(LIMIT_S, lambda: (print(f"FAIL: over {LIMIT_S} s", flush=True),
                                                 os._exit(1)))
    watchdog.daemon = True
    watchdog.start()
    server, base = serve(site)
    portal_server, portal_base = serve(portal_dir) if portal_dir else (None, None)
    profile = tempfile.mkdtemp(prefix="louyu-web-")
    browser = Browser(exe, profile, flags=WEBGL, size=SIZE)
    try:
        map_page(browser, base, shots)
        inputs(browser, base)
        english_start(browser, base)
        retry(browser, base)
        code_missing(browser, base)
        data_refused(browser, base)
        language_in_address(browser, base)
        opened_as_file(browser, site)
        if portal_dir:
            portal(browser, portal_base)
            portal_phone(browser, portal_base)
    except CDPError as e:
        check(False, f"the browser: {e}\n{browser.log_tail()}")
    except Exception as e:  # a broken check is a failure, said, not a hang
        check(False, f"the test itself: {type(e).__name__}: {e}")
    finally:
        browser.close()
    bare = tempfile.mkdtemp(prefix="louyu-web-")
    try:
        without_webgl(exe, bare, base, portal_base)
    except CDPError as e:
        check(False, f"the browser without WebGL: {e}")
    for made in (profile, bare):  # the browsers' profiles are not left in /tmp
        shutil.rmtree(made, ignore_errors=True)
    server.shutdown()
    if portal_server:
        portal_server.shutdown()
    print(f"{passed} passed, {len(problems)} failed", flush=True)
    os._exit(1 if problems else 0)


if __name__ == "__main__":
    main()
