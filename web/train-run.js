// A training run of the Train section: one network per activation (two in a
// race), the same data, the same seed and so the same initial weights, trained
// step for step together. It owns the networks and what was measured on the
// way (history); play / pause / step / reset drive it. The settings come from
// the page's state (train-view.js hands them over); nothing here touches the DOM.
//
// For this first version the networks train on the main thread, a few steps
// per animation frame, as many as fit in FRAME_BUDGET ms (measured as it goes).
// Issue 13's target is a Web Worker, so that a slow network never delays the
// page's other charts: a later step; the run's interface (configure, play,
// pause, step, reset, onUpdate) is meant to stay when the training moves there.

import { NET_SEED, makeData } from './train.js';

/** Milliseconds of training per animation frame at most (the frame's other work, drawing, comes on top). */
export const FRAME_BUDGET = 8;
/**
 * Steps per frame at most: a small network trains 500 steps in well under
 * FRAME_BUDGET, far too fast to watch; 10 a frame is about 600 steps a second.
 */
export const MAX_FRAME_STEPS = 10;
/** Steps the Step button trains: one chunk. */
export const STEP_CHUNK = 10;
/** A run stops by itself after this many steps. */
export const MAX_STEPS = 20_000;

function emptyHistory(runs) {
  return {
    step: [],
    runs: runs.map(({ layers }) => ({
      train: [],
      test: [],
      layers: Array.from({ length: layers }, () => ({ gradientNorm: [], deadFraction: [], saturatedFraction: [] })),
    })),
  };
}

/**
 * act: the module; onUpdate(run): called after every change (a trained chunk,
 * a reset, play or pause), with this object.
 */
export function createTrainRun({ act, onUpdate }) {
  let data = null;
  let dataKey = '';
  /** [{ name, net, hidden, stats, diverged }] */
  let runs = [];
  let history = emptyHistory([]);
  let step = 0;
  let playing = false;
  let frame = 0;
  /** Measured cost of one training step of all the networks together, in ms. */
  let msPerStep = 0.05;
  let stopReason = '';
  let error = '';

  function measure() {
    history.step.push(step);
    for (const [i, r] of runs.entries()) {
      const h = history.runs[i];
      if (!r.diverged) {
        r.trainLoss = r.net.loss(data.train.inputs, data.train.targets);
        r.testLoss = r.net.loss(data.test.inputs, data.test.targets);
        r.stats = r.net.stats(data.train.inputs, data.train.targets);
      }
      h.train.push(r.trainLoss);
      h.test.push(r.testLoss);
      r.stats.layers.forEach((l, k) => {
        h.layers[k].gradientNorm.push(l.gradientNorm);
        h.layers[k].deadFraction.push(l.deadFraction);
        h.layers[k].saturatedFraction.push(l.saturatedFraction);
      });
    }
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
    cancelAnimationFrame(frame);
    frame = 0;
  }

  function tick() {
    frame = 0;
    if (!playing) return;
    const t0 = performance.now();
    const steps = Math.max(1, Math.min(MAX_FRAME_STEPS, MAX_STEPS - step, Math.floor(FRAME_BUDGET / msPerStep)));
    const alive = advance(steps);
    const ms = performance.now() - t0;
    msPerStep = 0.7 * msPerStep + (0.3 * ms) / steps;
    measure();
    if (!alive) stop('diverged');
    else if (step >= MAX_STEPS) stop('limit');
    else frame = requestAnimationFrame(tick);
    onUpdate(api);
  }

  function dispose() {
    for (const r of runs) r.net.dispose();
    runs = [];
  }

  const api = {
    /**
     * New settings: the networks are made again from their initial weights
     * (the data only when the data set or its noise changed); playing goes on.
     * settings: view.train; activations: [{ name, fn }] (fn: act.get(…) or a compiled expression).
     */
    configure(settings, activations) {
      const key = JSON.stringify([settings.dataset, settings.noise]);
      if (key !== dataKey) {
        data = makeData(act, settings);
        dataKey = key;
      }
      dispose();
      error = '';
      const layers = [2, ...settings.layers, 1];
      try {
        runs = activations.map(({ name, fn }) => ({
          name,
          batchSize: Math.min(settings.batchSize, data.train.targets.length),
          net: act.network({
            layers,
            activation: fn,
            init: settings.init,
            biasInit: settings.biasInit,
            loss: 'bce',
            optimizer: settings.optimizer,
            learningRate: settings.learningRate,
            seed: NET_SEED,
          }),
          diverged: null,
          stats: null,
        }));
      } catch (err) {
        dispose();
        error = err.message;
        stop('error');
        onUpdate(api);
        return;
      }
      msPerStep = 0.05;
      api.reset(true);
    },
    /** Back to the initial weights and an empty history (step 0 measured). */
    reset(keepPlaying = false) {
      for (const r of runs) {
        r.net.reset();
        r.diverged = null;
      }
      step = 0;
      stopReason = '';
      history = emptyHistory(runs.map((r) => ({ layers: r.net.layers.length - 2 })));
      if (runs.length) measure();
      if (!keepPlaying) stop('');
      onUpdate(api);
    },
    play() {
      if (playing || !runs.length || step >= MAX_STEPS || runs.every((r) => r.diverged)) return;
      playing = true;
      stopReason = '';
      frame = requestAnimationFrame(tick);
      onUpdate(api);
    },
    pause() {
      if (!playing) return;
      stop('paused');
      onUpdate(api);
    },
    /** One chunk of STEP_CHUNK steps, then pause. */
    step() {
      if (!runs.length || runs.every((r) => r.diverged)) return;
      if (playing) stop('paused');
      const alive = advance(Math.min(STEP_CHUNK, MAX_STEPS - step));
      measure();
      if (!alive) stop('diverged');
      onUpdate(api);
    },
    /** The probabilities the network `i` gives on `inputs`. */
    predict: (i, inputs) => runs[i].net.predict(inputs),
    get data() {
      return data;
    },
    get runs() {
      return runs;
    },
    get history() {
      return history;
    },
    /** Steps trained since the last reset. */
    get stepsDone() {
      return step;
    },
    get playing() {
      return playing;
    },
    /** '' | 'paused' | 'diverged' | 'limit' | 'error' */
    get stopReason() {
      return stopReason;
    },
    /** The module's message when the networks could not be made. */
    get error() {
      return error;
    },
  };
  return api;
}
