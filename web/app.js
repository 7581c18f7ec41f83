// activations-wasm page: pick an activation function, chart g(z) and g'(z) computed by the
// WebAssembly module, show its formulas (KaTeX) and teaching notes.
//
// Everything about the functions (ids, names, parameters, formulas, kink conventions) comes from
// the module's registry (act.names / act.info); only the teaching notes live in notes.js.
//
// Test hook: window.activationsPage = { ready, plotted() } (see bottom of the state section).

import { NOTES } from './notes.js';

const POINTS = 1001;
const DEFAULT_RANGE = Object.freeze([-6, 6]);
const MAX_ABS_Z = 1e30; // comfortably inside float32
const GREEK = {
  alpha: 'α', beta: 'β', gamma: 'γ', delta: 'δ', epsilon: 'ε', eta: 'η', theta: 'θ', kappa: 'κ',
  lambda: 'λ', mu: 'μ', nu: 'ν', rho: 'ρ', sigma: 'σ', tau: 'τ', phi: 'φ', omega: 'ω',
};
const KATEX_OPTIONS = Object.freeze({ throwOnError: false, output: 'htmlAndMathml' });

const $ = (id) => document.getElementById(id);

// ---------------------------------------------------------------------------------------------
// State and test hook
// ---------------------------------------------------------------------------------------------

const state = {
  act: null,
  uPlot: null,
  katex: null,
  id: null,
  info: null,
  /** id -> { paramName: value } (remembered while switching functions) */
  paramsById: new Map(),
  /** params with a value that failed validation: name -> message */
  invalidParams: new Map(),
  range: [...DEFAULT_RANGE],
  plot: null,
  /** what the chart shows: { id, params, range, data } */
  drawn: null,
  /** the module function object behind the chart (used by the point probe) */
  fn: null,
  lastWidth: 0,
  zeroStroke: 'rgba(0,0,0,0.35)',
};

let resolveReady;
let rejectReady;
const ready = new Promise((resolve, reject) => {
  resolveReady = resolve;
  rejectReady = reject;
});
ready.catch(() => {}); // failures are shown in the page; awaiting code still sees the rejection

window.activationsPage = {
  /** Resolves after the first chart draw; rejects if the page could not start. */
  ready,
  /** The data held by the uPlot instance (what is drawn), with the function id and params. */
  plotted() {
    const u = state.plot;
    if (!u || !state.drawn) return null;
    const [z, g, dg] = u.data;
    return {
      id: state.drawn.id,
      params: { ...state.drawn.params },
      z: Array.from(z),
      g: Array.from(g),
      dg: Array.from(dg),
    };
  },
};

// ---------------------------------------------------------------------------------------------
// Formatting helpers
// ---------------------------------------------------------------------------------------------

const MINUS = '\u2212';

function fmt(v, digits = 6) {
  if (v === null || v === undefined) return '—';
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '∞';
  if (v === -Infinity) return MINUS + '∞';
  if (v === 0) return Object.is(v, -0) ? MINUS + '0' : '0';
  const a = Math.abs(v);
  const s = a >= 1e-4 && a < 1e7 ? String(Number(v.toPrecision(digits))) : v.toExponential(digits - 2);
  return s.replace('-', MINUS).replace(/e\+?/, 'e');
}

function displayParamName(name) {
  return GREEK[name] ?? name;
}

function paramLabel(name) {
  const greek = GREEK[name];
  return greek ? `${greek} (${name})` : name;
}

function safeId(s) {
  return String(s).replace(/[^A-Za-z0-9_-]/g, '_');
}

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') node.className = v;
    else if (k === 'text') node.textContent = v;
    else if (k in node && typeof v !== 'string') node[k] = v;
    else node.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children) if (c !== null && c !== undefined) node.append(c);
  return node;
}

/**
 * Runs fn with setAttribute('style', css) turned into element.style.cssText = css.
 * KaTeX draws tall delimiters (a three-row cases brace) as SVG and styles them
 * with setAttribute, which the page's CSP (style-src 'self', no 'unsafe-inline')
 * blocks; the same declarations set through the CSSOM are allowed.
 */
function withCssomStyles(fn) {
  const original = Element.prototype.setAttribute;
  Element.prototype.setAttribute = function setAttribute(name, value) {
    if (String(name).toLowerCase() === 'style') this.style.cssText = String(value);
    else original.call(this, name, value);
  };
  try {
    return fn();
  } finally {
    Element.prototype.setAttribute = original;
  }
}

