// The README's size table against the build (scripts/sizes.mjs): within 2 KiB,
// and no second set of figures elsewhere in the README.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { check, measure, table } from '../../scripts/sizes.mjs';

const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8');
const rows = await measure();

test('the README quotes the sizes of this build', () => {
  assert.deepEqual(check(readme, rows), [], 'run: node scripts/sizes.mjs --write README.md');
});

test('the check fails on a stale figure, a missing table or a size quoted elsewhere', () => {
  const shifted = rows.map((r) => (r.what.includes('simd') ? { ...r, bytes: r.bytes + 3 * 1024 } : r));
  assert.match(check(readme, shifted).join('\n'), /activations-simd.wasm` size: README says [\d.]+ KiB, the build is/);
  assert.match(check('no table here', rows).join('\n'), /no size table/);
  const elsewhere = `${table(rows)}\n\nThe tarball is 140 KB.\n`;
  assert.deepEqual(check(`${table(rows)}\n`, rows), []);
  assert.match(check(elsewhere, rows).join('\n'), /a size quoted outside the table: "The tarball is 140 KB."/);
});
