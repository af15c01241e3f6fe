// Query a built Pagefind index the way a browser would, and count the bytes it fetches.
//
// Usage: node pagefind_query.mjs SITE_DIR QUERY [RESULTS]
// Prints one JSON object: {"bytes": N, "files": {path: bytes}, "results": [url, ...]}.
//
// Pagefind's own pagefind.js runs unchanged; only `fetch` is replaced by a
// function that reads files below SITE_DIR and records each file's size, so the
// byte count is exactly what the search code asks the server for.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL, fileURLToPath } from "node:url";

const [siteDir, query, wanted = "5"] = process.argv.slice(2);
const root = path.resolve(siteDir);
const fetched = {};

globalThis.fetch = async (input) => {
  const url = new URL(typeof input === "string" ? input : input.url);
  const file = fileURLToPath(url.origin === "null" || url.protocol === "file:" ? `file://${url.pathname}` : url);
  const data = await readFile(file);
  fetched[path.relative(root, file)] = data.length;
  return new Response(data, { status: 200 });
};

const entry = pathToFileURL(path.join(root, "pagefind", "pagefind.js")).href;
const pagefind = await import(entry);
await pagefind.options({ basePath: pathToFileURL(path.join(root, "pagefind") + "/").href, baseUrl: "/", noWorker: true });
await pagefind.init();
const search = await pagefind.search(query);
const data = await Promise.all(search.results.slice(0, Number(wanted)).map((r) => r.data()));
// The script files themselves are fetched by the browser, not by fetch(): count them too.
for (const name of ["pagefind.js"]) {
  const rel = path.join("pagefind", name);
  fetched[rel] = (await readFile(path.join(root, rel))).length;
}
const bytes = Object.values(fetched).reduce((a, b) => a + b, 0);
console.log(JSON.stringify({ bytes, files: fetched, count: search.results.length, results: data.map((d) => d.url) }));
