// The Train section: hands the settings in the page's state (view.train) to
// the run (train-run.js: the networks train in a Web Worker), and draws what
// the run measured: the decision boundaries (train-heatmap.js), the charts
// (train-chart.js), the notes and the descriptions (train-text.js).
//
// While the run plays, the worker's updates are drawn once per animation
// frame (however many arrived), the text at most every TEXT_INTERVAL ms; a
// paused run is drawn in full at once. Each draw's duration is kept for
// scripts/page-perf.mjs.

import { isCustom } from './custom.js';
import { drawHeatmap } from './train-heatmap.js';
import { showTables } from './train-table.js';
import { createTrainRun } from './train-run.js';
import { describeRun, showLegends, showNotes, showProgress, showStatus } from './train-text.js';
import { FROM_CHART } from './train.js';
import { $, el } from './util.js';

const TEXT_INTERVAL = 300;
/** Draw durations kept (ms), the latest last. */
const TIMINGS_KEPT = 600;

/**
 * act: the module; catalogue: catalogue.js; charts: train-chart.js;
 * onRun(run): told after every change of the run (train-controls.js's buttons).
 */
export function createTrainView({ act, catalogue, charts, onRun }) {
  let theme = '';
  let key = '';
  let lastText = -Infinity;
  /** The maps drawn last (the run's maps object), so that a frame without new ones leaves them. */
  let mapsDrawn = null;
  let frame = 0;
  const timings = [];
  /** The networks' shape and names as last laid out (heat map canvases, legends). */
  let layout = '';
  let accuracies = [];
  let notes = [];
  const maps = [];

  function layOut(run) {
    const k = JSON.stringify([run.runs.map((r) => r.name), run.history.runs[0]?.layers.length, theme]);
    if (k === layout) return;
    layout = k;
    maps.length = 0;
    const items = run.runs.map((r) => {
      const canvas = el('canvas', { class: 'train-map', role: 'img', 'aria-label': `Decision boundary of ${r.name}` });
      maps.push(canvas);
      return el('div', { class: 'train-map-item' }, canvas, el('p', { class: 'train-map-name', text: r.name }));
    });
    $('train-maps').replaceChildren(...items);
    $('train-maps').classList.toggle('train-maps-race', run.runs.length > 1);
    showLegends(run);
  }

  function drawMaps(run) {
    mapsDrawn = run.maps;
    // Until the worker's first update after new settings, the canvases and the maps may not match.
    if (!run.maps || run.maps.length !== run.runs.length || maps.length !== run.runs.length) return;
    accuracies = run.runs.map((r, i) => {
      const { probabilities, train, test } = run.maps[i];
      drawHeatmap(maps[i], probabilities, run.data);
      maps[i].setAttribute('aria-label', `Decision boundary of ${r.name} after ${run.stepsDone} steps: ${Math.round(train * 100)}% of the training points and ${Math.round(test * 100)}% of the test points on the right side.`);
      return { train, test };
    });
  }

  function draw(run, force = false) {
    const t0 = performance.now();
    onRun(run);
    showStatus(run);
    if (!run.runs.length) return;
    layOut(run);
    charts.render(run.history, run.runs.map((r) => r.name), theme);
    if (force || run.maps !== mapsDrawn) drawMaps(run);
    const now = performance.now();
    if (force || !run.playing || now - lastText >= TEXT_INTERVAL) {
      lastText = now;
      showProgress(run, accuracies);
      notes = showNotes(run);
      describeRun(run, accuracies);
      showTables(run);
    }
    timings.push(performance.now() - t0);
    if (timings.length > TIMINGS_KEPT) timings.shift();
  }

  /** The worker's updates: drawn at the next frame, once. The page's own commands: the buttons and status at once. */
  function onUpdate(r, { fromWorker }) {
    if (!fromWorker) {
      onRun(r);
      showStatus(r);
    }
    if (!frame) {
      frame = requestAnimationFrame(() => {
        frame = 0;
        draw(r);
      });
    }
  }

  const run = createTrainRun({ act, onUpdate });
  $('train-tables').addEventListener('toggle', () => showTables(run));

  /**
   * The networks' activations for the worker: { name, id, params } or { name,
   * source, params } each. The function on the chart is made here first, so
   * that parameters the module refuses are said here (it throws).
   */
  function activationsOf(view) {
    const ids = [view.train.activation, view.train.race].filter(Boolean);
    return ids.map((id) => {
      if (id !== FROM_CHART) return { name: catalogue.info(id).name, id };
      const slot = view.slots[view.active];
      catalogue.functionOf(slot);
      const name = catalogue.nameOf(slot);
      return isCustom(slot) ? { name, source: slot.source, params: { ...slot.params } } : { name, id: slot.id, params: { ...slot.params } };
    });
  }

  function render(state, previous) {
    const { view } = state;
    if (!view) return;
    const themeChanged = state.theme !== theme;
    theme = state.theme;
    const t = view.train;
    const fromChart = [t.activation, t.race].includes(FROM_CHART);
    const chartSlot = fromChart ? view.slots[view.active] : null;
    const k = JSON.stringify([t, chartSlot]);
    if (k !== key) {
      key = k;
      let activations;
      try {
        activations = activationsOf(view);
      } catch (err) {
        $('train-status').textContent = `The function on the chart cannot be trained: ${err.message}`;
        return;
      }
      run.configure(t, activations); // drawn when the worker answers
      return;
    }
    if (themeChanged && previous.view) {
      layout = '';
      draw(run, true);
    }
  }

  return {
    render,
    run,
    resize() {
      charts.resize();
      if (run.runs.length) drawMaps(run);
    },
    /** How long each recent draw took, in ms (the latest last). */
    timings: () => [...timings],
    /** For the test hook: the run as numbers, once the worker has handled every command so far and all is drawn. */
    async snapshot() {
      await run.settled();
      cancelAnimationFrame(frame);
      frame = 0;
      draw(run, true);
      const h = run.history;
      return {
        step: run.stepsDone,
        playing: run.playing,
        stopReason: run.stopReason,
        error: run.error,
        names: run.runs.map((r) => r.name),
        steps: [...h.step],
        runs: h.runs.map((r, i) => ({
          train: [...r.train],
          test: [...r.test],
          diverged: run.runs[i].diverged,
          layers: r.layers.map((l) => ({ gradientNorm: [...l.gradientNorm], deadFraction: [...l.deadFraction], saturatedFraction: [...l.saturatedFraction] })),
        })),
        accuracies: accuracies.map((a) => ({ ...a })),
        /** uPlot's series of the loss chart, the x series included. */
        lossSeries: charts.charts.loss?.series.length ?? 0,
        notes: notes.map((n) => ({ ...n })),
      };
    },
  };
}
