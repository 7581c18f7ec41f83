// Every TeX string that info(id) hands to the page — the registry's (src/core)
// and the text record's (src/docs) — renders in KaTeX (the version the page
// serves), so a typo cannot reach a learner as a red error box.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import katex from 'katex';
import { loadActivations } from '../../dist/node.js';

const act = await loadActivations();
const render = (tex, displayMode) => katex.renderToString(tex, { throwOnError: true, strict: 'error', displayMode });
const inline = (text) => [...String(text).matchAll(/\$([^$]+)\$/g)].map((m) => m[1]);

test('every formula, derivation step and inline formula of every entry renders', () => {
  let count = 0;
  for (const id of act.names) {
    const info = act.info(id);
    const display = [info.latex.value, info.latex.derivative, info.latex.second, info.properties.range,
      ...info.derivation.map((s) => s.latex), ...info.secondDerivation.map((s) => s.latex)];
    const texts = [info.kinks, info.computation, info.notes, info.properties.monotonic, info.properties.smoothness,
      info.properties.saturating, info.properties.deadZone, ...info.derivation.map((s) => s.text),
      ...info.secondDerivation.map((s) => s.text), ...info.params.map((p) => p.description), info.summary,
      ...Object.values(info.seedNotes ?? {})];
    for (const tex of display) {
      assert.doesNotThrow(() => render(tex, true), `${id}: ${tex}`);
      count++;
    }
    for (const tex of texts.flatMap(inline)) {
      assert.doesNotThrow(() => render(tex, false), `${id}: $${tex}$`);
      count++;
    }
    for (const text of texts) assert.equal((String(text).match(/\$/g) ?? []).length % 2, 0, `${id}: unpaired $ in ${text}`);
  }
  assert.ok(count > 300, `only ${count} formulas`);
});
