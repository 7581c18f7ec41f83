// The public API over one instantiated wasm module (either build).
import { checkInput, checkOutput, describeType, isFloat32Array } from './errors.js';

// Elements moved per wasm call: large inputs go through in chunks, so the heap
// never grows past the scratch slots however long the arrays are.
const CHUNK = 1 << 16;
const SLOTS = 3; // at most two inputs and two outputs per call, x shared

export function createApi(wasm, simd) {
  const registry = JSON.parse(wasm.registryJson());
  const indexOf = new Map(registry.map((entry, i) => [entry.id, i]));
  const names = registry.map((entry) => entry.id);
  let scratch = 0; // heap address of SLOTS chunk buffers

  function slots() {
    if (scratch === 0) {
      scratch = wasm.allocFloats(SLOTS * CHUNK);
      if (scratch === 0) throw new RangeError('activations-wasm: out of wasm memory for scratch buffers');
    }
    return Array.from({ length: SLOTS }, (_, i) => scratch + 4 * CHUNK * i);
  }

  // Copies `inputs` chunk by chunk into the first slots, calls
  // kernel(addresses, length), and copies the following slots out to `outputs`.
  function stream(inputs, outputs, kernel) {
    const n = inputs[0].length;
    const addresses = slots();
    for (let start = 0; start < n; start += CHUNK) {
      const len = Math.min(CHUNK, n - start);
      inputs.forEach((array, i) => {
        const part = len === n ? array : ArrayBuffer.isView(array) ? array.subarray(start, start + len) : array.slice(start, start + len);
        wasm.HEAPF32.set(part, addresses[i] >>> 2); // HEAPF32 is replaced on growth: read it fresh
      });
      const status = kernel(addresses, len);
      if (status !== 0) throw new Error(`activations-wasm: internal error ${status}`);
      outputs.forEach((out, i) => {
        const from = addresses[inputs.length + i] >>> 2;
        out.set(wasm.HEAPF32.subarray(from, from + len), start);
      });
    }
  }

  function entryOf(id) {
    if (typeof id !== 'string') throw new TypeError(`activation id must be a string, got ${describeType(id)}`);
    const index = indexOf.get(id);
    if (index === undefined) throw new Error(`unknown activation "${id}"; known: ${names.join(', ')}`);
    return { index, entry: registry[index] };
  }

  function resolveParams(index, entry, given) {
    if (given !== undefined && (given === null || typeof given !== 'object' || Array.isArray(given))) {
      throw new TypeError(`${entry.id}: parameters must be an object, got ${describeType(given)}`);
    }
    const known = entry.params.map((p) => p.name);
    for (const key of Object.keys(given ?? {})) {
      if (!known.includes(key)) {
        const takes = known.length ? `parameters: ${known.join(', ')}` : 'it takes no parameters';
        throw new Error(`${entry.id}: unknown parameter "${key}"; ${takes}`);
      }
    }
    const resolved = {};
    const values = [0, 0, 0, 0];
    entry.params.forEach((spec, i) => {
      const v = given?.[spec.name] ?? spec.default;
      if (typeof v !== 'number') {
        throw new TypeError(`${entry.id}: parameter '${spec.name}' must be a number, got ${describeType(v)}`);
      }
      resolved[spec.name] = v;
      values[i] = v;
    });
    // One range check, in C++, shared with the native tests.
    const problem = wasm.checkParams(index, ...values);
    if (problem) throw new RangeError(problem);
    return { resolved, values };
  }

  // (x, out) or (x, { order, out }) or (x, out, { order }).
  function derivativeArgs(second, third) {
    if (second === undefined || isFloat32Array(second)) return { out: second, ...optionsOf(third, ['order']) };
    if (third !== undefined) throw new TypeError('derivative(x, options) takes no third argument');
    return optionsOf(second, ['order', 'out']);
  }

  function optionsOf(options, allowed) {
    if (options === undefined) return {};
    if (options === null || typeof options !== 'object' || ArrayBuffer.isView(options) || Array.isArray(options)) {
      throw new TypeError(`options must be an object with ${allowed.join(', ')}, got ${describeType(options)}`);
    }
    for (const key of Object.keys(options)) {
      if (!allowed.includes(key)) throw new Error(`unknown option "${key}"; options: ${allowed.join(', ')}`);
    }
    return options;
  }

  function orderOf(order = 1) {
    if (order !== 1 && order !== 2) throw new RangeError(`order must be 1 or 2, got ${describeType(order)}`);
    return order;
  }

  function get(id, params) {
    const { index, entry } = entryOf(id);
    const { resolved, values } = resolveParams(index, entry, params);

    function unary(order, x, out) {
      checkInput(x, 'x');
      out = out === undefined ? new Float32Array(x.length) : checkOutput(out, x.length, 'out');
      if (x.length > 0) stream([x], [out], ([from, to], n) => wasm.run(index, order, from, to, n, ...values));
      return out;
    }

    function evaluate(x, options) {
      const { value, derivative } = optionsOf(options, ['value', 'derivative']);
      checkInput(x, 'x');
      const outs = {
        value: value === undefined ? new Float32Array(x.length) : checkOutput(value, x.length, 'value'),
        derivative: derivative === undefined ? new Float32Array(x.length) : checkOutput(derivative, x.length, 'derivative'),
      };
      if (outs.value === outs.derivative) throw new Error('value and derivative must be different arrays');
      if (x.length > 0) {
        stream([x], [outs.value, outs.derivative], ([from, g, dg], n) => wasm.runFused(index, from, g, dg, n, ...values));
      }
      return outs;
    }

    function backward(x, dy, out) {
      checkInput(x, 'x');
      checkInput(dy, 'dy');
      if (dy.length !== x.length) throw new RangeError(`dy has length ${dy.length} but x has length ${x.length}`);
      out = out === undefined ? new Float32Array(x.length) : checkOutput(out, x.length, 'out');
      if (x.length > 0) stream([x, dy], [out], ([from, grad, to], n) => wasm.runBackward(index, from, grad, to, n, ...values));
      return out;
    }

    const one = new Float32Array(3);
    return Object.freeze({
      id,
      params: Object.freeze(resolved),
      forward: (x, out) => unary(0, x, out),
      derivative(x, second, third) {
        const { order, out } = derivativeArgs(second, third);
        return unary(orderOf(order), x, out);
      },
      evaluate,
      backward,
      at(z) {
        if (typeof z !== 'number') throw new TypeError(`z must be a number, got ${describeType(z)}`);
        const x = [z, z, z];
        stream([x], [one], ([from, to], n) => {
          // Three orders of one input: value, derivative, second.
          for (let order = 0; order < 3; order++) {
            const status = wasm.run(index, order, from + 4 * order, to + 4 * order, 1, ...values);
            if (status !== 0) return status;
          }
          return n === 3 ? 0 : -1;
        });
        return { value: one[0], derivative: one[1], second: one[2] };
      },
    });
  }

  return Object.freeze({
    names: Object.freeze(names),
    simd,
    get,
    info: (id) => structuredClone(entryOf(id).entry),
  });
}
