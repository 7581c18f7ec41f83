// The main chart: uPlot drawing g, g′, g″ of up to four functions, with the
// saturation / dead-zone shading, the cursor and its tangent line drawn in
// uPlot's hooks. It draws the plot it is given (plot.js, from main-view.js)
// and keeps nothing else.

import { ORDER_STYLE, axisStyle, readPalette, seriesStyle } from './palette.js';
import { fmt } from './util.js';

/** Radius of the dots that end a curve at a jump, in CSS pixels. */
const DOT_RADIUS = 3.5;

function chartSize(container) {
  const width = Math.max(240, Math.floor(container.clientWidth));
  const height = Math.round(Math.min(460, Math.max(250, width * 0.6)));
  return { width, height };
}

function hatchPattern(ctx, color, cross, ratio) {
  const size = Math.round(8 * ratio);
  const c = document.createElement('canvas');
  c.width = size;
  c.height = size;
  const p = c.getContext('2d');
  p.strokeStyle = color;
  p.lineWidth = Math.max(1, ratio);
  p.beginPath();
  p.moveTo(0, size);
  p.lineTo(size, 0);
  if (cross) {
    p.moveTo(0, 0);
    p.lineTo(size, size);
  }
  p.stroke();
  return ctx.createPattern(c, 'repeat');
}

/** Tick labels need room: measure the longest one. */
function yAxisSize(u, values, axisIdx, cycleNum) {
  const axis = u.axes[axisIdx];
  if (cycleNum > 1) return axis._size;
  let size = (axis.ticks?.size ?? 10) + (axis.gap ?? 5) + 4;
  const longest = (values ?? []).reduce((a, v) => (String(v).length > a.length ? String(v) : a), '');
  if (longest) {
    u.ctx.font = axis.font[0];
    size += u.ctx.measureText(longest).width / (devicePixelRatio || 1);
  }
  return Math.ceil(size);
}

/**
 * uPlot steps its ticks by repeated addition, so the tick at 0 of a ±1e30 axis
 * comes out as 7e13: anything that small next to the tick spacing is 0.
 */
function tickLabels(self, ticks) {
  const spacing = ticks.length > 1 ? Math.abs(ticks[1] - ticks[0]) : 1;
  return ticks.map((t) => fmt(Math.abs(t) < spacing * 1e-9 ? 0 : t, 4));
}

