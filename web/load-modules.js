// Loads what the page is built on, in parallel: the WebAssembly module, uPlot
// and KaTeX. Without KaTeX formulas show as TeX source; without the others the
// page cannot work, and the PageError says which part failed.

import { PageError } from './fatal.js';
import { PAGE_PRECISION } from './page-precision.js';

export async function loadModules() {
  if (typeof WebAssembly !== 'object') {
    throw new PageError('This browser does not support WebAssembly, which the page needs to compute the functions.');
  }
  const katexPromise = import('./vendor/katex/katex.mjs').then(
    (m) => m.default,
    (err) => {
      console.warn('KaTeX could not be loaded; formulas are shown as TeX source.', err);
      return null;
    },
  );
  const uPlotPromise = import('./vendor/uplot/uPlot.esm.js').then(
    (m) => m.default,
    (err) => {
      throw new PageError('Could not load the chart library (vendor/uplot/uPlot.esm.js).', err);
    },
  );
  const actPromise = import('./pkg/browser.js').then(
    (m) =>
      m.loadActivations({ precision: PAGE_PRECISION }).catch((err) => {
        throw new PageError('The WebAssembly module failed to load.', err);
      }),
    (err) => {
      throw new PageError('Could not load the WebAssembly module (pkg/browser.js).', err);
    },
  );
  const [katex, uPlot, act] = await Promise.all([katexPromise, uPlotPromise, actPromise]);
  return { katex, uPlot, act };
}
