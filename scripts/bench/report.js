// Tables and goal verdicts for benchmark rows ({ id, op, n, variant,
// elementsPerSecond }), shared by the Node and browser benchmarks.

const VARIANTS = ['ours-simd-zerocopy', 'ours-simd-e2e', 'ours-baseline-zerocopy', 'plain-js', 'tfjs-wasm', 'native'];
const SHORT = { 'ours-simd-zerocopy': 'SIMD 0-copy', 'ours-simd-e2e': 'SIMD e2e', 'ours-baseline-zerocopy': 'baseline', 'plain-js': 'plain JS', 'tfjs-wasm': 'TF.js wasm', native: 'native' };
// XNNPACK's wasm SIMD kernels in el/ns at N = 32768 (shared/TARGETS.md).
const XNNPACK = { sigmoid: 0.99, tanh: 1.01, elu: 1.12, gelu: 0.73 };

const find = (rows, id, op, n, variant) => rows.find((r) => r.id === id && r.op === op && r.n === n && r.variant === variant)?.elementsPerSecond;
const fmt = (v) => (v === undefined ? '—' : v >= 1e9 ? `${(v / 1e9).toFixed(2)}G` : `${(v / 1e6).toFixed(v >= 1e8 ? 0 : 1)}M`);
const ratio = (a, b) => (a === undefined || b === undefined ? '—' : `${(a / b).toFixed(2)}×`);

/** Elements/s per variant, and ours end to end over TF.js and over plain JS, one line per function × op × n. */
export function printTable(rows, print) {
  const sizes = [...new Set(rows.map((r) => r.n))].sort((a, b) => a - b);
  const ids = [...new Set(rows.filter((r) => r.variant !== 'wasm-copy').map((r) => r.id))];
  for (const n of sizes) {
    print(`\nN = ${n} (elements per second; ratios of ours end to end)`);
    print(['function', 'op', ...VARIANTS.map((v) => SHORT[v]), 'vs TF.js', 'vs JS'].map((c, i) => (i < 2 ? c.padEnd(i ? 10 : 12) : c.padStart(11))).join(' '));
    for (const id of ids) {
      for (const op of ['forward', 'derivative', 'second', 'fused', 'backward']) {
        const cells = VARIANTS.map((v) => fmt(find(rows, id, op, n, v)));
        const e2e = find(rows, id, op, n, 'ours-simd-e2e');
        if (e2e === undefined) continue;
        const line = [id.padEnd(12), op.padEnd(10), ...cells.map((c) => c.padStart(11)),
          ratio(e2e, find(rows, id, op, n, 'tfjs-wasm')).padStart(11), ratio(e2e, find(rows, id, op, n, 'plain-js')).padStart(11)];
        print(line.join(' '));
      }
    }
    const copy = find(rows, 'copy', 'forward', n, 'wasm-copy');
    if (copy) print(`${'copy'.padEnd(12)} ${'memory'.padEnd(10)} ${fmt(copy).padStart(11)}  (a plain copy of the same bytes in wasm memory)`);
  }
  const floors = floorsOf(rows);
  if (floors.length) {
    print('\nEnd to end vs its floor, forward (elements per second, measured in turns; time ratio ≤ 1.2 is the goal)');
    print(['function', 'N', 'copy in', 'kernel', 'copy out', 'floor', 'e2e', 'e2e/floor'].map((c, i) => (i < 1 ? c.padEnd(12) : c.padStart(10))).join(' '));
    for (const f of floors) print([f.id.padEnd(12), ...[f.n, fmt(f.copyIn), fmt(f.kernel), fmt(f.copyOut), fmt(f.floor), fmt(f.e2e), `${f.over.toFixed(2)}×`].map((c) => String(c).padStart(10))].join(' '));
  }
  const at = rows.filter((r) => r.op === 'at' && r.variant === 'ours-simd-at');
  if (at.length) {
    print('\nat(z), all three orders in one call (µs per call)');
    for (const r of at) print(`${r.id.padEnd(12)} ${microseconds(r.elementsPerSecond, 1).toFixed(3).padStart(8)}`);
  }
}

