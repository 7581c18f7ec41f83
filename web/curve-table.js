// The main chart's data table: a readable subset of the plotted points.

import { columnsOf } from './export.js';
import { fillTable, tableIndices } from './table.js';
import { $ } from './util.js';

export function renderCurveTable(plot) {
  const indices = tableIndices(plot.z.length);
  fillTable(
    $('data-table'),
    `${indices.length} of the ${plot.z.length} plotted points (evenly spaced, both ends included); Download CSV has all of them.`,
    [{ label: 'z', values: plot.z }, ...columnsOf(plot).map((c) => ({ label: c.label, values: c.values }))],
    indices,
  );
}
