// Where a plotted curve jumps (relu′ at 0, hardtanh′ at its ends, hardswish″
// at ±3), so that the chart draws a break with an open and a closed dot
// instead of a vertical segment a learner would read as g′ taking every value
// in between.
//
// Candidates come from the samples: a change between neighbours far larger
// than the change next to it. Each is confirmed by bisecting with the module's
// own f.at() down to two neighbouring float32 values: a jump is still there,
// a steep smooth curve is not. The dots' values are the module's at those two
// points.

const FIELD = { g: 'value', d1: 'derivative', d2: 'second' };
/** A step this many times larger than the steps beside it is a candidate. */
const RATIO = 8;

/** Of two neighbouring float32 values, the one a kink sits at: the one with fewer digits (0 rather than 1e-45). */
function kinkOf(a, b) {
  const digits = (v) => String(Math.fround(v)).replace(/^-/, '').length;
  const za = a + 0; // -0 is the point 0
  const zb = b + 0;
  return digits(zb) < digits(za) ? [zb, za] : [za, zb];
}

// float32 values as integers in the same order (-0 and +0 both 0), so that
// bisection halves the number of floats in between: at most 32 steps, where
// halving the interval takes ~150 on the way to 0 through the subnormals.
const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);
function keyOf(x) {
  f32[0] = x;
  const b = u32[0];
  return b >= 0x80000000 ? -(b - 0x80000000) : b;
}
function floatOf(k) {
  u32[0] = k < 0 ? 0x80000000 + -k : k;
  return f32[0];
}

/** Bisect [lo, hi] (float32 values on either side of a jump) down to neighbouring float32 values. */
function narrow(value, lo, hi) {
  let klo = keyOf(lo);
  let khi = keyOf(hi);
  let vlo = value(lo);
  let vhi = value(hi);
  while (khi - klo > 1) {
    const k = Math.floor((klo + khi) / 2);
    const vm = value(floatOf(k));
    if (Math.abs(vm - vlo) <= Math.abs(vm - vhi)) {
      klo = k;
      vlo = vm;
    } else {
      khi = k;
      vhi = vm;
    }
  }
  return { lo: floatOf(klo), hi: floatOf(khi), vlo, vhi };
}

/**
 * The jumps of `values` (one order of fn on the grid z): [{ i, z, closed,
 * open }], the jump lying between samples i and i + 1, at the kink z where the
 * module's value is `closed`; `open` is the value just beside it.
 */
export function findJumps(fn, z, values, order) {
  const field = FIELD[order];
  const value = (x) => fn.at(x)[field];
  const out = [];
  const n = values.length;
  // float32 rounding makes saturating curves step by an ulp between flat runs: not a jump.
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const least = (max - min) * 1e-3;
  const step = (i) => (i >= 0 && i + 1 < n ? Math.abs(values[i + 1] - values[i]) : 0);
  for (let i = 0; i + 1 < n; i++) {
    const d = step(i);
    if (!(d > least) || !Number.isFinite(d)) continue;
    const beside = Math.max(step(i - 1), step(i + 1));
    if (!(d > RATIO * beside)) continue;
    const { lo, hi, vlo, vhi } = narrow(value, z[i], z[i + 1]);
    // A steep but continuous curve changes little between neighbouring floats.
    if (!(Math.abs(vhi - vlo) > d / 2)) continue;
    const [at, beyond] = kinkOf(lo, hi);
    out.push({ i, z: at, closed: value(at), open: value(beyond) });
  }
  return out;
}
