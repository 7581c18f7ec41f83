// Shared helpers for the runtime tests in tests/runtimes/ (not a test file itself).
//
//   - pack(dest) / install(tarball, dir) / packAndInstall(dir): `npm pack` the repository and
//     `npm install` the tarball into an empty folder, the way a user gets the package;
//   - serve (re-exported from scripts/serve.mjs), freePort(), run(file, args, cwd);
//   - launchChromium() / newWatchedContext(): headless /usr/bin/chromium through playwright-core,
//     with every console error (page and workers), page error, failed or >= 400 response and
//     request to another origin recorded;
//   - reference(): the package's Node entry (<repo>/dist/node.js), both builds, to compare with;
//   - bits() / assertSameBits(): exact float32 comparison through uint32 bit patterns, which
//     survive JSON, structured clone and page.evaluate unchanged (also -0 and NaN payloads).

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createServer } from 'node:net';
import { access, cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { CHROMIUM_PATH, launchChromium } from '../../scripts/chromium.mjs';
import { SAMPLE_X } from './fixtures/compute.js';

export { serve } from '../../scripts/serve.mjs';

const execFileAsync = promisify(execFile);

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const fixturesDir = fileURLToPath(new URL('./', import.meta.url));
export const PACKAGE = 'activations-wasm';

/** Inputs used everywhere (defined next to the fixtures' browser code, which uses them too). */
export { SAMPLE_X, launchChromium };

async function mustExist(file, hint) {
  try {
    await access(file);
  } catch {
    throw new Error(`${file} is missing - ${hint}`);
  }
}

/** Fail early, with a hint, when dist/ or Chromium are not there. */
export async function checkPrerequisites({ browser = true } = {}) {
  for (const f of ['node.js', 'browser.js', 'activations-simd.wasm', 'activations-baseline.wasm']) {
    await mustExist(path.join(repoRoot, 'dist', f), 'run npm run build first');
  }
  if (browser) await mustExist(CHROMIUM_PATH, 'install chromium (apt-get install -y chromium)');
}

/** A fresh temporary folder; remove it with removeDir(). */
export function makeTempDir(label) {
  return mkdtemp(path.join(tmpdir(), `activations-wasm-${label}-`));
}

export function removeDir(dir) {
  return dir ? rm(dir, { recursive: true, force: true }) : undefined;
}

/** A TCP port that was free a moment ago on 127.0.0.1 (for servers that cannot take port 0). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

export async function run(file, args, cwd) {
  return execFileAsync(file, args, { cwd, encoding: 'utf8', maxBuffer: 16 << 20 });
}

async function npm(args, cwd) {
  const { stdout } = await execFileAsync('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 16 << 20,
  });
  return stdout;
}

/** `npm pack` the repository into `dest`: { tarball, files }. */
export async function pack(dest) {
  const [{ filename, files }] = JSON.parse(await npm(['pack', '--json', '--ignore-scripts', '--pack-destination', dest], repoRoot));
  return { tarball: path.join(dest, filename), files: files.map((f) => f.path) };
}

/**
 * `npm install <tarball>` in `dir`; if `dir` has no package.json, an empty private ESM
 * consumer package is written first. Returns the installed package's folder.
 */
export async function install(tarball, dir) {
  try {
    await access(path.join(dir, 'package.json'));
  } catch {
    await writeFile(path.join(dir, 'package.json'), '{ "name": "consumer", "private": true, "type": "module" }\n');
  }
  await npm(['install', tarball], dir);
  const pkgDir = path.join(dir, 'node_modules', PACKAGE);
  await mustExist(path.join(pkgDir, 'dist', 'browser.js'), 'the installed package has no dist/browser.js');
  return pkgDir;
}

/** pack() into `dir` and install() there: { tarball, files, pkgDir }. */
export async function packAndInstall(dir) {
  const { tarball, files } = await pack(dir);
  return { tarball, files, pkgDir: await install(tarball, dir) };
}

/** Copy a fixture folder of tests/runtimes/ into `dest`. */
export function copyFixture(name, dest) {
  return cp(path.join(fixturesDir, name), dest, { recursive: true });
}

/** The Node entry of the working tree, both builds: { simd, baseline }. */
export async function reference() {
  const { loadActivations } = await import(pathToFileURL(path.join(repoRoot, 'dist', 'node.js')).href);
  return { simd: await loadActivations({ simd: true }), baseline: await loadActivations({ simd: false }) };
}

/** Bit patterns (uint32) of float32 values. */
export function bits(values) {
  const f = values instanceof Float32Array ? values : Float32Array.from(values);
  return Array.from(new Uint32Array(f.buffer, f.byteOffset, f.length));
}

function describeBits(b) {
  const v = new Float32Array(Uint32Array.of(b).buffer)[0];
  return `${Object.is(v, -0) ? '-0' : v} (0x${b.toString(16).padStart(8, '0')})`;
}

/** Exact float32 equality of two bit-pattern arrays, with a readable message. */
export function assertSameBits(actual, expected, what, x = SAMPLE_X) {
  assert.ok(Array.isArray(actual), `${what}: expected an array of bit patterns, got ${JSON.stringify(actual)}`);
  assert.equal(actual.length, expected.length, `${what}: length`);
  for (let i = 0; i < actual.length; i++) {
    if (actual[i] !== expected[i]) {
      assert.fail(`${what} at x = ${x[i]}: browser ${describeBits(actual[i])} != Node ${describeBits(expected[i])}`);
    }
  }
}

/** What the fixtures compute for sigmoid, computed in Node: bit patterns. */
export function expectedSigmoid(act, x = SAMPLE_X) {
  const f = act.get('sigmoid');
  const xs = Float32Array.from(x);
  return {
    forward: bits(f.forward(xs)),
    derivative: bits(f.derivative(xs)),
    second: bits(f.derivative(xs, { order: 2 })),
  };
}



/**
 * A browser context that records into `problems` every console error (pages and their
 * dedicated workers), page error, failed request, HTTP status >= 400, and blocks and
 * records any request that leaves `origin`. `requests` receives every requested URL.
 */
export async function newWatchedContext(browser, origin) {
  const problems = [];
  const requests = [];
  const context = await browser.newContext();
  const seenConsole = new WeakSet();
  const onConsole = (where) => (msg) => {
    if (seenConsole.has(msg)) return;
    seenConsole.add(msg);
    if (msg.type() === 'error') problems.push(`console error (${where}): ${msg.text()}`);
  };
  context.on('page', (p) => watchPage(p));
  const watchPage = (p) => {
    p.on('console', onConsole('page'));
    p.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
    p.on('worker', (w) => w.on('console', onConsole(`worker ${w.url()}`)));
  };
  context.on('request', (req) => requests.push(req.url()));
  context.on('requestfailed', (req) => problems.push(`request failed: ${req.url()} (${req.failure()?.errorText})`));
  context.on('response', (res) => {
    if (res.status() >= 400) problems.push(`HTTP ${res.status()}: ${res.url()}`);
  });
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.origin === origin || url.protocol === 'data:' || url.protocol === 'blob:') return route.continue();
    problems.push(`request to another origin: ${url.href}`);
    return route.abort('blockedbyclient');
  });
  return { context, problems, requests };
}

/** Paths (relative to origin) of the .wasm files requested so far. */
export function wasmRequests(requests, origin) {
  return requests.filter((u) => new URL(u).pathname.endsWith('.wasm')).map((u) => u.slice(origin.length));
}

/** Whether the loaded API has the zero-copy arrays (act.alloc / act.dispose). */
export function hasAlloc(act) {
  return typeof act.alloc === 'function';
}
