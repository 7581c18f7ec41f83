// When the page cannot start (no WebAssembly, a library or the module failed
// to load, nothing could be drawn): say what went wrong and hide the parts
// that cannot work.

import { $, el } from './util.js';

/** An error whose message is written for the reader of the page; the cause is shown beneath it. */
export class PageError extends Error {
  constructor(message, cause) {
    super(message, cause ? { cause } : undefined);
    this.name = 'PageError';
  }
}

export function showFatal(err) {
  const box = $('load-error');
  const message = err instanceof PageError ? err.message : 'The page could not start.';
  const detail = err instanceof PageError ? err.cause : err;
  box.replaceChildren(el('strong', { text: message }));
  if (detail) box.append(el('pre', { text: String(detail?.message ?? detail) }));
  box.append(
    el('p', {
      text: 'If you are running the page locally, build it first (npm run build) and serve the site folder over HTTP (node scripts/serve.mjs).',
    }),
  );
  box.hidden = false;
  $('status').hidden = true;
  // Nothing below can work without the module: leave only the explanation of what went wrong.
  for (const sel of ['.workbench', '#explain', '#depth']) {
    const node = document.querySelector(sel);
    if (node) node.hidden = true;
  }
  console.error(err);
}
