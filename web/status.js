// The page's status lines: the loading notice at the top, links that were
// only partly understood, and which build of the module computes the values.

import { $ } from './util.js';

/** Parts of a link that were left at their defaults; the notice stays until the page reloads. */
export function reportLinkProblems(problems) {
  if (!problems.length) return;
  const status = $('status');
  status.textContent = `Some settings in the link were not understood and were left at their defaults: ${problems.join('; ')}.`;
  status.hidden = false;
}

/** The page is ready: the loading notice goes. */
export function clearStatus() {
  $('status').textContent = '';
  $('status').hidden = true;
}

export function showEngine(simd, precision) {
  const build = simd ? 'SIMD build' : 'baseline build: this browser lacks WebAssembly SIMD';
  $('engine').textContent = `Values computed in your browser by the activations-wasm WebAssembly module (${build}; ${precision} kernels).`;
}

export function showOfflineCount(count) {
  if (count) $('offline-status').textContent = `Available offline: ${count} files of this page are kept by your browser.`;
}
