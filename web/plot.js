// What the main chart shows for a view, as one plain object (a "plot"): the z
// grid, each slot's g, g′, g″ from the module, the shaded bands and the
// values at the cursor. The chart, its caption, legend, table, readout, the
// exports and the test hook all read the same plot.

import { computeCurves, gradientBands, grid, plottable } from './compute.js';
import { slotLabel } from './export.js';
import { findJumps } from './jumps.js';

function bandsOf(plot, view) {
  if (!view.shade) return null;
  return gradientBands(plot.z, plot.slots[plot.active].curves.d1, view.eps);
}

function cursorOf(plot, z) {
  const points = plot.fns.map((fn) => {
    const at = fn.at(z);
    return { g: at.value, d1: at.derivative, d2: at.second, at };
  });
  const a = points[plot.active];
  return { z: Math.fround(z), points, tangent: a ? { g: a.g, d1: a.d1 } : null };
}

/**
 * The module's function for each slot. A slot whose parameters the module
 * refuses (hardtanh with min >= max) is drawn with the parameters it was last
 * drawn with (or its defaults), so that the other slots, the range and the
 * cursor keep working while the refused values are fixed; `refused` says which.
 */
function functionsOf(view, catalogue, previous) {
  const refused = [];
  const fns = view.slots.map((slot, i) => {
    try {
      return catalogue.functionOf(slot);
    } catch (err) {
      if (!(err instanceof RangeError)) throw err;
      refused.push({ slot: i, id: slot.id, params: { ...slot.params }, message: String(err.message) });
      const before = previous?.slots[i];
      const drawn = before?.id === slot.id && before.source === slot.source ? before.params : catalogue.defaultSlot(slot.id).params;
      return catalogue.functionOf({ ...slot, params: drawn });
    }
  });
  return { fns, refused };
}

/**
 * The plot of `view` (state.js shape) in `theme`, every number from the
 * module; `previous` is the plot on screen, whose parameters stand in for
 * refused ones (plot.refused lists them).
 */
export function computePlot(view, theme, catalogue, previous = null) {
  const { fns, refused } = functionsOf(view, catalogue, previous);
  const z = grid(view.range[0], view.range[1]);
  const slots = fns.map((fn, i) => {
    const curves = computeCurves(fn, z);
    const jumps = {};
    for (const order of ['g', 'd1', 'd2']) jumps[order] = view.show[order] ? findJumps(fn, z, curves[order], order) : [];
    const slot = { id: fn.id, source: fn.source, name: catalogue.nameOf(view.slots[i]), params: { ...fn.params } };
    return {
      ...slot,
      label: slotLabel(slot),
      curves,
      jumps,
      plotted: { g: plottable(curves.g), d1: plottable(curves.d1), d2: plottable(curves.d2) },
    };
  });
  const plot = { z, range: [...view.range], slots, show: { ...view.show }, theme, active: view.active, fns, refused };
  return withOverlay(plot, view);
}

/** The same curves with the cursor and the shading of `view`: nothing is recomputed but f.at(z). */
export function withOverlay(plot, view) {
  return { ...plot, bands: bandsOf(plot, view), cursor: cursorOf(plot, view.cursor) };
}
