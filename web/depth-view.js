// The gradient-through-depth view: its inputs (mean, spread, sample set), the
// computation (depth.js, from the module's g′) scheduled off the main chart's
// path, its charts (depth-chart.js), summary, legend and data table.

import { LAYERS, PATHS, depthStats, preActivations, standardNormals } from './depth.js';
import { fromLog10 } from './depth-chart.js';
import { slotLabel } from './export.js';
import { SLOT_DASH, readPalette } from './palette.js';
import { DEPTH_LIMITS } from './state.js';
import { fillTable } from './table.js';
import { $, el, fmt, lineSwatch, setError } from './util.js';

/**
 * page: the app's shared object (state, theme, depthCharts, depth, timings).
 * currentFns(): the module's functions for the plotted slots (throws on bad parameters).
 * info(id): registry entry. onInput(): the inputs changed (for the URL hash).
 */
export function createDepthView(page, { currentFns, info, onInput }) {
  // The depth view is recomputed in tasks of its own (one per function), at most
  // every DEPTH_INTERVAL ms while the inputs keep changing, so that dragging a
  // slider keeps the main chart at full frame rate; the last change always lands.
  const DEPTH_INTERVAL = 120;
  const depthJob = { timer: 0, running: false, dirty: false, last: -Infinity, z: null };
  const nextTask = () =>
    new Promise((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve();
      channel.port2.postMessage(0);
    });

  function scheduleDepth() {
    if (depthJob.timer || depthJob.running) {
      depthJob.dirty = true;
      return;
    }
    const wait = Math.max(0, depthJob.last + DEPTH_INTERVAL - performance.now());
    depthJob.timer = setTimeout(runDepth, wait);
  }

  async function runDepth() {
    depthJob.timer = 0;
    depthJob.running = true;
    depthJob.dirty = false;
    depthJob.last = performance.now();
    try {
      await computeDepth();
    } catch (err) {
      console.error(err);
    } finally {
      depthJob.running = false;
    }
    if (depthJob.dirty) scheduleDepth();
  }

  const depthKeyOf = (s) => JSON.stringify([s.slots, s.depth, page.theme]);

  async function computeDepth() {
    const s = page.state;
    const key = depthKeyOf(s);
    if (key === page.depthKey) return;
    let fns;
    try {
      fns = currentFns();
    } catch {
      return; // the main chart shows the error
    }
    let busy = 0;
    let t0 = performance.now();
    depthJob.z = preActivations(standardNormals(s.depth.seed), s.depth.mean, s.depth.spread, depthJob.z ?? undefined);
    const slots = [];
    for (const fn of fns) {
      slots.push({ id: fn.id, name: info(fn.id).name, params: { ...fn.params }, stats: depthStats(fn, depthJob.z) });
      busy += performance.now() - t0;
      await nextTask();
      if (depthKeyOf(page.state) !== key) {
        depthJob.dirty = true; // changed meanwhile: start over with the new inputs
        return;
      }
      t0 = performance.now();
    }
    page.depth = { layers: LAYERS, slots, ...s.depth, theme: page.theme };
    page.depthKey = key;
    page.depthCharts.render(page.depth);
    describeDepth();
    page.timings.depthMs = busy + performance.now() - t0;
  }

  function describeDepth() {
    const d = page.depth;
    const palette = readPalette();
    const at = [1, 10, 50].filter((l) => l <= d.layers);
    const sentences = d.slots.map((slot) => {
      const bits = at.map((l) => `L = ${l}: median ${fromLog10(slot.stats.median[l - 1])}, ${fmt(slot.stats.dead[l - 1] * 100, 3)}% at 0`);
      return `${slotLabel(slot)}: ${bits.join('; ')}`;
    });
    const summary = `Inputs z ~ Normal(mean ${fmt(d.mean)}, spread ${fmt(d.spread)}), ${PATHS} paths, sample set ${d.seed}. ${sentences.join('. ')}.`;
    $('depth-summary').textContent = summary;
    $('depth-mag').setAttribute('aria-label', `Chart of the median and quartiles of |∏ g′| against the number of layers, log scale. ${sentences.join('. ')}.`);
    $('depth-dead').setAttribute('aria-label', `Chart of the share of paths whose gradient is exactly 0 against the number of layers. ${d.slots.map((s) => `${slotLabel(s)}: ${fmt(s.stats.dead[d.layers - 1] * 100, 3)}% at L = ${d.layers}`).join('; ')}.`);
    $('depth-seed').textContent = `Sample set ${d.seed}`;
    $('depth-legend').replaceChildren(
      el(
        'ul',
        { class: 'legend-list', 'aria-label': 'Legend' },
        ...d.slots.map((slot, i) => el('li', {}, lineSwatch(palette.series[i], SLOT_DASH[i], 2.5), ` ${slotLabel(slot)}`)),
        el('li', {}, el('span', { class: 'shade-swatch band-swatch', 'aria-hidden': 'true' }), ' middle half of the paths (quartiles)'),
      ),
    );
    if (page.state.depthTable) renderDepthTable();
  }

  function renderDepthTable() {
    const d = page.depth;
    if (!d) return;
    const layers = Array.from({ length: d.layers }, (_, i) => i + 1);
    const log = (v) => fromLog10(v, 4);
    const cols = [{ label: 'layers L', values: layers, format: String }];
    for (const slot of d.slots) {
      const name = slotLabel(slot);
      cols.push(
        { label: `${name}: lower quartile`, values: slot.stats.q1, format: log },
        { label: `${name}: median`, values: slot.stats.median, format: log },
        { label: `${name}: upper quartile`, values: slot.stats.q3, format: log },
        { label: `${name}: share at 0`, values: slot.stats.dead, format: (v) => `${fmt(v * 100, 4)}%` },
      );
    }
    fillTable($('depth-table'), `|∏ g′| over ${PATHS} paths after L layers`, cols, layers.map((_, i) => i));
  }

  function depthInput(field, numberId, rangeId, errorId) {
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
      page.state.depth[field] = v;
      scheduleDepth();
      onInput();
    };
    number.addEventListener('input', (e) => commit(number.value, number, e));
    number.addEventListener('change', (e) => commit(number.value, number, e));
    range.addEventListener('input', (e) => commit(range.value, range, e));
  }

  depthInput('mean', 'depth-mean', 'depth-mean-range', 'depth-mean-error');
  depthInput('spread', 'depth-spread', 'depth-spread-range', 'depth-spread-error');
  $('depth-resample').addEventListener('click', () => {
    page.state.depth.seed = (page.state.depth.seed % 1e9) + 1;
    scheduleDepth();
    onInput();
  });

  return {
    /** Recompute soon (coalesced, throttled) if the inputs changed. */
    schedule: scheduleDepth,
    /** Forget the last result (after a theme change) and recompute. */
    invalidate() {
      page.depthKey = '';
      scheduleDepth();
    },
    renderTable: renderDepthTable,
    /** Show the state's inputs in the controls. */
    sync() {
      const d = page.state.depth;
      $('depth-mean').value = $('depth-mean-range').value = String(d.mean);
      $('depth-spread').value = $('depth-spread-range').value = String(d.spread);
    },
  };
}
