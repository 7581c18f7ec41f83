// The WebAssembly module's catalogue as the page's modules use it: registry
// entries, default parameters, the module's function objects for the plotted
// slots, and the seed's teaching notes per function (from the activation's
// text record, src/docs/<id>.yaml, which info(id) carries).
//
// A slot is { id, params } for a catalogue function and { id: 'custom',
// source, params } for a user's expression (custom.js); the slot-taking
// methods (functionOf, describe, nameOf, defaultSlot) answer both alike.

import { CUSTOM_ID, createCustomFunctions, isCustom } from './custom.js';
import { defaultParams } from './state.js';

const NO_NOTES = Object.freeze({});

export function createCatalogue(act) {
  // act.info builds its answer afresh on every call; the page asks often.
  const infos = new Map();
  function info(id) {
    let i = infos.get(id);
    if (!i) {
      i = act.info(id);
      infos.set(id, i);
    }
    return i;
  }
  const custom = createCustomFunctions(act);
  const functionOf = (slot) => (isCustom(slot) ? custom.functionOf(slot) : act.get(slot.id, slot.params));
  const describe = (slot) => (isCustom(slot) ? custom.describe(slot) : info(slot.id));

  return {
    names: act.names,
    simd: act.simd,
    /** The module's presets for custom expressions: [{ id, name, source, params, reason }]. */
    presets: act.presets,
    info,
    defaults: (id) => defaultParams(info(id)),
    /** What a function starts with when it is picked: its defaults; for a custom expression, the first preset. */
    defaultSlot(id) {
      if (id !== CUSTOM_ID) return { id, params: defaultParams(info(id)) };
      const [first] = act.presets;
      return { id, source: first.source, params: { ...first.params } };
    },
    /** The module's function object for a catalogue id; throws the module's RangeError on bad parameters. */
    get: (id, params) => act.get(id, params),
    /** The module's function object for a slot; throws like get(), or the module's ExpressionError. */
    functionOf,
    /** One function object per slot; throws like functionOf(). */
    functionsOf: (slots) => slots.map(functionOf),
    /** The registry's entry for a slot's function; for a custom slot its name, formula, rewrites and parameter specs. */
    describe,
    nameOf: (slot) => describe(slot).name,
    /** The seed's notes for a function ({ derivative, chart, depth }, each optional); none for a custom expression. */
    seedNotes: (id) => (id === CUSTOM_ID ? NO_NOTES : (info(id).seedNotes ?? NO_NOTES)),
  };
}