/** Render TeX into element with KaTeX (DOM building, no innerHTML); plain text if KaTeX is missing. */
function renderTex(tex, element, displayMode = false) {
  element.replaceChildren();
  if (state.katex) {
    try {
      withCssomStyles(() => state.katex.render(tex, element, { ...KATEX_OPTIONS, displayMode }));
      return;
    } catch {
      element.replaceChildren();
    }
  }
  element.append(el('code', { class: 'tex-fallback', text: tex }));
}

/** Text with $inline TeX$ segments -> DOM nodes. */
function richText(text) {
  const frag = document.createDocumentFragment();
  const parts = String(text).split(/\$([^$]+)\$/);
  for (let i = 0; i < parts.length; i++) {
    if (i % 2 === 0) {
      if (parts[i]) frag.append(parts[i]);
      continue;
    }
    const span = el('span', { class: 'tex-inline' });
    renderTex(parts[i], span, false);
    // Keep punctuation that follows the formula on the same line: "$0.01$)" must not break before ")".
    const next = parts[i + 1] ?? '';
    const punct = /^[)\].,;:!?’”]+/.exec(next)?.[0];
    if (punct) {
      frag.append(el('span', { class: 'nowrap' }, span, punct));
      parts[i + 1] = next.slice(punct.length);
    } else {
      frag.append(span);
    }
  }
  return frag;
}

/** "text" + "more" with sentence punctuation in between. */
function sentence(text) {
  const t = String(text ?? '').trim();
  return t && !/[.!?]$/.test(t) ? `${t}.` : t;
}

// ---------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------

class PageError extends Error {
  constructor(message, cause) {
    super(message, cause ? { cause } : undefined);
    this.name = 'PageError';
  }
}

function showFatal(err) {
  const box = $('load-error');
  const message = err instanceof PageError ? err.message : 'The page could not start.';
  const detail = err instanceof PageError ? err.cause : err;
  box.replaceChildren(el('strong', { text: message }));
  if (detail) {
    box.append(el('pre', { text: String(detail?.message ?? detail) }));
  }
  box.append(
    el('p', {
      text: 'If you are running the page locally, build it first (npm run build) and serve the site folder over HTTP (node scripts/serve.mjs).',
    }),
  );
  box.hidden = false;
  $('status').hidden = true;
  // Nothing below can work without the module: leave only the explanation of what went wrong.
  for (const sel of ['#controls', '#chart-figure', '.probe', '.formulas', '#notes']) {
    const node = document.querySelector(sel);
    if (node) node.hidden = true;
  }
  console.error(err);
  rejectReady(err);
}

function setError(node, message) {
  node.textContent = message ?? '';
  node.hidden = !message;
}

// ---------------------------------------------------------------------------------------------
// Computing
// ---------------------------------------------------------------------------------------------

/** `n` evenly spaced float32 values from lo to hi, both ends included exactly (as float32). */
function linspace(lo, hi, n) {
  const z = new Float32Array(n);
  const span = hi - lo;
  for (let i = 0; i < n; i++) z[i] = lo + (span * i) / (n - 1);
  z[n - 1] = hi;
  return z;
}

/** uPlot draws gaps for null; non-finite values would break its auto-scaling. */
function plottable(values) {
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) return Array.from(values, (v) => (Number.isFinite(v) ? v : null));
  }
  return values;
}

function release(fn) {
  if (!fn) return;
  for (const m of ['delete', 'dispose', 'free']) {
    if (typeof fn[m] === 'function') {
      try {
        fn[m]();
      } catch {
        /* already released */
      }
      return;
    }
  }
}

function currentParams() {
  return { ...(state.paramsById.get(state.id) ?? {}) };
}

/** True when the chart already shows the current function, params and range. */
function drawnIsCurrent() {
  const d = state.drawn;
  if (!d || d.id !== state.id) return false;
  if (d.range[0] !== state.range[0] || d.range[1] !== state.range[1]) return false;
  const params = currentParams();
  const keys = Object.keys(params);
  return keys.length === Object.keys(d.params).length && keys.every((k) => Object.is(params[k], d.params[k]));
}

