// Charts of the gradient-through-depth view: log10 |∏ g′| (median line and
// interquartile band per function) and the fraction of paths whose gradient
// is exactly 0. They draw what depth.js computed from the module's g′.

import { SLOT_DASH, axisStyle, readPalette } from './palette.js';
import { MINUS } from './util.js';

const SUPERSCRIPT = { '-': '⁻', 0: '⁰', 1: '¹', 2: '²', 3: '³', 4: '⁴', 5: '⁵', 6: '⁶', 7: '⁷', 8: '⁸', 9: '⁹' };

/** 10 to an integer power, as a label: 10⁻³⁵. */
export function pow10Label(k) {
  if (k === 0) return '1';
  return '10' + String(k).replace(/./g, (c) => SUPERSCRIPT[c] ?? c);
}

/** A log10 value as a number for reading: 3.2e−35, or 0 for -Infinity. */
export function fromLog10(lg, digits = 3) {
  if (lg === -Infinity) return '0';
  if (!Number.isFinite(lg)) return '—';
  let e = Math.floor(lg);
  let m = 10 ** (lg - e);
  if (Number(m.toPrecision(digits)) >= 10) {
    m /= 10;
    e += 1;
  }
  const mant = String(Number(m.toPrecision(digits)));
  if (e >= -3 && e <= 3) return String(Number((m * 10 ** e).toPrecision(digits))).replace('-', MINUS);
  return `${mant}e${String(e).replace('-', MINUS)}`;
}

function size(container, ratio, min, max) {
  const width = Math.max(240, Math.floor(container.clientWidth));
  return { width, height: Math.round(Math.min(max, Math.max(min, width * ratio))) };
}

const finiteOrNull = (arr) => Array.from(arr, (v) => (Number.isFinite(v) ? v : null));

export function createDepthCharts(magContainer, deadContainer, { uPlot }) {
  let mag = null;
  let dead = null;
  let key = '';

  function axes(palette, yLabel, yValues, incrs) {
    const common = axisStyle(palette);
    return [
      { ...common, label: 'layers L', labelSize: 22, incrs: [1, 2, 5, 10] },
      { ...common, label: yLabel, labelSize: 22, size: 56, values: yValues, ...(incrs ? { incrs } : {}) },
    ];
  }

  function build(v) {
    const palette = readPalette();
    const layers = Array.from({ length: v.layers }, (_, i) => i + 1);
    mag?.destroy();
    dead?.destroy();

    const magSeries = [{ label: 'L' }];
    const bands = [];
    v.slots.forEach((_, i) => {
      const stroke = palette.series[i];
      const base = magSeries.length;
      magSeries.push(
        { label: `${i}:q3`, stroke, width: 1, alpha: 0.6, points: { show: false } },
        { label: `${i}:median`, stroke, width: 2.5, dash: SLOT_DASH[i], points: { show: false } },
        { label: `${i}:q1`, stroke, width: 1, alpha: 0.6, points: { show: false } },
      );
      bands.push({ series: [base, base + 2], fill: palette.band[i] });
    });
    mag = new uPlot(
      {
        ...size(magContainer, 0.5, 220, 360),
        pxAlign: 0,
        legend: { show: false },
        cursor: { show: false },
        scales: { x: { time: false, range: [1, v.layers] } },
        axes: axes(palette, '|∏ g′| (log scale)', (self, ticks) => ticks.map((t) => pow10Label(t)), [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000]),
        series: magSeries,
        bands,
      },
      [layers, ...v.slots.flatMap((s) => [finiteOrNull(s.stats.q3), finiteOrNull(s.stats.median), finiteOrNull(s.stats.q1)])],
      magContainer,
    );

    dead = new uPlot(
      {
        ...size(deadContainer, 0.28, 150, 220),
        pxAlign: 0,
        legend: { show: false },
        cursor: { show: false },
        scales: { x: { time: false, range: [1, v.layers] }, y: { range: [0, 1] } },
        axes: axes(palette, 'paths at 0', (self, ticks) => ticks.map((t) => `${Math.round(t * 100)}%`), [0.25, 0.5]),
        series: [{ label: 'L' }, ...v.slots.map((_, i) => ({ label: `${i}:dead`, stroke: palette.series[i], width: 2.25, dash: SLOT_DASH[i], points: { show: false } }))],
      },
      [layers, ...v.slots.map((s) => Array.from(s.stats.dead))],
      deadContainer,
    );
  }

  return {
    render(v) {
      const k = `${v.slots.length}|${v.layers}|${v.theme}`;
      if (!mag || k !== key) {
        key = k;
        build(v);
        return;
      }
      mag.setData([mag.data[0], ...v.slots.flatMap((s) => [finiteOrNull(s.stats.q3), finiteOrNull(s.stats.median), finiteOrNull(s.stats.q1)])], true);
      dead.setData([dead.data[0], ...v.slots.map((s) => Array.from(s.stats.dead))], true);
    },
    resize() {
      if (mag) mag.setSize(size(magContainer, 0.5, 220, 360));
      if (dead) dead.setSize(size(deadContainer, 0.28, 150, 220));
    },
    get charts() {
      return { mag, dead };
    },
  };
}
