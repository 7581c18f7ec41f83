// activations-wasm page: orchestration. Holds the view state (state.js), asks
// the WebAssembly module for every plotted number (compute.js, depth.js) and
// hands the results to the views (chart.js, depth-view.js, explain.js,
// pitfall.js, readout.js, table.js, share.js).
//
// Test hook: window.activationsPage (hook.js).

import { createMainChart } from './chart.js';
import { POINTS, computeCurves, gradientBands, grid, plottable } from './compute.js';
import { buildParamControls, fillFunctionSelect, renderSlots } from './controls.js';
import { createDepthCharts } from './depth-chart.js';
import { createDepthView } from './depth-view.js';
import { renderExplanation, renderPlacedNotes } from './explain.js';
import { columnsOf, slotLabel } from './export.js';
import { installHook } from './hook.js';
import { legendEntries, renderLegendList } from './legend.js';
import { createNavigation, niceRound } from './navigate.js';
import { enableOffline } from './offline.js';
import { ORDER_STYLE, readPalette, seriesStyle } from './palette.js';
import { PITFALLS, pitfallAt, renderPitfallFrame, renderPitfallValues } from './pitfall.js';
import { cursorValueText, renderReadout } from './readout.js';
import { createShare } from './share.js';
import { EPS_LIMITS, MAX_SLOTS, ORDERS, decodeState, defaultParams, encodeState } from './state.js';
import { fillTable, tableIndices } from './table.js';
import { setKatex } from './tex.js';
import { $, debounce, el, fmt, lineSwatch, setError } from './util.js';

const page = {
  act: null,
  uPlot: null,
  state: null,
  infos: new Map(),
  /** parameters last used per function id, so switching back restores them */
  memory: new Map(),
  /** parameter inputs of the edited function that hold an invalid value */
  invalid: new Map(),
  /** module function objects behind the drawn view, one per slot */
  fns: [],
  /** what the main chart shows */
  view: null,
  chart: null,
  depthCharts: null,
  depth: null,
  depthKey: '',
  explainedId: null,
  legendKey: '',
  slotsKey: '',
  lastHash: '',
  theme: 'light',
  timings: { depthMs: NaN },
};

let resolveReady;
let rejectReady;
const ready = new Promise((resolve, reject) => {
  resolveReady = resolve;
  rejectReady = reject;
});
ready.catch(() => {}); // failures are shown in the page; awaiting code still sees the rejection

const hook = installHook(page, { ready, flushHash: () => writeHash.flush() });

const info = (id) => {
  let i = page.infos.get(id);
  if (!i) {
    i = page.act.info(id);
    page.infos.set(id, i);
  }
  return i;
};
const activeSlot = () => page.state.slots[page.state.active];

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
  if (detail) box.append(el('pre', { text: String(detail?.message ?? detail) }));
  box.append(
    el('p', {
      text: 'If you are running the page locally, build it first (npm run build) and serve the site folder over HTTP (node scripts/serve.mjs).',
    }),
  );
  box.hidden = false;
  $('status').hidden = true;
  // Nothing below can work without the module: leave only the explanation of what went wrong.
  for (const sel of ['.workbench', '#explain', '#depth']) {
    const node = document.querySelector(sel);
    if (node) node.hidden = true;
  }
  console.error(err);
  rejectReady(err);
}

// ---------------------------------------------------------------------------------------------
// The main chart: compute, draw, describe
// ---------------------------------------------------------------------------------------------

/** The module's functions for the current slots; throws the module's RangeError on bad parameters. */
function currentFns() {
  return page.state.slots.map((slot) => page.act.get(slot.id, slot.params));
}

function cursorView(fns) {
  const z = page.state.cursor;
  const points = fns.map((fn) => {
    const at = fn.at(z);
    return { g: at.value, d1: at.derivative, d2: at.second, at };
  });
  const a = points[page.state.active];
  return { z: Math.fround(z), points, tangent: a ? { g: a.g, d1: a.d1 } : null };
}

