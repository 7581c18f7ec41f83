// Data tables: the plotted values as an accessible HTML table. The main chart
// has 2048 points per series; the table shows an evenly spaced subset (every
// k-th point, ends included) so that it stays readable, and says so; the CSV
// export has every point.

import { el, fmt } from './util.js';

export const TABLE_ROWS = 41;

export function tableIndices(n, rows = TABLE_ROWS) {
  if (n <= rows) return Array.from({ length: n }, (_, i) => i);
  return Array.from({ length: rows }, (_, i) => Math.round((i * (n - 1)) / (rows - 1)));
}

/**
 * Fill `table` with a caption, one header row and a row per index.
 * columns: [{ label, values, format? }]; the first column is the row header.
 */
export function fillTable(table, caption, columns, indices) {
  const [head, ...rest] = columns;
  const thead = el('thead', {}, el('tr', {}, ...columns.map((c) => el('th', { scope: 'col', text: c.label }))));
  const tbody = el('tbody');
  for (const i of indices) {
    const f = head.format ?? ((v) => fmt(v, 7));
    const tr = el('tr', {}, el('th', { scope: 'row', text: f(head.values[i]) }));
    for (const c of rest) tr.append(el('td', { text: (c.format ?? ((v) => fmt(v, 7)))(c.values[i]) }));
    tbody.append(tr);
  }
  table.replaceChildren(el('caption', { text: caption }), thead, tbody);
}