export function createMainChart(container, { uPlot, onCursorIndex, onSelectRange, onWheelZoom }) {
  let u = null;
  let layoutKey = '';
  let view = null;
  let palette = null;
  let patterns = null;
  const drawListeners = new Set();

  function seriesOf(v) {
    const out = [];
    v.slots.forEach((slot, i) => {
      for (const order of ['g', 'd1', 'd2']) {
        if (v.show[order]) out.push({ slot: i, order });
      }
    });
    return out;
  }

  /**
   * Compare mode gives each order its own y scale (and axis): one function's
   * g would otherwise flatten another's g′ and g″ into a band near 0. A single
   * function keeps one scale, on which g′ reads as the slope of g.
   */
  const scaleOf = (v, order) => (v.slots.length > 1 ? order : 'y');

  function dataOf(v) {
    return [v.z, ...seriesOf(v).map(({ slot, order }) => v.slots[slot].plotted[order])];
  }

  /** Canvas x-pixel spans [x0, x1] of the z intervals that fall in view (at least one pixel wide). */
  function visibleBands(self, intervals) {
    const xs = self.scales.x;
    const spans = [];
    for (const [lo, hi] of intervals) {
      const a = Math.max(lo, xs.min);
      const b = Math.min(hi, xs.max);
      if (!(b >= a)) continue;
      const x0 = self.valToPos(a, 'x', true);
      spans.push([x0, Math.max(self.valToPos(b, 'x', true), x0 + 1)]);
    }
    return spans;
  }

  function drawBands(self) {
    const b = view?.bands;
    if (!b) return;
    const { ctx } = self;
    const { top, height } = self.bbox;
    const paint = (list, fill, pattern) => {
      for (const [x0, x1] of visibleBands(self, list)) {
        ctx.fillStyle = fill;
        ctx.fillRect(x0, top, x1 - x0, height);
        ctx.fillStyle = pattern;
        ctx.fillRect(x0, top, x1 - x0, height);
      }
    };
    ctx.save();
    paint(b.small, palette.shadeSmall, patterns.small);
    paint(b.dead, palette.shadeDead, patterns.dead);
    if (view.slots.length > 1) labelBands(self, [...b.small, ...b.dead]);
    ctx.restore();
  }

  /**
   * Compare mode: the shading is the edited function's. A bar in its colour
   * tops each band, and the widest band carries its name, so that the hatching
   * is not read as every function's.
   */
  function labelBands(self, bands) {
    const { ctx } = self;
    const { top } = self.bbox;
    const ratio = devicePixelRatio || 1;
    const colour = palette.series[view.active];
    let widest = null;
    for (const [x0, x1] of visibleBands(self, bands)) {
      ctx.fillStyle = colour;
      ctx.fillRect(x0, top, x1 - x0, 4 * ratio);
      if (!widest || x1 - x0 > widest[1] - widest[0]) widest = [x0, x1];
    }
    const name = view.slots[view.active]?.name;
    if (!widest || !name) return;
    ctx.font = `600 ${12 * ratio}px ${palette.font}`;
    const text = `${name}: g′ ≈ 0`;
    const width = ctx.measureText(text).width;
    if (width + 8 * ratio > widest[1] - widest[0]) return;
    ctx.fillStyle = palette.bg;
    ctx.fillRect(widest[0] + 3 * ratio, top + 6 * ratio, width + 6 * ratio, 16 * ratio);
    ctx.fillStyle = colour;
    ctx.textBaseline = 'top';
    ctx.fillText(text, widest[0] + 6 * ratio, top + 8 * ratio);
  }

  function drawZeroLines(self) {
    const { ctx } = self;
    const { left, top, width, height } = self.bbox;
    ctx.save();
    ctx.strokeStyle = palette.zero;
    ctx.lineWidth = Math.max(1, Math.round(devicePixelRatio || 1));
    ctx.beginPath();
    const xs = self.scales.x;
    if (xs.min < 0 && xs.max > 0) {
      const x = Math.round(self.valToPos(0, 'x', true)) + 0.5;
      ctx.moveTo(x, top);
      ctx.lineTo(x, top + height);
    }
    const key = self.series[1]?.scale ?? 'y';
    const ys = self.scales[key];
    if (ys && ys.min < 0 && ys.max > 0) {
      const y = Math.round(self.valToPos(0, key, true)) + 0.5;
      ctx.moveTo(left, y);
      ctx.lineTo(left + width, y);
    }
    ctx.stroke();
    ctx.restore();
  }

  function drawCursor(self) {
    const c = view?.cursor;
    if (!c || !Number.isFinite(c.z)) return;
    const xs = self.scales.x;
    if (c.z < xs.min || c.z > xs.max) return;
    const { ctx } = self;
    const { left, top, width, height } = self.bbox;
    const ratio = devicePixelRatio || 1;
    const x = self.valToPos(c.z, 'x', true);
    ctx.save();
    ctx.beginPath();
    ctx.rect(left, top, width, height);
    ctx.clip();

    // Dotted, so that it is not mistaken for the solid z = 0 axis line.
    ctx.strokeStyle = palette.muted;
    ctx.lineWidth = 1.25 * ratio;
    ctx.setLineDash([2 * ratio, 3 * ratio]);
    ctx.beginPath();
    ctx.moveTo(Math.round(x) + 0.5, top);
    ctx.lineTo(Math.round(x) + 0.5, top + height);
    ctx.stroke();

    const t = c.tangent;
    if (t && view.show.g && Number.isFinite(t.g) && Number.isFinite(t.d1)) {
      const gScale = scaleOf(view, 'g');
      const y = (zz) => self.valToPos(t.g + t.d1 * (zz - c.z), gScale, true);
      ctx.strokeStyle = palette.tangent;
      ctx.lineWidth = 1.5 * ratio;
      ctx.setLineDash([6 * ratio, 3 * ratio, 1.5 * ratio, 3 * ratio]);
      ctx.beginPath();
      ctx.moveTo(self.valToPos(xs.min, 'x', true), y(xs.min));
      ctx.lineTo(self.valToPos(xs.max, 'x', true), y(xs.max));
      ctx.stroke();
    }

    ctx.setLineDash([]);
    for (const { slot, order } of seriesOf(view)) {
      const v = c.points[slot]?.[order];
      if (!Number.isFinite(v)) continue;
      const style = seriesStyle(palette, slot, order, view.slots.length);
      ctx.beginPath();
      ctx.arc(x, self.valToPos(v, scaleOf(view, order), true), 4 * ratio, 0, 2 * Math.PI);
      ctx.fillStyle = palette.bg;
      ctx.fill();
      ctx.lineWidth = 2 * ratio;
      ctx.strokeStyle = style.stroke;
      ctx.stroke();
    }
    ctx.restore();
  }

  /** The jumps of drawn series number `sidx` (uPlot's index, 1-based). */
  function jumpsOf(sidx) {
    const s = seriesOf(view)[sidx - 1];
    return s ? (view.slots[s.slot].jumps?.[s.order] ?? []) : [];
  }

  /**
   * uPlot draws a line through a jump's two neighbouring samples: a gap there
   * (as wide as the dots that end the two pieces) leaves a break instead.
   */
  function jumpGaps(self, sidx, idx0, idx1, nullGaps) {
    const jumps = jumpsOf(sidx);
    if (!jumps.length) return nullGaps;
    const r = DOT_RADIUS * (devicePixelRatio || 1);
    const gaps = [...nullGaps];
    for (const { i } of jumps) {
      if (i < idx0 || i >= idx1) continue;
      gaps.push([self.valToPos(view.z[i], 'x', true) - r, self.valToPos(view.z[i + 1], 'x', true) + r]);
    }
    gaps.sort((a, b) => a[0] - b[0]);
    // clipGaps wants them disjoint.
    const out = [];
    for (const g of gaps) {
      const last = out[out.length - 1];
      if (last && g[0] <= last[1]) last[1] = Math.max(last[1], g[1]);
      else out.push([...g]);
    }
    return out;
  }

  /** Each jump's two ends: a closed dot at the module's value at the kink, an open one at the other side's. */
  function drawJumps(self) {
    const { ctx } = self;
    const { left, top, width, height } = self.bbox;
    const ratio = devicePixelRatio || 1;
    ctx.save();
    ctx.beginPath();
    ctx.rect(left - DOT_RADIUS * ratio, top, width + 2 * DOT_RADIUS * ratio, height);
    ctx.clip();
    ctx.setLineDash([]);
    seriesOf(view).forEach(({ slot, order }, k) => {
      const scale = self.series[k + 1].scale;
      const style = seriesStyle(palette, slot, order, view.slots.length);
      for (const j of jumpsOf(k + 1)) {
        const x = self.valToPos(j.z, 'x', true);
        for (const [v, closed] of [[j.open, false], [j.closed, true]]) {
          if (!Number.isFinite(v)) continue;
          ctx.beginPath();
          ctx.arc(x, self.valToPos(v, scale, true), DOT_RADIUS * ratio, 0, 2 * Math.PI);
          ctx.fillStyle = closed ? style.stroke : palette.bg;
          ctx.fill();
          ctx.lineWidth = 1.75 * ratio;
          ctx.strokeStyle = style.stroke;
          ctx.stroke();
        }
      }
    });
    ctx.restore();
  }

  function onSelect(self) {
    const { left, width } = self.select;
    self.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
    if (width < 4) return;
    onSelectRange(self.posToVal(left, 'x'), self.posToVal(left + width, 'x'));
  }

  function build(v) {
    palette = readPalette();
    const axisCommon = axisStyle(palette, 6);
    const series = seriesOf(v).map(({ slot, order }) => {
      const s = seriesStyle(palette, slot, order, v.slots.length);
      return { label: `${slot}:${order}`, scale: scaleOf(v, order), stroke: s.stroke, width: s.width, dash: s.dash, cap: s.cap, points: { show: false }, gaps: jumpGaps };
    });
    const shown = ['g', 'd1', 'd2'].filter((o) => v.show[o]);
    const yLabel = shown.map((o) => ORDER_STYLE[o].long).join(', ') || 'nothing shown';
    // Compare mode: an axis per order, the first on the left, the others on the right, each
    // named with the dash style its curves use.
    // A phone-sized chart names them shortly, leaving the plot most of the width.
    const narrow = chartSize(container).width < 560;
    const yAxes =
      v.slots.length > 1 && shown.length
        ? shown.map((o, k) => ({
            ...axisCommon,
            scale: o,
            side: k === 0 ? 3 : 1,
            grid: k === 0 ? axisCommon.grid : { show: false },
            label: narrow ? ORDER_STYLE[o].label : `${ORDER_STYLE[o].long} (${ORDER_STYLE[o].text})`,
            labelSize: narrow ? 16 : 22,
            gap: narrow ? 2 : 5,
            size: yAxisSize,
            values: tickLabels,
          }))
        : [{ ...axisCommon, label: yLabel, labelSize: 22, size: yAxisSize, values: tickLabels }];
    const opts = {
      ...chartSize(container),
      pxAlign: 0,
      legend: { show: false },
      scales: { x: { time: false, range: (self, min, max) => [min, max] } },
      axes: [
        { ...axisCommon, label: 'z', labelSize: 22, values: tickLabels },
        ...yAxes,
      ],
      series: [{ label: 'z' }, ...series],
      cursor: {
        x: false,
        y: false,
        points: { show: false },
        drag: { x: true, y: false, setScale: false },
      },
      hooks: {
        drawClear: [drawBands],
        drawAxes: [drawZeroLines],
        draw: [
          (self) => {
            drawJumps(self);
            drawCursor(self);
            for (const cb of drawListeners) cb(self);
          },
        ],
        setSelect: [onSelect],
      },
    };
    u?.destroy();
    u = new uPlot(opts, dataOf(v), container);
    const ratio = devicePixelRatio || 1;
    patterns = {
      small: hatchPattern(u.ctx, palette.hatch, false, ratio),
      dead: hatchPattern(u.ctx, palette.hatch, true, ratio),
    };
    bindPointer(u);
  }

  function indexAt(self, clientX) {
    const rect = self.over.getBoundingClientRect();
    const left = Math.min(Math.max(clientX - rect.left, 0), rect.width);
    return self.posToIdx(left);
  }

  function bindPointer(self) {
    const over = self.over;
    // Mouse and pen move the cursor by hovering; touch by pressing and sliding
    // sideways (CSS touch-action: pan-y leaves vertical swipes to scrolling).
    over.addEventListener('pointermove', (e) => {
      if (e.pointerType === 'touch' && e.buttons === 0) return;
      onCursorIndex(indexAt(self, e.clientX));
    });
    over.addEventListener('pointerdown', (e) => {
      if (e.pointerType === 'touch') onCursorIndex(indexAt(self, e.clientX));
    });
    over.addEventListener(
      'wheel',
      (e) => {
        if (!(e.ctrlKey || e.metaKey)) return; // plain wheel scrolls the page
        e.preventDefault();
        const rect = over.getBoundingClientRect();
        const zc = self.posToVal(e.clientX - rect.left, 'x');
        onWheelZoom(e.deltaY > 0 ? 1.25 : 0.8, zc);
      },
      { passive: false },
    );
  }

  return {
    /** Draw a new view: new data, or a new layout (rebuilds the uPlot instance). */
    render(v) {
      view = v;
      const key = `${v.slots.length}|${v.show.g}${v.show.d1}${v.show.d2}|${v.theme}`;
      if (!u || key !== layoutKey) {
        layoutKey = key;
        build(v);
      } else {
        u.setData(dataOf(v), true);
      }
    },
    /** Cursor or shading changed, data did not: repaint from uPlot's cached paths. */
    redraw(v) {
      view = v;
      u?.redraw(false, false);
    },
    resize() {
      if (u) u.setSize(chartSize(container));
    },
    get uplot() {
      return u;
    },
    get canvas() {
      return u?.ctx.canvas ?? null;
    },
    get palette() {
      return palette;
    },
    /** The shading fills, for legends drawn elsewhere (the PNG export). */
    get shading() {
      return patterns;
    },
    /** What the chart holds: one entry per drawn series. */
    plottedSeries() {
      if (!u || !view) return [];
      return seriesOf(view).map((s, i) => ({ ...s, values: u.data[i + 1] }));
    },
    onDraw(cb) {
      drawListeners.add(cb);
      return () => drawListeners.delete(cb);
    },
  };
}
