// Small DOM and number-formatting helpers shared by the page's modules.

export const $ = (id) => document.getElementById(id);

export const MINUS = '\u2212';

export const GREEK = {
  alpha: 'α', beta: 'β', gamma: 'γ', delta: 'δ', epsilon: 'ε', eta: 'η', theta: 'θ', kappa: 'κ',
  lambda: 'λ', mu: 'μ', nu: 'ν', rho: 'ρ', sigma: 'σ', tau: 'τ', phi: 'φ', omega: 'ω',
};

/** A number for reading: `digits` significant digits, typographic minus, no "e+". */
export function fmt(v, digits = 6) {
  if (v === null || v === undefined) return '—';
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '∞';
  if (v === -Infinity) return MINUS + '∞';
  if (v === 0) return Object.is(v, -0) ? MINUS + '0' : '0';
  const a = Math.abs(v);
  const s = a >= 1e-4 && a < 1e7 ? String(Number(v.toPrecision(digits))) : v.toExponential(digits - 1);
  // Every minus, the exponent's too: "−1e-5" would mix the two signs.
  return s.replace(/e\+?/, 'e').replace(/\.?0+e/, 'e').replace(/-/g, MINUS);
}

/**
 * The shortest decimal that reads back as the same float32 (for CSV and URLs):
 * String() of a float32 held in a double prints up to 17 digits of noise.
 */
export function f32String(v) {
  if (!Number.isFinite(v)) return String(v);
  if (Object.is(v, -0)) return '-0';
  for (let p = 1; p <= 9; p++) {
    const s = Number(v.toPrecision(p));
    if (Math.fround(s) === v) return String(s);
  }
  return String(v);
}

export function paramSymbol(name) {
  return GREEK[name] ?? name;
}

export function safeId(s) {
  return String(s).replace(/[^A-Za-z0-9_-]/g, '_');
}

/** createElement with properties and children; no innerHTML anywhere on the page. */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') node.className = v;
    else if (k === 'text') node.textContent = v;
    else if (k in node && typeof v !== 'string') node[k] = v;
    else node.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children) if (c !== null && c !== undefined && c !== false) node.append(c);
  return node;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * A short line sample in a series' colour and dash, as SVG presentation attributes
 * (the CSP forbids style attributes, not SVG attributes).
 */
export function lineSwatch(color, dash, width = 2.5) {
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('class', 'swatch');
  svg.setAttribute('viewBox', '0 0 28 10');
  svg.setAttribute('width', '28');
  svg.setAttribute('height', '10');
  svg.setAttribute('aria-hidden', 'true');
  const line = document.createElementNS(SVG_NS, 'line');
  line.setAttribute('x1', '1');
  line.setAttribute('x2', '27');
  line.setAttribute('y1', '5');
  line.setAttribute('y2', '5');
  line.setAttribute('stroke', color);
  line.setAttribute('stroke-width', String(width));
  if (dash?.length) line.setAttribute('stroke-dasharray', dash.join(' '));
  if (dash?.length && dash[0] <= 2) line.setAttribute('stroke-linecap', 'round');
  svg.append(line);
  return svg;
}

export function setError(node, message) {
  node.textContent = message ?? '';
  node.hidden = !message;
}

export function sentence(text) {
  const t = String(text ?? '').trim();
  return t && !/[.!?]$/.test(t) ? `${t}.` : t;
}

export function cssVar(name, fallback) {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;
}

/** Trailing-edge debounce. */
export function debounce(fn, ms) {
  let timer = 0;
  const wrapped = (...a) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...a), ms);
  };
  wrapped.flush = (...a) => {
    clearTimeout(timer);
    fn(...a);
  };
  return wrapped;
}

/** Offer a Blob as a file download (the blob: URL is only ever a download target). */
export function download(blob, filename) {
  const url = URL.createObjectURL(blob);
  const a = el('a', { href: url, download: filename, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
