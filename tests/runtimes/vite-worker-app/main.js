// Starts the worker (Vite bundles it as a separate entry) and shows what it computed.
const worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });

function fail(message) {
  document.getElementById('error').textContent = message;
  document.body.dataset.state = 'error';
  worker.terminate();
}

worker.onmessage = ({ data }) => {
  if (!data.ok) return fail(data.error);
  for (const [label, { simd, g1 }] of Object.entries(data.summary)) {
    const line = document.createElement('li');
    line.id = `line-${label}`;
    line.textContent = `${label}: ${simd ? 'SIMD' : 'baseline'} build, sigmoid(1) = ${g1}`;
    document.getElementById('lines').append(line);
  }
  document.getElementById('result').textContent = JSON.stringify(data.results);
  document.body.dataset.state = Object.keys(data.results).join(' ');
  worker.terminate();
};
worker.onerror = (e) => {
  e.preventDefault();
  fail(`worker error: ${e.message ?? '(the worker module failed to load)'}`);
};
