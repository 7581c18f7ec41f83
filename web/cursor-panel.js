// Everything that follows the cursor outside the chart itself: the readout
// table, the typed-z input, what a screen reader hears from the chart slider,
// and the float32 pitfall's values at the cursor.

import { slotLabel } from './export.js';
import { PITFALLS, pitfallAt, renderPitfallValues } from './pitfall.js';
import { cursorValueText, renderReadout } from './readout.js';
import { $, f32String } from './util.js';

/** catalogue: catalogue.js (the pitfall of log-sigmoid needs the module's σ). */
export function createCursorPanel(catalogue) {
  /** The pitfall panel's last values (pitfall.js), or null when it is hidden. */
  let pitfall = null;

  /** plot: plot.js; palette: the main chart's colours. */
  function render(plot, palette) {
    const c = plot.cursor;
    const rows = plot.slots.map((slot, i) => ({ name: slotLabel(slot), colour: palette.series[i], at: c.points[i].at }));
    renderReadout(rows, { active: plot.active, compare: plot.slots.length > 1 });
    const input = $('cursor-z');
    // Typing there moves the cursor: leave the text as typed. Otherwise the float32's shortest
    // form: String() of it would print the double's 17 digits ("-2.7757694721221924").
    if (document.activeElement !== input) input.value = f32String(c.z);
    const outside = c.z < plot.range[0] || c.z > plot.range[1];
    const chart = $('chart');
    chart.setAttribute('aria-valuenow', String(c.z));
    chart.setAttribute('aria-valuetext', cursorValueText(c.z, rows[plot.active], outside));

    const slot = plot.slots[plot.active];
    if (PITFALLS[slot.id]) {
      const sigmoid = catalogue.get('sigmoid');
      pitfall = pitfallAt(slot.id, plot.fns[plot.active], c.z, (z) => sigmoid.at(z).value);
      renderPitfallValues(pitfall);
    } else {
      pitfall = null;
    }
  }

  return { render, pitfall: () => pitfall };
}
