// "Functions on the chart": the list of plotted functions (which one the
// controls edit, remove buttons) and the button that adds one to compare.
// The list shows what the chart draws, so it follows the plot, not the state:
// a parameter the module refused is not listed as if it were drawn.

import { renderSlots } from './controls.js';
import { MAX_SLOTS } from './state.js';
import { $ } from './util.js';

/** Functions offered first when one is added, in this order, skipping those already plotted. */
const SUGGESTIONS = ['relu', 'tanh', 'leaky_relu', 'gelu', 'sigmoid', 'silu'];

/** getState(): the store's state (read only); dispatch(action): change it (page-state.js). */
export function createSlotList({ catalogue, getState, dispatch }) {
  let shownKey = '';

  function addSlot() {
    const { slots } = getState().view;
    if (slots.length >= MAX_SLOTS) return;
    const used = new Set(slots.map((slot) => slot.id));
    const { names } = catalogue;
    const id = SUGGESTIONS.find((x) => !used.has(x) && names.includes(x)) ?? names.find((x) => !used.has(x)) ?? names[0];
    dispatch({ type: 'addSlot', fallback: catalogue.defaultSlot(id) });
    $('fn').focus();
  }

  function removeSlot(index) {
    dispatch({ type: 'removeSlot', index });
    document.querySelector(`#slots input[value="${getState().view.active}"]`)?.focus();
  }

  $('add-slot').addEventListener('click', addSlot);

  /** plot: plot.js, as drawn; palette: the main chart's colours. */
  function render(plot, palette) {
    const slots = plot.slots.map(({ id, source, name, params }) => ({ id, source, name, params }));
    const key = JSON.stringify([slots, plot.active, plot.theme]);
    if (key === shownKey) return;
    shownKey = key;
    renderSlots(slots, plot.active, {
      palette,
      max: MAX_SLOTS,
      onSelect: (index) => dispatch({ type: 'setActive', index }),
      onRemove: removeSlot,
    });
  }

  return { render };
}
