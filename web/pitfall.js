// The float32 pitfall panel: at the cursor, what the textbook formula gives in
// float32 against the library's value (wasm) and the true value.
//
//  - library: the module's result (f.at(z)).
//  - textbook: the seed's formula evaluated in float32 in JS, Math.fround after
//    every operation, starting from the module's float32 g(z) (as a backward
//    pass that stored y = g(z) would).
//  - true: a double-precision formula that is itself stable (no cancellation,
//    no overflow), evaluated at the same float32 z. It is accurate to ~1e-16
//    relative, far below float32's 6e-8, so it serves as the reference.

import { richText, tex } from './tex.js';
import { $, el, fmt } from './util.js';

const f = Math.fround;

export const PITFALLS = {
  sigmoid: {
    what: 'd1',
    label: "g'(z) = \\sigma'(z)",
    textbookTex: 'y\\,(1 - y), \\quad y = \\sigma(z)',
    trueTex: '\\dfrac{s}{(1 + s)^2}, \\quad s = e^{-|z|}',
    textbook: (y) => f(y * f(1 - y)),
    exact(z) {
      const s = Math.exp(-Math.abs(z));
      return s / ((1 + s) * (1 + s));
    },
    tries: [5, 12, 16, 17, 18, -17],
    why: '$1 - y$ cancels as $\\sigma(z)$ approaches 1: $y(1 - y)$ is 6% off at $z = 16$ and 44% at $z = 17$, and exactly 0 once $\\sigma(z)$ rounds to 1 (from $z = 17.33$ with the correctly rounded $\\sigma$ used here, already from $16.64$ if $\\sigma$ is computed as $1/(1 + e^{-z})$ in float32). On the left $y(1 - y)$ stays accurate, because $1 - y \\approx 1$.',
  },
  tanh: {
    what: 'd1',
    label: "g'(z) = \\tanh'(z)",
    textbookTex: '1 - y^2, \\quad y = \\tanh(z)',
    trueTex: '\\dfrac{4s}{(1 + s)^2}, \\quad s = e^{-2|z|}',
    textbook: (y) => f(1 - f(y * y)),
    exact(z) {
      const s = Math.exp(-2 * Math.abs(z));
      return (4 * s) / ((1 + s) * (1 + s));
    },
    tries: [3, 8, 9.5, -9.5],
    why: '$1 - y^2$ subtracts two nearly equal numbers once $|\\tanh z|$ is close to 1: it is already 6% off at $|z| = 8$ and exactly 0 from $|z| = 9.0109$, where tanh rounds to $\\pm 1$.',
  },
  log_sigmoid: {
    what: 'g',
    label: 'g(z) = \\log\\sigma(z)',
    textbookTex: '\\log y, \\quad y = \\sigma(z)',
    trueTex: '\\min(z, 0) - \\operatorname{log1p}\\left(e^{-|z|}\\right)',
    needsSigmoid: true,
    textbook: (y) => f(Math.log(y)),
    exact: (z) => Math.min(z, 0) - Math.log1p(Math.exp(-Math.abs(z))),
    tries: [10, 20, -100, -110],
    why: 'Taking the log of a probability that has already rounded loses everything: $\\sigma(z)$ rounds to 1 from $z \\approx 17.33$, so $\\log \\sigma = 0$ although the true value $\\approx -e^{-z}$ is not; and below $z \\approx -104$ $\\sigma$ underflows to 0, so $\\log \\sigma = -\\infty$.',
  },
};

function relError(v, exact) {
  if (!Number.isFinite(v)) return Infinity;
  if (exact === 0) return v === 0 ? 0 : Infinity;
  return Math.abs(v - exact) / Math.abs(exact);
}

function describeError(r) {
  if (r === 0) return 'exact';
  if (!Number.isFinite(r)) return 'unbounded';
  if (r >= 0.995) return `${fmt(r * 100, 3)}% off`;
  return `${fmt(r, 2)} relative`;
}

/**
 * The three values at z for function `id`, or null where no textbook form applies.
 * `fn` is the module's function; `sigmoidAt(z)` the module's σ(z) (for log-sigmoid).
 */
export function pitfallAt(id, fn, z, sigmoidAt) {
  const p = PITFALLS[id];
  if (!p) return null;
  const zf = f(z);
  const at = fn.at(zf);
  const y = p.needsSigmoid ? sigmoidAt(zf) : at.value;
  const library = p.what === 'g' ? at.value : at.derivative;
  const textbook = p.textbook(y);
  const exact = p.exact(zf);
  return { id, z: zf, y, library, textbook, exact, libraryError: relError(library, exact), textbookError: relError(textbook, exact) };
}

/** Static part of the panel for a function (formulas, explanation, try buttons). */
export function renderPitfallFrame(id, onTry) {
  const p = PITFALLS[id];
  const panel = $('pitfall');
  panel.hidden = !p;
  if (!p) return;
  $('pitfall-quantity').replaceChildren(tex(p.label));
  $('pitfall-textbook-tex').replaceChildren(tex(p.textbookTex));
  $('pitfall-true-tex').replaceChildren(tex(p.trueTex));
  $('pitfall-why').replaceChildren(richText(p.why));
  const tries = $('pitfall-tries');
  tries.replaceChildren(
    'Try the cursor at ',
    ...p.tries.flatMap((z, i) => [
      i ? ' ' : '',
      el('button', { type: 'button', class: 'button button-small', 'data-try': String(z), text: `z = ${fmt(z)}`, onclick: () => onTry(z) }),
    ]),
  );
}

export function renderPitfallValues(r) {
  if (!r) return;
  $('pitfall-z').textContent = fmt(r.z, 9);
  for (const [key, errKey] of [['textbook', 'textbookError'], ['library', 'libraryError'], ['exact', null]]) {
    $(`pitfall-${key}`).textContent = fmt(r[key], key === 'exact' ? 12 : 9);
    if (errKey) {
      const cell = $(`pitfall-${key}-err`);
      cell.textContent = describeError(r[errKey]);
      cell.classList.toggle('bad', r[errKey] > 1e-3);
    }
  }
}
