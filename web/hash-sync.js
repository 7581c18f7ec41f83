// The URL hash and the view state, kept in step both ways (format: state.js).
// The hash is rewritten 250 ms after the last change (without adding history
// entries); a hash edited by hand or a pasted link replaces the view.
//
// A change the main chart could not draw (a parameter refused by its input or
// by the module) does not rewrite the hash by itself; the next change the page
// does show rewrites it, with the whole state.

import { decodeState, encodeState } from './state.js';
import { debounce } from './util.js';

/**
 * act: the module (decodeState checks names and parameters with it);
 * dispatch(action): change the state (page-state.js); onProblems(list): parts
 * of a link that were not understood; chartBehind(): whether the main chart
 * could not draw the latest state (main-view.js, which renders before this).
 */
export function createHashSync({ act, dispatch, onProblems, chartBehind }) {
  let view = null;
  /** The hash this page wrote last: its own hashchange is not a new link. */
  let lastHash = '';

  const write = debounce(() => {
    if (!view) return;
    const hash = encodeState(view);
    lastHash = hash;
    if (location.hash !== hash) history.replaceState(null, '', hash);
  }, 250);

  /** Replace the view with what the current hash says; returns what was not understood. */
  function load() {
    const { state, problems } = decodeState(location.hash, act);
    dispatch({ type: 'load', view: state });
    onProblems(problems);
    return problems;
  }

  window.addEventListener('hashchange', () => {
    // Only a state hash (key=value pairs) replaces the view; a bare fragment is a jump target.
    if (location.hash === lastHash || !location.hash.includes('=')) return;
    load();
  });

  function render(state, previous) {
    view = state.view;
    if (view && view !== previous.view && !chartBehind()) write();
  }

  return {
    render,
    load,
    /** Write the hash now rather than after the pause. */
    flush: () => write.flush(),
  };
}
