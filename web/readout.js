// The cursor readout: z and, for every plotted function, g(z), g′(z), g″(z)
// as the module's f.at(z) returns them.

import { $, el, fmt, lineSwatch } from './util.js';

/** rows: [{ name, colour, at: { value, derivative, second } }] */
export function renderReadout(rows, { active, compare }) {
  const body = $('readout-body');
  const trs = rows.map((r, i) =>
    el(
      'tr',
      { class: i === active ? 'is-active' : undefined },
      el('th', { scope: 'row' }, compare ? lineSwatch(r.colour, [], 3) : '', ` ${r.name}`),
      el('td', { class: 'num', 'data-order': 'g', text: fmt(r.at.value, 9) }),
      el('td', { class: 'num', 'data-order': 'd1', text: fmt(r.at.derivative, 9) }),
      el('td', { class: 'num', 'data-order': 'd2', text: fmt(r.at.second, 9) }),
    ),
  );
  body.replaceChildren(...trs);
}

/** What a screen reader hears as the chart cursor moves (the slider's value text). */
export function cursorValueText(z, row, outside) {
  const where = `z = ${fmt(z, 6)}${outside ? ' (outside the plotted range)' : ''}`;
  if (!row) return where;
  return `${where}: ${row.name} g = ${fmt(row.at.value, 5)}, g′ = ${fmt(row.at.derivative, 5)}, g″ = ${fmt(row.at.second, 5)}`;
}
