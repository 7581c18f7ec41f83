// The package bundled by Vite (run: node --test tests/runtimes/vite.test.mjs).
//
// The repository is packed once (`npm pack`); each app is copied into its own empty temp
// folder, the tarball is installed there (`npm install <tarball>`) and the app is built with
// `vite build` (the CLI of <repo>/node_modules/vite). Both apps use fixtures/compute.js.
//
// tests/runtimes/vite-app/ (index.html + main.js): `import { loadActivations } from
// 'activations-wasm'` on the main thread, built WITHOUT its vite.config.js. Checked:
//   - both .wasm files are emitted into dist/assets/, byte-identical with the package's, and
//     each glue chunk refers to its hashed .wasm; no Node built-in (or Vite's stub for one)
//     ends up in the bundle;
//   - the built app, served statically and opened in headless Chromium, loads the SIMD build
//     (fetching only the SIMD .wasm), shows sigmoid(1) and exact results equal to
//     <repo>/dist/node.js; a click loads { simd: false } lazily (only then the baseline .wasm);
//   - the dev server (`vite`, via createServer) works with the fixture's vite.config.js, whose
//     only setting is optimizeDeps.exclude: ['activations-wasm'].
// tests/runtimes/vite-worker-app/ (index.html + main.js + worker.js): the package imported in a
// module worker that Vite bundles, built with its vite.config.js (worker.format: 'es'); both
// builds computed in the worker equal Node's.
// Everywhere: no console errors (pages or workers), page errors, failed, foreign or
// HTTP-error requests.
//
// Bundler recipe found (Vite 7.3):
//   - `vite build`, main thread: nothing to configure. The glue's literal
//     `new URL('activations-*.wasm', import.meta.url)` is rewritten by Vite, which emits both
//     .wasm files (served under a sub-path: set Vite's `base`, as for any asset).
//   - dev server: `optimizeDeps: { exclude: ['activations-wasm'] }`. Pre-bundling moves the
//     glue into node_modules/.vite/deps/, the .wasm URL then points there and the dev server
//     answers with index.html ("CompileError: WebAssembly.instantiate(): expected magic word
//     00 61 73 6d, found 3c 21 64 6f").
//   - in a worker bundled by Vite: `worker: { format: 'es' }`. The default 'iife' fails the
//     build ("Invalid value "iife" for option "worker.format" - UMD and IIFE output formats
//     are not supported for code-splitting builds"), because the package imports each build's
//     glue lazily.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cp, readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { createServer } from 'vite';
import {
  assertSameBits,
  checkPrerequisites,
  expectedSigmoid,
  fixturesDir,
  freePort,
  hasAlloc,
  install,
  launchChromium,
  makeTempDir,
  newWatchedContext,
  pack,
  reference,
  removeDir,
  repoRoot,
  run,
  serve,
  wasmRequests,
} from './util.mjs';

const STEP_TIMEOUT = 15_000;
const APP = path.join(fixturesDir, 'vite-app');
const WORKER_APP = path.join(fixturesDir, 'vite-worker-app');
const VITE_BIN = path.join(repoRoot, 'node_modules', 'vite', 'bin', 'vite.js');

let tmp;
let dir; // the main-thread app
let workerDir; // the worker app
let pkgDir;
let browser;
let ref; // { simd, baseline } in Node
const buildOutput = {};

/** Copy an app (optionally without its vite.config.js), install the package, vite build. */
async function setUpApp(from, to, tarball, { withConfig }) {
  await cp(from, to, { recursive: true, filter: (src) => withConfig || path.basename(src) !== 'vite.config.js' });
  await cp(path.join(fixturesDir, 'fixtures', 'compute.js'), path.join(to, 'compute.js'));
  const installed = await install(tarball, to);
  const { stdout, stderr } = await run(process.execPath, [VITE_BIN, 'build', '--logLevel', 'info'], to).catch((e) => {
    throw new Error(`vite build in ${path.basename(from)} failed:\n${e.stdout ?? ''}${e.stderr ?? ''}`);
  });
  return { installed, output: stdout + stderr };
}

before(async () => {
  await checkPrerequisites();
  tmp = await makeTempDir('vite');
  const { tarball } = await pack(tmp);
  dir = path.join(tmp, 'app');
  workerDir = path.join(tmp, 'worker-app');
  const [app, workerApp] = await Promise.all([
    setUpApp(APP, dir, tarball, { withConfig: false }), // the build must work with no config
    setUpApp(WORKER_APP, workerDir, tarball, { withConfig: true }),
  ]);
  pkgDir = app.installed;
  buildOutput.app = app.output;
  buildOutput.workerApp = workerApp.output;
  ref = await reference();
  browser = await launchChromium();
}, { timeout: 50_000 });

