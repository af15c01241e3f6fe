/* With `search: pagefind`: put Pagefind's default UI into Material's header.
 * Everything is loaded from the site's own pagefind/ folder; no third-party hosts. */
(function () {
  "use strict";
  function mount() {
    var header = document.querySelector(".md-header__inner");
    if (!header || typeof PagefindUI === "undefined") return;
    var cfg = document.getElementById("__config");
    var base = new URL(cfg ? JSON.parse(cfg.textContent).base + "/" : "./", location.href);
    var box = document.createElement("div");
    box.className = "ex-pagefind";
    header.insertBefore(box, header.querySelector(".md-header__source"));
    new PagefindUI({
      element: box,
      bundlePath: new URL("pagefind/", base).pathname,
      showSubResults: false,
      showImages: false,
      resetStyles: false,
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mount);
  else mount();
})();
