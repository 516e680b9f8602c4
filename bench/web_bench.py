#!/usr/bin/env python3
"""louyu's map in the browser beside deck.gl, in the same headless Chromium on the same
software WebGL (SwiftShader), over the same GeoJSON (bench/web-bench.sh sets both up).

For each: the first frame's time from navigation (performance.now() when the first frame
with the district was drawn), the frame time (frames drawn at once while the view turns,
each waited for with gl.finish, so the browser's pacing is not counted), the pick time
(the same pixels), and for louyu also the frames a second the page really shows while
the view turns (requestAnimationFrame-paced). Three runs each; the median is reported.

Usage: web_bench.py SERVE_DIR DATA_FILE_NAME [--deck] [--size WxH] [--runs N]
SERVE_DIR holds louyu's site (index.html...) and, with --deck, deck.html and deck.min.js.
"""
import argparse
import contextlib
import functools
import json
import http.server
import os
import pathlib
import shutil
import statistics
import sys
import tempfile
import threading
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent / "tests"))
from cdp import Browser, Tab  # noqa: E402

WEBGL = ("--use-angle=swiftshader", "--enable-unsafe-swiftshader", "--ignore-gpu-blocklist")


class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".wasm": "application/wasm", ".js": "text/javascript"}

    def log_message(self, *args):
        pass


def serve(root):
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Handler, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


PICK_POINTS = [(x, y) for y in (0.35, 0.5, 0.65) for x in (0.3, 0.45, 0.55, 0.7)]


@contextlib.contextmanager
def page(exe, url, ready, size, timeout):
    """A fresh browser on `url`, once the promise `ready` resolved."""
    browser = Browser(exe, tempfile.mkdtemp(prefix="louyu-bench-"), flags=WEBGL, size=size)
    try:
        tab = Tab(browser, (url[:url.index("/", 8) + 1],), size)
        tab.navigate(url)
        ok = tab.eval(f"{ready}.then(() => true, (e) => 'failed: ' + e.message)", timeout=timeout)
        if ok is not True:
            raise RuntimeError(f"{url} did not start: {ok}")
        yield tab
    finally:
        browser.close()


def louyu_run(exe, base, data, size):
    with page(exe, base + "index.html?data=" + data, "louyuReady", size, 300) as tab:
        first = tab.poll("louyuMap.firstFrameAt", lambda v: v is not None, 60)
        frames = tab.eval("louyuMap.benchFrames(40, 6)", timeout=300)
        w, h = size
        pts = json.dumps([[x * w, y * h] for x, y in PICK_POINTS])
        pick = tab.eval(f"(() => {{ const p = {pts}; let n = 0; const t0 = performance.now();"
                        f" for (let k = 0; k < 50; k++) for (const [x, y] of p) {{ louyuMap.pick(x, y); n++; }}"
                        f" return (performance.now() - t0) / n; }})()")
        # the frames a second the page shows while the view turns, paced by the browser
        shown = tab.eval("""new Promise((done) => {
            const m = louyuMap, t0 = performance.now(), f0 = m.state().frames;
            const step = () => {
              m.orbit(6, 0);
              if (performance.now() - t0 < 3000) requestAnimationFrame(step);
              else done((m.state().frames - f0) / ((performance.now() - t0) / 1000));
            };
            requestAnimationFrame(step);
          })""", timeout=60)
        return {"first_ms": first, "frame_ms": frames["p50_ms"], "frame_p95_ms": frames["p95_ms"],
                "pick_ms": pick, "fps_shown": shown}


def deck_run(exe, base, data, size):
    with page(exe, base + "deck.html?data=" + data, "benchReady", size, 600) as tab:
        first = tab.eval("firstFrameAt")
        frames = tab.eval("benchFrames(8)", timeout=600)
        w, h = size
        pts = json.dumps([[x * w, y * h] for x, y in PICK_POINTS])
        pick = tab.eval(f"(() => {{ const p = {pts}; const t0 = performance.now();"
                        f" for (const [x, y] of p) benchPick(x, y);"
                        f" return (performance.now() - t0) / p.length; }})()", timeout=600)
        return {"first_ms": first, "frame_ms": frames["p50_ms"], "frame_p95_ms": frames["p95_ms"],
                "pick_ms": pick}


def median_of(runs, key):
    values = [r[key] for r in runs if r.get(key) is not None]
    return statistics.median(values) if values else None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("root")
    ap.add_argument("data")
    ap.add_argument("--deck", action="store_true")
    ap.add_argument("--size", default="1280x720")
    ap.add_argument("--runs", type=int, default=3)
    a = ap.parse_args()
    size = tuple(int(v) for v in a.size.split("x"))
    exe = os.environ.get("CHROMIUM") or shutil.which("chromium") or "chromium"
    server, base = serve(a.root)
    results = {"louyu": [louyu_run(exe, base, a.data, size) for _ in range(a.runs)]}
    if a.deck:
        results["deck.gl"] = [deck_run(exe, base, a.data, size) for _ in range(a.runs)]
    server.shutdown()
    print(f"{a.data} at {size[0]}x{size[1]}, headless Chromium, SwiftShader; median of {a.runs}")
    print(f"{'':10} {'first frame':>12} {'frame p50':>10} {'frame p95':>10} {'pick':>11} {'fps shown':>10}")
    med = {}
    for name, runs in results.items():
        m = {k: median_of(runs, k) for k in ("first_ms", "frame_ms", "frame_p95_ms", "pick_ms",
                                              "fps_shown")}
        med[name] = m
        fps = f"{m['fps_shown']:.0f}" if m["fps_shown"] else "-"
        print(f"{name:10} {m['first_ms']:>9.0f} ms {m['frame_ms']:>7.1f} ms {m['frame_p95_ms']:>7.1f} ms"
              f" {m['pick_ms'] * 1000:>8.1f} µs {fps:>10}")
    if "deck.gl" in med:
        lo, dk = med["louyu"], med["deck.gl"]
        print(f"louyu vs deck.gl: first frame {dk['first_ms'] / lo['first_ms']:.1f}x sooner, "
              f"frames {dk['frame_ms'] / lo['frame_ms']:.1f}x shorter, "
              f"picks {dk['pick_ms'] / lo['pick_ms']:.0f}x faster")
    return 0


if __name__ == "__main__":
    sys.exit(main())
