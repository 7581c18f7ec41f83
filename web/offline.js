// Registers the service worker (sw.js) and hands it the resources this page
// loaded, so that the next visit works without a network. Resolves with the
// number of files cached, or null where service workers are unavailable
// (file://, old browsers, or blocked by the browser's settings).

export function enableOffline() {
  if (!('serviceWorker' in navigator) || !/^https?:$/.test(location.protocol)) return Promise.resolve(null);
  return navigator.serviceWorker
    .register('sw.js')
    .then(() => navigator.serviceWorker.ready)
    .then(
      (registration) =>
        new Promise((resolve) => {
          const urls = [
            location.href.replace(/#.*$/, ''),
            ...performance.getEntriesByType('resource').map((e) => e.name),
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
