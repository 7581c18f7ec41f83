// The function being edited: the function menu, its parameter controls, its
// explanation, the float32 pitfall panel's formulas and the seed's notes
// placed beside the chart and the depth view.
//
// Rebuilt when another slot, function or custom expression is edited, and
// when a link or a preset replaces it; not when a parameter moves, which would
// take the focus away from the slider being dragged.

import { buildParamControls, markRefusedParams } from './controls.js';
import { renderExplanation, renderPlacedNotes } from './explain.js';
import { renderPitfallFrame } from './pitfall.js';
import { $ } from './util.js';

/** What the edited slot's controls and explanation are built from: its function (and expression). */
const shapeOf = (slot) => [slot.id, slot.source];

/** dispatch(action): change the state (page-state.js); onTry(z): a pitfall "try" button wants the cursor at z. */
export function createEditorView({ catalogue, dispatch, onTry }) {
  let shownKey = '';
  let explainedKey = '';

  $('fn').addEventListener('change', (e) => {
    dispatch({ type: 'selectFunction', fallback: catalogue.defaultSlot(e.target.value) });
  });

  function rebuild(view) {
    const slot = view.slots[view.active];
    const info = catalogue.describe(slot);
    $('fn').value = slot.id;
    buildParamControls(info, slot.params, {
      onChange: (name, value) => dispatch({ type: 'setParam', id: info.id, name, value }),
      onInvalid: (name, message) => dispatch({ type: 'markInvalid', name, message }),
    });
    const key = JSON.stringify(shapeOf(slot));
    if (explainedKey !== key) {
      explainedKey = key;
      renderExplanation(info, catalogue.seedNotes(slot.id));
    }
    renderPitfallFrame(slot.id, onTry);
    const functions = view.slots.map((s) => ({ id: s.id, name: catalogue.nameOf(s), notes: catalogue.seedNotes(s.id) }));
    renderPlacedNotes(functions, view.active);
  }

  function render(state, previous, action) {
    const { view } = state;
    if (!view) return;
    const key = JSON.stringify([view.active, view.slots.map(shapeOf)]);
    // A preset can keep the source and change the values: the sliders must show them.
    if (key !== shownKey || action.type === 'load' || action.type === 'setSource') {
      shownKey = key;
      rebuild(view);
    }
    markRefusedParams(state.refused.find((r) => r.slot === view.active)?.names ?? []);
  }

  return { render };
}
