// The page's view state and its URL-hash form. The view is the part of the
// page's state (page-state.js) that a link carries; the hash is that object
// spelled out, so a shared link restores the exact view:
//
//   #f=leaky_relu(alpha=0.2),tanh&a=0&z=-6,6&show=g,d1&c=1&shade=1&eps=0.01&mu=0&sd=1&seed=1&table=0&dtable=0
//
// f: the plotted functions with all their parameters (first = slot 0); a
// custom expression is custom{source}(name=value;…), the source in braces
// (which the expression language never uses, so they delimit it whatever
// commas and parentheses it holds) and percent-encoded with the rest; a: the
// slot being edited, z: the z range, show: which of g, g′ (d1), g″ (d2) are
// drawn, c: the cursor's z, shade/eps: saturation shading and its |g′|
// threshold, mu/sd/seed: the gradient-through-depth inputs, table/dtable: data
// tables open, theme: light or dark chosen on the page (absent: the browser's
// colour scheme, so that links made before the choice existed read the same).
//
// The Train section's settings (train.js) follow, all of them or none (none:
// the defaults, so that links made before the section existed read the same):
//
//   &tdata=circle&tnoise=0.1&tlayers=8,8&tact=tanh&tinit=xavier&topt=adam&tlr=0.01&tbatch=10&tbias=0&trace=relu
//
// tdata: the data set, tnoise: its noise, tlayers: the hidden layers' widths,
// tact: the hidden activation (a catalogue id with its default parameters, or
// "chart": the function edited on the chart, a custom expression too), tinit,
// topt, tlr, tbatch, tbias: initialisation, optimizer, learning rate, batch
// size and initial bias; trace: a second activation raced against the first
// (absent or empty: no race).

import { CUSTOM_ID, compileCustom, paramsFor } from './custom.js';
import { TRAIN_DEFAULTS, decodeTrain, encodeTrain } from './train.js';

export const MAX_SLOTS = 4;
export const DEFAULT_RANGE = Object.freeze([-6, 6]);
export const MAX_ABS_Z = 1e30; // comfortably inside float32
export const ORDERS = Object.freeze(['g', 'd1', 'd2']);
export const DEPTH_LIMITS = Object.freeze({ mean: [-5, 5], spread: [0.05, 5], seed: [1, 1e9] });
export const EPS_LIMITS = Object.freeze([1e-6, 1]);
export const SCHEMES = Object.freeze(['auto', 'light', 'dark']);

export function defaultParams(info) {
  return Object.fromEntries((info.params ?? []).map((p) => [p.name, p.default]));
}

export function defaultState(act) {
  const id = act.names.includes('sigmoid') ? 'sigmoid' : act.names[0];
  return {
    slots: [{ id, params: defaultParams(act.info(id)) }],
    active: 0,
    range: [...DEFAULT_RANGE],
    show: { g: true, d1: true, d2: false },
    cursor: 1,
    shade: true,
    eps: 0.01,
    depth: { mean: 0, spread: 1, seed: 1 },
    table: false,
    depthTable: false,
    scheme: 'auto',
    train: { ...TRAIN_DEFAULTS, layers: [...TRAIN_DEFAULTS.layers] },
  };
}

export function cloneState(s) {
  return {
    ...s,
    slots: s.slots.map((slot) => ({ ...slot, params: { ...slot.params } })),
    range: [...s.range],
    show: { ...s.show },
    depth: { ...s.depth },
    train: { ...s.train, layers: [...s.train.layers] },
  };
}

// Fragment characters that need no escaping keep the hash readable.
const enc = (s) => encodeURIComponent(s).replace(/%2C/g, ',').replace(/%3A/g, ':').replace(/%3D/g, '=').replace(/%3B/g, ';').replace(/%28/g, '(').replace(/%29/g, ')');

function slotSpec({ id, source, params }) {
  const name = id === CUSTOM_ID ? `${id}{${source}}` : id;
  const entries = Object.entries(params);
  return entries.length ? `${name}(${entries.map(([k, v]) => `${k}=${v}`).join(';')})` : name;
}

/**
 * The f value's slot specs: split at the commas outside parentheses and
 * outside a custom expression's braces, where anything goes (an expression
 * with unbalanced parentheses is reported by the module, not split).
 */
function splitSlots(f) {
  const specs = [];
  let depth = 0;
  let inSource = false;
  let start = 0;
  for (let i = 0; i < f.length; i++) {
    const c = f[i];
    if (inSource) inSource = c !== '}';
    else if (c === '{') inSource = true;
    else if (c === '(') depth++;
    else if (c === ')' && depth > 0) depth--;
    else if (c === ',' && depth === 0) {
      specs.push(f.slice(start, i));
      start = i + 1;
    }
  }
  specs.push(f.slice(start));
  return specs.filter((spec) => spec.trim());
}

export function encodeState(s) {
  const shown = ORDERS.filter((o) => s.show[o]);
  const pairs = [
    ['f', s.slots.map(slotSpec).join(',')],
    ['a', s.active],
    ['z', `${s.range[0]},${s.range[1]}`],
    ['show', shown.join(',')],
    ['c', s.cursor],
    ['shade', s.shade ? 1 : 0],
    ['eps', s.eps],
    ['mu', s.depth.mean],
    ['sd', s.depth.spread],
    ['seed', s.depth.seed],
    ['table', s.table ? 1 : 0],
    ['dtable', s.depthTable ? 1 : 0],
  ];
  if (s.scheme && s.scheme !== 'auto') pairs.push(['theme', s.scheme]);
  pairs.push(...encodeTrain(s.train));
  return '#' + pairs.map(([k, v]) => `${k}=${enc(String(v))}`).join('&');
}

