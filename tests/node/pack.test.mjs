// The package as a user installs it: npm pack, install the tarball into an
// empty folder, then import it, require it, use the zero-copy path, hit a bad
// input, and type-check a TypeScript example against it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadActivations } from '../../dist/node.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const npm = (args, cwd) => execFileSync('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], { cwd, encoding: 'utf8' });
const run = (file, cwd) => JSON.parse(execFileSync('node', [file], { cwd, encoding: 'utf8' }));
// The size budget: the tarball carries two .wasm builds of the whole catalogue,
// the expression engine (act.compile: 131 → 222 KiB) and the trainer
// (act.network: → 248 KiB), and the fast precision tier's float32 kernels
// beside the faithful ones (issue 14: → 260.2 KiB), then fast kernels for
// five more functions, with light forms and per-parameter loops (→ 291.6 KiB).
const MAX_TARBALL_BYTES = 300 * 1024;

test('npm pack → install in an empty folder → import, require, zero-copy, errors, types', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'activations-wasm-pack-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const [{ filename, files, size }] = JSON.parse(npm(['pack', '--json', '--ignore-scripts', '--pack-destination', dir], root));
  const paths = files.map((f) => f.path);
  for (const expected of ['dist/node.js', 'dist/node.cjs', 'dist/browser.js', 'dist/index.d.ts', 'dist/index.d.cts',
    'dist/catalogue.d.ts', 'dist/activations-simd.wasm', 'dist/activations-baseline.wasm', 'README.md', 'LICENSE', 'CHANGELOG.md']) {
    assert.ok(paths.includes(expected), `tarball lacks ${expected}`);
  }
  assert.ok(!paths.some((p) => /^(src|tests|web|scripts|build|site)\//.test(p)), `tarball carries sources: ${paths}`);
  assert.ok(size <= MAX_TARBALL_BYTES, `tarball is ${size} bytes, over the ${MAX_TARBALL_BYTES}-byte budget`);

  await writeFile(join(dir, 'package.json'), '{ "name": "consumer", "private": true, "type": "module" }');
  npm(['install', join(dir, filename)], dir);

  await writeFile(
    join(dir, 'esm.mjs'),
    `import { loadActivations } from 'activations-wasm';
     const act = await loadActivations();
     const y = act.get('sigmoid').forward([0]);
     const a = act.alloc(3);
     a.array.set([-1, 0, 2]);
     act.get('relu').forward(a, a);
     const zeroCopy = [...a.array];
     act.dispose();
     let message = '';
     try { act.get('nope'); } catch (e) { message = e.message; }
     console.log(JSON.stringify({ y: y[0], names: act.names, zeroCopy, message, simd: act.simd }));`,
  );
  const esm = run('esm.mjs', dir);
  assert.equal(esm.y, 0.5);
  assert.deepEqual(esm.names, [...(await loadActivations()).names], 'the installed package offers the whole catalogue');
  assert.deepEqual(esm.zeroCopy, [0, 0, 2]);
  assert.match(esm.message, /unknown activation "nope"/);
  assert.equal(esm.simd, true);

  await writeFile(
    join(dir, 'cjs.cjs'),
    `const { loadActivations } = require('activations-wasm');
     loadActivations({ simd: false }).then((act) => {
       let message = '';
       try { act.get('leaky_relu', { alpha: 2 }); } catch (e) { message = e.message; }
       console.log(JSON.stringify({ d: act.get('tanh').derivative([0])[0], simd: act.simd, message }));
     });`,
  );
  const cjs = run('cjs.cjs', dir);
  assert.equal(cjs.d, 1);
  assert.equal(cjs.simd, false);
  assert.match(cjs.message, /'alpha' must be a finite number in \[0, 1\], got 2/);

  // Types: a correct example must compile; each misuse must be an error (@ts-expect-error fails if it is not).
  await writeFile(
    join(dir, 'example.ts'),
    `import { loadActivations, type Activations, type WasmArray } from 'activations-wasm';
     const act: Activations = await loadActivations({ simd: true });
     const gelu = act.get('gelu');
     const y: Float32Array = gelu.forward(new Float32Array(4));
     const d2: Float32Array = gelu.derivative([1, 2], { order: 2 });
     const both: { value: Float32Array; derivative: Float32Array } = gelu.evaluate(y);
     const buf: WasmArray = act.alloc(4);
     const same: WasmArray = act.get('leaky_relu', { alpha: 0.2 }).forward(buf, buf);
     const alpha: number = act.get('leaky_relu').params.alpha;
     const grad: Float32Array = act.get('softplus', { beta: 2, threshold: 10 }).backward(y, y);
     const point: number = act.get('mish').at(0.5).second;
     const swish = act.compile('z * sigmoid(b*z)', { params: { b: 1.702 } });
     const sw: Float32Array = swish.derivative([1, 2], { order: 2 });
     const tuned = swish.withParams({ b: 1 });
     const names: readonly string[] = act.parse('a*z').parameters;
     const why: string = act.compile('log(1 + exp(z))').rewrites[0].why;
     const preset: string = act.presets[0].source;
     const data = act.dataset('spiral', { n: 100, noise: 0.1 });
     const net = act.network({ layers: [2, 8, 1], activation: swish, optimizer: 'adam', seed: 1 });
     const trainLosses: Float32Array = net.train(data.inputs, data.targets, { steps: 5, batchSize: 10 });
     const dead: number = net.stats(data.inputs, data.targets).layers[0].deadFraction;
     // @ts-expect-error unknown optimizer
     act.network({ layers: [2, 1], optimizer: 'rmsprop' });
     // @ts-expect-error sources are strings
     act.compile(42);
     // @ts-expect-error parameter values are numbers
     act.compile('a*z', { params: { a: '1' } });
     // @ts-expect-error unknown id
     act.get('swish');
     // @ts-expect-error unknown parameter
     act.get('leaky_relu', { slope: 0.1 });
     // @ts-expect-error relu takes no parameters
     act.get('relu', { alpha: 0.1 });
     // @ts-expect-error parameters are numbers
     act.get('elu', { alpha: '1' });
     // @ts-expect-error order is 1 or 2
     gelu.derivative(y, { order: 3 });
     // @ts-expect-error strings are not inputs
     gelu.forward('1,2');
     console.log(both, same, alpha, grad, point, d2, sw, tuned, names, why, preset, trainLosses, dead);`,
  );
  await writeFile(
    join(dir, 'tsconfig.json'),
    JSON.stringify({ compilerOptions: { target: 'es2022', module: 'nodenext', moduleResolution: 'nodenext', strict: true, noEmit: true, skipLibCheck: false }, files: ['example.ts'] }),
  );
  execFileSync(join(root, 'node_modules/.bin/tsc'), ['-p', dir], { cwd: dir, encoding: 'utf8' });

  // Entries and types agree: the same exports from import and require, each one
  // callable as its type says, and the .d.ts/.d.cts declaring exactly those.
  await writeFile(
    join(dir, 'exports-esm.mjs'),
    `import * as m from 'activations-wasm';
     const names = Object.keys(m).sort();
     const act = await m.loadActivations({ simd: false });
     console.log(JSON.stringify({ names, simdSupported: m.simdSupported(), relu: [...act.get('relu').forward([-1, 1])] }));`,
  );
  await writeFile(
    join(dir, 'exports-cjs.cjs'),
    `const m = require('activations-wasm');
     const names = Object.keys(m).sort();
     m.loadActivations({ simd: false }).then((act) => {
       console.log(JSON.stringify({ names, simdSupported: m.simdSupported(), relu: [...act.get('relu').forward([-1, 1])] }));
     });`,
  );
  const fromImport = run('exports-esm.mjs', dir);
  const fromRequire = run('exports-cjs.cjs', dir);
  assert.deepEqual(fromImport.names, ['loadActivations', 'simdSupported']);
  assert.deepEqual(fromRequire.names, fromImport.names, 'require() and import give the same functions');
  assert.equal(typeof fromRequire.simdSupported, 'boolean');
  assert.equal(fromRequire.simdSupported, fromImport.simdSupported);
  assert.deepEqual(fromRequire.relu, [0, 1]);
  assert.deepEqual(fromImport.relu, [0, 1]);
  // Record<keyof typeof m, true> with an object literal: a name the types lack is an
  // excess property, one they have beyond the runtime's is a missing property.
  const exact = (names) => `{ ${names.map((n) => `${n}: true`).join(', ')} }`;
  await writeFile(
    join(dir, 'exports-esm.mts'),
    `import * as m from 'activations-wasm';
     export const exact: Record<keyof typeof m, true> = ${exact(fromImport.names)};
     export const simd: boolean = m.simdSupported();
     export const act: Promise<m.Activations> = m.loadActivations();`,
  );
  await writeFile(
    join(dir, 'exports-cjs.cts'),
    `import m = require('activations-wasm');
     export const exact: Record<keyof typeof m, true> = ${exact(fromRequire.names)};
     export const simd: boolean = m.simdSupported();
     export const act: Promise<m.Activations> = m.loadActivations();`,
  );
  await writeFile(
    join(dir, 'tsconfig.exports.json'),
    JSON.stringify({ compilerOptions: { target: 'es2022', module: 'nodenext', moduleResolution: 'nodenext', strict: true, noEmit: true, skipLibCheck: false, traceResolution: false }, files: ['exports-esm.mts', 'exports-cjs.cts'] }),
  );
  execFileSync(join(root, 'node_modules/.bin/tsc'), ['-p', join(dir, 'tsconfig.exports.json')], { cwd: dir, encoding: 'utf8' });
  // And the require types really are the .d.cts (the exports map's "require" condition).
  const trace = execFileSync(join(root, 'node_modules/.bin/tsc'), ['-p', join(dir, 'tsconfig.exports.json'), '--traceResolution'], { cwd: dir, encoding: 'utf8' });
  assert.match(trace, /'activations-wasm' was successfully resolved to '[^']*index\.d\.cts'/);
  assert.match(trace, /'activations-wasm' was successfully resolved to '[^']*index\.d\.ts'/);
});