/** The speed issue's goals, each with the measured ratio and met/missed. */
export function goals(rows) {
  const out = [];
  // A goal is met at value ≥ target, or ≤ target when atMost (times, not rates).
  const add = (goal, value, target, atMost = false) =>
    value !== undefined && !Number.isNaN(value) && out.push({ goal, value: Number(value.toFixed(3)), target, ...(atMost && { atMost }), met: atMost ? value <= target : value >= target });
  const N = 32768, BIG = 1 << 20;
  const rate = (id, op, n = N) => find(rows, id, op, n, 'ours-simd-zerocopy');
  // Issue 14's table. Against XNNPACK's el/ns of TARGETS.md (its kernels run in
  // ../shared/peers/xnnpack/bench.mjs, which gives same-process ratios).
  for (const [id, elPerNs] of Object.entries(XNNPACK)) {
    const share = id === 'gelu' ? 0.7 : 1;
    add(`${id} forward kernel vs XNNPACK's ${elPerNs} el/ns of TARGETS.md, another machine; the peer bench gives the same-process ratio (N=${N})`, rate(id, 'forward') / 1e9 / elPerNs, share);
  }
  add('selu forward vs our elu (rate ratio)', rate('selu', 'forward') / rate('elu', 'forward'), 0.9);
  add('silu forward vs our sigmoid (rate ratio)', rate('silu', 'forward') / rate('sigmoid', 'forward'), 0.8);
  for (const id of ['softplus', 'log_sigmoid', 'mish', 'gelu_tanh', 'celu']) {
    add(`${id} forward vs our sigmoid (rate ratio)`, rate(id, 'forward') / rate('sigmoid', 'forward'), 0.5);
  }
  const ids = [...new Set(rows.filter((r) => r.variant === 'ours-simd-zerocopy').map((r) => r.id))];
  for (const id of ids) {
    const f = rate(id, 'forward');
    add(`${id} g′ vs g (rate ratio)`, rate(id, 'derivative') / f, 0.8);
    add(`${id} backward vs g (rate ratio)`, rate(id, 'backward') / f, 0.8);
    add(`${id} g″ vs g (rate ratio)`, rate(id, 'second') / f, 0.6);
  }
  // Fused value + derivative against two passes, for the functions built on an exponential.
  for (const id of ['sigmoid', 'tanh', 'elu', 'selu', 'celu', 'gelu', 'gelu_tanh', 'silu', 'mish', 'softplus', 'log_sigmoid']) {
    const [f, d, fused] = [rate(id, 'forward'), rate(id, 'derivative'), rate(id, 'fused')];
    add(`${id} fused vs two separate passes (speed-up)`, fused * (1 / f + 1 / d), 1.6);
  }
  // End to end against TF.js-wasm, for the ops TF.js runs natively, at every size measured.
  const tfjsOps = ['sigmoid', 'tanh', 'relu', 'relu6', 'leaky_relu', 'elu', 'selu', 'softplus'];
  const sizes = [...new Set(rows.filter((r) => r.variant === 'tfjs-wasm').map((r) => r.n))].sort((x, y) => x - y);
  for (const n of sizes) {
    for (const id of tfjsOps) {
      const target = n === BIG && (id === 'sigmoid' || id === 'elu') ? 1.3 : 1;
      add(`${id} end to end vs TF.js-wasm (N=${n})`, find(rows, id, 'forward', n, 'ours-simd-e2e') / find(rows, id, 'forward', n, 'tfjs-wasm'), target);
    }
  }
  for (const id of ['relu', 'leaky_relu']) {
    // Measured in turns with the copy where calls.js ran (Node), else from the table's rows.
    const inTurns = find(rows, id, 'forward', BIG, 'vs-copy-kernel');
    const copy = inTurns ? find(rows, 'copy', 'forward', BIG, 'vs-copy-copy') : find(rows, 'copy', 'forward', BIG, 'wasm-copy');
    // time(relu) ≤ 1.25 time(copy)  ⇔  rate(relu)/rate(copy) ≥ 0.8
    add(`${id} vs a copy of the same bytes (rate ratio, N=2^20, target ≥ 0.8)`, (inTurns ?? find(rows, id, 'forward', BIG, 'ours-simd-zerocopy')) / copy, 0.8);
  }
  callGoals(rows, add);
  return out;
}

// Per function and size (calls.js): the floor's pieces, the floor (their times summed) and e2e's time over the floor's.
function floorsOf(rows) {
  return rows.filter((r) => r.variant === 'floor-e2e').map(({ id, n, elementsPerSecond: e2e }) => {
    const [copyIn, kernel, copyOut] = ['floor-copy-in', 'floor-kernel', 'floor-copy-out'].map((v) => find(rows, id, 'forward', n, v));
    const floor = 1 / (1 / copyIn + 1 / kernel + 1 / copyOut);
    return { id, n, copyIn, kernel, copyOut, floor, e2e, over: floor / e2e };
  });
}

const microseconds = (elementsPerSecond, n) => (elementsPerSecond === undefined ? undefined : (1e6 * n) / elementsPerSecond);

