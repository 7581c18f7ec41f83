// Form controls built from the registry: the function menu grouped by family,
// a slider plus number input per parameter (bounded by the registry's range),
// and the list of plotted functions for compare mode.

import { CUSTOM_ID, sliderRange } from './custom.js';
import { richText, tex } from './tex.js';
import { $, GREEK, el, fmt, lineSwatch, paramSymbol, safeId, sentence, setError } from './util.js';

/** <select> with one <optgroup> per family, families in order of first appearance, then the user's own expression. */
export function fillFunctionSelect(select, act) {
  const groups = new Map();
  for (const id of act.names) {
    const info = act.info(id);
    if (!groups.has(info.family)) groups.set(info.family, el('optgroup', { label: info.family }));
    groups.get(info.family).append(el('option', { value: id, text: info.name }));
  }
  const own = el('optgroup', { label: 'Your own' }, el('option', { value: CUSTOM_ID, text: 'Custom expression…' }));
  select.replaceChildren(...groups.values(), own);
  select.disabled = false;
}

/**
 * Slider geometry for a parameter. Ranges over several decades (β from 0.01 to
 * 100) get a log-scale slider, so that 0.1, 1 and 10 are all reachable.
 */
export function sliderScale(p) {
  if (p.min > 0 && p.max / p.min >= 100) {
    return {
      log: true,
      lo: Math.log10(p.min),
      hi: Math.log10(p.max),
      step: 0.01,
      toSlider: (v) => Math.log10(v),
      fromSlider: (s) => Math.min(p.max, Math.max(p.min, Number((10 ** s).toPrecision(3)))),
    };
  }
  // A wide linear range (hardtanh's ends, −100 … 100): on a 150 px slider a pixel would be more
  // than a unit. A symmetric-log mapping keeps the ends and 0 where they are and spends the
  // slider on the small values, where the useful ones are: near ±1 a pixel is about 0.1.
  if (p.max - p.min >= 50) {
    const pivot = p.min < 0 && p.max > 0 ? 0 : p.min;
    const C = 0.2; // below this distance from the pivot the mapping is nearly linear
    const symlog = (d) => Math.sign(d) * Math.log10(1 + Math.abs(d) / C);
    const unlog = (t) => Math.sign(t) * C * (10 ** Math.abs(t) - 1);
    const side = (x) => (x >= pivot ? p.max - pivot : pivot - p.min);
    return {
      log: false,
      symlog: true,
      pivot,
      lo: p.min,
      hi: p.max,
      step: (p.max - p.min) / 2000,
      toSlider: (v) => pivot + (side(v) * symlog(v - pivot)) / symlog(side(v)),
      fromSlider: (raw) => {
        const sv = Number(raw);
        const v = pivot + unlog(((sv - pivot) * symlog(side(sv))) / side(sv));
        return Math.min(p.max, Math.max(p.min, Number(v.toPrecision(3)) + 0)); // + 0: no −0
      },
    };
  }
  const step = 10 ** Math.floor(Math.log10((p.max - p.min) / 100));
  const digits = Math.max(0, -Math.floor(Math.log10(step)));
  return {
    log: false,
    lo: p.min,
    hi: p.max,
    step,
    toSlider: (v) => v,
    fromSlider: (s) => Number(Number(s).toFixed(digits)),
  };
}

/** A typed value, checked against the registry's range; a user's parameter (p.free) takes any finite value. */
function validate(p, raw) {
  const label = paramSymbol(p.name);
  if (String(raw).trim() === '') return { error: `Enter a value for ${label}.` };
  const v = Number(raw);
  if (!Number.isFinite(v)) return { error: `${label} must be a number.` };
  if (p.free) return { value: v };
  if (v < p.min) return { error: `${label} must be at least ${fmt(p.min)}.` };
  if (v > p.max) return { error: `${label} must be at most ${fmt(p.max)}.` };
  return { value: v };
}

/** Counts the builds of the parameter controls: only the latest build's controls speak for the edited function. */
let builds = 0;

/**
 * One slider + number input per parameter of `info`, showing `values`.
 * onChange(name, value) for every valid edit; onInvalid(name, message|null).
 */
