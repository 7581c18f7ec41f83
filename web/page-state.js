// What the page's state holds and every way it can change: the reducer behind
// the store (store.js). Pure functions of (state, action) that build new
// objects for what they change and share the rest; an action that does not
// apply (a second "remove" of the last slot, say) returns the state it was
// given, and nobody is told.
//
//   view     what the URL hash spells out (state.js): slots, active slot, z
//            range, shown curves, cursor, shading and its threshold, depth
//            inputs, open tables, the Train section's settings; null until
//            the first link is read
//   theme    'light' or 'dark': what the page is drawn in, view.scheme if the
//            reader chose one, else the browser's colour scheme
//   os       the browser's colour scheme
//   memory   the slot last shown per function id (its parameters; a custom
//            expression's source too), so switching back restores it
//   customValues  the value each custom parameter name had last (b, w, …), so
//            that an expression edited through a typo gets its values back
//   invalid  parameter inputs of the edited function holding a value that was
//            refused (name -> message); while any is left, nothing is recomputed
//   refused  slots whose parameters the module refused, as last drawn
//            ([{ slot, names }], the names it quoted); the chart shows those
//            slots with their last accepted parameters (plot.js)

import { CUSTOM_ID, paramsFor } from './custom.js';
import { MAX_SLOTS } from './state.js';

export function initialState(theme) {
  return { view: null, theme, os: theme, memory: {}, customValues: {}, invalid: {}, refused: [] };
}

/** The state with `theme` following view.scheme (or the browser's scheme, for 'auto'). */
function withTheme(state) {
  const scheme = state.view?.scheme;
  const theme = scheme === 'light' || scheme === 'dark' ? scheme : state.os;
  return theme === state.theme ? state : { ...state, theme };
}

const NONE_INVALID = Object.freeze({});

function withView(state, change) {
  return { ...state, view: { ...state.view, ...change } };
}

/** The slot last shown with a function, if any (memory is keyed by function id). */
const recall = (memory, id) => (Object.hasOwn(memory, id) ? memory[id] : undefined);

function remember(memory, slots) {
  const out = { ...memory };
  for (const slot of slots) out[slot.id] = slot;
  return out;
}

/** The slots with the edited one replaced. */
const replaceActive = ({ slots, active }, slot) => slots.map((s, i) => (i === active ? slot : s));

