// The benchmark suite, shared by Node (scripts/bench.mjs) and the browser
// (scripts/bench-browser.mjs): ours (SIMD zero-copy and end to end, baseline),
// plain JS loops written as a user would, and TF.js's wasm backend, side by
// side in one process. Environment-free: the caller passes the loaded
// modules and a clock.

import { textbookOf, tfjsOpOf } from './textbook.js';

export const OPS = ['forward', 'derivative', 'second', 'fused', 'backward'];
export const SIZES = [4096, 32768, 1 << 20];

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
      const info = simd.info(id);
      const params = fs.params;
      // Plain JS loops as a user would write them (Math.* in float64, stored
      // to a Float32Array), where the activation's record gives the formulas.
      const [g, dg, d2g] = textbookOf(info, params) ?? [];
      const js = g && {
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
      const op = tf && tfjsOpOf(info, params, tf);
      if (op) {
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
        if (js?.[op]) record(id, op, n, 'plain-js', rate(now, n, js[op], opts));
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
