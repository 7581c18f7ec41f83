// The formulas a user would write, from each activation's text record
// (src/docs/<id>.yaml, field `benchmark`, returned by info(id)): the plain-JS
// rows of the benchmark, and the same op in TF.js where it has one. Both are
// optional; an activation without them is simply benchmarked without them.

// What the textbook bodies may call besides Math: the helpers users paste.
const HELPERS = {
  sigmoid: (x) => 1 / (1 + Math.exp(-x)),
  // Abramowitz–Stegun 7.1.26, the approximation users usually paste.
  erf: (x) => {
    const t = 1 / (1 + 0.3275911 * Math.abs(x));
    const y = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
    return x < 0 ? -y : y;
  },
};

// A function of z from a body or an expression, with the parameters bound as
// constants, so the JIT sees the same closure a user would have written.
// (new Function: only the benchmark and its tests compile these, and the
// sources are the repository's own records.)
function compile(source, params) {
  const constants = Object.entries(params).map(([name, value]) => `const ${name} = ${value};`);
  const body = /\breturn\b/.test(source) ? source : `return ${source};`;
  return new Function(...Object.keys(HELPERS), `${constants.join(' ')} return (z) => { ${body} };`)(...Object.values(HELPERS));
}

/** [g, g', g''] as plain JS functions of z (g'' may be null), or null when the record has none. */
export function textbookOf(info, params) {
  const t = info.benchmark?.textbook;
  if (!t) return null;
  return [compile(t.value, params), compile(t.derivative, params), t.second ? compile(t.second, params) : null];
}

/** t => the TF.js op on tensor t, or null when TF.js has no such op. */
export function tfjsOpOf(info, params, tf) {
  const source = info.benchmark?.tfjs;
  if (!source) return null;
  const constants = Object.entries(params).map(([name, value]) => `const ${name} = ${value};`);
  return new Function('tf', `${constants.join(' ')} return (t) => ${source};`)(tf);
}