after(async () => {
  await browser?.close();
  await removeDir(tmp);
});

/** Check what the app shows and computed for `label` against Node's `act`. */
async function checkApp(page, label, act, what) {
  const build = act.simd ? 'SIMD' : 'baseline';
  const g1 = act.get('sigmoid').forward([1])[0];
  assert.equal(await page.locator(`#line-${label}`).innerText(), `${label}: ${build} build, sigmoid(1) = ${g1}`, `${what}: ${label} line`);
  const r = JSON.parse(await page.locator('#result').textContent())[label];
  const expected = expectedSigmoid(act);
  assert.equal(r.simd, act.simd, `${what} ${label}: simd`);
  assert.deepEqual(r.names, act.names, `${what} ${label}: names`);
  assertSameBits(r.forward, expected.forward, `${what} ${label}: sigmoid g`);
  assertSameBits(r.derivative, expected.derivative, `${what} ${label}: sigmoid g'`);
  assertSameBits(r.second, expected.second, `${what} ${label}: sigmoid g''`);
  assertSameBits(r.forwardOfPlainArray, expected.forward, `${what} ${label}: sigmoid g of a plain array`);
  if (hasAlloc(act)) {
    assert.ok(r.alloc, `${what} ${label}: act.alloc exists in Node dist/ but not in the bundled package`);
    assertSameBits(r.alloc.forward, expected.forward, `${what} ${label}: in-place g (alloc)`);
    assertSameBits(r.alloc.derivative, expected.derivative, `${what} ${label}: in-place g' (alloc)`);
    assert.equal(r.alloc.disposed, typeof act.dispose === 'function' ? true : undefined, `${what} ${label}: dispose()`);
  } else {
    assert.equal(r.alloc, null);
  }
}

async function waitForState(page, state) {
  await page.waitForFunction((s) => ['error', s].includes(document.body.dataset.state), state, { timeout: STEP_TIMEOUT });
  const got = await page.evaluate(() => document.body.dataset.state);
  assert.equal(got, state, `the app reports: ${await page.locator('#error').innerText()}`);
}

/**
 * Open the app at `url`: default load, then a click for { simd: false }. Returns the .wasm
 * requests made before and after the click (paths), and the problems seen.
 */
async function exerciseApp(url, what) {
  const origin = new URL(url).origin;
  const watched = await newWatchedContext(browser, origin);
  try {
    const page = await watched.context.newPage();
    await page.goto(url, { waitUntil: 'load' });
    await waitForState(page, 'default');
    await checkApp(page, 'default', ref.simd, what);
    const initialWasm = wasmRequests(watched.requests, origin);
    await page.locator('#load-baseline').click();
    await waitForState(page, 'default baseline');
    await checkApp(page, 'baseline', ref.baseline, what);
    const laterWasm = wasmRequests(watched.requests, origin).slice(initialWasm.length);
    assert.equal(await page.locator('#error').innerText(), '');
    return { initialWasm, laterWasm, problems: watched.problems, requests: watched.requests };
  } finally {
    await watched.context.close();
  }
}

