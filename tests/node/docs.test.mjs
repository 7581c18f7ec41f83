// The teaching text, src/docs/<id>.yaml: one record per registry id and no
// other, each complete (scripts/gen-docs.mjs's schema), joined into info(id),
// and its checkable claims true of the library: the zero-centred flag, the
// monotonicity and dead-zone words, and the benchmark's textbook formulas.
// (That every formula renders in KaTeX is tests/node/registry.test.mjs.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { loadActivations } from '../../dist/node.js';
import { DOCS_DIR, checkRecord, readDocs } from '../../scripts/gen-docs.mjs';
import { textbookOf } from '../../scripts/bench/textbook.js';

const act = await loadActivations();
const docs = await readDocs();
const ids = [...act.names];
// z from -10 to 10 in steps of 1/64 (exact in float32), 0 included.
const GRID = Float32Array.from({ length: 1281 }, (_, i) => -10 + i / 64);

test('every registry id has a text record, and every record an id', async () => {
  const files = (await readdir(DOCS_DIR)).filter((f) => !f.startsWith('.'));
  assert.ok(ids.length > 0);
  assert.deepEqual(ids.filter((id) => !files.includes(`${id}.yaml`)), [], 'ids without src/docs/<id>.yaml');
  assert.deepEqual(files.filter((f) => !ids.includes(f.replace(/\.yaml$/, ''))), [], 'files in src/docs/ that are no registry id');
});

test('info(id) returns the record joined to the registry entry', () => {
  for (const id of ids) {
    const info = act.info(id);
    for (const [field, value] of Object.entries(docs[id])) assert.deepEqual(info[field], value, `${id}.${field}`);
    for (const field of ['id', 'name', 'params', 'latex', 'accuracy', 'precision']) assert.ok(field in info, `${id}: ${field}`);
  }
});

test('the schema rejects a record with a missing, unknown or wrongly typed field', () => {
  const good = docs[ids[0]];
  assert.deepEqual(checkRecord(good), []);
  const { summary, ...noSummary } = good;
  assert.ok(summary);
  assert.deepEqual(checkRecord(noSummary), ['summary: missing']);
  assert.match(checkRecord({ ...good, sumary: 'typo' }).join(), /sumary: unknown field/);
  assert.match(checkRecord({ ...good, family: 'Other' }).join(), /family: must be one of/);
  assert.match(checkRecord({ ...good, derivation: [] }).join(), /derivation: must be a non-empty list/);
  assert.match(checkRecord({ ...good, derivation: [{ latex: 'x' }] }).join(), /derivation\[0\] text: missing/);
  assert.match(checkRecord({ ...good, properties: { ...good.properties, zeroCentred: 'yes' } }).join(), /zeroCentred: must be true or false/);
});

// g and g' on the grid, at the default parameters.
function sampled(id) {
  const f = act.get(id);
  return { g: f.forward(GRID), dg: f.derivative(GRID), at0: f.at(0).value };
}

test('zero-centred means g(0) = 0 and g takes both signs', () => {
  for (const id of ids) {
    const { g, at0 } = sampled(id);
    const both = g.some((v) => v < 0) && g.some((v) => v > 0);
    assert.equal(docs[id].properties.zeroCentred, at0 === 0 && both, `${id}: g(0) = ${at0}, takes both signs: ${both}`);
  }
});

test('"increasing", "non-decreasing" and "no" agree with the sign of g\' on [-10, 10]', () => {
  for (const id of ids) {
    const { dg } = sampled(id);
    const claim = docs[id].properties.monotonic;
    const word = claim.startsWith('increasing') ? 'increasing' : claim.startsWith('non-decreasing') ? 'non-decreasing' : claim.startsWith('no') ? 'no' : null;
    assert.ok(word, `${id}: monotonic must start with increasing, non-decreasing or no, got "${claim}"`);
    const fact = dg.some((v) => v < 0) ? 'no' : dg.every((v) => v > 0) ? 'increasing' : 'non-decreasing';
    assert.equal(word, fact, `${id}: "${claim}"`);
  }
});

test('a dead zone is claimed exactly where g\' is 0 somewhere on [-10, 10]', () => {
  for (const id of ids) {
    const { dg } = sampled(id);
    const none = docs[id].properties.deadZone.startsWith('none');
    assert.equal(none, !dg.some((v) => v === 0), `${id}: deadZone "${docs[id].properties.deadZone}"`);
  }
});

test("the benchmark's textbook formulas compute the same function as the library", () => {
  let checked = 0;
  for (const id of ids) {
    const f = act.get(id);
    const forms = textbookOf(act.info(id), f.params);
    if (!forms) continue;
    // Where the textbook forms are well conditioned (they fail in the tails, which is the point).
    const zs = GRID.filter((z) => Math.abs(z) <= 5);
    forms.forEach((form, order) => {
      if (!form) return;
      const want = order === 0 ? f.forward(zs) : f.derivative(zs, { order });
      zs.forEach((z, i) => {
        const got = form(z);
        // 2e-6: the A&S erf that users paste (GELU's textbook form) is good to 1.5e-7.
        assert.ok(Math.abs(got - want[i]) <= 2e-6 * Math.max(1, Math.abs(want[i])), `${id} order ${order} at ${z}: textbook ${got}, library ${want[i]}`);
        checked++;
      });
    });
  }
  assert.ok(checked > 10_000, `only ${checked} comparisons`);
});
