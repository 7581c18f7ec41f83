// act.network() and act.dataset(): the trainer of the C++ core (src/train).
// Every argument is checked here, with messages that say what was wrong; the
// data is copied into wasm memory for each call and freed after it.
import { describeType } from './errors.js';

// src/train/network.hpp: kMaxLayers, kMaxWidth.
const MAX_LAYERS = 10;
const MAX_WIDTH = 256;
const MAX_STEPS = 1_000_000;
const LOSSES = ['bce', 'mse'];
const INITS = ['he', 'xavier', 'lecun'];
const OPTIMIZERS = ['sgd', 'momentum', 'adam'];
const DATASETS = ['circle', 'xor', 'gauss', 'spiral', 'moons', 'plane'];
const OPTIONS = ['layers', 'activation', 'init', 'biasInit', 'loss', 'optimizer', 'learningRate', 'l2', 'seed'];

const oneOf = (value, allowed, name) => {
  if (!allowed.includes(value)) throw new Error(`${name} must be one of ${allowed.join(', ')}, got ${describeType(value)}`);
  return allowed.indexOf(value);
};

function finiteNumber(value, name, { min = -Infinity, integer = false } = {}) {
  if (typeof value !== 'number') throw new TypeError(`${name} must be a number, got ${describeType(value)}`);
  if (!Number.isFinite(value) || value < min || (integer && !Number.isInteger(value))) {
    throw new RangeError(`${name} must be ${integer ? 'an integer' : 'a finite number'}${min > -Infinity ? ` >= ${min}` : ''}, got ${value}`);
  }
  return value;
}

/** The data as a Float32Array of `width` columns: its row count; NaN and ±Infinity refused. */
function checkedRows(data, width, name) {
  if (!(data instanceof Float32Array || data instanceof Float64Array || Array.isArray(data))) {
    throw new TypeError(`${name} must be a Float32Array (rows × ${width}, row-major), got ${describeType(data)}`);
  }
  if (data.length === 0 || data.length % width !== 0) {
    throw new RangeError(`${name} has length ${data.length}, which is not a whole number of rows of ${width} (rows × ${width}, row-major)`);
  }
  for (let i = 0; i < data.length; i++) {
    if (typeof data[i] !== 'number' || !Number.isFinite(data[i])) {
      throw new RangeError(`${name}[${i}] is ${describeType(data[i])}: the data must be finite numbers`);
    }
  }
  return data.length / width;
}

