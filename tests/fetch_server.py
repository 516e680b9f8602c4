#!/usr/bin/env python3
"""A small HTTP server on 127.0.0.1 whose behaviour a test switches, for louyu's
URL data sources (tests/test_fetch.sh, bench/fetch.sh).

usage: fetch_server.py DIR [PORT]

DIR/mode holds what the next answers do, read at every request:
  ok FILE          200 with FILE, a strong ETag (its SHA-256) and Last-Modified (its
                   time); 304 when If-None-Match or If-Modified-Since match
  status CODE      that status (500, 503, 404, ...) with a small HTML page
  slow SECONDS FILE  waits, then answers as "ok"
  truncated FILE   a Content-Length of FILE's size, half the bytes, then a close
  html             200 with an HTML error page where the district should be
  newetag FILE     FILE with a new ETag every time, conditions ignored: the same
                   bytes as the copy (louyu must see it unchanged)
  changing FILE    FILE and N spaces, a new ETag every time: every poll downloads
                   a new district (the frame bench)
The port (0 or none: a free one) is written to DIR/port once listening; every
request is logged to DIR/requests as "PATH CODE inm=... ims=...".
"""
import email.utils
import hashlib
import http.server
import os
import sys
import threading
import time

DIR = sys.argv[1]
counter = [0]
lock = threading.Lock()


def mode():
    try:
        with open(os.path.join(DIR, "mode")) as f:
            return f.read().split()
    except OSError:
        return ["status", "404"]


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):
        pass

    def note(self, code):
        inm = self.headers.get("If-None-Match", "-")
        ims = self.headers.get("If-Modified-Since", "-")
        with lock, open(os.path.join(DIR, "requests"), "a") as f:
            f.write(f"{self.path} {code} inm={inm} ims={ims.replace(' ', '_')}\n")

    def send(self, code, body, ctype, headers=()):
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in headers:
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)
        self.note(code)

    def serve_file(self, path):
        with open(path, "rb") as f:
            body = f.read()
        etag = '"%s"' % hashlib.sha256(body).hexdigest()[:32]
        mtime = int(os.stat(path).st_mtime)
        lm = email.utils.formatdate(mtime, usegmt=True)
        inm = self.headers.get("If-None-Match")
        ims = self.headers.get("If-Modified-Since")
        fresh = inm == etag if inm else False
        if not inm and ims:
            try:
                fresh = email.utils.parsedate_to_datetime(ims).timestamp() >= mtime
            except (TypeError, ValueError):
                fresh = False
        if fresh:
            self.send_response(304)
            self.send_header("ETag", etag)
            self.send_header("Last-Modified", lm)
            self.end_headers()
            self.note(304)
            return
        self.send(200, body, "application/geo+json", [("ETag", etag), ("Last-Modified", lm)])

    def do_GET(self):
        m = mode()
        kind = m[0] if m else "ok"
        if kind == "ok":
            self.serve_file(m[1])
        elif kind == "status":
            code = int(m[1])
            page = f"<html><body><h1>{code}</h1></body></html>".encode()
            self.send(code, page, "text/html")
        elif kind == "slow":
            time.sleep(float(m[1]))
            self.serve_file(m[2])
        elif kind == "truncated":
            with open(m[1], "rb") as f:
                body = f.read()
            self.send_response(200)
            self.send_header("Content-Type", "application/geo+json")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("ETag", '"truncated"')
            self.end_headers()
            self.wfile.write(body[: len(body) // 2])
            self.wfile.flush()
            self.note(200)
            self.close_connection = True
        elif kind == "html":
            page = b"<!DOCTYPE html><html><body><h1>Site maintenance</h1></body></html>\n"
            self.send(200, page, "text/html")
        elif kind in ("newetag", "changing"):
            with open(m[1], "rb") as f:
                body = f.read()
            with lock:
                counter[0] += 1
                n = counter[0]
            if kind == "changing":
                body += b" " * (n % 4096 + 1)
            self.send(200, body, "application/geo+json", [("ETag", f'"v{n}"')])
        else:
            self.send(500, b"unknown mode", "text/plain")


class Server(http.server.ThreadingHTTPServer):
    allow_reuse_address = True
    daemon_threads = True


def main():
    port = int(sys.argv[2]) if len(sys.argv) > 2 else 0
    srv = Server(("127.0.0.1", port), Handler)
    tmp = os.path.join(DIR, "port.tmp")
    with open(tmp, "w") as f:
        f.write(str(srv.server_address[1]))
    os.replace(tmp, os.path.join(DIR, "port"))
    srv.serve_forever()


if __name__ == "__main__":
    main()
