// What the shipped files contain: SIMD instructions in the SIMD build only,
// web glue that bundlers and browsers can load (no Node modules, no eval), and
// the teaching text outside the .wasm.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';

const dist = new URL('../../dist/', import.meta.url);
const disassemble = (file) =>
  execFileSync('wasm-objdump', ['-d', new URL(file, dist).pathname], { encoding: 'utf8', maxBuffer: 1 << 28 });
const count = (text, pattern) => (text.match(pattern) ?? []).length;

test('the SIMD build computes with f32x4 and f64x2 instructions', () => {
  const code = disassemble('activations-simd.wasm');
  const f32 = count(code, /\bf32x4\./g);
  const f64 = count(code, /\bf64x2\./g);
  // Piecewise-linear functions run four float lanes; the smooth ones two double lanes.
  assert.ok(f32 >= 50, `only ${f32} f32x4 instructions`);
  assert.ok(f64 >= 1000, `only ${f64} f64x2 instructions`);
  assert.ok(count(code, /\bf64x2\.div\b/g) > 0, 'the smooth functions divide two double lanes at a time');
  assert.ok(count(code, /\bf64x2\.promote_low_f32x4\b/g) > 0, 'float inputs are widened in vector registers');
});

test('the baseline build has no SIMD instruction at all', () => {
  const code = disassemble('activations-baseline.wasm');
  assert.equal(count(code, /\b(v128|[if](8x16|16x8|32x4|64x2))\./g), 0);
});

test('the glue is web-only ESM without require, fs or eval', async () => {
  for (const variant of ['simd', 'baseline']) {
    const glue = await readFile(new URL(`activations-${variant}.mjs`, dist), 'utf8');
    assert.doesNotMatch(glue, /\brequire\s*\(/, variant);
    assert.doesNotMatch(glue, /['"]fs['"]/, variant);
    assert.doesNotMatch(glue, /new Function|\beval\(/, variant);
    assert.match(glue, /export default/, variant);
  }
  const browser = await readFile(new URL('browser.js', dist), 'utf8');
  assert.doesNotMatch(browser, /node:/);
});

test('the teaching text ships once, in docs.js, and not inside either .wasm', async () => {
  const { default: docs } = await import(new URL('docs.js', dist).href);
  const { readDocs } = await import('../../scripts/gen-docs.mjs');
  assert.deepEqual(docs, await readDocs(), 'dist/docs.js is src/docs/*.yaml');
  // A sentence of every record's notes, as UTF-8 bytes: none may be in the module.
  const phrases = Object.values(docs).map((record) => Buffer.from(record.notes.slice(0, 40)));
  for (const variant of ['simd', 'baseline']) {
    const wasm = await readFile(new URL(`activations-${variant}.wasm`, dist));
    for (const phrase of phrases) assert.equal(wasm.indexOf(phrase), -1, `${variant}.wasm holds "${phrase}"`);
    // The registry's own strings are still there (the check above looks in the right place).
    assert.notEqual(wasm.indexOf(Buffer.from('min < max')), -1, `${variant}.wasm lacks the registry`);
  }
});