/** Recompute g and g' for the current function, params and range, and draw them. */
function replot() {
  const computeError = $('compute-error');
  if (state.invalidParams.size > 0) return false;
  const id = state.id;
  const params = currentParams();
  const [lo, hi] = state.range;
  let fn;
  let data;
  try {
    fn = state.act.get(id, params);
    const z = linspace(lo, hi, POINTS);
    data = [z, plottable(fn.forward(z)), plottable(fn.derivative(z))];
  } catch (err) {
    release(fn);
    setError(computeError, `Could not compute ${state.info?.name ?? id}: ${err?.message ?? err}`);
    return false;
  }
  setError(computeError, null);
  release(state.fn);
  state.fn = fn;
  state.drawn = { id, params, range: [lo, hi], data };
  if (state.plot) state.plot.setData(data);
  else createPlot(data);
  describeChart();
  updateProbe();
  return true;
}

// ---------------------------------------------------------------------------------------------
// Chart
// ---------------------------------------------------------------------------------------------

const chartEl = () => $('chart');

function chartSize() {
  const width = Math.max(220, Math.floor(chartEl().clientWidth));
  const height = Math.round(Math.min(440, Math.max(240, width * 0.58)));
  return { width, height };
}

function cssVar(style, name, fallback) {
  return style.getPropertyValue(name).trim() || fallback;
}

/** Width for a y axis that fits its tick labels. */
function yAxisSize(u, values, axisIdx, cycleNum) {
  const axis = u.axes[axisIdx];
  if (cycleNum > 1) return axis._size;
  let size = (axis.ticks?.size ?? 10) + (axis.gap ?? 5) + 4;
  const longest = (values ?? []).reduce((a, v) => (String(v).length > a.length ? String(v) : a), '');
  if (longest) {
    u.ctx.font = axis.font[0];
    size += u.ctx.measureText(longest).width / (state.uPlot.pxRatio || 1);
  }
  return Math.ceil(size);
}

/** Thin lines at z = 0 and y = 0 (where the interesting things happen). */
function drawZeroLines(u) {
  const { ctx } = u;
  const { left, top, width, height } = u.bbox;
  const zero = state.zeroStroke;
  ctx.save();
  ctx.strokeStyle = zero;
  ctx.lineWidth = Math.max(1, Math.round(state.uPlot.pxRatio || 1));
  ctx.setLineDash([]);
  ctx.beginPath();
  const x0 = u.scales.x;
  if (x0.min < 0 && x0.max > 0) {
    const x = Math.round(u.valToPos(0, 'x', true)) + 0.5;
    ctx.moveTo(x, top);
    ctx.lineTo(x, top + height);
  }
  const y0 = u.scales.y;
  if (y0.min < 0 && y0.max > 0) {
    const y = Math.round(u.valToPos(0, 'y', true)) + 0.5;
    ctx.moveTo(left, y);
    ctx.lineTo(left + width, y);
  }
  ctx.stroke();
  ctx.restore();
}

function niceRound(v, step) {
  const decimals = Math.max(0, Math.min(12, -Math.floor(Math.log10(step))));
  return Number((Math.round(v / step) * step).toFixed(decimals));
}

/** Drag-select on the chart: make the selection the new z range (recomputed with fresh points). */
function onSelect(u) {
  const { left, width } = u.select;
  if (width < 4) return;
  const a = u.posToVal(left, 'x');
  const b = u.posToVal(left + width, 'x');
  u.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
  const step = 10 ** (Math.floor(Math.log10(b - a)) - 2);
  const lo = niceRound(a, step);
  const hi = niceRound(b, step);
  if (!(lo < hi)) return;
  $('z-min').value = String(lo);
  $('z-max').value = String(hi);
  onRangeInput();
}

