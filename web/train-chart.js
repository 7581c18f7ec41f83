// Charts of the Train section (uPlot, like the depth charts): the training and
// test loss against steps (every raced activation in its own colour), the
// gradient norm of each hidden layer's weights (log scale) and the share of
// each layer's units that are dead or saturated. They draw the run's history
// (train-run.js) and keep nothing else.

import { pow10Label } from './depth-chart.js';
import { axisStyle, readPalette } from './palette.js';
import { fmt } from './util.js';

/** Colours per hidden layer (Okabe–Ito, then grey), layer 1 first. */
export const LAYER_COLOURS = Object.freeze(['#0072b2', '#e69f00', '#009e73', '#cc79a7', '#56b4e9', '#d55e00', '#b8a000', '#888888']);
/** Dead units solid, saturated ones dashed; the test loss dashed under the training loss. */
export const DASH = Object.freeze({ train: [], test: [8, 4], dead: [], saturated: [3, 4] });

function size(container, ratio, min, max) {
  const width = Math.max(240, Math.floor(container.clientWidth));
  return { width, height: Math.round(Math.min(max, Math.max(min, width * ratio))) };
}

/** null where a value cannot be drawn on a log scale. */
const positiveOrNull = (arr) => arr.map((v) => (Number.isFinite(v) && v > 0 ? v : null));

/** Labels at the powers of ten only (uPlot's log axis also ticks 2×, 3×, …). */
const logTicks = (self, ticks) =>
  ticks.map((t) => {
    const e = Math.log10(t);
    return Number.isFinite(e) && Math.abs(e - Math.round(e)) < 1e-6 ? pow10Label(Math.round(e)) : '';
  });

/** lossEl, gradEl, unitsEl: the containers; uPlot: the library. */
export function createTrainCharts(lossEl, gradEl, unitsEl, { uPlot }) {
  let loss = null;
  let grad = null;
  let units = null;
  let key = '';

  function axes(palette, yLabel, yValues, extra = {}) {
    const common = axisStyle(palette);
    return [
      { ...common, label: 'training steps', labelSize: 22 },
      { ...common, label: yLabel, labelSize: 22, size: 56, ...(yValues ? { values: yValues } : {}), ...extra },
    ];
  }

  const base = (container, ratio, min, max) => ({
    ...size(container, ratio, min, max),
    pxAlign: 0,
    legend: { show: false },
    cursor: { show: false },
  });

  function lossData(h) {
    return [h.step, ...h.runs.flatMap((r) => [positiveOrNull(r.train), positiveOrNull(r.test)])];
  }
  const layersOf = (h) => h.runs[0]?.layers ?? [];
  const gradData = (h) => [h.step, ...layersOf(h).map((l) => positiveOrNull(l.gradientNorm))];
  const unitsData = (h) => [h.step, ...layersOf(h).flatMap((l) => [l.deadFraction, l.saturatedFraction])];

  function build(h, theme) {
    const palette = readPalette();
    loss?.destroy();
    grad?.destroy();
    units?.destroy();
    const x = { time: false, auto: true };
    loss = new uPlot(
      {
        ...base(lossEl, 0.5, 200, 320),
        scales: { x, y: { distr: 3 } },
        axes: axes(palette, 'loss (log scale)', (self, ticks) => ticks.map((t) => (t == null ? '' : fmt(t, 2)))),
        series: [
          { label: 'step' },
          ...h.runs.flatMap((_, i) => [
            { label: `${i}:train`, stroke: palette.series[i], width: 2.25, dash: DASH.train, points: { show: false } },
            { label: `${i}:test`, stroke: palette.series[i], width: 2, dash: DASH.test, points: { show: false } },
          ]),
        ],
      },
      lossData(h),
      lossEl,
    );
    const layers = layersOf(h);
    grad = new uPlot(
      {
        ...base(gradEl, 0.45, 180, 300),
        scales: { x, y: { distr: 3 } },
        axes: axes(palette, '‖∂loss/∂W‖ (log)', logTicks),
        series: [{ label: 'step' }, ...layers.map((_, k) => ({ label: `layer ${k + 1}`, stroke: LAYER_COLOURS[k], width: 2, points: { show: false } }))],
      },
      gradData(h),
      gradEl,
    );
    units = new uPlot(
      {
        ...base(unitsEl, 0.35, 160, 240),
        scales: { x, y: { range: [0, 1] } },
        axes: axes(palette, 'share of units', (self, ticks) => ticks.map((t) => `${Math.round(t * 100)}%`), { incrs: [0.25, 0.5] }),
        series: [
          { label: 'step' },
          ...layers.flatMap((_, k) => [
            { label: `layer ${k + 1} dead`, stroke: LAYER_COLOURS[k], width: 2.25, dash: DASH.dead, points: { show: false } },
            { label: `layer ${k + 1} saturated`, stroke: LAYER_COLOURS[k], width: 1.75, dash: DASH.saturated, points: { show: false } },
          ]),
        ],
      },
      unitsData(h),
      unitsEl,
    );
    key = `${h.runs.length}|${layers.length}|${theme}`;
  }

  return {
    /** h: the run's history; theme: rebuilt in the theme's colours when it changes. */
    render(h, theme) {
      if (!h.runs.length) return;
      if (!loss || key !== `${h.runs.length}|${layersOf(h).length}|${theme}`) {
        build(h, theme);
        return;
      }
      loss.setData(lossData(h), true);
      grad.setData(gradData(h), true);
      units.setData(unitsData(h), true);
    },
    resize() {
      loss?.setSize(size(lossEl, 0.5, 200, 320));
      grad?.setSize(size(gradEl, 0.45, 180, 300));
      units?.setSize(size(unitsEl, 0.35, 160, 240));
    },
    get charts() {
      return { loss, grad, units };
    },
  };
}
