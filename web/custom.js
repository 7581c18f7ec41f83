// User-defined functions ("Custom expression…") as the page's modules use
// them. A custom slot is { id: 'custom', source, params }: the expression as
// typed and a value for each of its parameters. The module parses and compiles
// a source once (act.compile); parameter values are swapped in with
// withParams(), so a slider dragged at 60 fps never parses again.

import { CUSTOM_TEXT } from './custom-text.js';
import { fmt } from './util.js';

export const CUSTOM_ID = 'custom';

/** The value a parameter takes when it first appears in a typed expression. */
export const NEW_PARAMETER_VALUE = 1;

/** Compiled sources kept (the most recently used ones): enough for typing back and forth and four slots. */
const CACHE_SIZE = 32;

/** Longest display name before it is cut: legends and readouts stay on a line or two. */
const NAME_LENGTH = 48;

export const isCustom = (slot) => slot?.id === CUSTOM_ID;

/**
 * The module's activation for `source` with `params` (extra names ignored,
 * missing ones at NEW_PARAMETER_VALUE). Throws the module's ExpressionError
 * for a source that is not an expression. act.parse() names the parameters
 * before they have values.
 */
export function compileCustom(act, source, params = {}) {
  return act.compile(source, { params: paramsFor(act.parse(source).parameters, params) });
}

/** The parameters of a compiled expression, each from `known` when it has that name, else NEW_PARAMETER_VALUE. */
export function paramsFor(parameters, known = {}) {
  return Object.fromEntries(parameters.map((name) => [name, Object.hasOwn(known, name) ? known[name] : NEW_PARAMETER_VALUE]));
}

/** The source on one line, cut to NAME_LENGTH characters: the function's name in legends and the readout. */
export function customName(source) {
  const line = String(source).replace(/\s+/g, ' ').trim();
  const chars = Array.from(line);
  return chars.length > NAME_LENGTH ? `${chars.slice(0, NAME_LENGTH - 1).join('')}…` : line;
}

/** 1, 2 or 5 times a power of ten, at least v. */
function niceCeil(v) {
  const p = 10 ** Math.floor(Math.log10(v));
  return [1, 2, 5, 10].map((m) => m * p).find((n) => n >= v * (1 - 1e-12));
}

/**
 * Where a user parameter's slider goes: a user's parameter has no declared
 * range, so the slider spans −10 … 10, or ±4|value| rounded up to 1, 2 or 5
 * × 10ⁿ when the value is larger (SIREN's w = 30 gets −200 … 200). The number
 * field beside it takes any finite value.
 */
export function sliderRange(value) {
  const span = Math.abs(value) > 2.5 ? niceCeil(4 * Math.abs(value)) : 10;
  return { min: -span, max: span };
}

/** A parameter spec as controls.js reads the registry's, for a user parameter with value `value`. */
export function parameterSpec(name, value) {
  const { min, max } = sliderRange(value);
  return {
    name,
    min,
    max,
    default: NEW_PARAMETER_VALUE,
    free: true,
    description: `a parameter of your expression: the slider spans ${fmt(min)} … ${fmt(max)} (wider once you type a larger value), the number field takes any finite value`,
  };
}

/**
 * The compiled expressions of the page's custom slots, one compilation per
 * source (least recently used ones dropped past CACHE_SIZE; the module frees
 * what is no longer referenced).
 */
export function createCustomFunctions(act) {
  const compiled = new Map(); // source -> the last activation made for it

  function functionOf({ source, params }) {
    let fn = compiled.get(source);
    if (fn) compiled.delete(source); // re-inserted below: Map order is the use order
    else fn = compileCustom(act, source, params);
    const wanted = paramsFor(fn.parameters, params);
    if (fn.parameters.some((name) => !Object.is(fn.params[name], wanted[name]))) fn = fn.withParams(wanted);
    compiled.set(source, fn);
    if (compiled.size > CACHE_SIZE) compiled.delete(compiled.keys().next().value);
    return fn;
  }

  /**
   * What the page says about a custom slot, shaped like the registry's
   * info(id) (explain.js and controls.js read both alike), plus the source,
   * the expression as evaluated and the rewrites ([{ column, from, to, why }]).
   * No derivation steps, properties or measured accuracy: the module has none
   * for an arbitrary expression.
   */
  function describe(slot) {
    const fn = functionOf(slot);
    return {
      id: CUSTOM_ID,
      name: customName(slot.source),
      family: 'custom expression',
      summary: CUSTOM_TEXT.summary,
      latex: { value: fn.latex },
      kinks: CUSTOM_TEXT.kinks,
      computation: CUSTOM_TEXT.computation,
      params: fn.parameters.map((name) => parameterSpec(name, fn.params[name])),
      source: slot.source,
      evaluated: fn.evaluated,
      rewrites: fn.rewrites,
    };
  }

  return { functionOf, describe };
}
