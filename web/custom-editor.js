// The custom expression's editor, shown while the edited slot is one: the
// field is parsed by the module as it is typed; a source that compiles goes
// into the state (and so to every view), one that does not is reported under
// the field at its column while the chart keeps the last one that did. Also
// the expression as KaTeX, the module's rewrites and the presets.
//
// What the field holds while it does not parse is the field's own business:
// the state, the link and the chart hold the last expression that compiled.

import { CUSTOM_ID, isCustom } from './custom.js';
import { rewriteItems } from './rewrite-list.js';
import { tex } from './tex.js';
import { $, el } from './util.js';

/** Characters of the source shown on each side of the caret: the editor is about 33 characters wide, beside the chart and on a phone. */
const CONTEXT = 14;

/**
 * The source around `column` (1-based, in characters as the module counts
 * them) and a caret under it. Cuts are marked with three ASCII dots: an
 * ellipsis glyph may come from another font, of another width, and move the caret.
 */
export function caretLines(source, column) {
  const chars = Array.from(source.replace(/[\t\n\r]/g, ' '));
  const at = column - 1;
  const start = Math.max(0, at - CONTEXT);
  const end = Math.min(chars.length, at + CONTEXT);
  const before = start > 0 ? '...' : '';
  const shown = before + chars.slice(start, end).join('') + (end < chars.length ? '...' : '');
  return `${shown}\n${' '.repeat(before.length + at - start)}^`;
}

/** An error of act.compile() as { reason, column }; anything else it throws is about the whole source. */
function problemOf(err) {
  if (err?.name === 'ExpressionError') return { reason: err.reason, column: err.column };
  return { reason: String(err?.message ?? err), column: 0 };
}

/** catalogue: catalogue.js; getState(), dispatch(action): the store's. */
export function createCustomEditor({ catalogue, getState, dispatch }) {
  const input = $('custom-source');
  const errorBox = $('custom-error');
  const presetSelect = $('custom-preset');
  /** The source the field and the state last agreed on: while the state holds it, the field keeps what is typed. */
  let agreed = null;
  /** The source whose formula and rewrites are shown. */
  let shown = null;

  presetSelect.replaceChildren(
    el('option', { value: '', text: 'Choose one…' }),
    ...catalogue.presets.map((p) => el('option', { value: p.id, text: p.name })),
  );

  function showProblem(source, problem) {
    input.setAttribute('aria-invalid', 'true');
    const where = problem.column > 0 ? `Column ${problem.column}: ` : '';
    errorBox.replaceChildren(
      problem.column > 0 ? el('pre', { class: 'caret-lines', 'aria-hidden': 'true', text: caretLines(source, problem.column) }) : '',
      el('p', { class: 'error', text: `${where}${problem.reason}` }),
      el('p', { class: 'hint', text: 'The chart keeps the last expression that parsed.' }),
    );
  }

  function clearProblem() {
    input.removeAttribute('aria-invalid');
    errorBox.replaceChildren();
  }

  input.addEventListener('input', () => {
    const source = input.value;
    const { view } = getState();
    const slot = view.slots[view.active];
    if (!isCustom(slot)) return;
    let fn;
    try {
      fn = catalogue.functionOf({ id: CUSTOM_ID, source, params: slot.params });
    } catch (err) {
      showProblem(source, problemOf(err));
      return;
    }
    clearProblem();
    agreed = source;
    dispatch({ type: 'setSource', source, parameters: fn.parameters });
  });

  presetSelect.addEventListener('change', () => {
    const preset = catalogue.presets.find((p) => p.id === presetSelect.value);
    if (!preset) return;
    // The field may hold a typo of the very source the state has: the preset replaces it either way.
    input.value = preset.source;
    agreed = preset.source;
    clearProblem();
    dispatch({ type: 'setSource', source: preset.source, params: { ...preset.params } });
  });

  function renderFormula(slot) {
    const info = catalogue.describe(slot);
    $('custom-formula').replaceChildren(tex(`g(z) = ${info.latex.value}`, true));
    $('custom-rewrite-list').replaceChildren(...rewriteItems(info.rewrites));
    $('custom-rewrites').hidden = info.rewrites.length === 0;
  }

  function render(state, previous, action) {
    const { view } = state;
    if (!view) return;
    const slot = view.slots[view.active];
    $('custom-editor').hidden = !isCustom(slot);
    if (!isCustom(slot)) {
      agreed = null;
      return;
    }
    // Another expression than the field's (a preset, another slot, a link): the field shows it.
    if (slot.source !== agreed || action.type === 'load') {
      agreed = slot.source;
      input.value = slot.source;
      clearProblem();
    }
    if (slot.source !== shown) {
      shown = slot.source;
      renderFormula(slot);
    }
    const preset = catalogue.presets.find((p) => p.source === slot.source);
    presetSelect.value = preset?.id ?? '';
    $('custom-preset-reason').textContent = preset ? preset.reason : '';
  }

  return { render };
}