function bandsOf(view) {
  if (!page.state.shade) return null;
  return gradientBands(view.z, view.slots[page.state.active].curves.d1, page.state.eps);
}

/** Recompute every curve with the module and redraw. Returns false (and keeps the old chart) on error. */
function refresh() {
  const s = page.state;
  if (page.invalid.size > 0) return false;
  let fns;
  let view;
  try {
    fns = currentFns();
    const z = grid(s.range[0], s.range[1]);
    const slots = fns.map((fn, i) => {
      const curves = computeCurves(fn, z);
      const slot = { id: fn.id, name: info(fn.id).name, params: { ...fn.params } };
      return {
        ...slot,
        label: slotLabel(slot),
        curves,
        plotted: { g: plottable(curves.g), d1: plottable(curves.d1), d2: plottable(curves.d2) },
        index: i,
      };
    });
    view = { z, range: [...s.range], slots, show: { ...s.show }, theme: page.theme, active: s.active };
  } catch (err) {
    setError($('compute-error'), `Could not compute ${info(activeSlot().id).name}: ${err?.message ?? err}`);
    return false;
  }
  setError($('compute-error'), null);
  page.fns = fns;
  view.bands = bandsOf(view);
  view.cursor = cursorView(fns);
  page.view = view;
  page.chart.render(view);
  describe();
  updateCursorPanels();
  renderLegend();
  if (s.table) renderTable();
  renderSlotList();
  page.depthView.schedule();
  scheduleHash();
  return true;
}

/** The cursor moved (or shading changed): no new curves, repaint from uPlot's cached paths. */
function redrawOverlay() {
  const view = page.view;
  if (!view) return;
  view.bands = bandsOf(view);
  view.cursor = cursorView(page.fns);
  page.chart.redraw(view);
  updateCursorPanels();
  scheduleHash();
}

function minMax(values) {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo <= hi ? [lo, hi] : [NaN, NaN];
}

function describe() {
  const v = page.view;
  const names = v.slots.map((s) => s.label).join(', ');
  const [lo, hi] = v.range;
  $('chart-title').textContent = `${names}: ${ORDERS.filter((o) => v.show[o]).map((o) => ORDER_STYLE[o].label).join(', ') || 'no curve'} for z from ${fmt(lo)} to ${fmt(hi)}`;
  const parts = columnsOf(v).map((c) => {
    const [a, b] = minMax(c.values);
    return `${c.label} (${ORDER_STYLE[c.order].text}) from ${fmt(a, 4)} to ${fmt(b, 4)}`;
  });
  const shade = v.bands
    ? ` Shaded: |g′| < ${fmt(page.state.eps)} for ${v.slots[v.active].name} (${describeBands(v.bands.small)}); cross-hatched: g′ exactly 0 (${describeBands(v.bands.dead)}).`
    : '';
  $('chart-desc').textContent =
    `Line chart, ${POINTS} points per curve computed by the WebAssembly module${page.act.simd ? ' (SIMD build)' : ''}. ` +
    `${parts.join('; ')}.${shade}`;
  $('chart').setAttribute('aria-valuemin', String(lo));
  $('chart').setAttribute('aria-valuemax', String(hi));
  $('chart').dataset.function = v.slots[v.active].id;
}

function describeBands(list) {
  if (!list.length) return 'nowhere';
  return list.map(([a, b]) => `z ${fmt(a, 3)} to ${fmt(b, 3)}`).join(', ');
}

function renderLegend() {
  const v = page.view;
  const palette = page.chart.palette;
  const entries = legendEntries(v, palette, page.state.eps);
  const key = JSON.stringify([entries.map((e) => [e.text, e.stroke, e.shade]), page.theme]);
  if (key === page.legendKey) return;
  page.legendKey = key;
  renderLegendList($('legend'), entries);
  // The curve checkboxes show the same line samples.
  for (const o of ORDERS) {
    const s = seriesStyle(palette, 0, o, v.slots.length === 1 ? 1 : 2);
    $(`swatch-${o}`).replaceChildren(lineSwatch(v.slots.length === 1 ? s.stroke : palette.muted, s.dash, s.width));
  }
}