export function createTrainer({ wasm, optionsOf, catalogueActivation, expressionActivation }) {
  const live = new Set(); // networks of this instance, freed by dispose()

  // Copies of `arrays` in wasm memory for the duration of fn(addresses).
  function withHeap(arrays, fn) {
    const addresses = [];
    try {
      for (const { data, length, View = Float32Array } of arrays) {
        const count = length ?? data.length;
        const address = wasm.allocFloats(Math.max(1, (count * View.BYTES_PER_ELEMENT) / 4));
        if (address === 0) throw new RangeError('activations-wasm: out of wasm memory for the training data');
        addresses.push(address);
        if (data) new View(wasm.HEAPU8.buffer, address, count).set(data); // the buffer changes on growth: a fresh view
      }
      return fn(addresses);
    } finally {
      for (const a of addresses) wasm.freeFloats(a);
    }
  }

  // The hidden activation as the engine takes it: a registry index with its
  // parameters, or a compiled expression's handle with its values.
  function hiddenOf(activation) {
    if (typeof activation === 'string') return catalogueActivation(activation, undefined);
    if (activation && typeof activation === 'object' && activation.id === 'custom') {
      const found = expressionActivation(activation);
      if (found) return found;
    } else if (activation && typeof activation === 'object' && typeof activation.id === 'string') {
      return catalogueActivation(activation.id, activation.params);
    }
    throw new TypeError(`activation must be a catalogue id, act.get(…) or act.compile(…), got ${describeType(activation)}`);
  }

  function network(options) {
    const o = optionsOf(options, OPTIONS);
    const { layers } = o;
    if (!Array.isArray(layers)) throw new TypeError(`layers must be an array of widths, e.g. [2, 8, 8, 1], got ${describeType(layers)}`);
    if (layers.length < 2 || layers.length > MAX_LAYERS) {
      throw new RangeError(`layers must list 2 to ${MAX_LAYERS} widths (input, up to 8 hidden, output), got ${layers.length}`);
    }
    layers.forEach((w, i) => {
      if (typeof w !== 'number' || !Number.isInteger(w) || w < 1 || w > MAX_WIDTH) {
        throw new RangeError(`layers[${i}] must be a width from 1 to ${MAX_WIDTH}, got ${describeType(w)}`);
      }
    });
    const hidden = hiddenOf(o.activation ?? 'tanh');
    const loss = oneOf(o.loss ?? 'bce', LOSSES, 'loss');
    const init = oneOf(o.init ?? 'xavier', INITS, 'init');
    const optimizer = oneOf(o.optimizer ?? 'adam', OPTIMIZERS, 'optimizer');
    const learningRate = finiteNumber(o.learningRate ?? 0.01, 'learningRate', { min: 0 });
    if (learningRate === 0) throw new RangeError('learningRate must be positive, got 0');
    const l2 = finiteNumber(o.l2 ?? 0, 'l2', { min: 0 });
    const biasInit = finiteNumber(o.biasInit ?? 0, 'biasInit');
    const seed = finiteNumber(o.seed ?? 1, 'seed', { min: 0, integer: true });
    if (seed > Number.MAX_SAFE_INTEGER) throw new RangeError(`seed must be at most ${Number.MAX_SAFE_INTEGER}, got ${seed}`);
    const [inputs, outputs] = [layers[0], layers[layers.length - 1]];

    const created = withHeap([{ data: layers, View: Int32Array }, { data: hidden.values, View: hidden.values.constructor }], ([layersAddr, paramsAddr]) =>
      JSON.parse(wasm.networkCreate(layersAddr, layers.length, loss, init, biasInit, optimizer, learningRate, l2, seed, hidden.index ?? 0, hidden.handle ?? 0, paramsAddr)),
    );
    if (created.error !== undefined) throw new RangeError(created.error);
    const { handle, parameters: count } = created;
    live.add(handle);
    const keep = hidden.keep; // the compiled expression stays alive while the network is

    const use = () => {
      if (!live.has(handle)) throw new Error('this network was disposed');
      return handle;
    };

    function pair(x, y) {
      const rows = checkedRows(x, inputs, 'inputs');
      const targetRows = checkedRows(y, outputs, 'targets');
      if (targetRows !== rows) throw new RangeError(`targets has ${targetRows} rows but inputs has ${rows}`);
      return rows;
    }

    return Object.freeze({
      layers: Object.freeze([...layers]),
      activation: keep ?? hidden.id,
      train(x, y, trainOptions) {
        const rows = pair(x, y);
        const { steps = 1, batchSize = Math.min(10, rows) } = optionsOf(trainOptions, ['steps', 'batchSize']);
        finiteNumber(steps, 'steps', { min: 1, integer: true });
        if (steps > MAX_STEPS) throw new RangeError(`steps must be at most ${MAX_STEPS} per call, got ${steps}`);
        finiteNumber(batchSize, 'batchSize', { min: 1, integer: true });
        if (batchSize > rows) throw new RangeError(`batchSize ${batchSize} is larger than the ${rows} rows of data`);
        return withHeap([{ data: x }, { data: y }, { length: steps }], ([xa, ya, la]) => {
          const done = wasm.networkTrain(use(), xa, ya, rows, steps, batchSize, la);
          const losses = new Float32Array(wasm.HEAPU8.buffer, la, done).slice();
          if (done < steps || !Number.isFinite(losses[done - 1])) {
            const err = new RangeError(
              `training diverged at step ${done} of ${steps}: the loss became ${losses[done - 1]} (learning rate ${learningRate} too large?); ` +
                'the update was not applied: call reset() to start again from the initial weights',
            );
            err.losses = losses;
            err.step = done;
            throw err;
          }
          return losses;
        });
      },
      predict(x) {
        const rows = checkedRows(x, inputs, 'inputs');
        return withHeap([{ data: x }, { length: rows * outputs }], ([xa, out]) => {
          wasm.networkPredict(use(), xa, rows, out);
          return new Float32Array(wasm.HEAPU8.buffer, out, rows * outputs).slice();
        });
      },
      loss(x, y) {
        const rows = pair(x, y);
        return withHeap([{ data: x }, { data: y }], ([xa, ya]) => wasm.networkLoss(use(), xa, ya, rows));
      },
      stats(x, y) {
        const rows = pair(x, y);
        return withHeap([{ data: x }, { data: y }], ([xa, ya]) => JSON.parse(wasm.networkStats(use(), xa, ya, rows)));
      },
      gradients(x, y) {
        const rows = pair(x, y);
        return withHeap([{ data: x }, { data: y }, { length: count }], ([xa, ya, out]) => {
          wasm.networkGradients(use(), xa, ya, rows, out);
          return new Float32Array(wasm.HEAPU8.buffer, out, count).slice();
        });
      },
      parameters() {
        return withHeap([{ length: count }], ([out]) => {
          wasm.networkParameters(use(), out);
          return new Float32Array(wasm.HEAPU8.buffer, out, count).slice();
        });
      },
      setParameters(p) {
        if (!(p instanceof Float32Array)) throw new TypeError(`setParameters(p): p must be a Float32Array, got ${describeType(p)}`);
        if (p.length !== count) throw new RangeError(`setParameters(p): p has length ${p.length}, the network has ${count} parameters`);
        const bad = p.findIndex((v) => !Number.isFinite(v));
        if (bad >= 0) throw new RangeError(`setParameters(p): p[${bad}] is ${p[bad]}: parameters must be finite`);
        withHeap([{ data: p }], ([a]) => wasm.networkSetParameters(use(), a));
      },
      reset() {
        wasm.networkReset(use());
      },
      dispose() {
        if (live.delete(handle)) wasm.networkFree(handle);
      },
    });
  }

  function dataset(name, options) {
    const { n = 500, noise = 0, seed = 1 } = optionsOf(options, ['n', 'noise', 'seed']);
    oneOf(name, DATASETS, 'dataset');
    finiteNumber(n, 'n', { min: 1, integer: true });
    finiteNumber(noise, 'noise', { min: 0 });
    finiteNumber(seed, 'seed', { min: 0, integer: true });
    const made = JSON.parse(wasm.makeDataset(name, n, noise, seed));
    if (made.error !== undefined) throw new RangeError(made.error);
    return {
      inputs: new Float32Array(wasm.HEAPU8.buffer, made.inputs, made.rows * 2).slice(),
      targets: new Float32Array(wasm.HEAPU8.buffer, made.targets, made.rows).slice(),
      classification: made.classification,
    };
  }

  function disposeAll() {
    for (const handle of live) wasm.networkFree(handle);
    live.clear();
  }

  return { network, dataset, disposeAll };
}
