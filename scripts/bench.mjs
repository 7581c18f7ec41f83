// npm run bench: ours vs plain JS vs TF.js-wasm vs the native ceiling, side by
// side in one process. Prints a table and the goals of the speed issue (met or
// missed, with the ratio), and writes bench-results/node.json and node.md.
//   node scripts/bench.mjs [--quick] [--only id,id]
import { execFileSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { loadActivations } from '../dist/node.js';
import { runSuite, SIZES } from './bench/suite.js';
import { runCallSuite } from './bench/calls.js';
import { goals, markdownSummary, printGoals, printTable } from './bench/report.js';

const root = fileURLToPath(new URL('../', import.meta.url));
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const onlyAt = args.indexOf('--only');
const ids = onlyAt >= 0 ? args[onlyAt + 1].split(',') : undefined;

async function loadTf() {
  // The umbrella package registers the gradients (tfjs-core alone has none).
  const tf = await import('@tensorflow/tfjs');
  const { setWasmPaths } = await import('@tensorflow/tfjs-backend-wasm');
  const require = createRequire(import.meta.url);
  setWasmPaths(require.resolve('@tensorflow/tfjs-backend-wasm').replace(/[^/]+$/, ''));
  await tf.setBackend('wasm');
  await tf.ready();
  return tf;
}

// The same C++ kernels built natively with -O3 -march=native.
function nativeRows() {
  const dir = `${root}build/bench`;
  execFileSync('cmake', ['-S', root, '-B', dir, '-DCMAKE_BUILD_TYPE=Release', '-DACT_BENCH=ON', '-DACT_BUILD_TESTS=OFF', '-DCMAKE_CXX_FLAGS=-march=native'], { stdio: 'ignore' });
  execFileSync('cmake', ['--build', dir, '--target', 'act_bench_native', '-j', '2'], { stdio: 'ignore' });
  const out = execFileSync(`${dir}/act_bench_native`, [quick ? '3' : '5'], { encoding: 'utf8', maxBuffer: 1 << 24 });
  return out.trim().split('\n').map((line) => ({ ...JSON.parse(line), variant: 'native' }))
    .filter((r) => !ids || ids.includes(r.id));
}

const [simd, baseline, tf] = await Promise.all([loadActivations({ simd: true }), loadActivations({ simd: false }), loadTf()]);
const machine = {
  cpu: cpus()[0]?.model ?? 'unknown',
  cores: cpus().length,
  runtime: `Node ${process.version}`,
  tfjs: `@tensorflow/tfjs-core ${tf.version_core}, backend wasm (SIMD ${tf.env().getBool('WASM_HAS_SIMD_SUPPORT')}, threads ${tf.env().getBool('WASM_HAS_MULTITHREAD_SUPPORT')})`,
  date: new Date().toISOString().slice(0, 10),
};
console.log(`activations-wasm benchmark — ${machine.cpu} (${machine.cores} cores), ${machine.runtime}, ${machine.date}\n${machine.tfjs}\n`);

let done = 0;
const seconds = (from, to) => ((to - from) / 1000).toFixed(0);
const started = performance.now();
const rows = runSuite({
  simd, baseline, tf, ids,
  now: () => performance.now(),
  sizes: quick ? [32768] : SIZES,
  samples: quick ? 3 : 5,
  onRow: () => { if (++done % 50 === 0) process.stderr.write(`  ${done} measurements\r`); },
});
const suiteDone = performance.now();
// Per call: small arrays, at(z), and the pieces of the end-to-end floor.
rows.push(...runCallSuite({ act: simd, ids, now: () => performance.now(), floorSizes: quick ? [32768] : SIZES, rounds: quick ? 5 : 11 }));
const callsDone = performance.now();
rows.push(...nativeRows());
process.stderr.write(`\n  time: suite ${seconds(started, suiteDone)} s, per call ${seconds(suiteDone, callsDone)} s, native ${seconds(callsDone, performance.now())} s\n`);

printTable(rows, console.log);
const verdicts = goals(rows);
printGoals(verdicts, console.log);
await mkdir(`${root}bench-results`, { recursive: true });
await writeFile(`${root}bench-results/node.json`, JSON.stringify({ machine, rows, goals: verdicts }, null, 1));
await writeFile(`${root}bench-results/node.md`, markdownSummary(rows, verdicts, machine));
console.log('\nwrote bench-results/node.json and node.md (the README summary)');
