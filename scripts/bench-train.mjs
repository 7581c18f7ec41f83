// npm run bench:train: training throughput (examples/s = forward + backward +
// update per training example, mini-batches of 10) of act.network against TF
// Playground's own training loop and against TF.js on its wasm backend, for a
// [2, 8, 8, 1] tanh net and a deeper [2, 16, 16, 16, 16, 1] ReLU net. Goals of
// the trainer issue (small net): ≥ 20× Playground, ≥ 10× TF.js.
//
// - Playground: ../shared/peers/playground/bench.mjs (or $PLAYGROUND_BENCH),
//   run as a child process; its last line is parsed. It trains Playground's
//   nn.ts in its app's loop: 200 epochs × 250 points = 50,000 examples, MSE on
//   a tanh output, and reports the best of its runs.
// - TF.js 4.22, wasm backend: tf.train.sgd with optimizer.minimize over
//   pre-built batch tensors of 10 (measured faster here than tf.sequential +
//   model.fit with batchSize 10, whose per-batch callbacks and async epochs
//   cost about twice as much per step). Sigmoid cross-entropy on logits.
// - Ours: net.train(inputs, targets, { steps: 5000, batchSize: 10 }) on a
//   fresh network each sample (50,000 examples, as Playground's run), and for
//   information the same 5000 steps as 5000 calls of one step each.
// Rounds interleave the contenders; medians over rounds. TF.js trains one
// network across the rounds, 1000 steps each, so it too ends at 50,000 examples.
//   node scripts/bench-train.mjs [--rounds 5]
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { loadActivations } from '../dist/node.js';

const root = fileURLToPath(new URL('../', import.meta.url));
const require = createRequire(import.meta.url);
const args = process.argv.slice(2);
const roundsAt = args.indexOf('--rounds');
const ROUNDS = roundsAt >= 0 ? Math.max(3, Number(args[roundsAt + 1]) | 0) : 5;
const BATCH = 10;
const OUR_STEPS = 5000; // per sample: 50,000 examples
const TF_STEPS = 1000; // per round; ROUNDS × 1000 steps in all
const DATA = { n: 250, noise: 0, seed: 1 }; // 250 points, as Playground's training half
const LEARNING_RATE = 0.03; // Playground's default
const PLAYGROUND = process.env.PLAYGROUND_BENCH ?? `${root}../shared/peers/playground/bench.mjs`;

const NETS = [
  { name: '[2,8,8,1] tanh', layers: [2, 8, 8, 1], activation: 'tanh', init: 'xavier', playground: '[2,8,8,1] tanh', goals: { playground: 20, tfjs: 10 } },
  { name: '[2,16,16,16,16,1] relu', layers: [2, 16, 16, 16, 16, 1], activation: 'relu', init: 'he', playground: '[2,16x4,1] relu' },
];

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const fmt = (x) => (Number.isFinite(x) ? Math.round(x).toLocaleString('en-US') : 'n/a');
const ratio = (a, b) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(1)}×` : 'n/a');
const pad = (s, n) => String(s).padEnd(n);
const padl = (s, n) => String(s).padStart(n);

function gitCommit() {
  try {
    return execFileSync('git', ['-C', root, 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'unknown';
  }
}

// ---------------------------------------------------------------- Playground
// Its last line: `playground: [2,8,8,1] tanh N examples/s (loss L); [2,16x4,1] relu …; …`.
function runPlayground() {
  if (!existsSync(PLAYGROUND)) return { error: `not found at ${PLAYGROUND} (set PLAYGROUND_BENCH)` };
  let out;
  try {
    out = execFileSync(process.execPath, [PLAYGROUND, '--runs', '3'], {
      encoding: 'utf8',
      env: { ...process.env, TOOLS: process.env.TOOLS ?? root },
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 90_000,
    });
  } catch (e) {
    return { error: `failed: ${String(e.stdout ?? e.message).trim().split('\n').at(-1)}` };
  }
  const lines = out.trim().split('\n');
  const last = lines.at(-1);
  if (!last.startsWith('playground:')) return { error: `unexpected last line: ${last}` };
  const nets = {};
  for (const part of last.slice('playground:'.length).split(';')) {
    const m = /^\s*(.+?)\s+([\d.]+) examples\/s \(loss ([\d.eE+-]+)\)\s*$/.exec(part);
    if (m) nets[m[1]] = { examplesPerSecond: Number(m[2]), loss: Number(m[3]) };
  }
  const header = lines.find((l) => l.startsWith('node ')) ?? '';
  let commit = 'unknown';
  try {
    commit = /Playground commit: `([0-9a-f]{7})/.exec(readFileSync(PLAYGROUND.replace(/bench\.mjs$/, 'README.md'), 'utf8'))?.[1] ?? commit;
  } catch {
    // the README is only for the commit id
  }
  return { nets, header, last, commit };
}

