// act.compile(): user-defined activations. The C++ engine (src/expr) parses
// and compiles the expression once; parameter values are passed at each call
// (float64, in a heap block rewritten only when the calling activation
// changes), so withParams() never parses again.
import { describeType } from './errors.js';

// src/expr/expression.hpp: kMaxSourceLength, kMaxParameters.
const MAX_SOURCE = 10000;
const MAX_PARAMETERS = 64;
const CONTEXT = 40; // characters of the source shown on each side of the caret

/** A source that is not an expression: the message, its 1-based column (0: the whole source) and a caret line. */
export class ExpressionError extends SyntaxError {
  constructor(reason, source, column) {
    super(column > 0 ? `${reason} (column ${column})\n${caretLines(source, column)}` : reason);
    this.name = 'ExpressionError';
    this.reason = reason;
    this.source = source;
    this.column = column;
  }
}

// The source around the column (in characters, as the engine counts them),
// and a caret under it; tabs and line breaks shown as spaces.
function caretLines(source, column) {
  const chars = Array.from(source.replace(/[\t\n\r]/g, ' '));
  const start = Math.max(0, column - 1 - CONTEXT);
  const end = Math.min(chars.length, column - 1 + CONTEXT);
  const before = start > 0 ? '…' : '';
  const shown = before + chars.slice(start, end).join('') + (end < chars.length ? '…' : '');
  return `  ${shown}\n  ${' '.repeat(before.length + column - 1 - start)}^`;
}

export function createCompiler({ wasm, makeActivation, optionsOf, runExpression }) {
  const live = new Set(); // the handles of this instance's compiled expressions
  const engineSide = new WeakMap(); // activation -> { shared, values }: what the trainer passes to C++
  let paramBlock = 0; // heap address of MAX_PARAMETERS float64
  let paramsInBlock = null;
  const finalizer =
    typeof FinalizationRegistry === 'function'
      ? new FinalizationRegistry((handle) => {
          if (!live.delete(handle)) return;
          wasm.freeExpression(handle);
        })
      : null;

  function passParams(values) {
    if (values.length === 0) return 0;
    if (paramBlock === 0) {
      paramBlock = wasm.allocFloats(2 * MAX_PARAMETERS);
      if (paramBlock === 0) throw new RangeError('activations-wasm: out of wasm memory for parameters');
    }
    if (values !== paramsInBlock) {
      new Float64Array(wasm.HEAPU8.buffer, paramBlock, values.length).set(values); // the buffer changes on growth
      paramsInBlock = values;
    }
    return paramBlock;
  }

  function parameterValues(names, given, source) {
    if (given !== undefined && (given === null || typeof given !== 'object' || Array.isArray(given))) {
      throw new TypeError(`params must be an object of numbers, got ${describeType(given)}`);
    }
    for (const key of Object.keys(given ?? {})) {
      if (!names.includes(key)) {
        const has = names.length ? `its parameters: ${names.join(', ')}` : 'it has no parameters';
        throw new Error(`unknown parameter "${key}" for ${JSON.stringify(source)}; ${has}`);
      }
    }
    const values = new Float64Array(names.length);
    const resolved = {};
    names.forEach((name, i) => {
      const v = given?.[name];
      if (v === undefined) {
        throw new TypeError(`parameter "${name}" of ${JSON.stringify(source)} needs a value: compile(source, { params: { ${name}: … } })`);
      }
      if (typeof v !== 'number') throw new TypeError(`parameter "${name}" must be a number, got ${describeType(v)}`);
      if (!Number.isFinite(v)) throw new RangeError(`parameter "${name}" must be finite, got ${v}`);
      values[i] = v;
      resolved[name] = v;
    });
    return { values, resolved };
  }

  // The engine's compile result for a checked source; an ExpressionError for a bad one.
  function compiled(source, verb) {
    if (typeof source !== 'string') throw new TypeError(`${verb}(source): source must be a string, got ${describeType(source)}`);
    if (source.length > MAX_SOURCE) {
      throw new RangeError(`${verb}(source): the expression is ${source.length} characters long; at most ${MAX_SOURCE} are allowed`);
    }
    const result = JSON.parse(wasm.compileExpression(source));
    if (result.error !== undefined) throw new ExpressionError(result.error, source, result.column);
    return result;
  }

  /** What an expression is, before its parameters have values: names, LaTeX, the rewrites. */
  function parse(source) {
    const result = compiled(source, 'parse');
    wasm.freeExpression(result.handle);
    return Object.freeze({
      source,
      parameters: Object.freeze(result.parameters),
      latex: result.latex,
      evaluated: result.evaluated,
      rewrites: Object.freeze(result.rewrites.map((r) => Object.freeze(r))),
    });
  }

  function compile(source, options) {
    const result = compiled(source, 'compile');
    let params;
    try {
      ({ params } = optionsOf(options, ['params']));
    } catch (err) {
      wasm.freeExpression(result.handle);
      throw err;
    }
    const { handle } = result;
    live.add(handle);
    const shared = {
      handle,
      source,
      latex: result.latex,
      evaluated: result.evaluated,
      parameters: Object.freeze(result.parameters),
      rewrites: Object.freeze(result.rewrites.map((r) => Object.freeze(r))),
    };
    try {
      const activation = variant(shared, params);
      finalizer?.register(shared, handle);
      return activation;
    } catch (err) {
      live.delete(handle);
      wasm.freeExpression(handle);
      throw err;
    }
  }

  // One set of parameter values over a compiled expression.
  function variant(shared, given) {
    const { values, resolved } = parameterValues(shared.parameters, given, shared.source);
    const call = (op, a, b, c, n) => {
      if (!live.has(shared.handle)) throw new Error(`the compiled activation ${JSON.stringify(shared.source)} was disposed (dispose() of its instance)`);
      runExpression(op, shared.handle, passParams(values), a, b, c, n);
    };
    const activation = makeActivation(call, {
      id: 'custom',
      source: shared.source,
      latex: shared.latex,
      evaluated: shared.evaluated,
      parameters: shared.parameters,
      rewrites: shared.rewrites,
      params: Object.freeze(resolved),
      // Holding `shared` keeps the compiled expression alive while any variant is.
      withParams(changes) {
        if (changes === null || typeof changes !== 'object' || Array.isArray(changes)) {
          throw new TypeError(`withParams(values): values must be an object of numbers, got ${describeType(changes)}`);
        }
        return variant(shared, { ...resolved, ...changes }); // unknown names are refused there
      },
    });
    engineSide.set(activation, { shared, values });
    return activation;
  }

  /** For the trainer: a compiled activation's handle and values (float64), or null if it is not one of ours. */
  function internals(activation) {
    const found = engineSide.get(activation);
    if (!found) return null;
    if (!live.has(found.shared.handle)) throw new Error(`the compiled activation ${JSON.stringify(found.shared.source)} was disposed`);
    return { handle: found.shared.handle, values: found.values, keep: activation, id: 'custom' };
  }

  const presets = Object.freeze(JSON.parse(wasm.presetsJson()).map((p) => Object.freeze({ ...p, params: Object.freeze(p.params) })));

  function disposeAll() {
    for (const handle of live) wasm.freeExpression(handle);
    live.clear();
    if (paramBlock !== 0) wasm.freeFloats(paramBlock);
    paramBlock = 0;
    paramsInBlock = null;
  }

  return { compile, parse, presets, internals, disposeAll };
}
