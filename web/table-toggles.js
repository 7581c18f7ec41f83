// The "Show data table" buttons of the main chart and the depth view, and
// whether their tables are open. The tables' contents are drawn by the views
// that own their numbers (main-view.js, depth-view.js).

import { $ } from './util.js';

const TOGGLES = [
  { table: 'table', button: 'table-toggle', wrap: 'table-wrap' },
  { table: 'depthTable', button: 'depth-table-toggle', wrap: 'depth-table-wrap' },
];

/** getState(): the store's state (read only); dispatch(action): change it (page-state.js). */
export function createTableToggles({ getState, dispatch }) {
  for (const { table, button } of TOGGLES) {
    $(button).addEventListener('click', () => dispatch({ type: 'setTableOpen', table, open: !getState().view[table] }));
  }

  function render(state, previous) {
    const { view } = state;
    if (!view) return;
    for (const { table, button, wrap } of TOGGLES) {
      const open = view[table];
      if (open === previous.view?.[table]) continue;
      $(button).setAttribute('aria-expanded', String(open));
      $(button).textContent = open ? 'Hide data table' : 'Show data table';
      $(wrap).hidden = !open;
    }
  }

  return { render };
}
