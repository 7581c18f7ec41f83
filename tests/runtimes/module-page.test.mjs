// The package in plain <script type="module"> pages, no bundler, in headless Chromium
// (run: node --test tests/runtimes/module-page.test.mjs).
//
// The repository is packed with `npm pack` and installed into an empty temp folder, which is
// served together with the pages of tests/runtimes/fixtures/pages/ and fixtures/compute.js.
// Each page imports ./node_modules/activations-wasm/dist/browser.js by relative path, loads
// the default build and { simd: false }, and shows sigmoid(1) per build in the DOM plus the
// exact results (float32 bit patterns of sigmoid g, g', g'' and, when present, act.alloc in
// place) as JSON in the DOM; these must equal <repo>/dist/node.js with the same build.
//   plain.html       - the glue fetches the .wasm next to itself;
//   locate-file.html - the .wasm files live in ./elsewhere/wasm/, found through locateFile;
//   wasm-binary.html - the page fetches the .wasm bytes itself and passes wasmBinary.
// For each, the .wasm requests made are checked, and no console errors, page errors, failed,
// foreign or HTTP-error requests may occur.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdir } from 'node:fs/promises';
import path from 'node:path';
import {
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
const ELSEWHERE = '/elsewhere/wasm/';

let dir;
let server;
let origin;
let browser;
let ref; // { simd, baseline } in Node

before(async () => {
  await checkPrerequisites();
  dir = await makeTempDir('module-page');
  const { pkgDir } = await packAndInstall(dir);
  await copyFixture('fixtures/pages', dir);
  await cp(path.join(fixturesDir, 'fixtures', 'compute.js'), path.join(dir, 'compute.js'));
  await mkdir(path.join(dir, 'elsewhere', 'wasm'), { recursive: true });
  for (const file of ['activations-simd.wasm', 'activations-baseline.wasm']) {
    await cp(path.join(pkgDir, 'dist', file), path.join(dir, 'elsewhere', 'wasm', file));
  }
  ref = await reference();
  server = await serve({ root: dir, port: 0 });
  origin = new URL(server.url).origin;
  browser = await launchChromium();
}, { timeout: 45_000 });

after(async () => {
  await browser?.close();
  await server?.close();
  await removeDir(dir);
});

/**
 * Open one fixture page in a fresh context, wait for it to finish, check what it shows and
 * computed against Node, and return { page, wasm, problems, results }.
 */
async function openPage(name) {
  const watched = await newWatchedContext(browser, origin);
  const page = await watched.context.newPage();
  await page.goto(new URL(name, server.url).href, { waitUntil: 'load' });
  await page.waitForFunction(() => document.body.dataset.state, null, { timeout: STEP_TIMEOUT });
  const state = await page.evaluate(() => document.body.dataset.state);
  assert.equal(state, 'done', `${name}: the page reports: ${await page.locator('#error').innerText()} ${watched.problems.join('; ')}`);

  // What the page shows, one line per build.
  for (const [label, act, build] of [['default', ref.simd, 'SIMD'], ['baseline', ref.baseline, 'baseline']]) {
    const g1 = act.get('sigmoid').forward([1])[0];
    assert.equal(await page.locator(`#line-${label}`).innerText(), `${label}: ${build} build, sigmoid(1) = ${g1}`, `${name}: ${label} line`);
  }
  assert.equal(await page.locator('#error').innerText(), '');

  // The exact results, from the DOM.
  const results = JSON.parse(await page.locator('#result').textContent());
  for (const [label, act] of [['default', ref.simd], ['baseline', ref.baseline]]) {
    const r = results[label];
    const expected = expectedSigmoid(act);
    assert.equal(r.simd, act.simd, `${name} ${label}: simd`);
    assert.deepEqual(r.names, act.names, `${name} ${label}: names`);
    assertSameBits(r.forward, expected.forward, `${name} ${label}: sigmoid g`);
    assertSameBits(r.derivative, expected.derivative, `${name} ${label}: sigmoid g'`);
    assertSameBits(r.second, expected.second, `${name} ${label}: sigmoid g''`);
    assertSameBits(r.forwardOfPlainArray, expected.forward, `${name} ${label}: sigmoid g of a plain array`);
    assert.equal(r.inputUntouched, true, `${name} ${label}: forward() must not modify its input`);
    if (hasAlloc(act)) {
      assert.ok(r.alloc, `${name} ${label}: act.alloc exists in Node dist/ but not in the installed package`);
      assertSameBits(r.alloc.forward, expected.forward, `${name} ${label}: in-place g (alloc)`);
      assertSameBits(r.alloc.derivative, expected.derivative, `${name} ${label}: in-place g' (alloc)`);
      assert.equal(r.alloc.disposed, typeof act.dispose === 'function' ? true : undefined, `${name} ${label}: dispose()`);
    } else {
      assert.equal(r.alloc, null);
    }
  }
  const wasm = wasmRequests(watched.requests, origin);
  return { page, context: watched.context, wasm, problems: watched.problems, results };
}

test('plain.html: relative import, the glue fetches the .wasm next to itself', { timeout: 20_000 }, async (t) => {
  const { context, wasm, problems, results } = await openPage('plain.html');
  t.after(() => context.close());
  assert.equal(results.default.simd, true, 'Chromium has SIMD: the default load picks the SIMD build');
  assert.deepEqual(wasm, [`${DIST}activations-simd.wasm`, `${DIST}activations-baseline.wasm`]);
  assert.deepEqual(problems, []);
  if (!results.default.alloc) t.diagnostic('act.alloc is not in the installed package (dist/ predates it): in-place path not checked');
});

test('locate-file.html: locateFile serves the .wasm from another folder', { timeout: 20_000 }, async (t) => {
  const { page, context, wasm, problems } = await openPage('locate-file.html');
  t.after(() => context.close());
  assert.deepEqual(wasm, [`${ELSEWHERE}activations-simd.wasm`, `${ELSEWHERE}activations-baseline.wasm`], 'nothing fetched from dist/');
  const calls = await page.evaluate(() => window.locateFileCalls);
  assert.deepEqual(
    calls,
    [
      ['activations-simd.wasm', `${origin}${DIST}`],
      ['activations-baseline.wasm', `${origin}${DIST}`],
    ],
    'locateFile(file, scriptDirectory) is called once per build with the glue folder',
  );
  assert.deepEqual(problems, []);
});

test('wasm-binary.html: wasmBinary fetched by the page; the glue fetches nothing', { timeout: 20_000 }, async (t) => {
  const { context, wasm, problems } = await openPage('wasm-binary.html');
  t.after(() => context.close());
  assert.deepEqual(wasm, [
    `${ELSEWHERE}activations-simd.wasm?fetched-by=page`,
    `${ELSEWHERE}activations-baseline.wasm?fetched-by=page`,
  ]);
  assert.deepEqual(problems, []);
});

test('bad-bytes.html: the other build (given or fetched), truncated bytes and a fetched non-wasm are clear Errors; the console stays empty', { timeout: 20_000 }, async (t) => {
  const watched = await newWatchedContext(browser, origin);
  t.after(() => watched.context.close());
  const page = await watched.context.newPage();
  const said = []; // every console message, not only errors: the glue's "Aborted(…)" must not appear
  page.on('console', (msg) => said.push(`${msg.type()}: ${msg.text()}`));
  await page.goto(new URL('bad-bytes.html', server.url).href, { waitUntil: 'load' });
  await page.waitForFunction(() => document.body.dataset.state, null, { timeout: STEP_TIMEOUT });
  const results = JSON.parse(await page.locator('#result').textContent());
  assert.match(results.otherBuild, /^Error: loadActivations: wasmBinary holds the baseline build but the simd build was asked for/);
  assert.match(results.truncated, /^Error: loadActivations: wasmBinary is not a valid WebAssembly module \(1000 bytes; corrupt or truncated\)$/);
  assert.match(results.notWasmFetched, /^Error: loadActivations: could not instantiate the baseline build: /);
  assert.doesNotMatch(results.notWasmFetched, /ASSERTIONS/);
  assert.equal(results.otherBuildFetched, 'Error: loadActivations: the .wasm loaded for the simd build is the baseline build (check locateFile); pass { simd: false } or serve activations-simd.wasm');
  assert.deepEqual(said, []);
  assert.deepEqual(watched.problems, []);
});
