// The Train section's training, as the Web Worker runs it (train-worker.js):
// one network per activation (two in a race), the same data, the same seed and
// so the same initial weights, trained step for step together. It owns the
// networks; after every change it posts what was measured since the last post
// (losses, net.stats per hidden layer) and, at most every MAP_INTERVAL ms while
// playing, the decision boundaries (predictions over the grid) and accuracies.
// The page (train-run.js) keeps the history and draws; nothing here touches the DOM.

import { compileCustom } from './custom.js';
import { MAX_STEPS, NET_SEED, STEP_CHUNK, accuracy, gridInputs, makeData } from './train.js';

/** A tick of training every TICK_MS ms while playing… */
export const TICK_MS = 16;
/** …of at most TICK_STEPS steps (about 600 a second: fast enough to watch a spiral form, slow enough to see it)… */
export const TICK_STEPS = 10;
/** …and of at most TICK_BUDGET ms, so that a pause or new settings wait for one tick at most. */
export const TICK_BUDGET = 12;
/** While playing, the heat maps are recomputed at most this often… */
export const MAP_INTERVAL = 100;
/**
 * …and the measurements (losses, stats) and the maps each take at most this
 * share of the worker's time: a deep race spends ~20 ms measuring and ~200 ms
 * predicting the grid, which every tick would leave no time to train.
 */
export const OVERHEAD_SHARE = 0.25;

/**
 * act: the module; post(message, transfer): sends to the page. Messages in
 * (handle): configure { settings, activations: [{ name, id, params } | { name, source, params }] },
 * play, pause, step, reset, sync { id }.
 */
