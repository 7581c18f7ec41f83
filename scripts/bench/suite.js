// The benchmark suite, shared by Node (scripts/bench.mjs) and the browser
// (scripts/bench-browser.mjs): ours (SIMD zero-copy and end to end, baseline),
// plain JS loops written as a user would, and TF.js's wasm backend, side by
// side in one process. Environment-free: the caller passes the loaded
// modules and a clock.

export const OPS = ['forward', 'derivative', 'second', 'fused', 'backward'];
export const SIZES = [4096, 32768, 1 << 20];

// Textbook formulas, as a user would write them in JS (Math.* in float64,
// stored to a Float32Array). g, g' and g''; null where a user would not.
const sig = (x) => 1 / (1 + Math.exp(-x));
const erf = (x) => {
  // Abramowitz–Stegun 7.1.26, the approximation users usually paste.
  const t = 1 / (1 + 0.3275911 * Math.abs(x));
  const y = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return x < 0 ? -y : y;
};
const phi = (x) => Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
const K = Math.sqrt(2 / Math.PI);
const softplus = (x) => Math.log(1 + Math.exp(x));
export const TEXTBOOK = {
  identity: [(x) => x, () => 1, () => 0],
  sigmoid: [sig, (x) => { const s = sig(x); return s * (1 - s); }, (x) => { const s = sig(x); return s * (1 - s) * (1 - 2 * s); }],
  tanh: [Math.tanh, (x) => { const t = Math.tanh(x); return 1 - t * t; }, (x) => { const t = Math.tanh(x); return -2 * t * (1 - t * t); }],
  relu: [(x) => Math.max(0, x), (x) => (x > 0 ? 1 : 0), () => 0],
  leaky_relu: [(x) => (x > 0 ? x : 0.01 * x), (x) => (x > 0 ? 1 : 0.01), () => 0],
  relu6: [(x) => Math.min(Math.max(0, x), 6), (x) => (x > 0 && x < 6 ? 1 : 0), () => 0],
  hardtanh: [(x) => Math.min(Math.max(-1, x), 1), (x) => (x > -1 && x < 1 ? 1 : 0), () => 0],
  elu: [(x) => (x > 0 ? x : Math.exp(x) - 1), (x) => (x > 0 ? 1 : Math.exp(x)), (x) => (x > 0 ? 0 : Math.exp(x))],
  selu: [
    (x) => 1.0507009873554805 * (x > 0 ? x : 1.6732632423543772 * (Math.exp(x) - 1)),
    (x) => 1.0507009873554805 * (x > 0 ? 1 : 1.6732632423543772 * Math.exp(x)),
    (x) => (x > 0 ? 0 : 1.0507009873554805 * 1.6732632423543772 * Math.exp(x)),
  ],
  celu: [(x) => Math.max(0, x) + Math.min(0, Math.exp(x) - 1), (x) => (x > 0 ? 1 : Math.exp(x)), (x) => (x > 0 ? 0 : Math.exp(x))],
  gelu: [(x) => 0.5 * x * (1 + erf(x / Math.SQRT2)), (x) => 0.5 * (1 + erf(x / Math.SQRT2)) + x * phi(x), (x) => phi(x) * (2 - x * x)],
  gelu_tanh: [
    (x) => 0.5 * x * (1 + Math.tanh(K * (x + 0.044715 * x ** 3))),
    (x) => {
      const t = Math.tanh(K * (x + 0.044715 * x ** 3));
      return 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * K * (1 + 3 * 0.044715 * x * x);
    },
    null,
  ],
  silu: [(x) => x * sig(x), (x) => { const s = sig(x); return s + x * s * (1 - s); }, (x) => { const s = sig(x); return s * (1 - s) * (2 + x * (1 - 2 * s)); }],
  mish: [(x) => x * Math.tanh(softplus(x)), (x) => { const t = Math.tanh(softplus(x)); return t + x * (1 - t * t) * sig(x); }, null],
  softplus: [softplus, sig, (x) => { const s = sig(x); return s * (1 - s); }],
  softsign: [(x) => x / (1 + Math.abs(x)), (x) => 1 / (1 + Math.abs(x)) ** 2, (x) => -2 * Math.sign(x) / (1 + Math.abs(x)) ** 3],
  hardsigmoid: [(x) => Math.min(Math.max(x + 3, 0), 6) / 6, (x) => (x > -3 && x < 3 ? 1 / 6 : 0), () => 0],
  hardswish: [(x) => (x * Math.min(Math.max(x + 3, 0), 6)) / 6, (x) => (x < -3 ? 0 : x > 3 ? 1 : (2 * x + 3) / 6), (x) => (x < -3 || x > 3 ? 0 : 1 / 3)],
  log_sigmoid: [(x) => Math.log(sig(x)), (x) => 1 - sig(x), (x) => { const s = sig(x); return -s * (1 - s); }],
};

// The same op in TF.js (wasm backend), where TF.js has it.
const TF_OPS = {
  sigmoid: (tf) => (t) => tf.sigmoid(t),
  tanh: (tf) => (t) => tf.tanh(t),
  relu: (tf) => (t) => tf.relu(t),
  leaky_relu: (tf) => (t) => tf.leakyRelu(t, 0.01),
  relu6: (tf) => (t) => tf.relu6(t),
  hardtanh: (tf) => (t) => tf.clipByValue(t, -1, 1),
  elu: (tf) => (t) => tf.elu(t),
  selu: (tf) => (t) => tf.selu(t),
  softplus: (tf) => (t) => tf.softplus(t),
  log_sigmoid: (tf) => (t) => tf.logSigmoid(t),
  identity: (tf) => (t) => tf.clone(t), // TF.js's Identity kernel
};

