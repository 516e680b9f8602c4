/* The 3D map on a page of the portal (louyu publish --web): the figure#map holds the
 * district's static render and a hidden canvas; where the browser has WebGL2 the map
 * takes the render's place, else the render stays, with a note saying why. data-data is
 * the district's URL, data-base the map's folder; data-two-fingers, data-no-webgl and
 * data-back are the words shown in the page's language. #b=ID turns the map to building
 * ID (the building pages link here so). window.louyuMap is the map once it runs,
 * window.louyuReady its promise.
 *
 * The map is part of a page that scrolls: one finger scrolls the page over it (the CSS
 * gives the canvas touch-action: pan-y, and the map then takes only two fingers and
 * taps), two fingers move the map; a one-finger drag shows a hint saying so. */
(function () {
  "use strict";
  const fig = document.getElementById("map");
  const canvas = document.getElementById("louyu-canvas");
  const img = fig && fig.querySelector("img");

  // the language switch keeps the building the address names (#b=ID): the other
  // language's page shows the same card
  const sw = document.getElementById("lang-switch");
  const swHref = sw ? sw.getAttribute("href").replace(/#.*$/, "") : "";
  const keepHash = () => {
    if (sw) sw.setAttribute("href", swHref + (/^#b=./.test(location.hash) ? location.hash : ""));
  };
  keepHash();
  window.addEventListener("hashchange", keepHash);

  /* The render again. Where the browser has no WebGL2 (`noWebgl`), under it the reason
   * in a line, and for a link to a building (#b=ID) the way back to that building's
   * page, scrolled to: the render alone had said nothing of the building or why. */
  function renderInstead(noWebgl) {
    canvas.hidden = true;
    if (img) img.hidden = false;
    if (!noWebgl || !fig || !fig.dataset.noWebgl || fig.querySelector(".note")) return;
    const note = document.createElement("p");
    note.className = "note";
    note.textContent = fig.dataset.noWebgl;
    const m = /^#b=(.+)$/.exec(location.hash);
    let id = m ? m[1] : "";
    try {
      id = decodeURIComponent(id);
    } catch (e) {
      // (a stray "%": the id as written)
    }
    fig.appendChild(note);
    if (!id) return;
    // the building's page, from the list of buildings below (once the page has it)
    const back = () => {
      const page = [...document.querySelectorAll("a[data-b]")].find((a) => a.dataset.b === id);
      if (page && fig.dataset.back) {
        const name = page.querySelector(".name");
        const a = document.createElement("a");
        a.href = page.getAttribute("href");
        a.textContent = fig.dataset.back.replace("%s", (name || page).textContent.trim());
        note.append(" ", a);
      }
      note.scrollIntoView({block: "center"});
    };
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", back);
    else back();
  }

  /* "Use two fingers" over the map for a moment, when one finger drags on it. */
  function hintTwoFingers() {
    const hint = document.createElement("p");
    hint.className = "hint";
    hint.hidden = true;
    hint.setAttribute("aria-hidden", "true");
    hint.textContent = fig.dataset.twoFingers || "";
    fig.appendChild(hint);
    let start = null, timer = 0;
    const hide = () => {
      clearTimeout(timer);
      hint.hidden = true;
    };
    canvas.addEventListener("touchstart", (e) => {
      start = e.touches.length === 1 ? [e.touches[0].clientX, e.touches[0].clientY] : null;
      if (e.touches.length > 1) hide();
    }, {passive: true});
    canvas.addEventListener("touchmove", (e) => {
      if (!start || e.touches.length !== 1 || !hint.textContent) return;
      const t = e.touches[0];
      if (Math.hypot(t.clientX - start[0], t.clientY - start[1]) < 10) return;
      start = null;
      hint.hidden = false;
      clearTimeout(timer);
      timer = setTimeout(hide, 1800);
    }, {passive: true});
  }

  if (fig && canvas && typeof LouyuMap === "function") {
    // the shape the markup gives (supported() sizes the drawing buffer to the canvas's
    // box: shown first, or a hidden canvas's 0 x 0 made the map square); on a phone's
    // narrow page a taller one, where the map's panels and card have room (at 350 x 219
    // they covered it); never taller than three quarters of the screen, so that the
    // page goes on above or below it (a phone held sideways had only map)
    const markup = canvas.width + " / " + canvas.height;
    const shape = () => {
      canvas.style.aspectRatio = fig.clientWidth && fig.clientWidth < 600 ? "9 / 16" : markup;
    };
    canvas.style.maxHeight = "75vh";
    canvas.style.maxHeight = "75svh"; // (the height a phone's browser bars leave, where known)
    shape();
    window.addEventListener("resize", shape);
    canvas.hidden = false;
    if (img) img.hidden = true;
  }
  if (!fig || !canvas || typeof LouyuMap !== "function" || !LouyuMap.supported(canvas)) {
    if (canvas) renderInstead(true);
    window.louyuReady = Promise.reject(new Error("no WebGL2: the render stays"));
    window.louyuReady.catch(() => {});
    return;
  }
  // the browser may take the map's graphics away (a GPU reset): it cannot draw again,
  // so the render comes back instead of a blank canvas
  canvas.addEventListener("webglcontextlost", () => {
    console.warn("louyu: the browser took the map's WebGL context away: the render again");
    renderInstead();
  });
  hintTwoFingers();
  const lang = /^en/.test(document.documentElement.lang) ? "en" : "zh";
  window.louyuReady = LouyuMap.create(canvas, {data: fig.dataset.data, base: fig.dataset.base, lang})
    .then((map) => {
      map.followHash();
      map.on("select", keepHash); // (the address follows the selection without a hashchange)
      if (/^#b=/.test(location.hash)) fig.scrollIntoView();
      window.louyuMap = map;
      return map;
    })
    .catch((e) => {
      // the render again, and the reason for whoever looks
      renderInstead();
      console.error("louyu: the 3D map could not start: " + e.message);
      throw e;
    });
  window.louyuReady.catch(() => {});
})();