export function buildParamControls(info, values, { onChange, onInvalid }) {
  const build = ++builds;
  const list = $('param-list');
  list.replaceChildren();
  const params = info.params ?? [];
  $('params').hidden = params.length === 0;
  $('params-legend').textContent = `Parameters of ${info.name}`;
  for (const p of params) {
    const value = values[p.name];
    let scale = sliderScale(p);
    const base = `param-${safeId(p.name)}`;
    const labelId = `${base}-label`;
    const descId = `${base}-desc`;
    const errId = `${base}-error`;

    const label = el('label', { for: base, id: labelId }, GREEK[p.name] ? tex(`\\${p.name}`) : p.name);
    if (GREEK[p.name]) label.append(' ', el('span', { class: 'param-id', text: `(${p.name})` }));

    const slider = el('input', {
      type: 'range',
      id: `${base}-range`,
      min: scale.lo,
      max: scale.hi,
      step: scale.step,
      value: scale.toSlider(value),
      'aria-labelledby': labelId,
      'aria-describedby': descId,
      'aria-valuetext': `${paramSymbol(p.name)} = ${fmt(value)}`,
      'data-param-range': p.name,
      'data-scale': scale.log ? 'log' : scale.symlog ? 'symlog' : 'linear',
    });
    const number = el('input', {
      type: 'number',
      id: base,
      step: 'any',
      min: p.free ? undefined : p.min,
      max: p.free ? undefined : p.max,
      inputmode: 'decimal',
      value,
      'aria-describedby': `${descId} ${errId}`,
      'data-param': p.name,
    });
    const range = `Range ${fmt(p.min)} … ${fmt(p.max)}${scale.log ? ' (slider on a log scale)' : scale.symlog ? ` (slider finer near ${fmt(scale.pivot)})` : ''}, default ${fmt(p.default)}.`;
    const desc = el('p', { id: descId, class: 'hint' }, p.description ? richText(sentence(p.description) + ' ') : '', p.free ? '' : range);
    const err = el('p', { id: errId, class: 'error', role: 'alert', hidden: true });

    const commit = (raw, source, event) => {
      // A focused input that is being replaced (another function or slot picked,
      // a link applied) still fires 'change' (Chromium: before it leaves the
      // document); it no longer speaks for the edited function.
      if (build !== builds || !source.isConnected) return;
      // Partial text such as "-" or "0e" reads as '' while typing: judge it on change.
      if (event.type === 'input' && source === number && String(raw).trim() === '') return;
      const r = source === slider ? { value: scale.fromSlider(raw) } : validate(p, raw);
      if (r.error) {
        number.setAttribute('aria-invalid', 'true');
        setError(err, r.error);
        onInvalid(p.name, r.error);
        return;
      }
      number.removeAttribute('aria-invalid');
      setError(err, null);
      onInvalid(p.name, null);
      if (source !== number) number.value = String(r.value);
      // A user's parameter typed beyond its slider: the slider widens to take it in.
      if (p.free && source === number && (r.value < scale.lo || r.value > scale.hi)) {
        scale = sliderScale({ ...p, ...sliderRange(r.value) });
        Object.assign(slider, { min: String(scale.lo), max: String(scale.hi), step: String(scale.step) });
        slider.dataset.scale = scale.symlog ? 'symlog' : 'linear';
      }
      if (source !== slider) slider.value = String(scale.toSlider(r.value));
      slider.setAttribute('aria-valuetext', `${paramSymbol(p.name)} = ${fmt(r.value)}`);
      onChange(p.name, r.value);
    };
    number.addEventListener('input', (e) => commit(number.value, number, e));
    number.addEventListener('change', (e) => commit(number.value, number, e));
    slider.addEventListener('input', (e) => commit(slider.value, slider, e));

    list.append(el('div', { class: 'param' }, label, el('div', { class: 'param-inputs' }, slider, number), desc, err));
  }
}

/**
 * Mark the parameter inputs whose values the module refused in combination
 * (hardtanh's min and max): aria-invalid, described by the message under the
 * controls. An input refused by its own range check keeps its own marking.
 */
export function markRefusedParams(names) {
  for (const number of document.querySelectorAll('#param-list input[data-param]')) {
    const refused = names.includes(number.dataset.param);
    const own = number.closest('.param')?.querySelector('.error:not([hidden])');
    number.classList.toggle('is-refused', refused);
    if (refused) number.setAttribute('aria-invalid', 'true');
    else if (!own) number.removeAttribute('aria-invalid');
    const ids = new Set((number.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean));
    if (refused) ids.add('compute-error');
    else ids.delete('compute-error');
    number.setAttribute('aria-describedby', [...ids].join(' '));
  }
}

/**
 * The plotted functions as a radio group (which one the controls edit), each
 * with its line sample and a remove button; plus the add button's state.
 */
export function renderSlots(slots, active, { palette, max, onSelect, onRemove }) {
  const list = $('slots');
  list.replaceChildren();
  slots.forEach((slot, i) => {
    const id = `slot-${i}`;
    const radio = el('input', { type: 'radio', name: 'slot', id, value: String(i), checked: i === active });
    radio.addEventListener('change', () => radio.checked && onSelect(i));
    const colour = palette.series[i];
    const paramText = Object.entries(slot.params)
      .map(([k, v]) => `${paramSymbol(k)} = ${fmt(v)}`)
      .join(', ');
    const label = el(
      'label',
      { for: id, class: 'slot-label' },
      slots.length > 1 ? lineSwatch(colour, [], 3) : '',
      el('span', { class: 'slot-name', text: slot.name }),
      paramText ? el('span', { class: 'slot-params', text: ` ${paramText}` }) : '',
    );
    const row = el('li', { class: i === active ? 'slot slot-active' : 'slot' }, radio, label);
    if (slots.length > 1) {
      row.append(
        el('button', {
          type: 'button',
          class: 'button button-icon',
          'aria-label': `Remove ${slot.name} from the chart`,
          title: `Remove ${slot.name}`,
          text: '✕',
          onclick: () => onRemove(i),
        }),
      );
    }
    list.append(row);
  });
  const add = $('add-slot');
  add.disabled = slots.length >= max;
  $('slots-hint').textContent =
    slots.length >= max
      ? `${max} functions is the most one chart shows; remove one to add another.`
      : slots.length > 1
        ? 'Compare mode: colour tells the functions apart, dash style tells g, g′ and g″ apart. The selected function is the one edited below, shaded, and explained further down.'
        : 'Add functions to overlay them on the chart.';
}
