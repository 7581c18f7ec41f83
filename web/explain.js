// The "understanding" section for the function being edited: formulas, the
// step-by-step derivations of g′ and g″, the convention at kinks, property
// badges, how the library computes it, and the notes. All of it comes from the
// module's registry (act.info) plus the seed's notes, which the caller passes
// in (catalogue.js says where they come from).

import { CUSTOM_TEXT } from './custom-text.js';
import { rewriteItems } from './rewrite-list.js';
import { richText, tex } from './tex.js';
import { $, GREEK, el, fmt, sentence } from './util.js';

function withLhs(source, lhs) {
  return /(^|[^\\<>!])=/.test(source) ? source : `${lhs} = ${source}`;
}

function badge(label, value, { warn = false, texValue = false } = {}) {
  const v = el('span', { class: 'badge-value' });
  if (texValue) v.append(tex(value));
  else v.append(richText(value));
  return el('li', { class: warn ? 'badge badge-warn' : 'badge' }, el('span', { class: 'badge-label', text: label }), v);
}

function renderBadges(info) {
  const p = info.properties ?? {};
  const list = $('badges');
  list.replaceChildren();
  $('explain-properties').hidden = !info.properties;
  if (p.range) list.append(badge('Range', p.range, { texValue: true }));
  if (p.monotonic) list.append(badge('Monotonic', p.monotonic, { warn: /^no/.test(p.monotonic) }));
  if (p.smoothness) list.append(badge('Smoothness', p.smoothness));
  if (p.zeroCentred !== undefined) list.append(badge('Zero-centred', p.zeroCentred ? 'yes' : 'no', { warn: !p.zeroCentred }));
  if (p.saturating) list.append(badge('Saturating', p.saturating, { warn: p.saturating !== 'no' }));
  if (p.deadZone) list.append(badge('Dead zone', p.deadZone, { warn: !/^none/.test(p.deadZone) }));
}

function renderSteps(listId, steps) {
  const list = $(listId);
  list.replaceChildren();
  for (const step of steps ?? []) {
    list.append(el('li', {}, el('p', {}, richText(step.text)), tex(step.latex, true)));
  }
  list.closest('section, .derivation')?.toggleAttribute('hidden', !(steps?.length > 0));
}

function note(text, className = 'seed-note') {
  return el('p', { class: className }, el('strong', { text: 'Note: ' }), richText(text));
}

function renderParams(info) {
  const params = info.params ?? [];
  const list = $('param-desc');
  list.replaceChildren();
  for (const p of params) {
    const li = el('li');
    if (GREEK[p.name]) li.append(tex(`\\${p.name}`), ` (${p.name}): `);
    else li.append(el('code', { text: p.name }), ': ');
    if (p.free) {
      li.append('a parameter of your expression: set it with its slider, or type any finite value.');
    } else {
      li.append(richText(sentence(p.description || 'no description')));
      li.append(` Default ${fmt(p.default)}, allowed ${fmt(p.min)} … ${fmt(p.max)}.`);
    }
    list.append(li);
  }
  if (info.paramsCondition) list.append(el('li', { text: `The parameters must satisfy ${info.paramsCondition}.` }));
  $('param-notes').hidden = params.length === 0;
}

const PRECISION = {
  float32: 'float32 intermediates',
  float64: 'float64 intermediates',
  mixed: 'exponential reduced in float32, finished in float64',
};

function renderAccuracy(info) {
  const acc = info.accuracy;
  const node = $('accuracy');
  const parts = [];
  for (const [key, label] of [['value', 'g'], ['derivative', 'g′'], ['second', 'g″']]) {
    if (Number.isFinite(acc?.[key])) parts.push(`${label} within ${fmt(acc[key])} ulp (${PRECISION[info.precision?.[key]] ?? 'float32 intermediates'})`);
  }
  node.textContent = parts.length ? `Measured accuracy of the float32 results, in units in the last place: ${parts.join(', ')}.` : '';
  node.hidden = parts.length === 0;
}

/**
 * Everything about one function that does not depend on its parameter values.
 * seedNotes: the seed's notes for it ({ derivative, chart, depth }, each optional).
 */
export function renderExplanation(info, seedNotes) {
  $('explain-name').textContent = info.name;
  $('explain-family').textContent = info.family;
  const summary = $('explain-summary');
  summary.replaceChildren(richText(info.summary ?? ''));

  renderBadges(info);

  const latex = info.latex ?? {};
  $('tex-value').replaceChildren(tex(withLhs(latex.value ?? '', 'g(z)'), true));
  // A custom expression has no closed forms of g′ and g″ to show (the module computes them by
  // forward-mode differentiation, as "How the library computes it" says), but its evaluated form.
  $('formula-derivatives').hidden = !latex.derivative;
  $('tex-derivative').replaceChildren(latex.derivative ? tex(withLhs(latex.derivative, "g'(z)"), true) : '');
  $('tex-second').replaceChildren(latex.second ? tex(withLhs(latex.second, "g''(z)"), true) : '');
  $('formula-evaluated').hidden = info.evaluated === undefined;
  $('evaluated').textContent = info.evaluated ?? '';
  const derivNote = $('derivative-note');
  derivNote.replaceChildren(seedNotes.derivative ? note(seedNotes.derivative) : '');
  derivNote.hidden = !seedNotes.derivative;

  renderSteps('derivation', info.derivation);
  renderSteps('derivation2', info.secondDerivation);

  const kinks = $('kinks');
  kinks.replaceChildren(richText(sentence(info.kinks ?? 'none')));
  const computation = $('computation');
  computation.replaceChildren(richText(info.computation ?? ''));
  renderAccuracy(info);
  renderParams(info);

  renderNotes(info);
}

/** The seed's notes; for a custom expression, what the module rewrote for stability. */
function renderNotes(info) {
  const notes = $('notes-list');
  const custom = info.rewrites !== undefined;
  $('notes-heading').textContent = custom ? 'Rewritten for numerical stability' : 'Notes';
  if (custom) notes.replaceChildren(...(info.rewrites.length ? rewriteItems(info.rewrites) : [el('li', { text: CUSTOM_TEXT.noRewrites })]));
  else notes.replaceChildren(...(info.notes ? [el('li', {}, richText(info.notes))] : []));
  $('notes').hidden = !custom && !info.notes;
}

/**
 * The seed's notes that belong beside the chart (for the selected function: it
 * is the one shaded) and in the depth view (for every plotted function).
 * functions: one { id, name, notes } per slot, notes as for renderExplanation.
 */
export function renderPlacedNotes(functions, active) {
  for (const [where, containerId, list] of [['chart', 'chart-notes', [functions[active]]], ['depth', 'depth-notes', functions]]) {
    const box = $(containerId);
    box.replaceChildren();
    const seen = new Set();
    for (const { id, name, notes } of list) {
      if (seen.has(id)) continue;
      seen.add(id);
      const text = notes[where];
      if (text) box.append(el('p', { class: 'seed-note', 'data-note': id }, el('strong', { text: `${name}: ` }), richText(text)));
    }
    box.hidden = box.childElementCount === 0;
  }
}
