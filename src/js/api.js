// The public API over one instantiated wasm module (either build).
import { checkInput, checkOutput, describeType } from './errors.js';

const ORDER = { value: 0, derivative: 1 };
// Elements moved per wasm call: large inputs go through in chunks, so the heap
// never grows past two chunk buffers however long the array is.
const CHUNK = 1 << 16;

export function createApi(wasm, simd) {
  const registry = JSON.parse(wasm.registryJson());
  const indexOf = new Map(registry.map((entry, i) => [entry.id, i]));
  const names = registry.map((entry) => entry.id);
  let scratch = 0; // heap address of [input chunk | output chunk]

  function scratchBuffers() {
    if (scratch === 0) {
      scratch = wasm.allocFloats(2 * CHUNK);
      if (scratch === 0) throw new RangeError('activations-wasm: out of wasm memory for scratch buffers');
    }
    return { input: scratch, output: scratch + 4 * CHUNK };
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

  function apply(index, order, values, x, out) {
    const n = x.length;
    const { input, output } = scratchBuffers();
    for (let start = 0; start < n; start += CHUNK) {
      const len = Math.min(CHUNK, n - start);
      const part = len === n ? x : ArrayBuffer.isView(x) ? x.subarray(start, start + len) : x.slice(start, start + len);
      wasm.HEAPF32.set(part, input >>> 2); // HEAPF32 is replaced on growth: read it fresh
      const status = wasm.run(index, order, input, output, len, ...values);
      if (status !== 0) throw new Error(`activations-wasm: internal error ${status} in run()`);
      out.set(wasm.HEAPF32.subarray(output >>> 2, (output >>> 2) + len), start);
    }
    return out;
  }

  function batch(index, order, values, x, out) {
    checkInput(x, 'x');
    out = out === undefined ? new Float32Array(x.length) : checkOutput(out, x.length);
    return x.length === 0 ? out : apply(index, order, values, x, out);
  }

  function get(id, params) {
    const { index, entry } = entryOf(id);
    const { resolved, values } = resolveParams(index, entry, params);
    const one = new Float32Array(1);
    const single = (order, z) => apply(index, order, values, [z], one)[0];
    return Object.freeze({
      id,
      params: Object.freeze(resolved),
      forward: (x, out) => batch(index, ORDER.value, values, x, out),
      derivative: (x, out) => batch(index, ORDER.derivative, values, x, out),
      at(z) {
        if (typeof z !== 'number') throw new TypeError(`z must be a number, got ${describeType(z)}`);
        return { value: single(ORDER.value, z), derivative: single(ORDER.derivative, z) };
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
