// Yiqi's service worker (issue 17, docs/decisions/0057-warm-visits.md). Written into web/dist/sw.js by
// the build (`serviceWorker` in web/vite.config.ts), which writes in this build's shell:
// { version, index, indexHash, assets, light }. It keeps one thing: the light public pages' shell (index.html and
// the hashed files it and the light pages load), so a return visit to one of those pages starts without
// waiting for the network. It never answers an API request (/api/* goes to the network and the browser's
// own HTTP cache, which the server controls per answer) and leaves every other page and file alone.
/* eslint-disable */
const SHELL = __SHELL__;
const PREFIX = 'yiqi-shell-';
const CACHE = PREFIX + SHELL.version;
const LIGHT = new RegExp(SHELL.light);
const ASSETS = new Set(SHELL.assets);

// A new build is a new sw.js (its shell differs), which the browser finds on its next visit (sw.js is
// served no-cache): it installs beside the old one, caching the new shell whole, then takes over at once
// and deletes the old shell.
self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      const index = await fetch(SHELL.index, { cache: 'no-cache', credentials: 'same-origin' });
      // During a rolling deploy this server may still have the other build: never pair an index.html
      // with another build's files (the install fails and the browser tries again on a later visit).
      if (!(await isThisBuild(index))) throw new Error('sw: index.html is not this build');
      await cache.addAll(SHELL.assets);
      await cache.put(SHELL.index, index);
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys())
        if (key.startsWith(PREFIX) && key !== CACHE) await caches.delete(key);
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET') return;
  const url = new URL(req.url);
  if (url.origin !== self.location.origin) return;
  if (req.mode === 'navigate') {
    if (LIGHT.test(url.pathname)) event.respondWith(page(event));
    return;
  }
  if (ASSETS.has(url.pathname)) event.respondWith(asset(req));
});

/**
 * A light page: this build's index.html from the cache at once (stale-while-revalidate). The copy is
 * refreshed in the background while it is this build's; another build's index.html means a deploy, and
 * the browser's own update check (it fetches sw.js after this navigation) brings the new shell.
 */
async function page(event) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(SHELL.index);
  const fresh = fetch(SHELL.index, { cache: 'no-cache', credentials: 'same-origin' }).then(async (res) => {
    if (await isThisBuild(res)) await cache.put(SHELL.index, res.clone());
    else if (res.ok) await self.registration.update();
    return res;
  });
  if (cached) {
    event.waitUntil(fresh.catch(() => {}));
    return cached;
  }
  // Not cached (evicted, or the install has not finished): the network as without a service worker.
  return fetch(event.request);
}

/** A file of the shell: hashed, so the cached copy is the right one forever. */
async function asset(req) {
  const cache = await caches.open(CACHE);
  return (await cache.match(req, { ignoreVary: true })) ?? fetch(req);
}

/** The index.html this sw.js was built with (its SHA-256, written in by the build), not another build's. */
async function isThisBuild(res) {
  if (!res.ok) return false;
  const digest = await crypto.subtle.digest('SHA-256', await res.clone().arrayBuffer());
  const hex = [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
  return hex === SHELL.indexHash;
}
