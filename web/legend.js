// The main chart's legend, as entries shared by the HTML legend and the PNG export.
// One function: an entry per curve, in its colour and dash. Several functions: an
// entry per function (its colour) and one per curve (its dash), which is shorter
// than every combination and reads the same way as the chart.

import { ORDER_STYLE, seriesStyle } from './palette.js';
import { ORDERS } from './state.js';
import { $, el, fmt, lineSwatch } from './util.js';

export function legendEntries(view, palette, eps) {
  const entries = [];
  const orders = ['g', 'd1', 'd2'].filter((o) => view.show[o]);
  if (view.slots.length === 1) {
    for (const o of orders) entries.push({ ...seriesStyle(palette, 0, o, 1), text: `${ORDER_STYLE[o].long}` });
  } else {
    view.slots.forEach((slot, i) => entries.push({ stroke: palette.series[i], dash: [], width: 3, text: slot.label }));
    for (const o of orders) entries.push({ ...ORDER_STYLE[o], stroke: palette.muted, text: `${ORDER_STYLE[o].long} (${ORDER_STYLE[o].text})` });
  }
  const who = view.slots.length > 1 ? ` (${view.slots[view.active].name})` : '';
  if (view.bands?.small.length) entries.push({ shade: 'small', text: `|g′| < ${fmt(eps)}${who}: vanishing gradient` });
  if (view.bands?.dead.length) entries.push({ shade: 'dead', text: `g′ = 0${who}: dead zone` });
  if (view.show.g) entries.push({ stroke: palette.tangent, dash: [6, 3, 1.5, 3], width: 1.5, text: 'tangent at the cursor' });
  return entries;
}

function renderLegendList(container, entries) {
  const items = entries.map((e) =>
    el(
      'li',
      {},
      e.shade ? el('span', { class: `shade-swatch shade-${e.shade}`, 'aria-hidden': 'true' }) : lineSwatch(e.stroke, e.dash, e.width),
      ` ${e.text}`,
    ),
  );
  container.replaceChildren(el('ul', { class: 'legend-list', 'aria-label': 'Legend' }, ...items));
}

/**
 * The legend above the main chart and the line samples beside the curve
 * checkboxes, which show the same styles. Rebuilt only when an entry changes:
 * the cursor moves far more often than the legend does.
 */
export function createLegend() {
  let shownKey = '';
  return function renderLegend(plot, palette, eps) {
    const entries = legendEntries(plot, palette, eps);
    const key = JSON.stringify([entries.map((e) => [e.text, e.stroke, e.shade]), plot.theme]);
    if (key === shownKey) return;
    shownKey = key;
    renderLegendList($('legend'), entries);
    const single = plot.slots.length === 1;
    for (const o of ORDERS) {
      const s = seriesStyle(palette, 0, o, single ? 1 : 2);
      $(`swatch-${o}`).replaceChildren(lineSwatch(single ? s.stroke : palette.muted, s.dash, s.width));
    }
  };
}
