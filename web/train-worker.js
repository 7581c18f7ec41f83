// The Web Worker the Train section trains in, so that a slow network never
// delays the page: it loads its own instance of the module (the same build
// and precision tier as the page) and hands each message from the page, in order, to the
// trainer (train-trainer.js). If the module cannot be loaded, every message
// is answered with a 'failed' message saying why.

import { loadActivations } from './pkg/browser.js';
import { PAGE_PRECISION } from './page-precision.js';
import { createTrainer } from './train-trainer.js';

const post = (message, transfer = []) => self.postMessage(message, transfer);

let queue = loadActivations({ precision: PAGE_PRECISION }).then(
  (act) => {
    // What this worker loaded, for the page's offline cache (sw.js).
    post({ type: 'loaded', urls: [self.location.href, ...performance.getEntriesByType('resource').map((e) => e.name)] });
    return createTrainer(act, post);
  },
  (err) => {
    post({ type: 'failed', message: `The training worker could not load the WebAssembly module: ${err.message}` });
    return null;
  },
);

self.onmessage = (event) => {
  // Chained, so that messages sent while the module loads are handled in order afterwards.
  queue = queue.then((trainer) => {
    if (!trainer) {
      if (event.data.type === 'sync') post({ type: 'synced', id: event.data.id });
      return trainer;
    }
    try {
      trainer.handle(event.data);
    } catch (err) {
      post({ type: 'failed', message: `Training failed: ${err.message}` });
    }
    return trainer;
  });
};
