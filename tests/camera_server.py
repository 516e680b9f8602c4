#!/usr/bin/env python3
"""A surveillance camera for louyu's camstream test (tests/test_camstream.c): a threaded
HTTP server on 127.0.0.1 that serves JPEG frames in every way a camera does, and
misbehaves in every way one can. Python's standard library only.

usage: camera_server.py DIR [PORT]

DIR holds the frames, frame-*.jpg (the test writes them: real JPEGs, each different),
and any other file /file/NAME serves. The port (PORT; 0 or none: one the OS picks) is
written to DIR/port once the server listens (through a temporary file and a rename,
so that a reader never sees half of it). Every request is logged to DIR/requests as
"PATH".

Paths (a query adds to them):
  /mjpeg            multipart/x-mixed-replace, boundary "frame", ~10 frames a second,
                    every part the next frame;  ?fps=N another rate; ?lf LF line ends
                    instead of CRLF; ?nolength parts without Content-Length; ?dashes
                    the boundary parameter given as "--frame" (and lines "--frame")
  /snapshot.jpg     a still image/jpeg, the next frame at each request
  /file/NAME        DIR/NAME, image/png or image/jpeg by its extension
  /stall            3 frames, then nothing more, the connection kept open
  /drop             3 frames, then half of one, then the connection closes
  /garbage          multipart whose parts say image/jpeg and hold text;
                    ?html: 200 text/html, a web page where a picture should be
  /huge             one part announcing (Content-Length) and sending 50 MiB;
                    ?nolength: the same without announcing it
  /silent           reads the request and never answers
  /redirect         302 to /mjpeg
  /404              404 Not Found (as is any other path)
  /control/away?s=N answers, then drops every connection and stops listening for
                    N seconds (default 2), then listens on the same port again
"""
import glob
import http.server
import os
import select
import socket
import sys
import threading
import time
import urllib.parse

DIR = sys.argv[1]
PORT = int(sys.argv[2]) if len(sys.argv) > 2 else 0
FRAMES = []
for name in sorted(glob.glob(os.path.join(DIR, "frame-*.jpg"))):
    with open(name, "rb") as f:
        FRAMES.append(f.read())
if not FRAMES:
    sys.exit(f"camera_server.py: no frame-*.jpg in {DIR}")

lock = threading.Lock()
counter = [0]
connections = set()  # every open connection's socket, for /control/away
generation = [0]     # bumped by /control/away: streams of an older one stop
away_seconds = [0.0]


