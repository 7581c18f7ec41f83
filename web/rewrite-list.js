// The module's rewrites of a custom expression as list items, the same under
// the expression field and in the explanation: "log(1+exp(z)) → softplus(z):
// why the textbook form fails".

import { el, sentence } from './util.js';

/** rewrites: a compiled expression's [{ column, from, to, why }]. */
export function rewriteItems(rewrites) {
  return rewrites.map((r) =>
    el(
      'li',
      { 'data-column': String(r.column) },
      el('code', { text: r.from }),
      ' → ',
      el('code', { text: r.to }),
      `: ${sentence(r.why)}`,
    ),
  );
}
