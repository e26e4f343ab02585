// The browser test: serve a built web folder on 127.0.0.1, open it in
// headless Chromium (CHROMIUM or Debian's, driven by playwright-core), wait for the
// app's own "first frame" signal, fail on any page error or error-level
// console message, check the picture shows the mannequin, and that a URL
// option changes it. Also: a browser without WebGL2 gets a message, not a
// blank page (and, with no WebGL2 at all, downloads nothing), and another
// script's error is not taken for the tutor failing; a bad URL option is
// named on the page and the app still runs;
// with browser storage turned off the app runs and says nothing is saved; a
// gamepad's D-pad changes the drill; "Save picture" downloads a handout; after one visit the tutor starts
// offline and offers a newer build; a phone-sized touch screen shows the
// figure; a photo opens from its address, the file input and a drop, and
// its kept marks give the verdict.
//
//   node tools/web-test.mjs DIST_DIR OUT_DIR
//
// Screenshots go to OUT_DIR (first-at-ready.png, first.png, standing.png, present-key.png,
// leave-click.png, present-click.png, handout.png, handout-download.png,
// plan-step-5.png, plan-step-6.png, photo.png, photo-chosen.png,
// no-storage.png, gamepad-before/after.png, bad-option.png, offline.png,
// update-ready.png, phone-portrait.png, phone-landscape.png, no-webgl2.png)
// for a person to open. Prints the time from navigation to
// the first rendered frame.
import {
  mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { chromium } from "playwright-core";
import { FLAGS, MANNEQUIN_PIXEL, findChromium, serve, waitForServer } from "./browser.mjs";

const [dist, out] = process.argv.slice(2);
if (!dist || !out) {
  console.error("usage: node tools/web-test.mjs DIST_DIR OUT_DIR");
  process.exit(2);
}
const CHROMIUM = findChromium("web-test");
mkdirSync(out, { recursive: true });
// The offline test has its own server (a service worker belongs to its
// origin), and stops it to take the network away.
const server = serve(dist);
const base = server.base;
const failures = [];
const fail = (m) => { failures.push(m); console.error("FAIL: " + m); };

// Messages that are not errors of ours: winit leaves its loop by throwing
// on purpose; WebGL2 under SwiftShader lacks features Bevy then skips.
const harmless = (t) => /Using exceptions for control flow/.test(t);

/// Open a URL, wait for the ready signal, return [page, ms to first frame].
/// `browser` is a browser or a context (with its own init scripts, or a
/// phone's screen); `at` another server's page. With `atSignal`, the page
/// also gets `page.atSignal`: the canvas as a PNG, read in the same task
/// as the signal, before the browser shows or clears that frame, so it is
/// exactly the frame the app called ready.
async function open(browser, query, name, at = base, atSignal = false) {
  let t0 = Date.now();
  const page = await browser.newPage(browser.newContext ? { viewport: { width: 1280, height: 720 } } : {});
  page.on("pageerror", (e) => { if (!harmless(String(e))) fail(`${name}: page error: ${e}`); });
  // The app's own milestones ("hinge: ..."), with their time, for the
  // first page's breakdown of the start.
  page.milestones = [];
  page.on("console", (m) => {
    // (The log's styling arguments follow the message: cut them off.)
    const hinge = /hinge: (.*?)(?:\s+color:|$)/.exec(m.text());
    if (hinge) page.milestones.push(`${hinge[1]} (${Date.now() - t0} ms)`);
    if (m.type() === "error" && !harmless(m.text())) fail(`${name}: console error: ${m.text().slice(0, 400)}`);
  });
  t0 = Date.now();
  await page.goto(at + query);
  // Seen the moment the page is marked (a mutation observer in the page),
  // not at the next poll: Playwright's waitForSelector polls once per
  // animation frame, and a busy first frame delays it by one (0.4-1 s here).
  const signal = await page.evaluate((capture) => new Promise((resolve, reject) => {
    // Ready before this ran: the frame the app called ready has been shown
    // and cleared, so it cannot be read (said, not mistaken for a blank one).
    if (capture && document.documentElement.dataset.hingeReady) {
      resolve({ missed: true, captureMs: 0 });
      return;
    }
    const ready = () => {
      if (!document.documentElement.dataset.hingeReady) return false;
      // (The app sets the mark while it runs a frame; this runs once that
      // frame's task is over: drawn, not yet shown.)
      const t = performance.now();
      const png = capture ? document.getElementById("hinge").toDataURL("image/png") : null;
      resolve({ png, captureMs: performance.now() - t });
      return true;
    };
    if (!ready()) {
      new MutationObserver(ready).observe(document.documentElement,
        { attributes: true, attributeFilter: ["data-hinge-ready"] });
      setTimeout(() => reject(new Error("no ready signal after 300 s")), 300_000);
    }
  }), atSignal);
  const ms = Math.round(Date.now() - t0 - signal.captureMs);
  if (signal.missed) fail(`${name}: the page was ready before the test could watch for it`);
  if (signal.png) page.atSignal = Buffer.from(signal.png.split(",")[1], "base64");
  // A few more frames, so the picture has settled.
  await page.waitForTimeout(1500);
  return [page, ms];
}

/// A page-side function that decodes a base64 PNG into its RGBA pixels
/// (the browser decodes; no image library needed here).
const DECODE = `async (b64) => {
  const img = new Image();
  img.src = "data:image/png;base64," + b64;
  await img.decode();
  const c = document.createElement("canvas");
  c.width = img.width; c.height = img.height;
  const g = c.getContext("2d");
  g.drawImage(img, 0, 0);
  return { data: g.getImageData(0, 0, c.width, c.height).data, width: c.width };
}`;

/// Mannequin-coloured pixels (the warm shell) in a screenshot, counted by
/// the browser itself, with their bounding box.
async function mannequin(page, png) {
  return page.evaluate(async ([decode, warm, b64]) => {
    const { data: d, width } = await eval(decode)(b64);
    const shell = eval(warm);
    const c = { width };
    let n = 0, minX = 1e9, maxX = -1, minY = 1e9, maxY = -1;
    for (let i = 0; i < d.length; i += 4) {
      if (shell(d[i], d[i + 1], d[i + 2])) {
        n++;
        const p = i / 4, x = p % c.width, y = Math.floor(p / c.width);
        minX = Math.min(minX, x); maxX = Math.max(maxX, x);
        minY = Math.min(minY, y); maxY = Math.max(maxY, y);
      }
    }
    return { n, box: [minX, minY, maxX, maxY] };
  }, [DECODE, MANNEQUIN_PIXEL, png.toString("base64")]);
}

/// The share of pixels that differ clearly between two screenshots.
async function changed(page, pngA, pngB) {
  return page.evaluate(async ([decode, a64, b64]) => {
    const [a, b] = [(await eval(decode)(a64)).data, (await eval(decode)(b64)).data];
    let n = 0;
    for (let i = 0; i < a.length; i += 4) {
      if (Math.abs(a[i] - b[i]) + Math.abs(a[i + 1] - b[i + 1]) + Math.abs(a[i + 2] - b[i + 2]) > 60) n++;
    }
    return n / (a.length / 4);
  }, [DECODE, pngA.toString("base64"), pngB.toString("base64")]);
}

async function shoot(page, name) {
  const png = await page.screenshot();
  writeFileSync(join(out, name + ".png"), png);
  console.log(`screenshot: ${join(out, name + ".png")}`);
  return png;
}

let code = 0;
const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
try {
  await waitForServer(base);
  // 1. A bookmark: a drill at its hinge, from the URL.
  // The page says ready when the figure is drawn: the very frame the app
  // called ready shows it (the loading screen goes then: checked on the
  // page's picture below).
  const [first, ms] = await open(browser, "?view=explore&knee=20&hip=85", "hinge", base, true);
  const atReady = first.atSignal;
  const times = await first.evaluate(() => window.hingeTimes);
  const at = (t) => (t === undefined ? "?" : Math.round(t));
  console.log(`first frame: ${ms} ms after navigation (module downloaded at ${at(times.downloaded)} ms, ` +
    `app built and running at ${at(times.running)} ms, first frame at ${at(await first.evaluate(() => window.hingeFirstFrameMs))} ms)`);
  console.log(`the app's milestones, ms after navigation: ${first.milestones.join(", ")}`);
  if (atReady) {
    writeFileSync(join(out, "first-at-ready.png"), atReady);
    const ready = await mannequin(first, atReady);
    console.log(`the frame the app called ready: mannequin ${ready.n} px (${join(out, "first-at-ready.png")})`);
    if (ready.n < 2000) fail(`the page said ready before the mannequin was drawn (${ready.n} px)`);
  }
  const a = await mannequin(first, await shoot(first, "first"));
  console.log(`mannequin: ${a.n} px, box ${a.box}`);
  if (a.n < 2000) fail(`the mannequin is not on screen (${a.n} px)`);
  if (!(await first.locator("#loading").isHidden())) fail("the loading screen is still showing");
  await first.close();

  // 2. Another URL option: standing straight is taller and narrower.
  const [stand] = await open(browser, "?view=explore&knee=0&hip=0", "standing");
  const standing = await shoot(stand, "standing");
  const b = await mannequin(stand, standing);
  console.log(`standing: ${b.n} px, box ${b.box}`);
  const [ah, bh] = [a.box[3] - a.box[1], b.box[3] - b.box[1]];
  if (!(bh > ah * 1.15)) fail(`the URL option did not change the picture (heights ${ah} vs ${bh})`);
  // ... and a key works in the page: P presents (the panels go, a title and
  // a caption band come, the figure grows).
  await stand.locator("canvas#hinge").click({ position: { x: 640, y: 360 } });
  await stand.keyboard.press("p");
  await stand.waitForTimeout(2000);
  const presented = await shoot(stand, "present-key");
  const share = await changed(stand, standing, presented);
  const c = await mannequin(stand, presented);
  console.log(`after P: ${(share * 100).toFixed(0)}% of the picture changed, mannequin ${c.n} px`);
  if (share < 0.3 || c.n < 2000) fail(`pressing P did not present (${(share * 100).toFixed(0)}% changed, ${c.n} px)`);
  // ... and a tablet with no keyboard leaves and presents again by tapping
  // the on-screen buttons: "Leave" ends the presenter's row along the bottom,
  // "Present" is under the view tabs (their places in the 1280x720 layout,
  // out/render/present-buttons.png and explore-buttons.png).
  await stand.mouse.click(712, 691);
  await stand.waitForTimeout(2000);
  const left = await shoot(stand, "leave-click");
  const leftShare = await changed(stand, presented, left);
  console.log(`after clicking Leave: ${(leftShare * 100).toFixed(0)}% of the picture changed`);
  if (leftShare < 0.3) fail(`clicking Leave did not leave presenter mode (${(leftShare * 100).toFixed(0)}% changed)`);
  await stand.mouse.click(52, 84);
  await stand.waitForTimeout(2000);
  const again = await shoot(stand, "present-click");
  const againShare = await changed(stand, left, again);
  console.log(`after clicking Present: ${(againShare * 100).toFixed(0)}% of the picture changed`);
  if (againShare < 0.3) fail(`clicking Present did not present (${(againShare * 100).toFixed(0)}% changed)`);
  await stand.close();

  // 2b. A handout from its address, kept by "Save picture" (S): the
  // browser downloads a PNG of the sheet, named for the drill.
  const [sheet] = await open(browser, "?view=handout&drill=barbell-rdl", "handout");
  await shoot(sheet, "handout");
  await sheet.locator("canvas#hinge").click({ position: { x: 640, y: 300 } });
  const [download] = await Promise.all([
    sheet.waitForEvent("download", { timeout: 60_000 }),
    sheet.keyboard.press("s"),
  ]);
  const saved = join(out, "handout-download.png");
  await download.saveAs(saved);
  const bytes = readFileSync(saved);
  const isPng = bytes.subarray(1, 4).toString() === "PNG";
  console.log(`Save picture: downloaded ${download.suggestedFilename()}, ${bytes.length} bytes`);
  if (download.suggestedFilename() !== "hinge-handout-barbell-rdl.png" || !isPng || bytes.length < 20_000) {
    fail(`Save picture did not download the handout (${download.suggestedFilename()}, ${bytes.length} bytes)`);
  }
  await sheet.close();

  // 2c. A class plan from its address, walked by tapping Next (the
  // presenter's row, out/render/plan-first-hinge-class-5.png): step 5's
  // hinge on its own gives way to step 6's wall drill.
  const [plan] = await open(browser, "?plan=first-hinge-class&step=5", "plan");
  const step5 = await shoot(plan, "plan-step-5");
  await plan.mouse.click(339, 691);
  await plan.waitForTimeout(2500);
  const step6 = await shoot(plan, "plan-step-6");
  const planShare = await changed(plan, step5, step6);
  console.log(`class plan, after tapping Next: ${(planShare * 100).toFixed(0)}% of the picture changed`);
  if (planShare < 0.1) fail(`tapping Next did not take the plan to its next step (${(planShare * 100).toFixed(0)}% changed)`);
  await plan.close();

  // 2d. "Check my hinge" in a browser. A side photo at an address
  // (?photo=), whose marks this browser kept on an earlier visit, gets the
  // coach's verdict (tests/data/learner-side.png: a rounded back rendered by
  // hinge gen-photo, with its true marks beside it). Then one chosen with
  // the view's file input and one dropped on the page open bare, by name.
  const photoFile = resolve("tests/data/learner-side.png");
  const photoCtx = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  await photoCtx.route("**/learner-side.png", (r) => r.fulfill({ path: photoFile, contentType: "image/png" }));
  await photoCtx.addInitScript((kept) => {
    if (!sessionStorage.getItem("seeded")) {
      localStorage.setItem("hinge/photo-marks/learner-side.png", kept);
      sessionStorage.setItem("seeded", "1");
    }
  }, readFileSync(photoFile + ".hinge-marks.ron", "utf8"));
  const [photo] = await open(photoCtx, "?photo=learner-side.png", "photo");
  const photoState = () => photo.evaluate(() => [
    document.documentElement.dataset.hingeView,
    document.documentElement.dataset.hingePhoto,
    document.documentElement.dataset.hingePhotoVerdict,
  ]);
  const photoIs = (name) => photo.waitForFunction(
    (n) => (document.documentElement.dataset.hingePhoto || "").startsWith(n + " "), name, { timeout: 60_000 },
  ).catch(() => {});
  await photoIs("learner-side.png");
  await photo.waitForTimeout(1500);
  await shoot(photo, "photo");
  const [pView, pName, pVerdict] = await photoState();
  console.log(`photo from ?photo=: view ${pView}, "${pName}", verdict "${pVerdict}"`);
  if (pView !== "photo" || pName !== "learner-side.png 450x600" || !/^stoop\b/.test(pVerdict || "") || !/rounded_back/.test(pVerdict || "")) {
    fail(`?photo= with kept marks did not give the photo's verdict (view ${pView}, "${pName}", "${pVerdict}")`);
  }
  const chosen = join(mkdtempSync(join(tmpdir(), "hinge-photo-")), "my-hinge.png");
  writeFileSync(chosen, readFileSync(photoFile));
  await photo.setInputFiles("#hinge-photo-input", chosen);
  await photoIs("my-hinge.png");
  await photo.waitForTimeout(1500);
  await shoot(photo, "photo-chosen");
  const [, cName, cVerdict] = await photoState();
  console.log(`photo chosen with the file input: "${cName}", verdict "${cVerdict}"`);
  if (cName !== "my-hinge.png 450x600" || cVerdict) fail(`the chosen photo did not open bare ("${cName}", "${cVerdict}")`);
  await photo.evaluate(async () => {
    const blob = await (await fetch("learner-side.png")).blob();
    const dt = new DataTransfer();
    dt.items.add(new File([blob], "dropped.png", { type: "image/png" }));
    document.querySelector("canvas#hinge").dispatchEvent(new DragEvent("drop", { dataTransfer: dt, bubbles: true, cancelable: true }));
  });
  await photoIs("dropped.png");
  const [, dName] = await photoState();
  console.log(`photo dropped on the page: "${dName}"`);
  if (dName !== "dropped.png 450x600") fail(`a photo dropped on the page did not open ("${dName}")`);
  // 2e. "Guess the marks for me" (over "Tap the ankle bone" in the 1280x720
  // layout): the page's pose model (MediaPipe Pose from its npm package,
  // loaded on this first use) marks the bare photo. Each guessed joint is
  // compared with the true marks hinge gen-photo wrote beside the fixture.
  await photo.mouse.click(100, 218);
  const g0 = Date.now();
  await photo.waitForFunction(() => {
    const d = document.documentElement.dataset;
    return (d.hingePhotoMarks || "") !== "" || (d.hingePhotoMessage || "").startsWith("No first guess");
  }, null, { timeout: 180_000 }).catch(() => {});
  const guessMs = Date.now() - g0;
  await photo.waitForTimeout(1500);
  await shoot(photo, "photo-guessed");
  const [gMarks, gSaid] = await photo.evaluate(() => [
    document.documentElement.dataset.hingePhotoMarks || "",
    document.documentElement.dataset.hingePhotoMessage || "",
  ]);
  const truth = Object.fromEntries(
    [...readFileSync(photoFile + ".hinge-marks.ron", "utf8").matchAll(/\("(\w+)", \(([-\d.]+), ([-\d.]+)\)\)/g)]
      .map(([, n, x, y]) => [n, [Number(x), Number(y)]]),
  );
  const guessed = Object.fromEntries(gMarks.split(";").filter(Boolean).map((p) => {
    const [n, xy] = p.split("=");
    return [n, xy.split(",").map(Number)];
  }));
  const missed = ["ankle", "knee", "hip", "shoulder", "ear"].map((n) => [
    n, guessed[n] ? Math.hypot(guessed[n][0] - truth[n][0], guessed[n][1] - truth[n][1]) : Infinity,
  ]);
  console.log(`guess the marks: ${guessMs} ms; off by ${missed.map(([n, d]) => `${n} ${d.toFixed(0)}`).join(", ")} px (the figure is 600 px tall); "${gSaid.slice(0, 60)}"`);
  // Within 30 px, a twentieth of the photo's height: a first guess the
  // learner corrects by hand, not a measurement.
  for (const [n, d] of missed) if (!(d <= 30)) fail(`the pose model's guess of the ${n} is ${d.toFixed(0)} px off (${gMarks || gSaid})`);
  await photoCtx.close();

  // 3. Storage turned off (as with cookies blocked): reading localStorage
  // throws. The tutor opens, shows the mannequin and says nothing is saved.
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  await ctx.addInitScript(() => {
    Object.defineProperty(window, "localStorage", {
      get() { throw new DOMException("Access is denied for this document.", "SecurityError"); },
    });
  });
  const [nostore] = await open(ctx, "?view=explore&knee=20&hip=85", "no storage");
  const ns = await mannequin(nostore, await shoot(nostore, "no-storage"));
  const nsNotice = await nostore.locator("#hinge-notice").innerText();
  console.log(`storage off: mannequin ${ns.n} px, notice "${nsNotice.slice(0, 120)}"`);
  if (ns.n < 2000) fail(`with storage off the mannequin is not on screen (${ns.n} px)`);
  if (!/storage/.test(nsNotice)) fail(`with storage off the page does not say so: "${nsNotice}"`);
  await ctx.close();

  // 4. A gamepad (the browser's Gamepad API, played by a script: headless
  // Chromium has no pads): its D-pad right moves to the next drill.
  const padCtx = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  await padCtx.addInitScript(() => {
    const buttons = Array.from({ length: 17 }, () => ({ pressed: false, touched: false, value: 0 }));
    const pad = {
      id: "Test pad (STANDARD GAMEPAD)", index: 0, connected: true, mapping: "standard",
      timestamp: 0, axes: [0, 0, 0, 0], buttons,
    };
    navigator.getGamepads = () => [pad, null, null, null];
    window.__pad = {
      set(i, down) { buttons[i] = { pressed: down, touched: down, value: down ? 1 : 0 }; pad.timestamp++; },
    };
  });
  const [padPage] = await open(padCtx, "?view=drills&drill=wall-hinge", "gamepad");
  const drillNow = () => padPage.evaluate(() => document.documentElement.dataset.hingeDrill);
  const before = await drillNow();
  await shoot(padPage, "gamepad-before");
  // D-pad right, held until the page shows another drill (at most 5 s): the
  // browser's pads are polled once a frame, and a debug build under
  // SwiftShader can take longer than a short press for one frame.
  await padPage.evaluate(() => window.__pad.set(15, true));
  for (let t = 0; t < 5000 && (await drillNow()) === before; t += 100) await padPage.waitForTimeout(100);
  await padPage.evaluate(() => window.__pad.set(15, false));
  await padPage.waitForTimeout(1500);
  await shoot(padPage, "gamepad-after");
  const after = await drillNow();
  console.log(`gamepad D-pad right: drill ${before} -> ${after}`);
  if (before !== "wall-hinge" || !after || after === before) fail(`the gamepad's D-pad did not move to the next drill (${before} -> ${after})`);
  await padCtx.close();

  // 5. A bad URL option is named on the page; the tutor still opens.
  const [bad] = await open(browser, "?view=gallery", "bad option");
  const notice = await bad.locator("#hinge-notice").innerText();
  await shoot(bad, "bad-option");
  if (!/view=/.test(notice) || !/explore/.test(notice)) fail(`no clear notice for view=gallery: "${notice}"`);
  await bad.close();

  // ... and another script's errors while the tutor starts (an extension, a
  // page around it) are not taken for the tutor failing to start: the
  // notice never shows and the download goes on.
  const othersCtx = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  await othersCtx.addInitScript(() => {
    for (const ms of [300, 800, 1500]) setTimeout(() => { throw new Error("another script's error"); }, ms);
    addEventListener("DOMContentLoaded", () => {
      const problem = document.getElementById("problem");
      new MutationObserver(() => { if (!problem.hidden) window.hingeProblemShown = problem.innerText; })
        .observe(problem, { attributes: true });
    });
  });
  const others = await othersCtx.newPage();
  const cut = [];
  others.on("requestfailed", (r) => cut.push(new URL(r.url()).pathname));
  try {
    await others.goto(base + "?view=explore");
    await others.waitForFunction(() => document.documentElement.dataset.hingeReady || window.hingeProblemShown,
      null, { timeout: 120_000 });
    const shown = await others.evaluate(() => window.hingeProblemShown);
    if (shown || cut.length) fail(`another script's error was taken for a failed start: "${shown}" (cut off: ${cut.join(", ")})`);
    else console.log("another script's errors during the start: the tutor started");
  } catch (e) {
    fail(`another script's errors during the start: ${e}`);
  }
  await othersCtx.close();

  // ... and a server that sends the module with another type, or a browser
  // without WebAssembly.compileStreaming, still gets the tutor.
  const sentAs = (type) => [`the module sent as ${type}`, (ctx) => ctx.route(/hinge_bg\.wasm$/, async (route) => {
    const r = await route.fetch();
    await route.fulfill({ response: r, headers: { ...r.headers(), "content-type": type } });
  })];
  const ways = [
    sentAs("application/octet-stream"),
    sentAs("application/wasm; charset=binary"),
    ["no WebAssembly.compileStreaming", (ctx) => ctx.addInitScript(() => { delete WebAssembly.compileStreaming; })],
  ];
  // ... and a browser with WebGL2 turned off (the interface there, no
  // context given) downloads the app, which fails to get one: the page then
  // says what is missing.
  ways.push(["WebGL2 turned off", (ctx) => ctx.addInitScript(() => {
    const get = HTMLCanvasElement.prototype.getContext;
    HTMLCanvasElement.prototype.getContext = function (kind, ...rest) {
      return kind === "webgl2" ? null : get.call(this, kind, ...rest);
    };
  }), /WebGL2/]);
  for (const [label, setUp, expected] of ways) {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    await setUp(ctx);
    const page = await ctx.newPage();
    try {
      await page.goto(base + "?view=explore");
      await page.waitForFunction(() => document.documentElement.dataset.hingeReady ||
        !document.getElementById("problem").hidden, null, { timeout: 120_000 });
      const problem = await page.locator("#problem").isHidden() ? "" : await page.locator("#problem").innerText();
      if (expected) {
        if (!expected.test(problem)) fail(`${label}: the page said "${problem}"`);
        else console.log(`${label}: "${problem.replace(/\s+/g, " ").slice(0, 70)}..."`);
      } else if (problem) fail(`${label}: "${problem}"`);
      else console.log(`${label}: the tutor started`);
    } catch (e) {
      fail(`${label}: ${e}`);
    }
    await ctx.close();
  }

  // 6. A gym without Wi-Fi: after one visit the tutor starts with no network
  // (its own server, stopped), and a newer build is offered by a button that
  // reloads into it.
  const shelf = serve(dist);
  await waitForServer(shelf.base);
  const offCtx = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const [off] = await open(offCtx, "?view=drills&drill=dowel-hinge", "offline", shelf.base);
  // The worker keeps every file of the build, then takes the page over.
  await off.waitForFunction(() => navigator.serviceWorker && navigator.serviceWorker.controller, null, { timeout: 300_000 });
  const cacheSizes = () => off.evaluate(async () => {
    const out = {};
    for (const name of await caches.keys()) out[name] = (await (await caches.open(name)).keys()).length;
    return out;
  });
  const kept = await cacheSizes();
  console.log(`offline: kept ${JSON.stringify(kept)}`);
  await shelf.stop();
  const t1 = Date.now();
  await off.reload();
  await off.waitForSelector("html[data-hinge-ready]", { timeout: 300_000 });
  console.log(`offline reload: first frame ${Date.now() - t1} ms with the server stopped`);
  await off.waitForTimeout(1500);
  const o = await mannequin(off, await shoot(off, "offline"));
  if (o.n < 2000) fail(`offline, the tutor did not start (${o.n} px of mannequin)`);
  // A new build at the same address: the same files, another worker.
  const next = mkdtempSync(join(tmpdir(), "hinge-next-"));
  for (const name of readdirSync(dist)) {
    if (name !== "sw.js") symlinkSync(resolve(dist, name), join(next, name));
  }
  const sw = readFileSync(join(dist, "sw.js"), "utf8");
  writeFileSync(join(next, "sw.js"), sw.replace(/const BUILD = "([^"]+)"/, 'const BUILD = "$1-next"'));
  const shelf2 = serve(next, shelf.port);
  await waitForServer(shelf2.base);
  await off.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
  await off.waitForSelector("#hinge-update:not([hidden])", { timeout: 300_000 });
  await shoot(off, "update-ready");
  await Promise.all([off.waitForEvent("load", { timeout: 300_000 }), off.click("#hinge-update")]);
  await off.waitForSelector("html[data-hinge-ready]", { timeout: 300_000 });
  const now = await cacheSizes();
  console.log(`after the update: kept ${JSON.stringify(now)}`);
  const names = Object.keys(now);
  if (names.length !== 1 || !names[0].endsWith("-next")) fail(`the update did not replace the offline copy: ${JSON.stringify(now)}`);
  await offCtx.close();
  await shelf2.stop();
  rmSync(next, { recursive: true });

  // 7. A phone in the gym: a 390x844 touch screen at two device pixels a
  // point, upright and on its side. The figure and the verdict show; the
  // panels fold behind buttons a finger can hit.
  //
  // Playwright's deviceScaleFactor alone is not a phone: devicePixelRatio
  // says 2 but the canvas's device-pixel box (which winit sizes the canvas
  // by) stays at CSS pixels, so the app drew at half the phone's resolution
  // and laid its text out for a screen half as wide, twice as big. With
  // Chromium's own scale factor as well, both say 2, as on a phone.
  const phones = await chromium.launch({ executablePath: CHROMIUM, args: [...FLAGS, "--force-device-scale-factor=2"] });
  try {
    for (const [width, height, name] of [[390, 844, "phone-portrait"], [844, 390, "phone-landscape"]]) {
      const phone = await phones.newContext({ viewport: { width, height }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
      const [p] = await open(phone, "?view=explore&knee=20&hip=85", name);
      const m = await mannequin(p, await shoot(p, name));
      const canvas = await p.evaluate(() => {
        const c = document.querySelector("#hinge");
        return { w: c.width, h: c.height, css: c.clientWidth, dpr: devicePixelRatio };
      });
      console.log(`${name}: mannequin ${m.n} px, box ${m.box}; canvas ${canvas.w} pixels for ${canvas.css} points at ${canvas.dpr}x`);
      if (m.n < 4000) fail(`${name}: the mannequin is not on screen (${m.n} px)`);
      if (canvas.dpr !== 2 || canvas.w !== canvas.css * canvas.dpr) fail(`${name}: the canvas draws ${canvas.w} pixels for ${canvas.css} points at ${canvas.dpr}x`);
      // The whole figure as the app calls itself ready: framed for the
      // phone, not for the 1280x720 window the app starts with.
      const [x0, y0, x1, y1] = m.box;
      if (x0 <= 1 || y0 <= 1 || x1 >= canvas.w - 2 || y1 >= canvas.h - 2) fail(`${name}: the figure is cut off (box ${m.box})`);
      await phone.close();
    }
  } finally {
    await phones.close();
  }
} catch (e) {
  fail(String(e && e.stack || e));
} finally {
  await browser.close();
}

// 8. No WebGL2: a message saying what to do, not a blank page.
const plain = await chromium.launch({
  executablePath: CHROMIUM,
  args: [...FLAGS.filter((f) => !/swiftshader|angle/.test(f)), "--disable-webgl", "--disable-3d-apis"],
});
try {
  const page = await plain.newPage({ viewport: { width: 1280, height: 720 } });
  await page.goto(base);
  await page.waitForSelector("#problem:not([hidden])", { timeout: 20_000 });
  const text = await page.locator("#problem").innerText();
  await shoot(page, "no-webgl2");
  if (!/WebGL2/.test(text) || !/reload/i.test(text)) fail(`the no-WebGL2 message is unclear: "${text}"`);
  // A browser with no WebGL2 at all is told at once and downloads nothing.
  const old = await plain.newContext({ viewport: { width: 1280, height: 720 } });
  await old.addInitScript(() => { delete window.WebGL2RenderingContext; });
  const oldPage = await old.newPage();
  const asked = [];
  oldPage.on("request", (r) => asked.push(new URL(r.url()).pathname));
  await oldPage.goto(base);
  await oldPage.waitForSelector("#problem:not([hidden])", { timeout: 20_000 });
  const oldText = await oldPage.locator("#problem").innerText();
  if (!/WebGL2/.test(oldText)) fail(`no WebGL2 at all: the message is unclear: "${oldText}"`);
  if (asked.some((p) => /hinge(_bg\.wasm|\.js)$/.test(p))) fail(`no WebGL2 at all: the app was downloaded (${asked.join(", ")})`);
  console.log(`no WebGL2 at all: told at once, asked only for ${asked.join(", ")}`);
} catch (e) {
  fail("no-WebGL2 page: " + String(e));
} finally {
  await plain.close();
  await server.stop();
}

if (failures.length) {
  console.error(`web test: ${failures.length} failure(s)`);
  code = 1;
} else {
  console.log("web test: passed");
}
process.exit(code);