function renderTable() {
  const v = page.view;
  const cols = columnsOf(v);
  const indices = tableIndices(v.z.length);
  fillTable(
    $('data-table'),
    `${indices.length} of the ${v.z.length} plotted points (evenly spaced, both ends included); Download CSV has all of them.`,
    [{ label: 'z', values: v.z }, ...cols.map((c) => ({ label: c.label, values: c.values }))],
    indices,
  );
}

// ---------------------------------------------------------------------------------------------
// Cursor, readout, float32 pitfall
// ---------------------------------------------------------------------------------------------

function updateCursorPanels() {
  const v = page.view;
  const c = v.cursor;
  const palette = page.chart.palette;
  const rows = v.slots.map((slot, i) => ({ name: slotLabel(slot), colour: palette.series[i], at: c.points[i].at }));
  renderReadout(rows, { active: v.active, compare: v.slots.length > 1 });
  const input = $('cursor-z');
  if (document.activeElement !== input) input.value = String(c.z);
  const outside = c.z < v.range[0] || c.z > v.range[1];
  const chart = $('chart');
  chart.setAttribute('aria-valuenow', String(c.z));
  chart.setAttribute('aria-valuetext', cursorValueText(c.z, rows[v.active], outside));

  const slot = v.slots[v.active];
  if (PITFALLS[slot.id]) {
    const sigmoid = page.act.get('sigmoid');
    page.pitfall = pitfallAt(slot.id, page.fns[v.active], c.z, (z) => sigmoid.at(z).value);
    renderPitfallValues(page.pitfall);
  } else {
    page.pitfall = null;
  }
}

// ---------------------------------------------------------------------------------------------
// Functions, parameters, compare slots
// ---------------------------------------------------------------------------------------------

function renderSlotList() {
  const s = page.state;
  const key = JSON.stringify([s.slots, s.active, page.theme]);
  if (key === page.slotsKey) return;
  page.slotsKey = key;
  const slots = s.slots.map((slot) => ({ ...slot, name: info(slot.id).name }));
  renderSlots(slots, s.active, {
    palette: page.chart?.palette ?? readPalette(),
    max: MAX_SLOTS,
    onSelect: (i) => setActive(i),
    onRemove: (i) => removeSlot(i),
  });
}

/** Controls and explanation for the slot being edited. */
function syncEditor() {
  const slot = activeSlot();
  const fnInfo = info(slot.id);
  $('fn').value = slot.id;
  page.invalid.clear();
  buildParamControls(fnInfo, slot.params, {
    onChange(name, value) {
      const current = activeSlot();
      if (current.id !== fnInfo.id) return;
      current.params = { ...current.params, [name]: value };
      page.memory.set(current.id, { ...current.params });
      refresh();
    },
    onInvalid(name, message) {
      if (message) page.invalid.set(name, message);
      else page.invalid.delete(name);
    },
  });
  if (page.explainedId !== slot.id) {
    page.explainedId = slot.id;
    renderExplanation(fnInfo);
  }
  renderPitfallFrame(slot.id, (z) => {
    page.nav.setCursor(z);
    $('pitfall').scrollIntoView?.({ block: 'nearest' });
  });
  renderPlacedNotes(page.state.slots, page.state.active, page.act);
}

function selectFunction(id) {
  const slot = activeSlot();
  page.memory.set(slot.id, { ...slot.params });
  slot.id = id;
  slot.params = { ...(page.memory.get(id) ?? defaultParams(info(id))) };
  syncEditor();
  refresh();
}

function setActive(i) {
  if (i === page.state.active || i < 0 || i >= page.state.slots.length) return;
  page.state.active = i;
  syncEditor();
  refresh();
}

