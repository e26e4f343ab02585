// What holds the size of a wasm module: its sections, and the code by crate
// (from the function names in the module's "name" section, so run it on the
// module cargo wrote, before wasm-bindgen strips the names).
//
//   node tools/wasm-sizes.mjs target/wasm32-unknown-unknown/web/hinge.wasm
//   TOP=bevy_reflect node tools/wasm-sizes.mjs ...   its 25 biggest functions
import { readFileSync } from "node:fs";

const buf = readFileSync(process.argv[2]);
let at = 8;
const leb = () => {
  let result = 0, shift = 0, byte;
  do { byte = buf[at++]; result += (byte & 0x7f) * 2 ** shift; shift += 7; } while (byte & 0x80);
  return result;
};
const NAMES = ["custom", "type", "import", "function", "table", "memory", "global", "export",
  "start", "element", "code", "data", "data count", "tag"];
const sections = [];
let codeStart = 0, codeEnd = 0, imports = 0, nameStart = 0, nameEnd = 0;
while (at < buf.length) {
  const id = buf[at++];
  const size = leb();
  const start = at;
  let name = NAMES[id] || `section ${id}`;
  if (id === 0) {
    const len = leb();
    name = "custom: " + buf.subarray(at, at + len).toString();
    if (name === "custom: name") { nameStart = at + len; nameEnd = start + size; }
  }
  if (id === 2) {
    at = start;
    const n = leb();
    for (let i = 0; i < n; i++) {
      at += leb(); at += leb(); // module, field
      const kind = buf[at++];
      if (kind === 0) { imports++; leb(); }
      else if (kind === 1) { at++; const f = buf[at++]; leb(); if (f & 1) leb(); }
      else if (kind === 2) { const f = buf[at++]; leb(); if (f & 1) leb(); }
      else if (kind === 3) { at += 2; }
      else if (kind === 4) { at++; leb(); }
    }
  }
  if (id === 10) { codeStart = start; codeEnd = start + size; }
  sections.push([name, size]);
  at = start + size;
}
const mb = (n) => (n / 1e6).toFixed(2).padStart(6) + " MB";
console.log(`module: ${mb(buf.length)}`);
for (const [name, size] of sections.sort((a, b) => b[1] - a[1]).slice(0, 8)) console.log(`  ${name.padEnd(28)} ${mb(size)}`);

// Function names, by index.
const names = new Map();
if (nameStart) {
  at = nameStart;
  while (at < nameEnd) {
    const sub = buf[at++];
    const size = leb();
    const end = at + size;
    if (sub === 1) {
      const n = leb();
      for (let i = 0; i < n; i++) { const idx = leb(); const len = leb(); names.set(idx, buf.subarray(at, at + len).toString()); at += len; }
    }
    at = end;
  }
}
if (!codeStart) process.exit(0);
// Body sizes by crate: the first path segment of the (demangled) name.
at = codeStart;
const count = leb();
const byCrate = new Map();
const others = [];
for (let i = 0; i < count; i++) {
  const size = leb();
  at += size;
  const raw = names.get(imports + i) || "?";
  // Legacy-mangled names: decode the punctuation, then take the first
  // `crate::` path (for `<gltf::accessor::Iter as Iterator>::next`, gltf).
  const plain = raw.replace(/\$LT\$/g, "<").replace(/\$GT\$/g, ">").replace(/\$RF\$/g, "&")
    .replace(/\$u20\$/g, " ").replace(/\$C\$/g, ",").replace(/\.\./g, "::");
  const v0 = raw.match(/^_R\w*?C[sB]\w*?_?(\d+)([a-z_][a-z0-9_]*)/);
  const path = plain.match(/([a-z_][a-z0-9_]*)::/);
  const legacy = raw.match(/^_ZN(\d+)([a-z_][a-z0-9_]*)/);
  const crate = legacy && !raw.startsWith("_ZN" + legacy[1] + "_$") ? legacy[2].slice(0, Number(legacy[1]))
    : path ? path[1] : v0 ? v0[2].slice(0, Number(v0[1])) : raw;
  const key = crate.startsWith("bevy") ? crate : /^(wgpu|naga|egui|epaint|skrifa|vello|serde|ron|clap|gilrs|hinge|core|alloc|std|gltf|image|glam|web_sys|js_sys|wasm_bindgen|hashbrown|indexmap|smallvec|tracing|regex|font|zstd|ruzstd|async|png|fdeflate)/.exec(crate)?.[1] ?? crate;
  byCrate.set(key, (byCrate.get(key) || 0) + size);
  if ((process.env.SHOW_OTHER && key === raw) || (process.env.TOP && key === process.env.TOP)) others.push([size, plain]);
}
if (process.env.SHOW_OTHER || process.env.TOP) for (const [s, n] of others.sort((a, b) => b[0] - a[0]).slice(0, 25)) console.log(s, n.slice(0, 160));
console.log(`code by crate family (${names.size ? "from the name section" : "no names: all 'other'"}):`);
for (const [k, v] of [...byCrate].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.ROWS || 20))) console.log(`  ${k.padEnd(14)} ${mb(v)}`);