// ---------------------------------------------------------------- TF.js
async function loadTf() {
  // The umbrella package registers the gradients (tfjs-core alone has none).
  const tf = await import('@tensorflow/tfjs');
  const { setWasmPaths } = await import('@tensorflow/tfjs-backend-wasm');
  setWasmPaths(require.resolve('@tensorflow/tfjs-backend-wasm').replace(/[^/]+$/, ''));
  await tf.setBackend('wasm');
  await tf.ready();
  return tf;
}

// The same network in TF.js: variables W (in × out, Xavier or He normal,
// seeded) and b (zeros), hidden activation, a linear output read as a logit.
function tfTrainer(tf, net, data, seed) {
  const { layers } = net;
  const vars = [];
  for (let l = 1; l < layers.length; l++) {
    const [fanIn, fanOut] = [layers[l - 1], layers[l]];
    const std = net.init === 'he' ? Math.sqrt(2 / fanIn) : Math.sqrt(2 / (fanIn + fanOut));
    vars.push({ w: tf.variable(tf.randomNormal([fanIn, fanOut], 0, std, 'float32', seed + l)), b: tf.variable(tf.zeros([fanOut])) });
  }
  const hidden = net.activation === 'tanh' ? tf.tanh : tf.relu;
  const logits = (x) => {
    let h = x;
    vars.forEach(({ w, b }, i) => {
      h = tf.add(tf.matMul(h, w), b);
      if (i < vars.length - 1) h = hidden(h);
    });
    return h;
  };
  const rows = data.targets.length;
  const batches = [];
  for (let r = 0; r + BATCH <= rows; r += BATCH) {
    batches.push({
      x: tf.tensor2d(data.inputs.subarray(2 * r, 2 * (r + BATCH)), [BATCH, 2]),
      y: tf.tensor2d(data.targets.subarray(r, r + BATCH), [BATCH, 1]),
    });
  }
  const optimizer = tf.train.sgd(LEARNING_RATE);
  let next = 0;
  return {
    steps(n) {
      for (let i = 0; i < n; i++) {
        const { x, y } = batches[next];
        next = (next + 1) % batches.length;
        optimizer.minimize(() => tf.losses.sigmoidCrossEntropy(y, logits(x)));
      }
    },
    loss() {
      return tf.tidy(() => tf.losses.sigmoidCrossEntropy(tf.tensor2d(data.targets, [rows, 1]), logits(tf.tensor2d(data.inputs, [rows, 2]))).dataSync()[0]);
    },
    dispose() {
      for (const { w, b } of vars) w.dispose(), b.dispose();
      for (const { x, y } of batches) x.dispose(), y.dispose();
      optimizer.dispose();
    },
  };
}

// ---------------------------------------------------------------- ours
function ourNetwork(act, net) {
  return act.network({ layers: net.layers, activation: net.activation, init: net.init, loss: 'bce', optimizer: 'sgd', learningRate: LEARNING_RATE, seed: 1 });
}

// One sample: a fresh network, OUR_STEPS steps in one call (or one call per step); examples/s and the loss after.
function ourSample(act, net, data, oneStepPerCall) {
  const n = ourNetwork(act, net);
  const t0 = performance.now();
  if (oneStepPerCall) {
    for (let s = 0; s < OUR_STEPS; s++) n.train(data.inputs, data.targets, { steps: 1, batchSize: BATCH });
  } else {
    n.train(data.inputs, data.targets, { steps: OUR_STEPS, batchSize: BATCH });
  }
  const seconds = (performance.now() - t0) / 1000;
  const loss = n.loss(data.inputs, data.targets);
  n.dispose();
  return { examplesPerSecond: (OUR_STEPS * BATCH) / seconds, loss };
}

// ---------------------------------------------------------------- run
const started = performance.now();
const [act, tf] = await Promise.all([loadActivations(), loadTf()]);
const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8'));
const wasmBackend = JSON.parse(readFileSync(require.resolve('@tensorflow/tfjs-backend-wasm/package.json'), 'utf8')).version;
console.log(`activations-wasm training benchmark — ${cpus()[0]?.model ?? 'unknown CPU'} (${cpus().length} cores), Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`);
console.log(`ours: activations-wasm ${pkg.version} (${gitCommit()}), ${act.simd ? 'SIMD' : 'baseline'} build`);
console.log(`TF.js: @tensorflow/tfjs-core ${tf.version_core}, @tensorflow/tfjs-backend-wasm ${wasmBackend} (SIMD ${tf.env().getBool('WASM_HAS_SIMD_SUPPORT')}, threads ${tf.env().getBool('WASM_HAS_MULTITHREAD_SUPPORT')})`);

console.error('running the Playground peer (child process, ~20 s) …');
const playground = runPlayground();
console.log(
  playground.error
    ? `Playground: ${playground.error}`
    : `Playground: TF Playground nn.ts at ${playground.commit}, trained by ${PLAYGROUND.replace(root, '')}; ${playground.header}`,
);
console.log(`load average before ours and TF.js: ${loadavg().map((x) => x.toFixed(2)).join(', ')}\n`);

