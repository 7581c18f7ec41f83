// The Train section's charts as tables, for readers who cannot see them
// (and anyone who wants the numbers): the loss of each network, and each
// hidden layer's gradient norm, dead and saturated share, at up to TABLE_ROWS
// measured steps spread evenly from the first to the latest. Filled only while
// the <details> holding them is open.

import { $, el, fmt } from './util.js';

export const TABLE_ROWS = 11;

const percent = (v) => `${Math.round(v * 100)}%`;

/** Indices of up to `count` entries spread evenly over 0 … n − 1, the first and last included. */
export function spread(n, count = TABLE_ROWS) {
  if (n <= count) return Array.from({ length: n }, (_, i) => i);
  return Array.from({ length: count }, (_, j) => Math.round((j * (n - 1)) / (count - 1)));
}

const row = (cells, header = false) => el('tr', {}, ...cells.map((c, i) => el(header ? 'th' : i === 0 ? 'th' : 'td', { scope: header ? 'col' : i === 0 ? 'row' : undefined, class: 'num', text: c })));

/** run: train-run.js's run. Does nothing while the tables are closed. */
export function showTables(run) {
  if (!$('train-tables').open || !run.runs.length) return;
  const h = run.history;
  const rows = spread(h.step.length);
  const race = run.runs.length > 1;
  $('train-loss-table').replaceChildren(
    el('caption', { text: 'Loss (binary cross-entropy) by step' }),
    el('thead', {}, row(['Step', ...run.runs.flatMap((r) => [`${r.name}: training`, `${r.name}: test`])], true)),
    el('tbody', {}, ...rows.map((j) => row([String(h.step[j]), ...h.runs.flatMap((r) => [fmt(r.train[j], 4), fmt(r.test[j], 4)])]))),
  );
  $('train-layer-table').replaceChildren(
    el('caption', { text: 'Each hidden layer by step: the gradient norm of its weights, its dead and saturated units' }),
    el('thead', {}, row(['Step', ...(race ? ['Network'] : []), 'Layer', '‖∂loss/∂W‖', 'Dead', 'Saturated'], true)),
    el(
      'tbody',
      {},
      ...rows.flatMap((j) =>
        h.runs.flatMap((r, i) =>
          r.layers.map((l, k) => row([String(h.step[j]), ...(race ? [run.runs[i].name] : []), String(k + 1), fmt(l.gradientNorm[j], 3), percent(l.deadFraction[j]), percent(l.saturatedFraction[j])])),
        ),
      ),
    ),
  );
}
