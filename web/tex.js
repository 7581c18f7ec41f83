// KaTeX rendering under a strict CSP. KaTeX's output keeps its MathML twin
// (output: 'htmlAndMathml'), which is what screen readers read.

import { el } from './util.js';

const KATEX_OPTIONS = Object.freeze({ throwOnError: false, output: 'htmlAndMathml' });

let katex = null;

export function setKatex(k) {
  katex = k;
}

/**
 * Runs fn with setAttribute('style', css) turned into element.style.cssText = css.
 * KaTeX draws tall delimiters (a three-row cases brace) as SVG and styles them
 * with setAttribute, which the page's CSP (style-src 'self', no 'unsafe-inline')
 * blocks; the same declarations set through the CSSOM are allowed.
 */
function withCssomStyles(fn) {
  const original = Element.prototype.setAttribute;
  Element.prototype.setAttribute = function setAttribute(name, value) {
    if (String(name).toLowerCase() === 'style') this.style.cssText = String(value);
    else original.call(this, name, value);
  };
  try {
    return fn();
  } finally {
    Element.prototype.setAttribute = original;
  }
}

/** Render TeX into element (DOM building, no innerHTML); the TeX source as code if KaTeX is missing. */
export function renderTex(tex, element, displayMode = false) {
  element.replaceChildren();
  if (katex) {
    try {
      withCssomStyles(() => katex.render(tex, element, { ...KATEX_OPTIONS, displayMode }));
      return element;
    } catch {
      element.replaceChildren();
    }
  }
  element.append(el('code', { class: 'tex-fallback', text: tex }));
  return element;
}

export function tex(source, displayMode = false, className = displayMode ? 'tex' : 'tex-inline') {
  return renderTex(source, el(displayMode ? 'div' : 'span', { class: className }), displayMode);
}

/** Text with $inline TeX$ segments -> DOM nodes. */
export function richText(text) {
  const frag = document.createDocumentFragment();
  const parts = String(text ?? '').split(/\$([^$]+)\$/);
  for (let i = 0; i < parts.length; i++) {
    if (i % 2 === 0) {
      if (parts[i]) frag.append(parts[i]);
      continue;
    }
    const span = tex(parts[i]);
    // Keep punctuation that follows a formula on its line: "$0.01$)" must not break before ")".
    const next = parts[i + 1] ?? '';
    const punct = /^[)\].,;:!?’”]+/.exec(next)?.[0];
    if (punct) {
      frag.append(el('span', { class: 'nowrap' }, span, punct));
      parts[i + 1] = next.slice(punct.length);
    } else {
      frag.append(span);
    }
  }
  return frag;
}
