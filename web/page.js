/* The map page: ?data=URL (default district.geojson beside the page), ?lang=zh|en,
 * #b=ID opens a building's card; the hash follows the selection, so a link to the
 * page with #b=ID shows that building. window.louyuMap is the map once it runs, and
 * window.louyuReady a promise of it (the tests drive the map through these). */
(function () {
  "use strict";
  const params = new URLSearchParams(location.search);
  const status = document.getElementById("louyu-status");
  const canvas = document.getElementById("louyu-canvas");
  const lang = params.get("lang") === "en" ? "en" : "zh";
  document.documentElement.lang = lang === "en" ? "en" : "zh-Hans";

  function say(zh, en) {
    status.textContent = lang === "en" ? en : zh;
    status.hidden = false;
  }

  // the browser may take the map's graphics away (a GPU reset, too many pages with
  // WebGL): the map cannot draw again, and the page says so instead of a blank canvas
  canvas.addEventListener("webglcontextlost", () => {
    console.warn("louyu: the browser took the map's WebGL context away");
    say("浏览器中断了三维地图的图形（WebGL）：请刷新页面。",
        "The browser took the 3D map's graphics (WebGL) away: reload the page.");
  });

  window.louyuReady = LouyuMap.create(canvas, {data: params.get("data") || "district.geojson", lang})
    .then((map) => {
      status.hidden = true;
      map.followHash();
      // the map's own language button: the address and <html lang> say what is shown,
      // so that a link, a bookmark or a reload comes back in it
      map.on("language", (l) => {
        document.documentElement.lang = l === "en" ? "en" : "zh-Hans";
        const q = new URLSearchParams(location.search);
        q.set("lang", l);
        history.replaceState(history.state, "", location.pathname + "?" + q + location.hash);
      });
      window.louyuMap = map;
      return map;
    })
    .catch((e) => {
      canvas.style.visibility = "hidden"; // (a context made before the failure is black)
      if (!LouyuMap.supported(canvas)) {
        say("此浏览器不支持 WebGL2，无法显示三维地图。", "This browser has no WebGL2: the 3D map cannot be shown.");
      } else {
        console.error("louyu: " + e.message);
        say("三维地图无法载入：" + (e.zh || e.message), "The 3D map could not load: " + e.message);
      }
      throw e;
    });
  window.louyuReady.catch(() => {});
})();
