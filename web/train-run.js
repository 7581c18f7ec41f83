// A training run of the Train section, as the page sees it. The networks
// train in a Web Worker (train-worker.js, train-trainer.js), so that the page
// stays responsive however slow they are; this side sends the commands (new
// settings, play, pause, step, reset) and keeps what the worker measured: the
// history the charts draw, the networks' latest numbers, the heat maps'
// predictions and accuracies. The data is made here too (the same seed gives
// the same points), for the heat maps' dots. Nothing here touches the DOM.

import { makeData } from './train.js';

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

function append(history, measured) {
  for (const m of measured) {
    history.step.push(m.step);
    m.runs.forEach((r, i) => {
      const h = history.runs[i];
      h.train.push(r.train);
      h.test.push(r.test);
      r.layers.forEach((l, k) => {
        h.layers[k].gradientNorm.push(l.gradientNorm);
        h.layers[k].deadFraction.push(l.deadFraction);
        h.layers[k].saturatedFraction.push(l.saturatedFraction);
      });
    });
  }
}

/**
 * act: the module (for the data); onUpdate(run, { fromWorker }): called after
 * every change, with this object — at once for the page's own commands, and
 * for each update the worker posts.
 */
export function createTrainRun({ act, onUpdate }) {
  const worker = new Worker(new URL('./train-worker.js', import.meta.url), { type: 'module' });
  let data = null;
  let dataKey = '';
  /** The worker's view of the run: { step, playing, stopReason, error, runs: [{ name, layers, diverged, trainLoss, testLoss, stats }] }. */
  let state = { step: 0, playing: false, stopReason: '', error: '', runs: [] };
  let history = emptyHistory([]);
  /** Per network: { probabilities (over the grid), train, test (accuracies) }; null before the first. */
  let maps = null;
  /** Commands are numbered; an update says the last one the worker had handled. */
  let sent = 0;
  /** Play and pause show at once; the worker's word on `playing` counts again once it has seen the command. */
  let playingIntent = null;
  let failure = '';
  /** The number of the last configure command, and of the last command the worker reported handling. */
  let configured = 0;
  let acked = 0;
  const waiters = new Map();
  let resolveUrls;
  const workerUrls = new Promise((resolve) => {
    resolveUrls = resolve;
  });

  function send(message) {
    sent += 1;
    worker.postMessage({ ...message, id: sent });
    return sent;
  }

  worker.onmessage = ({ data: message }) => {
    switch (message.type) {
      case 'update':
        if (message.fresh) history = emptyHistory(message.state.runs);
        append(history, message.measured);
        state = message.state;
        if (message.maps) maps = message.maps;
        acked = message.ack;
        if (message.ack >= sent) playingIntent = null;
        onUpdate(api, { fromWorker: true });
        return;
      case 'synced':
        waiters.get(message.id)?.();
        waiters.delete(message.id);
        return;
      case 'loaded':
        resolveUrls(message.urls);
        return;
      case 'failed':
        failure = message.message;
        resolveUrls([]);
        onUpdate(api, { fromWorker: true });
        return;
    }
  };
  worker.onerror = (event) => {
    event.preventDefault();
    failure = `The training worker failed: ${event.message || 'it could not be started'}`;
    resolveUrls([]);
    for (const resolve of waiters.values()) resolve();
    waiters.clear();
    onUpdate(api, { fromWorker: true });
  };

  // While new settings are on their way the networks are not known yet: commands go to the worker, which decides.
  const runsOver = () => acked >= configured && (!state.runs.length || state.runs.every((r) => r.diverged));

  const api = {
    /**
     * New settings: the networks are made again from their initial weights
     * (the data only when the data set or its noise changed); playing goes on.
     * settings: view.train; activations: [{ name, id, params } | { name, source, params }].
     */
    configure(settings, activations) {
      const key = JSON.stringify([settings.dataset, settings.noise]);
      if (key !== dataKey) {
        data = makeData(act, settings);
        dataKey = key;
      }
      maps = null;
      configured = send({ type: 'configure', settings, activations });
    },
    reset() {
      playingIntent = false;
      send({ type: 'reset' });
      onUpdate(api, { fromWorker: false });
    },
    play() {
      if (api.playing || runsOver()) return;
      playingIntent = true;
      send({ type: 'play' });
      onUpdate(api, { fromWorker: false });
    },
    pause() {
      if (!api.playing) return;
      playingIntent = false;
      send({ type: 'pause' });
      onUpdate(api, { fromWorker: false });
    },
    /** One chunk of steps (STEP_CHUNK), then pause. */
    step() {
      if (runsOver()) return;
      playingIntent = false;
      send({ type: 'step' });
      onUpdate(api, { fromWorker: false });
    },
    /** Resolves once the worker has handled every command sent so far and the page has its updates. */
    settled() {
      if (failure) return Promise.resolve();
      return new Promise((resolve) => waiters.set(send({ type: 'sync' }), resolve));
    },
    /** Resolves with the URLs the worker loaded (its scripts, the module), for the offline cache. */
    workerUrls,
    get data() {
      return data;
    },
    get runs() {
      return state.runs;
    },
    get history() {
      return history;
    },
    get maps() {
      return maps;
    },
    /** Steps trained since the last reset. */
    get stepsDone() {
      return state.step;
    },
    get playing() {
      return playingIntent ?? state.playing;
    },
    /** '' | 'paused' | 'diverged' | 'limit' | 'error' */
    get stopReason() {
      return playingIntent === null ? state.stopReason : '';
    },
    /** Why the networks could not be made (the module's message), or why the worker failed. */
    get error() {
      return failure || state.error;
    },
  };
  return api;
}
