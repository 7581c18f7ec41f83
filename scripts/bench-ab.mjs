// Two builds of this package side by side in one process, to tell whether a
// change made anything slower: every function's zero-copy g, g', g'' at
// N = 32768, the two builds interleaved, median of 15 samples; then a
// 16-element end-to-end call and f.at(z).
//
//   git worktree add /tmp/before <rev>
//   ln -s "$PWD/node_modules" /tmp/before/ && (cd /tmp/before && bash scripts/build.sh)
//   node scripts/bench-ab.mjs /tmp/before .        (each a checkout after npm run build)
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [beforeDir, afterDir] = process.argv.slice(2);
if (!beforeDir || !afterDir) {
  console.error('usage: node scripts/bench-ab.mjs BEFORE_CHECKOUT AFTER_CHECKOUT');
  process.exit(2);
}
const load = async (dir) => (await import(pathToFileURL(path.resolve(dir, 'dist', 'node.js')).href)).loadActivations();
const old = await load(beforeDir);
const now = await load(afterDir);
const N = 32768;
const x = Float32Array.from({ length: N }, (_, i) => (i % 2001) / 100 - 10);
const setup = (act) => { const a = act.alloc(N), b = act.alloc(N); a.array.set(x); return { act, a, b }; };
const [A, B] = [setup(old), setup(now)];
function sample(fn, reps) { const t0 = process.hrtime.bigint(); for (let i = 0; i < reps; i++) fn(); return Number(process.hrtime.bigint() - t0) / reps; }
function ab(fa, fb, reps) {
  for (let i = 0; i < reps; i++) { fa(); fb(); }
  const ta = [], tb = [];
  for (let s = 0; s < 15; s++) { if (s % 2) { ta.push(sample(fa, reps)); tb.push(sample(fb, reps)); } else { tb.push(sample(fb, reps)); ta.push(sample(fa, reps)); } }
  const med = (t) => t.sort((p, q) => p - q)[7];
  return [med(ta), med(tb)];
}
const rows = [];
for (const id of old.names.filter((id) => now.names.includes(id))) {
  for (const [op, call] of [['forward', (f, h) => f.forward(h.a, h.b)], ['derivative', (f, h) => f.derivative(h.a, h.b)], ['second', (f, h) => f.derivative(h.a, { order: 2, out: h.b })]]) {
    const fa = A.act.get(id), fb = B.act.get(id);
    const [ta, tb] = ab(() => call(fa, A), () => call(fb, B), 20);
    rows.push([id, op, N / ta, N / tb, ta / tb]);
  }
}
for (const r of rows) console.log(`${r[0].padEnd(12)} ${r[1].padEnd(10)} before ${r[2].toFixed(3)} now ${r[3].toFixed(3)} el/ns  now/before ${r[4].toFixed(2)}`);
const ratios = rows.map((r) => r[4]).sort((p, q) => p - q);
console.log(`kernel now/before over ${rows.length} rows: median ${ratios[rows.length >> 1].toFixed(2)}, min ${ratios[0].toFixed(2)}, max ${ratios.at(-1).toFixed(2)}`);
const small = new Float32Array(16).map((_, i) => i - 8);
const sa = old.get('sigmoid'), sb = now.get('sigmoid');
let [ta, tb] = ab(() => sa.forward(small), () => sb.forward(small), 20000);
console.log(`sigmoid forward, 16 floats end to end: before ${ta.toFixed(0)} ns, now ${tb.toFixed(0)} ns`);
[ta, tb] = ab(() => sa.at(0.5), () => sb.at(0.5), 20000);
console.log(`sigmoid at(z): before ${ta.toFixed(0)} ns, now ${tb.toFixed(0)} ns`);
