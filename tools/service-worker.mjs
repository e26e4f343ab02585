// Write DIR/sw.js from web/sw.js: the build id (a hash of every file the
// build serves) and the list of those files, so the service worker keeps
// exactly this build for offline use and a new build replaces it.
//
//   node tools/service-worker.mjs DIR
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";

const root = process.argv[2];
if (!root) { console.error("usage: node tools/service-worker.mjs DIR"); process.exit(2); }
const files = [];
(function walk(dir) {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p);
    // Precompressed copies are the server's business; the worker keeps what
    // the page fetches.
    else if (!/\.(gz|br)$/.test(name) && !["sw.js", "size-report.txt"].includes(name)) files.push(p);
  }
})(root);
const template = readFileSync(new URL("../web/sw.js", import.meta.url), "utf8");
const hash = createHash("sha256").update(template);
const urls = ["./"];
for (const f of files) {
  const url = "./" + relative(root, f).split("\\").join("/");
  urls.push(url);
  hash.update(url).update("\0").update(readFileSync(f));
}
const build = hash.digest("hex").slice(0, 16);
const out = template.replace("__HINGE_BUILD__", build).replace("__HINGE_FILES__", JSON.stringify(urls, null, 1));
if (out.includes("__HINGE_")) { console.error("service-worker: web/sw.js lost a placeholder"); process.exit(1); }
writeFileSync(join(root, "sw.js"), out);
console.log(`service worker: build ${build}, ${urls.length} files kept for offline use`);
