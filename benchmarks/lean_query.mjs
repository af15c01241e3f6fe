// Query the lean search index with the site's own explainer-search.js under Node,
// counting the bytes it fetches (the same files a browser would fetch).
//
// Usage: node lean_query.mjs SITE_DIR QUERY
// Prints {"bytes": N, "files": {path: bytes}, "total": N, "results": [url, ...]}.
import { readFile } from "node:fs/promises";
import path from "node:path";
import vm from "node:vm";

const [siteDir, query] = process.argv.slice(2);
const root = path.resolve(siteDir);
const fetched = {};
globalThis.fetch = async (url) => {
  const rel = decodeURIComponent(new URL(url).pathname).replace(/^\//, "");
  try {
    const data = await readFile(path.join(root, rel));
    fetched[rel] = data.length;
    return new Response(data, { status: 200 });
  } catch {
    return new Response("", { status: 404 });
  }
};
const script = "javascripts/explainer-search.js";
const code = await readFile(path.join(root, script), "utf-8");
fetched[script] = Buffer.byteLength(code);
vm.runInThisContext(code, { filename: script });
const index = new globalThis.ExplainerSearch.Index("http://site.invalid/");
const res = await index.search(query, 10);
const bytes = Object.values(fetched).reduce((a, b) => a + b, 0);
console.log(JSON.stringify({ bytes, files: fetched, total: res.total, results: res.results.map((r) => r.url) }));