// The per-call goals (scripts/bench/calls.js): a small call, at(z), end to end
// against its floor, and the size from which we beat a plain JS loop.
function callGoals(rows, add) {
  add('16-element call, Float32Array in → new Float32Array out (sigmoid), µs', microseconds(find(rows, 'sigmoid', 'forward', 16, 'ours-simd-e2e'), 16), 1, true);
  const at = rows.filter((r) => r.op === 'at' && r.variant === 'ours-simd-at');
  add('at(z), all three orders (sigmoid), µs', microseconds(find(rows, 'sigmoid', 'at', 1, 'ours-simd-at'), 1), 0.5, true);
  if (at.length > 1) {
    const slowest = at.reduce((a, b) => (b.elementsPerSecond < a.elementsPerSecond ? b : a));
    add(`at(z), all three orders, slowest of ${at.length} activations (${slowest.id}), µs`, microseconds(slowest.elementsPerSecond, 1), 0.5, true);
  }
  // End to end vs copy in + kernel + copy out, in time; the worst function at each size.
  const floors = floorsOf(rows);
  for (const n of [...new Set(floors.map((f) => f.n))]) {
    const worst = floors.filter((f) => f.n === n).reduce((a, b) => (b.over > a.over ? b : a));
    add(`end to end vs its floor (copy in + kernel + copy out), N=${n}, worst of ${floors.filter((f) => f.n === n).length} (${worst.id}), time ratio`, worst.over, 1.2, true);
  }
  // From 32 elements up, faster than 1/(1+Math.exp(-x)) in a loop: the smallest ratio over the sizes measured.
  const small = rows.filter((r) => r.id === 'sigmoid' && r.op === 'forward' && r.variant === 'ours-simd-e2e' && r.n >= 32 && r.n < 4096);
  if (small.length) {
    const ratios = small.map((r) => ({ n: r.n, ratio: r.elementsPerSecond / find(rows, 'sigmoid', 'forward', r.n, 'plain-js') }));
    const least = ratios.reduce((a, b) => (b.ratio < a.ratio ? b : a));
    add(`sigmoid end to end vs a plain JS loop, N=${ratios.map((r) => r.n).join(',')}: the smallest ratio (at N=${least.n})`, least.ratio, 1);
  }
}

const target = (v) => `${v.atMost ? '≤ ' : ''}${Number(v.target.toFixed(3))}`;

export function printGoals(verdicts, print) {
  print('\nGoals (measured in this run):');
  for (const v of verdicts) print(`  ${v.met ? 'met   ' : 'MISSED'} ${v.goal}: ${v.value} (target ${target(v)})`);
}

/** A Markdown summary for the README: the functions a peer also computes, at two sizes, then every goal. */
export function markdownSummary(rows, verdicts, machine) {
  const out = [`Measured ${machine.date} on ${machine.cpu} (${machine.cores} cores), ${machine.runtime}; ${machine.tfjs}.`, ''];
  out.push('| function | op | N | ours SIMD, zero-copy | ours SIMD, end to end | ours baseline | plain JS | TF.js wasm | native -O3 | end to end vs TF.js | vs plain JS |');
  out.push('|---|---|---|---|---|---|---|---|---|---|---|');
  // The functions a peer also computes (TF.js here, XNNPACK in shared/TARGETS.md): the comparisons are the point.
  const compared = new Set([...rows.filter((r) => r.variant === 'tfjs-wasm').map((r) => r.id), ...Object.keys(XNNPACK)]);
  const ids = [...new Set(rows.map((r) => r.id))].filter((id) => compared.has(id));
  for (const id of ids) {
    for (const op of ['forward', 'derivative', 'fused', 'backward']) {
      for (const n of [32768, 1 << 20]) {
        const cells = VARIANTS.map((v) => fmt(find(rows, id, op, n, v)));
        const e2e = find(rows, id, op, n, 'ours-simd-e2e');
        if (e2e === undefined) continue;
        out.push(`| ${id} | ${op} | ${n} | ${cells.join(' | ')} | ${ratio(e2e, find(rows, id, op, n, 'tfjs-wasm'))} | ${ratio(e2e, find(rows, id, op, n, 'plain-js'))} |`);
      }
    }
  }
  const copy = find(rows, 'copy', 'forward', 1 << 20, 'wasm-copy');
  if (copy) out.push('', `A plain copy of the same bytes in wasm memory: ${fmt(copy)} elements/s at N = 2^20.`);
  out.push('', 'Goals:', '');
  for (const v of verdicts) out.push(`- ${v.met ? 'met' : '**missed**'}: ${v.goal}: ${v.value} (target ${target(v)})`);
  return out.join('\n');
}
