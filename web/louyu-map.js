/* louyu's 3D map on a web page: the page's side of the browser build.
 *
 *   const map = await LouyuMap.create(canvas, {data: "district.geojson", lang: "zh"});
 *   map.on("select", (id) => ...);   // a building was selected ("" : none)
 *   map.on("language", (lang) => ...); // the map's language changed ("zh" or "en")
 *   map.select("wtc");                // opens its card and turns to it
 *   map.setView("top");               // "home", "top" or a building's id
 *   map.setLanguage("en");
 *   await map.load("other.geojson");  // {ok, buildings, warnings} or {ok: false, errors}
 *
 * The canvas must have the id "louyu-canvas" and a size given by the page's CSS; the
 * map keeps its drawing buffer at that size times the device pixel ratio. louyu.js,
 * louyu.wasm and the font are looked for beside this script (options.base changes
 * that). docs/web.md documents every option, method and event. */
(function (global) {
  "use strict";

  const FONT_PATH = "/font/louyu.otf", WIDE_FONT_PATH = "/font/louyu-wide.otf";
  const MAX_BYTES = 512 * 1024 * 1024; // the loader's limit (LY_LOAD_MAX_BYTES)
  let pageMap = null; // the page's one map (or the promise of it while it starts)
  // a map that started but whose data was refused: the next create on its canvas takes it
  // (a module runs once per page: a second one's keys went to the first's hidden field)
  let started = null;

  /* A building's id as the map takes it: a string, or a whole number as written in the
   * data (7 is "7"); null, undefined and "" mean none when `none` is allowed. */
  function idArg(id, what, none) {
    if (typeof id === "string" && (id || none)) return id;
    if (typeof id === "number" && Number.isFinite(id)) return String(id);
    if (none && (id === null || id === undefined)) return "";
    throw new TypeError(what + " wants a building's id (a string" + (none ? ", or \"\" for none" : "") +
                        "), not " + (typeof id === "string" ? "\"\"" : id === null ? "null" : typeof id));
  }

  function numberArg(v, what) {
    if (typeof v !== "number" || !Number.isFinite(v)) throw new TypeError(what + " wants a number, not " + String(v));
    return v;
  }

  function scriptBase() {
    const s = document.currentScript;
    return s && s.src ? s.src.replace(/[^/]*$/, "") : "";
  }
  const BASE = scriptBase();

  function loadScript(src) {
    return new Promise((resolve, reject) => {
      const s = document.createElement("script");
      s.src = src;
      s.onload = resolve;
      s.onerror = () => reject(new Error("cannot load " + src));
      document.head.appendChild(s);
    });
  }

  /* What the map fetches, in Chinese: the page says why a start failed in its language. */
  const WHAT_ZH = {"the district": "街道数据", "the map's code": "地图程序", "the font": "字体"};

  /* An Error of message `en`, whose `zh` says the same in Chinese for the page. */
  function said(en, zh) {
    return Object.assign(new Error(en), {zh});
  }

  /* The bytes at url; else an Error whose message names what and the URL, and whose
   * `reason` says why in a user's words (the browser's own, "Failed to fetch", says
   * neither whether the server is down nor whether it refuses this page: CORS); its
   * `zh` says it all in Chinese. */
  async function fetchBytes(url, what) {
    let r;
    const fail = (reason, zh) => Object.assign(said(what + " " + url + ": " + reason,
                                                    (WHAT_ZH[what] || what) + " " + url + "：" + zh),
                                               {reason});
    try {
      r = await fetch(url);
    } catch (e) {
      // a page opened as a file (double-clicked): the browser reads no file beside it,
      // and there is no server to blame
      if (location.protocol === "file:")
        throw fail("cannot be read from a page opened as a file (" + e.message + "): open the " +
                   "map through a web server, e.g. python3 -m http.server in its folder, then " +
                   "http://localhost:8000/",
                   "无法从以文件方式打开的页面读取（" + e.message + "）：请通过网页服务器打开地图，" +
                   "例如在其文件夹中运行 python3 -m http.server，再访问 http://localhost:8000/");
      throw fail("cannot be fetched (" + e.message + "): the server did not answer, or it does " +
                 "not let this page read the file (from another site, it must send " +
                 "Access-Control-Allow-Origin)",
                 "无法取得（" + e.message + "）：服务器没有回应，或不允许本页读取该文件" +
                 "（来自其他网站的文件，服务器须发送 Access-Control-Allow-Origin）");
    }
    if (!r.ok) {
      const status = "HTTP " + r.status + (r.statusText ? " " + r.statusText : "");
      throw fail(status + (r.status === 404 ? ": there is no such file on the server" : ""),
                 status + (r.status === 404 ? "：服务器上没有这个文件" : ""));
    }
    return new Uint8Array(await r.arrayBuffer());
  }

  /* A district refused: its errors ("FILE:LINE:COL: message"), one a line. */
  function refused(errors) {
    return said(errors.join("\n"), "数据文件有误\n" + errors.join("\n"));
  }

  /* The characters from U+2E80 up (CJK and after) in UTF-8 bytes that the font
   * subset lacks (its list: font.json). Read from the bytes, without decoding the
   * whole text: a city's file is tens of megabytes, nearly all ASCII. */
  function missingGlyphs(bytes, covered) {
    const missing = new Set();
    for (let i = 0, n = bytes.length; i < n; i++) {
      const b = bytes[i];
      if (b < 0xe2) continue; // ASCII, continuation bytes, and two-byte characters (< U+0800)
      let cp;
      if (b < 0xf0 && i + 2 < n) {
        cp = ((b & 0x0f) << 12) | ((bytes[i + 1] & 0x3f) << 6) | (bytes[i + 2] & 0x3f);
        i += 2;
      } else if (b >= 0xf0 && i + 3 < n) {
        cp = ((b & 0x07) << 18) | ((bytes[i + 1] & 0x3f) << 12) | ((bytes[i + 2] & 0x3f) << 6) |
             (bytes[i + 3] & 0x3f);
        i += 3;
      } else {
        continue;
      }
      if (cp >= 0x2e80 && !covered.has(cp)) missing.add(cp);
    }
    return missing;
  }

  function nameOf(url) {
    try {
      return new URL(url, document.baseURI).pathname.split("/").pop() || url;
    } catch (e) {
      return url;
    }
  }

  class LouyuMap {
    /* Use LouyuMap.create. */
    constructor(module, canvas, base, fontInfo, wide) {
      this._m = module;
      this.canvas = canvas;
      this._base = base;
      this._fontInfo = fontInfo; // font.json: the small font's characters, the wide one's name
      this._wide = wide; // drawing with the wide font already
      this._listeners = {select: [], firstframe: [], language: []};
      /* performance.now() when the first frame with a district was drawn (null until) */
      this.firstFrameAt = null;
      this._keys(module, canvas);
      this._selected = ""; // the selection last told: "select" fires when it changes
      module.louyuSelected = (id) => {
        if (id === this._selected) return;
        this._selected = id;
        this._emit("select", id);
      };
      module.louyuLanguage = (lang) => this._emit("language", lang);
    }

    /* A hidden field of the page that takes the keys while a field of the map (the
     * search) does: an input method (pinyin, a dead key) composes only into a page's
     * field, never into a canvas, and what it commits is typed into the map. Keys it
     * does not compose (letters, Backspace, Enter, Escape) reach the map as on the
     * canvas (platform_web.c listens on both). Not on a touch screen: the map's own
     * keyboard comes up there. */
    _keys(module, canvas) {
      const ime = document.createElement("textarea");
      ime.id = "louyu-ime";
      ime.tabIndex = -1;
      ime.spellcheck = false;
      ime.setAttribute("aria-hidden", "true");
      ime.setAttribute("autocomplete", "off");
      ime.setAttribute("autocapitalize", "off");
      Object.assign(ime.style, {position: "fixed", left: "0", top: "0", width: "1px", height: "1px",
                                opacity: "0", border: "0", padding: "0", margin: "0",
                                resize: "none", overflow: "hidden", pointerEvents: "none"});
      document.body.appendChild(ime);
      const commit = () => {
        const t = ime.value;
        ime.value = "";
        if (t) module.ccall("ly_web_type", null, ["string"], [t]);
      };
      ime.addEventListener("compositionend", commit);
      ime.addEventListener("input", (e) => {
        if (!e.isComposing) commit();
      });
      let typing = false;
      const take = () => ime.focus({preventScroll: true});
      module.louyuTyping = (on, x, y, w, h) => {
        typing = !!on;
        if (typing) {
          // at the field, so the input method's list opens beside it
          const r = canvas.getBoundingClientRect();
          Object.assign(ime.style, {left: r.left + x + 8 + "px", top: r.top + y + 4 + "px",
                                    width: Math.max(1, w - 16) + "px", height: Math.max(1, h - 8) + "px"});
          take();
        } else if (document.activeElement === ime) {
          canvas.focus({preventScroll: true});
        }
      };
      // a click on the map takes the focus from the hidden field; while the map's field
      // still has the keys, they come back to it
      canvas.addEventListener("mouseup", () => typing && setTimeout(() => typing && take()));
    }

    /* Starts the map on `canvas` and loads options.data (a URL). Options: data, lang
     * ("zh" or "en"), base (where louyu.js, louyu.wasm and the fonts are). Rejects
     * with an Error saying why when WebGL2 or a file is missing. Everything it needs
     * is asked for at once, before anything waits. */
    static async create(canvas, options) {
      if (!(canvas instanceof HTMLCanvasElement)) throw new TypeError("LouyuMap.create wants the page's <canvas>");
      if (canvas.id !== "louyu-canvas") throw new Error('the canvas must have id "louyu-canvas"');
      if (pageMap) throw new Error("the page has a map already: one map per page (LouyuMap.create was called twice)");
      pageMap = LouyuMap._create(canvas, options || {});
      pageMap.catch(() => (pageMap = null)); // a failed start may be tried again
      return pageMap;
    }

    static async _create(canvas, o) {
      const base = o.base !== undefined ? String(o.base) : BASE;
      if (o.data !== undefined && o.data !== null && typeof o.data !== "string" && !(o.data instanceof URL))
        throw new TypeError("options.data wants a URL, not " + typeof o.data);
      if (o.lang !== undefined && o.lang !== "zh" && o.lang !== "en")
        throw new Error('options.lang wants "zh" or "en", not ' + JSON.stringify(o.lang));
      if (started && started.canvas === canvas) {
        // the map of a start whose data was refused: this data into it
        const map = started;
        if (o.data) {
          const r = map._loadBytes(await fetchBytes(o.data, "the district"), nameOf(o.data));
          if (!r.ok) throw refused(r.errors);
        }
        started = null;
        if (o.lang) map.setLanguage(o.lang);
        return map;
      }
      performance.mark("louyu:create");
      const script = typeof global.createLouyu === "function" ? null : loadScript(base + "louyu.js");
      // compiled as it arrives, off this thread (streaming needs the server to say
      // application/wasm; otherwise from its bytes)
      const wasmUrl = base + "louyu.wasm";
      const wasm = (WebAssembly.compileStreaming
        ? WebAssembly.compileStreaming(fetch(wasmUrl)).catch(() => null)
        : Promise.resolve(null))
        .then((m) => m || fetchBytes(wasmUrl, "the map's code").then((b) => WebAssembly.compile(b)));
      const fontInfo = fetch(base + "font.json").then((r) => (r.ok ? r.json() : null), () => null);
      const small = fetchBytes(base + "louyu-font.otf", "the font");
      const data = o.data ? fetchBytes(o.data, "the district") : Promise.resolve(null);
      for (const p of [script, wasm, small, data]) if (p) p.catch(() => {});
      // louyu.js runs once this thread is free again; code that cannot be fetched, compiled
      // or instantiated ends the start with its reason (emscripten's module would wait on)
      let codeFailed;
      const codeFailure = new Promise((_, reject) => { codeFailed = reject; });
      codeFailure.catch(() => {});
      const modulePromise = Promise.resolve(script).then(() => global.createLouyu({
        locateFile: (f) => base + f,
        instantiateWasm: (imports, done) => {
          wasm.then((m) => WebAssembly.instantiate(m, imports).then((i) => done(i, m)))
            .catch((e) => {
              console.error("louyu: louyu.wasm: " + e.message);
              codeFailed(/^the map's code/.test(e.message) ? e
                : said("the map's code " + wasmUrl + " could not be used (" + e.message +
                       "): expected the louyu.wasm that scripts/web.sh wrote beside louyu.js",
                       "地图程序 " + wasmUrl + " 无法使用（" + e.message +
                       "）：应为 scripts/web.sh 写在 louyu.js 旁的 louyu.wasm"));
            });
          return {};
        },
        print: (t) => console.log(t),
        // louyu's log ("louyu: error: TAG: ...") at the console's matching level
        printErr: (t) => (/^louyu: error:/.test(t) ? console.error(t)
                          : /^louyu: warning:/.test(t) ? console.warn(t) : console.info(t)),
      }));
      modulePromise.catch(() => {});
      if (!LouyuMap.supported(canvas)) throw new Error("this browser has no WebGL2");
      performance.mark("louyu:context");
      const module = await Promise.race([modulePromise, codeFailure]);
      performance.mark("louyu:module");
      const [info, bytes] = await Promise.all([fontInfo, data]);
      // the small subset when it covers the data, else the wide one (all of GB 2312)
      const wide = info && bytes && missingGlyphs(bytes, new Set(info.covered)).size;
      module.FS.mkdir("/font");
      module.FS.writeFile(FONT_PATH, wide ? await fetchBytes(base + info.wide, "the font") : await small);
      performance.mark("louyu:fetched");
      const map = new LouyuMap(module, canvas, base, info, !!wide);
      module.louyuFirstFrame = (t) => {
        map.firstFrameAt = t;
        map._emit("firstframe", t);
      };
      if (module.ccall("ly_web_start", "number", ["string", "string"], [FONT_PATH, o.lang || "zh"]))
        throw said("the map could not start (the console says why)",
                   "地图无法启动（原因见浏览器的控制台）");
      performance.mark("louyu:started");
      if (bytes) {
        const r = map._loadBytes(bytes, nameOf(o.data));
        if (!r.ok) {
          started = map;
          throw refused(r.errors);
        }
      }
      performance.mark("louyu:loaded");
      return map;
    }

    /* Whether this browser can show the map (WebGL2). Given the map's canvas, its
     * context is made here with the attributes the map asks for (platform_web.c), and
     * the map then takes that one: a software rasteriser makes a context slowly. */
    static supported(canvas) {
      try {
        const c = canvas || document.createElement("canvas");
        if (canvas) {
          // its drawing buffer at the size the map will give it (platform_web.c: CSS
          // size times the pixel ratio), so that it is made once: on software WebGL
          // resizing it after the context costs hundreds of milliseconds
          const r = c.getBoundingClientRect(), dpr = global.devicePixelRatio || 1;
          c.width = Math.max(1, Math.round(r.width * dpr));
          c.height = Math.max(1, Math.round(r.height * dpr));
        }
        return !!c.getContext("webgl2", {alpha: false, depth: true, stencil: true, antialias: false,
                                         preserveDrawingBuffer: false,
                                         powerPreference: "high-performance"});
      } catch (e) {
        return false;
      }
    }

    _loadBytes(bytes, name) {
      if (bytes.length > MAX_BYTES) // (refused before it is copied into the map's memory)
        return {ok: false, errors: [name + ": the file is " + Math.round(bytes.length / 1048576) +
                                    " MiB: expected at most 512 MiB"]};
      const m = this._m, at = m._malloc(Math.max(1, bytes.length));
      if (!at) return {ok: false, errors: [name + ": not enough memory for its " + bytes.length + " bytes"]};
      try {
        m.HEAPU8.set(bytes, at);
        return JSON.parse(m.ccall("ly_web_load_bytes", "string", ["number", "number", "string"],
                                  [at, bytes.length, name]));
      } finally {
        m._free(at);
      }
    }

    /* Loads a district (GeoJSON) from a URL; the one on screen stays when it is bad.
     * Resolves to {ok: true, buildings, warnings} or {ok: false, errors}, each error
     * "FILE:LINE:COL: message". */
    async load(url) {
      if (typeof url !== "string" && !(url instanceof URL)) throw new TypeError("load wants a URL, not " + typeof url);
      url = String(url);
      if (!url.trim()) throw new TypeError("load wants a URL, not an empty string");
      // the last load called wins: one that an earlier, slower load would overtake when
      // its bytes arrive after it, stays (the earlier one resolves as superseded)
      const ticket = this._loads = (this._loads || 0) + 1;
      const superseded = () => ({ok: false, superseded: true,
                                 errors: [nameOf(url) + ": superseded by a later load()"]});
      let bytes;
      try {
        bytes = await fetchBytes(url, "the district");
        if (ticket !== this._loads) return superseded();
        await this._fontFor(bytes);
      } catch (e) {
        return ticket !== this._loads ? superseded()
                                      : {ok: false, errors: [nameOf(url) + ": " + (e.reason || e.message)]};
      }
      if (ticket !== this._loads) return superseded();
      return this._loadBytes(bytes, nameOf(url));
    }

    /* The wide font, once a district needs characters the small one lacks. */
    async _fontFor(bytes) {
      const info = this._fontInfo;
      if (this._wide || !info || !missingGlyphs(bytes, new Set(info.covered)).size) return;
      this._m.FS.writeFile(WIDE_FONT_PATH, await fetchBytes(this._base + info.wide, "the font"));
      if (this._m.ccall("ly_web_use_font", "number", ["string"], [WIDE_FONT_PATH]) === 0) this._wide = true;
    }

    /* Selects building `id`, opens its card and turns the view to it (fly: animate,
     * default true); "" clears the selection. Returns false when there is no such
     * building. */
    select(id, options) {
      const fly = !options || options.fly !== false;
      return this._m.ccall("ly_web_select", "number", ["string", "number"],
                           [idArg(id, "select", true), fly ? 1 : 0]) === 0;
    }

    /* The view: "home", "top" or a building's id. Returns false for none such. */
    setView(view, options) {
      const animate = !options || options.animate !== false;
      return this._m.ccall("ly_web_set_view", "number", ["string", "number"],
                           [idArg(view, "setView", false), animate ? 1 : 0]) === 0;
    }

    /* Turns the view as a drag of dx, dy CSS pixels would. */
    orbit(dx, dy) {
      this._m.ccall("ly_web_orbit", null, ["number", "number"],
                    [numberArg(dx, "orbit"), dy === undefined ? 0 : numberArg(dy, "orbit")]);
    }

    /* "zh" or "en": every text on the map, the card and the panels. */
    setLanguage(lang) {
      if (lang !== "zh" && lang !== "en") throw new Error('setLanguage wants "zh" or "en", not ' + String(lang));
      this._m.ccall("ly_web_set_language", null, ["string"], [lang]);
    }

    /* The building drawn at CSS pixel x, y of the canvas ("" for none). */
    pick(x, y) {
      return this._m.ccall("ly_web_pick", "string", ["number", "number"],
                           [numberArg(x, "pick"), numberArg(y, "pick")]);
    }

    /* The district's buildings: [{id, name, name_en}] (name_en null where none). */
    buildings() {
      return JSON.parse(this._m.ccall("ly_web_buildings", "string", [], []));
    }

    /* What the map shows: {lang, selected, name, buildings, width, height, frames,
     * frame_p50_ms, frame_p95_ms, focus_x, focus_y, moving, heading, pitch, distance, toast}
     * (the camera's heading and pitch in radians, distance in metres; toast: the message on
     * the map, "" none): focus_x, focus_y is where
     * the view centres on the canvas (CSS pixels): the selected building's view point
     * (the pick there gives the building), else the centre the view turns around. */
    state() {
      return JSON.parse(this._m.ccall("ly_web_state", "string", [], []));
    }

    /* Keeps the page's address and the selection in step: #b=ID selects building ID
     * now and whenever the hash changes, and a selection on the map writes its #b=ID
     * (without a new history entry). */
    followHash() {
      let fromHash = false;
      const follow = (fly) => {
        const m = /^#b=(.+)$/.exec(location.hash);
        if (!m) {
          // an address that names no building (Back from a link to one): nothing selected,
          // as the address says
          if (fly && this._selected) {
            fromHash = true;
            this.select("");
            fromHash = false;
          }
          return;
        }
        let id = m[1];
        try {
          id = decodeURIComponent(id);
        } catch (e) {
          // a stray "%" typed or cut from a link: the id as it is written
        }
        fromHash = true;
        if (!this.select(id, {fly})) {
          // a stale or mistyped link: said on the map, and the address kept as it came
          console.warn("louyu: there is no building " + JSON.stringify(id));
          this._m.ccall("ly_web_no_building", null, ["string"], [id]);
        }
        fromHash = false;
      };
      let shown = "";
      this.on("select", (id) => {
        const was = shown;
        shown = id;
        if (!id && !was) return; // (nothing closed: an address naming no building stays)
        const want = id ? "#b=" + encodeURIComponent(id) : "";
        if (!fromHash && location.hash !== want && (want || /^#b=/.test(location.hash)))
          history.replaceState(null, "", want || location.pathname + location.search);
      });
      follow(false);
      window.addEventListener("hashchange", () => follow(true));
      return this;
    }

    /* The bench: n frames drawn at once, the view turning `px` pixels' worth before
     * each, each waited for: {n, p50_ms, p95_ms, mean_ms}. */
    benchFrames(n, px) {
      if (!Number.isInteger(n) || n < 1 || n > 240)
        throw new TypeError("benchFrames wants a count of frames from 1 to 240, not " + String(n));
      numberArg(px, "benchFrames");
      return JSON.parse(this._m.ccall("ly_web_bench_frames", "string", ["number", "number"], [n, px]));
    }

    /* Listens for "select" (the id, "" when cleared), "firstframe" (the first frame
     * with a district: its performance.now()) and "language" ("zh" or "en": the map's
     * own language button, or setLanguage, changed it). */
    on(event, fn) {
      if (!Object.prototype.hasOwnProperty.call(this._listeners, event)) throw new Error("no event " + event);
      if (typeof fn !== "function") throw new TypeError("on(" + JSON.stringify(event) + ") wants a function");
      this._listeners[event].push(fn);
      return this;
    }

    off(event, fn) {
      const l = Object.prototype.hasOwnProperty.call(this._listeners, event) ? this._listeners[event] : [];
      const i = l.indexOf(fn);
      if (i >= 0) l.splice(i, 1);
      return this;
    }

    _emit(event, value) {
      for (const fn of this._listeners[event].slice()) {
        try {
          fn(value);
        } catch (e) {
          console.error(e);
        }
      }
    }
  }

  global.LouyuMap = LouyuMap;
})(window);
