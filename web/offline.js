// Registers the service worker (sw.js) and hands it the resources this page
// loaded, so that the next visit works without a network. Resolves with the
// number of files cached, or null where service workers are unavailable
// (file://, old browsers, or blocked by the browser's settings).
// `more`: a promise of further URLs to cache — what the training worker
// loaded, which the page's own resource list does not show; not awaited
// longer than MORE_WAIT ms.

const MORE_WAIT = 10_000;

export function enableOffline(more = Promise.resolve([])) {
  if (!('serviceWorker' in navigator) || !/^https?:$/.test(location.protocol)) return Promise.resolve(null);
  return navigator.serviceWorker
    .register('sw.js')
    .then(() => Promise.all([navigator.serviceWorker.ready, Promise.race([more, new Promise((resolve) => setTimeout(resolve, MORE_WAIT, []))])]))
    .then(
      ([registration, extra]) =>
        new Promise((resolve) => {
          const urls = [
            location.href.replace(/#.*$/, ''),
            ...performance.getEntriesByType('resource').map((e) => e.name),
            ...extra,
          ];
          navigator.serviceWorker.addEventListener('message', function onMessage(event) {
            if (event.data?.type !== 'cached') return;
            navigator.serviceWorker.removeEventListener('message', onMessage);
            resolve(event.data.cached);
          });
          registration.active.postMessage({ type: 'cache', urls });
        }),
    )
    .catch(() => null);
}
