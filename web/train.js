// The Train section's settings and the numbers around a run, without the DOM:
// what the settings may be and their URL form (state.js spells them out), the
// hidden layers typed as "8,8", the data and its 50/50 train/test split, the
// grid the decision boundary is drawn on, and the notes read from the
// measurements (train-text.js shows them).
//
// The network itself is the module's (act.network, src/train): every loss,
// gradient norm and dead or saturated fraction on the page is one of its numbers.

export const DATASETS = Object.freeze(['circle', 'xor', 'gauss', 'spiral', 'moons']);
export const INITS = Object.freeze(['he', 'xavier', 'lecun']);
export const OPTIMIZERS = Object.freeze(['sgd', 'momentum', 'adam']);
/** The hidden activation "as on the chart": the function edited there, with its parameters (a custom expression too). */
export const FROM_CHART = 'chart';

export const TRAIN_DEFAULTS = Object.freeze({
  dataset: 'circle',
  noise: 0.1,
  layers: Object.freeze([8, 8]),
  activation: 'tanh',
  init: 'xavier',
  optimizer: 'adam',
  learningRate: 0.01,
  batchSize: 10,
  biasInit: 0,
  l2: 0,
  race: '',
});

export const TRAIN_LIMITS = Object.freeze({
  noise: [0, 1],
  learningRate: [1e-5, 10],
  batchSize: [1, 250],
  biasInit: [-10, 10],
  l2: [0, 1],
  hiddenLayers: [1, 8],
  width: [1, 32],
});

/** The data: ROWS points from one seed; the first half trains, the second half tests. */
export const ROWS = 500;
export const DATA_SEED = 1;
/** The networks' seed: the same initial weights for every activation, so that a race is fair. */
export const NET_SEED = 1;
/** Steps the Step button trains: one chunk (and one measurement). */
export const STEP_CHUNK = 10;
/** A run stops by itself after this many steps. */
export const MAX_STEPS = 20_000;
/** The square the data and the decision boundary are drawn on (the generators stay inside ±6 but for noise). */
export const EXTENT = 6;
export const GRID = 100;

/**
 * Hidden layers typed as widths separated by commas or spaces ("8,8", "16 8 4"):
 * { layers } or { error } saying what to fix.
 */
export function parseLayers(text) {
  const parts = String(text).trim().split(/[\s,;]+/).filter(Boolean);
  const [minLayers, maxLayers] = TRAIN_LIMITS.hiddenLayers;
  const [minWidth, maxWidth] = TRAIN_LIMITS.width;
  if (parts.length < minLayers) return { error: `Enter the width of each hidden layer, separated by commas: e.g. 8,8.` };
  if (parts.length > maxLayers) return { error: `At most ${maxLayers} hidden layers (${parts.length} given).` };
  const layers = [];
  for (const [i, part] of parts.entries()) {
    const w = Number(part);
    if (!/^\d+$/.test(part) || w < minWidth || w > maxWidth) {
      return { error: `Layer ${i + 1}: “${part}” is not a width from ${minWidth} to ${maxWidth} units.` };
    }
    layers.push(w);
  }
  return { layers };
}

export const layersText = (layers) => layers.join(',');

/** Why a number field's value is refused, or null. */
export function numberProblem(field, raw) {
  const [lo, hi] = TRAIN_LIMITS[field];
  const v = Number(raw);
  if (String(raw).trim() === '' || !Number.isFinite(v)) return 'Enter a number.';
  if (field === 'batchSize' && !Number.isInteger(v)) return 'Enter a whole number.';
  if (v < lo || v > hi) return `Must be between ${lo} and ${hi}.`;
  return null;
}

const isActivation = (id, act) => id === FROM_CHART || act.names.includes(id);

export function encodeTrain(t) {
  if (sameTrain(t, TRAIN_DEFAULTS)) return [];
  const pairs = [
    ['tdata', t.dataset],
    ['tnoise', t.noise],
    ['tlayers', layersText(t.layers)],
    ['tact', t.activation],
    ['tinit', t.init],
    ['topt', t.optimizer],
    ['tlr', t.learningRate],
    ['tbatch', t.batchSize],
    ['tbias', t.biasInit],
  ];
  if (t.l2) pairs.push(['tl2', t.l2]);
  if (t.race) pairs.push(['trace', t.race]);
  return pairs;
}

export function sameTrain(a, b) {
  return Object.keys(TRAIN_DEFAULTS).every((k) => (k === 'layers' ? layersText(a.layers) === layersText(b.layers) : a[k] === b[k]));
}

/** The train settings from a link's pairs (a Map): what is missing or not understood keeps its default (and is listed in `problems`). */
export function decodeTrain(pairs, act, problems) {
  const t = { ...TRAIN_DEFAULTS, layers: [...TRAIN_DEFAULTS.layers] };
  const choice = (key, field, ok) => {
    if (!pairs.has(key)) return;
    const v = pairs.get(key);
    if (ok(v)) t[field] = v;
    else problems.push(`${key} = ${v}`);
  };
  choice('tdata', 'dataset', (v) => DATASETS.includes(v));
  choice('tact', 'activation', (v) => isActivation(v, act));
  choice('tinit', 'init', (v) => INITS.includes(v));
  choice('topt', 'optimizer', (v) => OPTIMIZERS.includes(v));
  choice('trace', 'race', (v) => v === '' || isActivation(v, act));
  for (const [key, field] of [['tnoise', 'noise'], ['tlr', 'learningRate'], ['tbatch', 'batchSize'], ['tbias', 'biasInit'], ['tl2', 'l2']]) {
    if (!pairs.has(key)) continue;
    const raw = pairs.get(key);
    if (numberProblem(field, raw)) problems.push(`${key} = ${raw}`);
    else t[field] = Number(raw);
  }
  if (pairs.has('tlayers')) {
    const { layers } = parseLayers(pairs.get('tlayers'));
    if (layers) t.layers = layers;
    else problems.push(`tlayers = ${pairs.get('tlayers')}`);
  }
  return t;
}