test('vite build with no config emits both .wasm files, unchanged', { timeout: 10_000 }, async () => {
  const assets = await readdir(path.join(dir, 'dist', 'assets'));
  const js = assets.filter((f) => f.endsWith('.js'));
  for (const variant of ['simd', 'baseline']) {
    const wasm = assets.filter((f) => new RegExp(`^activations-${variant}-[\\w-]+\\.wasm$`).test(f));
    assert.equal(wasm.length, 1, `dist/assets has one activations-${variant}-<hash>.wasm; assets: ${assets}\n${buildOutput.app}`);
    const emitted = await readFile(path.join(dir, 'dist', 'assets', wasm[0]));
    const original = await readFile(path.join(pkgDir, 'dist', `activations-${variant}.wasm`));
    assert.ok(emitted.equals(original), `${wasm[0]} differs from the package's activations-${variant}.wasm`);
    // The glue chunk of this build points at the emitted file.
    let referenced = false;
    for (const f of js) {
      const code = await readFile(path.join(dir, 'dist', 'assets', f), 'utf8');
      if (code.includes(`new URL("/assets/${wasm[0]}",import.meta.url)`)) referenced = true;
    }
    assert.ok(referenced, `no chunk has new URL("/assets/${wasm[0]}", import.meta.url)`);
  }
  for (const f of js) {
    const code = await readFile(path.join(dir, 'dist', 'assets', f), 'utf8');
    assert.doesNotMatch(code, /\bfrom\s*["']node:|\bimport\(\s*["']node:|require\(\s*["'](?:node:)?(?:fs|path|url)["']\)/, `${f} imports a Node built-in`);
    // Vite replaces Node built-ins with an empty stub (and warns) when a Node entry is bundled.
    assert.doesNotMatch(code, /__vite-browser-external/, `${f} carries a stubbed Node built-in: the Node entry was bundled`);
  }
  assert.doesNotMatch(buildOutput.app, /externalized for browser compatibility/, buildOutput.app);
  assert.doesNotMatch(buildOutput.app, /\berror\b/i, buildOutput.app);
});

test('the built app in Chromium: SIMD by default, baseline on demand, values equal Node', { timeout: 30_000 }, async () => {
  const server = await serve({ root: path.join(dir, 'dist'), port: 0 });
  try {
    const { initialWasm, laterWasm, problems } = await exerciseApp(server.url, 'vite build');
    assert.equal(initialWasm.length, 1, `one .wasm at start: ${initialWasm}`);
    assert.match(initialWasm[0], /^\/assets\/activations-simd-[\w-]+\.wasm$/, 'the default load fetches only the SIMD build');
    assert.equal(laterWasm.length, 1, `one more .wasm after the click: ${laterWasm}`);
    assert.match(laterWasm[0], /^\/assets\/activations-baseline-[\w-]+\.wasm$/, '{ simd: false } fetches the baseline build, lazily');
    assert.deepEqual(problems, []);
  } finally {
    await server.close();
  }
});

test('vite dev server with optimizeDeps.exclude: values equal Node', { timeout: 30_000 }, async () => {
  await cp(path.join(APP, 'vite.config.js'), path.join(dir, 'vite.config.js'));
  const port = await freePort();
  const server = await createServer({ root: dir, logLevel: 'silent', server: { host: '127.0.0.1', port, strictPort: true, hmr: false } });
  try {
    await server.listen();
    assert.deepEqual(server.config.optimizeDeps.exclude, ['activations-wasm'], 'the fixture config was loaded');
    const { initialWasm, laterWasm, problems } = await exerciseApp(`http://127.0.0.1:${port}/`, 'vite dev');
    assert.deepEqual(initialWasm, ['/node_modules/activations-wasm/dist/activations-simd.wasm']);
    assert.deepEqual(laterWasm, ['/node_modules/activations-wasm/dist/activations-baseline.wasm']);
    assert.deepEqual(problems, []);
  } finally {
    await server.close();
  }
});

test('a worker bundled by Vite (worker.format: es): both builds in the worker equal Node', { timeout: 30_000 }, async () => {
  const assets = await readdir(path.join(workerDir, 'dist', 'assets'));
  for (const variant of ['simd', 'baseline']) {
    assert.ok(
      assets.some((f) => new RegExp(`^activations-${variant}-[\\w-]+\\.wasm$`).test(f)),
      `worker app: no activations-${variant}-<hash>.wasm in dist/assets: ${assets}\n${buildOutput.workerApp}`,
    );
  }
  const server = await serve({ root: path.join(workerDir, 'dist'), port: 0 });
  const origin = new URL(server.url).origin;
  const watched = await newWatchedContext(browser, origin);
  try {
    const page = await watched.context.newPage();
    const workers = [];
    page.on('worker', (w) => workers.push(w.url()));
    await page.goto(server.url, { waitUntil: 'load' });
    await waitForState(page, 'default baseline');
    await checkApp(page, 'default', ref.simd, 'vite worker');
    await checkApp(page, 'baseline', ref.baseline, 'vite worker');
    assert.equal(workers.length, 1, `one worker: ${workers}`);
    assert.match(new URL(workers[0]).pathname, /^\/assets\/worker-[\w-]+\.js$/, 'the worker is a bundled asset');
    const wasm = wasmRequests(watched.requests, origin);
    assert.equal(wasm.length, 2, `two .wasm requests: ${wasm}`);
    assert.match(wasm[0], /^\/assets\/activations-simd-[\w-]+\.wasm$/);
    assert.match(wasm[1], /^\/assets\/activations-baseline-[\w-]+\.wasm$/);
    assert.deepEqual(watched.problems, []);
  } finally {
    await watched.context.close();
    await server.close();
  }
});
