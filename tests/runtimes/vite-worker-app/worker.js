// The package in a worker: loads both builds and posts what it computed.
import { loadActivations } from 'activations-wasm';
import { SAMPLE_X, compute } from './compute.js';

try {
  const results = {};
  const summary = {};
  for (const [label, options] of [['default', undefined], ['baseline', { simd: false }]]) {
    const act = await loadActivations(options);
    summary[label] = { simd: act.simd, g1: act.get('sigmoid').forward([1])[0] };
    results[label] = compute(act, SAMPLE_X);
  }
  self.postMessage({ ok: true, results, summary });
} catch (e) {
  self.postMessage({ ok: false, error: `${e?.name ?? 'Error'}: ${e?.message ?? e}` });
}
