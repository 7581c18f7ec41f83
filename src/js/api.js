// The public API over one instantiated wasm module (either build). Several
// instances may share one module; each owns its arrays and scratch memory.
import docs from './docs.js';
import { checkInput, checkOutput, describeType, isFloat32Array } from './errors.js';
import { createCompiler } from './expression.js';
import { createTrainer } from './network.js';
import { WasmArray, isWasmArray, locate, setRelease } from './wasm-array.js';

// Elements moved per wasm call when data must be copied: large inputs go
// through in chunks, so the heap never grows past the scratch slots however
// long the arrays are.
const CHUNK = 1 << 16;
const SLOTS = 3; // at most three operands per call: x, dy, dx or x, value, derivative
// The heap's ceiling (-sMAXIMUM_MEMORY=2GB), in floats.
const MAX_FLOATS = 2 ** 29;
// What run computes (src/bindings/embind.cpp, enum Op).
const OP = Object.freeze({ value: 0, derivative: 1, second: 2, fused: 3, backward: 4, orders: 5 });

// A C export of seven arguments (embind.cpp says why not embind). The glue's
// wrapper puts the wasm function in its place on its first call: keep that.
function wasmExport(wasm, name) {
  let fn = (...args) => {
    const result = wasm[name](...args);
    fn = wasm[name];
    return result;
  };
  return (a, b, c, d, e, f, g) => fn(a, b, c, d, e, f, g);
}

// The registry (from C++: ids, parameters, LaTeX, both tiers' accuracy and
// lanes) joined with the teaching text of src/docs/<id>.yaml (built into
// docs.js), by id; accuracy and precision are those of the loaded tier.
function catalogue(wasm, precision) {
  return JSON.parse(wasm.registryJson()).map((entry) => ({
    ...entry,
    ...docs[entry.id],
    accuracy: entry.tiers[precision].accuracy,
    precision: entry.tiers[precision].precision,
  }));
}