function createPlot(data) {
  const uPlot = state.uPlot;
  const root = getComputedStyle(document.documentElement);
  const fontFamily = getComputedStyle(document.body).fontFamily || 'sans-serif';
  const gColor = cssVar(root, '--series-g', '#0072b2');
  const dgColor = cssVar(root, '--series-dg', '#d55e00');
  const axisColor = cssVar(root, '--axis', '#3a3f47');
  const gridColor = cssVar(root, '--grid', 'rgba(0,0,0,0.09)');
  const axisCommon = {
    stroke: axisColor,
    font: `12px ${fontFamily}`,
    labelFont: `600 13px ${fontFamily}`,
    grid: { stroke: gridColor, width: 1 },
    ticks: { stroke: gridColor, width: 1, size: 6 },
  };
  const valueFmt = (u, v) => fmt(v);
  const opts = {
    ...chartSize(),
    pxAlign: 0, // smooth anti-aliased curves instead of pixel-snapped staircases
    scales: { x: { time: false } },
    axes: [
      { ...axisCommon, label: 'z', labelSize: 22 },
      { ...axisCommon, label: 'g(z) and g′(z)', labelSize: 22, size: yAxisSize },
    ],
    series: [
      { label: 'z', value: valueFmt },
      { label: 'g(z)', stroke: gColor, width: 2.5, value: valueFmt, points: { show: false } },
      { label: 'g′(z)', stroke: dgColor, width: 2.5, dash: [9, 5], value: valueFmt, points: { show: false } },
    ],
    legend: {
      markers: {
        width: 3,
        dash: (u, i) => (u.series[i].dash ? 'dashed' : 'solid'),
      },
    },
    cursor: {
      drag: { x: true, y: false, setScale: false },
      points: { size: 8 },
    },
    hooks: {
      drawAxes: [drawZeroLines],
      draw: [
        () => {
          resolveReady();
        },
      ],
      setSelect: [onSelect],
    },
  };
  state.zeroStroke = cssVar(root, '--zero', 'rgba(0,0,0,0.35)');
  const u = new uPlot(opts, data, chartEl());
  const wrap = u.root.querySelector('.u-wrap');
  if (wrap) {
    wrap.setAttribute('role', 'img');
    wrap.setAttribute('aria-describedby', 'chart-caption');
  }
  state.plot = u;
  state.lastWidth = chartEl().clientWidth;
}

function rebuildPlot() {
  if (!state.plot) return;
  const data = state.plot.data;
  state.plot.destroy();
  state.plot = null;
  createPlot(data);
  describeChart();
}

function minMax(values) {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v === null || !Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo <= hi ? [lo, hi] : [NaN, NaN];
}

function describeChart() {
  const d = state.drawn;
  if (!d || !state.plot) return;
  const name = state.info?.name ?? d.id;
  const [lo, hi] = d.range;
  const paramText = Object.entries(d.params)
    .map(([k, v]) => `${displayParamName(k)} = ${fmt(v)}`)
    .join(', ');
  const [gLo, gHi] = minMax(d.data[1]);
  const [dLo, dHi] = minMax(d.data[2]);
  const label =
    `Line chart of ${name}${paramText ? ` (${paramText})` : ''} for z from ${fmt(lo)} to ${fmt(hi)}. ` +
    `g(z), solid line, ranges from ${fmt(gLo, 4)} to ${fmt(gHi, 4)}; ` +
    `g′(z), dashed line, ranges from ${fmt(dLo, 4)} to ${fmt(dHi, 4)}.`;
  const wrap = state.plot.root.querySelector('.u-wrap');
  if (wrap) wrap.setAttribute('aria-label', label);
  $('chart').setAttribute('data-function', d.id);
  $('chart-caption').textContent =
    `${name}${paramText ? ` with ${paramText}` : ''}: g(z) solid, g′(z) dashed, ` +
    `${POINTS} points from z = ${fmt(lo)} to ${fmt(hi)}, computed by the WebAssembly module` +
    `${state.act.simd ? ' (SIMD build)' : ''}. Point at the chart to read values; drag across it to zoom.`;
}

function watchSize() {
  let pending = false;
  const apply = () => {
    pending = false;
    const w = chartEl().clientWidth;
    if (!state.plot || w === state.lastWidth || w === 0) return;
    state.lastWidth = w;
    state.plot.setSize(chartSize());
  };
  const schedule = () => {
    if (!pending) {
      pending = true;
      requestAnimationFrame(apply);
    }
  };
  if (typeof ResizeObserver === 'function') new ResizeObserver(schedule).observe(chartEl());
  window.addEventListener('resize', schedule);
}

// ---------------------------------------------------------------------------------------------
// Controls
// ---------------------------------------------------------------------------------------------

function fillFunctionSelect() {
  const select = $('fn');
  select.replaceChildren();
  for (const id of state.act.names) {
    let name = id;
    try {
      name = state.act.info(id)?.name ?? id;
    } catch {
      /* keep the id as label */
    }
    select.append(el('option', { value: id, text: name }));
  }
  select.disabled = false;
}

