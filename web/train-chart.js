// Charts of the Train section (uPlot, like the depth charts): the training and
// test loss against steps (every raced activation in its own colour), and per
// network the gradient norm of each hidden layer's weights (log scale) and the
// share of each layer's units that are dead or saturated. They draw the run's
// history (train-run.js) and keep nothing else.

import { pow10Label } from './depth-chart.js';
import { axisStyle, readPalette } from './palette.js';
import { el, fmt } from './util.js';

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

/** A panel per network in the layer charts' containers: its name (in a race) over its chart. */
function panels(container, names) {
  const items = names.map((name) => {
    const chart = el('div', { class: 'train-panel-chart' });
    return { item: el('div', { class: 'train-panel' }, names.length > 1 ? el('p', { class: 'train-panel-name', text: name }) : null, chart), chart };
  });
  container.replaceChildren(...items.map((p) => p.item));
  container.classList.toggle('train-panels-race', names.length > 1);
  return items.map((p) => p.chart);
}

/** The smallest and largest positive gradient norm of every network: one log scale for both panels of a race. */
function gradRange(h) {
  let lo = Infinity;
  let hi = 0;
  for (const r of h.runs) {
    for (const l of r.layers) {
      for (const v of l.gradientNorm) {
        if (Number.isFinite(v) && v > 0) {
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
        }
      }
    }
  }
  if (!(hi > 0)) return [1e-3, 1];
  // Whole decades, as uPlot's own log ranges are: its log ticks are laid out from a power of ten.
  const decade = (v, round) => 10 ** Math.max(-300, Math.min(300, round(Math.log10(v))));
  const range = [decade(lo, Math.floor), decade(hi, Math.ceil)];
  return range[0] < range[1] ? range : [range[0], range[0] * 10];
}

/**
 * lossEl: the loss chart's container; gradEl, unitsEl: the layer charts'
 * containers, which get one panel per network (side by side in a race, with
 * the same scales); uPlot: the library.
 */
export function createTrainCharts(lossEl, gradEl, unitsEl, { uPlot }) {
  let loss = null;
  /** Per network. */
  let grad = [];
  let units = [];
  let gradEls = [];
  let unitsEls = [];
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
  const gradData = (h, i) => [h.step, ...h.runs[i].layers.map((l) => positiveOrNull(l.gradientNorm))];
  const unitsData = (h, i) => [h.step, ...h.runs[i].layers.flatMap((l) => [l.deadFraction, l.saturatedFraction])];

  function build(h, names) {
    const palette = readPalette();
    loss?.destroy();
    for (const c of [...grad, ...units]) c.destroy();
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
    gradEls = panels(gradEl, names);
    unitsEls = panels(unitsEl, names);
    const layers = h.runs[0].layers;
    grad = h.runs.map(
      (_, i) =>
        new uPlot(
          {
            ...base(gradEls[i], 0.45, 180, 300),
            scales: { x, y: { distr: 3, range: () => gradRange(h) } },
            axes: axes(palette, '‖∂loss/∂W‖ (log)', logTicks),
            series: [{ label: 'step' }, ...layers.map((_, k) => ({ label: `layer ${k + 1}`, stroke: LAYER_COLOURS[k], width: 2, points: { show: false } }))],
          },
          gradData(h, i),
          gradEls[i],
        ),
    );
    units = h.runs.map(
      (_, i) =>
        new uPlot(
          {
            ...base(unitsEls[i], 0.35, 160, 240),
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
          unitsData(h, i),
          unitsEls[i],
        ),
    );
  }

  return {
    /** h: the run's history; names: the networks'; rebuilt when they, the layers or the theme change. */
    render(h, names, theme) {
      if (!h.runs.length) return;
      const k = JSON.stringify([names, h.runs[0].layers.length, theme]);
      if (!loss || key !== k) {
        key = k;
        build(h, names);
        return;
      }
      // The range function reads `h`: the gradient panels' shared scale follows the newest history.
      for (const c of grad) c.scales.y.range = () => gradRange(h);
      loss.setData(lossData(h), true);
      grad.forEach((c, i) => c.setData(gradData(h, i), true));
      units.forEach((c, i) => c.setData(unitsData(h, i), true));
    },
    resize() {
      loss?.setSize(size(lossEl, 0.5, 200, 320));
      grad.forEach((c, i) => c.setSize(size(gradEls[i], 0.45, 180, 300)));
      units.forEach((c, i) => c.setSize(size(unitsEls[i], 0.35, 160, 240)));
    },
    get charts() {
      return { loss, grad, units };
    },
  };
}
