// The package in a Web Worker (module worker) in real headless Chromium
// (run: node --test tests/runtimes/worker.test.mjs).
//
// The repository is packed with `npm pack` and installed into an empty temp folder; that
// folder, plus the fixture page and worker (tests/runtimes/fixtures/worker/) and
// fixtures/compute.js, is served with scripts/serve.mjs. The page starts
// `new Worker('./worker.js', { type: 'module' })`; the worker imports
// ./node_modules/activations-wasm/dist/browser.js, computes sigmoid g, g', g'' (and, when the
// package has act.alloc, g and g' in place in wasm memory) and posts the results. They must
// equal, bit for bit as float32, what <repo>/dist/node.js computes with the same build.
// Checked: default load uses SIMD in Chromium and fetches only the SIMD .wasm next to the glue;
// { simd: false } loads and fetches the baseline build; wasmBinary fetched by the worker itself;
// no console errors (page or worker), page errors, failed/foreign requests or HTTP errors.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cp } from 'node:fs/promises';
import path from 'node:path';
import {
  SAMPLE_X,
  assertSameBits,
  checkPrerequisites,
  copyFixture,
  expectedSigmoid,
  fixturesDir,
  hasAlloc,
  launchChromium,
  makeTempDir,
  newWatchedContext,
  packAndInstall,
  reference,
  removeDir,
  serve,
  wasmRequests,
} from './util.mjs';

const STEP_TIMEOUT = 15_000;
const DIST = '/node_modules/activations-wasm/dist/';

let dir;
let server;
let origin;
let browser;
let watched;
let page;
let ref; // { simd, baseline } in Node
const results = {}; // label -> what the worker posted

async function runInWorker(message) {
  return page.evaluate((m) => window.runInWorker(m), message);
}

/** Run one worker and return its result plus the .wasm files fetched meanwhile. */
async function runAndTrack(label, message) {
  const from = watched.requests.length;
  const seen = watched.problems.length;
  const result = await runInWorker(message).catch((e) => {
    const problems = watched.problems.slice(seen);
    throw new Error(`${e.message}${problems.length ? `\nmeanwhile: ${problems.join('\n  ')}` : ''}`);
  });
  results[label] = result;
  return { result, wasm: wasmRequests(watched.requests.slice(from), origin) };
}

function assertMatchesNode(result, act, what) {
  const expected = expectedSigmoid(act);
  assertSameBits(result.forward, expected.forward, `${what}: sigmoid g`);
  assertSameBits(result.derivative, expected.derivative, `${what}: sigmoid g'`);
  assertSameBits(result.second, expected.second, `${what}: sigmoid g''`);
  assertSameBits(result.forwardOfPlainArray, expected.forward, `${what}: sigmoid g of a plain array`);
  assert.equal(result.inputUntouched, true, `${what}: forward() must not modify its input`);
  assert.deepEqual(result.names, act.names, `${what}: names`);
}

before(async () => {
  await checkPrerequisites();
  dir = await makeTempDir('worker');
  await packAndInstall(dir);
  await copyFixture('fixtures/worker', dir);
  await cp(path.join(fixturesDir, 'fixtures', 'compute.js'), path.join(dir, 'compute.js'));
  ref = await reference();

  server = await serve({ root: dir, port: 0 });
  origin = new URL(server.url).origin;
  browser = await launchChromium();
  watched = await newWatchedContext(browser, origin);
  page = await watched.context.newPage();
  await page.goto(new URL('index.html', server.url).href, { waitUntil: 'load' });
  await page.waitForFunction(() => window.workerPageReady === true, null, { timeout: STEP_TIMEOUT });
}, { timeout: 45_000 });

after(async () => {
  await browser?.close();
  await server?.close();
  await removeDir(dir);
});

test('default load in a module worker: SIMD build, values equal Node exactly', { timeout: 20_000 }, async () => {
  const { result, wasm } = await runAndTrack('default', { options: {}, x: SAMPLE_X });
  assert.deepEqual(result.scope, { isWorker: true, hasWindow: false, hasDocument: false, name: 'activations' });
  assert.equal(result.simd, true, 'Chromium has WebAssembly SIMD: the default load must pick the SIMD build');
  assert.deepEqual(result.names, [...ref.simd.names], 'the worker offers the whole catalogue');
  assertMatchesNode(result, ref.simd, 'worker, default');
  assert.deepEqual(wasm, [`${DIST}activations-simd.wasm`], 'the glue fetches the SIMD .wasm next to itself, once');
  // Spot values that do not depend on the build.
  const f32 = (b) => new Float32Array(Uint32Array.of(b).buffer)[0];
  const at = (x) => SAMPLE_X.indexOf(x);
  assert.equal(f32(result.forward[at(0)]), 0.5);
  assert.equal(f32(result.derivative[at(0)]), 0.25);
  assert.equal(f32(result.forward[at(1)]), Math.fround(1 / (1 + Math.exp(-1))));
});

test('{ simd: false } in a module worker: baseline build, values equal Node exactly', { timeout: 20_000 }, async () => {
  const { result, wasm } = await runAndTrack('baseline', { options: { simd: false }, x: SAMPLE_X });
  assert.equal(result.simd, false);
  assertMatchesNode(result, ref.baseline, 'worker, simd: false');
  assert.deepEqual(wasm, [`${DIST}activations-baseline.wasm`], 'only the baseline .wasm is fetched');
});

test('wasmBinary fetched by the worker itself', { timeout: 20_000 }, async () => {
  const binaryUrl = `${DIST}activations-baseline.wasm?fetched-by=worker`;
  const { result, wasm } = await runAndTrack('wasmBinary', { options: { simd: false }, binaryUrl, x: SAMPLE_X });
  assert.equal(result.simd, false);
  assertMatchesNode(result, ref.baseline, 'worker, wasmBinary');
  assert.deepEqual(wasm, [binaryUrl], 'the glue fetches nothing when given wasmBinary');
});

test('act.alloc in the worker: in-place g and g\' equal Node exactly', { timeout: 10_000 }, async (t) => {
  const present = ['default', 'baseline'].map((k) => results[k]?.alloc !== null && results[k]?.alloc !== undefined);
  assert.equal(present[0], present[1], 'alloc present in one build and not the other');
  assert.equal(present[0], hasAlloc(ref.simd), 'alloc present in the worker iff present in Node dist/');
  if (!present[0]) {
    t.skip('act.alloc is not in dist/ yet (the installed package has no zero-copy arrays)');
    return;
  }
  for (const [label, act] of [['default', ref.simd], ['baseline', ref.baseline]]) {
    const { alloc } = results[label];
    const expected = expectedSigmoid(act);
    assert.equal(alloc.length, SAMPLE_X.length, `${label}: alloc(n).length`);
    assertSameBits(alloc.forward, expected.forward, `worker ${label}: in-place g`);
    assertSameBits(alloc.derivative, expected.derivative, `worker ${label}: in-place g'`);
    assert.equal(alloc.disposed, hasAlloc(act) && typeof act.dispose === 'function' ? true : undefined);
  }
});

test('no console errors (page or worker), page errors, failed, foreign or HTTP-error requests', async () => {
  assert.deepEqual(watched.problems, []);
  // Both builds and nothing else were requested besides the page, its scripts and the package.
  const paths = watched.requests.map((u) => new URL(u).pathname);
  assert.ok(paths.every((p) => p === '/index.html' || p === '/worker.js' || p === '/compute.js' || p.startsWith(DIST)), `unexpected requests: ${paths}`);
});
