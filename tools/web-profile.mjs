// Where a web start goes: open a built web folder in headless Chromium with
// its sampling profiler on, wait for the app's first frame, and print the
// main thread's time by function and by crate, between the page's own
// milestones. The profile is written for Chrome's DevTools (Performance,
// "Load profile") or https://www.speedscope.app.
//
//   node tools/web-profile.mjs DIST_DIR OUT.cpuprofile [RAW_WASM]
//
// Function names need a module that kept its "name" section, which
// `scripts/web.sh` strips. With RAW_WASM (the module cargo wrote, e.g.
// $CARGO_TARGET_DIR/wasm32-unknown-unknown/web/hinge.wasm) the tool copies
// DIST_DIR, runs wasm-bindgen on RAW_WASM keeping the names, and profiles
// the copy. (Without wasm-opt: the code differs a little from what ships.)
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { FLAGS, findChromium, serve, waitForServer } from "./browser.mjs";

const [dist, outFile, raw] = process.argv.slice(2);
if (!dist || !outFile) {
  console.error("usage: node tools/web-profile.mjs DIST_DIR OUT.cpuprofile [RAW_WASM]");
  process.exit(2);
}
const CHROMIUM = findChromium("web-profile");

let dir = dist, scratch = null;
if (raw) {
  scratch = mkdtempSync(join(tmpdir(), "hinge-profile-"));
  dir = join(scratch, "dist");
  cpSync(dist, dir, { recursive: true });
  execFileSync("wasm-bindgen", ["--target", "web", "--no-typescript", "--out-dir", dir, "--out-name", "hinge", raw],
    { stdio: "inherit" });
  // The precompressed copies are of the stripped module: a server must not send them.
  for (const f of ["hinge_bg.wasm.gz", "hinge_bg.wasm.br", "hinge.js.gz", "hinge.js.br"]) rmSync(join(dir, f), { force: true });
}

const server = serve(dir);
await waitForServer(server.base);
// The browser test's flags: WebGL2 through SwiftShader, no GPU (TOOLING.md).
const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", { interval: 500 });
  await cdp.send("Profiler.start");
  const started = Date.now();
  const milestones = [];
  page.on("console", (m) => {
    const hinge = /hinge: (.*?)(?:\s+color:|$)/.exec(m.text());
    if (hinge) milestones.push([Date.now() - started, hinge[1]]);
  });
  await page.goto(`${server.base}?view=explore&knee=20&hip=85`);
  await page.waitForFunction(() => document.documentElement.dataset.hingeReady, null, { timeout: 300_000 });
  const ready = Date.now() - started;
  const times = await page.evaluate(() => ({ ...window.hingeTimes, firstFrame: window.hingeFirstFrameMs }));
  const { profile } = await cdp.send("Profiler.stop");
  writeFileSync(outFile, JSON.stringify(profile));
  report(profile, ready, times, milestones);
} finally {
  await browser.close();
  await server.stop();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
}

/// The main thread's samples up to the ready signal: the top functions by
/// their own time and by the time under them, and the crates.
function report(profile, ready, times, milestones) {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children || []) parent.set(c, n.id);
  const name = (n) => (n.callFrame.functionName || "(anonymous)").replace(/::h[0-9a-f]{16}$/, "");
  const own = new Map(), under = new Map(), crates = new Map();
  const add = (m, k, v) => m.set(k, (m.get(k) || 0) + v);
  let t = profile.startTime, counted = 0;
  profile.samples.forEach((id, i) => {
    t += profile.timeDeltas[i];
    const ms = (t - profile.startTime) / 1000;
    if (ms > ready) return;
    const dt = profile.timeDeltas[i] / 1000;
    counted += dt;
    const leaf = name(nodes.get(id));
    add(own, leaf, dt);
    const crate = /^<?&?(?:mut )?([a-z_0-9]+)(?:\[[0-9a-f]+\])?::/.exec(leaf);
    add(crates, crate ? crate[1] : leaf, dt);
    const seen = new Set();
    for (let x = id; x !== undefined; x = parent.get(x)) {
      const f = name(nodes.get(x));
      if (!seen.has(f)) { seen.add(f); add(under, f, dt); }
    }
  });
  const top = (m, n) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n)
    .map(([k, v]) => `  ${v.toFixed(0).padStart(6)} ms  ${k.slice(0, 150)}`).join("\n");
  const r = (x) => (x === undefined ? "?" : Math.round(x));
  console.log(`ready after ${ready} ms (module downloaded at ${r(times.downloaded)} ms, running at ${r(times.running)} ms, ` +
    `first frame at ${r(times.firstFrame)} ms after navigation)`);
  console.log(`milestones (ms after the profile started): ${milestones.map(([ms, m]) => `${m} ${ms}`).join(", ")}`);
  console.log(`sampled main thread until ready: ${counted.toFixed(0)} ms`);
  console.log(`by crate (own time):\n${top(crates, 20)}`);
  console.log(`by function, own time:\n${top(own, 25)}`);
  console.log(`by function, with what it calls:\n${top(under, 60)}`);
}
