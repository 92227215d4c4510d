// The service worker of the web application: it keeps the application shell (index.html and the build's
// assets) so the workbench opens without a network. scripts/build.mjs fills in the version and the file list.
// API calls are never cached: they pass straight to the network (the workbench keeps unsent visits itself).
const VERSION = '%VERSION%';
const ASSETS = '%ASSETS%';
const CACHE = `haizhou-shell-${VERSION}`;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(['/', ...ASSETS]))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(names.filter((n) => n.startsWith('haizhou-shell-') && n !== CACHE).map((n) => caches.delete(n))),
      )
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || /^\/(api|docs|health)(\/|$)/.test(url.pathname)) return;
  if (request.mode === 'navigate') {
    // a page: the network's current index.html, or the kept one when there is no network
    event.respondWith(fetch(request).catch(() => caches.open(CACHE).then((cache) => cache.match('/'))));
    return;
  }
  if (url.pathname.startsWith('/assets/')) {
    // hashed names never change their content: the kept copy is as good as the network's
    event.respondWith(caches.open(CACHE).then((cache) => cache.match(request).then((hit) => hit ?? fetch(request))));
  }
});
