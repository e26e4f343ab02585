// What the browser tools share: the Chromium to drive, its flags, and a
// static server for a built web folder (tools/web-test.mjs,
// tools/web-profile.mjs).
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";

/// The browser: CHROMIUM (scripts/setup.sh finds one and exports it), else
/// Debian's or the snap's. A tool without one says how to get one and exits.
export function findChromium(tool) {
  const found = process.env.CHROMIUM || ["/usr/bin/chromium", "/snap/bin/chromium"].find((p) => existsSync(p));
  if (!found) {
    console.error(`${tool}: no Chromium found: install it (Debian: apt-get install chromium; ` +
      "Ubuntu: sudo snap install chromium) or set CHROMIUM=/path/to/chromium");
    process.exit(2);
  }
  return found;
}

export const FLAGS = [
  "--no-sandbox", "--disable-gpu-sandbox", "--disable-dev-shm-usage",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
  "--disable-quic", "--no-first-run",
  // WebGL2 through SwiftShader: no GPU here (TOOLING.md).
  "--enable-unsafe-swiftshader", "--use-angle=swiftshader", "--ignore-gpu-blocklist",
];

/// A static server for a folder on a free-looking port: { port, base, stop() }.
export function serve(dir, port = 18000 + Math.floor(Math.random() * 2000)) {
  const proc = spawn("python3", ["-m", "http.server", String(port), "--bind", "127.0.0.1", "--directory", dir], {
    stdio: "ignore",
  });
  const gone = new Promise((r) => proc.once("exit", r));
  return { port, base: `http://127.0.0.1:${port}/index.html`, stop: () => { proc.kill(); return gone; } };
}

/// Wait until a server answers at `at`.
export async function waitForServer(at) {
  for (let i = 0; i < 50; i++) {
    try { if ((await fetch(at)).ok) return; } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("the static server did not start");
}

/// Whether a pixel is the mannequin's warm shell (not the floor, the sky,
/// the UI or the overlay's colours), as source for a page to `eval`: the
/// browser test and tools/web-start.mjs count the figure by it.
export const MANNEQUIN_PIXEL =
  "(r, g, b) => r > g && g > b && r - b > 22 && b > 25 && r - b < 170 && r > 60";
