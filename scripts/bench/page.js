// The browser half of scripts/bench-browser.mjs: loads our two builds and
// TF.js's wasm backend, runs the shared suite (suite.js) in this tab and shows
// the same table as the Node benchmark. window.bench.done resolves to
// { env, rows }; window.benchProgress (set by the driving script, optional)
// hears about each step. Query: ?quick=1, ?only=id,id, ?tfThreads=1.
import { loadActivations } from './pkg/browser.js';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { runSuite, SIZES } from './suite.js';
import { runCallSuite } from './calls.js';
import { goals, printGoals, printTable } from './report.js';

const query = new URLSearchParams(location.search);
const quick = query.has('quick') && query.get('quick') !== '0';
const only = query.get('only')?.split(',').map((s) => s.trim()).filter(Boolean);
const tfThreads = query.get('tfThreads') === '1';

const statusEl = document.getElementById('status');
const envEl = document.getElementById('env');
const outEl = document.getElementById('out');
const progress = (step) => {
  statusEl.textContent = step.done < step.total ? `Measuring ${step.label} (${step.done + 1}/${step.total})…` : 'Done.';
  globalThis.benchProgress?.(step);
};
// Lets the page paint and the driver's messages through between measurements.
const yieldToBrowser = () => new Promise((resolve) => setTimeout(resolve, 0));

async function loadTf() {
  // Threads off unless asked: the Node benchmark's TF.js runs single-threaded
  // too, and so does TF.js on any page that is not cross-origin isolated.
  if (!tfThreads) tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  setWasmPaths(new URL('./tf/', location.href).href);
  if (!(await tf.setBackend('wasm'))) throw new Error('TF.js: the wasm backend failed to initialise');
  await tf.ready();
  if (tf.getBackend() !== 'wasm') throw new Error(`TF.js: backend is ${tf.getBackend()}, not wasm`);
  if (!tf.env().getBool('WASM_HAS_SIMD_SUPPORT')) throw new Error('TF.js: the wasm backend runs without SIMD');
  return tf;
}

// Smallest step performance.now() takes (5 µs cross-origin isolated, 100 µs otherwise in Chromium).
function timerResolutionMs() {
  let best = Infinity;
  for (let i = 0; i < 200; i++) {
    const a = performance.now();
    let b = performance.now();
    while (b === a) b = performance.now();
    best = Math.min(best, b - a);
  }
  return Number(best.toFixed(4));
}

async function run() {
  const [simd, baseline, tfjs] = await Promise.all([loadActivations({ simd: true }), loadActivations({ simd: false }), loadTf()]);
  if (!simd.simd || baseline.simd) throw new Error('loadActivations did not give one SIMD and one baseline build');
  const unknown = (only ?? []).filter((id) => !simd.names.includes(id));
  if (unknown.length) throw new Error(`unknown function(s) ${unknown.join(', ')}; known: ${simd.names.join(', ')}`);
  const ids = only ?? simd.names;
  const sizes = quick ? [32768] : SIZES;
  const samples = quick ? 3 : 5;

  const env = {
    userAgent: navigator.userAgent,
    hardwareConcurrency: navigator.hardwareConcurrency,
    crossOriginIsolated: globalThis.crossOriginIsolated === true,
    timerResolutionMs: timerResolutionMs(),
    tfjs: `@tensorflow/tfjs-core ${tfjs.version_core}, backend wasm (SIMD ${tfjs.env().getBool('WASM_HAS_SIMD_SUPPORT')}, threads ${tfjs.env().getBool('WASM_HAS_MULTITHREAD_SUPPORT')})`,
    quick,
    sizes,
    samples,
  };
  envEl.textContent = `${env.tfjs}; ${env.crossOriginIsolated ? 'cross-origin isolated' : 'not cross-origin isolated'}, performance.now() steps ${env.timerResolutionMs * 1000} µs`;

  // runSuite is synchronous: one call per size × function (then one for the
  // size's memory-copy floor), with a yield between calls.
  const steps = sizes.flatMap((n) => [...ids.map((id) => ({ n, ids: [id], label: `${id}, N = ${n}` })), { n, ids: [], label: `copy, N = ${n}` }]);
  const rows = [];
  // Then the per-call side (calls.js), as one last step.
  const total = steps.length + 1;
  for (const [i, step] of steps.entries()) {
    progress({ done: i, total, label: step.label });
    await yieldToBrowser();
    const got = runSuite({ simd, baseline, tf: tfjs, now: () => performance.now(), sizes: [step.n], ids: step.ids, samples });
    // Every call also measures the copy floor; keep it from the dedicated step only.
    rows.push(...(step.ids.length ? got.filter((r) => r.variant !== 'wasm-copy') : got));
  }
  progress({ done: steps.length, total, label: 'per call: small arrays, at(z), end to end vs its floor' });
  await yieldToBrowser();
  rows.push(...runCallSuite({ act: simd, ids, now: () => performance.now(), floorSizes: sizes, rounds: quick ? 5 : 11 }));
  progress({ done: total, total, label: 'done' });

  const lines = [];
  printTable(rows, (line) => lines.push(line));
  printGoals(goals(rows), (line) => lines.push(line));
  outEl.textContent = lines.join('\n');
  return { env, rows };
}

window.bench = {
  done: run().catch((err) => {
    statusEl.textContent = `Failed: ${err?.message ?? err}`;
    throw err;
  }),
};