function sliderBounds(p, value) {
  const min = Number.isFinite(p.min) ? p.min : null;
  const max = Number.isFinite(p.max) ? p.max : null;
  const w = 4 * Math.max(1, Math.abs(value));
  const lo = min ?? (max !== null ? Math.min(value, max) - w : value - w);
  const hi = max ?? (min !== null ? Math.max(value, min) + w : value + w);
  const span = hi - lo || 1;
  const step = 10 ** Math.floor(Math.log10(span / 100));
  return { lo, hi, step, min, max };
}

function validateParam(p, raw, bounds) {
  const label = displayParamName(p.name);
  if (String(raw).trim() === '') return { error: `Enter a value for ${label}.` };
  const v = Number(raw);
  if (!Number.isFinite(v)) return { error: `${label} must be a number.` };
  if (bounds.min !== null && v < bounds.min) return { error: `${label} must be at least ${fmt(bounds.min)}.` };
  if (bounds.max !== null && v > bounds.max) return { error: `${label} must be at most ${fmt(bounds.max)}.` };
  return { value: v };
}

function buildParamControls(info) {
  const list = $('param-list');
  list.replaceChildren();
  state.invalidParams.clear();
  const params = info.params ?? [];
  $('params').hidden = params.length === 0;
  const stored = state.paramsById.get(info.id ?? state.id) ?? {};
  const values = {};
  for (const p of params) {
    const value = Number.isFinite(stored[p.name]) ? stored[p.name] : p.default;
    values[p.name] = value;
    const bounds = sliderBounds(p, value);
    const base = `param-${safeId(p.name)}`;
    const labelId = `${base}-label`;
    const descId = `${base}-desc`;
    const errId = `${base}-error`;

    const label = el('label', { for: base, id: labelId }, displayParamName(p.name));
    if (GREEK[p.name]) label.append(' ', el('span', { class: 'param-id', text: `(${p.name})` }));

    const slider = el('input', {
      type: 'range',
      id: `${base}-range`,
      min: bounds.lo,
      max: bounds.hi,
      step: bounds.step,
      value: value,
      'aria-labelledby': labelId,
      'aria-describedby': descId,
      'data-param-range': p.name,
    });
    const number = el('input', {
      type: 'number',
      id: base,
      step: 'any',
      inputmode: 'decimal',
      value: value,
      'aria-describedby': `${descId} ${errId}`,
      'data-param': p.name,
    });
    if (bounds.min !== null) number.min = String(bounds.min);
    if (bounds.max !== null) number.max = String(bounds.max);

    const rangeText =
      bounds.min !== null && bounds.max !== null
        ? `${fmt(bounds.min)} … ${fmt(bounds.max)}`
        : bounds.min !== null
          ? `≥ ${fmt(bounds.min)}`
          : bounds.max !== null
            ? `≤ ${fmt(bounds.max)}`
            : 'any number';
    const desc = el(
      'p',
      { id: descId, class: 'hint' },
      p.description ? richText(sentence(p.description) + ' ') : '',
      `Range ${rangeText}, default ${fmt(p.default)}.`,
    );
    const err = el('p', { id: errId, class: 'error', role: 'alert', hidden: true });

    const commit = (raw, source, event) => {
      // Partial text such as "-" or "0e" reads as '' while typing: judge it on change.
      if (event.type === 'input' && String(raw).trim() === '') return;
      const r = validateParam(p, raw, bounds);
      if (r.error) {
        state.invalidParams.set(p.name, r.error);
        number.setAttribute('aria-invalid', 'true');
        setError(err, r.error);
        return;
      }
      state.invalidParams.delete(p.name);
      number.removeAttribute('aria-invalid');
      setError(err, null);
      if (source !== number) number.value = String(r.value);
      if (source !== slider) slider.value = String(r.value);
      const current = state.paramsById.get(state.id) ?? {};
      state.paramsById.set(state.id, { ...current, [p.name]: r.value });
      if (!drawnIsCurrent()) replot();
    };
    number.addEventListener('input', (e) => commit(number.value, number, e));
    number.addEventListener('change', (e) => commit(number.value, number, e));
    slider.addEventListener('input', (e) => commit(slider.value, slider, e));

    list.append(
      el('div', { class: 'param' }, label, el('div', { class: 'param-inputs' }, slider, number), desc, err),
    );
  }
  state.paramsById.set(state.id, values);
}

