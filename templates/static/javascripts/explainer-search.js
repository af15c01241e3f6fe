/* Reader side of the lean search index (generator/search.py writes it).
 *
 * A query loads search/lean/manifest.json, one token shard per query word and
 * the document chunks of the results shown: tens of kilobytes, not the whole
 * site's text.  Tokenising must match generator/search.py exactly.
 *
 * In a browser it adds a search box to Material's header; under Node (the
 * benchmark and tests) it only defines globalThis.ExplainerSearch.
 */
(function () {
  "use strict";
  var ROOT = "search/lean/";
  var STOP = new Set(("a about after all also an and any are as at be been but by can could did do does for from " +
    "had has have he her his how i if in into is it its may more most no not of on one or our out " +
    "over said says she so some than that the their them then there these they this those to up " +
    "was we were what when where which while who will with would you your").split(" "));
  var WEIGHT = [1, 4, 10]; // body, lead, title

  function tokens(text) {
    var norm = text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
    return (norm.match(/[\p{L}\p{N}]+/gu) || []).filter(function (t) { return t.length > 1 && !STOP.has(t); });
  }
  function shardKey(t) {
    var k = t.slice(0, 2);
    return /^[a-z0-9]{2}$/.test(k) ? k : "__";
  }

  function Index(base) {
    this.base = base;
    this.cache = new Map();
  }
  Index.prototype.get = function (path) {
    if (!this.cache.has(path)) {
      this.cache.set(path, fetch(this.base + ROOT + path).then(function (r) {
        if (!r.ok) throw new Error("search index: " + path + ": " + r.status);
        return r.json();
      }));
    }
    return this.cache.get(path);
  };
  Index.prototype.search = async function (query, limit) {
    limit = limit || 10;
    var words = tokens(query);
    if (!words.length) return { total: 0, results: [] };
    var manifest = await this.get("manifest.json");
    var shards = new Set(manifest.shards);
    var self = this;
    var perWord = await Promise.all(words.map(async function (w) {
      var key = shardKey(w);
      var best = new Map();
      if (!shards.has(key)) return best;
      var shard = await self.get("t/" + key + ".json");
      for (var tok in shard) {
        if (!tok.startsWith(w)) continue;
        var exact = tok === w ? 1 : 0.5, code = 0, deltas = shard[tok];
        for (var i = 0; i < deltas.length; i++) {
          code += deltas[i];
          var doc = Math.floor(code / 4), score = exact * WEIGHT[code % 4];
          if (!(best.get(doc) >= score)) best.set(doc, score);
        }
      }
      return best;
    }));
    var scores = perWord[0];
    for (var j = 1; j < perWord.length; j++) {
      var next = new Map();
      scores.forEach(function (v, doc) { if (perWord[j].has(doc)) next.set(doc, v + perWord[j].get(doc)); });
      scores = next;
    }
    var ranked = Array.from(scores).sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; });
    var shown = ranked.slice(0, limit);
    var results = await Promise.all(shown.map(async function (pair) {
      var chunk = await self.get("d/" + Math.floor(pair[0] / manifest.chunk) + ".json");
      var d = chunk[pair[0] % manifest.chunk];
      return { url: d[0], title: d[1], meta: d[2], lead: d[3] };
    }));
    return { total: ranked.length, results: results };
  };

  globalThis.ExplainerSearch = { tokens: tokens, shardKey: shardKey, Index: Index };
  if (typeof document === "undefined") return;

  /* ---- the search box in Material's header ---- */
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text; // scraped titles are text, never HTML
    return e;
  }
  function mount() {
    var cfg = document.getElementById("__config");
    var base = new URL(cfg ? JSON.parse(cfg.textContent).base + "/" : "./", location.href).href;
    var index = new Index(base);
    var header = document.querySelector(".md-header__inner");
    if (!header) return;
    var form = el("form", "ex-search");
    form.setAttribute("role", "search");
    var input = el("input", "ex-search__input");
    input.type = "search";
    input.placeholder = "Search";
    input.setAttribute("aria-label", "Search");
    input.autocomplete = "off";
    var list = el("div", "ex-search__results");
    list.setAttribute("aria-live", "polite");
    form.appendChild(input);
    form.appendChild(list);
    header.insertBefore(form, header.querySelector(".md-header__source"));
    var seq = 0;
    async function run() {
      var q = input.value.trim(), mine = ++seq;
      if (tokens(q).length === 0) { list.replaceChildren(); return; }
      var res;
      try { res = await index.search(q, 10); } catch (err) { res = { total: 0, results: [], error: err }; }
      if (mine !== seq) return; // a newer keystroke won
      var items = res.results.map(function (r) {
        var a = el("a", "ex-search__hit");
        a.href = base + r.url;
        a.appendChild(el("strong", "", r.title));
        a.appendChild(el("span", "ex-search__meta", r.meta));
        a.appendChild(el("span", "ex-search__lead", r.lead));
        return a;
      });
      var note = res.error ? "Search is unavailable." :
        res.total === 0 ? "No matching articles." :
        res.total > items.length ? items.length + " of " + res.total + " matches" : res.total + (res.total === 1 ? " match" : " matches");
      list.replaceChildren(el("p", "ex-search__note", note), ...items);
    }
    var timer;
    input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(run, 150); });
    form.addEventListener("submit", function (e) { e.preventDefault(); run(); });
    document.addEventListener("keydown", function (e) {
      if (e.key === "Escape") { input.value = ""; list.replaceChildren(); }
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mount);
  else mount();
})();
