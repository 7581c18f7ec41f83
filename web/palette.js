// Colours and line styles shared by the charts, legends, readout and PNG export.
// Colours are the Okabe–Ito palette (distinguishable with the common colour-vision
// deficiencies), read from CSS custom properties so the light and dark themes
// pick their own variants; g, g′ and g″ are always also told apart by dash style.

import { cssVar } from './util.js';

export const ORDER_STYLE = Object.freeze({
  g: { label: 'g', long: 'g(z)', dash: [], width: 2.5, cap: 'butt', text: 'solid' },
  d1: { label: 'g′', long: 'g′(z)', dash: [10, 5], width: 2.25, cap: 'butt', text: 'dashed' },
  d2: { label: 'g″', long: 'g″(z)', dash: [1.5, 5], width: 2.5, cap: 'round', text: 'dotted' },
});

export function readPalette() {
  return {
    series: [1, 2, 3, 4].map((i) => cssVar(`--c${i}`, ['#0072b2', '#d55e00', '#009e73', '#cc79a7'][i - 1])),
    band: [1, 2, 3, 4].map((i) => cssVar(`--c${i}-band`, 'rgba(0,114,178,0.18)')),
    fg: cssVar('--fg', '#1b1d21'),
    bg: cssVar('--bg', '#ffffff'),
    muted: cssVar('--muted', '#555b66'),
    axis: cssVar('--axis', '#3a3f47'),
    grid: cssVar('--grid', 'rgba(0,0,0,0.09)'),
    zero: cssVar('--zero', 'rgba(0,0,0,0.35)'),
    tangent: cssVar('--tangent', '#1b1d21'),
    shadeSmall: cssVar('--shade-small', 'rgba(230,159,0,0.16)'),
    shadeDead: cssVar('--shade-dead', 'rgba(80,80,80,0.22)'),
    hatch: cssVar('--hatch', 'rgba(0,0,0,0.35)'),
    font: getComputedStyle(document.body).fontFamily || 'sans-serif',
  };
}

/**
 * One function alone: colour tells g, g′, g″ apart (as does dash).
 * Several functions: colour tells the functions apart, dash the order.
 */
export function seriesStyle(palette, slotIndex, order, slotCount) {
  const o = ORDER_STYLE[order];
  const colourIndex = slotCount > 1 ? slotIndex : ['g', 'd1', 'd2'].indexOf(order);
  return { ...o, stroke: palette.series[colourIndex % palette.series.length] };
}

/** Dash per function in the depth charts, where colour alone would tell the functions apart. */
export const SLOT_DASH = Object.freeze([[], [9, 4], [2, 4], [12, 4, 2, 4]]);

/** What every chart's axes share: colours, fonts, grid and tick lines (tickSize: tick length in px). */
export function axisStyle(palette, tickSize = 5) {
  return {
    stroke: palette.axis,
    font: `12px ${palette.font}`,
    labelFont: `600 13px ${palette.font}`,
    grid: { stroke: palette.grid, width: 1 },
    ticks: { stroke: palette.grid, width: 1, size: tickSize },
  };
}