// tier: the index of the precision tier (act::Tier); precision: its name.
export function createApi(wasm, simd, tier, precision) {
  const registry = catalogue(wasm, precision);
  // wasm.run names a kernel set as tier · count + registry index (src/bindings/embind.cpp).
  const tierBase = tier * registry.length;
  const indexOf = new Map(registry.map((entry, i) => [entry.id, i]));
  const names = registry.map((entry) => entry.id);
  const owned = new Set(); // live WasmArrays of this instance
  const run = wasmExport(wasm, '_act_run');
  let scratch = 0; // heap address of SLOTS chunk buffers
  let heapView = wasm.HEAPF32; // see view()
  let paramBlock = 0; // heap address of the Params that run reads (wasm.maxParams floats)
  let paramsInBlock = null; // the values array last written there

  // Puts parameter values where run and wasm.checkParams read them; a
  // call with the same activation object as the last one writes nothing.
  function passParams(values) {
    if (paramBlock === 0) {
      paramBlock = wasm.allocFloats(wasm.maxParams);
      if (paramBlock === 0) throw new RangeError('activations-wasm: out of wasm memory for parameters');
    }
    if (values !== paramsInBlock) {
      wasm.HEAPF32.set(values, paramBlock >>> 2); // HEAPF32 is replaced on growth: read it fresh
      paramsInBlock = values;
    }
    return paramBlock;
  }

  // The heap as floats; growth detaches the old buffer (its views: length 0).
  function view() {
    if (heapView.length === 0) heapView = wasm.HEAPF32;
    return heapView;
  }

  // Scratch's address (allocated on first use, and again after dispose()).
  function scratchBase() {
    if (scratch === 0) {
      scratch = wasm.allocFloats(SLOTS * CHUNK);
      if (scratch === 0) throw new RangeError('activations-wasm: out of wasm memory for scratch buffers');
    }
    return scratch;
  }

  function slots() {
    const base = scratchBase();
    return Array.from({ length: SLOTS }, (_, i) => base + 4 * CHUNK * i);
  }

  // An operand is { length, address } for data already in wasm memory, or
  // { length, data } for a JS array that is copied through scratch.
  function input(value, name) {
    if (isWasmArray(value)) return locate(value, name, wasm);
    checkInput(value, name);
    return { length: value.length, data: value };
  }

  function output(value, length, name) {
    if (value === undefined) {
      const data = new Float32Array(length);
      return { length, data, result: data };
    }
    if (isWasmArray(value)) {
      const { address, length: have } = locate(value, name, wasm);
      if (have !== length) throw new RangeError(`${name} has length ${have} but the input has length ${length}`);
      return { length, address, result: value };
    }
    checkOutput(value, length, name);
    return { length, data: value, result: value };
  }

  // Runs op over the operands: wasm arrays by address (no copy, one call), JS
  // arrays copied in and out chunk by chunk.
  function stream(call, inputs, outputs, op) {
    const n = inputs[0].length;
    if (n === 0) return;
    const operands = [...inputs, ...outputs];
    const direct = operands.every((o) => o.data === undefined);
    const chunk = direct ? Math.max(n, 1) : CHUNK;
    const scratchAddresses = direct ? [] : slots();
    for (let start = 0; start < n; start += chunk) {
      const len = Math.min(chunk, n - start);
      const addresses = operands.map((o, i) => (o.data === undefined ? o.address + 4 * start : scratchAddresses[i]));
      inputs.forEach((o, i) => {
        if (o.data === undefined) return;
        const part = len === n ? o.data : ArrayBuffer.isView(o.data) ? o.data.subarray(start, start + len) : o.data.slice(start, start + len);
        wasm.HEAPF32.set(part, addresses[i] >>> 2); // HEAPF32 is replaced on growth: read it fresh
      });
      const [a, b, c = 0] = addresses;
      call(op, a, b, c, len);
      outputs.forEach((o, j) => {
        if (o.data === undefined) return;
        const from = addresses[inputs.length + j] >>> 2;
        o.data.set(wasm.HEAPF32.subarray(from, from + len), start);
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
    const values = new Float32Array(wasm.maxParams); // never changed after this function
    entry.params.forEach((spec, i) => {
      const v = given?.[spec.name] ?? spec.default;
      if (typeof v !== 'number') {
        throw new TypeError(`${entry.id}: parameter '${spec.name}' must be a number, got ${describeType(v)}`);
      }
      resolved[spec.name] = v;
      values[i] = v;
    });
    // The one range check, in C++ (shared with the native tests), once per get().
    const problem = wasm.checkParams(index, passParams(values));
    if (problem) throw new RangeError(problem);
    return { resolved, values };
  }

  function optionsOf(options, allowed) {
    if (options === undefined) return {};
    if (options === null || typeof options !== 'object' || ArrayBuffer.isView(options) || Array.isArray(options) || isWasmArray(options)) {
      throw new TypeError(`options must be an object with ${allowed.join(', ')}, got ${describeType(options)}`);
    }
    for (const key of Object.keys(options)) {
      if (!allowed.includes(key)) throw new Error(`unknown option "${key}"; options: ${allowed.join(', ')}`);
    }
    return options;
  }

  // (x, out) or (x, { order, out }) or (x, out, { order }).
  function derivativeArgs(second, third) {
    if (second === undefined || isFloat32Array(second) || isWasmArray(second)) {
      return { out: second, ...optionsOf(third, ['order']) };
    }
    if (third !== undefined) throw new TypeError('derivative(x, options) takes no third argument');
    return optionsOf(second, ['order', 'out']);
  }

  function orderOf(order = 1) {
    if (order !== 1 && order !== 2) throw new RangeError(`order must be 1 or 2, got ${describeType(order)}`);
    return order;
  }

  // The methods every activation has, over call(op, a, b, c, n): one wasm
  // call on heap addresses (catalogue or compiled expression alike).
  function makeActivation(call, fields) {
    // Hot paths: Float32Arrays of up to a chunk (one copy each way), two wasm
    // arrays. Anything else, and every error, takes the general path.
    const fits = (a) => a instanceof Float32Array && a.length !== 0 && a.length <= CHUNK;
    // x (and dy) into scratch, one call; returns slot 0's float index.
    function viaScratch(op, x, dy) {
      const base = scratchBase();
      view().set(x, base >>> 2);
      if (dy) view().set(dy, (base >>> 2) + CHUNK);
      call(op, base, base + 4 * CHUNK, base + 8 * CHUNK, x.length);
      return base >>> 2;
    }

    function unary(order, x, out) {
      if (fits(x) && (out === undefined || (out instanceof Float32Array && out.length === x.length))) {
        const i = viaScratch(order, x) + CHUNK;
        if (out === undefined) return view().slice(i, i + x.length);
        out.set(view().subarray(i, i + x.length));
        return out;
      }
      if (isWasmArray(x) && isWasmArray(out)) {
        const from = locate(x, 'x', wasm);
        const to = locate(out, 'out', wasm);
        if (to.length !== from.length) throw new RangeError(`out has length ${to.length} but the input has length ${from.length}`);
        if (from.length !== 0) call(order, from.address, to.address, 0, from.length);
        return out;
      }
      const from = input(x, 'x');
      const to = output(out, from.length, 'out');
      stream(call, [from], [to], order);
      return to.result;
    }

    function evaluate(x, options) {
      const { value, derivative } = optionsOf(options, ['value', 'derivative']);
      if (value === undefined && derivative === undefined && fits(x)) {
        const i = viaScratch(OP.fused, x) + CHUNK;
        const n = x.length;
        return { value: view().slice(i, i + n), derivative: view().slice(i + CHUNK, i + CHUNK + n) };
      }
      const from = input(x, 'x');
      const g = output(value, from.length, 'value');
      const dg = output(derivative, from.length, 'derivative');
      if (g.result === dg.result) throw new Error('value and derivative must be different arrays');
      stream(call, [from], [g, dg], OP.fused);
      return { value: g.result, derivative: dg.result };
    }

    function backward(x, dy, out) {
      if (out === undefined && fits(x) && dy instanceof Float32Array && dy.length === x.length) {
        const i = viaScratch(OP.backward, x, dy) + 2 * CHUNK;
        return view().slice(i, i + x.length);
      }
      const from = input(x, 'x');
      const grad = input(dy, 'dy');
      if (grad.length !== from.length) throw new RangeError(`dy has length ${grad.length} but x has length ${from.length}`);
      const to = output(out, from.length, 'out');
      stream(call, [from, grad], [to], OP.backward);
      return to.result;
    }

    // z, then g, g′, g″ in scratch: one call.
    function at(z) {
      if (typeof z !== 'number') throw new TypeError(`z must be a number, got ${describeType(z)}`);
      const base = scratchBase();
      const i = base >>> 2;
      view()[i] = z;
      call(OP.orders, base, base + 4, 0, 1);
      const heap = view();
      return { value: heap[i + 1], derivative: heap[i + 2], second: heap[i + 3] };
    }

    return Object.freeze({
      ...fields,
      forward: (x, out) => unary(OP.value, x, out),
      derivative(x, second, third) {
        const { order, out } = derivativeArgs(second, third);
        return unary(orderOf(order), x, out);
      },
      evaluate,
      backward,
      at,
    });
  }

  function get(id, params) {
    const { index, entry } = entryOf(id);
    const { resolved, values } = resolveParams(index, entry, params);
    const kernels = tierBase + index;
    const call = (op, a, b, c, n) => run(op, kernels, passParams(values), a, b, c, n);
    return makeActivation(call, { id, params: Object.freeze(resolved) });
  }

  const expressions = createCompiler({ wasm, makeActivation, optionsOf, runExpression: wasmExport(wasm, '_act_run_expression') });
  const trainer = createTrainer({
    wasm,
    optionsOf,
    // A catalogue activation's kernel set (the loaded tier's) and checked parameters.
    catalogueActivation(id, params) {
      const { index, entry } = entryOf(id);
      return { id, index: tierBase + index, values: resolveParams(index, entry, params).values };
    },
    expressionActivation: expressions.internals,
  });

  function alloc(length) {
    // As new Float32Array(length): a TypeError for a non-number, a RangeError for a bad number.
    if (typeof length !== 'number') {
      throw new TypeError(`alloc(length): length must be a number, got ${describeType(length)}`);
    }
    if (!Number.isInteger(length) || length < 0) {
      throw new RangeError(`alloc(length): length must be a non-negative integer, got ${length}`);
    }
    if (length > MAX_FLOATS) {
      throw new RangeError(`alloc(${length}): at most ${MAX_FLOATS} floats fit in the 2 GiB wasm heap`);
    }
    const address = length === 0 ? 0 : wasm.allocFloats(length);
    if (length > 0 && address === 0) {
      throw new RangeError(`alloc(${length}): the wasm heap cannot grow by ${4 * length} bytes (now ${wasm.HEAPU8.length} bytes, at most 2 GiB)`);
    }
    const array = new WasmArray(address, length, wasm);
    owned.add(array);
    setRelease(array, () => {
      owned.delete(array);
      if (address !== 0) wasm.freeFloats(address);
    });
    return array;
  }

  function dispose() {
    for (const array of [...owned]) array.free();
    trainer.disposeAll(); // before the expressions their hidden layers may use
    expressions.disposeAll();
    if (scratch !== 0) wasm.freeFloats(scratch);
    if (paramBlock !== 0) wasm.freeFloats(paramBlock);
    scratch = 0;
    paramBlock = 0;
    paramsInBlock = null;
  }

  return Object.freeze({
    names: Object.freeze(names),
    simd,
    precision,
    get,
    compile: expressions.compile,
    parse: expressions.parse,
    presets: expressions.presets,
    network: trainer.network,
    dataset: trainer.dataset,
    info: (id) => structuredClone(entryOf(id).entry),
    alloc,
    dispose,
    /** Current size of the wasm heap in bytes (it only grows). */
    get heapBytes() {
      return wasm.HEAPU8.length;
    },
  });
}
