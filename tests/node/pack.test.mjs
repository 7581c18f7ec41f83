// The package as a user installs it: npm pack, install the tarball into an
// empty folder, import it from Node.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const npm = (args, cwd) => execFileSync('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], { cwd, encoding: 'utf8' });

test('npm pack → install in an empty folder → import works', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'activations-wasm-pack-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const [{ filename, files }] = JSON.parse(npm(['pack', '--json', '--ignore-scripts', '--pack-destination', dir], root));
  const paths = files.map((f) => f.path);
  for (const expected of ['dist/node.js', 'dist/browser.js', 'dist/activations-simd.wasm', 'dist/activations-baseline.wasm', 'README.md', 'LICENSE']) {
    assert.ok(paths.includes(expected), `tarball lacks ${expected}`);
  }
  assert.ok(!paths.some((p) => /^(src|tests|web|scripts|build)\//.test(p)), `tarball carries sources: ${paths}`);

  await writeFile(join(dir, 'package.json'), '{ "name": "consumer", "private": true, "type": "module" }');
  npm(['install', join(dir, filename)], dir);
  await writeFile(
    join(dir, 'smoke.mjs'),
    `import { loadActivations } from 'activations-wasm';
     const act = await loadActivations();
     const y = act.get('sigmoid').forward([0]);
     let message = '';
     try { act.get('nope'); } catch (e) { message = e.message; }
     console.log(JSON.stringify({ y: y[0], names: act.names, message }));`,
  );
  const result = JSON.parse(execFileSync('node', ['smoke.mjs'], { cwd: dir, encoding: 'utf8' }));
  assert.equal(result.y, 0.5);
  assert.equal(result.names.length, 19);
  assert.ok(result.names.includes('gelu'));
  assert.match(result.message, /unknown activation "nope"/);
});
