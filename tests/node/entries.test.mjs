// The CommonJS entry repeats the SIMD probe of load.js (require() cannot load
// an ES module synchronously on Node 20): the two must stay byte for byte the
// same and give the same answer. (pack.test.mjs compares the entries' exports.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { simdSupported } from '../../dist/node.js';

const src = new URL('../../src/js/', import.meta.url);
const probe = (text, file) => {
  const m = text.match(/const SIMD_PROBE = new Uint8Array\(\[([\d,\s]+)\]\)/);
  assert.ok(m, `${file} has no SIMD_PROBE`);
  return m[1].split(',').map((v) => v.trim()).filter(Boolean).map(Number);
};

test('node.cjs and load.js probe SIMD with the same bytes and agree', async () => {
  const esm = probe(await readFile(new URL('load.js', src), 'utf8'), 'load.js');
  const cjs = probe(await readFile(new URL('node.cjs', src), 'utf8'), 'node.cjs');
  assert.deepEqual(cjs, esm);
  assert.equal(WebAssembly.validate(new Uint8Array(esm)), true, 'the probe is a valid SIMD module here');
  const required = createRequire(import.meta.url)('../../dist/node.cjs');
  assert.equal(required.simdSupported(), simdSupported());
  assert.equal(required.simdSupported(), true);
});
