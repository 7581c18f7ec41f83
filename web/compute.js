// Everything plotted comes from the WebAssembly module: this file only builds
// the z grid, asks the module for g, g′ and g″ on it, and finds the z
// intervals to shade from the module's g′.

export const POINTS = 2048;

/** `n` evenly spaced float32 values from lo to hi, both ends included exactly (as float32). */
export function grid(lo, hi, n = POINTS) {
  const z = new Float32Array(n);
  const span = hi - lo;
  for (let i = 0; i < n; i++) z[i] = lo + (span * i) / (n - 1);
  z[n - 1] = hi;
  return z;
}

/**
 * g, g′ and g″ of one function on z. Three separate passes rather than the
 * fused evaluate(): those are the kernels f.at() uses, so the chart, the
 * cursor readout and the CSV agree to the bit.
 */
export function computeCurves(fn, z) {
  return {
    g: fn.forward(z),
    d1: fn.derivative(z),
    d2: fn.derivative(z, { order: 2 }),
  };
}

/** uPlot draws gaps for null; non-finite values would break its auto-scaling. */
export function plottable(values) {
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) return Array.from(values, (v) => (Number.isFinite(v) ? v : null));
  }
  return values;
}

/**
 * Maximal runs of grid points where test(d1[i]) holds, as z intervals whose
 * ends lie halfway to the neighbouring samples (clamped to the grid).
 */
function runs(z, d1, test) {
  const out = [];
  const n = z.length;
  let start = -1;
  for (let i = 0; i <= n; i++) {
    const inside = i < n && test(d1[i]);
    if (inside && start < 0) start = i;
    if (!inside && start >= 0) {
      const lo = start === 0 ? z[0] : (z[start - 1] + z[start]) / 2;
      const hi = i === n ? z[n - 1] : (z[i - 1] + z[i]) / 2;
      out.push([lo, hi]);
      start = -1;
    }
  }
  return out;
}

/** Where the gradient is small (|g′| < eps, not 0) and where it is exactly 0. */
export function gradientBands(z, d1, eps) {
  return {
    small: runs(z, d1, (v) => Math.abs(v) < eps && v !== 0),
    dead: runs(z, d1, (v) => v === 0),
  };
}