function readRange() {
  const minEl = $('z-min');
  const maxEl = $('z-max');
  const parse = (input, name) => {
    const raw = input.value.trim();
    if (raw === '') return { error: `Enter a number for ${name}.` };
    const v = Number(raw);
    if (!Number.isFinite(v)) return { error: `${name} must be a number.` };
    if (Math.abs(v) > MAX_ABS_Z) return { error: `${name} must be between −10^30 and 10^30.` };
    return { value: v };
  };
  const a = parse(minEl, 'z min');
  const b = parse(maxEl, 'z max');
  const invalid = new Set();
  let error = null;
  if (a.error) {
    error = a.error;
    invalid.add(minEl);
  } else if (b.error) {
    error = b.error;
    invalid.add(maxEl);
  } else if (a.value >= b.value) {
    error = `z min (${fmt(a.value)}) must be less than z max (${fmt(b.value)}).`;
    invalid.add(minEl).add(maxEl);
  } else if (b.value - a.value < 1e-3 * Math.max(Math.abs(a.value), Math.abs(b.value))) {
    error = `The range ${fmt(a.value)} … ${fmt(b.value)} is too narrow for ${POINTS} distinct float32 points; widen it.`;
    invalid.add(minEl).add(maxEl);
  }
  for (const input of [minEl, maxEl]) {
    if (invalid.has(input)) input.setAttribute('aria-invalid', 'true');
    else input.removeAttribute('aria-invalid');
  }
  return error ? { error } : { range: [a.value, b.value] };
}

function onRangeInput(event) {
  // While typing, a number input reads '' for partial text such as "-" or "1e": wait for more.
  if (event?.type === 'input' && ($('z-min').value.trim() === '' || $('z-max').value.trim() === '')) return;
  const r = readRange();
  setError($('range-error'), r.error ?? null);
  if (r.error) return;
  state.range = r.range;
  if (!drawnIsCurrent()) replot();
}

function selectFunction(id) {
  let info;
  try {
    info = state.act.info(id);
  } catch (err) {
    setError($('compute-error'), `Unknown function ${id}: ${err?.message ?? err}`);
    return;
  }
  state.id = id;
  state.info = info;
  $('fn').value = id;
  buildParamControls(info);
  renderExplanation(info);
  replot();
}

// ---------------------------------------------------------------------------------------------
// Formulas, kinks, notes
// ---------------------------------------------------------------------------------------------

function withLhs(tex, lhs) {
  return /(^|[^\\<>!])=/.test(tex) ? tex : `${lhs} = ${tex}`;
}

function renderExplanation(info) {
  const latex = info.latex ?? {};
  renderTex(withLhs(latex.value ?? '', 'g(z)'), $('tex-value'), true);
  renderTex(withLhs(latex.derivative ?? '', "g'(z)"), $('tex-derivative'), true);

  const kinks = $('kinks');
  kinks.replaceChildren();
  if (info.kinks) {
    // The registry's text carries its formulas as $inline TeX$.
    kinks.append(el('strong', { text: 'Kinks: ' }), richText(info.kinks));
    kinks.hidden = false;
  } else {
    kinks.hidden = true;
  }

  const params = info.params ?? [];
  const descList = $('param-desc');
  descList.replaceChildren();
  for (const p of params) {
    const li = el('li');
    if (GREEK[p.name]) {
      const sym = el('span', { class: 'tex-inline' });
      renderTex(`\\${p.name}`, sym);
      li.append(sym, ` (${p.name}): `);
    } else {
      li.append(el('code', { text: p.name }), ': ');
    }
    li.append(richText(sentence(p.description || 'no description')));
    li.append(` Default ${fmt(p.default)}`);
    if (Number.isFinite(p.min) || Number.isFinite(p.max)) {
      li.append(`, allowed ${Number.isFinite(p.min) ? fmt(p.min) : MINUS + '∞'} … ${Number.isFinite(p.max) ? fmt(p.max) : '∞'}`);
    }
    li.append('.');
    descList.append(li);
  }
  $('param-notes').hidden = params.length === 0;

  const acc = info.accuracy;
  const accEl = $('accuracy');
  if (acc && (Number.isFinite(acc.value) || Number.isFinite(acc.derivative))) {
    const parts = [];
    if (Number.isFinite(acc.value)) parts.push(`g within ${fmt(acc.value)} ulp`);
    if (Number.isFinite(acc.derivative)) parts.push(`g′ within ${fmt(acc.derivative)} ulp`);
    if (Number.isFinite(acc.second)) parts.push(`g″ within ${fmt(acc.second)} ulp`);
    accEl.textContent = `Accuracy of the float32 implementation (maximum error in units in the last place): ${parts.join(', ')}.`;
    accEl.hidden = false;
  } else {
    accEl.hidden = true;
  }

  // The seed's notes where the page has them, else the registry's teaching note.
  const notes = NOTES[info.id ?? state.id] ?? (info.notes ? [info.notes] : undefined);
  const list = $('notes-list');
  list.replaceChildren();
  if (Array.isArray(notes) && notes.length) {
    for (const n of notes) list.append(el('li', {}, richText(n)));
    $('notes').hidden = false;
  } else {
    $('notes').hidden = true;
  }
}

