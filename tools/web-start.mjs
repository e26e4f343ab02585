// How long web starts take: open each built web folder ROUNDS times in a
// fresh headless Chromium (no cache, no compiled code kept from a visit
// before), taking the folders in turn so a busy machine slows them alike,
// and print each folder's first frames and their median. The same signal
// as the browser test: the page's own first-frame time (hingeFirstFrameMs).
//
//   node tools/web-start.mjs ROUNDS DIST_DIR [DIST_DIR ...]
//
// For comparing two builds or two pages: copy web/dist, change the copy,
// and give both.
import { chromium } from "playwright-core";
import { FLAGS, findChromium, serve, waitForServer } from "./browser.mjs";

const [rounds, ...dists] = process.argv.slice(2);
if (!(Number(rounds) > 0) || dists.length === 0) {
  console.error("usage: node tools/web-start.mjs ROUNDS DIST_DIR [DIST_DIR ...]");
  process.exit(2);
}
const CHROMIUM = findChromium("web-start");
const servers = dists.map((d) => serve(d));
for (const s of servers) await waitForServer(s.base);
const times = dists.map(() => []);
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
        await page.goto(`${s.base}?view=explore&knee=20&hip=85`);
        await page.waitForFunction(() => window.hingeFirstFrameMs, null, { timeout: 300_000 });
        const t = await page.evaluate(() => ({ ...window.hingeTimes, first: window.hingeFirstFrameMs }));
        times[k].push(t.first);
        console.log(`${dists[k]}: first frame ${r(t.first)} ms (downloaded ${r(t.downloaded)}, ` +
          `running ${r(t.running)})`);
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
    `(${times[k].map(r).join(", ")})`);
}
