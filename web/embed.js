/* The 3D map on a page of the portal (louyu publish --web): the figure#map holds the
 * district's static render and a hidden canvas; where the browser has WebGL2 the map
 * takes the render's place, else the render stays. data-data is the district's URL,
 * data-base the map's folder. #b=ID turns the map to building ID (the building pages
 * link here so). window.louyuMap is the map once it runs, window.louyuReady its promise. */
(function () {
  "use strict";
  const fig = document.getElementById("map");
  const canvas = document.getElementById("louyu-canvas");
  const img = fig && fig.querySelector("img");
  if (fig && canvas && typeof LouyuMap === "function") {
    // the shape the markup gives (supported() sizes the drawing buffer to the canvas's
    // box: shown first, or a hidden canvas's 0 x 0 made the map square); on a phone's
    // narrow page a taller one, where the map's panels and card have room (at 350 x 219
    // they covered it)
    const markup = canvas.width + " / " + canvas.height;
    const shape = () => {
      canvas.style.aspectRatio = fig.clientWidth && fig.clientWidth < 600 ? "9 / 16" : markup;
    };
    shape();
    window.addEventListener("resize", shape);
    canvas.hidden = false;
    if (img) img.hidden = true;
  }
  if (!fig || !canvas || typeof LouyuMap !== "function" || !LouyuMap.supported(canvas)) {
    if (canvas) canvas.hidden = true;
    if (img) img.hidden = false;
    window.louyuReady = Promise.reject(new Error("no WebGL2: the render stays"));
    window.louyuReady.catch(() => {});
    return;
  }
  // the browser may take the map's graphics away (a GPU reset): it cannot draw again,
  // so the render comes back instead of a blank canvas
  canvas.addEventListener("webglcontextlost", () => {
    console.warn("louyu: the browser took the map's WebGL context away: the render again");
    canvas.hidden = true;
    if (img) img.hidden = false;
  });
  const lang = /^en/.test(document.documentElement.lang) ? "en" : "zh";
  window.louyuReady = LouyuMap.create(canvas, {data: fig.dataset.data, base: fig.dataset.base, lang})
    .then((map) => {
      map.followHash();
      if (/^#b=/.test(location.hash)) fig.scrollIntoView();
      window.louyuMap = map;
      return map;
    })
    .catch((e) => {
      // the render again, and the reason for whoever looks
      canvas.hidden = true;
      if (img) img.hidden = false;
      console.error("louyu: the 3D map could not start: " + e.message);
      throw e;
    });
  window.louyuReady.catch(() => {});
})();
