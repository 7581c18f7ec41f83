// Moving around the chart: the cursor (keyboard, typed z; the pointer comes
// from chart.js) and the z range (inputs, zoom and pan by keys, buttons,
// drag-select and Ctrl+wheel). It turns them into actions on the state; the
// main view (main-view.js) recomputes and redraws.

import { POINTS } from './compute.js';
import { DEFAULT_RANGE, MAX_ABS_Z } from './state.js';
import { $, f32String, fmt, setError } from './util.js';

/** Rounded to about 5 significant digits of the span, so the inputs show readable numbers. */
function niceRound(v, span) {
  const step = 10 ** (Math.floor(Math.log10(span)) - 4);
  const decimals = Math.max(0, Math.min(15, -Math.floor(Math.log10(step))));
  return Number((Math.round(v / step) * step).toFixed(decimals));
}

export function rangeProblem(lo, hi) {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return 'z min and z max must be numbers.';
  if (Math.abs(lo) > MAX_ABS_Z || Math.abs(hi) > MAX_ABS_Z) return 'z must stay between −10^30 and 10^30.';
  if (lo >= hi) return `z min (${fmt(lo)}) must be less than z max (${fmt(hi)}).`;
  if (hi - lo < 1e-3 * Math.max(Math.abs(lo), Math.abs(hi))) {
    return `The range ${fmt(lo)} … ${fmt(hi)} is too narrow for ${POINTS} distinct float32 points; widen it.`;
  }
  return null;
}

/**
 * getState(): the store's state (read only); dispatch(action): change it
 * (page-state.js); drawn(): the plot on screen (plot.js), whose grid the
 * cursor keys and the pointer step through.
 */
export function createNavigation({ getState, dispatch, drawn }) {
  const view = () => getState().view;

  function gridIndex(z) {
    const { range, z: grid } = drawn();
    const [lo, hi] = range;
    const n = grid.length;
    return Math.min(n - 1, Math.max(0, Math.round(((z - lo) / (hi - lo)) * (n - 1))));
  }

  function setCursorIndex(idx) {
    const z = drawn().z;
    const i = Math.min(z.length - 1, Math.max(0, idx));
    setCursor(z[i]);
  }

  function setCursor(z) {
    if (!Number.isFinite(z) || Math.abs(z) > MAX_ABS_Z) return;
    dispatch({ type: 'setCursor', z });
  }

  function onChartKey(e) {
    const n = drawn().z.length;
    const idx = gridIndex(view().cursor);
    const step = e.shiftKey ? 1 : Math.round((n - 1) / 100);
    const moves = {
      ArrowRight: idx + step,
      ArrowUp: idx + step,
      ArrowLeft: idx - step,
      ArrowDown: idx - step,
      PageUp: idx + Math.round((n - 1) / 10),
      PageDown: idx - Math.round((n - 1) / 10),
      Home: 0,
      End: n - 1,
    };
    if (e.key in moves && !e.altKey && !e.ctrlKey && !e.metaKey) {
      e.preventDefault();
      setCursorIndex(moves[e.key]);
      return;
    }
    const actions = {
      '+': () => zoom(0.5),
      '=': () => zoom(0.5),
      '-': () => zoom(2),
      _: () => zoom(2),
      '[': () => pan(-0.25),
      ']': () => pan(0.25),
      0: () => setRange(...DEFAULT_RANGE),
    };
    if (e.key in actions && !e.ctrlKey && !e.metaKey && !e.altKey) {
      e.preventDefault();
      actions[e.key]();
    }
  }

  /** Show a range in the inputs, valid. */
  function showRange(lo, hi) {
    $('z-min').value = String(lo);
    $('z-max').value = String(hi);
    setError($('range-error'), null);
  }

  /** Set the z range from code (zoom, pan, drag, reset): inputs follow, cursor is kept inside. */
  function setRange(lo, hi) {
    const problem = rangeProblem(lo, hi);
    setError($('range-error'), problem);
    if (problem) return;
    showRange(lo, hi);
    for (const id of ['z-min', 'z-max']) $(id).removeAttribute('aria-invalid');
    dispatch({ type: 'setRange', range: [lo, hi], keepCursorInside: true });
  }

  /** A range dragged across the chart, rounded to readable limits. */
  function selectRange(a, b) {
    const span = b - a;
    setRange(niceRound(a, span), niceRound(b, span));
  }

  function zoom(factor, centre) {
    const { range, cursor } = view();
    const [lo, hi] = range;
    const c = centre ?? (cursor >= lo && cursor <= hi ? cursor : (lo + hi) / 2);
    const span = (hi - lo) * factor;
    setRange(niceRound(c - (c - lo) * factor, span), niceRound(c + (hi - c) * factor, span));
  }

  function pan(fraction) {
    const [lo, hi] = view().range;
    const d = (hi - lo) * fraction;
    setRange(niceRound(lo + d, hi - lo), niceRound(hi + d, hi - lo));
  }

  function onRangeInput(event) {
    const minEl = $('z-min');
    const maxEl = $('z-max');
    // While typing, a number input reads '' for partial text such as "-" or "1e": wait for more.
    if (event?.type === 'input' && (minEl.value.trim() === '' || maxEl.value.trim() === '')) return;
    const lo = minEl.value.trim() === '' ? NaN : Number(minEl.value);
    const hi = maxEl.value.trim() === '' ? NaN : Number(maxEl.value);
    const problem = rangeProblem(lo, hi);
    setError($('range-error'), problem);
    for (const input of [minEl, maxEl]) {
      if (problem) input.setAttribute('aria-invalid', 'true');
      else input.removeAttribute('aria-invalid');
    }
    if (problem) return;
    const [oldLo, oldHi] = view().range;
    if (lo === oldLo && hi === oldHi) return;
    dispatch({ type: 'setRange', range: [lo, hi], keepCursorInside: false });
  }

  $('chart').addEventListener('keydown', onChartKey);
  for (const id of ['z-min', 'z-max']) {
    $(id).addEventListener('input', onRangeInput);
    $(id).addEventListener('change', onRangeInput);
  }
  $('zoom-in').addEventListener('click', () => zoom(0.5));
  $('zoom-out').addEventListener('click', () => zoom(2));
  $('pan-left').addEventListener('click', () => pan(-0.25));
  $('pan-right').addEventListener('click', () => pan(0.25));
  $('range-reset').addEventListener('click', () => setRange(...DEFAULT_RANGE));
  const onCursorInput = (e) => {
    const raw = $('cursor-z').value.trim();
    if (raw === '') return;
    const z = Number(raw);
    if (Number.isFinite(z) && Math.abs(z) <= MAX_ABS_Z) setCursor(z);
    else if (e.type === 'change') $('cursor-z').value = f32String(Math.fround(view().cursor));
  };
  $('cursor-z').addEventListener('input', onCursorInput);
  $('cursor-z').addEventListener('change', onCursorInput);

  /** The range inputs hold what the user typed; a link replaces it. */
  function render(state, previous, action) {
    if (action.type === 'load') showRange(...state.view.range);
  }

  return { render, setCursor, setCursorIndex, selectRange, zoom };
}