export function createTrainer(act, post) {
  const grid = gridInputs();
  let data = null;
  let dataKey = '';
  /** [{ name, net, batchSize, diverged, trainLoss, testLoss, stats }] */
  let runs = [];
  let step = 0;
  let playing = false;
  let timer = 0;
  let msPerStep = 0.05;
  let stopReason = '';
  let error = '';
  /** Measurements not yet posted; `fresh`: the page must drop its history first. */
  let measured = [];
  let fresh = true;
  let lastMap = -Infinity;
  /** What measuring and mapping cost, in ms (running averages), and when the last measurement ended. */
  let measureMs = 0;
  let mapMs = 0;
  let lastMeasure = -Infinity;
  /** The step of the latest measurement. */
  let measuredStep = -1;
  /** The last command handled, so the page knows which of its commands an update reflects. */
  let ack = 0;

  function measure() {
    const t0 = performance.now();
    measured.push({
      step,
      runs: runs.map((r) => {
        if (!r.diverged) {
          r.trainLoss = r.net.loss(data.train.inputs, data.train.targets);
          r.testLoss = r.net.loss(data.test.inputs, data.test.targets);
          r.stats = r.net.stats(data.train.inputs, data.train.targets);
        }
        return { train: r.trainLoss, test: r.testLoss, layers: r.stats.layers };
      }),
    });
    measuredStep = step;
    lastMeasure = performance.now();
    measureMs = 0.7 * measureMs + 0.3 * (lastMeasure - t0);
  }

  /** Whether playing should spend time on `costMs` of work again, last done at `since`. */
  const due = (costMs, since, atLeast) => performance.now() - since >= Math.max(atLeast, costMs / OVERHEAD_SHARE);

  /** Per network: its predictions over the grid and the share of train and test points on the right side. */
  function maps() {
    const t0 = performance.now();
    const m = runs.map((r) => ({
      probabilities: r.net.predict(grid),
      train: accuracy(r.net.predict(data.train.inputs), data.train.targets),
      test: accuracy(r.net.predict(data.test.inputs), data.test.targets),
    }));
    mapMs = 0.7 * mapMs + 0.3 * (performance.now() - t0);
    return m;
  }

  function publish(forceMaps = false) {
    const withMaps = runs.length > 0 && (forceMaps || !playing || due(mapMs, lastMap, MAP_INTERVAL));
    const m = withMaps ? maps() : null;
    if (withMaps) lastMap = performance.now();
    post(
      {
        type: 'update',
        ack,
        fresh,
        measured,
        state: {
          step,
          playing,
          stopReason,
          error,
          runs: runs.map((r) => ({ name: r.name, layers: r.net.layers.length - 2, diverged: r.diverged, trainLoss: r.trainLoss, testLoss: r.testLoss, stats: r.stats })),
        },
        maps: m,
      },
      m ? m.map((x) => x.probabilities.buffer) : [],
    );
    measured = [];
    fresh = false;
  }

  /** Train every network that has not diverged by `steps` steps; false once none can go on. */
  function advance(steps) {
    for (const r of runs) {
      if (r.diverged) continue;
      try {
        r.net.train(data.train.inputs, data.train.targets, { steps, batchSize: r.batchSize });
      } catch (err) {
        if (!(err instanceof RangeError) || !err.losses) throw err;
        r.diverged = { step: step + err.step, loss: err.losses[err.step - 1] };
      }
    }
    step += steps;
    return runs.some((r) => !r.diverged);
  }

  function stop(reason) {
    playing = false;
    stopReason = reason;
    clearTimeout(timer);
    timer = 0;
  }

  function tick() {
    timer = 0;
    if (!playing) return;
    const t0 = performance.now();
    const steps = Math.max(1, Math.min(TICK_STEPS, MAX_STEPS - step, Math.floor(TICK_BUDGET / msPerStep)));
    const alive = advance(steps);
    msPerStep = 0.7 * msPerStep + (0.3 * (performance.now() - t0)) / steps;
    const over = !alive || step >= MAX_STEPS;
    if (over || due(measureMs, lastMeasure, 0)) measure();
    if (!alive) stop('diverged');
    else if (step >= MAX_STEPS) stop('limit');
    else timer = setTimeout(tick, Math.max(0, TICK_MS - (performance.now() - t0)));
    if (measured.length || !playing) publish();
  }

  function dispose() {
    for (const r of runs) r.net.dispose();
    runs = [];
  }

  const functionOf = (spec) => (spec.source !== undefined ? compileCustom(act, spec.source, spec.params) : act.get(spec.id, spec.params));

  function configure({ settings, activations }) {
    const key = JSON.stringify([settings.dataset, settings.noise]);
    if (key !== dataKey) {
      data = makeData(act, settings);
      dataKey = key;
    }
    dispose();
    error = '';
    try {
      runs = activations.map((spec) => ({
        name: spec.name,
        batchSize: Math.min(settings.batchSize, data.train.targets.length),
        net: act.network({
          layers: [2, ...settings.layers, 1],
          activation: functionOf(spec),
          init: settings.init,
          biasInit: settings.biasInit,
          loss: 'bce',
          optimizer: settings.optimizer,
          learningRate: settings.learningRate,
          l2: settings.l2,
          seed: NET_SEED,
        }),
        diverged: null,
        stats: null,
      }));
    } catch (err) {
      dispose();
      error = err.message;
      stop('error');
      fresh = true;
      measured = [];
      publish();
      return;
    }
    msPerStep = 0.05;
    reset(true);
  }

  /** Back to the initial weights and an empty history (step 0 measured). */
  function reset(keepPlaying = false) {
    for (const r of runs) {
      r.net.reset();
      r.diverged = null;
    }
    step = 0;
    stopReason = '';
    fresh = true;
    measured = [];
    if (runs.length) measure();
    if (!keepPlaying) stop('');
    else if (playing && !timer) timer = setTimeout(tick, 0);
    publish(true);
  }

  function play() {
    if (playing || !runs.length || step >= MAX_STEPS || runs.every((r) => r.diverged)) {
      publish();
      return;
    }
    playing = true;
    stopReason = '';
    timer = setTimeout(tick, 0);
    publish();
  }

  function pause() {
    if (playing) {
      stop('paused');
      // The steps trained since the last measurement are measured now, so that a paused run shows where it is.
      if (measuredStep !== step) measure();
    }
    publish(true);
  }

  /** One chunk of STEP_CHUNK steps, then pause. */
  function stepOnce() {
    if (runs.length && !runs.every((r) => r.diverged)) {
      if (playing) stop('paused');
      const alive = advance(Math.min(STEP_CHUNK, MAX_STEPS - step));
      measure();
      if (!alive) stop('diverged');
    }
    publish(true);
  }

  return {
    handle(message) {
      ack = message.id ?? ack;
      switch (message.type) {
        case 'configure':
          return configure(message);
        case 'play':
          return play();
        case 'pause':
          return pause();
        case 'step':
          return stepOnce();
        case 'reset':
          return reset();
        case 'sync':
          return post({ type: 'synced', id: message.id });
        default:
          throw new Error(`train worker: unknown message ${JSON.stringify(message.type)}`);
      }
    },
  };
}