function addSlot() {
  const s = page.state;
  if (s.slots.length >= MAX_SLOTS) return;
  const used = new Set(s.slots.map((slot) => slot.id));
  const suggestions = ['relu', 'tanh', 'leaky_relu', 'gelu', 'sigmoid', 'silu'];
  const id = suggestions.find((x) => !used.has(x) && page.act.names.includes(x)) ?? page.act.names.find((x) => !used.has(x)) ?? page.act.names[0];
  s.slots.push({ id, params: { ...(page.memory.get(id) ?? defaultParams(info(id))) } });
  s.active = s.slots.length - 1;
  syncEditor();
  refresh();
  $('fn').focus();
}

function removeSlot(i) {
  const s = page.state;
  if (s.slots.length <= 1) return;
  s.slots.splice(i, 1);
  if (s.active >= s.slots.length || s.active > i) s.active = Math.max(0, s.active - (s.active > i || s.active >= s.slots.length ? 1 : 0));
  syncEditor();
  refresh();
  document.querySelector(`#slots input[value="${s.active}"]`)?.focus();
}

// ---------------------------------------------------------------------------------------------
// URL hash
// ---------------------------------------------------------------------------------------------

const writeHash = debounce(() => {
  const hash = encodeState(page.state);
  page.lastHash = hash;
  if (location.hash !== hash) history.replaceState(null, '', hash);
}, 250);

function scheduleHash() {
  writeHash();
}

/** Make every control show the state (after load or a pasted link). */
function syncControls() {
  const s = page.state;
  $('z-min').value = String(s.range[0]);
  $('z-max').value = String(s.range[1]);
  setError($('range-error'), null);
  for (const o of ORDERS) $(`show-${o}`).checked = s.show[o];
  $('shade').checked = s.shade;
  $('eps').value = String(s.eps);
  $('eps').disabled = !s.shade;
  page.depthView.sync();
  setTableOpen('table', s.table);
  setTableOpen('depthTable', s.depthTable);
  syncEditor();
}

function applyState(state, problems = []) {
  page.state = state;
  for (const slot of state.slots) page.memory.set(slot.id, { ...slot.params });
  syncControls();
  refresh();
  const status = $('status');
  if (problems.length) {
    status.textContent = `Some settings in the link were not understood and were left at their defaults: ${problems.join('; ')}.`;
    status.hidden = false;
  }
}

// ---------------------------------------------------------------------------------------------
// Tables, export, sharing
// ---------------------------------------------------------------------------------------------

