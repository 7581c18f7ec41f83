// The one place the page's state lives. It changes only through dispatch(),
// which hands the current state and an action to a pure reducer
// (page-state.js) and tells every subscriber about the result. Subscribers
// render from the state they are given; none of them keeps or changes it.
//
// The state is frozen, so a module that tried to change it in place would
// throw instead of silently drifting from what the other views show; and a
// part that did not change keeps its identity, so a view can tell cheaply
// whether its inputs moved.

function deepFreeze(value) {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value;
  for (const child of Object.values(value)) deepFreeze(child);
  return Object.freeze(value);
}

/**
 * reduce(state, action) returns the next state (the same object when nothing
 * changes). Subscribers are called as listener(state, previous, action), in
 * the order they subscribed.
 */
export function createStore(reduce, initial) {
  let state = deepFreeze(initial);
  const listeners = [];
  const queue = [];
  let notifying = false;

  function dispatch(action) {
    queue.push(action);
    // An action dispatched by a subscriber waits until every subscriber has
    // seen the current change, so that all of them see the states in order.
    if (notifying) return;
    notifying = true;
    try {
      while (queue.length) {
        const action = queue.shift();
        const previous = state;
        state = deepFreeze(reduce(previous, action));
        if (state === previous) continue;
        for (const listener of listeners) listener(state, previous, action);
      }
    } finally {
      notifying = false;
      queue.length = 0;
    }
  }

  return {
    getState: () => state,
    dispatch,
    subscribe(listener) {
      listeners.push(listener);
    },
  };
}
