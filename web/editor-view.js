// The function being edited: the function menu, its parameter controls, its
// explanation, the float32 pitfall panel's formulas and the seed's notes
// placed beside the chart and the depth view.
//
// Rebuilt when another slot or function is edited, and when a link replaces
// the view; not when a parameter moves, which would take the focus away from
// the slider being dragged.

import { buildParamControls, markRefusedParams } from './controls.js';
import { renderExplanation, renderPlacedNotes } from './explain.js';
import { renderPitfallFrame } from './pitfall.js';
import { $ } from './util.js';

/** dispatch(action): change the state (page-state.js); onTry(z): a pitfall "try" button wants the cursor at z. */
export function createEditorView({ catalogue, dispatch, onTry }) {
  let shownKey = '';
  let explainedId = null;

  $('fn').addEventListener('change', (e) => {
    const id = e.target.value;
    dispatch({ type: 'selectFunction', id, defaults: catalogue.defaults(id) });
  });

  function rebuild(view) {
    const slot = view.slots[view.active];
    const info = catalogue.info(slot.id);
    $('fn').value = slot.id;
    buildParamControls(info, slot.params, {
      onChange: (name, value) => dispatch({ type: 'setParam', id: info.id, name, value }),
      onInvalid: (name, message) => dispatch({ type: 'markInvalid', name, message }),
    });
    if (explainedId !== slot.id) {
      explainedId = slot.id;
      renderExplanation(info, catalogue.seedNotes(slot.id));
    }
    renderPitfallFrame(slot.id, onTry);
    const functions = view.slots.map(({ id }) => ({ id, name: catalogue.info(id).name, notes: catalogue.seedNotes(id) }));
    renderPlacedNotes(functions, view.active);
  }

  function render(state, previous, action) {
    const { view } = state;
    if (!view) return;
    const key = JSON.stringify([view.active, view.slots.map((slot) => slot.id)]);
    if (key !== shownKey || action.type === 'load') {
      shownKey = key;
      rebuild(view);
    }
    markRefusedParams(state.refused.find((r) => r.slot === view.active)?.names ?? []);
  }

  return { render };
}
