// The theme menu and the page's colours: the stylesheet draws the dark theme
// for <html data-theme="dark"> (boot.js sets the browser's scheme before the
// modules load; this keeps it in step with the state, including a theme
// chosen on the page and carried in the link).

import { $ } from './util.js';

/** dispatch(action): change the state (page-state.js). */
export function createThemeView({ dispatch }) {
  $('theme').addEventListener('change', (e) => dispatch({ type: 'setScheme', scheme: e.target.value }));

  function render(state) {
    document.documentElement.dataset.theme = state.theme;
    const scheme = state.view?.scheme ?? 'auto';
    if ($('theme').value !== scheme) $('theme').value = scheme;
  }

  return { render };
}
