// The gradient-through-depth view in words and numbers: the summary a screen
// reader reads, the charts' accessible names, the legend and the data table.

import { PATHS } from './depth.js';
import { fromLog10 } from './depth-chart.js';
import { slotLabel } from './export.js';
import { SLOT_DASH, readPalette } from './palette.js';
import { fillTable } from './table.js';
import { $, el, fmt, lineSwatch } from './util.js';

/** d: depth-view.js's result, { layers, slots: [{ id, name, params, stats }], mean, spread, seed }. */
export function describeDepth(d) {
  const palette = readPalette();
  const at = [1, 10, 50].filter((l) => l <= d.layers);
  const sentences = d.slots.map((slot) => {
    const bits = at.map((l) => `L = ${l}: median ${fromLog10(slot.stats.median[l - 1])}, ${fmt(slot.stats.dead[l - 1] * 100, 3)}% at 0`);
    return `${slotLabel(slot)}: ${bits.join('; ')}`;
  });
  const summary = `Inputs z ~ Normal(mean ${fmt(d.mean)}, spread ${fmt(d.spread)}), ${PATHS} paths, sample set ${d.seed}. ${sentences.join('. ')}.`;
  $('depth-summary').textContent = summary;
  $('depth-mag').setAttribute('aria-label', `Chart of the median and quartiles of |∏ g′| against the number of layers, log scale. ${sentences.join('. ')}.`);
  $('depth-dead').setAttribute('aria-label', `Chart of the share of paths whose gradient is exactly 0 against the number of layers. ${d.slots.map((s) => `${slotLabel(s)}: ${fmt(s.stats.dead[d.layers - 1] * 100, 3)}% at L = ${d.layers}`).join('; ')}.`);
  $('depth-seed').textContent = `Sample set ${d.seed}`;
  $('depth-legend').replaceChildren(
    el(
      'ul',
      { class: 'legend-list', 'aria-label': 'Legend' },
      ...d.slots.map((slot, i) => el('li', {}, lineSwatch(palette.series[i], SLOT_DASH[i], 2.5), ` ${slotLabel(slot)}`)),
      el('li', {}, el('span', { class: 'shade-swatch band-swatch', 'aria-hidden': 'true' }), ' middle half of the paths (quartiles)'),
    ),
  );
}

export function renderDepthTable(d) {
  const layers = Array.from({ length: d.layers }, (_, i) => i + 1);
  const log = (v) => fromLog10(v, 4);
  const cols = [{ label: 'layers L', values: layers, format: String }];
  for (const slot of d.slots) {
    const name = slotLabel(slot);
    cols.push(
      { label: `${name}: lower quartile`, values: slot.stats.q1, format: log },
      { label: `${name}: median`, values: slot.stats.median, format: log },
      { label: `${name}: upper quartile`, values: slot.stats.q3, format: log },
      { label: `${name}: share at 0`, values: slot.stats.dead, format: (v) => `${fmt(v * 100, 4)}%` },
    );
  }
  fillTable($('depth-table'), `|∏ g′| over ${PATHS} paths after L layers`, cols, layers.map((_, i) => i));
}
