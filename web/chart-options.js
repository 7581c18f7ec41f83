// The "Curves" and "Shading" controls: which of g, g′, g″ are drawn, whether
// vanishing gradients are shaded, and below which |g′| they count as small.

import { EPS_LIMITS, ORDERS } from './state.js';
import { $, fmt, setError } from './util.js';

/** dispatch(action): change the state (page-state.js). */
export function createChartOptions({ dispatch }) {
  for (const order of ORDERS) {
    $(`show-${order}`).addEventListener('change', (e) => dispatch({ type: 'showOrder', order, shown: e.target.checked }));
  }
  $('shade').addEventListener('change', (e) => dispatch({ type: 'setShade', shade: e.target.checked }));

  const eps = $('eps');
  const onEps = (e) => {
    const raw = eps.value.trim();
    // While typing, a number input reads '' for partial text such as "1e": wait for more.
    if (e.type === 'input' && raw === '') return;
    const v = Number(raw);
    const problem = raw === '' || !(v >= EPS_LIMITS[0] && v <= EPS_LIMITS[1]) ? `Enter a threshold between ${fmt(EPS_LIMITS[0])} and ${fmt(EPS_LIMITS[1])}.` : null;
    setError($('eps-error'), problem);
    if (problem) {
      eps.setAttribute('aria-invalid', 'true');
      return;
    }
    eps.removeAttribute('aria-invalid');
    dispatch({ type: 'setEps', eps: v });
  };
  eps.addEventListener('input', onEps);
  eps.addEventListener('change', onEps);

  function render(state, previous, action) {
    const { view } = state;
    if (!view) return;
    const before = previous.view;
    if (view.show !== before?.show) {
      for (const order of ORDERS) $(`show-${order}`).checked = view.show[order];
    }
    if (view.shade !== before?.shade) {
      $('shade').checked = view.shade;
      eps.disabled = !view.shade;
    }
    // The threshold's text is the user's while they type; a link replaces it.
    if (action.type === 'load') eps.value = String(view.eps);
  }

  return { render };
}