const reducers = {
  /** A whole view from a link (or the defaults): the editor starts afresh. */
  load(state, { view }) {
    return withTheme({ ...state, view, memory: remember(state.memory, view.slots), invalid: NONE_INVALID });
  },

  /** The edited slot shows another function as it was last shown, else as `fallback` (catalogue.defaultSlot). */
  selectFunction(state, { fallback }) {
    const { slots, active } = state.view;
    const memory = remember(state.memory, [slots[active]]);
    const slot = recall(memory, fallback.id) ?? fallback;
    return { ...withView(state, { slots: replaceActive(state.view, slot) }), memory, invalid: NONE_INVALID };
  },

  /** A parameter of the edited function; ignored if it came from controls for another function or expression. */
  setParam(state, { id, name, value }) {
    const slot = state.view.slots[state.view.active];
    if (slot.id !== id || !Object.hasOwn(slot.params, name)) return state;
    const next = { ...slot, params: { ...slot.params, [name]: value } };
    const customValues = id === CUSTOM_ID ? { ...state.customValues, [name]: value } : state.customValues;
    return { ...withView(state, { slots: replaceActive(state.view, next) }), memory: { ...state.memory, [id]: next }, customValues };
  },

  /**
   * A new expression for the edited custom slot, one the module compiled:
   * `parameters` its parameter names, each taking the value it had last (in
   * this slot, else in any expression), else 1; or `params`, every value given
   * (a preset). Ignored when the edited slot is not a custom expression.
   */
  setSource(state, { source, parameters, params: given }) {
    const slot = state.view.slots[state.view.active];
    if (slot.id !== CUSTOM_ID) return state;
    const params = given ?? paramsFor(parameters, { ...state.customValues, ...slot.params });
    if (slot.source === source && JSON.stringify(slot.params) === JSON.stringify(params)) return state;
    const next = { id: CUSTOM_ID, source, params };
    return {
      ...withView(state, { slots: replaceActive(state.view, next) }),
      memory: { ...state.memory, [CUSTOM_ID]: next },
      customValues: { ...state.customValues, ...params },
      // The parameter controls are rebuilt for the new expression (editor-view.js), showing these values.
      invalid: NONE_INVALID,
    };
  },

  markInvalid(state, { name, message }) {
    const current = Object.hasOwn(state.invalid, name) ? state.invalid[name] : null;
    if (current === (message || null)) return state;
    const invalid = { ...state.invalid };
    if (message) invalid[name] = message;
    else delete invalid[name];
    return { ...state, invalid };
  },

  setRefused(state, { refused }) {
    return JSON.stringify(refused) === JSON.stringify(state.refused) ? state : { ...state, refused };
  },

  setActive(state, { index }) {
    const { slots, active } = state.view;
    if (index === active || index < 0 || index >= slots.length) return state;
    return { ...withView(state, { active: index }), invalid: NONE_INVALID };
  },

  /** Another function to compare, as it was last shown, else as `fallback` (catalogue.defaultSlot). */
  addSlot(state, { fallback }) {
    const { slots } = state.view;
    if (slots.length >= MAX_SLOTS) return state;
    const next = [...slots, recall(state.memory, fallback.id) ?? fallback];
    return { ...withView(state, { slots: next, active: next.length - 1 }), invalid: NONE_INVALID };
  },

  removeSlot(state, { index }) {
    const { slots, active } = state.view;
    if (slots.length <= 1) return state;
    const next = slots.filter((_, i) => i !== index);
    // The edited slot keeps being edited; if it was the one removed, its neighbour is.
    const shift = active > index || active >= next.length ? 1 : 0;
    return { ...withView(state, { slots: next, active: Math.max(0, active - shift) }), invalid: NONE_INVALID };
  },

  showOrder(state, { order, shown }) {
    return withView(state, { show: { ...state.view.show, [order]: shown } });
  },

  /** A new z range; from zoom, pan and drag the cursor is kept inside it, from typed limits it is not. */
  setRange(state, { range, keepCursorInside }) {
    const [lo, hi] = range;
    const { cursor } = state.view;
    const clamped = keepCursorInside && (cursor < lo || cursor > hi) ? Math.min(hi, Math.max(lo, cursor)) : cursor;
    return withView(state, { range: [lo, hi], cursor: clamped });
  },

  setCursor: (state, { z }) => withView(state, { cursor: z }),
  setShade: (state, { shade }) => withView(state, { shade }),
  setEps: (state, { eps }) => withView(state, { eps }),
  setDepth: (state, { field, value }) => withView(state, { depth: { ...state.view.depth, [field]: value } }),
  resample: (state) => withView(state, { depth: { ...state.view.depth, seed: (state.view.depth.seed % 1e9) + 1 } }),
  /** One of the Train section's settings (train.js); the run itself is the train view's. */
  setTrain: (state, { field, value }) =>
    state.view.train[field] === value ? state : withView(state, { train: { ...state.view.train, [field]: value } }),
  setTableOpen: (state, { table, open }) => withView(state, { [table]: open }),
  /** The browser's colour scheme changed. */
  setTheme: (state, { theme }) => (theme === state.os ? state : withTheme({ ...state, os: theme })),
  /** The reader chose 'auto', 'light' or 'dark' on the page. */
  setScheme: (state, { scheme }) => (scheme === state.view.scheme ? state : withTheme(withView(state, { scheme }))),
};

export function reduce(state, action) {
  const reducer = reducers[action.type];
  if (!reducer) throw new Error(`unknown action ${action.type}`);
  // Everything but a load edits a view that is already there.
  if (action.type !== 'load' && action.type !== 'setTheme' && !state.view) return state;
  return reducer(state, action);
}
