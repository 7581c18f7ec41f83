// The main chart's words: its visible title, the description a screen reader
// reads (every curve's extent, the shaded intervals) and the slider
// attributes of the chart element.

import { POINTS } from './compute.js';
import { columnsOf } from './export.js';
import { ORDER_STYLE } from './palette.js';
import { ORDERS } from './state.js';
import { $, fmt } from './util.js';

function minMax(values) {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo <= hi ? [lo, hi] : [NaN, NaN];
}

function describeBands(list) {
  if (!list.length) return 'nowhere';
  return list.map(([a, b]) => `z ${fmt(a, 3)} to ${fmt(b, 3)}`).join(', ');
}

/** plot: plot.js; eps: the shading threshold; simd: whether the module is the SIMD build. */
export function renderCaption(plot, eps, simd) {
  // With several functions the legend right under the title carries each one's parameters, so
  // the title names them only: on a phone a title with every parameter took four lines.
  const names = plot.slots.map((s) => (plot.slots.length > 1 ? s.name : s.label)).join(', ');
  const [lo, hi] = plot.range;
  $('chart-title').textContent = `${names}: ${ORDERS.filter((o) => plot.show[o]).map((o) => ORDER_STYLE[o].label).join(', ') || 'no curve'} for z from ${fmt(lo)} to ${fmt(hi)}`;
  const parts = columnsOf(plot).map((c) => {
    const [a, b] = minMax(c.values);
    return `${c.label} (${ORDER_STYLE[c.order].text}) from ${fmt(a, 4)} to ${fmt(b, 4)}`;
  });
  const shade = plot.bands
    ? ` Shaded: |g′| < ${fmt(eps)} for ${plot.slots[plot.active].name} (${describeBands(plot.bands.small)}); cross-hatched: g′ exactly 0 (${describeBands(plot.bands.dead)}).`
    : '';
  $('chart-desc').textContent =
    `Line chart, ${POINTS} points per curve computed by the WebAssembly module${simd ? ' (SIMD build)' : ''}. ` +
    `${parts.join('; ')}.${shade}`;
  $('chart').setAttribute('aria-valuemin', String(lo));
  $('chart').setAttribute('aria-valuemax', String(hi));
  $('chart').dataset.function = plot.slots[plot.active].id;
}
