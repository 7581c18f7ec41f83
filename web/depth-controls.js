// The gradient-through-depth inputs: mean and spread of z (a slider and a
// number input each, kept in step) and "Draw new samples".

import { DEPTH_LIMITS } from './state.js';
import { $, fmt, setError } from './util.js';

const INPUTS = [
  { field: 'mean', number: 'depth-mean', range: 'depth-mean-range', error: 'depth-mean-error' },
  { field: 'spread', number: 'depth-spread', range: 'depth-spread-range', error: 'depth-spread-error' },
];

/** dispatch(action): change the state (page-state.js). */
export function createDepthControls({ dispatch }) {
  for (const { field, number: numberId, range: rangeId, error: errorId } of INPUTS) {
    const number = $(numberId);
    const range = $(rangeId);
    const [lo, hi] = DEPTH_LIMITS[field];
    const commit = (raw, source, event) => {
      if (event.type === 'input' && source === number && String(raw).trim() === '') return;
      const v = Number(raw);
      const problem = String(raw).trim() === '' || !Number.isFinite(v) ? 'Enter a number.' : v < lo || v > hi ? `Must be between ${fmt(lo)} and ${fmt(hi)}.` : null;
      setError($(errorId), problem);
      if (problem) {
        number.setAttribute('aria-invalid', 'true');
        return;
      }
      number.removeAttribute('aria-invalid');
      if (source !== number) number.value = String(v);
      if (source !== range) range.value = String(v);
      dispatch({ type: 'setDepth', field, value: v });
    };
    number.addEventListener('input', (e) => commit(number.value, number, e));
    number.addEventListener('change', (e) => commit(number.value, number, e));
    range.addEventListener('input', (e) => commit(range.value, range, e));
  }
  $('depth-resample').addEventListener('click', () => dispatch({ type: 'resample' }));

  /** The inputs hold what the user typed; a link replaces it. */
  function render(state, previous, action) {
    if (action.type !== 'load') return;
    const { depth } = state.view;
    for (const { field, number, range } of INPUTS) $(number).value = $(range).value = String(depth[field]);
  }

  return { render };
}
