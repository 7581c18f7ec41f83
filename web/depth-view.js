// The gradient-through-depth view: computed (depth.js, from the module's g′)
// off the main chart's path, then drawn (depth-chart.js) and described
// (depth-text.js). The plotted functions, the inputs' distribution and the
// theme are what it depends on.

import { LAYERS, depthStats, preActivations, standardNormals } from './depth.js';
import { describeDepth, renderDepthTable } from './depth-text.js';

// The depth view is recomputed in tasks of its own (one per function), at most
// every DEPTH_INTERVAL ms while the inputs keep changing, so that dragging a
// slider keeps the main chart at full frame rate; the last change always lands.
const DEPTH_INTERVAL = 120;

const nextTask = () =>
  new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(0);
  });

const keyOf = (state) => JSON.stringify([state.view.slots, state.view.depth, state.theme]);

/** charts: depth-chart.js; catalogue: catalogue.js. */
export function createDepthView({ charts, catalogue }) {
  const job = { timer: 0, running: false, dirty: false, last: -Infinity, z: null };
  /** The newest state handed to render(): a computation in progress checks it between functions. */
  let latest = null;
  /** What is drawn, and the inputs it was computed from. */
  let result = null;
  let resultKey = '';
  /** The result the data table holds (null while it is closed). */
  let tabled = null;
  /** How long the last computation kept the main thread busy (scripts/page-perf.mjs reads it). */
  const timings = { depthMs: NaN };

  function schedule() {
    if (job.timer || job.running) {
      job.dirty = true;
      return;
    }
    const wait = Math.max(0, job.last + DEPTH_INTERVAL - performance.now());
    job.timer = setTimeout(run, wait);
  }

  async function run() {
    job.timer = 0;
    job.running = true;
    job.dirty = false;
    job.last = performance.now();
    try {
      await compute();
    } catch (err) {
      console.error(err);
    } finally {
      job.running = false;
    }
    if (job.dirty) schedule();
  }

  async function compute() {
    const state = latest;
    const key = keyOf(state);
    if (key === resultKey) return;
    const { slots, depth } = state.view;
    let fns;
    try {
      fns = catalogue.functionsOf(slots);
    } catch {
      return; // the main chart shows the error
    }
    let busy = 0;
    let t0 = performance.now();
    job.z = preActivations(standardNormals(depth.seed), depth.mean, depth.spread, job.z ?? undefined);
    const computed = [];
    for (const [i, fn] of fns.entries()) {
      const name = catalogue.nameOf(slots[i]);
      computed.push({ id: fn.id, source: fn.source, name, params: { ...fn.params }, stats: depthStats(fn, job.z) });
      busy += performance.now() - t0;
      await nextTask();
      if (keyOf(latest) !== key) {
        job.dirty = true; // changed meanwhile: start over with the new inputs
        return;
      }
      t0 = performance.now();
    }
    result = { layers: LAYERS, slots: computed, ...depth, theme: state.theme };
    resultKey = key;
    charts.render(result);
    describeDepth(result);
    showTable(latest);
    timings.depthMs = busy + performance.now() - t0;
  }

  function showTable(state) {
    if (!state.view.depthTable) tabled = null;
    else if (result && tabled !== result) {
      tabled = result;
      renderDepthTable(result);
    }
  }

  function render(state, previous) {
    latest = state;
    const { view } = state;
    if (!view) return;
    const before = previous.view;
    if (view.slots !== before?.slots || view.depth !== before?.depth || state.theme !== previous.theme) schedule();
    showTable(state);
  }

  return {
    render,
    /** The last result drawn (null before the first). */
    result: () => result,
    timings,
  };
}