const data = act.dataset('circle', DATA);
const results = NETS.map((net) => ({ net, ours: [], oneStep: [], tfjs: [], tfLoss: NaN, oursLoss: new Set(), oneStepLoss: new Set() }));
// Warm-up: V8, the wasm tiers and TF.js's kernels, on throwaway networks.
const trainers = results.map(({ net }) => {
  ourSample(act, net, data, false);
  const warm = tfTrainer(tf, net, data, 99);
  warm.steps(50);
  warm.dispose();
  return tfTrainer(tf, net, data, 1);
});
for (let round = 0; round < ROUNDS; round++) {
  console.error(`round ${round + 1}/${ROUNDS} …`);
  results.forEach((r, i) => {
    const ours = ourSample(act, r.net, data, false);
    r.ours.push(ours.examplesPerSecond);
    r.oursLoss.add(ours.loss);
    const t0 = performance.now();
    trainers[i].steps(TF_STEPS);
    r.tfjs.push((TF_STEPS * BATCH) / ((performance.now() - t0) / 1000));
    const one = ourSample(act, r.net, data, true);
    r.oneStep.push(one.examplesPerSecond);
    r.oneStepLoss.add(one.loss);
  });
}
results.forEach((r, i) => {
  r.tfLoss = trainers[i].loss();
  trainers[i].dispose();
});

// ---------------------------------------------------------------- report
console.log(`examples/s (forward + backward + update, batches of ${BATCH}, learning rate ${LEARNING_RATE}, circle data, 250 points);`);
console.log(`ours and TF.js: median of ${ROUNDS} interleaved rounds [min – max]; Playground: best of its 3 runs\n`);
const W = 40;
console.log(`${pad('contender', W)}${results.map((r) => padl(r.net.name, 26)).join('')}`);
const row = (label, cell) => console.log(`${pad(label, W)}${results.map((r) => padl(cell(r), 26)).join('')}`);
const spread = (xs) => `${fmt(median(xs))} [${fmt(Math.min(...xs))}–${fmt(Math.max(...xs))}]`;
row(`ours, net.train(${OUR_STEPS} steps)`, (r) => spread(r.ours));
row('ours, 1 step per call (for information)', (r) => spread(r.oneStep));
row('TF.js wasm, sgd + minimize', (r) => spread(r.tfjs));
row('TF Playground (nn.ts, its app loop)', (r) => fmt(playground.nets?.[r.net.playground]?.examplesPerSecond));
console.log('');
row('ours ÷ Playground', (r) => ratio(median(r.ours), playground.nets?.[r.net.playground]?.examplesPerSecond));
row('ours ÷ TF.js', (r) => ratio(median(r.ours), median(r.tfjs)));
row('ours 1 step/call ÷ ours', (r) => ratio(median(r.oneStep), median(r.ours)));

console.log('\nfinal training loss after 50,000 examples (different initial weights; not meant to be equal):');
const lossText = (set) => (set.size === 1 ? [...set][0].toPrecision(3) : `${[...set].map((x) => x.toPrecision(3)).join(' / ')} (samples differ!)`);
row('ours, mean BCE', (r) => lossText(r.oursLoss));
row('ours, 1 step per call, mean BCE', (r) => lossText(r.oneStepLoss));
row('TF.js, mean BCE', (r) => r.tfLoss.toPrecision(3));
row('Playground, mean ½(out − label)²', (r) => playground.nets?.[r.net.playground]?.loss.toPrecision(3) ?? 'n/a');
const sameAcrossCalls = results.every((r) => r.oursLoss.size === 1 && r.oneStepLoss.size === 1 && [...r.oursLoss][0] === [...r.oneStepLoss][0]);
console.log(`ours: one call of ${OUR_STEPS} steps and ${OUR_STEPS} calls of 1 step end on the same loss: ${sameAcrossCalls ? 'yes' : 'NO'}`);

console.log('');
for (const r of results) {
  const goals = r.net.goals;
  if (!goals) continue;
  const ours = median(r.ours);
  const peers = { playground: playground.nets?.[r.net.playground]?.examplesPerSecond, tfjs: median(r.tfjs) };
  const names = { playground: 'TF Playground', tfjs: 'TF.js wasm' };
  for (const [peer, want] of Object.entries(goals)) {
    const base = peers[peer];
    if (!Number.isFinite(base)) {
      console.log(`goal not measured: ${r.net.name}, ours ≥ ${want}× ${names[peer]} (${peer === 'playground' ? playground.error : 'no number'})`);
      continue;
    }
    const got = ours / base;
    console.log(`goal ${got >= want ? 'met' : 'missed'}: ${r.net.name}, ours ${fmt(ours)} examples/s = ${got.toFixed(1)}× ${names[peer]} (${fmt(base)}); goal ≥ ${want}×`);
  }
}
console.log(`\ntotal ${((performance.now() - started) / 1000).toFixed(1)} s`);
