// A user's app: imports the package by name and lets Vite bundle it. Nothing else is
// needed for `vite build`: the Emscripten glue's
// `new URL('activations-*.wasm', import.meta.url)` makes Vite emit both .wasm files.
import { loadActivations } from 'activations-wasm';
import { SAMPLE_X, compute } from './compute.js';

const results = {};

async function show(label, options) {
  const act = await loadActivations(options);
  const g1 = act.get('sigmoid').forward([1])[0];
  results[label] = compute(act, SAMPLE_X);
  const line = document.createElement('li');
  line.id = `line-${label}`;
  line.textContent = `${label}: ${act.simd ? 'SIMD' : 'baseline'} build, sigmoid(1) = ${g1}`;
  document.getElementById('lines').append(line);
  document.getElementById('result').textContent = JSON.stringify(results);
  document.body.dataset.state = Object.keys(results).join(' ');
}

function fail(e) {
  document.getElementById('error').textContent = `${e?.name ?? 'Error'}: ${e?.message ?? e}`;
  document.body.dataset.state = 'error';
}

const button = document.getElementById('load-baseline');
button.addEventListener('click', () => {
  button.disabled = true;
  show('baseline', { simd: false }).catch(fail);
});
show('default').then(() => (button.disabled = false), fail);
