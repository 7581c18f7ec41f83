// The page's test and measurement hook, window.activationsPage: read-only views
// of what is drawn and computed, for the browser tests and scripts/page-perf.mjs.

import { curvesCsv } from './export.js';
import { cloneState } from './state.js';

/** page: the app's shared object; ready: the start-up promise; flushHash(): write the hash now. */
export function installHook(page, { ready, flushHash }) {
  function nextDraw() {
    return new Promise((resolve) => {
      const off = page.chart.onDraw(() => {
        off();
        resolve(performance.now());
      });
    });
  }

  window.activationsPage = {
    /** Resolves after the first chart draw; rejects if the page could not start. */
    ready,
    /** What the main chart holds: the edited function's g, g′, g″ (null when hidden) and every slot's. */
    plotted() {
      const v = page.view;
      if (!v || !page.chart.uplot) return null;
      const drawn = page.chart.plottedSeries();
      const pick = (slot, order) => {
        const s = drawn.find((d) => d.slot === slot && d.order === order);
        return s ? Array.from(s.values) : null;
      };
      const a = v.slots[v.active];
      return {
        id: a.id,
        params: { ...a.params },
        z: Array.from(page.chart.uplot.data[0]),
        g: pick(v.active, 'g'),
        dg: pick(v.active, 'd1'),
        d2g: pick(v.active, 'd2'),
        series: v.slots.map((s, i) => ({ id: s.id, params: { ...s.params }, g: pick(i, 'g'), dg: pick(i, 'd1'), d2g: pick(i, 'd2') })),
      };
    },
    /** The cursor's z and the readout's numbers per slot (as f.at(z) gave them). */
    cursor() {
      const v = page.view;
      if (!v) return null;
      return {
        z: v.cursor.z,
        rows: v.slots.map((s, i) => ({ id: s.id, params: { ...s.params }, ...v.cursor.points[i].at })),
        tangent: v.cursor.tangent,
      };
    },
    state: () => cloneState(page.state),
    bands: () => (page.view?.bands ? structuredClone(page.view.bands) : null),
    pitfall: () => (page.pitfall ? { ...page.pitfall } : null),
    depth() {
      const d = page.depth;
      if (!d) return null;
      return {
        layers: d.layers,
        mean: d.mean,
        spread: d.spread,
        seed: d.seed,
        slots: d.slots.map((s) => ({ id: s.id, params: { ...s.params }, q1: Array.from(s.stats.q1), median: Array.from(s.stats.median), q3: Array.from(s.stats.q3), dead: Array.from(s.stats.dead) })),
        plotted: page.depthCharts.charts.mag.data.map((a) => Array.from(a)),
      };
    },
    /** Resolves with performance.now() when the main chart next finishes drawing. */
    nextDraw,
    /** Write the URL hash now (it is otherwise written 250 ms after the last change). */
    flushHash() {
      flushHash();
      return location.hash;
    },
    csv: () => curvesCsv(page.view),
    timings: page.timings,
    /** Resolves with the number of files the service worker cached (null without one). */
    offline: null,
  };
  return { nextDraw };
}