def next_frame():
    with lock:
        counter[0] += 1
        return FRAMES[counter[0] % len(FRAMES)]


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):
        pass

    def setup(self):
        super().setup()
        with lock:
            connections.add(self.connection)

    def finish(self):
        with lock:
            connections.discard(self.connection)
        try:
            super().finish()
        except OSError:
            pass

    def head(self, code, ctype, length=None, close=False):
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Cache-Control", "no-cache")
        if length is not None:
            self.send_header("Content-Length", str(length))
        if close:
            self.send_header("Connection", "close")
            self.close_connection = True
        self.end_headers()

    def simple(self, code, ctype, body, extra=()):
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in extra:
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    # ---- a multipart stream ---------------------------------------------------------
    def stream(self, parts, fps=10.0, lf=False, nolength=False, dashes=False):
        """Sends `parts` (an iterable of (ctype, bytes) or None: stop writing but keep
        the connection) as a multipart/x-mixed-replace stream at `fps`."""
        eol = b"\n" if lf else b"\r\n"
        param = "--frame" if dashes else "frame"
        self.head(200, f"multipart/x-mixed-replace; boundary={param}", close=True)
        gen = generation[0]
        deadline = time.monotonic()
        for part in parts:
            if gen != generation[0]:
                return
            if part is None:  # a stall: hold the connection open, send nothing
                self.hold(gen)
                return
            ctype, data = part
            head = b"--frame" + eol + b"Content-Type: " + ctype.encode() + eol
            if not nolength:
                head += b"Content-Length: " + str(len(data)).encode() + eol
            self.wfile.write(head + eol + data + eol)
            self.wfile.flush()
            deadline += 1.0 / fps
            time.sleep(max(0.0, deadline - time.monotonic()))

    def hold(self, gen):
        """Keeps the connection open, sending nothing, until the client closes it or
        /control/away drops it."""
        while gen == generation[0]:
            readable, _, _ = select.select([self.connection], [], [], 0.1)
            if readable and not self.connection.recv(1, socket.MSG_PEEK):
                return  # the client closed

    def frames(self, n=None):
        i = 0
        while n is None or i < n:
            yield ("image/jpeg", next_frame())
            i += 1

    def drop(self):
        self.head(200, "multipart/x-mixed-replace; boundary=frame", close=True)
        for _ in range(3):
            data = next_frame()
            self.wfile.write(b"--frame\r\nContent-Type: image/jpeg\r\nContent-Length: %d"
                             b"\r\n\r\n" % len(data) + data + b"\r\n")
            self.wfile.flush()
            time.sleep(0.1)
        data = next_frame()
        self.wfile.write(b"--frame\r\nContent-Type: image/jpeg\r\nContent-Length: %d\r\n\r\n"
                         % len(data) + data[: len(data) // 2])
        self.wfile.flush()
        self.connection.shutdown(socket.SHUT_RDWR)

    def huge(self, nolength):
        size = 50 << 20
        self.head(200, "multipart/x-mixed-replace; boundary=frame", close=True)
        head = b"--frame\r\nContent-Type: image/jpeg\r\n"
        if not nolength:
            head += b"Content-Length: %d\r\n" % size
        self.wfile.write(head + b"\r\n")
        chunk = b"\xff\xd8" + bytes(range(256)) * 256
        sent = 0
        while sent < size:
            piece = chunk[: size - sent]
            self.wfile.write(piece)
            sent += len(piece)
        self.wfile.write(b"\r\n--frame--\r\n")

    def away(self, query):
        away_seconds[0] = float(query.get("s", ["2"])[0])
        self.simple(200, "text/plain", b"going away\n", [("Connection", "close")])
        self.close_connection = True
        threading.Thread(target=self.server.shutdown, daemon=True).start()

    def do_GET(self):
        url = urllib.parse.urlsplit(self.path)
        query = urllib.parse.parse_qs(url.query, keep_blank_values=True)
        with lock, open(os.path.join(DIR, "requests"), "a") as f:
            f.write(self.path + "\n")
        try:
            self.route(url.path, query)
        except (BrokenPipeError, ConnectionResetError, OSError):
            pass  # the camera's client went away

    def route(self, path, q):
        if path == "/mjpeg":
            self.stream(self.frames(), fps=float(q.get("fps", ["10"])[0]), lf="lf" in q,
                        nolength="nolength" in q, dashes="dashes" in q)
        elif path == "/snapshot.jpg":
            self.simple(200, "image/jpeg", next_frame())
        elif path.startswith("/file/") and "/" not in path[6:] and \
                os.path.isfile(os.path.join(DIR, path[6:])):
            with open(os.path.join(DIR, path[6:]), "rb") as f:
                data = f.read()
            self.simple(200, "image/png" if path.endswith(".png") else "image/jpeg", data)
        elif path == "/stall":
            self.stream(list(self.frames(3)) + [None])
        elif path == "/drop":
            self.drop()
        elif path == "/garbage" and "html" in q:
            self.simple(200, "text/html; charset=utf-8",
                        b"<!doctype html><title>Login</title><p>Please log in to the camera.\n")
        elif path == "/garbage":
            text = b"this is not a picture\n" * 200
            self.stream(("image/jpeg", text) for _ in range(100))
        elif path == "/huge":
            self.huge("nolength" in q)
        elif path == "/silent":
            self.hold(generation[0])
            self.close_connection = True
        elif path == "/redirect" and "file" in q:  # to a scheme a camera must not use
            self.simple(302, "text/plain", b"moved\n", [("Location", "file:///etc/passwd")])
        elif path == "/redirect":
            self.simple(302, "text/plain", b"moved\n", [("Location", "/mjpeg")])
        elif path == "/control/away":
            self.away(q)
        else:
            self.send_error(404, "Not Found")


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def handle_error(self, request, client_address):
        if isinstance(sys.exc_info()[1], OSError):
            return  # a client that went away mid-request: what cameras see every day
        super().handle_error(request, client_address)


def write_port(port):
    tmp = os.path.join(DIR, "port.tmp")
    with open(tmp, "w") as f:
        f.write(f"{port}\n")
    os.replace(tmp, os.path.join(DIR, "port"))


def main():
    port = PORT
    while True:
        srv = Server(("127.0.0.1", port), Handler)
        port = srv.server_address[1]
        write_port(port)
        srv.serve_forever(poll_interval=0.05)
        # /control/away: drop everything, wait, come back on the same port
        srv.server_close()
        with lock:
            generation[0] += 1
            for c in list(connections):
                try:
                    c.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
        time.sleep(away_seconds[0])


if __name__ == "__main__":
    main()