// Median elements per second of call() over n elements: repetitions until a
// sample lasts ≥ minMs, then `samples` samples.
function rate(now, n, call, { samples, minMs }) {
  call();
  let reps = 1;
  for (;;) {
    const t0 = now();
    for (let r = 0; r < reps; r++) call();
    if (now() - t0 >= minMs) break;
    reps *= 2;
  }
  const rates = [];
  for (let s = 0; s < samples; s++) {
    const t0 = now();
    for (let r = 0; r < reps; r++) call();
    rates.push((n * reps) / ((now() - t0) / 1000));
  }
  rates.sort((a, b) => a - b);
  return rates[rates.length >> 1];
}

// Runs every measurement; calls onRow(row) as rows complete. Returns rows:
// { id, op, n, variant, elementsPerSecond }.
export function runSuite({ simd, baseline, tf, now, sizes = SIZES, ids, samples = 5, minMs = 4, onRow = () => {} }) {
  const rows = [];
  const record = (id, op, n, variant, elementsPerSecond) => {
    const row = { id, op, n, variant, elementsPerSecond };
    rows.push(row);
    onRow(row);
  };
  const opts = { samples, minMs };
  for (const n of sizes) {
    const x = new Float32Array(n);
    const dy = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      x[i] = (i % 2001) / 100 - 10; // [-10, 10]
      dy[i] = 1 - (i % 7) * 0.25;
    }
    const heap = [simd, baseline].map((act) => ({ act, x: act.alloc(n), y: act.alloc(n), z: act.alloc(n), dy: act.alloc(n) }));
    for (const h of heap) {
      h.x.array.set(x);
      h.dy.array.set(dy);
    }
    for (const id of ids ?? simd.names) {
      const [fs, fb] = [simd.get(id), baseline.get(id)];
      const [zs, zb] = heap;
      // Zero-copy: data already in wasm memory.
      const zeroCopy = (f, h) => ({
        forward: () => f.forward(h.x, h.y),
        derivative: () => f.derivative(h.x, h.y),
        second: () => f.derivative(h.x, { order: 2, out: h.y }),
        fused: () => f.evaluate(h.x, { value: h.y, derivative: h.z }),
        backward: () => f.backward(h.x, h.dy, h.y),
      });
      // End to end: Float32Array in, new Float32Array out.
      const endToEnd = {
        forward: () => fs.forward(x),
        derivative: () => fs.derivative(x),
        second: () => fs.derivative(x, { order: 2 }),
        fused: () => fs.evaluate(x),
        backward: () => fs.backward(x, dy),
      };
      const [g, dg, d2g] = TEXTBOOK[id];
      const js = {
        forward: () => { const y = new Float32Array(n); for (let i = 0; i < n; i++) y[i] = g(x[i]); return y; },
        derivative: () => { const y = new Float32Array(n); for (let i = 0; i < n; i++) y[i] = dg(x[i]); return y; },
        second: d2g && (() => { const y = new Float32Array(n); for (let i = 0; i < n; i++) y[i] = d2g(x[i]); return y; }),
        fused: () => {
          const v = new Float32Array(n), d = new Float32Array(n);
          for (let i = 0; i < n; i++) { v[i] = g(x[i]); d[i] = dg(x[i]); }
          return [v, d];
        },
        backward: () => { const y = new Float32Array(n); for (let i = 0; i < n; i++) y[i] = dy[i] * dg(x[i]); return y; },
      };
      let tfCalls = {};
      if (tf && TF_OPS[id]) {
        const op = TF_OPS[id](tf);
        const grad = tf.grad(op);
        const valueAndGrad = tf.valueAndGrad(op);
        // tf.tidy walks whatever its callback returns looking for tensors: a
        // returned Float32Array is walked element by element (≈150 ns each),
        // so the results leave through a variable, not the return value.
        const tidy = (body) => { let out; tf.tidy(() => { out = body(); }); return out; };
        tfCalls = {
          forward: () => tidy(() => op(tf.tensor1d(x)).dataSync()),
          derivative: () => tidy(() => grad(tf.tensor1d(x)).dataSync()),
          fused: () => tidy(() => { const { value, grad: d } = valueAndGrad(tf.tensor1d(x)); return [value.dataSync(), d.dataSync()]; }),
          backward: () => tidy(() => grad(tf.tensor1d(x), tf.tensor1d(dy)).dataSync()),
        };
      }
      for (const op of OPS) {
        record(id, op, n, 'ours-simd-zerocopy', rate(now, n, zeroCopy(fs, zs)[op], opts));
        record(id, op, n, 'ours-simd-e2e', rate(now, n, endToEnd[op], opts));
        record(id, op, n, 'ours-baseline-zerocopy', rate(now, n, zeroCopy(fb, zb)[op], opts));
        if (js[op]) record(id, op, n, 'plain-js', rate(now, n, js[op], opts));
        if (tfCalls[op]) record(id, op, n, 'tfjs-wasm', rate(now, n, tfCalls[op], opts));
      }
    }
    // The memory-bound floor: a plain copy of the same bytes in wasm.
    const copy = heap[0];
    record('copy', 'forward', n, 'wasm-copy', rate(now, n, () => copy.y.array.set(copy.x.array), opts));
    for (const h of heap) h.act.dispose();
  }
  return rows;
}
