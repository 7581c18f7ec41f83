// The WebAssembly module's catalogue as the page's modules use it: registry
// entries, default parameters, the module's function objects for the plotted
// slots, and the seed's teaching notes per function (from the activation's
// text record, src/docs/<id>.yaml, which info(id) carries).

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

  return {
    names: act.names,
    simd: act.simd,
    info,
    defaults: (id) => defaultParams(info(id)),
    /** The module's function object; throws the module's RangeError on bad parameters. */
    get: (id, params) => act.get(id, params),
    /** One function object per slot; throws like get(). */
    functionsOf: (slots) => slots.map((slot) => act.get(slot.id, slot.params)),
    /** The seed's notes for a function ({ derivative, chart, depth }, each optional). */
    seedNotes: (id) => info(id).seedNotes ?? NO_NOTES,
  };
}
