// How long web starts take: open each built web folder ROUNDS times in a
// fresh headless Chromium (no cache, no compiled code kept from a visit
// before), taking the folders in turn so a busy machine slows them alike,
// and print each folder's first frames and their median. The same signal
// as the browser test: the page's own first-frame time (hingeFirstFrameMs),
// and beside it the first frame the canvas really shows the mannequin in.
//
//   node tools/web-start.mjs ROUNDS DIST_DIR [DIST_DIR ...]
//   NO_LOOK=1 node tools/web-start.mjs ...   the app's signal only
//
// For comparing two builds or two pages: copy web/dist, change the copy,
// and give both.
import { chromium } from "playwright-core";
import { FLAGS, MANNEQUIN_PIXEL, findChromium, serve, waitForServer } from "./browser.mjs";

const [rounds, ...dists] = process.argv.slice(2);
if (!(Number(rounds) > 0) || dists.length === 0) {
  console.error("usage: node tools/web-start.mjs ROUNDS DIST_DIR [DIST_DIR ...]");
  process.exit(2);
}
const CHROMIUM = findChromium("web-start");
const servers = dists.map((d) => serve(d));
for (const s of servers) await waitForServer(s.base);
const times = dists.map(() => []);
const seen = dists.map(() => []);
// The app's own signal can only be as true as the app's idea of "drawn".
// This looks at the canvas itself: after each of the app's frames (in the
// same task, before the browser shows or clears it) it counts the
// mannequin's warm pixels (every fourth pixel), and notes the time of the
// first frame that has the figure. The look costs each frame a few ms, in
// every build alike, until the figure is seen.
// NO_LOOK=1 leaves the canvas alone: the app's signal alone, as in the
// browser test.
const LOOK = !process.env.NO_LOOK;
const SEEN = (pixel) => {
  const shell = eval(pixel);
  const raf = window.requestAnimationFrame.bind(window);
  const look = () => {
    const c = document.getElementById("hinge");
    if (window.hingeSeenMs || !c || !c.width) return;
    const g = document.createElement("canvas");
    g.width = c.width; g.height = c.height;
    const x = g.getContext("2d");
    x.drawImage(c, 0, 0);
    const d = x.getImageData(0, 0, g.width, g.height).data;
    let warm = 0;
    for (let i = 0; i < d.length; i += 16) if (shell(d[i], d[i + 1], d[i + 2])) warm++;
    if (warm > 500) window.hingeSeenMs = performance.now();
  };
  window.requestAnimationFrame = (cb) => raf((t) => { cb(t); look(); });
};
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const r = Math.round;
try {
  for (let i = 0; i < Number(rounds); i++) {
    for (const [k, s] of servers.entries()) {
      const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
      try {
        const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
        if (LOOK) await page.addInitScript(SEEN, MANNEQUIN_PIXEL);
        await page.goto(`${s.base}?view=explore&knee=20&hip=85`);
        await page.waitForFunction((look) => window.hingeFirstFrameMs && (!look || window.hingeSeenMs),
          LOOK, { timeout: 300_000 });
        const t = await page.evaluate(() => ({ ...window.hingeTimes, first: window.hingeFirstFrameMs,
          seen: window.hingeSeenMs }));
        times[k].push(t.first);
        if (LOOK) seen[k].push(t.seen);
        console.log(`${dists[k]}: first frame ${r(t.first)} ms, mannequin seen ${r(t.seen)} ms ` +
          `(downloaded ${r(t.downloaded)}, running ${r(t.running)})`);
      } finally {
        await browser.close();
      }
    }
  }
} finally {
  for (const s of servers) await s.stop();
}
for (const [k, d] of dists.entries()) {
  console.log(`${d}: median ${r(median(times[k]))} ms of ${times[k].length} starts ` +
    `(${times[k].map(r).join(", ")})` + (LOOK ? `; mannequin seen: median ${r(median(seen[k]))} ms ` +
    `(${seen[k].map(r).join(", ")})` : ""));
}
