// The Train section: hands the settings in the page's state (view.train) to
// the run (train-run.js), which makes the networks afresh when they change,
// and draws what the run measured: the decision boundaries (train-heatmap.js),
// the charts (train-chart.js), the notes and the descriptions (train-text.js).
//
// While the run plays, the charts follow every frame; the heat maps (a
// GRID² prediction each) and the text at most every MAP_INTERVAL and
// TEXT_INTERVAL ms; a paused run is drawn in full at once.

import { drawHeatmap } from './train-heatmap.js';
import { createTrainRun } from './train-run.js';
import { describeRun, showLegends, showNotes, showProgress, showStatus } from './train-text.js';
import { FROM_CHART, accuracy, gridInputs } from './train.js';
import { $, el } from './util.js';

const MAP_INTERVAL = 100;
const TEXT_INTERVAL = 300;

/**
 * act: the module; catalogue: catalogue.js; charts: train-chart.js;
 * onRun(run): told after every change of the run (train-controls.js's buttons).
 */
export function createTrainView({ act, catalogue, charts, onRun }) {
  const grid = gridInputs();
  let theme = '';
  let key = '';
  let lastMap = -Infinity;
  let lastText = -Infinity;
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
    accuracies = run.runs.map((r, i) => {
      const train = run.predict(i, run.data.train.inputs);
      const test = run.predict(i, run.data.test.inputs);
      const probabilities = run.predict(i, grid);
      drawHeatmap(maps[i], probabilities, run.data);
      const a = { train: accuracy(train, run.data.train.targets), test: accuracy(test, run.data.test.targets) };
      maps[i].setAttribute('aria-label', `Decision boundary of ${r.name} after ${run.stepsDone} steps: ${Math.round(a.train * 100)}% of the training points and ${Math.round(a.test * 100)}% of the test points on the right side.`);
      return a;
    });
  }

  function draw(run, force = false) {
    onRun(run);
    showStatus(run);
    if (!run.runs.length) return;
    layOut(run);
    charts.render(run.history, theme);
    const now = performance.now();
    if (force || !run.playing || now - lastMap >= MAP_INTERVAL) {
      lastMap = now;
      drawMaps(run);
    }
    if (force || !run.playing || now - lastText >= TEXT_INTERVAL) {
      lastText = now;
      showProgress(run, accuracies);
      notes = showNotes(run);
      describeRun(run, accuracies);
    }
  }

  const run = createTrainRun({ act, onUpdate: (r) => draw(r) });

  /** The networks' activations: { name, fn } each; throws the module's error for parameters it refuses. */
  function activationsOf(view) {
    const ids = [view.train.activation, view.train.race].filter(Boolean);
    return ids.map((id) => {
      if (id === FROM_CHART) {
        const slot = view.slots[view.active];
        return { name: catalogue.nameOf(slot), fn: catalogue.functionOf(slot) };
      }
      return { name: catalogue.info(id).name, fn: act.get(id) };
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
      run.configure(t, activations); // draws through onUpdate
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
    /** For the test hook: the run as numbers. */
    snapshot() {
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
