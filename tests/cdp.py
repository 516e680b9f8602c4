"""Headless Chromium driven over the DevTools protocol on a pipe, for the browser tests
(test_portal.py, test_web.py) and the web bench: a Browser, its Tabs, and what went
wrong on a page (console errors, exceptions, failed requests, requests elsewhere)."""
import fcntl
import json
import os
import signal
import threading
import time
import urllib.parse

WAIT_S = 15     # one command, one page load


class CDPError(Exception):
    pass


class Browser:
    """Chromium started with --remote-debugging-pipe: it reads JSON commands on fd 3 and
    writes responses and events on fd 4, each message ended by a NUL byte. One thread
    reads; commands wait for their response under a deadline; events are kept in order so
    a caller can wait for the first one after a mark."""

    def __init__(self, exe, profile, flags=("--disable-gpu",), size=(1280, 900)):
        to_browser_r, self.wfd = os.pipe()
        self.rfd, from_browser_w = os.pipe()
        # above 10 first, so that putting them on 3 and 4 cannot overwrite one another
        fd3 = fcntl.fcntl(to_browser_r, fcntl.F_DUPFD_CLOEXEC, 10)
        fd4 = fcntl.fcntl(from_browser_w, fcntl.F_DUPFD_CLOEXEC, 10)
        os.close(to_browser_r)
        os.close(from_browser_w)
        self.profile = profile
        self.log_path = os.path.join(profile, "chromium.log")
        log = os.open(self.log_path, os.O_WRONLY | os.O_CREAT | os.O_CLOEXEC, 0o600)
        args = [exe, "--headless=new", "--remote-debugging-pipe", "--no-sandbox", *flags,
                f"--user-data-dir={profile}", "--no-first-run", "--no-default-browser-check",
                "--disable-extensions", "--disable-component-update", "--disable-sync",
                "--disable-background-networking", "--disable-default-apps", "--no-proxy-server",
                "--disable-dev-shm-usage", "--mute-audio", "--hide-scrollbars",
                "--force-color-profile=srgb", f"--window-size={size[0]},{size[1]}", "about:blank"]
        # posix_spawn rather than Popen(pass_fds): pass_fds keeps the parent's numbers,
        # and the protocol wants exactly 3 and 4
        self.pid = os.posix_spawn(exe, args, os.environ, setsid=True, file_actions=[
            (os.POSIX_SPAWN_OPEN, 0, "/dev/null", os.O_RDONLY, 0),
            (os.POSIX_SPAWN_DUP2, log, 1), (os.POSIX_SPAWN_DUP2, log, 2),
            (os.POSIX_SPAWN_DUP2, fd3, 3), (os.POSIX_SPAWN_DUP2, fd4, 4)])
        for fd in (fd3, fd4, log):
            os.close(fd)
        self.cond = threading.Condition()
        self.responses = {}
        self.events = []
        self.closed = False
        self.next_id = 0
        self.write_lock = threading.Lock()
        threading.Thread(target=self._reader, daemon=True).start()

    def _reader(self):
        buf = bytearray()
        while True:
            try:
                chunk = os.read(self.rfd, 1 << 20)
            except OSError:
                chunk = b""
            if not chunk:
                break
            buf += chunk
            while True:
                end = buf.find(b"\0")
                if end < 0:
                    break
                msg = json.loads(bytes(buf[:end]))
                del buf[:end + 1]
                with self.cond:
                    if "id" in msg:
                        self.responses[msg["id"]] = msg
                    else:
                        self.events.append(msg)
                    self.cond.notify_all()
        with self.cond:
            self.closed = True
            self.cond.notify_all()

    def send(self, method, params=None, session=None, timeout=WAIT_S):
        with self.cond:
            self.next_id += 1
            ident = self.next_id
        msg = {"id": ident, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        data = json.dumps(msg).encode() + b"\0"
        with self.write_lock:
            while data:
                try:
                    data = data[os.write(self.wfd, data):]
                except OSError as e:
                    raise CDPError(f"{method}: the browser's pipe: {e}")
        deadline = time.monotonic() + timeout
        with self.cond:
            while ident not in self.responses:
                left = deadline - time.monotonic()
                if self.closed:
                    raise CDPError(f"{method}: the browser exited")
                if left <= 0:
                    raise CDPError(f"{method}: no answer in {timeout} s")
                self.cond.wait(left)
            reply = self.responses.pop(ident)
        if "error" in reply:
            raise CDPError(f"{method}: {reply['error'].get('message')}")
        return reply.get("result", {})

    def mark(self):
        with self.cond:
            return len(self.events)

    def since(self, mark, session):
        with self.cond:
            return [e for e in self.events[mark:] if e.get("sessionId") == session]

    def wait_event(self, method, session, mark, timeout=WAIT_S):
        deadline = time.monotonic() + timeout
        with self.cond:
            while True:
                for e in self.events[mark:]:
                    if e.get("method") == method and e.get("sessionId") == session:
                        return e
                left = deadline - time.monotonic()
                if self.closed or left <= 0:
                    raise CDPError(f"no {method} in {timeout} s"
                                   + (" (the browser exited)" if self.closed else ""))
                self.cond.wait(left)

    def close(self):
        """Asks the browser to quit, then kills what is left."""
        if self.pid is None:
            return
        try:
            if not self.closed:
                self.send("Browser.close", timeout=3)
            deadline = time.monotonic() + 3
            while time.monotonic() < deadline and os.waitpid(self.pid, os.WNOHANG) == (0, 0):
                time.sleep(0.05)
        except (CDPError, ChildProcessError):
            pass
        self.kill()

    def kill(self):
        pid, self.pid = self.pid, None
        try:
            os.killpg(pid, signal.SIGKILL)   # its own group, helpers included: setsid at spawn
            os.waitpid(pid, 0)
        except (ProcessLookupError, ChildProcessError, TypeError):
            pass

    def log_tail(self):
        try:
            with open(self.log_path, encoding="utf-8", errors="replace") as f:
                return f.read()[-1500:]
        except OSError:
            return ""


class Tab:
    """One page target, attached with flatten=True: commands carry its sessionId."""

    def __init__(self, browser, local, size=(1280, 900)):
        self.b = browser
        self.local = local   # url prefixes that count as the site itself
        target = browser.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = browser.send("Target.attachToTarget",
                                    {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.send(f"{domain}.enable")
        self.send("Emulation.setDeviceMetricsOverride",
                  {"width": size[0], "height": size[1], "deviceScaleFactor": 1, "mobile": False})

    def send(self, method, params=None, timeout=WAIT_S):
        return self.b.send(method, params, self.session, timeout)

    def navigate(self, url):
        mark = self.b.mark()
        r = self.send("Page.navigate", {"url": url})
        if r.get("errorText"):
            raise CDPError(f"navigating to {url}: {r['errorText']}")
        self.b.wait_event("Page.loadEventFired", self.session, mark)
        self.settle(mark)
        return mark

    def settle(self, mark, quiet=0.15, timeout=5):
        """Waits until no request is in flight and nothing has happened for `quiet` s."""
        deadline = time.monotonic() + timeout
        seen, since = -1, time.monotonic()
        while time.monotonic() < deadline:
            events = self.b.since(mark, self.session)
            flight = set()
            for e in events:
                m, p = e.get("method"), e.get("params", {})
                if m == "Network.requestWillBeSent":
                    flight.add(p["requestId"])
                elif m in ("Network.loadingFinished", "Network.loadingFailed"):
                    flight.discard(p["requestId"])
            if len(events) != seen:
                seen, since = len(events), time.monotonic()
            elif not flight and time.monotonic() - since >= quiet:
                return
            time.sleep(0.05)

    def eval(self, expression, timeout=WAIT_S):
        r = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True,
                                           "awaitPromise": True}, timeout)
        if "exceptionDetails" in r:
            d = r["exceptionDetails"]
            raise CDPError(d.get("exception", {}).get("description") or d.get("text"))
        return r.get("result", {}).get("value")

    def poll(self, expression, ok, timeout=3):
        """Evaluates until ok(value) or the time is up; returns the last value."""
        deadline = time.monotonic() + timeout
        while True:
            value = self.eval(expression)
            if ok(value) or time.monotonic() > deadline:
                return value
            time.sleep(0.1)

    def errors(self, mark):
        """What went wrong since the mark: console errors, exceptions, failed requests,
        requests that left the site. The browser's own request for /favicon.ico is not the
        site's (the contract has no icon)."""
        found, urls = [], {}
        for e in self.b.since(mark, self.session):
            m, p = e.get("method"), e.get("params", {})
            if m == "Network.requestWillBeSent":
                urls[p["requestId"]] = p["request"]["url"]
            url = {"Network.requestWillBeSent": lambda: p["request"]["url"],
                   "Network.responseReceived": lambda: p["response"].get("url", ""),
                   "Network.loadingFailed": lambda: urls.get(p["requestId"], p["requestId"]),
                   "Log.entryAdded": lambda: p["entry"].get("url", "")}.get(m, lambda: "")()
            if urllib.parse.urlsplit(url).path == "/favicon.ico":
                continue
            if m == "Runtime.consoleAPICalled" and p.get("type") in ("error", "assert"):
                text = " ".join(str(a.get("value", a.get("description", ""))) for a in p["args"])
                found.append(f"console.{p['type']}: {text}")
            elif m == "Runtime.exceptionThrown":
                d = p["exceptionDetails"]
                found.append("exception: " + (d.get("exception", {}).get("description")
                                              or d.get("text", "")).split("\n")[0])
            elif m == "Log.entryAdded" and p["entry"].get("level") == "error":
                found.append(f"log: {p['entry'].get('text')} {url}".strip())
            elif m == "Network.requestWillBeSent":
                if not url.startswith(self.local + ("data:", "blob:", "about:")):
                    found.append(f"request to elsewhere: {url}")
            elif m == "Network.responseReceived" and p["response"].get("status", 0) >= 400:
                found.append(f"HTTP {p['response']['status']}: {url}")
            elif m == "Network.loadingFailed":
                found.append(f"request failed ({p.get('errorText')}): {url}")
        return list(dict.fromkeys(found))