function setTableOpen(which, open) {
  const [button, wrap, label] = which === 'table' ? ['table-toggle', 'table-wrap', 'data table'] : ['depth-table-toggle', 'depth-table-wrap', 'data table'];
  page.state[which] = open;
  $(button).setAttribute('aria-expanded', String(open));
  $(button).textContent = open ? `Hide ${label}` : `Show ${label}`;
  $(wrap).hidden = !open;
  if (open && which === 'table' && page.view) renderTable();
  if (open && which === 'depthTable') page.depthView.renderTable();
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

function wireControls() {
  $('fn').addEventListener('change', (e) => selectFunction(e.target.value));
  $('add-slot').addEventListener('click', addSlot);
  for (const o of ORDERS) {
    $(`show-${o}`).addEventListener('change', (e) => {
      page.state.show[o] = e.target.checked;
      refresh();
    });
  }

  $('shade').addEventListener('change', (e) => {
    page.state.shade = e.target.checked;
    $('eps').disabled = !e.target.checked;
    redrawOverlay();
    describe();
    renderLegend();
  });
  const onEps = (e) => {
    const raw = $('eps').value.trim();
    if (e.type === 'input' && raw === '') return;
    const v = Number(raw);
    const problem = raw === '' || !(v >= EPS_LIMITS[0] && v <= EPS_LIMITS[1]) ? `Enter a threshold between ${fmt(EPS_LIMITS[0])} and ${fmt(EPS_LIMITS[1])}.` : null;
    setError($('eps-error'), problem);
    if (problem) return $('eps').setAttribute('aria-invalid', 'true');
    $('eps').removeAttribute('aria-invalid');
    page.state.eps = v;
    redrawOverlay();
    describe();
    renderLegend();
  };
  $('eps').addEventListener('input', onEps);
  $('eps').addEventListener('change', onEps);


  createShare(page, { flushHash: () => writeHash.flush() });
  $('table-toggle').addEventListener('click', () => {
    setTableOpen('table', !page.state.table);
    scheduleHash();
  });
  $('depth-table-toggle').addEventListener('click', () => {
    setTableOpen('depthTable', !page.state.depthTable);
    scheduleHash();
  });

  for (const form of ['controls', 'depth-controls']) $(form).addEventListener('submit', (e) => e.preventDefault());

  // The skip link would put "#chart" into the URL, which holds the view state: move focus instead.
  document.querySelector('.skip-link').addEventListener('click', (e) => {
    e.preventDefault();
    $('chart').focus();
  });
  window.addEventListener('hashchange', () => {
    // Only a state hash (key=value pairs) replaces the view; a bare fragment is a jump target.
    if (location.hash === page.lastHash || !location.hash.includes('=')) return;
    const { state, problems } = decodeState(location.hash, page.act);
    applyState(state, problems);
  });
}

function watchEnvironment() {
  let pending = false;
  const resize = () => {
    pending = false;
    page.chart.resize();
    page.depthCharts.resize();
  };
  const schedule = () => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(resize);
  };
  if (typeof ResizeObserver === 'function') {
    const ro = new ResizeObserver(schedule);
    ro.observe($('chart'));
    ro.observe($('depth-mag'));
  }
  window.addEventListener('resize', schedule);

  const scheme = window.matchMedia?.('(prefers-color-scheme: dark)');
  page.theme = scheme?.matches ? 'dark' : 'light';
  scheme?.addEventListener?.('change', () => {
    page.theme = scheme.matches ? 'dark' : 'light';
    page.legendKey = '';
    page.slotsKey = '';
    refresh();
    page.depthView.invalidate();
  });
}

async function main() {
  const { katex, uPlot, act } = await loadModules();
  setKatex(katex);
  page.uPlot = uPlot;
  page.act = act;
  if (!Array.isArray(act.names) || act.names.length === 0) {
    throw new PageError('The WebAssembly module reports no activation functions.');
  }

  fillFunctionSelect($('fn'), act);
  page.chart = createMainChart($('chart'), {
    uPlot,
    onCursorIndex: (idx) => page.nav.setCursorIndex(idx),
    onSelectRange: (a, b) => {
      const span = b - a;
      page.nav.setRange(niceRound(a, span), niceRound(b, span));
    },
    onWheelZoom: (factor, centre) => page.nav.zoom(factor, centre),
  });
  page.depthCharts = createDepthCharts($('depth-mag'), $('depth-dead'), { uPlot });
  page.depthView = createDepthView(page, { currentFns, info, onInput: scheduleHash });
  page.nav = createNavigation(page, { refresh, redrawOverlay });
  watchEnvironment();
  wireControls();

  const { state, problems } = decodeState(location.hash, act);
  const firstDraw = hook.nextDraw();
  applyState(state, problems);
  if (!page.view) throw new PageError('The first chart could not be drawn.', $('compute-error').textContent);
  await firstDraw;

  $('engine').textContent = act.simd
    ? 'Values computed in your browser by the activations-wasm WebAssembly module (SIMD build).'
    : 'Values computed in your browser by the activations-wasm WebAssembly module (baseline build: this browser lacks WebAssembly SIMD).';
  if (!problems.length) {
    $('status').textContent = '';
    $('status').hidden = true;
  }
  resolveReady();

  window.activationsPage.offline = enableOffline().then((count) => {
    if (count) $('offline-status').textContent = `Available offline: ${count} files of this page are kept by your browser.`;
    return count;
  });
}

main().catch(showFatal);
