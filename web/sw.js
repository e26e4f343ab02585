// Hinge's service worker: after the first visit the tutor starts with no
// network at all (a gym without Wi-Fi). scripts/web.sh writes the build id
// and the list of files into the copy in web/dist/ (tools/service-worker.mjs).
//
// Every file of the build is kept in one cache named after the build; a new
// build is a new worker that fills its own cache, waits, and replaces the old
// one when the page asks (the page offers "a new version is ready").
const BUILD = "__HINGE_BUILD__";
const FILES = __HINGE_FILES__;
const CACHE = `hinge-${BUILD}`;

self.addEventListener("install", (event) => {
  // Past the browser's HTTP cache: a new build must not keep an old file.
  const fresh = FILES.map((url) => new Request(url, { cache: "reload" }));
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(fresh)));
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith("hinge-") && name !== CACHE) await caches.delete(name);
    }
    // The first visit's page is served from the cache from now on too.
    await self.clients.claim();
  })());
});

// The page's "reload to update" button.
self.addEventListener("message", (event) => {
  if (event.data === "hinge-update") self.skipWaiting();
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    // The page's options are in its query (?view=drills&drill=...): one
    // cached page serves every bookmark.
    const page = request.mode === "navigate";
    const hit = await cache.match(request, { ignoreSearch: page });
    if (hit) return hit;
    try {
      return await fetch(request);
    } catch (offline) {
      const index = page && (await cache.match("./index.html"));
      if (index) return index;
      throw offline;
    }
  })());
});