/** The data set split in two halves (the generator alternates the classes, so both halves are balanced). */
export function makeData(act, { dataset, noise }) {
  const d = act.dataset(dataset, { n: ROWS, noise, seed: DATA_SEED });
  const half = ROWS / 2;
  return {
    train: { inputs: d.inputs.subarray(0, 2 * half), targets: d.targets.subarray(0, half) },
    test: { inputs: d.inputs.subarray(2 * half), targets: d.targets.subarray(half) },
  };
}

/** GRID × GRID cell centres over [−EXTENT, EXTENT]², row-major, top row (largest y) first, as the canvas draws them. */
export function gridInputs() {
  const out = new Float32Array(GRID * GRID * 2);
  for (let r = 0; r < GRID; r++) {
    const y = EXTENT - ((r + 0.5) * 2 * EXTENT) / GRID;
    for (let c = 0; c < GRID; c++) {
      const i = 2 * (r * GRID + c);
      out[i] = -EXTENT + ((c + 0.5) * 2 * EXTENT) / GRID;
      out[i + 1] = y;
    }
  }
  return out;
}

/** The share of rows whose predicted probability falls on the side of 0.5 their label is on. */
export function accuracy(probabilities, targets) {
  let right = 0;
  for (let i = 0; i < targets.length; i++) if (probabilities[i] >= 0.5 === targets[i] >= 0.5) right++;
  return right / targets.length;
}

// The thresholds behind the notes. A note is a measurement put in words; the
// numbers it quotes are the module's (net.stats on the training half).
export const NOTE_LIMITS = Object.freeze({
  /** A hidden layer with at least this share of units whose g′ is 0 on every training point. */
  dead: 0.25,
  /** … or whose |g′| stays under 1% of its largest value on every training point (the module's definition). */
  saturated: 0.5,
  /** Layer 1's gradient norm below this fraction of the last hidden layer's: vanishing; above its inverse: exploding. */
  vanishing: 1e-3,
  /** After this many steps, a training loss still above CHANCE_LOSS · this has not learnt much. */
  stuckAfter: 1000,
  stuck: 0.9,
  /** The test loss at least this much (in nats) above the training loss: overfitting. */
  overfit: 0.15,
});
/** The binary cross-entropy of always answering 0.5: ln 2. */
export const CHANCE_LOSS = Math.LN2;

/**
 * Notes on a run from its latest measurements: [{ kind, layer?, text }], the
 * numbers in `text` formatted by `fmt` and `pow10` (pow10Label). `run` is
 * { name, step, trainLoss, testLoss, stats: net.stats(), diverged? }.
 */
export function trainNotes(run, { fmt, pow10 }) {
  const notes = [];
  const { stats, name } = run;
  if (run.diverged) {
    notes.push({ kind: 'diverged', text: `${name}: the loss diverged at step ${run.diverged.step} (it became ${fmt(run.diverged.loss)}); the run stopped. A smaller learning rate usually helps; Reset starts again from the initial weights.` });
  }
  if (!stats) return notes;
  const layers = stats.layers;
  for (const [i, l] of layers.entries()) {
    if (l.deadFraction >= NOTE_LIMITS.dead) {
      notes.push({ kind: 'dead', layer: i + 1, text: `${name}: ${Math.round(l.deadFraction * 100)}% of layer ${i + 1}’s units are dead: their g′ is 0 on every training point, so no gradient reaches their weights and they stop learning.` });
    } else if (l.saturatedFraction >= NOTE_LIMITS.saturated) {
      notes.push({ kind: 'saturated', layer: i + 1, text: `${name}: ${Math.round(l.saturatedFraction * 100)}% of layer ${i + 1}’s units are saturated: |g′| stays under 1% of its peak on every training point, so they learn very slowly.` });
    }
  }
  if (layers.length >= 2) {
    const first = layers[0].gradientNorm;
    const last = layers[layers.length - 1].gradientNorm;
    if (last > 0 && first >= 0) {
      const ratio = first / last;
      const k = layers.length;
      if (ratio < NOTE_LIMITS.vanishing) {
        const e = ratio > 0 ? Math.round(Math.log10(ratio)) : null;
        const how = e === null ? 'none' : pow10(e);
        notes.push({ kind: 'vanishing', text: `${name}: layer 1 receives ${how} of layer ${k}’s gradient: a vanishing gradient. The first layers barely change while the last ones learn.` });
      } else if (ratio > 1 / NOTE_LIMITS.vanishing) {
        notes.push({ kind: 'exploding', text: `${name}: layer 1’s gradient is ${pow10(Math.round(Math.log10(ratio)))} times layer ${k}’s: an exploding gradient.` });
      }
    }
  }
  if (run.step >= NOTE_LIMITS.stuckAfter && run.trainLoss > CHANCE_LOSS * NOTE_LIMITS.stuck) {
    notes.push({ kind: 'stuck', text: `${name}: after ${run.step} steps the training loss (${fmt(run.trainLoss, 3)}) is still close to guessing (ln 2 ≈ 0.693).` });
  }
  if (run.testLoss - run.trainLoss >= NOTE_LIMITS.overfit) {
    notes.push({ kind: 'overfit', text: `${name}: the test loss (${fmt(run.testLoss, 3)}) is well above the training loss (${fmt(run.trainLoss, 3)}): the network fits the training points better than the data in general.` });
  }
  return notes;
}