// ---------------------------------------------------------------------------------------------
// Point probe
// ---------------------------------------------------------------------------------------------

function updateProbe() {
  const input = $('probe-z');
  const out = $('probe-out');
  const raw = input.value.trim();
  const z = Number(raw);
  if (raw === '' || !Number.isFinite(z) || Math.abs(z) > MAX_ABS_Z) {
    input.setAttribute('aria-invalid', 'true');
    out.textContent = 'Enter a number.';
    return;
  }
  input.removeAttribute('aria-invalid');
  if (!state.fn) {
    out.textContent = '';
    return;
  }
  try {
    const { value, derivative } = state.fn.at(z);
    out.textContent = `g(${fmt(Math.fround(z), 9)}) = ${fmt(value, 9)},  g′ = ${fmt(derivative, 9)}`;
  } catch (err) {
    out.textContent = `Could not evaluate: ${err?.message ?? err}`;
  }
}

// ---------------------------------------------------------------------------------------------
// Start-up
// ---------------------------------------------------------------------------------------------

async function loadModules() {
  if (typeof WebAssembly !== 'object') {
    throw new PageError('This browser does not support WebAssembly, which the page needs to compute the functions.');
  }
  const katexPromise = import('./vendor/katex/katex.mjs').then(
    (m) => m.default,
    (err) => {
      console.warn('KaTeX could not be loaded; formulas are shown as TeX source.', err);
      return null;
    },
  );
  const uPlotPromise = import('./vendor/uplot/uPlot.esm.js').then(
    (m) => m.default,
    (err) => {
      throw new PageError('Could not load the chart library (vendor/uplot/uPlot.esm.js).', err);
    },
  );
  const actPromise = import('./pkg/browser.js').then(
    (m) =>
      m.loadActivations().catch((err) => {
        throw new PageError('The WebAssembly module failed to load.', err);
      }),
    (err) => {
      throw new PageError('Could not load the WebAssembly module (pkg/browser.js).', err);
    },
  );
  const [katex, uPlot, act] = await Promise.all([katexPromise, uPlotPromise, actPromise]);
  return { katex, uPlot, act };
}

async function main() {
  const { katex, uPlot, act } = await loadModules();
  state.katex = katex;
  state.uPlot = uPlot;
  state.act = act;
  if (!Array.isArray(act.names) || act.names.length === 0) {
    throw new PageError('The WebAssembly module reports no activation functions.');
  }

  fillFunctionSelect();
  $('fn').addEventListener('change', (e) => selectFunction(e.target.value));
  for (const id of ['z-min', 'z-max']) {
    $(id).addEventListener('input', onRangeInput);
    $(id).addEventListener('change', onRangeInput);
  }
  $('range-reset').addEventListener('click', () => {
    $('z-min').value = String(DEFAULT_RANGE[0]);
    $('z-max').value = String(DEFAULT_RANGE[1]);
    onRangeInput();
  });
  $('probe-z').addEventListener('input', updateProbe);
  $('controls').addEventListener('submit', (e) => e.preventDefault());

  const r = readRange();
  if (r.range) state.range = r.range;
  else {
    $('z-min').value = String(DEFAULT_RANGE[0]);
    $('z-max').value = String(DEFAULT_RANGE[1]);
  }

  selectFunction(act.names[0]);
  if (!state.plot) throw new PageError('The first chart could not be drawn.', $('compute-error').textContent);

  watchSize();
  const scheme = window.matchMedia?.('(prefers-color-scheme: dark)');
  scheme?.addEventListener?.('change', rebuildPlot);

  $('engine').textContent = act.simd
    ? 'Values computed in your browser by the activations-wasm WebAssembly module (SIMD build).'
    : 'Values computed in your browser by the activations-wasm WebAssembly module (baseline build: this browser lacks WebAssembly SIMD).';
  $('status').textContent = '';
  $('status').hidden = true;
}

main().catch(showFatal);
