// The page's test and measurement hook, window.activationsPage: read-only views
// of what is drawn and computed, for the browser tests and scripts/page-perf.mjs.
//
// It is installed before anything loads (so that a test can await `ready` even
// when start-up fails) and connected to the views once they exist.

import { curvesCsv } from './export.js';
import { cloneState } from './state.js';

/** ready: the start-up promise. */
export function installHook({ ready }) {
  /**
   * Set by connect(): chart, depthCharts (the renderers), getState() (the
   * store), plot() (main-view.js), pitfall(), depth() (depth-view.js's
   * result), timings, flushHash().
   */
  let from = null;

  function nextDraw() {
    return new Promise((resolve) => {
      const off = from.chart.onDraw(() => {
        off();
        resolve(performance.now());
      });
    });
  }

  const hook = {
    /** Resolves after the first chart draw; rejects if the page could not start. */
    ready,
    /** What the main chart holds: the edited function's g, g′, g″ (null when hidden) and every slot's. */
    plotted() {
      const v = from?.plot();
      if (!v || !from.chart.uplot) return null;
      const drawn = from.chart.plottedSeries();
      const pick = (slot, order) => {
        const s = drawn.find((d) => d.slot === slot && d.order === order);
        return s ? Array.from(s.values) : null;
      };
      const a = v.slots[v.active];
      return {
        id: a.id,
        source: a.source,
        params: { ...a.params },
        z: Array.from(from.chart.uplot.data[0]),
        g: pick(v.active, 'g'),
        dg: pick(v.active, 'd1'),
        d2g: pick(v.active, 'd2'),
        series: v.slots.map((s, i) => ({ id: s.id, source: s.source, params: { ...s.params }, g: pick(i, 'g'), dg: pick(i, 'd1'), d2g: pick(i, 'd2') })),
      };
    },
    /** The cursor's z and the readout's numbers per slot (as f.at(z) gave them). */
    cursor() {
      const v = from?.plot();
      if (!v) return null;
      return {
        z: v.cursor.z,
        rows: v.slots.map((s, i) => ({ id: s.id, source: s.source, params: { ...s.params }, ...v.cursor.points[i].at })),
        tangent: v.cursor.tangent,
      };
    },
    /** Per slot, per order: where the curve jumps ({ i, z, closed, open }: plot.js, jumps.js). */
    jumps() {
      const v = from?.plot();
      return v ? v.slots.map((s) => structuredClone(s.jumps)) : null;
    },
    /** Where (z, v) on the y scale of drawn series number k (0-based) lands on the chart canvas, in canvas pixels. */
    canvasPoint(z, v, k = 0) {
      const u = from?.chart.uplot;
      if (!u) return null;
      const scale = u.series[k + 1]?.scale ?? 'y';
      return { x: u.valToPos(z, 'x', true), y: u.valToPos(v, scale, true) };
    },
    /** The main chart's y scales as drawn: { key: [min, max] } ('y' for one function; 'g', 'd1', 'd2' in compare mode). */
    scales() {
      const u = from?.chart.uplot;
      if (!u) return null;
      const out = {};
      for (const [key, sc] of Object.entries(u.scales)) if (key !== 'x') out[key] = [sc.min, sc.max];
      return out;
    },
    state: () => cloneState(from.getState().view),
    bands: () => {
      const v = from?.plot();
      return v?.bands ? structuredClone(v.bands) : null;
    },
    pitfall: () => {
      const p = from?.pitfall();
      return p ? { ...p } : null;
    },
    depth() {
      const d = from?.depth();
      if (!d) return null;
      return {
        layers: d.layers,
        mean: d.mean,
        spread: d.spread,
        seed: d.seed,
        slots: d.slots.map((s) => ({ id: s.id, source: s.source, params: { ...s.params }, q1: Array.from(s.stats.q1), median: Array.from(s.stats.median), q3: Array.from(s.stats.q3), dead: Array.from(s.stats.dead) })),
        plotted: from.depthCharts.charts.mag.data.map((a) => Array.from(a)),
      };
    },
    /**
     * The Train section's run: steps, losses, per-layer measurements,
     * accuracies and notes (train-view.js); a promise, resolved once the
     * training worker has handled every command so far.
     */
    train: async () => (from ? from.train() : null),
    /** How long the Train section's recent draws took, in ms. */
    trainTimings: () => from?.trainTimings() ?? [],
    /** Resolves with performance.now() when the main chart next finishes drawing. */
    nextDraw,
    /** Write the URL hash now (it is otherwise written 250 ms after the last change). */
    flushHash() {
      from.flushHash();
      return location.hash;
    },
    csv: () => curvesCsv(from.plot()),
    /** { depthMs }: how long the last gradient-through-depth computation took. */
    get timings() {
      return from?.timings ?? null;
    },
    /** Resolves with the number of files the service worker cached (null without one). */
    offline: null,
  };
  window.activationsPage = hook;

  return {
    connect(sources) {
      from = sources;
    },
    nextDraw,
    /** The promise of enableOffline() (offline.js), once the page has started. */
    setOffline(promise) {
      hook.offline = promise;
    },
  };
}
