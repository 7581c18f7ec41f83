// Service worker: lets the page work offline once it has been loaded.
//
// Network first, cache as fallback: while the server is reachable every request
// goes to it (so a rebuilt site is never hidden behind stale copies, and tests
// see what was just built); the cache is only read when the network fails.
// The page posts the list of same-origin resources it loaded before this worker
// took control (performance.getEntriesByType('resource')), so the first visit
// is enough to work offline afterwards.

const CACHE = 'activations-wasm-page';

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

function sameOrigin(url) {
  return new URL(url, self.location.href).origin === self.location.origin;
}

async function networkFirst(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok && response.type === 'basic') await cache.put(request, response.clone());
    return response;
  } catch (err) {
    const hit = await cache.match(request, { ignoreSearch: request.mode === 'navigate' });
    if (hit) return hit;
    throw err;
  }
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET' || !sameOrigin(request.url)) return;
  event.respondWith(networkFirst(request));
});

/** The woff2 fonts a stylesheet refers to (KaTeX's), which a page may need later for other formulas. */
async function fontsOf(cssUrl) {
  try {
    const css = await (await fetch(cssUrl, { cache: 'no-cache' })).text();
    return [...css.matchAll(/url\(["']?([^"')]+\.woff2)["']?\)/g)].map((m) => new URL(m[1], cssUrl).href);
  } catch {
    return [];
  }
}

async function cacheAll(urls) {
  const cache = await caches.open(CACHE);
  const absolute = urls.filter(sameOrigin).map((u) => new URL(u, self.location.href).href.replace(/#.*$/, ''));
  const fonts = await Promise.all(absolute.filter((u) => u.endsWith('.css')).map(fontsOf));
  const wanted = [...new Set([...absolute, ...fonts.flat()])];
  const results = await Promise.allSettled(
    wanted.map(async (url) => {
      const response = await fetch(url, { cache: 'no-cache' });
      if (!response.ok) throw new Error(`${response.status} ${url}`);
      await cache.put(url, response);
    }),
  );
  return { cached: results.filter((r) => r.status === 'fulfilled').length, failed: results.filter((r) => r.status === 'rejected').length };
}

self.addEventListener('message', (event) => {
  if (event.data?.type !== 'cache' || !Array.isArray(event.data.urls)) return;
  event.waitUntil(
    cacheAll(event.data.urls).then((result) => event.source?.postMessage({ type: 'cached', ...result })),
  );
});
