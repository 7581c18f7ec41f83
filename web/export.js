// Exports of what the chart shows: a PNG (the chart's own canvas plus a
// legend drawn under it) and a CSV of z and every plotted series at full
// float32 precision. Both are built from the same columns as the data table.

import { ORDER_STYLE } from './palette.js';
import { f32String, fmt, paramSymbol } from './util.js';

const ASCII_ORDER = { g: 'g', d1: "g'", d2: "g''" };

/**
 * "Leaky ReLU (α = 0.1)" for people, "leaky_relu(alpha=0.1)" for files; a
 * custom expression by its whole source in files ("custom: z*sigmoid(b*z)
 * (b=1.7)"), whose name on the page may be cut short.
 */
export function slotLabel(slot, ascii = false) {
  const entries = Object.entries(slot.params);
  const fileName = slot.source === undefined ? slot.id : `${slot.id}: ${slot.source.replace(/\s+/g, ' ').trim()}`;
  if (!entries.length) return ascii ? fileName : slot.name;
  if (ascii) return `${fileName}${slot.source === undefined ? '' : ' '}(${entries.map(([k, v]) => `${k}=${v}`).join(';')})`;
  return `${slot.name} (${entries.map(([k, v]) => `${paramSymbol(k)} = ${fmt(v)}`).join(', ')})`;
}

/** One column per drawn series: the raw module output (non-finite values included). */
export function columnsOf(view) {
  const cols = [];
  view.slots.forEach((slot, i) => {
    for (const order of ['g', 'd1', 'd2']) {
      if (!view.show[order]) continue;
      cols.push({ slot: i, order, values: slot.curves[order], header: `${slotLabel(slot, true)} ${ASCII_ORDER[order]}`, label: `${slotLabel(slot)} ${ORDER_STYLE[order].label}` });
    }
  });
  return cols;
}

function csvField(s) {
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function curvesCsv(view) {
  const cols = columnsOf(view);
  const lines = [['z', ...cols.map((c) => c.header)].map(csvField).join(',')];
  const z = view.z;
  for (let i = 0; i < z.length; i++) {
    lines.push([f32String(z[i]), ...cols.map((c) => f32String(c.values[i]))].join(','));
  }
  return lines.join('\n') + '\n';
}

function drawSwatch(ctx, x, y, w, entry, ratio) {
  ctx.save();
  if (entry.fill) {
    const h = 10 * ratio;
    ctx.fillStyle = entry.fill;
    ctx.fillRect(x, y - h / 2, w, h);
    if (entry.pattern) {
      ctx.fillStyle = entry.pattern;
      ctx.fillRect(x, y - h / 2, w, h);
    }
  } else {
    ctx.strokeStyle = entry.stroke;
    ctx.lineWidth = entry.width * ratio;
    ctx.lineCap = entry.cap ?? 'butt';
    ctx.setLineDash((entry.dash ?? []).map((d) => d * ratio));
    ctx.beginPath();
    ctx.moveTo(x, y);
    ctx.lineTo(x + w, y);
    ctx.stroke();
  }
  ctx.restore();
}

/**
 * The chart canvas at (0, 0), unchanged, on the page background, with a title
 * and the legend (legend.js entries) underneath. Returns the composed canvas.
 */
export function composeChartImage(chart, { title, legend }) {
  const src = chart.canvas;
  const palette = chart.palette;
  const ratio = devicePixelRatio || 1;
  const fills = { small: palette.shadeSmall, dead: palette.shadeDead };
  const entries = legend.map((e) => (e.shade ? { ...e, fill: fills[e.shade], pattern: chart.shading[e.shade] } : e));
  const pad = 10 * ratio;
  const lineH = 20 * ratio;
  const swatchW = 28 * ratio;
  const font = `${13 * ratio}px ${palette.font}`;

  // Lay the legend out in rows that fit the width.
  const measure = document.createElement('canvas').getContext('2d');
  measure.font = font;
  const rows = [[]];
  let x = pad;
  for (const e of entries) {
    const w = swatchW + 6 * ratio + measure.measureText(e.text).width + 18 * ratio;
    if (x + w > src.width - pad && rows.at(-1).length) {
      rows.push([]);
      x = pad;
    }
    rows.at(-1).push({ ...e, x });
    x += w;
  }
  const legendH = pad + lineH * (rows.length + 1) + pad;

  const out = document.createElement('canvas');
  out.width = src.width;
  out.height = src.height + legendH;
  const ctx = out.getContext('2d');
  ctx.fillStyle = palette.bg;
  ctx.fillRect(0, 0, out.width, out.height);
  ctx.drawImage(src, 0, 0);

  ctx.fillStyle = palette.fg;
  ctx.font = `600 ${font}`;
  ctx.textBaseline = 'middle';
  let y = src.height + pad + lineH / 2;
  ctx.fillText(title, pad, y);
  ctx.font = font;
  for (const row of rows) {
    y += lineH;
    for (const e of row) {
      drawSwatch(ctx, e.x, y, swatchW, e, ratio);
      ctx.fillStyle = palette.fg;
      ctx.fillText(e.text, e.x + swatchW + 6 * ratio, y);
    }
  }
  return out;
}

export function canvasToPng(canvas) {
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))), 'image/png'));
}