function parsePairs(hash) {
  const out = new Map();
  for (const part of String(hash).replace(/^#/, '').split('&')) {
    if (!part) continue;
    const at = part.indexOf('=');
    const key = at < 0 ? part : part.slice(0, at);
    let value = at < 0 ? '' : part.slice(at + 1);
    try {
      value = decodeURIComponent(value.replace(/\+/g, ' '));
    } catch {
      continue;
    }
    out.set(key, value);
  }
  return out;
}

const num = (s) => (s === undefined || String(s).trim() === '' ? NaN : Number(s));

/** name=value pairs of a slot spec, as numbers (NaN where not one). */
function paramPairs(list) {
  return (list ?? '')
    .split(';')
    .filter(Boolean)
    .map((kv) => {
      const [name, raw] = kv.split('=');
      return { name, raw, value: num(raw) };
    });
}

/** A custom slot from a link: the module parses the source; parameters it lacks start at 1. */
function parseCustomSlot(source, list, act, problems) {
  let fn;
  try {
    fn = compileCustom(act, source);
  } catch (err) {
    const where = err.column > 0 ? ` (column ${err.column})` : '';
    problems.push(`custom expression "${source}": ${err.reason ?? err.message}${where}`);
    return null;
  }
  const given = {};
  for (const { name, raw, value } of paramPairs(list)) {
    if (!fn.parameters.includes(name)) problems.push(`custom expression "${source}" has no parameter "${name}"`);
    else if (!Number.isFinite(value)) problems.push(`custom expression "${source}": ${name} = ${raw} is not a number`);
    else given[name] = value;
  }
  return { id: CUSTOM_ID, source, params: paramsFor(fn.parameters, given) };
}

function parseSlot(spec, act, problems) {
  const custom = /^custom\{([^{}]*)\}(?:\((.*)\))?$/.exec(spec.trim());
  if (custom) return parseCustomSlot(custom[1], custom[2], act, problems);
  const m = /^([A-Za-z0-9_]+)(?:\((.*)\))?$/.exec(spec.trim());
  if (!m || !act.names.includes(m[1])) {
    problems.push(`unknown function "${spec}"`);
    return null;
  }
  const info = act.info(m[1]);
  const params = defaultParams(info);
  for (const { name, raw, value: v } of paramPairs(m[2])) {
    const p = info.params.find((q) => q.name === name);
    if (!p) problems.push(`${m[1]} has no parameter "${name}"`);
    else if (!Number.isFinite(v) || v < p.min || v > p.max) problems.push(`${m[1]}: ${name} = ${raw} is outside ${p.min} … ${p.max}`);
    else params[name] = v;
  }
  // Combinations the registry forbids (hardtanh's min < max) are checked by the module itself.
  try {
    act.get(m[1], params);
  } catch (err) {
    problems.push(`${m[1]}: ${err.message}`);
    return { id: m[1], params: defaultParams(info) };
  }
  return { id: m[1], params };
}

/**
 * Reads a hash into a full state, starting from the defaults. Whatever is not
 * understood keeps its default and is listed in `problems`.
 */
export function decodeState(hash, act) {
  const s = defaultState(act);
  const problems = [];
  const pairs = parsePairs(hash);
  if (pairs.size === 0) return { state: s, problems };

  if (pairs.has('f')) {
    const slots = splitSlots(pairs.get('f'))
      .map((spec) => parseSlot(spec, act, problems))
      .filter(Boolean)
      .slice(0, MAX_SLOTS);
    if (slots.length) s.slots = slots;
  }
  const a = num(pairs.get('a'));
  if (Number.isInteger(a) && a >= 0 && a < s.slots.length) s.active = a;

  if (pairs.has('z')) {
    const [lo, hi] = pairs.get('z').split(',').map(num);
    if (Number.isFinite(lo) && Number.isFinite(hi) && lo < hi && Math.abs(lo) <= MAX_ABS_Z && Math.abs(hi) <= MAX_ABS_Z) s.range = [lo, hi];
    else problems.push(`z range "${pairs.get('z')}"`);
  }
  if (pairs.has('show')) {
    const shown = new Set(pairs.get('show').split(','));
    for (const o of ORDERS) s.show[o] = shown.has(o);
  }
  const c = num(pairs.get('c'));
  if (Number.isFinite(c) && Math.abs(c) <= MAX_ABS_Z) s.cursor = c;
  if (pairs.has('shade')) s.shade = pairs.get('shade') !== '0';
  const eps = num(pairs.get('eps'));
  if (eps >= EPS_LIMITS[0] && eps <= EPS_LIMITS[1]) s.eps = eps;
  for (const [key, field] of [['mu', 'mean'], ['sd', 'spread'], ['seed', 'seed']]) {
    const v = num(pairs.get(key));
    const [lo, hi] = DEPTH_LIMITS[field];
    if (v >= lo && v <= hi && (field !== 'seed' || Number.isInteger(v))) s.depth[field] = v;
    else if (pairs.has(key)) problems.push(`${key} = ${pairs.get(key)}`);
  }
  s.table = pairs.get('table') === '1';
  s.depthTable = pairs.get('dtable') === '1';
  if (pairs.has('theme')) {
    if (SCHEMES.includes(pairs.get('theme'))) s.scheme = pairs.get('theme');
    else problems.push(`theme = ${pairs.get('theme')}`);
  }
  s.train = decodeTrain(pairs, act, problems);
  return { state: s, problems };
}
