// Gradient through depth: what the activation alone does to a back-propagated
// gradient. A path through L layers meets one pre-activation per layer, drawn
// afresh from Normal(mean, spread²); the gradient reaching layer 1 is the
// product of g′ over those L inputs (weights are left out, as if every weight
// matrix were the identity, to isolate the activation).
//
// The g′ values come from the WebAssembly module (one f.derivative call per
// function over all paths × layers). The products are kept as sums of log10|g′|
// in float64, so that a tiny gradient (float32 underflows below 1.4e-45, float64
// below 5e-324) is never mistaken for a dead one: a product is 0 only when some
// g′ was exactly 0.

export const PATHS = 1000;
export const LAYERS = 50;

/** mulberry32: a small, well-mixed 32-bit PRNG; a seed gives the same draws in every browser. */
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const normalCache = new Map();

/**
 * PATHS × LAYERS standard normal draws (Box–Muller), laid out layer-major.
 * Cached per seed: moving the mean or spread slider rescales the same draws,
 * so the curves move smoothly instead of jittering with new noise.
 */
export function standardNormals(seed, count = PATHS * LAYERS) {
  const key = `${seed}:${count}`;
  let n = normalCache.get(key);
  if (n) return n;
  const rand = mulberry32(seed);
  n = new Float64Array(count);
  for (let i = 0; i < count; i += 2) {
    const u1 = 1 - rand(); // (0, 1]: log stays finite
    const u2 = rand();
    const r = Math.sqrt(-2 * Math.log(u1));
    n[i] = r * Math.cos(2 * Math.PI * u2);
    if (i + 1 < count) n[i + 1] = r * Math.sin(2 * Math.PI * u2);
  }
  normalCache.clear(); // one seed at a time is all the page needs
  normalCache.set(key, n);
  return n;
}

/** Pre-activations mean + spread · n, rounded to float32 as the module takes them (into `out`). */
export function preActivations(normals, mean, spread, out = new Float32Array(normals.length)) {
  for (let i = 0; i < out.length; i++) out[i] = mean + spread * normals[i];
  return out;
}

/**
 * Rearranges a[lo..hi] so that a[k] is its k-th smallest element, smaller ones
 * before it and larger ones after (Wirth's selection: O(n) on average, where a
 * full sort per layer would dominate the whole computation).
 */
function select(a, lo, hi, k) {
  while (lo < hi) {
    const x = a[k];
    let i = lo;
    let j = hi;
    do {
      while (a[i] < x) i++;
      while (x < a[j]) j--;
      if (i <= j) {
        const t = a[i];
        a[i] = a[j];
        a[j] = t;
        i++;
        j--;
      }
    } while (i <= j);
    if (j < k) lo = i;
    if (k < i) hi = j;
  }
  return a[k];
}

/** Linearly interpolated quantile (as numpy's default) of a, which it reorders. */
function quantile(a, q) {
  const n = a.length;
  const pos = (n - 1) * q;
  const i = Math.floor(pos);
  const f = pos - i;
  const lo = select(a, 0, n - 1, i);
  if (f === 0 || i + 1 >= n) return lo;
  let hi = Infinity;
  for (let j = i + 1; j < n; j++) if (a[j] < hi) hi = a[j];
  // -Infinity (a zero product) next to a finite value: the quantile is still 0.
  if (lo === -Infinity) return -Infinity;
  return lo + f * (hi - lo);
}

const scratch = { d: null, logs: null, work: null };

function buffer(name, Type, length) {
  if (scratch[name]?.length !== length) scratch[name] = new Type(length);
  return scratch[name];
}

/**
 * Per layer l = 1..LAYERS: quartiles of log10 |∏ g′| over the paths (-Infinity
 * where the product is exactly 0) and the fraction of paths whose product is 0.
 * Summing logs rather than multiplying keeps even 1e-600 representable.
 */
export function depthStats(fn, z, paths = PATHS, layers = LAYERS) {
  const d = fn.derivative(z, buffer('d', Float32Array, z.length)); // the module's g′ for every path and layer
  const logs = buffer('logs', Float64Array, paths).fill(0); // natural logs; log10 only for the output
  const work = buffer('work', Float64Array, paths);
  const out = {
    q1: new Float64Array(layers),
    median: new Float64Array(layers),
    q3: new Float64Array(layers),
    dead: new Float64Array(layers),
  };
  for (let l = 0; l < layers; l++) {
    const base = l * paths;
    let zeros = 0;
    for (let p = 0; p < paths; p++) {
      const v = (logs[p] += Math.log(Math.abs(d[base + p]))); // log(0) = -Infinity, and it stays there
      work[p] = v;
      if (v === -Infinity) zeros++;
    }
    out.median[l] = quantile(work, 0.5) / Math.LN10;
    out.q1[l] = quantile(work, 0.25) / Math.LN10;
    out.q3[l] = quantile(work, 0.75) / Math.LN10;
    out.dead[l] = zeros / paths;
  }
  return out;
}
