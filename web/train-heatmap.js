// The decision boundary: what a network predicts over the square the data
// lives in, as a heat map (a GRID × GRID image of net.predict on the cell
// centres, scaled up smoothly), with the data drawn over it: the training half
// as filled dots, the test half as rings. Class 1 in the first series colour,
// class 0 in the second; the paler a cell, the closer its probability is to 0.5.

import { EXTENT, GRID } from './train.js';
import { readPalette } from './palette.js';

/** [r, g, b] of a #rgb / #rrggbb colour (the palette's form); grey for anything else. */
function rgbOf(colour) {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(String(colour).trim());
  if (!m) return [128, 128, 128];
  const hex = m[1].length === 3 ? [...m[1]].map((c) => c + c).join('') : m[1];
  return [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16));
}

/** Draws one network's map into `canvas` (its CSS size decides the resolution). */
export function drawHeatmap(canvas, probabilities, data) {
  const palette = readPalette();
  const one = rgbOf(palette.series[0]);
  const zero = rgbOf(palette.series[1]);
  const bg = rgbOf(palette.bg);

  const image = new ImageData(GRID, GRID);
  for (let i = 0; i < GRID * GRID; i++) {
    const p = probabilities[i];
    const colour = p >= 0.5 ? one : zero;
    const t = Number.isFinite(p) ? Math.min(1, Math.abs(p - 0.5) * 2) * 0.6 : 0; // never the full colour: the dots stay visible
    for (let c = 0; c < 3; c++) image.data[4 * i + c] = Math.round(bg[c] + (colour[c] - bg[c]) * t);
    image.data[4 * i + 3] = 255;
  }
  const small = document.createElement('canvas');
  small.width = GRID;
  small.height = GRID;
  small.getContext('2d').putImageData(image, 0, 0);

  const ratio = window.devicePixelRatio || 1;
  const css = Math.max(1, Math.round(canvas.clientWidth));
  const px = Math.round(css * ratio);
  if (canvas.width !== px || canvas.height !== px) {
    canvas.width = px;
    canvas.height = px;
  }
  const ctx = canvas.getContext('2d');
  ctx.imageSmoothingEnabled = true;
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(small, 0, 0, px, px);

  const toPx = (v) => ((v + EXTENT) / (2 * EXTENT)) * px;
  const r = Math.max(2, 2.6 * ratio * Math.min(1, css / 300) + 0.6 * ratio);
  const dots = (set, filled) => {
    for (let i = 0; i < set.targets.length; i++) {
      const x = toPx(set.inputs[2 * i]);
      const y = px - toPx(set.inputs[2 * i + 1]);
      const colour = set.targets[i] >= 0.5 ? palette.series[0] : palette.series[1];
      ctx.beginPath();
      ctx.arc(x, y, r, 0, 2 * Math.PI);
      if (filled) {
        ctx.fillStyle = colour;
        ctx.fill();
        ctx.lineWidth = Math.max(1, 0.8 * ratio);
        ctx.strokeStyle = palette.bg;
        ctx.stroke();
      } else {
        ctx.lineWidth = Math.max(1.5, 1.6 * ratio);
        ctx.strokeStyle = colour;
        ctx.stroke();
      }
    }
  };
  dots(data.test, false);
  dots(data.train, true);
}
