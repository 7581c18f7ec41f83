// The main chart and everything drawn from the same numbers: caption, legend,
// readout, pitfall values, data table and the list of plotted functions.
//
// It keeps the last plot it drew (plot.js) and decides from each new state how
// much to redo: new curves from the module when the functions, range, shown
// curves, edited slot or theme changed; only the cursor and the shading (from
// uPlot's cached paths) when just those did. When the module refuses a
// parameter, the error is shown and the last plot stays on screen.

import { renderCaption } from './caption.js';
import { createCursorPanel } from './cursor-panel.js';
import { renderCurveTable } from './curve-table.js';
import { createLegend } from './legend.js';
import { computePlot, withOverlay } from './plot.js';
import { refusalText, refusedNames } from './refusal.js';
import { $, setError } from './util.js';

const inputsOf = (state) => [state.view.slots, state.view.range, state.view.show, state.view.active, state.theme];
const sameInputs = (a, b) => b !== null && a.every((x, i) => x === b[i]);

/** chart: chart.js; slotList: slot-list.js; catalogue: catalogue.js; dispatch: the store's. */
export function createMainView({ chart, slotList, catalogue, dispatch }) {
  const cursorPanel = createCursorPanel(catalogue);
  const renderLegend = createLegend();
  /** What is on screen, and the view it was drawn for. */
  let plot = null;
  let drawnFor = null;
  /** The inputs of the last computation tried, so that a refused one is not retried on every cursor move. */
  let tried = null;
  /** The curves the data table holds (null while it is closed). */
  let tabled = null;
  /** The last change needed new curves and none could be drawn. */
  let behind = false;

  function drawCurves(state) {
    const { view, theme } = state;
    let next;
    try {
      next = computePlot(view, theme, catalogue, plot);
    } catch (err) {
      const name = catalogue.nameOf(view.slots[view.active]);
      setError($('compute-error'), `Could not compute ${name}: ${err?.message ?? err}`);
      return false;
    }
    showRefused(next);
    plot = next;
    drawnFor = view;
    chart.render(plot);
    renderCaption(plot, view.eps, catalogue.simd);
    cursorPanel.render(plot, chart.palette);
    renderLegend(plot, chart.palette, view.eps);
    slotList.render(plot, chart.palette);
    return true;
  }

  /** Parameters the module refused: said under the controls, and the fields it names marked (editor-view.js). */
  function showRefused(next) {
    const infoOf = (r) => catalogue.describe(next.slots[r.slot]);
    const texts = next.refused.map((r) => refusalText(r, infoOf(r), next.slots[r.slot].params));
    setError($('compute-error'), texts.join(' ') || null);
    const refused = next.refused.map((r) => ({ slot: r.slot, names: refusedNames(infoOf(r), r.message) }));
    dispatch({ type: 'setRefused', refused });
  }

  function drawOverlay(view) {
    const shading = view.shade !== drawnFor.shade || view.eps !== drawnFor.eps;
    plot = withOverlay(plot, view);
    drawnFor = view;
    chart.redraw(plot);
    cursorPanel.render(plot, chart.palette);
    if (shading) {
      renderCaption(plot, view.eps, catalogue.simd);
      renderLegend(plot, chart.palette, view.eps);
    }
  }

  function render(state, previous) {
    const { view } = state;
    if (!view) return;
    const inputs = inputsOf(state);
    const changed = !previous.view || !sameInputs(inputs, inputsOf(previous));
    // A parameter input holding a refused value: keep the chart until it is fixed.
    const editing = Object.keys(state.invalid).length > 0;
    let drawn = false;
    if (!editing && !sameInputs(inputs, tried)) {
      tried = inputs;
      drawn = drawCurves(state);
    }
    // New curves were needed and none could be drawn: everything stays as it was drawn. A change
    // drawn with refused parameters stood in is not the state either: the hash waits for a real one.
    behind = changed && (!drawn || plot.refused.length > 0);
    if (changed && !drawn) return;
    if (!drawn && plot && (view.cursor !== drawnFor.cursor || view.shade !== drawnFor.shade || view.eps !== drawnFor.eps)) {
      drawOverlay(view);
    }
    if (!view.table) tabled = null;
    else if (plot && tabled !== plot.slots) {
      tabled = plot.slots;
      renderCurveTable(plot);
    }
  }

  return {
    render,
    /** The plot on screen (null before the first draw). */
    plot: () => plot,
    /** The float32 pitfall panel's values at the cursor (null when it is hidden). */
    pitfall: () => cursorPanel.pitfall(),
    /** Whether the last state handed in needed new curves that could not be drawn. */
    behind: () => behind,
  };
}
